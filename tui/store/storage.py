"""A TinyDB `Storage` that cannot corrupt its file, and the lock writers share.

TinyDB's default JSONStorage re-reads and re-parses the whole file on every
operation and rewrites it in place, so a crash mid-write leaves half a file.
This storage instead

* keeps the last snapshot in memory and re-reads only when the file changed
  on disk (another process wrote it), parsing with orjson;
* writes a temporary file in the same directory, fsyncs it and `os.replace`s
  it over the old one, so readers see the old file or the new one, never a mix;
* batches: inside `transaction()` TinyDB's many small writes become one, and
  the inter-process lock is held so two processes never interleave
  read-modify-write cycles.

A file that cannot be parsed raises `DamagedFile`; callers decide whether to
rebuild (the cache) or set it aside (user state).
"""

from __future__ import annotations

import contextlib
import os
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import orjson
from tinydb.storages import Storage

from tui.gcpause import paused_gc
from tui.store.safe_io import UnreadableFile, read_store_file

try:  # POSIX; on other systems writers are serialised within one process only.
    import fcntl
except ImportError:  # pragma: no cover - exercised only off POSIX
    fcntl = None  # type: ignore[assignment]

TEMP_SUFFIX = ".tmp"


class DamagedFile(Exception):
    """A storage file exists but does not hold a TinyDB document set."""

    def __init__(self, path: Path, reason: str) -> None:
        super().__init__(f"{path}: {reason}")
        self.path = path
        self.reason = reason


class InterProcessLock:
    """An exclusive POSIX record lock (`lockf`) on a lock file, re-entrant in-process.

    `lockf` rather than `flock`: a record lock belongs to the process, so the
    worker processes an import forks do not inherit it, and it is released the
    moment its holder dies, even by SIGKILL.  The lock file is never removed.
    """

    def __init__(self, path: Path) -> None:
        self.path = path
        self._thread_lock = threading.RLock()
        self._depth = 0
        self._handle: int | None = None

    def __enter__(self) -> InterProcessLock:
        self._thread_lock.acquire()
        try:
            if self._depth == 0:
                self._handle = self._open()
                if fcntl is not None and self._handle is not None:
                    fcntl.lockf(self._handle, fcntl.LOCK_EX)
        except BaseException:
            self._thread_lock.release()
            raise
        self._depth += 1
        return self

    def _open(self) -> int | None:
        """The lock file, open for writing; None where none can be made (a read-only dir).

        Then nothing can be written there either, so readers go on unlocked and
        a writer fails on its write, which says why.
        """
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            return os.open(self.path, os.O_RDWR | os.O_CREAT | getattr(os, "O_CLOEXEC", 0), 0o644)
        except OSError:
            return None

    def __exit__(self, *exc: object) -> None:
        self._depth -= 1
        if self._depth == 0 and self._handle is not None:
            if fcntl is not None:
                fcntl.lockf(self._handle, fcntl.LOCK_UN)
            os.close(self._handle)
            self._handle = None
        self._thread_lock.release()


def atomic_write(path: Path, data: bytes) -> None:
    """Replace `path` with `data` so that no reader ever sees a partial file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    temp = path.with_name(f".{path.name}.{os.getpid()}.{threading.get_ident()}{TEMP_SUFFIX}")
    try:
        with open(temp, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temp, path)
    except OSError as error:
        with contextlib.suppress(OSError):
            temp.unlink()
        # Name the file the user knows, not the hidden temp file beside it.
        raise type(error)(error.errno, error.strerror, str(path)) from error
    except BaseException:
        with contextlib.suppress(OSError):
            temp.unlink()
        raise
    with contextlib.suppress(OSError):  # make the rename itself durable
        directory = os.open(path.parent, os.O_RDONLY)
        try:
            os.fsync(directory)
        finally:
            os.close(directory)


def remove_stray_temps(path: Path) -> int:
    """Delete temp files a killed writer left beside `path`; call under the lock."""
    removed = 0
    for stray in path.parent.glob(f".{path.name}.*{TEMP_SUFFIX}"):
        with contextlib.suppress(OSError):
            stray.unlink()
            removed += 1
    return removed


def load_json_file(path: Path) -> dict[str, Any] | None:
    """Parse a TinyDB file; None when missing or empty; `DamagedFile` when garbage.

    A path that is not a regular file (a FIFO, a directory, a device) is damaged too.
    """
    try:
        raw = read_store_file(path)
    except UnreadableFile as error:
        raise DamagedFile(path, error.reason) from None
    if raw is None:
        return None
    if not raw.strip():
        return None
    try:
        with paused_gc():
            data = orjson.loads(raw)
    except orjson.JSONDecodeError as error:
        raise DamagedFile(path, f"not valid JSON ({error})") from None
    if not isinstance(data, dict) or not all(isinstance(t, dict) for t in data.values()):
        raise DamagedFile(path, "not a TinyDB database (expected tables of documents)")
    return data


class AtomicJSONStorage(Storage):
    """TinyDB storage: orjson, atomic replace, in-memory snapshot, batched writes."""

    def __init__(self, path: str | Path, lock: InterProcessLock | None = None) -> None:
        self.path = Path(path)
        self.lock = lock or InterProcessLock(self.path.with_name(self.path.name + ".lock"))
        self._data: dict[str, Any] | None = None
        self._stamp: tuple[int, int, int, int] | None = None
        self._batch_depth = 0
        self._dirty = False

    def _disk_stamp(self) -> tuple[int, int, int, int] | None:
        try:
            info = os.stat(self.path)
        except FileNotFoundError:
            return None
        return (info.st_mtime_ns, info.st_ctime_ns, info.st_size, info.st_ino)

    def changed_on_disk(self) -> bool:
        """True when the file is not the version held in memory (another process wrote it).

        Each write replaces the file (a new inode), so any other writer shows.
        """
        return self._data is None or self._disk_stamp() != self._stamp

    def read(self) -> dict[str, Any] | None:
        """The current document set; re-parsed only when the file changed."""
        if self._batch_depth and self._data is not None:
            return self._data
        stamp = self._disk_stamp()
        if self._data is not None and stamp == self._stamp:
            return self._data
        self._data = load_json_file(self.path)
        self._stamp = stamp
        return self._data

    def write(self, data: dict[str, Any]) -> None:
        """Store `data`; inside a transaction the disk write waits for its end."""
        self._data = data
        if self._batch_depth:
            self._dirty = True
            return
        with self.lock:
            self._flush()

    def _flush(self) -> None:
        if self._data is None:
            return
        atomic_write(self.path, orjson.dumps(self._data))
        self._stamp = self._disk_stamp()
        self._dirty = False

    @contextlib.contextmanager
    def transaction(self) -> Iterator[AtomicJSONStorage]:
        """Hold the lock, read fresh, and write once at the end (nothing on error)."""
        with self.lock:
            if self._batch_depth == 0:
                remove_stray_temps(self.path)
                self._data = None  # another process may have written since
            self._batch_depth += 1
            try:
                yield self
            except BaseException:
                self._batch_depth -= 1
                if self._batch_depth == 0:
                    self._data, self._dirty = None, False
                raise
            self._batch_depth -= 1
            if self._batch_depth == 0 and self._dirty:
                self._flush()

    def tidy(self) -> None:
        """Remove temp files a killed writer left beside the file (under the lock, only if any)."""
        if next(self.path.parent.glob(f".{self.path.name}.*{TEMP_SUFFIX}"), None) is not None:
            with self.lock:
                remove_stray_temps(self.path)

    def forget(self) -> None:
        """Drop the in-memory snapshot (the next read goes to disk)."""
        if not self._batch_depth:
            self._data, self._stamp = None, None

    def close(self) -> None:
        """Nothing is held open between operations."""
