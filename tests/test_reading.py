"""Reading state rules: unread counts, filters, next unread, undo, session."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.helpers import write_archive
from tui.store import Store
from tui.store.state import Session
from tui.ui.reading import Reading, next_filter


@pytest.fixture
def reading(tmp_path: Path) -> Reading:
    write_archive(tmp_path / "a", days=3, per_day=4)
    store = Store(tmp_path / "d")
    library, _ = store.open_library([tmp_path / "a"], remember=True)
    return Reading(library, store.state)


def test_unread_counts_follow_marks(reading: Reading) -> None:
    assert [reading.unread_on_day(d) for d in range(3)] == [4, 4, 4]
    reading.set_read([0, 1], True)
    assert reading.unread_on_day(0) == 2
    reading.toggle_read(0)
    assert reading.unread_on_day(0) == 3


def test_filters(reading: Reading) -> None:
    reading.set_read([0], True)
    reading.toggle_star(1)
    assert reading.day_papers(0, "all") == [0, 1, 2, 3]
    assert next_filter("all") == "unread"
    assert reading.day_papers(0, "unread") == [1, 2, 3]
    assert next_filter("unread") == "starred"
    assert reading.day_papers(0, "starred") == [1]
    assert next_filter("starred") == "all"
    assert reading.day_papers(5, "all") == []  # no such day: nothing, not an error


def test_next_unread_crosses_days(reading: Reading) -> None:
    reading.set_read(range(1, 8), True)
    assert reading.next_unread(0, +1) == 8  # first paper of the third day
    assert reading.next_unread(8, -1) == 0
    assert reading.next_unread(11, +1) is None


def test_undo_restores_exactly_what_was_there(reading: Reading) -> None:
    reading.set_read([0], True)
    reading.set_read([0, 1, 2], True, description="day")  # 0 was already read
    assert reading.undo() is not None
    assert reading.is_read(0) and not reading.is_read(1) and not reading.is_read(2)
    reading.toggle_star(3)
    reading.undo()
    assert not reading.is_starred(3)
    reading.undo()
    assert not reading.is_read(0)
    assert reading.undo() is None


def test_automatic_read_marks_are_not_undone(reading: Reading) -> None:
    reading.set_read([0], True, undoable=False)
    assert reading.undo() is None
    assert reading.is_read(0)


def test_notes_and_session_survive_a_restart(reading: Reading, tmp_path: Path) -> None:
    reading.set_note(2, "compare with last week's")
    reading.save_session(2, "unread")
    assert reading.user.flush()
    fresh = Store(tmp_path / "d").state.load()
    assert fresh.notes == {reading.library.key(2): "compare with last week's"}
    assert fresh.session == Session(reading.library.date(2), reading.library.key(2), "unread")
