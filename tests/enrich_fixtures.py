"""What the enrich tests share: stand-in services serving the sample days, and running the CLI."""

from __future__ import annotations

import json
from collections.abc import Iterator
from itertools import pairwise
from pathlib import Path
from typing import Any

import pytest

from tests.enrich_server import FakeServices, papers_from_archive, serve
from tui.cli import main
from tui.enrich.settings import EnrichSettings
from tui.ui.launch import SAMPLES  # the sample days: SAMPLES/YYYY/MM/DD.md

DAY = "2025-10-29"


@pytest.fixture
def services(monkeypatch: pytest.MonkeyPatch, data_dir: Path) -> Iterator[FakeServices]:
    """The stand-ins serving every sample paper, and the sample days imported."""
    with serve(FakeServices(papers=papers_from_archive(SAMPLES))) as state:
        monkeypatch.setenv("PAPERBROWSE_ARXIV_URL", state.arxiv_url)
        monkeypatch.setenv("PAPERBROWSE_HF_URL", state.hf_url)
        assert main(["import", str(SAMPLES)]) == 0
        yield state


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    capsys.readouterr()
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def exported(capsys: pytest.CaptureFixture[str], *argv: str) -> dict[str, dict[str, Any]]:
    code, out, _ = run(capsys, "export", *argv)
    assert code == 0
    return {r["arxiv_id"]: r for r in map(json.loads, out.splitlines())}


def gaps(times: list[float]) -> list[float]:
    """Seconds between successive requests, as the server saw them arrive."""
    return [b - a for a, b in pairwise(times)]


def settings(state: FakeServices, **changes: Any) -> EnrichSettings:
    base = EnrichSettings(arxiv_url=state.arxiv_url, hf_url=state.hf_url, arxiv_delay=0, hf_delay=0)
    return EnrichSettings(**{**{f: getattr(base, f) for f in base.__dataclass_fields__}, **changes})


def one_line_failure(err: str) -> str:
    """The one line a failure prints (and no traceback)."""
    lines = err.strip().splitlines()
    assert len(lines) == 1, err
    assert "Traceback" not in err
    return lines[0]
