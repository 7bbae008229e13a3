"""One request at a time per service, spaced by its delay, retried with backoff; failures in one line.

Every request goes through `polite_get`, which

* takes the service's `RateLimiter` slot: at most one request in flight per
  service in this process, each starting at least the delay after the
  previous one started (module-level, so the command line's batches and the
  browser's one-paper fetches share it);
* fetches with `tui.net.http.get` (size cap, deadline, cancel);
* tries a transient failure (HTTP 5xx, a timeout, a connection dropped
  mid-answer) again after a doubling pause, a few times in all;
* stops at once on HTTP 429 or 403 (`RateLimited`, with the Retry-After
  the server gave), and on being offline (asking again would fail alike).
"""

from __future__ import annotations

import contextlib
import email.utils
import threading
import time
from collections.abc import Iterator
from typing import Final

import httpx

from tui.net.http import Cancelled, NetError, get

_RETRY_AFTER_MAX: Final = 7 * 24 * 3600


class EnrichError(Exception):
    """Metadata could not be fetched; the message is one sentence for the user."""


class EnrichCancelled(EnrichError):
    """The caller asked to stop (Ctrl-C, the browser quitting)."""

    def __init__(self) -> None:
        super().__init__("cancelled")


class RateLimited(EnrichError):
    """The service refused more requests (HTTP 429 or 403): stop, do not retry."""


class RateLimiter:
    """Spaces the requests to one service: one in flight, starts at least `interval` apart."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._next_start = 0.0

    @contextlib.contextmanager
    def slot(self, interval: float, cancel: threading.Event | None = None) -> Iterator[None]:
        """Wait for this service's turn (cancellable), hold it for one request."""
        while not self._lock.acquire(timeout=0.1):
            if cancel is not None and cancel.is_set():
                raise EnrichCancelled()
        try:
            wait = self._next_start - time.monotonic()
            if wait > 0 and pause(wait, cancel):
                raise EnrichCancelled()
            self._next_start = time.monotonic() + interval
            yield
        finally:
            self._lock.release()


ARXIV_LIMITER: Final = RateLimiter()
HF_LIMITER: Final = RateLimiter()


def pause(seconds: float, cancel: threading.Event | None) -> bool:
    """Sleep `seconds`; True when `cancel` was set meanwhile (which ends the sleep early)."""
    if cancel is None:
        time.sleep(seconds)
        return False
    return cancel.wait(seconds)


def backoff_seconds(delay: float, attempt: int) -> float:
    """The pause before try `attempt + 2` after a transient failure: doubling from the delay."""
    return max(delay, 0.05) * 2.0**attempt


def retry_after(value: str | None) -> str:
    """The end of a rate-limit sentence ("; try again in 2 min") from a Retry-After header, or "".

    The header holds seconds or an HTTP date; an absurd one is left out.
    """
    if not value:
        return ""
    text = value.strip()
    seconds: float | None = None
    if text.isdigit() and len(text) < 10:
        seconds = int(text)
    else:
        with contextlib.suppress(TypeError, ValueError, IndexError, OverflowError):
            when = email.utils.parsedate_to_datetime(text)
            seconds = when.timestamp() - time.time()
    if seconds is None or not 0 <= seconds <= _RETRY_AFTER_MAX:
        return ""
    if seconds < 90:
        return f"; try again in {seconds:.0f} s"
    return f"; try again in {seconds / 60:.0f} min"


def polite_get(
    client: httpx.Client,
    url: str,
    *,
    service: str,
    limiter: RateLimiter,
    delay: float,
    timeout: float,
    tries: int,
    max_bytes: int,
    cancel: threading.Event | None = None,
) -> bytes:
    """The body of a 200 answer to GET `url`; `EnrichError` (one sentence) otherwise."""
    failure = ""
    for attempt in range(max(1, tries)):
        if attempt and pause(backoff_seconds(delay, attempt - 1), cancel):
            raise EnrichCancelled()
        try:
            with limiter.slot(delay, cancel):
                reply = get(client, url, max_bytes=max_bytes, timeout=timeout, cancel=cancel)
        except Cancelled:
            raise EnrichCancelled() from None
        except NetError as error:
            if not error.transient:
                raise EnrichError(str(error)) from None
            failure = str(error)
            continue
        if reply.status in (403, 429):
            wait = retry_after(reply.headers.get("retry-after"))
            raise RateLimited(f"{service} refused more requests (HTTP {reply.status}{wait}); stopped")
        if reply.status >= 500:
            failure = f"{service} answered HTTP {reply.status}"
            continue
        if reply.status == 404:
            raise EnrichError(f"{service} has no such endpoint (HTTP 404 for {url.split('?', 1)[0]})")
        if reply.status != 200:
            raise EnrichError(f"{service} answered HTTP {reply.status}")
        return reply.body
    raise EnrichError(f"{failure}; gave up after {max(1, tries)} tries")
