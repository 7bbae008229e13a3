"""Discovery for the browser, in workers: the index warmed after the first frame, neighbours found.

`warm_discovery(screen, library)` loads the similarity index (or has it built in a
child process, `tui.discovery.builder`, so the UI thread keeps the GIL) and
posts `DiscoveryReady`; call it from a timer after the first frame, as the
search index is warmed.  `find_related(screen, reading, index)` posts
`RelatedFound(index, rows)` for the detail pane's Related block, or warms
the index and returns False (ask again on `DiscoveryReady`).  Nothing here
runs at import.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Final

from textual.message import Message
from textual.worker import get_current_worker

from tui.ui.widgets.related import RelatedRow, related_rows

if TYPE_CHECKING:
    from textual.screen import Screen

    from tui.store.library import Library
    from tui.ui.reading import Reading

RELATED_ROWS: Final = 8


class DiscoveryReady(Message):
    """The similarity index of `library` is in memory; `warnings` are for the status line."""

    def __init__(self, library: Library, warnings: list[str]) -> None:
        super().__init__()
        self.library = library
        self.warnings = warnings


class RelatedFound(Message):
    """The neighbours of paper `index` (a library index), as the Related block's rows."""

    def __init__(self, index: int, rows: list[RelatedRow]) -> None:
        super().__init__()
        self.index = index
        self.rows = rows


def warm_discovery(screen: Screen[Any], library: Library) -> None:
    """Load (or build, in a child process) `library`'s discovery index in a thread worker.

    Once per library: a call while one is warming does nothing.  Every build
    the browser causes from then on (a search's first `method:`) runs in a
    child process too.
    """
    library.discovery.build_in_child = True
    if library.discovery.ready or any(w.group == "discovery" and w.is_running for w in screen.workers):
        return

    def work() -> None:
        from tui.discovery.builder import BuildCancelled

        worker = get_current_worker()
        try:
            library.discovery.prepare(cancelled=lambda: worker.is_cancelled)
        except BuildCancelled:
            return  # the app is closing
        screen.post_message(DiscoveryReady(library, list(library.discovery.warnings)))

    screen.run_worker(work, thread=True, group="discovery")


def find_related(screen: Screen[Any], reading: Reading, index: int, limit: int = RELATED_ROWS) -> bool:
    """Post `RelatedFound` for paper `index` from a thread worker (a newer call cancels this one).

    Returns False when the index is not in memory yet: then it is being
    warmed (`warm_discovery`), and the screen asks again on `DiscoveryReady`.
    Moving from paper to paper never restarts a build.
    """
    library = reading.library
    if not library.discovery.ready:
        warm_discovery(screen, library)
        return False

    def work() -> None:
        worker = get_current_worker()
        rows = related_rows(reading, library.discovery.related(index, limit))
        if not worker.is_cancelled:
            screen.post_message(RelatedFound(index, rows))

    screen.run_worker(work, thread=True, exclusive=True, group="related")
    return True
