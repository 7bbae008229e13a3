"""The `Related` block at the end of the detail pane: similar papers, a cursor to pick one.

`RelatedRow`s are what the block shows (built from `Discovery.related` and
the reading marks by `related_rows`); `render_related` draws them, one line
each (marks, date, title cut to the width), the chosen row highlighted while
the block has the keyboard.  The detail pane owns the cursor and posts
`DetailPane.RelatedChosen` (see `tui.ui.widgets.detail`).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Final, Literal

from rich.console import Group, RenderableType
from rich.style import Style
from rich.text import Text

from tui.digest.text import single_line

if TYPE_CHECKING:
    from tui.discovery.vectors import Neighbour
    from tui.ui.reading import Reading

STAR_MARK = "★"
UNREAD_MARK = "●"
HEADING = "Related"
PENDING = "Finding similar papers…"
NONE_FOUND = "No similar papers in your digests."
# Keys of the block while it has the keyboard.
UP_KEYS: Final = frozenset(("up", "k"))
DOWN_KEYS: Final = frozenset(("down", "j"))


@dataclass(frozen=True, slots=True)
class RelatedRow:
    """One similar paper as the block shows it."""

    index: int  # library index: what `RelatedChosen` carries
    title: str
    date: str
    starred: bool
    unread: bool
    score: float


def related_rows(reading: Reading, neighbours: Sequence[Neighbour]) -> list[RelatedRow]:
    """The block's rows for `neighbours` (best first), with the reader's marks."""
    library = reading.library
    return [
        RelatedRow(
            n.index,
            library.title(n.index),
            library.date(n.index),
            reading.is_starred(n.index),
            not reading.is_read(n.index),
            n.score,
        )
        for n in neighbours
    ]


class RelatedBlock:
    """The block's state: shown or not, its rows, and the cursor while it has the keyboard.

    No Textual here: the detail pane draws it and feeds it keys (`key`), so
    the rules are tested without a terminal.
    """

    def __init__(self) -> None:
        self.shown = False  # the pane ends with the block at all
        self.rows: list[RelatedRow] | None = None  # None: still being found
        self.cursor: int | None = None  # the highlighted row while the block has the keys
        self.hint = ""  # after the heading: how to reach the block

    @property
    def active(self) -> bool:
        """True while the block has the keyboard."""
        return self.cursor is not None

    def hide(self) -> None:
        """No block (another paper is shown)."""
        self.shown, self.rows, self.cursor = False, None, None

    def pending(self) -> None:
        """A block that says the neighbours are being found."""
        self.shown, self.rows, self.cursor = True, None, None

    def show(self, rows: Sequence[RelatedRow]) -> None:
        """A block of `rows`; a cursor past the new end moves to the last row."""
        self.shown, self.rows = True, list(rows)
        if self.cursor is not None:
            self.cursor = min(self.cursor, len(self.rows) - 1) if self.rows else None

    def enter(self) -> bool:
        """Take the keyboard, the first row highlighted; False when there is no row to pick."""
        if not (self.shown and self.rows):
            return False
        self.cursor = 0
        return True

    def leave(self) -> bool:
        """Give the keyboard back; True when it had it."""
        had = self.cursor is not None
        self.cursor = None
        return had

    def key(self, name: str) -> Literal["moved", "chosen", "left"] | None:
        """What key `name` does while the block has the keyboard (None: not the block's key)."""
        if self.cursor is None or not self.rows:
            return None
        if name in UP_KEYS:
            self.cursor = max(0, self.cursor - 1)
            return "moved"
        if name in DOWN_KEYS:
            self.cursor = min(len(self.rows) - 1, self.cursor + 1)
            return "moved"
        if name == "enter":
            return "chosen"
        if name == "escape":
            self.cursor = None
            return "left"
        return None

    @property
    def chosen(self) -> int | None:
        """The library index under the cursor, if the block has the keyboard."""
        return self.rows[self.cursor].index if self.rows and self.cursor is not None else None


@dataclass(frozen=True, slots=True)
class RelatedStyles:
    """The styles the block is drawn in (the detail pane's component styles)."""

    heading: Style
    meta: Style
    star: Style
    unread: Style
    cursor: Style
    muted: Style


def render_related(
    rows: Sequence[RelatedRow] | None, cursor: int | None, styles: RelatedStyles, hint: str = ""
) -> RenderableType:
    """The block: its heading, then a line per row (or why there are none).

    `rows` None means the neighbours are still being found; `cursor` is the
    highlighted row while the block has the keyboard (None otherwise);
    `hint` follows the heading (how to reach the block, say).
    """
    heading = Text(HEADING, style=styles.heading)
    if hint:
        heading.append(f"  {hint}", style=styles.muted)
    if rows is None:
        return Group(heading, Text(PENDING, style=styles.muted))
    if not rows:
        return Group(heading, Text(NONE_FOUND, style=styles.muted))
    lines: list[RenderableType] = [heading]
    for position, row in enumerate(rows):
        line = Text(no_wrap=True, overflow="ellipsis")
        line.append(STAR_MARK if row.starred else " ", styles.star)
        line.append(UNREAD_MARK if row.unread else " ", styles.unread)
        line.append(f" {row.date}  ", styles.meta)
        line.append(single_line(row.title))  # digest text: never markup, never a control code
        if position == cursor:
            line.stylize(styles.cursor)
        lines.append(line)
    return Group(*lines)
