"""Where a summary proper starts: past the model's chatter and a bare title.

"Here is a concise summary of the paper "X: Y", following your guidelines:"
and "Okay, here's a summary …" are the model talking, not the summary; so is
a bold title standing before the first sentence ("**Hogwild! Inference: …**
This paper proposes …").  Both are left out of the sections.
"""

from __future__ import annotations

import re
from typing import Final

from tui.digest.layouts import first_layout_mark, label_kind
from tui.digest.sentences import SENTENCE_END

_CHATTER = re.compile(
    r"^\s*(?:(?:okay|ok|sure|certainly|alright|absolutely|great)\b[,.!]?\s*)?"
    r"(?:here(?:'s|’s|\s+is|\s+are)|below\s+(?:is|are)|the\s+following\s+is)\b",
    re.IGNORECASE,
)
_CHATTER_REACH: Final = 600
# "**Title: Subtitle** This paper …": a bold span first, then a capitalised sentence.
_BOLD_TITLE = re.compile(r"\s*\*\*(?P<title>[^*\n]{3,200}?)\*\*\s+(?=[A-Z\"“])")


def preamble_end(text: str, body_end: int) -> int:
    """Where the summary proper starts in text[:body_end] (0 when it has no preamble)."""
    start = _chatter_end(text, body_end)
    title = _BOLD_TITLE.match(text, start, body_end)
    if title and not title.group("title").rstrip().endswith(":") and label_kind(title.group("title")) is None:
        return title.end()
    return start


def _chatter_end(text: str, body_end: int) -> int:
    """Where an opening like "Here is a summary …:" ends, 0 when there is none."""
    if not _CHATTER.match(text):
        return 0
    reach = min(body_end, _CHATTER_REACH)
    colons = _unquoted_colons(text, reach)
    if colons:
        first_mark = first_layout_mark(text, body_end)
        before_mark = [c for c in colons if first_mark is not None and c < first_mark]
        return (before_mark[-1] if before_mark else colons[0]) + 1
    end = SENTENCE_END.search(text, 0, reach)
    return end.end() if end else 0


def _unquoted_colons(text: str, reach: int) -> list[int]:
    """Colons followed by whitespace that are not inside a quoted title."""
    colons = []
    quoted = False
    for index in range(reach):
        char = text[index]
        if char in '"“”':
            quoted = not quoted if char == '"' else char == "“"
        elif char == ":" and not quoted and (index + 1 >= len(text) or text[index + 1].isspace()):
            colons.append(index)
    return colons
