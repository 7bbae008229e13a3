"""Explicit summary layouts: `a) … e)`, `i) … v)`, bold, numbered and plain labels.

A marker opens a part when it stands where a part can start: at the start of
the summary, after a sentence or after a colon.  One after a comma or an
"and" is an enumeration inside a sentence ("five stages: I) Mask-based
Models, II) Unified Models …") and opens nothing.  The markers decide a
part's kind by their place (`a)` objective … `e)` limitations; `i)` TL;DR …
`v)` implications); labels decide by their words ("Key methodology used" ->
methodology).  A bold label after a marker ("ii) **Main research
question:**") is skipped, so a section never opens with it; a plain one
stays, as the digest wrote it.  Each part is a span of the original text, so
it stays verbatim.  Every scan here is linear in the text, and stops after
`LAYOUT_REACH` characters or `_MARKS_LOOKED_AT` marks.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Final, NamedTuple

from tui.digest.model import SectionKind

LETTERS: Final = ("a", "b", "c", "d", "e", "f")
ROMANS: Final = ("i", "ii", "iii", "iv", "v", "vi", "vii")
LETTER_KINDS: Final[tuple[SectionKind, ...]] = (
    "objective",
    "methodology",
    "results",
    "implications",
    "limitations",
)
ROMAN_KINDS: Final[tuple[SectionKind, ...]] = (
    "tldr",
    "objective",
    "methodology",
    "results",
    "implications",
)
# Fewer markers than this in order are an enumeration, not a layout.
_MIN_CHAIN: Final = 3
# No summary in the archive has more than 5 marker-like "x)" or 6 labels, nor is
# longer than 2,318 characters; past this many marks, or this far into the text,
# it is not a layout a reader follows, and it is not searched further.
_MARKS_LOOKED_AT: Final = 64
LAYOUT_REACH: Final = 20_000
# `x)` optionally in bold, standing alone: "(ii)" in running text or "f(x)" are not markers.
_MARKER = re.compile(r"(?<![^\s*])(?:\*\*)?([a-fA-F]|[ivxIVX]{1,4})\)(?:\*\*)?(?=\s|$)")
# Words that, right before a marker, make it an item of an enumeration.
_ENUMERATING: Final = frozenset(("and", "or", "&", "with", "including", "e.g.", "i.e."))
_NUMBERING = r"(?:\d{1,2}[.)]|[ivxIVX]{1,4}\)|[a-fA-F]\))"
# "**Key methodology:**", "**Primary results**:", "1. **Summary:**", "**2. Objective:**"
_BOLD_LABEL = re.compile(
    r"(?<!\S)(?:" + _NUMBERING + r"\s*)?\*\*\s*(?:" + _NUMBERING + r"\s*)?"
    r"(?P<label>[^*:\n]{1,80}?)\s*(?::\s*\*\*|\*\*\s*:)"
)
# "1. Summary: …  2. Main research question: …" without bold.
_NUMBERED_LABEL = re.compile(r"(?<!\S)(?P<number>\d{1,2})[.)]\s+(?P<label>[A-Z][\w /,()'&-]{1,60}?):\s")
# A plain label opening a sentence: "Key methodology: …", "Primary results: …".
_PLAIN_LABEL = re.compile(r"(?<!\S)(?P<label>[A-Z][\w /,()'&-]{1,80}?):\s")
# A label right after a marker, bold or plain, with a colon or closed bold:
# "**One-line summary:**", "Main research question or objective:", "**i) Summary**".
_MARK_LABEL = re.compile(
    r"\s*(?P<open>\*\*)?\s*(?P<label>[A-Za-z1-9][\w /,()'&.;-]{0,100}?)\s*"
    r"(?:(?P<close>\*\*)\s*:?|:\s*(?P<after>\*\*)?)(?=\s|$)"
)
_LABEL_REACH: Final = 110
# The words labels are made of; "The method has two parts:" is a clause, not a label.
LABEL_VOCABULARY: Final = frozenset(
    "a ai and core central for key main of one-line 1-line one line or overall primary principal "
    "research short the used brief specific quantitative practitioners question questions "
    "objective objectives method methods methodology approach result results finding findings "
    "implication implications limitation limitations summary tl;dr tldr contribution "
    "contributions goal goals aim aims takeaway takeaways conclusion conclusions evaluation "
    "experiments performance impact significance include includes including at least e.g. "
    "ml software engineers engineer data scientist scientists"
    "".split()
)
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
    """Where a part starts, where its own text starts, and its kind.

    `rank` is the marker's place in its order (`a)` 0, `b)` 1 …), -1 for a
    label; `labelled` says a label after the marker named the kind.
    """

    start: int
    text_start: int
    kind: SectionKind
    rank: int = -1
    labelled: bool = False


def label_kind(label: str) -> SectionKind | None:
    """The kind a label names, if any: "Key methodology used" -> methodology."""
    for kind, pattern in _LABEL_WORDS:
        if pattern.search(label):
            return kind
    return None


def is_label(label: str) -> bool:
    """Whether `label` is made of label words only ("Key findings", not "The method has")."""
    words = label.lower().replace("/", " ").replace("(", " ").replace(")", " ").replace(",", " ").split()
    return 0 < len(words) <= 14 and LABEL_VOCABULARY.issuperset(words) and label_kind(label) is not None


def first_layout_mark(text: str, end: int) -> int | None:
    """Where the first marker or bold label starts, if any (within `LAYOUT_REACH`)."""
    end = min(end, LAYOUT_REACH)
    marker = _MARKER.search(text, 0, end)
    bold = _BOLD_LABEL.search(text, 0, end) if "**" in text else None
    found = [m.start() for m in (marker, bold) if m is not None]
    return min(found) if found else None


def _enumerated(text: str, start: int, mark_start: int) -> bool:
    """Whether the marker at `mark_start` is an item inside a sentence ("…, II) …")."""
    before = text[max(start, mark_start - 12) : mark_start].rstrip(" *\t\n")
    if not before:
        return False
    if before[-1] in ",(":
        return True
    words = before.split()
    return bool(words) and words[-1].lower() in _ENUMERATING


class _Run(NamedTuple):
    """A run of markers in order, kept as a linked list from its last marker."""

    marker: tuple[int, int, int]  # start, end, rank
    previous: _Run | None
    length: int


def _chain(text: str, start: int, end: int, order: Sequence[str]) -> list[tuple[int, int, int]]:
    """The longest in-order run of part-opening markers: (start, end, rank) each.

    One pass: each marker extends the latest run ending at the symbol before
    it (or, for a digest that skipped one, the one before that), so the cost
    is linear in the number of markers, whatever their order.
    """
    ranks = {symbol: rank for rank, symbol in enumerate(order)}
    latest: dict[int, _Run] = {}
    best: _Run | None = None
    for looked, match in enumerate(_MARKER.finditer(text, start, end)):
        if looked == _MARKS_LOOKED_AT:
            break
        rank = ranks.get(match.group(1).lower())
        if rank is None or _enumerated(text, start, match.start()):
            continue
        previous = None if rank == 0 else latest.get(rank - 1) or latest.get(rank - 2)
        if rank and previous is None:
            continue
        run = _Run((match.start(), match.end(), rank), previous, previous.length + 1 if previous else 1)
        latest[rank] = run
        if best is None or run.length > best.length:
            best = run
    found: list[tuple[int, int, int]] = []
    while best is not None:
        found.append(best.marker)
        best = best.previous
    return found[::-1]


def _marker_layout(
    text: str, start: int, end: int, order: Sequence[str], kinds: Sequence[SectionKind]
) -> list[Mark]:
    """Marks of the longest in-order run of markers (a, b, c …), if at least three."""
    if f"{order[0]})" not in text and f"{order[0].upper()})" not in text:
        return []
    found = _chain(text, start, end, order)
    if len(found) < _MIN_CHAIN:
        return []
    marks = []
    for index, (mark_start, mark_end, rank) in enumerate(found):
        stop = found[index + 1][0] if index + 1 < len(found) else end
        bold_open = text.startswith("**", mark_start) and not text.startswith("**", mark_end - 2)
        text_start, label = skip_label(text, mark_end, stop, bold_open)
        named = label_kind(label) if label else None
        if named is not None:
            marks.append(Mark(mark_start, text_start, named, rank, labelled=True))
        else:
            marks.append(Mark(mark_start, text_start, kinds[rank] if rank < len(kinds) else "other", rank))
    return marks


def _label_layout(text: str, start: int, end: int) -> list[Mark]:
    """Parts introduced by bold labels, numbered labels, or plain labels opening sentences."""
    for pattern in (_BOLD_LABEL, _NUMBERED_LABEL):
        if pattern is _BOLD_LABEL and "**" not in text:
            continue
        if pattern is _NUMBERED_LABEL and "1. " not in text and "1) " not in text:
            continue
        marks: list[Mark] = []
        for looked, match in enumerate(pattern.finditer(text, start, end)):
            if looked == _MARKS_LOOKED_AT:
                break
            label = match.group("label")
            kind = label_kind(label)
            if kind is None and len(label.split()) > 6:
                continue  # a bold phrase with a colon, not a label
            after = _skip_space(text, match.end(), end)
            marks.append(Mark(match.start(), after, kind or "other", labelled=kind is not None))
        if sum(m.kind != "other" for m in marks) >= 2:
            return marks
    return _plain_label_layout(text, start, end)


def _plain_label_layout(text: str, start: int, end: int) -> list[Mark]:
    """Parts opened by plain labels at sentence starts: "Key methodology: The authors …".

    The label stays in the part's text, as the digest wrote it; it decides
    the part's kind, and the sentences after it keep that kind.
    """
    if ": " not in text:
        return []
    marks: list[Mark] = []
    for looked, match in enumerate(_PLAIN_LABEL.finditer(text, start, end)):
        if looked == _MARKS_LOOKED_AT:
            break
        before = text[max(start, match.start() - 3) : match.start()].rstrip(" *")
        if (before and before[-1] not in ".!?") or not is_label(match.group("label")):
            continue
        kind = label_kind(match.group("label"))
        if kind is not None:
            marks.append(Mark(match.start(), match.start(), kind, labelled=True))
    return marks if len(marks) >= 2 else []


def skip_label(text: str, position: int, end: int, bold_open: bool = False) -> tuple[int, str]:
    """After a marker, where the text starts past a bold label, and the label ("" if none).

    "**One-line summary:**", "**Primary results**:" and "**A 1-line
    summary**" are skipped (a section opening with one reads as a leftover);
    a plain label ("Main research question: …") stays, as the digest wrote
    it.  `bold_open` says the marker opened the bold ("**i) Summary**").
    """
    match = _MARK_LABEL.match(text, position, min(end, position + _LABEL_REACH))
    if match and is_label(match.group("label")):
        opened = bool(match.group("open")) or bold_open
        closed = bool(match.group("close") or match.group("after"))
        if opened and closed:
            return _skip_space(text, match.end(), end), match.group("label")
        if not opened and not closed:
            return _skip_space(text, position, end), match.group("label")
    return _skip_space(text, position, end), ""


def _skip_space(text: str, position: int, end: int) -> int:
    """The first position at or after `position` past spaces and a stray `**`.

    A `**` there is a leftover of the label's bold when the part holds an odd
    number of them; an even number means it opens a bold name ("**X** is …").
    """
    while position < end and text[position].isspace():
        position += 1
    if text.startswith("**", position) and text.count("**", position, end) % 2:
        position += 2
        while position < end and text[position].isspace():
            position += 1
    return position


@dataclass(frozen=True, slots=True)
class Layout:
    """The parts a summary's markers or labels open, and the kinds its markers stand for."""

    marks: tuple[Mark, ...]
    kinds: tuple[SectionKind, ...]  # ROMAN_KINDS, LETTER_KINDS, or () for labels


def marked_layout(text: str, start: int, end: int) -> Layout | None:
    """The layout `text[start:end]` uses, if it uses one (its marks within `LAYOUT_REACH`)."""
    end = min(end, start + LAYOUT_REACH)
    for order, kinds in ((ROMANS, ROMAN_KINDS), (LETTERS, LETTER_KINDS)):
        marks = _marker_layout(text, start, end, order, kinds)
        if marks:
            return Layout(tuple(marks), kinds)
    labels = _label_layout(text, start, end)
    return Layout(tuple(labels), ()) if labels else None
