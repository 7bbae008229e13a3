"""A paper's metadata from arXiv and Hugging Face, as paperbrowse keeps it.

Pure data: frozen dataclasses, their JSONL shapes (`to_record`) and back
(`from_record`), and the comparison of a digest's title with arXiv's.  No
I/O here; the clients (`tui.enrich`) fill these in and the metadata store
(`tui.store.metadata`) keeps them.

Text from a server is hostile until cleaned: `clean_text` removes terminal
controls and collapses whitespace, and `from_record` cleans again, so a
metadata.json written by something else cannot reach the terminal either.
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any, Final

from tui.digest.text import strip_controls

# Titles this similar (after folding) are the same title: a LaTeX `$\pi$`
# against the digest's "π", a colon dropped, a v2 that fixed a typo.
_SAME_TITLE_RATIO: Final = 0.85
_NOT_WORD = re.compile(r"[^0-9a-z]+")
# Caps on what one record may hold: a hostile server (or file) cannot make
# one paper megabytes long.
MAX_AUTHORS: Final = 2000
MAX_FIELD_CHARS: Final = 20_000
MAX_CATEGORIES: Final = 50


def clean_text(text: str, limit: int = MAX_FIELD_CHARS) -> str:
    """`text` without terminal controls, its whitespace runs (line breaks too) as one space."""
    return " ".join(strip_controls(text[: limit * 2]).split())[:limit]


def fold_title(title: str) -> str:
    """A title reduced to lower-case ASCII letters and digits, words single-spaced."""
    folded = unicodedata.normalize("NFKD", title).encode("ascii", "ignore").decode("ascii").lower()
    return " ".join(_NOT_WORD.sub(" ", folded).split())


def titles_differ(digest_title: str, arxiv_title: str) -> bool:
    """True when arXiv's title is not the digest's (beyond case, accents, punctuation, LaTeX)."""
    mine, theirs = fold_title(digest_title), fold_title(arxiv_title)
    if mine == theirs or not mine or not theirs:
        return False
    return difflib.SequenceMatcher(None, mine, theirs).ratio() < _SAME_TITLE_RATIO


def _texts(values: object, limit: int) -> tuple[str, ...]:
    """A tuple of cleaned, non-empty strings from a list (anything else: empty)."""
    if not isinstance(values, list | tuple):
        return ()
    cleaned = (clean_text(v, 500) for v in values[:limit] if isinstance(v, str))
    return tuple(v for v in cleaned if v)


def _optional(value: object) -> str | None:
    if not isinstance(value, str):
        return None
    return clean_text(value) or None


@dataclass(frozen=True, slots=True)
class ArxivMeta:
    """What the arXiv API says about a paper (its latest version)."""

    authors: tuple[str, ...]  # in the paper's order
    title: str
    abstract: str
    primary_category: str | None  # e.g. "cs.CL"
    categories: tuple[str, ...]  # primary first, no repeats
    published: str | None  # first version, ISO 8601 ("2025-10-28T17:35:39Z")
    updated: str | None  # latest version
    doi: str | None = None
    journal_ref: str | None = None
    comment: str | None = None

    @property
    def year(self) -> str | None:
        """The year of the first version, from `published`."""
        if self.published and self.published[:4].isdigit():
            return self.published[:4]
        return None

    def to_record(self) -> dict[str, Any]:
        """The `"arxiv"` object of the JSONL export (see README)."""
        return {
            "authors": list(self.authors),
            "title": self.title,
            "abstract": self.abstract,
            "primary_category": self.primary_category,
            "categories": list(self.categories),
            "published": self.published,
            "updated": self.updated,
            "doi": self.doi,
            "journal_ref": self.journal_ref,
            "comment": self.comment,
        }

    @classmethod
    def from_record(cls, record: object) -> ArxivMeta:
        """Inverse of `to_record`, every text cleaned again; ValueError when it is not one."""
        if not isinstance(record, dict) or not isinstance(record.get("title"), str):
            raise ValueError("not an arXiv record")
        primary = _optional(record.get("primary_category"))
        categories = _texts(record.get("categories"), MAX_CATEGORIES)
        return cls(
            authors=_texts(record.get("authors"), MAX_AUTHORS),
            title=clean_text(record["title"]),
            abstract=clean_text(record.get("abstract") or ""),
            primary_category=primary,
            categories=ordered_categories(primary, categories),
            published=_optional(record.get("published")),
            updated=_optional(record.get("updated")),
            doi=_optional(record.get("doi")),
            journal_ref=_optional(record.get("journal_ref")),
            comment=_optional(record.get("comment")),
        )


def ordered_categories(primary: str | None, categories: Iterable[str]) -> tuple[str, ...]:
    """The primary category first, then the others in their order, each once."""
    return tuple(dict.fromkeys([*([primary] if primary else []), *categories]))


@dataclass(frozen=True, slots=True)
class HfMeta:
    """What Hugging Face's daily papers say about a paper."""

    upvotes: int | None
    authors: tuple[str, ...]  # the names HF shows (used only when arXiv gave none)

    def to_record(self) -> dict[str, Any]:
        """The `"hf"` object of the JSONL export (see README)."""
        return {"upvotes": self.upvotes, "authors": list(self.authors)}

    @classmethod
    def from_record(cls, record: object) -> HfMeta:
        """Inverse of `to_record`; ValueError when it is not one."""
        if not isinstance(record, dict):
            raise ValueError("not a Hugging Face record")
        upvotes = record.get("upvotes")
        valid = isinstance(upvotes, int) and not isinstance(upvotes, bool) and upvotes >= 0
        return cls(upvotes if valid else None, _texts(record.get("authors"), MAX_AUTHORS))


@dataclass(frozen=True, slots=True)
class PaperMeta:
    """Everything known about one paper beyond its digest row.

    `arxiv` is None until fetched, or when arXiv does not know the id
    (`arxiv_missing` then says why); `hf` is None when the paper was not on
    Hugging Face's list for its day, or that day was not fetched yet.
    """

    arxiv_id: str
    arxiv: ArxivMeta | None = None
    hf: HfMeta | None = None
    arxiv_missing: str | None = None

    @property
    def authors(self) -> tuple[str, ...]:
        """The author list: arXiv's, else Hugging Face's (where arXiv gave none)."""
        if self.arxiv is not None and self.arxiv.authors:
            return self.arxiv.authors
        return self.hf.authors if self.hf is not None else ()

    @property
    def upvotes(self) -> int | None:
        """Hugging Face upvotes, when known."""
        return self.hf.upvotes if self.hf is not None else None

    @property
    def categories(self) -> tuple[str, ...]:
        """The arXiv categories, primary first (empty when unknown)."""
        return self.arxiv.categories if self.arxiv is not None else ()

    def title_mismatch(self, digest_title: str) -> bool:
        """True when arXiv's title for this id is not the digest's: one of them is wrong."""
        return self.arxiv is not None and titles_differ(digest_title, self.arxiv.title)

    def to_record(self, digest_title: str) -> dict[str, Any]:
        """The `"arxiv"` and `"hf"` keys of a JSONL record (null when unknown).

        Both titles are kept; `"arxiv"` says whether its title is the digest's
        (`"title_mismatch"`), so neither is silently trusted.
        """
        arxiv = None
        if self.arxiv is not None:
            arxiv = self.arxiv.to_record()
            arxiv["title_mismatch"] = self.title_mismatch(digest_title)
        return {"arxiv": arxiv, "hf": self.hf.to_record() if self.hf is not None else None}


def empty_record() -> dict[str, Any]:
    """The `"arxiv"`/`"hf"` keys of a paper with no metadata."""
    return {"arxiv": None, "hf": None}
