"""Trends count what search finds, month by month (or week by week); rising terms rise."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from tests.conftest import archive_or_samples
from tests.discovery_fixtures import State, open_library, row, write_day
from tui.discovery.charts import bar_rows, sparkline
from tui.discovery.trends import all_periods, period_query, period_range, rising, trend, trend_query
from tui.store import Library
from tui.store.query import QueryError


@pytest.fixture(scope="module")
def library(tmp_path_factory: pytest.TempPathFactory) -> Library:
    lib, _ = open_library(tmp_path_factory.mktemp("trends"), archive_or_samples())
    return lib


@pytest.mark.parametrize("term", ["gaussian splatting", "agent", "diffusion -video", "title:reasoning"])
def test_monthly_counts_equal_what_search_finds_each_month(library: Library, term: str) -> None:
    found = trend(library, term, State())
    assert found.total > 0
    for month, count in found.counts.items():
        assert count == len(library.search(f"{trend_query(term)} date:{month}", State())), month
    assert found.total == len(library.search(trend_query(term), State()))


def test_weekly_counts_equal_what_search_finds_each_week(library: Library) -> None:
    found = trend(library, "agent", State(), by="week")
    busy = [w for w, c in found.counts.items() if c][:6]
    assert busy
    for week in busy:
        assert found.counts[week] == len(library.search(period_query("agent", week, "week"), State()))


def test_every_period_is_listed_zeros_included(library: Library) -> None:
    months = all_periods(library, "month")
    dates = sorted(day.date for day in library.days)
    assert months[0] == dates[0][:7]
    assert months[-1] == dates[-1][:7]
    nothing = trend(library, "zzqxv nonexistent", State())
    assert list(nothing.counts) == months
    assert nothing.total == 0
    first, last = (dt.date.fromisoformat(d) for d in (dates[0], dates[-1]))
    assert len(all_periods(library, "week")) >= (last - first).days // 7


def test_several_words_are_a_phrase_and_search_syntax_is_kept() -> None:
    assert trend_query("gaussian  splatting") == '"gaussian splatting"'
    assert trend_query("diffusion") == "diffusion"
    assert trend_query('"world model" -survey') == '"world model" -survey'
    assert period_query("kv cache", "2025-03", "month") == '"kv cache" date:2025-03'
    assert period_range("2024-02", "month") == ("2024-02-01", "2024-02-29")
    assert period_range("2025-W01", "week") == ("2024-12-30", "2025-01-05")


def test_a_malformed_term_is_a_query_error(library: Library) -> None:
    with pytest.raises(QueryError):
        trend(library, "is:famous", State())


def test_a_day_the_calendar_lacks_is_counted_in_its_week(tmp_path: Path) -> None:
    write_day(tmp_path / "a", "2025-02-28", [row("2502.00001", "Agents one", "Agents.")])
    (tmp_path / "a" / "odd.md").write_text(
        "## Papers for 2025-02-30\n\n| Title | Authors | Summary |\n|---|---|---|\n"
        + row("2502.00002", "Agents two", "Agents.")
        + "\n"
    )
    library, _ = open_library(tmp_path / "data", tmp_path / "a")
    assert sum(trend(library, "agents", State(), by="week").counts.values()) == 2
    assert trend(library, "agents", State()).counts == {"2025-02": 2}


def test_a_term_new_in_the_last_four_weeks_rises_and_a_rare_one_does_not(tmp_path: Path) -> None:
    start = dt.date(2025, 1, 6)
    for week in range(16):
        date = start + dt.timedelta(weeks=week)
        rows = [
            row(f"2501.{week:02d}{k:03d}", f"Plain Topic Study {week} {k}", "Plain text.") for k in range(6)
        ]
        if week >= 12:  # the last four weeks: a new topic, in two papers a week
            rows += [
                row(f"2502.{week:02d}{k:03d}", "Mamba Kernels Explained", "About mamba.") for k in range(2)
            ]
        if week == 15:
            rows.append(row("2503.00001", "Quokka Once", "About quokka."))
        write_day(tmp_path / "a", date.isoformat(), rows)
    library, _ = open_library(tmp_path / "data", tmp_path / "a")
    found = rising(library, State())
    assert found
    top = found[0]
    assert set(top.term.split()) <= {"mamba", "kernels", "explained"}
    # The same papers under another of their words are the same trend: listed once.
    assert not any(set(r.term.split()) & {"mamba", "kernels", "explained"} for r in found[1:])
    assert top.recent == 8
    assert top.before == 0
    assert top.weekly == (0,) * 12 + (2, 2, 2, 2)
    assert not any("quokka" in r.term.split() for r in found)  # one paper is noise, not a trend
    assert not any("plain" in r.term.split() for r in found)  # steady all along: not rising


def test_an_empty_library_has_no_trend_and_nothing_rising(tmp_path: Path) -> None:
    library, _ = open_library(tmp_path / "data")
    assert trend(library, "agent", State()).counts == {}
    assert rising(library, State()) == []


def test_bars_grow_with_the_counts_and_one_paper_is_never_drawn_as_none() -> None:
    assert sparkline([0, 1, 4, 8]) == " ▁▄█"
    assert bar_rows([0, 1, 16], height=2) == ["  █", " ▁█"]
    assert sparkline([]) == ""
