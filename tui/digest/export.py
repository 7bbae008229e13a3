"""Papers -> export formats: jsonl, json, bibtex, markdown, csv.

The markdown format is the digest format itself (`## Papers for DATE` and a
`| Title | Authors | Summary |` table), so an export can be read back by
paperbrowse or any digest reader.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Sequence
from itertools import groupby
from typing import Final

from tui.digest.cite import bibtex_all
from tui.digest.model import Paper

FORMATS: Final = ("jsonl", "json", "bibtex", "markdown", "csv")
SUFFIXES: Final = {"jsonl": ".jsonl", "json": ".json", "bibtex": ".bib", "markdown": ".md", "csv": ".csv"}
CSV_COLUMNS: Final = (
    "date", "arxiv_id", "title", "authors", "arxiv", "huggingface", "pdf", "tldr", "summary",
    "followups", "source",
)


def to_jsonl(papers: Iterable[Paper]) -> str:
    """One JSON object per line, in the schema the README documents."""
    return "".join(json.dumps(p.to_record(), ensure_ascii=False) + "\n" for p in papers)


def to_json(papers: Iterable[Paper]) -> str:
    """One JSON array of the same objects."""
    return json.dumps([p.to_record() for p in papers], ensure_ascii=False, indent=2) + "\n"


def _cell(text: str) -> str:
    return " ".join(text.split()).replace("|", "\\|")


def to_markdown(papers: Sequence[Paper]) -> str:
    """Digest markdown: one `## Papers for DATE` section per day, in the given order."""
    out = []
    for date, day in groupby(papers, key=lambda p: p.date):
        out.append(f"## Papers for {date}\n\n| Title | Authors | Summary |\n|-------|---------|---------|")
        for paper in day:
            links = []
            if paper.links.arxiv:
                links.append(f"[arXiv]({paper.links.arxiv})")
            if paper.links.huggingface:
                links.append(f"[HuggingFace]({paper.links.huggingface})")
            tail = f" (Read more on {' or '.join(links)})" if links else ""
            out.append(
                f"| {_cell(paper.title)}{tail} | {_cell(', '.join(paper.authors))} | {_cell(paper.summary)} |"
            )
        out.append("")
    return "\n".join(out) + ("\n" if out else "")


def to_csv(papers: Iterable[Paper]) -> str:
    """A spreadsheet-friendly table; authors joined by '; ', questions by newlines."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(CSV_COLUMNS)
    for paper in papers:
        tldr = next((s.text for s in paper.sections if s.kind == "tldr"), "")
        writer.writerow([
            paper.date, paper.arxiv_id or "", paper.title, "; ".join(paper.authors),
            paper.links.arxiv or "", paper.links.huggingface or "", paper.links.pdf or "",
            tldr, paper.summary, "\n".join(paper.followups), paper.source,
        ])
    return buffer.getvalue()


def render(papers: Sequence[Paper], fmt: str) -> str:
    """Papers in the named format (one of `FORMATS`)."""
    if fmt == "jsonl":
        return to_jsonl(papers)
    if fmt == "json":
        return to_json(papers)
    if fmt == "bibtex":
        return bibtex_all(papers) if papers else ""
    if fmt == "markdown":
        return to_markdown(papers)
    if fmt == "csv":
        return to_csv(papers)
    raise ValueError(f"unknown format {fmt!r}")
