"""The right column: one paper, its summary in labelled sections, its questions.

A Line API widget: the paper is rendered once into lines at the pane's width
and the pane draws the lines in view.  Showing another paper changes only
this pane's lines and scroll extent; a widget with auto height would make
Textual re-lay out the whole screen (measured: ~55 ms per paper -> ~15 ms).

The pane can end with a `Related` block (`set_related`, `related_pending`):
similar papers, one line each.  `focus_related` gives the block the
keyboard: up/down (or j/k) move its cursor, enter posts `RelatedChosen`
with the chosen paper's library index, escape gives the keys back.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, ClassVar

from rich.console import Console, ConsoleOptions, Group, RenderableType
from rich.style import Style
from rich.table import Table
from rich.text import Text
from textual import events
from textual.binding import BindingType
from textual.geometry import Size
from textual.message import Message
from textual.scroll_view import ScrollView
from textual.strip import Strip

from tui.digest.meta import PaperMeta
from tui.digest.model import SECTION_HEADINGS, Paper
from tui.digest.text import strip_controls
from tui.ui.commands import bindings
from tui.ui.textual_private import set_virtual_size
from tui.ui.widgets.related import RelatedBlock, RelatedRow, RelatedStyles, render_related

if TYPE_CHECKING:  # search loads with the first query, not at start-up
    from tui.store.query import Term


def short_source(source: str) -> str:
    """`/home/me/daily-ai-papers/archive/2025/10/29.md:7` -> `…/archive/2025/10/29.md:7`."""
    parts = source.replace("\\", "/").split("/")
    return source if len(parts) <= 4 else "…/" + "/".join(parts[-4:])


@dataclass(frozen=True, slots=True)
class PaperView:
    """What the detail pane shows of one paper: the paper, the user's marks, what arXiv said."""

    paper: Paper
    starred: bool = False
    read: bool = True
    note: str = ""
    tags: tuple[str, ...] = ()
    terms: tuple[Term, ...] = ()
    meta: PaperMeta | None = None
    fetching: str = ""  # "fetching metadata…", or why its metadata could not be fetched
    show_abstract: bool = False
    because: tuple[str, ...] = ()  # in "For you": the terms it shares with your stars


class DetailPane(ScrollView, can_focus=True):
    """Title, authors, date and id, links, sections, follow-up questions, note."""

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "detail--title",
        "detail--meta",
        "detail--heading",
        "detail--link",
        "detail--match",
        "detail--note",
        "detail--muted",
        "detail--tags",
        "detail--warning",
        "detail--star",
        "detail--unread",
        "detail--related-cursor",
    }

    DEFAULT_CSS = """
    DetailPane {
        width: 2fr;
        padding: 0 1;
        overflow-x: hidden;
        overflow-y: auto;
        scrollbar-gutter: stable;  /* a constant width: lines never re-wrap when it scrolls */
        & > .detail--title { text-style: bold; color: $text; }
        & > .detail--meta { color: $text-muted; }
        & > .detail--heading { color: $accent; text-style: bold; }
        & > .detail--link { color: $primary; }
        & > .detail--match { text-style: bold reverse; }
        & > .detail--note { color: $success; }
        & > .detail--muted { color: $text-muted; text-style: italic; }
        & > .detail--tags { color: $text-secondary; }
        & > .detail--warning { color: $warning; }
        & > .detail--star { color: $warning; }
        & > .detail--unread { color: $accent; }
        & > .detail--related-cursor {
            background: $block-cursor-background;
            color: $block-cursor-foreground;
            text-style: $block-cursor-text-style;
        }
    }
    """

    class RelatedChosen(Message):
        """Enter on a row of the Related block: go to paper `index` (a library index)."""

        def __init__(self, index: int) -> None:
            super().__init__()
            self.index = index

    BINDINGS: ClassVar[list[BindingType]] = bindings("detail")

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.renderable: RenderableType = Text("")
        self._lines: list[Strip] = []
        self._width = -1
        self._blank_style: Style | None = None  # `rich_style` costs ~30 µs a call
        self._shown: PaperView | None = None
        self.related = RelatedBlock()  # the block at the end (its `hint` follows its heading)

    def _show(self, renderable: RenderableType, keep_scroll: bool = False) -> None:
        self.renderable = renderable
        self._width = -1  # render again at the next paint
        self._layout_lines()
        if not keep_scroll:
            self.scroll_to(y=0, animate=False, immediate=True)
        self.refresh()

    def _layout_lines(self) -> None:
        width = self.scrollable_content_region.width
        if width == self._width:
            return
        self._width = width
        if width <= 0:
            self._lines = []
        else:
            console = self.app.console
            options = console.options.update(width=width, height=None, no_wrap=False)
            lines = console.render_lines(self.renderable, options, style=self.rich_style, pad=True)
            self._lines = [Strip(line, width) for line in lines]
        set_virtual_size(self, Size(max(0, width), len(self._lines)))

    def on_resize(self, event: events.Resize) -> None:
        """Wrap again if the width changed (a height change needs no new lines)."""
        self._layout_lines()

    def render_line(self, y: int) -> Strip:
        """One line of the rendered paper, or blank below its end."""
        self._layout_lines()
        index = self.scroll_offset.y + y
        if index < len(self._lines):
            return self._lines[index]
        if self._blank_style is None:
            self._blank_style = self.rich_style
        return Strip.blank(self.scrollable_content_region.width, self._blank_style)

    def notify_style_update(self) -> None:
        """Colours changed (theme, focus): draw blank lines afresh."""
        self._blank_style = None
        super().notify_style_update()

    @property
    def plain_text(self) -> str:
        """What the pane shows, as plain text (for tests and screen readers)."""
        self._layout_lines()
        return "\n".join(strip.text.rstrip() for strip in self._lines)

    def _style(self, name: str) -> Style:
        return self.get_component_rich_style(name)

    def _highlighted(self, text: str, terms: tuple[Term, ...], base: Style | None = None) -> Text:
        # Text from a digest, a cache or a note: never markup, never a control code.
        rich = Text(strip_controls(text), style=base or "")
        if terms:
            from tui.store.search import highlight_spans

            match = self._style("detail--match")
            for start, end in highlight_spans(text, terms):
                rich.stylize(match, start, end)
        return rich

    def show_message(self, message: str) -> None:
        """An empty state: no paper to show, and why."""
        self._shown = None
        self.related.hide()
        self._show(Text(message, style=self._style("detail--muted")))

    def show_paper(self, view: PaperView, *, keep_scroll: bool = False) -> None:
        """Render a paper (its marks, metadata, search words highlighted).

        A new paper starts at the top, without a Related block until
        `related_pending`/`set_related` give it one; `keep_scroll` redraws the
        same paper (its marks or metadata changed) without moving the reader,
        its block kept.
        """
        if not keep_scroll:
            self.related.hide()
        self._shown = view
        self._redraw(keep_scroll)

    def _redraw(self, keep_scroll: bool = True) -> None:
        view = self._shown
        if view is None:
            return
        renderable = self.render_paper(
            view,
            related=self.related.rows,
            related_cursor=self.related.cursor,
            with_related=self.related.shown,
        )
        self._show(renderable, keep_scroll)

    # -- the Related block ---------------------------------------------------------------

    def related_pending(self) -> None:
        """Show the block as "finding similar papers…" (the neighbours are being worked out)."""
        self.related.pending()
        self._redraw()

    def set_related(self, rows: Sequence[RelatedRow]) -> None:
        """Show `rows` (best first) in the block at the end of the paper on screen."""
        self.related.show(rows)
        self._redraw()

    @property
    def related_active(self) -> bool:
        """True while the Related block has the keyboard."""
        return self.related.active

    def focus_related(self) -> bool:
        """Give the block the keyboard, its first row highlighted; False when it has no rows."""
        if not self.related.enter():
            return False
        self.focus()
        self._redraw()
        self._scroll_to_related_cursor()
        return True

    def _scroll_to_related_cursor(self) -> None:
        """Keep the highlighted row in view (the block's rows are the pane's last lines)."""
        rows, cursor = self.related.rows, self.related.cursor
        if cursor is None or not rows:
            return
        self._layout_lines()
        line = len(self._lines) - len(rows) + cursor
        height = max(1, self.scrollable_content_region.height)
        top = self.scroll_offset.y
        if line < top or line >= top + height:
            self.scroll_to(y=max(0, line - height + 2), animate=False, immediate=True)

    def on_key(self, event: events.Key) -> None:
        """While the Related block has the keyboard: move, choose, or give the keys back."""
        chosen = self.related.chosen
        done = self.related.key(event.key)
        if done is None:
            return  # not the block's key (or the block has no keyboard): it does what it always does
        event.stop()
        event.prevent_default()
        if done == "chosen" and chosen is not None:
            self.related.leave()
            self.post_message(self.RelatedChosen(chosen))
        self._redraw()
        self._scroll_to_related_cursor()

    def on_blur(self) -> None:
        """Focus went elsewhere: the block no longer has the keyboard."""
        if self.related.leave():
            self._redraw()

    def render_paper(
        self,
        view: PaperView,
        *,
        related: Sequence[RelatedRow] | None = (),
        related_cursor: int | None = None,
        with_related: bool = False,
    ) -> RenderableType:
        """The renderable for one paper.

        A word scoped to a section (`method:reward`) is highlighted in that
        section only.  `with_related` ends it with the Related block of
        `related` (None: still being found).
        """
        paper, meta = view.paper, view.meta
        plan = _highlight_plan(view.terms)
        everywhere = plan.get("*", ())
        style = self._style
        parts: list[RenderableType] = [self._highlighted(paper.title, everywhere, style("detail--title"))]
        if meta is not None and meta.title_mismatch(paper.title) and meta.arxiv is not None:
            warning = f"⚠ arXiv's title for this id: {strip_controls(meta.arxiv.title)}"
            parts.append(Text(warning, style=style("detail--warning")))
        authors = meta.authors if meta is not None and meta.authors else paper.authors
        if authors:
            parts.append(self._highlighted(", ".join(authors), everywhere, style("detail--meta")))
        facts = [paper.date, f"arXiv {paper.arxiv_id}" if paper.arxiv_id else "no arXiv id"]
        if meta is not None and meta.categories:
            facts.append(", ".join(meta.categories))
        if meta is not None and meta.upvotes is not None:
            facts.append(f"▲ {meta.upvotes} upvote{'s' if meta.upvotes != 1 else ''}")
        if view.starred:
            facts.append("★ starred")
        if not view.read:
            facts.append("● unread")
        if view.fetching:
            facts.append(view.fetching)
        parts.append(Text(" · ".join(strip_controls(f) for f in facts), style=style("detail--meta")))
        if view.tags:
            line = Text("Tags   ", style=style("detail--meta"))
            line.append(" ".join(f"#{strip_controls(t)}" for t in view.tags), style=style("detail--tags"))
            parts.append(line)
        if view.because:
            line = Text("Why    like your stars: ", style=style("detail--meta"))
            line.append(", ".join(strip_controls(term) for term in view.because), style=style("detail--tags"))
            parts.append(line)
        parts.append(self._links(paper))
        if view.note:  # the user's own words come before the digest's
            parts += [Text(""), Text("Your note", style=style("detail--heading"))]
            parts.append(Text(strip_controls(view.note), style=style("detail--note")))
        for section in paper.sections:
            parts += [Text(""), Text(SECTION_HEADINGS[section.kind], style=style("detail--heading"))]
            parts.append(self._highlighted(section.text, plan.get(section.kind, everywhere)))
        if not paper.sections and paper.summary:
            parts += [Text(""), self._highlighted(paper.summary, everywhere)]
        if paper.followups:
            parts += [Text(""), Text("Follow-up questions", style=style("detail--heading"))]
            questions = Table.grid(padding=(0, 1))  # a hanging indent for wrapped questions
            questions.add_column(justify="right", no_wrap=True)
            questions.add_column(ratio=1)
            for number, question in enumerate(paper.followups, start=1):
                questions.add_row(f"{number}.", self._highlighted(question, everywhere))
            parts.append(questions)
        if meta is not None and meta.arxiv is not None and meta.arxiv.abstract:
            parts += [Text(""), Text("Abstract (arXiv)", style=style("detail--heading"))]
            if view.show_abstract:
                parts.append(self._highlighted(meta.arxiv.abstract, everywhere))
            else:
                parts.append(Text("a shows arXiv's abstract", style=style("detail--muted")))
        parts.append(Text(""))
        parts.append(Text(strip_controls(short_source(paper.source)), style=style("detail--muted")))
        if with_related:
            parts.append(Text(""))
            parts.append(render_related(related, related_cursor, self._related_styles(), self.related.hint))
        return Group(*parts)

    def _related_styles(self) -> RelatedStyles:
        style = self._style
        return RelatedStyles(
            heading=style("detail--heading"),
            meta=style("detail--meta"),
            star=style("detail--star"),
            unread=style("detail--unread"),
            cursor=style("detail--related-cursor"),
            muted=style("detail--muted"),
        )

    def _links(self, paper: Paper) -> LinkLines:
        links = [
            (label, url)
            for label, url in (
                ("arXiv", paper.links.arxiv),
                ("HF", paper.links.huggingface),
                ("PDF", paper.links.pdf),
            )
            if url
        ]
        return LinkLines(links, paper.arxiv_id, self._style("detail--meta"), self._style("detail--link"))


class LinkLines:
    """One line per link, `arXiv  arxiv.org/abs/ID`, never wrapped.

    A URL broken over two lines (or its label left alone on one) reads as two
    things; where the full address does not fit, the line shows the paper's
    id instead, still a hyperlink to the whole URL.
    """

    LABEL_WIDTH = 6

    def __init__(self, links: list[tuple[str, str]], arxiv_id: str | None, label: Style, link: Style) -> None:
        self.links = links
        self.arxiv_id = arxiv_id
        self.label_style = label
        self.link_style = link

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> Iterator[Text]:
        """Each link at the widest form that fits `options.max_width`."""
        room = max(1, options.max_width - self.LABEL_WIDTH)
        for label, url in self.links:
            shown = url.split("://", 1)[-1]
            if len(shown) > room and self.arxiv_id:
                shown = self.arxiv_id
            line = Text(
                f"{label:<{self.LABEL_WIDTH}}", style=self.label_style, no_wrap=True, overflow="ellipsis"
            )
            line.append(shown, style=self.link_style + Style(link=url))
            yield line


def _highlight_plan(terms: tuple[Term, ...]) -> dict[str, tuple[Term, ...]]:
    """Which words to highlight where (`tui.store.query.highlight_plan`); no terms: nothing to load."""
    if not terms:
        return {}
    from tui.store.query import highlight_plan

    return highlight_plan(terms)
