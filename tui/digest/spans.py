"""Small helpers for spans of summary text shared by the summary parsers."""

from __future__ import annotations

from tui.digest.model import SectionKind

Span = tuple[SectionKind, int, int]  # a kind and a [start, end) range of the text


def merge(spans: list[Span]) -> list[Span]:
    """Neighbouring spans of the same kind become one section: one heading, not two.

    Spans of one body follow each other, so what lies between two of them is
    only a marker or label left out ("… **Key methodology:** …"); a section
    spanning both keeps it inside, which reads better than the same heading twice.
    """
    merged: list[Span] = []
    for kind, a, b in spans:
        if merged and merged[-1][0] == kind:
            merged[-1] = (kind, merged[-1][1], b)
        else:
            merged.append((kind, a, b))
    return merged


def trim(piece: str) -> str:
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
