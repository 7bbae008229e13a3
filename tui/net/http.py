"""Bounded HTTP GETs: a timeout per read, a size cap, a deadline per request, cancellable.

A server is hostile until shown otherwise.  httpx's timeouts apply to each
read, so a server that drips one byte a second never times out, and
`response.content` buffers whatever it is sent.  `get` streams instead: it
stops at `max_bytes`, at the request's deadline, and when `cancel` is set,
and turns every transport failure into a `NetError` with one sentence a
user can act on ("timed out waiting for api.github.com").

Settings that come from the environment are checked here too, so a bad
`PAPERBROWSE_HTTP_TIMEOUT` is a usage error, not a traceback.
"""

from __future__ import annotations

import ipaddress
import os
import threading
import time
from dataclasses import dataclass
from typing import Final

import httpx

TIMEOUT_ENV: Final = "PAPERBROWSE_HTTP_TIMEOUT"
DEFAULT_TIMEOUT: Final = 20.0
# A request may take this many read timeouts in all (a slow but steady download).
DEADLINE_FACTOR: Final = 4
# What an error response's body may be read to (only its status and headers matter).
_ERROR_BODY_CAP: Final = 64 * 1024


class NetError(Exception):
    """A request that failed; the message is one sentence for the user.

    `transient` marks failures worth trying again after a pause (a timeout, a
    connection dropped mid-answer); being offline or a name that does not
    resolve is not: asking again at once would fail the same way.
    """

    def __init__(self, message: str, *, transient: bool = False) -> None:
        super().__init__(message)
        self.transient = transient


class Cancelled(NetError):
    """The caller asked to stop (the browser is quitting)."""

    def __init__(self) -> None:
        super().__init__("cancelled")


class BadSetting(ValueError):
    """A network setting (flag or environment variable) that cannot be used."""


@dataclass(frozen=True, slots=True)
class Reply:
    """A whole response: status, headers and the (capped) body."""

    status: int
    headers: httpx.Headers
    body: bytes
    url: str


def timeout_from_env() -> float:
    """Seconds to wait for any one read: `$PAPERBROWSE_HTTP_TIMEOUT`, else 20.

    Raises `BadSetting` for anything that is not a positive number of seconds.
    """
    raw = os.environ.get(TIMEOUT_ENV, "").strip()
    if not raw:
        return DEFAULT_TIMEOUT
    try:
        seconds = float(raw)
    except ValueError:
        raise BadSetting(f"{TIMEOUT_ENV}={raw!r} is not a number of seconds") from None
    if not 0 < seconds <= 3600:
        raise BadSetting(f"{TIMEOUT_ENV}={raw!r} must be more than 0 and at most 3600 seconds")
    return seconds


def checked_url(raw: str, what: str) -> str:
    """`raw` without a trailing slash, if it is an http(s) URL with a host; else `BadSetting`."""
    text = raw.strip().rstrip("/")
    try:
        url = httpx.URL(text)
    except (httpx.InvalidURL, ValueError) as error:
        raise BadSetting(f"{what} {raw!r} is not a URL ({error})") from None
    if url.scheme not in ("http", "https") or not url.host:
        raise BadSetting(f"{what} {raw!r} must be an http:// or https:// URL with a host")
    return text


def is_loopback(url: str) -> bool:
    """True for a URL on this machine (localhost, 127.0.0.0/8, ::1)."""
    host = httpx.URL(url).host
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def may_carry_secret(url: str) -> bool:
    """A credential may go to `url` only encrypted, or to this machine itself."""
    return httpx.URL(url).scheme == "https" or is_loopback(url)


def is_transient(error: httpx.HTTPError) -> bool:
    """True for a failure that may not recur: a timeout, or the server hanging up mid-answer."""
    return isinstance(error, httpx.TimeoutException | httpx.RemoteProtocolError | httpx.ReadError)


def describe(error: httpx.HTTPError, host: str) -> str:
    """One sentence for a transport failure talking to `host`."""
    if isinstance(error, httpx.ConnectTimeout):
        return f"timed out connecting to {host}"
    if isinstance(error, httpx.TimeoutException):
        return f"timed out waiting for {host}"
    if isinstance(error, httpx.ConnectError):
        text = str(error).lower()
        if any(
            sign in text
            for sign in ("name or service not known", "nodename", "getaddrinfo", "name resolution")
        ):
            return f"cannot resolve {host} (DNS failure; are you offline?)"
        return f"cannot connect to {host} (offline, or the server is down)"
    if isinstance(error, httpx.RemoteProtocolError):
        return f"{host} closed the connection mid-response"
    if isinstance(error, httpx.TooManyRedirects):
        return f"{host} redirected too many times"
    return f"network error talking to {host}: {type(error).__name__}"


def get(
    client: httpx.Client,
    url: str,
    *,
    max_bytes: int,
    timeout: float,
    deadline: float | None = None,
    headers: dict[str, str] | None = None,
    cancel: threading.Event | None = None,
) -> Reply:
    """GET `url`, streamed: at most `max_bytes` of body, done by `deadline` (monotonic).

    `deadline` defaults to `DEADLINE_FACTOR` read timeouts from now.  Raises
    `NetError` (one sentence) on any failure, `Cancelled` when `cancel` is set.
    Error statuses are returned, with at most 64 KiB of their body.
    """
    host = httpx.URL(url).host or url
    started = time.monotonic()
    finish = deadline if deadline is not None else started + DEADLINE_FACTOR * timeout
    try:
        remaining = finish - time.monotonic()
        if remaining <= 0:
            raise NetError(f"ran out of time before asking {host}")
        per_read = httpx.Timeout(min(timeout, remaining), connect=min(10.0, timeout, remaining))
        with client.stream("GET", url, headers=headers, timeout=per_read) as response:
            cap = max_bytes if response.status_code < 400 else _ERROR_BODY_CAP
            length = response.headers.get("content-length", "")
            if length.isdigit() and int(length) > cap and response.status_code < 400:
                raise NetError(f"{host} offered {int(length):,} bytes, more than the {cap:,} allowed")
            chunks: list[bytes] = []
            received = 0
            for chunk in response.iter_bytes():
                received += len(chunk)
                if received > cap:
                    if response.status_code >= 400:
                        break  # the status says enough
                    raise NetError(f"{host} sent more than the {cap:,} bytes allowed")
                chunks.append(chunk)
                if cancel is not None and cancel.is_set():
                    raise Cancelled()
                if time.monotonic() > finish:
                    waited = time.monotonic() - started
                    raise NetError(
                        f"{host} answered too slowly (gave up after {waited:.0f} s)", transient=True
                    )
            return Reply(response.status_code, response.headers, b"".join(chunks), str(response.url))
    except httpx.HTTPError as error:
        raise NetError(describe(error, host), transient=is_transient(error)) from None
    except (httpx.InvalidURL, UnicodeError, ValueError) as error:
        # A header value that is not ASCII, a redirect to something that is not a URL.
        raise NetError(f"could not ask {host}: {error}") from None
