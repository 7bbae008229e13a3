"""The browser screen: sidebar | papers (or search results) | the paper, and the state behind them.

The screen owns where the user is, as reactives: `mode` (a sidebar entry's
list, or a search), `unit` (days, weeks or months in the sidebar), `entry`
(the sidebar row shown), `paper` (the library index on screen), `filter`,
`show_hidden`, `one_line` and `marks` (bumped whenever read marks, stars,
notes, tags or the selection change).  Their watchers put that state on
screen; the widgets draw what they are given and post messages up (a row
highlighted or chosen, the query changed), never touching their siblings.
The work behind the keys lives in helpers over the screen (`Marking`,
`Searching`, `Sharing`, `Navigation`, `Organising`) and the sync worker;
`handlers` maps each command of the table to one of them.
"""

from __future__ import annotations

import contextlib
import functools
from collections.abc import Callable
from typing import TYPE_CHECKING, ClassVar, Literal, ParamSpec

from textual import events, on
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.css.query import NoMatches
from textual.message import Message
from textual.reactive import var
from textual.screen import Screen

from tui.store.library import Library
from tui.store.periods import UNITS, Unit, periods
from tui.store.state import Session
from tui.ui.commands import bindings
from tui.ui.discovery_worker import DiscoveryReady, RelatedFound, find_related, warm_discovery
from tui.ui.effects import Effects
from tui.ui.fetching import MetadataFetched, MetaFetcher
from tui.ui.key_handlers import command_handlers
from tui.ui.listing import FOR_YOU, Entry, sidebar_entries
from tui.ui.marking import Marking
from tui.ui.navigation import Navigation
from tui.ui.organising import Organising
from tui.ui.read_timer import ReadTimer
from tui.ui.reading import FILTERS, Filter, Reading
from tui.ui.searching import Results, Searching
from tui.ui.sharing import Sharing
from tui.ui.sync_worker import SyncFinished, SyncProgress, SyncSettings
from tui.ui.widgets.detail import DetailPane, PaperView
from tui.ui.widgets.paper_list import PaperList
from tui.ui.widgets.search_bar import SearchBar
from tui.ui.widgets.sidebar import Sidebar
from tui.ui.widgets.status_line import StatusLine
from tui.ui.widgets.title_bar import TitleBar
from tui.ui.widgets.virtual_list import VirtualList
from tui.words import counted

if TYPE_CHECKING:
    from tui.store import Store
    from tui.store.query import Term

Mode = Literal["list", "search"]
P = ParamSpec("P")
# Above this many papers the search index (~0.5 s at 50,000) is built in the
# background after the first frame, so the first `/` answers at once.
INDEX_AHEAD_OF_TIME = 20_000
# Watch/hide marks for a list longer than this wait for the whole-library pass.
MARKS_AHEAD = 500
# How often state.json is looked at for another process's changes (one stat when none).
STATE_POLL_SECONDS = 2.0


def when_widgets_remain(method: Callable[P, None]) -> Callable[P, None]:
    """A timer's callback or a worker's message handler, skipped once the widgets are being removed.

    As the app closes, Textual removes the columns child by child while the
    screen's timers still fire and its workers' messages still arrive; one
    arriving then finds a pane gone, and there is nothing left to draw on.
    """

    @functools.wraps(method)
    def run(*args: P.args, **kwargs: P.kwargs) -> None:
        with contextlib.suppress(NoMatches):
            method(*args, **kwargs)

    return run


class OrganiserReady(Message):
    """Feeds and rules have been worked out over the whole library."""


class StateChangedElsewhere(Message):
    """Another process (a second window, the command line) changed state.json."""

    def __init__(self, organised: bool) -> None:
        super().__init__()
        self.organised = organised  # feeds or rules changed too, not only marks


class MetadataReady(Message):
    """metadata.json has been opened: upvotes, authors and abstracts can be shown."""


class BrowserScreen(Screen[None]):
    """Browse daily AI-paper digests from the keyboard."""

    BINDINGS: ClassVar[list[BindingType]] = bindings("browser")

    mode: var[Mode] = var[Mode]("list", init=False)
    unit: var[Unit] = var[Unit]("day", init=False)
    entry: var[int] = var(0, init=False)
    # always_update: the same paper shown again (new search words, a new list) is drawn again
    paper: var[int | None] = var[int | None](None, init=False, always_update=True)
    filter: var[Filter] = var[Filter]("all", init=False)
    show_hidden: var[bool] = var(False, init=False)
    one_line: var[bool] = var(False, init=False)
    by_upvotes: var[bool] = var(False, init=False)
    show_abstract: var[bool] = var(False, init=False)
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
        hide_empty_days: bool = False,
        one_line: bool = False,
        fetch_metadata: bool = False,
        discover: bool = True,
    ) -> None:
        super().__init__()
        self.reading = reading
        self.effects = effects
        self.start = start or Session()
        self.read_after = read_after  # seconds a paper must be shown to count as read; 0: never
        self.store = store
        self.sync_settings = sync
        self.hide_empty_days = hide_empty_days
        self.set_reactive(BrowserScreen.one_line, one_line)
        self.terms: tuple[Term, ...] = ()  # the search's words, highlighted
        self.entries: list[Entry] = []  # the sidebar's rows
        self.selected: set[int] = set()  # papers picked with `v`
        self.hidden_count = 0  # papers of the list on screen a hide rule leaves out
        self.marking = Marking(self)
        self.searching = Searching(self)
        self.sharing = Sharing(self)
        self.navigation = Navigation(self)
        self.organising = Organising(self)
        self.read_timer = ReadTimer(self)
        self.fetcher = MetaFetcher(self, enabled=fetch_metadata)
        self._detail_pending = False  # a detail render waits for the results list's frame
        self._discovery_started = False
        self._asked: tuple[int | None, int, int] = (
            None,
            -1,
            -1,
        )  # a listing's `keep`, and where it left the cursor
        self.discover = discover  # build the similarity index after the first frame (Related, For you)

    # -- the widgets ----------------------------------------------------------------

    def compose(self) -> ComposeResult:
        """Title line, the three columns, the status line; the footer follows the first frame."""
        yield TitleBar()
        with Horizontal(id="columns"):
            yield Sidebar(self.reading, id="days")
            with Vertical(id="middle"):
                yield SearchBar(id="search")
                yield PaperList(self.reading, id="papers")
            yield DetailPane(id="detail")
        yield StatusLine(id="status")

    @property
    def sidebar(self) -> Sidebar:
        """The left column."""
        return self.query_one("#days", Sidebar)

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

    @property
    def current_entry(self) -> Entry | None:
        """The sidebar row whose papers are listed (when not searching)."""
        return self.entries[self.entry] if 0 <= self.entry < len(self.entries) else None

    def say(self, message: str, *, warning: bool = False) -> None:
        """A confirmation in the status line (it never covers the paper)."""
        self.query_one(StatusLine).say(message, warning=warning)

    # -- start ------------------------------------------------------------------------

    def on_mount(self) -> None:
        """Open where the user left off, or on the newest day's first paper."""
        shown: Filter = next((f for f in FILTERS if f == self.start.filter), "all")
        self.set_reactive(BrowserScreen.filter, shown)
        unit: Unit = next((u for u in UNITS if u == self.start.unit), "day")
        self.set_reactive(BrowserScreen.unit, unit)
        self.paper_list.set_density(self.one_line)
        self.navigation.place_at_start(self.start.date, self.start.key)
        self.paper_list.focus()
        if self.reading.metadata is not None:
            self.set_timer(0.2, self._open_metadata)  # after the first frame
        self.detail.related.hint = "(w: go to one)"
        if self.discover:
            self.set_timer(1.0, self._start_discovery)  # after the first frame, at low priority
        self.set_interval(STATE_POLL_SECONDS, self._take_in_other_changes)
        snapshot = self.reading.user.snapshot
        if snapshot.rules or snapshot.feeds:
            self.set_timer(0.3, self.organise_in_background)  # after the first frame
        elif len(self.library) > INDEX_AHEAD_OF_TIME:
            # After the first frame: building it competes with painting for the GIL.
            self.set_timer(0.5, self._warm_search_index)

    def _take_in_other_changes(self) -> None:
        """Look (off the UI thread) whether another process wrote state.json; show what it did."""
        user = self.reading.user

        def work() -> None:
            before = (list(user.snapshot.feeds), list(user.snapshot.rules))
            try:
                changed = user.take_in_changes()
            except OSError:
                return  # unreadable for now: the next write says why, and this tries again
            if changed:
                after = (user.snapshot.feeds, user.snapshot.rules)
                self.post_message(StateChangedElsewhere(organised=after != before))

        self.run_worker(work, thread=True, exclusive=True, group="state-poll")

    @on(StateChangedElsewhere)
    @when_widgets_remain
    def _state_changed_elsewhere(self, event: StateChangedElsewhere) -> None:
        if event.organised:
            self.reading.rules_changed()
            self.organise_in_background()  # the sidebar follows when the counts are known
        self.marks_changed()

    def _warm_search_index(self) -> None:
        library = self.library
        self.run_worker(lambda: library.index, thread=True, group="index")

    def organise_in_background(self) -> None:
        """Work out feeds and rules over the whole library, then show their counts and marks."""
        organiser = self.reading.organiser

        def work() -> None:
            organiser.compute(extra=(FOR_YOU,))
            self.post_message(OrganiserReady())

        self.run_worker(work, thread=True, exclusive=True, group="organise")

    def _open_metadata(self) -> None:
        reading = self.reading

        def work() -> None:
            reading.open_metadata()
            self.post_message(MetadataReady())

        self.run_worker(work, thread=True, group="metadata-open")

    @on(MetadataReady)
    @when_widgets_remain
    def _metadata_ready(self) -> None:
        self.paper_list.refresh_rows()
        if self.paper is not None:
            self.render_paper(self.paper, keep_scroll=True)
            self.fetcher.fetch(self.paper)

    @on(DiscoveryReady)
    @when_widgets_remain
    def _discovery_ready(self, event: DiscoveryReady) -> None:
        for warning in event.warnings:
            self.say(warning, warning=True)
        if event.library is self.library and self.paper is not None:
            self._discovery_started = True  # warmed by a feed or a search, if not by the timer
            find_related(self, self.reading, self.paper)
        entry = self.current_entry
        if self.mode == "list" and entry is not None and entry.feed is FOR_YOU:
            self.show_entry(self.paper)  # ranked now

    @on(RelatedFound)
    @when_widgets_remain
    def _related_found(self, event: RelatedFound) -> None:
        if event.index == self.paper:
            self.detail.set_related(event.rows)

    @on(DetailPane.RelatedChosen)
    def _related_chosen(self, event: DetailPane.RelatedChosen) -> None:
        self.navigation.jump_to(event.index)
        self.paper_list.focus()

    @on(MetadataFetched)
    @when_widgets_remain
    def _metadata_fetched(self, event: MetadataFetched) -> None:
        self.fetcher.finished(event)
        self.paper_list.refresh_rows()
        if self.paper is not None and self.library.record(self.paper)["i"] == event.arxiv_id:
            self.render_paper(self.paper, keep_scroll=True)

    @on(OrganiserReady)
    @when_widgets_remain
    def _organised(self) -> None:
        self.reading.marks_changed()  # counts without hidden papers now
        self.rebuild_sidebar(keep_paper=True)
        if self.mode == "search":  # the results on screen get their watch and hide marks
            self.show_list(list(self.paper_list.indices), self.paper)

    # -- the sidebar and the list ---------------------------------------------------------

    def rebuild_sidebar(self, *, keep_paper: bool = False) -> None:
        """Feeds and periods afresh (feeds, the unit or the library changed), on the same place."""
        here = self.current_entry
        paper = self.paper
        self.entries = sidebar_entries(
            self.reading.user.snapshot.feeds,
            periods(self.library, self.unit, skip_empty=self.hide_empty_days),
        )
        position = self.navigation.entry_for(here, paper)
        self.sidebar.show_entries(self.entries, position)
        self.sidebar.border_title = self.sidebar_title()
        self.set_reactive(BrowserScreen.entry, position)
        if self.mode == "list":
            self.show_entry(paper if keep_paper else None)

    def sidebar_title(self) -> str:
        """The sidebar's border title: what it lists."""
        unit = {"day": "Days", "week": "Weeks", "month": "Months"}[self.unit]
        return f"Feeds · {unit}" if any(e.feed is not None for e in self.entries) else unit

    def list_title(self) -> str:
        """The paper list's border title: what is listed, what the filter and hide rules leave out."""
        shown = self.paper_list.count
        extras: list[str] = [] if self.filter == "all" else [self.filter]
        if self.hidden_count and self.mode == "list":  # a search shows hidden papers, marked
            extras.append(f"{self.hidden_count} hidden" + (", shown" if self.show_hidden else " (i shows)"))
        if self.selected:
            extras.append(f"{len(self.selected)} selected")
        if self.by_upvotes:
            extras.append("by upvotes")
        tail = "".join(f" · {extra}" for extra in extras)
        if self.mode == "search":
            return f"{shown:,} result{'s' if shown != 1 else ''}{tail}"
        entry = self.current_entry
        if entry is None:
            return "No papers"
        total = entry.period.count if entry.period is not None else shown
        count = f"{shown} of {total}" if shown != total else f"{total} paper{'s' if total != 1 else ''}"
        return f"{entry.label} · {count}{tail}"

    def show_list(
        self, indices: list[int], keep: int | None = None, *, searching_summaries: bool = False
    ) -> None:
        """Put `indices` in the paper list, the cursor on paper `keep` when it is there."""
        if self.by_upvotes:
            indices = self.reading.by_upvotes(indices)
        row = indices.index(keep) if keep in indices else 0
        search = self.mode == "search"
        entry = self.current_entry
        mixed = search or entry is None or entry.feed is not None or self.unit != "day"
        organiser = self.reading.organiser
        hidden, watched = (
            organiser.among(indices) if organiser.ready or len(indices) <= MARKS_AHEAD else (set(), set())
        )
        self.paper_list.show(
            indices,
            row,
            show_dates=mixed,
            terms=self.terms if search else (),
            watched=watched,
            hidden=hidden if (search or self.show_hidden) else frozenset(),
        )
        self._asked = (keep, self.paper_list.generation, self.paper_list.cursor)
        self.paper_list.border_title = Content(
            self.list_title() + (", searching summaries…" if searching_summaries else "")
        )
        if not indices:
            self.paper = None
            self.detail.show_message(self._empty_reason())
        if not search and entry is not None:
            self.app.sub_title = entry.label

    def show_entry(self, keep: int | None = None) -> None:
        """The papers of the sidebar row on screen, filtered, on paper `keep` (else the first)."""
        entry = self.current_entry
        if entry is None:
            self.hidden_count = 0
            self.show_list([], keep)
            return
        if entry.feed is not None:
            if entry.feed is FOR_YOU and (note := self._for_you_note()):
                self.hidden_count = 0
                self.show_list([], keep)
                self.detail.show_message(note)
                return
            papers = self.reading.organiser.feed_papers(entry.feed, include_hidden=self.show_hidden)
            self.hidden_count = 0
        else:
            assert entry.period is not None
            papers, self.hidden_count = self.reading.visible(list(entry.period.indices), self.show_hidden)
        self.show_list(self.reading.filtered(papers, self.filter), keep)

    def _for_you_note(self) -> str:
        """Why "For you" cannot rank yet ('' when it can): too few stars, or the index still coming."""
        discovery = self.library.discovery
        if not discovery.ready:
            warm_discovery(self, self.library)
            return "For you ranks unread papers by their likeness to your stars; its index is being built…"
        model = discovery.for_you(self.reading.user.snapshot)
        return "" if model.ready else f"For you: {model.message}. Star papers you like with s."

    def _empty_reason(self) -> str:
        if not self.library.days:
            return "No digests yet. Run `paperbrowse PATH` with a folder of digest files, or press R to sync."
        if self.mode == "search":
            if self.searching.error:
                return "The query cannot be read: the line under the search box says why."
            return "No paper matches this search."
        entry = self.current_entry
        if entry is not None and entry.feed is not None:
            return f"No {'' if self.filter == 'all' else self.filter + ' '}papers in this feed yet."
        if entry is not None and entry.feed is None and entry.period is None:
            return "Nothing here."
        if entry is not None and entry.period is not None and entry.period.count == 0:
            return "This day's digest lists no papers."
        if self.hidden_count and not self.show_hidden:
            return (
                f"Hide rules leave out all {counted(self.hidden_count, 'paper')} here. Press i to show them."
            )
        return f"No {self.filter} papers here. Press f to change the filter."

    # -- watchers --------------------------------------------------------------------------

    def watch_entry(self, entry: int) -> None:
        """Another sidebar row: the sidebar follows; when not searching, its papers from the first."""
        self.sidebar.cursor = entry
        if self.mode == "list":
            self.show_entry()

    def watch_unit(self) -> None:
        """Days, weeks or months: the sidebar again, on the period of the paper on screen."""
        self.rebuild_sidebar(keep_paper=True)

    def watch_filter(self) -> None:
        """Another filter: list again, on the same paper when it is still shown."""
        self._relist()

    def _relist(self) -> None:
        """The same list under another filter or order, on the paper the reader was on.

        That paper is the one before the filters started changing: `f f f` from
        a read paper comes back to it, though `unread` left it out on the way.
        """
        keep = self._place()
        if self.mode == "search":
            self.searching.forget()
            self.searching.run(self.search_bar.value, keep=keep)
        else:
            self.show_entry(keep)

    def _place(self) -> int | None:
        """The paper the last listing asked for, if the reader has not moved since; else the one on screen."""
        asked, generation, cursor = self._asked
        still = generation == self.paper_list.generation and cursor == self.paper_list.cursor
        return asked if still and asked is not None else self.paper

    def watch_show_hidden(self) -> None:
        """Hidden papers shown for the moment, or left out again."""
        if self.mode == "list":
            self.show_entry(self._place())

    def watch_one_line(self, one_line: bool) -> None:
        """One line a paper, or two."""
        self.paper_list.set_density(one_line)

    def watch_by_upvotes(self) -> None:
        """Most upvoted first, or table order: the list again, on the same paper."""
        self._relist()

    def watch_show_abstract(self) -> None:
        """ArXiv's abstract shown below the summary, or folded away."""
        if self.paper is not None:
            self.render_paper(self.paper, keep_scroll=True)

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
                self._find_related(paper)
            self.fetcher.fetch(paper)
        self.read_timer.restart()

    @when_widgets_remain
    def _start_discovery(self) -> None:
        """Load (or build, in a child) the similarity index; the Related blocks follow."""
        self._discovery_started = True
        warm_discovery(self, self.library)
        if self.paper is not None:
            self._find_related(self.paper)

    def _find_related(self, paper: int) -> None:
        """The Related block of the paper on screen: its neighbours, or a note that they are coming.

        Nothing before the discovery layer was started (a second after the
        first frame): start-up never loads it.
        """
        if not self._discovery_started:
            return
        if not find_related(self, self.reading, paper):
            self.detail.related_pending()

    @when_widgets_remain
    def _render_pending_detail(self) -> None:
        self._detail_pending = False
        if self.paper is not None:
            self.render_paper(self.paper)
            self._find_related(self.paper)

    def marks_changed(self) -> None:
        """Read marks, stars, notes, tags or the selection changed (here or elsewhere): redraw them."""
        self.reading.marks_changed()
        self.marks += 1

    def watch_marks(self) -> None:
        """Redraw the lists' marks and the paper on screen, where the reader was."""
        self.sidebar.refresh_rows()
        self.paper_list.selected = frozenset(self.selected)
        self.paper_list.refresh_rows()
        self.paper_list.border_title = Content(self.list_title())
        if self.paper is not None:
            self.render_paper(self.paper, keep_scroll=True)

    def render_paper(self, index: int, keep_scroll: bool = False) -> None:
        """Draw paper `index` in the detail pane (search words highlighted)."""
        reading = self.reading
        paper = self.library.paper(index)
        view = PaperView(
            paper,
            starred=reading.is_starred(index),
            read=reading.is_read(index),
            note=reading.note(index),
            tags=tuple(sorted(reading.tags(index), key=str.casefold)),
            terms=self.terms if self.mode == "search" else (),
            meta=reading.meta(index),
            fetching=self.fetcher.status(paper.arxiv_id) if reading.meta(index) is None else "",
            show_abstract=self.show_abstract,
            because=self._because(index),
        )
        self.detail.show_paper(view, keep_scroll=keep_scroll)

    def _because(self, index: int) -> tuple[str, ...]:
        """In "For you", why paper `index` is there (the CLI's "because:"); else nothing."""
        entry = self.current_entry
        if self.mode != "list" or entry is None or entry.feed != FOR_YOU or not self.library.discovery.ready:
            return ()
        model = self.library.discovery.for_you(self.reading.user.snapshot)  # learnt once per marks
        return model.reasons(index) if model.ready else ()

    # -- messages from the widgets and the workers -----------------------------------------

    @on(VirtualList.Highlighted, "#days")
    def _entry_highlighted(self, event: VirtualList.Highlighted) -> None:
        # Programmatic moves set `entry` first, so only a real move gets here; in
        # particular not the list's own announcement at start-up, which may
        # arrive after a quick "/" and must not close the search it opened.
        if not event.stale:
            self._entry_moved_to(event.index)

    def _entry_moved_to(self, position: int) -> None:
        if position == self.entry:
            return
        if self.mode == "search":
            self.navigation.close_search(restore=False)
        self.entry = position

    @on(VirtualList.Highlighted, "#papers")
    def _paper_highlighted(self, event: VirtualList.Highlighted) -> None:
        if not event.stale:
            self._paper_moved_to(event.index)

    def _paper_moved_to(self, row: int) -> None:
        indices = self.paper_list.indices
        if 0 <= row < len(indices):
            self.paper = indices[row]

    def catch_up(self) -> None:
        """Take in cursor moves whose messages have not arrived yet, so a command acts on what is shown.

        `j s` typed fast: the key `s` can arrive before the list's message
        saying the cursor moved, and would star the paper it moved from.
        """
        sidebar, papers = self.sidebar, self.paper_list
        if sidebar.count and sidebar.cursor != self.entry:
            self._entry_moved_to(sidebar.cursor)
        rows = papers.indices
        if papers.count and 0 <= papers.cursor < len(rows) and rows[papers.cursor] != self.paper:
            self._paper_moved_to(papers.cursor)  # only a real move: `paper` redraws even when unchanged

    @on(VirtualList.Chosen, "#days")
    def _entry_chosen(self) -> None:
        self.paper_list.focus()

    @on(VirtualList.Chosen, "#papers")
    def _paper_chosen(self) -> None:
        self.detail.focus()

    def on_descendant_focus(self, event: events.DescendantFocus) -> None:
        """Focus moved: in a search, a result is being read only while the detail pane has it."""
        if self.mode == "search":
            self.read_timer.restart()

    @on(SearchBar.Changed)
    def _search_changed(self, event: SearchBar.Changed) -> None:
        self.searching.run(event.value)

    @on(SearchBar.Step)
    def _search_step(self, event: SearchBar.Step) -> None:
        self.paper_list.cursor += event.step

    @on(SearchBar.Submitted)
    def _search_submitted(self) -> None:
        self.paper_list.focus()

    @on(Results)
    @when_widgets_remain
    def _search_results(self, results: Results) -> None:
        self.searching.show(results)

    @on(SyncProgress)
    @when_widgets_remain
    def _sync_progress(self, event: SyncProgress) -> None:
        self.query_one(StatusLine).set_progress(event.text)

    @on(SyncFinished)
    @when_widgets_remain
    def _sync_finished(self, event: SyncFinished) -> None:
        status = self.query_one(StatusLine)
        status.set_progress("")
        if event.failed:
            self.app.notify(event.message, severity="warning", timeout=8, markup=False)
        else:
            status.say(event.message)
        if event.library is not None:
            self.navigation.replace_library(event.library)

    # -- keys (see tui.ui.commands and tui.ui.key_handlers) ------------------------------------

    @property
    def handlers(self) -> dict[str, Callable[[], object]]:
        """What each command the screen runs does, by command id (built once)."""
        found: dict[str, Callable[[], object]] | None = getattr(self, "_handlers", None)
        if found is None:
            found = self._handlers = command_handlers(self)
        return found

    def action_do(self, command_id: str) -> None:
        """Run the command `command_id` (every key of the screen comes here)."""
        self.catch_up()
        self.handlers[command_id]()

    def save_session(self) -> None:
        """Remember the day, paper and filter (the place before a search, when searching)."""
        entry = self.current_entry
        period = entry.period if entry is not None and self.mode == "list" else None
        label = period.label if period is not None else None  # for a period without papers
        self.reading.save_session(self.navigation.saved_paper(), self.filter, label, self.unit)
