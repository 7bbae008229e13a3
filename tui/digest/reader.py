"""Digest files -> papers: find files, decode them, parse rows, merge days.

This is the only module of `tui.digest` that touches the file system, and it
only reads.  Decoding never fails (bad bytes are replaced and reported) and
nothing raises on malformed content.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Generic, TypeVar
from pathlib import Path

from tui.digest.model import Day, Links, Paper, Problem
from tui.digest.summary import parse_summary
from tui.digest.table import TableRow, read_table_text

DIGEST_SUFFIX = ".md"


@dataclass(frozen=True, slots=True)
class FileDigest:
    """What one file holds: its papers in file order, the dates it covers, problems.

    `dates` includes days whose heading has no rows, so they can be listed.
    """

    path: str
    papers: tuple[Paper, ...]
    dates: tuple[str, ...]
    problems: tuple[Problem, ...]


def find_digest_files(paths: Iterable[Path]) -> Iterator[Path]:
    """Each given file, and every `*.md` under each given directory, sorted, once."""
    seen: set[Path] = set()
    for path in paths:
        candidates = sorted(_walk(path)) if path.is_dir() else [path]
        for candidate in candidates:
            resolved = candidate.resolve()
            if resolved not in seen:
                seen.add(resolved)
                yield candidate


def _walk(directory: Path) -> Iterator[Path]:
    """`*.md` files below `directory`, skipping hidden folders such as `.git`."""
    for child in directory.iterdir():
        if child.name.startswith("."):
            continue
        if child.is_dir():
            yield from _walk(child)
        elif child.suffix.lower() == DIGEST_SUFFIX and child.is_file():
            yield child


def decode(data: bytes, path: str) -> tuple[str, list[Problem]]:
    """Bytes -> text; undecodable bytes become U+FFFD and are reported by line."""
    problems = []
    if b"\x00" in data[:8192]:
        line = data[: data.index(b"\x00")].count(b"\n") + 1
        problems.append(Problem(path, line, "file looks binary (NUL bytes); reading what text it has"))
    try:
        return data.decode("utf-8"), problems
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        problems.append(
            Problem(path, line, "not valid UTF-8; undecodable bytes replaced with U+FFFD")
        )
        return data.decode("utf-8", errors="replace"), problems


def paper_from_row(row: TableRow, path: str) -> Paper:
    """A table row with its summary parsed."""
    parsed = parse_summary(row.summary)
    return Paper(
        date=row.date,
        arxiv_id=row.arxiv_id,
        title=row.title,
        authors=row.authors,
        summary=row.summary,
        sections=parsed.sections,
        followups=parsed.followups,
        links=Links.for_arxiv_id(row.arxiv_id, row.huggingface),
        source=f"{path}:{row.line}",
    )


def parse_text(text: str, path: str) -> FileDigest:
    """Every paper in one digest text; a paper listed twice on a day is kept once."""
    table = read_table_text(text, path)
    problems = list(table.problems)
    papers: list[Paper] = []
    first_seen: dict[tuple[str, str], int] = {}
    for row in table.rows:
        paper = paper_from_row(row, path)
        identity = (paper.date, paper.key)
        if identity in first_seen:
            problems.append(
                Problem(path, row.line, f"{paper.title[:60]!r} is listed twice on {paper.date} "
                        f"(first at line {first_seen[identity]}); kept once")
            )
            continue
        first_seen[identity] = row.line
        papers.append(paper)
    return FileDigest(path=path, papers=tuple(papers), dates=table.dates, problems=tuple(problems))


def read_digest_file(path: Path) -> FileDigest:
    """Read and parse one file; an unreadable file is a problem, not an error."""
    name = str(path)
    try:
        data = path.read_bytes()
    except OSError as error:
        problem = Problem(name, 0, f"cannot read: {error.strerror or error}")
        return FileDigest(name, (), (), (problem,))
    text, problems = decode(data, name)
    digest = parse_text(text, name)
    return FileDigest(name, digest.papers, digest.dates, tuple(problems) + digest.problems)


T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class MergedDay(Generic[T]):
    """One date's items merged across files, and the files that list the date."""

    date: str
    items: tuple[T, ...]
    sources: tuple[str, ...]


def merge_by_date(
    files: Iterable[tuple[str, Sequence[str], Sequence[T]]],
    date_of: Callable[[T], str],
    key_of: Callable[[T], str],
) -> tuple[list[MergedDay[T]], list[Problem]]:
    """Group items of (path, dates, items) files by date, newest day first.

    Table order is kept within a day; a day split across files is merged in
    file order; an item already seen for that day in another file (the
    upstream README repeats the archive) is kept once, with one note per pair
    of files rather than one per paper.  Dates a file has a heading for but no
    rows are kept as empty days.
    """
    by_date: dict[str, list[T]] = {}
    sources: dict[str, list[str]] = {}
    seen: dict[tuple[str, str], str] = {}
    repeats: dict[tuple[str, str], int] = {}
    for path, dates, items in files:
        for date in dates:
            by_date.setdefault(date, [])
            day_sources = sources.setdefault(date, [])
            if path not in day_sources:
                day_sources.append(path)
        for item in items:
            date = date_of(item)
            identity = (date, key_of(item))
            first = seen.setdefault(identity, path)
            if first != path:
                repeats[(path, first)] = repeats.get((path, first), 0) + 1
                continue
            by_date.setdefault(date, []).append(item)
    problems = [
        Problem(path, 0, f"{count} paper(s) already read from {other}; kept once")
        for (path, other), count in repeats.items()
    ]
    days = [
        MergedDay(date, tuple(by_date[date]), tuple(sources.get(date, ())))
        for date in sorted(by_date, reverse=True)
    ]
    return days, problems


def merge_days(digests: Iterable[FileDigest]) -> tuple[list[Day], list[Problem]]:
    """Papers of many files as days, newest first (see `merge_by_date`)."""
    merged, problems = merge_by_date(
        ((d.path, d.dates, d.papers) for d in digests), lambda p: p.date, lambda p: p.key
    )
    return [Day(m.date, m.items, m.sources) for m in merged], problems
