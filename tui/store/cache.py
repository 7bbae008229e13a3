"""Digest files -> cache.json, incrementally, by file fingerprint.

cache.json (a TinyDB file) holds one document per digest file: its
fingerprint (size, mtime, SHA-1), the dates it covers, its problems and its
papers in compact form (`tui.store.records`).  A refresh stats every file,
parses only those whose fingerprint changed (hashing first, so a touched but
unchanged file is not parsed again), drops files that disappeared, and writes
the cache once.  Deleting cache.json is always safe: it is rebuilt from the
digests.  A damaged cache is rebuilt the same way, with a warning.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import os
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Final

from tinydb import TinyDB

import tui.digest as digest_package
from tui.digest.model import Problem
from tui.digest.reader import decode, parse_text
from tui.store import records
from tui.store.records import CompactPaper, encode_paper
from tui.store.storage import AtomicJSONStorage, DamagedFile, InterProcessLock

SCHEMA: Final = 1


@functools.cache
def parser_version() -> str:
    """A hash of the reader's own source: any change to parsing re-parses caches.

    Cheaper and safer than a hand-bumped number (~1 ms, once per run).
    """
    digest = hashlib.sha1(str(SCHEMA).encode())
    sources = sorted(Path(digest_package.__file__).parent.glob("*.py")) + [Path(records.__file__)]
    for source in sources:
        with contextlib.suppress(OSError):
            digest.update(source.read_bytes())
    return digest.hexdigest()[:16]
# Below this many stale files a process pool costs more than it saves.
PARALLEL_THRESHOLD: Final = 150

Progress = Callable[[int, int], None]


@dataclass(frozen=True, slots=True)
class CachedFile:
    """The cache's record of one digest file."""

    path: str
    size: int
    mtime_ns: int
    sha1: str
    dates: tuple[str, ...]
    problems: tuple[Problem, ...]
    papers: tuple[CompactPaper, ...]

    def to_document(self) -> dict[str, Any]:
        """TinyDB document form."""
        return {
            "path": self.path,
            "size": self.size,
            "mtime_ns": self.mtime_ns,
            "sha1": self.sha1,
            "dates": list(self.dates),
            "problems": [[p.line, p.message] for p in self.problems],
            "papers": list(self.papers),
        }

    @classmethod
    def from_document(cls, doc: dict[str, Any]) -> CachedFile:
        """Inverse of `to_document`; raises KeyError/TypeError/ValueError on junk."""
        path = str(doc["path"])
        papers = doc["papers"]
        if not isinstance(papers, list) or not all(isinstance(p, dict) and "t" in p for p in papers):
            raise ValueError("papers malformed")
        return cls(
            path=path,
            size=int(doc["size"]),
            mtime_ns=int(doc["mtime_ns"]),
            sha1=str(doc["sha1"]),
            dates=tuple(str(d) for d in doc["dates"]),
            problems=tuple(Problem(path, int(line), str(msg)) for line, msg in doc["problems"]),
            papers=tuple(papers),
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
    try:
        info = os.stat(path)
        data = Path(path).read_bytes()
    except OSError as error:
        problem = Problem(path, 0, f"cannot read: {error.strerror or error}")
        return CachedFile(path, -1, -1, "", (), (problem,), ())
    text, problems = decode(data, path)
    digest = parse_text(text, path)
    return CachedFile(
        path=path,
        size=info.st_size,
        mtime_ns=info.st_mtime_ns,
        sha1=hashlib.sha1(data).hexdigest(),
        dates=digest.dates,
        problems=tuple(problems) + digest.problems,
        papers=tuple(encode_paper(p) for p in digest.papers),
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
        meta = next(iter(tables.get("meta", {}).values()), {})
        if meta.get("schema") != SCHEMA or meta.get("parser") != parser_version():
            return {}
        files: dict[str, CachedFile] = {}
        try:
            for doc in tables.get("files", {}).values():
                cached = CachedFile.from_document(doc)
                files[cached.path] = cached
        except (KeyError, TypeError, ValueError, IndexError):
            self._warn(f"{self.path} was damaged (malformed records); rebuilding it from the digests")
            return {}
        return files

    def refresh(self, paths: Sequence[Path], progress: Progress | None = None) -> tuple[list[CachedFile], RefreshReport]:
        """Bring the cache up to date for `paths` (digest files, in order); return them.

        With nothing stale this only stats files and takes no lock.  Otherwise it
        locks, re-reads (another process may have just done the work), parses
        what is still stale and writes the cache once.  Entries for other files
        that still exist are kept (another run's sources, a one-off export), so
        concurrent runs with different paths never undo each other's work;
        entries whose file is gone are dropped.
        """
        names = [str(p) for p in paths]
        cached = self.load()
        stale, touched = _stale(names, cached)
        report = RefreshReport(files=len(names))
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
            kept = {path: entry for path, entry in cached.items() if path in wanted or os.path.exists(path)}
            report.removed = len(cached) - len(kept)
            self.db.drop_tables()
            self.db.table("meta").insert({"schema": SCHEMA, "parser": parser_version()})
            self.db.table("files").insert_multiple(entry.to_document() for entry in kept.values())
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
                cached[name] = CachedFile(
                    entry.path, info.st_size, info.st_mtime_ns, entry.sha1,
                    entry.dates, entry.problems, entry.papers,
                )
                touched += 1
            else:
                stale.append(name)
    return stale, touched


def _sha1(name: str) -> str:
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


def _parse_all(names: list[str], progress: Progress | None) -> dict[str, CachedFile]:
    """Parse files, across processes when there are many (2 cores halve a cold import)."""
    results: dict[str, CachedFile] = {}
    total = len(names)
    workers = min(os.cpu_count() or 1, 8)
    if total >= PARALLEL_THRESHOLD and workers > 1:
        from concurrent.futures import ProcessPoolExecutor  # only cold imports pay for it

        chunk = max(8, total // (workers * 8))
        with ProcessPoolExecutor(max_workers=workers, initializer=_exit_with_parent, initargs=(os.getpid(),)) as pool:
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
