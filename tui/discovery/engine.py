"""`Discovery`: one library's similarity index and section texts, loaded or built once.

`library.discovery` (a `Discovery`) is cheap to make; the first call that
needs the index (`related`, `for_you`, a `method:` search…) loads
`<data dir>/similarity.*` when it was built for this library's content, else
builds both files (sections parsed across processes when forking is safe)
and writes them atomically.  A damaged file is rebuilt with one warning in
`warnings`; a data dir that cannot be written keeps the index in memory.
A lock makes concurrent first calls (the browser's warm-up worker and a
search) build once.

The browser builds in a child process (`prepare(in_child=True)`, see
`tui.discovery.builder`) so the build never competes with the UI for the GIL.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Final

from tui.discovery import files
from tui.discovery.analyse import SEARCHABLE_KINDS, Progress, analyse_library
from tui.discovery.vectors import Neighbour, SimilarityIndex

if TYPE_CHECKING:
    from tui.discovery.foryou import ForYou
    from tui.store.library import Library
    from tui.store.search import StateView

# How many neighbours `related:ID` lists (best first), at most.
QUERY_NEIGHBOURS: Final = 50


class Discovery:
    """The discovery layer over one Library (see the module's note)."""

    def __init__(self, library: Library, data_dir: Path | None) -> None:
        """`data_dir` holds the cached files; None keeps everything in memory."""
        self.library = library
        self.data_dir = data_dir
        self.warnings: list[str] = []
        self._lock = threading.RLock()
        self._fingerprint: str | None = None
        self._similarity: SimilarityIndex | None = None
        # Section texts: every kind compressed (~5 MB at 50,000 papers), and the
        # kinds a query has asked for, decoded (~12 MB each): most sessions use one or two.
        self._section_parts: dict[str, bytes] | None = None
        self._sections: dict[str, list[str]] = {}
        self.saved = False  # the last build was written to the data dir
        # Where a build that nobody asked for explicitly runs (a search's first `method:`):
        # the browser sets this, so every build it causes runs in a child process.
        self.build_in_child = False
        self._for_you: tuple[tuple[tuple[int, ...], tuple[int, ...]], ForYou] | None = None

    # -- state -----------------------------------------------------------------------

    @property
    def ready(self) -> bool:
        """True once the index and the section texts are in memory (no call will wait)."""
        return self._similarity is not None and self._section_parts is not None

    @property
    def fingerprint(self) -> str:
        """The content fingerprint the files must carry (see `files.content_fingerprint`)."""
        if self._fingerprint is None:
            self._fingerprint = files.content_fingerprint(self.library)
        return self._fingerprint

    def _path(self, name: str) -> Path | None:
        return self.data_dir / name if self.data_dir is not None else None

    def _warn(self, message: str) -> None:
        if message not in self.warnings:
            self.warnings.append(message)

    # -- loading and building ------------------------------------------------------------

    def prepare(
        self,
        *,
        in_child: bool | None = None,
        progress: Progress | None = None,
        cancelled: Callable[[], bool] = lambda: False,
    ) -> None:
        """Load the index, or build it: in a child process when `in_child` (None: `build_in_child`).

        Raises `BuildCancelled` when `cancelled()` turns true during a build
        (checked every few hundred papers), leaving nothing half-built.
        """
        with self._lock:
            if self.ready or self._load():
                return
            if (self.build_in_child if in_child is None else in_child) and self.data_dir is not None:
                from tui.discovery.builder import build_in_child

                error = build_in_child(self.data_dir, self.library, self.fingerprint, cancelled)
                if error is None and self._load():
                    return
            self._build(progress, cancelled)

    def load(self) -> bool:
        """Load the files if they are current (True), without building; nothing else is done."""
        with self._lock:
            return self.ready or self._load()

    def _load(self) -> bool:
        """Read both files if they were built for this library; a damaged one is noted, not raised."""
        if not len(self.library):
            self._similarity = SimilarityIndex.build([])
            self._section_parts = files.sections_parts({kind: [] for kind in SEARCHABLE_KINDS})
            return True
        index_path, sections_path = self._path(files.INDEX_NAME), self._path(files.SECTIONS_NAME)
        if index_path is None or sections_path is None:
            return False
        papers = len(self.library)
        try:
            index_parts = files.read(index_path, self.fingerprint)
            section_parts = files.read(sections_path, self.fingerprint)
            if index_parts is None or section_parts is None:
                return False
            similarity = files.similarity_from_parts(index_path, index_parts, papers)
            if any(kind not in section_parts for kind in SEARCHABLE_KINDS):
                raise files.DamagedFile(sections_path, "a section kind is missing")
        except files.DamagedFile as error:
            self._warn(f"{error.path} was damaged ({error.reason}); rebuilt it")
            return False
        self._similarity = similarity
        self._section_parts = {kind: bytes(section_parts[kind]) for kind in SEARCHABLE_KINDS}
        self._sections = {}
        return True

    def _build(self, progress: Progress | None, cancelled: Callable[[], bool]) -> None:
        """Analyse every paper, build the index, and save both files (if the data dir allows)."""
        from tui.discovery.builder import BuildCancelled

        columns: dict[str, list[str]] = {kind: [] for kind in SEARCHABLE_KINDS}
        appenders = [columns[kind].append for kind in SEARCHABLE_KINDS]

        def counts() -> Iterator[dict[str, float]]:
            for done, analysis in enumerate(analyse_library(self.library, progress)):
                if done % 256 == 0 and cancelled():
                    raise BuildCancelled
                for append, text in zip(appenders, analysis.sections, strict=True):
                    append(text)
                yield analysis.counts

        similarity = SimilarityIndex.build(counts())
        self._similarity, self._section_parts = similarity, files.sections_parts(columns)
        self._sections = {}  # decoded again per kind when asked: most kinds are never searched
        self.saved = self.save()

    def save(self) -> bool:
        """Write both files for this library; False (noted once in `warnings`) when that failed.

        The sections go first: a reader that finds the index also finds them.
        """
        index_path, sections_path = self._path(files.INDEX_NAME), self._path(files.SECTIONS_NAME)
        parts = self._section_parts
        if index_path is None or sections_path is None or self._similarity is None or parts is None:
            return False
        try:
            files.write(sections_path, self.fingerprint, parts)
            files.write(index_path, self.fingerprint, files.similarity_parts(self._similarity))
        except OSError as error:
            self._warn(
                f"could not save the similarity index in {self.data_dir} ({error.strerror or error}); "
                "it will be built again next time"
            )
            return False
        return True

    @property
    def similarity(self) -> SimilarityIndex:
        """The similarity index (loaded or built on first use)."""
        if self._similarity is None:
            self.prepare()
        assert self._similarity is not None
        return self._similarity

    def section_texts(self, kind: str, *, retry: bool = True) -> list[str]:
        """Every paper's folded text of section `kind` ('' where it has none), in library order.

        Decoded on the first query for that kind (~50 ms at 50,000 papers); a
        part that does not decode (damaged on disk) means one rebuild.
        """
        with self._lock:
            column = self._sections.get(kind)
            if column is not None:
                return column
            if self._section_parts is None:
                self.prepare()
            assert self._section_parts is not None
            path = self._path(files.SECTIONS_NAME) or Path(files.SECTIONS_NAME)
            try:
                column = files.section_column(path, self._section_parts, kind, len(self.library))
            except files.DamagedFile as error:
                if not retry:
                    raise
                self._warn(f"{error.path} was damaged ({error.reason}); rebuilt it")
                self._similarity = self._section_parts = None
                self._build(None, lambda: False)  # the file on disk is the damaged one: not loaded again
                return self.section_texts(kind, retry=False)
            self._sections[kind] = column
            return column

    # -- answers -------------------------------------------------------------------------

    def index_of(self, arxiv_id: str) -> int | None:
        """The library index of the paper with this id (its newest day), if it is in the library."""
        found = self.library.indices_by_key.get(arxiv_id)
        return found[0] if found else None

    def related(self, index: int, limit: int = 10) -> list[Neighbour]:
        """The papers most like paper `index`, best first (its other copies left out)."""
        key = self.library.key
        own = key(index)
        same: Callable[[int], bool] = lambda other: key(other) == own  # noqa: E731
        return self.similarity.related(index, limit, same)

    def related_scores(self, arxiv_id: str) -> dict[int, float]:
        """`related:ID`: the neighbours of the paper and their scores (empty when it is not here)."""
        index = self.index_of(arxiv_id)
        if index is None:
            return {}
        return {n.index: n.score for n in self.related(index, QUERY_NEIGHBOURS)}

    def for_you(self, state: StateView) -> ForYou:
        """The "for you" model of the user's marks (see `tui.discovery.foryou`).

        Learnt again only when the marks it learns from changed, so ranking
        each keystroke's results costs a pass over the keys, not a new model.
        """
        from tui.discovery import MIN_STARS
        from tui.discovery.foryou import ForYou, learn, marked

        starred, unstarred = marked(self.library, state)
        if len(starred) < MIN_STARS:
            return ForYou(len(starred))  # nothing to learn: the index need not even be loaded
        marks = (tuple(starred), tuple(unstarred))
        with self._lock:
            if self._for_you is None or self._for_you[0] != marks:
                self._for_you = (marks, learn(self.similarity, starred, unstarred))
            return self._for_you[1]
