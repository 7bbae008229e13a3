"""The note editor: a modal TextArea, saved on close, escape cancels."""

from __future__ import annotations

from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Label, TextArea


class NoteScreen(ModalScreen[str | None]):
    """Returns the note text on save (ctrl+s or Save), None on escape."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+s", "save", "Save note", id="note.save"),
        Binding("escape", "cancel", "Cancel", id="note.cancel"),
    ]

    DEFAULT_CSS = """
    NoteScreen { align: center middle; }
    NoteScreen > Vertical {
        width: 80; max-width: 100%; height: 20; max-height: 100%;
        border: thick $accent; background: $surface; padding: 0 1;
    }
    NoteScreen TextArea { height: 1fr; }
    NoteScreen Horizontal { height: auto; align: right middle; }
    NoteScreen Label { color: $text-muted; }
    """

    def __init__(self, title: str, text: str) -> None:
        super().__init__()
        self.paper_title = title
        self.text = text

    def compose(self) -> ComposeResult:
        """Title, editor, buttons."""
        with Vertical() as box:
            box.border_title = f"Note · {self.paper_title[:60]}"
            yield TextArea(self.text, id="note-text", soft_wrap=True, show_line_numbers=False)
            with Horizontal():
                yield Label("ctrl+s saves · esc cancels · an empty note is removed  ")
                yield Button("Save", id="save", variant="primary")

    def on_mount(self) -> None:
        """Start typing at the end of the note."""
        area = self.query_one(TextArea)
        area.focus()
        area.move_cursor(area.document.end)

    def action_save(self) -> None:
        """Close, returning the text."""
        self.dismiss(self.query_one(TextArea).text)

    def action_cancel(self) -> None:
        """Close, returning nothing."""
        self.dismiss(None)

    @on(Button.Pressed, "#save")
    def _save_pressed(self) -> None:
        self.action_save()
