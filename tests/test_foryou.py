"""`order:foryou`: what you starred comes first, with its reasons; too few stars, it says so."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.discovery_fixtures import State, open_library, topic_archive
from tui.store import Library


@pytest.fixture
def archive(tmp_path: Path) -> tuple[Library, dict[str, str]]:
    topics = topic_archive(tmp_path / "archive")
    library, _ = open_library(tmp_path / "data", tmp_path / "archive")
    return library, topics


def _of_topic(library: Library, topics: dict[str, str], topic: str) -> list[str]:
    return [library.key(i) for i in range(len(library)) if topics[library.key(i)] == topic]


def test_papers_like_the_starred_ones_come_first_and_say_why(archive: tuple[Library, dict[str, str]]) -> None:
    library, topics = archive
    splats = _of_topic(library, topics, "splatting")
    state = State(starred=set(splats[:3]), read=set(splats[:3]))
    ranked = library.search("is:unread order:foryou", state)
    unread_splats = len(splats) - 3
    assert {topics[library.key(i)] for i in ranked[:unread_splats]} == {"splatting"}
    model = library.discovery.for_you(state)
    reasons = model.reasons(ranked[0])
    assert reasons
    assert any(word in " ".join(reasons) for word in ("splatting", "gaussian"))
    assert model.score(ranked[0]) > model.score(ranked[-1])


def test_read_but_unstarred_papers_push_their_topic_down(archive: tuple[Library, dict[str, str]]) -> None:
    library, topics = archive
    splats, robots = _of_topic(library, topics, "splatting"), _of_topic(library, topics, "robots")
    decoding = _of_topic(library, topics, "decoding")
    # Starred a mix; read (and left unstarred) many robot papers.
    starred = {splats[0], robots[0], decoding[0], splats[1], decoding[1], robots[1]}
    state = State(starred=starred, read=starred | set(robots[2:8]))
    ranked = [topics[library.key(i)] for i in library.search("is:unread order:foryou", state)]
    assert ranked[-1] == "robots"
    assert ranked.index("robots") > ranked.index("splatting")


@pytest.mark.parametrize(("stars", "needs"), [(0, 3), (1, 2), (2, 1)])
def test_with_fewer_than_three_stars_it_says_how_many_more_it_needs(
    archive: tuple[Library, dict[str, str]], stars: int, needs: int
) -> None:
    library, topics = archive
    state = State(starred=set(_of_topic(library, topics, "robots")[:stars]))
    model = library.discovery.for_you(state)
    assert not model.ready
    assert model.needs == needs
    assert f"needs {needs} more starred paper" in model.message
    # It does not guess: the results keep the usual order.
    assert library.search("order:foryou", state) == library.search("", state)
    assert model.reasons(0) == ()


def test_stars_on_papers_not_in_the_digests_do_not_count(archive: tuple[Library, dict[str, str]]) -> None:
    library, topics = archive
    state = State(starred={"2101.00001", "2101.00002", _of_topic(library, topics, "robots")[0]})
    assert library.discovery.for_you(state).needs == 2


def test_the_model_is_learnt_again_only_when_the_marks_change(
    archive: tuple[Library, dict[str, str]],
) -> None:
    library, topics = archive
    state = State(starred=set(_of_topic(library, topics, "robots")[:3]))
    first = library.discovery.for_you(state)
    assert library.discovery.for_you(state) is first
    state.starred.add(_of_topic(library, topics, "decoding")[0])
    assert library.discovery.for_you(state) is not first
