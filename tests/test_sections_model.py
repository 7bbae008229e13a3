"""The sentence model behind prose sections: its rules, its fast path, its weights,
and (with the shared archive) every summary of the archive read the way its hand
labels say."""

from __future__ import annotations

import importlib.machinery
import importlib.util
import itertools
import json
from functools import cache
from pathlib import Path
from types import ModuleType

import pytest

from tests.conftest import ARCHIVE, SHARED, TESTS
from tui.digest import sentence_model
from tui.digest.prose import firm_cue
from tui.digest.reader import parse_bytes_rows
from tui.digest.sentence_features import opening_cues, read_sentence, sentence_features, summary_is_cued
from tui.digest.sentence_model import prose_kinds
from tui.digest.sentence_weights import EMISSION
from tui.digest.summary import parse_summary, prose_runs

DEV_LABELS = SHARED / "corpus" / "labels-dev.jsonl"
EXTRA_LABELS = TESTS / "fixtures" / "labels-extra.jsonl"
CHECK_SECTIONS = SHARED / "tools" / "check-sections"
WEIGHTS = Path(sentence_model.__file__).with_name("sentence_weights.py")
needs_archive = pytest.mark.skipif(not ARCHIVE.is_dir(), reason="needs the shared archive")

RUN = [
    "This paper introduces WILDVIS, an interactive tool for exploring large conversational datasets.",
    "The tool employs filter-based retrieval and embedding-based visualization to navigate conversations.",
    "Experiments show WILDVIS scales to millions of conversations with 95% faster search.",
    "For AI engineers, WILDVIS offers a valuable resource for understanding user behavior.",
]


def test_an_overview_then_method_results_implications() -> None:
    assert prose_kinds(RUN) == ["tldr", "methodology", "results", "implications"]


def test_an_opening_question_or_aim_is_the_objective() -> None:
    assert (
        prose_kinds(["This paper investigates whether entities help sparse retrieval.", *RUN[1:]])[0]
        == "objective"
    )
    assert prose_kinds(["AutoDAN-Turbo aims to discover jailbreak strategies.", *RUN[1:]])[0] == "objective"
    # an overview that "investigates X" (no question) stays the TL;DR
    assert (
        prose_kinds(["This paper investigates the extent of hallucination in LLMs.", *RUN[1:]])[0] == "tldr"
    )


def test_a_template_cue_decides_wherever_it_stands() -> None:
    assert prose_kinds(["The primary result shows a 12.5% gain on the benchmark.", *RUN[1:]])[0] == "results"
    assert prose_kinds([RUN[0], "The main research objective is to test Y.", *RUN[1:]])[1] == "objective"


def test_no_later_tldr_and_stated_limitations() -> None:
    kinds = prose_kinds([*RUN, "The paper does not specify the size of the training set."])
    assert kinds[-1] == "limitations"
    assert "tldr" not in kinds[1:]


def test_a_run_of_one_or_none() -> None:
    assert prose_kinds([]) == []
    assert prose_kinds([RUN[0]]) in (["tldr"], ["objective"])


def test_fast_scores_are_the_sum_of_the_feature_weights() -> None:
    # the parser weighs the bag of words by word, not by feature name: the same sum
    cues = opening_cues(RUN)
    cued = summary_is_cued(cues)
    for index, sentence in enumerate(RUN):
        firm = firm_cue(sentence)
        features = sentence_features(sentence, index, len(RUN), cued, cues[index], firm)
        expected = [sum(EMISSION.get(f, (0.0,) * 6)[k] for f in features) for k in range(6)]
        words, others = read_sentence(sentence, index, len(RUN), cued, cues[index], firm)
        assert sentence_model._scores(words, others) == pytest.approx(expected)


def test_prose_runs_are_what_the_model_reads() -> None:
    text = "Here is a summary: " + " ".join(RUN) + " Follow-up questions: 1. Why?"
    assert [[s.strip() for s in run] for run in prose_runs(text)] == [RUN]
    marked = "a) The research aims to do X. b) The authors train Y. c) It reaches 5%. d) Use it."
    assert prose_runs(marked) == []


# -- With the shared archive --------------------------------------------------------------


@cache
def archive_summaries() -> dict[tuple[str, str], str]:
    """Each paper's summary in the shared archive, by (date, arXiv id)."""
    summaries: dict[tuple[str, str], str] = {}
    for path in sorted(ARCHIVE.rglob("*.md")):
        for row in parse_bytes_rows(path.read_bytes(), str(path)).rows:
            if row.arxiv_id:
                summaries.setdefault((row.date, row.arxiv_id), row.summary)
    return summaries


def check_sections() -> ModuleType:
    """The shared scorer, loaded as a module (it has no .py suffix)."""
    loader = importlib.machinery.SourceFileLoader("check_sections", str(CHECK_SECTIONS))
    spec = importlib.util.spec_from_loader("check_sections", loader)
    assert spec is not None
    module = importlib.util.module_from_spec(spec)
    loader.exec_module(module)
    return module


@needs_archive
@pytest.mark.parametrize("labels", [DEV_LABELS, EXTRA_LABELS], ids=["dev", "extra"])
def test_labelled_papers_read_right(labels: Path) -> None:
    if not CHECK_SECTIONS.exists() or not labels.exists():
        pytest.skip("needs the shared labels and scorer")
    judge = check_sections().judge
    summaries = archive_summaries()
    papers = units = right_papers = right_units = 0
    for line in labels.read_text(encoding="utf-8").splitlines():
        label = json.loads(line)
        text = summaries[label["date"], label["arxiv_id"]]
        sections = [{"kind": s.kind, "text": s.text} for s in parse_summary(text).sections]
        right, count, problems = judge(label, sections)
        papers, units = papers + 1, units + count
        right_papers, right_units = right_papers + (not problems), right_units + right
    # the labels the weights were fitted on: a guard against regressions, not a measure
    assert right_papers >= 0.95 * papers
    assert right_units >= 0.98 * units


@needs_archive
def test_every_summary_of_the_archive_reads_cleanly() -> None:
    for text in archive_summaries().values():
        sections = parse_summary(text).sections
        assert sections or not text.strip()
        for section in sections:
            assert section.text and section.text in text
            assert not section.text.startswith(("**", "i) ", "ii) ", "a) ", "b) "))
        for a, b in itertools.pairwise(sections):
            assert a.kind != b.kind


@needs_archive
def test_the_weights_are_what_fitting_gives(tmp_path: Path) -> None:
    # sentence_weights.py is written by `python -m tui.digest.sentence_fit`; refitting
    # on the same labels and archive must give it back, byte for byte
    if not DEV_LABELS.exists():
        pytest.skip("needs the shared labels")
    from tui.digest.sentence_fit import labelled_runs, marked_runs, read_labels, write_weights
    from tui.digest.sentence_training import fit

    summaries = archive_summaries()
    labels = read_labels(DEV_LABELS) + read_labels(EXTRA_LABELS)
    runs = labelled_runs(labels, summaries)
    marked = marked_runs(summaries, {label.key for label in labels})
    model = fit([run for _, run in runs], marked)
    note = WEIGHTS.read_text(encoding="utf-8").split('"""')[1].split("\n\n", 1)[1].rstrip("\n")
    out = tmp_path / "weights.py"
    write_weights(model, out, 0.5, note)
    assert out.read_text(encoding="utf-8") == WEIGHTS.read_text(encoding="utf-8")
