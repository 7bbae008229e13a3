"""Summary text -> labelled sections and follow-up questions.

Summaries in the archive come in a handful of layouts (see DESIGN.md):
lettered `a) … e)`, roman `i) … v)`, numbered or bold labels
(`1. **Summary:** …`, `**Key methodology:** …`) and, most often, plain prose
whose sentences open with cue phrases.  This module strips the follow-up
questions (`followups`) and any LLM chatter ("Here is a concise summary …:"),
then lets the explicit layout decide (`layouts`), else the prose (`prose`).

Every section is a span of the original text, so its `text` is verbatim: only
labels and chatter are left out.  All regular expressions involved are
linear, so a multi-megabyte summary costs milliseconds, not minutes.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Final

from tui.digest.followups import split_followups
from tui.digest.layouts import first_layout_mark, marked_layout
from tui.digest.model import Section
from tui.digest.prose import SENTENCE_END, classify_sentence, prose_spans
from tui.digest.spans import Span, merge, trim

__all__ = ["ParsedSummary", "classify_sentence", "parse_summary"]

_CHATTER = re.compile(
    r"^\s*(?:(?:okay|ok|sure|certainly|alright|absolutely|great)\b[,.!]?\s*)?"
    r"(?:here(?:'s|’s|\s+is|\s+are)|below\s+(?:is|are)|the\s+following\s+is)\b",
    re.IGNORECASE,
)
_CHATTER_REACH: Final = 600


@dataclass(frozen=True, slots=True)
class ParsedSummary:
    """A summary split into sections, plus its follow-up questions."""

    sections: tuple[Section, ...]
    followups: tuple[str, ...]


def parse_summary(text: str) -> ParsedSummary:
    """Split `text` into labelled sections and follow-up questions."""
    body_end, followups = split_followups(text)
    start = _chatter_end(text, body_end)
    spans = _layout_spans(text, start, body_end)
    sections = tuple(Section(kind, piece) for kind, a, b in merge(spans) if (piece := trim(text[a:b])))
    return ParsedSummary(sections=sections, followups=followups)


def _chatter_end(text: str, body_end: int) -> int:
    """Where the summary proper starts, after an opening like "Here is a summary …:"."""
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


def _layout_spans(text: str, start: int, end: int) -> list[Span]:
    """Spans of the body, from the explicit layout it uses, else from its prose."""
    marks = marked_layout(text, start, end)
    if not marks:
        return prose_spans(text, start, end)
    spans = prose_spans(text, start, marks[0].start) if marks[0].start > start else []
    for index, mark in enumerate(marks):
        stop = marks[index + 1].start if index + 1 < len(marks) else end
        spans.append((mark.kind, mark.text_start, stop))
    return spans
