"""Digest files -> cache.json, incrementally, by file fingerprint.

cache.json (a TinyDB file) holds one document per digest file:

    {"path", "size", "mtime_ns", "sha1",        the fingerprint
     "dates": [...],                            dates the file has headings for
     "problems": [[line, message], ...],
     "paper_dates": [...], "paper_keys": [...], one entry per paper, in order
     "papers": "<base64 of zlib of the compact papers' JSON>"}  see tui.store.records

A refresh stats every file, parses only those whose fingerprint changed
(hashing first, so a touched but unchanged file is not parsed again), drops
files that disappeared, and writes the cache once.  Deleting cache.json is
always safe: it is rebuilt from the digests, and so is a damaged one.

Why the papers are an opaque, compressed string: start-up needs every
file's fingerprint and the dates and keys of its papers (to list days and
merge them), but the titles and summaries of only the day on screen.  Kept
compressed, the text costs a fifth of the memory and of the parse at start
(50,000 papers: 74 MB of JSON and 0.13 s to parse, down to 38 MB and 0.05 s);
the Library decodes a file's papers when one is first needed.
"""

from __future__ import annotations

import base64
import binascii
import contextlib
import functools
import os
import zlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Final

import orjson
from tinydb import TinyDB

import tui.digest as digest_package
from tui.digest.model import Problem
from tui.store import records
from tui.store.records import CompactPaper, encode_paper, record_key
from tui.store.storage import AtomicJSONStorage, DamagedFile, InterProcessLock

if TYPE_CHECKING:  # the pool's modules load only for a large cold import
    import multiprocessing.context

SCHEMA: Final = 3
# Modules of tui.digest that do not decide what a file parses into; every
# other module there counts (a new parsing module can't be forgotten).
NON_PARSER_MODULES: Final = frozenset(("__init__", "cite", "discover", "export", "merge"))
# Below this many stale files a process pool costs more than it saves.
PARALLEL_THRESHOLD: Final = 150

Progress = Callable[[int, int], None]


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


def encode_blob(papers: list[CompactPaper]) -> str:
    """Compact papers -> the cache's text form: base64 of zlib-compressed JSON."""
    return base64.b64encode(zlib.compress(orjson.dumps(papers), 1)).decode("ascii")


def decode_blob(blob: str) -> list[CompactPaper]:
    """Inverse of `encode_blob`; raises ValueError when the blob is damaged."""
    try:
        decoded = orjson.loads(zlib.decompress(base64.b64decode(blob, validate=True)))
    except (ValueError, zlib.error, binascii.Error) as error:
        raise ValueError(f"damaged paper blob: {error}") from None
    if not isinstance(decoded, list):
        raise ValueError("damaged paper blob: not a list")
    return decoded


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
        blob: str,
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

    def to_document(self) -> dict[str, Any]:
        """TinyDB document form."""
        return {
            "path": self.path,
            "size": self.size,
            "mtime_ns": self.mtime_ns,
            "sha1": self.sha1,
            "dates": list(self.dates),
            "problems": [[p.line, p.message] for p in self.problems],
            "paper_dates": self.paper_dates,
            "paper_keys": self.paper_keys,
            "papers": self.blob,
        }

    @classmethod
    def from_document(cls, doc: dict[str, Any]) -> CachedFile:
        """Inverse of `to_document`; raises KeyError/TypeError/ValueError on junk."""
        path = doc["path"]
        dates, keys, blob = doc["paper_dates"], doc["paper_keys"], doc["papers"]
        if not (
            isinstance(path, str)
            and isinstance(blob, str)
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

    from tui.digest.reader import parse_bytes

    try:
        info = os.stat(path)
        data = Path(path).read_bytes()
    except OSError as error:
        problem = Problem(path, 0, f"cannot read: {error.strerror or error}")
        return CachedFile.parsed(path, -1, -1, "", (), (problem,), [])
    digest = parse_bytes(data, path)
    return CachedFile.parsed(
        path,
        info.st_size,
        info.st_mtime_ns,
        hashlib.sha1(data).hexdigest(),
        digest.dates,
        digest.problems,
        [encode_paper(p) for p in digest.papers],
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
        """Every cached file by path; a damaged or outdated cache reads as empty."""
        try:
            tables = self.storage.read() or {}
        except DamagedFile as damage:
            self._warn(f"{damage.path} was damaged ({damage.reason}); rebuilding it from the digests")
            return {}
        meta: object = next(iter(tables.get("meta", {}).values()), {})
        if (
            not isinstance(meta, dict)
            or meta.get("schema") != SCHEMA
            or meta.get("parser") != parser_version()
        ):
            return {}
        files: dict[str, CachedFile] = {}
        try:
            for doc in tables.get("files", {}).values():
                cached = CachedFile.from_document(doc)
                files[cached.path] = cached
        except (KeyError, TypeError, ValueError, IndexError, AttributeError):
            self._warn(f"{self.path} was damaged (malformed records); rebuilding it from the digests")
            return {}
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
                self.db.drop_tables()
                self.db.table("meta").insert({"schema": SCHEMA, "parser": parser_version()})
                self.db.table("files").insert_multiple(entry.to_document() for entry in kept.values())
        finally:
            self.storage.forget()  # the Library holds what it needs; free the raw tables
        report.warnings = self.warnings
        return [kept[n] for n in names], report


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


def _worker_context() -> multiprocessing.context.BaseContext:
    """How to start parse workers: fork when this process has one thread.

    Forking copies every thread's locks but not the threads; with another
    thread alive (the browser imports Textual meanwhile) a forked worker could
    wait forever on one, so then workers fork from a clean server process.
    """
    import multiprocessing
    import threading

    method = "fork" if threading.active_count() == 1 else "forkserver"
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
    workers = min(os.cpu_count() or 1, 8)
    if total >= PARALLEL_THRESHOLD and workers > 1:
        from concurrent.futures import ProcessPoolExecutor  # only cold imports pay for it

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
