"""Digest files -> papers: find files, decode them, parse rows, merge days.

This is the only module of `tui.digest` that touches the file system, and it
only reads.  Decoding never fails (bad bytes are replaced and reported) and
nothing raises on malformed content.
"""

from __future__ import annotations

import codecs
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from tui.digest.merge import merge_by_date
from tui.digest.model import Day, Links, Paper, Problem, title_key
from tui.digest.table import TableRow, read_table_text


@dataclass(frozen=True, slots=True)
class FileRows:
    """One file's table rows (a paper listed twice on a day kept once), dates, problems.

    What the cache stores: everything but the summaries' sections, which are
    parsed when a paper is shown or exported (`paper_from_row`).
    """

    path: str
    rows: tuple[TableRow, ...]
    dates: tuple[str, ...]
    problems: tuple[Problem, ...]


@dataclass(frozen=True, slots=True)
class FileDigest:
    """What one file holds: its papers in file order, the dates it covers, problems.

    `dates` includes days whose heading has no rows, so they can be listed.
    """

    path: str
    papers: tuple[Paper, ...]
    dates: tuple[str, ...]
    problems: tuple[Problem, ...]


def decode(data: bytes, path: str) -> tuple[str, list[Problem]]:
    """Bytes -> text; undecodable bytes become U+FFFD and are reported by line.

    UTF-8 (with or without BOM) is the digests' encoding; a UTF-16 file (which
    some Windows editors write) is recognised by its BOM and read as such.
    """
    problems = []
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        text = data.decode("utf-16", errors="replace")
        if "\ufffd" in text:
            line = text[: text.index("\ufffd")].count("\n") + 1
            problems.append(Problem(path, line, "not valid UTF-16; undecodable bytes replaced with U+FFFD"))
        return text, problems
    if b"\x00" in data[:8192]:
        line = data[: data.index(b"\x00")].count(b"\n") + 1
        problems.append(Problem(path, line, "file looks binary (NUL bytes); reading what text it has"))
    try:
        return data.decode("utf-8"), problems
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        problems.append(Problem(path, line, "not valid UTF-8; undecodable bytes replaced with U+FFFD"))
        return data.decode("utf-8", errors="replace"), problems


def paper_from_row(row: TableRow, path: str) -> Paper:
    """A table row with its summary parsed."""
    from tui.digest.summary import parse_summary  # the cache reads rows only: not loaded there

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


def row_key(row: TableRow) -> str:
    """The identity `Paper.key` will have: the arXiv id, else one from the title."""
    return row.arxiv_id if row.arxiv_id else title_key(row.title)


def parse_rows(text: str, path: str) -> FileRows:
    """Every paper row in one digest text; a paper listed twice on a day is kept once."""
    table = read_table_text(text, path)
    problems = list(table.problems)
    rows: list[TableRow] = []
    first_seen: dict[tuple[str, str], int] = {}
    for row in table.rows:
        identity = (row.date, row_key(row))
        if identity in first_seen:
            problems.append(
                Problem(
                    path,
                    row.line,
                    f"{row.title[:60]!r} is listed twice on {row.date} "
                    f"(first at line {first_seen[identity]}); kept once",
                )
            )
            continue
        first_seen[identity] = row.line
        rows.append(row)
    return FileRows(path=path, rows=tuple(rows), dates=table.dates, problems=tuple(problems))


def _with_papers(rows: FileRows) -> FileDigest:
    """A file's rows as papers, summaries parsed into sections."""
    papers = tuple(paper_from_row(row, rows.path) for row in rows.rows)
    return FileDigest(rows.path, papers, rows.dates, rows.problems)


def parse_text(text: str, path: str) -> FileDigest:
    """Every paper in one digest text, summaries parsed into sections."""
    return _with_papers(parse_rows(text, path))


def parse_bytes_rows(data: bytes, path: str) -> FileRows:
    """Decode one file's bytes and read its rows; decoding problems come first."""
    text, problems = decode(data, path)
    rows = parse_rows(text, path)
    return FileRows(path, rows.rows, rows.dates, tuple(problems) + rows.problems)


def parse_bytes(data: bytes, path: str) -> FileDigest:
    """Decode and parse one file's bytes; decoding problems come first."""
    return _with_papers(parse_bytes_rows(data, path))


def read_digest_file(path: Path) -> FileDigest:
    """Read and parse one file; an unreadable file is a problem, not an error."""
    name = str(path)
    try:
        data = path.read_bytes()
    except OSError as error:
        problem = Problem(name, 0, f"cannot read: {error.strerror or error}")
        return FileDigest(name, (), (), (problem,))
    return parse_bytes(data, name)


def merge_days(digests: Sequence[FileDigest]) -> tuple[list[Day], list[Problem]]:
    """Papers of many files as days, newest first (see `merge_by_date`)."""
    index = [(d.path, d.dates, [p.date for p in d.papers], [p.key for p in d.papers]) for d in digests]
    merged, problems = merge_by_date(index)
    days = [Day(m.date, tuple(digests[f].papers[p] for f, p in m.items), m.sources) for m in merged]
    return days, problems
