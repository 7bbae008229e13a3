"""Metadata for the paper on screen, fetched in the background when it has none yet.

At most one request is in flight (a new paper cancels the fetch for the last
one), and the enrich module's limiter keeps arXiv's three seconds between
requests across the whole process.  The network runs in a daemon thread the
worker waits on, so `q` quits at once.  A failure pauses background fetching
for a while (rate limiting, longer) and the detail pane says why, where the
metadata would be; it never interrupts what the user is doing.  Nothing is
fetched before metadata.json has been opened (after the first frame).
"""

from __future__ import annotations

import threading
import time
from typing import TYPE_CHECKING, Final

from textual.message import Message
from textual.worker import get_current_worker

from tui.digest.meta import PaperMeta

if TYPE_CHECKING:
    from tui.ui.screens.browser import BrowserScreen

PAUSE_AFTER_FAILURE: Final = 300.0
PAUSE_AFTER_RATE_LIMIT: Final = 900.0


class MetadataFetched(Message):
    """A background fetch ended: the paper's metadata, or why there is none."""

    def __init__(self, arxiv_id: str, meta: PaperMeta | None, error: str | None, rate_limited: bool) -> None:
        super().__init__()
        self.arxiv_id = arxiv_id
        self.meta = meta
        self.error = error
        self.rate_limited = rate_limited


class MetaFetcher:
    """Fetches what the paper on screen lacks, politely, one at a time."""

    def __init__(self, screen: BrowserScreen, *, enabled: bool) -> None:
        self.screen = screen
        self.enabled = enabled
        self.in_flight: str | None = None
        self._cancel: threading.Event | None = None
        self._paused_until = 0.0
        self.failure: str | None = None  # why the last fetch failed, while fetching is paused

    def wants(self, index: int) -> bool:
        """Whether paper `index` lacks metadata that could be fetched now."""
        reading = self.screen.reading
        metadata = reading.metadata
        arxiv_id = reading.library.record(index)["i"]
        if not (self.enabled and metadata is not None and reading.meta_ready and arxiv_id):
            return False
        if time.monotonic() < self._paused_until:
            return False
        date = reading.library.date(index)
        return bool(metadata.needs_arxiv([arxiv_id])) or date not in metadata.fetched_days()

    def fetch(self, index: int) -> None:
        """Fetch paper `index`'s metadata in the background, if it lacks any."""
        if not self.wants(index):
            return
        reading = self.screen.reading
        library = reading.library
        arxiv_id = library.record(index)["i"]
        if arxiv_id is None or reading.metadata is None or arxiv_id == self.in_flight:
            return
        if self._cancel is not None:
            self._cancel.set()  # the last paper's fetch is moot
        cancel = self._cancel = threading.Event()
        self.in_flight = arxiv_id
        date = library.date(index)
        day = library.day_position(date)
        day_ids = [library.record(i)["i"] or "" for i in library.days[day].indices] if day is not None else []
        metadata, screen = reading.metadata, self.screen

        def run() -> None:
            from tui.enrich.polite import EnrichCancelled, EnrichError, RateLimited
            from tui.enrich.run import fetch_one

            try:
                meta = fetch_one(metadata, arxiv_id, date, day_ids=[i for i in day_ids if i], cancel=cancel)
            except EnrichCancelled:
                return
            except EnrichError as error:
                screen.post_message(
                    MetadataFetched(arxiv_id, None, str(error), isinstance(error, RateLimited))
                )
                return
            except Exception as error:  # never let a fetch take the browser down
                screen.post_message(
                    MetadataFetched(arxiv_id, None, f"unexpected error ({type(error).__name__})", False)
                )
                return
            screen.post_message(MetadataFetched(arxiv_id, meta, None, False))

        def wait() -> None:
            worker = get_current_worker()
            thread = threading.Thread(target=run, name="metadata", daemon=True)
            thread.start()
            while thread.is_alive():
                thread.join(0.1)
                if worker.is_cancelled:
                    cancel.set()
                    return

        screen.run_worker(wait, thread=True, group="metadata")

    def finished(self, event: MetadataFetched) -> None:
        """A fetch ended: after a failure, pause, and say why where the metadata would be."""
        if event.arxiv_id == self.in_flight:
            self.in_flight = None
        if event.error is None:
            self.failure = None
            return
        self.failure = event.error
        pause = PAUSE_AFTER_RATE_LIMIT if event.rate_limited else PAUSE_AFTER_FAILURE
        self._paused_until = time.monotonic() + pause

    def status(self, arxiv_id: str | None) -> str:
        """What the detail pane says about this paper's metadata: being fetched, or why not."""
        if arxiv_id is not None and arxiv_id == self.in_flight:
            return "fetching metadata…"
        if self.failure is not None and time.monotonic() < self._paused_until:
            return f"metadata not fetched: {self.failure}"
        return ""
