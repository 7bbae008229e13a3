"""Re-create the screenshots in screenshots/ (SVG, and PNG when rsvg-convert exists).

    python scripts/screenshots.py

Runs the real app headless on the embedded sample days at 160x48, with a
throwaway data dir and recorded (not performed) clipboard/browser effects.
"""

from __future__ import annotations

import asyncio
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Awaitable, Callable
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from textual.pilot import Pilot

from tui.store import Store
from tui.ui.build import build_app
from tui.ui.effects import RecordingEffects
from tui.ui.launch import SAMPLES

OUT = REPO / "screenshots"
SIZE = (160, 48)


async def shoot(
    name: str, steps: Callable[[Pilot[None]], Awaitable[None]], prepare: Callable[[Store], None] | None = None
) -> Path:
    """Open the sample in a fresh data dir (`prepare`d), run `steps`, save `name`.svg."""
    with tempfile.TemporaryDirectory() as data:
        store = Store(Path(data))
        library, _ = store.open_library([SAMPLES], remember=True)
        if prepare is not None:
            prepare(store)
        app = build_app(store, library, effects=RecordingEffects(), read_after=3600)
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            await steps(pilot)
            await pilot.pause(0.3)
            path = OUT / f"{name}.svg"
            app.save_screenshot(filename=path.name, path=str(OUT))
    return path


async def main_screen(pilot: Pilot[None]) -> None:
    await pilot.press("j")


async def help_screen(pilot: Pilot[None]) -> None:
    await pilot.press("question_mark")


async def followups(pilot: Pilot[None]) -> None:
    # 2024-10-01 (a) … e) summaries with follow-up questions): five days older.
    for _ in range(5):
        await pilot.press("left_square_bracket")
    await pilot.press("tab")  # focus the detail pane
    await pilot.press("end")


async def search(pilot: Pilot[None]) -> None:
    await pilot.press("slash")
    await pilot.press(*"agent -web")


def organised(store: Store) -> None:
    """A reader who has organised a little: feeds, a watch rule, tags, some papers read."""
    from tui.store.state import Feed

    state = store.state
    state.save_feed(Feed("agents", "title:agent"))
    state.save_feed(Feed("video", "video"))
    state.save_feed(Feed("RL", '"reinforcement learning"'))
    state.add_rule("watch", "diffusion")
    state.set_tags(["2510.24668"], ["survey", "to read"], True)
    state.set_tags(["2510.24701"], ["deep research"], True)
    state.set_read(["2510.24668", "2510.24701"], True)


async def sidebar_with_feeds(pilot: Pilot[None]) -> None:
    await pilot.pause(1.0)  # the feeds' counts are worked out in the background
    await pilot.press("j", "j")


async def triage(pilot: Pilot[None]) -> None:
    await pilot.press("T", "r")


async def run() -> None:
    OUT.mkdir(exist_ok=True)
    made = [
        await shoot("main", main_screen),
        await shoot("help", help_screen),
        await shoot("followups", followups),
        await shoot("search", search),
        await shoot("organise", sidebar_with_feeds, organised),
        await shoot("triage", triage, organised),
    ]
    converter = shutil.which("rsvg-convert")
    for svg in made:
        if converter:
            # rsvg drops leading spaces of text runs unless told to preserve them.
            preserved = svg.read_text(encoding="utf-8").replace("<svg ", '<svg xml:space="preserve" ', 1)
            subprocess.run(
                [converter, "-o", str(svg.with_suffix(".png"))], input=preserved.encode(), check=True
            )
        print(svg.relative_to(REPO), "(+ png)" if converter else "")


if __name__ == "__main__":
    asyncio.run(run())
