"""The paperbrowse Textual app: layout, bindings, and the remaining actions.

Marks live in `marking`, search in `search_mode`; here are moving, opening,
copying, the screens, sync and quitting.

Layout: days | papers (or search results) | the selected paper.  Every
binding has an id and a description, appears in the help screen, and is
offered by the command palette.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterable
from functools import partial
from pathlib import Path
from typing import Any, ClassVar

from rich.text import Text
from textual import work
from textual.app import ComposeResult, SystemCommand
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.notifications import SeverityLevel
from textual.screen import Screen
from textual.widgets import Footer, Static

from tui.crashlog import write_crash_log
from tui.gcpause import started
from tui.store.library import Library
from tui.ui.keys import key_label
from tui.ui.marking import Marking
from tui.ui.reading import FILTERS
from tui.ui.search_mode import SearchMode
from tui.ui.widgets.day_list import DayList
from tui.ui.widgets.detail import DetailPane
from tui.ui.widgets.paper_list import PaperList
from tui.ui.widgets.search_bar import SearchBar
from tui.ui.widgets.title_bar import TitleBar

# Above this many papers the search index (~0.5 s at 50,000) is built in the
# background at start, so the first `/` answers at once.
INDEX_AHEAD_OF_TIME = 20_000


class PaperBrowseApp(SearchMode, Marking):
    """Browse daily AI-paper digests from the keyboard."""

    BINDINGS: ClassVar[list[BindingType]] = [
        # A priority binding: handled as it arrives, before the keys typed after
        # it are handed to the list, so "/query" typed or pasted in one burst
        # lands in the box (`action_search` steps aside in text fields and dialogs).
        Binding("slash", "search", "Search", id="search", priority=True),
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

    def compose(self) -> ComposeResult:
        """Title line and the three columns; the footer follows the first frame."""
        yield TitleBar()
        with Horizontal(id="columns"):
            yield DayList(self.reading, id="days")
            with Vertical(id="middle"):
                yield SearchBar(id="search")
                yield PaperList(self.reading, id="papers")
            yield DetailPane(id="detail")
        yield Static("", id="status")

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
        # Textual's Footer is a dozen widgets, each styled on every focus change:
        # ~35 ms that the papers need not wait for.  It docks below the columns
        # a frame after they appear.
        self.call_after_refresh(self._after_first_frame)
        if len(self.library) > INDEX_AHEAD_OF_TIME:
            # After the first frame: building it competes with painting for the GIL.
            self.set_timer(0.5, self.warm_search_index)

    async def _after_first_frame(self) -> None:
        await self.mount(Footer())
        started()  # resume garbage collection, paused by the launcher

    def on_resize(self, event: object) -> None:
        """Adapt the columns to narrow terminals."""
        self._apply_width_class(self.size.width)

    def _apply_width_class(self, width: int) -> None:
        # Only on a change: any class change on the App restyles every widget.
        for name, wanted in (("-narrow", width < 110), ("-tiny", width < 70)):
            if self.has_class(name) != wanted:
                self.set_class(wanted, name)

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

    # -- screens, sync, quitting ---------------------------------------------------

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

    def _fatal_error(self) -> None:
        """An unexpected exception: log it, tell the user where, never show a traceback.

        Overrides Textual's handler, which prints a rich traceback on exit.
        """
        where = write_crash_log(self.data_dir or Path.cwd())
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

    def get_system_commands(self, screen: Screen[Any]) -> Iterable[SystemCommand]:
        """Every key's action, by its description, plus Textual's own commands."""
        for binding in self.BINDINGS:
            if not isinstance(binding, Binding) or binding.action == "leave_search":
                continue
            key = binding.key_display or binding.key
            action = binding.action
            yield SystemCommand(
                f"{binding.description}",
                f"Key: {key_label(key)}",
                partial(self.run_action, action),
            )
        yield from super().get_system_commands(screen)
