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
sentence stating what the paper leaves out is a limitation.  A sentence's
own cue ("… the results of …" early on) keeps its kind possible.

Cost: a dict look-up per feature and 6x6 sums per sentence; ~0.1 ms for a
five-sentence summary.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Final

from tui.digest.model import SectionKind
from tui.digest.prose import firm_cue
from tui.digest.sentence_features import opening_cues, sentence_features, summary_is_cued
from tui.digest.sentence_weights import EMISSION, END, KINDS, START, TRANSITION

_TLDR: Final = KINDS.index("tldr")
_OBJECTIVE: Final = KINDS.index("objective")
_LIMITATIONS: Final = KINDS.index("limitations")
_NEVER: Final = float("-inf")
_OPENING: Final = frozenset((_TLDR, _OBJECTIVE))
_ASKING: Final = frozenset((_OBJECTIVE,))
_STATING_A_LIMIT: Final = frozenset((_LIMITATIONS,))
_LATER: Final = frozenset(k for k in range(len(KINDS)) if k != _TLDR)
_INDEX: Final[dict[SectionKind, int]] = {kind: index for index, kind in enumerate(KINDS)}


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
        features = sentence_features(sentence, index, count, cued, cues[index], firm)
        table.append(enforce_rules(_scores(features), features, index, cues[index], firm))
    return [KINDS[k] for k in best_path(table, START, TRANSITION, END)]


def _scores(features: list[str]) -> list[float]:
    """A sentence's score per kind: the sum of its features' weights."""
    t = o = m = r = i = lim = 0.0  # unrolled over the six kinds: the parser's inner loop
    get = EMISSION.get
    for feature in features:
        weights = get(feature)
        if weights is not None:
            t += weights[0]
            o += weights[1]
            m += weights[2]
            r += weights[3]
            i += weights[4]
            lim += weights[5]
    return [t, o, m, r, i, lim]


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
        allowed = _STATING_A_LIMIT if "lim" in features else _LATER
    named = _INDEX.get(cue) if cue is not None else None
    return [score if kind in allowed or kind == named else _NEVER for kind, score in enumerate(scores)]


def best_path(
    table: list[list[float]],
    start: Sequence[float],
    moves: Sequence[Sequence[float]],
    end: Sequence[float],
) -> list[int]:
    """Viterbi: the kinds with the highest total of sentence scores and move scores.

    `moves[j][k]` scores kind k following kind j; `start` and `end` score
    the first and last kind.
    """
    kinds = range(len(start))
    columns = [[move[k] for move in moves] for k in kinds]  # columns[k][j] = moves[j][k]
    best = [start[k] + table[0][k] for k in kinds]
    back: list[list[int]] = []
    for row in table[1:]:
        step = []
        came = []
        for k in kinds:
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
