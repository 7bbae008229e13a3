"""The compact form papers take in cache.json, and back.

A paper is stored as its table row, with short keys:

    {"d": date, "i": arxiv id | null, "t": title, "a": [authors], "s": summary,
     "h": HF url | null, "l": line}

The summary's sections and follow-up questions are not stored: they are
parsed when a paper is built (~0.1 ms; the Library keeps recent papers),
that is when it is shown or exported.  Parsing them for every paper at
import cost three times the rest of the import put together, for papers
mostly never opened.  (`has:followups` finds them on its first use.)
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from tui.digest.model import Links, Paper, title_key

if TYPE_CHECKING:
    from tui.digest.table import TableRow

CompactPaper = dict[str, Any]


def encode_row(row: TableRow) -> CompactPaper:
    """Table row -> compact cache record."""
    return {
        "d": row.date,
        "i": row.arxiv_id,
        "t": row.title,
        "a": list(row.authors),
        "s": row.summary,
        "h": row.huggingface,
        "l": row.line,
    }


def decode_paper(record: CompactPaper, path: str) -> Paper:
    """Compact cache record (from the file at `path`) -> Paper, its summary parsed."""
    from tui.digest.summary import parse_summary  # browsing or exporting, not importing

    summary: str = record["s"]
    parsed = parse_summary(summary)
    return Paper(
        date=record["d"],
        arxiv_id=record["i"],
        title=record["t"],
        authors=tuple(record["a"]),
        summary=summary,
        sections=parsed.sections,
        followups=parsed.followups,
        links=Links.for_arxiv_id(record["i"], record["h"]),
        source=f"{path}:{record['l']}",
    )


def record_key(record: CompactPaper) -> str:
    """The same identity as `Paper.key`, without building the Paper."""
    arxiv_id: str | None = record["i"]
    return arxiv_id if arxiv_id else title_key(record["t"])
