"""A file's papers as one compressed blob, and reading blobs by byte range.

A blob is the base64 of zstd-compressed JSON of a file's compact papers
(`tui.store.records`).  In cache.json each blob is one JSON string; start-up
parses only the index that follows the blobs and reads a file's blob by its
byte range (`ByteRanges`) when one of its papers is first needed.
"""

from __future__ import annotations

import base64
import binascii
import os
import threading
import weakref
from pathlib import Path

import orjson
import zstandard

from tui.store.records import CompactPaper
from tui.store.safe_io import MAX_STORE_BYTES, open_regular


class ByteRanges:
    """Read-only access to byte ranges of one version of cache.json.

    Keeps the file open and reads with `os.pread`, so a blob is one system
    call and this version stays readable after a writer replaces the file
    (the open descriptor keeps the old inode).  Not a memory map: a file
    truncated underneath would kill a mapping's reader with SIGBUS, whereas a
    short read is just a damaged blob.  Where `pread` is missing (Windows,
    which also cannot replace an open file) the whole file is read instead.
    Opened through `open_regular`: a cache.json that is a FIFO or a device
    is refused, not waited on.
    """

    def __init__(self, path: Path) -> None:
        self._data: bytes | None = None
        fd, info = open_regular(path, MAX_STORE_BYTES)
        self.size = info.st_size
        if hasattr(os, "pread"):
            self._fd = fd
            weakref.finalize(self, os.close, fd)
        else:  # pragma: no cover - Windows
            with os.fdopen(fd, "rb") as handle:
                self._data = handle.read()

    def read(self, start: int, end: int) -> bytes:
        """Bytes `start` to `end` (fewer if the file is shorter)."""
        if self._data is not None:
            return self._data[start:end]
        return os.pread(self._fd, max(0, end - start), start)


# A blob still in memory (just parsed), or the byte range of cache.json holding it.
Blob = str | tuple[ByteRanges, int, int]


class _Codecs(threading.local):
    """zstd contexts, one per thread.

    They are not thread-safe, and making one per call would cost more than
    compressing a small file.
    """

    def __init__(self) -> None:
        # Level 1: three times as fast as zlib's fastest and as small as its default.
        self.compressor = zstandard.ZstdCompressor(level=1)
        self.decompressor = zstandard.ZstdDecompressor()


_codecs = _Codecs()


def encode_blob(papers: list[CompactPaper]) -> str:
    """Compact papers -> the cache's text form: base64 of zstd-compressed JSON."""
    return base64.b64encode(_codecs.compressor.compress(orjson.dumps(papers))).decode("ascii")


def decode_blob(blob: Blob) -> list[CompactPaper]:
    """Inverse of `encode_blob`; raises ValueError when the blob is damaged."""
    try:
        packed = base64.b64decode(_blob_bytes(blob), validate=True)
        decoded = orjson.loads(_codecs.decompressor.decompress(packed))
    except (ValueError, zstandard.ZstdError, binascii.Error) as error:
        raise ValueError(f"damaged paper blob: {error}") from None
    if not isinstance(decoded, list) or not all(isinstance(p, dict) for p in decoded):
        raise ValueError("damaged paper blob: not a list of papers")
    return decoded


def _blob_bytes(blob: Blob) -> bytes | str:
    if isinstance(blob, str):
        return blob
    source, start, end = blob
    # Read with the quotes around it: the range must be exactly one JSON string.
    quoted = source.read(start - 1, end + 1) if start > 0 else b""
    if len(quoted) != end - start + 2 or quoted[0] != 0x22 or quoted[-1] != 0x22:
        raise ValueError("damaged paper blob: its byte range does not hold a string")
    return quoted[1:-1]


def blob_text(blob: Blob) -> str:
    """The blob as the string stored in cache.json; ValueError when damaged."""
    data = _blob_bytes(blob)
    return data if isinstance(data, str) else data.decode("ascii")  # base64 is ASCII
