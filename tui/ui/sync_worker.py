"""The browser's sync: the CLI's `sync_and_import` in a worker, reporting by messages.

The network and the import run in a daemon thread the worker waits on, so
`q` quits at once even while a server is slow to answer (a blocked read
cannot be interrupted, and Textual's worker threads are waited for at
exit); the download itself is bounded by the sync's deadlines.  Every
failure, expected or not, ends as one `SyncFinished` message: a sync never
takes the browser down.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from typing import TYPE_CHECKING

from textual.message import Message
from textual.worker import Worker, get_current_worker

from tui.store.library import Library
from tui.words import counted

if TYPE_CHECKING:
    from textual.dom import DOMNode

    from tui.store import Store
    from tui.sync.command import SyncOutcome

DEFAULT_REPO = "gabrielchua/daily-ai-papers"


@dataclass(frozen=True, slots=True)
class SyncSettings:
    """Where to sync from (the same settings `paperbrowse sync` takes)."""

    repo: str = DEFAULT_REPO
    branch: str = "main"
    api_url: str | None = None
    raw_url: str | None = None


class SyncProgress(Message):
    """How far a running sync is, as a line for the status bar."""

    def __init__(self, text: str) -> None:
        super().__init__()
        self.text = text


class SyncFinished(Message):
    """A sync ended: the library after it (None when nothing changed), and what to say."""

    def __init__(self, library: Library | None, message: str, *, failed: bool) -> None:
        super().__init__()
        self.library = library
        self.message = message
        self.failed = failed


def start_sync(node: DOMNode, store: Store, settings: SyncSettings) -> Worker[None]:
    """Run a sync in the background; `node` receives `SyncProgress` and `SyncFinished`."""
    return node.run_worker(
        lambda: _wait_for_sync(node, store, settings), thread=True, exclusive=True, group="sync", name="sync"
    )


def _wait_for_sync(node: DOMNode, store: Store, settings: SyncSettings) -> None:
    """In the worker: start the sync thread and wait, giving up at once when cancelled."""
    worker = get_current_worker()
    cancel = threading.Event()
    done = threading.Event()
    outcome: list[SyncOutcome | BaseException] = []

    def run() -> None:
        try:
            outcome.append(_sync(node, store, settings, cancel))
        except BaseException as error:  # reported below, whatever it is
            outcome.append(error)
        finally:
            done.set()

    threading.Thread(target=run, name="sync", daemon=True).start()
    while not done.wait(0.1):
        if worker.is_cancelled:  # the browser is closing: leave the thread to die with it
            cancel.set()
            return
    node.post_message(_finished(outcome[0], store))


def _sync(node: DOMNode, store: Store, settings: SyncSettings, cancel: threading.Event) -> SyncOutcome:
    # Imported here, in the thread: httpx costs ~100 ms to import, which the
    # browser's start-up should not pay for a key that may never be pressed.
    from tui.sync.command import sync_and_import
    from tui.sync.github import GitHubArchive

    archive = GitHubArchive.from_settings(
        settings.repo, settings.branch, settings.api_url, settings.raw_url, cancel=cancel
    )

    def downloaded(done: int, total: int) -> None:
        node.post_message(SyncProgress(f"Sync: {done}/{total} days downloaded"))

    def imported(done: int, total: int) -> None:
        node.post_message(SyncProgress(f"Sync: reading new days ({done}/{total})"))

    node.post_message(SyncProgress("Sync: listing the upstream archive…"))
    try:
        return sync_and_import(store, archive, downloaded, imported)
    finally:
        archive.close()


def _finished(outcome: SyncOutcome | BaseException, store: Store) -> SyncFinished:
    """The message for a sync's outcome or its error."""
    from tui.sync.github import SyncError

    if isinstance(outcome, SyncError):
        return SyncFinished(None, f"Sync failed: {outcome}", failed=True)
    if isinstance(outcome, OSError):
        return SyncFinished(None, f"Sync failed: {outcome.strerror or outcome}", failed=True)
    if isinstance(outcome, BaseException):
        from tui.crashlog import write_crash_log

        try:
            raise outcome
        except BaseException:
            where = write_crash_log(store.data_dir)
        return SyncFinished(None, f"Sync failed after an unexpected error; {where}", failed=True)
    result = outcome.result
    if result.failed:
        fetched, failed = len(result.fetched), len(result.failed)
        message = f"Sync: {counted(fetched, 'day')} fetched; {failed} failed ({result.failed[0]})"
        return SyncFinished(outcome.library, message, failed=True)
    if result.up_to_date:
        return SyncFinished(outcome.library, "Sync: up to date.", failed=False)
    return SyncFinished(
        outcome.library, f"Sync: {counted(len(result.fetched), 'new or changed day')}.", failed=False
    )
