"""Reading digests in tests the way paperbrowse reads them: rows -> cache records -> papers."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import NamedTuple

from tui.digest.model import Paper, Problem
from tui.digest.reader import parse_rows
from tui.store.cached_file import CachedFile, parse_for_cache
from tui.store.library import Library
from tui.store.records import decode_paper, encode_row
from tui.store.safe_io import DEFAULT_MAX_DIGEST_BYTES


class Digest(NamedTuple):
    """One file's papers, the dates it has headings for, and its problems."""

    papers: tuple[Paper, ...]
    dates: tuple[str, ...]
    problems: tuple[Problem, ...]


def from_cached(entry: CachedFile) -> Digest:
    papers = tuple(decode_paper(record, entry.path) for record in entry.papers())
    return Digest(papers, entry.dates, entry.problems)


def read_file(path: Path) -> Digest:
    """A digest file, through the cache's own parse (what `paperbrowse` does)."""
    return from_cached(parse_for_cache(str(path), DEFAULT_MAX_DIGEST_BYTES))


def read_text(text: str, path: str = "x.md") -> Digest:
    """Digest text (as if decoded from a file at `path`), through the same rows and records."""
    rows = parse_rows(text, path)
    papers = tuple(decode_paper(encode_row(row), path) for row in rows.rows)
    return Digest(papers, rows.dates, rows.problems)


def library_of(paths: Sequence[Path]) -> Library:
    """The Library the browser would build from these files."""
    return Library([parse_for_cache(str(p), DEFAULT_MAX_DIGEST_BYTES) for p in paths])


def day_papers(library: Library) -> list[tuple[str, list[Paper]]]:
    """Each day's date and papers, newest first."""
    return [(day.date, library.papers(day.indices)) for day in library.days]
