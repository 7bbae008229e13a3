"""Start the browser: read the digests (with progress if slow), then run the app.

The digests are read before Textual starts, so a cold import can show a
progress bar in the terminal and a damaged file can be reported plainly;
with a current cache this costs only the index.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from pathlib import Path

from tui.config import Config
from tui.digest.model import Problem
from tui.gcpause import hold_until_started
from tui.progress import import_progress
from tui.store import Store

SAMPLES = Path(__file__).resolve().parent.parent / "samples" / "archive"
SAMPLE_NOTICE = (
    "You are looking at a few sample days. To read your own digests run "
    "`paperbrowse PATH` (a folder of daily markdown files, e.g. a clone of "
    "gabrielchua/daily-ai-papers) or `paperbrowse sync`."
)


def launch(
    store: Store, paths: Sequence[Path], config: Config | None = None, problems: Sequence[str] = ()
) -> int:
    """Import `paths` (remembering them), then browse as `config` says; returns the exit status.

    `problems` (with the config file) are shown in the browser, one notice each.
    """
    hold_until_started()  # the app resumes collection after its first frame
    # Textual is imported only after the digests are read: both are CPU work,
    # so overlapping them in threads measured no faster, and a cold import's
    # worker processes can then fork from a single-threaded process.
    with import_progress() as progress:
        library, report = store.open_library(paths, remember=True, progress=progress)
    notices = [*problems, *report.warnings]
    using_sample = False
    if not len(library) and not paths and not store.remembered_sources():
        library, _ = store.open_library([SAMPLES], include_remembered=False)
        notices.append(SAMPLE_NOTICE)
        using_sample = True
    if library.problems:
        notices.append(problems_notice(library.problems))

    from tui.ui.build import build_app
    from tui.ui.sync_worker import SyncSettings

    settings = config or Config()
    sync = SyncSettings(settings.sync_repo, settings.sync_branch)
    app = build_app(
        store,
        library,
        config=settings,
        sync=sync,
        notices=notices,
        start=None if using_sample else store.state.snapshot.session,
        fetch_metadata=True,  # the one place the browser asks the network for metadata by itself
    )
    app.run()
    user = store.state
    if user.unsaved:  # the browser said so when it happened; this is the last chance to know
        why = f" ({user.save_error})" if user.save_error else ""
        count = f"{user.unsaved} change{'s' if user.unsaved != 1 else ''}"
        print(
            f"paperbrowse: {count} (stars, read marks, notes, tags or your place) could not be saved: "
            f"{user.path} cannot be written{why}.",
            file=sys.stderr,
        )
        return app.return_code or 1
    return app.return_code or 0


def problems_notice(problems: Sequence[Problem]) -> str:
    """What the browser says about lines of the digests it could not read, in words."""
    first = problems[0]
    if len(problems) == 1:
        return f"One line of your digests could not be read as a paper: {first}"
    return (
        f"{len(problems):,} lines of your digests could not be read as papers (the first: {first}); "
        "`paperbrowse import` lists them all."
    )
