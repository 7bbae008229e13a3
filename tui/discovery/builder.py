"""Building the discovery files in a child process, for the browser.

A build parses every summary (~3 s at 50,000 papers with two workers); in
the browser's own process that would hold the GIL against the UI thread
for seconds, and forking from a process with threads is unsafe.  So the
browser starts `python -m tui.discovery.builder DATA_DIR` at low priority,
hands it the library's files (paths, in order) and the fingerprint it
expects on stdin, and loads the files it writes.  The child reads the same
cache.json the browser read, builds with forked workers (it has a single
thread) and refuses to write when what it finds is not what the browser
has (the cache changed meanwhile): then the browser builds for itself.
"""

from __future__ import annotations

import contextlib
import os
import subprocess
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Final

import orjson

if TYPE_CHECKING:
    from tui.store.library import Library

TIMEOUT_SECONDS: Final = 900.0
_POLL_SECONDS: Final = 0.1
_MAX_REQUEST: Final = 64 * 1024 * 1024


class BuildCancelled(Exception):
    """The build was stopped from outside (the browser is quitting)."""


def build_in_child(
    data_dir: Path, library: Library, fingerprint: str, cancelled: Callable[[], bool] = lambda: False
) -> str | None:
    """Build the files for `library` in a child process; None when it wrote them, else why not.

    Raises `BuildCancelled` (after stopping the child) when `cancelled()` turns true.
    """
    import tui

    request = orjson.dumps({"files": [entry.path for entry in library.files], "fingerprint": fingerprint})
    package_root = str(Path(tui.__file__).resolve().parent.parent)
    env = {
        **os.environ,
        "PYTHONPATH": os.pathsep.join(filter(None, [package_root, os.environ.get("PYTHONPATH")])),
    }
    try:
        child = subprocess.Popen(
            [sys.executable, "-m", "tui.discovery.builder", str(data_dir)],
            stdin=subprocess.PIPE,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            env=env,
            start_new_session=True,  # a ^C in the terminal is the browser's, not the child's
        )
    except OSError as error:
        return f"could not start the index builder ({error.strerror or error})"
    try:
        assert child.stdin is not None
        assert child.stderr is not None
        child.stdin.write(request)
        child.stdin.close()
        deadline = time.monotonic() + TIMEOUT_SECONDS
        while child.poll() is None:
            if cancelled():
                raise BuildCancelled
            if time.monotonic() > deadline:
                return "the index builder took too long"
            time.sleep(_POLL_SECONDS)
        message = child.stderr.read(4096).decode("utf-8", "replace").strip().splitlines()
        return None if child.returncode == 0 else (message[-1] if message else f"exit {child.returncode}")
    finally:
        if child.poll() is None:
            child.kill()
            child.wait()
        if child.stderr is not None:
            child.stderr.close()


def run(data_dir: Path, paths: Sequence[str], fingerprint: str) -> int:
    """The child's work: 0 when the files were written for `fingerprint`, else 3."""
    from tui.discovery.engine import Discovery
    from tui.store.library import Library
    from tui.store.store import Store

    cache = Store(data_dir).cache
    cached = cache.load()
    if any(path not in cached for path in paths):
        print("the cache no longer holds the browser's files", file=sys.stderr)
        return 3
    library = Library([cached[path] for path in paths], repair=cache.repair, data_dir=data_dir)
    discovery = Discovery(library, data_dir)
    if discovery.fingerprint != fingerprint:
        print("the cache changed since the browser read it", file=sys.stderr)
        return 3
    discovery.prepare()
    if not discovery.saved and discovery.warnings:  # built but not written: the browser keeps its own
        print(discovery.warnings[-1], file=sys.stderr)
        return 3
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    """`python -m tui.discovery.builder DATA_DIR`, the request as JSON on stdin."""
    arguments = list(sys.argv[1:] if argv is None else argv)
    if len(arguments) != 1:
        print("usage: python -m tui.discovery.builder DATA_DIR < request.json", file=sys.stderr)
        return 2
    with contextlib.suppress(AttributeError, OSError):
        os.nice(10)  # the browser's UI comes first
    try:
        request = orjson.loads(sys.stdin.buffer.read(_MAX_REQUEST))
        paths, fingerprint = request["files"], request["fingerprint"]
        if not (
            isinstance(paths, list)
            and all(isinstance(p, str) for p in paths)
            and isinstance(fingerprint, str)
        ):
            raise TypeError
    except (orjson.JSONDecodeError, KeyError, TypeError):
        print("the request is not a build request", file=sys.stderr)
        return 2
    return run(Path(arguments[0]), paths, fingerprint)


if __name__ == "__main__":
    sys.exit(main())
