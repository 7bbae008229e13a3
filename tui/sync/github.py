r"""Fetch the upstream digest archive from GitHub, only what changed.

One tree listing, then only the day files that are new or changed:

    GET {api}/repos/OWNER/NAME/git/trees/BRANCH?recursive=1    one request
    GET {raw}/OWNER/NAME/BRANCH/archive/YYYY/MM/DD.md          per changed day

A local file is current when its git blob SHA (sha1 of "blob <size>\0" +
bytes) equals the SHA the tree lists, so no manifest is kept and a day edited
upstream is fetched again.  Downloads go to a temporary name, are checked
against that SHA (a truncated or corrupted body never lands), and are renamed
into place only when whole.  Every failure becomes a `SyncError` with one
plain sentence; the token is sent, never shown.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import os
import re
import time
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor, as_completed
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Final

import httpx

from tui.store.storage import atomic_write

DEFAULT_REPO: Final = "gabrielchua/daily-ai-papers"
DEFAULT_API: Final = "https://api.github.com"
DEFAULT_RAW: Final = "https://raw.githubusercontent.com"
API_ENV: Final = "PAPERBROWSE_API_URL"
RAW_ENV: Final = "PAPERBROWSE_RAW_URL"
TIMEOUT_ENV: Final = "PAPERBROWSE_HTTP_TIMEOUT"
DAY_FILE = re.compile(r"^archive/\d{4}/\d{2}/\d{2}\.md$")
PARALLEL_DOWNLOADS: Final = 4


class SyncError(Exception):
    """A sync that could not finish; the message is one sentence for the user."""


@dataclass(frozen=True, slots=True)
class RemoteDay:
    """A day file the tree lists: its path in the repository and blob SHA."""

    path: str
    sha: str


@dataclass
class SyncResult:
    """What a sync did."""

    listed: int = 0
    fetched: list[str] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)  # "path: reason"

    @property
    def up_to_date(self) -> bool:
        """True when nothing needed fetching."""
        return not self.fetched and not self.failed


def blob_sha(data: bytes) -> str:
    """Git's object id for a file's bytes."""
    return hashlib.sha1(b"blob %d\0" % len(data) + data).hexdigest()


def _timeout() -> httpx.Timeout:
    seconds = float(os.environ.get(TIMEOUT_ENV) or 20)
    return httpx.Timeout(seconds, connect=min(10.0, seconds))


def _describe(error: httpx.HTTPError, what: str) -> str:
    """One sentence for a transport failure."""
    host = error.request.url.host if getattr(error, "_request", None) is not None else what
    if isinstance(error, httpx.ConnectTimeout):
        return f"timed out connecting to {host}"
    if isinstance(error, httpx.TimeoutException):
        return f"timed out waiting for {host}"
    if isinstance(error, httpx.ConnectError):
        text = str(error).lower()
        if (
            "name or service not known" in text
            or "nodename" in text
            or "getaddrinfo" in text
            or "name resolution" in text
        ):
            return f"cannot resolve {host} (DNS failure; are you offline?)"
        return f"cannot connect to {host} (offline, or the server is down)"
    if isinstance(error, httpx.RemoteProtocolError):
        return f"{host} closed the connection mid-response"
    return f"network error talking to {host}: {type(error).__name__}"


def _rate_limit_message(response: httpx.Response) -> str | None:
    remaining = response.headers.get("x-ratelimit-remaining")
    if response.status_code == 429 or remaining == "0":
        reset = response.headers.get("x-ratelimit-reset")
        when = ""
        if reset and reset.isdigit():
            at = dt.datetime.fromtimestamp(int(reset)).astimezone()
            minutes = max(0, round((at - dt.datetime.now().astimezone()).total_seconds() / 60))
            when = f"; it resets at {at:%H:%M} (in {minutes} min)"
        hint = "" if os.environ.get("GITHUB_TOKEN") else ". Set GITHUB_TOKEN to raise the limit"
        return f"GitHub rate limit reached{when}{hint}"
    return None


class GitHubArchive:
    """The upstream repository, read through the trees API and the raw host."""

    def __init__(
        self,
        repo: str = DEFAULT_REPO,
        branch: str = "main",
        api_url: str | None = None,
        raw_url: str | None = None,
        client: httpx.Client | None = None,
    ) -> None:
        if not re.fullmatch(r"[\w.-]+/[\w.-]+", repo):
            raise SyncError(f"--repo must look like OWNER/NAME, not {repo!r}")
        self.repo = repo
        self.branch = branch
        self.api_url = (api_url or os.environ.get(API_ENV) or DEFAULT_API).rstrip("/")
        self.raw_url = (raw_url or os.environ.get(RAW_ENV) or DEFAULT_RAW).rstrip("/")
        headers = {"Accept": "application/vnd.github+json", "User-Agent": "paperbrowse"}
        token = os.environ.get("GITHUB_TOKEN")
        if token:
            headers["Authorization"] = f"Bearer {token}"
        self.client = client or httpx.Client(headers=headers, timeout=_timeout(), follow_redirects=True)

    def close(self) -> None:
        """Close the connection pool."""
        self.client.close()

    def _get(self, url: str, what: str) -> httpx.Response:
        try:
            response = self.client.get(url)
        except httpx.HTTPError as error:
            raise SyncError(_describe(error, what)) from None
        limited = _rate_limit_message(response) if response.status_code in (403, 429) else None
        if limited:
            raise SyncError(limited)
        if response.status_code == 404:
            raise SyncError(f"{what} was not found (HTTP 404)")
        if response.status_code == 401:
            raise SyncError("GitHub refused the token (HTTP 401); check GITHUB_TOKEN")
        if response.status_code >= 400:
            raise SyncError(f"{what} answered HTTP {response.status_code}")
        return response

    def list_days(self) -> list[RemoteDay]:
        """Every `archive/YYYY/MM/DD.md` in the branch, from one tree request."""
        url = f"{self.api_url}/repos/{self.repo}/git/trees/{self.branch}?recursive=1"
        response = self._get(url, f"the {self.repo} tree for branch {self.branch!r}")
        try:
            payload: Any = response.json()
        except ValueError:
            raise SyncError("the GitHub API sent a malformed tree (not JSON)") from None
        entries = payload.get("tree") if isinstance(payload, dict) else None
        if not isinstance(entries, list):
            raise SyncError("the GitHub API sent a malformed tree (no list of files)")
        days = []
        for entry in entries:
            if not isinstance(entry, dict):
                raise SyncError("the GitHub API sent a malformed tree (an entry is not an object)")
            path, sha = entry.get("path"), entry.get("sha")
            if entry.get("type", "blob") != "blob" or not isinstance(path, str) or not DAY_FILE.match(path):
                continue
            if not isinstance(sha, str) or not re.fullmatch(r"[0-9a-f]{40}", sha):
                raise SyncError(f"the GitHub API sent a malformed tree (bad sha for {path})")
            days.append(RemoteDay(path, sha))
        return sorted(days, key=lambda d: d.path)

    def fetch(self, day: RemoteDay, target: Path) -> None:
        """Download one day to `target`, atomically, verified against its SHA."""
        url = f"{self.raw_url}/{self.repo}/{self.branch}/{day.path}"
        data = self._get(url, day.path).content
        if blob_sha(data) != day.sha:
            raise SyncError(
                f"{day.path} arrived incomplete or altered ({len(data)} bytes); kept the old copy"
            )
        atomic_write(target, data)


def local_sha(path: Path) -> str | None:
    """The blob SHA of a local copy, None when there is none."""
    try:
        return blob_sha(path.read_bytes())
    except OSError:
        return None


def stale_days(days: list[RemoteDay], root: Path) -> list[RemoteDay]:
    """The days whose local copy under `root` is missing or differs."""
    return [d for d in days if local_sha(root / d.path) != d.sha]


def _remove_old_temps(root: Path, older_than: float = 3600) -> None:
    """Delete temp files an interrupted sync left behind.

    Only old ones: another sync running right now may be writing fresh ones.
    """
    cutoff = time.time() - older_than
    for stray in root.rglob(".*.tmp") if root.exists() else ():
        with contextlib.suppress(OSError):
            if stray.stat().st_mtime < cutoff:
                stray.unlink()


def sync_archive(
    archive: GitHubArchive,
    root: Path,
    progress: Callable[[int, int], None] | None = None,
) -> SyncResult:
    """List the archive, fetch what changed into `root`, a few at a time.

    A failure to list raises `SyncError`; failed downloads are collected in
    the result (days fetched before them stay, whole and usable).
    """
    days = archive.list_days()
    _remove_old_temps(root)
    result = SyncResult(listed=len(days))
    wanted = stale_days(days, root)
    if not wanted:
        return result
    done = 0
    with ThreadPoolExecutor(max_workers=PARALLEL_DOWNLOADS) as pool:
        futures = {pool.submit(archive.fetch, day, root / day.path): day for day in wanted}
        for future in as_completed(futures):
            day = futures[future]
            try:
                future.result()
                result.fetched.append(day.path)
            except SyncError as error:
                result.failed.append(str(error) if day.path in str(error) else f"{day.path}: {error}")
            done += 1
            if progress:
                progress(done, len(wanted))
    result.fetched.sort()
    return result


def iter_fetched_days(result: SyncResult) -> Iterator[str]:
    """The dates fetched, newest first (for messages)."""
    for path in sorted(result.fetched, reverse=True):
        yield path.removeprefix("archive/").removesuffix(".md").replace("/", "-")
