"""Every table shape the archive uses, and every kind of broken input."""

from __future__ import annotations

from pathlib import Path

from tests.conftest import FIXTURES
from tests.digests import Digest, day_papers, library_of, read_file, read_text
from tui.digest.model import Paper
from tui.digest.reader import decode


def read(name: str) -> Digest:
    return read_file(FIXTURES / name)


def messages(digest: Digest) -> list[str]:
    return [str(p) for p in digest.problems]


def test_read_more_on_tail_is_removed_and_links_kept() -> None:
    digest = read("read_more_on.md")
    first, second = digest.papers
    assert first.title == "InteractComp: Evaluating Search Agents With Ambiguous Queries"
    assert first.arxiv_id == "2510.24668"
    assert first.authors == ("Fashen Ren", "Jiayi Zhang", "Yani Fan")
    assert first.links.arxiv == "https://arxiv.org/abs/2510.24668"
    assert first.links.huggingface == "https://huggingface.co/papers/2510.24668"
    assert first.links.pdf == "https://arxiv.org/pdf/2510.24668"
    assert first.source.endswith("read_more_on.md:5")
    assert second.authors == ()  # an empty authors cell
    assert not digest.problems


def test_dash_read_more_variant() -> None:
    (paper,) = read("dash_read_more.md").papers
    assert paper.title == (
        "How Do Your Code LLMs Perform? Empowering Code Instruction Tuning with High-Quality Data"
    )
    assert paper.arxiv_id == "2409.03810"
    assert paper.authors == ("mdizhang", "bitwjg", "dongguanting")


def test_four_column_table_with_link_column_and_pipe_in_summary() -> None:
    (paper,) = read("link_column.md").papers
    assert paper.title.startswith("LongLLaVA: Scaling")
    assert paper.arxiv_id == "2409.02889"
    assert paper.summary == "The paper introduces LongLLaVA, a hybrid model. It has a | in it."


def test_titles_broken_over_several_lines() -> None:
    two_lines, three_lines = read("multiline_title.md").papers
    assert two_lines.title == (
        "World Modeling Makes a Better Planner: Dual Preference Optimization for Embodied Task Planning"
    )
    assert three_lines.title.endswith("from Automated Feedback")
    assert "\n" not in three_lines.title
    assert three_lines.arxiv_id == "2503.11111"


def test_pipes_inside_summary_stay_in_summary() -> None:
    (paper,) = read("pipes_in_summary.md").papers
    assert paper.summary == "It learns `p(doc2|doc1)` and reports a mean |G-1| of 0.051."
    assert paper.authors == ("Zitong Yang",)


def test_crlf_and_bom_read_like_plain_text() -> None:
    plain = (FIXTURES / "read_more_on.md").read_text(encoding="utf-8")
    windows = "\ufeff" + plain.replace("\n", "\r\n")
    a = read_text(plain, "a.md")
    b = read_text(windows, "a.md")
    assert [p.to_record() for p in a.papers] == [p.to_record() for p in b.papers]


def test_a_stray_cr_inside_a_row_is_a_space_and_cr_only_files_still_read() -> None:
    plain = (FIXTURES / "read_more_on.md").read_text(encoding="utf-8")
    expected = [p.to_record() for p in read_text(plain, "a.md").papers]
    old_mac = read_text(plain.replace("\n", "\r"), "a.md")
    assert [p.to_record() for p in old_mac.papers] == expected
    first = read_text(plain, "a.md").papers[0]
    row_start = plain.index("| " + first.title[:20])
    cell_end = plain.index(" | ", row_start)
    stray = plain[:cell_end] + "\r| " + plain[cell_end + 3 :]  # a CR before a cell's pipe
    (again, *rest) = read_text(stray, "a.md").papers
    assert len(rest) == len(expected) - 1  # the row was not split in two
    assert (again.title, again.authors, again.summary) == (first.title, first.authors, first.summary)


def test_readme_with_all_days_reads_like_the_per_day_files(tmp_path: Path) -> None:
    days = ["read_more_on.md", "dash_read_more.md", "multiline_title.md"]
    readme = "# Daily AI Papers\n\nSome intro text.\n\n" + "\n\n".join(
        (FIXTURES / d).read_text(encoding="utf-8") for d in days
    )
    (tmp_path / "README.md").write_text(readme, encoding="utf-8")
    from_readme = day_papers(library_of([tmp_path / "README.md"]))
    from_files = day_papers(library_of([FIXTURES / d for d in days]))

    def strip(days_: list[tuple[str, list[Paper]]]) -> list[list[dict[str, object]]]:
        return [[{**p.to_record(), "source": None} for p in papers] for _, papers in days_]

    assert strip(from_readme) == strip(from_files)  # the source differs, nothing else may


def test_binary_file_is_reported_and_does_not_raise(tmp_path: Path) -> None:
    path = tmp_path / "image.md"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\xff\xfe garbage\n")
    digest = read_file(path)
    assert digest.papers == ()
    text = " ".join(messages(digest))
    assert f"{path}:" in text
    assert "binary" in text


def test_undecodable_bytes_are_replaced_and_the_row_kept(tmp_path: Path) -> None:
    good = (FIXTURES / "read_more_on.md").read_bytes()
    path = tmp_path / "latin1.md"
    path.write_bytes(good.replace(b"Fashen Ren", b"Fash\xe9n Ren"))
    digest = read_file(path)
    assert len(digest.papers) == 2
    assert digest.papers[0].authors[0] == "Fash\ufffdn Ren"
    assert any(m.startswith(f"{path}:5:") and "UTF-8" in m for m in messages(digest))


def test_row_with_missing_cells_is_kept_and_reported() -> None:
    digest = read("missing_cells.md")
    short, complete = digest.papers
    assert short.title == "Only two cells"
    assert short.summary == ""
    assert complete.summary == "Fine."
    assert any(":5:" in m and "2 of 3 cells" in m and "summary" in m for m in messages(digest))


def test_row_without_link_is_kept_and_reported() -> None:
    digest = read("no_link.md")
    (paper,) = digest.papers
    assert paper.arxiv_id is None
    assert paper.links.arxiv is None
    assert paper.key.startswith("t:")
    assert any(":5:" in m and "no arXiv" in m for m in messages(digest))


def test_impossible_date_keeps_rows_and_non_date_heading_is_reported() -> None:
    digest = read("impossible_date.md")
    assert [p.title for p in digest.papers] == ["Leap paper"]
    assert digest.papers[0].date == "2025-02-30"
    text = messages(digest)
    assert any(":1:" in m and "impossible date '2025-02-30'" in m for m in text)
    assert any(":7:" in m and "not a date" in m for m in text)


def test_impossible_date_uses_the_file_name_date_when_there_is_one(tmp_path: Path) -> None:
    folder = tmp_path / "archive" / "2025" / "03"
    folder.mkdir(parents=True)
    path = folder / "07.md"
    path.write_text((FIXTURES / "impossible_date.md").read_text().split("## Papers for yesterday")[0])
    (paper,) = read_file(path).papers
    assert paper.date == "2025-03-07"


def test_table_without_separator_line_still_reads() -> None:
    digest = read("no_separator.md")
    assert [p.arxiv_id for p in digest.papers] == ["2503.00001"]
    assert any(":3:" in m and "separator" in m for m in messages(digest))


def test_empty_file_is_reported() -> None:
    digest = read("empty.md")
    assert digest.papers == ()
    assert messages(digest) == [f"{FIXTURES / 'empty.md'}: file is empty"]


def test_heading_without_rows_is_an_empty_day() -> None:
    days = day_papers(library_of([FIXTURES / "heading_only.md"]))
    assert [(date, len(papers)) for date, papers in days] == [("2025-10-15", 0)]


def test_day_split_across_two_files_is_merged_once_without_a_warning() -> None:
    # part2 repeats one paper of part1: a paper listed in two sources is one
    # paper (the upstream README repeats the whole archive), not a problem.
    library = library_of([FIXTURES / "split_day/part1.md", FIXTURES / "split_day/part2.md"])
    ((_, papers),) = day_papers(library)
    assert [p.title for p in papers] == ["First half", "Second half"]
    assert not library.problems


def test_same_paper_twice_on_a_day_is_kept_once() -> None:
    digest = read("duplicate_row.md")
    assert [p.title for p in digest.papers] == ["Twice", "Other"]
    assert digest.papers[0].summary == "First."
    assert any(":7:" in m and "listed twice" in m and "line 5" in m for m in messages(digest))


def test_two_megabyte_summary_is_read_whole() -> None:
    sentence = "The primary result shows a 12.5% gain on the benchmark with | pipes and **bold**. "
    huge = sentence * (2_000_000 // len(sentence))
    text = (
        "## Papers for 2025-01-02\n\n| Title | Authors | Summary |\n|---|---|---|\n"
        f"| Big (Read more on [arXiv](https://arxiv.org/abs/2501.00001) or [HuggingFace](https://huggingface.co/papers/2501.00001))| A | {huge} |\n"
    )
    digest = read_text(text, "big.md")  # linear regexes: milliseconds, not minutes
    (paper,) = digest.papers
    assert len(paper.summary) > 1_900_000
    assert paper.sections[0].kind == "results"


def test_decode_reports_line_of_first_bad_byte() -> None:
    text, problems = decode(b"ok\nok\nbad \xff here\n", "x.md")
    assert text.splitlines()[2] == "bad \ufffd here"
    assert [p.line for p in problems] == [3]


def test_rows_before_any_heading_take_the_file_name_date(tmp_path: Path) -> None:
    path = tmp_path / "2025-04-01.md"
    path.write_text(
        "| Title | Authors | Summary |\n|---|---|---|\n"
        "| Headless (Read more on [arXiv](https://arxiv.org/abs/2504.00001) or [HuggingFace](https://huggingface.co/papers/2504.00001))| A | S. |\n"
    )
    digest = read_file(path)
    assert [p.date for p in digest.papers] == ["2025-04-01"]
    assert any("before any" in m for m in messages(digest))


def test_headers_are_recognised_by_name_or_by_their_separator() -> None:
    row = "| A paper (Read more on [arXiv](https://arxiv.org/abs/2501.00001) or [HuggingFace](https://huggingface.co/papers/2501.00001))| Ann Lee | Text. |"
    for header in ("| Paper | Author | Abstract |", "| Col 1 | Col 2 | Col 3 |"):
        digest = read_text(f"## Papers for 2025-01-02\n\n{header}\n|---|---|---|\n{row}\n", "h.md")
        ((paper,), problems) = (digest.papers, digest.problems)
        assert (paper.title, paper.authors, paper.summary) == ("A paper", ("Ann Lee",), "Text.")
        assert not problems


def test_loosely_written_heading_dates_are_normalised() -> None:
    text = (FIXTURES / "read_more_on.md").read_text().replace("2025-10-29", "2025/10/9")
    digest = read_text(text, "x.md")
    assert {p.date for p in digest.papers} == {"2025-10-09"}
    assert not digest.problems


def test_a_symlink_loop_is_walked_once(tmp_path: Path) -> None:
    from tui.digest.files import digest_file_names

    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "day.md").write_text((FIXTURES / "read_more_on.md").read_text())
    (tmp_path / "a" / "loop").symlink_to(tmp_path / "a")
    assert digest_file_names([tmp_path]) == [str(tmp_path / "a" / "day.md")]


def test_utf16_file_with_bom_reads_like_utf8(tmp_path: Path) -> None:
    import codecs

    text = (FIXTURES / "read_more_on.md").read_text(encoding="utf-8")
    path = tmp_path / "windows.md"
    path.write_bytes(codecs.BOM_UTF16_LE + text.encode("utf-16-le"))
    digest = read_file(path)
    assert [p.arxiv_id for p in digest.papers] == ["2510.24668", "2510.24701"]
    assert not digest.problems


def test_escaped_pipes_and_rows_of_bare_pipes() -> None:
    text = (
        "## Papers for 2025-01-02\n\n| Title | Authors | Summary |\n|---|---|---|\n"
        "| A \\| B (Read more on [arXiv](https://arxiv.org/abs/2501.00003) or [HuggingFace](https://huggingface.co/papers/2501.00003))| A | x \\| y |\n"
        "|||||\n"
    )
    digest = read_text(text, "p.md")
    (paper,) = digest.papers
    assert paper.title == "A | B"
    assert paper.summary == "x | y"
    assert any(":6:" in str(p) and "skipped" in str(p) for p in digest.problems)


def test_the_usual_row_shortcut_cuts_cells_exactly_as_the_general_reader() -> None:
    from tui.digest.table import DEFAULT_COLUMNS, _TableReader

    samples = Path(__file__).resolve().parent.parent / "tui" / "samples" / "archive"
    reader = _TableReader("x.md")
    reader.columns = DEFAULT_COLUMNS
    shortcut = 0
    for path in [*FIXTURES.rglob("*.md"), *samples.rglob("*.md")]:
        for raw in path.read_text(errors="replace").split("\n"):
            line = raw.strip()
            if not line.startswith("|"):
                continue
            body = line[1:-1] if line.endswith("|") and not line.endswith("\\|") else line[1:]
            fast = reader.default_cells(body)
            if fast is not None:
                shortcut += 1
                assert fast == reader.cells(body), f"{path.name}: {line[:80]}"
    assert shortcut > 50  # the shortcut is the common case, not a rarity


def test_whitespace_collapse_shortcut_matches_splitting_into_words() -> None:
    import random

    from tui.digest.table import collapse

    def reference(text: str) -> str:  # the plain definition the shortcut must equal
        text = text.strip()
        if "  " in text or "\n" in text or "\t" in text:
            return " ".join(text.split())
        return text

    pieces = ["word", "é", " ", "  ", "\t", "\n", "\r\n", "\x0b", "\x1c", "\xa0", "\u2009", ".", "|"]
    rng = random.Random(7)
    for _ in range(3000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 12)))
        assert collapse(text) == reference(text), repr(text)
