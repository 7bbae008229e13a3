"""Running the browser in tests: an app on the sample days, its recorded effects, small look-ups."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any, NamedTuple

from textual.pilot import Pilot

from tui.store import Store
from tui.store.state import Session
from tui.ui.app import PaperBrowseApp
from tui.ui.build import build_app
from tui.ui.effects import RecordingEffects
from tui.ui.launch import SAMPLES
from tui.ui.screens.browser import BrowserScreen

SIZE = (150, 45)
NEWEST = "2025-10-29"


def make_app(
    data_dir: Path,
    *,
    start: Session | None = None,
    read_after: float | None = 60.0,
    source: Path = SAMPLES,
    **kw: Any,
) -> tuple[PaperBrowseApp, RecordingEffects, Store]:
    store = Store(data_dir)
    library, _ = store.open_library([source], remember=True)
    effects = RecordingEffects()
    app = build_app(store, library, effects=effects, start=start, read_after=read_after, **kw)
    return app, effects, store


class Browser(NamedTuple):
    """A running app, its browser screen, recorded effects, store and pilot."""

    app: PaperBrowseApp
    screen: BrowserScreen
    effects: RecordingEffects
    store: Store
    pilot: Pilot[None]


def focused(screen: BrowserScreen) -> object:
    """What has focus (a function, so checks in sequence are not narrowed away)."""
    return screen.focused


def here(screen: BrowserScreen) -> int:
    """The library index on screen (there must be one)."""
    assert screen.paper is not None
    return screen.paper


def day_date(screen: BrowserScreen) -> str:
    """The label of the sidebar entry on screen (a day's date, in the day view)."""
    entry = screen.current_entry
    assert entry is not None
    return entry.label


def plain(widget: object) -> str:
    """The text a Static shows, whatever renderable it holds."""
    from rich.console import Console

    console = Console(width=200, record=True, file=open("/dev/null", "w"))  # noqa: SIM115
    console.print(widget.content)  # type: ignore[attr-defined]
    return console.export_text()


def title_on_screen(screen: BrowserScreen) -> str:
    return screen.library.title(here(screen))


def status(screen: BrowserScreen) -> str:
    from tui.ui.widgets.status_line import StatusLine

    return screen.query_one(StatusLine).shown


def state_on_disk(store: Store) -> dict[str, Any]:
    assert store.state.flush()
    data: dict[str, Any] = json.loads((store.data_dir / "state.json").read_bytes())
    return data
