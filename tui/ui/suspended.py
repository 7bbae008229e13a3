"""Handing the terminal to another program: the user's editor for a note, a terminal browser.

`App.suspend()` gives the terminal back (the alternate screen left, raw mode
off), the program runs in it, and the browser comes back where it was.  A
note is edited in a private temporary file; it changes only when the editor
exits 0 and the text differs.  Where the terminal cannot be handed over (a
served page, a test's headless driver) the caller is told, never crashed.
"""

from __future__ import annotations

import contextlib
import os
import shlex
import subprocess
import tempfile
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from textual.app import App

DEFAULT_EDITORS = ("nano", "vi")


class CannotSuspend(Exception):
    """The terminal cannot be handed over here; the message says why, for the status line."""


def editor_command() -> list[str]:
    """`$VISUAL`, else `$EDITOR`, else nano or vi: the user's editor as a command."""
    import shutil

    for variable in ("VISUAL", "EDITOR"):
        chosen = os.environ.get(variable, "").strip()
        if chosen:
            return shlex.split(chosen)
    for name in DEFAULT_EDITORS:
        if shutil.which(name):
            return [name]
    raise CannotSuspend("no editor: set $EDITOR (or $VISUAL)")


def run_in_terminal(app: App[object], command: Sequence[str]) -> int:
    """Run `command` in the terminal, the browser suspended; its exit status."""
    from textual.app import SuspendNotSupported

    try:
        with app.suspend():
            try:
                return subprocess.run(list(command), check=False).returncode
            except OSError as error:  # not found, not executable
                raise CannotSuspend(f"could not run {command[0]}: {error.strerror or error}") from None
    except SuspendNotSupported:
        raise CannotSuspend("this terminal cannot be handed to another program here") from None


def edit_text(app: App[object], text: str, name: str = "note") -> str | None:
    """`text` edited in the user's editor; None when the editor failed or changed nothing."""
    command = editor_command()
    handle, path = tempfile.mkstemp(prefix=f"paperbrowse-{name}-", suffix=".md", text=True)
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as out:
            out.write(text)
        status = run_in_terminal(app, [*command, path])
        if status != 0:
            return None
        edited = Path(path).read_text(encoding="utf-8", errors="replace")
    finally:
        with contextlib.suppress(OSError):
            os.unlink(path)
    return None if edited == text else edited
