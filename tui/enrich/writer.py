"""Writing enrich's results to metadata.json as they arrive, from a thread, without rewriting it per paper.

Every write replaces the whole file (that is what makes it atomic), so its
cost grows with the file: ~10 ms at 5,000 papers, ~0.5 s at 50,000.  Done
after each request on the fetching thread, writes would be most of a run
without delay, and at 50,000 papers they would rewrite the file thousands of
times.  So results go to a writer thread, which writes at once when it is
idle and otherwise gathers what arrived meanwhile into its next write, and
after a write waits nine times as long as it took (at most ten seconds):
writing is never more than a tenth of the time.  Against the real services
(a request every 3 s) each batch is on disk before the next is asked for;
kill -9 loses at most the last few seconds of answers, and `close` (also
run on Ctrl-C) writes everything.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Final

if TYPE_CHECKING:
    from tui.store.metadata import MetadataStore

# A write is followed by a pause of this many times its length (at most MAX_PAUSE).
_PAUSE_FACTOR: Final = 9.0
MAX_PAUSE: Final = 10.0
_PARTS: Final = ("arxiv", "missing", "hf", "hf_days")


class ResultWriter:
    """Hands results to metadata.json from a background thread, coalescing while a write is slow."""

    def __init__(self, metadata: MetadataStore) -> None:
        self.metadata = metadata
        self.error: OSError | None = None  # the write that failed (nothing after it is written)
        self._pending: dict[str, dict[str, Any]] = {part: {} for part in _PARTS}
        self._wake = threading.Condition()
        self._closed = False
        self._not_before = 0.0
        self._thread = threading.Thread(target=self._run, name="metadata-writer", daemon=True)
        self._thread.start()

    def submit(self, **parts: Mapping[str, Any]) -> None:
        """Queue results (`save`'s keyword arguments); raises the OSError of an earlier failed write."""
        with self._wake:
            if self.error is not None:
                raise self.error
            for name, values in parts.items():
                self._pending[name].update(values)
            self._wake.notify_all()

    def _take(self) -> dict[str, dict[str, Any]] | None:
        """Under the lock: what to write next, once it is time; None when closed and done."""
        while True:
            waiting = any(self._pending.values())
            if not waiting and self._closed:
                return None
            pause = self._not_before - time.monotonic()
            if waiting and (pause <= 0 or self._closed):
                taken, self._pending = self._pending, {part: {} for part in _PARTS}
                return taken
            self._wake.wait(pause if waiting else None)

    def _run(self) -> None:
        while True:
            with self._wake:
                batch = self._take()
            if batch is None:
                return
            began = time.monotonic()
            try:
                self.metadata.save(**batch)
            except OSError as error:
                with self._wake:
                    self.error, self._closed = error, True
                    self._pending = {part: {} for part in _PARTS}
                    self._wake.notify_all()
                return
            took = time.monotonic() - began
            with self._wake:
                self._not_before = time.monotonic() + min(MAX_PAUSE, took * _PAUSE_FACTOR)

    def close(self) -> OSError | None:
        """Write everything queued, stop the thread; the OSError if a write failed."""
        with self._wake:
            self._closed = True
            self._wake.notify_all()
        self._thread.join()
        return self.error
