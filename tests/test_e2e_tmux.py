"""End to end in a real terminal: the installed `paperbrowse` inside tmux.

Starts the real console script in a detached tmux server of its own
(`-L <socket> -f /dev/null`), with `set-clipboard on` so OSC 52 copies land
in tmux's paste buffer, and a recording `$BROWSER`.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

from tui.ui.launch import SAMPLES

pytestmark = [
    pytest.mark.e2e,
    pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux is not installed"),
]

PAPERBROWSE = Path(sys.executable).with_name("paperbrowse")


class Tmux:
    """A private tmux server running one command in a 160x50 window."""

    def __init__(self, socket: str) -> None:
        self.socket = socket

    def run(self, *args: str) -> str:
        return subprocess.run(
            ["tmux", "-L", self.socket, *args], capture_output=True, text=True, check=True, timeout=10
        ).stdout

    def keys(self, *keys: str) -> None:
        for key in keys:  # one at a time: Escape followed by a key would arrive as Alt+key
            self.run("send-keys", "-t", "pb", key)
            time.sleep(0.15)

    def screen(self) -> str:
        return self.run("capture-pane", "-p", "-t", "pb")

    def wait_for(self, text: str, timeout: float = 20) -> str:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            screen = self.screen()
            if text in screen:
                return screen
            time.sleep(0.1)
        raise AssertionError(f"{text!r} never appeared on screen:\n{self.screen()}")


def start_tmux(tmp_path: Path, source: Path, extra_env: dict[str, str] | None = None) -> tuple[Tmux, Path]:
    """paperbrowse on `source` in a private tmux server; returns it and the browser-call log."""
    socket = f"pb-test-{uuid.uuid4().hex[:8]}"
    calls = tmp_path / "browser-calls.txt"
    recorder = tmp_path / "record-browser"
    recorder.write_text(f'#!/bin/sh\nprintf "%s\\n" "$1" >> {calls}\n')
    recorder.chmod(0o755)
    env = {
        **os.environ,
        "BROWSER": str(recorder),
        "PAPERBROWSE_DATA_DIR": str(tmp_path / "data"),
        "TERM": "xterm-256color",
    }
    env.update(extra_env or {})
    env.pop("DISPLAY", None)  # a headless terminal: the clipboard must still work (OSC 52)
    for name in ("COLUMNS", "LINES"):  # Textual would believe these over the terminal
        env.pop(name, None)
    command = f"{PAPERBROWSE} {source}; echo EXITED $?; sleep 30"
    subprocess.run(
        [
            "tmux",
            "-L",
            socket,
            "-f",
            "/dev/null",
            "new-session",
            "-d",
            "-s",
            "pb",
            "-x",
            "160",
            "-y",
            "50",
            command,
        ],
        check=True,
        env=env,
        timeout=10,
    )
    session = Tmux(socket)
    session.run("set", "-g", "set-clipboard", "on")
    session.run("set", "-g", "allow-rename", "on")  # so a title sequence, if one got out, would show
    return session, calls


@pytest.fixture
def tmux(tmp_path: Path) -> Iterator[tuple[Tmux, Path]]:
    session, calls = start_tmux(tmp_path, SAMPLES)
    try:
        yield session, calls
    finally:
        subprocess.run(["tmux", "-L", session.socket, "kill-server"], capture_output=True, check=False)


def test_navigate_copy_open_and_quit_in_a_real_terminal(tmux: tuple[Tmux, Path]) -> None:
    session, calls = tmux
    session.wait_for("InteractComp: Evaluating Search Agents")  # the first frame
    session.keys("j")
    screen = session.wait_for("Tongyi DeepResearch Technical Report")
    assert "2025-10-29" in screen
    session.keys("y")
    session.wait_for("arXiv link copied")
    assert session.run("show-buffer").strip() == "https://arxiv.org/abs/2510.24701"
    session.keys("o")
    deadline = time.monotonic() + 10
    while not (calls.exists() and calls.read_text().strip()) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert calls.read_text().split() == ["https://arxiv.org/abs/2510.24701"]
    session.keys("[")
    session.wait_for("lists no papers")  # 2025-10-15 has a heading and no rows
    session.keys("[")
    session.wait_for("2025-03-14 · 28 papers")
    session.keys("?")
    session.wait_for("Focus the next column")
    session.keys("Escape")
    session.keys("q")
    session.wait_for("EXITED 0")


HOSTILE_DAY = (
    "## Papers for 2025-01-02\n\n| Title | Authors | Summary |\n|---|---|---|\n"
    "| Harmless looking\x1b]52;c;ZXZpbA==\x07 title\x1b]2;pwned\x07 (Read more on "
    "[arXiv](https://arxiv.org/abs/2501.00001)) | Ann\x1b]0;pwned-too\x07 Lee, Bob\x9b2J Roe | "
    "The paper introduces X\x1b[2J\x1b[H. Results show 5%. |\n"
)


def test_a_hostile_digest_cannot_write_the_clipboard_or_the_title(tmp_path: Path) -> None:
    folder = tmp_path / "hostile"
    folder.mkdir()
    (folder / "2025-01-02.md").write_text(HOSTILE_DAY, encoding="utf-8")
    session, _ = start_tmux(tmp_path, folder)
    try:
        title_before = session.run("display", "-p", "-t", "pb", "#{pane_title}").strip()
        session.wait_for("Harmless looking")
        session.keys("tab", "end", "tab")  # the detail pane, scrolled, with the authors and summary
        session.wait_for("introduces X")
        time.sleep(0.5)
        buffers = subprocess.run(
            ["tmux", "-L", session.socket, "show-buffer"], capture_output=True, text=True, check=False
        )
        assert "evil" not in buffers.stdout and buffers.returncode != 0  # no OSC 52 reached tmux
        assert session.run("display", "-p", "-t", "pb", "#{pane_title}").strip() == title_before
        assert "pwned" not in session.run("list-windows", "-F", "#{window_name}")
        session.keys("q")
        session.wait_for("EXITED 0")
    finally:
        subprocess.run(["tmux", "-L", session.socket, "kill-server"], capture_output=True, check=False)


def test_tags_a_feed_and_a_hide_rule_survive_a_restart(tmp_path: Path) -> None:
    session, _ = start_tmux(tmp_path, SAMPLES)
    try:
        session.wait_for("InteractComp: Evaluating Search Agents")
        session.keys("t", *"survey", "Enter")
        session.wait_for("#survey")
        session.keys("j", "t", *"survey", "Enter")
        session.keys("/", *"agent")
        session.wait_for("result")
        session.keys("Enter", "F")
        session.wait_for("Save this search as a feed")
        session.keys("Enter")
        session.wait_for("saved")
        session.keys("/", "C-u", *"title:interactcomp")
        session.wait_for("1 result")
        session.keys("Enter", "H")
        session.wait_for("Hiding")
        session.keys("Escape")
        session.keys("q")
        session.wait_for("EXITED 0")
    finally:
        subprocess.run(["tmux", "-L", session.socket, "kill-server"], capture_output=True, check=False)
    again, _ = start_tmux(tmp_path, SAMPLES)
    try:
        screen = again.wait_for("1 agent")  # the feed, above the days
        assert "1 hidden" in again.wait_for("1 hidden")  # InteractComp is left out of its day
        assert "InteractComp" not in screen.split("│")[0]
        again.wait_for("#survey")  # the second paper's tag (the first is hidden)
        again.keys("i")
        again.wait_for("InteractComp")
        assert again.screen().count("#survey") >= 2
        again.keys("q")
        again.wait_for("EXITED 0")
    finally:
        subprocess.run(["tmux", "-L", again.socket, "kill-server"], capture_output=True, check=False)


def script(path: Path, body: str) -> Path:
    path.write_text("#!/bin/sh\n" + body)
    path.chmod(0o755)
    return path


def test_E_edits_the_note_in_the_users_editor_and_a_failing_editor_changes_nothing(tmp_path: Path) -> None:
    calls = tmp_path / "editor-calls.txt"
    editor = script(tmp_path / "editor", f'echo "$@" >> {calls}\nprintf "from my editor\\n" >> "$1"\n')
    session, _ = start_tmux(tmp_path, SAMPLES, {"VISUAL": "", "EDITOR": str(editor)})
    try:
        session.wait_for("InteractComp: Evaluating Search Agents")
        session.keys("E")
        session.wait_for("Note saved")
        session.wait_for("from my editor")  # in the detail pane, the browser back where it was
        assert ".md" in calls.read_text()  # the editor got a file, not the terminal's stdin
        script(editor, "exit 3\n")  # an editor that fails leaves the note as it was
        session.keys("E")
        session.wait_for("Note unchanged")
        assert "from my editor" in session.screen()
        session.keys("q")
        session.wait_for("EXITED 0")
    finally:
        subprocess.run(["tmux", "-L", session.socket, "kill-server"], capture_output=True, check=False)


def test_a_terminal_browser_runs_in_the_terminal_and_the_browser_resumes(tmp_path: Path) -> None:
    calls = tmp_path / "w3m-calls.txt"
    browser = script(tmp_path / "w3m", f'echo "$1" >> {calls}\necho "TERMINAL BROWSER HERE"\nsleep 1\n')
    config = tmp_path / "config.toml"
    config.write_text(f'browser = "{browser} {{url}}"\n')  # named w3m: a terminal browser
    session, _ = start_tmux(tmp_path, SAMPLES, {"PAPERBROWSE_CONFIG": str(config)})
    try:
        session.wait_for("InteractComp: Evaluating Search Agents")
        session.keys("o")
        session.wait_for("TERMINAL BROWSER HERE")
        session.wait_for("InteractComp: Evaluating Search Agents")  # back, where it was
        assert calls.read_text().split() == ["https://arxiv.org/abs/2510.24668"]
        session.keys("q")
        session.wait_for("EXITED 0")
    finally:
        subprocess.run(["tmux", "-L", session.socket, "kill-server"], capture_output=True, check=False)
