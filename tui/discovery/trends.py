"""How many papers mention a term, per month or week, and which terms are rising.

A trend counts exactly what search finds: the term is run as a search query
(`trend_query`: several words are a phrase) through the same index and the
matches are counted by the month (or ISO week) of their digest date, so
`paperbrowse search '"gaussian splatting" date:2025-03'` lists as many papers
as the chart shows for March.  Every period between the oldest and the newest
day is present, zeros included, so charts line up.

Rising terms compare a term's share of papers in the last four weeks with
its share in the twelve before.  Candidates are title words and word pairs
(cheap: the search index holds the folded titles); each candidate is then
counted as search counts it, within those sixteen weeks, and must be in at
least `MIN_RECENT` recent papers so that noise does not rise.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import pairwise
from typing import TYPE_CHECKING, Final, Literal

if TYPE_CHECKING:
    from tui.store.library import Library
    from tui.store.search import StateView

Period = Literal["month", "week"]
RECENT_WEEKS: Final = 4
BEFORE_WEEKS: Final = 12
MIN_RECENT: Final = 5  # papers in the recent weeks a rising term needs, at the least
MAX_PERIODS: Final = 1200  # a century of months, twenty-three years of weeks
CANDIDATES: Final = 60  # title terms counted as search counts them, per rising list
_TITLE_WORD: Final = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")


@dataclass(frozen=True, slots=True)
class Trend:
    """A term's papers per period, oldest period first (every period, zeros too)."""

    term: str
    query: str
    by: Period
    counts: dict[str, int]

    @property
    def total(self) -> int:
        """Papers that mention the term at all."""
        return sum(self.counts.values())


@dataclass(frozen=True, slots=True)
class Rising:
    """A term whose share of papers grew: recent and earlier counts, and weekly counts."""

    term: str
    recent: int  # papers in the last RECENT_WEEKS weeks
    before: int  # papers in the BEFORE_WEEKS weeks before
    growth: float  # recent share / earlier share (smoothed)
    weekly: tuple[int, ...]  # papers per week over all sixteen weeks, oldest first


def trend_query(term: str) -> str:
    """The search query a trend counts: several plain words are one phrase.

    "gaussian splatting" -> '"gaussian splatting"'; a term already written in
    the search language (quotes, `field:`, a leading `-`) is used as it is.
    """
    cleaned = " ".join(term.split())
    plain = '"' not in cleaned and ":" not in cleaned and not any(w.startswith("-") for w in cleaned.split())
    return f'"{cleaned}"' if plain and " " in cleaned else cleaned


def period_of(date: str, by: Period) -> str:
    """'2025-03' (month) or '2025-W10' (ISO week) for a YYYY-MM-DD date."""
    if by == "month":
        return date[:7]
    year, week, _ = as_date(date).isocalendar()
    return f"{year}-W{week:02d}"


def as_date(text: str) -> dt.date:
    """A digest date as a date.

    The reader keeps dates shaped like one that are none (2025-02-30, a
    heading's typo): they count in the nearest real day of their month.
    """
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        pass
    try:
        year, month, day = max(1, int(text[:4])), min(12, max(1, int(text[5:7]))), int(text[8:10])
    except ValueError:
        return dt.date(1970, 1, 1)  # not a date at all (a damaged cache): counted, out of the way
    return dt.date(year, month, min(max(1, day), calendar.monthrange(year, month)[1]))


def period_range(period: str, by: Period) -> tuple[str, str]:
    """The first and last date of a period, for a `date:` filter."""
    if by == "month":
        first = dt.date.fromisoformat(period + "-01")
        following = (first.replace(day=28) + dt.timedelta(days=4)).replace(day=1)
        return first.isoformat(), (following - dt.timedelta(days=1)).isoformat()
    year, week = period.split("-W")
    monday = dt.date.fromisocalendar(int(year), int(week), 1)
    return monday.isoformat(), (monday + dt.timedelta(days=6)).isoformat()


def period_query(term: str, period: str, by: Period) -> str:
    """The search that lists a chart's bar: '"gaussian splatting" date:2025-03'."""
    if by == "month":
        return f"{trend_query(term)} date:{period}"
    first, last = period_range(period, by)
    return f"{trend_query(term)} date:{first}..{last}"


def all_periods(library: Library, by: Period) -> list[str]:
    """Every period from the library's oldest day to its newest, oldest first.

    At most `MAX_PERIODS`, the newest: a digest dated 0001-01-01 must not
    make a chart of 120,000 months.
    """
    dates = [day.date for day in library.days]
    if not dates:
        return []
    start, end = as_date(min(dates)), as_date(max(dates))
    periods: list[str] = []
    if by == "month":
        year, month = end.year, end.month
        while (year, month) >= (start.year, start.month) and len(periods) < MAX_PERIODS:
            periods.append(f"{year:04d}-{month:02d}")
            year, month = (year, month - 1) if month > 1 else (year - 1, 12)
    else:
        monday = end - dt.timedelta(days=end.weekday())
        while monday + dt.timedelta(days=6) >= start and len(periods) < MAX_PERIODS:
            periods.append(period_of(monday.isoformat(), by))
            if monday.toordinal() <= 7:
                break
            monday -= dt.timedelta(weeks=1)
    return periods[::-1]


def trend(library: Library, term: str, state: StateView, by: Period = "month") -> Trend:
    """Papers matching `term` per period (raises `QueryError` for a malformed term)."""
    from tui.store.query import parse_query

    query_text = trend_query(term)
    hits = library.matches(parse_query(query_text), state)
    found = Counter(period_of(library.date(i), by) for i in hits)
    return Trend(term, query_text, by, {period: found.get(period, 0) for period in all_periods(library, by)})


def rising(library: Library, state: StateView, limit: int = 10) -> list[Rising]:
    """The terms whose share of papers grew most in the last four weeks against the twelve before."""
    from tui.store.query import parse_query

    if not library.days:
        return []
    newest = as_date(max(day.date for day in library.days))
    recent_from = newest - dt.timedelta(weeks=RECENT_WEEKS) + dt.timedelta(days=1)
    window_from = recent_from - dt.timedelta(weeks=BEFORE_WEEKS)
    window = [i for day in library.days if day.date >= window_from.isoformat() for i in day.indices]
    recent_since = recent_from.isoformat()
    recent = [i for i in window if library.date(i) >= recent_since]
    if len(recent) < MIN_RECENT or len(window) == len(recent):
        return []
    candidates = _title_candidates(library, window, recent_since)
    week_of = {i: (as_date(library.date(i)) - window_from).days // 7 for i in window}
    found: list[tuple[Rising, frozenset[int]]] = []
    for term in candidates:
        hits = library.matches(parse_query(trend_query(term)), state, window)
        recent_hits = sum(1 for i in hits if library.date(i) >= recent_since)
        if recent_hits < MIN_RECENT:
            continue
        growth = _growth(recent_hits, len(recent), len(hits) - recent_hits, len(window) - len(recent))
        if growth <= 1.0:
            continue  # a share that did not grow is not rising, however common the term
        weekly = Counter(week_of[i] for i in hits)
        weeks = tuple(weekly.get(w, 0) for w in range(RECENT_WEEKS + BEFORE_WEEKS))
        found.append((Rising(term, recent_hits, len(hits) - recent_hits, growth, weeks), frozenset(hits)))
    # Best growth first; between equals a pair of words before a word ("mamba kernels", not "kernels").
    found.sort(key=lambda pair: (-pair[0].growth, -len(pair[0].term.split()), pair[0].term))
    return _distinct(found)[:limit]


def _growth(recent: int, recent_papers: int, before: int, before_papers: int) -> float:
    """Recent share over earlier share, each smoothed by one paper (a term new this month is finite)."""
    return ((recent + 1) / (recent_papers + 1)) / ((before + 1) / (before_papers + 1))


def _title_candidates(library: Library, window: Sequence[int], recent_since: str) -> list[str]:
    """Title words and pairs most over-represented in the recent papers' titles (by title counts)."""
    from tui.discovery.text import STOPWORDS

    titles = library.index.titles
    recent_counts: Counter[str] = Counter()
    before_counts: Counter[str] = Counter()
    recent_papers = 0
    for index in window:
        words = _TITLE_WORD.findall(titles[index])
        terms = {w for w in words if len(w) > 2 and w not in STOPWORDS and not w.isdigit()}
        terms.update(
            f"{a} {b}"
            for a, b in pairwise(words)
            if a not in STOPWORDS and b not in STOPWORDS and not (a.isdigit() or b.isdigit())
        )
        if library.date(index) >= recent_since:
            recent_counts.update(terms)
            recent_papers += 1
        else:
            before_counts.update(terms)
    before_papers = len(window) - recent_papers
    scored = [
        (_growth(count, recent_papers, before_counts[term], before_papers), term)
        for term, count in recent_counts.items()
        if count >= MIN_RECENT
    ]
    scored.sort(reverse=True)
    return [term for _, term in scored[:CANDIDATES]]


def _distinct(found: list[tuple[Rising, frozenset[int]]]) -> list[Rising]:
    """One term per trend: drop a term found in the same papers as a better one, or part of it."""
    kept: list[tuple[Rising, frozenset[int]]] = []
    for item, hits in found:
        words = set(item.term.split())
        if not any(
            hits == other_hits or words <= set(other.term.split()) or set(other.term.split()) <= words
            for other, other_hits in kept
        ):
            kept.append((item, hits))
    return [item for item, _ in kept]
