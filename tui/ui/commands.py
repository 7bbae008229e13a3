"""Every command of the browser, defined once.

Each `Command` is a row: its id (the binding id a user's keymap names), its
default keys, the action it runs, a short label (footer, palette), a help
text (palette, help screen, README), a group (help screen) and where it is
bound.  A browser command's action is its id, run by `BrowserScreen.action_do`
through the screen's table of handlers; list and detail commands run the
widget's own action.  The bindings of the browser screen, the lists and the detail pane,
the footer, the command palette, the help screen and the README's key table
are all derived from `COMMANDS`, so none of them can drift from the others;
`tests/test_project.py` checks the README against `readme_key_table()`.

Keys are Textual key names (`left_square_bracket`, `question_mark`),
comma-separated when a command has several.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Final, Literal

if TYPE_CHECKING:  # the table itself needs no Textual: the config file is checked against it
    from textual.binding import Binding, BindingType

Scope = Literal["browser", "list", "detail", "textual"]

GROUPS: Final = (
    "Moving",
    "Days, weeks, months and feeds",
    "Reading",
    "Organising",
    "Discovering",
    "Open in the browser",
    "Copy (works over SSH and in tmux)",
    "Search",
    "Lists",
    "App",
)

KEY_NAMES: Final = {
    "slash": "/",
    "left_square_bracket": "[",
    "right_square_bracket": "]",
    "question_mark": "?",
    "escape": "esc",
    "pagedown": "PgDn",
    "pageup": "PgUp",
    "percent_sign": "%",
    "equals_sign": "=",
}


@dataclass(frozen=True, slots=True)
class Command:
    """One command: how it is bound, run, labelled, explained and grouped."""

    id: str
    keys: str
    action: str  # a widget or Textual action; "" for browser commands (see `run`)
    label: str
    help: str
    group: str
    scope: Scope = "browser"
    footer: bool = False
    palette: bool = True
    priority: bool = False
    display: str | None = None  # how the keys are written in help and the README, when not as bound
    listed: bool = True  # in the help screen and the README (feed.2 … feed.9 are listed as feed.1's row)

    @property
    def run(self) -> str:
        """The action string the binding runs: browser commands go to `BrowserScreen.action_do`."""
        return f"do({self.id!r})" if self.scope == "browser" else self.action

    def binding(self, keys: str | None = None) -> Binding:
        """The Textual binding (with the user's `keys`, when given)."""
        from textual.binding import Binding

        return Binding(
            keys or self.keys,
            self.run,
            self.label,
            show=self.footer,
            id=self.id,
            priority=self.priority,
        )


COMMANDS: Final[tuple[Command, ...]] = (
    # -- moving in a list (the days and the papers) --
    Command("list.next", "down,j", "cursor_down", "Next", "Next paper (in the day list: next day)", "Moving", "list"),
    Command("list.previous", "up,k", "cursor_up", "Previous", "Previous paper (in the day list: previous day)", "Moving", "list"),
    Command("list.first", "home,g", "first", "First", "First in the list", "Moving", "list"),
    Command("list.last", "end,G", "last", "Last", "Last in the list", "Moving", "list"),
    Command("list.page_down", "pagedown", "page_down", "Page down", "A screenful down", "Moving", "list"),
    Command("list.page_up", "pageup", "page_up", "Page up", "A screenful up", "Moving", "list"),
    Command("list.choose", "enter", "choose", "Go in", "Go in: days → papers → detail", "Moving", "list"),
    Command("focus.next", "tab", "app.focus_next", "Next column", "Focus the next column (days → papers → detail)", "Moving", "textual", palette=False),
    Command("focus.previous", "shift+tab", "app.focus_previous", "Previous column", "Focus the previous column", "Moving", "textual", palette=False),
    # -- in the detail pane --
    Command("detail.next", "j", "screen.do('detail.next')", "Next paper", "In the detail pane: the next paper (arrows scroll)", "Moving", "detail"),
    Command("detail.previous", "k", "screen.do('detail.previous')", "Previous paper", "In the detail pane: the previous paper", "Moving", "detail"),
    Command("detail.top", "home,g", "scroll_home", "Top", "In the detail pane: scroll to the top", "Moving", "detail", palette=False),
    Command("detail.bottom", "end,G", "scroll_end", "Bottom", "In the detail pane: scroll to the end", "Moving", "detail", palette=False),
    Command("detail.page_down", "space", "page_down", "Page down", "In the detail pane: a screenful down", "Moving", "detail", palette=False),
    # -- days, weeks, months and feeds --
    Command("day.older", "left_square_bracket", "", "Older", "The previous (older) day, week or month, from anywhere", "Days, weeks, months and feeds", footer=True),
    Command("day.newer", "right_square_bracket", "", "Newer", "The next (newer) day, week or month, from anywhere", "Days, weeks, months and feeds", footer=True),
    Command("unit.cycle", "m", "", "Days/weeks/months", "The sidebar lists days, then ISO weeks, then months", "Days, weeks, months and feeds"),
    Command("feed.1", "1", "", "Feed 1", "The first nine feeds of the sidebar", "Days, weeks, months and feeds", display="1 … 9"),
    *(
        Command(f"feed.{n}", str(n), "", f"Feed {n}", f"Feed {n} of the sidebar", "Days, weeks, months and feeds", listed=False)
        for n in range(2, 10)
    ),
    Command("view.hide_empty", "", "", "Hide empty days", "Hide (or list again) the days whose digest lists no papers", "Days, weeks, months and feeds"),
    # -- reading --
    Command("star", "s", "", "Star", "Star or unstar the paper", "Reading", footer=True),
    Command("read.toggle", "r", "", "Read/unread", "Mark the paper read or unread (a paper shown for a moment becomes read by itself)", "Reading"),
    Command("unread.next", "n", "", "Next unread", "The next unread paper, crossing days", "Reading"),
    Command("unread.previous", "N", "", "Previous unread", "The previous unread paper, crossing days", "Reading"),
    Command("note", "e", "", "Note", "Write a note on the paper (ctrl+s saves, esc cancels, empty removes)", "Reading", footer=True),
    Command("note.editor", "E", "", "Note in $EDITOR", "Write the note in your own editor ($VISUAL or $EDITOR); saved when it exits 0", "Reading"),
    Command("filter", "f", "", "Filter", "Show all papers, then unread only, then starred only", "Reading", footer=True),
    Command("read.all", "A", "", "Mark all read", "Mark every paper of the list read, after asking", "Reading"),
    Command("undo", "u", "", "Undo", "Undo the last read or star change", "Reading"),
    Command("triage", "T", "", "Triage", "Triage the list: one paper at a time, full width (star, read and next, skip, tag, undo)", "Reading"),
    Command("view.one_line", "", "", "One line per paper", "Show one line per paper (title only), or two", "Reading"),
    Command("abstract.toggle", "a", "", "Abstract", "Show arXiv's abstract below the summary, or fold it away", "Reading"),
    Command("sort.upvotes", "U", "", "Sort by upvotes", "Sort the list by Hugging Face upvotes, or back to the digest's order", "Reading"),
    # -- organising --
    Command("tag", "t", "", "Tag", "Tag the paper or the selection (comma-separated, completes tags in use)", "Organising", footer=True),
    Command("select.toggle", "v", "", "Select", "Select or unselect the paper: star, tag, read, copy BibTeX and export then act on the selection", "Organising"),
    Command("select.clear", "V", "", "Clear selection", "Clear the selection", "Organising"),
    Command("feed.save", "F", "", "Save as feed", "In a search: save it as a feed (listed above the days, with its unread count)", "Organising"),
    Command("rule.watch", "W", "", "Watch this search", "In a search: watch it (its papers are marked ◆ wherever they appear)", "Organising"),
    Command("rule.hide", "H", "", "Hide this search", "In a search: hide its papers from days, feeds and counts", "Organising"),
    Command("hidden.toggle", "i", "", "Show hidden", "Show the papers hide rules leave out, for the moment (or leave them out again)", "Organising"),
    Command("organise.manage", "", "", "Feeds and rules", "See every feed and rule, and remove them", "Organising"),
    # -- discovering --
    Command("related.focus", "w", "", "Related", "Go to the paper's Related block (up/down choose, enter goes to the paper, esc leaves)", "Discovering"),
    Command("trends", "percent_sign", "", "Trends", "Trends: how many papers a month (or week) mention a term, and the terms rising now", "Discovering"),
    Command("compare", "equals_sign", "", "Compare", "The selected papers side by side, a row per summary section", "Discovering"),
    # -- open and copy --
    Command("open.arxiv", "o", "", "Open arXiv", "Open the paper's arXiv page", "Open in the browser", footer=True),
    Command("open.huggingface", "O", "", "Open HF", "Open the paper's Hugging Face page", "Open in the browser"),
    Command("open.pdf", "p", "", "Open PDF", "Open the paper's PDF", "Open in the browser"),
    Command("copy.link", "y", "", "Copy link", "Copy the arXiv link", "Copy (works over SSH and in tmux)", footer=True),
    Command("copy.markdown", "Y", "", "Copy markdown link", "Copy a markdown link: [Title](arXiv link)", "Copy (works over SSH and in tmux)"),
    Command("copy.bibtex", "c", "", "Copy BibTeX", "Copy the paper's BibTeX entry", "Copy (works over SSH and in tmux)"),
    Command("copy.plain", "C", "", "Copy citation", "Copy a plain-text citation", "Copy (works over SSH and in tmux)"),
    # -- search --
    # A priority binding: handled as it arrives, before the keys typed after it
    # reach the list, so "/query" typed or pasted in one burst lands in the box
    # (the action steps aside in text fields and dialogs).
    Command("search", "slash", "", "Search", "Search every day as you type (down/up: walk the results; enter: into them)", "Search", footer=True, priority=True),
    Command("back", "escape", "", "Back", "Close the search (back to the day and paper you were on), or leave the detail pane", "Search", palette=False),
    # -- lists --
    Command("export", "x", "", "Export list", "Export the list on screen to a file: BibTeX, RIS, markdown, CSV, JSON or JSONL", "Lists"),
    Command("sync", "R", "", "Sync", "Fetch new digests from the upstream archive in the background", "Lists"),
    # -- the app --
    Command("help", "question_mark", "", "Help", "Every key and what it does", "App", footer=True),
    Command("palette", "ctrl+p", "app.command_palette", "Commands", "The command palette: every action by name", "App", "textual", palette=False),
    Command("quit", "q", "", "Quit", "Quit (your place is remembered)", "App", footer=True),
)  # fmt: skip

BY_ID: Final = {command.id: command for command in COMMANDS}


def bindings(scope: Scope) -> list[BindingType]:
    """The bindings of one scope, with their default keys (a user keymap applies on top).

    A command without keys is offered by the command palette only.
    """
    return [command.binding() for command in COMMANDS if command.scope == scope and command.keys]


# Scopes whose bindings are live at the same time: a key in both is bound twice.
_TOGETHER: Final = (("browser", "list"), ("browser", "detail"), ("browser", "browser"), ("list", "list"),
                    ("detail", "detail"), ("browser", "textual"))  # fmt: skip


def clashes(keymap: Mapping[str, str]) -> list[tuple[str, str, str]]:
    """(binding id, the other id, key) for each key the user's `keymap` binds twice.

    Only clashes that involve a remapped binding are reported: the defaults
    never clash with each other.
    """
    found: list[tuple[str, str, str]] = []
    keys_of = {c.id: {k.strip() for k in effective_keys(c, keymap).split(",") if k.strip()} for c in COMMANDS}
    for command in COMMANDS:
        if command.id not in keymap:
            continue
        for other in COMMANDS:
            if other.id == command.id:
                continue
            if (command.scope, other.scope) not in _TOGETHER and (
                other.scope,
                command.scope,
            ) not in _TOGETHER:
                continue
            shared = keys_of[command.id] & keys_of[other.id]
            if shared:
                found.append((command.id, other.id, sorted(shared)[0]))
    return found


def key_label(keys: str) -> str:
    """Keys for people: `left_square_bracket,home` -> `[ / home`; none: `palette`."""
    if not keys:
        return "palette"
    return " / ".join(KEY_NAMES.get(key.strip(), key.strip()) for key in keys.split(","))


def shown_keys(command: Command, keymap: Mapping[str, str]) -> str:
    """A command's keys as help and the README write them."""
    if command.display and command.id not in keymap:
        return command.display
    return key_label(effective_keys(command, keymap))


def effective_keys(command: Command, keymap: Mapping[str, str]) -> str:
    """The keys a command is bound to, the user's keymap applied."""
    return keymap.get(command.id, command.keys)


def grouped(commands: Iterable[Command] = COMMANDS) -> Iterator[tuple[str, list[Command]]]:
    """Listed commands by group, groups in help order."""
    by_group: dict[str, list[Command]] = {}
    for command in commands:
        if command.listed:
            by_group.setdefault(command.group, []).append(command)
    for group in GROUPS:
        if group in by_group:
            yield group, by_group[group]


def readme_key_table() -> str:
    """The README's key table (Markdown), one section per group, from the defaults."""
    lines: list[str] = []
    for group, commands in grouped():
        lines += [f"**{group}**", "", "| key | action |", "|---|---|"]
        for command in commands:
            label = shown_keys(command, {})
            keys = label if label == "palette" else " / ".join(f"`{key}`" for key in label.split(" / "))
            lines.append(f"| {keys} | {command.help} |")
        lines.append("")
    return "\n".join(lines).rstrip() + "\n"
