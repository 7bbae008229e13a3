"""Minimal apps that host the discovery screens and the detail pane, for pilot and snapshot tests."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from textual.app import App, ComposeResult
from textual.screen import Screen

from tests.discovery_fixtures import State, open_library
from tui.store import Library
from tui.store.state import UserState
from tui.store.storage import InterProcessLock
from tui.ui.launch import SAMPLES
from tui.ui.reading import Reading
from tui.ui.widgets.detail import DetailPane, PaperView
from tui.ui.widgets.related import related_rows


class ScreenHost(App[None]):
    """Pushes one screen at start and keeps what it was dismissed with."""

    def __init__(self, make: Any) -> None:
        super().__init__()
        self.make = make
        self.results: list[object] = []

    def on_mount(self) -> None:
        screen: Screen[Any] = self.make()
        self.push_screen(screen, callback=self.results.append)


class DetailHost(App[None]):
    """A detail pane alone, and the `RelatedChosen` messages it posts."""

    CSS = "DetailPane { width: 100%; }"  # its own 2fr is a share of the browser's columns

    def __init__(self) -> None:
        super().__init__()
        self.chosen: list[int] = []

    def compose(self) -> ComposeResult:
        yield DetailPane(id="detail")

    def on_detail_pane_related_chosen(self, message: DetailPane.RelatedChosen) -> None:
        self.chosen.append(message.index)


def sample_library(data_dir: Path) -> Library:
    """The embedded sample days, their discovery files in `data_dir`."""
    library, _ = open_library(data_dir, SAMPLES)
    return library


def reading_for(library: Library, data_dir: Path, state: State | None = None) -> Reading:
    """A `Reading` over `library` whose marks are `state`'s (read, starred) for the block's marks."""
    user = UserState(data_dir / "state.json", InterProcessLock(data_dir / ".lock"))
    if state is not None:
        from tui.store.state import StarInfo

        user.snapshot.stars.update({k: StarInfo(k, "", "") for k in state.starred})
        user.snapshot.read.update(state.read)
    return Reading(library, user)


def show_with_related(
    pane: DetailPane, library: Library, reading: Reading, index: int, limit: int = 5
) -> None:
    """Show paper `index` in `pane`, its Related block filled from the discovery index."""
    pane.show_paper(
        PaperView(library.paper(index), starred=reading.is_starred(index), read=reading.is_read(index))
    )
    pane.set_related(related_rows(reading, library.discovery.related(index, limit)))
