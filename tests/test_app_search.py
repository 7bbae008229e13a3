"""Searching in the browser: where esc goes, what the results' title and marks say, bad queries."""

from __future__ import annotations

from tests.apps import Browser, day_date, focused, here
from tui.ui.widgets.paper_list import HIDDEN_MARK


async def settle(browser: Browser) -> None:
    await browser.app.workers.wait_for_complete()
    await browser.pilot.pause()


async def test_saving_a_feed_while_searching_then_esc_returns_to_the_same_day(browser: Browser) -> None:
    _, screen, _, _, pilot = browser
    await pilot.press("left_square_bracket", "left_square_bracket", "j")  # 2025-03-14, second paper
    await pilot.pause()
    day, paper = day_date(screen), here(screen)
    await pilot.press("slash", *"title:agent")
    await settle(browser)
    await pilot.press("enter", "F", *"agents", "enter")  # a feed row (and For you) appear above the days
    await settle(browser)
    await pilot.press("escape")
    await pilot.pause()
    assert (day_date(screen), here(screen)) == (day, paper)


async def test_esc_in_the_detail_pane_goes_back_to_the_results_not_out_of_the_search(
    browser: Browser,
) -> None:
    _, screen, _, _, pilot = browser
    await pilot.press("slash", *"title:agent")
    await settle(browser)
    await pilot.press("enter", "j", "enter")  # into the results, then into the second one's detail
    assert screen.detail.has_focus_within
    chosen = here(screen)
    await pilot.press("escape")
    assert str(screen.mode) == "search" and focused(screen) is screen.paper_list
    assert here(screen) == chosen
    await pilot.press("escape")  # and from the results, out of the search
    assert str(screen.mode) == "list"


async def test_hiding_a_search_marks_its_results_at_once_and_no_stale_hidden_count(browser: Browser) -> None:
    _, screen, _, _, pilot = browser
    await pilot.press("slash", *"title:interactcomp")
    await settle(browser)
    await pilot.press("enter", "H")
    await settle(browser)
    rows = [screen.paper_list.render_row(i, 80, False)[0].plain for i in range(screen.paper_list.count)]
    assert rows and all(HIDDEN_MARK in row for row in rows)  # without typing the query again
    await pilot.press("escape")
    await pilot.pause()
    assert "hidden" in str(screen.paper_list.border_title)  # the day's list says what it leaves out
    await pilot.press("slash", *"title:diffusion")
    await settle(browser)
    assert "hidden" not in str(screen.paper_list.border_title)  # but the day's count is not the search's


async def test_a_query_that_cannot_be_read_lists_nothing_and_says_why(browser: Browser) -> None:
    _, screen, _, _, pilot = browser
    await pilot.press("slash", *"is")  # "is" matches nearly every paper...
    await settle(browser)
    assert screen.paper_list.count > 10
    await pilot.press(*":famous")  # ...but "is:famous" is not a query
    await settle(browser)
    assert screen.paper_list.count == 0
    assert str(screen.paper_list.border_title).startswith("0 results")
    assert "cannot be read" in " ".join(screen.detail.plain_text.split())
    await pilot.press(*["backspace"] * 6, *"unread")
    await settle(browser)
    assert screen.paper_list.count > 0
