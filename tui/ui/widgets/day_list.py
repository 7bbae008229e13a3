"""The left column: every day, newest first, with its paper and unread counts."""

from __future__ import annotations

import datetime as dt
from functools import lru_cache
from typing import ClassVar

from rich.text import Text

from tui.digest.text import single_line
from tui.ui.reading import Reading
from tui.ui.widgets.virtual_list import VirtualList


@lru_cache(maxsize=8192)
def weekday(date: str) -> str:
    """'Wed' for a real date; '???' for one that is not (a digest may say 2025-02-30)."""
    try:
        return dt.date.fromisoformat(date).strftime("%a")
    except ValueError:
        return "???"


class DayList(VirtualList):
    """Days as `2025-10-29 Wed   24 3 new`; a day without papers says so."""

    COMPONENT_CLASSES: ClassVar[set[str]] = VirtualList.COMPONENT_CLASSES | {
        "day-list--unread",
        "day-list--empty",
        "day-list--weekday",
    }

    DEFAULT_CSS = """
    DayList {
        width: 30;
        scrollbar-size-vertical: 1;
        & > .day-list--unread { color: $accent; text-style: bold; }
        & > .day-list--empty { color: $text-muted; text-style: italic; }
        & > .day-list--weekday { color: $text-muted; }
    }
    """

    def __init__(self, reading: Reading, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.reading = reading

    def render_row(self, index: int, width: int, selected: bool) -> list[Text]:
        """One day: date, weekday, paper count, unread count."""
        day = self.reading.library.days[index]
        compact = width < 27  # narrow terminals: drop the year
        date = single_line(day.date)  # a date from cache.json, which another program may have written
        text = Text(date[5:] if compact else date, no_wrap=True)
        text.append(f" {weekday(day.date)}", style=self.foreground("day-list--weekday"))
        if not day.count:
            empty = self.foreground("day-list--empty")
            text.append(" none" if compact else "  no papers", style=empty)
            return [text]
        text.append(f" {day.count:>3}" if compact else f" {day.count:>4}")
        unread = self.reading.unread_on_day(index)
        if unread:
            label = f" {unread}●" if compact else f" {unread:>3} new"
            text.append(label, style=self.foreground("day-list--unread"))
        return [text]
