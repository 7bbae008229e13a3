"""Summary text -> labelled sections and follow-up questions.

Summaries in the archive come in a handful of layouts (see DESIGN.md):
lettered `a) … e)`, roman `i) … v)`, numbered or bold labels
(`1. **Summary:** …`, `**Key methodology:** …`) and, most often, plain prose
whose sentences open with cue phrases.  Explicit layouts decide a section's
kind by their markers or labels; prose is split into sentences and each is
classified by its opening phrase, then by position and content.

Every section is a span of the original text, so its `text` is verbatim: only
labels (`ii)`, `**Key methodology:**`) and LLM chatter ("Here is a concise
summary …:") are left out.  All regular expressions here are linear, so a
multi-megabyte summary costs milliseconds, not minutes.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Final

from tui.digest.model import Section, SectionKind

# --- follow-up questions -------------------------------------------------------------

_FOLLOWUP_TRIGGER = re.compile(r"follow[- ]?up\s+questions?\b[^:.?!\n]{0,80}:\s*(?:\*\*)?", re.IGNORECASE)
# What may precede the trigger in the same clause: "Here are some ", "**".
_FOLLOWUP_LEAD = re.compile(
    r"(?:(?:here\s+(?:are|is)|below\s+are)\b[^.:?!\n]{0,60}?\s)?(?:\*\*)?\s*$", re.IGNORECASE
)
# "1. ", "2) ", "**3.**" — a candidate item number; validated by `_items`.
_ITEM_NUMBER = re.compile(r"(?<!\S)(?:\*\*)?(\d{1,2})[.)](?:\*\*)?(?=\s)")
_BULLET = re.compile(r"(?<!\S)[-*•]\s+(?=\S)")
# The character before an item number must end a sentence (or a label), so that
# "see Figure 4. The" or "Section 3.1" never starts a new question.
_ENDS_CLAUSE: Final = frozenset("?.!:;)\"'”’*")

# --- chatter ----------------------------------------------------------------------------

_CHATTER = re.compile(
    r"^\s*(?:(?:okay|ok|sure|certainly|alright|absolutely|great)\b[,.!]?\s*)?"
    r"(?:here(?:'s|’s|\s+is|\s+are)|below\s+(?:is|are)|the\s+following\s+is)\b",
    re.IGNORECASE,
)
_CHATTER_REACH: Final = 600

# --- explicit layouts -------------------------------------------------------------------

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
# A sentence's own label ("Key findings: …") uses only these words; "The method
# has two parts: …" is a clause, not a label.
_LABEL_VOCABULARY: Final = frozenset(
    (
        "a",
        "ai",
        "and",
        "core",
        "central",
        "for",
        "key",
        "main",
        "of",
        "one-line",
        "1-line",
        "or",
        "overall",
        "primary",
        "principal",
        "research",
        "short",
        "the",
        "used",
        "brief",
        "specific",
        "quantitative",
        "practitioners",
        "question",
        "questions",
        "objective",
        "objectives",
        "method",
        "methods",
        "methodology",
        "approach",
        "result",
        "results",
        "finding",
        "findings",
        "implication",
        "implications",
        "limitation",
        "limitations",
        "summary",
        "tl;dr",
        "tldr",
        "contribution",
        "contributions",
        "goal",
        "goals",
        "aim",
        "aims",
        "takeaway",
        "takeaways",
        "conclusion",
        "conclusions",
        "evaluation",
        "experiments",
        "performance",
        "impact",
        "significance",
    )
)

# --- prose ------------------------------------------------------------------------------

# A sentence ends at . ! ? (plus closing quotes/brackets/bold) before whitespace and
# an opening character; abbreviations are rejected by `_ABBREVIATION`.
_SENTENCE_END = re.compile(r"[.!?](?:[\"'”’)\]]|\*\*)*\s+(?=[\"'“(\[`*$\\]*[A-Z0-9])")
_ABBREVIATION = re.compile(
    r"(?:(?<![\w.])(?:e\.g|i\.e|et al|vs|cf|approx|fig|figs|eq|eqs|sec|no|dr|mr|ms|prof|resp|incl)"
    r"|(?<![\w.])(?-i:[A-Z]\.[A-Z]))$",
    re.IGNORECASE,
)  # "e.g. The", "U.S. Army" do not end sentences; "GSM8K-V. The" and "model Y. The" do.
_OPENING_WORDS: Final = 9
_EDGE_PUNCTUATION: Final = ".,;:!?()[]{}\"'“”‘’*`"
# Prose is classified word by word (set look-ups beat regex alternations ~10x,
# which matters at 50,000 papers).  A cue is a word, or a pair of words, in a
# sentence's opening that names its kind; the leftmost cue wins ("The primary
# objective is to develop a methodology …" is an objective).
_CUE_WORDS: Final[dict[str, SectionKind]] = {
    **dict.fromkeys(("summary", "tl;dr", "tldr", "one-line", "1-line"), "tldr"),
    **dict.fromkeys(
        ("objective", "objectives", "aim", "aims", "aimed", "goal", "goals", "purpose", "seeks", "sought"),
        "objective",
    ),
    **dict.fromkeys(("methodology", "methodologies", "methodological"), "methodology"),
    **dict.fromkeys(("result", "results", "finding", "findings"), "results"),
    **dict.fromkeys(
        ("implication", "implications", "practitioner", "practitioners", "takeaway", "takeaways"),
        "implications",
    ),
    **dict.fromkeys(
        (
            "limitation",
            "limitations",
            "caveat",
            "caveats",
            "drawback",
            "drawbacks",
            "shortcoming",
            "shortcomings",
            "weakness",
            "weaknesses",
        ),
        "limitations",
    ),
}
_QUESTION_QUALIFIERS: Final = frozenset(("research", "main", "central", "key", "primary", "core"))
_METHOD_NOUNS: Final = frozenset(("method", "methods", "approach", "technique", "techniques"))
_METHOD_VERBS: Final = frozenset(
    (
        "involves",
        "involve",
        "involved",
        "uses",
        "used",
        "employs",
        "consists",
        "combines",
        "includes",
        "relies",
        "is",
        "was",
        "leverages",
        "integrates",
    )
)
_SHOWING: Final = ("show", "demonstrat", "reveal", "indicat")
# Content signals for sentences with no cue, strongest first; plain substring
# tests on the lower-cased sentence, the cheapest check Python has.
_CONTENT: Final[tuple[tuple[SectionKind, tuple[str, ...]], ...]] = (
    ("implications", ("practitioner", "implication", "ai engineers")),
    (
        "limitations",
        (
            "limitation",
            " lack",
            "unclear",
            "doesn't",
            "not provid",
            "not specif",
            "not report",
            "not mention",
            "not includ",
            "not detail",
            "not clear",
            "not discuss",
        ),
    ),
    ("results", ("outperform", "surpass", "achiev", "state-of-the-art", " sota", "accuracy", "speedup", "%")),
)
_METHOD_CONTENT: Final = (
    "propos",
    "introduc",
    "develop",
    "leverag",
    "employ",
    "utiliz",
    " uses ",
    "using",
    "train",
    "fine-tun",
    "construct",
    "integrat",
    "combin",
    "framework",
    "architecture",
    "pipeline",
)


@dataclass(frozen=True, slots=True)
class ParsedSummary:
    """A summary split into sections, plus its follow-up questions."""

    sections: tuple[Section, ...]
    followups: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class _Mark:
    """A layout marker: where it starts, where its text starts, and its kind."""

    start: int
    text_start: int
    kind: SectionKind


def parse_summary(text: str) -> ParsedSummary:
    """Split `text` into labelled sections and follow-up questions."""
    trigger = _FOLLOWUP_TRIGGER.search(text) if "ollow" in text else None
    body_end = len(text)
    if trigger:
        lead = _FOLLOWUP_LEAD.search(text, max(0, trigger.start() - 80), trigger.start())
        body_end = lead.start() if lead else trigger.start()
    followups = _followup_items(text[trigger.end() :]) if trigger else ()
    start = _chatter_end(text, body_end)
    spans = _layout_spans(text, start, body_end)
    sections = tuple(Section(kind, piece) for kind, a, b in _merge(spans) if (piece := _trim(text[a:b])))
    return ParsedSummary(sections=sections, followups=followups)


# --- follow-ups -------------------------------------------------------------------------


def _followup_items(rest: str) -> tuple[str, ...]:
    """The numbered (or bulleted) questions after a follow-up trigger."""
    starts = _numbered_item_starts(rest)
    if len(starts) < 1:
        starts = [(m.start(), m.end()) for m in _BULLET.finditer(rest)]
        if not starts:
            question = _trim(rest)
            return (question,) if question else ()
    items: list[str] = []
    for index, (_, text_start) in enumerate(starts):
        end = starts[index + 1][0] if index + 1 < len(starts) else len(rest)
        item = _trim(rest[text_start:end])
        if item:
            items.append(item)
    return tuple(items)


def _numbered_item_starts(rest: str) -> list[tuple[int, int]]:
    """Positions of items numbered 1, 2, 3 … in order, each after a clause end."""
    found: list[tuple[int, int]] = []
    expected = 1
    for match in _ITEM_NUMBER.finditer(rest):
        if int(match.group(1)) != expected:
            continue
        before = rest[: match.start()].rstrip()
        if before and expected > 1 and before[-1] not in _ENDS_CLAUSE:
            continue
        if expected == 1 and before.strip("*").strip():
            continue  # the first question starts the list
        found.append((match.start(), match.end()))
        expected += 1
    return found


# --- chatter ----------------------------------------------------------------------------


def _chatter_end(text: str, body_end: int) -> int:
    """Where the summary proper starts, after an opening like "Here is a summary …:"."""
    if not _CHATTER.match(text):
        return 0
    reach = min(body_end, _CHATTER_REACH)
    colons = _unquoted_colons(text, reach)
    if colons:
        first_mark = _first_layout_mark(text, body_end)
        before_mark = [c for c in colons if first_mark is not None and c < first_mark]
        return (before_mark[-1] if before_mark else colons[0]) + 1
    end = _SENTENCE_END.search(text, 0, reach)
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


def _first_layout_mark(text: str, end: int) -> int | None:
    """Where the first marker or bold label starts, if any."""
    marks = [m[0] for m in _marker_matches(text, 0, end, _ROMANS + _LETTERS)[:1]]
    bold = _BOLD_LABEL.search(text, 0, end) if "**" in text else None
    if bold:
        marks.append(bold.start())
    return min(marks) if marks else None


# --- layouts ----------------------------------------------------------------------------


def _layout_spans(text: str, start: int, end: int) -> list[tuple[SectionKind, int, int]]:
    """Spans of the body, from the explicit layout it uses, else from its prose."""
    marks = (
        _marker_layout(text, start, end, _ROMANS, _ROMAN_KINDS)
        or _marker_layout(text, start, end, _LETTERS, _LETTER_KINDS)
        or _label_layout(text, start, end)
    )
    if not marks:
        return _prose_spans(text, start, end)
    spans = _prose_spans(text, start, marks[0].start) if marks[0].start > start else []
    for index, mark in enumerate(marks):
        stop = marks[index + 1].start if index + 1 < len(marks) else end
        spans.append((mark.kind, mark.text_start, stop))
    return spans


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
) -> list[_Mark]:
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
            kind = _label_kind(text[mark_end : _skip_label(text, mark_end, end)]) or "other"
        marks.append(_Mark(mark_start, mark_end, kind))
    return marks


def _label_layout(text: str, start: int, end: int) -> list[_Mark]:
    """Sections introduced by bold labels or numbered plain labels naming a kind."""
    for pattern in (_BOLD_LABEL, _NUMBERED_LABEL):
        if pattern is _BOLD_LABEL and "**" not in text:
            continue
        if pattern is _NUMBERED_LABEL and "1. " not in text and "1) " not in text:
            continue
        marks = []
        for match in pattern.finditer(text, start, end):
            kind = _label_kind(match.group("label"))
            if kind is None and len(match.group("label").split()) > 6:
                continue  # a bold phrase with a colon, not a label
            marks.append(_Mark(match.start(), match.end(), kind or "other"))
        if sum(m.kind != "other" for m in marks) >= 2:
            return marks
    return []


def _skip_label(text: str, position: int, end: int) -> int:
    """After a marker, skip a label such as "Main research question or objective:"."""
    colon = text.find(":", position, min(end, position + _LABEL_REACH))
    if colon == -1:
        return position
    match = _LABEL_TEXT.fullmatch(text, position, colon)
    if not match or len(match.group("label").split()) > 10 or not _label_kind(match.group("label")):
        return position
    after = colon + 1
    while after < end and (text[after].isspace() or text[after] == "*"):
        after += 1
    return after


def _label_kind(label: str) -> SectionKind | None:
    """The kind a label names, if any: "Key methodology used" -> methodology."""
    for kind, pattern in _LABEL_WORDS:
        if pattern.search(label):
            return kind
    return None


# --- prose ------------------------------------------------------------------------------


def _sentences(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Sentence spans in text[start:end]; abbreviations do not end sentences."""
    spans = []
    begin = start
    for match in _SENTENCE_END.finditer(text, start, end):
        head = text[max(begin, match.start() - 12) : match.start()]
        if _ABBREVIATION.search(head):
            continue
        stop = match.end()
        spans.append((begin, stop))
        begin = stop
    if text[begin:end].strip():
        spans.append((begin, end))
    return spans


def _cue_kind(words: list[str]) -> SectionKind | None:
    """The kind the opening words of a sentence name, if any."""
    opening = words
    for index, word in enumerate(opening):
        following = opening[index + 1] if index + 1 < len(opening) else ""
        if word in _CUE_WORDS:
            return _CUE_WORDS[word]
        if following.startswith(("question", "hypothes")) and word in _QUESTION_QUALIFIERS:
            return "objective"
        if word in _METHOD_NOUNS and (following in _METHOD_VERBS or (index and opening[index - 1] == "key")):
            return "methodology"
        if word.startswith(("experiment", "evaluation")) and following.startswith(_SHOWING):
            return "results"
        if word == "in" and following in ("short", "brief"):
            return "tldr"
    return None


def _leading_label(lowered: str) -> SectionKind | None:
    """The kind a sentence's own label names: "Key findings: …", "**Objective:** …"."""
    colon = lowered.find(":", 0, _LABEL_REACH // 2)
    if colon == -1:
        return None
    label = lowered[:colon].strip(" *")
    words = label.replace("/", " ").split()
    if not words or len(words) > 8 or not _LABEL_VOCABULARY.issuperset(words):
        return None
    return _label_kind(label)


def _content_kind(lowered: str) -> SectionKind | None:
    """The kind a cue-less sentence's content suggests, strongest signal first."""
    if lowered.startswith("however"):
        return "limitations"
    for kind, signals in _CONTENT:
        if any(signal in lowered for signal in signals):
            return kind
    return None


def classify_sentence(sentence: str, index: int, previous: SectionKind | None) -> SectionKind:
    """The kind of one prose sentence: cue phrase, then position, then content."""
    lowered = sentence.lower()
    label = _leading_label(lowered)
    if label is not None:
        return label
    opening = [w.strip(_EDGE_PUNCTUATION) for w in lowered.split(None, _OPENING_WORDS)[:_OPENING_WORDS]]
    cue = _cue_kind(opening)
    if cue is not None:
        return cue
    if index == 0 or previous is None:
        return "tldr"
    content = _content_kind(lowered)
    if content is not None:
        return content
    if previous == "tldr":
        return "methodology" if any(signal in lowered for signal in _METHOD_CONTENT) else "tldr"
    return previous


def _prose_spans(text: str, start: int, end: int) -> list[tuple[SectionKind, int, int]]:
    spans: list[tuple[SectionKind, int, int]] = []
    previous: SectionKind | None = None
    for index, (a, b) in enumerate(_sentences(text, start, end)):
        kind = classify_sentence(text[a:b], index, previous)
        spans.append((kind, a, b))
        previous = kind
    return spans


def _merge(spans: list[tuple[SectionKind, int, int]]) -> list[tuple[SectionKind, int, int]]:
    """Adjacent spans of the same kind become one section."""
    merged: list[tuple[SectionKind, int, int]] = []
    for kind, a, b in spans:
        if merged and merged[-1][0] == kind and merged[-1][2] >= a - 1:
            merged[-1] = (kind, merged[-1][1], b)
        else:
            merged.append((kind, a, b))
    return merged


def _trim(piece: str) -> str:
    """Strip whitespace, and bold markers left unpaired at a span's edges."""
    piece = piece.strip()
    while piece.count("**") % 2:
        if piece.startswith("**"):
            piece = piece[2:].lstrip()
        elif piece.endswith("**"):
            piece = piece[:-2].rstrip()
        else:
            break
    return piece
