"""Papers side by side: a column per paper, a row per section kind, texts verbatim.

`comparison(papers)` is the table; `render(table, fmt)` writes it as a
markdown table (pipes escaped, line breaks as `<br>`), CSV (formula cells
neutralised) or plain text in columns for a terminal.  Every text from a
digest has its control characters removed on the way out.
"""

from __future__ import annotations

import csv
import io
import textwrap
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import zip_longest
from typing import Final

from tui.digest.model import SECTION_HEADINGS, Paper, SectionKind
from tui.digest.text import single_line, strip_controls

COMPARED_KINDS: Final[tuple[SectionKind, ...]] = (
    "tldr",
    "objective",
    "methodology",
    "results",
    "implications",
    "limitations",
)
FORMATS: Final = ("markdown", "csv", "text")
MISSING: Final = "—"


@dataclass(frozen=True, slots=True)
class Comparison:
    """Column headings (one per paper) and rows (a section kind, one text per paper)."""

    papers: tuple[Paper, ...]
    rows: tuple[tuple[SectionKind, tuple[str, ...]], ...]

    @property
    def headings(self) -> tuple[str, ...]:
        """Each paper's column heading: its title and id."""
        return tuple(
            f"{single_line(p.title)} ({p.arxiv_id})" if p.arxiv_id else single_line(p.title)
            for p in self.papers
        )


def section_text(paper: Paper, kind: SectionKind) -> str:
    """The paper's text for `kind`, verbatim (several sections of a kind joined); '' if none."""
    return "\n".join(s.text for s in paper.sections if s.kind == kind)


def comparison(papers: Sequence[Paper]) -> Comparison:
    """The table for `papers`; a kind no paper has is left out (limitations, often)."""
    rows = []
    for kind in COMPARED_KINDS:
        texts = tuple(section_text(p, kind) for p in papers)
        if any(texts):
            rows.append((kind, texts))
    return Comparison(tuple(papers), tuple(rows))


def render(table: Comparison, fmt: str, width: int = 120) -> str:
    """`table` as `markdown`, `csv` or `text` (columns fitted to `width`)."""
    if fmt == "markdown":
        return to_markdown(table)
    if fmt == "csv":
        return to_csv(table)
    return to_text(table, width)


def _markdown_cell(text: str) -> str:
    lines = [" ".join(line.split()) for line in strip_controls(text).split("\n")]
    return "<br>".join(line for line in lines if line).replace("|", "\\|") or MISSING


def to_markdown(table: Comparison) -> str:
    """A markdown table: the first column names the section, one column per paper."""
    head = ["", *table.headings]
    lines = [
        "| " + " | ".join(_markdown_cell(h) if h else " " for h in head) + " |",
        "|" + "---|" * len(head),
    ]
    for kind, texts in table.rows:
        cells = [SECTION_HEADINGS[kind], *(_markdown_cell(t) for t in texts)]
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines) + "\n"


def to_csv(table: Comparison) -> str:
    """CSV: a header row (section, then each paper), a row per section kind."""
    from tui.digest.export import spreadsheet_safe

    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(["section", *(spreadsheet_safe(h) for h in table.headings)])
    for kind, texts in table.rows:
        writer.writerow([SECTION_HEADINGS[kind], *(spreadsheet_safe(strip_controls(t)) for t in texts)])
    return buffer.getvalue()


def to_text(table: Comparison, width: int = 120) -> str:
    """Columns side by side, wrapped to fit `width`; each row headed by its section's name."""
    count = max(1, len(table.papers))
    gap = 3
    column = max(16, (width - gap * (count - 1)) // count)

    def block(text: str) -> list[str]:
        paragraphs = strip_controls(text).split("\n") if text else [MISSING]
        lines: list[str] = []
        for paragraph in paragraphs:
            lines += textwrap.wrap(paragraph, column) or [""]
        return lines

    out: list[str] = []

    def side_by_side(cells: Sequence[list[str]]) -> None:
        for parts in zip_longest(*cells, fillvalue=""):
            out.append((" " * gap).join(part.ljust(column) for part in parts).rstrip())

    side_by_side([block(h) for h in table.headings])
    for kind, texts in table.rows:
        out.append("")
        heading = SECTION_HEADINGS[kind]
        out.append(f"── {heading} " + "─" * max(0, min(width, 60) - len(heading) - 4))
        side_by_side([block(t) for t in texts])
    return "\n".join(out) + "\n"
