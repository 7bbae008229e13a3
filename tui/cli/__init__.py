"""The `paperbrowse` command: the browser, and the subcommands scripts use.

    paperbrowse [--data-dir DIR] [PATH ...]             the browser
    paperbrowse [--data-dir DIR] export [...] [PATH ...]
    paperbrowse [--data-dir DIR] import PATH ...
    paperbrowse [--data-dir DIR] search QUERY [--limit N] [--format text|jsonl]
    paperbrowse [--data-dir DIR] star|unstar ID ...
    paperbrowse [--data-dir DIR] sync [--repo OWNER/NAME] [--branch main] [--no-enrich]
    paperbrowse [--data-dir DIR] enrich [--arxiv-url URL] [--hf-url URL] [--limit N] [--date D]
    paperbrowse [--data-dir DIR] tag|untag ID TAG... | tags | feeds | feed add|remove ...
    paperbrowse [--data-dir DIR] watch|hide QUERY | rules [remove ID...]
    paperbrowse [--data-dir DIR] related ID | trends TERM ... | compare ID ID ...
    paperbrowse [--data-dir DIR] serve [--host 127.0.0.1] [--port 8000] [PATH ...]
    paperbrowse completion bash|zsh|fish

Textual is imported only when the browser starts, so `export` and friends
start in a few tens of milliseconds.  Exit codes: 0 ran (warnings allowed),
1 failed (sync, an unexpected error), 2 usage error or missing path.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence

from tui.cli.common import UsageError, check_paths, say, warn
from tui.cli.completion_command import cmd_completion, complete_if_asked
from tui.cli.config_command import cmd_config
from tui.cli.discovery_commands import cmd_compare, cmd_related, cmd_trends
from tui.cli.enrich_command import cmd_enrich
from tui.cli.library_commands import cmd_export, cmd_import, cmd_search, cmd_star, cmd_unstar
from tui.cli.organise_commands import HANDLERS as ORGANISE_HANDLERS
from tui.cli.parser import FORMATS, build_parser, with_default_command
from tui.cli.serve_command import cmd_serve
from tui.config import Config
from tui.crashlog import write_crash_log
from tui.store import Store, resolve_data_dir

__all__ = ["FORMATS", "HANDLERS", "main"]


def cmd_sync(args: argparse.Namespace, store: Store) -> int:
    """Fetch new and changed digests from GitHub, then import them."""
    from tui.sync.command import run_sync  # httpx loads only for a sync

    return run_sync(args, store)


def did_you_mean(word: str) -> str:
    """`; did you mean `paperbrowse search`?` when `word` looks like a mistyped command, else ''."""
    import difflib

    if "/" in word or "." in word:
        return ""  # a path, not a command
    close = difflib.get_close_matches(word, [name for name in HANDLERS if name != "browse"], n=1, cutoff=0.75)
    return f"; did you mean `paperbrowse {close[0]}`?" if close else ""


def cmd_browse(args: argparse.Namespace, store: Store) -> int:
    """Import PATHs (if any), then run the Textual browser."""
    try:
        check_paths(args.paths)
    except UsageError:
        # `paperbrowse serch x` reads as a PATH: a missing one may be a mistyped command.
        suggestion = did_you_mean(str(args.paths[0]))
        if suggestion:
            name = args.paths[0]
            raise UsageError(f"{name} is neither a command nor a file or folder{suggestion}") from None
        raise
    from tui.ui.launch import launch

    return launch(store, args.paths, args.loaded_config, args.config_problems)


HANDLERS: dict[str, Callable[[argparse.Namespace, Store], int]] = {
    "browse": cmd_browse,
    "export": cmd_export,
    "import": cmd_import,
    "search": cmd_search,
    "star": cmd_star,
    "unstar": cmd_unstar,
    "sync": cmd_sync,
    "enrich": cmd_enrich,
    "config": cmd_config,
    **ORGANISE_HANDLERS,
    "related": cmd_related,
    "trends": cmd_trends,
    "compare": cmd_compare,
    "serve": cmd_serve,
    "completion": cmd_completion,
}


def _store(args: argparse.Namespace, config: Config) -> Store:
    from tui.store.safe_io import max_digest_bytes

    try:
        limit = max_digest_bytes()
    except ValueError as error:
        raise UsageError(str(error)) from None
    return Store(resolve_data_dir(args.data_dir, config.data_dir or None), limit)


def _settings(args: argparse.Namespace) -> None:
    """Load the config file into `args` (its problems too); say them, unless the browser will."""
    from tui.config import apply_to_environment, load_config

    config, problems = load_config(args.config)
    apply_to_environment(config)
    args.loaded_config, args.config_problems = config, problems
    if args.command != "browse":
        for problem in problems:
            warn(problem)


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the `paperbrowse` console script."""
    arguments = list(sys.argv[1:] if argv is None else argv)
    parser = build_parser()
    complete_if_asked(parser)  # a shell's Tab: answers and exits
    args = parser.parse_args(with_default_command(arguments, tuple(HANDLERS)))
    store: Store | None = None
    try:
        _settings(args)
        store = _store(args, args.loaded_config)
        return HANDLERS[args.command](args, store)
    except UsageError as error:
        say(f"paperbrowse: error: {error}", sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("paperbrowse: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        # `paperbrowse export | head`: the reader left; that is not an error.
        sys.stderr.close()
        return 0
    except OSError as error:
        where = f"{error.filename}: " if getattr(error, "filename", None) else ""
        say(f"paperbrowse: error: {where}{error.strerror or error}", sys.stderr)
        return 1
    except Exception:  # a bug: keep the traceback for the report, not the screen
        where = write_crash_log(store.data_dir if store else None)
        print(f"paperbrowse: unexpected internal error; {where}", file=sys.stderr)
        return 1
