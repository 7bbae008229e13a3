"""Sync and import, for both front ends: `paperbrowse sync` and the browser's `R`.

`sync_and_import` is the one implementation; the command line wraps it in
progress bars and one line of outcome, the browser in a worker that posts
messages (`tui.ui.sync_worker`).  Neither draws anything here.
"""

from __future__ import annotations

import argparse
import sys
from dataclasses import dataclass

from tui.progress import Progress, import_progress
from tui.store import Library, Store
from tui.sync.github import (
    GitHubArchive,
    SyncError,
    SyncResult,
    SyncSettingError,
    iter_fetched_days,
    sync_archive,
)


@dataclass(frozen=True, slots=True)
class SyncOutcome:
    """What a sync did, and the library as it is afterwards (None if nothing was imported)."""

    result: SyncResult
    library: Library | None
    warnings: tuple[str, ...]


def sync_and_import(
    store: Store,
    archive: GitHubArchive,
    downloaded: Progress | None = None,
    imported: Progress | None = None,
) -> SyncOutcome:
    """Fetch into `<data dir>/digests/`, then import it and remember it as a source.

    Raises `SyncError` when the archive cannot be listed; failed downloads
    are in the result, and the days that did arrive are imported.
    """
    root = store.digests_dir
    result = sync_archive(archive, root, downloaded)
    library = None
    warnings: tuple[str, ...] = ()
    if root.exists():
        library, report = store.open_library([root], remember=True, progress=imported)
        warnings = tuple(report.warnings)
    return SyncOutcome(result, library, warnings)


def summary_line(result: SyncResult, store: Store) -> str:
    """One line for the user about a sync that listed the archive."""
    if result.failed:
        kept = f"; {len(result.fetched)} day(s) fetched and kept" if result.fetched else ""
        return f"{len(result.failed)} day(s) could not be fetched (first: {result.failed[0]}){kept}"
    if result.up_to_date:
        return f"Up to date: {result.listed:,} days in {store.digests_dir}"
    dates = list(iter_fetched_days(result))
    newest = f", newest {dates[0]}" if dates else ""
    return f"Fetched {len(result.fetched):,} day(s) into {store.digests_dir}{newest}"


def run_sync(args: argparse.Namespace, store: Store) -> int:
    """The CLI command: one line of outcome; exit 0 (up to date, updated), 1 (failed), 2 (settings)."""
    from tui.cli.common import UsageError, say, warn

    try:
        archive = GitHubArchive.from_settings(args.repo, args.branch, args.api_url, args.raw_url)
    except SyncSettingError as error:
        raise UsageError(str(error)) from None
    if archive.token_note:
        warn(archive.token_note)
    try:
        with import_progress(label="Downloading days") as downloaded, import_progress() as imported:
            outcome = sync_and_import(store, archive, downloaded, imported)
    except SyncError as error:
        say(f"paperbrowse: sync failed: {error}", sys.stderr)
        return 1
    finally:
        archive.close()
    for message in outcome.warnings:
        warn(message)
    line = summary_line(outcome.result, store)
    if outcome.result.failed:
        say(f"paperbrowse: sync failed: {line}", sys.stderr)
        return 1
    say(line)
    return 0
