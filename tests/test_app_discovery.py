"""Discovery in the browser itself: the Related block and its key, trends, compare, For you."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from textual.pilot import Pilot
from textual.widgets import Input

from tests.apps import SIZE, day_date, here, make_app, status
from tui.store.state import Feed, StarInfo
from tui.ui.screens.compare import CompareScreen
from tui.ui.screens.trends import TrendsScreen
from tui.ui.widgets.trend_chart import TrendChart


async def wait_for(pilot: Pilot[None], done: Callable[[], bool], seconds: float = 20) -> None:
    for _ in range(int(seconds * 10)):
        await pilot.pause(0.1)
        if done():
            return
    raise AssertionError("it never happened")


async def test_the_related_block_fills_in_and_w_then_enter_goes_to_a_neighbour(tmp_path: Path) -> None:
    app, _, _ = make_app(tmp_path / "d")
    async with app.run_test(size=SIZE) as pilot:
        screen = app.browser
        start = here(screen)
        await wait_for(pilot, lambda: bool(screen.detail.related.rows))
        assert "Related" in screen.detail.plain_text
        rows = screen.detail.related.rows
        assert rows
        neighbour = rows[1].index
        await pilot.press("w")  # the block has the keyboard
        assert screen.focused is screen.detail
        await pilot.press("down", "enter")
        await pilot.pause()
        assert here(screen) == neighbour != start
        assert screen.library.title(neighbour)[:20] in screen.detail.plain_text


async def test_percent_opens_trends_and_a_chosen_bar_becomes_a_search(tmp_path: Path) -> None:
    app, _, _ = make_app(tmp_path / "d")
    async with app.run_test(size=SIZE) as pilot:
        screen = app.browser
        await pilot.press("percent_sign")
        assert isinstance(app.screen, TrendsScreen)
        app.screen.query_one(Input).value = "agent"
        await wait_for(pilot, lambda: bool(app.screen.query_one(TrendChart).trends))
        counts = app.screen.query_one(TrendChart).trends[0].counts
        newest = list(counts)[-1]
        await pilot.press("tab", "enter")  # the newest bar
        await wait_for(pilot, lambda: str(screen.mode) == "search" and screen.paper_list.count > 0)
        assert screen.search_bar.value == f"agent date:{newest}"
        assert screen.paper_list.count == counts[newest]  # the bar's count is the search's


async def test_equals_compares_the_selected_papers(tmp_path: Path) -> None:
    app, _, _ = make_app(tmp_path / "d")
    async with app.run_test(size=SIZE) as pilot:
        screen = app.browser
        await pilot.press("equals_sign")
        assert "Select two or more" in status(screen)
        await pilot.press("v", "j", "v", "equals_sign")
        assert isinstance(app.screen, CompareScreen)
        await pilot.press("escape")
        assert not isinstance(app.screen, CompareScreen)


async def test_for_you_is_a_feed_once_there_are_feeds_and_says_what_it_needs(tmp_path: Path) -> None:
    app, _, store = make_app(tmp_path / "d")
    store.state.save_feed(Feed("agents", "title:agent"))
    async with app.run_test(size=SIZE) as pilot:
        screen = app.browser
        labels = [e.label for e in screen.entries[:2]]
        assert labels == ["agents", "For you"]
        screen.entry = 1
        await wait_for(pilot, lambda: "more starred" in screen.detail.plain_text)
        library = screen.library
        splats = [i for i in range(len(library)) if "agent" in library.title(i).lower()][:3]
        store.state.set_starred([StarInfo(library.key(i), "", "") for i in splats], True)
        screen.entry = 2
        screen.entry = 1
        await wait_for(pilot, lambda: screen.paper_list.count > 0)
        assert day_date(screen) == "For you"
        assert not any(screen.reading.is_read(i) for i in screen.paper_list.indices)
