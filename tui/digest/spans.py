"""Small helpers for spans of summary text shared by the summary parsers."""

from __future__ import annotations

from tui.digest.model import SectionKind

Span = tuple[SectionKind, int, int]  # a kind and a [start, end) range of the text


def merge(spans: list[Span]) -> list[Span]:
    """Adjacent spans of the same kind become one section."""
    merged: list[Span] = []
    for kind, a, b in spans:
        if merged and merged[-1][0] == kind and merged[-1][2] >= a - 1:
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
