"""Where the sentences of a summary start and end.

A sentence ends at `.`, `!` or `?` (plus closing quotes, brackets or bold)
before whitespace and an opening character.  Abbreviations ("e.g. The",
"U.S. Army") do not end one, and neither does punctuation inside a bold or
quoted title ("**Hogwild! Inference: …**", 'The paper "Can LLMs Generate Novel
Research Ideas? A Large-Scale …" investigates …'), which is one name.
Linear in the text.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Final

SENTENCE_END = re.compile(r"[.!?](?:[\"'”’)\]]|\*\*)*\s+(?=[\"'“(\[`*$\\]*[A-Z0-9])")
_ABBREVIATION = re.compile(
    r"(?:(?<![\w.])(?:e\.g|i\.e|et al|vs|cf|approx|fig|figs|eq|eqs|sec|no|dr|mr|ms|prof|resp|incl)"
    r"|(?<![\w.])(?-i:[A-Z]\.[A-Z]))$",
    re.IGNORECASE,
)  # "e.g. The", "U.S. Army" do not end sentences; "GSM8K-V. The" and "model Y. The" do.
_ABBREVIATION_REACH: Final = 12
_NONBLANK = re.compile(r"\S")
# The most sentences a span list holds (the archive's longest summary has 13), and
# how many look-alike ends per sentence are looked at before giving up on more.
SENTENCE_LIMIT: Final = 48
_LOOKS_PER_SENTENCE: Final = 8
_CHARS_PER_SENTENCE: Final = 2000  # the archive's longest sentence has 1,556
# A bold or quoted span short enough to be a name or title, whose inside is not cut.
_TITLE_SPAN = re.compile(
    r"(?<!\S)\*\*(?=\S)[^*\n]{1,160}?(?<=\S)\*\*(?![\w*])"
    r"|(?<!\w)\"(?=[A-Z])[^\"\n]{1,160}\"|“[^”\n]{1,160}”"
)


def sentence_spans(text: str, start: int, end: int, limit: int = SENTENCE_LIMIT) -> list[tuple[int, int]]:
    """Sentence spans covering text[start:end] (blank ones left out).

    At most `limit` spans: past that many sentences (or many more places
    that only look like sentence ends, or `_CHARS_PER_SENTENCE` characters
    a sentence) the rest of the text is the last span, so a multi-megabyte
    "summary" costs what its first pages do.
    """
    reach = min(end, start + limit * _CHARS_PER_SENTENCE)
    titles = _title_spans(text, start, reach) if "**" in text or '"' in text or "“" in text else iter(())
    title = next(titles, None)
    spans: list[tuple[int, int]] = []
    begin = start
    looked = 0
    for match in SENTENCE_END.finditer(text, start, reach):
        looked += 1
        if len(spans) + 1 >= limit or looked > limit * _LOOKS_PER_SENTENCE:
            break
        head = text[max(begin, match.start() - _ABBREVIATION_REACH) : match.start()]
        if _ABBREVIATION.search(head) or _inside_name(text, match.start(), match.end()):
            continue
        while title is not None and title[1] <= match.start():
            title = next(titles, None)
        if title is not None and title[0] < match.start():
            continue  # inside a title
        stop = match.end()
        if _NONBLANK.search(text, begin, stop):
            spans.append((begin, stop))
        begin = stop
    if _NONBLANK.search(text, begin, end):
        spans.append((begin, end))
    return spans


def _inside_name(text: str, mark: int, after: int) -> bool:
    """Whether a `!` belongs to a name: "Hogwild! Inference, a method …" goes on.

    A sentence does not start with a single word and a comma or colon, so
    "!" before one is part of the name.
    """
    if text[mark] != "!":
        return False
    word_end = text.find(" ", after, after + 40)
    return word_end != -1 and text[word_end - 1] in ",:"


def _title_spans(text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    """Bold or quoted spans of text[start:end] whose inside holds a sentence end, in order, lazily."""
    for match in _TITLE_SPAN.finditer(text, start, end):
        if SENTENCE_END.search(text, match.start() + 1, match.end() - 1):
            yield match.start(), match.end()
