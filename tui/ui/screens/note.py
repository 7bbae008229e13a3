"""The note editor: a dialog with a TextArea; ctrl+s saves, escape cancels."""

from __future__ import annotations

from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal
from textual.widgets import Button, Label, TextArea

from tui.digest.text import strip_controls
from tui.ui.screens.dialog import Dialog


class NoteScreen(Dialog[str | None]):
    """Returns the note text on save (ctrl+s or Save), None on escape."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("ctrl+s", "save", "Save note", id="note.save")]
    DEFAULT_CSS = """
    NoteScreen > #dialog-box { height: 20; }
    NoteScreen TextArea { height: 1fr; }
    NoteScreen Label { color: $text-muted; }
    """
    WIDTH = 80

    def __init__(self, title: str, text: str) -> None:
        super().__init__()
        self.paper_title = title
        self.text = text

    def compose(self) -> ComposeResult:
        """Title, editor, buttons."""
        with self.box(f"Note · {self.paper_title}"):
            yield TextArea(strip_controls(self.text), id="note-text", soft_wrap=True, show_line_numbers=False)
            with Horizontal():
                yield Label("ctrl+s saves · esc cancels · an empty note is removed  ")
                yield Button("Save", id="save", variant="primary")

    def on_mount(self) -> None:
        """Start typing at the end of the note."""
        area = self.query_one(TextArea)
        area.focus()
        area.move_cursor(area.document.end)

    def action_save(self) -> None:
        """Close, returning the text (terminal controls a paste brought are dropped)."""
        self.dismiss(strip_controls(self.query_one(TextArea).text))

    @on(Button.Pressed, "#save")
    def _save_pressed(self) -> None:
        self.action_save()
