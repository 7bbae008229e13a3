"""Digest files -> cache.json, incrementally, by file fingerprint.

cache.json (a TinyDB file) has three tables, written in this order:

    "papers": {"path", "blob": "<base64 of zstd of the compact papers' JSON>"}
              one per digest file; see tui.store.records
    "files":  {"path", "size", "mtime_ns", "sha1",        the fingerprint
               "dates": [...],                            dates it has headings for
               "problems": [[line, message], ...],
               "paper_dates": [...], "paper_keys": [...], one entry per paper
               "blob_at": [start, end]}                   where its blob sits
    "meta":   {"schema", "parser"}

A refresh stats every file, parses only those whose fingerprint changed
(hashing first, so a touched but unchanged file is not parsed again), drops
files that disappeared, and writes the cache once.  Deleting cache.json is
always safe: it is rebuilt from the digests, and so is a damaged one.

Why this shape: start-up needs every file's fingerprint and the dates and
keys of its papers (to list days and merge them), but the titles and
summaries of only the day on screen.  So the papers are compressed blobs,
and they come first: a start-up reads and parses only the index at the end
of the file ("files" and "meta", ~3 MB at 50,000 papers) and reads a file's
blob by its byte range (`blob_at`) when the Library first needs it.
Parsing the whole file (30-40 MB at 50,000 papers) took ~100 ms of a warm
start; the index alone takes ~10.  It is still one TinyDB file: anything
that rewrites it in another layout just means one full parse, and a
damaged blob means reading that digest again.
"""

from __future__ import annotations

import base64
import binascii
import contextlib
import functools
import os
import threading
import weakref
import zlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Final

import orjson
import zstandard
from tinydb import TinyDB

import tui.digest as digest_package
from tui.digest.model import Problem
from tui.store import records
from tui.store.gcpause import paused_gc
from tui.store.records import CompactPaper, encode_row, record_key
from tui.store.storage import AtomicJSONStorage, DamagedFile, InterProcessLock

if TYPE_CHECKING:  # the pool's modules load only for a large cold import
    import multiprocessing.context

SCHEMA: Final = 5
# Modules of tui.digest that do not decide what the cache holds: not parsing
# code, or parsing whose results are not cached (sections and follow-ups are
# parsed when a paper is built).  Every other module there counts, so a new
# parsing module can't be forgotten.
NON_PARSER_MODULES: Final = frozenset(
    ("__init__", "cite", "discover", "export", "merge", "summary", "layouts", "prose", "spans", "followups")
)
# Below this many stale files a process pool costs more than it saves.
PARALLEL_THRESHOLD: Final = 150

Progress = Callable[[int, int], None]
# Where the index starts: the "files" table follows the blobs.  The sequence
# cannot occur inside a JSON string (its quotes would be escaped), and no
# document has a key "files", so the last occurrence is the table.
_INDEX_MARK: Final = b',"files":{'
# The index is looked for in the file's last MiB first, then in larger tails.
_INDEX_TAIL: Final = 1 << 20


class ByteRanges:
    """Read-only access to byte ranges of one version of cache.json.

    Keeps the file open and reads with `os.pread`, so a blob is one system
    call and this version stays readable after a writer replaces the file
    (the open descriptor keeps the old inode).  Not a memory map: a file
    truncated underneath would kill a mapping's reader with SIGBUS, whereas a
    short read is just a damaged blob.  Where `pread` is missing (Windows,
    which also cannot replace an open file) the whole file is read instead.
    """

    def __init__(self, path: Path) -> None:
        self._data: bytes | None = None
        if hasattr(os, "pread"):
            self._fd = os.open(path, os.O_RDONLY | getattr(os, "O_CLOEXEC", 0))
            weakref.finalize(self, os.close, self._fd)
            self.size = os.fstat(self._fd).st_size
        else:
            self._data = path.read_bytes()
            self.size = len(self._data)

    def read(self, start: int, end: int) -> bytes:
        """Bytes `start` to `end` (fewer if the file is shorter)."""
        if self._data is not None:
            return self._data[start:end]
        return os.pread(self._fd, max(0, end - start), start)


# A blob still in memory (just parsed), or the byte range of cache.json holding it.
Blob = str | tuple[ByteRanges, int, int]


@functools.cache
def parser_version() -> str:
    """A hash of the reader's own source: any change to parsing re-parses caches.

    Cheaper and safer than a hand-bumped number (~1 ms, once per run).  A
    CRC, not a cryptographic hash: it only has to notice an edit, and start-up
    then needs no hashlib.
    """
    digest = zlib.crc32(str(SCHEMA).encode())
    package = Path(digest_package.__file__).parent
    parsing = [p for p in sorted(package.glob("*.py")) if p.stem not in NON_PARSER_MODULES]
    sources = [*parsing, Path(records.__file__)]
    for source in sources:
        with contextlib.suppress(OSError):
            digest = zlib.crc32(source.read_bytes(), digest)
    return f"{digest:08x}"


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
    if not isinstance(decoded, list):
        raise ValueError("damaged paper blob: not a list")
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


class CachedFile:
    """The cache's record of one digest file; its papers stay encoded until asked for."""

    __slots__ = ("blob", "dates", "mtime_ns", "paper_dates", "paper_keys", "path", "problems", "sha1", "size")

    def __init__(
        self,
        path: str,
        size: int,
        mtime_ns: int,
        sha1: str,
        dates: tuple[str, ...],
        problems: tuple[Problem, ...],
        paper_dates: list[str],
        paper_keys: list[str],
        blob: Blob,
    ) -> None:
        self.path = path
        self.size = size
        self.mtime_ns = mtime_ns
        self.sha1 = sha1
        self.dates = dates
        self.problems = problems
        self.paper_dates = paper_dates
        self.paper_keys = paper_keys
        self.blob = blob

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
        """Decode the file's compact papers (the Library keeps recent ones)."""
        decoded = decode_blob(self.blob)
        if len(decoded) != len(self.paper_keys):
            raise ValueError(f"cached papers of {self.path} do not match its index")
        return decoded

    def with_stamp(self, size: int, mtime_ns: int) -> CachedFile:
        """The same content under a new size/mtime (a `touch`)."""
        return CachedFile(
            self.path,
            size,
            mtime_ns,
            self.sha1,
            self.dates,
            self.problems,
            self.paper_dates,
            self.paper_keys,
            self.blob,
        )

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


@dataclass
class RefreshReport:
    """What a refresh did, for the `import` summary and the TUI's notices."""

    files: int = 0
    parsed: int = 0
    removed: int = 0
    warnings: list[str] = field(default_factory=list)  # about the cache itself


def parse_for_cache(path: str) -> CachedFile:
    """Read, fingerprint and parse one digest file (runs in worker processes too)."""
    # Imported here: a run whose cache is current never needs the parser.
    import hashlib

    from tui.digest.reader import parse_bytes_rows

    try:
        info = os.stat(path)
        data = Path(path).read_bytes()
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


class DigestCache:
    """cache.json: parsed digests by file, refreshed incrementally."""

    def __init__(self, path: Path, lock: InterProcessLock) -> None:
        self.path = path
        self.storage = AtomicJSONStorage(path, lock)
        self.db = TinyDB(path, storage=lambda _path: self.storage)
        self.warnings: list[str] = []

    def _warn(self, message: str) -> None:
        if message not in self.warnings:
            self.warnings.append(message)

    def load(self) -> dict[str, CachedFile]:
        """Every cached file by path; a damaged or outdated cache reads as empty.

        The index at the end of the file is all that is parsed; blobs stay on
        disk until asked for.  A file whose index cannot be found that way is
        parsed whole, which also tells a damaged file from an outdated one.
        """
        with contextlib.suppress(OSError, *_MALFORMED):
            index = self._load_index()
            if index is not None:
                return index
        try:
            tables = self.storage.read() or {}
        except DamagedFile as damage:
            self._warn(f"{damage.path} was damaged ({damage.reason}); rebuilding it from the digests")
            return {}
        if not _current(tables):
            return {}
        blobs = {doc.get("path"): doc.get("blob") for doc in tables.get("papers", {}).values()}
        files: dict[str, CachedFile] = {}
        try:
            for doc in tables.get("files", {}).values():
                blob = blobs.get(doc["path"])
                if not isinstance(blob, str):
                    raise ValueError("no blob")
                cached = CachedFile.from_document(doc, blob)
                files[cached.path] = cached
        except _MALFORMED:
            self._warn(f"{self.path} was damaged (malformed records); rebuilding it from the digests")
            return {}
        return files

    def _load_index(self) -> dict[str, CachedFile] | None:
        """The index parsed from the file's tail; None when it is not there to find."""
        try:
            source = ByteRanges(self.path)
        except FileNotFoundError:
            return {}
        tail_size = _INDEX_TAIL
        while True:
            start = max(0, source.size - tail_size)
            tail = source.read(start, source.size)
            at = tail.rfind(_INDEX_MARK)
            if at >= 0:
                break
            if start == 0:
                return None
            tail_size *= 8
        with paused_gc():
            tables = orjson.loads(b"{" + tail[at + 1 :])
        if not _current(tables):
            return {}
        files: dict[str, CachedFile] = {}
        for doc in tables["files"].values():
            blob_start, blob_end = doc["blob_at"]
            cached = CachedFile.from_document(doc, (source, int(blob_start), int(blob_end)))
            files[cached.path] = cached
        return files

    def refresh(
        self, paths: Sequence[str | Path], progress: Progress | None = None
    ) -> tuple[list[CachedFile], RefreshReport]:
        """Bring the cache up to date for `paths` (digest files, in order); return them.

        With nothing stale this only stats files and takes no lock.  Otherwise it
        locks, re-reads (another process may have just done the work), parses
        what is still stale and writes the cache once.  Entries for other files
        that still exist are kept (another run's sources, a one-off export), so
        concurrent runs with different paths never undo each other's work;
        entries whose file is gone are dropped.
        """
        names = [os.fspath(p) for p in paths]
        report = RefreshReport(files=len(names))
        try:
            cached = self.load()
            stale, touched = _stale(names, cached)
            if not stale and not touched:
                report.warnings = self.warnings
                return [cached[n] for n in names], report
            with self.storage.transaction():
                cached = self.load()
                stale, _ = _stale(names, cached)
                fresh = _parse_all(stale, progress)
                report.parsed = len(fresh)
                cached.update(fresh)
                wanted = set(names)
                kept = {
                    path: entry for path, entry in cached.items() if path in wanted or os.path.exists(path)
                }
                report.removed = len(cached) - len(kept)
                self._write(kept)
        finally:
            self.storage.forget()  # the Library holds what it needs; free the raw tables
        report.warnings = self.warnings
        return [kept[n] for n in names], report

    def _write(self, kept: dict[str, CachedFile]) -> None:
        """Replace the tables (in a transaction): blobs first, then the index, then meta.

        An entry whose blob cannot be read back is parsed again (and replaced in `kept`).
        """
        texts = []
        for path, entry in kept.items():
            try:
                texts.append(blob_text(entry.blob))
            except ValueError:  # damaged on disk since it was indexed: read the digest again
                kept[path] = parse_for_cache(path)
                texts.append(blob_text(kept[path].blob))
        entries = list(kept.values())
        self.db.drop_tables()
        self.db.table("papers").insert_multiple(
            {"path": entry.path, "blob": text} for entry, text in zip(entries, texts, strict=True)
        )
        spans = _blob_spans(self.storage.read() or {})
        self.db.table("files").insert_multiple(
            entry.to_document(span) for entry, span in zip(entries, spans, strict=True)
        )
        self.db.table("meta").insert({"schema": SCHEMA, "parser": parser_version()})


_MALFORMED: Final = (KeyError, TypeError, ValueError, IndexError, AttributeError)


def _current(tables: dict[str, Any]) -> bool:
    """True when `tables` were written by this schema and this parser."""
    meta: object = next(iter(tables.get("meta", {}).values()), {})
    return isinstance(meta, dict) and meta.get("schema") == SCHEMA and meta.get("parser") == parser_version()


def _blob_spans(tables: dict[str, Any]) -> list[tuple[int, int]]:
    """Where each blob of the "papers" table will sit in cache.json, in order.

    The storage writes compact JSON (orjson), tables in the order they were
    created, "papers" first, and each document's keys in insertion order, so
    the file begins `{"papers":{"1":{"path":…,"blob":"…"},"2":…` and every
    offset follows from the lengths before it.  (A wrong offset could only
    mean a blob that fails its check and is read again from the digest.)
    """
    spans = []
    position = len(b'{"papers":{')
    for number, (doc_id, doc) in enumerate(tables["papers"].items()):
        if number:
            position += 1  # the comma between documents
        position += len(orjson.dumps(doc_id)) + len(b':{"path":') + len(orjson.dumps(doc["path"]))
        position += len(b',"blob":"')
        spans.append((position, position + len(doc["blob"])))
        position += len(doc["blob"]) + len(b'"}')
    return spans


def _stale(names: Sequence[str], cached: dict[str, CachedFile]) -> tuple[list[str], int]:
    """Files that are new or changed, and how many were only touched.

    Size and mtime equal -> current; otherwise the content hash decides, so a
    `touch` costs a hash (and a cache write), not a parse.  Touched entries are
    updated in `cached` in place.
    """
    stale = []
    touched = 0
    for name in names:
        entry = cached.get(name)
        try:
            info = os.stat(name)
        except OSError:
            stale.append(name)
            continue
        if entry is None:
            stale.append(name)
        elif (info.st_size, info.st_mtime_ns) != (entry.size, entry.mtime_ns):
            if info.st_size == entry.size and _sha1(name) == entry.sha1:
                cached[name] = entry.with_stamp(info.st_size, info.st_mtime_ns)
                touched += 1
            else:
                stale.append(name)
    return stale, touched


def _sha1(name: str) -> str:
    import hashlib  # only a touched file needs it; start-up does not

    try:
        return hashlib.sha1(Path(name).read_bytes()).hexdigest()
    except OSError:
        return ""


def _exit_with_parent(parent: int) -> None:
    """In a worker: exit when the importing process dies (even by SIGKILL)."""
    import threading
    import time

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(0.5)
        os._exit(1)

    threading.Thread(target=watch, daemon=True).start()


def worker_count() -> int:
    """How many worker processes a bulk job uses: one per core, at most eight."""
    return min(os.cpu_count() or 1, 8)


def fork_is_safe() -> bool:
    """True when worker processes may be forked from this one.

    Forking copies every thread's locks but not the threads; with another
    thread alive (the browser's workers, say) a forked child could wait
    forever on one.  And some platforms cannot fork at all.
    """
    import multiprocessing
    import threading

    return threading.active_count() == 1 and "fork" in multiprocessing.get_all_start_methods()


def _worker_context() -> multiprocessing.context.BaseContext:
    """How to start parse workers: fork when that is safe, else from a clean server process."""
    import multiprocessing

    method = "fork" if fork_is_safe() else "forkserver"
    if method not in multiprocessing.get_all_start_methods():
        method = "spawn"  # macOS without fork, Windows
    context = multiprocessing.get_context(method)
    if method == "forkserver":
        context.set_forkserver_preload(["tui.store.cache", "tui.digest.reader"])
    return context


def _parse_all(names: list[str], progress: Progress | None) -> dict[str, CachedFile]:
    """Parse files, across processes when there are many (2 cores halve a cold import)."""
    results: dict[str, CachedFile] = {}
    total = len(names)
    workers = worker_count()
    if total >= PARALLEL_THRESHOLD and workers > 1:
        # Forked workers inherit what is imported here instead of each importing it.
        import hashlib  # noqa: F401
        from concurrent.futures import ProcessPoolExecutor  # only cold imports pay for it

        import tui.digest.reader  # noqa: F401

        chunk = max(8, total // (workers * 8))
        with ProcessPoolExecutor(
            max_workers=workers,
            mp_context=_worker_context(),
            initializer=_exit_with_parent,
            initargs=(os.getpid(),),
        ) as pool:
            for done, cached in enumerate(pool.map(parse_for_cache, names, chunksize=chunk), start=1):
                results[cached.path] = cached
                if progress:
                    progress(done, total)
        return results
    for done, name in enumerate(names, start=1):
        results[name] = parse_for_cache(name)
        if progress:
            progress(done, total)
    return results
