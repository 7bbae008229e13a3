"""The records a digest turns into: papers, their summary sections, and problems.

Everything here is a frozen dataclass so a parsed archive can be shared between
the cache, the UI and worker threads without anyone mutating it underneath.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Final, Literal

SectionKind = Literal["tldr", "objective", "methodology", "results", "implications", "limitations", "other"]

SECTION_KINDS: Final[tuple[SectionKind, ...]] = (
    "tldr",
    "objective",
    "methodology",
    "results",
    "implications",
    "limitations",
    "other",
)

SECTION_HEADINGS: Final[dict[SectionKind, str]] = {
    "tldr": "TL;DR",
    "objective": "Objective",
    "methodology": "Method",
    "results": "Results",
    "implications": "Implications",
    "limitations": "Limitations",
    "other": "Notes",
}


@dataclass(frozen=True, slots=True)
class Section:
    """One labelled part of a summary; `text` is verbatim from the summary."""

    kind: SectionKind
    text: str


@dataclass(frozen=True, slots=True)
class Links:
    """Where a paper can be read: arXiv abstract, Hugging Face page and PDF."""

    arxiv: str | None = None
    huggingface: str | None = None
    pdf: str | None = None

    @classmethod
    def for_arxiv_id(cls, arxiv_id: str | None, huggingface: str | None = None) -> Links:
        """Canonical links for an arXiv id (the HF page defaults to the id's page)."""
        if arxiv_id is None:
            return cls(huggingface=huggingface)
        return cls(
            arxiv=f"https://arxiv.org/abs/{arxiv_id}",
            huggingface=huggingface or f"https://huggingface.co/papers/{arxiv_id}",
            pdf=f"https://arxiv.org/pdf/{arxiv_id}",
        )


def paper_key(arxiv_id: str | None, title: str) -> str:
    """The identity user state hangs on: the arXiv id, else a hash of the folded title.

    The one definition: papers, table rows and cache records all use it.
    """
    if arxiv_id:
        return arxiv_id
    import hashlib  # rarely needed (most papers have an arXiv id); ~3 ms to import

    folded = " ".join(title.casefold().split())
    return "t:" + hashlib.sha1(folded.encode("utf-8")).hexdigest()[:16]


@dataclass(frozen=True, slots=True)
class Paper:
    """One row of a digest, with its summary split into sections."""

    date: str
    arxiv_id: str | None
    title: str
    authors: tuple[str, ...]
    summary: str
    sections: tuple[Section, ...]
    followups: tuple[str, ...]
    links: Links
    source: str

    @property
    def key(self) -> str:
        """The identity user state hangs on (see `paper_key`)."""
        return paper_key(self.arxiv_id, self.title)

    def to_record(self) -> dict[str, Any]:
        """The JSONL export schema (see README, "Export")."""
        return {
            "date": self.date,
            "arxiv_id": self.arxiv_id,
            "title": self.title,
            "authors": list(self.authors),
            "summary": self.summary,
            "sections": [{"kind": s.kind, "text": s.text} for s in self.sections],
            "followups": list(self.followups),
            "links": {
                "arxiv": self.links.arxiv,
                "huggingface": self.links.huggingface,
                "pdf": self.links.pdf,
            },
            "source": self.source,
        }


@dataclass(frozen=True, slots=True)
class Problem:
    """Something wrong in an input file, located as `path:line` (line 0: whole file)."""

    path: str
    line: int
    message: str

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else self.path
        return f"{where}: {self.message}"
