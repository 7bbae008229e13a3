"""The cache's record of one digest file, and reading a digest file into one.

A `CachedFile` holds what start-up needs of a file (its fingerprint, the
dates it lists, each paper's date and key) and its papers as one blob
(`tui.store.blobs`), decoded only when one of them is shown.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from typing import Any

from tui.digest.model import Problem
from tui.store.blobs import Blob, decode_blob, encode_blob
from tui.store.records import CompactPaper, encode_row, record_key
from tui.store.safe_io import UnreadableFile, read_regular


@dataclass(frozen=True, slots=True)
class CachedFile:
    """One digest file as the cache knows it; its papers stay encoded until asked for."""

    path: str
    size: int
    mtime_ns: int
    sha1: str
    dates: tuple[str, ...]
    problems: tuple[Problem, ...]
    paper_dates: list[str]
    paper_keys: list[str]
    blob: Blob

    @classmethod
    def parsed(
        cls,
        path: str,
        size: int,
        mtime_ns: int,
        sha1: str,
        dates: tuple[str, ...],
        problems: tuple[Problem, ...],
        papers: list[CompactPaper],
    ) -> CachedFile:
        """A freshly parsed file, its papers already encoded for the cache.

        Encoding here (in the parsing worker) means a pool sends back one string
        per file instead of thousands of small objects, and the writer has
        nothing left to serialise.
        """
        return cls(
            path,
            size,
            mtime_ns,
            sha1,
            dates,
            problems,
            [p["d"] for p in papers],
            [record_key(p) for p in papers],
            encode_blob(papers),
        )

    def papers(self) -> list[CompactPaper]:
        """Decode the file's compact papers; ValueError when the blob is damaged."""
        decoded = decode_blob(self.blob)
        if len(decoded) != len(self.paper_keys):
            raise ValueError(f"cached papers of {self.path} do not match its index")
        return decoded

    def with_stamp(self, size: int, mtime_ns: int) -> CachedFile:
        """The same content under a new size/mtime (a `touch`)."""
        return dataclasses.replace(self, size=size, mtime_ns=mtime_ns)

    def to_document(self, blob_at: tuple[int, int]) -> dict[str, Any]:
        """TinyDB document form for the "files" table; `blob_at` is where the blob was written."""
        return {
            "path": self.path,
            "size": self.size,
            "mtime_ns": self.mtime_ns,
            "sha1": self.sha1,
            "dates": list(self.dates),
            "problems": [[p.line, p.message] for p in self.problems],
            "paper_dates": self.paper_dates,
            "paper_keys": self.paper_keys,
            "blob_at": list(blob_at),
        }

    @classmethod
    def from_document(cls, doc: dict[str, Any], blob: Blob) -> CachedFile:
        """Inverse of `to_document`; raises KeyError/TypeError/ValueError on junk."""
        path = doc["path"]
        dates, keys = doc["paper_dates"], doc["paper_keys"]
        if not (
            isinstance(path, str)
            and isinstance(dates, list)
            and isinstance(keys, list)
            and len(dates) == len(keys)
            and all(isinstance(d, str) for d in dates)
            and all(isinstance(k, str) for k in keys)
        ):
            raise ValueError("malformed file record")
        return cls(
            path,
            int(doc["size"]),
            int(doc["mtime_ns"]),
            str(doc["sha1"]),
            tuple(str(d) for d in doc["dates"]),
            tuple(Problem(path, int(line), str(msg)) for line, msg in doc["problems"]),
            dates,
            keys,
            blob,
        )


def parse_for_cache(path: str, max_bytes: int) -> CachedFile:
    """Read, fingerprint and parse one digest file (runs in worker processes too).

    Only a regular file of at most `max_bytes` is read; anything else (a FIFO,
    a device, a file swapped for one) becomes a problem on an empty entry.
    """
    # Imported here: a run whose cache is current never needs the parser.
    import hashlib

    from tui.digest.reader import parse_bytes_rows

    try:
        data, info = read_regular(path, max_bytes)
    except UnreadableFile as error:
        return CachedFile.parsed(path, -1, -1, "", (), (Problem(path, 0, error.reason),), [])
    except OSError as error:
        problem = Problem(path, 0, f"cannot read: {error.strerror or error}")
        return CachedFile.parsed(path, -1, -1, "", (), (problem,), [])
    digest = parse_bytes_rows(data, path)
    return CachedFile.parsed(
        path,
        info.st_size,
        info.st_mtime_ns,
        hashlib.sha1(data).hexdigest(),
        digest.dates,
        digest.problems,
        [encode_row(row) for row in digest.rows],
    )
