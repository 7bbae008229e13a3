"""The top line: the app's title and, after a dash, the day on screen."""

from __future__ import annotations

from textual.widgets import Static


class TitleBar(Static):
    """One line of title, in Textual's header look.

    One widget where Textual's Header is four (icon, title, clock space and
    itself), each styled and painted before the first frame: ~4 ms of start-up
    for a line that only ever shows "paperbrowse — 2025-10-29".  The command
    palette the header's icon opened is on ctrl+p, shown in the footer.
    """

    DEFAULT_CSS = """
    TitleBar {
        dock: top;
        width: 100%;
        height: 1;
        background: $panel;
        color: $foreground;
        text-wrap: nowrap;
        text-overflow: ellipsis;
        content-align: center middle;
    }
    """

    def on_mount(self) -> None:
        """Follow the app's title and sub-title."""
        self.watch(self.app, "title", self._show)
        self.watch(self.app, "sub_title", self._show)

    def _show(self, _value: str) -> None:
        self.update(self.app.format_title(self.app.title, self.app.sub_title))
