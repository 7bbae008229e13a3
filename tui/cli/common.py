"""What every subcommand shares: usage errors, warnings, opening the library, arguments.

Everything printed goes through `say`/`warn`, which take terminal controls
out of text that came from a digest, a file name or a server.
"""

from __future__ import annotations

import argparse
import os
import stat
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from tui.digest.ids import parse_arxiv_id
from tui.digest.model import Problem
from tui.digest.text import single_line, strip_controls
from tui.progress import import_progress
from tui.store import Library, Store
from tui.store.safe_io import kind_of

if TYPE_CHECKING:
    from tui.store.query import Query

MAX_WARNINGS = 200
# argparse reads "-title:survey" as an option; `--` ends the options.
QUERY_AFTER_DASHES = "a query starting with - goes after --: search -- -title:survey"


class UsageError(Exception):
    """Bad arguments or a missing path: exit status 2, one clear line."""


def say(text: str, stream: TextIO | None = None) -> None:
    """Print a line of output; text from data cannot reach the terminal as control codes."""
    print(strip_controls(text), file=stream or sys.stdout)


def warn(message: str, stream: TextIO | None = None) -> None:
    """One warning line on stderr."""
    print(f"paperbrowse: warning: {single_line(message)}", file=stream or sys.stderr)


def report_problems(problems: Sequence[Problem], warnings: Sequence[str]) -> None:
    """Print problems with file:line, capped so a broken archive stays readable."""
    for message in warnings:
        warn(message)
    for problem in problems[:MAX_WARNINGS]:
        warn(str(problem))
    if len(problems) > MAX_WARNINGS:
        warn(f"... and {len(problems) - MAX_WARNINGS} more problems")


def check_paths(paths: Sequence[Path]) -> None:
    """Every path exists and is a folder or a regular file (not a FIFO, not a device)."""
    for path in paths:
        try:
            mode = os.stat(path).st_mode
        except FileNotFoundError:
            raise UsageError(f"no such file or directory: {path}") from None
        except OSError as error:
            raise UsageError(f"cannot read {path}: {error.strerror or error}") from None
        if not (stat.S_ISDIR(mode) or stat.S_ISREG(mode)):
            raise UsageError(f"{path} is {kind_of(mode)}, not a digest file or folder")


def open_library(store: Store, paths: Sequence[Path], remember: bool, quiet: bool = False) -> Library:
    """Read `paths` (plus the remembered sources), reporting problems on stderr."""
    check_paths(paths)
    with import_progress(enabled=not quiet) as progress:
        library, report = store.open_library(paths, remember=remember, progress=progress)
    report_problems(library.problems, report.warnings)
    return library


def parse_query_arg(text: str) -> Query:
    """A query from the command line; a malformed one is a usage error."""
    from tui.store.query import QueryError, parse_query

    try:
        return parse_query(text)
    except QueryError as error:
        raise UsageError(f"bad query: {error}") from None


def arxiv_id_arg(text: str) -> str:
    """An arXiv id from an id or an arXiv/Hugging Face link; else a usage error."""
    found = parse_arxiv_id(text)
    if found is None:
        raise UsageError(
            f"{single_line(text)!r} is not an arXiv id (like 2510.24668) or arXiv/Hugging Face link"
        )
    return found


def positive_int(text: str) -> int:
    """A --limit value: a whole number of at least 1 (argparse shows the message)."""
    if not text.strip().isdigit() or int(text) < 1:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number of at least 1")
    return int(text)


def count_int(text: str) -> int:
    """A --limit value where 0 means no limit: a whole number of at least 0."""
    if not text.strip().isdigit():
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number (0: no limit)")
    return int(text)
