"""The paperbrowse Textual app: styles, the browser screen, breakpoints, palette, crashes.

What the user sees and does lives on `BrowserScreen`; the app holds what is
app-wide: the stylesheet, the width breakpoints (a function of the current
size only), the keymap, the command palette built from the command table,
and the crash handler that logs instead of printing a traceback.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterable, Mapping
from functools import partial
from pathlib import Path
from typing import Any

from rich.text import Text
from textual.app import App, SystemCommand
from textual.screen import Screen
from textual.widgets import Footer

from tui.crashlog import write_crash_log
from tui.gcpause import started
from tui.ui.commands import COMMANDS, shown_keys
from tui.ui.markup import literal
from tui.ui.screens.browser import BrowserScreen


class PaperBrowseApp(App[None]):
    """Browse daily AI-paper digests from the keyboard."""

    CSS_PATH = "paperbrowse.tcss"
    TITLE = "paperbrowse"
    # Classes on the screen by its width: the layout follows the size it has now.
    HORIZONTAL_BREAKPOINTS = [(0, "-tiny"), (70, "-narrow"), (110, "-wide")]  # noqa: RUF012

    def __init__(
        self,
        browser: BrowserScreen,
        *,
        notices: Iterable[str] = (),
        data_dir: Path | None = None,
        keymap: Mapping[str, str] | None = None,
        theme: str = "textual-dark",
        config_path: Path | None = None,
    ) -> None:
        super().__init__()
        self.browser = browser
        self.notices = list(notices)
        self.data_dir = data_dir
        self.keymap: dict[str, str] = dict(keymap or {})
        self.chosen_theme = theme
        self.config_path = config_path  # where a theme chosen in the palette is saved (None: nowhere)
        if theme in self.available_themes:
            self.theme = theme  # before any screen is drawn, so nothing is drawn in another theme

    def get_default_screen(self) -> Screen[Any]:
        """The browser is the app's first screen."""
        return self.browser

    def on_mount(self) -> None:
        """Apply the keymap, tell what needs telling, mount the footer after the first frame."""
        if self.keymap:
            self.set_keymap(self.keymap)
        if self.chosen_theme not in self.available_themes:
            where = self.config_path or "the config"
            self.notices.append(
                f"{where}: theme: {self.chosen_theme!r} is not a theme (ctrl+p lists them); using the default"
            )
        self.watch(self, "theme", self._theme_chosen, init=False)
        for notice in self.notices:
            self.notify(notice, timeout=8, markup=False)
        state = self.browser.reading.user
        state.on_failure = lambda message: self.call_from_thread(
            self.notify, message, severity="error", timeout=10, markup=False
        )
        state.on_saved = self._state_saved
        # Textual's Footer is a dozen widgets, each styled on every focus change:
        # ~35 ms that the papers need not wait for.
        self.call_after_refresh(self._after_first_frame)

    def _theme_chosen(self, name: str) -> None:
        """A theme chosen (in the palette): redraw what was drawn in the old one, and remember it."""
        self.browser.marks_changed()  # the lists' and the detail's drawn lines carry their colours
        self.remember_setting("theme", name)

    def remember_setting(self, key: str, value: str | bool) -> None:
        """Write one setting chosen in the app (theme, density, empty days) to the config file."""
        if self.config_path is None:
            return
        from tui.config import save_setting

        try:
            save_setting(self.config_path, key, value)
        except OSError as error:
            message = f"Could not save {key} in {self.config_path}: {error.strerror or error}"
            self.notify(message, severity="warning", markup=False)

    def _state_saved(self, foreign: bool) -> None:
        """From the state writer: another process's marks came in, so show them."""
        if foreign:
            self.call_from_thread(self.browser.marks_changed)

    async def _after_first_frame(self) -> None:
        await self.browser.mount(Footer())
        started()  # resume garbage collection, paused by the launcher

    def on_unmount(self) -> None:
        """Write what is still waiting to be written (the place, the last marks)."""
        self.browser.reading.user.flush(timeout=3.0)

    def get_system_commands(self, screen: Screen[Any]) -> Iterable[SystemCommand]:
        """Every command by its label, with its help text and its key, then Textual's own.

        Textual's own "Quit" and "Keys" are left out: ours remember the place and
        list every key.
        """
        for command in COMMANDS:
            if command.palette and command.scope == "browser":
                keys = shown_keys(command, self.keymap)
                where = "" if keys == "palette" else f" ({keys})"
                help_text = literal(
                    f"{command.help}{where}"
                )  # the palette reads help as markup: "[Title](url)"
                yield SystemCommand(command.label, help_text, partial(self.browser.run_action, command.run))
        for textual_command in super().get_system_commands(screen):
            if textual_command.title not in ("Quit", "Keys"):
                yield textual_command

    def _fatal_error(self) -> None:
        """An unexpected exception: log it, say where, never show a traceback.

        Textual calls this for an unhandled exception (see tui.ui.textual_private).
        """
        where = write_crash_log(self.data_dir)
        with contextlib.suppress(Exception):
            self.browser.save_session()
            self.browser.reading.user.flush(timeout=2.0)
        self.bell()
        self.panic(
            Text(
                f"paperbrowse stopped after an unexpected error; {where}. Your stars, "
                "read marks and notes are saved in state.json."
            )
        )
