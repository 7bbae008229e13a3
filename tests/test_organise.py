"""Tags, feeds and watch/hide rules: the state, the query language and the command line."""

from __future__ import annotations

import json
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from tests.conftest import FIXTURES
from tests.helpers import write_archive
from tui.cli import main
from tui.store import Store
from tui.store.organise import BadName, clean_name, parse_tags
from tui.store.organiser import Organiser
from tui.store.periods import periods
from tui.store.state import Feed

PAPER = "2510.24668"


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def imported(data_dir: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    assert run(capsys, "import", str(FIXTURES))[0] == 0
    return data_dir


def test_tag_untag_and_tags(imported: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(capsys, "tag", PAPER, "survey", "to read")[1] == f"{PAPER}: survey, to read\n"
    assert run(capsys, "tag", "https://arxiv.org/abs/2503.10480v2", "survey")[0] == 0
    assert run(capsys, "tags")[1] == "    2  survey\n    1  to read\n"
    code, _, err = run(capsys, "untag", PAPER, "survey", "to read", "never")  # the paper's last tags
    assert code == 0 and f"warning: {PAPER} has no tag 'never'" in err
    assert run(capsys, "tags")[1] == "    1  survey\n"
    state = json.loads((imported / "state.json").read_text())
    assert [d["key"] for d in state["tags"].values()] == [
        "2503.10480"
    ]  # removed cleanly, nothing left behind


@pytest.mark.parametrize("bad", ["", "  ", "a,b", "x:y", "bell\x07", "x" * 61])
def test_a_tag_that_cannot_be_one_is_refused_and_nothing_saved(
    imported: Path, capsys: pytest.CaptureFixture[str], bad: str
) -> None:
    code, _, err = run(capsys, "tag", PAPER, bad)
    assert code == 2 and "tag" in err
    assert Store(imported).state.load().tags == {}


def test_tag_names_are_cleaned_and_typed_lists_parsed() -> None:
    assert clean_name("  deep   research ") == "deep research"
    assert parse_tags("survey, later,, survey ,RL") == ["survey", "later", "RL"]
    with pytest.raises(BadName):
        parse_tags("ok, a:b")


def test_tags_in_the_query_language(imported: Path, capsys: pytest.CaptureFixture[str]) -> None:
    run(capsys, "tag", PAPER, "Survey")
    run(capsys, "tag", "2503.10480", "later")
    assert PAPER in run(capsys, "search", "tag:survey")[1]  # case-insensitive
    found = run(capsys, "search", "has:tag")[1]
    assert PAPER in found and "2503.10480" in found
    assert PAPER not in run(capsys, "search", "has:tag -tag:survey")[1]
    assert run(capsys, "search", "tag:")[0] == 2
    code, out, _ = run(capsys, "export", "--query", "tag:survey", "--format", "bibtex")
    assert code == 0 and out.count("@misc{") == 1 and PAPER in out


def test_feeds_add_list_remove(imported: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(capsys, "feed", "add", "agents", "title:agent")[0] == 0
    assert run(capsys, "feed", "add", "bad", "is:famous")[0] == 2  # the query language's own error
    out = run(capsys, "feed", "add", "agents", "title:agents")[1]
    assert out == "feed 'agents' replaced: title:agents (was: title:agent)\n"  # not silently
    lines = run(capsys, "feeds")[1].splitlines()
    assert lines == ["agents\ttitle:agents\t1 unread\t1 in all"]
    run(capsys, "star", PAPER)
    assert run(capsys, "feed", "remove", "agents")[0] == 0
    assert run(capsys, "feed", "remove", "agents")[0] == 2
    assert "no feeds yet" in run(capsys, "feeds")[1]


def test_rules_watch_hide_list_and_remove(imported: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(capsys, "watch", "agents")[1] == "rule 1: watch agents\n"
    assert run(capsys, "hide", "title:interactcomp")[1] == "rule 2: hide title:interactcomp\n"
    assert run(capsys, "hide", "title:interactcomp")[1] == "rule 2: hide title:interactcomp\n"  # once
    assert run(capsys, "hide", "date:nope")[0] == 2
    assert run(capsys, "rules")[1].split() == ["1", "watch", "agents", "2", "hide", "title:interactcomp"]
    assert run(capsys, "rules", "remove", "7")[0] == 2
    assert run(capsys, "rules", "remove", "1")[0] == 0
    assert run(capsys, "rules")[1].split() == ["2", "hide", "title:interactcomp"]


def test_hide_rules_leave_papers_out_of_feed_counts_and_watch_rules_mark(tmp_path: Path) -> None:
    write_archive(tmp_path / "a", days=4, per_day=6)
    store = Store(tmp_path / "d")
    library, _ = store.open_library([tmp_path / "a"], remember=True)
    store.state.save_feed(Feed("video", "diffusion video"))
    organiser = Organiser(library, store.state)
    organiser.compute()
    before = organiser.feed_counts(Feed("video", "diffusion video"))
    assert before is not None and before[1] > 0
    day = list(library.days[0].indices)
    store.state.add_rule("hide", "diffusion video")
    store.state.add_rule("watch", "retrieval")
    organiser.rules_changed()
    hidden, watched = organiser.among(day)  # before the whole library is looked at again
    assert hidden and all("Diffusion Video" in library.title(i) for i in hidden)
    assert watched and all("Retrieval" in library.title(i) for i in watched)
    organiser.compute()
    assert organiser.among(day) == (hidden, watched)  # the whole-library answer agrees
    assert organiser.feed_counts(Feed("video", "diffusion video")) == (0, 0)


def test_feed_counts_follow_read_marks_without_searching_again(tmp_path: Path) -> None:
    write_archive(tmp_path / "a", days=3, per_day=6)
    store = Store(tmp_path / "d")
    library, _ = store.open_library([tmp_path / "a"], remember=True)
    feed = Feed("speech", "speech")
    store.state.save_feed(feed)
    organiser = Organiser(library, store.state)
    organiser.compute()
    unread, total = organiser.feed_counts(feed) or (0, 0)
    papers = organiser.feed_papers(feed)
    store.state.set_read([library.key(papers[0])], True)
    organiser.marks_changed()
    searched: list[object] = []

    def recording(*args: object, **kwargs: object) -> list[int]:
        searched.append(args)
        return []

    library.index.matches = recording  # type: ignore[method-assign]
    assert organiser.feed_counts(feed) == (unread - 1, total)
    assert searched == []  # counted from the cached matches


def test_weeks_and_months(tmp_path: Path, imported: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write_archive(tmp_path / "a", days=12, per_day=2)
    library, _ = Store(tmp_path / "d").open_library([tmp_path / "a"])
    weeks = periods(library, "week")
    assert [p.label for p in weeks] == ["2025-W04", "2025-W03", "2025-W02"]  # 12 weekdays from Mon 6 Jan
    assert sum(p.count for p in weeks) == len(library)
    assert [p.label for p in periods(library, "month")] == ["2025-01"]
    code, out, _ = run(
        capsys, "--data-dir", str(tmp_path / "d"), "export", "--week", "2025-W02", str(tmp_path / "a")
    )
    assert code == 0 and {json.loads(line)["date"][:8] for line in out.splitlines()} == {"2025-01-"}
    assert len(out.splitlines()) == 10  # five weekdays of two papers
    assert run(capsys, "export", "--week", "2025-43")[0] == 2
    assert run(capsys, "export", "--month", "2025-13")[0] == 2


def tag_in_another_process(data_dir: Path, tag: str) -> None:
    subprocess.run(
        [sys.executable, "-m", "tui.cli", "--data-dir", str(data_dir), "tag", PAPER, tag],
        check=True,
        capture_output=True,
    )


def test_two_processes_adding_tags_and_feeds_at_once_lose_nothing(imported: Path) -> None:
    tags = [f"t{n}" for n in range(6)]
    with ThreadPoolExecutor(len(tags)) as pool:
        list(pool.map(tag_in_another_process, [imported] * len(tags), tags))
    assert Store(imported).state.load().tags[PAPER] == set(tags)
