"""Reading files that may not be what their names say.

A path can be a FIFO (reading it waits forever for a writer), a device
(`/dev/zero` never ends), a symlink to either, or a file swapped for one of
those between a check and the read.  Everything paperbrowse reads from disk
(digests, cache.json, state.json) is opened here: without blocking, checked
to be a regular file on the open descriptor itself (no window for a swap),
and read to a size limit.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path
from typing import Final

MAX_FILE_ENV: Final = "PAPERBROWSE_MAX_FILE_MB"
# A day's digest is ~30 KB and the upstream README with every day ~6 MB.
DEFAULT_MAX_DIGEST_BYTES: Final = 64 * 1024 * 1024
# cache.json at 50,000 papers is ~40 MB; state.json with 900,000 read marks ~40 MB.
MAX_STORE_BYTES: Final = 1024 * 1024 * 1024
_READ_CHUNK: Final = 1 << 20


def mebibytes(size: int) -> str:
    """`size` bytes as the limits are given: "64 MiB", "0.3 MiB" (never "67 MB" for 64 MiB)."""
    value = size / (1024 * 1024)
    return f"{value:,.0f} MiB" if value >= 10 else f"{value:,.1f} MiB"


class UnreadableFile(OSError):
    """A path that is not a regular file, or is over the size limit; `reason` says which."""

    def __init__(self, path: str | os.PathLike[str], reason: str) -> None:
        super().__init__(reason)
        self.filename = os.fspath(path)
        self.reason = reason

    def __str__(self) -> str:
        return f"{self.filename}: {self.reason}"


def max_digest_bytes() -> int:
    """The size limit for one digest file: `$PAPERBROWSE_MAX_FILE_MB` MiB, else 64.

    Raises ValueError (with a sentence for the user) when the setting is not a
    positive whole number.
    """
    raw = os.environ.get(MAX_FILE_ENV, "").strip()
    if not raw:
        return DEFAULT_MAX_DIGEST_BYTES
    if not raw.isdigit() or int(raw) == 0:
        raise ValueError(f"{MAX_FILE_ENV}={raw!r} must be a whole number of MiB, at least 1")
    return int(raw) * 1024 * 1024


def kind_of(mode: int) -> str:
    """'a directory', 'a FIFO (named pipe)' … for a file mode that is not a regular file."""
    for test, name in (
        (stat.S_ISDIR, "a directory"),
        (stat.S_ISFIFO, "a FIFO (named pipe)"),
        (stat.S_ISCHR, "a character device"),
        (stat.S_ISBLK, "a block device"),
        (stat.S_ISSOCK, "a socket"),
    ):
        if test(mode):
            return name
    return "not a regular file"


def open_regular(path: str | os.PathLike[str], max_bytes: int) -> tuple[int, os.stat_result]:
    """An open read-only descriptor on `path` and its stat, if it is a regular file within `max_bytes`.

    Opened with O_NONBLOCK so a FIFO cannot hang the open itself; the checks
    are made on the descriptor, so the file cannot be swapped in between.
    Raises `UnreadableFile`, or OSError as `open` does (missing, no permission).
    """
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0)
    fd = os.open(path, flags)
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise UnreadableFile(path, f"is {kind_of(info.st_mode)}, not a file; skipped")
        if info.st_size > max_bytes:
            raise UnreadableFile(
                path, f"is {mebibytes(info.st_size)}, over the {mebibytes(max_bytes)} limit; skipped"
            )
    except BaseException:
        os.close(fd)
        raise
    return fd, info


def read_regular(path: str | os.PathLike[str], max_bytes: int) -> tuple[bytes, os.stat_result]:
    """The bytes of a regular file and its stat; `UnreadableFile` for anything else.

    A file that grows past `max_bytes` while being read is refused too.
    """
    fd, info = open_regular(path, max_bytes)
    try:
        chunks = []
        total = 0
        while True:
            chunk = os.read(fd, _READ_CHUNK)
            if not chunk:
                break
            total += len(chunk)
            if total > max_bytes:
                raise UnreadableFile(path, f"grew past the {mebibytes(max_bytes)} limit while read; skipped")
            chunks.append(chunk)
    finally:
        os.close(fd)
    return b"".join(chunks), info


def read_store_file(path: Path) -> bytes | None:
    """A store file's bytes (cache.json, state.json); None when it does not exist."""
    try:
        data, _ = read_regular(path, MAX_STORE_BYTES)
    except FileNotFoundError:
        return None
    return data
