"""The base of every dialog: a box in the middle of the screen, escape cancels.

Subclasses compose their content inside `self.box()` and set `WIDTH`,
`BORDER` and `CANCEL_RESULT`.  Titles are data-safe: a paper's title in a
border is shown as text, never read as markup.
"""

from __future__ import annotations

from typing import ClassVar, Generic, TypeVar

from rich.text import Text
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen

from tui.digest.text import single_line

Result = TypeVar("Result")


class Dialog(ModalScreen[Result], Generic[Result]):
    """A modal box; `escape` dismisses it with `CANCEL_RESULT`."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "cancel", "Cancel", id="dialog.cancel")]

    DEFAULT_CSS = """
    Dialog { align: center middle; }
    Dialog > #dialog-box {
        max-width: 100%; height: auto; max-height: 100%;
        border: thick $accent; background: $surface; padding: 0 1;
    }
    Dialog Horizontal { height: auto; align: right middle; }
    Dialog #dialog-box > Label { width: 100%; }  /* hints wrap, never cut */
    """

    WIDTH: ClassVar[int] = 76
    CANCEL_RESULT: ClassVar[object] = None

    def box(self, title: str = "") -> Vertical:
        """The dialog's container, titled `title` (shown as plain text)."""
        box = Vertical(id="dialog-box")
        box.styles.width = self.WIDTH
        if title:
            # Cut to the box with an ellipsis: a border title is clipped without one.
            text = Text(single_line(title), no_wrap=True)
            text.truncate(max(8, self.WIDTH - 8), overflow="ellipsis")
            box.border_title = Content(text.plain)
        return box

    def action_cancel(self) -> None:
        """Close without an answer."""
        self.dismiss(self.CANCEL_RESULT)  # type: ignore[arg-type]
