"""Papers -> export formats: jsonl, json, bibtex, ris, markdown, csv.

The markdown format is the digest format itself (`## Papers for DATE` and a
`| Title | Authors | Summary |` table), so an export can be read back by
paperbrowse or any digest reader.

JSONL/JSON records carry the paper's fetched metadata (`"arxiv"`, `"hf"`,
null when unknown), and BibTeX/RIS entries use it, when the caller gives a
look-up (`meta`); markdown and CSV are the digest's own columns.
"""

from __future__ import annotations

import csv
import dataclasses
import io
import json
from collections.abc import Callable, Iterable, Iterator
from itertools import groupby
from typing import Final

from tui.digest.cite import MetaLookup, bibtex, ris, unique_keys
from tui.digest.meta import empty_record
from tui.digest.model import Paper, Section
from tui.digest.text import escape_json_controls, first_control, strip_controls

FORMATS: Final = ("jsonl", "json", "bibtex", "ris", "markdown", "csv")
SUFFIXES: Final = {
    "jsonl": ".jsonl",
    "json": ".json",
    "bibtex": ".bib",
    "ris": ".ris",
    "markdown": ".md",
    "csv": ".csv",
}
CSV_COLUMNS: Final = (
    "date",
    "arxiv_id",
    "title",
    "authors",
    "arxiv",
    "huggingface",
    "pdf",
    "tldr",
    "summary",
    "followups",
    "source",
)


# A cell a spreadsheet would run as a formula starts with one of these (OWASP).
_FORMULA_STARTS: Final = ("=", "+", "-", "@", "\t", "\r")


def _dumps(record: object, indent: int | None = None) -> str:
    # Controls JSON leaves raw (DEL, C1) are escaped, so printing an export is safe.
    return escape_json_controls(json.dumps(record, ensure_ascii=False, indent=indent))


def paper_record(paper: Paper, meta: MetaLookup | None = None) -> dict[str, object]:
    """A paper's JSONL object: the digest's fields, then `"arxiv"` and `"hf"` (null when unknown)."""
    found = meta(paper) if meta is not None else None
    return {**paper.to_record(), **(found.to_record(paper.title) if found is not None else empty_record())}


def iter_jsonl(papers: Iterable[Paper], meta: MetaLookup | None = None) -> Iterator[str]:
    """One JSON object per line, in the schema the README documents."""
    for paper in papers:
        yield _dumps(paper_record(paper, meta)) + "\n"


def iter_json(papers: Iterable[Paper], meta: MetaLookup | None = None) -> Iterator[str]:
    """One JSON array of the same objects, streamed."""
    yield "["
    for index, paper in enumerate(papers):
        body = _dumps(paper_record(paper, meta), indent=2)
        yield ("," if index else "") + "\n  " + body.replace("\n", "\n  ")
    yield "\n]\n"


def without_controls(paper: Paper) -> Paper:
    """`paper` with terminal controls removed from every text field.

    The reader already removes them; this guards the text formats against a
    cache written by something else.  Costs one scan per field when clean.
    """
    fields = (paper.title, paper.summary, paper.source, *paper.authors, *paper.followups)
    if all(first_control(text) is None for text in fields) and all(
        first_control(s.text) is None for s in paper.sections
    ):
        return paper
    return dataclasses.replace(
        paper,
        title=strip_controls(paper.title),
        authors=tuple(strip_controls(a) for a in paper.authors),
        summary=strip_controls(paper.summary),
        sections=tuple(Section(s.kind, strip_controls(s.text)) for s in paper.sections),
        followups=tuple(strip_controls(q) for q in paper.followups),
        source=strip_controls(paper.source),
    )


def spreadsheet_safe(cell: str) -> str:
    """A cell a spreadsheet shows as text: a leading `= + - @` gets a `'` before it."""
    return "'" + cell if cell.startswith(_FORMULA_STARTS) else cell


def iter_bibtex(papers: Iterable[Paper], meta: MetaLookup | None = None) -> Iterator[str]:
    """BibTeX entries, keys unique among them, separated by blank lines."""
    for index, (paper, key) in enumerate(unique_keys(papers, meta)):
        yield ("\n" if index else "") + bibtex(paper, key, meta(paper) if meta else None) + "\n"


def iter_ris(papers: Iterable[Paper], meta: MetaLookup | None = None) -> Iterator[str]:
    """RIS records (Zotero, EndNote), separated by blank lines."""
    for index, paper in enumerate(papers):
        yield ("\n" if index else "") + ris(paper, meta(paper) if meta else None)


def _cell(text: str) -> str:
    return " ".join(text.split()).replace("|", "\\|")


def iter_markdown(papers: Iterable[Paper], meta: MetaLookup | None = None) -> Iterator[str]:
    """Digest markdown: one `## Papers for DATE` section per day, in the given order."""
    for index, (date, day) in enumerate(groupby(papers, key=lambda p: p.date)):
        yield ("\n" if index else "") + (
            f"## Papers for {date}\n\n| Title | Authors | Summary |\n|-------|---------|---------|\n"
        )
        for paper in day:
            links = []
            if paper.links.arxiv:
                links.append(f"[arXiv]({paper.links.arxiv})")
            if paper.links.huggingface:
                links.append(f"[HuggingFace]({paper.links.huggingface})")
            tail = f" (Read more on {' or '.join(links)})" if links else ""
            authors = _cell(", ".join(paper.authors))
            yield f"| {_cell(paper.title)}{tail} | {authors} | {_cell(paper.summary)} |\n"


def iter_csv(papers: Iterable[Paper], meta: MetaLookup | None = None) -> Iterator[str]:
    """A spreadsheet-friendly table; authors joined by '; ', questions by newlines."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(CSV_COLUMNS)
    for paper in papers:
        tldr = next((s.text for s in paper.sections if s.kind == "tldr"), "")
        cells = [
            paper.date,
            paper.arxiv_id or "",
            paper.title,
            "; ".join(paper.authors),
            paper.links.arxiv or "",
            paper.links.huggingface or "",
            paper.links.pdf or "",
            tldr,
            paper.summary,
            "\n".join(paper.followups),
            paper.source,
        ]
        writer.writerow([spreadsheet_safe(cell) for cell in cells])
        yield buffer.getvalue()
        buffer.seek(0)
        buffer.truncate()


# Formats that are text a person reads (and may print): their fields are cleaned.
_TEXT_FORMATS: Final = frozenset(("bibtex", "ris", "markdown", "csv"))
# Formats that show fetched metadata: only these make a caller load it.
USES_METADATA: Final = frozenset(("jsonl", "json", "bibtex", "ris"))
_RENDERERS: Final[dict[str, Callable[[Iterable[Paper], MetaLookup | None], Iterator[str]]]] = {
    "jsonl": iter_jsonl,
    "json": iter_json,
    "bibtex": iter_bibtex,
    "ris": iter_ris,
    "markdown": iter_markdown,
    "csv": iter_csv,
}


def render_iter(papers: Iterable[Paper], fmt: str, meta: MetaLookup | None = None) -> Iterator[str]:
    """Papers in the named format (one of `FORMATS`), as chunks to write in turn.

    `meta` finds a paper's fetched metadata (see `USES_METADATA`).
    """
    try:
        renderer = _RENDERERS[fmt]
    except KeyError:
        raise ValueError(f"unknown format {fmt!r}") from None
    if fmt in _TEXT_FORMATS:
        papers = (without_controls(paper) for paper in papers)
    return renderer(papers, meta)


def render(papers: Iterable[Paper], fmt: str, meta: MetaLookup | None = None) -> str:
    """Papers in the named format, as one string."""
    return "".join(render_iter(papers, fmt, meta))


def to_jsonl(papers: Iterable[Paper], meta: MetaLookup | None = None) -> str:
    """JSONL as one string."""
    return render(papers, "jsonl", meta)
