"""Searching every day as one types (`/`), and leaving the search (`escape`).

Each keystroke parses the query and searches in a worker thread; a newer
keystroke cancels the older search, and results for a stale query are
dropped.  When the query only grew, only the previous matches are searched.
"""

from __future__ import annotations

import threading
from typing import TYPE_CHECKING

from textual import on, work
from textual.actions import SkipAction
from textual.widgets import Input, TextArea
from textual.worker import get_current_worker

from tui.ui.base import BrowserBase
from tui.ui.widgets.search_bar import SearchBar

if TYPE_CHECKING:  # loaded with the first search, not at start-up
    from tui.store.query import Query

# Above this many papers to search, titles and authors are answered first.
PROGRESSIVE_FROM = 10_000


class SearchMode(BrowserBase):
    """The search box, its worker, and the results list."""

    _partial_for: str | None = None  # the query whose list shows title/author matches only

    def action_search(self) -> None:
        """`/`: search every day; in a text field or a dialog, just a slash."""
        if len(self.screen_stack) > 1 or isinstance(self.focused, (Input, TextArea)):
            raise SkipAction  # the key goes on to the focused widget as usual
        if self.mode == "day":
            self._day_cursor_before_search = (self.day_position, self.paper_list.cursor)
            self.mode = "search"
        self.search_bar.open()

    @on(SearchBar.Changed)
    def _search_changed(self, event: SearchBar.Changed) -> None:
        self._run_search(event.value)

    @on(SearchBar.Submitted)
    def _search_submitted(self, event: SearchBar.Submitted) -> None:
        self.paper_list.focus()

    def _run_search(self, text: str, keep: int | None = None) -> bool:
        """Start searching for `text`.

        Returns False when there is nothing to search yet: the query is then
        explained in place instead (malformed, or a single letter).
        """
        from tui.store.query import QueryError, parse_query

        try:
            query = parse_query(text)
        except QueryError as error:
            self.search_bar.explain(str(error), error=True)
            return False
        if _too_short(query):
            # One letter matches nearly everything: wait for the next key rather
            # than rank 50,000 papers for nothing.
            self.search_bar.explain("Keep typing: searching starts at two characters.")
            return False
        self.search_bar.explain(" · ".join(query.notes))
        self.query_terms = query.positive_terms
        if query.empty:
            self._show_results(list(range(len(self.library))), text, keep)
        else:
            self._search_worker(text, query, keep)
        return True

    @work(thread=True, exclusive=True, group="search")
    def _search_worker(self, text: str, query: Query, keep: int | None) -> None:
        # Typing forward narrows: search only the previous matches when that is exact.
        within = None
        if self._last_results is not None and query.narrows(self._last_results[0]):
            within = self._last_results[1]
        worker = get_current_worker()
        state = self.reading.user.snapshot
        pool = len(within) if within is not None else len(self.library)
        if pool > PROGRESSIVE_FROM and any(t.field == "any" and not t.negated for t in query.terms):
            # A pass over every summary takes ~70 ms at 50,000 papers: show the
            # title and author matches first (they rank first), then the rest.
            heads = self.library.matches(query, state, within, lambda: worker.is_cancelled, heads_only=True)
            if worker.is_cancelled:
                return
            self.call_from_thread(self._show_results, self.library.rank(query, heads), text, keep, None, True)
            painted = threading.Event()  # let that frame out before the long pass takes the GIL
            self.call_from_thread(self.call_after_refresh, painted.set)
            painted.wait(0.5)
        matches = self.library.matches(query, state, within, lambda: worker.is_cancelled)
        if worker.is_cancelled:
            return  # a newer keystroke is already searching; drop these
        ranked = self.library.rank(query, matches)
        if worker.is_cancelled:
            return
        self.call_from_thread(self._show_results, ranked, text, keep, (query, matches))

    def _show_results(
        self,
        hits: list[int],
        text: str,
        keep: int | None = None,
        narrowing: tuple[Query, list[int]] | None = None,
        partial: bool = False,
    ) -> None:
        """Put search results in the list (`partial`: title/author matches so far)."""
        if self.mode != "search" or text != self.search_bar.value:
            return  # stale: the box changed (or closed) while we searched
        if not partial:
            self._last_results = narrowing
            if self._partial_for == text and self.paper_list.cursor:
                keep = self.paper_list.current  # the reader moved meanwhile: stay on their paper
        self._partial_for = text if partial else None
        shown = self.reading.filtered(hits)
        row = shown.index(keep) if keep in shown else 0
        self.paper_list.show(shown, row, show_dates=True, terms=self.query_terms)
        self._after_list_change()
        if partial:
            self.paper_list.border_title = f"{self.paper_list.border_title}, searching summaries…"

    def action_leave_search(self) -> None:
        """`escape`: close the search and return to the day view where it was."""
        if self.mode == "search":
            self._close_search(restore=True)
            self.paper_list.focus()
        elif self.focused is self.detail:
            self.paper_list.focus()

    @work(thread=True, group="index")
    def warm_search_index(self) -> None:
        """Build the search index in the background so the first search is instant."""
        _ = self.library.index


def _too_short(query: Query) -> bool:
    """A query of one single-character word and nothing else."""
    return (
        len(query.terms) == 1
        and len(query.terms[0].text) < 2
        and not (query.dates or query.is_flags or query.has_flags)
    )
