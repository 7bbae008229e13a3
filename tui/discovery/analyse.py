"""Every paper's section texts and term counts, parsed once, across processes where safe.

Both the similarity index and section-scoped search (`method:`…) need every
summary split into sections: ~55 µs a paper, 3 s at 50,000.  Like
`tui.store.bulk`, forked workers inherit the Library and send back small
results (the folded section texts and the weighted term counts); where
forking is not safe (a thread is running, as in the browser) the papers are
analysed here, one after another.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from typing import Final

from tui.digest.model import SectionKind
from tui.store.library import Library
from tui.store.parallel import fork_is_safe, worker_count
from tui.store.query import fold

# The section kinds a query can be scoped to, in the order their texts are stored.
SEARCHABLE_KINDS: Final[tuple[SectionKind, ...]] = (
    "tldr",
    "objective",
    "methodology",
    "results",
    "implications",
    "limitations",
)
PARALLEL_FROM: Final = 2000  # fewer papers are analysed here: starting workers costs ~40 ms
_CHUNK: Final = 500

Progress = Callable[[int, int], None]


@dataclass(frozen=True, slots=True)
class PaperAnalysis:
    """One paper: its folded text per searchable section kind ('' when absent), its term counts."""

    sections: tuple[str, ...]
    counts: dict[str, float]


def analyse_summary(title: str, summary: str) -> PaperAnalysis:
    """Split `summary` into sections; fold each searchable kind, count terms over all of them."""
    from tui.digest.summary import parse_summary
    from tui.discovery.text import term_counts

    sections = parse_summary(summary).sections
    texts: dict[SectionKind, list[str]] = {}
    for section in sections:
        texts.setdefault(section.kind, []).append(section.text)
    # \x00 separates the texts on disk; digest text never has one, but a damaged cache might.
    folded = tuple(fold("\n".join(texts.get(kind, ()))).replace("\x00", " ") for kind in SEARCHABLE_KINDS)
    return PaperAnalysis(folded, term_counts(title, ((s.kind, s.text) for s in sections)))


class _Worker:
    """What a forked worker reads from: the parent's Library, handed over at fork."""

    library: Library | None = None


def _adopt(library: Library) -> None:
    """Worker initializer: with fork the Library is inherited, not pickled."""
    _Worker.library = library


def _analyse_chunk(indices: list[int]) -> list[PaperAnalysis]:
    """In a worker: the analyses of the papers at `indices`."""
    library = _Worker.library
    if library is None:  # not started by `analyse_library`
        raise RuntimeError("no library to analyse")
    return [_analyse(library, i) for i in indices]


def _analyse(library: Library, index: int) -> PaperAnalysis:
    record = library.record(index)
    return analyse_summary(record["t"], record["s"])


def analyse_library(library: Library, progress: Progress | None = None) -> Iterator[PaperAnalysis]:
    """Every paper's analysis, in library order; many are made in worker processes."""
    total = len(library)
    indices: Sequence[int] = range(total)
    workers = worker_count()
    if total < PARALLEL_FROM or workers < 2 or not fork_is_safe():
        for index in indices:
            yield _analyse(library, index)
            if progress and index % _CHUNK == 0:
                progress(index, total)
        return
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor
    from concurrent.futures.process import BrokenProcessPool

    # Loaded before forking, so the workers inherit them instead of importing them.
    import tui.digest.summary
    import tui.discovery.text  # noqa: F401

    chunks = [list(indices[start : start + _CHUNK]) for start in range(0, total, _CHUNK)]
    pool = ProcessPoolExecutor(
        max_workers=workers,
        mp_context=multiprocessing.get_context("fork"),
        initializer=_adopt,
        initargs=(library,),
    )
    done = 0
    try:
        try:
            for chunk in pool.map(_analyse_chunk, chunks):
                yield from chunk
                done += len(chunk)
                if progress:
                    progress(done, total)
        except BrokenProcessPool:  # a worker died (out of memory, killed): finish here
            for index in range(done, total):
                yield _analyse(library, index)
    finally:
        pool.shutdown(wait=False, cancel_futures=True)
