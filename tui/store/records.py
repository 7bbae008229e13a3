"""The compact form papers take in cache.json, and back.

At 50,000 papers the cache is the biggest thing paperbrowse reads at start,
so a paper is stored with short keys and its sections and follow-up
questions as offsets into its summary (they are verbatim spans of it),
which halves the file and the memory it takes.

    {"d": date, "i": arxiv id | null, "t": title, "a": [authors], "s": summary,
     "x": [[kind, start, end], …], "f": [[start, end], …], "h": HF url | null,
     "l": line}
"""

from __future__ import annotations

from typing import Any, Final

from tui.digest.model import SECTION_KINDS, Links, Paper, Section, title_key

CompactPaper = dict[str, Any]

_KIND_CODES: Final = {kind: index for index, kind in enumerate(SECTION_KINDS)}


def _span(summary: str, text: str, after: int) -> list[int] | str:
    """Offsets of `text` in `summary` (searching from `after` first), else the text."""
    start = summary.find(text, after)
    if start < 0:
        start = summary.find(text)
    return [start, start + len(text)] if start >= 0 else text


def encode_paper(paper: Paper) -> CompactPaper:
    """Paper -> compact cache record."""
    summary = paper.summary
    sections: list[list[Any]] = []
    position = 0
    for section in paper.sections:
        span = _span(summary, section.text, position)
        if isinstance(span, list):
            position = span[1]
            sections.append([_KIND_CODES[section.kind], *span])
        else:
            sections.append([_KIND_CODES[section.kind], span])
    followups = [_span(summary, question, 0) for question in paper.followups]
    return {
        "d": paper.date,
        "i": paper.arxiv_id,
        "t": paper.title,
        "a": list(paper.authors),
        "s": summary,
        "x": sections,
        "f": followups,
        "h": paper.links.huggingface,
        "l": int(paper.source.rsplit(":", 1)[1]) if ":" in paper.source else 0,
    }


def _text(summary: str, span: list[Any] | str) -> str:
    if isinstance(span, str):
        return span
    return summary[span[0] : span[1]]


def decode_paper(record: CompactPaper, path: str) -> Paper:
    """Compact cache record (from the file at `path`) -> Paper."""
    summary: str = record["s"]
    sections = tuple(
        Section(SECTION_KINDS[item[0]], _text(summary, item[1] if len(item) == 2 else item[1:]))
        for item in record["x"]
    )
    return Paper(
        date=record["d"],
        arxiv_id=record["i"],
        title=record["t"],
        authors=tuple(record["a"]),
        summary=summary,
        sections=sections,
        followups=tuple(_text(summary, span) for span in record["f"]),
        links=Links.for_arxiv_id(record["i"], record["h"]),
        source=f"{path}:{record['l']}",
    )


def record_key(record: CompactPaper) -> str:
    """The same identity as `Paper.key`, without building the Paper."""
    arxiv_id: str | None = record["i"]
    return arxiv_id if arxiv_id else title_key(record["t"])
