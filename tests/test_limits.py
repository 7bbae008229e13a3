"""Only regular files are read, and only so much of them: FIFOs, devices, huge files, huge inputs."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest

from tests.conftest import FIXTURES
from tests.digests import read_text
from tui.cli import main
from tui.store import Store
from tui.store.cached_file import parse_for_cache
from tui.store.safe_io import UnreadableFile, read_regular

GOOD = FIXTURES / "read_more_on.md"


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_a_fifo_named_on_the_command_line_is_refused_at_once_and_not_remembered(
    tmp_path: Path, data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    fifo = tmp_path / "pipe.md"
    os.mkfifo(fifo)
    started = time.monotonic()
    code, _, err = run(capsys, "import", str(fifo))
    assert time.monotonic() - started < 5  # it used to wait forever for a writer
    assert code == 2
    assert "FIFO" in err and str(fifo) in err
    assert Store(data_dir).state.load().sources == []  # so no later run hangs on it either


def test_a_device_is_refused(data_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "import", "/dev/zero")
    assert code == 2
    assert "character device" in err


def test_fifos_and_device_links_inside_a_folder_are_skipped_and_named(
    tmp_path: Path, data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "digests"
    folder.mkdir()
    (folder / "day.md").write_bytes(GOOD.read_bytes())
    os.mkfifo(folder / "pipe.md")
    (folder / "zero.md").symlink_to("/dev/zero")
    (folder / "gone.md").symlink_to(tmp_path / "nowhere.md")
    started = time.monotonic()
    code, out, err = run(capsys, "import", str(folder))
    assert time.monotonic() - started < 5  # neither the FIFO nor the device is waited on
    assert code == 0
    assert "2 papers" in out and "3 warnings" in out
    warnings = err.splitlines()
    assert any(str(folder / "pipe.md") in w and "FIFO" in w for w in warnings)
    assert any(str(folder / "zero.md") in w and "device" in w for w in warnings)
    assert any(str(folder / "gone.md") in w for w in warnings)


def test_a_file_swapped_for_a_fifo_mid_import_is_a_problem_not_a_hang(tmp_path: Path) -> None:
    # What a file turned into between listing and reading: the open itself checks.
    path = tmp_path / "day.md"
    os.mkfifo(path)
    entry = parse_for_cache(str(path), 1 << 20)
    assert entry.paper_keys == []
    assert "FIFO" in entry.problems[0].message


def test_a_file_over_the_size_limit_is_skipped_with_a_message(
    tmp_path: Path, data_dir: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    big = tmp_path / "big.md"
    big.write_bytes(GOOD.read_bytes() + b"x" * (2 * 1024 * 1024))
    monkeypatch.setenv("PAPERBROWSE_MAX_FILE_MB", "1")
    code, out, err = run(capsys, "import", str(big), str(GOOD))
    assert code == 0
    assert f"{big}: is 2.0 MiB, over the 1.0 MiB limit; skipped" in err
    assert "2 papers" in out  # the readable file is kept
    monkeypatch.setenv("PAPERBROWSE_MAX_FILE_MB", "lots")
    assert run(capsys, "import", str(GOOD))[0] == 2


def test_read_regular_refuses_a_file_that_grows_past_the_limit(tmp_path: Path) -> None:
    path = tmp_path / "f"
    path.write_bytes(b"a" * 100)
    with pytest.raises(UnreadableFile):
        read_regular(path, 10)
    assert read_regular(path, 100)[0] == b"a" * 100


@pytest.mark.parametrize("name", ["cache.json", "state.json"])
def test_a_store_file_that_is_a_fifo_or_a_directory_does_not_hang(
    data_dir: Path, capsys: pytest.CaptureFixture[str], name: str
) -> None:
    data_dir.mkdir(parents=True)
    os.mkfifo(data_dir / name)
    started = time.monotonic()
    code, _, err = run(capsys, "export", str(GOOD))
    assert time.monotonic() - started < 5
    assert code == 0
    assert "could not be read" in err or "damaged" in err


def test_many_distinct_headings_read_in_linear_time() -> None:
    def elapsed(count: int) -> float:
        text = "\n".join(
            f"## Papers for {2000 + i // 336}-{i // 28 % 12 + 1:02d}-{i % 28 + 1:02d}" for i in range(count)
        )
        started = time.perf_counter()
        digest = read_text(text)
        assert len(digest.dates) == count
        return time.perf_counter() - started

    small, large = elapsed(4000), elapsed(40_000)
    assert large < 30 * max(small, 1e-3)  # 10x the input: ~10x the time, not ~100x


def test_one_huge_row_reads_in_linear_time() -> None:
    def elapsed(cells: int) -> float:
        row = "| T (Read more on [arXiv](https://arxiv.org/abs/2501.00001)) | A |" + " x |" * cells
        text = "## Papers for 2025-01-02\n\n| Title | Authors | Summary |\n|---|---|---|\n" + row
        best = float("inf")
        for _ in range(3):  # the least disturbed of three: other tests share the cores
            started = time.perf_counter()
            read_text(text)
            best = min(best, time.perf_counter() - started)
        return best

    small, large = elapsed(20_000), elapsed(200_000)
    assert large < 30 * max(small, 1e-3)
