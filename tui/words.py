"""Counts in words: "1 paper", "3 papers", "1,204 days" (never "paper(s)")."""

from __future__ import annotations

_IRREGULAR = {"was": "were"}


def counted(count: int, noun: str, plural: str | None = None) -> str:
    """`count` and `noun`, the noun plural unless the count is one, thousands separated."""
    if count == 1:
        return f"1 {noun}"
    return f"{count:,} {plural or _IRREGULAR.get(noun) or noun + 's'}"
