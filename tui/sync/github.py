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
import threading
import time
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor, as_completed
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Final

import httpx
import orjson

from tui.net.http import (
    BadSetting,
    Cancelled,
    NetError,
    Reply,
    checked_url,
    get,
    may_carry_secret,
    timeout_from_env,
)
from tui.store.storage import atomic_write

DEFAULT_REPO: Final = "gabrielchua/daily-ai-papers"
DEFAULT_BRANCH: Final = "main"
DEFAULT_API: Final = "https://api.github.com"
DEFAULT_RAW: Final = "https://raw.githubusercontent.com"
API_ENV: Final = "PAPERBROWSE_API_URL"
RAW_ENV: Final = "PAPERBROWSE_RAW_URL"
# `fullmatch`, not `match` with `$`: "$" also matches before a trailing newline.
DAY_FILE = re.compile(r"archive/\d{4}/\d{2}/\d{2}\.md")
_SHA = re.compile(r"[0-9a-f]{40}")
_REPO_NAME = re.compile(r"[\w.-]+/[\w.-]+", re.ASCII)
_BRANCH_NAME = re.compile(r"[\w.][\w./-]*", re.ASCII)
_TOKEN = re.compile(r"[\x21-\x7e]+")
PARALLEL_DOWNLOADS: Final = 4
# Caps on what a server may send: the tree of the real archive is ~150 KB and
# a day ~30 KB; GitHub itself truncates trees at 7 MB.
MAX_TREE_BYTES: Final = 32 * 1024 * 1024
MAX_DAY_BYTES: Final = 8 * 1024 * 1024
# A whole sync gives up after this long, whatever the server does.
SYNC_DEADLINE_SECONDS: Final = 15 * 60


class SyncError(Exception):
    """A sync that could not finish; the message is one sentence for the user."""


class SyncSettingError(SyncError):
    """A sync that cannot start because a setting is wrong (a usage error, exit 2)."""


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


def _reset_time(reset: str | None) -> str:
    """The end of a rate-limit sentence from an X-RateLimit-Reset header, or an empty string."""
    if not reset or not reset.isdigit() or len(reset) > 12:
        return ""
    try:
        at = dt.datetime.fromtimestamp(int(reset)).astimezone()
    except (OverflowError, OSError, ValueError):  # a time no clock can show
        return ""
    minutes = max(0, round((at - dt.datetime.now().astimezone()).total_seconds() / 60))
    return f"; it resets at {at:%H:%M} (in {minutes} min)"


def _rate_limit_message(reply: Reply, token_sent: bool) -> str | None:
    remaining = reply.headers.get("x-ratelimit-remaining")
    if reply.status == 429 or remaining == "0":
        hint = "" if token_sent else ". Set GITHUB_TOKEN to raise the limit"
        return f"GitHub rate limit reached{_reset_time(reply.headers.get('x-ratelimit-reset'))}{hint}"
    return None


class GitHubArchive:
    """The upstream repository, read through the trees API and the raw host.

    Settings are checked on construction (`SyncSettingError`).  The token
    (`GITHUB_TOKEN`) goes to the API host only, and only when that host is
    GitHub's own or one the user named, over https or on this machine.
    """

    def __init__(
        self,
        repo: str = DEFAULT_REPO,
        branch: str = DEFAULT_BRANCH,
        api_url: str | None = None,
        raw_url: str | None = None,
        client: httpx.Client | None = None,
        *,
        token: str | None = None,
        cancel: threading.Event | None = None,
    ) -> None:
        if not _REPO_NAME.fullmatch(repo):
            raise SyncSettingError(f"--repo must look like OWNER/NAME, not {repo!r}")
        if not _BRANCH_NAME.fullmatch(branch) or ".." in branch or branch.endswith(("/", ".lock")):
            raise SyncSettingError(f"--branch {branch!r} is not a branch name")
        try:
            self.timeout = timeout_from_env()
            self.api_url = checked_url(api_url or os.environ.get(API_ENV) or DEFAULT_API, "the API URL")
            self.raw_url = checked_url(raw_url or os.environ.get(RAW_ENV) or DEFAULT_RAW, "the raw URL")
        except BadSetting as error:
            raise SyncSettingError(str(error)) from None
        self.repo = repo
        self.branch = branch
        self.cancel = cancel
        self.deadline = time.monotonic() + SYNC_DEADLINE_SECONDS
        self.token_note = ""
        self._auth: dict[str, str] = {}
        if token:
            if not _TOKEN.fullmatch(token):
                raise SyncSettingError("GITHUB_TOKEN holds characters no token has (spaces, non-ASCII)")
            if not may_carry_secret(self.api_url):
                self.token_note = f"GITHUB_TOKEN not sent: {self.api_url} is plain http to another machine"
            else:
                self._auth = {"Authorization": f"Bearer {token}"}
        headers = {"Accept": "application/vnd.github+json", "User-Agent": "paperbrowse"}
        self.client = client or httpx.Client(headers=headers, follow_redirects=True)

    @classmethod
    def from_settings(
        cls,
        repo: str = DEFAULT_REPO,
        branch: str = DEFAULT_BRANCH,
        api_url: str | None = None,
        raw_url: str | None = None,
        cancel: threading.Event | None = None,
    ) -> GitHubArchive:
        """The archive as the user configured it: the token from `$GITHUB_TOKEN`."""
        return cls(repo, branch, api_url, raw_url, token=os.environ.get("GITHUB_TOKEN"), cancel=cancel)

    def close(self) -> None:
        """Close the connection pool."""
        self.client.close()

    def _get(self, url: str, what: str, max_bytes: int, auth: bool = False) -> bytes:
        deadline = min(self.deadline, time.monotonic() + 4 * self.timeout)
        try:
            reply = get(
                self.client,
                url,
                max_bytes=max_bytes,
                timeout=self.timeout,
                deadline=deadline,
                headers=self._auth if auth else None,
                cancel=self.cancel,
            )
        except Cancelled:
            raise SyncError("sync cancelled") from None
        except NetError as error:
            raise SyncError(str(error)) from None
        if reply.status in (403, 429):
            limited = _rate_limit_message(reply, bool(self._auth))
            if limited:
                raise SyncError(limited)
        if reply.status == 404:
            raise SyncError(f"{what} was not found (HTTP 404)")
        if reply.status == 401:
            raise SyncError("GitHub refused the token (HTTP 401); check GITHUB_TOKEN")
        if reply.status >= 400:
            raise SyncError(f"{what} answered HTTP {reply.status}")
        return reply.body

    def list_days(self) -> list[RemoteDay]:
        """Every `archive/YYYY/MM/DD.md` in the branch, from one tree request."""
        url = f"{self.api_url}/repos/{self.repo}/git/trees/{self.branch}?recursive=1"
        body = self._get(url, f"the {self.repo} tree for branch {self.branch!r}", MAX_TREE_BYTES, auth=True)
        try:
            payload: Any = orjson.loads(body)  # nesting is capped (1024): no RecursionError
        except orjson.JSONDecodeError:
            raise SyncError("the GitHub API sent a malformed tree (not JSON)") from None
        entries = payload.get("tree") if isinstance(payload, dict) else None
        if not isinstance(entries, list):
            raise SyncError("the GitHub API sent a malformed tree (no list of files)")
        days = []
        for entry in entries:
            if not isinstance(entry, dict):
                raise SyncError("the GitHub API sent a malformed tree (an entry is not an object)")
            path, sha = entry.get("path"), entry.get("sha")
            if (
                entry.get("type", "blob") != "blob"
                or not isinstance(path, str)
                or not DAY_FILE.fullmatch(path)
            ):
                continue
            if not isinstance(sha, str) or not _SHA.fullmatch(sha):
                raise SyncError(f"the GitHub API sent a malformed tree (bad sha for {path})")
            days.append(RemoteDay(path, sha))
        return sorted(days, key=lambda d: d.path)

    def fetch(self, day: RemoteDay, target: Path) -> None:
        """Download one day to `target`, atomically, verified against its SHA."""
        url = f"{self.raw_url}/{self.repo}/{self.branch}/{day.path}"
        data = self._get(url, day.path, MAX_DAY_BYTES)
        if blob_sha(data) != day.sha:
            kept = "the old copy is kept" if target.exists() else "not saved"
            raise SyncError(f"{day.path} arrived incomplete or altered ({len(data)} bytes); {kept}")
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
    if progress:
        progress(0, len(wanted))  # the listing is over: say how many days are coming
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
