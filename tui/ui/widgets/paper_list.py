"""The middle column: a day's (week's, feed's) papers or the search results.

Two lines a paper: marks and the title (search words highlighted), then
the tags, the upvotes (▲) when known, the date where papers of several
days mix, and the authors.  One
line a paper (the one-line density) keeps the marks, the title and the tags.

Marks, each a character so that none relies on colour alone:
    ● unread   ★ starred   ✎ note   ◆ watched (a watch rule matches)
    ⊘ hidden (a hide rule matches; shown only in search or when asked)
    ▶ selected
"""

from __future__ import annotations

from collections.abc import Set
from typing import TYPE_CHECKING, ClassVar

from rich.text import Text

from tui.digest.text import single_line
from tui.ui.reading import Reading
from tui.ui.widgets.virtual_list import VirtualList

if TYPE_CHECKING:  # search loads with the first query, not at start-up
    from tui.store.query import Term

UNREAD_MARK = "●"
STAR_MARK = "★"
NOTE_MARK = "✎"
WATCH_MARK = "◆"
HIDDEN_MARK = "⊘"
SELECTED_MARK = "▶"


class PaperList(VirtualList):
    """A cursor over library indices; what they are (a day, results) is the screen's."""

    COMPONENT_CLASSES: ClassVar[set[str]] = VirtualList.COMPONENT_CLASSES | {
        "paper-list--authors",
        "paper-list--unread",
        "paper-list--star",
        "paper-list--note",
        "paper-list--match",
        "paper-list--watched",
        "paper-list--hidden",
        "paper-list--selected",
        "paper-list--tags",
        "paper-list--votes",
    }

    DEFAULT_CSS = """
    PaperList {
        width: 1fr;
        min-width: 24;
        & > .paper-list--authors { color: $text-muted; }
        & > .paper-list--unread { color: $accent; }
        & > .paper-list--star { color: $warning; }
        & > .paper-list--note { color: $success; }
        & > .paper-list--match { text-style: bold underline; }
        & > .paper-list--watched { color: $text-secondary; text-style: bold; }
        & > .paper-list--hidden { color: $text-muted; }
        & > .paper-list--selected { color: $accent; text-style: bold; }
        & > .paper-list--tags { color: $text-secondary; }
        & > .paper-list--votes { color: $warning; }
    }
    """

    def __init__(self, reading: Reading, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.reading = reading
        self.row_height = 2
        self.indices: list[int] = []
        self.show_dates = False
        self.terms: tuple[Term, ...] = ()
        self.watched: Set[int] = frozenset()
        self.hidden: Set[int] = frozenset()
        self.selected: Set[int] = frozenset()

    def show(
        self,
        indices: list[int],
        cursor: int = 0,
        *,
        show_dates: bool = False,
        terms: tuple[Term, ...] = (),
        watched: Set[int] = frozenset(),
        hidden: Set[int] = frozenset(),
    ) -> None:
        """Display `indices` (library positions) with the cursor on row `cursor`.

        Of `terms`, those scoped to a summary section (`method:reward`) are not
        highlighted in titles: they did not match there.
        """
        self.indices = indices
        self.show_dates = show_dates
        if terms:
            from tui.store.query import highlight_plan

            terms = highlight_plan(terms)["*"]
        self.terms = terms
        self.watched = watched
        self.hidden = hidden
        self.set_count(len(indices), cursor)

    def set_density(self, one_line: bool) -> None:
        """Two lines a paper, or one."""
        self.row_height = 1 if one_line else 2
        self.set_count(self.count, self.cursor)

    @property
    def current(self) -> int | None:
        """The library index under the cursor, if any."""
        return self.indices[self.cursor] if self.indices else None

    def _marks(self, paper: int) -> Text:
        style = self.foreground
        reading = self.reading
        marks = Text(no_wrap=True)
        marks.append(SELECTED_MARK if paper in self.selected else " ", style("paper-list--selected"))
        marks.append(UNREAD_MARK if not reading.is_read(paper) else " ", style("paper-list--unread"))
        marks.append(STAR_MARK if reading.is_starred(paper) else " ", style("paper-list--star"))
        marks.append(NOTE_MARK if reading.note(paper) else " ", style("paper-list--note"))
        if paper in self.hidden:
            marks.append(HIDDEN_MARK, style("paper-list--hidden"))
        elif paper in self.watched:
            marks.append(WATCH_MARK, style("paper-list--watched"))
        else:
            marks.append(" ")
        marks.append(" ")
        return marks

    def render_row(self, index: int, width: int, selected: bool) -> list[Text]:
        """Marks and title; then tags, date (when days mix) and authors."""
        paper = self.indices[index]
        library = self.reading.library
        style = self.foreground
        title = Text(single_line(library.title(paper)), no_wrap=True)
        if paper in self.watched:
            title.stylize(style("paper-list--watched"))
        if self.terms:
            from tui.store.search import highlight_spans

            match = style("paper-list--match")
            for start, end in highlight_spans(title.plain, self.terms):
                title.stylize(match, start, end)
        tags = sorted(self.reading.tags(paper), key=str.casefold)
        tag_text = Text(" ".join(f"#{single_line(t)}" for t in tags), style=style("paper-list--tags"))
        first = self._marks(paper)
        if self.row_height == 1:  # tags before the title: a long title would cut them off
            if tags:
                first.append_text(tag_text)
                first.append(" ")
            return [first + title]
        first.append_text(title)
        second = Text("      ", no_wrap=True)
        if tags:
            second.append_text(tag_text)
            second.append("  ")
        votes = self.reading.upvotes(paper)
        if votes is not None:
            second.append(f"▲{votes} ", style("paper-list--votes"))
        if self.show_dates:
            second.append(library.date(paper) + "  ")
        authors = single_line(", ".join(library.authors(paper))) or "(no authors listed)"
        second.append(authors, style("paper-list--authors"))
        return [first, second]
