"""Bar charts of terms over time, with a cursor over the periods (the trends screen's chart).

One chart per term, stacked: the term and its total, three lines of bars
(`tui.discovery.charts`, the same bars `paperbrowse trends` prints), and
under the chart that has the cursor the period it is on and how many papers
mention the term then.  Left/right move along the periods, up/down from
term to term, enter posts `PeriodChosen`.  Bars are drawn one column per
period (wider when there are few), so the cursor sits on exactly one bar;
Textual's Sparkline buckets values to its width, which would make "the bar
under the cursor" ambiguous.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar

from rich.console import Group, RenderableType
from rich.text import Text
from textual.binding import Binding, BindingType
from textual.containers import ScrollableContainer
from textual.message import Message
from textual.widget import Widget

from tui.digest.text import single_line
from tui.discovery.charts import axis, bar_rows
from tui.discovery.trends import Trend

CHART_HEIGHT = 3
TERM_LINES = CHART_HEIGHT + 3  # label, bars, axis, blank (and the cursor's line under one of them)
MAX_COLUMN = 4  # characters per period when there is room


class TrendChart(Widget, can_focus=True):
    """Charts for `trends` (all over the same periods); a cursor on one period of one term."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("left,h", "move(-1)", "Earlier", show=False),
        Binding("right,l", "move(1)", "Later", show=False),
        Binding("home", "move(-100000)", "First", show=False),
        Binding("end", "move(100000)", "Last", show=False),
        Binding("up,k", "term(-1)", "Previous term", show=False),
        Binding("down,j", "term(1)", "Next term", show=False),
        Binding("enter", "choose", "Search this bar", show=False),
    ]

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "trend-chart--term",
        "trend-chart--bars",
        "trend-chart--cursor",
        "trend-chart--muted",
    }

    DEFAULT_CSS = """
    TrendChart {
        height: auto;
        padding: 0 1;
        & > .trend-chart--term { text-style: bold; }
        & > .trend-chart--bars { color: $accent; }
        & > .trend-chart--cursor { background: $block-cursor-blurred-background; }
        &:focus > .trend-chart--cursor {
            background: $block-cursor-background;
            color: $block-cursor-foreground;
        }
        & > .trend-chart--muted { color: $text-muted; }
    }
    """

    class PeriodChosen(Message):
        """Enter on the bar of `period` in the chart of `term`."""

        def __init__(self, term: str, period: str) -> None:
            super().__init__()
            self.term = term
            self.period = period

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.trends: list[Trend] = []
        self.periods: list[str] = []
        self.period = 0  # cursor: a position in `periods`
        self.row = 0  # cursor: a position in `trends`
        self.message = "Type terms above, separated by commas."

    def show(self, trends: Sequence[Trend], message: str = "") -> None:
        """Chart `trends` (the cursor stays on its period when the periods are the same)."""
        periods = list(trends[0].counts) if trends else []
        if periods != self.periods:
            self.period = len(periods) - 1  # the newest period first
        self.trends, self.periods = list(trends), periods
        self.row = min(self.row, max(0, len(self.trends) - 1))
        self.message = message
        self.refresh(layout=True)

    @property
    def chosen(self) -> tuple[str, str] | None:
        """The term and period under the cursor."""
        if not self.trends or not self.periods:
            return None
        return self.trends[self.row].term, self.periods[self.period]

    def action_move(self, step: int) -> None:
        """Move the cursor `step` periods (clamped)."""
        if self.periods:
            self.period = max(0, min(len(self.periods) - 1, self.period + step))
            self.refresh()

    def action_term(self, step: int) -> None:
        """Move the cursor to another term's chart."""
        if self.trends:
            self.row = max(0, min(len(self.trends) - 1, self.row + step))
            self.refresh()
            container = self.parent
            if isinstance(container, ScrollableContainer):  # the chart with the cursor in view
                container.scroll_to(y=self.row * TERM_LINES, animate=False)

    def action_choose(self) -> None:
        """Post `PeriodChosen` for the bar under the cursor."""
        chosen = self.chosen
        if chosen is not None:
            self.post_message(self.PeriodChosen(*chosen))

    def _window(self, width: int) -> tuple[int, int, int]:
        """First and last period shown, and columns per period, so the cursor is in view."""
        count = len(self.periods)
        column = max(1, min(MAX_COLUMN, width // max(1, count)))
        fits = max(1, width // column)
        start = 0 if count <= fits else max(0, min(self.period - fits // 2, count - fits))
        return start, min(count, start + fits), column

    def render(self) -> RenderableType:
        """Every term's chart, the cursor's period highlighted."""
        style = self.get_component_rich_style
        if not self.trends:
            return Text(self.message, style=style("trend-chart--muted"))
        width = max(8, self.content_region.width or self.size.width or 80)
        start, stop, column = self._window(width)
        shown = self.periods[start:stop]
        parts: list[RenderableType] = []
        for position, found in enumerate(self.trends):
            counts = list(found.counts.values())[start:stop]
            label = Text(single_line(found.term), style=style("trend-chart--term"))
            label.append(
                f"  {found.total:,} paper{'s' if found.total != 1 else ''}", style("trend-chart--muted")
            )
            parts.append(label)
            cursor_at = (self.period - start) * column
            for line in bar_rows(
                counts, CHART_HEIGHT, peak=max(found.counts.values(), default=0), column=column
            ):
                bars = Text(line, style=style("trend-chart--bars"), no_wrap=True)
                if position == self.row:
                    bars.stylize(style("trend-chart--cursor"), cursor_at, cursor_at + max(1, column - 1))
                parts.append(bars)
            if position == self.row:
                period = self.periods[self.period]
                here = found.counts[period]
                parts.append(
                    Text(
                        f"{period}: {here:,} paper{'s' if here != 1 else ''} · enter lists them",
                        style=style("trend-chart--muted"),
                    )
                )
            parts.append(
                Text(axis(shown, len(shown) * column - (1 if column > 1 else 0)), style("trend-chart--muted"))
            )
            parts.append(Text(""))
        if self.message:
            parts.append(Text(self.message, style=style("trend-chart--muted")))
        return Group(*parts)
