"""What each command of the table does on the browser screen, by command id.

The command table (`tui.ui.commands`) says which key runs which command;
this says what the command does, as a call into one of the screen's helpers.
A test checks that every command the screen runs has an entry here.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from functools import partial
from typing import TYPE_CHECKING

from textual.actions import SkipAction
from textual.widgets import Input

from tui.store.periods import UNITS
from tui.ui.listing import NUMBERED_FEEDS

if TYPE_CHECKING:
    from tui.ui.screens.browser import BrowserScreen


def command_handlers(screen: BrowserScreen) -> dict[str, Callable[[], object]]:
    """Command id -> what it does on `screen`."""
    marking, sharing, navigation, organising = (
        screen.marking,
        screen.sharing,
        screen.navigation,
        screen.organising,
    )
    papers = screen.paper_list
    handlers: dict[str, Callable[[], object]] = {
        "search": partial(_search_key, screen),
        "back": partial(_back, screen),
        "detail.next": papers.action_cursor_down,
        "detail.previous": papers.action_cursor_up,
        "day.older": partial(navigation.move_period, +1),
        "day.newer": partial(navigation.move_period, -1),
        "unit.cycle": partial(_cycle_unit, screen),
        "open.arxiv": partial(sharing.open, "arxiv"),
        "open.huggingface": partial(sharing.open, "huggingface"),
        "open.pdf": partial(sharing.open, "pdf"),
        "copy.link": partial(sharing.copy, "link"),
        "copy.markdown": partial(sharing.copy, "markdown"),
        "copy.bibtex": partial(sharing.copy, "bibtex"),
        "copy.plain": partial(sharing.copy, "plain"),
        "star": marking.star,
        "read.toggle": marking.toggle_read,
        "unread.next": partial(marking.step_unread, +1),
        "unread.previous": partial(marking.step_unread, -1),
        "note": marking.edit_note,
        "note.editor": marking.edit_note_in_editor,
        "filter": marking.cycle_filter,
        "read.all": marking.mark_all_read,
        "undo": marking.undo,
        "tag": organising.tag,
        "select.toggle": organising.toggle_selected,
        "select.clear": organising.clear_selection,
        "feed.save": organising.save_feed,
        "rule.watch": partial(organising.add_rule, "watch"),
        "rule.hide": partial(organising.add_rule, "hide"),
        "hidden.toggle": organising.toggle_hidden,
        "organise.manage": organising.manage,
        "triage": organising.triage,
        "view.hide_empty": partial(_toggle_empty_days, screen),
        "view.one_line": partial(_toggle_density, screen),
        "sort.upvotes": partial(_toggle_upvotes, screen),
        "abstract.toggle": partial(_toggle_abstract, screen),
        "related.focus": partial(_focus_related, screen),
        "trends": partial(_trends, screen),
        "compare": partial(_compare, screen),
        "export": sharing.export,
        "sync": partial(_sync, screen),
        "help": partial(_help, screen),
        "quit": partial(_quit, screen),
    }
    for number in range(1, NUMBERED_FEEDS + 1):
        handlers[f"feed.{number}"] = partial(navigation.open_feed, number)
    return handlers


def _is_text_field(widget: object) -> bool:
    """An Input or a TextArea, where `/` is just typed.

    TextArea is not imported for the check (~5 ms at start-up): until its module
    is loaded (a note dialog loads it), no widget can be one.
    """
    text_area = sys.modules.get("textual.widgets._text_area")
    return isinstance(widget, Input) or (text_area is not None and isinstance(widget, text_area.TextArea))


def _search_key(screen: BrowserScreen) -> None:
    """Search every day; in a text field or a dialog, the key is just typed."""
    if screen.app.screen is not screen or _is_text_field(screen.focused):
        raise SkipAction
    screen.navigation.open_search()


def _back(screen: BrowserScreen) -> None:
    """Leave the detail pane for the list (the results, when searching), else close the search."""
    if screen.detail.has_focus_within:
        screen.paper_list.focus()
    elif screen.mode == "search":
        screen.navigation.close_search(restore=True)
        screen.paper_list.focus()


def _cycle_unit(screen: BrowserScreen) -> None:
    """Days -> weeks -> months -> days in the sidebar."""
    if screen.mode == "search":
        screen.navigation.close_search(restore=True)
    screen.unit = UNITS[(UNITS.index(screen.unit) + 1) % len(UNITS)]
    screen.say(f"The sidebar lists {screen.unit}s.")


def _remember(screen: BrowserScreen, key: str, value: str | bool) -> None:
    """Keep a view setting chosen in the app for the next start (in the config file, as the theme)."""
    from tui.ui.app import PaperBrowseApp  # here: the app module imports this one

    if isinstance(screen.app, PaperBrowseApp):
        screen.app.remember_setting(key, value)


def _toggle_empty_days(screen: BrowserScreen) -> None:
    screen.hide_empty_days = not screen.hide_empty_days
    screen.rebuild_sidebar(keep_paper=True)
    screen.say(
        "Days without papers are hidden." if screen.hide_empty_days else "Days without papers are listed."
    )
    _remember(screen, "hide_empty_days", screen.hide_empty_days)


def _toggle_density(screen: BrowserScreen) -> None:
    screen.one_line = not screen.one_line
    screen.say("One line per paper." if screen.one_line else "Two lines per paper.")
    _remember(screen, "list_density", "one-line" if screen.one_line else "two-line")


def _toggle_upvotes(screen: BrowserScreen) -> None:
    if not screen.reading.meta_ready:
        screen.say("No upvotes known yet: `paperbrowse enrich` fetches them.", warning=True)
        return
    screen.by_upvotes = not screen.by_upvotes
    if not screen.by_upvotes:
        screen.say("Upvote sort off: the list's own order again.")  # a day's table, or a feed's rank
    elif any(screen.reading.upvotes(i) for i in screen.paper_list.indices):
        screen.say("Most upvoted first.")
    else:  # sorted, but by nothing: say why the order did not change
        screen.say(
            "Most upvoted first, but none of these has upvotes yet: `paperbrowse enrich` fetches them."
        )


def _toggle_abstract(screen: BrowserScreen) -> None:
    screen.show_abstract = not screen.show_abstract
    meta = screen.reading.meta(screen.paper) if screen.paper is not None else None
    if screen.show_abstract and (meta is None or meta.arxiv is None):
        screen.say("No abstract yet: its metadata has not been fetched (paperbrowse enrich).")


def _focus_related(screen: BrowserScreen) -> None:
    """Give the Related block the keyboard (it is at the end of the detail pane)."""
    if screen.paper is None or not screen.detail.focus_related():
        screen.say("No related papers to go to yet (they are worked out in the background).")


def _trends(screen: BrowserScreen) -> None:
    """The trends screen; a bar chosen there opens its month's (week's) papers as a search."""
    from tui.ui.screens.trends import TrendsScreen

    def chosen(query: str | None) -> None:
        if query:
            screen.navigation.open_search()
            screen.search_bar.set_value(query)

    terms = screen.search_bar.value if screen.mode == "search" else ""
    screen.app.push_screen(TrendsScreen(screen.library, screen.reading.user.snapshot, terms), chosen)


def _compare(screen: BrowserScreen) -> None:
    """The selected papers side by side."""
    if len(screen.selected) < 2:
        screen.say("Select two or more papers with v to compare them.", warning=True)
        return
    from tui.ui.screens.compare import CompareScreen

    screen.app.push_screen(CompareScreen(screen.library.papers(sorted(screen.selected))))


def _sync(screen: BrowserScreen) -> None:
    """Sync in the background (unless one is running)."""
    from tui.ui.sync_worker import start_sync

    if screen.store is None or screen.sync_settings is None:
        screen.say("Sync is not available in this session.", warning=True)
    elif any(w.group == "sync" and w.is_running for w in screen.workers):
        screen.say("A sync is already running.")
    else:
        start_sync(screen, screen.store, screen.sync_settings)


def _help(screen: BrowserScreen) -> None:
    from tui.ui.screens.help import HelpScreen

    screen.app.push_screen(HelpScreen(screen.app.keymap))  # type: ignore[attr-defined]


def _quit(screen: BrowserScreen) -> None:
    """Remember the place, then leave."""
    screen.save_session()
    screen.app.exit()
