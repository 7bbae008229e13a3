"""Days grouped into ISO weeks (`2025-W43`) and months (`2025-10`), newest first.

The Library orders papers newest day first, so a week or a month is one
contiguous run of indices; a period is that run and its label.  A digest
date that is no real date (`2025-02-30`) still lands in its month, and in a
week of its own labelled by its month.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Final, Literal

from tui.store.library import Library

Unit = Literal["day", "week", "month"]
UNITS: Final[tuple[Unit, ...]] = ("day", "week", "month")
_WEEK = re.compile(r"^(\d{4})-W(\d{2})$")
_MONTH = re.compile(r"^\d{4}-\d{2}$")


@dataclass(frozen=True, slots=True)
class Period:
    """A day, week or month: its label, its papers' index range, and its days' positions."""

    label: str
    start: int
    stop: int
    first_day: int  # position in library.days of its newest day
    day_count: int

    @property
    def count(self) -> int:
        """How many papers the period lists."""
        return self.stop - self.start

    @property
    def indices(self) -> range:
        """Its papers, newest day first, in table order."""
        return range(self.start, self.stop)


def period_label(date: str, unit: Unit) -> str:
    """The week or month a YYYY-MM-DD date belongs to (the date itself for a day)."""
    if unit == "day":
        return date
    if unit == "month":
        return date[:7]
    try:
        year, week, _ = dt.date.fromisoformat(date).isocalendar()
    except ValueError:
        return f"{date[:7]} (?)"
    return f"{year}-W{week:02d}"


def periods(library: Library, unit: Unit, *, skip_empty: bool = False) -> list[Period]:
    """The library's days grouped by `unit`, newest first; `skip_empty` leaves out paperless days."""
    found: list[Period] = []
    for position, day in enumerate(library.days):
        if skip_empty and not day.count:
            continue
        label = period_label(day.date, unit)
        last = found[-1] if found else None
        if last is not None and last.label == label and last.stop == day.start:
            found[-1] = Period(label, last.start, day.stop, last.first_day, last.day_count + 1)
        else:
            found.append(Period(label, day.start, day.stop, position, 1))
    return found


def check_week(text: str) -> str:
    """`2025-W43` as given, or ValueError with a sentence for the user."""
    match = _WEEK.match(text)
    if not match or not 1 <= int(match.group(2)) <= 53:
        raise ValueError(f"{text!r} is not an ISO week; write it like 2025-W43")
    return text


def check_month(text: str) -> str:
    """`2025-10` as given, or ValueError with a sentence for the user."""
    if not _MONTH.match(text) or not 1 <= int(text[5:]) <= 12:
        raise ValueError(f"{text!r} is not a month; write it like 2025-10")
    return text
