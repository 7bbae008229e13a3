"""Text as Textual markup that shows exactly as written.

Where Textual insists on a markup string (the command palette's help), a
`[Title]` or `[b]` in it is a tag and vanishes.  `rich.markup.escape` and
`textual.markup.escape` only escape what looks like a lowercase tag, so
"[Title](arXiv link)" still lost a word; here every `[` is escaped.  Where a
`Content` is accepted (border titles), pass `Content(text)`: no markup at all.
"""

from __future__ import annotations


def literal(text: str) -> str:
    """`text` as markup that renders as `text` itself (every `[` escaped)."""
    return text.replace("[", r"\[")
