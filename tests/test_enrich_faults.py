"""`paperbrowse enrich` when things go wrong: every failure one line, exit 1 (or 2 for settings), nothing lost."""

from __future__ import annotations

import json
import socket
import time
from pathlib import Path

import pytest

from tests.enrich_fixtures import DAY, exported, one_line_failure, run, services
from tests.enrich_server import FakeServices
from tui.cli import main

__all__ = ["services"]  # the fixture, used by name


@pytest.mark.parametrize(
    ("mode", "says"),
    [
        ("429", "arXiv refused more requests (HTTP 429; try again in 2 min)"),
        ("403", "arXiv refused more requests (HTTP 403"),
        ("500", "arXiv answered HTTP 500; gave up after 3 tries"),
        ("malformed", "arXiv sent a malformed answer (not XML"),
        ("billion-laughs", "arXiv sent XML with a DTD or entity declarations"),
        ("external-entity", "arXiv sent XML with a DTD or entity declarations"),
        ("truncate", "closed the connection mid-response; gave up after 3 tries"),
        ("empty", "arXiv answered with no entries for"),
    ],
)
def test_an_arxiv_failure_is_one_line_and_keeps_what_was_fetched(
    services: FakeServices, capsys: pytest.CaptureFixture[str], mode: str, says: str
) -> None:
    assert run(capsys, "enrich", "--date", DAY)[0] == 0
    kept = {i: r["arxiv"] for i, r in exported(capsys).items() if r["arxiv"]}
    services.arxiv_mode = mode
    services.arxiv_requests.clear()
    code, out, err = run(capsys, "enrich")
    assert code == 1
    assert out == ""
    line = one_line_failure(err)
    assert line.startswith("paperbrowse: enrich failed: ") and says in line
    if mode in ("500", "truncate"):
        assert len(services.arxiv_requests) == 3  # tried again, with backoff, then gave up
    if mode in ("429", "403"):
        assert len(services.arxiv_requests) == 1  # a rate limit stops at once
    after = exported(capsys)
    assert {i: after[i]["arxiv"] for i in kept} == kept  # nothing already fetched is lost
    assert "/etc/passwd" not in json.dumps(after) and "lollol" not in json.dumps(after)


@pytest.mark.parametrize(
    ("mode", "says"),
    [
        ("429", "Hugging Face refused more requests (HTTP 429; try again in 30 s)"),
        ("500", "Hugging Face answered HTTP 500; gave up after 3 tries"),
        ("deep", "Hugging Face sent a malformed list for"),
        ("not-json", "Hugging Face sent a malformed list for"),
        ("error", "Hugging Face said for"),
    ],
)
def test_a_hugging_face_failure_is_one_line_and_keeps_the_arxiv_metadata(
    services: FakeServices, capsys: pytest.CaptureFixture[str], mode: str, says: str
) -> None:
    services.hf_mode = mode
    code, _, err = run(capsys, "enrich")
    assert code == 1
    line = one_line_failure(err)
    assert says in line and "kept what arrived before (102 papers from arXiv" in line
    assert all(r["arxiv"] for r in exported(capsys).values())
    services.hf_mode = "ok"
    services.arxiv_requests.clear()
    assert run(capsys, "enrich")[0] == 0
    assert services.arxiv_requests == []  # only the days were asked again


def test_a_flaky_server_is_tried_again_with_backoff(
    services: FakeServices, capsys: pytest.CaptureFixture[str]
) -> None:
    services.arxiv_mode = "flaky"  # two 500s, then answers
    code, out, _ = run(capsys, "enrich")
    assert code == 0 and "Fetched arXiv metadata for 102 of 102" in out
    times = [t for t, _ in services.arxiv_requests]
    assert len(times) == 3
    assert times[2] - times[1] > times[1] - times[0] > 0.04  # the pauses double


def test_a_timeout_is_one_line(
    services: FakeServices, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PAPERBROWSE_HTTP_TIMEOUT", "0.3")
    services.arxiv_mode = "slow"
    started = time.monotonic()
    code, _, err = run(capsys, "enrich")
    assert time.monotonic() - started < 10
    assert code == 1
    assert "timed out waiting for 127.0.0.1; gave up after 3 tries" in one_line_failure(err)


def test_offline_fails_at_once_in_one_line(
    services: FakeServices, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    with socket.socket() as probe:  # a port nothing listens on
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    started = time.monotonic()
    code, _, err = run(capsys, "enrich", "--arxiv-url", f"http://127.0.0.1:{port}/api/query")
    assert time.monotonic() - started < 3  # no retries: being offline is not transient
    assert code == 1
    assert "cannot connect to 127.0.0.1" in one_line_failure(err)


def test_dns_failure_is_one_line(services: FakeServices, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "enrich", "--arxiv-url", "http://paperbrowse-test.invalid/api/query")
    assert code == 1
    line = one_line_failure(err)
    assert "paperbrowse-test.invalid" in line and ("cannot resolve" in line or "cannot connect" in line)


@pytest.mark.parametrize(
    ("argv", "env"),
    [
        (["enrich", "--arxiv-url", "ftp://example.org/api"], {}),
        (["enrich", "--hf-url", "http://[::1"], {}),
        (["enrich"], {"PAPERBROWSE_ARXIV_DELAY": "soon"}),
        (["enrich"], {"PAPERBROWSE_HF_DELAY": "-1"}),
        (["enrich"], {"PAPERBROWSE_HTTP_TIMEOUT": "0"}),
        (["enrich", "--date", "2025-13-01"], {}),
        (["enrich", "--date", "2020-01-01"], {}),
        (["sync"], {"PAPERBROWSE_ARXIV_URL": "gopher://x"}),
    ],
)
def test_bad_settings_are_usage_errors_before_any_request(
    services: FakeServices,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    argv: list[str],
    env: dict[str, str],
) -> None:
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    code, _, err = run(capsys, *argv)
    assert code == 2
    assert one_line_failure(err).startswith("paperbrowse: error: ")
    assert services.arxiv_requests == [] and services.hf_requests == []


def test_a_limit_must_be_a_positive_number(services: FakeServices) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["enrich", "--limit", "0"])
    assert exit_info.value.code == 2


def test_a_damaged_metadata_file_is_ignored_with_a_warning_and_fetched_again(
    services: FakeServices, data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (data_dir / "metadata.json").write_bytes(b'{"papers": {"1": {"id": "2510.24668", "arxiv": [oops')
    code, out, err = run(capsys, "export")
    assert code == 0 and "metadata.json was damaged" in err
    assert all(json.loads(line)["arxiv"] is None for line in out.splitlines())
    code, out, err = run(capsys, "enrich")
    assert code == 0 and "Fetched arXiv metadata for 102 of 102" in out
    assert exported(capsys)["2510.24668"]["arxiv"] is not None


def test_enrich_without_digests_is_a_usage_error(data_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "enrich")
    assert code == 2 and "no digests to enrich" in err
