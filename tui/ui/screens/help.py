"""The help screen: every key, grouped, with what it does.

Built from the command table (`tui.ui.commands`) with the user's keymap
applied, so it shows the keys that really work.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import ClassVar

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.widgets import Static

from tui.ui.commands import grouped, shown_keys
from tui.ui.screens.dialog import Dialog


def help_table(keymap: Mapping[str, str]) -> Table:
    """A two-column table of keys by group."""
    table = Table.grid(padding=(0, 2))
    table.add_column(style="bold", no_wrap=True, justify="right")
    table.add_column()
    for group, commands in grouped():
        table.add_row("", "")
        table.add_row("", Text(group, style="bold underline"))
        for command in commands:
            table.add_row(Text(shown_keys(command, keymap)), Text(command.help))
    return table


class HelpScreen(Dialog[None]):
    """Every key with what it does; any of escape, q or ? closes it."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("q,question_mark", "cancel", "Close help", id="help.close"),
    ]
    DEFAULT_CSS = """
    HelpScreen > #dialog-box { height: 90%; padding: 0 2; }
    """
    WIDTH = 96

    def __init__(self, keymap: Mapping[str, str]) -> None:
        super().__init__()
        self.keymap = keymap

    def compose(self) -> ComposeResult:
        """The table in a scrolling box."""
        with self.box("paperbrowse keys (esc closes)"), VerticalScroll():
            yield Static(help_table(self.keymap))
