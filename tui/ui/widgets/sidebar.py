"""The left column: feeds with their unread counts, then days (or weeks, or months).

    1 agents          12 new        a feed (1-9 jump to the first nine)
      For you    star 2 more        unread papers ranked by likeness to your stars
    2025-10-29 Wed   24  3 new      a day; "no papers" when its digest lists none
    2025-W43        124 17 new      a week; a month reads the same

In a narrow column the year is dropped, unless the days in view span two
years (then it shows as `24-12-30`), so a date is never ambiguous.
"""

from __future__ import annotations

import datetime as dt
from functools import lru_cache
from typing import ClassVar

from rich.text import Text

from tui.digest.text import single_line
from tui.discovery import MIN_STARS
from tui.ui.listing import FOR_YOU, Entry
from tui.ui.reading import Reading
from tui.ui.widgets.virtual_list import VirtualList

COMPACT_BELOW = 27  # columns


@lru_cache(maxsize=8192)
def weekday(date: str) -> str:
    """'Wed' for a real date; '???' for one that is not (a digest may say 2025-02-30)."""
    try:
        return dt.date.fromisoformat(date).strftime("%a")
    except ValueError:
        return "???"


class Sidebar(VirtualList):
    """Feeds, then periods; the screen hands it the entries."""

    COMPONENT_CLASSES: ClassVar[set[str]] = VirtualList.COMPONENT_CLASSES | {
        "sidebar--unread",
        "sidebar--empty",
        "sidebar--weekday",
        "sidebar--feed",
    }

    DEFAULT_CSS = """
    Sidebar {
        width: 30;
        scrollbar-size-vertical: 1;
        & > .sidebar--unread { color: $accent; text-style: bold; }
        & > .sidebar--empty { color: $text-muted; text-style: italic; }
        & > .sidebar--weekday { color: $text-muted; }
        & > .sidebar--feed { color: $text-secondary; text-style: bold; }
    }
    """

    def __init__(self, reading: Reading, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.reading = reading
        self.entries: list[Entry] = []

    def show_entries(self, entries: list[Entry], cursor: int) -> None:
        """List `entries`, the cursor on `cursor`."""
        self.entries = entries
        self.set_count(len(entries), cursor)

    def _years_in_view(self) -> int:
        top = self.scroll_offset.y
        labels = {
            e.period.label[:4]
            for e in self.entries[top : top + max(1, self.size.height)]
            if e.period is not None
        }
        return len(labels)

    def render_row(self, index: int, width: int, selected: bool) -> list[Text]:
        """One entry: a feed with its counts, or a period with its counts."""
        entry = self.entries[index]
        if entry.feed is not None:
            return [self._feed_row(entry, width)]
        period = entry.period
        assert period is not None
        compact = width < COMPACT_BELOW
        label = single_line(period.label)  # from cache.json, which another program may have written
        if compact and len(label) == 10:  # a day
            label = label[2:] if self._years_in_view() > 1 else label[5:]
        text = Text(label, no_wrap=True)
        if period.day_count == 1 and len(period.label) == 10:
            text.append(f" {weekday(period.label)}", style=self.foreground("sidebar--weekday"))
        if not period.count:
            text.append(" none" if compact else "  no papers", style=self.foreground("sidebar--empty"))
            return [text]
        # Both counts leave out what hide rules hide, as the list does.
        shown, unread = self.reading.counts_in(period.indices)
        text.append(f" {shown:>3}" if compact else f" {shown:>4}")
        if unread:
            mark = f" {unread:>2}●" if compact else f" {unread:>3} new"
            text.append(mark, style=self.foreground("sidebar--unread"))
        return [text]

    def _feed_row(self, entry: Entry, width: int) -> Text:
        assert entry.feed is not None
        number = f"{entry.number} " if entry.number else "  "
        text = Text(number, no_wrap=True, overflow="ellipsis")
        text.append(single_line(entry.label), style=self.foreground("sidebar--feed"))
        tail = Text()
        needs = MIN_STARS - self.reading.stars_in_library() if entry.feed == FOR_YOU else 0
        counts = self.reading.organiser.feed_counts(entry.feed) if needs <= 0 else None
        if needs > 0:  # nothing to rank by yet: say what would change that
            hint = f" {needs}★ more" if width < COMPACT_BELOW else f" star {needs} more"
            tail.append(hint, style=self.foreground("sidebar--empty"))
        elif counts is None:
            tail.append(" …")
        elif counts[0]:
            tail.append(f" {counts[0]} new", style=self.foreground("sidebar--unread"))
        else:
            tail.append(f" {counts[1]}")
        room = max(1, width - tail.cell_len)
        text.truncate(room, overflow="ellipsis", pad=True)
        return text + tail
