"""Searching every day as one types, over the browser screen.

Each keystroke parses the query and searches in a thread worker (exclusive:
a newer keystroke cancels the older search); the worker posts `Results`,
which the screen hands back here, and results for a query the box no
longer holds are dropped.  When the query only grew, only the previous
matches are searched.  The detail pane shows the top result as soon as the
results arrive (it is cheap: ~10 ms), so it follows the typing.
"""

from __future__ import annotations

import dataclasses
import threading
from typing import TYPE_CHECKING

from textual.message import Message
from textual.worker import get_current_worker

if TYPE_CHECKING:  # the query language loads with the first search, not at start-up
    from tui.store.query import Query
    from tui.ui.screens.browser import BrowserScreen

# Above this many papers to search, titles and authors are answered first.
PROGRESSIVE_FROM = 10_000


class Results(Message):
    """Search results for `text` (`partial`: title and author matches so far)."""

    def __init__(
        self,
        text: str,
        hits: list[int],
        keep: int | None,
        narrowing: tuple[Query, list[int]] | None,
        partial: bool,
    ) -> None:
        super().__init__()
        self.text = text
        self.hits = hits
        self.keep = keep
        self.narrowing = narrowing
        self.partial = partial


def too_short(query: Query) -> bool:
    """A query of one single-character word and nothing else."""
    return (
        len(query.terms) == 1 and len(query.terms[0].text) < 2 and dataclasses.replace(query, terms=()).empty
    )


class Searching:
    """The search box, its worker, and what the results list shows."""

    def __init__(self, screen: BrowserScreen) -> None:
        self.screen = screen
        self.last: tuple[Query, list[int]] | None = None  # for narrowing as one types
        self.partial_for: str | None = None  # the query whose list shows title/author matches only
        self.error = False  # the query in the box cannot be read (its error is under the box)

    def run(self, text: str, keep: int | None = None) -> bool:
        """Start searching for `text`, keeping paper `keep` under the cursor if it is found.

        Returns False when there is nothing to search yet: the query is then
        explained in place instead (malformed, or a single letter).
        """
        from tui.store.query import QueryError, parse_query

        screen = self.screen
        try:
            query = parse_query(text)
        except QueryError as error:
            screen.search_bar.explain(str(error), error=True)
            # No results rather than the last query's: "is:" after "is" matched everything.
            self.error = True
            self.forget()
            screen.show_list([])
            return False
        self.error = False
        if too_short(query):
            # One letter matches nearly everything: wait for the next key rather
            # than rank 50,000 papers for nothing.
            screen.search_bar.explain("Keep typing: searching starts at two characters.")
            return False
        screen.search_bar.explain(" · ".join(query.notes))
        screen.terms = query.positive_terms
        if query.empty:
            screen.post_message(Results(text, list(range(len(screen.reading.library))), keep, None, False))
        else:
            within = self.last[1] if self.last is not None and query.narrows(self.last[0]) else None
            screen.run_worker(
                lambda: self._work(text, query, keep, within), thread=True, exclusive=True, group="search"
            )
        return True

    def _work(self, text: str, query: Query, keep: int | None, within: list[int] | None) -> None:
        """In a worker thread: match, rank, post the results (titles first at scale)."""
        screen = self.screen
        worker = get_current_worker()
        library = screen.reading.library
        state = screen.reading.user.snapshot
        pool = len(within) if within is not None else len(library)
        if pool > PROGRESSIVE_FROM and any(t.field == "any" and not t.negated for t in query.terms):
            # A pass over every summary takes ~70 ms at 50,000 papers: show the
            # title and author matches first (they rank first), then the rest.
            heads = library.matches(query, state, within, lambda: worker.is_cancelled, heads_only=True)
            if worker.is_cancelled:
                return
            screen.post_message(Results(text, library.rank(query, heads, state), keep, None, True))
            painted = threading.Event()  # let that frame out before the long pass takes the GIL
            screen.app.call_from_thread(screen.call_after_refresh, painted.set)
            painted.wait(0.5)
        matches = library.matches(query, state, within, lambda: worker.is_cancelled)
        if worker.is_cancelled:
            return  # a newer keystroke is already searching; drop these
        ranked = library.rank(query, matches, state)  # the state: order:foryou ranks by the stars
        if not worker.is_cancelled:
            screen.post_message(Results(text, ranked, keep, (query, matches), False))

    def show(self, results: Results) -> None:
        """Put results in the list, unless the box has moved on."""
        screen = self.screen
        if screen.mode != "search" or results.text != screen.search_bar.value:
            return  # stale: the box changed (or closed) while we searched
        keep = results.keep
        if not results.partial:
            self.last = results.narrowing
            if self.partial_for == results.text and screen.paper_list.cursor:
                keep = screen.paper  # the reader moved meanwhile: stay on their paper
        self.partial_for = results.text if results.partial else None
        screen.show_list(
            screen.reading.filtered(results.hits, screen.filter), keep, searching_summaries=results.partial
        )

    def forget(self) -> None:
        """Drop what narrowing remembers (the library or the filter changed)."""
        self.last = None
        self.partial_for = None
