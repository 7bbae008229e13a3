"""`paperbrowse enrich` against stand-in arXiv and Hugging Face servers on 127.0.0.1 (tests/enrich_server.py)."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from tests.conftest import REPO
from tests.enrich_fixtures import DAY, exported, gaps, run, services, settings
from tests.enrich_server import FakeServices, papers_from_archive, serve
from tests.helpers import write_archive
from tui.cli import main
from tui.enrich.run import enrich, fetch_one
from tui.store import Store
from tui.ui.launch import SAMPLES  # the sample days: SAMPLES/YYYY/MM/DD.md

__all__ = ["services"]  # the fixture, used by name


def test_first_enrich_fetches_every_paper_and_the_export_carries_it(
    services: FakeServices, data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = run(capsys, "enrich")
    assert code == 0, err
    papers = len(services.papers)
    assert f"Fetched arXiv metadata for {papers} of {papers} papers" in out
    assert len(services.arxiv_requests) == 1  # 102 ids fit one batch
    assert "max_results=102" in services.arxiv_requests[0][1]
    assert len(services.hf_requests) == 7  # one per digest day with papers
    records = exported(capsys)
    record = records["2510.24668"]
    fake = services.papers["2510.24668"]
    assert record["arxiv"]["authors"] == fake.authors  # every author, in the paper's order
    assert record["arxiv"]["title"] == "InteractComp: Evaluating Search Agents With Ambiguous Queries"
    assert record["arxiv"]["abstract"].endswith("Second line of the abstract.")  # line breaks collapsed
    assert record["arxiv"]["primary_category"] == fake.primary
    assert record["arxiv"]["categories"] == fake.categories
    assert record["arxiv"]["published"] == fake.published
    assert record["arxiv"]["comment"] == "15 pages, 4 figures"
    assert record["arxiv"]["title_mismatch"] is False
    assert record["hf"] == {"upvotes": fake.upvotes, "authors": fake.authors}
    assert record["title"] == fake.title  # the digest's own fields are untouched
    (data_dir / "cache.json").unlink()  # the cache is rebuilt; the metadata is not touched
    assert exported(capsys)["2510.24668"]["arxiv"] == record["arxiv"]


def test_a_second_run_asks_for_nothing(services: FakeServices, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(capsys, "enrich")[0] == 0
    before = len(services.arxiv_requests), len(services.hf_requests)
    code, out, _ = run(capsys, "enrich")
    assert code == 0
    assert out.startswith("Nothing to fetch: all 102 papers have their metadata")
    assert (len(services.arxiv_requests), len(services.hf_requests)) == before


def test_date_and_limit_choose_the_papers(services: FakeServices, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(capsys, "enrich", "--date", DAY)[0] == 0
    asked = services.asked_ids()
    assert asked and all(services.papers[i].date == DAY for i in asked)
    assert [r for _, r in services.hf_requests] == [f"/api/daily_papers?date={DAY}"]
    assert run(capsys, "enrich", "--limit", "5")[0] == 0
    assert len(services.asked_ids()) == len(asked) + 5


def test_batches_and_the_delay_between_requests(services: FakeServices, data_dir: Path) -> None:
    store = Store(data_dir)
    library, _ = store.open_library()
    result = enrich(
        store.metadata, library, settings=settings(services, batch_size=40, arxiv_delay=0.3, hf_delay=0.1)
    )
    assert result.error is None and result.arxiv_fetched == 102
    arxiv_times = [t for t, _ in services.arxiv_requests]
    assert [p.count("max_results=40") for _, p in services.arxiv_requests] == [1, 1, 0]
    assert min(gaps(arxiv_times)) >= 0.29
    hf_times = [t for t, _ in services.hf_requests]
    assert min(gaps(hf_times)) >= 0.09


def test_a_killed_enrich_keeps_its_batches_and_the_next_run_asks_only_for_the_rest(
    tmp_path: Path, data_dir: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    root = tmp_path / "archive"
    write_archive(root, days=50, per_day=5)  # 250 papers: a batch of 200, then 50
    state = FakeServices(papers=papers_from_archive(root), arxiv_mode="stall", ok_before_stall=1)
    with serve(state):
        monkeypatch.setenv("PAPERBROWSE_ARXIV_URL", state.arxiv_url)
        monkeypatch.setenv("PAPERBROWSE_HF_URL", state.hf_url)
        assert main(["import", str(root)]) == 0
        child = subprocess.Popen(
            [sys.executable, "-m", "tui.cli", "enrich"],
            cwd=REPO,
            env={**os.environ},
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        try:
            deadline = time.monotonic() + 30
            stored = Store(data_dir).metadata
            while (len(state.arxiv_requests) < 2 or len(stored) < 200) and time.monotonic() < deadline:
                time.sleep(0.05)  # the second batch is being asked for; the first is on disk
            assert len(state.arxiv_requests) == 2 and len(stored) == 200
        finally:
            child.send_signal(signal.SIGKILL)
            child.wait()
        first_batch = state.asked_ids()[:200]
        state.arxiv_mode = "ok"
        state.arxiv_requests.clear()
        code, out, err = run(capsys, "enrich")
        assert code == 0, err
        assert sorted(state.asked_ids()) == sorted(set(state.papers) - set(first_batch))
        assert "Fetched arXiv metadata for 50 of 50 papers" in out
        assert run(capsys, "enrich")[1].startswith("Nothing to fetch: all 250 papers")


def test_an_id_arxiv_does_not_know_is_recorded_and_not_asked_again_until_later(
    services: FakeServices, data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    del services.papers["2510.24668"]
    code, out, _ = run(capsys, "enrich")
    assert code == 0 and "(1 not known to arXiv)" in out
    assert exported(capsys)["2510.24668"]["arxiv"] is None
    services.arxiv_requests.clear()
    assert run(capsys, "enrich")[1].startswith("Nothing to fetch")
    assert services.arxiv_requests == []
    metadata = Store(data_dir).metadata
    assert metadata.get("2510.24668") is not None
    assert metadata.get("2510.24668").arxiv_missing == "arXiv does not know this id"  # type: ignore[union-attr]
    assert metadata.needs_arxiv(["2510.24668", "2510.24701"], now=time.time() + 8 * 86400) == ["2510.24668"]


def test_a_malformed_id_is_recorded_and_the_rest_of_its_batch_still_arrives(
    services: FakeServices, data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    services.malformed_ids = {"2510.24668"}  # arXiv answers the whole query with one error entry
    code, out, _ = run(capsys, "enrich")
    assert code == 0 and "Fetched arXiv metadata for 101 of 102 papers (1 not known to arXiv)" in out
    meta = Store(data_dir).metadata.get("2510.24668")
    assert meta is not None and meta.arxiv is None
    assert "incorrect id format for 2510.24668" in (meta.arxiv_missing or "")


def test_a_title_that_differs_keeps_both_and_is_marked(
    services: FakeServices, capsys: pytest.CaptureFixture[str]
) -> None:
    services.papers["2510.24668"].title = "A Completely Different Paper About Protein Folding"
    code, _, err = run(capsys, "enrich")
    assert code == 0
    assert (
        "2510.24668: arXiv's title 'A Completely Different Paper About Protein Folding' is not the digest's"
        in err
    )
    record = exported(capsys)["2510.24668"]
    assert record["title"].startswith("InteractComp")
    assert record["arxiv"]["title"] == "A Completely Different Paper About Protein Folding"
    assert record["arxiv"]["title_mismatch"] is True


def test_hostile_text_from_the_server_is_stripped(
    services: FakeServices, capsys: pytest.CaptureFixture[str]
) -> None:
    fake = services.papers["2510.24668"]
    # XML cannot carry C0 controls at all; it can carry C1 and bidi overrides. JSON can carry anything.
    fake.authors = ["Bob\u202e Stone"]
    fake.abstract = "Moves\x9b2J the cursor."
    fake.hf_authors = ["Ann\x1b]52;c;aGk=\x07 Lee"]
    assert run(capsys, "enrich")[0] == 0
    record = exported(capsys)["2510.24668"]
    assert record["arxiv"]["authors"] == ["Bob Stone"]
    assert record["arxiv"]["abstract"] == "Moves2J the cursor."
    assert record["hf"]["authors"] == ["Ann]52;c;aGk= Lee"]


def test_hugging_face_names_fill_in_where_arxiv_gave_none(
    services: FakeServices, data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    fake = services.papers["2510.24668"]
    hf_names = list(fake.authors)
    fake.hf_authors, fake.authors = hf_names, []  # the Atom entry has no <author>; the HF list names them
    assert run(capsys, "enrich")[0] == 0
    meta = Store(data_dir).metadata.get("2510.24668")
    assert meta is not None and meta.arxiv is not None and meta.arxiv.authors == ()
    assert meta.authors == tuple(hf_names)


def test_cancel_stops_a_run_between_requests_and_keeps_what_arrived(tmp_path: Path, data_dir: Path) -> None:
    root = tmp_path / "archive"
    write_archive(root, days=50, per_day=5)
    state = FakeServices(papers=papers_from_archive(root), arxiv_mode="stall", ok_before_stall=1)
    with serve(state):
        store = Store(data_dir)
        library, _ = store.open_library([root])
        cancel = threading.Event()
        threading.Timer(1.0, cancel.set).start()
        started = time.monotonic()
        # A stalled read ends at its timeout; the cancel is seen then, between requests.
        result = enrich(store.metadata, library, settings=settings(state, timeout=1), cancel=cancel)
        assert time.monotonic() - started < 4
        assert result.cancelled and result.arxiv_fetched == 200
        assert (
            len(store.metadata.needs_arxiv(library.record(i)["i"] or "" for i in range(len(library)))) == 50
        )


def test_fetch_one_fetches_the_paper_and_its_day_once(services: FakeServices, data_dir: Path) -> None:
    store = Store(data_dir)
    day_ids = [p.arxiv_id for p in services.papers.values() if p.date == DAY]
    meta = fetch_one(store.metadata, "2510.24668", DAY, day_ids=day_ids, settings=settings(services))
    assert meta is not None and meta.arxiv is not None
    assert meta.upvotes == services.papers["2510.24668"].upvotes
    assert services.asked_ids() == ["2510.24668"]
    other = store.metadata.get(day_ids[1])
    assert (
        other is not None and other.upvotes is not None and other.arxiv is None
    )  # the day's upvotes came too
    assert fetch_one(store.metadata, "2510.24668", DAY, settings=settings(services)) == meta
    assert len(services.arxiv_requests) == 1 and len(services.hf_requests) == 1


def test_fetch_one_keeps_the_delay_across_calls(services: FakeServices, data_dir: Path) -> None:
    store = Store(data_dir)
    ids = [p.arxiv_id for p in services.papers.values()][:3]
    for arxiv_id in ids:
        fetch_one(store.metadata, arxiv_id, settings=settings(services, arxiv_delay=0.3))
    times = [t for t, _ in services.arxiv_requests]
    assert len(times) == 3 and min(gaps(times)) >= 0.29


def test_sync_enriches_the_new_papers_unless_told_not_to(
    services: FakeServices,
    data_dir: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from tests.sync_server import FakeGitHub
    from tests.sync_server import serve as serve_github

    files = {"archive/2025/10/29.md": (SAMPLES / "2025/10/29.md").read_bytes()}
    with serve_github(FakeGitHub(files=files)) as github:
        monkeypatch.setenv("PAPERBROWSE_API_URL", github.base)
        monkeypatch.setenv("PAPERBROWSE_RAW_URL", github.base)
        code, out, _ = run(capsys, "sync", "--no-enrich")
        assert code == 0 and "Fetched 1 day " in out
        assert services.arxiv_requests == [] and services.hf_requests == []
        (data_dir / "digests").rename(data_dir / "digests-old")
        code, out, err = run(capsys, "sync")
        assert code == 0, err
        assert "Fetched arXiv metadata for" in out
        assert all(services.papers[i].date == DAY for i in services.asked_ids())
        assert [r for _, r in services.hf_requests] == [f"/api/daily_papers?date={DAY}"]
