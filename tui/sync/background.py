"""The browser's `R`: the same sync in a worker thread, progress in the status line."""

from __future__ import annotations

from typing import TYPE_CHECKING

from tui.store import Store

if TYPE_CHECKING:
    from tui.ui.app import PaperBrowseApp


class BackgroundSync:
    """Callable the app runs on `R`; never blocks the UI, never loses a day."""

    def __init__(self, store: Store, repo: str | None = None, branch: str = "main") -> None:
        self.store = store
        self.repo = repo
        self.branch = branch
        self.running = False

    def __call__(self, app: PaperBrowseApp) -> None:
        """Start a sync unless one is already running."""
        if self.running:
            app.notify("A sync is already running.", timeout=3)
            return
        self.running = True
        app.set_status("Sync: listing the upstream archive…")
        self._run(app)

    def _run(self, app: PaperBrowseApp) -> None:
        app.run_worker(lambda: self._work(app), thread=True, exclusive=True, group="sync", name="sync")

    def _work(self, app: PaperBrowseApp) -> None:
        # Imported here, in the worker: httpx costs ~100 ms to import, which the
        # browser's start-up should not pay for a key that may never be pressed.
        from tui.sync.command import sync_and_import
        from tui.sync.github import GitHubArchive, SyncError

        try:
            archive = GitHubArchive.from_settings(self.repo or "gabrielchua/daily-ai-papers", self.branch)
            try:
                outcome = sync_and_import(
                    self.store,
                    archive,
                    lambda done, total: app.call_from_thread(
                        app.set_status, f"Sync: {done}/{total} days downloaded"
                    ),
                )
            finally:
                archive.close()
        except SyncError as error:
            app.call_from_thread(app.sync_finished, None, f"Sync failed: {error}")
            return
        except OSError as error:
            app.call_from_thread(app.sync_finished, None, f"Sync failed: {error.strerror or error}")
            return
        finally:
            self.running = False
        result = outcome.result
        if result.failed:
            fetched, failed = len(result.fetched), len(result.failed)
            message = f"Sync: {fetched} day(s) fetched; {failed} failed ({result.failed[0]})"
        elif result.up_to_date:
            message = "Sync: up to date."
        else:
            message = f"Sync: {len(result.fetched)} new or changed day(s)."
        app.call_from_thread(app.sync_finished, outcome.library, message)
