"""The search box above the paper list, with a line that explains the query."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.message import Message
from textual.widgets import Input, Static

from tui.digest.text import single_line

PLACEHOLDER = 'Search all days: words, "phrases", -exclude, title: author: date:2025-03 is:unread has:note'


class SearchBar(Vertical):
    """An Input that reports every keystroke, and a hint/error line under it."""

    DEFAULT_CSS = """
    SearchBar {
        height: auto;
        display: none;
        Input { border: tall $accent; }
        /* A fixed height: a hint that grew and shrank would re-lay out the
           whole screen on every keystroke. */
        #search-hint { color: $text-muted; height: 2; padding: 0 1; }
        #search-hint.-error { color: $error; }
    }
    """

    class Changed(Message):
        """The query text changed."""

        def __init__(self, value: str) -> None:
            super().__init__()
            self.value = value

    class Step(Message):
        """Down or Up in the box: move the results' cursor by `step`, typing focus kept."""

        def __init__(self, step: int) -> None:
            super().__init__()
            self.step = step

    class Submitted(Message):
        """Enter in the search box."""

        def __init__(self, value: str) -> None:
            super().__init__()
            self.value = value

    # Down and Up walk the results from the box, as in fzf: the detail pane
    # follows and the query can still be edited.
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("down", "step(1)", "Next result", show=False),
        Binding("up", "step(-1)", "Previous result", show=False),
    ]

    _explained: tuple[str, bool] = ("", False)

    def compose(self) -> ComposeResult:
        """Input over hint."""
        yield Input(placeholder=PLACEHOLDER, id="search-input")
        yield Static("", id="search-hint")

    @property
    def value(self) -> str:
        """The query as typed."""
        return self.query_one(Input).value

    def open(self) -> None:
        """Show and focus the box (keeping any previous query, selected)."""
        # Shown and focused at once, not at the next refresh (as a class change or
        # `focus()` would): the keys typed right after "/" must reach the box.
        self.display = True
        field = self.query_one(Input)
        self.screen.set_focus(field)
        if field.value:
            field.select_all()
            self.post_message(self.Changed(field.value))
        else:
            self.post_message(self.Changed(""))

    def set_value(self, text: str) -> None:
        """Put `text` in the box (its search runs as if typed)."""
        field = self.query_one(Input)
        field.value = text
        field.cursor_position = len(text)

    def close(self) -> None:
        """Hide the box."""
        self.display = False

    def explain(self, message: str, *, error: bool = False) -> None:
        """Show a note about the query (or why it cannot run) under the box."""
        if (message, error) == self._explained:
            return  # the hint has auto height: updating it re-lays out the screen
        self._explained = (message, error)
        hint = self.query_one("#search-hint", Static)
        hint.update(Text(single_line(message)))  # a query's own text is never markup
        hint.set_class(error, "-error")

    def action_step(self, step: int) -> None:
        """Ask for the result `step` rows away."""
        self.post_message(self.Step(step))

    @on(Input.Changed, "#search-input")
    def _changed(self, event: Input.Changed) -> None:
        event.stop()
        self.post_message(self.Changed(event.value))

    @on(Input.Submitted, "#search-input")
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.post_message(self.Submitted(event.value))
