"""A progress bar for long imports that stays out of the way of short ones.

Shown on stderr (stdout may be an export) only when stderr is a terminal and
the work has already taken longer than a moment, so a warm start or a
one-file import prints nothing.
"""

from __future__ import annotations

import contextlib
import sys
import time
from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING, TypeAlias

if TYPE_CHECKING:
    from rich.progress import Progress as RichProgress

# A long job's report: `(done, total)`, called as it goes (from any thread).
Progress: TypeAlias = Callable[[int, int], None]

SHOW_AFTER_SECONDS = 0.4


@contextlib.contextmanager
def import_progress(enabled: bool = True, label: str = "Reading digests") -> Iterator[Progress]:
    """Yield a `(done, total)` callback that drives a delayed rich progress bar."""
    started = time.monotonic()
    bar: RichProgress | None = None
    task = None
    interactive = enabled and sys.stderr.isatty()

    def update(done: int, total: int) -> None:
        nonlocal bar, task
        if not interactive:
            return
        if bar is None:
            if time.monotonic() - started < SHOW_AFTER_SECONDS or done >= total:
                return
            # rich is imported here, not at the top: most runs never show a bar.
            from rich.console import Console
            from rich.progress import BarColumn, MofNCompleteColumn, TextColumn, TimeElapsedColumn
            from rich.progress import Progress as RichProgress

            bar = RichProgress(
                TextColumn("{task.description}"),
                BarColumn(),
                MofNCompleteColumn(),
                TimeElapsedColumn(),
                console=Console(stderr=True),
                transient=True,
            )
            bar.start()
            task = bar.add_task(label, total=total)
        if task is not None:
            bar.update(task, completed=done, total=total)

    try:
        yield update
    finally:
        if bar is not None:
            bar.stop()
