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

from typing import TYPE_CHECKING, ClassVar, Literal

from rich.markup import escape
from textual import events, on
from textual.actions import SkipAction
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Horizontal, Vertical
from textual.reactive import var
from textual.screen import Screen
from textual.timer import Timer
from textual.widgets import Input, TextArea

from tui.store.library import Library
from tui.store.state import Session
from tui.ui.commands import bindings
from tui.ui.effects import Effects
from tui.ui.marking import Marking
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
        self.before_search: tuple[int, int | None] = (0, None)  # the day and paper to go back to
        self.marking = Marking(self)
        self.searching = Searching(self)
        self.sharing = Sharing(self)
        self._read_timer: Timer | None = None
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
        day = self.library.day_position(self.start.date) if self.start.date else None
        keep = None
        if day is not None:
            keys = {self.library.key(i): i for i in self.reading.day_papers(day, self.filter)}
            keep = keys.get(self.start.key or "")
        self.day_list.set_count(len(self.library.days), day or 0)
        self.set_reactive(BrowserScreen.day, day or 0)
        self.show_day(keep)
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
        self.restart_read_timer()

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

    # -- the read mark ------------------------------------------------------------------

    def _reading_counts(self) -> bool:
        """Whether the paper on screen is being read: the day view, or a result opened with enter."""
        if self.read_after <= 0 or self.paper is None:
            return False
        return self.mode == "day" or self.focused is self.detail

    def restart_read_timer(self) -> None:
        """Count `read_after` seconds for the paper on screen, if it is being read."""
        self.stop_read_timer()
        if self._reading_counts():
            index = self.paper
            self._read_timer = self.set_timer(self.read_after, lambda: self._mark_read_if_still(index))

    def stop_read_timer(self) -> None:
        """Stop counting (an explicit choice, or the paper left the screen)."""
        if self._read_timer is not None:
            self._read_timer.stop()
            self._read_timer = None

    def _mark_read_if_still(self, index: int | None) -> None:
        if index is None or not self.query("#detail"):
            return  # the app is closing: a timer may fire after the widgets are gone
        if self.paper == index and self._reading_counts() and not self.reading.is_read(index):
            self.reading.set_read([index], True, undoable=False)
            self.marks_changed()

    # -- messages from the widgets --------------------------------------------------------

    @on(VirtualList.Highlighted, "#days")
    def _day_highlighted(self, event: VirtualList.Highlighted) -> None:
        # Programmatic moves set `day` first, so only a real move gets here; in
        # particular not the list's own announcement at start-up, which may
        # arrive after a quick "/" and must not close the search it opened.
        if event.index == self.day:
            return
        if self.mode == "search":
            self.close_search(restore=False)
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
            self.restart_read_timer()

    @on(SearchBar.Changed)
    def _search_changed(self, event: SearchBar.Changed) -> None:
        self.searching.run(event.value)

    @on(SearchBar.Submitted)
    def _search_submitted(self) -> None:
        self.paper_list.focus()

    @on(Results)
    def _search_results(self, results: Results) -> None:
        self.searching.show(results)

    # -- moving ----------------------------------------------------------------------------

    def jump_to(self, index: int) -> None:
        """Show library paper `index` in the day view (its day, its row)."""
        if self.mode == "search":
            rows = self.paper_list.indices
            if index in rows:
                self.paper_list.cursor = rows.index(index)
                return
            self.close_search(restore=False)
        day = self.library.day_of(index)
        if index not in self.reading.day_papers(day, self.filter):
            self.set_reactive(BrowserScreen.filter, "all")  # hidden by the filter: show everything
        self.set_reactive(BrowserScreen.day, day)
        self.day_list.cursor = day
        self.show_day(index)

    def move_day(self, step: int) -> None:
        """A day older (+1) or newer (-1), its first paper."""
        if self.mode == "search":
            self.close_search(restore=True)
        target = self.day + step
        if 0 <= target < len(self.library.days):
            self.day = target
        else:
            self.say("No older day." if step > 0 else "No newer day.")

    def open_search(self) -> None:
        """Show the search box (remembering the day and paper to return to)."""
        if self.mode == "day":
            self.before_search = (self.day, self.paper)
            self.stop_read_timer()
            self.mode = "search"
        self.search_bar.open()

    def close_search(self, restore: bool) -> None:
        """Back to the day view: to the day and paper before the search when `restore`."""
        self.mode = "day"
        self.terms = ()
        self.searching.forget()
        self.search_bar.close()
        if restore:
            day, paper = self.before_search
            self.set_reactive(BrowserScreen.day, min(day, max(0, len(self.library.days) - 1)))
            self.day_list.cursor = self.day
            self.show_day(paper)
        else:
            self.show_day(self.paper)

    def replace_library(self, library: Library) -> None:
        """Swap in a new library (after a sync), staying on the same day and paper."""
        old = self.library
        here = (old.date(self.paper), old.key(self.paper)) if self.paper is not None else None
        self.reading.replace_library(library)
        self.searching.forget()
        day, keep = 0, None
        if here is not None and (found := library.day_position(here[0])) is not None:
            day = found
            keep = next((i for i in library.days[day].indices if library.key(i) == here[1]), None)
        self.day_list.set_count(len(library.days), day)
        self.set_reactive(BrowserScreen.day, day)
        if self.mode == "search":
            self.searching.run(self.search_bar.value, keep=keep)
        else:
            self.show_day(keep)

    # -- sync --------------------------------------------------------------------------------

    def sync(self) -> None:
        """Start a background sync (unless one is running)."""
        if self.store is None or self.sync_settings is None:
            self.say("Sync is not available in this session.", warning=True)
            return
        if any(w.group == "sync" and w.is_running for w in self.workers):
            self.say("A sync is already running.")
            return
        start_sync(self, self.store, self.sync_settings)

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
            self.replace_library(event.library)

    # -- actions (keys: see tui.ui.commands) ----------------------------------------------

    def action_search(self) -> None:
        """Search every day; in a text field or a dialog, the key is just typed."""
        if self.app.screen is not self or isinstance(self.focused, (Input, TextArea)):
            raise SkipAction
        self.open_search()

    def action_back(self) -> None:
        """Close the search, or leave the detail pane for the list."""
        if self.mode == "search":
            self.close_search(restore=True)
            self.paper_list.focus()
        elif self.focused is self.detail:
            self.paper_list.focus()

    def action_next_paper(self) -> None:
        """The next paper of the list (from the detail pane)."""
        self.paper_list.action_cursor_down()

    def action_previous_paper(self) -> None:
        """The previous paper of the list (from the detail pane)."""
        self.paper_list.action_cursor_up()

    def action_older_day(self) -> None:
        """The previous (older) day."""
        self.move_day(+1)

    def action_newer_day(self) -> None:
        """The next (newer) day."""
        self.move_day(-1)

    def action_open(self, which: str) -> None:
        """Open one of the paper's pages."""
        self.sharing.open(which)

    def action_copy(self, what: str) -> None:
        """Copy a link or a citation."""
        self.sharing.copy(what)

    def action_star(self) -> None:
        """Star or unstar."""
        self.marking.star()

    def action_toggle_read(self) -> None:
        """Mark read or unread."""
        self.marking.toggle_read()

    def action_next_unread(self) -> None:
        """The next unread paper."""
        self.marking.step_unread(+1)

    def action_previous_unread(self) -> None:
        """The previous unread paper."""
        self.marking.step_unread(-1)

    def action_edit_note(self) -> None:
        """Write a note."""
        self.marking.edit_note()

    def action_cycle_filter(self) -> None:
        """Cycle the filter."""
        self.marking.cycle_filter()

    def action_mark_all_read(self) -> None:
        """Mark the list read."""
        self.marking.mark_all_read()

    def action_undo(self) -> None:
        """Undo the last mark."""
        self.marking.undo()

    def action_export(self) -> None:
        """Export the list on screen, in its order."""
        indices = list(self.paper_list.indices)
        if not indices:
            self.say("Nothing to export here.")
            return
        stem = (
            "paperbrowse-search"
            if self.mode == "search"
            else f"paperbrowse-{self.library.days[self.day].date}"
        )
        from tui.ui.screens.export import Exported, ExportScreen

        def done(result: Exported | None) -> None:
            if result is not None:
                self.say(f"Wrote {result.count:,} paper(s) to {result.path}")

        self.app.push_screen(ExportScreen(self.library, indices, stem), done)

    def action_sync(self) -> None:
        """Sync in the background."""
        self.sync()

    def action_help(self) -> None:
        """Every key."""
        from tui.ui.screens.help import HelpScreen

        self.app.push_screen(HelpScreen(self.app.keymap))  # type: ignore[attr-defined]

    def action_quit(self) -> None:
        """Remember the place, then leave."""
        self.save_session()
        self.app.exit()

    def save_session(self) -> None:
        """Remember the day, paper and filter (the place before a search, when searching)."""
        paper = self.before_search[1] if self.mode == "search" else self.paper
        self.reading.save_session(paper, self.filter)
