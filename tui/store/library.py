"""What the UI and the CLI read: days, papers, look-ups, search.

A `Library` is built from the cache's files once per run.  It merges days
from the files' indexes (dates and keys only) and decodes a file's papers
when one of them is first needed, so start-up at 50,000 papers costs the
index, not the text.  Papers are addressed by index: 0 is the first paper of
the newest day; `paper(i)` builds a `Paper` on demand and keeps recent ones.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Final

from tui.digest.merge import merge_by_date
from tui.digest.model import Paper, Problem
from tui.store.cached_file import CachedFile
from tui.store.records import CompactPaper, SummarySpans, decode_paper

if TYPE_CHECKING:  # search and discovery are loaded on first use, not at start-up
    from tui.discovery.engine import Discovery
    from tui.store.query import Query
    from tui.store.search import MetaSource, SearchIndex, StateView

_PAPER_MEMO_SIZE: Final = 4096
# Files kept decoded: a few screens of days either way; the rest stay compressed.
_DECODED_FILES: Final = 256


@dataclass(frozen=True, slots=True)
class DayEntry:
    """One day: its date and where its papers sit in the Library's order."""

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

    def __init__(
        self,
        files: Sequence[CachedFile],
        repair: Callable[[CachedFile], list[CompactPaper]] | None = None,
        meta: MetaSource | None = None,
        data_dir: Path | None = None,
    ) -> None:
        """A library over cached files.

        `repair` reads a file's papers again when its cached blob is damaged;
        `meta` gives the fetched metadata `cat:` and `upvotes:` filter on
        (asked for only by such a query); `data_dir` is where the discovery
        files are kept (None: in memory only).
        """
        self.files = list(files)
        self.data_dir = data_dir
        self._repair = repair
        self.meta = meta
        merged = merge_by_date([(f.path, f.dates, f.paper_dates, f.paper_keys) for f in self.files])
        self._file_of: list[int] = []
        self._position_of: list[int] = []
        self.days: list[DayEntry] = []
        for day in merged:
            start = len(self._file_of)
            for file_index, positions in day.parts:
                self._file_of.extend([file_index] * len(positions))
                self._position_of.extend(positions)
            self.days.append(DayEntry(day.date, start, len(self._file_of)))
        self.problems: list[Problem] = [p for f in self.files for p in f.problems]
        self._day_index = {day.date: position for position, day in enumerate(self.days)}
        self._memo: OrderedDict[int, Paper] = OrderedDict()
        self._decoded: OrderedDict[int, list[CompactPaper]] = OrderedDict()  # file index -> papers
        self._repaired: dict[int, list[CompactPaper]] = {}  # files re-read after a damaged blob

    def __len__(self) -> int:
        return len(self._file_of)

    # -- look-ups ------------------------------------------------------------------

    def file_papers(self, file_index: int) -> list[CompactPaper]:
        """A file's compact papers, decoded on demand; the most recent files stay decoded."""
        papers = self._decoded.get(file_index)
        if papers is not None:
            self._decoded.move_to_end(file_index)
            return papers
        papers = self._repaired.get(file_index)
        if papers is not None:
            return papers
        try:
            papers = self.files[file_index].papers()
        except ValueError:
            return self._reparse(file_index)
        self._decoded[file_index] = papers
        if len(self._decoded) > _DECODED_FILES:
            self._decoded.popitem(last=False)
        return papers

    def record(self, index: int) -> CompactPaper:
        """The compact record of paper `index`."""
        return self.file_papers(self._file_of[index])[self._position_of[index]]

    def _reparse(self, file_index: int) -> list[CompactPaper]:
        """A cached file whose papers cannot be decoded: read again (or lost, without a repairer)."""
        entry = self.files[file_index]
        if self._repair is not None:
            rebuilt = self._repair(entry)
        else:
            rebuilt = [
                {"d": date, "i": None, "t": "(paper unavailable)", "a": [], "s": "", "h": None, "l": 0}
                for date in entry.paper_dates
            ]
        self._repaired[file_index] = rebuilt
        return rebuilt

    def records(self, indices: Iterable[int] | None = None) -> Iterator[CompactPaper]:
        """Compact records in index order (all of them by default)."""
        for index in range(len(self)) if indices is None else indices:
            yield self.record(index)

    def paper(self, index: int) -> Paper:
        """The paper at `index`, built from its record on first use."""
        paper = self._memo.get(index)
        if paper is None:
            paper = decode_paper(self.record(index), self.path(index))
            self._memo[index] = paper
            if len(self._memo) > _PAPER_MEMO_SIZE:
                self._memo.popitem(last=False)
        return paper

    def build_paper(self, index: int, spans: SummarySpans) -> Paper:
        """The paper at `index` from its summary parsed elsewhere (not kept)."""
        return decode_paper(self.record(index), self.path(index), spans)

    def papers(self, indices: Iterable[int]) -> list[Paper]:
        """Papers for many indices, in the order given."""
        return [self.paper(i) for i in indices]

    def path(self, index: int) -> str:
        """The digest file paper `index` was read from."""
        return self.files[self._file_of[index]].path

    def key(self, index: int) -> str:
        """The state key (arXiv id or title hash) of the paper at `index`."""
        return self.files[self._file_of[index]].paper_keys[self._position_of[index]]

    def date(self, index: int) -> str:
        """The digest date of the paper at `index`."""
        return self.files[self._file_of[index]].paper_dates[self._position_of[index]]

    def title(self, index: int) -> str:
        """The title, without building the Paper."""
        return self.record(index)["t"]

    def authors(self, index: int) -> list[str]:
        """The authors, without building the Paper."""
        return list(self.record(index)["a"])

    @cached_property
    def indices_by_key(self) -> dict[str, list[int]]:
        """Where each paper key occurs (a paper may appear on several days)."""
        found: dict[str, list[int]] = {}
        for index in range(len(self)):
            found.setdefault(self.key(index), []).append(index)
        return found

    def day_position(self, date: str) -> int | None:
        """The position of `date` in `days`, if it is there."""
        return self._day_index.get(date)

    def day_of(self, index: int) -> int:
        """The position in `days` of the day holding paper `index`."""
        return self._day_index[self.date(index)]

    # -- search --------------------------------------------------------------------

    @cached_property
    def index(self) -> SearchIndex:
        """The folded text index (built on first search; the UI warms it in a worker)."""
        from tui.store.search import SearchIndex

        return SearchIndex(
            self.records(),
            [self.key(i) for i in range(len(self))],
            summaries=lambda: (record["s"] for record in self.records()),
            sections=lambda kind: self.discovery.section_texts(kind),  # noqa: PLW0108 - made on first use
        )

    @cached_property
    def discovery(self) -> Discovery:
        """Related papers, "for you", section texts (`tui.discovery`); loaded on first use."""
        from tui.discovery.engine import Discovery

        return Discovery(self, self.data_dir)

    def search(self, query: Query | str, state: StateView, within: Sequence[int] | None = None) -> list[int]:
        """Indices of matching papers, best first (title hits before summary hits)."""
        from tui.store.query import parse_query

        parsed = parse_query(query) if isinstance(query, str) else query
        return self.rank(parsed, self.matches(parsed, state, within), state)

    def matches(
        self,
        query: Query,
        state: StateView,
        within: Sequence[int] | None = None,
        cancelled: Callable[[], bool] = lambda: False,
        heads_only: bool = False,
    ) -> list[int]:
        """Indices of matching papers in library order (for narrowing as one types)."""
        hits = self.index.matches(query, state, self.date, within, cancelled, heads_only, meta=self.meta)
        if query.related is not None:
            neighbours = self.discovery.related_scores(query.related)
            hits = [i for i in hits if i in neighbours]
        return hits

    def rank(self, query: Query, hits: list[int], state: StateView | None = None) -> list[int]:
        """`hits` (library order) best first.

        By similarity for `related:`, by the user's stars for `order:foryou`
        (given `state`), else title hits first.
        """
        if query.related is not None:
            neighbours = self.discovery.related_scores(query.related)
            return sorted(hits, key=lambda i: (-neighbours.get(i, 0.0), i))
        ranked = self.index.rank(query, hits)
        if query.order == "foryou" and state is not None:
            return self.discovery.for_you(state).rank(ranked)
        return ranked
