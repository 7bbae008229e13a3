"""The argument parser: every subcommand, its options and one line of help each.

Built without importing the exporter, the store or Textual, so `--help` and
usage errors are instant.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import NoReturn, cast

from tui import __version__
from tui.cli.common import QUERY_AFTER_DASHES, count_int

# Export formats, listed here so `--help` needs no import of the exporter.
FORMATS = ("jsonl", "json", "bibtex", "ris", "markdown", "csv")
DEFAULT_REPO = "gabrielchua/daily-ai-papers"


def path_arg(text: str) -> Path:
    """A PATH argument; an empty one is refused (Path('') would mean the current folder)."""
    if not text.strip():
        raise argparse.ArgumentTypeError("an empty path names no file or folder")
    return Path(text)


def dir_arg(text: str) -> str:
    """A DIR argument (the data dir); an empty one is refused rather than ignored."""
    if not text.strip():
        raise argparse.ArgumentTypeError("an empty value names no folder")
    return text


class Parser(argparse.ArgumentParser):
    """argparse, with a hint where its message misleads: a query that starts with `-`."""

    def error(self, message: str) -> NoReturn:
        """Exit 2 with the message, and how to pass a query like `-title:survey` when it applies."""
        if "QUERY" in message and "required" in message:
            command = self.prog.removeprefix("paperbrowse ")
            command += " NAME" if command == "feed add" else ""
            message += f" (a query that starts with - goes after --: paperbrowse {command} -- -title:survey)"
        elif "unrecognized arguments" in message and "--" in sys.argv:
            message += " (after --, everything is the query: options go before it)"
        super().error(message)


def build_parser() -> argparse.ArgumentParser:
    """The argument parser for every subcommand."""
    parser = Parser(
        prog="paperbrowse",
        description="A fast terminal browser for daily AI-paper digests.",
        epilog="Run `paperbrowse COMMAND --help` for a command's options. "
        "With no command, PATHs are opened in the browser.",
    )
    parser.add_argument("--version", action="version", version=f"paperbrowse {__version__}")
    parser.add_argument(
        "--data-dir",
        metavar="DIR",
        type=dir_arg,
        help="where cache.json and state.json live (default: $PAPERBROWSE_DATA_DIR, else the config's "
        "data_dir, else your user data folder: ~/.local/share/paperbrowse on Linux)",
    )
    parser.add_argument(
        "--config",
        metavar="FILE",
        type=path_arg,
        help="the config file (default: $PAPERBROWSE_CONFIG or ~/.config/paperbrowse/config.toml)",
    )
    # Subcommands are `Parser`s too (argparse makes them of the parent's class); typed
    # as plain parsers for the modules that add them.
    commands = cast(
        "argparse._SubParsersAction[argparse.ArgumentParser]",
        parser.add_subparsers(dest="command", metavar="COMMAND"),
    )

    browse = commands.add_parser("browse", help="open the browser (the default)")
    browse.add_argument("paths", nargs="*", type=path_arg, metavar="PATH", help="digest files or folders")

    export = commands.add_parser("export", help="write papers to stdout")
    export.add_argument("--format", choices=FORMATS, default="jsonl")
    export.add_argument("--date", help="only this day (YYYY-MM-DD)")
    export.add_argument("--week", help="only this ISO week (YYYY-Www, e.g. 2025-W43)")
    export.add_argument("--month", help="only this month (YYYY-MM)")
    export.add_argument("--query", help="only papers matching a search query")
    export.add_argument("--starred", action="store_true", help="only starred papers")
    export.add_argument("paths", nargs="*", type=path_arg, metavar="PATH", help="digest files or folders")

    imp = commands.add_parser("import", help="read digests into the cache and remember them")
    imp.add_argument("paths", nargs="+", type=path_arg, metavar="PATH", help="digest files or folders")

    search = commands.add_parser("search", help="search every remembered digest")
    search.add_argument("query", metavar="QUERY", help=f"query (see README: Search); {QUERY_AFTER_DASHES}")
    search.add_argument(
        "--limit", type=count_int, default=20, metavar="N", help="at most N results (default 20; 0: all)"
    )
    search.add_argument("--format", choices=("text", "jsonl"), default="text")

    for name, verb in (("star", "star"), ("unstar", "remove the star from")):
        star = commands.add_parser(name, help=f"{verb} papers by arXiv id")
        star.add_argument("ids", nargs="+", metavar="ID", help="arXiv id or arXiv/Hugging Face URL")

    from tui.cli.discovery_commands import add_parsers as add_discovery_parsers

    add_discovery_parsers(commands)

    sync = commands.add_parser("sync", help="fetch new digests from the upstream archive")
    sync.add_argument("--repo", help=f"GitHub OWNER/NAME (default: the config's, else {DEFAULT_REPO})")
    sync.add_argument("--branch", help="the branch (default: the config's, else main)")
    sync.add_argument("--api-url", help="GitHub API base (default: $PAPERBROWSE_API_URL or api.github.com)")
    sync.add_argument(
        "--raw-url", help="raw file host (default: $PAPERBROWSE_RAW_URL or raw.githubusercontent.com)"
    )
    sync.add_argument(
        "--no-enrich", action="store_true", help="do not fetch arXiv/Hugging Face metadata for new papers"
    )

    from tui.cli.enrich_command import add_enrich_parser

    add_enrich_parser(commands)

    from tui.cli.config_command import add_parser as add_config_parser
    from tui.cli.organise_commands import add_parsers as add_organise_parsers

    add_organise_parsers(commands)
    add_config_parser(commands)

    from tui.cli.completion_command import add_parser as add_completion_parser
    from tui.cli.serve_command import add_parser as add_serve_parser

    add_serve_parser(commands)
    add_completion_parser(commands)
    return parser


def with_default_command(argv: list[str], commands: tuple[str, ...]) -> list[str]:
    """Insert `browse` before the first positional argument when it is not a command.

    Options that take a value (`--data-dir DIR`) keep it, and an option left
    without its value is left for argparse to refuse, rather than swallowing
    the inserted `browse` as its value.
    """
    index = 0
    while index < len(argv):
        arg = argv[index]
        if arg in ("--data-dir", "--config"):
            if index + 1 >= len(argv):
                return argv  # argparse says the value is missing
            index += 2
            continue
        if arg == "--":
            break
        if arg.startswith("-") and arg != "-":
            if arg in ("-h", "--help", "--version"):
                return argv
            index += 1
            continue
        break
    if index < len(argv) and argv[index] in commands:
        return argv
    return [*argv[:index], "browse", *argv[index:]]
