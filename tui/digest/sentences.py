"""Where the sentences of a summary start and end.

A sentence ends at `.`, `!` or `?` (plus closing quotes, brackets or bold)
before whitespace and an opening character.  Abbreviations ("e.g. The",
"U.S. Army") do not end one, and neither does punctuation inside a bold
title ("**Hogwild! Inference: …**"), which is one name.  Linear in the text.
"""

from __future__ import annotations

import re
from typing import Final

SENTENCE_END = re.compile(r"[.!?](?:[\"'”’)\]]|\*\*)*\s+(?=[\"'“(\[`*$\\]*[A-Z0-9])")
_ABBREVIATION = re.compile(
    r"(?:(?<![\w.])(?:e\.g|i\.e|et al|vs|cf|approx|fig|figs|eq|eqs|sec|no|dr|mr|ms|prof|resp|incl)"
    r"|(?<![\w.])(?-i:[A-Z]\.[A-Z]))$",
    re.IGNORECASE,
)  # "e.g. The", "U.S. Army" do not end sentences; "GSM8K-V. The" and "model Y. The" do.
_ABBREVIATION_REACH: Final = 12
# A bold span short enough to be a name or title, whose inside is not cut.
_BOLD_SPAN = re.compile(r"(?<!\S)\*\*(?=\S)[^*\n]{1,160}?(?<=\S)\*\*(?![\w*])")


def sentence_spans(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Sentence spans covering text[start:end] (blank ones left out)."""
    shielded = _bold_spans(text, start, end) if "**" in text else []
    spans = []
    begin = start
    shield = 0
    for match in SENTENCE_END.finditer(text, start, end):
        head = text[max(begin, match.start() - _ABBREVIATION_REACH) : match.start()]
        if _ABBREVIATION.search(head):
            continue
        while shield < len(shielded) and shielded[shield][1] <= match.start():
            shield += 1
        if shield < len(shielded) and shielded[shield][0] < match.start():
            continue  # inside a bold title
        stop = match.end()
        if text[begin:stop].strip():
            spans.append((begin, stop))
        begin = stop
    if text[begin:end].strip():
        spans.append((begin, end))
    return spans


def _bold_spans(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Bold spans of text[start:end] whose inside holds a sentence end."""
    found = []
    for match in _BOLD_SPAN.finditer(text, start, end):
        if SENTENCE_END.search(text, match.start() + 2, match.end() - 2):
            found.append((match.start(), match.end()))
    return found
