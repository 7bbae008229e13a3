"""Sync and import, for both front ends: `paperbrowse sync` and the browser's `R`.

`sync_and_import` is the one implementation; the command line wraps it in
progress bars and one line of outcome, the browser in a worker that posts
messages (`tui.ui.sync_worker`).  Neither draws anything here.

After the import, the papers of the days fetched are enriched with arXiv and
Hugging Face metadata (`enrich_step`, see `enrich_new_papers`) unless the
user said `--no-enrich`; an enrich that fails never undoes the sync.
"""

from __future__ import annotations

import argparse
import sys
import threading
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from tui.progress import Progress, import_progress
from tui.store import Library, Store
from tui.sync.github import (
    DEFAULT_BRANCH,
    DEFAULT_REPO,
    GitHubArchive,
    SyncError,
    SyncResult,
    SyncSettingError,
    iter_fetched_days,
    sync_archive,
)
from tui.words import counted

if TYPE_CHECKING:
    from tui.enrich.run import EnrichProgress, EnrichResult
    from tui.enrich.settings import EnrichSettings

# Runs after a sync imported: the library and what the sync fetched -> what enrich did.
EnrichStep = Callable[[Library, SyncResult], "EnrichResult"]


@dataclass(frozen=True, slots=True)
class SyncOutcome:
    """What a sync did, and the library as it is afterwards (None if nothing was imported)."""

    result: SyncResult
    library: Library | None
    warnings: tuple[str, ...]
    enriched: EnrichResult | None = None  # None: no enrich step, or no new day to enrich


def enrich_new_papers(
    store: Store,
    settings: EnrichSettings | None = None,
    progress: EnrichProgress | None = None,
    cancel: threading.Event | None = None,
) -> EnrichStep:
    """An `enrich_step` that fetches metadata for the papers of the days a sync fetched."""

    def step(library: Library, result: SyncResult) -> EnrichResult:
        from tui.enrich.run import enrich

        new_days = set(iter_fetched_days(result))
        return enrich(
            store.metadata, library, dates=new_days, settings=settings, progress=progress, cancel=cancel
        )

    return step


def sync_and_import(
    store: Store,
    archive: GitHubArchive,
    downloaded: Progress | None = None,
    imported: Progress | None = None,
    *,
    enrich_step: EnrichStep | None = None,
) -> SyncOutcome:
    """Fetch into `<data dir>/digests/`, then import it and remember it as a source.

    Raises `SyncError` when the archive cannot be listed; failed downloads
    are in the result, and the days that did arrive are imported.  Then
    `enrich_step` (if given) runs for the new days; its failure is in
    `SyncOutcome.enriched.error`, never raised.
    """
    root = store.digests_dir
    result = sync_archive(archive, root, downloaded)
    library = None
    warnings: tuple[str, ...] = ()
    if root.exists():
        library, report = store.open_library([root], remember=True, progress=imported)
        warnings = tuple(report.warnings)
    enriched = None
    if enrich_step is not None and library is not None and result.fetched:
        enriched = enrich_step(library, result)
    return SyncOutcome(result, library, warnings, enriched)


def summary_line(result: SyncResult, store: Store) -> str:
    """One line for the user about a sync that listed the archive."""
    if result.failed:
        kept = f"; {counted(len(result.fetched), 'day')} fetched and kept" if result.fetched else ""
        return f"{counted(len(result.failed), 'day')} could not be fetched (first: {result.failed[0]}){kept}"
    if result.up_to_date:
        return f"Up to date: {result.listed:,} days in {store.digests_dir}"
    dates = list(iter_fetched_days(result))
    newest = f", newest {dates[0]}" if dates else ""
    return f"Fetched {counted(len(result.fetched), 'day')} into {store.digests_dir}{newest}"


def run_sync(args: argparse.Namespace, store: Store) -> int:
    """The CLI command: one line of outcome; exit 0 (up to date, updated), 1 (failed), 2 (settings)."""
    from tui.cli.common import UsageError, say, warn
    from tui.cli.enrich_command import enrich_progress, enrich_settings, report

    try:
        config = getattr(args, "loaded_config", None)
        repo = args.repo or (config.sync_repo if config else None) or DEFAULT_REPO
        branch = args.branch or (config.sync_branch if config else None) or DEFAULT_BRANCH
        archive = GitHubArchive.from_settings(repo, branch, args.api_url, args.raw_url)
    except SyncSettingError as error:
        raise UsageError(str(error)) from None
    settings = None if args.no_enrich else enrich_settings()  # a bad setting stops before the sync
    if archive.token_note:
        warn(archive.token_note)
    try:
        with (
            import_progress(label="Downloading days") as downloaded,
            import_progress() as imported,
            enrich_progress() as enriching,
        ):
            step = None if settings is None else enrich_new_papers(store, settings, enriching)
            outcome = sync_and_import(store, archive, downloaded, imported, enrich_step=step)
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
    if outcome.enriched is not None:
        return report(outcome.enriched, store, "enrich after sync")
    return 0
