"""`paperbrowse enrich`: fetch arXiv and Hugging Face metadata for the papers that lack it.

    paperbrowse enrich [--arxiv-url URL] [--hf-url URL] [--limit N] [--date YYYY-MM-DD]

Settings are checked before anything is fetched (a bad URL or delay is a
usage error, exit 2); a failed request is one line and exit 1, with
everything fetched before it kept; a progress bar shows on stderr when it
is a terminal.  `paperbrowse sync` runs the same step for the days it fetched.
Only argparse is imported at the top: building the parser stays instant.
"""

from __future__ import annotations

import argparse
import contextlib
import sys
from collections.abc import Collection, Iterator
from typing import TYPE_CHECKING, Final

from tui.cli.common import positive_int
from tui.words import counted

if TYPE_CHECKING:
    from tui.enrich.run import EnrichProgress, EnrichResult
    from tui.enrich.settings import EnrichSettings
    from tui.store import Library, Store

MAX_MISMATCH_WARNINGS: Final = 20
_STAGE_LABELS: Final = {"arXiv": "arXiv metadata (papers)", "Hugging Face": "Hugging Face upvotes (days)"}


def add_enrich_parser(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add `enrich` and its options to the command line."""
    # One line in `paperbrowse --help` on an 80-column terminal.
    enrich = subparsers.add_parser("enrich", help="fetch authors, abstracts, upvotes (arXiv, Hugging Face)")
    enrich.add_argument(
        "--arxiv-url", help="arXiv API query endpoint (default: $PAPERBROWSE_ARXIV_URL or export.arxiv.org)"
    )
    enrich.add_argument(
        "--hf-url", help="Hugging Face daily-papers endpoint (default: $PAPERBROWSE_HF_URL or huggingface.co)"
    )
    enrich.add_argument("--limit", type=positive_int, metavar="N", help="at most N papers (newest first)")
    enrich.add_argument("--date", help="only the papers of this day (YYYY-MM-DD)")


@contextlib.contextmanager
def enrich_progress() -> Iterator[EnrichProgress | None]:
    """A rich progress bar per stage on stderr, when stderr is a terminal (else no callback)."""
    if not sys.stderr.isatty():
        yield None
        return
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TaskID, TextColumn, TimeRemainingColumn

    bar = Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeRemainingColumn(),
        console=Console(stderr=True),
        transient=True,
    )
    tasks: dict[str, TaskID] = {}

    def update(stage: str, done: int, total: int) -> None:
        if stage not in tasks:
            tasks[stage] = bar.add_task(_STAGE_LABELS.get(stage, stage), total=total)
        bar.update(tasks[stage], completed=done, total=total)

    with bar:
        yield update


def enrich_settings(arxiv_url: str | None = None, hf_url: str | None = None) -> EnrichSettings:
    """The settings from flags and environment; a bad one is a usage error."""
    from tui.cli.common import UsageError
    from tui.enrich.settings import EnrichSettings
    from tui.net.http import BadSetting

    try:
        return EnrichSettings.from_env(arxiv_url, hf_url)
    except BadSetting as error:
        raise UsageError(str(error)) from None


def run_enrich(
    store: Store,
    library: Library,
    settings: EnrichSettings,
    *,
    dates: Collection[str] | None = None,
    limit: int | None = None,
) -> EnrichResult:
    """Enrich with a progress bar (shared by `enrich` and `sync`)."""
    from tui.enrich.run import enrich

    with enrich_progress() as progress:
        return enrich(store.metadata, library, dates=dates, limit=limit, settings=settings, progress=progress)


def summary_line(result: EnrichResult, store: Store) -> str:
    """One line for the user about a run that finished."""
    where = store.metadata.path
    if result.nothing_to_do:
        return f"Nothing to fetch: all {result.papers:,} papers have their metadata ({where})"
    unknown = f" ({len(result.not_found):,} not known to arXiv)" if result.not_found else ""
    return (
        f"Fetched arXiv metadata for {result.arxiv_fetched:,} of {result.arxiv_wanted:,} papers{unknown} "
        f"and Hugging Face lists for {counted(result.days_fetched, 'day')} "
        f"({result.upvotes_found:,} papers with upvotes); stored in {where}"
    )


def report(result: EnrichResult, store: Store, command: str = "enrich") -> int:
    """Print warnings and one line of outcome; the exit status (0 done, 1 failed)."""
    from tui.cli.common import say, warn

    for message in store.metadata.warnings:
        warn(message)
    for mismatch in result.mismatches[:MAX_MISMATCH_WARNINGS]:
        warn(
            f"{mismatch.arxiv_id}: arXiv's title {mismatch.arxiv_title!r} is not the digest's "
            f"{mismatch.digest_title!r}; both are kept"
        )
    if len(result.mismatches) > MAX_MISMATCH_WARNINGS:
        warn(f"... and {len(result.mismatches) - MAX_MISMATCH_WARNINGS} more titles that differ")
    if result.error is not None:
        kept = ""
        if result.arxiv_fetched or result.days_fetched:
            kept = (
                f"; kept what arrived before ({result.arxiv_fetched:,} papers from arXiv, "
                f"{counted(result.days_fetched, 'day')} from Hugging Face)"
            )
        say(f"paperbrowse: {command} failed: {result.error}{kept}", sys.stderr)
        return 1
    say(summary_line(result, store))
    return 0


def cmd_enrich(args: argparse.Namespace, store: Store) -> int:
    """Fetch the metadata the remembered digests' papers lack (all, one day, or the newest N)."""
    from tui.cli.common import UsageError, open_library
    from tui.digest.dates import valid_date

    settings = enrich_settings(args.arxiv_url, args.hf_url)
    if args.date and not valid_date(args.date):
        raise UsageError(f"--date {args.date!r} is not a date (YYYY-MM-DD)")
    library = open_library(store, (), remember=False, quiet=True)
    if not len(library):
        raise UsageError("no digests to enrich: run `paperbrowse sync` or `paperbrowse import PATH` first")
    if args.date and library.day_position(args.date) is None:
        raise UsageError(f"no digest for {args.date}")
    result = run_enrich(store, library, settings, dates={args.date} if args.date else None, limit=args.limit)
    return report(result, store)
