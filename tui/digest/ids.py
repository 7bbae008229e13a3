"""arXiv identifiers: the one pattern every part of paperbrowse recognises them by.

New style `2410.01234` (with an optional version, `v2`, which is dropped) and
old style `cs.CL/0101001`; found bare, or in arXiv and Hugging Face links.
"""

from __future__ import annotations

import re
from typing import Final

# The id itself, without a version suffix (a regular expression fragment).
ARXIV_ID: Final = r"(?:\d{4}\.\d{4,5}|[a-z][a-z\-]*(?:\.[A-Z]{2})?/\d{7})"
_BARE = re.compile(rf"({ARXIV_ID})(?:v\d+)?")
_LINK_MARKERS: Final = ("/abs/", "/pdf/", "/papers/")


def parse_arxiv_id(text: str) -> str | None:
    """The arXiv id in `text` (an id, or an arXiv/Hugging Face link), version dropped; else None."""
    candidate = text.strip().rstrip("/")
    for marker in _LINK_MARKERS:
        if marker in candidate:
            candidate = candidate.split(marker, 1)[1]
    candidate = candidate.removesuffix(".pdf")
    match = _BARE.fullmatch(candidate)
    return match.group(1) if match else None
