"""Learning the sentence model's weights: an averaged structured perceptron.

The perceptron (Collins, 2002) decodes each labelled run of sentences with
the current weights, exactly as the parser does (`sentence_model`), and
where the decoded kinds differ from the labels moves the weights toward the
labels' features and transitions, away from the guess's.  The weights kept
are the average over every step, which generalises much better than the
last ones.  Sentences labelled by a layout rather than by hand (see
`sentence_fit`) train the sentence scores alone, one sentence at a time,
without the features of place and at a smaller step.  Pure Python: a few
seconds for the shared labels and archive.
"""

from __future__ import annotations

import random
from collections import defaultdict
from collections.abc import Sequence
from typing import Final

from tui.digest.model import SectionKind
from tui.digest.prose import firm_cue
from tui.digest.sentence_features import is_place_feature, opening_cues, sentence_features, summary_is_cued
from tui.digest.sentence_model import arriving, best_path, enforce_rules

KINDS: Final[tuple[SectionKind, ...]] = (
    "tldr",
    "objective",
    "methodology",
    "results",
    "implications",
    "limitations",
)
_START: Final = -1
_END: Final = len(KINDS)
Run = tuple[list[str], list[SectionKind]]  # sentences and their kinds


def features_of(sentences: list[str]) -> list[list[str]]:
    """Each sentence's features, as the parser computes them."""
    cues = opening_cues(sentences)
    cued = summary_is_cued(cues)
    count = len(sentences)
    return [sentence_features(s, i, count, cued, cues[i], firm_cue(s)) for i, s in enumerate(sentences)]


def _named(features: list[str], prefix: str) -> SectionKind | None:
    """The kind a sentence's "cue:" or "firm:" feature names, if it has one."""
    named = next((f.removeprefix(prefix) for f in features if f.startswith(prefix)), None)
    return next((kind for kind in KINDS if kind == named), None)


class Perceptron:
    """Weights per (feature, kind) and per (kind, next kind), with their running sums."""

    def __init__(self) -> None:
        self.emission: dict[tuple[str, int], float] = defaultdict(float)
        self.transition: dict[tuple[int, int], float] = defaultdict(float)  # _START / _END for the edges
        self._emission_sums: dict[tuple[str, int], float] = defaultdict(float)
        self._transition_sums: dict[tuple[int, int], float] = defaultdict(float)
        self._step = 1

    def scores(self, features: list[str]) -> list[float]:
        """One sentence's score per kind."""
        return [sum(self.emission.get((f, k), 0.0) for f in features) for k in range(len(KINDS))]

    def start(self) -> list[float]:
        """Scores of a run starting with each kind."""
        return [self.transition.get((_START, k), 0.0) for k in range(len(KINDS))]

    def end(self) -> list[float]:
        """Scores of a run ending with each kind."""
        return [self.transition.get((k, _END), 0.0) for k in range(len(KINDS))]

    def moves(self) -> list[list[float]]:
        """moves[j][k]: the score of kind k following kind j."""
        return [[self.transition.get((j, k), 0.0) for k in range(len(KINDS))] for j in range(len(KINDS))]

    def decode(self, run: list[list[str]]) -> list[int]:
        """The best kinds for a run of sentences' features, under the parser's rules."""
        table = [
            enforce_rules(self.scores(f), f, i, _named(f, "cue:"), _named(f, "firm:"))
            for i, f in enumerate(run)
        ]
        return best_path(table, self.start(), arriving(self.moves()), self.end())

    def _nudge(self, feature: str, kind: int, by: float) -> None:
        self.emission[feature, kind] += by
        self._emission_sums[feature, kind] += self._step * by

    def _nudge_move(self, move: tuple[int, int], by: float) -> None:
        self.transition[move] += by
        self._transition_sums[move] += self._step * by

    def learn_run(self, run: list[list[str]], gold: list[int]) -> None:
        """One step on a labelled run: where decoding it goes wrong, move toward the labels."""
        guess = self.decode(run)
        if guess != gold:
            for features, want, have in zip(run, gold, guess, strict=True):
                if want != have:
                    for feature in features:
                        self._nudge(feature, want, 1.0)
                        self._nudge(feature, have, -1.0)
            for kinds, sign in ((gold, 1.0), (guess, -1.0)):
                previous = _START
                for kind in kinds:
                    self._nudge_move((previous, kind), sign)
                    previous = kind
                self._nudge_move((previous, _END), sign)
        self._step += 1

    def learn_sentence(self, features: list[str], gold: int, scale: float) -> None:
        """One step on one sentence by its own scores (no order), `scale` the step's size."""
        scores = self.scores(features)
        guess = max(range(len(KINDS)), key=scores.__getitem__)
        if guess != gold:
            for feature in features:
                self._nudge(feature, gold, scale)
                self._nudge(feature, guess, -scale)
        self._step += 1

    def averaged(self) -> Perceptron:
        """The weights averaged over every step taken."""
        model = Perceptron()
        for key, value in self.emission.items():
            model.emission[key] = value - self._emission_sums[key] / self._step
        for move, value in self.transition.items():
            model.transition[move] = value - self._transition_sums[move] / self._step
        return model


def fit(
    labelled: Sequence[Run],
    marked: Sequence[Run],
    epochs: int = 10,
    marked_scale: float = 0.3,
    seed: int = 0,
) -> Perceptron:
    """Averaged weights from labelled runs (read in order) and marked ones (sentence by sentence)."""
    runs = [(features_of(sentences), [KINDS.index(k) for k in kinds]) for sentences, kinds in labelled]
    singles = [
        ([f for f in features if not is_place_feature(f)], KINDS.index(kind))
        for sentences, kinds in marked
        for features, kind in zip(features_of(sentences), kinds, strict=True)
    ]
    # one shuffled list of steps, so labelled and marked examples interleave
    steps: list[tuple[int, int]] = [(0, i) for i in range(len(runs))] + [(1, i) for i in range(len(singles))]
    model = Perceptron()
    shuffle = random.Random(seed).shuffle
    for _ in range(epochs):
        shuffle(steps)
        for source, index in steps:
            if source == 0:
                model.learn_run(*runs[index])
            else:
                model.learn_sentence(*singles[index], marked_scale)
    return model.averaged()
