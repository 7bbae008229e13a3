"""Papers side by side, full screen: a column per paper, a row per section kind, texts verbatim.

The table is `tui.discovery.compare.comparison` drawn as a Rich table in a
scrolling container: every text wraps in its column, and with many papers
the columns keep a readable width and the table scrolls sideways.  Escape
closes it.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar

from rich import box
from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import ScrollableContainer
from textual.screen import Screen
from textual.widgets import Static

from tui.digest.model import SECTION_HEADINGS, Paper
from tui.digest.text import strip_controls
from tui.discovery.compare import MISSING, Comparison, comparison

COLUMN_MIN_WIDTH = 34
LABEL_WIDTH = 13


def comparison_table(table: Comparison) -> Table:
    """The Rich table for `table` (digest text shown as text, never as markup)."""
    grid = Table(box=box.SIMPLE_HEAD, show_lines=True, expand=True, header_style="bold", padding=(0, 1))
    grid.add_column("", width=LABEL_WIDTH, no_wrap=True, style="bold")
    for heading in table.headings:
        grid.add_column(Text(heading), ratio=1, min_width=COLUMN_MIN_WIDTH, overflow="fold")
    for kind, texts in table.rows:
        grid.add_row(
            Text(SECTION_HEADINGS[kind]),
            *(Text(strip_controls(t)) if t else Text(MISSING, style="dim") for t in texts),
        )
    return grid


class CompareScreen(Screen[None]):
    """`papers` side by side; escape closes."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape,q", "close", "Close", id="compare.close")]

    DEFAULT_CSS = """
    CompareScreen > #compare-title { height: 1; padding: 0 1; text-style: bold; background: $panel; }
    CompareScreen > #compare-body { height: 1fr; overflow: auto auto; }
    CompareScreen #compare-table { width: 100%; }
    """

    def __init__(self, papers: Sequence[Paper]) -> None:
        super().__init__()
        self.table = comparison(papers)

    def compose(self) -> ComposeResult:
        """The title line and the scrolling table."""
        count = len(self.table.papers)
        yield Static(
            f"Comparing {count} paper{'s' if count != 1 else ''} · arrows scroll · esc: back",
            id="compare-title",
        )
        with ScrollableContainer(id="compare-body"):
            yield Static(self._body(), id="compare-table")

    def _body(self) -> Table | Text:
        if len(self.table.papers) < 2:
            return Text("Select two or more papers to compare them.", style="dim")
        if not self.table.rows:
            return Text("None of these summaries is split into sections.", style="dim")
        return comparison_table(self.table)

    def on_mount(self) -> None:
        """Wide enough for every column at its least readable width; the container scrolls."""
        least = LABEL_WIDTH + 4 + len(self.table.papers) * (COLUMN_MIN_WIDTH + 3)
        self.query_one("#compare-table", Static).styles.min_width = least
        self.query_one("#compare-body").focus()

    def action_close(self) -> None:
        """Back to the browser."""
        self.dismiss(None)
