"""The browser's model: the library plus the user's marks, and undo.

No Textual here, so the rules (what a filter shows, what counts as unread,
what undo restores) are unit-tested without a terminal.  Every change goes
to `UserState.submit`: shown at once, written by a background thread that
locks, merges with the file on disk and writes atomically.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Final, Literal

from tui.digest.text import single_line
from tui.store.library import Library
from tui.store.organiser import Organiser
from tui.store.state import Session, StarInfo, UserState
from tui.words import counted

if TYPE_CHECKING:
    from tui.digest.meta import PaperMeta
    from tui.store.metadata import MetadataStore

Filter = Literal["all", "unread", "starred"]
FILTERS: Final[tuple[Filter, ...]] = ("all", "unread", "starred")
UNDO_DEPTH: Final = 100


@dataclass(frozen=True, slots=True)
class Change:
    """One undoable change: which marks were set, and what they were before."""

    kind: Literal["read", "star"]
    keys: tuple[str, ...]
    before: tuple[bool, ...]
    description: str  # what undo undid: "Undid marking 23 papers read."


def next_filter(current: Filter) -> Filter:
    """All -> unread -> starred -> all."""
    return FILTERS[(FILTERS.index(current) + 1) % len(FILTERS)]


class Reading:
    """What the user sees of the library, and the marks they make on it."""

    def __init__(self, library: Library, user: UserState, metadata: MetadataStore | None = None) -> None:
        self.library = library
        self.user = user
        self.metadata = metadata  # what arXiv and Hugging Face said; opened after the first frame
        self.meta_ready = False
        self.organiser = Organiser(library, user)
        self.undo_stack: list[Change] = []
        self._unread_by_day: dict[int, int] = {}
        self._unread_in: dict[tuple[int, int], tuple[int, int]] = {}  # span -> (shown, unread)

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

    def stars_in_library(self) -> int:
        """How many starred papers are in these digests (what "For you" learns from)."""
        by_key = self.library.indices_by_key
        return sum(1 for key in self.user.snapshot.stars if key in by_key)

    def unread_in(self, indices: range) -> int:
        """How many papers of a run (a week, a month) are unread, hidden ones left out once known."""
        return self.counts_in(indices)[1]

    def counts_in(self, indices: range) -> tuple[int, int]:
        """(shown, unread) of a run of papers: both without what hide rules leave out, once known."""
        span = (indices.start, indices.stop)
        counts = self._unread_in.get(span)
        if counts is None:
            read, key = self.user.snapshot.read, self.library.key
            hidden, _ = self.organiser.among(indices) if self.organiser.ready else (set(), set())
            unread = sum(1 for i in indices if i not in hidden and key(i) not in read)
            shown = len(indices) - len(hidden)  # `among` answers within `indices`
            counts = self._unread_in[span] = (shown, unread)
        return counts

    def visible(self, indices: list[int], show_hidden: bool = False) -> tuple[list[int], int]:
        """`indices` without what hide rules leave out (unless `show_hidden`), and how many that is."""
        hidden, _ = self.organiser.among(indices)
        if not hidden:
            return indices, 0
        if show_hidden:
            return indices, len(hidden)
        return [i for i in indices if i not in hidden], len(hidden)

    def marks_changed(self) -> None:
        """Forget counts worked out from the marks (they changed, here or in another process)."""
        self._unread_by_day.clear()
        self._unread_in.clear()
        self.organiser.marks_changed()

    def rules_changed(self) -> None:
        """A rule or a feed came or went: what is hidden, marked and counted again."""
        self._unread_in.clear()
        self.organiser.rules_changed()

    def replace_library(self, library: Library) -> None:
        """Use a newer library (after a sync); marks live in state and carry over."""
        self.library = library
        self._unread_by_day.clear()
        self._unread_in.clear()
        self.organiser.library_changed(library)

    # -- metadata ---------------------------------------------------------------------

    def open_metadata(self) -> None:
        """Read metadata.json's index (~40 ms at 50,000 papers: in a worker, after the first frame)."""
        if self.metadata is not None:
            self.metadata.facets()
            self.meta_ready = True

    def meta(self, index: int) -> PaperMeta | None:
        """What arXiv and Hugging Face said of the paper at `index`, once metadata.json is open."""
        if not self.meta_ready or self.metadata is None:
            return None
        arxiv_id = self.library.record(index)["i"]
        return self.metadata.get(arxiv_id) if arxiv_id else None

    def upvotes(self, index: int) -> int | None:
        """Hugging Face upvotes of the paper at `index`, when known."""
        meta = self.meta(index)
        return meta.upvotes if meta is not None else None

    def by_upvotes(self, indices: Sequence[int]) -> list[int]:
        """`indices` most upvoted first; papers without upvotes keep their order, last."""
        if not self.meta_ready or self.metadata is None:
            return list(indices)
        votes = self.metadata.facets().upvotes
        key = self.library.record
        return sorted(indices, key=lambda i: -votes.get(key(i)["i"] or "", -1))

    # -- lists ----------------------------------------------------------------------

    def passes(self, index: int, shown: Filter) -> bool:
        """Whether the filter `shown` lets the paper at `index` through."""
        if shown == "unread":
            return not self.is_read(index)
        if shown == "starred":
            return self.is_starred(index)
        return True

    def filtered(self, indices: Iterable[int], shown: Filter) -> list[int]:
        """`indices` the filter lets through, in order."""
        if shown == "all":
            return list(indices)
        return [i for i in indices if self.passes(i, shown)]

    def day_papers(self, day_position: int, shown: Filter) -> list[int]:
        """The papers of a day the filter shows (none when there are no days)."""
        if not 0 <= day_position < len(self.library.days):
            return []
        return self.filtered(self.library.days[day_position].indices, shown)

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
        del self.undo_stack[:-UNDO_DEPTH]

    def _name(self, index: int) -> str:
        """A paper as undo names it: its title, quoted and cut short."""
        title = single_line(self.library.title(index))
        return f"“{title[:40].rstrip()}…”" if len(title) > 41 else f"“{title}”"

    def _star_infos(self, indices: Sequence[int]) -> list[StarInfo]:
        return [StarInfo(self.library.key(i), self.library.date(i), self.library.title(i)) for i in indices]

    def set_read(
        self, indices: Sequence[int], read: bool, *, undoable: bool = True, description: str = ""
    ) -> None:
        """Mark papers read or unread (recorded for undo unless automatic)."""
        keys = list(dict.fromkeys(self.library.key(i) for i in indices))
        if undoable:
            what = self._name(indices[0]) if len(keys) == 1 else counted(len(keys), "paper")
            self._record("read", keys, description or f"marking {what} {'read' if read else 'unread'}")
        self.user.set_read(keys, read, background=True)
        self.marks_changed()

    def toggle_read(self, index: int) -> bool:
        """Flip the read mark; returns the new state."""
        read = not self.is_read(index)
        self.set_read([index], read)
        return read

    def toggle_star(self, index: int) -> bool:
        """Flip the star; returns the new state."""
        starred = not self.is_starred(index)
        what = self._name(index)
        self._record(
            "star", [self.library.key(index)], f"starring {what}" if starred else f"unstarring {what}"
        )
        self.user.set_starred(self._star_infos([index]), starred, background=True)
        return starred

    def set_note(self, index: int, text: str) -> None:
        """Save (or, when blank, remove) the note on a paper."""
        self.user.set_note(self.library.key(index), text, background=True)

    def tags(self, index: int) -> set[str]:
        """The user's tags on the paper at `index`."""
        return self.user.snapshot.tags.get(self.library.key(index), set())

    def set_tags(self, indices: Sequence[int], add: Sequence[str], remove: Sequence[str] = ()) -> None:
        """Add and remove tags on papers (names already cleaned)."""
        keys = [self.library.key(i) for i in indices]
        if add:
            self.user.set_tags(keys, add, True, background=True)
        if remove:
            self.user.set_tags(keys, remove, False, background=True)
        self.marks_changed()

    def set_starred(self, indices: Sequence[int], starred: bool) -> None:
        """Star or unstar many papers at once (undoable)."""
        keys = [self.library.key(i) for i in indices]
        self._record("star", keys, f"{'starring' if starred else 'unstarring'} {counted(len(keys), 'paper')}")
        self.user.set_starred(self._star_infos(indices), starred, background=True)
        self.marks_changed()

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
                self.user.set_read(keys, value, background=True)
            else:
                infos = []
                for key in keys:
                    where = self.library.indices_by_key.get(key)
                    infos.append(self._star_infos(where[:1])[0] if where else StarInfo(key, "", ""))
                self.user.set_starred(infos, value, background=True)
        self.marks_changed()
        return change

    def save_session(
        self, index: int | None, shown: Filter, period: str | None = None, unit: str = "day"
    ) -> None:
        """Remember the paper on screen (else `period`, the label of the one on screen), filter and unit."""
        if index is None or not len(self.library):
            session = Session(period, None, shown, unit)
        else:
            session = Session(self.library.date(index), self.library.key(index), shown, unit)
        self.user.save_session(session, background=True)
