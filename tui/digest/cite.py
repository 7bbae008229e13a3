"""Citations for papers: BibTeX as arXiv writes it, RIS, plain text, markdown link.

With arXiv's metadata (`tui.digest.meta`, fetched by `paperbrowse enrich`)
an entry is what arXiv's own "Export BibTeX citation" gives: every author in
the paper's order, the first version's year, `eprint`, `archivePrefix`,
`primaryClass`, plus the DOI and journal reference when there are some.

Without it the digest is all there is, and it is not an author list: at most
five names, in Hugging Face's order, many of them Hugging Face user names.
A name without a space is taken for a user name (in the shared archive all
3,961 distinct one-word names are: `zengxingyu`, `Franck-Dernoncourt`,
`KennyUTC`) and is not presented as a person's name: it is left out of the
author list and named in a `note`.  No authors is never "Anonymous".
`citation` returns the text with a caveat that says so, for the copy
notification.

BibTeX keys follow arXiv's scheme (first author's family name, year, first
significant title word: `vaswani2017attention`), or the title word and year
when no author is known, made unique within one export by a letter suffix,
deterministically in list order.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import Final, Literal

from tui.digest.meta import PaperMeta
from tui.digest.model import Paper

# What the exporter and the browser use to find a paper's metadata.
MetaLookup = Callable[[Paper], PaperMeta | None]
Style = Literal["bibtex", "plain", "ris"]

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
# Words a key skips to reach the first significant one (arXiv's and Google
# Scholar's keys do the same): articles, prepositions, conjunctions, and the
# auxiliaries and question words titles open with ("When Do…", "Can LLMs…").
_STOP_WORDS: Final = frozenset(
    """
    a an the on of in for to and or nor but with without within from by via at as into onto upon
    over under about across against among between through toward towards beyond versus vs
    is are was were be been being am do does did done can could should would will shall may might
    must has have had when what how why where which who whom whose whether while if than then
    so not no yes all any each every this that these those it its our your their we you they i
    let lets make makes
    """.split()
)
_NEW_STYLE_ID = re.compile(r"^(\d{2})(\d{2})\.\d{4,5}$")
_NAME_SUFFIXES: Final = frozenset(("jr", "jr.", "sr", "sr.", "ii", "iii", "iv"))
_DIGEST_CAVEAT: Final = "authors from the digest; may be incomplete"


def latex_escape(text: str) -> str:
    """Escape the characters BibTeX/LaTeX treat specially."""
    return _LATEX_PATTERN.sub(lambda m: _LATEX_SPECIALS[m.group(0)], text)


def _ascii_word(text: str) -> str:
    folded = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    return re.sub(r"[^a-z0-9]", "", folded.lower())


def is_user_name(name: str) -> bool:
    """True for a digest author that is a Hugging Face user name, not a person's name (one word)."""
    return len(name.split()) == 1


def family_name(name: str) -> str:
    """The family name of "Given Family" (a suffix such as "Jr." skipped)."""
    words = name.split()
    while len(words) > 1 and words[-1].lower() in _NAME_SUFFIXES:
        words.pop()
    return words[-1].rstrip(",") if words else ""


@dataclass(frozen=True, slots=True)
class CitedAuthors:
    """Who an entry names: people in order, user names left out, and where the list came from."""

    names: tuple[str, ...]
    user_names: tuple[str, ...]
    from_arxiv: bool


def cited_authors(paper: Paper, meta: PaperMeta | None = None) -> CitedAuthors:
    """The authors to cite: arXiv's (else Hugging Face's), or the digest's people without user names."""
    if meta is not None and meta.authors:
        return CitedAuthors(meta.authors, (), True)
    names = tuple(a for a in paper.authors if not is_user_name(a))
    users = tuple(a for a in paper.authors if is_user_name(a))
    return CitedAuthors(names, users, False)


def _arxiv(meta: PaperMeta | None) -> PaperMeta | None:
    return meta if meta is not None and meta.arxiv is not None else None


def paper_year(paper: Paper, meta: PaperMeta | None = None) -> str:
    """The year of the first version (arXiv's metadata), else of the arXiv id, else of the digest date."""
    if meta is not None and meta.arxiv is not None and meta.arxiv.year:
        return meta.arxiv.year
    if paper.arxiv_id:
        match = _NEW_STYLE_ID.match(paper.arxiv_id)
        if match:
            return f"20{match.group(1)}"
    return paper.date[:4]


def cited_title(paper: Paper, meta: PaperMeta | None = None) -> str:
    """The title to cite: arXiv's when known (a mismatch is told in the caveat), else the digest's."""
    return meta.arxiv.title if meta is not None and meta.arxiv is not None else paper.title


def base_key(paper: Paper, meta: PaperMeta | None = None) -> str:
    """ArXiv's key scheme: family name + year + first significant title word (`word+year` without authors)."""
    authors = cited_authors(paper, meta)
    surname = _ascii_word(family_name(authors.names[0])) if authors.names else ""
    # A hyphenated word is one word ("MM-HELIX" -> mmhelix, not mm).
    words = [_ascii_word(w) for w in re.split(r"[\s:–—/]+", cited_title(paper, meta))]
    first_word = next((w for w in words if w and w not in _STOP_WORDS), "") or next(
        (w for w in words if w), "paper"
    )
    year = paper_year(paper, meta)
    return f"{surname}{year}{first_word}" if surname else f"{first_word}{year}"


def unique_keys(papers: Iterable[Paper], meta_of: MetaLookup | None = None) -> Iterator[tuple[Paper, str]]:
    """Each paper with a key unique in this sequence (`smith2025foo`, `smith2025fooa`…)."""
    used: set[str] = set()
    for paper in papers:
        key = base_key(paper, meta_of(paper) if meta_of else None)
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


def missing_authors_note(authors: CitedAuthors) -> str | None:
    """What an entry says about authors it could not name (None when it names them all)."""
    if authors.from_arxiv:
        return None
    if authors.user_names:
        users = ", ".join(authors.user_names)
        more = "Further authors" if authors.names else "Authors"
        return f"{more} listed only by Hugging Face user name: {users}"
    return None if authors.names else "Authors not listed in the digest"


def bibtex(paper: Paper, key: str | None = None, meta: PaperMeta | None = None) -> str:
    """One `@misc` entry in arXiv's own layout (`meta` from arXiv when known)."""
    known = _arxiv(meta)
    authors = cited_authors(paper, meta)
    fields = [("title", latex_escape(cited_title(paper, meta)))]
    if authors.names:
        fields.append(("author", " and ".join(latex_escape(a) for a in authors.names)))
    fields.append(("year", paper_year(paper, meta)))
    if paper.arxiv_id:
        fields += [("eprint", paper.arxiv_id), ("archivePrefix", "arXiv")]
    if known is not None and known.arxiv is not None and known.arxiv.primary_category:
        fields.append(("primaryClass", latex_escape(known.arxiv.primary_category)))
    if paper.links.arxiv:
        fields.append(("url", paper.links.arxiv))
    if known is not None and known.arxiv is not None:
        if known.arxiv.doi:
            fields.append(("doi", latex_escape(known.arxiv.doi)))
        if known.arxiv.journal_ref:
            fields.append(("journal", latex_escape(known.arxiv.journal_ref)))
    note = missing_authors_note(authors)
    if note:
        fields.append(("note", latex_escape(note)))
    body = ",\n".join(f"      {name}={{{value}}}" for name, value in fields)
    return f"@misc{{{key or base_key(paper, meta)},\n{body},\n}}"


def _author_list(authors: tuple[str, ...]) -> str:
    if len(authors) > 10:
        return ", ".join(authors[:10]) + ", et al."
    if len(authors) == 1:
        return authors[0]
    if len(authors) == 2:
        return f"{authors[0]} and {authors[1]}"
    return ", ".join(authors[:-1]) + ", and " + authors[-1]


def plain(paper: Paper, meta: PaperMeta | None = None) -> str:
    """A plain-text citation: `Authors (year). Title. arXiv:ID [cs.CL]. URL`."""
    authors = cited_authors(paper, meta)
    title = cited_title(paper, meta).rstrip(".")
    year = paper_year(paper, meta)
    head = f"{_author_list(authors.names)} ({year}). {title}." if authors.names else f"{title} ({year})."
    parts = [head]
    if paper.arxiv_id:
        known = _arxiv(meta)
        primary = known.arxiv.primary_category if known is not None and known.arxiv is not None else None
        parts.append(f"arXiv:{paper.arxiv_id}" + (f" [{primary}]." if primary else "."))
    if paper.links.arxiv:
        parts.append(paper.links.arxiv)
    return " ".join(parts)


def _ris_line(tag: str, value: str) -> str:
    return f"{tag}  - {' '.join(value.split())}\n"


def _ris_name(name: str) -> str:
    """A name in the form RIS asks for: "Given Family Jr." -> "Family, Given, Jr."."""
    words = name.split()
    suffix: list[str] = []
    while len(words) > 1 and words[-1].lower() in _NAME_SUFFIXES:
        suffix.insert(0, words.pop())
    if len(words) < 2:
        return " ".join(words + suffix)
    return ", ".join([words[-1], " ".join(words[:-1]), *([" ".join(suffix)] if suffix else [])])


def ris(paper: Paper, meta: PaperMeta | None = None) -> str:
    """One RIS record (Zotero, EndNote, Mendeley): `TY  - ELEC` for an arXiv paper, `GEN` otherwise."""
    known = _arxiv(meta)
    arxiv = known.arxiv if known is not None else None
    authors = cited_authors(paper, meta)
    lines = [_ris_line("TY", "ELEC" if paper.links.arxiv else "GEN")]
    lines.append(_ris_line("TI", cited_title(paper, meta)))
    lines += [_ris_line("AU", _ris_name(name)) for name in authors.names]
    lines.append(_ris_line("PY", paper_year(paper, meta)))
    if arxiv is not None and arxiv.published and len(arxiv.published) >= 10:
        lines.append(_ris_line("DA", arxiv.published[:10].replace("-", "/")))
    if arxiv is not None and arxiv.abstract:
        lines.append(_ris_line("AB", arxiv.abstract))
    if paper.links.arxiv:
        lines.append(_ris_line("UR", paper.links.arxiv))
    if arxiv is not None and arxiv.doi:
        lines.append(_ris_line("DO", arxiv.doi))
    if paper.arxiv_id:
        lines += [_ris_line("PB", "arXiv"), _ris_line("M3", f"arXiv:{paper.arxiv_id}")]
    lines += [_ris_line("KW", category) for category in (arxiv.categories if arxiv is not None else ())]
    if arxiv is not None and arxiv.journal_ref:
        lines.append(_ris_line("JO", arxiv.journal_ref))
    for note in (arxiv.comment if arxiv is not None else None, missing_authors_note(authors)):
        if note:
            lines.append(_ris_line("N1", note))
    lines.append("ER  - \n")
    return "".join(lines)


def caveat(paper: Paper, meta: PaperMeta | None = None) -> str | None:
    """What the user should know about a citation before pasting it (None: it is arXiv's own)."""
    if meta is not None and meta.arxiv is not None:
        if meta.title_mismatch(paper.title):
            return f"arXiv's title for {paper.arxiv_id} differs from the digest's; check the id"
        return None
    if meta is not None and meta.authors:
        return "authors from Hugging Face (arXiv gave none)"
    authors = cited_authors(paper, meta)
    if not authors.names:
        if authors.user_names:
            return "the digest lists only Hugging Face user names; no authors in the entry"
        return "the digest lists no authors; none in the entry"
    if authors.user_names:
        return f"{_DIGEST_CAVEAT}; Hugging Face user names left out"
    return _DIGEST_CAVEAT


@dataclass(frozen=True, slots=True)
class Citation:
    """A citation's text and, when it is not arXiv's own record, a caveat for the notification."""

    text: str
    caveat: str | None


def citation(paper: Paper, meta: PaperMeta | None = None, style: Style = "bibtex") -> Citation:
    """The citation the browser copies (`c`: bibtex, `C`: plain), with its caveat."""
    if style == "bibtex":
        text = bibtex(paper, meta=meta)
    elif style == "plain":
        text = plain(paper, meta)
    else:
        text = ris(paper, meta)
    return Citation(text, caveat(paper, meta))


def markdown_link(paper: Paper) -> str:
    """`[Title](https://arxiv.org/abs/ID)`, brackets in the title escaped."""
    title = paper.title.replace("[", r"\[").replace("]", r"\]")
    url = paper.links.arxiv or paper.links.huggingface or ""
    return f"[{title}]({url})" if url else title
