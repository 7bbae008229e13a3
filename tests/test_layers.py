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
