"""Counts read as words."""

from __future__ import annotations

from tui.words import counted


def test_counts_are_singular_for_one_plural_otherwise_and_separated() -> None:
    assert counted(1, "paper") == "1 paper"
    assert counted(0, "paper") == "0 papers"
    assert counted(1204, "day") == "1,204 days"
    assert counted(2, "new or changed day") == "2 new or changed days"
    assert counted(3, "query", "queries") == "3 queries"
