"""`paperbrowse sync` against a real HTTP server on 127.0.0.1 (tests/sync_server.py)."""

from __future__ import annotations

import json
import socket
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.enrich_server import FakeServices, papers_from_archive
from tests.enrich_server import serve as serve_metadata
from tests.sync_server import FakeGitHub, serve
from tui.cli import main
from tui.ui.launch import SAMPLES

DAYS = ["2025/10/29", "2025/03/14", "2024/12/10"]


def day_files(days: list[str] = DAYS) -> dict[str, bytes]:
    return {f"archive/{d}.md": (SAMPLES / f"{d}.md").read_bytes() for d in days}


@pytest.fixture
def github(monkeypatch: pytest.MonkeyPatch, data_dir: Path) -> Iterator[FakeGitHub]:
    with (
        serve(FakeGitHub(files=day_files())) as state,
        serve_metadata(FakeServices(papers=papers_from_archive(SAMPLES))) as metadata,
    ):
        monkeypatch.setenv("PAPERBROWSE_API_URL", state.base)
        monkeypatch.setenv("PAPERBROWSE_RAW_URL", state.base)
        monkeypatch.setenv("PAPERBROWSE_ARXIV_URL", metadata.arxiv_url)  # sync enriches the new papers
        monkeypatch.setenv("PAPERBROWSE_HF_URL", metadata.hf_url)
        monkeypatch.delenv("GITHUB_TOKEN", raising=False)
        yield state


def sync(capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    code = main(["sync"])
    out, err = capsys.readouterr()
    return code, out, err


def exported_dates(capsys: pytest.CaptureFixture[str]) -> set[str]:
    assert main(["export"]) == 0
    return {json.loads(line)["date"] for line in capsys.readouterr().out.splitlines()}


def test_first_sync_fetches_every_day_and_imports_them(
    github: FakeGitHub, data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = sync(capsys)
    assert code == 0
    assert "Fetched 3 days" in out
    for day in DAYS:
        assert (data_dir / "digests" / "archive" / f"{day}.md").read_bytes() == github.files[
            f"archive/{day}.md"
        ]
    assert exported_dates(capsys) == {"2025-10-29", "2025-03-14", "2024-12-10"}
    state = json.loads((data_dir / "state.json").read_bytes())
    assert str(data_dir / "digests") in [d["path"] for d in state["sources"].values()]


def test_second_sync_makes_one_request_and_says_up_to_date(
    github: FakeGitHub, capsys: pytest.CaptureFixture[str]
) -> None:
    sync(capsys)
    github.requests.clear()
    code, out, _ = sync(capsys)
    assert code == 0
    assert "Up to date" in out
    assert len(github.requests) == 1


def test_one_changed_day_and_one_new_day(
    github: FakeGitHub, data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    sync(capsys)
    github.files["archive/2025/03/14.md"] = github.files["archive/2025/03/14.md"].replace(
        b"World Modeling Makes a Better Planner", b"World Modeling Makes a Much Better Planner"
    )
    github.files["archive/2024/11/28.md"] = (SAMPLES / "2024/11/28.md").read_bytes()
    github.requests.clear()
    code, out, _ = sync(capsys)
    assert code == 0
    assert "Fetched 2 days" in out
    assert sorted(r for r in github.requests if "/trees/" not in r) == [
        "/gabrielchua/daily-ai-papers/main/archive/2024/11/28.md",
        "/gabrielchua/daily-ai-papers/main/archive/2025/03/14.md",
    ]
    assert main(["search", "much better planner"]) == 0
    assert "2025-03-14" in capsys.readouterr().out
    assert "2024-11-28" in exported_dates(capsys)


def test_token_is_sent_as_bearer_and_never_printed(
    github: FakeGitHub, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("GITHUB_TOKEN", "sekrit-token-123")
    github.tree_mode = "403"
    code, out, err = sync(capsys)
    assert code == 1
    assert github.authorization[0] == "Bearer sekrit-token-123"
    assert "sekrit" not in out + err


def test_rate_limit_says_when_it_resets(github: FakeGitHub, capsys: pytest.CaptureFixture[str]) -> None:
    github.tree_mode = "403"
    code, out, err = sync(capsys)
    assert code == 1
    assert out == ""
    assert len(err.strip().splitlines()) == 1
    assert "rate limit" in err and "resets at" in err and "GITHUB_TOKEN" in err


def test_missing_repository_is_a_404(github: FakeGitHub, capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["sync", "--repo", "someone/nothing-here"])
    err = capsys.readouterr().err
    assert code == 1
    assert "someone/nothing-here" in err and "404" in err


@pytest.mark.parametrize("mode", ["malformed", "not-json"])
def test_malformed_tree(github: FakeGitHub, capsys: pytest.CaptureFixture[str], mode: str) -> None:
    github.tree_mode = mode
    code, _, err = sync(capsys)
    assert code == 1
    assert "malformed tree" in err


@pytest.mark.parametrize("mode", ["truncate", "altered", "404"])
def test_a_bad_download_never_lands_and_the_rest_stay_usable(
    github: FakeGitHub, data_dir: Path, capsys: pytest.CaptureFixture[str], mode: str
) -> None:
    sync(capsys)
    broken = "archive/2025/10/29.md"
    before = (data_dir / "digests" / broken).read_bytes()
    github.files[broken] = before.replace(b"InteractComp", b"InteractComp v2")
    github.files["archive/2024/11/28.md"] = (SAMPLES / "2024/11/28.md").read_bytes()
    github.file_modes[broken] = mode
    code, _, err = sync(capsys)
    assert code == 1
    assert len(err.strip().splitlines()) == 1
    assert "2025/10/29.md" in err
    assert (data_dir / "digests" / broken).read_bytes() == before  # the old copy, whole
    assert not list((data_dir / "digests").rglob(".*.tmp"))
    assert "2024-11-28" in exported_dates(capsys)  # the day that did arrive is usable


def test_timeout(
    github: FakeGitHub, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("PAPERBROWSE_HTTP_TIMEOUT", "0.5")
    github.tree_mode = "slow"
    code, _, err = sync(capsys)
    assert code == 1
    assert "timed out" in err


def test_offline(monkeypatch: pytest.MonkeyPatch, data_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with socket.socket() as probe:  # a port nothing listens on
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    monkeypatch.setenv("PAPERBROWSE_API_URL", f"http://127.0.0.1:{port}")
    code, _, err = sync(capsys)
    assert code == 1
    assert "cannot connect to 127.0.0.1" in err


def test_dns_failure(
    monkeypatch: pytest.MonkeyPatch, data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("PAPERBROWSE_API_URL", "http://paperbrowse-test.invalid")
    code, _, err = sync(capsys)
    assert code == 1
    assert "paperbrowse-test.invalid" in err
    assert "cannot resolve" in err or "cannot connect" in err


async def test_R_syncs_in_the_background_and_new_days_appear(github: FakeGitHub, data_dir: Path) -> None:
    from tests.apps import make_app, status

    github.files = day_files(["2025/03/14"])
    app, _, _ = make_app(data_dir, source=SAMPLES / "2024")
    async with app.run_test(size=(140, 40)) as pilot:
        screen = app.browser
        before = [d.date for d in screen.library.days]
        assert "2025-03-14" not in before
        here = screen.library.key(screen.paper or 0)
        await pilot.press("R")
        await app.workers.wait_for_complete()
        await pilot.pause()
        dates = [d.date for d in screen.library.days]
        assert dates[0] == "2025-03-14"
        assert set(before) < set(dates)
        assert screen.library.key(screen.paper or 0) == here  # still on the same paper
        assert status(screen) == "Sync: 1 new or changed day."
        github.tree_mode = "403"
        await pilot.press("R")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert any("rate limit" in n.message for n in app._notifications)
        assert [d.date for d in screen.library.days] == dates  # nothing lost


async def test_the_first_R_in_a_fresh_browser_brings_in_hundreds_of_days(
    github: FakeGitHub, data_dir: Path, tmp_path: Path
) -> None:
    # 0.1.0 started a process pool inside the threaded browser for 150+ new days
    # and crashed ("bad value(s) in fds_to_keep").
    from tests.apps import make_app
    from tests.helpers import write_archive

    paths = write_archive(tmp_path / "upstream", days=200, per_day=2)
    github.files = {
        f"archive/{p.relative_to(tmp_path / 'upstream').as_posix()}": p.read_bytes() for p in paths
    }
    app, _, _ = make_app(data_dir, source=SAMPLES / "2024")
    async with app.run_test(size=(140, 40)) as pilot:
        await pilot.press("R")
        for _ in range(300):
            await pilot.pause(0.1)
            if not any(w.group == "sync" and w.is_running for w in app.browser.workers):
                break
        await pilot.pause()
        assert app.is_running
        assert len(app.browser.library.days) >= 200


async def test_q_quits_at_once_while_a_sync_waits_on_a_slow_server(
    github: FakeGitHub, data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from tests.apps import make_app

    monkeypatch.setenv("PAPERBROWSE_HTTP_TIMEOUT", "20")
    github.tree_mode = "slow"  # answers after 3 s
    app, _, _ = make_app(data_dir, source=SAMPLES / "2024")
    async with app.run_test(size=(140, 40)) as pilot:
        await pilot.press("R")
        await pilot.pause(0.3)
        started = time.monotonic()
        await pilot.press("q")
        await app.workers.wait_for_complete()
    assert time.monotonic() - started < 1.5


@pytest.mark.parametrize(
    ("mode", "says"),
    [
        ("drip", "too slowly"),
        ("endless", "bytes allowed"),
        ("huge-reset", "rate limit"),
        ("nested", "malformed tree"),
        ("500", "HTTP 500"),
    ],
)
def test_a_hostile_server_fails_the_sync_in_one_line_and_in_time(
    github: FakeGitHub,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    mode: str,
    says: str,
) -> None:
    monkeypatch.setenv("PAPERBROWSE_HTTP_TIMEOUT", "0.5")  # a request may take 4 x 0.5 s in all
    github.tree_mode = mode
    started = time.monotonic()
    code, out, err = sync(capsys)
    assert time.monotonic() - started < 10
    assert code == 1
    assert out == ""
    assert len(err.strip().splitlines()) == 1
    assert says in err
    assert "Traceback" not in err


def test_a_dripping_day_file_fails_that_day_only(
    github: FakeGitHub, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("PAPERBROWSE_HTTP_TIMEOUT", "0.5")
    github.file_modes["archive/2025/03/14.md"] = "drip"
    github.file_modes["archive/2024/12/10.md"] = "endless"
    started = time.monotonic()
    code, _, err = sync(capsys)
    assert time.monotonic() - started < 10
    assert code == 1
    assert "2 days could not be fetched" in err
    assert exported_dates(capsys) == {"2025-10-29"}  # the good day arrived and reads


def test_a_tree_path_ending_in_a_newline_is_not_a_day(
    github: FakeGitHub, data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    github.tree_mode = "newline-path"
    code, _, _ = sync(capsys)
    assert code == 0
    assert not list((data_dir / "digests").rglob("*\n*"))


def test_the_token_goes_only_to_the_api_host_and_never_over_plain_http_elsewhere(
    github: FakeGitHub, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("GITHUB_TOKEN", "sekrit-token-123")
    assert sync(capsys)[0] == 0
    sent = dict(zip(github.requests, github.authorization, strict=True))
    assert all(auth is None for path, auth in sent.items() if "/git/trees/" not in path)  # the raw host
    monkeypatch.setenv("PAPERBROWSE_API_URL", "http://paperbrowse-test.invalid")
    code, _, err = sync(capsys)
    assert code == 1
    assert "GITHUB_TOKEN not sent" in err and "sekrit" not in err


@pytest.mark.parametrize(
    ("argv", "env"),
    [
        (["sync", "--branch", "x\ny"], {}),
        (["sync", "--api-url", "http://[::1"], {}),
        (["sync", "--raw-url", "ftp://example.org"], {}),
        (["sync"], {"PAPERBROWSE_HTTP_TIMEOUT": "abc"}),
        (["sync"], {"PAPERBROWSE_HTTP_TIMEOUT": "-1"}),
        (["sync"], {"GITHUB_TOKEN": "t\u00e9"}),
    ],
)
def test_bad_sync_settings_are_usage_errors(
    monkeypatch: pytest.MonkeyPatch,
    data_dir: Path,
    capsys: pytest.CaptureFixture[str],
    argv: list[str],
    env: dict[str, str],
) -> None:
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    code = main(argv)
    err = capsys.readouterr().err
    assert code == 2
    assert len(err.strip().splitlines()) == 1 and "Traceback" not in err
