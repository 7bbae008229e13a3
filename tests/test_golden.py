"""The export of the shared archive, scored by ../shared/tools/check-export."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ARCHIVE, CHECK_EXPORT, GOLDEN

pytestmark = pytest.mark.skipif(
    not CHECK_EXPORT.exists(), reason="needs ../shared (the archive and its checker)"
)


def test_export_of_the_archive_meets_every_threshold(tmp_path: Path) -> None:
    out = tmp_path / "export.jsonl"
    with out.open("w") as handle:
        done = subprocess.run(
            [
                sys.executable,
                "-m",
                "tui.cli",
                "--data-dir",
                str(tmp_path / "d"),
                "export",
                "--format",
                "jsonl",
                str(ARCHIVE),
            ],
            stdout=handle,
            stderr=subprocess.PIPE,
            text=True,
            check=False,
        )
    assert done.returncode == 0, done.stderr
    score = subprocess.run(
        [sys.executable, str(CHECK_EXPORT), str(out), str(GOLDEN)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert score.returncode == 0, score.stdout
    assert "10/10 measures met" in score.stdout
