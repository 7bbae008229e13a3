"""Merging many files' papers into days, from their dates and keys alone.

Kept apart from the parser so that opening a cached library (which only
merges) never loads the parsing code and its regular expressions.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class MergedDay:
    """One date's items and the files that list the date.

    Items come as runs of (file index, positions in that file), in table order.
    """

    date: str
    parts: tuple[tuple[int, Sequence[int]], ...]
    sources: tuple[str, ...]

    @property
    def items(self) -> list[tuple[int, int]]:
        """Every item as (file index, position)."""
        return [(file_index, p) for file_index, positions in self.parts for p in positions]


# (path, dates the file has headings for, date of each item, key of each item)
FileIndex = tuple[str, Sequence[str], Sequence[str], Sequence[str]]


def merge_by_date(files: Sequence[FileIndex]) -> list[MergedDay]:
    """Group the items of many files by date, newest day first.

    Table order is kept within a day; a day split across files is merged in
    file order; an item already seen for that day in another file is kept
    once, the first time.  That is not a problem worth telling: the upstream
    README repeats the whole archive, and a paper listed in two sources is
    one paper.  Dates a file has a heading for but no rows are kept as empty
    days.  Works on dates and keys only, so a Library can merge 50,000 papers
    without decoding them.
    """
    positions: list[dict[str, Sequence[int]]] = []
    covering: dict[str, dict[int, None]] = {}
    for file_index, (_, dates, item_dates, _) in enumerate(files):
        by_date: dict[str, Sequence[int]] = {}
        if len(set(item_dates)) == 1:  # a file per day: no per-item work at all
            by_date[item_dates[0]] = range(len(item_dates))
        else:
            grouped: dict[str, list[int]] = {}
            for position, date in enumerate(item_dates):
                grouped.setdefault(date, []).append(position)
            by_date.update(grouped)
        positions.append(by_date)
        for date in (*dates, *by_date):
            covering.setdefault(date, {})[file_index] = None
    days = []
    for date in sorted(covering, reverse=True):
        file_indices = list(covering[date])
        parts: list[tuple[int, Sequence[int]]] = []
        if len(file_indices) == 1:  # the common case: nothing to de-duplicate
            (only,) = file_indices
            parts.append((only, positions[only].get(date, ())))
        else:
            first_file: dict[str, int] = {}
            for file_index in file_indices:
                keys = files[file_index][3]
                kept = []
                for position in positions[file_index].get(date, ()):
                    if first_file.setdefault(keys[position], file_index) == file_index:
                        kept.append(position)
                parts.append((file_index, kept))
        days.append(MergedDay(date, tuple(parts), tuple(files[i][0] for i in file_indices)))
    return days
