"""What the UI and the CLI read: days, papers, look-ups, search.

A `Library` is built from the cache's files once per run.  It keeps the
compact records (not `Paper` objects: at 50,000 papers building them all
would double start-up time and memory) in one list ordered newest day first,
table order within a day; `paper(i)` builds a `Paper` on demand and keeps
recently used ones.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cached_property
from typing import Final

from tui.digest.model import Paper, Problem
from tui.digest.reader import merge_by_date
from tui.store.cache import CachedFile
from tui.store.query import Query, parse_query
from tui.store.records import CompactPaper, decode_paper, record_key
from tui.store.search import SearchIndex, StateView

_PAPER_MEMO_SIZE: Final = 4096


@dataclass(frozen=True, slots=True)
class DayEntry:
    """One day: its date and where its papers sit in `Library.records`."""

    date: str
    start: int
    stop: int

    @property
    def count(self) -> int:
        """How many papers the day lists."""
        return self.stop - self.start

    @property
    def indices(self) -> range:
        """Indices of the day's papers in table order."""
        return range(self.start, self.stop)


class Library:
    """Every paper of the remembered digests, newest day first."""

    def __init__(self, files: Sequence[CachedFile]) -> None:
        tagged = (
            (f.path, f.dates, [(f.path, record) for record in f.papers]) for f in files
        )
        merged, merge_problems = merge_by_date(
            tagged, lambda item: item[1]["d"], lambda item: record_key(item[1])
        )
        self.records: list[CompactPaper] = []
        self.paths: list[str] = []
        self.days: list[DayEntry] = []
        for day in merged:
            start = len(self.records)
            for path, record in day.items:
                self.records.append(record)
                self.paths.append(path)
            self.days.append(DayEntry(day.date, start, len(self.records)))
        self.problems: list[Problem] = [p for f in files for p in f.problems] + merge_problems
        self._day_index = {day.date: position for position, day in enumerate(self.days)}
        self._memo: OrderedDict[int, Paper] = OrderedDict()

    def __len__(self) -> int:
        return len(self.records)

    # -- look-ups ------------------------------------------------------------------

    def paper(self, index: int) -> Paper:
        """The paper at `index`, built from its record on first use."""
        paper = self._memo.get(index)
        if paper is None:
            paper = decode_paper(self.records[index], self.paths[index])
            self._memo[index] = paper
            if len(self._memo) > _PAPER_MEMO_SIZE:
                self._memo.popitem(last=False)
        return paper

    def papers(self, indices: Iterable[int]) -> list[Paper]:
        """Papers for many indices, in the order given."""
        return [self.paper(i) for i in indices]

    def key(self, index: int) -> str:
        """The state key (arXiv id or title hash) of the paper at `index`."""
        return record_key(self.records[index])

    def title(self, index: int) -> str:
        """The title, without building the Paper."""
        return str(self.records[index]["t"])

    def authors(self, index: int) -> list[str]:
        """The authors, without building the Paper."""
        return list(self.records[index]["a"])

    def date(self, index: int) -> str:
        """The digest date of the paper at `index`."""
        return str(self.records[index]["d"])

    def has_followups(self, index: int) -> bool:
        """True when the paper's summary ends with follow-up questions."""
        return bool(self.records[index]["f"])

    @cached_property
    def indices_by_key(self) -> dict[str, list[int]]:
        """Where each paper key occurs (a paper may appear on several days)."""
        found: dict[str, list[int]] = {}
        for index in range(len(self.records)):
            found.setdefault(self.key(index), []).append(index)
        return found

    def day_position(self, date: str) -> int | None:
        """The position of `date` in `days`, if it is there."""
        return self._day_index.get(date)

    def day_of(self, index: int) -> int:
        """The position in `days` of the day holding paper `index`."""
        position = self._day_index[self.date(index)]
        return position

    # -- search --------------------------------------------------------------------

    @cached_property
    def index(self) -> SearchIndex:
        """The folded text index (built on first search; the UI warms it in a worker)."""
        return SearchIndex(self.records)

    def search(self, query: Query | str, state: StateView, within: Sequence[int] | None = None) -> list[int]:
        """Indices of matching papers, best first (title hits before summary hits)."""
        parsed = parse_query(query) if isinstance(query, str) else query
        return self.index.search(parsed, state, self.date, within)
