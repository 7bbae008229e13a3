"""Digest text is data: terminal controls never get in or out, formulas never run."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from tests.digests import read_file
from tui.cli import main
from tui.digest.export import render, spreadsheet_safe
from tui.digest.text import escape_json_controls, strip_controls

OSC52 = "\x1b]52;c;ZXZpbA==\x07"  # writes "evil" to the clipboard
TITLE = "\x1b]0;pwned\x07"  # sets the window title
CLEAR = "\x1b[2J\x1b[H"  # clears the screen
C1 = "\x9b31m"  # CSI in one code point
CONTROLS = [OSC52, TITLE, CLEAR, C1, "\x08\x08", "\r", "\u202e", "\u200f"]


def hostile_digest(tmp_path: Path) -> Path:
    row = (
        f"| Safe{OSC52} Title{CLEAR} (Read more on [arXiv](https://arxiv.org/abs/2501.00001))"
        f" | Ann{TITLE} Lee, Bob{C1} Roe | The paper\x08\x08 introduces X.\u202e Results\u200e show\u061c 5%. |"
    )
    path = tmp_path / "hostile.md"
    path.write_text(f"## Papers for 2025-01-02\n\n| Title | Authors | Summary |\n|---|---|---|\n{row}\n")
    return path


def assert_clean(text: str) -> None:
    for char in ("\x1b", "\x9b", "\x07", "\x08", "\u202e", "\u200e", "\u061c", "\u200f"):
        assert char not in text, repr(char)


def test_controls_are_removed_where_text_enters_and_visible_text_is_kept(tmp_path: Path) -> None:
    digest = read_file(hostile_digest(tmp_path))
    (paper,) = digest.papers
    assert paper.title == "Safe]52;c;ZXZpbA== Title[2J[H"  # the printable rest of the sequence stays visible
    assert paper.authors == ("Ann]0;pwned Lee", "Bob31m Roe")
    assert "introduces X." in paper.summary
    assert any(":5:" in str(p) and "control characters" in p.message for p in digest.problems)


@pytest.mark.parametrize("fmt", ["jsonl", "json", "bibtex", "markdown", "csv"])
def test_no_export_format_prints_a_control_sequence(
    tmp_path: Path, data_dir: Path, capsys: pytest.CaptureFixture[str], fmt: str
) -> None:
    assert main(["export", "--format", fmt, str(hostile_digest(tmp_path))]) == 0
    out, err = capsys.readouterr()
    assert_clean(out)
    assert_clean(err)


def test_search_output_and_warnings_are_clean(
    tmp_path: Path, data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = hostile_digest(tmp_path)
    assert main(["import", str(path)]) == 0
    for fmt in ("text", "jsonl"):
        assert main(["search", "safe", "--format", fmt]) == 0
        out, err = capsys.readouterr()
        assert "Safe" in out
        assert_clean(out + err)


def test_the_text_formats_clean_even_a_tampered_cache_record() -> None:
    from tui.digest.model import Links, Paper

    paper = Paper("2025-01-02", "2501.00001", f"T{OSC52}", (f"A{C1}",), f"S{CLEAR}", (), (), Links(), "x:1")
    for fmt in ("bibtex", "markdown", "csv"):
        assert_clean(render([paper], fmt))
    line = render([paper], "jsonl")
    assert "\\u009b" in line  # kept only escaped: it still parses back to the same text
    assert json.loads(line)["authors"] == [f"A{C1}"]


def test_jsonl_escapes_what_json_leaves_raw() -> None:
    line = json.dumps({"t": "a\x7fb\x85c\u202ed"}, ensure_ascii=False)
    escaped = escape_json_controls(line)
    assert_clean(escaped)
    assert "\x7f" not in escaped and "\x85" not in escaped
    assert json.loads(escaped) == {"t": "a\x7fb\x85c\u202ed"}


def test_strip_controls_keeps_tabs_newlines_and_every_visible_character() -> None:
    visible = "Émile «naïve» — 漢字 🙂 ‍tab\there\nnext"  # a zero-width joiner is text
    assert strip_controls(visible) == visible
    assert strip_controls("".join(CONTROLS)) == "]52;c;ZXZpbA==]0;pwned[2J[H31m"
    # Bidi marks (left-to-right, right-to-left, Arabic letter) reorder what is shown (Trojan Source).
    assert strip_controls("a\u200eb\u200fc\u061cd") == "abcd"


@pytest.mark.parametrize("cell", ['=HYPERLINK("http://x")', "+1+1", "-2+3", "@SUM(A1)", "\tx", "\rx"])
def test_csv_cells_that_would_run_as_formulas_are_neutralised(
    tmp_path: Path, data_dir: Path, capsys: pytest.CaptureFixture[str], cell: str
) -> None:
    assert spreadsheet_safe(cell) == "'" + cell
    path = tmp_path / "f.md"
    path.write_text(
        "## Papers for 2025-01-02\n\n| Title | Authors | Summary |\n|---|---|---|\n"
        "| =cmd' /C calc'!A0 (Read more on [arXiv](https://arxiv.org/abs/2501.00001)) | @Ann | -1 the summary |\n"
    )
    assert main(["export", "--format", "csv", str(path)]) == 0
    (row,) = csv.DictReader(io.StringIO(capsys.readouterr().out))
    assert row["title"].startswith("'=")
    assert row["authors"] == "'@Ann"
    assert row["summary"].startswith("'-1")
    assert main(["export", "--format", "jsonl", str(path)]) == 0
    record = json.loads(capsys.readouterr().out)
    assert record["authors"] == ["@Ann"]  # jsonl and markdown keep the original
