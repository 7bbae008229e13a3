"""The export dialog: the current list to a file, as BibTeX, markdown or CSV."""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, RadioButton, RadioSet

from tui.digest.export import SUFFIXES, render_iter
from tui.store.library import Library

CHOICES = (("bibtex", "BibTeX (.bib)"), ("markdown", "Markdown digest (.md)"), ("csv", "CSV (.csv)"))


def write_export(library: Library, indices: list[int], fmt: str, target: Path) -> int:
    """Write the papers at `indices` to `target` in `fmt`; returns how many."""
    target.parent.mkdir(parents=True, exist_ok=True)
    temp = target.with_name(f".{target.name}.partial")
    with temp.open("w", encoding="utf-8", newline="") as handle:
        for chunk in render_iter((library.paper(i) for i in indices), fmt):
            handle.write(chunk)
    temp.replace(target)  # never leave half an export under the real name
    return len(indices)


class ExportScreen(ModalScreen[None]):
    """Pick a format and a file name; writes in the background and says where."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "cancel", "Cancel", id="export.cancel")]

    DEFAULT_CSS = """
    ExportScreen { align: center middle; }
    ExportScreen > Vertical {
        width: 76; max-width: 100%; height: auto; border: thick $accent;
        background: $surface; padding: 0 1;
    }
    ExportScreen RadioSet { width: 100%; }
    ExportScreen Horizontal { height: auto; align: right middle; }
    ExportScreen #export-error { color: $error; height: auto; }
    """

    def __init__(
        self, library: Library, indices: list[int], stem: str, directory: Path | None = None
    ) -> None:
        super().__init__()
        self.library = library
        self.indices = indices
        self.stem = stem
        self.directory = directory or Path.cwd()

    def compose(self) -> ComposeResult:
        """Format choice, path, buttons."""
        with Vertical() as box:
            box.border_title = f"Export {len(self.indices):,} paper(s)"
            with RadioSet(id="export-format"):
                for index, (_, label) in enumerate(CHOICES):
                    yield RadioButton(label, value=index == 0)
            yield Label("File:")
            yield Input(str(self.directory / f"{self.stem}{SUFFIXES['bibtex']}"), id="export-path")
            yield Label("", id="export-error")
            with Horizontal():
                yield Button("Cancel", id="cancel")
                yield Button("Export", id="export", variant="primary")

    def on_mount(self) -> None:
        """Start on the format choice."""
        self.query_one(RadioSet).focus()

    @property
    def fmt(self) -> str:
        """The chosen format name."""
        pressed = self.query_one(RadioSet).pressed_index
        return CHOICES[max(0, pressed)][0]

    @on(RadioSet.Changed)
    def _format_changed(self) -> None:
        field = self.query_one("#export-path", Input)
        path = Path(field.value or f"{self.stem}.bib")
        field.value = str(path.with_suffix(SUFFIXES[self.fmt]))

    @on(Input.Submitted, "#export-path")
    @on(Button.Pressed, "#export")
    def _export(self) -> None:
        raw = self.query_one("#export-path", Input).value.strip()
        if not raw:
            self.query_one("#export-error", Label).update("Give a file name.")
            return
        target = Path(raw).expanduser()
        if target.is_dir():
            target = target / f"{self.stem}{SUFFIXES[self.fmt]}"
        self._write(self.fmt, target)

    @work(thread=True, exclusive=True)
    def _write(self, fmt: str, target: Path) -> None:
        try:
            count = write_export(self.library, self.indices, fmt, target)
        except OSError as error:
            self.app.call_from_thread(
                self.query_one("#export-error", Label).update,
                f"Could not write {target}: {error.strerror or error}",
            )
            return
        self.app.call_from_thread(
            self.app.notify, f"Wrote {count:,} paper(s) to {target.resolve()}", timeout=8
        )
        self.app.call_from_thread(self.dismiss, None)

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        """Close without writing."""
        self.dismiss(None)
