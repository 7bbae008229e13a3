"""metadata.json: what arXiv and Hugging Face said about each paper.

Its own file in the data directory, with its own lifetime: unlike cache.json
it cannot be rebuilt from the digests (it took minutes of polite requests to
fill), and unlike state.json it is not the user's work (it can be fetched
again).  So deleting cache.json leaves it alone, and a damaged one is ignored
with a warning and replaced by the next `paperbrowse enrich`.

It is a TinyDB document set, written by this module only:

    "papers": {"1": {"id", "arxiv": {...} | null, "arxiv_at", "missing": {"reason", "at"} | null,
                     "hf": {"upvotes", "authors"} | null, "hf_at"}, ...}
    "days":   {"1": {"date", "at", "listed"}, ...}        Hugging Face days fetched
    "index":  {"1": {"schema", "papers": {ID: [start, end, state, at, upvotes, "cat cat"]}}}

Why this shape: at 50,000 papers the abstracts make the file ~80 MB, which
would take ~0.3 s and ~250 MB to load whole, for a browser that needs one
paper at a time.  The index at the end holds, per arXiv id, the byte range
of its document and the few facts search and `enrich` need (whether arXiv
answered and when, upvotes, categories), so opening the store parses only
that (~3 MB at 50,000 papers) and a look-up is one `pread` of ~2 KB.
Nothing is read until the first look-up: start-up never touches the file.

Writes are transactions under the data directory's lock: read the freshest
file, merge, write a whole new file atomically (`atomic_write`), so a
concurrent `enrich` is never overwritten and a kill -9 leaves the old file
or the new one.  Document ids are renumbered on every write from what is in
the file at that moment; nothing caches them across transactions.
"""

from __future__ import annotations

import os
import threading
import time
from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Final

import orjson

from tui.digest.meta import ArxivMeta, HfMeta, PaperMeta
from tui.digest.model import Paper
from tui.store.blobs import ByteRanges
from tui.store.safe_io import MAX_STORE_BYTES, UnreadableFile
from tui.store.storage import InterProcessLock, atomic_write, remove_stray_temps

SCHEMA: Final = 1
# The "days" table follows the papers; that sequence cannot occur inside a
# JSON string (its quotes would be escaped) and no document has a key "days".
_DAYS_MARK: Final = b'},"days":{'
_HEAD: Final = b'{"papers":{'
_TAIL_START: Final = 1 << 20
# Index entry fields.
_START, _END, _STATE, _AT, _UPVOTES, _CATEGORIES = range(6)
ARXIV_OK: Final = "ok"
ARXIV_MISSING: Final = "missing"
# An id arXiv did not know is asked again after this long (a new id may be
# announced late; a typo in a digest never will be, but asking weekly is cheap).
RETRY_MISSING_SECONDS: Final = 7 * 24 * 3600

Entry = list[Any]  # [start, end, state, at, upvotes, "categories space-separated"]


def _stamp(path: Path) -> tuple[int, int, int, int] | None:
    try:
        info = os.stat(path)
    except OSError:
        return None
    return (info.st_mtime_ns, info.st_ctime_ns, info.st_size, info.st_ino)


@dataclass
class _Snapshot:
    """One version of the file: its index, its days, and the open file to read documents from."""

    stamp: tuple[int, int, int, int] | None
    entries: dict[str, Entry] = field(default_factory=dict)
    days: dict[str, dict[str, Any]] = field(default_factory=dict)
    source: ByteRanges | None = None
    papers_end: int = 0  # where the papers table's documents end
    facets: MetaFacets | None = None


class MetaFacets:
    """Categories and upvotes by arXiv id, for search filters (`tui.store.search.MetaView`)."""

    def __init__(self, entries: Mapping[str, Entry]) -> None:
        self.categories: dict[str, tuple[str, ...]] = {}
        self.upvotes: dict[str, int] = {}
        for arxiv_id, entry in entries.items():
            try:
                cats, votes = entry[_CATEGORIES], entry[_UPVOTES]
            except (IndexError, TypeError):
                continue
            if isinstance(cats, str) and cats:
                self.categories[arxiv_id] = tuple(cats.lower().split())
            if isinstance(votes, int) and not isinstance(votes, bool):
                self.upvotes[arxiv_id] = votes


class MetadataStore:
    """metadata.json, read lazily by byte range, changed in locked transactions."""

    def __init__(self, path: Path, lock: InterProcessLock) -> None:
        self.path = path
        self.lock = lock
        self.warnings: list[str] = []
        self._snapshot: _Snapshot | None = None
        self._mutex = threading.Lock()
        # Papers whose document was found damaged: asked for again, dropped by the next write.
        self._damaged: set[str] = set()

    # -- reading -----------------------------------------------------------------------

    def _warn(self, message: str) -> None:
        if message not in self.warnings:
            self.warnings.append(message)

    def _current(self) -> _Snapshot:
        """The file as it is now: loaded on first use, again only when it changed on disk."""
        stamp = _stamp(self.path)
        with self._mutex:
            if self._snapshot is not None and self._snapshot.stamp == stamp:
                return self._snapshot
        snapshot = self._load(stamp)
        with self._mutex:
            self._snapshot = snapshot
        return snapshot

    def _load(self, stamp: tuple[int, int, int, int] | None) -> _Snapshot:
        """Parse the index at the file's end; a damaged file reads as empty, with a warning."""
        try:
            source = ByteRanges(self.path)
        except FileNotFoundError:
            return _Snapshot(stamp)
        except UnreadableFile as error:
            self._warn(f"{self.path} {error.reason}; ignored until `paperbrowse enrich` rewrites it")
            return _Snapshot(stamp)
        except OSError as error:
            self._warn(f"{self.path} cannot be read ({error.strerror or error}); metadata is ignored")
            return _Snapshot(stamp)
        try:
            return self._parse_index(source, stamp)
        except (ValueError, KeyError, TypeError, IndexError, AttributeError) as error:
            self._warn(
                f"{self.path} was damaged ({error}); it is ignored, and `paperbrowse enrich` "
                "fetches the metadata again"
            )
            return _Snapshot(stamp)

    def _parse_index(self, source: ByteRanges, stamp: tuple[int, int, int, int] | None) -> _Snapshot:
        if source.size == 0:
            return _Snapshot(stamp)
        if source.size > MAX_STORE_BYTES:
            raise ValueError("too large")
        tail_size = _TAIL_START
        while True:
            start = max(0, source.size - tail_size)
            tail = source.read(start, source.size)
            at = tail.rfind(_DAYS_MARK)
            if at >= 0:
                break
            if start == 0:
                raise ValueError("no index found")
            tail_size *= 8
        tables = orjson.loads(b"{" + tail[at + 2 :])
        (index,) = tables["index"].values()
        if index.get("schema") != SCHEMA:
            raise ValueError(f"schema {index.get('schema')!r}, not {SCHEMA}")
        entries = index["papers"]
        if not isinstance(entries, dict):
            raise TypeError("the index is not a table")
        days = {day["date"]: day for day in tables["days"].values() if isinstance(day.get("date"), str)}
        return _Snapshot(stamp, entries, days, source, papers_end=start + at)

    def _document(self, snapshot: _Snapshot, arxiv_id: str) -> dict[str, Any] | None:
        """One paper's document, read by its byte range; None when absent or damaged."""
        entry = snapshot.entries.get(arxiv_id)
        if entry is None or snapshot.source is None:
            return None
        try:
            start, end = int(entry[_START]), int(entry[_END])
            if not 0 < start < end <= snapshot.papers_end:
                raise ValueError("a byte range outside the papers")
            doc = orjson.loads(snapshot.source.read(start, end))
            if not isinstance(doc, dict) or doc.get("id") != arxiv_id:
                raise ValueError("a byte range that holds another paper")
        except (ValueError, TypeError, IndexError, OSError) as error:
            self._damaged.add(arxiv_id)
            self._warn(f"{self.path}: the metadata of {arxiv_id} is damaged ({error}); it is fetched again")
            return None
        return doc

    def get(self, arxiv_id: str) -> PaperMeta | None:
        """What is known about one paper (None: nothing yet).  Cheap after the first call."""
        doc = self._document(self._current(), arxiv_id)
        return None if doc is None else _meta_of(arxiv_id, doc)

    def lookup(self, paper: Paper) -> PaperMeta | None:
        """`get` for a paper (None without an arXiv id): the exporter's and the browser's look-up."""
        return self.get(paper.arxiv_id) if paper.arxiv_id else None

    def facets(self) -> MetaFacets:
        """Categories and upvotes of every paper with metadata (built once per version of the file)."""
        snapshot = self._current()
        if snapshot.facets is None:
            snapshot.facets = MetaFacets(snapshot.entries)
        return snapshot.facets

    def __len__(self) -> int:
        """How many papers the file has a document for."""
        return len(self._current().entries)

    def needs_arxiv(self, ids: Iterable[str], now: float | None = None) -> list[str]:
        """The ids (in order, once each) arXiv has not answered for, or said it did not know a while ago."""
        entries = self._current().entries
        moment = time.time() if now is None else now
        wanted = []
        for arxiv_id in dict.fromkeys(ids):
            entry = entries.get(arxiv_id)
            if arxiv_id not in self._damaged and isinstance(entry, list) and len(entry) > _CATEGORIES:
                state, at = entry[_STATE], entry[_AT]
                if state == ARXIV_OK:
                    continue
                recent = isinstance(at, int | float) and moment - at < RETRY_MISSING_SECONDS
                if state == ARXIV_MISSING and recent:
                    continue
            wanted.append(arxiv_id)
        return wanted

    def fetched_days(self) -> set[str]:
        """Dates whose Hugging Face list has been fetched."""
        return set(self._current().days)

    # -- writing -----------------------------------------------------------------------

    def save(
        self,
        *,
        arxiv: Mapping[str, ArxivMeta] | None = None,
        missing: Mapping[str, str] | None = None,
        hf: Mapping[str, HfMeta] | None = None,
        hf_days: Mapping[str, int] | None = None,
    ) -> None:
        """Merge results into the freshest file and write it atomically, under the lock.

        `missing` maps ids arXiv did not know to why (an id already known stays
        known); `hf_days` maps the dates whose Hugging Face list was fetched to
        how many papers it listed.  Raises OSError when the file cannot be written.
        """
        arxiv, missing, hf, hf_days = arxiv or {}, missing or {}, hf or {}, hf_days or {}
        now = round(time.time(), 3)
        with self.lock:
            remove_stray_temps(self.path)
            old = self._load(_stamp(self.path))
            changed: dict[str, dict[str, Any]] = {}
            for arxiv_id in dict.fromkeys([*arxiv, *missing, *hf]):
                doc = self._document(old, arxiv_id) or _new_document(arxiv_id)
                if arxiv_id in arxiv:
                    doc.update(arxiv=arxiv[arxiv_id].to_record(), arxiv_at=now, missing=None)
                elif arxiv_id in missing and not isinstance(doc.get("arxiv"), dict):
                    doc.update(missing={"reason": missing[arxiv_id], "at": now})
                if arxiv_id in hf:
                    doc.update(hf=hf[arxiv_id].to_record(), hf_at=now)
                changed[arxiv_id] = doc
            days = dict(old.days)
            for date, listed in hf_days.items():
                days[date] = {"date": date, "at": now, "listed": listed}
            dropped = self._damaged - set(changed)
            data, entries, papers_end = _build(old, changed, days, dropped)
            atomic_write(self.path, data)
            try:
                source = ByteRanges(self.path)
            except OSError:
                source = None
            fresh = _Snapshot(_stamp(self.path), entries, days, source, papers_end)
        with self._mutex:
            self._snapshot = fresh
            self._damaged -= dropped | set(changed)


def _new_document(arxiv_id: str) -> dict[str, Any]:
    return {"id": arxiv_id, "arxiv": None, "arxiv_at": None, "missing": None, "hf": None, "hf_at": None}


def _entry_facts(doc: Mapping[str, Any]) -> list[Any]:
    """The index fields after the byte range, from a document."""
    arxiv, missing, hf = doc.get("arxiv"), doc.get("missing"), doc.get("hf")
    if isinstance(arxiv, dict):
        state, at = ARXIV_OK, doc.get("arxiv_at")
        cats = " ".join(c for c in arxiv.get("categories") or () if isinstance(c, str))
    elif isinstance(missing, dict):
        state, at, cats = ARXIV_MISSING, missing.get("at"), ""
    else:
        state, at, cats = "", None, ""
    upvotes = hf.get("upvotes") if isinstance(hf, dict) else None
    return [state, at, upvotes, cats]


def _build(
    old: _Snapshot,
    changed: Mapping[str, dict[str, Any]],
    days: Mapping[str, dict[str, Any]],
    dropped: Collection[str] = (),
) -> tuple[bytes, dict[str, Entry], int]:
    """The whole new file: unchanged documents copied as bytes, changed ones encoded, then the index.

    Documents are copied without parsing them (that would cost ~0.5 s at
    50,000 papers per write); one whose range does not even frame an object
    is dropped, as are the `dropped` ones known to be damaged.
    """
    raw = old.source.read(0, old.papers_end) if old.source is not None and old.entries else b""
    parts = [_HEAD]
    position = len(_HEAD)
    entries: dict[str, Entry] = {}

    def add(arxiv_id: str, body: bytes, facts: list[Any]) -> None:
        nonlocal position
        prefix = b'%s"%d":' % (b"," if entries else b"", len(entries) + 1)
        parts.append(prefix)
        position += len(prefix)
        entries[arxiv_id] = [position, position + len(body), *facts]
        parts.append(body)
        position += len(body)

    for arxiv_id, entry in old.entries.items():
        if arxiv_id in changed or arxiv_id in dropped:
            continue
        try:
            start, end = int(entry[_START]), int(entry[_END])
            body = raw[start:end]
            framed = raw[start - 1 : start] == b":" and body.startswith(b'{"id":') and body.endswith(b"}")
            if not (0 < start < end <= len(raw)) or not framed:
                continue  # a damaged entry is dropped: it will be fetched again
            add(arxiv_id, body, list(entry[_STATE:]))
        except (ValueError, TypeError, IndexError):
            continue
    for arxiv_id, doc in changed.items():
        add(arxiv_id, orjson.dumps(doc), _entry_facts(doc))
    papers_end = position
    day_docs = b",".join(b'"%d":%s' % (n, orjson.dumps(day)) for n, day in enumerate(days.values(), 1))
    index = orjson.dumps({"schema": SCHEMA, "papers": entries})
    parts += [_DAYS_MARK, day_docs, b'},"index":{"1":', index, b"}}"]
    return b"".join(parts), entries, papers_end


def _meta_of(arxiv_id: str, doc: Mapping[str, Any]) -> PaperMeta:
    """A document -> PaperMeta; a part that is not what it should be is left out."""
    arxiv = hf = None
    try:
        arxiv = ArxivMeta.from_record(doc.get("arxiv")) if doc.get("arxiv") is not None else None
    except ValueError:
        arxiv = None
    try:
        hf = HfMeta.from_record(doc.get("hf")) if doc.get("hf") is not None else None
    except ValueError:
        hf = None
    missing = doc.get("missing")
    reason = missing.get("reason") if isinstance(missing, dict) else None
    return PaperMeta(arxiv_id, arxiv, hf, reason if isinstance(reason, str) and arxiv is None else None)
