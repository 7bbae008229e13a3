"""What a prose sentence says by its own words: cue phrases, labels, limitations.

A sentence's cue phrase names its kind ("The main research objective …",
"Primary results show …", "For AI practitioners, the principal implication
…"), and so does its own label ("Key findings: …"); the digests' template
phrases (`firm_cue`) settle it.  `states_limitation` tells a sentence saying
what the paper leaves out; `readable` tells prose from gibberish.  The
sentence model (`sentence_model`) takes these readings as part of its
evidence; `classify_sentence` is the older reading of one sentence alone
(cue, then position, then content), kept for callers of that API.
Word-set look-ups, not regex alternations: ~10x faster at 50,000 papers.
"""

from __future__ import annotations

import re
from typing import Final

from tui.digest.layouts import LABEL_VOCABULARY, label_kind
from tui.digest.model import SectionKind

# How far into a sentence its own label ("Key findings:") may end.
_LEADING_LABEL_REACH: Final = 45
_OPENING_WORDS: Final = 9
# A part's own cue must come this early to say what the part is.
_CUE_REACH: Final = 5
_FIRM_CUE = re.compile(
    r"[\s*\"“]*(?:the\s+)?(?:(?:main|primary|key|principal|central|core|overall)\s+)?(?:research\s+)?"
    r"(objectives?|methodology|implications?|question|goals?|aims?)\b(?!-)"
    # results only as the template has them: "The primary results …", "Results show …";
    # "The findings suggest …" may be an implication
    r"|[\s*\"“]*(?:the\s+)?(?:main|primary|key|principal|central|core|overall)\s+(results?|findings?)\b(?!-)"
    r"|[\s*\"“]*(?:the\s+)?(results?)\s+(?:show|shows|showed|shown|demonstrate|demonstrated|reveal|revealed)\b"
    r"|[\s*]*for\s+ai\s+practitioners\b",
    re.IGNORECASE,
)
_FIRM_KINDS: Final[dict[str, SectionKind]] = {
    **dict.fromkeys(("objective", "objectives", "question", "goal", "goals", "aim", "aims"), "objective"),
    "methodology": "methodology",
    **dict.fromkeys(("result", "results", "finding", "findings"), "results"),
    **dict.fromkeys(("implication", "implications"), "implications"),
}
# What a paper leaves out: its reporting verbs negated, "unclear", "lacks details".
_LIMITATION = re.compile(
    r"\b(?:(?:does|do|did)\s+not|doesn't|doesn’t|didn't)\s+(?:explicitly\s+|clearly\s+|fully\s+)?"
    r"(?:specify|detail|provide|report|mention|include|discuss|clarify|elaborate|describe|state|disclose"
    r"|quantify|present|give|compare|explain)\b"
    r"|\b(?:is|are|was|were|remains?)\s+(?:not\s+(?:explicitly\s+|clearly\s+|fully\s+)?(?:specified|detailed"
    r"|provided|reported|mentioned|included|discussed|clear|described|given|stated|disclosed|quantified"
    r"|presented|elaborated|explained)|unclear)\b|\bit(?:'s|’s| is) unclear\b"
    r"|\black(?:s|ing)?\s+(?:of\s+)?(?:explicit|specific|detailed|quantitative|details|clarity|information)\b"
)
_LIMITATION_WORDS: Final = ("not", "n't", "n’t", "unclear", "lack")  # one is in every match
_LIMITATION_LEAD: Final = 0.5
_ABOUT_THE_PAPER: Final = (
    "the paper",
    "this paper",
    "the study",
    "the authors",
    "the summary",
    "it ",
    "however",
)
# Function words make up a third or more of English prose; gibberish has none.
_COMMON_WORDS: Final = frozenset(
    "a an the of and or to in on for with by from as at is are was were be been that this these which "
    "it its their than into can while using via".split()
)
_COMMON_SHARE: Final = 0.08
_SAMPLE_WORDS: Final = 60
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


def cue_kind(words: list[str]) -> SectionKind | None:
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


def leading_label(lowered: str) -> SectionKind | None:
    """The kind a sentence's own label names: "Key findings: …", "**Objective:** …"."""
    colon = lowered.find(":", 0, _LEADING_LABEL_REACH)
    if colon == -1:
        return None
    label = lowered[:colon].strip(" *")
    words = label.replace("/", " ").split()
    if not words or len(words) > 8 or not LABEL_VOCABULARY.issuperset(words):
        return None
    return label_kind(label)


def content_kind(lowered: str) -> SectionKind | None:
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
    label = leading_label(lowered)
    if label is not None:
        return label
    opening = [w.strip(_EDGE_PUNCTUATION) for w in lowered.split(None, _OPENING_WORDS)[:_OPENING_WORDS]]
    cue = cue_kind(opening)
    if cue is not None:
        return cue
    if index == 0 or previous is None:
        return "tldr"
    content = content_kind(lowered)
    if content is not None:
        return content
    if previous == "tldr":
        return "methodology" if any(signal in lowered for signal in _METHOD_CONTENT) else "tldr"
    return previous


def opening_cue(sentence: str) -> SectionKind | None:
    """The kind a sentence's own label or the cue in its first few words names."""
    lowered = sentence.lower()
    label = leading_label(lowered)
    if label is not None:
        return label
    return cue_kind([w.strip(_EDGE_PUNCTUATION) for w in lowered.split(None, _CUE_REACH)[:_CUE_REACH]])


def firm_cue(sentence: str) -> SectionKind | None:
    """The kind a sentence names by opening with the digests' own template phrase.

    "The main research objective …", "The key methodology …", "Primary
    results show …", "The principal implication …", "For AI practitioners,
    …": no reader takes these for anything else, wherever they stand.
    """
    found = _FIRM_CUE.match(sentence)
    if found is None:
        return None
    named = found.group(1) or found.group(2) or found.group(3)
    return _FIRM_KINDS[named.lower()] if named else "implications"


def leading_label_end(text: str, start: int, end: int) -> int:
    """Where a sentence's text starts past its own bold label ("**Objective:** …").

    A plain label ("Key findings: …") stays, as the digest wrote it.
    """
    if not text.startswith("**", start):
        return start
    colon = text.find(":", start, min(end, start + _LEADING_LABEL_REACH))
    if colon == -1 or leading_label(text[start : colon + 1].lower()) is None:
        return start
    after = colon + 1
    if text.startswith("**", after):
        after += 2
    while after < end and text[after].isspace():
        after += 1
    return after if after < end else start


def states_limitation(sentence: str) -> bool:
    """Whether a sentence states what the paper leaves out or leaves unclear.

    "The paper does not specify …", "… are not provided", "It is unclear …",
    "The paper lacks details …".  The statement must lead the sentence, or
    the sentence be about the paper itself: "X enables practitioners to …,
    but it is unclear what data was used" is an implication.
    """
    lowered = sentence.lower()
    if not any(word in lowered for word in _LIMITATION_WORDS):
        return False  # most sentences: a few substring tests instead of the pattern
    found = _LIMITATION.search(lowered)
    if found is None:
        return False
    leads = found.start() < len(lowered) * _LIMITATION_LEAD
    return leads or lowered.lstrip(" *").startswith(_ABOUT_THE_PAPER)


def readable(text: str) -> bool:
    """Whether `text` reads as English prose: enough of its first words are common ones."""
    words = text.lower().split(None, _SAMPLE_WORDS)[:_SAMPLE_WORDS]
    if not words:
        return False
    common = sum(map(_COMMON_WORDS.__contains__, words))
    return common >= _COMMON_SHARE * len(words)
