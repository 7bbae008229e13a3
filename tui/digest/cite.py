"""Citations for papers: BibTeX as arXiv writes it, plain text, markdown link.

BibTeX keys follow arXiv's own scheme (first author's surname, year, first
significant title word: `ren2025interactcomp`) and are made unique within one
export by a letter suffix, deterministically in list order.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Iterator
from typing import Final

from tui.digest.model import Paper

_LATEX_SPECIALS: Final = {
    "\\": r"\textbackslash{}",
    "&": r"\&",
    "%": r"\%",
    "$": r"\$",
    "#": r"\#",
    "_": r"\_",
    # Not \{ and \}: BibTeX counts those braces too, so a lone one unbalances
    # the entry and no reference manager will read it.
    "{": r"\textbraceleft{}",
    "}": r"\textbraceright{}",
    "~": r"\textasciitilde{}",
    "^": r"\textasciicircum{}",
}
_LATEX_PATTERN = re.compile("|".join(re.escape(c) for c in _LATEX_SPECIALS))
_STOP_WORDS: Final = frozenset(
    (
        "a",
        "an",
        "the",
        "on",
        "of",
        "in",
        "for",
        "to",
        "and",
        "with",
        "from",
        "by",
        "via",
        "at",
        "is",
        "are",
        "as",
        "towards",
        "toward",
    )
)
_NEW_STYLE_ID = re.compile(r"^(\d{2})(\d{2})\.\d{4,5}$")


def latex_escape(text: str) -> str:
    """Escape the characters BibTeX/LaTeX treat specially."""
    return _LATEX_PATTERN.sub(lambda m: _LATEX_SPECIALS[m.group(0)], text)


def _ascii_word(text: str) -> str:
    folded = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    return re.sub(r"[^a-z0-9]", "", folded.lower())


def paper_year(paper: Paper) -> str:
    """The year of an arXiv id (2510.24668 -> 2025), else of the digest date."""
    if paper.arxiv_id:
        match = _NEW_STYLE_ID.match(paper.arxiv_id)
        if match:
            return f"20{match.group(1)}"
    return paper.date[:4]


def base_key(paper: Paper) -> str:
    """ArXiv's key scheme: surname + year + first significant title word."""
    surname = _ascii_word(paper.authors[0].split()[-1]) if paper.authors else ""
    words = [_ascii_word(w) for w in re.split(r"[\s:\-–—/]+", paper.title)]
    first_word = next((w for w in words if w and w not in _STOP_WORDS), "")
    return f"{surname or 'anonymous'}{paper_year(paper)}{first_word}"


def unique_keys(papers: Iterable[Paper]) -> Iterator[tuple[Paper, str]]:
    """Each paper with a key unique in this sequence (`smith2025foo`, `smith2025fooa`…)."""
    used: set[str] = set()
    for paper in papers:
        key = base_key(paper)
        candidate, suffix = key, 0
        while candidate in used:
            candidate = key + _letter_suffix(suffix)
            suffix += 1
        used.add(candidate)
        yield paper, candidate


def _letter_suffix(index: int) -> str:
    letters = ""
    index += 1
    while index:
        index, remainder = divmod(index - 1, 26)
        letters = chr(ord("a") + remainder) + letters
    return letters


def bibtex(paper: Paper, key: str | None = None) -> str:
    """One `@misc` entry in arXiv's own layout."""
    fields = [
        ("title", latex_escape(paper.title)),
        ("author", " and ".join(latex_escape(a) for a in paper.authors) or "Anonymous"),
        ("year", paper_year(paper)),
    ]
    if paper.arxiv_id:
        fields += [("eprint", paper.arxiv_id), ("archivePrefix", "arXiv")]
    if paper.links.arxiv:
        fields.append(("url", paper.links.arxiv))
    body = ",\n".join(f"      {name}={{{value}}}" for name, value in fields)
    return f"@misc{{{key or base_key(paper)},\n{body},\n}}"


def _author_list(authors: tuple[str, ...]) -> str:
    if not authors:
        return "Anonymous"
    if len(authors) > 10:
        return ", ".join(authors[:10]) + ", et al."
    if len(authors) == 1:
        return authors[0]
    if len(authors) == 2:
        return f"{authors[0]} and {authors[1]}"
    return ", ".join(authors[:-1]) + ", and " + authors[-1]


def plain(paper: Paper) -> str:
    """A plain-text citation: `Authors (year). Title. arXiv:ID. URL`."""
    parts = [f"{_author_list(paper.authors)} ({paper_year(paper)}). {paper.title.rstrip('.')}."]
    if paper.arxiv_id:
        parts.append(f"arXiv:{paper.arxiv_id}.")
    if paper.links.arxiv:
        parts.append(paper.links.arxiv)
    return " ".join(parts)


def markdown_link(paper: Paper) -> str:
    """`[Title](https://arxiv.org/abs/ID)`, brackets in the title escaped."""
    title = paper.title.replace("[", r"\[").replace("]", r"\]")
    url = paper.links.arxiv or paper.links.huggingface or ""
    return f"[{title}]({url})" if url else title
