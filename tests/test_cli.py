"""The command line: export formats, filters, search, star, exit codes."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import FIXTURES
from tests.digests import read_text
from tui.cli import main
from tui.digest.model import SECTION_KINDS


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def jsonl(out: str) -> list[dict[str, Any]]:
    return [json.loads(line) for line in out.splitlines()]


def test_export_jsonl_has_exactly_the_documented_keys(
    capsys: pytest.CaptureFixture[str], data_dir: Path
) -> None:
    code, out, _ = run(capsys, "export", str(FIXTURES / "read_more_on.md"))
    assert code == 0
    records = jsonl(out)
    assert [r["arxiv_id"] for r in records] == ["2510.24668", "2510.24701"]
    assert set(records[0]) == {
        "date",
        "arxiv_id",
        "title",
        "authors",
        "summary",
        "sections",
        "followups",
        "links",
        "source",
        "arxiv",
        "hf",
    }
    assert records[0]["arxiv"] is None and records[0]["hf"] is None  # nothing enriched yet
    assert set(records[0]["links"]) == {"arxiv", "huggingface", "pdf"}
    assert {s["kind"] for s in records[0]["sections"]} <= set(SECTION_KINDS)
    assert records[1]["authors"] == []
    assert records[0]["source"].endswith("read_more_on.md:5")


def test_export_is_newest_day_first_in_table_order(
    capsys: pytest.CaptureFixture[str], data_dir: Path
) -> None:
    files = [FIXTURES / "dash_read_more.md", FIXTURES / "read_more_on.md", FIXTURES / "multiline_title.md"]
    _, out, _ = run(capsys, "export", *map(str, files))
    assert [(r["date"], r["arxiv_id"]) for r in jsonl(out)] == [
        ("2025-10-29", "2510.24668"),
        ("2025-10-29", "2510.24701"),
        ("2025-03-14", "2503.10480"),
        ("2025-03-14", "2503.11111"),
        ("2024-09-09", "2409.03810"),
    ]


def test_export_date_and_query_filters(capsys: pytest.CaptureFixture[str], data_dir: Path) -> None:
    _, out, _ = run(capsys, "export", "--date", "2025-03-14", str(FIXTURES))
    assert {r["date"] for r in jsonl(out)} == {"2025-03-14"}
    _, out, _ = run(capsys, "export", "--query", "title:planner", str(FIXTURES))
    assert [r["arxiv_id"] for r in jsonl(out)] == ["2503.10480"]


def test_every_format_renders(capsys: pytest.CaptureFixture[str], data_dir: Path) -> None:
    source = str(FIXTURES / "read_more_on.md")
    _, out, _ = run(capsys, "export", "--format", "json", source)
    assert [r["arxiv_id"] for r in json.loads(out)] == ["2510.24668", "2510.24701"]
    _, out, _ = run(capsys, "export", "--format", "bibtex", source)
    assert out.count("@misc{") == 2
    assert "eprint={2510.24668}" in out
    _, out, _ = run(capsys, "export", "--format", "csv", source)
    rows = list(csv.DictReader(io.StringIO(out)))
    assert rows[0]["arxiv_id"] == "2510.24668"
    assert rows[0]["authors"] == "Fashen Ren; Jiayi Zhang; Yani Fan"
    _, out, _ = run(capsys, "export", "--format", "markdown", source)
    again = read_text(out, "again.md")  # the markdown export is a digest itself
    assert [p.arxiv_id for p in again.papers] == ["2510.24668", "2510.24701"]
    assert not again.problems


def test_warnings_name_file_and_line_and_exit_zero(
    capsys: pytest.CaptureFixture[str], data_dir: Path
) -> None:
    code, out, err = run(capsys, "export", str(FIXTURES / "missing_cells.md"))
    assert code == 0
    assert len(jsonl(out)) == 2
    assert f"{FIXTURES / 'missing_cells.md'}:5:" in err


def test_missing_path_is_a_usage_error(capsys: pytest.CaptureFixture[str], data_dir: Path) -> None:
    code, out, err = run(capsys, "export", "/no/such/place")
    assert code == 2
    assert out == ""
    assert "/no/such/place" in err


def test_bad_arguments_exit_2(capsys: pytest.CaptureFixture[str], data_dir: Path) -> None:
    assert run(capsys, "export", "--date", "2025-13-01", str(FIXTURES))[0] == 2
    assert run(capsys, "export", "--query", "is:famous", str(FIXTURES))[0] == 2
    with pytest.raises(SystemExit) as exit_info:
        main(["export", "--format", "docx"])
    assert exit_info.value.code == 2


def test_import_then_search_and_star_round_trip(capsys: pytest.CaptureFixture[str], data_dir: Path) -> None:
    code, out, _ = run(capsys, "import", str(FIXTURES))
    assert code == 0
    assert "papers" in out
    code, out, _ = run(capsys, "search", "agents", "--format", "jsonl")
    assert code == 0
    assert jsonl(out)[0]["arxiv_id"] == "2510.24668"
    _, out, _ = run(capsys, "search", "author:ren")
    assert "2510.24668" in out
    assert run(capsys, "star", "2510.24668", "https://arxiv.org/abs/2503.10480v2")[0] == 0
    _, out, _ = run(capsys, "export", "--starred")
    assert [r["arxiv_id"] for r in jsonl(out)] == ["2510.24668", "2503.10480"]
    assert run(capsys, "unstar", "2510.24668")[0] == 0
    _, out, _ = run(capsys, "export", "--starred", "--format", "bibtex")
    assert out.count("@misc{") == 1
    assert "2503.10480" in out
    assert run(capsys, "star", "not-an-id")[0] == 2


def test_version_and_help_in_a_real_process(data_dir: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "tui.cli", "--version"], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0
    assert result.stdout.startswith("paperbrowse ")


def test_data_dir_flag_places_the_files(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    target = tmp_path / "elsewhere"
    assert run(capsys, "--data-dir", str(target), "import", str(FIXTURES / "read_more_on.md"))[0] == 0
    assert (target / "cache.json").is_file()
    assert (target / "state.json").is_file()


def test_cli_format_list_matches_the_exporter() -> None:
    from tui import cli
    from tui.digest import export

    assert cli.FORMATS == export.FORMATS


def test_an_internal_error_is_logged_not_shown(
    capsys: pytest.CaptureFixture[str], data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from tui import cli

    def broken(*_: object) -> int:
        raise RuntimeError("a bug")

    monkeypatch.setitem(cli.HANDLERS, "search", broken)
    code, _, err = run(capsys, "search", "x")
    assert code == 1
    assert "Traceback" not in err
    assert "crash.log" in err
    assert "RuntimeError: a bug" in (data_dir / "crash.log").read_text()


def test_a_data_dir_option_without_a_usable_value_is_a_usage_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    for argv in (["--data-dir"], ["--data-dir", ""], ["--data-dir", "  ", "export"]):
        with pytest.raises(SystemExit) as exit_info:
            main(argv)
        assert exit_info.value.code == 2
    assert list(tmp_path.iterdir()) == []  # 0.1.0 wrote ./browse/crash.log here
    assert "--data-dir" in capsys.readouterr().err


def test_an_empty_path_is_a_usage_error_not_the_current_folder(
    tmp_path: Path, data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(FIXTURES)
    for argv in (["export", ""], ["import", ""], [""]):
        with pytest.raises(SystemExit) as exit_info:
            main(argv)
        assert exit_info.value.code == 2


@pytest.mark.parametrize(
    ("argv", "said"),
    [
        (["search", ""], "an empty query"),
        (["search", "   "], "an empty query"),
        (["search", "date:2025-13"], "is not a date"),
        (["search", "agent", "--limit", "-1"], "not a whole number"),
        (["search", "agent", "--limit", "many"], "not a whole number"),
        (["related", "2510.24668", "--limit", "0"], "at least 1"),
    ],
)
def test_nonsense_search_arguments_are_usage_errors_that_say_why(
    argv: list[str], said: str, data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    try:
        code = main(argv)
    except SystemExit as exit_info:  # argparse's own refusals
        code = int(str(exit_info.code))
    assert code == 2
    assert said in capsys.readouterr().err


def test_star_and_unstar_count_only_what_changed(capsys: pytest.CaptureFixture[str], data_dir: Path) -> None:
    run(capsys, "import", str(FIXTURES))
    # The same paper twice (an id and its link) is one paper, starred once.
    out = run(capsys, "star", "2510.24668", "https://arxiv.org/abs/2510.24668")[1]
    assert out == "starred 1 paper; 1 starred in all\n"
    out = run(capsys, "star", "2510.24668", "2503.10480")[1]
    assert out == "starred 1 paper (1 was already starred); 2 starred in all\n"
    out = run(capsys, "unstar", "2510.24668", "2410.00001")[1]
    assert out == "unstarred 1 paper (1 was not starred); 1 starred in all\n"


def test_search_says_on_stderr_when_the_limit_hid_results(
    capsys: pytest.CaptureFixture[str], data_dir: Path
) -> None:
    run(capsys, "import", str(FIXTURES))
    _, everything, _ = run(capsys, "search", "a", "--limit", "0")
    found = len(everything.splitlines())
    assert found > 1
    _, out, err = run(capsys, "search", "a", "--limit", "1")
    assert len(out.splitlines()) == 1  # stdout holds results only, for scripts
    assert f"1 of {found} results shown; --limit 0 shows all" in err
    assert "shown" not in run(capsys, "search", "a", "--limit", "0")[2]


def test_a_mistyped_command_is_named_not_opened_as_a_path(
    capsys: pytest.CaptureFixture[str], data_dir: Path
) -> None:
    code, _, err = run(capsys, "serch", "agents")
    assert code == 2
    assert "serch is neither a command nor a file or folder; did you mean `paperbrowse search`?" in err
    code, _, err = run(capsys, "no-such-folder/x")
    assert code == 2 and "did you mean" not in err  # a path is not a command


@pytest.mark.parametrize(
    ("argv", "hint"),
    [
        (["search", "-title:a"], "paperbrowse search -- -title:survey"),
        (["hide", "-title:a"], "paperbrowse hide -- -title:survey"),
        (["feed", "add", "x", "-title:a"], "paperbrowse feed add NAME -- -title:survey"),
    ],
)
def test_a_query_starting_with_a_dash_is_explained_not_called_missing(
    capsys: pytest.CaptureFixture[str], data_dir: Path, argv: list[str], hint: str
) -> None:
    with pytest.raises(SystemExit) as exit_:
        main(argv)
    assert exit_.value.code == 2
    assert hint in capsys.readouterr().err
    assert main([*argv[:-1], "--", argv[-1]]) == 0  # and `--` takes it
