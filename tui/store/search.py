r"""Search over every paper at typing speed.

Each paper gets one folded (lower-cased, accent-stripped) haystack string,
`title \\n authors \\n summary`, with the offsets where title and authors end,
so a term is one C-level `in`/`find` per paper whatever field it targets.
Per-paper strings (rather than one giant string) keep each haystack in
Python's compact one-byte form unless that paper itself has wide characters.

At 50,000 papers one term costs a pass of ~50 ms; the UI narrows: when a
query only adds to the previous one, it searches the previous hits only.

`cat:` and `upvotes:` filter on fetched metadata, which the search asks for
(`meta`, a callable giving a `MetaView`) only when the query has one of them,
so an ordinary search never loads metadata.json.
"""

from __future__ import annotations

from collections.abc import Callable, Container, Iterable, Mapping, Sequence, Set
from typing import Protocol

from tui.store.query import SECTION_FIELDS, Query, QueryError, Term, fold
from tui.store.records import CompactPaper

# Ranking: a term found in the title outweighs one in the authors, which
# outweighs one only in the summary.
_TITLE_BONUS = 3
_CHUNK = 8192  # papers per pass between cancellation checks
_AUTHOR_BONUS = 1
SECTION_KINDS_SEARCHED = frozenset(SECTION_FIELDS.values())


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

    @property
    def tags(self) -> Mapping[str, Set[str]]:
        """The user's tags by key."""


class MetaView(Protocol):
    """The fetched metadata search filters need, by arXiv id (`tui.store.metadata.MetaFacets`)."""

    @property
    def categories(self) -> Mapping[str, tuple[str, ...]]:
        """Lower-cased arXiv categories, primary first, of papers arXiv described."""

    @property
    def upvotes(self) -> Mapping[str, int]:
        """Hugging Face upvotes of papers it listed."""


# Called only when a query filters on metadata: loading it is not free.
MetaSource = Callable[[], MetaView]


class SearchIndex:
    """Folded texts for every record, in Library order, searched pass by pass.

    Every condition is one list comprehension over the candidates left by the
    previous one, with a C-level `in` per paper: no Python function call per
    paper, which at 50,000 papers is the difference between 20 ms and 200 ms.
    """

    def __init__(
        self,
        records: Iterable[CompactPaper],
        keys: Sequence[str],
        summaries: Callable[[], Iterable[str]],
        sections: Callable[[str], Sequence[str]] | None = None,
    ) -> None:
        """Index `records` (with their state `keys`), in Library order.

        `summaries` gives the original summaries again, in order, for
        `has:followups`; `sections(kind)` every paper's folded text of a
        section kind, for `method:` and friends.
        """
        self.titles: list[str] = []
        self.authors: list[str] = []
        self.haystacks: list[str] = []
        self.keys: list[str] = list(keys)
        for record in records:
            title = fold(record["t"])
            authors = fold(", ".join(record["a"]))
            self.titles.append(title)
            self.authors.append(authors)
            self.haystacks.append(f"{title}\n{authors}\n{fold(record['s'])}")
        self._summaries = summaries
        self._followups: list[bool] | None = None
        self._sections = sections

    @property
    def followups(self) -> list[bool]:
        """Whether each paper has follow-up questions: found on the first `has:followups`.

        Only that query needs it, so neither the import nor the index pays for
        it (~8 µs a paper: 0.4 s at 50,000).
        """
        if self._followups is None:
            from tui.digest.followups import split_followups

            self._followups = [bool(split_followups(text)[1]) for text in self._summaries()]
        return self._followups

    def __len__(self) -> int:
        return len(self.haystacks)

    def _pool(self, term: Term) -> Sequence[str]:
        if term.field in SECTION_KINDS_SEARCHED:
            return self._section_pool(term.field)
        if term.field == "title":
            return self.titles
        if term.field == "author":
            return self.authors
        return self.haystacks

    def _section_pool(self, kind: str) -> Sequence[str]:
        """Every paper's folded text of section `kind` ('' without one), built on first use."""
        if self._sections is None:
            raise QueryError(f"{kind} sections cannot be searched here")
        return self._sections(kind)

    def _pass(self, term: Term, candidates: Sequence[int], heads_only: bool) -> list[int]:
        """The candidates that satisfy one term (a C-level `in` per paper)."""
        pool, text = self._pool(term), term.text
        if term.negated and term.field in SECTION_KINDS_SEARCHED:
            # A paper without the section does not match, excluded word or not.
            return [i for i in candidates if pool[i] and text not in pool[i]]
        if term.negated:
            return [i for i in candidates if text not in pool[i]]
        if heads_only and term.field == "any":
            titles, authors = self.titles, self.authors
            return [i for i in candidates if text in titles[i] or text in authors[i]]
        return [i for i in candidates if text in pool[i]]

    def matches(
        self,
        query: Query,
        state: StateView,
        date_of: Callable[[int], str],
        within: Iterable[int] | None = None,
        cancelled: Callable[[], bool] = lambda: False,
        heads_only: bool = False,
        meta: MetaSource | None = None,
    ) -> list[int]:
        """Indices matching `query`, in index order (newest day first).

        `within` restricts the search to earlier matches, when the query only
        narrowed (see `Query.narrows`); it must be in index order too.
        `cancelled` is asked between passes, so a search overtaken by the next
        keystroke stops early instead of competing with it.  `heads_only`
        looks for words in titles and authors only (a fast first answer: the
        papers that rank first); exclusions still look everywhere.  `meta`
        gives the metadata for `cat:` and `upvotes:` (none: nothing matches them).
        """
        candidates: Sequence[int] = range(len(self)) if within is None else list(within)
        # Longest terms first: usually the most selective, so later passes are short.
        for term in sorted(query.terms, key=lambda t: (t.negated, -len(t.text))):
            kept: list[int] = []
            for begin in range(0, len(candidates), _CHUNK):
                if cancelled():  # checked every chunk: a stale search stops within ~10 ms
                    return []
                kept += self._pass(term, candidates[begin : begin + _CHUNK], heads_only)
            candidates = kept
        hits = list(candidates)
        for dates in query.dates:
            hits = [i for i in hits if dates.matches(date_of(i))]
        for flag in (*query.is_flags, *query.has_flags):
            hits = self._flag_pass(hits, flag, state)
        for name, negated in query.tags:
            hits = self._tag_pass(hits, name, negated, state)
        if query.needs_metadata:
            hits = self._metadata_pass(hits, query, meta() if meta is not None else None)
        return hits

    def _metadata_pass(self, hits: list[int], query: Query, view: MetaView | None) -> list[int]:
        """The hits whose metadata passes every `cat:` and `upvotes:` filter (none without metadata)."""
        if view is None:
            return []
        keys = self.keys
        categories, upvotes = view.categories, view.upvotes
        for category in query.categories:
            hits = [i for i in hits if keys[i] in categories and category.matches(categories[keys[i]])]
        for votes in query.upvotes:
            hits = [i for i in hits if keys[i] in upvotes and votes.matches(upvotes[keys[i]])]
        return hits

    def _tag_pass(self, hits: list[int], name: str, negated: bool, state: StateView) -> list[int]:
        """The hits that carry tag `name` (folded), or, `negated`, do not."""
        keys, tags = self.keys, state.tags
        folded: dict[str, bool] = {}  # a paper's key -> whether it carries the tag (keys repeat)

        def carries(key: str) -> bool:
            names = tags.get(key)
            if not names:
                return False
            found = folded.get(key)
            if found is None:
                found = folded[key] = any(fold(tag) == name for tag in names)
            return found

        return [i for i in hits if carries(keys[i]) != negated]

    def _flag_pass(self, hits: list[int], flag: str, state: StateView) -> list[int]:
        want = not flag.startswith("-")
        name = flag.lstrip("-")
        keys = self.keys
        if name in ("starred", "unstarred"):
            want = want == (name == "starred")
            starred = state.starred
            return [i for i in hits if (keys[i] in starred) == want]
        if name in ("read", "unread"):
            want = want == (name == "read")
            read = state.read
            return [i for i in hits if (keys[i] in read) == want]
        if name == "note":
            notes = state.notes
            return [i for i in hits if bool(notes.get(keys[i])) == want]
        if name == "tag":
            tags = state.tags
            return [i for i in hits if bool(tags.get(keys[i])) == want]
        followups = self.followups
        return [i for i in hits if followups[i] == want]

    def rank(self, query: Query, hits: list[int]) -> list[int]:
        """Title hits first, then author hits, then summary hits; ties in index order."""
        positive = query.positive_terms
        if len(positive) == 1:  # the common case, in three passes and no sort
            text = positive[0].text
            titles, authors = self.titles, self.authors
            in_title = [i for i in hits if text in titles[i]]
            if positive[0].field == "title":
                return in_title
            seen = set(in_title)
            in_authors = [i for i in hits if i not in seen and text in authors[i]]
            seen.update(in_authors)
            return in_title + in_authors + [i for i in hits if i not in seen]
        bonus: dict[int, int] = {}
        for term in query.positive_terms:
            text = term.text
            titles, authors = self.titles, self.authors
            for i in [i for i in hits if text in titles[i]]:
                bonus[i] = bonus.get(i, 0) + _TITLE_BONUS
            if term.field != "title":
                for i in [i for i in hits if text in authors[i] and text not in titles[i]]:
                    bonus[i] = bonus.get(i, 0) + _AUTHOR_BONUS
        if not bonus:
            return hits
        ranked = sorted(bonus, key=lambda i: (-bonus[i], i))
        return ranked + [i for i in hits if i not in bonus]

    def search(
        self,
        query: Query,
        state: StateView,
        date_of: Callable[[int], str],
        within: Iterable[int] | None = None,
        meta: MetaSource | None = None,
    ) -> list[int]:
        """Matching indices, ranked (see `matches` and `rank`)."""
        return self.rank(query, self.matches(query, state, date_of, within, meta=meta))


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
