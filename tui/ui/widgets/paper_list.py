"""The middle column: a day's papers or the search results, two lines each.

Line one: marks (● unread, ★ starred, ✎ note) and the title, search terms
highlighted; line two: the authors dimmed (and, for search results, the date).
"""

from __future__ import annotations

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


class PaperList(VirtualList):
    """A cursor over library indices; what they are (a day, results) is the screen's."""

    row_height: ClassVar[int] = 2

    COMPONENT_CLASSES: ClassVar[set[str]] = VirtualList.COMPONENT_CLASSES | {
        "paper-list--authors",
        "paper-list--unread",
        "paper-list--star",
        "paper-list--note",
        "paper-list--match",
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
    }
    """

    def __init__(self, reading: Reading, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.reading = reading
        self.indices: list[int] = []
        self.show_dates = False
        self.terms: tuple[Term, ...] = ()

    def show(
        self, indices: list[int], cursor: int = 0, *, show_dates: bool = False, terms: tuple[Term, ...] = ()
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
        self.set_count(len(indices), cursor)

    @property
    def current(self) -> int | None:
        """The library index under the cursor, if any."""
        return self.indices[self.cursor] if self.indices else None

    def render_row(self, index: int, width: int, selected: bool) -> list[Text]:
        """Marks and title; authors (and date) below."""
        paper = self.indices[index]
        library = self.reading.library
        style = self.foreground
        marks = Text(no_wrap=True)
        marks.append(UNREAD_MARK if not self.reading.is_read(paper) else " ", style("paper-list--unread"))
        marks.append(STAR_MARK if self.reading.is_starred(paper) else " ", style("paper-list--star"))
        marks.append(NOTE_MARK if self.reading.note(paper) else " ", style("paper-list--note"))
        marks.append(" ")
        title = Text(single_line(library.title(paper)), no_wrap=True)
        if self.terms:
            from tui.store.search import highlight_spans

            match = style("paper-list--match")
            for start, end in highlight_spans(title.plain, self.terms):
                title.stylize(match, start, end)
        first = marks + title
        authors = single_line(", ".join(library.authors(paper))) or "(no authors listed)"
        second = Text("    ", no_wrap=True)
        if self.show_dates:
            second.append(library.date(paper) + "  ")
        second.append(authors, style("paper-list--authors"))
        return [first, second]
