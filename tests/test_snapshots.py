"""Snapshots of the main screens at a fixed size (pytest-textual-snapshot).

Update after an intended change with `pytest tests/test_snapshots.py --snapshot-update`
and look at the report before committing.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from tests.apps import make_app

SIZE = (140, 40)

pytestmark = pytest.mark.xdist_group("snapshots")


def app_for(tmp_path: Path) -> Any:
    app, _, _ = make_app(tmp_path / "data", discover=False)  # its Related block arrives when it is ready
    return app


def test_main_screen(snap_compare: Any, tmp_path: Path) -> None:
    assert snap_compare(app_for(tmp_path), terminal_size=SIZE, press=["j"])


def test_help_screen(snap_compare: Any, tmp_path: Path) -> None:
    assert snap_compare(app_for(tmp_path), terminal_size=SIZE, press=["question_mark"])


def test_day_without_papers(snap_compare: Any, tmp_path: Path) -> None:
    assert snap_compare(app_for(tmp_path), terminal_size=SIZE, press=["left_square_bracket"])


def test_followup_questions_in_detail(snap_compare: Any, tmp_path: Path) -> None:
    async def scroll_to_questions(pilot: Any) -> None:
        await pilot.press(*["left_square_bracket"] * 5, "tab")
        await pilot.pause(0.2)  # the detail pane lays out the new paper before End measures it
        await pilot.press("end")
        await pilot.pause(0.2)

    assert snap_compare(app_for(tmp_path), terminal_size=SIZE, run_before=scroll_to_questions)


def test_search_view(snap_compare: Any, tmp_path: Path) -> None:
    async def type_query(pilot: Any) -> None:
        from textual.widgets import Input

        await pilot.pause()
        pilot.app.screen.query_one(Input).cursor_blink = False  # a blinking cursor is not a stable picture
        await pilot.press("slash", *"agent -web")
        await pilot.app.workers.wait_for_complete()
        await pilot.pause(0.3)

    assert snap_compare(app_for(tmp_path), terminal_size=SIZE, run_before=type_query)


def test_narrow_terminal(snap_compare: Any, tmp_path: Path) -> None:
    assert snap_compare(app_for(tmp_path), terminal_size=(80, 24))
