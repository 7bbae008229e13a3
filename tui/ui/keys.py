"""Key names as people write them: `left_square_bracket` -> `[`."""

from __future__ import annotations

from typing import Final

KEY_NAMES: Final = {
    "slash": "/",
    "left_square_bracket": "[",
    "right_square_bracket": "]",
    "question_mark": "?",
    "escape": "esc",
    "pagedown": "PgDn",
    "pageup": "PgUp",
}


def key_label(key: str) -> str:
    """A binding's keys for display: `left_square_bracket,home` -> `[ / home`."""
    return " / ".join(KEY_NAMES.get(k.strip(), k.strip()) for k in key.split(","))
