"""What feeds and watch/hide rules pick out of the library, computed once, kept current cheaply.

A query splits in two: what it asks of the papers (words, dates, follow-up
questions) and what it asks of the user's marks (read, starred, notes,
tags).  The first part is searched once per query text and kept
(`_content`); the second is a cheap pass over those matches, run again only
when marks change.  So a mark, a sync or a new feed never re-runs every
query on every key: counts come from cached matches.

Before the whole library has been searched (`compute`, run in the
background after the first frame) the rules are applied to just the papers
on screen, through a search index over those few (`among`), so the first
frame already leaves hidden papers out.
"""

from __future__ import annotations

import dataclasses
import threading
from collections.abc import Sequence

from tui.store.library import Library
from tui.store.query import Query, QueryError, parse_query
from tui.store.search import SearchIndex
from tui.store.state import Feed, StateSnapshot, UserState

# has: values that are about a paper's content; the others are about the user's marks.
_CONTENT_FLAGS = frozenset(("followups", "-followups"))


def content_part(query: Query) -> Query:
    """What `query` asks of the papers themselves."""
    return dataclasses.replace(
        query, is_flags=(), has_flags=tuple(f for f in query.has_flags if f in _CONTENT_FLAGS), tags=()
    )


def marks_part(query: Query) -> Query:
    """What `query` asks of the user's marks (read, starred, notes, tags)."""
    return Query(
        is_flags=query.is_flags,
        has_flags=tuple(f for f in query.has_flags if f not in _CONTENT_FLAGS),
        tags=query.tags,
    )


class Organiser:
    """Feeds' papers and counts; the papers watch rules mark and hide rules leave out."""

    def __init__(self, library: Library, state: UserState) -> None:
        self.library = library
        self.state = state
        self._content: dict[str, list[int]] = {}  # query text -> matching indices, library order
        self._hidden: set[int] | None = None  # None until the whole library has been looked at
        self._watched: set[int] | None = None
        self._counts: dict[str, tuple[int, int]] = {}  # feed name -> (unread, total)
        self._lock = threading.Lock()

    # -- what changed ---------------------------------------------------------------

    def library_changed(self, library: Library) -> None:
        """A new library (after a sync): everything is searched again."""
        with self._lock:
            self.library = library
            self._content.clear()
            self._hidden = self._watched = None
            self._counts.clear()

    def marks_changed(self) -> None:
        """Read marks, stars, notes or tags changed: counts and mark-dependent rules again."""
        with self._lock:
            self._counts.clear()
            if self._rules_use_marks():
                self._hidden = self._watched = None

    def rules_changed(self) -> None:
        """A rule or a feed came or went."""
        with self._lock:
            self._hidden = self._watched = None
            self._counts.clear()

    @property
    def ready(self) -> bool:
        """True once the whole library has been looked at for the rules."""
        return self._hidden is not None

    # -- the work ---------------------------------------------------------------------

    def compute(self, extra: Sequence[Feed] = ()) -> None:
        """Search the whole library for every feed and rule (in a worker: ~50 ms a query at 50,000).

        `extra` feeds (the browser's "For you") are counted too, though not saved ones.
        """
        snapshot = self.state.snapshot
        hidden = self._rule_matches("hide", snapshot)
        watched = self._rule_matches("watch", snapshot)
        for feed in (*snapshot.feeds, *extra):
            self._matches(feed.query, snapshot)
        with self._lock:
            self._hidden, self._watched = hidden, watched

    def _rules_use_marks(self) -> bool:
        return any(not marks_part(q).empty for q in self._queries(self.state.snapshot, "hide", "watch"))

    def _queries(self, snapshot: StateSnapshot, *kinds: str) -> list[Query]:
        found = []
        for rule in snapshot.rules:
            if rule.kind in kinds:
                try:
                    found.append(parse_query(rule.query))
                except QueryError:
                    continue  # checked when the rule was made; a hand-edited file may hold anything
        return found

    def _matches(self, text: str, snapshot: StateSnapshot, within: Sequence[int] | None = None) -> list[int]:
        """Indices matching query `text` (library order): content cached, marks applied now."""
        query = parse_query(text)
        library = self.library
        content = self._content.get(query.text) if within is None else None
        if content is None:
            content = library.matches(content_part(query), snapshot, within)
            if within is None:
                self._content[query.text] = content
        marks = marks_part(query)
        if marks.empty:
            return content
        return library.matches(marks, snapshot, content)

    def _rule_matches(self, kind: str, snapshot: StateSnapshot) -> set[int]:
        found: set[int] = set()
        for rule in snapshot.rules:
            if rule.kind == kind:
                try:
                    found.update(self._matches(rule.query, snapshot))
                except QueryError:
                    continue
        return found

    # -- what the browser asks ----------------------------------------------------------

    def among(self, indices: Sequence[int]) -> tuple[set[int], set[int]]:
        """Which of `indices` hide rules leave out and watch rules mark.

        From the whole-library sets once they are there; before that, from a
        search index over just these papers (a day's worth: ~1 ms).
        """
        hidden, watched = self._hidden, self._watched
        if hidden is not None and watched is not None:
            return hidden.intersection(indices), watched.intersection(indices)
        snapshot = self.state.snapshot
        if not snapshot.rules or not indices:
            return set(), set()
        library = self.library
        local = SearchIndex(
            library.records(indices),
            [library.key(i) for i in indices],
            lambda: (library.record(i)["s"] for i in indices),
        )
        found: dict[str, set[int]] = {"hide": set(), "watch": set()}
        for rule in snapshot.rules:
            try:
                query = parse_query(rule.query)
            except QueryError:
                continue
            hits = local.matches(
                query, snapshot, lambda position: library.date(indices[position]), meta=library.meta
            )
            found.setdefault(rule.kind, set()).update(indices[position] for position in hits)
        return found["hide"], found["watch"]

    def feed_papers(self, feed: Feed, *, include_hidden: bool = False) -> list[int]:
        """A feed's papers, newest first, or in the query's order (hidden ones left out unless asked for).

        A feed ranked by similarity (`order:foryou`, `related:`) is ranked once
        the similarity index is in memory; until then it is newest first.
        """
        snapshot = self.state.snapshot
        papers = self._members(feed, include_hidden)
        query = parse_query(feed.query)
        if (query.order or query.related) and self.library.discovery.ready:
            papers = self.library.rank(query, papers, snapshot)
        return papers

    def _members(self, feed: Feed, include_hidden: bool = False) -> list[int]:
        """A feed's papers in library order: what it counts, before any ranking."""
        snapshot = self.state.snapshot
        papers = self._matches(feed.query, snapshot)
        if not include_hidden and snapshot.rules:
            hidden, _ = self.among(papers)
            papers = [i for i in papers if i not in hidden] if hidden else papers
        return papers

    def feed_counts(self, feed: Feed) -> tuple[int, int] | None:
        """(unread, total) of a feed, hidden papers left out; None until known (see `compute`)."""
        with self._lock:
            known = self._counts.get(feed.name)
        if known is not None:
            return known
        if feed.query not in self._content and parse_query(feed.query).text not in self._content:
            return None  # not searched yet: `compute` will, off the UI thread
        papers = self._members(feed)  # counting needs no ranking (For you's costs ~100 ms)
        read, key = self.state.snapshot.read, self.library.key
        counts = (sum(1 for i in papers if key(i) not in read), len(papers))
        with self._lock:
            self._counts[feed.name] = counts
        return counts
