"""The help screen: every key, grouped, with what it does.

Built from the bindings themselves (app, lists, detail pane), so it cannot
drift from what the keys really do.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import ClassVar

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

from tui.ui.keys import key_label

SECTIONS = {
    "list": "Moving (days and papers lists)",
    "day": "Moving between days",
    "detail": "In the detail pane",
    "unread": "Reading",
    "read": "Reading",
    "star": "Reading",
    "note": "Reading",
    "undo": "Reading",
    "filter": "Reading",
    "open": "Open in the browser",
    "copy": "Copy (works over SSH and in tmux)",
    "search": "Search",
    "export": "Lists",
    "sync": "Lists",
    "help": "App",
    "quit": "App",
    "focus": "Moving (days and papers lists)",
    "palette": "App",
}

EXTRA: tuple[Binding, ...] = (
    Binding("tab", "focus_next", "Focus the next column (days → papers → detail)", id="focus.next"),
    Binding("shift+tab", "focus_previous", "Focus the previous column", id="focus.previous"),
    Binding("ctrl+p", "command_palette", "Command palette: every action by name", id="palette"),
)


def help_table(bindings: Iterable[BindingType]) -> Table:
    """A two-column table of keys by section."""
    grouped: dict[str, list[tuple[str, str]]] = {}
    for binding in bindings:
        if not isinstance(binding, Binding):
            continue
        section = SECTIONS.get((binding.id or "").split(".")[0], "Other")
        grouped.setdefault(section, []).append((key_label(binding.key), binding.description))
    table = Table.grid(padding=(0, 2))
    table.add_column(style="bold", no_wrap=True, justify="right")
    table.add_column()
    order = [*dict.fromkeys(SECTIONS.values()), "Other"]
    for section in order:
        rows = grouped.get(section)
        if not rows:
            continue
        table.add_row("", "")
        table.add_row("", Text(section, style="bold underline"))
        for keys, description in rows:
            table.add_row(keys, description)
    return table


class HelpScreen(ModalScreen[None]):
    """Every key with what it does; any of escape, q or ? closes it."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,q,question_mark", "dismiss", "Close help", id="help.close"),
    ]

    DEFAULT_CSS = """
    HelpScreen { align: center middle; }
    HelpScreen > VerticalScroll {
        width: 84; max-width: 100%; height: 90%;
        border: thick $accent; background: $surface; padding: 0 2;
    }
    """

    def __init__(self, bindings: Iterable[BindingType]) -> None:
        super().__init__()
        from tui.ui.widgets.detail import DetailPane
        from tui.ui.widgets.virtual_list import VirtualList

        self.bindings = [*VirtualList.BINDINGS, *bindings, *DetailPane.BINDINGS, *EXTRA]

    def compose(self) -> ComposeResult:
        """The table in a scrolling box."""
        with VerticalScroll() as scroll:
            scroll.border_title = "paperbrowse keys (esc closes)"
            yield Static(help_table(self.bindings))
