"""Moving around the browser: days, a paper anywhere, into and out of a search, a new library.

Each move sets the screen's reactives (`day`, `mode`) and asks the screen to
show the list; positions are papers (library indices), never list rows, so
going back after a filter change lands on the same paper.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from tui.store.library import Library

if TYPE_CHECKING:
    from tui.ui.screens.browser import BrowserScreen


class Navigation:
    """Jumps between days and papers, and the way into and out of a search."""

    def __init__(self, screen: BrowserScreen) -> None:
        self.screen = screen
        self.before_search: tuple[int, int | None] = (0, None)  # the day and paper to go back to

    def _set_day_quietly(self, day: int) -> None:
        """Move to `day` without the day view's "first paper" (the caller shows the list)."""
        screen = self.screen
        screen.set_reactive(type(screen).day, day)
        screen.day_list.cursor = day

    def jump_to(self, index: int) -> None:
        """Show library paper `index`: in the results when it is there, else in its day."""
        screen = self.screen
        if screen.mode == "search":
            rows = screen.paper_list.indices
            if index in rows:
                screen.paper_list.cursor = rows.index(index)
                return
            self.close_search(restore=False)
        day = screen.library.day_of(index)
        if index not in screen.reading.day_papers(day, screen.filter):
            screen.set_reactive(type(screen).filter, "all")  # hidden by the filter: show everything
        self._set_day_quietly(day)
        screen.show_day(index)

    def move_day(self, step: int) -> None:
        """A day older (+1) or newer (-1), its first paper."""
        screen = self.screen
        if screen.mode == "search":
            self.close_search(restore=True)
        target = screen.day + step
        if 0 <= target < len(screen.library.days):
            screen.day = target
        else:
            screen.say("No older day." if step > 0 else "No newer day.")

    def open_search(self) -> None:
        """Show the search box, remembering the day and paper to return to."""
        screen = self.screen
        if screen.mode == "day":
            self.before_search = (screen.day, screen.paper)
            screen.read_timer.stop()
            screen.mode = "search"
        screen.search_bar.open()

    def close_search(self, restore: bool) -> None:
        """Back to the day view: to the day and paper before the search when `restore`."""
        screen = self.screen
        screen.mode = "day"
        screen.terms = ()
        screen.searching.forget()
        screen.search_bar.close()
        if restore:
            day, paper = self.before_search
            self._set_day_quietly(min(day, max(0, len(screen.library.days) - 1)))
            screen.show_day(paper)
        else:
            screen.show_day(screen.paper)

    def place_at_start(self, date: str | None, key: str | None) -> None:
        """Open on the day and paper a session remembers, else the newest day's first paper."""
        screen = self.screen
        library = screen.library
        day = library.day_position(date) if date else None
        keep = None
        if day is not None:
            keep = next(
                (i for i in screen.reading.day_papers(day, screen.filter) if library.key(i) == key), None
            )
        screen.day_list.set_count(len(library.days), day or 0)
        screen.set_reactive(type(screen).day, day or 0)
        screen.show_day(keep)

    def replace_library(self, library: Library) -> None:
        """Swap in a new library (after a sync), staying on the same day and paper."""
        screen = self.screen
        old = screen.library
        here = (old.date(screen.paper), old.key(screen.paper)) if screen.paper is not None else None
        screen.reading.replace_library(library)
        screen.searching.forget()
        day, keep = 0, None
        if here is not None and (found := library.day_position(here[0])) is not None:
            day = found
            keep = next((i for i in library.days[day].indices if library.key(i) == here[1]), None)
        screen.day_list.set_count(len(library.days), day)
        screen.set_reactive(type(screen).day, day)
        if screen.mode == "search":
            screen.searching.run(screen.search_bar.value, keep=keep)
        else:
            screen.show_day(keep)

    def saved_paper(self) -> int | None:
        """The paper a session should remember: the one before the search, when searching."""
        return self.before_search[1] if self.screen.mode == "search" else self.screen.paper
