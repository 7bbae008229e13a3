"""Re-create the discovery screenshots in screenshots/ (SVG, and PNG when rsvg-convert exists).

    python scripts/discovery_screenshots.py

The trends screen, a paper's Related block and the compare screen, headless
at 140x44, on the real archive when ../shared has it (the embedded sample
days otherwise), in a throwaway data dir.
"""

from __future__ import annotations

import asyncio
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from textual.app import App, ComposeResult
from textual.screen import Screen

from tui.store import Library, Store
from tui.ui.launch import SAMPLES
from tui.ui.reading import Reading
from tui.ui.screens.compare import CompareScreen
from tui.ui.screens.trends import TrendsScreen
from tui.ui.widgets.detail import DetailPane
from tui.ui.widgets.related import related_rows

OUT = REPO / "screenshots"
SIZE = (140, 44)
ARCHIVE = REPO.parent / "shared" / "corpus" / "daily-ai-papers" / "archive"


class Host(App[None]):
    """One screen (or a lone detail pane), as the browser would show it."""

    CSS = "DetailPane { width: 100%; }"

    def __init__(self, screen: Screen[Any] | None = None) -> None:
        super().__init__()
        self.first = screen

    def compose(self) -> ComposeResult:
        yield DetailPane(id="detail")

    def on_mount(self) -> None:
        if self.first is not None:
            self.push_screen(self.first)


async def shoot(app: Host, name: str, before: Any) -> Path:
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await before(pilot)
        for _ in range(3):
            await asyncio.sleep(0.3)
            await app.workers.wait_for_complete()
        await pilot.pause(0.3)
        app.save_screenshot(filename=f"{name}.svg", path=str(OUT))
    return OUT / f"{name}.svg"


async def run(library: Library, reading: Reading) -> list[Path]:
    state = reading.user.snapshot
    splat = next(i for i in range(len(library)) if "gaussian splatting" in library.index.titles[i])

    async def nothing(pilot: Any) -> None:
        return

    async def to_chart(pilot: Any) -> None:
        await asyncio.sleep(0.5)
        await pilot.app.workers.wait_for_complete()
        await pilot.press("tab", "left", "left")

    async def related(pilot: Any) -> None:
        pane = pilot.app.query_one(DetailPane)
        pane.show_paper(library.paper(splat), starred=False, read=True, note="")
        pane.set_related(related_rows(reading, library.discovery.related(splat, 6)))
        pane.focus_related()
        await pilot.press("down")

    terms = "gaussian splatting, speculative decoding, vision-language-action"
    trends = TrendsScreen(library, state, terms=terms)
    neighbours = [n.index for n in library.discovery.related(splat, 2)]
    return [
        await shoot(Host(trends), "trends", to_chart),
        await shoot(Host(), "related", related),
        await shoot(Host(CompareScreen(library.papers([splat, *neighbours]))), "compare", nothing),
    ]


def main() -> None:
    OUT.mkdir(exist_ok=True)
    with tempfile.TemporaryDirectory() as data:
        store = Store(Path(data))
        library, _ = store.open_library([ARCHIVE if ARCHIVE.is_dir() else SAMPLES])
        library.discovery.prepare()
        made = asyncio.run(run(library, Reading(library, store.state)))
    converter = shutil.which("rsvg-convert")
    for svg in made:
        if converter:
            # rsvg drops leading spaces of text runs unless told to preserve them.
            preserved = svg.read_text(encoding="utf-8").replace("<svg ", '<svg xml:space="preserve" ', 1)
            png = str(svg.with_suffix(".png"))
            subprocess.run([converter, "-o", png], input=preserved.encode(), check=True)
        print(svg.relative_to(REPO), "(+ png)" if converter else "")


if __name__ == "__main__":
    main()
