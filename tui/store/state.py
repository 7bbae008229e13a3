"""state.json: what the user made — stars, read marks, notes, sources, position.

Unlike the cache this cannot be rebuilt, so every change is a locked
read-modify-write of the freshest file (a `paperbrowse star` in another
terminal is never overwritten) and is written atomically.  A state file that
cannot be read is renamed aside (`state.json.damaged-<time>`, never over an
earlier one), under the lock and after reading it again, the user is told,
and paperbrowse goes on with empty state; nothing is deleted.

Two ways to change it (see `tui.store.state_changes` for the changes):

* `apply(change)` writes before it returns (the command line);
* `submit(change)` shows the change in `snapshot` at once and writes it from
  a background thread (the browser: a write never runs on the UI thread,
  even when the file holds 900,000 read marks).  A write that fails (a
  read-only or full disk) keeps the change in memory and in the queue, says
  so once through `on_failure`, and is tried again with the next change.

Tables (TinyDB documents):
    stars     {"key", "date", "title", "at"}   the date/title survive a lost cache
    read      {"key", "at"}
    notes     {"key", "text", "at"}
    sources   {"path"}
    session   {"date", "key", "filter"}        one document: where the user was
    tags, feeds, rules                         see tui.store.organise
"""

from __future__ import annotations

import contextlib
import os
import threading
import time
from collections import deque
from collections.abc import Callable, Iterable
from pathlib import Path

import orjson

from tui.store.organise import AddRule, RemoveFeeds, RemoveRules, SaveFeed, SetTags
from tui.store.state_changes import AddSources, Change, SaveSession, SetNote, SetRead, SetStarred
from tui.store.state_snapshot import Feed, Rule, Session, StarInfo, StateSnapshot, snapshot_of
from tui.store.state_tables import Tables
from tui.store.storage import AtomicJSONStorage, DamagedFile, InterProcessLock, remove_stray_temps

__all__ = ["Feed", "Rule", "Session", "StarInfo", "StateSnapshot", "UserState"]


class UserState:
    """The user's own data, always written through a lock, never lost."""

    def __init__(self, path: Path, lock: InterProcessLock) -> None:
        self.path = path
        self.storage = AtomicJSONStorage(path, lock)
        self.warnings: list[str] = []
        self.snapshot = StateSnapshot()
        self.on_saved: Callable[[bool], None] | None = None  # True: another process's changes came in
        self.on_failure: Callable[[str], None] | None = None
        self.save_error: str | None = None  # why the last write failed, until one succeeds
        self._pending: deque[Change] = deque()
        self._mutex = threading.Lock()
        self._wake = threading.Condition(self._mutex)
        self._writer: threading.Thread | None = None
        self._go = False  # the writer may write (cleared after a failed write)
        self._failures = 0
        self._known: Tables = {}  # the tables last read or written here, should the file go

    # -- reading -------------------------------------------------------------------

    def load(self) -> StateSnapshot:
        """Read state.json into `snapshot` (changes still being written stay in it).

        A damaged file is set aside first.  Under the lock, so a write from the
        background thread is never read half-applied.
        """
        with self.storage.lock:
            remove_stray_temps(self.path)  # a writer killed mid-write (the lock says it is gone)
            try:
                tables = self.storage.read() or {}
            except DamagedFile:
                tables = self._read_or_set_aside()
            self._show(tables)
            self._known = tables
        return self.snapshot

    def take_in_changes(self) -> bool:
        """Read state.json again if another process wrote it; True when the snapshot changed.

        For a second window or the command line writing while the browser
        runs: one stat when nothing changed.  A file gone, emptied or damaged
        is left to the next write, which restores or sets it aside and says so;
        until then the marks on screen stay as they were.
        """
        if not self.storage.changed_on_disk():
            return False
        with self.storage.lock:
            try:
                tables = self.storage.read() or {}
            except DamagedFile:
                return False
            if not tables and self._known:
                return False
            before = self.snapshot
            self._show(tables)
            self._known = tables
        with self._mutex:  # the UI thread changes the snapshot under it
            return self.snapshot != before

    def _show(self, tables: Tables) -> None:
        """`snapshot` becomes the file's tables plus the changes not written yet."""
        snapshot = snapshot_of(tables)
        with self._mutex:
            for change in self._pending:
                change.update(snapshot)
            self.snapshot = snapshot

    def _read_or_set_aside(self) -> Tables:
        """Under the lock: the tables, or {} after moving a (still) damaged file aside."""
        self.storage.forget()
        try:
            return self.storage.read() or {}  # another process may have mended it meanwhile
        except DamagedFile as damage:
            aside = _set_aside(self.path)
            self.storage.forget()
            where = f"it was moved to {aside.name}" if aside else "it could not be moved aside"
            self.warnings.append(
                f"{self.path} could not be read ({damage.reason}); {where} "
                "and paperbrowse started with empty stars, read marks and notes"
            )
            return {}

    # -- writing ---------------------------------------------------------------------

    def _write(self, changes: list[Change]) -> bool:
        """Apply `changes` to the freshest file and write it; True if another process had written."""
        with self.storage.lock:
            foreign = self.storage.changed_on_disk()
            try:
                tables = self.storage.read() or {}
            except DamagedFile:
                tables = self._read_or_set_aside()
                foreign = True
            if not tables and self._known:
                # The file vanished, was emptied or set aside while we ran: the copy
                # last read or written here is the user's data, so write that again.
                tables = orjson.loads(orjson.dumps(self._known))
                self.warnings.append(f"{self.path} had gone; it was written again from memory")
            for change in changes:
                change.apply(tables)
            remove_stray_temps(self.path)
            try:
                self.storage.write(tables)
            except BaseException:
                self.storage.forget()  # the next attempt starts from the file, not this copy
                raise
            self._known = tables
        return foreign

    def apply(self, change: Change) -> None:
        """Make `change` and write it before returning (raises OSError when it cannot)."""
        with self.storage.lock:
            self._write([change])
            self._show(self.storage.read() or {})

    def submit(self, change: Change) -> None:
        """Show `change` in `snapshot` now and write it in the background."""
        with self._mutex:
            change.update(self.snapshot)
            self._pending.append(change)
            self._go = True  # also retries a write that failed before
            if self._writer is None:
                self._writer = threading.Thread(target=self._write_loop, name="state-writer", daemon=True)
                self._writer.start()
            self._wake.notify_all()

    def _write_loop(self) -> None:
        """The writer thread: write what is pending, in order, in batches."""
        while True:
            with self._mutex:
                while not (self._pending and self._go):
                    self._wake.wait()
                batch = list(self._pending)
            try:
                foreign = self._write(batch)
            except OSError as error:
                with self._mutex:
                    first = self.save_error is None
                    self.save_error = error.strerror or str(error)
                    self._go = False  # until the next change (or `flush`) asks again
                    self._failures += 1
                    self._wake.notify_all()
                if first and self.on_failure is not None:
                    self.on_failure(f"Changes cannot be saved ({self.save_error}); they are kept for now.")
                continue
            with self._mutex:
                for _ in batch:
                    self._pending.popleft()
                self.save_error = None
                self._wake.notify_all()
            if foreign:  # someone else wrote: show their changes, and ours still queued
                with self.storage.lock:
                    self._show(self.storage.read() or {})
            if self.on_saved is not None:
                self.on_saved(foreign)

    @property
    def unsaved(self) -> int:
        """How many changes are still only in memory (a write failed, or is under way)."""
        with self._mutex:
            return len(self._pending)

    def flush(self, timeout: float = 5.0) -> bool:
        """Write everything submitted, waiting at most `timeout`; True when nothing is left.

        A write that failed before is tried once more.
        """
        deadline = time.monotonic() + timeout
        with self._mutex:
            failures = self._failures
            self._go = True
            self._wake.notify_all()
            while self._pending and self._failures == failures:
                left = deadline - time.monotonic()
                if left <= 0:
                    break
                self._wake.wait(left)
            return not self._pending

    # -- the changes -------------------------------------------------------------------

    def _change(self, change: Change, background: bool) -> None:
        if background:
            self.submit(change)
        else:
            self.apply(change)

    def set_starred(self, papers: Iterable[StarInfo], starred: bool, *, background: bool = False) -> None:
        """Star or unstar papers (by key); stars keep date and title for safety."""
        self._change(SetStarred(tuple(papers), starred), background)

    def set_read(self, keys: Iterable[str], read: bool, *, background: bool = False) -> None:
        """Mark papers read or unread."""
        self._change(SetRead(tuple(dict.fromkeys(keys)), read), background)

    def set_note(self, key: str, text: str, *, background: bool = False) -> None:
        """Save a note; an empty note removes it."""
        self._change(SetNote(key, text), background)

    def add_sources(self, paths: Iterable[Path]) -> None:
        """Remember digest locations for later runs with no PATH."""
        self.apply(AddSources(tuple(str(path.resolve()) for path in paths)))

    def save_session(self, session: Session, *, background: bool = False) -> None:
        """Remember the current day, paper and filter."""
        self._change(SaveSession(session), background)

    def set_tags(
        self, keys: Iterable[str], tags: Iterable[str], add: bool, *, background: bool = False
    ) -> None:
        """Add (or remove) tags on papers; names must have been through `organise.clean_name`."""
        self._change(SetTags(tuple(dict.fromkeys(keys)), tuple(dict.fromkeys(tags)), add), background)

    def save_feed(self, feed: Feed, *, background: bool = False) -> None:
        """Save a search as a feed (a feed of the same name is replaced)."""
        self._change(SaveFeed(feed), background)

    def remove_feeds(self, names: Iterable[str], *, background: bool = False) -> None:
        """Forget feeds by name."""
        self._change(RemoveFeeds(tuple(names)), background)

    def add_rule(self, kind: str, query: str, *, background: bool = False) -> None:
        """Add a watch or hide rule (its query must parse)."""
        self._change(AddRule(kind, query), background)

    def remove_rules(self, ids: Iterable[int], *, background: bool = False) -> None:
        """Remove rules by id."""
        self._change(RemoveRules(tuple(ids)), background)


def _set_aside(path: Path) -> Path | None:
    """Move a damaged file to `NAME.damaged-<time>[-N]`, never over an earlier one.

    A hard link claims the new name only if it is free (and leaves the file
    where it was if anything fails); what cannot be linked (a directory) is
    renamed to a name checked free under the caller's lock.
    """
    stamp = time.strftime("%Y%m%d-%H%M%S")
    for attempt in range(1, 1000):
        aside = path.with_name(f"{path.name}.damaged-{stamp}" + (f"-{attempt}" if attempt > 1 else ""))
        try:
            os.link(path, aside, follow_symlinks=False)
        except FileExistsError:
            continue
        except FileNotFoundError:
            return None
        except OSError:
            if os.path.lexists(aside):
                continue
            try:
                os.rename(path, aside)
            except OSError:
                return None
            return aside
        with contextlib.suppress(FileNotFoundError):
            path.unlink()
        return aside
    return None
