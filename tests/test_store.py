"""cache.json and state.json: incremental, damage-proof, concurrent, kill-proof."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.helpers import write_archive
from tui.store import Library, Store
from tui.store.state import Session, StarInfo
from tui.store.store import OpenReport


def open_store(data_dir: Path, *paths: Path) -> tuple[Store, Library, OpenReport]:
    store = Store(data_dir)
    library, report = store.open_library(list(paths), remember=bool(paths))
    return store, library, report


def test_second_open_parses_nothing(tmp_path: Path) -> None:
    write_archive(tmp_path / "a", days=6)
    _, library, report = open_store(tmp_path / "d", tmp_path / "a")
    assert report.refresh.parsed == 6
    assert len(library) == 30
    _, library, report = open_store(tmp_path / "d")  # remembered source
    assert report.refresh.parsed == 0
    assert len(library) == 30


def test_touch_add_and_delete_are_incremental(tmp_path: Path) -> None:
    files = write_archive(tmp_path / "a", days=6)
    open_store(tmp_path / "d", tmp_path / "a")
    files[0].touch()
    os.utime(files[0], ns=(time.time_ns(), time.time_ns() + 5_000_000_000))
    _, library, report = open_store(tmp_path / "d")
    assert report.refresh.parsed == 0  # same bytes: hashed, not parsed

    text = files[1].read_text().replace("Paper 100 on", "Edited 100 on")
    files[1].write_text(text)
    new = files[0].parent / "31.md"
    new.write_text(files[0].read_text().replace("## Papers for 2025-01-06", "## Papers for 2025-01-31"))
    files[2].unlink()
    _, library, report = open_store(tmp_path / "d")
    assert report.refresh.parsed == 2
    assert report.refresh.removed == 1
    titles = {library.title(i) for i in range(len(library))}
    assert any(t.startswith("Edited 100") for t in titles)
    assert not any(t.startswith("Paper 200 ") for t in titles)
    assert library.days[0].date == "2025-01-31"
    # The rewritten cache reads back whole: kept files' papers moved within it.
    _, library, report = open_store(tmp_path / "d")
    assert report.refresh.parsed == 0
    assert {library.title(i) for i in range(len(library))} == titles


def test_deleting_the_cache_is_safe(tmp_path: Path) -> None:
    write_archive(tmp_path / "a", days=3)
    store, _, _ = open_store(tmp_path / "d", tmp_path / "a")
    store.state.set_starred([StarInfo("2501.00000", "2025-01-06", "Paper 0")], True)
    (tmp_path / "d" / "cache.json").unlink()
    store, library, report = open_store(tmp_path / "d")
    assert report.refresh.parsed == 3
    assert len(library) == 15
    assert "2501.00000" in store.state.snapshot.stars


@pytest.mark.parametrize(
    "garbage",
    [
        b'{"files": {"1": {"pa',
        b"\x00\x01binary",
        b"[1, 2, 3]",
        b'{"meta": {"1": {"schema": 1}}, "files": {"1": {"path": 3}}}',
    ],
)
def test_damaged_cache_is_rebuilt_with_a_warning(tmp_path: Path, garbage: bytes) -> None:
    write_archive(tmp_path / "a", days=3)
    open_store(tmp_path / "d", tmp_path / "a")
    (tmp_path / "d" / "cache.json").write_bytes(garbage)
    _, library, report = open_store(tmp_path / "d")
    assert len(library) == 15
    if garbage.startswith(b'{"meta"'):
        assert report.refresh.parsed == 3  # an outdated or odd cache is simply re-read
    else:
        assert any("damaged" in w and "rebuilding" in w for w in report.warnings)
    json.loads((tmp_path / "d" / "cache.json").read_bytes())


def test_damaged_state_is_set_aside_and_work_goes_on(tmp_path: Path) -> None:
    write_archive(tmp_path / "a", days=2)
    store, _, _ = open_store(tmp_path / "d", tmp_path / "a")
    state_file = tmp_path / "d" / "state.json"
    state_file.write_bytes(b"{ this is not json")
    store = Store(tmp_path / "d")
    _, report = store.open_library([tmp_path / "a"], remember=True)
    aside = list((tmp_path / "d").glob("state.json.damaged-*"))
    assert len(aside) == 1
    assert aside[0].read_bytes() == b"{ this is not json"  # kept, not deleted
    assert any("moved to" in w for w in report.warnings)
    store.state.set_starred([StarInfo("2501.00000", "", "")], True)
    assert "2501.00000" in Store(tmp_path / "d").state.load().stars


def test_star_unstar_note_read_and_session_round_trip(tmp_path: Path) -> None:
    store = Store(tmp_path / "d")
    store.state.load()
    store.state.set_starred([StarInfo("1", "2025-01-01", "One"), StarInfo("2", "2025-01-01", "Two")], True)
    store.state.set_starred([StarInfo("1", "", "")], False)
    store.state.set_read(["a", "b", "a"], True)
    store.state.set_read(["b"], False)
    store.state.set_note("2", "worth a re-read")
    store.state.save_session(Session("2025-01-01", "2", "unread"))
    fresh = Store(tmp_path / "d").state.load()
    assert set(fresh.stars) == {"2"}
    assert fresh.stars["2"].title == "Two"
    assert fresh.read == {"a"}
    assert fresh.notes == {"2": "worth a re-read"}
    assert fresh.session == Session("2025-01-01", "2", "unread")
    store.state.set_note("2", "  ")
    assert Store(tmp_path / "d").state.load().notes == {}


def test_a_second_process_star_is_not_overwritten(tmp_path: Path) -> None:
    first, second = Store(tmp_path / "d"), Store(tmp_path / "d")
    first.state.load()
    second.state.load()
    first.state.set_starred([StarInfo("1", "", "")], True)
    second.state.set_starred([StarInfo("2", "", "")], True)  # its snapshot predates "1"
    assert set(Store(tmp_path / "d").state.load().stars) == {"1", "2"}


def _cli(data_dir: Path, *args: str) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [sys.executable, "-m", "tui.cli", "--data-dir", str(data_dir), *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )


def _export_ids(data_dir: Path) -> list[str]:
    done = subprocess.run(
        [sys.executable, "-m", "tui.cli", "--data-dir", str(data_dir), "export"],
        capture_output=True,
        text=True,
        check=True,
    )
    return [json.loads(line)["arxiv_id"] for line in done.stdout.splitlines()]


def test_two_concurrent_imports_both_finish_complete(tmp_path: Path) -> None:
    write_archive(tmp_path / "a", days=40)
    write_archive(tmp_path / "b", days=40, start=__import__("datetime").date(2023, 1, 2))
    one, two = (
        _cli(tmp_path / "d", "import", str(tmp_path / "a")),
        _cli(tmp_path / "d", "import", str(tmp_path / "b")),
    )
    assert one.wait(60) == 0, one.stderr.read() if one.stderr else ""
    assert two.wait(60) == 0, two.stderr.read() if two.stderr else ""
    state = json.loads((tmp_path / "d" / "state.json").read_bytes())
    assert len(state["sources"]) == 2
    ids = _export_ids(tmp_path / "d")
    assert len(ids) == 400
    assert len(set(ids)) == 400


def test_sigkill_at_any_moment_leaves_readable_files(tmp_path: Path) -> None:
    write_archive(tmp_path / "a", days=600, per_day=8)
    data_dir = tmp_path / "d"
    started = time.monotonic()
    assert _cli(data_dir, "import", str(tmp_path / "a")).wait(120) == 0
    duration = time.monotonic() - started  # kill at fractions of a real cold import
    for fraction in (0.15, 0.3, 0.45, 0.6, 0.7, 0.8, 0.85, 0.9, 0.95):
        (data_dir / "cache.json").unlink(missing_ok=True)  # make every import a cold one
        process = _cli(data_dir, "import", str(tmp_path / "a"))
        time.sleep(duration * fraction)
        process.send_signal(signal.SIGKILL)
        process.wait(30)
        for name in ("cache.json", "state.json"):
            path = data_dir / name
            if path.exists():
                json.loads(path.read_bytes())  # never half a file
    ids = _export_ids(data_dir)
    assert len(ids) == 4800
    strays = list(data_dir.glob(".*.tmp"))
    assert not strays, strays  # strays cleaned up by the next writer


def test_killed_mid_write_keeps_the_old_file_and_cleans_up(tmp_path: Path) -> None:
    target = tmp_path / "d" / "cache.json"
    target.parent.mkdir()
    target.write_bytes(b'{"files": {}}')
    writer = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import sys; from pathlib import Path; from tui.store.storage import atomic_write;"
            "print('go', flush=True); atomic_write(Path(sys.argv[1]), b'[' + b'1,' * 100_000_000 + b'1]')",
            str(target),
        ],
        stdout=subprocess.PIPE,
    )
    assert writer.stdout is not None
    assert writer.stdout.readline() == b"go\n"
    deadline = time.monotonic() + 20
    while not list(target.parent.glob(".cache.json.*.tmp")) and time.monotonic() < deadline:
        time.sleep(0.01)
    time.sleep(0.05)
    writer.send_signal(signal.SIGKILL)
    writer.wait(10)
    assert list(target.parent.glob(".cache.json.*.tmp"))  # killed mid-write
    assert target.read_bytes() == b'{"files": {}}'  # the old file, whole
    write_archive(tmp_path / "a", days=2)
    _, library, _ = open_store(tmp_path / "d", tmp_path / "a")
    assert len(library) == 10
    assert not list(target.parent.glob(".cache.json.*.tmp"))


def test_a_state_write_killed_midway_leaves_no_temp_behind_the_next_session(tmp_path: Path) -> None:
    data_dir = tmp_path / "d"
    write_archive(tmp_path / "a", days=2)
    open_store(data_dir, tmp_path / "a")
    stray = data_dir / f".state.json.{os.getpid() + 1}.77.tmp"  # what a killed writer leaves
    stray.write_bytes(b'{"stars": {"half')
    store = Store(data_dir)
    store.open_library([tmp_path / "a"], remember=True)
    assert not stray.exists()
    assert json.loads((data_dir / "state.json").read_bytes())  # the file itself untouched and whole


def _damage_blobs_in_place(cache_file: Path) -> None:
    """Overwrite every blob's bytes, keeping the layout: the index still points at them."""
    raw = bytearray(cache_file.read_bytes())
    for doc in json.loads(raw)["files"].values():
        start, end = doc["blob_at"]
        raw[start:end] = b"A" * (end - start)  # still base64, no longer zlib
    cache_file.write_bytes(bytes(raw))


def _damage_blobs_rewritten(cache_file: Path) -> None:
    """Rewrite the file as another tool would (spaced JSON) with garbage blobs."""
    data = json.loads(cache_file.read_bytes())
    for doc in data["papers"].values():
        doc["blob"] = "[1, 2"  # valid JSON outside, garbage inside
    cache_file.write_text(json.dumps(data, indent=1))


@pytest.mark.parametrize("damage", [_damage_blobs_in_place, _damage_blobs_rewritten])
def test_a_damaged_paper_blob_is_read_again_from_the_digest(
    tmp_path: Path, damage: Callable[[Path], None]
) -> None:
    write_archive(tmp_path / "a", days=2)
    open_store(tmp_path / "d", tmp_path / "a")
    cache_file = tmp_path / "d" / "cache.json"
    damage(cache_file)
    _, library, _ = open_store(tmp_path / "d")
    assert library.title(0).startswith("Paper 100 on")  # re-read from the digest
    assert not cache_file.exists()  # and the cache will be rebuilt next time


def test_blobs_are_found_again_under_paths_json_must_escape(tmp_path: Path) -> None:
    # A path with a quote, a backslash and accents is longer in JSON than in text:
    # the offsets of every blob after it must still be right.
    source = tmp_path / 'digests "é\\ß" 2025'
    write_archive(source, days=4)
    open_store(tmp_path / "d", source)
    _, library, report = open_store(tmp_path / "d")
    assert report.refresh.parsed == 0
    titles = [library.title(i) for i in range(len(library))]
    assert len(titles) == 20 and not any("cache damaged" in t for t in titles)
    assert (tmp_path / "d" / "cache.json").exists()  # nothing was found damaged
