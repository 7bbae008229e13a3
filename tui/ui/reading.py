"""The browser's model: the library plus the user's marks, filters and undo.

No Textual here, so the rules (what a filter shows, what counts as unread,
what undo restores) are unit-tested without a terminal.  Every change is
written through `UserState`, which locks, merges with the file on disk and
writes atomically.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Final, Literal

from tui.store.library import Library
from tui.store.state import Session, StarInfo, UserState

Filter = Literal["all", "unread", "starred"]
FILTERS: Final[tuple[Filter, ...]] = ("all", "unread", "starred")


@dataclass(frozen=True, slots=True)
class Change:
    """One undoable change: which marks were set, and what they were before."""

    kind: Literal["read", "star"]
    keys: tuple[str, ...]
    before: tuple[bool, ...]
    description: str


class Reading:
    """What the user sees of the library, and the marks they make on it."""

    def __init__(self, library: Library, user: UserState) -> None:
        self.library = library
        self.user = user
        self.filter: Filter = "all"
        self.undo_stack: list[Change] = []
        self._unread_by_day: dict[int, int] = {}

    # -- marks ----------------------------------------------------------------------

    def is_read(self, index: int) -> bool:
        """True once the paper at `index` has been read."""
        return self.library.key(index) in self.user.snapshot.read

    def is_starred(self, index: int) -> bool:
        """True when the paper at `index` is starred."""
        return self.library.key(index) in self.user.snapshot.stars

    def note(self, index: int) -> str:
        """The user's note on the paper at `index` ('' when none)."""
        return self.user.snapshot.notes.get(self.library.key(index), "")

    def unread_on_day(self, day_position: int) -> int:
        """How many papers of a day are unread (cached until marks change)."""
        count = self._unread_by_day.get(day_position)
        if count is None:
            read = self.user.snapshot.read
            key = self.library.key
            count = sum(1 for i in self.library.days[day_position].indices if key(i) not in read)
            self._unread_by_day[day_position] = count
        return count

    def _marks_changed(self) -> None:
        self._unread_by_day.clear()

    def replace_library(self, library: Library) -> None:
        """Use a newer library (after a sync); marks live in state and carry over."""
        self.library = library
        self._unread_by_day.clear()

    # -- lists ----------------------------------------------------------------------

    def passes_filter(self, index: int) -> bool:
        """Whether the current filter shows the paper at `index`."""
        if self.filter == "unread":
            return not self.is_read(index)
        if self.filter == "starred":
            return self.is_starred(index)
        return True

    def filtered(self, indices: Iterable[int]) -> list[int]:
        """`indices` the current filter lets through, in order."""
        if self.filter == "all":
            return list(indices)
        return [i for i in indices if self.passes_filter(i)]

    def day_papers(self, day_position: int) -> list[int]:
        """The papers of a day the current filter shows."""
        return self.filtered(self.library.days[day_position].indices)

    def cycle_filter(self) -> Filter:
        """All -> unread -> starred -> all."""
        self.filter = FILTERS[(FILTERS.index(self.filter) + 1) % len(FILTERS)]
        return self.filter

    def next_unread(self, after: int, direction: int) -> int | None:
        """The next unread paper after (or before) index `after`, across days."""
        total = len(self.library)
        position = after + direction
        while 0 <= position < total:
            if not self.is_read(position):
                return position
            position += direction
        return None

    # -- changes --------------------------------------------------------------------

    def _record(self, kind: Literal["read", "star"], keys: Sequence[str], description: str) -> None:
        snapshot = self.user.snapshot
        before = tuple((k in snapshot.read) if kind == "read" else (k in snapshot.stars) for k in keys)
        self.undo_stack.append(Change(kind, tuple(keys), before, description))
        del self.undo_stack[:-100]

    def _star_infos(self, indices: Sequence[int]) -> list[StarInfo]:
        return [StarInfo(self.library.key(i), self.library.date(i), self.library.title(i)) for i in indices]

    def set_read(
        self, indices: Sequence[int], read: bool, *, undoable: bool = True, description: str = ""
    ) -> None:
        """Mark papers read or unread (recorded for undo unless automatic)."""
        keys = list(dict.fromkeys(self.library.key(i) for i in indices))
        if undoable:
            self._record("read", keys, description or ("marked read" if read else "marked unread"))
        self.user.set_read(keys, read)
        self._marks_changed()

    def toggle_read(self, index: int) -> bool:
        """Flip the read mark; returns the new state."""
        read = not self.is_read(index)
        self.set_read([index], read)
        return read

    def toggle_star(self, index: int) -> bool:
        """Flip the star; returns the new state."""
        starred = not self.is_starred(index)
        key = self.library.key(index)
        self._record("star", [key], "starred" if starred else "unstarred")
        self.user.set_starred(self._star_infos([index]), starred)
        return starred

    def set_note(self, index: int, text: str) -> None:
        """Save (or, when blank, remove) the note on a paper."""
        self.user.set_note(self.library.key(index), text)

    def undo(self) -> Change | None:
        """Restore the marks of the last change; returns it (None if nothing to undo)."""
        if not self.undo_stack:
            return None
        change = self.undo_stack.pop()
        for value in (True, False):
            keys = [k for k, was in zip(change.keys, change.before, strict=True) if was is value]
            if not keys:
                continue
            if change.kind == "read":
                self.user.set_read(keys, value)
            else:
                infos = []
                for key in keys:
                    where = self.library.indices_by_key.get(key)
                    infos.append(self._star_infos(where[:1])[0] if where else StarInfo(key, "", ""))
                self.user.set_starred(infos, value)
        self._marks_changed()
        return change

    def save_session(self, index: int | None) -> None:
        """Remember the day and paper on screen, and the filter."""
        if index is None or not len(self.library):
            self.user.save_session(Session(None, None, self.filter))
            return
        self.user.save_session(Session(self.library.date(index), self.library.key(index), self.filter))
