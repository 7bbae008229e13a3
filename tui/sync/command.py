"""`paperbrowse sync`: fetch new digests, then import them like any source."""

from __future__ import annotations

import argparse
import sys

from tui.progress import import_progress
from tui.store import Store
from tui.sync.github import GitHubArchive, SyncError, SyncResult, iter_fetched_days, sync_archive


def sync_and_import(
    store: Store, archive: GitHubArchive, progress_label: str = "Downloading days"
) -> SyncResult:
    """Fetch into `<data dir>/digests/`, remember it as a source, import it."""
    root = store.digests_dir
    with import_progress(label=progress_label) as progress:
        result = sync_archive(archive, root, progress)
    if root.exists():
        with import_progress() as progress:
            store.open_library([root], remember=True, progress=progress)
    return result


def run_sync(args: argparse.Namespace, store: Store) -> int:
    """The CLI command: one line of outcome, exit 0 (up to date / updated) or 1."""
    try:
        archive = GitHubArchive(args.repo, args.branch, args.api_url, args.raw_url)
    except SyncError as error:
        print(f"paperbrowse: sync failed: {error}", file=sys.stderr)
        return 1
    try:
        result = sync_and_import(store, archive)
    except SyncError as error:
        print(f"paperbrowse: sync failed: {error}", file=sys.stderr)
        return 1
    finally:
        archive.close()
    if result.failed:
        kept = f"; {len(result.fetched)} day(s) fetched and kept" if result.fetched else ""
        print(
            f"paperbrowse: sync failed: {len(result.failed)} day(s) could not be fetched "
            f"(first: {result.failed[0]}){kept}",
            file=sys.stderr,
        )
        return 1
    if result.up_to_date:
        print(f"Up to date: {result.listed:,} days in {store.digests_dir}")
        return 0
    dates = list(iter_fetched_days(result))
    newest = f", newest {dates[0]}" if dates else ""
    print(f"Fetched {len(result.fetched):,} day(s) into {store.digests_dir}{newest}")
    return 0
