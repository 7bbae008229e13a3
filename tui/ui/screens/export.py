"""The export dialog: the list on screen to a file, in the order shown.

Up/down choose the format (the file name's suffix follows), enter moves to
the file name, enter there writes.  A file that exists is only replaced
after asking; the export is written to a temporary name and renamed, so a
failed write never leaves half a file under the real name.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Final

from textual import on, work
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.widgets import Button, Input, Label, OptionList
from textual.widgets.option_list import Option

from tui.digest.cite import MetaLookup
from tui.digest.export import FORMATS, SUFFIXES, render_iter
from tui.store.library import Library
from tui.ui.screens.dialog import Dialog
from tui.words import counted

LABELS: Final = {
    "bibtex": "BibTeX (.bib)",
    "ris": "RIS for Zotero, EndNote (.ris)",
    "markdown": "Markdown digest (.md)",
    "csv": "CSV (.csv)",
    "json": "JSON array (.json)",
    "jsonl": "JSON lines (.jsonl)",
}
CHOICES: Final = tuple(name for name in LABELS if name in FORMATS)


def write_export(
    library: Library, indices: Sequence[int], fmt: str, target: Path, meta: MetaLookup | None = None
) -> int:
    """Write the papers at `indices` to `target` in `fmt`, in that order; returns how many.

    `meta` finds a paper's fetched metadata (real author lists for BibTeX and RIS).
    """
    target.parent.mkdir(parents=True, exist_ok=True)
    temp = target.with_name(f".{target.name}.partial")
    try:
        with temp.open("w", encoding="utf-8", newline="") as handle:
            for chunk in render_iter((library.paper(i) for i in indices), fmt, meta):
                handle.write(chunk)
        temp.replace(target)  # never leave half an export under the real name
    except BaseException:
        temp.unlink(missing_ok=True)
        raise
    return len(indices)


@dataclass(frozen=True, slots=True)
class Exported:
    """What an export wrote: how many papers, and where."""

    count: int
    path: Path


class ExportScreen(Dialog[Exported | None]):
    """Pick a format and a file name; writes in the background, returns what it wrote."""

    DEFAULT_CSS = """
    ExportScreen OptionList { height: auto; max-height: 8; }
    ExportScreen #export-error { color: $error; height: auto; }
    """

    def __init__(
        self,
        library: Library,
        indices: Sequence[int],
        stem: str,
        directory: Path | None = None,
        meta: MetaLookup | None = None,
    ) -> None:
        super().__init__()
        self.meta = meta
        self.library = library
        self.indices = list(indices)
        self.stem = stem
        self.directory = directory or Path.cwd()
        self.fmt = CHOICES[0]

    def compose(self) -> ComposeResult:
        """Format choice, path, buttons."""
        with self.box(f"Export {counted(len(self.indices), 'paper')}, in the order shown"):
            yield OptionList(*(Option(LABELS[name], id=name) for name in CHOICES), id="export-format")
            yield Label("File (enter writes it):")
            # Not selected on focus: typing a name must not replace the folder already there.
            yield Input(
                str(self.directory / f"{self.stem}{SUFFIXES[self.fmt]}"),
                id="export-path",
                select_on_focus=False,
            )
            yield Label("", id="export-error")
            with Horizontal():
                yield Button("Cancel", id="cancel")
                yield Button("Export", id="export", variant="primary")

    def on_mount(self) -> None:
        """Start on the format choice, the first one highlighted."""
        formats = self.query_one(OptionList)
        formats.highlighted = 0
        formats.focus()

    @on(OptionList.OptionHighlighted, "#export-format")
    def _format_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        self.fmt = event.option.id or CHOICES[0]
        field = self.query_one("#export-path", Input)
        path = Path(field.value or f"{self.stem}.bib")
        field.value = str(path.with_suffix(SUFFIXES[self.fmt]))

    @on(OptionList.OptionSelected, "#export-format")
    def _format_chosen(self) -> None:
        self.query_one("#export-path", Input).focus()

    @on(Input.Submitted, "#export-path")
    @on(Button.Pressed, "#export")
    def _export(self) -> None:
        raw = self.query_one("#export-path", Input).value.strip()
        if not raw:
            self._error("Give a file name.")
            return
        target = Path(raw).expanduser()
        if target.is_dir():
            target = target / f"{self.stem}{SUFFIXES[self.fmt]}"
        if target.exists():
            from tui.ui.screens.confirm import ConfirmScreen

            def answer(replace: bool | None) -> None:
                if replace:
                    self._write(self.fmt, target)

            self.app.push_screen(ConfirmScreen(f"{target} exists. Replace it?"), answer)
            return
        self._write(self.fmt, target)

    def _error(self, message: str) -> None:
        from rich.text import Text

        self.query_one("#export-error", Label).update(Text(message))

    @work(thread=True, exclusive=True)
    def _write(self, fmt: str, target: Path) -> None:
        try:
            count = write_export(self.library, self.indices, fmt, target, self.meta)
        except OSError as error:
            self.app.call_from_thread(self._error, f"Could not write {target}: {error.strerror or error}")
            return
        self.app.call_from_thread(self.dismiss, Exported(count, target.resolve()))

    @on(Button.Pressed, "#cancel")
    def _cancel_pressed(self) -> None:
        self.action_cancel()
