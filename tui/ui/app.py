"""The paperbrowse Textual app: wiring, bindings and actions.

Layout: days | papers (or search results) | the selected paper.  The app
owns where the user is (which day, which list, which paper); the widgets
draw what they are given and post messages up.  Every binding has an id and a
description, appears in the help screen, and is offered by the command
palette.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterable
from functools import partial
from pathlib import Path
from typing import Any, ClassVar, Literal

from textual import on, work
from textual.app import App, ComposeResult, SystemCommand
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.notifications import SeverityLevel
from textual.screen import Screen
from textual.timer import Timer
from textual.widgets import Footer, Header, Static
from textual.worker import get_current_worker

from tui.store.library import Library
from tui.store.query import Query, QueryError, Term, parse_query
from tui.store.state import Session
from tui.ui.effects import Effects, SystemEffects
from tui.ui.reading import FILTERS, Reading
from tui.ui.widgets.day_list import DayList
from tui.ui.widgets.detail import DetailPane
from tui.ui.widgets.paper_list import PaperList
from tui.ui.widgets.search_bar import SearchBar
from tui.ui.widgets.virtual_list import VirtualList

READ_AFTER_SECONDS = 1.5
DETAIL_WHILE_TYPING_SECONDS = 0.12
# Above this many papers the search index (~0.5 s at 50,000) is built in the
# background at start, so the first `/` answers at once.
INDEX_AHEAD_OF_TIME = 20_000
Mode = Literal["day", "search"]


class PaperBrowseApp(App[None]):
    """Browse daily AI-paper digests from the keyboard."""

    CSS_PATH = Path(__file__).with_name("paperbrowse.tcss")  # absolute: subclasses live elsewhere
    TITLE = "paperbrowse"

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("slash", "search", "Search", id="search"),
        Binding("left_square_bracket", "older_day", "Older day", id="day.older"),
        Binding("right_square_bracket", "newer_day", "Newer day", id="day.newer"),
        Binding("o", "open('arxiv')", "Open arXiv", id="open.arxiv"),
        Binding("O", "open('huggingface')", "Open HF", show=False, id="open.huggingface"),
        Binding("p", "open('pdf')", "Open PDF", show=False, id="open.pdf"),
        Binding("y", "copy('link')", "Copy link", id="copy.link"),
        Binding("Y", "copy('markdown')", "Copy markdown link", show=False, id="copy.markdown"),
        Binding("c", "copy('bibtex')", "Copy BibTeX", show=False, id="copy.bibtex"),
        Binding("C", "copy('plain')", "Copy citation", show=False, id="copy.plain"),
        Binding("s", "star", "Star", id="star"),
        Binding("r", "toggle_read", "Read/unread", show=False, id="read.toggle"),
        Binding("n", "next_unread", "Next unread", show=False, id="unread.next"),
        Binding("N", "previous_unread", "Previous unread", show=False, id="unread.previous"),
        Binding("e", "edit_note", "Note", id="note"),
        Binding("f", "cycle_filter", "Filter", id="filter"),
        Binding("A", "mark_day_read", "Mark day read", show=False, id="read.day"),
        Binding("u", "undo", "Undo", show=False, id="undo"),
        Binding("x", "export", "Export list", show=False, id="export"),
        Binding("R", "sync", "Sync", show=False, id="sync"),
        Binding("question_mark", "help", "Help", id="help"),
        Binding("q", "quit", "Quit", id="quit"),
        Binding("escape", "leave_search", "Back", show=False, id="search.close"),
    ]

    def __init__(
        self,
        reading: Reading,
        *,
        effects: Effects | None = None,
        notices: Iterable[str] = (),
        start: Session | None = None,
        data_dir: Path | None = None,
        sync_runner: Callable[[PaperBrowseApp], None] | None = None,
        read_after: float = READ_AFTER_SECONDS,
    ) -> None:
        super().__init__()
        self.read_after = read_after
        self.reading = reading
        self.library = reading.library
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

    # -- layout ---------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        """Header, the three columns, footer."""
        yield Header()
        with Horizontal(id="columns"):
            yield DayList(self.reading, id="days")
            with Vertical(id="middle"):
                yield SearchBar(id="search")
                yield PaperList(self.reading, id="papers")
            yield DetailPane(id="detail")
        yield Static("", id="status")
        yield Footer()

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

    def on_mount(self) -> None:
        """Open where the user left off, or on the newest day's first paper."""
        self.reading.filter = next((f for f in FILTERS if f == self.start.filter), "all")
        day, row = 0, 0
        if self.start.date is not None and (found := self.library.day_position(self.start.date)) is not None:
            day = found
            papers = self.reading.day_papers(day)
            keys = [self.library.key(i) for i in papers]
            row = keys.index(self.start.key) if self.start.key in keys else 0
        self.day_position = day
        self.day_list.set_count(len(self.library.days), day)
        self._show_day(day, row)
        self.paper_list.focus()
        for notice in self.notices:
            self.notify(notice, timeout=12)
        self._apply_width_class(self.size.width)
        if len(self.library) > INDEX_AHEAD_OF_TIME:
            # After the first frame: building it competes with painting for the GIL.
            self.set_timer(0.5, self.warm_search_index)

    def on_resize(self, event: object) -> None:
        """Adapt the columns to narrow terminals."""
        self._apply_width_class(self.size.width)

    def _apply_width_class(self, width: int) -> None:
        self.set_class(width < 110, "-narrow")
        self.set_class(width < 70, "-tiny")

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
        if self.current == index and not self.reading.is_read(index):
            self.reading.set_read([index], True, undoable=False)
            self._refresh_marks()

    @on(VirtualList.Highlighted, "#days")
    def _day_highlighted(self, event: VirtualList.Highlighted) -> None:
        # Programmatic moves set day_position first, so only a real move gets here.
        if event.index == self.day_position and self.mode == "day":
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
        if self.current == index:
            self._show_paper(index)

    @on(VirtualList.Chosen, "#days")
    def _day_chosen(self, event: VirtualList.Chosen) -> None:
        self.paper_list.focus()

    @on(VirtualList.Chosen, "#papers")
    def _paper_chosen(self, event: VirtualList.Chosen) -> None:
        self.detail.focus()

    # -- navigation -----------------------------------------------------------------

    def action_next_paper(self) -> None:
        """`j` in the detail pane: the next paper of the list."""
        self.paper_list.action_cursor_down()

    def action_previous_paper(self) -> None:
        """`k` in the detail pane: the previous paper of the list."""
        self.paper_list.action_cursor_up()

    def _move_day(self, step: int) -> None:
        if self.mode == "search":
            self._close_search(restore=True)
        # The list's cursor, not day_position: keys can arrive faster than the
        # Highlighted messages that update day_position.
        target = self.day_list.cursor + step
        if 0 <= target < len(self.library.days):
            self.day_list.cursor = target  # posts Highlighted -> shows the day, first paper
        else:
            self.notify("No older day." if step > 0 else "No newer day.", timeout=2)

    def action_older_day(self) -> None:
        """`[`: the previous (older) day, its first paper."""
        self._move_day(+1)

    def action_newer_day(self) -> None:
        """`]`: the next (newer) day, its first paper."""
        self._move_day(-1)

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

    def _unread_step(self, direction: int) -> None:
        here = self.current
        if self.mode == "search":
            rows = self.paper_list.indices
            start = self.paper_list.cursor + direction
            order = range(start, len(rows)) if direction > 0 else range(start, -1, -1)
            for row in order:
                if not self.reading.is_read(rows[row]):
                    self.paper_list.cursor = row
                    return
            self.notify("No more unread results that way.", timeout=3)
            return
        origin = here if here is not None else self.library.days[self.day_position].start - direction
        found = self.reading.next_unread(origin, direction)
        if found is None:
            self.notify("No more unread papers that way.", timeout=3)
        else:
            self._jump_to(found)

    def action_next_unread(self) -> None:
        """`n`: the next unread paper, crossing days."""
        self._unread_step(+1)

    def action_previous_unread(self) -> None:
        """`N`: the previous unread paper, crossing days."""
        self._unread_step(-1)

    # -- open and copy ----------------------------------------------------------------

    def action_open(self, which: str) -> None:
        """`o`/`O`/`p`: open the arXiv page, the Hugging Face page or the PDF."""
        if self.current is None:
            self.notify("No paper selected.", severity="warning", timeout=3)
            return
        links = self.library.paper(self.current).links
        url = {"arxiv": links.arxiv, "huggingface": links.huggingface, "pdf": links.pdf}.get(which)
        if not url:
            self.notify("This paper has no such link.", severity="warning", timeout=3)
            return
        self._open_in_browser(url)

    @work(thread=True, group="browser")
    def _open_in_browser(self, url: str) -> None:
        opened = self.effects.open_url(url)
        if opened:
            self.call_from_thread(self.notify, f"Opening {url}", timeout=3)
        else:
            self.call_from_thread(
                self.notify, f"No browser could be started. The link:\n{url}", title="Open", timeout=15
            )

    def action_copy(self, what: str) -> None:
        """`y`/`Y`/`c`/`C`: copy the arXiv link, a markdown link, BibTeX or a citation."""
        if self.current is None:
            self.notify("No paper selected.", severity="warning", timeout=3)
            return
        from tui.digest import cite

        paper = self.library.paper(self.current)
        if what == "link":
            text, label = paper.links.arxiv or paper.links.huggingface or "", "arXiv link"
        elif what == "markdown":
            text, label = cite.markdown_link(paper), "Markdown link"
        elif what == "bibtex":
            text, label = cite.bibtex(paper), "BibTeX"
        else:
            text, label = cite.plain(paper), "Citation"
        if not text:
            self.notify("This paper has no link to copy.", severity="warning", timeout=3)
            return
        self.copy_to_clipboard(text)  # OSC 52: SSH, tmux, browsers
        self._copy_to_system_clipboard(text)
        first_line = text.splitlines()[0]
        self.notify(f"{label} copied: {first_line[:70]}", timeout=3)

    @work(thread=True, group="clipboard")
    def _copy_to_system_clipboard(self, text: str) -> None:
        self.effects.copy(text)

    # -- marks ----------------------------------------------------------------------

    def action_star(self) -> None:
        """`s`: star or unstar the paper."""
        if self.current is None:
            return
        starred = self.reading.toggle_star(self.current)
        self._refresh_marks()
        self.notify("Starred." if starred else "Star removed.", timeout=2)

    def action_toggle_read(self) -> None:
        """`r`: mark the paper read or unread."""
        if self.current is None:
            return
        index = self.current
        if self._read_timer is not None:
            self._read_timer.stop()  # an explicit choice beats the automatic mark
        read = self.reading.toggle_read(index)
        self._refresh_marks()
        self.notify("Marked read." if read else "Marked unread.", timeout=2)

    def action_mark_day_read(self) -> None:
        """`A`: mark every paper of the day (or the results) read, after asking."""
        indices = list(self.paper_list.indices)
        unread = [i for i in indices if not self.reading.is_read(i)]
        if not unread:
            self.notify("Everything here is already read.", timeout=3)
            return
        where = "these results" if self.mode == "search" else self.library.days[self.day_position].date

        def answer(confirmed: bool | None) -> None:
            if confirmed:
                self.reading.set_read(unread, True, description=f"marked {len(unread)} read")
                self._refresh_marks()
                self.notify(f"Marked {len(unread)} paper(s) read. Press u to undo.", timeout=4)

        from tui.ui.screens.confirm import ConfirmScreen

        self.push_screen(ConfirmScreen(f"Mark {len(unread)} unread paper(s) of {where} as read?"), answer)

    def action_undo(self) -> None:
        """`u`: undo the last read or star change."""
        change = self.reading.undo()
        if change is None:
            self.notify("Nothing to undo.", timeout=2)
            return
        self._refresh_marks()
        self.notify(f"Undone: {change.description}.", timeout=3)

    def action_edit_note(self) -> None:
        """`e`: write a note on the paper (saved on close, escape cancels)."""
        if self.current is None:
            return
        index = self.current
        paper = self.library.paper(index)

        def saved(text: str | None) -> None:
            if text is None:
                return
            self.reading.set_note(index, text)
            self._refresh_marks()
            self.notify("Note saved." if text.strip() else "Note removed.", timeout=2)

        from tui.ui.screens.note import NoteScreen  # TextArea is heavy: load it when needed

        self.push_screen(NoteScreen(paper.title, self.reading.note(index)), saved)

    def action_cycle_filter(self) -> None:
        """`f`: show all, unread only, or starred only."""
        here = self.current
        flt = self.reading.cycle_filter()
        if self.mode == "search":
            self._run_search(self.search_bar.value, keep=here)
        else:
            papers = self.reading.day_papers(self.day_position)
            self._show_day(self.day_position, papers.index(here) if here in papers else 0)
        self.notify(f"Showing {flt} papers.", timeout=2)

    # -- search ---------------------------------------------------------------------

    def action_search(self) -> None:
        """`/`: search every day."""
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
        matches = self.library.matches(query, self.reading.user.snapshot, within, lambda: worker.is_cancelled)
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
    ) -> None:
        if self.mode != "search" or text != self.search_bar.value:
            return  # stale: the box changed (or closed) while we searched
        self._last_results = narrowing
        shown = self.reading.filtered(hits)
        row = shown.index(keep) if keep in shown else 0
        self.paper_list.show(shown, row, show_dates=True, terms=self.query_terms)
        self._after_list_change()

    def action_leave_search(self) -> None:
        """`escape`: close the search and return to the day view where it was."""
        if self.mode == "search":
            self._close_search(restore=True)
            self.paper_list.focus()
        elif isinstance(self.screen, Screen) and self.focused is self.detail:
            self.paper_list.focus()

    def _close_search(self, restore: bool) -> None:
        self.mode = "day"
        self.query_terms = ()
        self._last_results = None
        self.search_bar.close()
        if restore:
            day, row = self._day_cursor_before_search
            self.day_list.cursor = day
            self._show_day(day, row)

    @work(thread=True, group="index")
    def warm_search_index(self) -> None:
        """Build the search index in the background so the first search is instant."""
        _ = self.library.index

    # -- screens --------------------------------------------------------------------

    def action_help(self) -> None:
        """`?`: every key and what it does."""
        from tui.ui.screens.help import HelpScreen

        self.push_screen(HelpScreen(self.BINDINGS))

    def action_export(self) -> None:
        """`x`: write the current list to a file as BibTeX, markdown or CSV."""
        indices = sorted(self.paper_list.indices)  # archive order: newest day first
        if not indices:
            self.notify("Nothing to export here.", timeout=3)
            return
        if self.mode == "search":
            stem = "paperbrowse-search"
        else:
            stem = f"paperbrowse-{self.library.days[self.day_position].date}"
        from tui.ui.screens.export import ExportScreen

        self.push_screen(ExportScreen(self.library, indices, stem))

    def action_sync(self) -> None:
        """`R`: fetch new digests from the upstream archive in the background."""
        runner = self.sync_runner
        if runner is None:
            self.notify("Sync is not available in this session.", severity="warning", timeout=4)
            return
        runner(self)

    def set_status(self, text: str) -> None:
        """Show (or, with '', hide) the status line above the footer."""
        status = self.query_one("#status", Static)
        status.update(text)
        status.set_class(bool(text), "-active")

    def sync_finished(self, library: Library | None, message: str) -> None:
        """A background sync ended: show its outcome and any new days."""
        self.set_status("")
        if library is None:
            severity: SeverityLevel = "error"
        else:
            severity = "warning" if "failed" in message else "information"
        self.notify(message, severity=severity, timeout=8)
        if library is not None:
            self.replace_library(library)

    def replace_library(self, library: Library) -> None:
        """Swap in a new library (after a sync), staying on the same day and paper."""
        here = self.current
        keep = (self.library.date(here), self.library.key(here)) if here is not None else None
        self.library = library
        self.reading.replace_library(library)
        day, row = 0, 0
        if keep is not None and (found := library.day_position(keep[0])) is not None:
            day = found
            keys = [library.key(i) for i in self.reading.day_papers(day)]
            row = keys.index(keep[1]) if keep[1] in keys else 0
        self.day_position = day
        self.day_list.set_count(len(library.days), day)
        if self.mode == "search":
            self._last_results = None
            self._run_search(self.search_bar.value)
        else:
            self._show_day(day, row)

    def action_quit(self) -> None:  # type: ignore[override]
        """`q`: remember where we are, then leave."""
        self.save_session()
        self.exit()

    def save_session(self) -> None:
        """Write the current day, paper and filter to state.json."""
        try:
            if self.mode == "search":
                day, row = self._day_cursor_before_search
                papers = self.reading.day_papers(day) if self.library.days else []
                self.reading.save_session(papers[row] if row < len(papers) else None)
            else:
                self.reading.save_session(self.current)
        except OSError as error:
            self.notify(f"Could not save your place: {error}", severity="error")

    # -- failure ------------------------------------------------------------------

    def _fatal_error(self) -> None:
        """An unexpected exception: log it, tell the user where, never show a traceback.

        Overrides Textual's handler, which prints a rich traceback on exit.
        """
        import traceback

        from rich.text import Text

        log = (self.data_dir or Path.cwd()) / "crash.log"
        try:
            log.parent.mkdir(parents=True, exist_ok=True)
            with log.open("a", encoding="utf-8") as handle:
                handle.write(traceback.format_exc() + "\n")
            where = f"details were written to {log}"
        except OSError:
            where = "and could not write a crash log"
        with contextlib.suppress(Exception):
            self.save_session()
        self.bell()
        self._exit_renderables.append(
            Text(
                f"paperbrowse stopped after an unexpected error; {where}. Your stars, "
                "read marks and notes are saved in state.json."
            )
        )
        self._return_code = 1  # Textual's own handler sets it the same way
        self._close_messages_no_wait()

    # -- palette --------------------------------------------------------------------

    def get_system_commands(self, screen: Screen[Any]) -> Iterable[SystemCommand]:
        """Every key's action, by its description, plus Textual's own commands."""
        for binding in self.BINDINGS:
            if not isinstance(binding, Binding) or binding.action == "leave_search":
                continue
            key = binding.key_display or binding.key
            action = binding.action
            yield SystemCommand(
                f"{binding.description}",
                f"Key: {_key_label(key)}",
                partial(self.run_action, action),
            )
        yield from super().get_system_commands(screen)


def _too_short(query: Query) -> bool:
    """A query of one single-character word and nothing else."""
    return (
        len(query.terms) == 1
        and len(query.terms[0].text) < 2
        and not (query.dates or query.is_flags or query.has_flags)
    )


def _key_label(key: str) -> str:
    names = {
        "slash": "/",
        "left_square_bracket": "[",
        "right_square_bracket": "]",
        "question_mark": "?",
        "escape": "esc",
    }
    return ", ".join(names.get(k, k) for k in key.split(","))
