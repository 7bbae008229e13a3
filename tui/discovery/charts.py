"""Bar charts from block characters: one column per period, eight steps per line.

Used by `paperbrowse trends` (text) and by the trends screen, so the
terminal and the screen draw the same bars.  A period with any paper at all
gets at least the lowest block, so "one paper" never looks like "none".
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Final

BLOCKS: Final = " ▁▂▃▄▅▆▇█"
STEPS: Final = len(BLOCKS) - 1


def bar_heights(values: Sequence[int], height: int, peak: int | None = None) -> list[int]:
    """Each value's bar height in eighths of a line; `peak` (default: the largest) fills `height`."""
    top = max(values, default=0) if peak is None else peak
    levels = height * STEPS
    if top <= 0:
        return [0] * len(values)
    return [0 if v <= 0 else max(1, min(levels, math.ceil(v / top * levels))) for v in values]


def bar_rows(values: Sequence[int], height: int = 3, peak: int | None = None, column: int = 1) -> list[str]:
    """The chart's lines, top line first; each value is `column` characters wide.

    Columns wider than one keep a blank gap after each bar, so bars read apart.
    """
    heights = bar_heights(values, height, peak)
    bar, gap = (column - 1, " ") if column > 1 else (1, "")
    rows = []
    for line in range(height - 1, -1, -1):  # the top line first
        base = line * STEPS
        rows.append("".join(BLOCKS[max(0, min(STEPS, h - base))] * bar + gap for h in heights))
    return rows


def sparkline(values: Sequence[int], peak: int | None = None) -> str:
    """A one-line chart."""
    return bar_rows(values, 1, peak)[0]


def axis(periods: Sequence[str], width: int) -> str:
    """A label line under a chart `width` characters wide: the first period left, the last right."""
    if not periods:
        return ""
    first, last = periods[0], periods[-1]
    if len(periods) == 1:
        return first
    if width < len(first) + len(last) + 1:
        return f"{first} … {last}"
    return first + " " * (width - len(first) - len(last)) + last
