"""User state is never lost: other processes, damaged and odd files, refused writes."""

from __future__ import annotations

import errno
import json
import subprocess
import sys
import threading
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from tui.store import Store
from tui.store.state import StarInfo, UserState
from tui.store.storage import InterProcessLock


def state(data_dir: Path) -> UserState:
    data_dir.mkdir(parents=True, exist_ok=True)
    return UserState(data_dir / "state.json", InterProcessLock(data_dir / ".lock"))


def star_in_another_process(data_dir: Path, *ids: str) -> None:
    subprocess.run(
        [sys.executable, "-m", "tui.cli", "--data-dir", str(data_dir), "star", *ids],
        check=True,
        capture_output=True,
    )


def stars_on_disk(data_dir: Path) -> set[str]:
    return set(state(data_dir).load().stars)


def test_star_then_another_process_stars_then_star_again_loses_nothing(tmp_path: Path) -> None:
    # 0.1.0: TinyDB's cached next id made the third star raise "Document with ID 2
    # already exists" (the browser crashed, the star was lost).
    data = tmp_path / "data"
    browser = state(data)
    browser.load()
    browser.set_starred([StarInfo("2501.00001", "", "")], True)
    star_in_another_process(data, "2501.00002")
    browser.set_starred([StarInfo("2501.00003", "", "")], True)
    assert stars_on_disk(data) == {"2501.00001", "2501.00002", "2501.00003"}


@pytest.mark.parametrize("what_happened", ["deleted", "emptied", "garbled"])
def test_state_file_gone_while_running_is_written_again_from_memory(
    tmp_path: Path, what_happened: str
) -> None:
    data = tmp_path / "data"
    browser = state(data)
    browser.load()
    browser.set_starred([StarInfo("2501.00001", "", "")], True)
    browser.set_read(["2501.00001", "2501.00009"], True)
    browser.set_note("2501.00001", "keep me")
    path = data / "state.json"
    if what_happened == "deleted":
        path.unlink()  # a sync tool, a clean-up script
    elif what_happened == "emptied":
        path.write_bytes(b"")
    else:
        path.write_bytes(b'{"stars": {"1": ')
    browser.set_starred([StarInfo("2501.00002", "", "")], True)
    assert stars_on_disk(data) == {"2501.00001", "2501.00002"}
    again = state(data).load()
    assert again.read == {"2501.00001", "2501.00009"}
    assert again.notes == {"2501.00001": "keep me"}


def test_two_browsers_marking_read_keep_each_others_marks(tmp_path: Path) -> None:
    data = tmp_path / "data"
    first, second = state(data), state(data)
    first.load()
    second.load()
    first.set_read(["a"], True)
    second.set_read(["b"], True)
    first.set_read(["c"], True)
    second.set_read(["d"], True, background=True)
    assert second.flush()
    assert state(data).load().read == {"a", "b", "c", "d"}
    assert first.load().read == {"a", "b", "c", "d"}


def test_background_writes_run_off_the_calling_thread_and_show_at_once(tmp_path: Path) -> None:
    user = state(tmp_path / "data")
    user.load()
    writers: list[str] = []
    original = user.storage.write

    def recording(data: dict[str, object]) -> None:
        writers.append(threading.current_thread().name)
        original(data)

    user.storage.write = recording  # type: ignore[method-assign]
    user.set_starred([StarInfo("k", "2025-01-01", "T")], True, background=True)
    assert "k" in user.snapshot.stars  # shown before it is written
    assert user.flush()
    assert writers == ["state-writer"]
    assert "k" in state(tmp_path / "data").load().stars


def test_a_refused_write_is_told_once_kept_in_memory_and_written_when_the_disk_recovers(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from tui.store import storage

    user = state(tmp_path / "data")
    user.load()
    failures: list[str] = []
    user.on_failure = failures.append
    real_write = storage.atomic_write

    def read_only(path: Path, data: bytes) -> None:
        raise OSError(errno.EROFS, "Read-only file system")

    monkeypatch.setattr(storage, "atomic_write", read_only)
    user.set_read(["one"], True, background=True)
    user.set_read(["two"], True, background=True)
    assert not user.flush(timeout=2)
    assert user.snapshot.read == {"one", "two"}
    assert len(failures) == 1 and "Read-only file system" in failures[0]
    monkeypatch.setattr(storage, "atomic_write", real_write)
    user.set_read(["three"], True, background=True)
    assert user.flush()
    assert state(tmp_path / "data").load().read == {"one", "two", "three"}


def test_non_numeric_ids_and_junk_documents_are_tolerated_and_kept(tmp_path: Path) -> None:
    data = tmp_path / "data"
    data.mkdir()
    odd = {
        "stars": {
            "x": {"key": "2501.00001", "date": "", "title": ""},
            "1": "not a document",
            "7": {"key": 5},
        },
        "read": {"abc": {"key": "2501.00009"}},
    }
    (data / "state.json").write_text(json.dumps(odd))
    star_in_another_process(data, "2501.00002")
    star_in_another_process(data, "2501.00003")
    tables = json.loads((data / "state.json").read_text())
    assert {d["key"] for d in tables["stars"].values() if isinstance(d, dict)} >= {
        "2501.00001",
        "2501.00002",
        "2501.00003",
    }
    assert tables["stars"]["1"] == "not a document"  # what we do not understand is left alone
    assert state(data).load().read == {"2501.00009"}


def test_concurrent_stars_on_a_damaged_file_lose_neither_stars_nor_the_original(tmp_path: Path) -> None:
    ids = [f"2501.{n:05d}" for n in range(6)]
    for trial in range(3):
        data = tmp_path / f"trial{trial}"
        data.mkdir()
        damaged = b'{"stars": {"1": {"key": "2401.0'  # truncated mid-write by something else
        (data / "state.json").write_bytes(damaged)
        with ThreadPoolExecutor(len(ids)) as pool:
            list(pool.map(star_in_another_process, [data] * len(ids), ids))
        assert stars_on_disk(data) == set(ids)
        asides = sorted(data.glob("state.json.damaged-*"))
        assert len(asides) == 1
        assert asides[0].read_bytes() == damaged


def test_setting_aside_never_overwrites_an_earlier_copy(tmp_path: Path) -> None:
    data = tmp_path / "data"
    for content in (b"garbage one", b"garbage two"):
        data.mkdir(exist_ok=True)
        (data / "state.json").write_bytes(content)
        user = state(data)
        user.load()
        assert user.warnings
    kept = sorted(p.read_bytes() for p in data.glob("state.json.damaged-*"))
    assert kept == [b"garbage one", b"garbage two"]


def test_old_state_files_load_unchanged(tmp_path: Path) -> None:
    data = tmp_path / "data"
    data.mkdir()
    old = {
        "stars": {"1": {"key": "2501.00001", "date": "2025-01-02", "title": "T", "at": 1.0}},
        "read": {"1": {"key": "2501.00001", "at": 1.0}},
        "notes": {"1": {"key": "2501.00001", "text": "mine", "at": 1.0}},
        "sources": {"1": {"path": "/x"}},
        "session": {"1": {"date": "2025-01-02", "key": "2501.00001", "filter": "unread"}},
    }
    (data / "state.json").write_text(json.dumps(old))
    snapshot = Store(data).state.load()
    assert snapshot.stars["2501.00001"].title == "T"
    assert snapshot.read == {"2501.00001"}
    assert snapshot.notes == {"2501.00001": "mine"}
    assert snapshot.sources == ["/x"]
    assert snapshot.session.filter == "unread"
