"""Naming things: the tag dialog (comma-separated, completing tags in use) and a feed's name.

Both check what is typed with the store's own rules and explain a bad name
under the box; nothing is saved until the name is good.
"""

from __future__ import annotations

from collections.abc import Sequence

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.suggester import Suggester
from textual.widgets import Input, Label

from tui.store.organise import BadName, clean_name, parse_tags
from tui.ui.screens.dialog import Dialog


class TagSuggester(Suggester):
    """Completes the tag being typed (the last comma-separated part) from the tags in use."""

    def __init__(self, tags: Sequence[str]) -> None:
        super().__init__(use_cache=False, case_sensitive=True)
        self.tags = list(tags)

    async def get_suggestion(self, value: str) -> str | None:
        """The whole value with its last part completed, if a tag in use starts with it."""
        head, _, last = value.rpartition(",")
        typed = last.lstrip()
        if not typed:
            return None
        folded = typed.casefold()
        for tag in self.tags:
            if tag.casefold().startswith(folded) and tag != typed:
                prefix = f"{head}, " if head else ""
                return prefix + tag
        return None


class TagScreen(Dialog[list[str] | None]):
    """Returns the tags typed (comma-separated), or None on escape."""

    DEFAULT_CSS = """
    TagScreen #tag-error { color: $error; height: auto; }
    TagScreen #tag-hint { color: $text-muted; }
    """

    def __init__(
        self, title: str, current: Sequence[str], in_use: Sequence[str], *, adding_to_many: bool
    ) -> None:
        super().__init__()
        self.paper_title = title
        self.current = list(current)
        self.in_use = list(in_use)
        self.adding_to_many = adding_to_many

    def compose(self) -> ComposeResult:
        """The box, a hint and a line for errors."""
        with self.box(f"Tags · {self.paper_title}"):
            yield Input(
                ", ".join(self.current),
                placeholder="survey, to read",
                suggester=TagSuggester(self.in_use),
                id="tags",
            )
            hint = "added to every selected paper" if self.adding_to_many else "remove a tag by deleting it"
            yield Label(f"comma-separated · → completes · enter saves · esc cancels · {hint}", id="tag-hint")
            yield Label("", id="tag-error")

    def on_mount(self) -> None:
        """Type at the end."""
        field = self.query_one(Input)
        field.focus()
        field.cursor_position = len(field.value)

    @on(Input.Submitted)
    def _submitted(self, event: Input.Submitted) -> None:
        try:
            tags = parse_tags(event.value)
        except BadName as error:
            self.query_one("#tag-error", Label).update(Text(str(error)))
            return
        self.dismiss(tags)


class FeedNameScreen(Dialog[str | None]):
    """Asks for a feed's name (the query by default); returns it, or None on escape."""

    DEFAULT_CSS = """
    FeedNameScreen #feed-error { color: $error; height: auto; }
    """

    def __init__(self, query: str) -> None:
        super().__init__()
        self.feed_query = query

    def compose(self) -> ComposeResult:
        """The name box over the query it will keep."""
        with self.box("Save this search as a feed"):
            yield Label(Text(f"Query: {self.feed_query}"))
            yield Label("Name (shown in the sidebar):")
            yield Input(self.feed_query[:60], id="feed-name")
            yield Label("enter saves · esc cancels", id="feed-hint")
            yield Label("", id="feed-error")

    def on_mount(self) -> None:
        """The default name, selected, ready to be typed over."""
        field = self.query_one(Input)
        field.focus()
        field.select_all()

    @on(Input.Submitted)
    def _submitted(self, event: Input.Submitted) -> None:
        try:
            name = clean_name(event.value, "feed")
        except BadName as error:
            self.query_one("#feed-error", Label).update(Text(str(error)))
            return
        self.dismiss(name)
