"""Feeds and rules: see them all, remove the ones that no longer serve (`d`)."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.widgets import Label, OptionList
from textual.widgets.option_list import Option

from tui.store.state import UserState
from tui.ui.screens.dialog import Dialog


class OrganiseScreen(Dialog[bool]):
    """Lists feeds and rules; `d` removes the highlighted one; returns whether anything changed."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("d,delete", "remove", "Remove", id="organise.remove")]
    DEFAULT_CSS = """
    OrganiseScreen OptionList { height: auto; max-height: 20; }
    OrganiseScreen Label { color: $text-muted; }
    """
    WIDTH = 90
    CANCEL_RESULT = False

    def __init__(self, state: UserState) -> None:
        super().__init__()
        self.state = state
        self.changed = False

    def compose(self) -> ComposeResult:
        """The list and how to use it."""
        with self.box("Feeds and rules"):
            yield OptionList(id="organise-list")
            yield Label(
                "d removes · esc closes · save a search as a feed with F, watch it with W, hide it with H"
            )

    def on_mount(self) -> None:
        """Fill the list."""
        self._fill()
        self.query_one(OptionList).focus()

    def _fill(self) -> None:
        options = self.query_one(OptionList)
        options.clear_options()
        snapshot = self.state.snapshot
        for feed in snapshot.feeds:
            options.add_option(Option(Text(f"feed   {feed.name}  —  {feed.query}"), id=f"feed:{feed.name}"))
        for rule in snapshot.rules:
            options.add_option(
                Option(Text(f"{rule.kind:<6} {rule.query}  (rule {rule.id})"), id=f"rule:{rule.id}")
            )
        if not snapshot.feeds and not snapshot.rules:
            options.add_option(Option(Text("No feeds or rules yet."), disabled=True))
        if options.option_count:
            options.highlighted = 0

    def action_remove(self) -> None:
        """Remove the highlighted feed or rule."""
        options = self.query_one(OptionList)
        if options.highlighted is None:
            return
        option_id = options.get_option_at_index(options.highlighted).id or ""
        kind, _, name = option_id.partition(":")
        if kind == "feed":
            self.state.remove_feeds([name], background=True)
        elif kind == "rule":
            self.state.remove_rules([int(name)], background=True)
        else:
            return
        self.changed = True
        self._fill()

    def action_cancel(self) -> None:
        """Close, saying whether anything was removed."""
        self.dismiss(self.changed)
