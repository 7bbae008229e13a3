"""Summary text -> labelled sections and follow-up questions.

Summaries in the archive come in a handful of layouts: lettered `a) … e)`,
roman `i) … v)`, numbered or bold labels (`1. **Summary:** …`, `**Key
methodology:** …`) and, most often, plain prose.  This module strips the
follow-up questions (`followups`) and the model's chatter (`preamble`), lets
an explicit layout cut the body into parts (`layouts`), and reads each
sentence: in a part, the marker or label decides (a sentence stating what the
paper leaves out is a limitation); in prose, the sentence model reads the
sentences in order (`sentence_model`).  A body that cannot be split (one
sentence, no markers, gibberish) is one section of kind `other`.

Every section is a span of the original text, so its `text` is verbatim: only
markers, bold labels and chatter are left out.  Every step is linear in the
text, and bounded: past a few dozen sentences or markers (the archive's
longest summary has 13 sentences) the rest stays with the last section, so a
multi-megabyte summary costs tens of milliseconds.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Final

from tui.digest.followups import split_followups
from tui.digest.layouts import ROMAN_KINDS, Layout, marked_layout
from tui.digest.model import Section, SectionKind
from tui.digest.preamble import preamble_end
from tui.digest.prose import classify_sentence, leading_label_end, opening_cue, readable, states_limitation
from tui.digest.sentence_model import prose_kinds
from tui.digest.sentences import sentence_spans
from tui.digest.spans import Span, merge, trim

__all__ = ["ParsedSummary", "classify_sentence", "parse_summary", "prose_runs"]

Reader = Callable[[list[str]], list[SectionKind]]
# What is read of one sentence to judge it (the archive's longest has 1,556 characters),
# and of a body to tell prose from gibberish: a huge "sentence" costs no more than that.
_READ_CHARS: Final = 2000
_READABLE_CHARS: Final = 4000
# Markers shifted by one ("an overview, then i) The main objective …") are read
# by what their parts say only when at least this many parts say so.
_SHIFT_EVIDENCE: Final = 2


@dataclass(frozen=True, slots=True)
class ParsedSummary:
    """A summary split into sections, plus its follow-up questions."""

    sections: tuple[Section, ...]
    followups: tuple[str, ...]


def parse_summary(text: str) -> ParsedSummary:
    """Split `text` into labelled sections and follow-up questions."""
    body_end, followups = split_followups(text)
    start = preamble_end(text, body_end)
    if not text[start:body_end].strip():
        start = 0  # nothing but a preamble: keep its text rather than show nothing
    spans = _body_spans(text, start, body_end)
    sections = tuple(Section(kind, piece) for kind, a, b in merge(spans) if (piece := trim(text[a:b])))
    if not sections and (body := trim(text[start:body_end])):
        sections = (Section("other", body),)  # markers or labels with nothing in them
    return ParsedSummary(sections=sections, followups=followups)


def prose_runs(text: str) -> list[list[str]]:
    """The runs of prose sentences the sentence model reads in `text` (for fitting it)."""
    runs: list[list[str]] = []

    def record(sentences: list[str]) -> list[SectionKind]:
        runs.append(sentences)
        return prose_kinds(sentences)

    body_end, _ = split_followups(text)
    _body_spans(text, preamble_end(text, body_end), body_end, record)
    return [run for run in runs if run]


def _body_spans(text: str, start: int, end: int, read: Reader = prose_kinds) -> list[Span]:
    """Spans of the body: from its layout's parts, else from its prose (read by `read`)."""
    layout = marked_layout(text, start, end)
    if layout is None:
        sentences = sentence_spans(text, start, end)
        if len(sentences) < 2 or not readable(text[start : min(end, start + _READABLE_CHARS)]):
            return [("other", start, end)] if text[start:end].strip() else []
        return _prose_spans(text, sentences, read)
    marks = layout.marks
    before = sentence_spans(text, start, marks[0].start)
    spans = _prose_spans(text, before, read) if before else []
    kinds = _part_kinds(text, layout, end, bool(spans))
    for index, mark in enumerate(marks):
        stop = marks[index + 1].start if index + 1 < len(marks) else end
        spans.extend(_part_spans(text, mark.text_start, stop, kinds[index]))
    return spans


def _prose_spans(text: str, sentences: list[tuple[int, int]], read: Reader) -> list[Span]:
    """Each prose sentence with the kind the sentence model reads it as."""
    kinds = read([text[a : min(b, a + _READ_CHARS)] for a, b in sentences])
    return [(kind, leading_label_end(text, a, b), b) for kind, (a, b) in zip(kinds, sentences, strict=True)]


def _part_spans(text: str, start: int, end: int, kind: SectionKind) -> list[Span]:
    """A part's sentences: all of the part's kind, but a stated limitation."""
    sentences = sentence_spans(text, start, end)
    spans: list[Span] = []
    for index, (a, b) in enumerate(sentences):
        limits = index and states_limitation(text[a : min(b, a + _READ_CHARS)])
        spans.append(("limitations" if limits else kind, a, b))
    return spans


def _part_kinds(text: str, layout: Layout, end: int, after_prose: bool) -> list[SectionKind]:
    """The kind of each part: its label's, else its marker's, shifted when the text says so.

    A digest that opens with an unmarked overview and then numbers from the
    objective ("… i) The main objective is …, ii) The authors train …") has
    every marker one place early: when the parts' own opening cues agree with
    the shifted kinds more than with the usual ones, the shifted kinds hold.
    """
    marks = layout.marks
    kinds = [mark.kind for mark in marks]
    ranked = [index for index, mark in enumerate(marks) if mark.rank >= 0 and not mark.labelled]
    if not after_prose or not ranked or layout.kinds != ROMAN_KINDS:
        return kinds  # only the roman layout has a TL;DR to shift away from
    cues = []
    for index, mark in enumerate(marks):
        stop = marks[index + 1].start if index + 1 < len(marks) else end
        cues.append(opening_cue(text[mark.text_start : min(stop, mark.text_start + _READ_CHARS)]))
    shifted = [ROMAN_KINDS[min(mark.rank + 1, len(ROMAN_KINDS) - 1)] for mark in marks]
    usual = sum(cues[i] == kinds[i] for i in ranked)
    agree = sum(cues[i] == shifted[i] for i in ranked)
    if agree >= _SHIFT_EVIDENCE and agree > usual:
        for index in ranked:
            kinds[index] = shifted[index]
    return kinds
