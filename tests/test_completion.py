"""`paperbrowse --help` and shell completion: every subcommand, one line each, completed in every shell.

argcomplete's scripts hold no list of commands (they ask `paperbrowse` on
each Tab), so what is tested is what the shell gets back: first by running
`paperbrowse` as each shell's script does, then, where tmux and the shell
are installed, by pressing Tab in the real shell.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest

from tests.serving import PAPERBROWSE
from tui.cli import HANDLERS, main
from tui.cli.completion_command import SHELLS


def test_help_lists_every_subcommand_with_one_line_of_help() -> None:
    result = subprocess.run(
        [str(PAPERBROWSE), "--help"],
        capture_output=True,
        text=True,
        check=True,
        env={**os.environ, "COLUMNS": "80"},  # a common terminal: no help line may wrap
    )
    lines = result.stdout.splitlines()
    block = lines[lines.index("  COMMAND") + 1 : lines.index("options:") - 1]
    listed = {}
    for line in block:
        match = re.fullmatch(r"    (\S+)\s+(\S.*)", line)
        assert match, f"a subcommand's help runs onto a second line: {line!r}"
        listed[match[1]] = match[2]
    assert set(listed) == set(HANDLERS)
    assert all(len(text) > 10 for text in listed.values()), listed


@pytest.mark.parametrize("shell", SHELLS)
def test_each_shell_gets_its_script(shell: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["completion", shell]) == 0
    script = capsys.readouterr().out
    marker = {
        "bash": "complete -o nospace -o default -o bashdefault -F _python_argcomplete paperbrowse",
        "zsh": "#compdef paperbrowse",
        "fish": "complete --command paperbrowse",
    }[shell]
    assert marker in script


def test_an_unknown_shell_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exited:
        main(["completion", "tcsh"])
    assert exited.value.code == 2
    assert "invalid choice: 'tcsh' (choose from 'bash', 'zsh', 'fish')" in capsys.readouterr().err


def complete(tmp_path: Path, shell: str, line: str) -> list[str]:
    """What `paperbrowse` answers a shell's Tab at the end of `line` (as the shell's script runs it)."""
    out = tmp_path / f"completions-{uuid.uuid4().hex}"
    env = {
        **os.environ,
        "_ARGCOMPLETE": "1",
        "_ARGCOMPLETE_SHELL": shell,
        "_ARGCOMPLETE_IFS": "\n",
        "COMP_LINE": line,
        "COMP_POINT": str(len(line)),
        "_ARGCOMPLETE_STDOUT_FILENAME": str(out),
    }
    subprocess.run([str(PAPERBROWSE)], env=env, check=True, capture_output=True, timeout=30, cwd=tmp_path)
    # zsh and fish get "name:description" / "name<TAB>description"; the name is what is typed.
    return [re.split(r"(?<!\\):|\t", entry)[0].strip() for entry in out.read_text().splitlines()]


@pytest.mark.parametrize("shell", SHELLS)
def test_tab_completes_every_subcommand_and_their_options(tmp_path: Path, shell: str) -> None:
    assert set(HANDLERS) <= set(complete(tmp_path, shell, "paperbrowse "))
    assert complete(tmp_path, shell, "paperbrowse se") == ["search", "serve"]
    assert set(complete(tmp_path, shell, "paperbrowse serve --")) >= {"--host", "--port"}
    assert complete(tmp_path, shell, "paperbrowse export --format b") == ["bibtex"]


def test_tab_completes_a_path_where_the_command_would_go(tmp_path: Path) -> None:
    (tmp_path / "digests").mkdir()
    assert complete(tmp_path, "bash", "paperbrowse dig") == ["digests/"]  # `paperbrowse PATH` browses it
    assert "digests/" not in complete(tmp_path, "bash", "paperbrowse ")  # a bare Tab: commands only


@pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux is not installed")
@pytest.mark.parametrize("shell", SHELLS)
def test_tab_in_the_real_shell(tmp_path: Path, shell: str) -> None:
    if shutil.which(shell) is None:
        pytest.skip(f"{shell} is not installed")
    setup = {
        "bash": "source <(paperbrowse completion bash)",
        "zsh": "autoload -U compinit && compinit -u && source <(paperbrowse completion zsh)",
        "fish": "paperbrowse completion fish | source",
    }[shell]
    start = {"bash": "bash --norc --noprofile", "zsh": "zsh -f", "fish": "fish --no-config"}[shell]
    socket = f"pb-complete-{uuid.uuid4().hex[:8]}"
    env = {
        "HOME": str(tmp_path),
        "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}",
        "TERM": "xterm-256color",
        "PS1": "$ ",
    }

    def tmux(*args: str) -> str:
        return subprocess.run(
            ["tmux", "-L", socket, *args], capture_output=True, text=True, check=True, timeout=10
        ).stdout

    subprocess.run(
        ["tmux", "-L", socket, "-f", "/dev/null", "new-session", "-d", "-x", "120", "-y", "20", start],
        env=env,
        cwd=tmp_path,
        check=True,
        timeout=10,
    )
    try:
        time.sleep(0.5)
        tmux("send-keys", setup, "Enter")
        time.sleep(1)
        tmux("send-keys", "paperbrowse compl", "Tab")  # "comp" is also compare
        deadline = time.monotonic() + 15
        screen = ""
        while time.monotonic() < deadline:
            screen = tmux("capture-pane", "-p")
            if "paperbrowse completion" in screen:
                break
            time.sleep(0.2)
        assert "paperbrowse completion" in screen, screen
        tmux("send-keys", "f", "Tab")
        time.sleep(1.5)
        assert "paperbrowse completion fish" in tmux("capture-pane", "-p")
    finally:
        subprocess.run(["tmux", "-L", socket, "kill-server"], capture_output=True, check=False)


def test_ordinary_runs_import_neither_argcomplete_nor_textual_serve(tmp_path: Path) -> None:
    code = (
        "import sys\n"
        "from tui.cli import main\n"
        f"main(['--data-dir', {str(tmp_path)!r}, 'tags'])\n"
        "main(['--data-dir', sys.argv[1], 'search', 'agent'])\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('argcomplete', 'textual_serve', 'aiohttp')))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code, str(tmp_path)], capture_output=True, text=True, check=True, timeout=30
    )
    assert result.stdout.strip().splitlines()[-1] == "[]"
