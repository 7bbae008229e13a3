"""Follow-up questions: where they start in a summary, and the questions.

"Follow-up questions:", "Here are some follow-up questions an AI practitioner
might ask:", "**Follow-Up Questions:**" and the like start the list; items are
numbered 1., 2., 3. …, and a number only starts an item after the end of a
clause, so "as in Figure 4. of" or "Section 3.1" stay inside a question.
"""

from __future__ import annotations

import re
from typing import Final

from tui.digest.spans import trim

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


def split_followups(text: str) -> tuple[int, tuple[str, ...]]:
    """Where the summary proper ends, and the follow-up questions after it."""
    trigger = _FOLLOWUP_TRIGGER.search(text) if "ollow" in text else None
    if not trigger:
        return len(text), ()
    lead = _FOLLOWUP_LEAD.search(text, max(0, trigger.start() - 80), trigger.start())
    body_end = lead.start() if lead else trigger.start()
    return body_end, _followup_items(text[trigger.end() :])


def _followup_items(rest: str) -> tuple[str, ...]:
    """The numbered (or bulleted) questions after a follow-up trigger."""
    starts = _numbered_item_starts(rest)
    if len(starts) < 1:
        starts = [(m.start(), m.end()) for m in _BULLET.finditer(rest)]
        if not starts:
            question = trim(rest)
            return (question,) if question else ()
    items: list[str] = []
    for index, (_, text_start) in enumerate(starts):
        end = starts[index + 1][0] if index + 1 < len(starts) else len(rest)
        item = trim(rest[text_start:end])
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
