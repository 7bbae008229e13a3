"""Start the browser: read the digests (with progress if slow), then run the app.

The digests are read before Textual starts, so a cold import can show a
progress bar in the terminal and a damaged file can be reported plainly;
with a current cache this costs only the index.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from tui.gcpause import hold_until_started
from tui.progress import import_progress
from tui.store import Store

if TYPE_CHECKING:
    from tui.sync.background import BackgroundSync

SAMPLES = Path(__file__).resolve().parent.parent / "samples" / "archive"
SAMPLE_NOTICE = (
    "You are looking at a few sample days. To read your own digests run "
    "`paperbrowse PATH` (a folder of daily markdown files, e.g. a clone of "
    "gabrielchua/daily-ai-papers) or `paperbrowse sync`."
)


def launch(store: Store, paths: Sequence[Path]) -> int:
    """Import `paths` (remembering them), then browse; returns the exit status."""
    hold_until_started()  # the app resumes collection after its first frame
    # Textual is imported only after the digests are read: both are CPU work,
    # so overlapping them in threads measured no faster, and a cold import's
    # worker processes can then fork from a single-threaded process.
    with import_progress() as progress:
        library, report = store.open_library(paths, remember=True, progress=progress)
    notices = list(report.warnings)
    using_sample = False
    if not len(library) and not paths and not store.remembered_sources():
        library, _ = store.open_library([SAMPLES], include_remembered=False)
        notices.append(SAMPLE_NOTICE)
        using_sample = True
    if library.problems:
        first = library.problems[0]
        more = (
            f" (and {len(library.problems) - 1} more; `paperbrowse import` lists them)"
            if len(library.problems) > 1
            else ""
        )
        notices.append(f"Some digest lines could not be read: {first}{more}")

    from tui.ui.app import PaperBrowseApp
    from tui.ui.reading import Reading

    app = PaperBrowseApp(
        Reading(library, store.state),
        notices=notices,
        start=None if using_sample else store.state.snapshot.session,
        data_dir=store.data_dir,
        sync_runner=_sync_runner(store),
    )
    app.run()
    if app.return_code:
        return app.return_code
    return 0


def _sync_runner(store: Store) -> BackgroundSync:
    from tui.sync.background import BackgroundSync

    return BackgroundSync(store)
