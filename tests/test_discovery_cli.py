"""`paperbrowse related`, `trends`, `compare`, and what `search` adds for order:foryou."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from tests.conftest import archive_or_samples
from tests.discovery_fixtures import open_library, row, topic_archive, write_day
from tui.cli import main
from tui.discovery import files
from tui.discovery.compare import COMPARED_KINDS, comparison, to_markdown


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def topics(tmp_path: Path, capsys: pytest.CaptureFixture[str], data_dir: Path) -> dict[str, str]:
    found = topic_archive(tmp_path / "archive")
    assert run(capsys, "import", str(tmp_path / "archive"))[0] == 0
    return found


def _an_id(topics: dict[str, str], topic: str, nth: int = 0) -> str:
    return [i for i, t in sorted(topics.items()) if t == topic][nth]


def test_related_lists_papers_on_the_same_topic_best_first(
    capsys: pytest.CaptureFixture[str], topics: dict[str, str]
) -> None:
    paper = _an_id(topics, "decoding")
    code, out, err = run(capsys, "related", paper, "--limit", "4")
    assert code == 0, err
    lines = out.splitlines()
    assert len(lines) == 4
    assert all("Speculative Decoding" in line for line in lines)
    scores = [float(line.split()[0]) for line in lines]
    assert scores == sorted(scores, reverse=True)
    assert paper not in out


def test_related_jsonl_is_the_export_schema_plus_a_score(
    capsys: pytest.CaptureFixture[str], topics: dict[str, str]
) -> None:
    code, out, _ = run(
        capsys, "related", f"https://arxiv.org/abs/{_an_id(topics, 'robots')}v2", "--format", "jsonl"
    )
    assert code == 0
    records = [json.loads(line) for line in out.splitlines()]
    assert len(records) == 10
    assert {topics[r["arxiv_id"]] for r in records} == {"robots"}
    assert all(0 < r["score"] <= 1 for r in records)
    assert {"date", "arxiv_id", "title", "sections", "links", "score"} <= set(records[0])


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["related", "2501.99999"], "2501.99999 is not in your digests"),
        (["related", "not-an-id"], "is not an arXiv id"),
        (["related", "2501.10000", "--limit", "0"], "--limit must be at least 1"),
        (["compare", "2501.10000"], "at least two ids"),
        (["compare", "2501.10000", "2501.99999"], "2501.99999 is not in your digests"),
        (["trends", " "], "empty TERM"),
        (["trends", "is:famous"], "bad term"),
    ],
)
def test_bad_ids_and_terms_are_one_line_and_exit_2(
    capsys: pytest.CaptureFixture[str], topics: dict[str, str], argv: list[str], message: str
) -> None:
    code, out, err = run(capsys, *argv)
    assert code == 2
    assert out == ""
    assert message in err
    assert len(err.strip().splitlines()) == 1
    assert "Traceback" not in err


@pytest.mark.parametrize(
    "command", [["related", "2501.10000"], ["trends", "agent"], ["compare", "2501.1", "2501.2"]]
)
def test_an_empty_archive_says_so_in_one_line(
    capsys: pytest.CaptureFixture[str], data_dir: Path, command: list[str]
) -> None:
    code, _, err = run(capsys, *command)
    assert code == 2
    assert "no papers in your digests yet" in err


def test_trends_json_counts_equal_search_counts_per_month(
    capsys: pytest.CaptureFixture[str], data_dir: Path
) -> None:
    run(capsys, "import", str(archive_or_samples()))
    code, out, _ = run(capsys, "trends", "gaussian splatting", "agent", "--format", "json")
    assert code == 0
    objects = [json.loads(line) for line in out.splitlines()]
    assert [set(o) for o in objects] == [{"term", "counts"}] * 2
    assert [o["term"] for o in objects] == ["gaussian splatting", "agent"]
    for term, query in (("gaussian splatting", '"gaussian splatting"'), ("agent", "agent")):
        counts = next(o["counts"] for o in objects if o["term"] == term)
        assert sum(counts.values()) > 0
        for month, count in counts.items():
            listed = run(capsys, "search", f"{query} date:{month}", "--limit", "0")[1]
            assert count == len(listed.splitlines()), (term, month)


def test_trends_text_draws_a_chart_and_a_term_without_matches_says_no_results(
    capsys: pytest.CaptureFixture[str], topics: dict[str, str]
) -> None:
    code, out, err = run(capsys, "trends", "speculative decoding", "zzqx", "--by", "week")
    assert code == 0
    assert "speculative decoding: 12 papers, by week" in out
    assert any(block in out for block in "▁▂▃▄▅▆▇█")
    assert "zzqx: 0 papers" in out
    assert "no results for 'zzqx'" in err


def test_compare_puts_each_paper_in_a_column_and_each_section_in_a_row(
    capsys: pytest.CaptureFixture[str], topics: dict[str, str]
) -> None:
    first, second = _an_id(topics, "robots"), _an_id(topics, "splatting")
    code, out, _ = run(capsys, "compare", first, second)
    assert code == 0
    lines = out.splitlines()
    assert lines[0].count(" | ") == 2  # the section column and two papers
    assert first in lines[0]
    assert second in lines[0]
    method = next(line for line in lines if line.startswith("| Method |"))
    assert "teleoperated robot trajectories" in method
    assert "differentiable splatting" in method
    code, out, _ = run(capsys, "compare", first, second, "--format", "csv")
    table = list(csv.reader(io.StringIO(out)))
    assert [r[0] for r in table[1:]] == ["Objective", "Method", "Results", "Implications"]
    code, out, _ = run(capsys, "compare", first, second, "--format", "text")
    assert "── Method" in out


def test_compare_markdown_keeps_texts_verbatim_and_cells_safe(tmp_path: Path) -> None:
    write_day(
        tmp_path / "a",
        "2025-03-03",
        [
            row("2503.00001", "Pipes", "a) study a | b. b) =SUM(A1) tricks. c) fine. d) good."),
            row(
                "2503.00002",
                "Other",
                "The main research objective is to study c. Primary results show it is fine.",
            ),
        ],
    )
    library, _ = open_library(tmp_path / "d", tmp_path / "a")
    table = comparison(library.papers([0, 1]))
    kinds = ("objective", "methodology", "results", "implications")
    assert [kind for kind, _ in table.rows] == [k for k in COMPARED_KINDS if k in kinds]
    markdown = to_markdown(table)
    assert "study a \\| b." in markdown
    assert "| Method | =SUM(A1) tricks. | — |" in markdown


def test_search_order_foryou_explains_each_row(
    capsys: pytest.CaptureFixture[str], topics: dict[str, str]
) -> None:
    splats = [i for i, t in sorted(topics.items()) if t == "splatting"]
    run(capsys, "star", *splats[:3])
    code, out, _ = run(capsys, "search", "order:foryou", "--limit", "5")
    assert code == 0
    lines = out.splitlines()
    assert len(lines) == 5
    assert all("Gaussian Splatting" in line and "because: " in line for line in lines)
    code, out, _ = run(capsys, "search", "order:foryou", "--limit", "3", "--format", "jsonl")
    records = [json.loads(line) for line in out.splitlines()]
    assert all(r["reasons"] for r in records)
    assert {topics[r["arxiv_id"]] for r in records} == {"splatting"}


def test_search_order_foryou_with_one_star_says_how_many_more(
    capsys: pytest.CaptureFixture[str], topics: dict[str, str]
) -> None:
    run(capsys, "star", _an_id(topics, "robots"))
    code, out, err = run(capsys, "search", "order:foryou", "--limit", "2")
    assert code == 0
    assert "needs 2 more starred papers" in err
    assert "because" not in out
    assert len(out.splitlines()) == 2


def test_search_related_restricts_to_neighbours_most_similar_first(
    capsys: pytest.CaptureFixture[str], topics: dict[str, str]
) -> None:
    paper = _an_id(topics, "decoding")
    code, out, _ = run(capsys, "search", f"related:{paper}", "--limit", "0")
    assert code == 0
    related = run(capsys, "related", paper, "--limit", "50")[1]
    assert [line.split()[1] for line in out.splitlines()] == [
        line.split()[2] for line in related.splitlines()
    ]
    code, out, err = run(capsys, "search", "related:2501.99999")
    assert "that paper is not in your digests" in err
    assert "no results" in err


def test_a_corrupted_index_file_is_rebuilt_with_a_warning_not_a_traceback(
    capsys: pytest.CaptureFixture[str], topics: dict[str, str], data_dir: Path
) -> None:
    paper = _an_id(topics, "splatting")
    before = run(capsys, "related", paper)[1]
    (data_dir / files.INDEX_NAME).write_bytes(b"\x89PNG not an index")
    code, out, err = run(capsys, "related", paper)
    assert code == 0
    assert out == before
    assert "damaged" in err
    assert "Traceback" not in err
    assert run(capsys, "related", paper)[2] == ""  # rebuilt: no warning the next time
