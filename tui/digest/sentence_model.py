"""Prose sentences -> kinds: a score per kind for each sentence, read in order.

Each sentence gets a score per kind from its features (`sentence_features`):
the sum of the weights `sentence_weights` holds for them.  The sentences are
then read together, Viterbi-style: the best sequence of kinds is the one
whose sentence scores plus the scores of each kind following the one before
it (summaries run TL;DR -> objective -> method -> results -> implications)
add up highest.  The weights were fitted on hand-labelled summaries and on
the archive's marked summaries (`sentence_fit`).

Some rules of the labelling conventions (LABELS.md) hold whatever the
scores say: a sentence opening with the digests' template phrase ("The main
objective is …", "Primary results show …") is of the kind it names; the
first sentence is the TL;DR or the objective, and the objective when it
asks a question or states an aim as its verb ("This paper investigates
whether …", "X aims to …"); no later sentence is a TL;DR; and a later
sentence is a limitation when, and only when, it states what the paper
leaves out or leaves unclear (`prose.states_limitation`).  A sentence's
own cue ("… the results of …" early on) keeps its kind possible.

Cost: a dict look-up per feature and 6x6 sums per sentence, none for a
sentence whose template phrase settles it; ~0.1 ms for a five-sentence summary.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Final

from tui.digest.model import SectionKind
from tui.digest.prose import firm_cue
from tui.digest.sentence_features import opening_cues, read_sentence, summary_is_cued
from tui.digest.sentence_weights import EMISSION, END, KINDS, START, TRANSITION

_TLDR: Final = KINDS.index("tldr")
_OBJECTIVE: Final = KINDS.index("objective")
_LIMITATIONS: Final = KINDS.index("limitations")
_NEVER: Final = float("-inf")
_OPENING: Final = frozenset((_TLDR, _OBJECTIVE))
_ASKING: Final = frozenset((_OBJECTIVE,))
_STATING_A_LIMIT: Final = frozenset((_LIMITATIONS,))
_LATER_BUT_LIMITS: Final = frozenset(k for k in range(len(KINDS)) if k not in (_TLDR, _LIMITATIONS))
_INDEX: Final[dict[SectionKind, int]] = {kind: index for index, kind in enumerate(KINDS)}
# The bag-of-words weights by word: the weights of "w:model" are _BAG["model"].
_BAG: Final = {name[2:]: weights for name, weights in EMISSION.items() if name.startswith("w:")}
# The move scores by the kind moved to (see `arriving`), for `best_path`.
_ARRIVING: Final = [[move[k] for move in TRANSITION] for k in range(len(KINDS))]


def prose_kinds(sentences: list[str]) -> list[SectionKind]:
    """The kind of each sentence of a prose run, read in order."""
    count = len(sentences)
    if not count:
        return []
    cues = opening_cues(sentences)
    cued = summary_is_cued(cues)
    table = []
    for index, sentence in enumerate(sentences):
        firm = firm_cue(sentence)
        if firm is not None:
            # its kind is settled, so its score is the same on every path: no need to weigh it
            table.append([0.0 if kind == firm else _NEVER for kind in KINDS])
            continue
        words, features = read_sentence(sentence, index, count, cued, cues[index], firm)
        table.append(enforce_rules(_scores(words, features), features, index, cues[index], firm))
    return [KINDS[k] for k in best_path(table, START, _ARRIVING, END)]


def _scores(words: list[str], features: list[str]) -> list[float]:
    """A sentence's score per kind: the sum of its features' weights.

    The same sum as over `sentence_features`, with the bag of words looked
    up by the words themselves (`_BAG`): no feature names to build.
    """
    found = [EMISSION.get(f) for f in features]
    found += map(_BAG.get, dict.fromkeys(words))
    weights = [w for w in found if w is not None]
    if not weights:
        return [0.0] * len(KINDS)
    return [sum(column) for column in zip(*weights, strict=True)]


def enforce_rules(
    scores: list[float], features: list[str], index: int, cue: SectionKind | None, firm: SectionKind | None
) -> list[float]:
    """`scores` with the kinds the labelling rules rule out for this sentence made impossible.

    The kind a sentence's own cue names (`cue`) always stays possible, and
    the one its template phrase names (`firm`: "The primary result is …")
    is the only one possible, wherever the sentence stands.
    """
    if firm is not None:
        only = _INDEX[firm]
        return [score if kind == only else _NEVER for kind, score in enumerate(scores)]
    if index == 0:
        asks = "askq0" in features or "aimv0" in features
        allowed = _ASKING if asks else _OPENING
    else:
        allowed = _STATING_A_LIMIT if "lim" in features else _LATER_BUT_LIMITS
    named = _INDEX.get(cue) if cue is not None else None
    return [score if kind in allowed or kind == named else _NEVER for kind, score in enumerate(scores)]


def arriving(moves: Sequence[Sequence[float]]) -> list[list[float]]:
    """The move scores by the kind moved to: the result's [k][j] is moves[j][k]."""
    return [[move[k] for move in moves] for k in range(len(moves))]


def best_path(
    table: list[list[float]],
    start: Sequence[float],
    columns: Sequence[Sequence[float]],
    end: Sequence[float],
) -> list[int]:
    """Viterbi: the kinds with the highest total of sentence scores and move scores.

    `columns[k][j]` scores kind k following kind j (`arriving`); `start` and
    `end` score the first and last kind.
    """
    kinds = range(len(start))
    best = [start[k] + table[0][k] for k in kinds]
    back: list[list[int]] = []
    for row in table[1:]:
        step = []
        came = []
        for k in kinds:
            if row[k] == _NEVER:  # ruled out: no need to find the best way in
                step.append(_NEVER)
                came.append(0)
                continue
            arriving = [score + move for score, move in zip(best, columns[k], strict=True)]
            top = max(arriving)
            came.append(arriving.index(top))
            step.append(top + row[k])
        best = step
        back.append(came)
    closing = [score + bonus for score, bonus in zip(best, end, strict=True)]
    last = closing.index(max(closing))
    path = [last]
    for came in reversed(back):
        path.append(came[path[-1]])
    path.reverse()
    return path
