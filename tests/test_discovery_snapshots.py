"""Snapshots of the trends screen and of a detail pane ending with its Related block.

Update after an intended change with `pytest tests/test_discovery_snapshots.py --snapshot-update`
and look at the report before committing.
"""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import Any

import pytest

from tests.discovery_apps import DetailHost, ScreenHost, reading_for, sample_library, show_with_related
from tests.discovery_fixtures import State
from tui.ui.screens.trends import TrendsScreen
from tui.ui.widgets.detail import DetailPane

SIZE = (120, 40)

pytestmark = pytest.mark.xdist_group("snapshots")


def test_trends_screen(snap_compare: Any, tmp_path: Path) -> None:
    library = sample_library(tmp_path / "d")
    app = ScreenHost(lambda: TrendsScreen(library, State(), terms="agent, gaussian splatting, diffusion"))

    async def settle(pilot: Any) -> None:
        from textual.widgets import Input

        pilot.app.screen.query_one(Input).cursor_blink = False
        for _ in range(3):
            await asyncio.sleep(0.2)
            await pilot.app.workers.wait_for_complete()
        await pilot.press("tab", "left", "left")
        await pilot.pause()

    assert snap_compare(app, terminal_size=SIZE, run_before=settle)


def test_detail_pane_with_its_related_block(snap_compare: Any, tmp_path: Path) -> None:
    library = sample_library(tmp_path / "d")
    index = next(i for i in range(len(library)) if "Gaussian Splatting" in library.title(i))
    neighbours = library.discovery.related(index, 5)
    reading = reading_for(
        library, tmp_path / "d", State(starred={library.key(neighbours[0].index)}, read={library.key(index)})
    )
    app = DetailHost()

    async def show(pilot: Any) -> None:
        pane = pilot.app.query_one(DetailPane)
        pane.related.hint = "(L: pick one)"
        show_with_related(pane, library, reading, index)
        pane.focus_related()
        await pilot.press("down")
        await pilot.pause()

    assert snap_compare(app, terminal_size=(100, 50), run_before=show)
