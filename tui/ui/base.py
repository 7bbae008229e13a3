"""The browser's core: where the user is, and how the three columns show it.

`BrowserBase` owns the state (which day, which list, which paper, which mode)
and the methods that put it on screen; the key handlers live in mixins
(`marking`, `search_mode`) and in `app.PaperBrowseApp`, which puts them
together.  Widgets draw what they are given and post messages up.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from textual import on
from textual.app import App
from textual.css.query import NoMatches
from textual.timer import Timer

from tui.store.library import Library
from tui.store.state import Session
from tui.ui.effects import Effects, SystemEffects
from tui.ui.reading import Reading
from tui.ui.widgets.day_list import DayList
from tui.ui.widgets.detail import DetailPane
from tui.ui.widgets.paper_list import PaperList
from tui.ui.widgets.search_bar import SearchBar
from tui.ui.widgets.virtual_list import VirtualList

if TYPE_CHECKING:  # the query language loads with the first search
    from tui.store.query import Query, Term

READ_AFTER_SECONDS = 1.5
DETAIL_WHILE_TYPING_SECONDS = 0.35
Mode = Literal["day", "search"]


class BrowserBase(App[None]):
    """State and display shared by every part of the browser."""

    CSS_PATH = Path(__file__).with_name("paperbrowse.tcss")  # absolute: subclasses live elsewhere
    TITLE = "paperbrowse"

    def __init__(
        self,
        reading: Reading,
        *,
        effects: Effects | None = None,
        notices: Iterable[str] = (),
        start: Session | None = None,
        data_dir: Path | None = None,
        sync_runner: Callable[[Any], None] | None = None,
        read_after: float = READ_AFTER_SECONDS,
    ) -> None:
        super().__init__()
        self.read_after = read_after
        self.reading = reading
        self.effects: Effects = effects or SystemEffects()
        self.notices = list(notices)
        self.start = start or Session()
        self.data_dir = data_dir
        self.sync_runner = sync_runner
        self.mode: Mode = "day"
        self.day_position = 0
        self.query_terms: tuple[Term, ...] = ()
        self._day_cursor_before_search = (0, 0)
        self._read_timer: Timer | None = None
        self._detail_timer: Timer | None = None
        self._last_results: tuple[Query, list[int]] | None = None

    @property
    def library(self) -> Library:
        """The papers on hand (the reading model's; replaced after a sync)."""
        return self.reading.library

    @property
    def day_list(self) -> DayList:
        """The left column."""
        return self.query_one("#days", DayList)

    @property
    def paper_list(self) -> PaperList:
        """The middle column."""
        return self.query_one("#papers", PaperList)

    @property
    def detail(self) -> DetailPane:
        """The right column."""
        return self.query_one("#detail", DetailPane)

    @property
    def search_bar(self) -> SearchBar:
        """The search box above the papers."""
        return self.query_one("#search", SearchBar)

    @property
    def current(self) -> int | None:
        """The library index of the paper on screen, if any."""
        return self.paper_list.current

    # -- showing --------------------------------------------------------------------

    def _list_title(self) -> str:
        flt = "" if self.reading.filter == "all" else f" · {self.reading.filter}"
        if self.mode == "search":
            count = self.paper_list.count
            return f"{count:,} result{'s' if count != 1 else ''}{flt}"
        if not self.library.days:
            return "No papers"
        day = self.library.days[self.day_position]
        shown = self.paper_list.count
        if shown != day.count:
            return f"{day.date} · {shown} of {day.count}{flt}"
        return f"{day.date} · {day.count} paper{'s' if day.count != 1 else ''}"

    def _show_day(self, day: int, row: int = 0) -> None:
        """Fill the paper list with a day's papers (filtered), cursor on `row`."""
        self.day_position = day
        papers = self.reading.day_papers(day) if self.library.days else []
        self.paper_list.show(papers, row)
        self._after_list_change()

    def _after_list_change(self) -> None:
        self.paper_list.border_title = self._list_title()
        if self.mode == "day" and self.library.days:
            self.sub_title = self.library.days[self.day_position].date
        if not self.paper_list.count:
            self._show_empty_detail()

    def _show_empty_detail(self) -> None:
        if not self.library.days:
            self.detail.show_message("No digests yet. Run `paperbrowse PATH` with a folder of digest files.")
        elif self.mode == "search":
            self.detail.show_message("No paper matches this search.")
        elif self.library.days[self.day_position].count == 0:
            self.detail.show_message("This day's digest lists no papers.")
        else:
            self.detail.show_message(
                f"No {self.reading.filter} papers on this day. Press f to change the filter."
            )

    def _render_detail(self, index: int, keep_scroll: bool = False) -> None:
        self.detail.show_paper(
            self.library.paper(index),
            starred=self.reading.is_starred(index),
            read=self.reading.is_read(index),
            note=self.reading.note(index),
            terms=self.query_terms if self.mode == "search" else (),
            keep_scroll=keep_scroll,
        )

    def _show_paper(self, index: int) -> None:
        """Show a paper in the detail pane and start its read timer."""
        if self._detail_timer is not None:
            self._detail_timer.stop()
        self._render_detail(index)
        if self._read_timer is not None:
            self._read_timer.stop()
        self._read_timer = self.set_timer(self.read_after, lambda: self._mark_read_if_still(index))

    def _refresh_marks(self) -> None:
        """Marks changed: redraw lists and the paper on screen."""
        self.day_list.refresh_rows()
        self.paper_list.refresh_rows()
        if self.current is not None:
            self._render_detail(self.current, keep_scroll=True)

    def _mark_read_if_still(self, index: int) -> None:
        if self._widgets_gone():
            return
        if self.current == index and not self.reading.is_read(index):
            self.reading.set_read([index], True, undoable=False)
            self._refresh_marks()

    def _widgets_gone(self) -> bool:
        """True once the screen's widgets are gone: a timer can fire while the app closes."""
        try:
            self.paper_list  # noqa: B018  (the look-up is the test)
        except NoMatches:
            return True
        return False

    @on(VirtualList.Highlighted, "#days")
    def _day_highlighted(self, event: VirtualList.Highlighted) -> None:
        # Programmatic moves set day_position first, so only a real move gets here;
        # in particular the list's own announcement at start-up, which may arrive
        # after a quick "/" and must not close the search it opened.
        if event.index == self.day_position:
            return
        if self.mode == "search":
            self._close_search(restore=False)
        self._show_day(event.index)

    @on(VirtualList.Highlighted, "#papers")
    def _paper_highlighted(self, event: VirtualList.Highlighted) -> None:
        index = self.paper_list.current
        if index is None:
            return
        if self.mode == "search" and self.search_bar.has_focus_within:
            # While typing, the results list keeps up with every key; the detail
            # pane follows once typing pauses (re-rendering it costs a frame).
            if self._detail_timer is not None:
                self._detail_timer.stop()
            self._detail_timer = self.set_timer(
                DETAIL_WHILE_TYPING_SECONDS, lambda: self._show_if_current(index)
            )
        else:
            self._show_paper(index)

    def _show_if_current(self, index: int) -> None:
        if not self._widgets_gone() and self.current == index:
            self._show_paper(index)

    @on(VirtualList.Chosen, "#days")
    def _day_chosen(self, event: VirtualList.Chosen) -> None:
        self.paper_list.focus()

    @on(VirtualList.Chosen, "#papers")
    def _paper_chosen(self, event: VirtualList.Chosen) -> None:
        self.detail.focus()

    def _jump_to(self, index: int) -> None:
        """Show library paper `index` in the day view (its day, its row)."""
        if self.mode == "search":
            rows = self.paper_list.indices
            if index in rows:
                self.paper_list.cursor = rows.index(index)
                return
            self._close_search(restore=False)
        day = self.library.day_of(index)
        papers = self.reading.day_papers(day)
        if index not in papers:  # hidden by the filter: show everything
            self.reading.filter = "all"
            papers = self.reading.day_papers(day)
        self.day_list.cursor = day
        self._show_day(day, papers.index(index))

    def _close_search(self, restore: bool) -> None:
        if self._detail_timer is not None:
            self._detail_timer.stop()  # the search's pending detail is moot
        self.mode = "day"
        self.query_terms = ()
        self._last_results = None
        self.search_bar.close()
        if restore:
            day, row = self._day_cursor_before_search
            self.day_list.cursor = day
            self._show_day(day, row)

    def _run_search(self, text: str, keep: int | None = None) -> bool:
        """Search for `text` (implemented by `SearchMode`)."""
        raise NotImplementedError
