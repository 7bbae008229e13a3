"""Explicit summary layouts: `a) … e)`, `i) … v)`, bold and numbered labels.

The markers decide a section's kind (`a)` objective … `e)` limitations;
`i)` TL;DR … `v)` implications); labels decide by their words ("Key
methodology used" -> methodology).  Each section is a span of the original
text, so it stays verbatim.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Final

from tui.digest.model import SectionKind

_LETTERS: Final = ("a", "b", "c", "d", "e", "f")
_ROMANS: Final = ("i", "ii", "iii", "iv", "v", "vi", "vii")
_LETTER_KINDS: Final[tuple[SectionKind, ...]] = (
    "objective",
    "methodology",
    "results",
    "implications",
    "limitations",
)
_ROMAN_KINDS: Final[tuple[SectionKind, ...]] = (
    "tldr",
    "objective",
    "methodology",
    "results",
    "implications",
)
_NUMBERING = r"(?:\d{1,2}[.)]|[ivxIVX]{1,4}\)|[a-fA-F]\))"
# "**Key methodology:**", "**Primary results**:", "1. **Summary:**", "**2. Objective:**"
_BOLD_LABEL = re.compile(
    r"(?<!\S)(?:" + _NUMBERING + r"\s*)?\*\*\s*(?:" + _NUMBERING + r"\s*)?"
    r"(?P<label>[^*:\n]{1,80}?)\s*(?::\s*\*\*|\*\*\s*:)"
)
# "1. Summary: …  2. Main research question: …" without bold.
_NUMBERED_LABEL = re.compile(r"(?<!\S)(?P<number>\d{1,2})[.)]\s+(?P<label>[A-Z][\w /,()'&-]{1,60}?):\s")
# A label right after a marker: "ii) Main research question or objective: …"; the
# text up to the next colon must look like one.
_LABEL_TEXT = re.compile(r"[\s*]*(?P<label>[A-Za-z][\w /,()'&-]*?)[\s*]*")
_LABEL_REACH: Final = 90
_LABEL_WORDS: Final[tuple[tuple[SectionKind, re.Pattern[str]], ...]] = (
    (
        "implications",
        re.compile(r"\b(?:implications?|practitioners?|takeaways?|impact|significance)\b", re.I),
    ),
    (
        "limitations",
        re.compile(r"\b(?:limitations?|caveats?|weakness(?:es)?|drawbacks?|shortcomings?)\b", re.I),
    ),
    ("results", re.compile(r"\b(?:results?|findings?|experiments?|evaluations?|performance)\b", re.I)),
    ("methodology", re.compile(r"\b(?:method\w*|approach(?:es)?|techniques?|how it works)\b", re.I)),
    (
        "objective",
        re.compile(r"\b(?:objectives?|questions?|aims?|goals?|purpose|motivation|problem)\b", re.I),
    ),
    ("tldr", re.compile(r"\b(?:summary|tl;?\s?dr|overview|one[- ]line|1[- ]line|in brief|abstract)\b", re.I)),
)


@dataclass(frozen=True, slots=True)
class Mark:
    """A layout marker: where it starts, where its text starts, and its kind."""

    start: int
    text_start: int
    kind: SectionKind


def first_layout_mark(text: str, end: int) -> int | None:
    """Where the first marker or bold label starts, if any."""
    marks = [m[0] for m in _marker_matches(text, 0, end, _ROMANS + _LETTERS)[:1]]
    bold = _BOLD_LABEL.search(text, 0, end) if "**" in text else None
    if bold:
        marks.append(bold.start())
    return min(marks) if marks else None


def _marker_matches(text: str, start: int, end: int, symbols: Sequence[str]) -> list[tuple[int, int, str]]:
    """Every `x)` marker (optionally in bold) whose symbol is in `symbols`.

    A marker stands alone: whitespace, `*` or the start before it, whitespace
    after it, so "(ii)" in running text or "f(x)" are not markers.
    """
    found = []
    close = text.find(")", start, end)
    while close != -1:
        begin = close
        while begin > start and close - begin < 4 and text[begin - 1].isalpha():
            begin -= 1
        symbol = text[begin:close].lower()
        if symbol in symbols:
            mark_start = begin - 2 if text.startswith("**", begin - 2) and begin >= 2 else begin
            after = close + 3 if text.startswith("**", close + 1) else close + 1
            before_ok = mark_start == 0 or text[mark_start - 1].isspace() or text[mark_start - 1] == "*"
            after_ok = after >= len(text) or text[after].isspace()
            if before_ok and after_ok:
                found.append((mark_start, after, symbol))
        close = text.find(")", close + 1, end)
    return found


def _marker_layout(
    text: str, start: int, end: int, order: Sequence[str], kinds: Sequence[SectionKind]
) -> list[Mark]:
    """The longest in-order run of markers (a, b, c …) of at least three."""
    if f"{order[0]})" not in text and f"{order[0].upper()})" not in text:
        return []
    found = _marker_matches(text, start, end, order)
    best: list[tuple[int, int, str]] = []
    for first_index, first in enumerate(found):
        if first[2] != order[0]:
            continue
        chain = [first]
        for candidate in found[first_index + 1 :]:
            if len(chain) < len(order) and candidate[2] == order[len(chain)]:
                chain.append(candidate)
        if len(chain) > len(best):
            best = chain
    if len(best) < 3:
        return []
    marks = []
    for position, (mark_start, mark_end, _) in enumerate(best):
        # The marker decides the kind; a label after it ("ii) Main research
        # question: …") stays in the text, which is what the digest says.
        if position < len(kinds):
            kind = kinds[position]
        else:
            kind = label_kind(text[mark_end : _skip_label(text, mark_end, end)]) or "other"
        marks.append(Mark(mark_start, mark_end, kind))
    return marks


def _label_layout(text: str, start: int, end: int) -> list[Mark]:
    """Sections introduced by bold labels or numbered plain labels naming a kind."""
    for pattern in (_BOLD_LABEL, _NUMBERED_LABEL):
        if pattern is _BOLD_LABEL and "**" not in text:
            continue
        if pattern is _NUMBERED_LABEL and "1. " not in text and "1) " not in text:
            continue
        marks = []
        for match in pattern.finditer(text, start, end):
            kind = label_kind(match.group("label"))
            if kind is None and len(match.group("label").split()) > 6:
                continue  # a bold phrase with a colon, not a label
            marks.append(Mark(match.start(), match.end(), kind or "other"))
        if sum(m.kind != "other" for m in marks) >= 2:
            return marks
    return []


def _skip_label(text: str, position: int, end: int) -> int:
    """After a marker, skip a label such as "Main research question or objective:"."""
    colon = text.find(":", position, min(end, position + _LABEL_REACH))
    if colon == -1:
        return position
    match = _LABEL_TEXT.fullmatch(text, position, colon)
    if not match or len(match.group("label").split()) > 10 or not label_kind(match.group("label")):
        return position
    after = colon + 1
    while after < end and (text[after].isspace() or text[after] == "*"):
        after += 1
    return after


def label_kind(label: str) -> SectionKind | None:
    """The kind a label names, if any: "Key methodology used" -> methodology."""
    for kind, pattern in _LABEL_WORDS:
        if pattern.search(label):
            return kind
    return None


def marked_layout(text: str, start: int, end: int) -> list[Mark]:
    """The markers of the layout `text[start:end]` uses, if it uses one."""
    return (
        _marker_layout(text, start, end, _ROMANS, _ROMAN_KINDS)
        or _marker_layout(text, start, end, _LETTERS, _LETTER_KINDS)
        or _label_layout(text, start, end)
    )
