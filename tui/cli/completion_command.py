"""`paperbrowse completion bash|zsh|fish`: the shell's completion script, from argcomplete.

argcomplete completes from the argument parser itself, so every subcommand
and option (and files for PATHs) completes without a script to keep in
step: the script printed here runs `paperbrowse` on each Tab with
`_ARGCOMPLETE` set, and `complete_if_asked` answers then, and only then,
so ordinary runs never import argcomplete.  Chosen over shtab, which writes
static scripts but has no fish.
"""

from __future__ import annotations

import argparse
import os
import sys
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from tui.store import Store

SHELLS = ("bash", "zsh", "fish")
PROG = "paperbrowse"


def add_parser(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add `completion SHELL` to the command line."""
    completion = commands.add_parser("completion", help="print the shell completion script (bash, zsh, fish)")
    completion.add_argument("shell", choices=SHELLS, metavar="SHELL", help=" | ".join(SHELLS))


def cmd_completion(args: argparse.Namespace, store: Store) -> int:
    """Print the completion script for `args.shell` (README: Shell completion says where it goes)."""
    from argcomplete.shell_integration import shellcode

    sys.stdout.write(shellcode([PROG], shell=args.shell))
    return 0


def complete_if_asked(parser: argparse.ArgumentParser) -> None:
    """When a shell asks for completions (Tab), print them and exit; otherwise do nothing at all."""
    if "_ARGCOMPLETE" not in os.environ:
        return
    import argcomplete
    from argcomplete.completers import FilesCompleter

    files = FilesCompleter()

    def commands_or_paths(prefix: str, action: argparse.Action, **rest: object) -> list[str]:
        # `paperbrowse PATH` browses PATH, so where the command goes a path may
        # go too: offered when the word names no command (argcomplete itself
        # offers the commands), so a bare Tab lists only commands.
        choices = action.choices or {}
        if "/" not in prefix and any(name.startswith(prefix) for name in choices):
            return []
        return list(files(prefix, **rest))

    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            action.completer = commands_or_paths  # type: ignore[attr-defined]
    argcomplete.autocomplete(parser)  # writes the completions to the shell and exits
