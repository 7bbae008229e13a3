"""state.json: what the user made — stars, read marks, notes, sources, position.

Unlike the cache this cannot be rebuilt, so every change is a locked
read-modify-write of the freshest file (a `paperbrowse star` in another
terminal is never overwritten) and is written atomically.  A state file that
cannot be read is renamed aside (`state.json.damaged-<timestamp>`), the user
is told, and paperbrowse goes on with empty state; nothing is deleted.

Tables (TinyDB documents):
    stars     {"key", "date", "title", "at"}   the date/title survive a lost cache
    read      {"key", "at"}
    notes     {"key", "text", "at"}
    sources   {"path"}
    session   {"date", "key", "filter"}        one document: where the user was
"""

from __future__ import annotations

import contextlib
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from tinydb import TinyDB, where

from tui.store.storage import AtomicJSONStorage, DamagedFile, InterProcessLock


@dataclass(frozen=True, slots=True)
class StarInfo:
    """What is remembered about a starred paper even if its digest vanishes."""

    key: str
    date: str
    title: str


@dataclass(frozen=True, slots=True)
class Session:
    """Where the user left off."""

    date: str | None = None
    key: str | None = None
    filter: str = "all"


@dataclass
class StateSnapshot:
    """An in-memory copy of state.json for quick look-ups."""

    stars: dict[str, StarInfo] = field(default_factory=dict)
    read: set[str] = field(default_factory=set)
    notes: dict[str, str] = field(default_factory=dict)
    sources: list[str] = field(default_factory=list)
    session: Session = field(default_factory=Session)

    @property
    def starred(self) -> dict[str, StarInfo]:
        """Starred keys (a mapping, so `key in starred` works)."""
        return self.stars


def _now() -> float:
    return round(time.time(), 3)


class UserState:
    """The user's own data, always written through a lock, never lost."""

    def __init__(self, path: Path, lock: InterProcessLock) -> None:
        self.path = path
        self.storage = AtomicJSONStorage(path, lock)
        self.db = TinyDB(path, storage=lambda _path: self.storage)
        self.warnings: list[str] = []
        self.snapshot = StateSnapshot()

    # -- reading -------------------------------------------------------------------

    def load(self) -> StateSnapshot:
        """Read state.json into `snapshot`; a damaged file is set aside first."""
        try:
            tables = self.storage.read() or {}
        except DamagedFile as damage:
            tables = self._set_aside(damage.reason)
        self.snapshot = _snapshot(tables)
        return self.snapshot

    def _set_aside(self, reason: str) -> dict[str, Any]:
        stamp = time.strftime("%Y%m%d-%H%M%S")
        aside = self.path.with_name(f"{self.path.name}.damaged-{stamp}")
        with self.storage.lock, contextlib.suppress(FileNotFoundError):
            self.path.rename(aside)
        self.storage = AtomicJSONStorage(self.path, self.storage.lock)
        self.db = TinyDB(self.path, storage=lambda _path: self.storage)
        self.warnings.append(
            f"{self.path} could not be read ({reason}); it was moved to {aside.name} "
            "and paperbrowse started with empty stars, read marks and notes"
        )
        return {}

    # -- writing ---------------------------------------------------------------------

    def _change(self, apply: Callable[[TinyDB], None]) -> None:
        """A locked read-modify-write of the freshest file; refreshes the snapshot.

        If the file turned to garbage since it was loaded, it is set aside and
        the change is applied to a fresh file: the user's action still lands.
        """
        try:
            with self.storage.transaction():
                apply(self.db)
        except DamagedFile as damage:
            self._set_aside(damage.reason)
            with self.storage.transaction():
                apply(self.db)
        self.snapshot = _snapshot(self.storage.read() or {})

    def set_starred(self, papers: Iterable[StarInfo], starred: bool) -> None:
        """Star or unstar papers (by key); stars keep date and title for safety."""
        papers = list(papers)

        def apply(db: TinyDB) -> None:
            table = db.table("stars")
            for info in papers:
                if starred:
                    doc = {"key": info.key, "date": info.date, "title": info.title, "at": _now()}
                    table.upsert(doc, where("key") == info.key)
                else:
                    table.remove(where("key") == info.key)

        self._change(apply)

    def set_read(self, keys: Iterable[str], read: bool) -> None:
        """Mark papers read or unread."""
        wanted = list(dict.fromkeys(keys))

        def apply(db: TinyDB) -> None:
            table = db.table("read")
            if read:
                have = {doc.get("key") for doc in table.all()}
                table.insert_multiple({"key": k, "at": _now()} for k in wanted if k not in have)
            else:
                drop = set(wanted)
                table.remove(lambda doc: doc.get("key") in drop)

        self._change(apply)

    def set_note(self, key: str, text: str) -> None:
        """Save a note; an empty note removes it."""

        def apply(db: TinyDB) -> None:
            table = db.table("notes")
            if text.strip():
                table.upsert({"key": key, "text": text, "at": _now()}, where("key") == key)
            else:
                table.remove(where("key") == key)

        self._change(apply)

    def add_sources(self, paths: Iterable[Path]) -> None:
        """Remember digest locations for later runs with no PATH."""
        names = [str(path.resolve()) for path in paths]

        def apply(db: TinyDB) -> None:
            table = db.table("sources")
            have = {doc.get("path") for doc in table.all()}
            table.insert_multiple({"path": n} for n in dict.fromkeys(names) if n not in have)

        self._change(apply)

    def save_session(self, session: Session) -> None:
        """Remember the current day, paper and filter."""

        def apply(db: TinyDB) -> None:
            table = db.table("session")
            table.truncate()
            table.insert({"date": session.date, "key": session.key, "filter": session.filter})

        self._change(apply)


def _documents(tables: dict[str, Any], name: str) -> list[dict[str, Any]]:
    """A table's documents, skipping anything that is not a document."""
    table = tables.get(name, {})
    return [doc for doc in table.values() if isinstance(doc, dict)] if isinstance(table, dict) else []


def _snapshot(tables: dict[str, Any]) -> StateSnapshot:
    snapshot = StateSnapshot()
    for doc in _documents(tables, "stars"):
        key = doc.get("key")
        if isinstance(key, str):
            snapshot.stars[key] = StarInfo(key, str(doc.get("date", "")), str(doc.get("title", "")))
    snapshot.read = {doc["key"] for doc in _documents(tables, "read") if isinstance(doc.get("key"), str)}
    snapshot.notes = {
        doc["key"]: doc["text"]
        for doc in _documents(tables, "notes")
        if isinstance(doc.get("key"), str) and isinstance(doc.get("text"), str)
    }
    snapshot.sources = [
        doc["path"] for doc in _documents(tables, "sources") if isinstance(doc.get("path"), str)
    ]
    sessions = _documents(tables, "session")
    if sessions:
        doc = sessions[-1]
        snapshot.session = Session(
            date=doc.get("date") if isinstance(doc.get("date"), str) else None,
            key=doc.get("key") if isinstance(doc.get("key"), str) else None,
            filter=str(doc["filter"]) if doc.get("filter") in ("all", "unread", "starred") else "all",
        )
    return snapshot
