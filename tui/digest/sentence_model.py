"""Prose sentences -> kinds (placeholder: the cue reading, sentence by sentence)."""

from __future__ import annotations

from tui.digest.model import SectionKind
from tui.digest.prose import classify_sentence


def prose_kinds(sentences: list[str]) -> list[SectionKind]:
    """The kind of each sentence of a prose run."""
    kinds: list[SectionKind] = []
    previous: SectionKind | None = None
    for index, sentence in enumerate(sentences):
        previous = classify_sentence(sentence, index, previous)
        kinds.append(previous)
    return kinds
