"""Section-scoped search: `method:` finds words in the method section and nowhere else."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import archive_or_samples
from tests.discovery_fixtures import State, open_library, row, write_day
from tui.digest.model import SectionKind
from tui.store import Library
from tui.store.query import QueryError, fold, highlight_plan, parse_query


@pytest.fixture(scope="module")
def library(tmp_path_factory: pytest.TempPathFactory) -> Library:
    lib, _ = open_library(tmp_path_factory.mktemp("sections"), archive_or_samples())
    return lib


def _section(library: Library, index: int, kind: SectionKind) -> str | None:
    texts = [s.text for s in library.paper(index).sections if s.kind == kind]
    return fold("\n".join(texts)) if texts else None


@pytest.mark.parametrize(
    ("operator", "kind", "words"),
    [
        ("method", "methodology", "reinforcement learning"),
        ("methodology", "methodology", "transformer"),
        ("results", "results", "state-of-the-art"),
        ("objective", "objective", "benchmark"),
        ("implications", "implications", "practitioners"),
        ("tldr", "tldr", "diffusion"),
        ("limitations", "limitations", "the"),
    ],
)
def test_a_section_field_matches_exactly_the_papers_whose_section_says_it(
    library: Library, operator: str, kind: SectionKind, words: str
) -> None:
    hits = set(library.search(f'{operator}:"{words}"', State()))
    expected = {i for i in range(len(library)) if words in (_section(library, i, kind) or "")}
    assert hits == expected
    assert hits or kind == "limitations"  # the words occur, so the test can fail


def test_method_does_not_match_the_same_words_elsewhere_in_the_summary(library: Library) -> None:
    anywhere = set(library.search('"reinforcement learning"', State()))
    in_method = set(library.search('method:"reinforcement learning"', State()))
    assert in_method < anywhere  # strictly fewer: some papers say it only in their results or title
    outside = anywhere - in_method
    assert all("reinforcement learning" not in (_section(library, i, "methodology") or "") for i in outside)


def test_two_section_fields_must_both_hold(library: Library) -> None:
    both = set(library.search('method:"reinforcement learning" results:"state-of-the-art"', State()))
    method = set(library.search('method:"reinforcement learning"', State()))
    results = set(library.search('results:"state-of-the-art"', State()))
    assert both == method & results
    assert both


def test_a_paper_without_the_section_does_not_match_even_a_negated_word(tmp_path: Path) -> None:
    write_day(
        tmp_path / "a",
        "2025-03-03",
        [
            row("2503.00001", "Only prose", "This paper is about cats and nothing else at all."),
            row(
                "2503.00002",
                "Structured",
                "a) Objective: study dogs. b) Methodology: train a dog model. c) Results: dogs win.",
            ),
        ],
    )
    library, _ = open_library(tmp_path / "data", tmp_path / "a")

    def ids(query: str) -> list[str | None]:
        return [library.paper(i).arxiv_id for i in library.search(query, State())]

    assert ids("method:dog") == ["2503.00002"]
    assert ids("-method:cat") == ["2503.00002"]  # the prose paper has no method section at all
    assert ids("-method:dog") == []
    assert ids("cats") == ["2503.00001"]


def test_section_fields_parse_with_phrases_and_negation() -> None:
    query = parse_query('method:"Reinforcement  Learning" -results:sota title:x')
    assert [(t.text, t.field, t.negated) for t in query.terms] == [
        ("reinforcement learning", "methodology", False),
        ("sota", "results", True),
        ("x", "title", False),
    ]
    with pytest.raises(QueryError, match="needs a value"):
        parse_query("method:")


def test_typing_a_section_field_after_the_word_narrows_the_search() -> None:
    assert parse_query("method:diffusion").narrows(parse_query("diffusion"))
    assert not parse_query("diffusion").narrows(parse_query("method:diffusion"))


def test_the_highlight_plan_puts_a_method_word_in_the_method_section_only() -> None:
    query = parse_query("method:reward agent")
    plan = highlight_plan(query.positive_terms)
    assert [t.text for t in plan["*"]] == ["agent"]
    assert [t.text for t in plan["methodology"]] == ["agent", "reward"]
    assert [t.text for t in plan["results"]] == ["agent"]
