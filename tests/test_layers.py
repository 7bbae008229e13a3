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
        ("tui.cli", ("textual", "tui.ui", "httpx")),
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
