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

from typing import TYPE_CHECKING, TypedDict

from tui.digest.model import Links, Paper, Section, SectionKind, paper_key

if TYPE_CHECKING:
    from tui.digest.table import TableRow


class CompactPaper(TypedDict):
    """One paper in cache.json: its table row under one-letter keys (it is stored 50,000 times)."""

    d: str  # digest date, YYYY-MM-DD
    i: str | None  # arXiv id
    t: str  # title
    a: list[str]  # authors
    s: str  # summary, follow-up questions included
    h: str | None  # Hugging Face URL
    l: int  # line of the row in its file  # noqa: E741


# A parsed summary as positions in it (sections and questions are verbatim
# spans): cheap to send between processes.  A piece not found is kept as text.
SectionSpan = tuple[SectionKind, int, int] | tuple[SectionKind, str]
QuestionSpan = tuple[int, int] | str
SummarySpans = tuple[tuple[SectionSpan, ...], tuple[QuestionSpan, ...]]


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


def summary_spans(summary: str) -> SummarySpans:
    """Parse `summary`; its sections and questions as positions in it."""
    from tui.digest.summary import parse_summary

    parsed = parse_summary(summary)
    sections: list[SectionSpan] = []
    position = 0
    for section in parsed.sections:
        start = summary.find(section.text, position)
        if start < 0:
            sections.append((section.kind, section.text))
        else:
            position = start + len(section.text)
            sections.append((section.kind, start, position))
    questions: list[QuestionSpan] = []
    for question in parsed.followups:
        start = summary.find(question)
        questions.append((start, start + len(question)) if start >= 0 else question)
    return tuple(sections), tuple(questions)


def _from_spans(summary: str, spans: SummarySpans) -> tuple[tuple[Section, ...], tuple[str, ...]]:
    section_spans, question_spans = spans
    sections = tuple(
        Section(span[0], summary[span[1] : span[2]]) if len(span) == 3 else Section(span[0], span[1])
        for span in section_spans
    )
    questions = tuple(q if isinstance(q, str) else summary[q[0] : q[1]] for q in question_spans)
    return sections, questions


def decode_paper(record: CompactPaper, path: str, spans: SummarySpans | None = None) -> Paper:
    """Compact cache record (from the file at `path`) -> Paper, its summary parsed.

    `spans` is the summary already parsed elsewhere (`summary_spans`).
    """
    summary: str = record["s"]
    if spans is None:
        from tui.digest.summary import parse_summary  # browsing or exporting, not importing

        parsed = parse_summary(summary)
        sections, followups = parsed.sections, parsed.followups
    else:
        sections, followups = _from_spans(summary, spans)
    return Paper(
        date=record["d"],
        arxiv_id=record["i"],
        title=record["t"],
        authors=tuple(record["a"]),
        summary=summary,
        sections=sections,
        followups=followups,
        links=Links.for_arxiv_id(record["i"], record["h"]),
        source=f"{path}:{record['l']}",
    )


def record_key(record: CompactPaper) -> str:
    """The same identity as `Paper.key`, without building the Paper."""
    return paper_key(record["i"], record["t"])
