"""The status line: confirmations and progress in one line that hides nothing.

"Starred.", "BibTeX copied: …", "Sync: 12/40 days downloaded": what a
notification toast used to say, drawn in a line of its own above the footer
(always there, so nothing moves when a message comes) so it never covers
the paper being read, and replaced (not stacked) by the next message.  A
message fades after a few seconds; progress stays until the work is done.
"""

from __future__ import annotations

from rich.text import Text
from textual.timer import Timer
from textual.widgets import Static

from tui.digest.text import single_line

MESSAGE_SECONDS = 4.0


class StatusLine(Static):
    """One line of status at the bottom of the browser."""

    DEFAULT_CSS = """
    StatusLine {
        height: 1;
        padding: 0 1;
        color: $text-muted;
        background: $panel;
    }
    StatusLine.-progress { color: $text-accent; }
    StatusLine.-warning { color: $text-warning; }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__("", id=id)
        self._clear_timer: Timer | None = None
        self.progress = ""  # shown whenever no message is
        self.shown = ""  # what the line says now

    def say(self, message: str, *, warning: bool = False, seconds: float = MESSAGE_SECONDS) -> None:
        """Show `message` for a few seconds (data in it is never markup)."""
        self._stop_timer()
        self._show(message, "-warning" if warning else "")
        self._clear_timer = self.set_timer(seconds, self._after_message)

    def set_progress(self, text: str) -> None:
        """Show long-running work ('' when it is done)."""
        self.progress = text
        if self._clear_timer is None:
            self._after_message()

    def _after_message(self) -> None:
        self._stop_timer()
        self._show(self.progress, "-progress" if self.progress else "")

    def _show(self, text: str, kind: str) -> None:
        self.shown = single_line(text)
        self.update(Text(single_line(text), no_wrap=True, overflow="ellipsis"))
        self.set_classes(kind)

    def _stop_timer(self) -> None:
        if self._clear_timer is not None:
            self._clear_timer.stop()
            self._clear_timer = None
