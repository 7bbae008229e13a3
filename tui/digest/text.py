"""Text from outside, made safe to show: control characters out, visible text kept.

A digest, a server or a state file can carry terminal control sequences: ESC
starts OSC 52 (writes the user's clipboard), OSC 0/2 (sets the window title)
and CSI (moves the cursor, clears the screen); C1 characters (U+0080-U+009F)
are the same controls in one code point; BS and CR overwrite what was shown;
the bidirectional overrides (U+202A-U+202E, U+2066-U+2069) and marks
(U+200E, U+200F, U+061C) make text read differently from what it is.  None
of them is ever part of a paper's text.

`strip_controls` removes them where text enters (the digest reader) and
again where it leaves (the screen, the command line, exports), so a damaged
or hostile cache or state file cannot reach the terminal either.  Tab and
newline are kept; everything visible is kept.  Each call is one C-level
regex scan, and text that has nothing to remove is returned as it is.
"""

from __future__ import annotations

import re

# C0 controls except tab and newline, DEL, C1 controls, bidi embeddings/overrides/isolates/marks.
_BIDI = "\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c"
_CONTROLS = re.compile(f"[\x00-\x08\x0b-\x1f\x7f-\x9f{_BIDI}]+")
# What JSON leaves unescaped but a terminal still obeys: DEL, the C1 range, bidi controls.
_JSON_RAW_CONTROLS = re.compile(f"[\x7f-\x9f{_BIDI}]")


def strip_controls(text: str) -> str:
    """`text` without terminal control characters (tab and newline kept)."""
    if _CONTROLS.search(text) is None:
        return text
    return _CONTROLS.sub("", text)


def first_control(text: str) -> int | None:
    """Where the first control character `strip_controls` would remove is, if any."""
    found = _CONTROLS.search(text)
    return found.start() if found else None


def single_line(text: str) -> str:
    """`text` safe for one line of a terminal: controls removed, line breaks as spaces."""
    cleaned = strip_controls(text)
    if "\n" in cleaned or "\t" in cleaned:
        cleaned = " ".join(cleaned.split())
    return cleaned


def escape_json_controls(line: str) -> str:
    r"""JSON text with DEL, C1 and bidi controls written as `\uXXXX` escapes.

    JSON only requires U+0000-U+001F to be escaped; a JSONL export printed to
    a terminal must not carry the others raw either.  The escaped text parses
    back to the same string.
    """
    if _JSON_RAW_CONTROLS.search(line) is None:
        return line
    return _JSON_RAW_CONTROLS.sub(lambda m: f"\\u{ord(m.group()):04x}", line)
