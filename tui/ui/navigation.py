"""Moving around the browser: periods, feeds, a paper anywhere, into and out of a search, a new library.

Each move sets the screen's reactives (`entry`, `mode`) and asks the screen
to show the list; positions are papers (library indices), never list rows,
so going back after a filter change lands on the same paper.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from tui.store.library import Library
from tui.store.periods import period_label, periods
from tui.ui.listing import Entry, entry_of_date, entry_of_paper, first_period, sidebar_entries

if TYPE_CHECKING:
    from tui.ui.screens.browser import BrowserScreen


class Navigation:
    """Jumps between sidebar entries and papers, and the way into and out of a search."""

    def __init__(self, screen: BrowserScreen) -> None:
        self.screen = screen
        # The sidebar row and paper to go back to; the row itself, not its
        # position: saving a feed while searching adds rows above it.
        self.before_search: tuple[Entry | None, int | None] = (None, None)

    def _set_entry_quietly(self, entry: int) -> None:
        """Move to `entry` without its "first paper" (the caller shows the list)."""
        screen = self.screen
        screen.set_reactive(type(screen).entry, entry)
        screen.sidebar.cursor = entry

    def entry_for(self, previous: Entry | None, paper: int | None) -> int:
        """Where the sidebar should be after a rebuild: the same feed or period, else `paper`'s period."""
        entries = self.screen.entries
        if previous is not None and previous.feed is not None:
            names = [e.feed.name if e.feed is not None else None for e in entries]
            if previous.feed.name in names:
                return names.index(previous.feed.name)
        if previous is not None and previous.period is not None:
            label = previous.period.label  # the same day (or week, month), even one without papers
            for position, entry in enumerate(entries):
                if entry.period is not None and entry.period.label == label:
                    return position
        if paper is not None and (found := entry_of_paper(entries, paper)) is not None:
            return found
        return first_period(entries)

    def jump_to(self, index: int) -> None:
        """Show library paper `index`: where it is in the list on screen, else in its period."""
        screen = self.screen
        rows = screen.paper_list.indices
        if index in rows:
            screen.paper_list.cursor = rows.index(index)
            return
        if screen.mode == "search":
            self.close_search(restore=False)
        entry = entry_of_paper(screen.entries, index)
        if entry is None:
            return
        self._set_entry_quietly(entry)
        if index not in screen.reading.filtered([index], screen.filter):
            screen.set_reactive(type(screen).filter, "all")  # hidden by the filter: show everything
        if screen.reading.visible([index])[1] and not screen.show_hidden:
            screen.set_reactive(type(screen).show_hidden, True)  # hidden by a rule: show it anyway
        screen.show_entry(index)

    def move_period(self, step: int) -> None:
        """A period older (+1) or newer (-1), its first paper."""
        screen = self.screen
        if screen.mode == "search":
            self.close_search(restore=True)
        entries = screen.entries
        current = screen.entry if screen.current_entry is not None and screen.current_entry.period else None
        target = (first_period(entries) if step > 0 else None) if current is None else current + step
        if target is not None and 0 <= target < len(entries) and entries[target].period is not None:
            if current is None and screen.current_entry is not None:  # from a feed onto the days
                left = screen.current_entry.label
                screen.say(f"Left {left} for the newest {screen.unit}; [ and ] step on.")
            screen.entry = target
        elif current is None:
            screen.say(f"A feed has no newer {screen.unit}: [ goes to the newest {screen.unit}.")
        else:
            screen.say(f"No {'older' if step > 0 else 'newer'} {screen.unit}.")

    def open_feed(self, number: int) -> None:
        """Feed number `number` (1-9) of the sidebar."""
        screen = self.screen
        found = next(
            (p for p, e in enumerate(screen.entries) if e.feed is not None and e.number == number), None
        )
        if found is None:
            screen.say(f"No feed {number}: save a search as a feed with F.")
            return
        if screen.mode == "search":
            self.close_search(restore=False)
        screen.entry = found

    def open_search(self) -> None:
        """Show the search box, remembering the entry and paper to return to."""
        screen = self.screen
        if screen.mode == "list":
            self.before_search = (screen.current_entry, screen.paper)
            screen.read_timer.stop()
            screen.mode = "search"
        screen.search_bar.open()

    def close_search(self, restore: bool) -> None:
        """Back to the sidebar's list: to the entry and paper before the search when `restore`."""
        screen = self.screen
        screen.mode = "list"
        screen.terms = ()
        screen.searching.forget()
        screen.search_bar.close()
        if restore:
            entry, paper = self.before_search
            self._set_entry_quietly(self.entry_for(entry, paper))
            screen.show_entry(paper)
        elif screen.paper is not None and (found := entry_of_paper(screen.entries, screen.paper)) is not None:
            self._set_entry_quietly(found)
            screen.show_entry(screen.paper)
        else:
            screen.show_entry()

    def place_at_start(self, date: str | None, key: str | None) -> None:
        """Open on the day and paper a session remembers, else the newest day's first paper."""
        screen = self.screen
        library = screen.library
        screen.entries = sidebar_entries(
            screen.reading.user.snapshot.feeds,
            periods(library, screen.unit, skip_empty=screen.hide_empty_days),
        )
        entry = None
        if date:  # a paper's date (its day, week or month), or the label of a period without papers
            entry = entry_of_date(screen.entries, date)
            if entry is None:
                entry = entry_of_date(screen.entries, period_label(date, screen.unit))
        keep = None
        if entry is not None:
            period = screen.entries[entry].period
            keep = next((i for i in period.indices if library.key(i) == key), None) if period else None
        else:
            entry = first_period(screen.entries)
        screen.sidebar.show_entries(screen.entries, entry)
        screen.sidebar.border_title = screen.sidebar_title()
        screen.set_reactive(type(screen).entry, entry)
        screen.show_entry(keep)

    def replace_library(self, library: Library) -> None:
        """Swap in a new library (after a sync), staying on the same feed or day, and paper."""
        screen = self.screen
        old = screen.library
        here = (old.date(screen.paper), old.key(screen.paper)) if screen.paper is not None else None
        screen.reading.replace_library(library)
        screen.searching.forget()
        keep = None
        if here is not None and (day := library.day_position(here[0])) is not None:
            keep = next((i for i in library.days[day].indices if library.key(i) == here[1]), None)
        screen.set_reactive(type(screen).paper, keep)
        screen.rebuild_sidebar(keep_paper=True)
        if screen.mode == "search":
            screen.searching.run(screen.search_bar.value, keep=keep)
        snapshot = screen.reading.user.snapshot
        if snapshot.rules or snapshot.feeds:
            screen.organise_in_background()

    def saved_paper(self) -> int | None:
        """The paper a session should remember: the one before the search, when searching."""
        return self.before_search[1] if self.screen.mode == "search" else self.screen.paper
