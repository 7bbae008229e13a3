"""The few private Textual calls paperbrowse makes, in one place.

Textual has no public way to change a scroll view's extent without a
screen-wide layout pass, nor a public hook for an unhandled exception.
Both are used here only; `tests/test_textual_private.py` fails when a
Textual upgrade removes or renames what they rely on.
"""

from __future__ import annotations

from textual.geometry import Size
from textual.widget import Widget

# Names this module relies on, checked by the test.
RELIED_ON = (
    (Widget, "_scroll_update"),  # Textual's own OptionList and ScrollView call it
)


def set_virtual_size(widget: Widget, size: Size) -> None:
    """Change a scroll view's extent without a screen-wide layout pass.

    `Widget.virtual_size` is a layout reactive: assigning it re-lays out the
    whole screen, ~40 ms here, on every keystroke of a search.  Textual's own
    `_size_updated` sets it quietly and updates the scrollbars instead, and so
    do we (a change of scrollbar visibility still lays out, as it must).
    """
    if widget.virtual_size == size:
        return
    widget.set_reactive(Widget.virtual_size, size)
    widget._scroll_update(size)
    widget.refresh()
