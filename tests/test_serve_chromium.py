"""`paperbrowse serve` in a real headless Chromium: what a person sees on the page, and what keys do.

Each test starts `paperbrowse serve` on a free port with a fresh data dir
(a tab's paperbrowse remembers where it was, so tests would otherwise see
each other's position) and opens the page in one shared Chromium profile.
The screen is read from the page's xterm.js terminal (tests/chromium.py).
Skipped, with the reason, when chromium or playwright is missing.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.chromium import Browser, Terminal, chromium, missing, open_page, panes
from tests.serving import Served, serve
from tui.ui.launch import SAMPLES

REASON = missing()
pytestmark = [
    pytest.mark.e2e,
    pytest.mark.skipif(REASON is not None, reason=REASON or ""),
    pytest.mark.xdist_group("chromium"),  # one worker, one browser for the module
]

FIRST = "https://arxiv.org/abs/2510.24668"  # InteractComp, the first paper of 2025-10-29


@pytest.fixture(scope="module")
def browser(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Browser]:
    with chromium(tmp_path_factory.mktemp("chromium-profile")) as opened:
        yield opened


@pytest.fixture
def clipboard_spy(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A desktop's clipboard tools that only record: served, paperbrowse must not run them.

    With DISPLAY set and `xclip`/`xsel` on PATH, pyperclip would call them if
    anything in paperbrowse asked it to copy on the machine serving the page.
    """
    calls = tmp_path / "clipboard-calls.txt"
    tools = tmp_path / "bin"
    tools.mkdir()
    for name in ("xclip", "xsel", "wl-copy"):
        tool = tools / name
        tool.write_text(f'#!/bin/sh\necho "{name} $*" >> {calls}\ncat > /dev/null\n')
        tool.chmod(tool.stat().st_mode | stat.S_IXUSR)
    monkeypatch.setenv("PATH", f"{tools}{os.pathsep}{os.environ['PATH']}")
    monkeypatch.setenv("DISPLAY", ":99")
    return calls


@pytest.fixture
def served(tmp_path: Path, clipboard_spy: Path) -> Iterator[Served]:
    with serve(tmp_path, str(SAMPLES)) as server:
        yield server


@pytest.fixture
def terminal(browser: Browser, served: Served) -> Iterator[Terminal]:
    page = open_page(browser, served.url)
    try:
        yield page
    finally:
        page.page.close()


def test_the_page_shows_the_three_panes_of_the_sample_days(terminal: Terminal) -> None:
    days, papers, detail = panes(terminal.screen())
    assert "2025-10-29" in days and "2024-09-05" in days
    assert "InteractComp: Evaluating Search Agents" in papers
    assert "InteractComp: Evaluating Search Agents" in detail
    assert "TL;DR" in detail and "Objective" in detail


def test_j_moves_to_the_next_paper(terminal: Terminal) -> None:
    terminal.press("j")
    screen = terminal.wait_for("arxiv.org/abs/2510.24701")  # its link, in the detail pane
    _, _, detail = panes(screen)
    assert "Tongyi DeepResearch" in detail
    assert "InteractComp" not in detail


def test_slash_searches_every_day_as_you_type(terminal: Terminal) -> None:
    terminal.press("/")
    terminal.type("agent")
    screen = terminal.wait_for("results")
    assert "agent" in screen
    assert "AgentFold" in screen  # a match from the list of results


def test_y_copies_into_the_clipboard_of_the_browser(
    terminal: Terminal, browser: Browser, served: Served, clipboard_spy: Path
) -> None:
    browser.context.grant_permissions(["clipboard-read", "clipboard-write"], origin=served.url)
    terminal.press("y")
    terminal.wait_for(f"arXiv link copied: {FIRST}")
    # OSC 52 went through textual-serve to the page, whose xterm.js wrote the browser's clipboard.
    assert terminal.page.evaluate("navigator.clipboard.readText()") == FIRST
    assert not clipboard_spy.exists()  # and nothing ran the serving machine's clipboard tools


def test_o_opens_the_paper_in_a_new_tab(terminal: Terminal, browser: Browser, clipboard_spy: Path) -> None:
    browser.opened.clear()
    with browser.context.expect_page(timeout=15_000) as new_tab:
        terminal.press("o")
    tab = new_tab.value
    tab.wait_for_load_state()
    assert tab.url == FIRST
    assert browser.opened == [FIRST]
    terminal.wait_for(f"Opening {FIRST}")
    tab.close()
    assert not clipboard_spy.exists()
