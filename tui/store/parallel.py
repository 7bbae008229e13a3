"""Work across processes, only where that is safe: a cold import, a whole export.

Two cores halve a cold import of thousands of files.  Workers are forked, so
they inherit what this process has loaded instead of importing it again; and
forking is only done from a process with a single thread.  Forking copies
every thread's locks but not the threads, so a child forked from the
browser (which runs workers) could wait forever on a lock no thread will
release; and a fork server started from a thread fails outright
(`bad value(s) in fds_to_keep`).  Where forking is not safe, the work is
done here, one item after another.
"""

from __future__ import annotations

import functools
import os
import threading
from collections.abc import Callable, Sequence
from typing import Final

from tui.progress import Progress
from tui.store.cached_file import CachedFile, parse_for_cache

# Below this many files a process pool costs more than it saves.
PARALLEL_THRESHOLD: Final = 150


def worker_count() -> int:
    """How many worker processes a bulk job uses: one per core, at most eight."""
    return min(os.cpu_count() or 1, 8)


def fork_is_safe() -> bool:
    """True when worker processes may be forked from this one (see the module's note)."""
    import multiprocessing

    return threading.active_count() == 1 and "fork" in multiprocessing.get_all_start_methods()


def _exit_with_parent(parent: int) -> None:
    """In a forked worker: exit when the importing process dies (even by SIGKILL)."""
    import time

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(0.5)
        os._exit(1)

    threading.Thread(target=watch, daemon=True).start()


def parse_files(
    names: Sequence[str], max_bytes: int, progress: Progress | None = None
) -> dict[str, CachedFile]:
    """Parse digest files by path, across processes when there are many and forking is safe."""
    total = len(names)
    parse: Callable[[str], CachedFile] = functools.partial(parse_for_cache, max_bytes=max_bytes)
    results: dict[str, CachedFile] = {}
    workers = worker_count()
    if total >= PARALLEL_THRESHOLD and workers > 1 and fork_is_safe():
        # Loaded before forking, so each worker inherits them instead of importing them.
        import hashlib  # noqa: F401
        import multiprocessing
        from concurrent.futures import ProcessPoolExecutor  # only cold imports pay for it

        import tui.digest.reader  # noqa: F401

        chunk = max(8, total // (workers * 8))
        with ProcessPoolExecutor(
            max_workers=workers,
            mp_context=multiprocessing.get_context("fork"),
            initializer=_exit_with_parent,
            initargs=(os.getpid(),),
        ) as pool:
            for done, cached in enumerate(pool.map(parse, names, chunksize=chunk), start=1):
                results[cached.path] = cached
                if progress:
                    progress(done, total)
        return results
    for done, name in enumerate(names, start=1):
        results[name] = parse(name)
        if progress:
            progress(done, total)
    return results
