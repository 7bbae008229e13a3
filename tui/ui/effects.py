"""Side effects that must work everywhere: the clipboard and the web browser.

Clipboard: always OSC 52 through `App.copy_to_clipboard` (works over SSH, in
tmux with `set-clipboard on`, in textual-serve), and also pyperclip when a
display looks usable.  pyperclip raises with no display and, with a dead
DISPLAY, returns normally while xclip writes errors onto the screen, so it
runs with its stderr sent to /dev/null, off the UI thread, and any failure
is swallowed: OSC 52 already did the job.

Browser: `webbrowser.open` blocks until `$BROWSER` exits and `gio` writes onto
the terminal, so the opener is launched detached (own session, stdio to
/dev/null) from a worker thread; when nothing can open the URL the caller is
told, so it can show the URL to copy by hand.

Served as a web page (`paperbrowse serve`, textual-serve), the user's browser
is the page's, not one on the server: `WebEffects` opens links in a new tab
of the page and leaves the clipboard to OSC 52, which the page writes.
"""

from __future__ import annotations

import contextlib
import importlib.util
import os
import shutil
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Protocol

if TYPE_CHECKING:
    from textual.app import App

OPENERS = ("xdg-open", "open", "wslview", "gio")
# Browsers that draw in the terminal: run in it (the app suspended), not detached.
TERMINAL_BROWSERS = frozenset(("w3m", "lynx", "links", "links2", "elinks", "browsh", "carbonyl"))


class Effects(Protocol):
    """What the app needs from the outside world (tests record instead)."""

    def copy(self, text: str) -> None:
        """Also put `text` on the system clipboard where one is reachable."""

    def open_url(self, url: str) -> bool:
        """Open `url` in a browser without blocking; False if nothing could."""

    def terminal_command(self, url: str) -> list[str] | None:
        """The command that opens `url` in this terminal, when the browser is a terminal one."""


def _display_usable() -> bool:
    if sys.platform in ("darwin", "win32"):
        return True
    return bool(os.environ.get("WAYLAND_DISPLAY") or os.environ.get("DISPLAY"))


class SystemEffects:
    """The real clipboard and browser (`command`: the config's `browser`, `{url}` where the link goes)."""

    def __init__(self, command: str = "", terminal: bool = False) -> None:
        self.command = command
        self.terminal = terminal

    def copy(self, text: str) -> None:
        """pyperclip, guarded; OSC 52 is the app's job and happens regardless."""
        if not _display_usable() or importlib.util.find_spec("pyperclip") is None:
            return
        # Textual draws on stderr and a failing xclip writes there; redirecting
        # fd 2 in-process would blank the UI, so pyperclip runs in a child
        # process whose stderr is /dev/null (called from a worker thread).
        with contextlib.suppress(OSError, subprocess.SubprocessError):
            subprocess.run(
                [sys.executable, "-c", "import sys, pyperclip; pyperclip.copy(sys.stdin.read())"],
                input=text.encode("utf-8"),
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
                timeout=5,
                check=False,
                start_new_session=True,
            )

    def open_url(self, url: str) -> bool:
        """Launch `$BROWSER` or the platform opener detached; True if one started."""
        command = self._command(url)
        if command is None:
            return False
        try:
            subprocess.Popen(
                command,
                stdin=subprocess.DEVNULL,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
                start_new_session=True,
                close_fds=True,
            )
        except OSError:
            return False
        return True

    def terminal_command(self, url: str) -> list[str] | None:
        """The command for `url` when the browser draws in the terminal (w3m, lynx, …), else None."""
        command = self._command(url)
        if command is None:
            return None
        return command if self.terminal or os.path.basename(command[0]) in TERMINAL_BROWSERS else None

    def _command(self, url: str) -> list[str] | None:
        import shlex  # only when opening a link; start-up need not pay for it

        if self.command.strip():
            parts = shlex.split(self.command)
            if "{url}" in self.command:
                return [p.replace("{url}", url) for p in parts]
            return [*parts, url]
        browser = os.environ.get("BROWSER", "").strip()
        if browser:
            # $BROWSER may be a ':'-separated list; '%s' marks where the URL goes.
            for candidate in browser.split(os.pathsep):
                parts = shlex.split(candidate)
                if parts and shutil.which(parts[0]):
                    if any("%s" in p for p in parts):
                        return [p.replace("%s", url) for p in parts]
                    return [*parts, url]
        if sys.platform == "darwin":
            return ["open", url]
        if sys.platform == "win32":
            return ["cmd", "/c", "start", "", url]
        if not _display_usable() and not os.environ.get("WSL_DISTRO_NAME"):
            return None  # a headless box: xdg-open would fall back to a text browser in our terminal
        for opener in OPENERS:
            if shutil.which(opener):
                return [opener, "open", url] if opener == "gio" else [opener, url]
        return None


class WebEffects:
    """The effects of an app served as a web page: the page's browser is the user's."""

    def __init__(self, app: App[Any]) -> None:
        self.app = app

    def copy(self, text: str) -> None:
        """Nothing more: OSC 52 went to the page, which writes the user's clipboard.

        pyperclip would write the clipboard of the machine serving the page.
        """

    def open_url(self, url: str) -> bool:
        """Have the page open `url` in a new tab (from a worker thread, as every opener runs)."""
        self.app.call_from_thread(self.app.open_url, url, new_tab=True)
        return True

    def terminal_command(self, url: str) -> list[str] | None:
        """None: the page's own browser opens links, never one in the serving machine's terminal."""
        return None


def effects_for(app: App[Any], effects: Effects) -> Effects:
    """`effects`, or the web page's when `app` is served (Textual's `is_web`, so however it was served)."""
    return WebEffects(app) if app.is_web else effects


@dataclass
class RecordingEffects:
    """Effects that only record (for tests and screenshots)."""

    copied: list[str] = field(default_factory=list)
    opened: list[str] = field(default_factory=list)
    can_open: bool = True
    terminal: list[str] | None = None  # a terminal browser's command (the URL is appended)
    on_open: Callable[[str], None] | None = None

    def copy(self, text: str) -> None:
        """Record the copied text."""
        self.copied.append(text)

    def open_url(self, url: str) -> bool:
        """Record the URL; report success as configured."""
        self.opened.append(url)
        if self.on_open:
            self.on_open(url)
        return self.can_open

    def terminal_command(self, url: str) -> list[str] | None:
        """The configured terminal browser's command for `url`, if any."""
        return [*self.terminal, url] if self.terminal else None
