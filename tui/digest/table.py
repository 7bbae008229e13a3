"""Markdown digest text -> table rows, tolerant of every shape the archive uses.

A digest is one or more `## Papers for YYYY-MM-DD` sections, each with a table
`| Title | Authors | Summary |` (oldest days add a `| Link |` column).  Rows
may span several lines (titles broken mid-way), summaries may contain `|`,
and files may carry CRLF line endings or a BOM.  Nothing here raises on bad
input: every problem becomes a `Problem` naming the line, and whatever can be
read is kept.

This runs once per row of every digest on a cold import (50,000 rows for a
large archive), so the hot path avoids case-insensitive regexes and splits
the (long) summary cell only once.
"""

from __future__ import annotations

import re
from typing import Final, NamedTuple

from tui.digest.dates import date_from_path, normalise_date, shaped_like_a_date, valid_date
from tui.digest.ids import ARXIV_ID
from tui.digest.model import Problem
from tui.digest.text import first_control, strip_controls

_HEADING = re.compile(r"^\s{0,3}(#{1,6})\s*(.*?)\s*#*\s*$")
_PAPERS_FOR = re.compile(r"^papers\s+for\s+(?P<date>\S+)", re.IGNORECASE)
_SEPARATOR_CELL = re.compile(r"^\s*:?-+:?\s*$")

_ARXIV_LINK = re.compile(r"arxiv\.org/(?:abs|pdf)/(?P<id>" + ARXIV_ID + r")(?:v\d+)?")
_HF_LINK = re.compile(r"(?P<url>https?://(?:www\.)?huggingface\.co/papers/(?P<id>" + ARXIV_ID + r"))")
# The link tail after a title: "(Read more on [arXiv](…) or [HuggingFace](…))" or
# " - read more on [arXiv](…) or [HuggingFace](…)".  Found by its words, then
# its links are matched from there.
_READ_MORE = re.compile(r"[Rr]ead\s+[Mm]ore\s+on\s+")
_MD_LINK = r"\[[^\]\n]*\]\([^)\s]*\)"
_TAIL_LINKS = re.compile(_MD_LINK + r"(?:\s*(?:or|and|,)\s*" + _MD_LINK + r")*\s*\)?")
_ANY_MD_LINK = re.compile(r"\[([^\]\n]*)\]\([^)\s]*\)")

_NAME_SEPARATOR = re.compile(r"\s*,\s*")
# ASCII characters str.split() also treats as whitespace, besides space, tab, newline.
_OTHER_ASCII_SPACE = re.compile("[\r\x0b\x0c\x1c-\x1f]")

DEFAULT_COLUMNS: Final = ("title", "authors", "summary")
_HEADER_MAX_LENGTH: Final = 300


class TableRow(NamedTuple):
    """One paper row as written in the table, before its summary is parsed.

    A NamedTuple, not a frozen dataclass: one is built per row of every digest
    on an import, and this one builds in a third of the time.
    """

    date: str
    line: int
    title: str
    authors: tuple[str, ...]
    summary: str
    arxiv_id: str | None
    huggingface: str | None


class TableText(NamedTuple):
    """What one digest text holds: rows, the dates it has headings for, problems."""

    rows: tuple[TableRow, ...]
    dates: tuple[str, ...]
    problems: tuple[Problem, ...]


def collapse(text: str) -> str:
    """Whitespace runs (including line breaks inside a row) -> one space."""
    text = text.strip()
    if "  " in text or "\n" in text or "\t" in text:
        if text.isascii() and not _OTHER_ASCII_SPACE.search(text):
            # A third of summaries have two spaces after a full stop: a few C-level
            # replaces beat splitting 1.5 KB into words and joining them again.
            text = text.replace("\n", " ").replace("\t", " ")
            while "  " in text:
                text = text.replace("  ", " ")
            return text
        return " ".join(text.split())  # Unicode whitespace too
    return text


# Column names as digests (and people) write them -> the reader's names.
_COLUMN_NAMES: Final = {
    "title": "title",
    "paper": "title",
    "papers": "title",
    "name": "title",
    "authors": "authors",
    "author": "authors",
    "by": "authors",
    "summary": "summary",
    "abstract": "summary",
    "tl;dr": "summary",
    "description": "summary",
    "link": "link",
    "links": "link",
    "url": "link",
    "arxiv": "link",
    "read more": "link",
}
_HEADER_WORDS: Final = frozenset(_COLUMN_NAMES)


def _canonical_columns(cells: list[str]) -> tuple[str, ...]:
    """A header's columns under the reader's names; unnamed ones by position."""
    names = tuple(_COLUMN_NAMES.get(cell, cell) for cell in cells)
    if "title" in names or "summary" in names:
        return names
    # A header with no name we know: the usual order, Title | Authors | Summary | Link.
    return (*DEFAULT_COLUMNS, "link", *names[4:])[: len(names)] if len(names) >= 3 else DEFAULT_COLUMNS


def _is_separator(cells: list[str]) -> bool:
    return bool(cells) and any("-" in c for c in cells) and all(_SEPARATOR_CELL.match(c) for c in cells)


def _is_separator_line(line: str) -> bool:
    stripped = line.strip()
    return stripped.startswith("|") and _is_separator([c.strip() for c in stripped.strip("|").split("|")])


def _unescape(text: str) -> str:
    r"""Markdown's escaped pipe `\|` inside a cell is a plain `|`."""
    return text.replace("\\|", "|") if "\\|" in text else text


def _unescaped_pipes(text: str) -> list[int]:
    r"""Positions of every `|` not escaped as `\\|`."""
    positions = []
    index = text.find("|")
    while index != -1:
        if index == 0 or text[index - 1] != "\\":
            positions.append(index)
        index = text.find("|", index + 1)
    return positions


def _authors(cell: str) -> tuple[str, ...]:
    """`A. One, B.  Two` -> ("A. One", "B. Two"); empty names (and stray pipes) dropped."""
    if "  " in cell or "\n" in cell or "\t" in cell:
        names = [" ".join(name.split()) for name in cell.split(",")]
    else:  # the usual cell, in one C-level split (this runs for every row)
        names = _NAME_SEPARATOR.split(cell.strip())
        if "|" not in cell and "" not in names:
            return tuple(names)
    return tuple(name for name in names if name and name.strip("| "))


def _title_tail(cell: str) -> tuple[int, int] | None:
    """Where the "read more on [arXiv](…)" tail of a title starts and ends."""
    words = _READ_MORE.search(cell)
    if not words:
        return None
    links = _TAIL_LINKS.match(cell, words.end())
    if not links:
        return None
    start = words.start()
    before = cell[:start].rstrip()
    if before.endswith(("(", "-", "–", "—", ":")):
        start = len(before) - 1
    return start, links.end()


class _TableReader:
    """State of one pass over a digest text; see `read_table_text`."""

    def __init__(self, path: str) -> None:
        self.path = path
        self.problems: list[Problem] = []
        self.rows: list[TableRow] = []
        self.dates: dict[str, None] = {}  # an ordered set: 40,000 headings stay linear
        self.fallback_date = date_from_path(path)
        self.date: str | None = None
        self.in_day = False
        self.saw_heading = False
        self.warned_no_heading = False
        self.columns: tuple[str, ...] = DEFAULT_COLUMNS
        self.header_line = 0  # a header waiting for its separator line
        self.row_lines: list[str] = []
        self.row_line = 0

    def warn(self, line: int, message: str) -> None:
        self.problems.append(Problem(self.path, line, message))

    def read(self, text: str) -> TableText:
        text = text.lstrip("\ufeff")
        if "\r" in text:
            text = text.replace("\r\n", "\n")
            # Lines end in CR alone only in an old Mac file; inside a line of any
            # other file a stray CR is a space (as a newline it split the row).
            text = text.replace("\r", " " if "\n" in text else "\n")
        control = first_control(text)
        if control is not None:
            # Terminal controls are never part of a paper; dropped here so no
            # later stage (cache, screen, export) ever holds them.
            line = text.count("\n", 0, control) + 1
            self.warn(line, "control characters (terminal escape codes) removed")
            text = strip_controls(text)
        if not text.strip():
            self.warn(0, "file is empty")
        lines = text.split("\n")
        for number, raw in enumerate(lines, start=1):
            self.line(number, raw, lines[number] if number < len(lines) else "")
        self.flush()
        if text.strip() and not self.saw_heading and not self.rows:
            self.warn(0, "no '## Papers for YYYY-MM-DD' section found")
        for row in self.rows:
            self.dates.setdefault(row.date)
        return TableText(tuple(self.rows), tuple(self.dates), tuple(self.problems))

    def line(self, number: int, raw: str, following: str) -> None:
        first = raw[:1]
        if first == "|" or (first == " " and raw.lstrip().startswith("|")):
            if self.in_day or not self.saw_heading:
                self.table_line(number, raw.strip(), following)
            return
        stripped = raw.strip()
        if not stripped:
            return
        if stripped[0] == "#" and (heading := _HEADING.match(raw)):
            self.heading(number, heading.group(2))
        elif self.row_lines and not self.row_lines[-1].endswith("|"):
            self.row_lines.append(stripped)  # a title (or summary) broken over lines
        # Any other text (a README's notes between tables) is ignored.

    def heading(self, number: int, text: str) -> None:
        self.flush()
        self.columns = DEFAULT_COLUMNS
        self.header_line = 0
        papers_for = _PAPERS_FOR.match(text)
        if not papers_for:
            self.in_day, self.date = False, None
            return
        self.saw_heading = self.in_day = True
        value = normalise_date(papers_for.group("date"))
        if valid_date(value):
            self.date = value
            self.dates.setdefault(value)
            return
        # Keep the rows: under the date the file name gives, else under the date
        # as written when it is at least shaped like one (it still sorts).
        self.date = self.fallback_date or (value if shaped_like_a_date(value) else None)
        if self.date == self.fallback_date and self.date:
            self.warn(number, f"impossible date {value!r} in heading; using {self.date} from the file name")
        elif self.date:
            self.warn(
                number, f"impossible date {value!r} in heading; its papers are kept under it as written"
            )
            self.dates.setdefault(self.date)
        else:
            self.warn(number, f"{value!r} in heading is not a date (YYYY-MM-DD); its rows are skipped")
            self.in_day = False

    def table_line(self, number: int, line: str, following: str) -> None:
        self.flush()
        if len(line) < _HEADER_MAX_LENGTH:
            cells = [collapse(c).lower() for c in line.strip("|").split("|")]
            if _is_separator(cells):
                self.header_line = 0
                return
            # A header names its columns, or is what a separator line follows.
            if "](" not in line and (_HEADER_WORDS.intersection(cells) or _is_separator_line(following)):
                self.columns = _canonical_columns(cells)
                if "summary" not in self.columns:
                    self.warn(number, "table header has no Summary column")
                self.header_line = number
                return
        if self.header_line:
            self.warn(self.header_line, "table header is not followed by a separator line")
            self.header_line = 0
        self.row_lines = [line]
        self.row_line = number

    def flush(self) -> None:
        if not self.row_lines:
            return
        text = self.row_lines[0] if len(self.row_lines) == 1 else "\n".join(self.row_lines)
        self.row_lines = []
        date = self.date or self.fallback_date
        if date is None:
            self.warn(self.row_line, "row is outside any '## Papers for YYYY-MM-DD' section; skipped")
            return
        if self.date is None and not self.warned_no_heading:
            self.warned_no_heading = True
            self.warn(
                self.row_line, f"rows before any '## Papers for' heading; dated {date} from the file name"
            )
        row = self.build(text, date)
        if row is not None:
            self.rows.append(row)

    def build(self, text: str, date: str) -> TableRow | None:
        line = self.row_line
        body = text[1:] if text.startswith("|") else text
        if body.endswith("|") and not body.endswith("\\|"):
            body = body[:-1]
        found = self.default_cells(body) if self.columns == DEFAULT_COLUMNS else None
        cells, tail = found or self.cells(body)
        title_cell = cells.get("title", "")
        title = title_cell[: tail[0]] if tail else title_cell
        if "](" in title:
            title = _ANY_MD_LINK.sub(r"\1", title)
        title = _unescape(collapse(title))
        if not title.strip("| "):
            title = ""
        link_cells = title_cell + " " + cells.get("link", "")
        arxiv = _ARXIV_LINK.search(link_cells) or _ARXIV_LINK.search(text)
        hf = _HF_LINK.search(link_cells) or _HF_LINK.search(text)
        arxiv_id = arxiv.group("id") if arxiv else (hf.group("id") if hf else None)
        summary = _unescape(collapse(cells.get("summary", "")))
        if not summary.strip("| "):
            summary = ""  # only the pipes of an empty row
        authors = _authors(_unescape(cells.get("authors", "")))
        if not title and arxiv_id is None and not summary:
            self.warn(line, "row has no title, link or summary; skipped")
            return None
        if not title:
            self.warn(line, "row has no title")
            title = f"(untitled arXiv:{arxiv_id})" if arxiv_id else "(untitled)"
        if arxiv_id is None:
            self.warn(line, f"no arXiv or Hugging Face link for {title[:60]!r}")
        return TableRow(date, line, title, authors, summary, arxiv_id, hf.group("url") if hf else None)

    def default_cells(self, body: str) -> tuple[dict[str, str], tuple[int, int] | None] | None:
        """`cells` for the usual Title | Authors | Summary row; None for any other.

        The same cut with a few `find`s: no escaped pipe, and all three cells
        present (a row missing one goes to `cells`, which reports it).
        """
        if "\\|" in body:
            return None
        first = body.find("|")
        if first < 0:
            return None
        tail = _title_tail(body[: first + 400])
        if tail and tail[0] < first:
            first = body.find("|", tail[1])
            if first < 0:
                return None
        second = body.find("|", first + 1)
        if second < 0:
            return None
        cells = {"title": body[:first], "authors": body[first + 1 : second], "summary": body[second + 1 :]}
        return cells, tail

    def cells(self, body: str) -> tuple[dict[str, str], tuple[int, int] | None]:
        """Split a row into named cells; the summary keeps whatever `|` it contains.

        Columns left of the summary are cut from the left, those right of it from
        the right.  The title cell ends after its link tail, so a `|` inside the
        tail's link text cannot shift the other cells.  Returns the cells and the
        title tail's span within the title cell.
        """
        columns = self.columns
        summary_at = columns.index("summary") if "summary" in columns else len(columns) - 1
        before, after = columns[:summary_at], columns[summary_at + 1 :]
        pipes = _unescaped_pipes(body)
        tail = None
        if before and before[0] == "title":
            first_pipe = pipes[0] if pipes else len(body)
            tail = _title_tail(body[: first_pipe + 400])
            if tail and tail[0] < first_pipe:
                pipes = [p for p in pipes if p >= tail[1]]
        cells: dict[str, str] = {}
        start, used = 0, 0
        for name in before:
            if used < len(pipes):
                cells[name] = body[start : pipes[used]]
                start = pipes[used] + 1
                used += 1
            else:
                cells[name] = body[start:]
                start = len(body)
        remaining = pipes[used:]
        end = len(body)
        for name in reversed(after):
            cells[name] = body[remaining[-1] + 1 : end] if remaining else ""
            if remaining:
                end = remaining.pop()
        cells[columns[summary_at]] = body[start:end]
        if len(pipes) + 1 < len(columns):
            missing = [n for n in columns if not cells.get(n, "").strip()]
            self.warn(
                self.row_line,
                f"row has {len(pipes) + 1} of {len(columns)} cells"
                + (f" ({', '.join(missing)} missing)" if missing else ""),
            )
        return cells, tail


def read_table_text(text: str, path: str) -> TableText:
    """Every paper row of every `## Papers for` section in `text`, with problems."""
    return _TableReader(path).read(text)
