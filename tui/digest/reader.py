"""Digest bytes -> table rows: decode them, read the table, drop repeated rows.

One pipeline, the one the cache runs: `parse_bytes_rows` decodes a file's
bytes and reads its rows; summaries are split into sections later, when a
paper is built from its cached row (`tui.store.records.decode_paper`).
Decoding never fails (bad bytes are replaced and reported) and nothing
raises on malformed content.
"""

from __future__ import annotations

import codecs
from dataclasses import dataclass

from tui.digest.model import Problem, paper_key
from tui.digest.table import TableRow, read_table_text


@dataclass(frozen=True, slots=True)
class FileRows:
    """One file's table rows (a paper listed twice on a day kept once), dates, problems.

    What the cache stores: everything but the summaries' sections, which are
    parsed when a paper is shown or exported.  `dates` includes days whose
    heading has no rows, so they can be listed.
    """

    path: str
    rows: tuple[TableRow, ...]
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


def parse_rows(text: str, path: str) -> FileRows:
    """Every paper row in one digest text; a paper listed twice on a day is kept once."""
    table = read_table_text(text, path)
    problems = list(table.problems)
    rows: list[TableRow] = []
    first_seen: dict[tuple[str, str], int] = {}
    for row in table.rows:
        identity = (row.date, paper_key(row.arxiv_id, row.title))
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


def parse_bytes_rows(data: bytes, path: str) -> FileRows:
    """Decode one file's bytes and read its rows; decoding problems come first."""
    text, problems = decode(data, path)
    rows = parse_rows(text, path)
    return FileRows(path, rows.rows, rows.dates, tuple(problems) + rows.problems)
