"""The browser screen: days | papers (or search results) | the paper, and the state behind them.

The screen owns where the user is, as reactives: `mode` (day view or
search), `day` (a position in the library's days), `paper` (the library
index on screen), `filter` and `marks` (bumped whenever read marks, stars or
notes change).  Their watchers put that state on screen; the widgets draw
what they are given and post messages up (a row highlighted or chosen, the
query changed), never touching their siblings.  The work behind the keys
lives in helpers over the screen: `Marking`, `Searching`, `Sharing`, and
the sync worker.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cached_property, partial
from typing import TYPE_CHECKING, ClassVar, Literal

from rich.markup import escape
from textual import events, on
from textual.actions import SkipAction
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Horizontal, Vertical
from textual.reactive import var
from textual.screen import Screen
from textual.widgets import Input, TextArea

from tui.store.library import Library
from tui.store.state import Session
from tui.ui.commands import bindings
from tui.ui.effects import Effects
from tui.ui.marking import Marking
from tui.ui.navigation import Navigation
from tui.ui.read_timer import ReadTimer
from tui.ui.reading import FILTERS, Filter, Reading
from tui.ui.searching import Results, Searching
from tui.ui.sharing import Sharing
from tui.ui.sync_worker import SyncFinished, SyncProgress, SyncSettings, start_sync
from tui.ui.widgets.day_list import DayList
from tui.ui.widgets.detail import DetailPane
from tui.ui.widgets.paper_list import PaperList
from tui.ui.widgets.search_bar import SearchBar
from tui.ui.widgets.status_line import StatusLine
from tui.ui.widgets.title_bar import TitleBar
from tui.ui.widgets.virtual_list import VirtualList

if TYPE_CHECKING:
    from tui.store import Store
    from tui.store.query import Term

Mode = Literal["day", "search"]
# Above this many papers the search index (~0.5 s at 50,000) is built in the
# background after the first frame, so the first `/` answers at once.
INDEX_AHEAD_OF_TIME = 20_000


class BrowserScreen(Screen[None]):
    """Browse daily AI-paper digests from the keyboard."""

    BINDINGS: ClassVar[list[BindingType]] = bindings("browser")

    mode: var[Mode] = var[Mode]("day", init=False)
    day: var[int] = var(0, init=False)
    # always_update: the same paper shown again (new search words, a new list) is drawn again
    paper: var[int | None] = var[int | None](None, init=False, always_update=True)
    filter: var[Filter] = var[Filter]("all", init=False)
    marks: var[int] = var(0, init=False)

    def __init__(
        self,
        reading: Reading,
        effects: Effects,
        *,
        start: Session | None = None,
        read_after: float = 1.5,
        store: Store | None = None,
        sync: SyncSettings | None = None,
    ) -> None:
        super().__init__()
        self.reading = reading
        self.effects = effects
        self.start = start or Session()
        self.read_after = read_after  # seconds a paper must be shown to count as read; 0: never
        self.store = store
        self.sync_settings = sync
        self.terms: tuple[Term, ...] = ()  # the search's words, highlighted
        self.marking = Marking(self)
        self.searching = Searching(self)
        self.sharing = Sharing(self)
        self.navigation = Navigation(self)
        self.read_timer = ReadTimer(self)
        self._detail_pending = False  # a detail render waits for the results list's frame

    # -- the widgets ----------------------------------------------------------------

    def compose(self) -> ComposeResult:
        """Title line, the three columns, the status line; the footer follows the first frame."""
        yield TitleBar()
        with Horizontal(id="columns"):
            yield DayList(self.reading, id="days")
            with Vertical(id="middle"):
                yield SearchBar(id="search")
                yield PaperList(self.reading, id="papers")
            yield DetailPane(id="detail")
        yield StatusLine(id="status")

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
    def library(self) -> Library:
        """The papers on hand (replaced after a sync)."""
        return self.reading.library

    def say(self, message: str, *, warning: bool = False) -> None:
        """A confirmation in the status line (it never covers the paper)."""
        self.query_one(StatusLine).say(message, warning=warning)

    # -- start ------------------------------------------------------------------------

    def on_mount(self) -> None:
        """Open where the user left off, or on the newest day's first paper."""
        shown: Filter = next((f for f in FILTERS if f == self.start.filter), "all")
        self.set_reactive(BrowserScreen.filter, shown)
        self.navigation.place_at_start(self.start.date, self.start.key)
        self.paper_list.focus()
        if len(self.library) > INDEX_AHEAD_OF_TIME:
            # After the first frame: building it competes with painting for the GIL.
            self.set_timer(0.5, self._warm_search_index)

    def _warm_search_index(self) -> None:
        library = self.library
        self.run_worker(lambda: library.index, thread=True, group="index")

    # -- the state on screen ------------------------------------------------------------

    def list_title(self) -> str:
        """The paper list's border title: the day (or results) and what the filter hides."""
        shown = self.paper_list.count
        flt = "" if self.filter == "all" else f" · {self.filter}"
        if self.mode == "search":
            return f"{shown:,} result{'s' if shown != 1 else ''}{flt}"
        if not self.library.days:
            return "No papers"
        day = self.library.days[self.day]
        if shown != day.count:
            return f"{day.date} · {shown} of {day.count}{flt}"
        return f"{day.date} · {day.count} paper{'s' if day.count != 1 else ''}"

    def show_list(
        self, indices: list[int], keep: int | None = None, *, searching_summaries: bool = False
    ) -> None:
        """Put `indices` in the paper list, the cursor on paper `keep` when it is there."""
        row = indices.index(keep) if keep in indices else 0
        search = self.mode == "search"
        self.paper_list.show(indices, row, show_dates=search, terms=self.terms if search else ())
        title = self.list_title() + (", searching summaries…" if searching_summaries else "")
        self.paper_list.border_title = escape(title)
        if not indices:
            self.paper = None
            self.detail.show_message(self._empty_reason())
        if not search and self.library.days:
            self.app.sub_title = self.library.days[self.day].date

    def show_day(self, keep: int | None = None) -> None:
        """The day view of `day`, filtered, on paper `keep` (else the first)."""
        self.show_list(self.reading.day_papers(self.day, self.filter), keep)

    def _empty_reason(self) -> str:
        if not self.library.days:
            return "No digests yet. Run `paperbrowse PATH` with a folder of digest files, or press R to sync."
        if self.mode == "search":
            return "No paper matches this search."
        if self.library.days[self.day].count == 0:
            return "This day's digest lists no papers."
        return f"No {self.filter} papers on this day. Press f to change the filter."

    def watch_day(self, day: int) -> None:
        """Another day: the day list follows; in the day view, its papers from the first."""
        self.day_list.cursor = day
        if self.mode == "day":
            self.show_day()

    def watch_filter(self) -> None:
        """Another filter: list again, staying on the same paper when it is still shown."""
        if self.mode == "search":
            self.searching.forget()
            self.searching.run(self.search_bar.value, keep=self.paper)
        else:
            self.show_day(self.paper)

    def watch_paper(self, paper: int | None) -> None:
        """Another paper: show it, and start counting the moment it is read in.

        While a search is being typed the results list is drawn first and the
        detail pane a frame later, for the paper on top by then: the list keeps
        up with every key, and a render overtaken by the next key is skipped.
        """
        if paper is not None:
            if self.mode == "search" and self.search_bar.has_focus_within:
                if not self._detail_pending:
                    self._detail_pending = True
                    self.call_after_refresh(self._render_pending_detail)
            else:
                self.render_paper(paper)
        self.read_timer.restart()

    def _render_pending_detail(self) -> None:
        self._detail_pending = False
        if self.paper is not None and self.query("#detail"):
            self.render_paper(self.paper)

    def marks_changed(self) -> None:
        """Read marks, stars or notes changed (here or in another process): redraw them."""
        self.reading.marks_changed()
        self.marks += 1

    def watch_marks(self) -> None:
        """Redraw the lists' marks and the paper on screen, where the reader was."""
        self.day_list.refresh_rows()
        self.paper_list.refresh_rows()
        if self.paper is not None:
            self.render_paper(self.paper, keep_scroll=True)

    def render_paper(self, index: int, keep_scroll: bool = False) -> None:
        """Draw paper `index` in the detail pane (search words highlighted)."""
        self.detail.show_paper(
            self.library.paper(index),
            starred=self.reading.is_starred(index),
            read=self.reading.is_read(index),
            note=self.reading.note(index),
            terms=self.terms if self.mode == "search" else (),
            keep_scroll=keep_scroll,
        )

    # -- messages from the widgets and the workers -----------------------------------------

    @on(VirtualList.Highlighted, "#days")
    def _day_highlighted(self, event: VirtualList.Highlighted) -> None:
        # Programmatic moves set `day` first, so only a real move gets here; in
        # particular not the list's own announcement at start-up, which may
        # arrive after a quick "/" and must not close the search it opened.
        if event.index == self.day:
            return
        if self.mode == "search":
            self.navigation.close_search(restore=False)
        self.day = event.index

    @on(VirtualList.Highlighted, "#papers")
    def _paper_highlighted(self, event: VirtualList.Highlighted) -> None:
        indices = self.paper_list.indices
        if 0 <= event.index < len(indices):
            self.paper = indices[event.index]

    @on(VirtualList.Chosen, "#days")
    def _day_chosen(self) -> None:
        self.paper_list.focus()

    @on(VirtualList.Chosen, "#papers")
    def _paper_chosen(self) -> None:
        self.detail.focus()

    def on_descendant_focus(self, event: events.DescendantFocus) -> None:
        """Focus moved: in search mode, a result is being read only while the detail pane has it."""
        if self.mode == "search":
            self.read_timer.restart()

    @on(SearchBar.Changed)
    def _search_changed(self, event: SearchBar.Changed) -> None:
        self.searching.run(event.value)

    @on(SearchBar.Submitted)
    def _search_submitted(self) -> None:
        self.paper_list.focus()

    @on(Results)
    def _search_results(self, results: Results) -> None:
        self.searching.show(results)

    @on(SyncProgress)
    def _sync_progress(self, event: SyncProgress) -> None:
        self.query_one(StatusLine).set_progress(event.text)

    @on(SyncFinished)
    def _sync_finished(self, event: SyncFinished) -> None:
        status = self.query_one(StatusLine)
        status.set_progress("")
        if event.failed:
            self.app.notify(event.message, severity="warning", timeout=8, markup=False)
        else:
            status.say(event.message)
        if event.library is not None:
            self.navigation.replace_library(event.library)

    # -- actions (keys: see tui.ui.commands) ----------------------------------------------

    @cached_property
    def handlers(self) -> dict[str, Callable[[], object]]:
        """What each command of the table that the screen runs does, by command id."""
        marking, sharing, navigation = self.marking, self.sharing, self.navigation
        return {
            "search": self._search_key,
            "back": self._back,
            "detail.next": self.paper_list.action_cursor_down,
            "detail.previous": self.paper_list.action_cursor_up,
            "day.older": partial(navigation.move_day, +1),
            "day.newer": partial(navigation.move_day, -1),
            "open.arxiv": partial(sharing.open, "arxiv"),
            "open.huggingface": partial(sharing.open, "huggingface"),
            "open.pdf": partial(sharing.open, "pdf"),
            "copy.link": partial(sharing.copy, "link"),
            "copy.markdown": partial(sharing.copy, "markdown"),
            "copy.bibtex": partial(sharing.copy, "bibtex"),
            "copy.plain": partial(sharing.copy, "plain"),
            "star": marking.star,
            "read.toggle": marking.toggle_read,
            "unread.next": partial(marking.step_unread, +1),
            "unread.previous": partial(marking.step_unread, -1),
            "note": marking.edit_note,
            "filter": marking.cycle_filter,
            "read.all": marking.mark_all_read,
            "undo": marking.undo,
            "export": sharing.export,
            "sync": self._sync,
            "help": self._help,
            "quit": self._quit,
        }

    def action_do(self, command_id: str) -> None:
        """Run the browser command `command_id` (every key of the screen comes here)."""
        self.handlers[command_id]()

    def _search_key(self) -> None:
        """Search every day; in a text field or a dialog, the key is just typed."""
        if self.app.screen is not self or isinstance(self.focused, (Input, TextArea)):
            raise SkipAction
        self.navigation.open_search()

    def _back(self) -> None:
        """Close the search, or leave the detail pane for the list."""
        if self.mode == "search":
            self.navigation.close_search(restore=True)
            self.paper_list.focus()
        elif self.focused is self.detail:
            self.paper_list.focus()

    def _sync(self) -> None:
        """Sync in the background (unless one is running)."""
        if self.store is None or self.sync_settings is None:
            self.say("Sync is not available in this session.", warning=True)
        elif any(w.group == "sync" and w.is_running for w in self.workers):
            self.say("A sync is already running.")
        else:
            start_sync(self, self.store, self.sync_settings)

    def _help(self) -> None:
        from tui.ui.screens.help import HelpScreen

        self.app.push_screen(HelpScreen(self.app.keymap))  # type: ignore[attr-defined]

    def _quit(self) -> None:
        """Remember the place, then leave."""
        self.save_session()
        self.app.exit()

    def save_session(self) -> None:
        """Remember the day, paper and filter (the place before a search, when searching)."""
        self.reading.save_session(self.navigation.saved_paper(), self.filter)
