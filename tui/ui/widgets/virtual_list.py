"""A keyboard list that draws only the rows on screen (Textual's Line API).

`ListView` builds two widgets per row and `OptionList` measures every option;
both grow linearly (5,000 rows: 14 s and 200 ms).  This list knows only a row
count and asks its subclass for the lines of the rows in view, so 50,000
search results scroll as fast as 10.  Rows have a fixed height.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import ClassVar

from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual import events
from textual.binding import BindingType
from textual.geometry import Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip

from tui.ui.commands import bindings
from tui.ui.textual_private import set_virtual_size

_LINE_CACHE_SIZE = 4000


class VirtualList(ScrollView, can_focus=True):
    """A cursor over `count` rows of `row_height` lines, rendered on demand."""

    BINDINGS: ClassVar[list[BindingType]] = bindings("list")

    COMPONENT_CLASSES: ClassVar[set[str]] = {"virtual-list--cursor", "virtual-list--row"}

    DEFAULT_CSS = """
    VirtualList {
        overflow-x: hidden;
        overflow-y: auto;
        background: $surface;
        & > .virtual-list--cursor { background: $block-cursor-blurred-background; }
        &:focus > .virtual-list--cursor {
            background: $block-cursor-background;
            color: $block-cursor-foreground;
            text-style: $block-cursor-text-style;
        }
    }
    """

    cursor: reactive[int] = reactive(0, always_update=False, init=False)

    class RowMessage(Message):
        """Something happened on row `index` of a list."""

        def __init__(self, sender: VirtualList, index: int) -> None:
            super().__init__()
            self.sender = sender
            self.index = index
            self.generation = sender.generation

        @property
        def stale(self) -> bool:
            """The list moved on since this was sent (other rows, or the cursor elsewhere).

            Keys outrun the message queue: acting on a stale announcement would
            drag the parent back to a row the user has already left.
            """
            return self.generation != self.sender.generation or self.index != self.sender.cursor

        @property
        def control(self) -> VirtualList:
            """The list that sent this (lets `@on(..., "#id")` select by list)."""
            return self.sender

    class Highlighted(RowMessage):
        """The cursor moved to `index`."""

    class Chosen(RowMessage):
        """Enter (or a double click) on row `index`."""

    row_height: int = 1  # lines per row (a subclass or an instance may change it)

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.count = 0
        self.generation = 0  # counts `set_count` calls: row numbers mean other things after one
        self._lines: dict[tuple[int, int, bool, int, bool], Strip] = {}
        # Styles by what they depend on; Textual works `rich_style` out afresh on
        # every access (~30 µs: it blends every ancestor's background), which was
        # a third of drawing a row.  Cleared whenever the styles change.
        self._styles: dict[tuple[str, bool, bool], Style] = {}

    # -- data ---------------------------------------------------------------------

    def set_count(self, count: int, cursor: int = 0) -> None:
        """Show `count` rows with the cursor on `cursor` (announced even if unchanged)."""
        self.count = count
        self.generation += 1
        self._forget_lines()
        set_virtual_size(self, Size(self.size.width, count * self.row_height))
        clamped = self._clamp(cursor)
        if self.cursor == clamped:
            self._announce(clamped)
        else:
            self.cursor = clamped
        # After the next refresh: on mount the list has no size to scroll in yet.
        self.call_after_refresh(self.scroll_to_cursor, True)
        self.refresh()

    def refresh_rows(self) -> None:
        """Redraw (marks changed, say) without moving anything."""
        self._forget_lines()
        self.refresh()

    def render_row(self, index: int, width: int, selected: bool) -> list[Text]:
        """The `row_height` lines of row `index`; subclasses draw their rows."""
        raise NotImplementedError

    # -- cursor -------------------------------------------------------------------

    def _clamp(self, index: int) -> int:
        return max(0, min(index, self.count - 1)) if self.count else 0

    def validate_cursor(self, value: int) -> int:
        """Keep the cursor on a row."""
        return self._clamp(value)

    def watch_cursor(self, old: int, new: int) -> None:
        """Scroll the cursor into view, redraw both rows and tell the parent."""
        self.scroll_to_cursor()
        self.refresh()
        self._announce(new)

    def _announce(self, index: int) -> None:
        if self.count:
            self.post_message(self.Highlighted(self, index))

    def scroll_to_cursor(self, center: bool = False) -> None:
        """Bring the cursor row into view, the top of the list on a row's first line.

        With two-line rows and an odd height, centring or following the cursor
        would otherwise leave the top line a paper's second line, its title
        above the edge.
        """
        if not self.count or not self.is_mounted:
            return
        step = self.row_height
        top = self.cursor * step
        height = self.scrollable_content_region.height
        now = round(self.scroll_y)
        if center and height:
            target = top - (height - step) // 2
        elif top < now:
            target = top
        elif top + step > now + height:
            target = top + step - height
            target += -target % step  # up to a row boundary: the cursor row stays whole
        else:
            target = now
        target = max(0, min(target - target % step, int(self.max_scroll_y)))
        if target != now:
            self.scroll_to(y=target, animate=False, force=True, immediate=True)

    def action_cursor_down(self) -> None:
        """Next row."""
        self.cursor += 1

    def action_cursor_up(self) -> None:
        """Previous row."""
        self.cursor -= 1

    def action_first(self) -> None:
        """First row."""
        self.cursor = 0

    def action_last(self) -> None:
        """Last row."""
        self.cursor = self.count - 1

    def _page(self) -> int:
        return max(1, self.scrollable_content_region.height // self.row_height - 1)

    def action_page_down(self) -> None:
        """A screenful down."""
        self.cursor += self._page()

    def action_page_up(self) -> None:
        """A screenful up."""
        self.cursor -= self._page()

    def action_choose(self) -> None:
        """Enter on the cursor row."""
        if self.count:
            self.post_message(self.Chosen(self, self.cursor))

    async def _on_click(self, event: events.Click) -> None:
        index = event.style.meta.get("row") if event.style else None
        if isinstance(index, int):
            self.cursor = index
            if event.chain > 1:
                self.action_choose()

    # -- drawing ------------------------------------------------------------------

    def on_resize(self, event: events.Resize) -> None:
        """Keep the virtual width in step with the real one, and the cursor row in view.

        A terminal made shorter would otherwise leave the cursor below the fold.
        """
        set_virtual_size(self, Size(event.size.width, self.count * self.row_height))
        self.call_after_refresh(self.scroll_to_cursor)

    def render_line(self, y: int) -> Strip:
        """Draw one screen line: a line of the row under it, or blank.

        Lines are cached until the data, the width, the cursor or the focus
        change, so scrolling and repaints redraw only what moved.
        """
        width = self.scrollable_content_region.width
        line_number = self.scroll_offset.y + y
        index, offset = divmod(line_number, self.row_height)
        if index >= self.count or width <= 0:
            return Strip.blank(width, self.base_style())
        selected = index == self.cursor
        key = (index, offset, selected, width, self.has_focus)
        strip = self._lines.get(key)
        if strip is None:
            if len(self._lines) > _LINE_CACHE_SIZE:
                self._lines.clear()
            for line_offset, line in enumerate(self._render_strips(index, width, selected)):
                self._lines[(index, line_offset, selected, width, self.has_focus)] = line
            strip = self._lines[key]
        return strip

    def _cached_style(self, name: str, selected: bool, make: Callable[[], Style]) -> Style:
        key = (name, selected, self.has_focus)
        style = self._styles.get(key)
        if style is None:
            style = self._styles[key] = make()
        return style

    def base_style(self) -> Style:
        """The widget's own style (what blank lines are drawn in)."""
        return self._cached_style("", False, lambda: self.rich_style)

    def _row_style(self, selected: bool) -> Style:
        def make() -> Style:
            style = self.base_style() + self.get_component_rich_style("virtual-list--row", partial=True)
            if selected:
                style += self.get_component_rich_style("virtual-list--cursor", partial=True)
            return style

        return self._cached_style("row", selected, make)

    def _render_strips(self, index: int, width: int, selected: bool) -> list[Strip]:
        style = self._row_style(selected)
        console = self.app.console
        lines = self.render_row(index, width, selected)
        strips = []
        for offset in range(self.row_height):
            text = lines[offset] if offset < len(lines) else Text("")
            text.truncate(width, overflow="ellipsis", pad=True)
            segments = [
                Segment(segment.text, style + segment.style if segment.style else style, segment.control)
                for segment in text.render(console)
                if segment.text != "\n"
            ]
            strips.append(Strip(segments, width).apply_meta({"row": index}))
        return strips

    def foreground(self, component: str) -> Style:
        """A component style without its background, so the cursor row's shows.

        (Textual's `partial=True` would also drop the background that a muted,
        translucent text colour is blended against, and turn it white.)
        """

        def make() -> Style:
            full = self.get_component_rich_style(component)
            return Style(
                color=full.color,
                bold=full.bold,
                dim=full.dim,
                italic=full.italic,
                underline=full.underline,
                reverse=full.reverse,
                strike=full.strike,
            )

        return self._cached_style(component, False, make)

    def _forget_lines(self) -> None:
        self._lines.clear()

    def notify_style_update(self) -> None:
        """Colours changed (theme, focus): drawn lines and cached styles are stale."""
        self._forget_lines()
        self._styles.clear()
        super().notify_style_update()
