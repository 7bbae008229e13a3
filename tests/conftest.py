"""Shared fixtures: the real archive, the hand-written malformed digests, a data dir."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from tests.apps import SIZE, Browser, make_app

TESTS = Path(__file__).resolve().parent
REPO = TESTS.parent
FIXTURES = TESTS / "fixtures" / "digests"
SHARED = REPO.parent / "shared"
ARCHIVE = SHARED / "corpus" / "daily-ai-papers" / "archive"
GOLDEN = SHARED / "corpus" / "golden.jsonl"
CHECK_EXPORT = SHARED / "tools" / "check-export"
SAMPLES = REPO / "tui" / "samples"


def archive_or_samples() -> Path:
    """The shared archive when this checkout has it, else the embedded sample days."""
    return ARCHIVE if ARCHIVE.is_dir() else SAMPLES


@pytest.fixture(autouse=True)
def no_real_metadata_services(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """No test asks the real arXiv or Hugging Face: an enrich nobody pointed at a stand-in fails at once.

    Nor does any test read the user's own config file.
    """
    monkeypatch.setenv("PAPERBROWSE_CONFIG", str(tmp_path / "no-config" / "config.toml"))
    monkeypatch.setenv("PAPERBROWSE_ARXIV_URL", "http://paperbrowse-test.invalid/api/query")
    monkeypatch.setenv("PAPERBROWSE_HF_URL", "http://paperbrowse-test.invalid/api/daily_papers")
    monkeypatch.setenv("PAPERBROWSE_ARXIV_DELAY", "0")
    monkeypatch.setenv("PAPERBROWSE_HF_DELAY", "0")


@pytest.fixture
def data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An empty data dir, also set through the environment so nothing leaks to ~."""
    directory = tmp_path / "data"
    monkeypatch.setenv("PAPERBROWSE_DATA_DIR", str(directory))
    return directory


@pytest.fixture
def fixture_path() -> Path:
    """Folder of hand-written digest fixtures (one per table shape or defect)."""
    return FIXTURES


@pytest.fixture
async def browser(tmp_path: Path) -> AsyncIterator[Browser]:
    """The browser on the sample days in a fresh data dir, started and settled."""
    app, effects, store = make_app(tmp_path / "data")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        yield Browser(app, app.browser, effects, store, pilot)
