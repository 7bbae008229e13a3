"""The layers point downward: digest and store never import Textual; the CLI
imports it only to launch the browser."""

from __future__ import annotations

import subprocess
import sys

import pytest


@pytest.mark.parametrize(
    ("module", "forbidden"),
    [
        ("tui.digest.reader", ("textual", "tinydb", "tui.store", "tui.ui")),
        ("tui.digest.cite", ("textual", "tinydb")),
        ("tui.digest.export", ("textual", "tinydb")),
        ("tui.store", ("textual", "tui.ui")),
        ("tui.sync.command", ("textual", "tui.ui")),
        ("tui.net.http", ("textual", "tui.ui", "tui.store")),
        ("tui.cli", ("textual", "tui.ui", "httpx", "textual_serve", "aiohttp", "argcomplete")),
        ("tui.enrich", ("textual", "tui.ui")),
        ("tui.enrich.run", ("textual", "tui.ui")),
        ("tui.digest.meta", ("textual", "tinydb", "tui.store")),
        ("tui.store.metadata", ("textual", "tui.ui", "httpx")),
        ("tui.discovery", ("textual", "tui.ui")),
        ("tui.discovery.engine", ("textual", "tui.ui", "httpx")),
        ("tui.cli.discovery_commands", ("textual", "tui.ui", "tui.discovery.engine")),
    ],
)
def test_module_does_not_pull_in(module: str, forbidden: tuple[str, ...]) -> None:
    code = (
        f"import sys, {module}\n"
        f"bad = [m for m in sys.modules if m.split('.')[0] in {forbidden!r} or m.startswith({forbidden!r})]\n"
        "print(','.join(sorted(bad)))"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == ""


def test_every_module_that_shapes_the_cache_is_in_its_parser_hash() -> None:
    # cache.json is invalidated by a hash of the parsing modules' source; a module
    # that the cache's own parse runs, but that is listed as not parsing, could
    # change what a file reads as without the cache noticing.
    code = (
        "import sys\n"
        "from tests.conftest import FIXTURES\n"
        "from tui.store.cache import NON_PARSER_MODULES\n"
        "from tui.store.cached_file import parse_for_cache\n"
        "before = set(sys.modules)\n"
        "for path in sorted(FIXTURES.rglob('*.md')):\n"
        "    parse_for_cache(str(path), 1 << 26)\n"
        "parsing = [m for m in set(sys.modules) - before if m.startswith('tui.digest.')]\n"
        "parsing.append('tui.digest.model')  # the cache module's own import: titles' keys\n"
        "print(','.join(sorted({m.rsplit('.', 1)[1] for m in parsing} & NON_PARSER_MODULES - {'merge'})))"
    )  # merge comes with the reader but only joins days
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == ""


def test_neither_importing_the_app_nor_starting_the_browser_loads_the_discovery_layer() -> None:
    # The similarity index, the section texts and their builder load on first use,
    # never at start-up: not with the app's modules, not by the first frame (the package
    # itself holds only constants, like the stars For you needs).
    code = (
        "import asyncio, sys, tempfile\n"
        "from pathlib import Path\n"
        "import tui.ui.app, tui.ui.build\n"
        "imported = [m for m in sys.modules if m.startswith('tui.discovery.')]\n"
        "from tui.store import Store\n"
        "from tui.ui.effects import RecordingEffects\n"
        "from tui.ui.launch import SAMPLES\n"
        "async def main():\n"
        "    store = Store(Path(tempfile.mkdtemp()))\n"
        "    library, _ = store.open_library([SAMPLES])\n"
        "    app = tui.ui.build.build_app(store, library, effects=RecordingEffects())\n"
        "    async with app.run_test() as pilot:\n"
        "        await pilot.pause(0.3)\n"
        "asyncio.run(main())\n"
        "started = [m for m in sys.modules if m.startswith('tui.discovery.')]\n"
        "print(repr((imported, started)))"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "([], [])"
