"""Served as a web page, `o` opens a tab of the page and copying stays in the page's clipboard.

The app decides by Textual's `is_web` (true under textual-serve's driver),
so here it is made true and the page's side is recorded; the real page is
tests/test_serve_chromium.py.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from tests.apps import SIZE, make_app, status
from tui.ui.app import PaperBrowseApp
from tui.ui.effects import RecordingEffects, SystemEffects, WebEffects, effects_for


async def test_served_o_opens_a_new_tab_and_y_leaves_the_system_clipboard_alone(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(PaperBrowseApp, "is_web", property(lambda self: True))
    app, effects, _ = make_app(tmp_path / "d")
    tabs: list[tuple[str, bool]] = []

    def open_url(url: str, *, new_tab: bool = True) -> None:
        tabs.append((url, new_tab))

    monkeypatch.setattr(app, "open_url", open_url)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("o")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert tabs == [("https://arxiv.org/abs/2510.24668", True)]
        assert status(app.browser).startswith("Opening https://arxiv.org/abs/2510.24668")
        await pilot.press("y")
        await app.workers.wait_for_complete()
        assert app.clipboard == "https://arxiv.org/abs/2510.24668"  # OSC 52: the page writes it
    assert effects.opened == [] and effects.copied == []  # no local opener, no pyperclip


def test_the_effects_follow_whether_the_app_is_served() -> None:
    class Served:
        is_web = True

    class InATerminal:
        is_web = False

    recording = RecordingEffects()
    served: Any = Served()
    assert isinstance(effects_for(served, recording), WebEffects)
    assert effects_for(InATerminal(), recording) is recording  # type: ignore[arg-type]
    assert isinstance(effects_for(InATerminal(), SystemEffects()), SystemEffects)  # type: ignore[arg-type]
