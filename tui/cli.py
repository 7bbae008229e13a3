"""The `paperbrowse` command: the browser, and the subcommands scripts use.

    paperbrowse [--data-dir DIR] [PATH ...]             the browser
    paperbrowse [--data-dir DIR] export [...] [PATH ...]
    paperbrowse [--data-dir DIR] import PATH ...
    paperbrowse [--data-dir DIR] search QUERY [--limit N] [--format text|jsonl]
    paperbrowse [--data-dir DIR] star|unstar ID ...
    paperbrowse [--data-dir DIR] sync [--repo OWNER/NAME] [--branch main]

Textual is imported only when the browser starts, so `export` and friends
start in a few tens of milliseconds.  Exit codes: 0 ran (warnings allowed),
1 failed (sync), 2 usage error or missing path.
"""

from __future__ import annotations

import argparse
import re
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from tui import __version__
from tui.crashlog import write_crash_log
from tui.digest.model import Problem
from tui.progress import import_progress
from tui.store import Library, Store, resolve_data_dir
from tui.store.state import StarInfo

if TYPE_CHECKING:
    from tui.store.query import Query

# Export formats, listed here so `--help` needs no import of the exporter.
FORMATS = ("jsonl", "json", "bibtex", "markdown", "csv")

COMMANDS = ("browse", "export", "import", "search", "star", "unstar", "sync")
MAX_WARNINGS = 200
_ARXIV_ID = re.compile(r"(\d{4}\.\d{4,5}|[a-z][a-z\-]*(?:\.[A-Z]{2})?/\d{7})(?:v\d+)?$")


class UsageError(Exception):
    """Bad arguments or a missing path: exit status 2, one clear line."""


def build_parser() -> argparse.ArgumentParser:
    """The argument parser for every subcommand."""
    parser = argparse.ArgumentParser(
        prog="paperbrowse",
        description="A fast terminal browser for daily AI-paper digests.",
        epilog="Run `paperbrowse COMMAND --help` for a command's options. "
        "With no command, PATHs are opened in the browser.",
    )
    parser.add_argument("--version", action="version", version=f"paperbrowse {__version__}")
    parser.add_argument(
        "--data-dir",
        metavar="DIR",
        help="where cache.json and state.json live (default: $PAPERBROWSE_DATA_DIR or the user data dir)",
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    browse = commands.add_parser("browse", help="open the browser (the default)")
    browse.add_argument("paths", nargs="*", type=Path, metavar="PATH", help="digest files or folders")

    export = commands.add_parser("export", help="write papers to stdout")
    export.add_argument("--format", choices=FORMATS, default="jsonl")
    export.add_argument("--date", help="only this day (YYYY-MM-DD)")
    export.add_argument("--query", help="only papers matching a search query")
    export.add_argument("--starred", action="store_true", help="only starred papers")
    export.add_argument("paths", nargs="*", type=Path, metavar="PATH", help="digest files or folders")

    imp = commands.add_parser("import", help="read digests into the cache and remember them")
    imp.add_argument("paths", nargs="+", type=Path, metavar="PATH", help="digest files or folders")

    search = commands.add_parser("search", help="search every remembered digest")
    search.add_argument("query", metavar="QUERY", help="query (see README: Search)")
    search.add_argument("--limit", type=int, default=20, help="at most N results (0: all)")
    search.add_argument("--format", choices=("text", "jsonl"), default="text")

    for name, verb in (("star", "star"), ("unstar", "remove the star from")):
        star = commands.add_parser(name, help=f"{verb} papers by arXiv id")
        star.add_argument("ids", nargs="+", metavar="ID", help="arXiv id or arXiv/Hugging Face URL")

    sync = commands.add_parser("sync", help="fetch new digests from the upstream archive")
    sync.add_argument("--repo", default="gabrielchua/daily-ai-papers", help="GitHub OWNER/NAME")
    sync.add_argument("--branch", default="main")
    sync.add_argument("--api-url", help="GitHub API base (default: $PAPERBROWSE_API_URL or api.github.com)")
    sync.add_argument(
        "--raw-url", help="raw file host (default: $PAPERBROWSE_RAW_URL or raw.githubusercontent.com)"
    )
    return parser


def _with_default_command(argv: list[str]) -> list[str]:
    """Insert `browse` when the first positional argument is not a command."""
    index = 0
    while index < len(argv):
        arg = argv[index]
        if arg == "--data-dir":
            index += 2
            continue
        if arg.startswith("-"):
            if arg in ("-h", "--help", "--version"):
                return argv
            index += 1
            continue
        break
    if index < len(argv) and argv[index] in COMMANDS:
        return argv
    return [*argv[:index], "browse", *argv[index:]]


def warn(message: str, stream: TextIO | None = None) -> None:
    """One warning line on stderr."""
    print(f"paperbrowse: warning: {message}", file=stream or sys.stderr)


def report_problems(problems: Sequence[Problem], warnings: Sequence[str]) -> None:
    """Print problems with file:line, capped so a broken archive stays readable."""
    for message in warnings:
        warn(message)
    for problem in problems[:MAX_WARNINGS]:
        warn(str(problem))
    if len(problems) > MAX_WARNINGS:
        warn(f"... and {len(problems) - MAX_WARNINGS} more problems")


def _check_paths(paths: Sequence[Path]) -> None:
    for path in paths:
        if not path.exists():
            raise UsageError(f"no such file or directory: {path}")


def _open(store: Store, paths: Sequence[Path], remember: bool, quiet: bool = False) -> Library:
    _check_paths(paths)
    with import_progress(enabled=not quiet) as progress:
        library, report = store.open_library(paths, remember=remember, progress=progress)
    report_problems(library.problems, report.warnings)
    return library


def cmd_export(args: argparse.Namespace, store: Store) -> int:
    """Write the selected papers to stdout in the chosen format."""
    from tui.digest.export import render_iter
    from tui.digest.table import valid_date

    if args.date and not valid_date(args.date):
        raise UsageError(f"--date {args.date!r} is not a date (YYYY-MM-DD)")
    query = _parse_query_arg(args.query) if args.query else None
    library = _open(store, args.paths, remember=False, quiet=True)
    if not len(library) and not args.paths and not store.remembered_sources():
        raise UsageError("no digests to export: give a PATH, or run `paperbrowse import PATH` first")
    state = store.state.snapshot
    if query is not None:
        indices = library.search(query, state)
        indices.sort()  # export keeps archive order: newest day first, table order
    else:
        indices = list(range(len(library)))
    if args.date:
        indices = [i for i in indices if library.date(i) == args.date]
    if args.starred:
        indices = [i for i in indices if library.key(i) in state.stars]
    from tui.store.bulk import iter_papers

    write = sys.stdout.write
    for chunk in render_iter(iter_papers(library, indices), args.format):
        write(chunk)
    return 0


def cmd_import(args: argparse.Namespace, store: Store) -> int:
    """Read digests into the cache, remember them, and summarise."""
    library = _open(store, args.paths, remember=True)
    days = sum(1 for day in library.days)
    empty = sum(1 for day in library.days if not day.count)
    problems = len(library.problems)
    note = f", {empty} without papers" if empty else ""
    print(
        f"{days:,} days{note}, {len(library):,} papers from {len(store.remembered_sources())} "
        f"source(s); {problems} warning(s). Data in {store.data_dir}"
    )
    return 0


def _parse_query_arg(text: str) -> Query:
    from tui.store.query import QueryError, parse_query

    try:
        return parse_query(text)
    except QueryError as error:
        raise UsageError(f"bad query: {error}") from None


def cmd_search(args: argparse.Namespace, store: Store) -> int:
    """Print papers matching QUERY across every remembered digest."""
    query = _parse_query_arg(args.query)
    library = _open(store, (), remember=False, quiet=True)
    hits = library.search(query, store.state.snapshot)
    if args.limit and args.limit > 0:
        hits = hits[: args.limit]
    papers = library.papers(hits)
    if args.format == "jsonl":
        from tui.digest.export import to_jsonl

        sys.stdout.write(to_jsonl(papers))
    else:
        for paper in papers:
            authors = ", ".join(paper.authors[:3]) + (" et al." if len(paper.authors) > 3 else "")
            print(
                f"{paper.date}  {paper.arxiv_id or '-':<11}  {paper.title}"
                + (f"  ({authors})" if authors else "")
            )
        if not papers:
            print("no results", file=sys.stderr)
    return 0


def _arxiv_id(text: str) -> str:
    candidate = text.strip().rstrip("/")
    for marker in ("/abs/", "/pdf/", "/papers/"):
        if marker in candidate:
            candidate = candidate.split(marker, 1)[1]
    candidate = candidate.removesuffix(".pdf")
    match = _ARXIV_ID.match(candidate)
    if not match:
        raise UsageError(f"{text!r} is not an arXiv id (like 2510.24668) or arXiv/Hugging Face link")
    return match.group(1)


def _set_star(args: argparse.Namespace, store: Store, starred: bool) -> int:
    ids = [_arxiv_id(text) for text in args.ids]
    library = _open(store, (), remember=False, quiet=True)
    infos = []
    for arxiv_id in ids:
        found = library.indices_by_key.get(arxiv_id)
        if found:
            paper = library.paper(found[0])
            infos.append(StarInfo(arxiv_id, paper.date, paper.title))
        else:
            if starred:
                warn(f"{arxiv_id} is not in your digests; starred anyway")
            infos.append(StarInfo(arxiv_id, "", ""))
    store.state.set_starred(infos, starred)
    verb = "starred" if starred else "unstarred"
    print(f"{verb} {len(infos)} paper(s); {len(store.state.snapshot.stars)} starred in all")
    return 0


def cmd_star(args: argparse.Namespace, store: Store) -> int:
    """Star papers by arXiv id."""
    return _set_star(args, store, True)


def cmd_unstar(args: argparse.Namespace, store: Store) -> int:
    """Remove stars by arXiv id."""
    return _set_star(args, store, False)


def cmd_sync(args: argparse.Namespace, store: Store) -> int:
    """Fetch new and changed digests from GitHub, then import them."""
    from tui.sync.command import run_sync

    return run_sync(args, store)


def cmd_browse(args: argparse.Namespace, store: Store) -> int:
    """Import PATHs (if any), then run the Textual browser."""
    _check_paths(args.paths)
    from tui.ui.launch import launch

    return launch(store, args.paths)


HANDLERS: dict[str, Callable[[argparse.Namespace, Store], int]] = {
    "browse": cmd_browse,
    "export": cmd_export,
    "import": cmd_import,
    "search": cmd_search,
    "star": cmd_star,
    "unstar": cmd_unstar,
    "sync": cmd_sync,
}


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the `paperbrowse` console script."""
    arguments = list(sys.argv[1:] if argv is None else argv)
    parser = build_parser()
    args = parser.parse_args(_with_default_command(arguments))
    store = Store(resolve_data_dir(args.data_dir))
    try:
        return HANDLERS[args.command](args, store)
    except UsageError as error:
        print(f"paperbrowse: error: {error}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("paperbrowse: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        # `paperbrowse export | head`: the reader left; that is not an error.
        sys.stderr.close()
        return 0
    except OSError as error:
        where = f": {error.filename}" if getattr(error, "filename", None) else ""
        print(f"paperbrowse: error: {error.strerror or error}{where}", file=sys.stderr)
        return 1
    except Exception:  # a bug: keep the traceback for the report, not the screen
        where = write_crash_log(store.data_dir)
        print(f"paperbrowse: unexpected internal error; {where}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
