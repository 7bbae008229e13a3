"""Dates as digests write them: in headings, in file names, loosely or impossibly.

`2025-1-5` and `2025/01/05` are normalised; `2025-02-30` is shaped like a
date but is none (the reader keeps its rows and says so).
"""

from __future__ import annotations

import datetime as dt
import re

_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
# Path shapes that name a date: archive/2025/03/14.md or 2025-03-14.md.
_PATH_DATE = re.compile(r"(\d{4})[/\\-](\d{2})[/\\-](\d{2})(?:\.md)?$", re.IGNORECASE)


def shaped_like_a_date(text: str) -> bool:
    """True for YYYY-MM-DD digits, whether or not the day exists."""
    return _ISO_DATE.match(text) is not None


def valid_date(text: str) -> bool:
    """True for a real calendar date written YYYY-MM-DD."""
    if not _ISO_DATE.match(text):
        return False
    try:
        dt.date.fromisoformat(text)
    except ValueError:
        return False
    return True


def date_from_path(path: str) -> str | None:
    """The date a path such as `archive/2025/03/14.md` names, if it is a real date."""
    match = _PATH_DATE.search(path)
    if not match:
        return None
    candidate = "-".join(match.groups())
    return candidate if valid_date(candidate) else None


_LOOSE_DATE = re.compile(r"^(\d{4})[-/_.](\d{1,2})[-/_.](\d{1,2})$")


def normalise_date(text: str) -> str:
    """`2025-1-5` or `2025/01/05` -> `2025-01-05`; anything else unchanged."""
    match = _LOOSE_DATE.match(text)
    if not match:
        return text
    year, month, day = match.groups()
    return f"{year}-{int(month):02d}-{int(day):02d}"
