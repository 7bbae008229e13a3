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

import contextlib
import functools
import os
import zlib
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Final

import orjson
from tinydb import TinyDB

import tui.digest as digest_package
from tui.gcpause import paused_gc
from tui.progress import Progress
from tui.store import records
from tui.store.blobs import ByteRanges, blob_text
from tui.store.cached_file import CachedFile, parse_for_cache
from tui.store.parallel import parse_files
from tui.store.records import CompactPaper
from tui.store.safe_io import DEFAULT_MAX_DIGEST_BYTES, read_regular
from tui.store.storage import AtomicJSONStorage, DamagedFile, InterProcessLock

SCHEMA: Final = 6
# Modules of tui.digest that do not decide what the cache holds: not parsing
# code, or parsing whose results are not cached (sections and follow-ups are
# parsed when a paper is built).  Every other module there counts, so a new
# parsing module can't be forgotten.
NON_PARSER_MODULES: Final = frozenset(
    (
        "__init__",
        "cite",
        "files",
        "export",
        "merge",
        "summary",
        "layouts",
        "prose",
        "spans",
        "followups",
        "meta",
        # the section parser's own modules (sections are parsed when shown, not cached)
        "preamble",
        "sentences",
        "sentence_features",
        "sentence_model",
        "sentence_weights",
        "sentence_training",
        "sentence_fit",
    )
)
# Where the index starts: the "files" table follows the blobs.  The sequence
# cannot occur inside a JSON string (its quotes would be escaped), and no
# document has a key "files", so the last occurrence is the table.
_INDEX_MARK: Final = b',"files":{'
# The index is looked for in the file's last MiB first, then in larger tails.
_INDEX_TAIL: Final = 1 << 20
# What a paper of a damaged cache entry shows until the cache is rebuilt.
_LOST_TITLE: Final = "(cache damaged: run paperbrowse again to rebuild)"


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


@dataclass
class RefreshReport:
    """What a refresh did, for the `import` summary and the TUI's notices."""

    files: int = 0
    parsed: int = 0
    removed: int = 0
    warnings: list[str] = field(default_factory=list)  # about the cache itself


class DigestCache:
    """cache.json: parsed digests by file, refreshed incrementally."""

    def __init__(self, path: Path, lock: InterProcessLock, max_bytes: int = DEFAULT_MAX_DIGEST_BYTES) -> None:
        self.path = path
        self.max_bytes = max_bytes  # the size limit for one digest file
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
            stale, touched = _stale(names, cached, self.max_bytes)
            if not stale and not touched:
                self.storage.tidy()  # a writer killed mid-write: its temp goes, nothing to write or not
                report.warnings = self.warnings
                return [cached[n] for n in names], report
            try:
                with self.storage.transaction():
                    cached = self.load()
                    stale, _ = _stale(names, cached, self.max_bytes)
                    fresh = parse_files(stale, self.max_bytes, progress)
                    report.parsed = len(fresh)
                    cached.update(fresh)
                    wanted = set(names)
                    kept = {
                        path: entry
                        for path, entry in cached.items()
                        if path in wanted or os.path.exists(path)
                    }
                    report.removed = len(cached) - len(kept)
                    self._write(kept)
            except OSError as error:  # a read-only or full disk: what was read is still here
                self._warn(
                    f"could not save {self.path} ({error.strerror or error}); "
                    "the digests were read and will be read again next time"
                )
        finally:
            self.storage.forget()  # the Library holds what it needs; free the raw tables
        report.warnings = self.warnings
        return [kept[n] for n in names], report

    def repair(self, entry: CachedFile) -> list[CompactPaper]:
        """The papers of an entry whose blob cannot be decoded, read again from its digest.

        In the entry's order, so the Library's indices stay right; a paper the
        digest no longer has is a placeholder.  The damaged cache is deleted,
        so the next run rebuilds it.
        """
        fresh = parse_for_cache(entry.path, self.max_bytes)
        try:
            papers = dict(zip(fresh.paper_keys, fresh.papers(), strict=True))
        except ValueError:
            papers = {}
        with self.storage.lock, contextlib.suppress(OSError):
            self.path.unlink()
        self.storage.forget()
        rebuilt: list[CompactPaper] = []
        for key, date in zip(entry.paper_keys, entry.paper_dates, strict=True):
            found = papers.get(key)
            rebuilt.append(
                found or {"d": date, "i": None, "t": _LOST_TITLE, "a": [], "s": "", "h": None, "l": 0}
            )
        return rebuilt

    def _write(self, kept: dict[str, CachedFile]) -> None:
        """Replace the tables (in a transaction): blobs first, then the index, then meta.

        An entry whose blob cannot be read back is parsed again (and replaced in `kept`).
        """
        texts = []
        for path, entry in kept.items():
            try:
                texts.append(blob_text(entry.blob))
            except ValueError:  # damaged on disk since it was indexed: read the digest again
                kept[path] = parse_for_cache(path, self.max_bytes)
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


def _stale(names: Sequence[str], cached: dict[str, CachedFile], max_bytes: int) -> tuple[list[str], int]:
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
            if info.st_size == entry.size and _sha1(name, max_bytes) == entry.sha1:
                cached[name] = entry.with_stamp(info.st_size, info.st_mtime_ns)
                touched += 1
            else:
                stale.append(name)
    return stale, touched


def _sha1(name: str, max_bytes: int) -> str:
    import hashlib  # only a touched file needs it; start-up does not

    try:
        data, _ = read_regular(name, max_bytes)
    except OSError:
        return ""
    return hashlib.sha1(data).hexdigest()
