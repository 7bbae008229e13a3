"""The query language: every operator, ranking, and malformed queries."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import pytest

from tests.conftest import FIXTURES
from tui.store import Store
from tui.store.library import Library
from tui.store.query import DateFilter, QueryError, Term, fold, parse_query
from tui.store.search import highlight_spans


@dataclass
class State:
    starred: set[str] = field(default_factory=set)
    read: set[str] = field(default_factory=set)
    notes: dict[str, str] = field(default_factory=dict)
    tags: dict[str, set[str]] = field(default_factory=dict)


@pytest.fixture
def library(tmp_path: Path) -> Library:
    lib, _ = Store(tmp_path / "d").open_library(
        [
            FIXTURES / "read_more_on.md",
            FIXTURES / "multiline_title.md",
            FIXTURES / "dash_read_more.md",
            FIXTURES / "pipes_in_summary.md",
            FIXTURES / "split_day",
        ]
    )
    return lib


def ids(library: Library, query: str, state: State | None = None) -> list[str | None]:
    return [library.paper(i).arxiv_id for i in library.search(query, state or State())]


def test_words_are_anded_case_and_accent_insensitive(library: Library) -> None:
    assert ids(library, "SEARCH agents") == ["2510.24668"]
    assert ids(library, "search planner") == []
    assert ids(library, "d²po") == ["2503.10480"]
    assert fold("Él Niño") == "el nino"


def test_phrase_and_exclusion(library: Library) -> None:
    assert ids(library, '"state prediction"') == ["2503.10480"]
    assert ids(library, '"prediction state"') == []
    assert "2510.24668" not in ids(library, "paper -interactcomp")
    assert ids(library, 'agentic -"open-source"') == []


def test_field_scopes(library: Library) -> None:
    assert ids(library, "title:planner") == ["2503.10480"]
    assert ids(library, "author:jinlan") == ["2503.10480"]
    assert ids(library, "author:planner") == []
    assert ids(library, 'title:"technical report"') == ["2510.24701"]


def test_dates_prefix_and_ranges(library: Library) -> None:
    assert set(ids(library, "date:2025-10")) == {"2510.24668", "2510.24701"}
    assert set(ids(library, "date:2025")) == {
        "2510.24668",
        "2510.24701",
        "2503.10480",
        "2503.11111",
        "2509.15248",
        "2503.00007",
        "2503.00008",
    }
    assert set(ids(library, "date:2025-03-06..2025-09-30")) == {
        "2509.15248",
        "2503.00007",
        "2503.00008",
        "2503.10480",
        "2503.11111",
    }
    assert set(ids(library, "date:2025-03-07..2025-09-30")) == {"2509.15248", "2503.10480", "2503.11111"}
    assert set(ids(library, "date:..2024-12")) == {"2409.03810"}
    assert set(ids(library, "date:2025-10-01..")) == {"2510.24668", "2510.24701"}
    assert DateFilter("2025-03", "2025-03").matches("2025-03-31")


def test_state_operators(library: Library) -> None:
    state = State(starred={"2503.10480"}, read={"2510.24668"}, notes={"2409.03810": "good"})
    assert ids(library, "is:starred", state) == ["2503.10480"]
    assert "2510.24668" not in ids(library, "is:unread", state)
    assert ids(library, "is:read", state) == ["2510.24668"]
    assert ids(library, "has:note", state) == ["2409.03810"]
    assert "2503.10480" not in ids(library, "-is:starred", state)


def test_has_followups(tmp_path: Path) -> None:
    folder = tmp_path / "a"
    folder.mkdir()
    (folder / "2025-01-02.md").write_text(
        "## Papers for 2025-01-02\n\n| Title | Authors | Summary |\n|---|---|---|\n"
        "| Asks (Read more on [arXiv](https://arxiv.org/abs/2501.00001) or [HuggingFace](https://huggingface.co/papers/2501.00001))| A | "
        "a) Aim. b) Method. c) Result. d) Use. Follow-up questions: 1. Why? 2. How? |\n"
        "| Quiet (Read more on [arXiv](https://arxiv.org/abs/2501.00002) or [HuggingFace](https://huggingface.co/papers/2501.00002))| A | Plain. |\n"
    )
    lib, _ = Store(tmp_path / "d").open_library([folder])
    assert ids(lib, "has:followups") == ["2501.00001"]


def test_titles_rank_above_summaries(tmp_path: Path) -> None:
    folder = tmp_path / "a"
    folder.mkdir()
    row = (
        "| {t} (Read more on [arXiv](https://arxiv.org/abs/{i}) or [HuggingFace](https://huggingface.co/papers/{i}))"
        "| {a} | {s} |\n"
    )
    (folder / "2025-01-02.md").write_text(
        "## Papers for 2025-01-02\n\n| Title | Authors | Summary |\n|---|---|---|\n"
        + row.format(t="Plain words", i="2501.00001", a="A", s="Mentions diffusion once.")
        + row.format(t="Other words", i="2501.00002", a="Diffusion Lab", s="Nothing.")
        + row.format(t="Diffusion in the title", i="2501.00003", a="A", s="Nothing.")
    )
    lib, _ = Store(tmp_path / "d").open_library([folder])
    assert ids(lib, "diffusion") == ["2501.00003", "2501.00002", "2501.00001"]


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("is:famous", "is:famous is not known"),
        ("has:pdf", "has:pdf is not known"),
        ("date:March", "is not a date"),
        ("date:2025-04..2025-03", "ends before it starts"),
        ("date:2025-13", "is not a date"),
        ("date:2025-00", "is not a date"),
        ("date:2025-10-32", "is not a date"),
        ("date:2025-01..2025-14", "is not a date"),
        ("title:", "needs a value"),
        ("is:", "needs a value"),
    ],
)
def test_malformed_queries_explain_themselves(query: str, message: str) -> None:
    with pytest.raises(QueryError, match=message):
        parse_query(query)


def test_unclosed_quote_is_forgiven_with_a_note() -> None:
    query = parse_query('"world mod')
    assert query.terms == (Term("world mod"),)
    assert query.notes


def test_unknown_word_colon_is_plain_text() -> None:
    assert parse_query("note:taking").terms == (Term("note:taking"),)


def test_narrowing_is_exact() -> None:
    assert parse_query("diffusion").narrows(parse_query("diff"))
    assert parse_query("diff video").narrows(parse_query("diff"))
    assert parse_query("title:agent").narrows(parse_query("agent"))
    assert not parse_query("title:a").narrows(parse_query("title"))
    assert not parse_query("-web").narrows(parse_query("-webs"))
    assert not parse_query("agent").narrows(parse_query("agent is:starred"))


def test_highlight_spans_follow_original_text() -> None:
    text = "Café Agents and agentic AGENTS"
    spans = highlight_spans(text, (Term("agent"), Term("cafe")))
    assert [text[a:b] for a, b in spans] == ["Café", "Agent", "agent", "AGENT"]


# -- cat: and upvotes: (fetched metadata) ---------------------------------------------------


@dataclass
class Meta:
    categories: dict[str, tuple[str, ...]] = field(default_factory=dict)
    upvotes: dict[str, int] = field(default_factory=dict)
    loads: int = 0

    def __call__(self) -> Meta:
        self.loads += 1
        return self


def meta_ids(library: Library, query: str, meta: Meta) -> set[str | None]:
    hits = library.index.search(parse_query(query), State(), library.date, meta=meta)
    return {library.paper(i).arxiv_id for i in hits}


@pytest.fixture
def meta() -> Meta:
    return Meta(
        categories={
            "2510.24668": ("cs.cl", "cs.ai"),
            "2503.10480": ("cs.cv",),
            "2409.03810": ("eess.as", "cs.sd"),
        },
        upvotes={"2510.24668": 83, "2503.10480": 10, "2510.24701": 4},
    )


def test_category_matches_primary_or_any_case_insensitively(library: Library, meta: Meta) -> None:
    assert meta_ids(library, "cat:cs.CV", meta) == {"2503.10480"}
    assert meta_ids(library, "cat:CS.AI", meta) == {"2510.24668"}  # not primary, still a category
    assert meta_ids(library, "cat:cs", meta) == {"2510.24668", "2503.10480", "2409.03810"}  # the archive
    assert meta_ids(library, "-cat:cs.cv", meta) == {"2510.24668", "2409.03810"}  # without metadata: no match
    assert meta_ids(library, "agents cat:cs.cl", meta) == {"2510.24668"}


def test_upvote_comparisons(library: Library, meta: Meta) -> None:
    assert meta_ids(library, "upvotes:>50", meta) == {"2510.24668"}
    assert meta_ids(library, "upvotes:>=10", meta) == {"2510.24668", "2503.10480"}
    assert meta_ids(library, "upvotes:<5", meta) == {"2510.24701"}
    assert meta_ids(library, "upvotes:<=10", meta) == {"2503.10480", "2510.24701"}
    assert meta_ids(library, "upvotes:10", meta) == {"2503.10480"}
    assert meta_ids(library, "-upvotes:>50", meta) == {"2503.10480", "2510.24701"}


def test_metadata_is_loaded_only_for_a_query_that_needs_it(library: Library, meta: Meta) -> None:
    meta_ids(library, "agents date:2025", meta)
    assert meta.loads == 0
    meta_ids(library, "upvotes:>1", meta)
    assert meta.loads == 1
    assert (
        library.index.search(parse_query("cat:cs.cv"), State(), library.date) == []
    )  # no metadata: no match


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("upvotes:lots", "upvotes:lots is not a count"),
        ("upvotes:>", "upvotes:> is not a count"),
        ("upvotes:=>5", "is not a count"),
        ("upvotes:", "needs a value"),
        ("cat:", "needs a value"),
        ("cat:cs.CV!", "is not an arXiv category"),
        ("cat:1cs", "is not an arXiv category"),
    ],
)
def test_malformed_metadata_filters_explain_themselves(query: str, message: str) -> None:
    with pytest.raises(QueryError, match=message):
        parse_query(query)


def test_narrowing_knows_the_metadata_filters() -> None:
    assert parse_query("agent cat:cs.cv").narrows(parse_query("agent"))
    assert not parse_query("agent").narrows(parse_query("agent upvotes:>5"))
    assert parse_query("upvotes:>5").needs_metadata and not parse_query("agent").needs_metadata


def test_the_command_line_reads_metadata_only_for_such_a_query(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from tui.cli import main

    data = tmp_path / "d"
    monkeypatch.setenv("PAPERBROWSE_DATA_DIR", str(data))
    assert main(["import", str(FIXTURES / "read_more_on.md")]) == 0
    (data / "metadata.json").write_bytes(b"garbage")
    capsys.readouterr()
    assert main(["search", "agents"]) == 0
    assert "metadata.json" not in capsys.readouterr().err
    assert main(["search", "cat:cs.CL"]) == 0
    assert "metadata.json was damaged" in capsys.readouterr().err
