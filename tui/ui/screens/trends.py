"""The trends screen: how many papers mention each term, month by month, and what is rising.

Type terms separated by commas; each gets a bar chart of its papers per
month (ctrl+t: per week), counted exactly as search counts them.  Tab (or
down) goes to the charts, where left/right pick a bar and enter closes the
screen with the search that lists that bar's papers
(`"gaussian splatting" date:2025-03`), for the browser to run.  Below, the
terms rising most in the last four weeks against the twelve before, each
with its weekly bars; enter on one charts it.  Escape closes with nothing.

Every count is worked out in a thread worker (exclusive: a newer keystroke
cancels the older count), so typing stays fluid at 50,000 papers.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.message import Message
from textual.screen import Screen
from textual.timer import Timer
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option
from textual.worker import get_current_worker

from tui.digest.text import single_line
from tui.discovery.charts import sparkline
from tui.discovery.trends import (
    BEFORE_WEEKS,
    RECENT_WEEKS,
    Period,
    Rising,
    Trend,
    period_query,
    rising,
    trend,
)
from tui.ui.widgets.trend_chart import TrendChart

if TYPE_CHECKING:
    from tui.store.library import Library
    from tui.store.search import StateView

MAX_TERMS = 8
TYPING_PAUSE = 0.15  # seconds after the last key before counting


class TrendsScreen(Screen[str | None]):
    """Terms over time; dismissed with a search query for the chosen bar, or None."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "close", "Close", id="trends.close"),
        Binding("ctrl+t", "toggle_period", "Month/week", id="trends.period", priority=True),
    ]

    DEFAULT_CSS = """
    TrendsScreen { layout: vertical; }
    TrendsScreen > #trends-title { height: 1; padding: 0 1; text-style: bold; background: $panel; }
    TrendsScreen > #trends-terms { margin: 0 1; }
    TrendsScreen > #trends-charts { height: 2fr; }
    TrendsScreen > #rising-title { height: 1; padding: 0 1; color: $accent; text-style: bold; }
    TrendsScreen > #rising { height: 1fr; margin: 0 1; }
    """

    class Counted(Message):
        """A worker's charts for the terms `text` held, by `by`."""

        def __init__(self, text: str, by: Period, trends: list[Trend], problem: str) -> None:
            super().__init__()
            self.text = text
            self.by = by
            self.trends = trends
            self.problem = problem

    class RisingFound(Message):
        """The rising terms (worked out once per screen)."""

        def __init__(self, terms: list[Rising]) -> None:
            super().__init__()
            self.terms = terms

    def __init__(self, library: Library, state: StateView, terms: str = "") -> None:
        """`state` is what `is:` filters in a term read; `terms` fills the box at the start."""
        super().__init__()
        self.library = library
        self.state = state
        self.initial = terms
        self.by: Period = "month"
        self.rising_terms: list[Rising] = []
        self._typing: Timer | None = None

    def compose(self) -> ComposeResult:
        """Title, the terms box, the charts, the rising list."""
        yield Static(self._title(), id="trends-title")
        yield Input(
            self.initial,
            placeholder="terms, comma-separated: gaussian splatting, kv cache",
            id="trends-terms",
        )
        with VerticalScroll(id="trends-charts", can_focus=False):
            yield TrendChart(id="chart")
        yield Static(
            f"Rising: the last {RECENT_WEEKS} weeks against the {BEFORE_WEEKS} before (enter: chart it)",
            id="rising-title",
        )
        yield OptionList(id="rising")

    @property
    def chart(self) -> TrendChart:
        """The charts."""
        return self.query_one("#chart", TrendChart)

    def _title(self) -> str:
        other = "week" if self.by == "month" else "month"
        return f"Trends · papers per {self.by} (ctrl+t: per {other}) · tab: the charts · esc: back"

    def on_mount(self) -> None:
        """Count the terms given (if any) and find the rising ones, in workers."""
        self.query_one("#rising", OptionList).add_option(Option("Finding rising terms…", disabled=True))
        self.query_one(Input).focus()
        self._count()
        self._find_rising()

    # -- counting ---------------------------------------------------------------------

    def terms(self) -> list[str]:
        """The terms in the box, in order, without repeats (at most `MAX_TERMS`)."""
        found = [" ".join(t.split()) for t in self.query_one(Input).value.split(",")]
        return list(dict.fromkeys(t for t in found if t))[:MAX_TERMS]

    @on(Input.Changed, "#trends-terms")
    def _typed(self) -> None:
        if self._typing is not None:
            self._typing.stop()
        self._typing = self.set_timer(TYPING_PAUSE, self._count)

    @on(Input.Submitted, "#trends-terms")
    def _submitted(self) -> None:
        self.chart.focus()

    def _count(self) -> None:
        text = self.query_one(Input).value
        self._count_in_worker(text, self.terms(), self.by)

    @work(thread=True, exclusive=True, group="trends")
    def _count_in_worker(self, text: str, terms: list[str], by: Period) -> None:
        from tui.store.query import QueryError

        worker = get_current_worker()
        found: list[Trend] = []
        problem = ""
        for term in terms:
            if worker.is_cancelled:
                return
            try:
                found.append(trend(self.library, term, self.state, by))
            except QueryError as error:
                problem = f"{term}: {error}"
        none = [t.term for t in found if not t.total]
        if none and not problem:
            problem = "No papers mention " + ", ".join(repr(t) for t in none) + "."
        if not worker.is_cancelled:
            self.post_message(self.Counted(text, by, found, problem))

    @on(Counted)
    def _counted(self, message: Counted) -> None:
        if message.text != self.query_one(Input).value or message.by != self.by:
            return  # the box or the period changed since: a newer count is on its way
        if not message.trends:
            self.chart.message = message.problem or "Type terms above, separated by commas."
        self.chart.show(message.trends, message.problem)

    def action_toggle_period(self) -> None:
        """Months <-> weeks."""
        self.by = "week" if self.by == "month" else "month"
        self.query_one("#trends-title", Static).update(self._title())
        self._count()

    # -- rising -----------------------------------------------------------------------

    @work(thread=True, exclusive=True, group="rising")
    def _find_rising(self) -> None:
        found = rising(self.library, self.state)
        self.post_message(self.RisingFound(found))

    @on(RisingFound)
    def _rising_found(self, message: RisingFound) -> None:
        self.rising_terms = message.terms
        options = self.query_one("#rising", OptionList)
        options.clear_options()
        if not message.terms:
            options.add_option(Option("Nothing is rising: too few recent papers to tell.", disabled=True))
            return
        width = max(len(r.term) for r in message.terms)
        for item in message.terms:
            prompt = Text(no_wrap=True, overflow="ellipsis")
            prompt.append(f"{single_line(item.term):<{width}}  ", style="bold")
            prompt.append(sparkline(item.weekly))
            prompt.append(f"  {item.recent} recent, {item.before} before · ×{item.growth:.1f}", style="dim")
            options.add_option(Option(prompt))

    @on(OptionList.OptionSelected, "#rising")
    def _chart_rising(self, event: OptionList.OptionSelected) -> None:
        if 0 <= event.option_index < len(self.rising_terms):
            box = self.query_one(Input)
            term = self.rising_terms[event.option_index].term
            if term not in self.terms():
                box.value = ", ".join([*self.terms(), term])
            self._count()

    # -- leaving ----------------------------------------------------------------------

    @on(TrendChart.PeriodChosen)
    def _period_chosen(self, event: TrendChart.PeriodChosen) -> None:
        self.dismiss(period_query(event.term, event.period, self.by))

    def action_close(self) -> None:
        """Back to the browser, with nothing to search."""
        self.dismiss(None)
