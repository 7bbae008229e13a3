"""When a paper counts as read: shown for `read_after` seconds while it is being read.

A paper is being read in a day's (week's, feed's) list, or when a search result was opened
(the detail pane has focus); never while the search box has it, so typing a
query marks nothing.  `read_after` 0 turns the automatic mark off.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.timer import Timer

if TYPE_CHECKING:
    from tui.ui.screens.browser import BrowserScreen


class ReadTimer:
    """The one timer that turns the paper on screen into a read paper."""

    def __init__(self, screen: BrowserScreen) -> None:
        self.screen = screen
        self._timer: Timer | None = None

    def counts(self) -> bool:
        """Whether the paper on screen is being read now."""
        screen = self.screen
        if screen.read_after <= 0 or screen.paper is None:
            return False
        return screen.mode == "list" or screen.focused is screen.detail

    def restart(self) -> None:
        """Count `read_after` seconds for the paper on screen, if it is being read."""
        self.stop()
        if self.counts():
            index = self.screen.paper
            self._timer = self.screen.set_timer(self.screen.read_after, lambda: self.fire(index))

    def stop(self) -> None:
        """Stop counting (an explicit choice, or the paper left the screen)."""
        if self._timer is not None:
            self._timer.stop()
            self._timer = None

    def fire(self, index: int | None) -> None:
        """The time is up: mark paper `index` read if it is still the one being read."""
        screen = self.screen
        if index is None or not screen.query("#detail"):
            return  # the app is closing: a timer may fire after the widgets are gone
        if screen.paper == index and self.counts() and not screen.reading.is_read(index):
            screen.reading.set_read([index], True, undoable=False)
            screen.marks_changed()
