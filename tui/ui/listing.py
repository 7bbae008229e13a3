"""What the sidebar lists: the user's feeds first, then days, weeks or months.

An `Entry` is one row of the sidebar; choosing it fills the paper list with
the feed's results (newest first) or the period's papers.  The first nine
feeds are numbered: `1`-`9` jump to them.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from tui.store.periods import Period
from tui.store.state import Feed

NUMBERED_FEEDS = 9
# The built-in feed, listed after the user's own once they have some: unread
# papers ranked by how much they resemble the starred ones.
FOR_YOU = Feed("For you", "is:unread is:unstarred order:foryou")  # what you have not kept yet


@dataclass(frozen=True, slots=True)
class Entry:
    """One row of the sidebar: a feed (with its number, 1-9, or 0) or a period."""

    label: str
    feed: Feed | None = None
    period: Period | None = None
    number: int = 0

    @property
    def is_feed(self) -> bool:
        """True for a feed's row."""
        return self.feed is not None


def sidebar_entries(feeds: Sequence[Feed], periods: Sequence[Period]) -> list[Entry]:
    """The user's feeds (numbered 1-9) and "For you" after them, then the periods, newest first."""
    entries = [
        Entry(feed.name, feed=feed, number=number if number <= NUMBERED_FEEDS else 0)
        for number, feed in enumerate(feeds, start=1)
    ]
    if feeds:
        entries.append(Entry(FOR_YOU.name, feed=FOR_YOU))
    entries += [Entry(period.label, period=period) for period in periods]
    return entries


def entry_of_paper(entries: Sequence[Entry], index: int) -> int | None:
    """The position of the period holding library paper `index`."""
    for position, entry in enumerate(entries):
        if entry.period is not None and entry.period.start <= index < entry.period.stop:
            return position
    return None


def entry_of_date(entries: Sequence[Entry], date: str) -> int | None:
    """The position of the period whose label starts `date` (a day, its week is not searched)."""
    for position, entry in enumerate(entries):
        if entry.period is not None and entry.period.label == date:
            return position
    return None


def first_period(entries: Sequence[Entry]) -> int:
    """The position of the newest period (after the feeds); 0 when there is none."""
    return next((position for position, entry in enumerate(entries) if entry.period is not None), 0)
