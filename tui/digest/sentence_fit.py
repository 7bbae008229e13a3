"""Fit the sentence model and write its weights: `python -m tui.digest.sentence_fit`.

    paperbrowse export --format jsonl ARCHIVE > export.jsonl
    python -m tui.digest.sentence_fit export.jsonl LABELS.jsonl [LABELS.jsonl …]
        [--out tui/digest/sentence_weights.py] [--folds 5 --seed 0]

Two kinds of examples (`sentence_training` learns from both):

- hand-labelled papers (LABELS.md's format: units and a kind for each):
  each prose run the parser reads (`summary.prose_runs`) becomes a run of
  sentences, each with the kind of the unit it opens;
- the archive's other marked summaries (`a) … e)`, `i) … v)`), which label
  themselves: each sentence has its part's kind.  They teach the words of
  each kind, not where a kind stands (their order is their layout's).

`--folds K` reports K-fold cross-validated accuracy (papers held out whole)
instead of writing weights.  Fitting is repeatable: the same summaries,
labels and seed give the same weights file, in whatever order they come.
"""

from __future__ import annotations

import argparse
import json
import random
import re
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Final

from tui.digest.model import SectionKind
from tui.digest.sentence_training import KINDS, Perceptron, Run, features_of, fit

_WS = re.compile(r"\s+")
# A unit's leading marker and bold label, as check-sections strips them.
_LEAD = re.compile(r"^(?:(?:[a-e]|i{1,3}|iv|v)\)\s+|\d\.\s+)?(?:\*\*[^*]{1,60}\*\*:?\s*)?:?\s*")
_PROBE: Final = 35
Key = tuple[str, str]  # date, arXiv id


@dataclass(frozen=True, slots=True)
class Label:
    """One hand-labelled paper: its summary's units and each unit's kind (or "drop")."""

    key: Key
    units: tuple[str, ...]
    kinds: tuple[str, ...]


def read_labels(path: Path) -> list[Label]:
    """The labelled papers of a LABELS.md-format JSONL file."""
    labels = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip():
            record = json.loads(line)
            key = (record["date"], record["arxiv_id"])
            labels.append(Label(key, tuple(record["units"]), tuple(record["kinds"])))
    return labels


def read_summaries(path: Path) -> dict[Key, str]:
    """Each paper's summary, from a `paperbrowse export --format jsonl`."""
    summaries = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip():
            record = json.loads(line)
            summaries[record["date"], record["arxiv_id"]] = record["summary"]
    return summaries


def _clean(text: str) -> str:
    return _WS.sub(" ", text.replace("**", "")).strip().lower()


def labelled_runs(labels: Sequence[Label], summaries: dict[Key, str]) -> list[tuple[Key, Run]]:
    """The prose runs of labelled papers, each sentence with its unit's kind.

    A run with a sentence no unit accounts for (or a dropped one) is left out.
    """
    from tui.digest.summary import prose_runs

    found = []
    for label in sorted(
        labels, key=lambda label: label.key
    ):  # sorted: the fit is the same whatever the order
        units = [_clean(_LEAD.sub("", _WS.sub(" ", unit).strip())) for unit in label.units]
        for sentences in prose_runs(summaries[label.key]):
            kinds = [_kind_of(sentence, units, label.kinds) for sentence in sentences]
            known = [kind for kind in kinds if kind is not None]
            if len(known) == len(sentences):
                found.append((label.key, (sentences, known)))
    return found


def _kind_of(sentence: str, units: list[str], kinds: tuple[str, ...]) -> SectionKind | None:
    """The kind of the unit the sentence opens (else of a unit opening inside it)."""
    text = _clean(sentence)
    probe = text[:_PROBE]
    found = next((kind for unit, kind in zip(units, kinds, strict=True) if probe and probe in unit), None)
    if found is None:
        found = next(
            (k for u, k in zip(units, kinds, strict=True) if k != "drop" and u and u[:_PROBE] in text), None
        )
    return next((kind for kind in KINDS if kind == found), None)


def marked_runs(summaries: dict[Key, str], leave_out: set[Key]) -> list[Run]:
    """The sentences of the archive's `a) … e)` and `i) … v)` summaries, each with its part's kind."""
    from tui.digest.followups import split_followups
    from tui.digest.layouts import LETTER_KINDS, ROMAN_KINDS, marked_layout
    from tui.digest.preamble import preamble_end
    from tui.digest.sentences import sentence_spans
    from tui.digest.summary import parse_summary

    runs = []
    for key, text in sorted(summaries.items()):  # sorted: the fit is the same whatever the order
        end, _ = split_followups(text)
        start = preamble_end(text, end)
        layout = marked_layout(text, start, end)
        if key in leave_out or layout is None or layout.kinds not in (ROMAN_KINDS, LETTER_KINDS):
            continue
        if text[start : layout.marks[0].start].strip():
            continue  # prose before the markers: its kinds come from the model, not the layout
        sections = parse_summary(text).sections
        if any(section.kind not in KINDS for section in sections):
            continue
        sentences = [s.text[a:b] for s in sections for a, b in sentence_spans(s.text, 0, len(s.text))]
        kinds = [s.kind for s in sections for _ in sentence_spans(s.text, 0, len(s.text))]
        runs.append((sentences, kinds))
    return runs


def write_weights(model: Perceptron, path: Path, prune: float, note: str) -> int:
    """Write the weights module; a feature whose weights all stay under `prune` is left out."""
    rows: dict[str, list[float]] = defaultdict(lambda: [0.0] * len(KINDS))
    for (feature, kind), value in model.emission.items():
        rows[feature][kind] = value
    kept = {feature: row for feature, row in sorted(rows.items()) if max(map(abs, row)) >= prune}

    def number(value: float) -> str:
        return f"{round(value, 2) + 0.0:g}"  # + 0.0: no "-0"

    def numbers(values: Sequence[float]) -> str:
        return "(" + ", ".join(map(number, values)) + ")"

    moves = ",\n    ".join(numbers(row) for row in model.moves())
    kinds = "\n".join(f'    "{kind}",' for kind in KINDS)
    table = "\n".join(f"{feature} {' '.join(map(number, row))}" for feature, row in kept.items())
    source = f'''"""Weights of the sentence model, by `python -m tui.digest.sentence_fit`: do not edit.

{note}
"""

from __future__ import annotations

from typing import Final

from tui.digest.model import SectionKind

KINDS: Final[tuple[SectionKind, ...]] = (
{kinds}
)
# Score of a run starting, and ending, with each kind; of each kind following each kind.
START: Final[tuple[float, ...]] = {numbers(model.start())}
END: Final[tuple[float, ...]] = {numbers(model.end())}
TRANSITION: Final[tuple[tuple[float, ...], ...]] = (
    {moves},
)
# Each feature's weight per kind (in KINDS order), a feature a line: as one string
# this module compiles and loads several times faster than as a dict literal.
_TABLE: Final = """\\
{table}
"""
EMISSION: Final[dict[str, tuple[float, ...]]] = {{
    name: tuple(map(float, weights)) for name, *weights in (line.split() for line in _TABLE.splitlines())
}}
'''
    path.write_text(source, encoding="utf-8")
    return len(kept)


@dataclass(frozen=True, slots=True)
class Score:
    """Cross-validated accuracy: sentences right, and runs with every sentence right."""

    sentences_right: int
    sentences: int
    runs_right: int
    runs: int

    def __str__(self) -> str:
        sentences = f"{self.sentences_right}/{self.sentences} = {self.sentences_right / self.sentences:.1%}"
        return (
            f"sentences {sentences}, runs {self.runs_right}/{self.runs} = {self.runs_right / self.runs:.1%}"
        )


def cross_validate(
    runs: list[tuple[Key, Run]], marked: Sequence[Run], folds: int, seed: int, epochs: int
) -> Score:
    """Each paper's runs decoded by weights fitted without that paper."""
    papers = sorted({key for key, _ in runs})
    random.Random(seed).shuffle(papers)
    right = total = runs_right = 0
    for fold in range(folds):
        held = set(papers[fold::folds])
        model = fit([run for key, run in runs if key not in held], marked, epochs, seed=seed)
        for key, (sentences, kinds) in runs:
            if key in held:
                guess = [KINDS[k] for k in model.decode(features_of(sentences))]
                hits = sum(g == k for g, k in zip(guess, kinds, strict=True))
                right, total, runs_right = right + hits, total + len(kinds), runs_right + (hits == len(kinds))
    return Score(right, total, runs_right, len(runs))


def main(argv: Sequence[str] | None = None) -> int:
    """Fit and write the weights, or cross-validate them."""
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("export", type=Path, help="`paperbrowse export --format jsonl` of the archive")
    parser.add_argument("labels", type=Path, nargs="+", help="hand labels (LABELS.md format)")
    parser.add_argument("--out", type=Path, default=Path(__file__).with_name("sentence_weights.py"))
    parser.add_argument(
        "--folds", type=int, default=0, help="cross-validate with this many folds; write nothing"
    )
    parser.add_argument("--epochs", type=int, default=10)
    parser.add_argument("--prune", type=float, default=0.5)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args(argv)
    summaries = read_summaries(args.export)
    labels = [label for path in args.labels for label in read_labels(path)]
    runs = labelled_runs(labels, summaries)
    marked = marked_runs(summaries, {label.key for label in labels})
    sentences = sum(len(run[0]) for _, run in runs)
    print(f"{len(runs)} labelled prose runs ({sentences} sentences), {len(marked)} marked summaries")
    if args.folds:
        print(f"{args.folds}-fold: {cross_validate(runs, marked, args.folds, args.seed, args.epochs)}")
        return 0
    model = fit([run for _, run in runs], marked, args.epochs, seed=args.seed)
    names = ", ".join(path.name for path in args.labels)
    note = (
        f"Fitted on {len(runs)} prose runs of hand-labelled papers ({names})\n"
        f"and {len(marked)} marked summaries of the archive; {args.epochs} epochs, seed {args.seed};\n"
        f"features whose weights all stay under {args.prune} left out."
    )
    print(f"wrote {write_weights(model, args.out, args.prune, note)} features to {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
