"""What the user can change in state.json, each change in two forms.

A change is applied to the file's freshly read tables under the lock
(`apply`) and, so the screen shows it at once, to the in-memory snapshot
(`update`) before the file is written.  Both forms are idempotent.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

from tui.store import state_tables as t
from tui.store.state_snapshot import Session, StarInfo, StateSnapshot
from tui.store.state_tables import Tables


class Change(Protocol):
    """One change to the user's state."""

    def apply(self, tables: Tables) -> None:
        """Make the change in the file's tables (fresh, under the lock)."""

    def update(self, snapshot: StateSnapshot) -> None:
        """Make the same change in memory."""


@dataclass(frozen=True, slots=True)
class SetStarred:
    """Star or unstar papers; a star keeps the paper's date and title."""

    papers: tuple[StarInfo, ...]
    starred: bool

    def apply(self, tables: Tables) -> None:
        """Upsert or remove the papers' star documents."""
        if self.starred:
            at = t.now()
            docs = ({"key": p.key, "date": p.date, "title": p.title, "at": at} for p in self.papers)
            t.upsert(tables, "stars", docs)
        else:
            t.remove(tables, "stars", (p.key for p in self.papers))

    def update(self, snapshot: StateSnapshot) -> None:
        """The same in memory."""
        for info in self.papers:
            if self.starred:
                snapshot.stars[info.key] = info
            else:
                snapshot.stars.pop(info.key, None)


@dataclass(frozen=True, slots=True)
class SetRead:
    """Mark papers read or unread."""

    keys: tuple[str, ...]
    read: bool

    def apply(self, tables: Tables) -> None:
        """Add the missing read documents, or remove them."""
        if self.read:
            at = t.now()
            t.add_missing(tables, "read", ({"key": key, "at": at} for key in self.keys))
        else:
            t.remove(tables, "read", self.keys)

    def update(self, snapshot: StateSnapshot) -> None:
        """The same in memory."""
        if self.read:
            snapshot.read.update(self.keys)
        else:
            snapshot.read.difference_update(self.keys)


@dataclass(frozen=True, slots=True)
class SetNote:
    """Save a note; an empty (or blank) note removes it."""

    key: str
    text: str

    def apply(self, tables: Tables) -> None:
        """Upsert or remove the note document."""
        if self.text.strip():
            t.upsert(tables, "notes", [{"key": self.key, "text": self.text, "at": t.now()}])
        else:
            t.remove(tables, "notes", [self.key])

    def update(self, snapshot: StateSnapshot) -> None:
        """The same in memory."""
        if self.text.strip():
            snapshot.notes[self.key] = self.text
        else:
            snapshot.notes.pop(self.key, None)


@dataclass(frozen=True, slots=True)
class AddSources:
    """Remember digest locations for later runs with no PATH."""

    paths: tuple[str, ...]

    def apply(self, tables: Tables) -> None:
        """Add the paths not remembered yet."""
        t.add_missing(tables, "sources", ({"path": path} for path in self.paths), field="path")

    def update(self, snapshot: StateSnapshot) -> None:
        """The same in memory."""
        snapshot.sources = list(dict.fromkeys([*snapshot.sources, *self.paths]))


@dataclass(frozen=True, slots=True)
class SaveSession:
    """Remember the current day, paper, filter and sidebar unit."""

    session: Session

    def apply(self, tables: Tables) -> None:
        """The session table holds this one document."""
        s = self.session
        t.replace_all(tables, "session", [{"date": s.date, "key": s.key, "filter": s.filter, "unit": s.unit}])

    def update(self, snapshot: StateSnapshot) -> None:
        """The same in memory."""
        snapshot.session = self.session
