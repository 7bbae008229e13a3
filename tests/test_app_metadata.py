"""Metadata in the browser: fetched in the background for the paper on screen, shown, cited, sorted by."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from pathlib import Path

import bibtexparser
import pytest

from tests.apps import SIZE, here, make_app, status
from tests.enrich_server import FakeServices, papers_from_archive, serve
from tui.ui.launch import SAMPLES


@pytest.fixture
def services(monkeypatch: pytest.MonkeyPatch) -> Iterator[FakeServices]:
    with serve(FakeServices(papers=papers_from_archive(SAMPLES))) as state:
        monkeypatch.setenv("PAPERBROWSE_ARXIV_URL", state.arxiv_url)
        monkeypatch.setenv("PAPERBROWSE_HF_URL", state.hf_url)
        yield state


async def wait_for(pilot: object, done: Callable[[], bool], seconds: float = 10) -> None:
    """Let the app run until `done()` (a background fetch landed), at most `seconds`."""
    for _ in range(int(seconds * 10)):
        await pilot.pause(0.1)  # type: ignore[attr-defined]
        if done():
            return
    raise AssertionError("it never happened")


async def test_the_paper_on_screen_is_enriched_in_the_background_and_shown(
    services: FakeServices, tmp_path: Path
) -> None:
    app, _, store = make_app(tmp_path / "d", fetch_metadata=True)
    async with app.run_test(size=SIZE) as pilot:
        screen = app.browser
        await wait_for(pilot, lambda: "upvote" in screen.detail.plain_text)
        paper = screen.library.paper(here(screen))
        fake = services.papers[str(paper.arxiv_id)]
        assert services.asked_ids() == [paper.arxiv_id]  # the paper on screen, one request
        text = " ".join(screen.detail.plain_text.split())
        assert ", ".join(fake.authors) in text  # arXiv's full author list
        assert f"{fake.primary}, {fake.categories[1]}" in text
        assert f"▲ {fake.upvotes} upvote" in text
        assert "a shows arXiv's abstract" in text
        await pilot.press("a")
        assert "Second line of the abstract" in " ".join(screen.detail.plain_text.split())
        assert f"▲{fake.upvotes}" in " ".join(
            line.plain for line in screen.paper_list.render_row(0, 200, False)
        )
        await pilot.press("c")
        (entry,) = bibtexparser.parse_string(app.clipboard).entries  # type: ignore[attr-defined]
        assert entry["primaryClass"] == fake.primary
        assert entry["author"] == " and ".join(fake.authors)
        assert status(screen).startswith("BibTeX copied")  # arXiv's own record: no caveat
    assert json.loads((store.data_dir / "metadata.json").read_text())  # kept for the next run


async def test_without_metadata_the_copy_says_where_the_authors_come_from(tmp_path: Path) -> None:
    app, _, _ = make_app(tmp_path / "d")  # no background fetch
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause(0.3)
        await pilot.press("c")
        assert "authors from the digest" in status(app.browser)
        assert "Anonymous" not in app.clipboard


async def test_U_sorts_the_list_by_upvotes_and_back(
    services: FakeServices, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from tui.cli import main

    data = tmp_path / "d"
    assert main(["--data-dir", str(data), "import", str(SAMPLES)]) == 0
    assert main(["--data-dir", str(data), "enrich"]) == 0
    capsys.readouterr()
    app, _, _ = make_app(data)
    async with app.run_test(size=SIZE) as pilot:
        screen = app.browser
        for _ in range(100):  # metadata.json opens in a worker after the first frame
            await pilot.pause(0.05)
            if any(screen.reading.upvotes(i) for i in screen.paper_list.indices):
                break
        await app.workers.wait_for_complete()
        await pilot.pause()
        before = list(screen.paper_list.indices)
        await pilot.press("U")
        votes = [screen.reading.upvotes(i) or -1 for i in screen.paper_list.indices]
        assert votes == sorted(votes, reverse=True) and votes[0] > 0
        assert "by upvotes" in str(screen.paper_list.border_title)
        await pilot.press("U")
        assert list(screen.paper_list.indices) == before


async def test_a_failed_background_fetch_is_said_in_the_detail_pane_and_the_browser_goes_on(
    services: FakeServices, tmp_path: Path
) -> None:
    services.arxiv_mode = "429"
    app, _, _ = make_app(tmp_path / "d", fetch_metadata=True)
    async with app.run_test(size=SIZE) as pilot:
        screen = app.browser
        await wait_for(pilot, lambda: "metadata not fetched" in " ".join(screen.detail.plain_text.split()))
        asked = len(services.arxiv_requests)
        await pilot.press("j", "j")
        await pilot.pause(1.0)
        assert len(services.arxiv_requests) == asked  # paused after a rate limit: no more requests
        assert app.is_running


async def test_U_with_no_upvotes_on_the_list_says_why_the_order_is_the_same(tmp_path: Path) -> None:
    app, _, _ = make_app(tmp_path / "d")  # nothing enriched: metadata.json knows no upvotes
    async with app.run_test(size=SIZE) as pilot:
        screen = app.browser
        for _ in range(100):
            await pilot.pause(0.05)
            if screen.reading.meta_ready:
                break
        await pilot.press("U")
        assert "none of these has upvotes yet" in status(screen)
        assert "paperbrowse enrich" in status(screen)
