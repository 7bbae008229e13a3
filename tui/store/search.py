r"""Search over every paper at typing speed.

Each paper gets one folded (lower-cased, accent-stripped) haystack string,
`title \\n authors \\n summary`, with the offsets where title and authors end,
so a term is one C-level `in`/`find` per paper whatever field it targets.
Per-paper strings (rather than one giant string) keep each haystack in
Python's compact one-byte form unless that paper itself has wide characters.

At 50,000 papers one term costs a pass of ~50 ms; the UI narrows: when a
query only adds to the previous one, it searches the previous hits only.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Container, Mapping, Sequence
from typing import Protocol

from tui.store.query import Query, Term, fold
from tui.store.records import CompactPaper

_TITLE_SCORE = 4
_AUTHOR_SCORE = 2
_SUMMARY_SCORE = 1


class StateView(Protocol):
    """The reading state search filters need."""

    @property
    def starred(self) -> Container[str]:
        """Keys of starred papers."""

    @property
    def read(self) -> Container[str]:
        """Keys of read papers."""

    @property
    def notes(self) -> Mapping[str, str]:
        """Notes by key."""


class SearchIndex:
    """Folded haystacks for every record, in `Library.records` order."""

    def __init__(self, records: Sequence[CompactPaper], keys: Sequence[str]) -> None:
        self.haystacks: list[str] = []
        self.title_ends: list[int] = []
        self.author_ends: list[int] = []
        self.keys: list[str] = list(keys)
        self.followups: list[bool] = []
        for record in records:
            title = fold(record["t"])
            authors = fold(", ".join(record["a"]))
            self.haystacks.append(f"{title}\n{authors}\n{fold(record['s'])}")
            self.title_ends.append(len(title))
            self.author_ends.append(len(title) + 1 + len(authors))
            self.followups.append(bool(record["f"]))

    def __len__(self) -> int:
        return len(self.haystacks)

    def _found(self, term: Term, index: int) -> bool:
        hay = self.haystacks[index]
        if term.field == "any":
            return term.text in hay
        if term.field == "title":
            return hay.find(term.text, 0, self.title_ends[index]) != -1
        return hay.find(term.text, self.title_ends[index] + 1, self.author_ends[index]) != -1

    def search(
        self,
        query: Query,
        state: StateView,
        date_of: Callable[[int], str],
        within: Collection[int] | None = None,
    ) -> list[int]:
        """Matching indices, ranked: title hits, then author hits, then summary hits.

        Ties keep index order (newest day first, table order).  `within`
        restricts the search to earlier hits when the query only narrowed.
        """
        candidates: Sequence[int] | Collection[int] = range(len(self)) if within is None else within
        positive = [t for t in query.terms if not t.negated]
        negative = [t for t in query.terms if t.negated]
        # The longest "any" term first: it is usually the most selective, and a
        # plain `in` over a list comprehension is the fastest scan Python has.
        plain = sorted((t for t in positive if t.field == "any"), key=lambda t: -len(t.text))
        if plain:
            first = plain[0].text
            hays = self.haystacks
            candidates = [i for i in candidates if first in hays[i]]
            positive = [t for t in positive if t is not plain[0]]
        hits = [
            i
            for i in candidates
            if all(self._found(t, i) for t in positive)
            and not any(self._found(t, i) for t in negative)
            and self._passes_filters(query, state, date_of, i)
        ]
        if not query.positive_terms:
            return hits
        return sorted(hits, key=lambda i: -self.score(query, i))

    def score(self, query: Query, index: int) -> int:
        """Rank: each term counts most in the title, then authors, then summary."""
        hay = self.haystacks[index]
        title_end, author_end = self.title_ends[index], self.author_ends[index]
        total = 0
        for term in query.positive_terms:
            if hay.find(term.text, 0, title_end) != -1:
                total += _TITLE_SCORE
            elif hay.find(term.text, title_end + 1, author_end) != -1:
                total += _AUTHOR_SCORE
            else:
                total += _SUMMARY_SCORE
        return total

    def _passes_filters(
        self, query: Query, state: StateView, date_of: Callable[[int], str], index: int
    ) -> bool:
        if query.dates:
            date = date_of(index)
            if not all(f.matches(date) for f in query.dates):
                return False
        key = self.keys[index]
        for flag in query.is_flags:
            negated, name = flag.startswith("-"), flag.lstrip("-")
            if name in ("starred", "unstarred"):
                value = (key in state.starred) == (name == "starred")
            else:
                value = (key in state.read) == (name == "read")
            if value == negated:
                return False
        for flag in query.has_flags:
            negated, name = flag.startswith("-"), flag.lstrip("-")
            value = bool(state.notes.get(key)) if name == "note" else self.followups[index]
            if value == negated:
                return False
        return True


def highlight_spans(text: str, terms: Sequence[Term]) -> list[tuple[int, int]]:
    """Where `terms` occur in `text` (case- and accent-insensitive), merged, in order.

    Folding is done per character so positions line up with the original text.
    """
    if not terms or not text:
        return []
    folded = "".join(_fold_char(c) for c in text) if not text.isascii() else text.lower()
    spans: list[tuple[int, int]] = []
    for term in terms:
        start = folded.find(term.text)
        while start != -1:
            spans.append((start, start + len(term.text)))
            start = folded.find(term.text, start + len(term.text))
    spans.sort()
    merged: list[tuple[int, int]] = []
    for start, end in spans:
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def _fold_char(char: str) -> str:
    folded = fold(char)
    return folded if len(folded) == 1 else char.lower()[:1] or char
