"""Organising in the browser: tags, the selection, feeds, watch/hide rules, weeks and months, triage."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.pilot import Pilot

from tests.apps import Browser, day_date, here, make_app, status
from tui.store.state import Feed
from tui.ui.screens.browser import BrowserScreen
from tui.ui.screens.organise import OrganiseScreen
from tui.ui.screens.tags import FeedNameScreen, TagScreen
from tui.ui.screens.triage import TriageScreen
from tui.ui.widgets.paper_list import HIDDEN_MARK, SELECTED_MARK, WATCH_MARK


def row_text(screen: object, row: int) -> str:
    """What the paper list draws for `row` (both lines)."""
    papers = screen.paper_list  # type: ignore[attr-defined]
    return " ".join(line.plain for line in papers.render_row(row, 200, False))


async def wait_workers(browser: Browser) -> None:
    await browser.app.workers.wait_for_complete()
    await browser.pilot.pause()


async def test_t_tags_a_paper_with_completion_and_removes_tags_cleanly(browser: Browser) -> None:
    app, screen, _, store, pilot = browser
    index = here(screen)
    await pilot.press("t")
    assert isinstance(app.screen, TagScreen)
    await pilot.press(*"survey, to read", "enter")
    assert screen.reading.tags(index) == {"survey", "to read"}
    assert "#survey" in row_text(screen, 0) and "#to read" in row_text(screen, 0)
    assert "#survey #to read" in screen.detail.plain_text
    await pilot.press("j", "t", *"su")  # the next paper: "su" completes to the tag in use
    field = app.screen.query_one("#tags")
    await pilot.pause(0.2)
    assert field._suggestion == "survey"  # type: ignore[attr-defined]
    await pilot.press("right", "enter")
    assert screen.reading.tags(here(screen)) == {"survey"}
    await pilot.press("k", "t", "ctrl+u", "enter")  # every tag deleted: the paper has none
    assert screen.reading.tags(index) == set()
    assert store.state.flush()
    assert [
        d["key"]
        for d in __import__("json").loads((store.data_dir / "state.json").read_text())["tags"].values()
    ] == [screen.library.key(index + 1)]


async def test_a_bad_tag_is_explained_in_the_dialog_and_nothing_saved(browser: Browser) -> None:
    app, screen, _, _, pilot = browser
    await pilot.press("t", *"good, bad:one", "enter")
    assert isinstance(app.screen, TagScreen)
    error = app.screen.query_one("#tag-error")
    assert "colon" in str(error.render())
    await pilot.press("escape")
    assert screen.reading.tags(here(screen)) == set()


async def test_v_selects_and_star_copy_export_act_on_the_selection(browser: Browser, tmp_path: Path) -> None:
    app, screen, _, _, pilot = browser
    first = here(screen)
    await pilot.press("v", "j", "j", "v")
    third = here(screen)
    assert screen.selected == {first, third}
    assert "2 selected" in str(screen.paper_list.border_title)
    assert SELECTED_MARK in row_text(screen, 0) and SELECTED_MARK not in row_text(screen, 1)
    await pilot.press("s")
    assert screen.reading.is_starred(first) and screen.reading.is_starred(third)
    assert not screen.reading.is_starred(first + 1)
    await pilot.press("c")
    assert app.clipboard.count("@misc{") == 2
    await pilot.press("t", *"batch", "enter")
    assert screen.reading.tags(first) == screen.reading.tags(third) == {"batch"}
    await pilot.press("x")
    assert "Export 2 papers" in str(app.screen.query_one("#dialog-box").border_title)
    await pilot.press("escape", "V")
    assert not screen.selected and "selected" not in str(screen.paper_list.border_title)


async def test_F_saves_the_search_as_a_feed_listed_above_the_days_with_counts(browser: Browser) -> None:
    app, screen, _, store, pilot = browser
    await pilot.press("F")
    assert "Search first" in status(screen)
    await pilot.press("slash", *"title:agent")
    await wait_workers(browser)
    await pilot.press("enter", "F")
    assert isinstance(app.screen, FeedNameScreen)
    await pilot.press(*"agents", "enter")
    await wait_workers(browser)
    assert screen.entries[0].feed is not None and screen.entries[0].label == "agents"
    assert store.state.snapshot.feeds[0].query == "title:agent"
    await pilot.press("escape", "1")  # feed 1
    await pilot.pause()
    assert day_date(screen) == "agents"
    titles = [screen.library.title(i) for i in screen.paper_list.indices]
    assert titles and all("agent" in t.lower() for t in titles)
    assert screen.paper_list.indices == sorted(screen.paper_list.indices)  # newest first
    counts = screen.reading.organiser.feed_counts(store.state.snapshot.feeds[0])
    assert counts == (len(titles), len(titles))
    await pilot.press("r")  # counts stay true after reading
    assert screen.reading.organiser.feed_counts(store.state.snapshot.feeds[0]) == (
        len(titles) - 1,
        len(titles),
    )


async def test_H_hides_a_search_from_the_days_i_shows_it_search_still_finds_it(browser: Browser) -> None:
    _, screen, _, _, pilot = browser
    total = screen.paper_list.count
    await pilot.press("slash", *"title:interactcomp")
    await wait_workers(browser)
    hidden = here(screen)
    await pilot.press("enter", "H")
    await wait_workers(browser)
    await pilot.press("escape")
    await wait_workers(browser)
    assert hidden not in screen.paper_list.indices
    assert screen.paper_list.count == total - 1
    assert "1 hidden" in str(screen.paper_list.border_title)
    day_row = screen.sidebar.render_row(screen.entry, 40, False)[0].plain.split()
    assert day_row[2] == str(total - 1)  # the sidebar counts what the list shows
    await pilot.press("i")
    assert hidden in screen.paper_list.indices
    assert HIDDEN_MARK in row_text(screen, screen.paper_list.indices.index(hidden))
    await pilot.press("i", "slash", *"interactcomp")
    await wait_workers(browser)
    assert hidden in screen.paper_list.indices  # search still finds it, marked
    assert HIDDEN_MARK in row_text(screen, screen.paper_list.indices.index(hidden))


async def test_W_watches_a_search_and_marks_its_papers_everywhere(browser: Browser) -> None:
    _, screen, _, store, pilot = browser
    await pilot.press("slash", *"title:agent")
    await wait_workers(browser)
    await pilot.press("enter", "W", "escape")
    await wait_workers(browser)
    assert [r.kind for r in store.state.snapshot.rules] == ["watch"]
    marked = [row for row in range(screen.paper_list.count) if WATCH_MARK in row_text(screen, row)]
    titles = [screen.library.title(screen.paper_list.indices[row]) for row in marked]
    assert titles and all("agent" in t.lower() for t in titles)


async def test_m_cycles_days_weeks_months_and_brackets_step_by_the_unit(browser: Browser) -> None:
    _, screen, _, _, pilot = browser
    await pilot.press("m")
    assert str(screen.unit) == "week"
    assert day_date(screen) == "2025-W44"
    assert all("-W" in e.label for e in screen.entries)
    assert len(screen.paper_list.indices) == 27  # the week's papers, with their dates
    await pilot.press("left_square_bracket")
    assert day_date(screen) == "2025-W42"
    await pilot.press("m")
    assert [e.label for e in screen.entries][:3] == ["2025-10", "2025-03", "2024-12"]
    await pilot.press("m")
    assert str(screen.unit) == "day"


async def test_T_triages_the_list_one_paper_at_a_time(browser: Browser) -> None:
    app, screen, _, store, pilot = browser
    papers = list(screen.paper_list.indices)
    await pilot.press("T")
    assert isinstance(app.screen, TriageScreen)
    await pilot.press("r")  # read, next
    await pilot.press("s", "n")  # star the second, skip on
    await pilot.press("t", *"later", "enter")
    await pilot.press("r", "u")  # read the third, then take it back
    assert app.screen.position == 2
    await pilot.press("q")
    assert not isinstance(app.screen, TriageScreen)
    assert status(screen) == "Triage: 1 read, 1 starred, 1 tagged, 1 skipped."
    assert screen.reading.is_read(papers[0]) and not screen.reading.is_read(papers[2])
    assert screen.reading.is_starred(papers[1]) and screen.reading.tags(papers[2]) == {"later"}
    assert store.state.flush()  # written as it went
    assert here(screen) == papers[2]  # the list goes on where triage stopped


async def test_triage_counts_an_already_read_paper_as_read_and_undo_keeps_it_read(browser: Browser) -> None:
    app, screen, _, _, pilot = browser
    papers = list(screen.paper_list.indices)
    await pilot.press("r")  # read before triage
    await pilot.press("T", "r")
    assert "1 read, 0 starred, 0 tagged, 0 skipped" in str(app.screen.query_one("#triage-head").render())
    await pilot.press("u", "q")
    assert screen.reading.is_read(papers[0])  # it was read before: undo leaves it so


async def test_palette_toggles_hide_empty_days_and_one_line_per_paper(browser: Browser) -> None:
    _, screen, _, _, pilot = browser
    assert any(e.period is not None and e.period.count == 0 for e in screen.entries)
    screen.action_do("view.hide_empty")
    assert not any(e.period is not None and e.period.count == 0 for e in screen.entries)
    screen.action_do("view.one_line")
    await pilot.pause()
    assert screen.paper_list.row_height == 1


async def test_feeds_and_rules_are_listed_and_removed_in_their_dialog(browser: Browser) -> None:
    app, screen, _, store, pilot = browser
    store.state.add_rule("hide", "title:interactcomp")
    store.state.save_feed(__import__("tui.store.state", fromlist=["Feed"]).Feed("x", "agent"))
    screen.action_do("organise.manage")
    await pilot.pause()
    assert isinstance(app.screen, OrganiseScreen)
    await pilot.press("d", "d", "escape")
    await wait_workers(browser)
    assert store.state.flush()
    assert store.state.load().feeds == [] and store.state.snapshot.rules == []


async def test_the_compact_day_list_keeps_the_year_when_two_years_are_in_view(tmp_path: Path) -> None:
    app, _, _ = make_app(tmp_path / "d")
    async with app.run_test(size=(100, 40)) as pilot:  # narrow: the compact day list
        await pilot.pause()
        sidebar = app.browser.sidebar
        first = sidebar.render_row(0, 20, False)[0].plain
        assert first.startswith("25-10-29")  # 2025 and 2024 are both in view


async def test_brackets_in_a_feed_name_show_as_typed_in_titles_and_the_palette(browser: Browser) -> None:
    from textual.content import Content

    app, screen, _, _, pilot = browser
    await pilot.press("slash", *"title:agent")
    await wait_workers(browser)
    await pilot.press("enter", "F")
    await pilot.press(*"[LLM] agents [b]", "enter")
    await wait_workers(browser)
    await pilot.press("escape", "1")
    await pilot.pause()
    shown = screen.paper_list._border_title.plain if screen.paper_list._border_title else ""  # as drawn
    assert shown.startswith("[LLM] agents [b] · ")
    helps = [Content.from_markup(c.help).plain for c in app.get_system_commands(screen)]
    assert any("[Title](arXiv link)" in h for h in helps)


async def test_for_you_says_how_many_stars_it_needs_then_counts_its_papers(tmp_path: Path) -> None:
    from tui.store.state import Feed

    app, _, store = make_app(tmp_path / "d")
    store.state.save_feed(Feed("agents", "title:agent"))  # a feed: the sidebar shows For you
    async with app.run_test(size=(150, 45)) as pilot:
        screen = app.browser
        await pilot.pause(0.6)  # the feeds are counted after the first frame
        await screen.workers.wait_for_complete()
        await pilot.pause()
        (row,) = [p for p, e in enumerate(screen.entries) if e.label == "For you"]

        def shown() -> str:
            return screen.sidebar.render_row(row, 30, False)[0].plain

        assert shown().rstrip().endswith("star 3 more")  # not a "…" that never ends
        for key in list(screen.library.indices_by_key)[:3]:
            screen.navigation.jump_to(screen.library.indices_by_key[key][0])
            await pilot.pause()
            await pilot.press("s")
        assert "star" not in shown()
        reading = screen.reading
        fresh = [
            i for i in range(len(screen.library)) if not reading.is_read(i) and not reading.is_starred(i)
        ]
        assert shown().rstrip().endswith(f"{len(fresh)} new")  # what is unread and not yet kept
        screen.entry = row
        for _ in range(200):  # the similarity index is built in a child first
            await pilot.pause(0.1)
            if screen.paper_list.indices:
                break
        listed = screen.paper_list.indices
        assert listed and not any(reading.is_starred(i) for i in listed)  # your stars are not news
        await pilot.pause()
        assert "like your stars:" in screen.detail.plain_text  # each paper says why it is there


async def open_agents_feed(browser: Browser) -> tuple[BrowserScreen, Pilot[None]]:
    """Save the feed `agents` (title:agent) and open it with its number key."""
    _, screen, _, store, pilot = browser
    store.state.save_feed(Feed("agents", "title:agent"))
    screen.organise_in_background()
    await wait_workers(browser)
    await pilot.press("1")
    await pilot.pause()
    return screen, pilot


async def test_n_in_a_feed_steps_to_the_feeds_next_unread_paper(browser: Browser) -> None:
    screen, pilot = await open_agents_feed(browser)
    feed_papers = list(screen.paper_list.indices)
    assert len(feed_papers) >= 2
    await pilot.press("n")
    await pilot.pause()
    assert day_date(screen) == "agents"  # still in the feed, not thrown onto a day
    assert here(screen) in feed_papers and here(screen) != feed_papers[0]


async def test_a_long_title_in_a_dialog_border_ends_in_an_ellipsis_and_hints_wrap(browser: Browser) -> None:
    app, _, _, _, pilot = browser
    app.push_screen(TagScreen("A" * 50 + " " + "B" * 50, [], [], adding_to_many=False))
    await pilot.pause()
    box = app.screen.query_one("#dialog-box")
    title = str(box.border_title)
    assert title.endswith("…") and len(title) <= TagScreen.WIDTH - 8
    hint = app.screen.query_one("#tag-hint")
    assert hint.size.height >= 2  # wrapped inside the box, not cut at its edge
    assert "remove a tag by deleting it" in str(hint.render())


async def test_i_without_hide_rules_says_nothing_is_hidden(browser: Browser) -> None:
    _, screen, _, _, pilot = browser
    await pilot.press("i")
    assert "Nothing is hidden" in status(screen)


async def test_changes_from_another_process_show_in_the_running_browser(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # `paperbrowse star` or `feed add` in another shell while the browser runs.
    import tui.ui.screens.browser as browser_module
    from tui.store import Store
    from tui.store.state import Feed, StarInfo

    monkeypatch.setattr(browser_module, "STATE_POLL_SECONDS", 0.1)
    data = tmp_path / "d"
    app, _, _ = make_app(data, discover=False)
    async with app.run_test(size=(150, 45)) as pilot:
        screen = app.browser
        await pilot.pause(0.3)
        paper = here(screen)
        key = screen.library.key(paper)
        other = Store(data).state  # the other process's view of the same file
        other.load()
        other.set_starred([StarInfo(key, "", "")], True)
        other.save_feed(Feed("elsewhere", "title:agent"))
        for _ in range(50):
            await pilot.pause(0.1)
            if screen.reading.is_starred(paper) and any(e.label == "elsewhere" for e in screen.entries):
                break
        assert screen.reading.is_starred(paper)  # shown without a restart
        assert any(e.label == "elsewhere" for e in screen.entries)
        assert "starred" in screen.detail.plain_text
        await pilot.press("s")  # and a change made here keeps the other's
        await screen.workers.wait_for_complete()
        assert screen.reading.user.flush()
    assert [f.name for f in Store(data).state.load().feeds] == ["elsewhere"]


async def test_brackets_in_a_feed_say_where_they_went(browser: Browser) -> None:
    screen, pilot = await open_agents_feed(browser)
    await pilot.press("right_square_bracket")  # newer: a feed has none
    assert day_date(screen) == "agents" and "no newer day" in status(screen)
    await pilot.press("left_square_bracket")
    assert day_date(screen) != "agents"
    assert "Left agents for the newest day" in status(screen)
