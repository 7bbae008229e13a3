"""Every key of the browser, driven through Textual's Pilot on the sample days.

Clipboard and browser calls are recorded, not performed.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.content import Content
from textual.pilot import Pilot
from textual.widgets import Input, OptionList

from tests.apps import (
    NEWEST,
    SIZE,
    Browser,
    day_date,
    focused,
    here,
    make_app,
    plain,
    state_on_disk,
    status,
    title_on_screen,
)
from tui.digest.export import FORMATS
from tui.store import Store
from tui.store.state import Session
from tui.ui.commands import COMMANDS
from tui.ui.discovery_worker import DiscoveryReady, RelatedFound
from tui.ui.screens.browser import BrowserScreen
from tui.ui.screens.confirm import ConfirmScreen
from tui.ui.screens.export import ExportScreen
from tui.ui.screens.help import HelpScreen
from tui.ui.screens.note import NoteScreen


async def test_starts_on_newest_day_first_paper(browser: Browser) -> None:
    app, screen, _, _, _ = browser
    assert day_date(screen) == NEWEST
    assert screen.paper_list.cursor == 0
    assert screen.paper == screen.library.days[0].start
    assert focused(screen) is screen.paper_list
    assert app.sub_title == NEWEST


async def test_j_k_move_between_papers(browser: Browser) -> None:
    _, screen, _, _, pilot = browser
    first = title_on_screen(screen)
    await pilot.press("j")
    second = title_on_screen(screen)
    assert second != first
    await pilot.press("down", "up")
    assert title_on_screen(screen) == second
    await pilot.press("k")
    assert title_on_screen(screen) == first
    await pilot.press("k")  # stays on the first paper
    assert screen.paper_list.cursor == 0


async def test_j_k_in_day_list_move_days(browser: Browser) -> None:
    _, screen, _, _, pilot = browser
    await pilot.press("shift+tab")
    assert focused(screen) is screen.sidebar
    await pilot.press("j")
    await pilot.pause()
    assert day_date(screen) == "2025-10-15"
    await pilot.press("k")
    await pilot.pause()
    assert day_date(screen) == NEWEST


async def test_brackets_move_days_from_anywhere_and_select_first_paper(browser: Browser) -> None:
    _, screen, _, _, pilot = browser
    await pilot.press("j", "j")
    await pilot.press("left_square_bracket", "left_square_bracket")
    await pilot.pause()
    assert day_date(screen) == "2025-03-14"
    assert screen.paper_list.cursor == 0
    await pilot.press("tab")  # from the detail pane too
    await pilot.press("right_square_bracket")
    await pilot.pause()
    assert day_date(screen) == "2025-10-15"


async def test_a_burst_of_keys_lands_where_the_keys_say_with_its_paper_shown(browser: Browser) -> None:
    # Keys can outrun the lists' announcements (a busy app, a held key): each
    # move here runs before the messages of the one before are handled, and a
    # stale announcement must not drag the view back to a row already left.
    _, screen, _, _, pilot = browser
    for _ in range(5):
        screen.navigation.move_period(+1)  # what "[" does
    await pilot.pause()
    assert day_date(screen) == "2024-10-01"
    assert screen.sidebar.cursor == screen.entry
    first = screen.paper_list.indices[0]
    assert here(screen) == first
    assert screen.library.paper(first).title in " ".join(screen.detail.plain_text.split())
    for _ in range(4):
        screen.sidebar.action_cursor_up()  # "k" in the sidebar
    for _ in range(2):
        screen.sidebar.action_cursor_down()
    await pilot.pause()
    assert day_date(screen) == "2024-12-10"
    for _ in range(5):
        screen.paper_list.action_cursor_down()
    await pilot.pause()
    assert here(screen) == screen.paper_list.indices[5]
    assert screen.library.paper(here(screen)).title in " ".join(screen.detail.plain_text.split())


async def test_day_without_papers_says_so_and_keys_on_no_paper_do_nothing(browser: Browser) -> None:
    _, screen, effects, store, pilot = browser
    await pilot.press("left_square_bracket")
    await pilot.pause()
    assert screen.paper_list.count == 0
    assert screen.paper is None
    assert "lists no papers" in screen.detail.plain_text
    await pilot.press("o", "y", "s", "r", "e")
    await screen.app.workers.wait_for_complete()
    assert effects.opened == [] and effects.copied == []
    assert not state_on_disk(store).get("stars") and not state_on_disk(store).get("read")
    assert screen.app.screen is screen  # no note editor for no paper


async def test_tab_cycles_focus_and_enter_descends(browser: Browser) -> None:
    _, screen, _, _, pilot = browser
    await pilot.press("tab")
    assert focused(screen) is screen.detail
    await pilot.press("tab")
    assert focused(screen) is screen.sidebar
    await pilot.press("enter")
    assert focused(screen) is screen.paper_list
    await pilot.press("enter")
    assert focused(screen) is screen.detail
    await pilot.press("shift+tab")
    assert focused(screen) is screen.paper_list


async def test_g_G_home_end(browser: Browser) -> None:
    _, screen, _, _, pilot = browser
    last = screen.library.days[0].count - 1
    await pilot.press("G")
    assert screen.paper_list.cursor == last
    await pilot.press("g")
    assert screen.paper_list.cursor == 0
    await pilot.press("end")
    assert screen.paper_list.cursor == last
    await pilot.press("home")
    assert screen.paper_list.cursor == 0


async def test_j_in_detail_pane_moves_to_next_paper(browser: Browser) -> None:
    _, screen, _, _, pilot = browser
    await pilot.press("enter")
    assert focused(screen) is screen.detail
    await pilot.press("j")
    assert screen.paper_list.cursor == 1


async def test_open_keys_launch_the_right_urls(browser: Browser) -> None:
    app, screen, effects, _, pilot = browser
    arxiv_id = screen.library.paper(here(screen)).arxiv_id
    await pilot.press("o", "O", "p")
    await app.workers.wait_for_complete()
    await pilot.pause()
    assert effects.opened == [
        f"https://arxiv.org/abs/{arxiv_id}",
        f"https://huggingface.co/papers/{arxiv_id}",
        f"https://arxiv.org/pdf/{arxiv_id}",
    ]


async def test_when_no_browser_opens_the_url_is_shown(tmp_path: Path) -> None:
    app, effects, _ = make_app(tmp_path / "d")
    effects.can_open = False
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("o")
        await app.workers.wait_for_complete()
        await pilot.pause()
        messages = [n.message for n in app._notifications]
        assert any("No browser" in m and "https://arxiv.org/abs/" in m for m in messages)


async def test_copying_from_a_paper_without_links_says_what_was_copied(tmp_path: Path) -> None:
    folder = tmp_path / "digests"
    folder.mkdir()
    (folder / "2025-01-02.md").write_text(
        "## Papers for 2025-01-02\n\n| Title | Authors | Summary |\n|---|---|---|\n"
        "| A paper with no links | Ann Lee | It does things. |\n"
    )
    app, effects, _ = make_app(tmp_path / "d", source=folder)
    async with app.run_test(size=SIZE) as pilot:
        screen = app.browser
        await pilot.press("y")
        await pilot.pause()
        assert "no link" in status(screen)
        await pilot.press("Y")
        await app.workers.wait_for_complete()
        assert effects.copied[-1] == "A paper with no links"
        assert status(screen) == "This paper has no link: only its title was copied."


async def test_copy_keys_copy_and_confirm_in_the_status_line_not_over_the_paper(browser: Browser) -> None:
    app, screen, effects, _, pilot = browser
    paper = screen.library.paper(here(screen))
    await pilot.press("y")
    assert app.clipboard == f"https://arxiv.org/abs/{paper.arxiv_id}"
    assert status(screen).startswith("arXiv link copied")
    await pilot.press("Y")
    assert app.clipboard == f"[{paper.title}](https://arxiv.org/abs/{paper.arxiv_id})"
    await pilot.press("c")
    assert app.clipboard.startswith("@misc{") and f"eprint={{{paper.arxiv_id}}}" in app.clipboard
    await pilot.press("C")
    assert app.clipboard.endswith(f"arXiv:{paper.arxiv_id}. https://arxiv.org/abs/{paper.arxiv_id}")
    await pilot.press("s", "o")
    await app.workers.wait_for_complete()
    await pilot.pause()
    assert len(effects.copied) == 4  # the system clipboard got the same four
    assert list(app._notifications) == []  # confirmations never stack over the text being read
    assert status(screen).startswith("Opening https://arxiv.org/abs/")


async def test_s_stars_and_unstars_in_state_json(browser: Browser) -> None:
    _, screen, _, store, pilot = browser
    key = screen.library.key(here(screen))
    await pilot.press("s")
    assert [d["key"] for d in state_on_disk(store)["stars"].values()] == [key]
    await pilot.press("s")
    assert state_on_disk(store)["stars"] == {}


async def test_help_lists_every_command_from_the_table(browser: Browser) -> None:
    app, _, _, _, pilot = browser
    await pilot.press("question_mark")
    assert isinstance(app.screen, HelpScreen)
    text = plain(app.screen.query_one("Static"))
    for command in COMMANDS:
        if command.listed:
            assert command.help[:40] in " ".join(text.split()), command.id
    await pilot.press("escape")
    assert not isinstance(app.screen, HelpScreen)


async def test_q_quits_and_remembers_the_place(tmp_path: Path) -> None:
    app, _, store = make_app(tmp_path / "d")
    async with app.run_test(size=SIZE) as pilot:
        screen = app.browser
        await pilot.press("left_square_bracket", "left_square_bracket")
        await pilot.pause()
        await pilot.press("j", "j")
        key = screen.library.key(here(screen))
        date = day_date(screen)
        await pilot.press("q")
    assert store.state.load().session == Session(date, key, "all")
    again, _, _ = make_app(tmp_path / "d", start=store.state.snapshot.session)
    async with again.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert day_date(again.browser) == date
        assert again.browser.library.key(here(again.browser)) == key


async def test_quitting_on_a_day_without_papers_reopens_on_that_day(tmp_path: Path) -> None:
    app, _, store = make_app(tmp_path / "d")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("left_square_bracket")  # 2025-10-15 lists no papers
        await pilot.pause()
        assert app.browser.paper is None
        await pilot.press("q")
    assert store.state.load().session == Session("2025-10-15", None, "all")
    again, _, _ = make_app(tmp_path / "d", start=store.state.snapshot.session)
    async with again.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert day_date(again.browser) == "2025-10-15"


# -- reading state, search, export ---------------------------------------------------------


async def wait_until_read(screen: BrowserScreen, pilot: Pilot[None], index: int) -> bool:
    for _ in range(50):  # poll: a loaded machine may be slow to fire the timer
        await pilot.pause(0.1)
        if screen.reading.is_read(index):
            return True
    return False


async def test_paper_becomes_read_after_a_moment_in_the_day_view(tmp_path: Path) -> None:
    app, _, _ = make_app(tmp_path / "d", read_after=0.2)
    async with app.run_test(size=SIZE) as pilot:
        screen = app.browser
        first = here(screen)
        assert not screen.reading.is_read(first)
        assert await wait_until_read(screen, pilot, first)
        screen.read_after = 30  # a glance shorter than the moment does not count
        await pilot.press("j")
        second = here(screen)
        await pilot.press("j")
        await pilot.pause(0.3)
        assert not screen.reading.is_read(second)


async def test_searching_does_not_mark_results_read_but_opening_one_does(tmp_path: Path) -> None:
    app, _, _ = make_app(tmp_path / "d", read_after=0.2)
    async with app.run_test(size=SIZE) as pilot:
        screen = app.browser
        await pilot.press("slash", *"agent")
        await app.workers.wait_for_complete()
        await pilot.pause(0.6)  # the highlighted result sits there while the box has focus
        top = here(screen)
        assert str(screen.mode) == "search" and not screen.reading.is_read(top)
        await pilot.press("enter")  # into the results: browsing them is not reading them
        await pilot.press("j")
        await pilot.pause(0.6)
        assert not screen.reading.is_read(here(screen))
        await pilot.press("enter")  # opened in the detail pane: now it is being read
        assert await wait_until_read(screen, pilot, here(screen))


async def test_read_after_zero_never_marks_by_itself(tmp_path: Path) -> None:
    app, _, _ = make_app(tmp_path / "d", read_after=0)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause(0.5)
        assert not app.browser.reading.is_read(here(app.browser))


async def test_r_toggles_read_and_u_undoes(browser: Browser) -> None:
    _, screen, _, _, pilot = browser
    index = here(screen)
    unread_before = screen.reading.unread_on_day(0)
    await pilot.press("r")
    assert screen.reading.is_read(index)
    assert screen.reading.unread_on_day(0) == unread_before - 1
    await pilot.press("s")
    assert screen.reading.is_starred(index)
    await pilot.press("u")  # undoes the star
    assert not screen.reading.is_starred(index)
    title = screen.library.title(index)
    assert status(screen).startswith(f"Undid starring “{title[:20]}")  # says what it undid, and which
    await pilot.press("u")  # then the read mark
    assert not screen.reading.is_read(index)
    assert status(screen).startswith(f"Undid marking “{title[:20]}") and status(screen).endswith(" read.")
    await pilot.press("u")
    assert status(screen) == "Nothing to undo."


async def test_n_and_N_walk_unread_papers_across_days(browser: Browser) -> None:
    _, screen, _, _, pilot = browser
    day = screen.library.days[0]
    screen.reading.set_read(list(day.indices)[1:], True)
    await pilot.press("n")  # the rest of the newest day is read: the next unread is days older
    await pilot.pause()
    assert day_date(screen) == "2025-03-14"
    assert screen.paper_list.cursor == 0
    await pilot.press("N")
    await pilot.pause()
    assert day_date(screen) == NEWEST
    assert screen.paper_list.cursor == 0


async def test_e_edits_a_note_and_escape_cancels(browser: Browser) -> None:
    app, screen, _, store, pilot = browser
    index = here(screen)
    await pilot.press("e")
    assert isinstance(app.screen, NoteScreen)
    await pilot.press(*"check the ablations")
    await pilot.press("ctrl+s")
    assert screen.reading.note(index) == "check the ablations"
    assert "check the ablations" in screen.detail.plain_text
    await pilot.press("e")
    await pilot.press(*" twice")
    await pilot.press("escape")
    assert screen.reading.note(index) == "check the ablations"
    assert store.state.flush()
    assert Store(store.data_dir).state.load().notes == {screen.library.key(index): "check the ablations"}


async def test_f_cycles_all_unread_starred(browser: Browser) -> None:
    _, screen, _, _, pilot = browser
    total = screen.paper_list.count
    await pilot.press("s")  # star the first
    await pilot.press("r")  # and mark it read
    await pilot.press("f")
    assert str(screen.filter) == "unread"
    assert screen.paper_list.count == total - 1
    await pilot.press("f")
    assert str(screen.filter) == "starred"
    assert screen.paper_list.count == 1
    assert str(screen.paper_list.border_title).endswith("· starred")
    await pilot.press("f")
    assert str(screen.filter) == "all"
    assert screen.paper_list.count == total


async def test_cycling_the_filter_comes_back_to_the_paper_it_left(browser: Browser) -> None:
    app, screen, _, _, pilot = browser
    await pilot.press("j", "j", "j", "r")  # the fourth paper is read: "unread" leaves it out
    await pilot.pause()
    paper = here(screen)
    await pilot.press("f")
    await pilot.pause()
    assert paper not in screen.paper_list.indices
    await pilot.press("f", "f")  # starred (none), then all again
    await pilot.pause()
    assert str(screen.filter) == "all" and here(screen) == paper
    await pilot.press("f", "j", "f", "f")  # moving while filtered: that is the new place
    await pilot.pause()
    assert here(screen) != paper
    await pilot.press("slash", *"agent")  # and in a search too
    await app.workers.wait_for_complete()
    await pilot.press("enter", "j", "j", "r")
    await pilot.pause()
    found = here(screen)
    for _ in range(3):
        await pilot.press("f")
        await app.workers.wait_for_complete()
        await pilot.pause()
    assert str(screen.filter) == "all" and here(screen) == found


async def test_A_marks_the_list_read_after_confirmation(browser: Browser) -> None:
    app, screen, _, _, pilot = browser
    await pilot.press("A")
    assert isinstance(app.screen, ConfirmScreen)
    await pilot.press("n")
    assert screen.reading.unread_on_day(0) == screen.library.days[0].count
    await pilot.press("A", "y")
    assert screen.reading.unread_on_day(0) == 0
    await pilot.press("u")
    assert screen.reading.unread_on_day(0) == screen.library.days[0].count


async def test_search_across_days_and_escape_returns(browser: Browser) -> None:
    app, screen, _, _, pilot = browser
    await pilot.press("j", "j")
    before = (screen.entry, screen.paper)
    await pilot.press("slash")
    await pilot.press(*"title:agent")
    await app.workers.wait_for_complete()
    await pilot.pause()
    assert str(screen.mode) == "search"
    titles = [screen.library.title(i) for i in screen.paper_list.indices]
    assert titles and all("agent" in t.lower() for t in titles)
    assert {screen.library.date(i) for i in screen.paper_list.indices} != {NEWEST}  # across days
    assert str(screen.paper_list.border_title).startswith(f"{len(titles)} result")
    assert screen.paper == screen.paper_list.indices[0]
    assert titles[0][:30] in screen.detail.plain_text  # the detail follows the top result as one types
    await pilot.press("enter")
    assert focused(screen) is screen.paper_list
    await pilot.press("j")
    assert screen.paper == screen.paper_list.indices[1]
    await pilot.press("escape")
    assert str(screen.mode) == "list"
    assert (screen.entry, screen.paper) == before


async def test_down_and_up_in_the_search_box_walk_the_results_while_typing(browser: Browser) -> None:
    app, screen, _, _, pilot = browser
    await pilot.press("slash", *"agent")
    await app.workers.wait_for_complete()
    await pilot.pause()
    await pilot.press("down", "down", "up", "down")
    await pilot.pause()
    assert isinstance(focused(screen), Input)  # still typing
    assert here(screen) == screen.paper_list.indices[2]
    title = screen.library.title(here(screen))
    assert title[:25] in " ".join(screen.detail.plain_text.split())
    await pilot.press(*" -zzzz")  # the query can still be edited
    await app.workers.wait_for_complete()
    assert screen.search_bar.value == "agent -zzzz"


async def test_escape_after_changing_the_filter_returns_to_the_same_paper(browser: Browser) -> None:
    app, screen, _, _, pilot = browser
    await pilot.press("j", "j", "j")
    paper = here(screen)
    await pilot.press("j", "r", "k")  # a paper above it is read: rows shift under the unread filter
    await pilot.press("slash", *"agent")
    await app.workers.wait_for_complete()
    await pilot.press("enter", "f")  # the unread filter, set while searching
    await app.workers.wait_for_complete()
    await pilot.pause()
    await pilot.press("escape")
    await pilot.pause()
    assert screen.paper == paper


async def test_a_query_typed_in_one_burst_lands_in_the_box(browser: Browser) -> None:
    # Keys that arrive together (a fast typist, a paste, tmux send-keys) must not
    # reach the list after "/": there s would star a paper and e open a note.
    from textual import events

    app, screen, _, store, pilot = browser
    for char in "/sketch/pad":
        app.post_message(events.Key("slash" if char == "/" else char, char))
    await pilot.pause(0.3)
    assert screen.search_bar.value == "sketch/pad"  # a slash in the box is just a slash
    assert app.screen is screen
    assert not store.state.snapshot.stars


async def test_a_slash_in_a_note_is_typed_not_a_search(browser: Browser) -> None:
    _, screen, _, _, pilot = browser
    index = here(screen)
    await pilot.press("e", *"and/or", "ctrl+s")
    assert screen.reading.note(index) == "and/or"
    assert str(screen.mode) == "list"


@pytest.mark.parametrize("query", ["is:famous", "is:[/]", "date:[/]", "[/x] [b]"])
async def test_malformed_or_markup_like_queries_are_explained_in_place(browser: Browser, query: str) -> None:
    app, screen, _, _, pilot = browser
    await pilot.press("slash", *query)
    await app.workers.wait_for_complete()
    await pilot.pause()
    hint = plain(screen.search_bar.query_one("#search-hint"))
    if query.startswith(("is:", "date:")):
        assert query.split(":", maxsplit=1)[0] + ":" in hint  # the query's own text, shown as text
    assert app.screen is screen  # no dialog, no crash


async def test_the_export_dialog_offers_every_format_the_help_names(browser: Browser) -> None:
    app, _, _, _, pilot = browser
    await pilot.press("x")
    formats = app.screen.query_one("#export-format", OptionList)
    offered = {formats.get_option_at_index(i).id for i in range(formats.option_count)}
    assert offered == set(FORMATS)


async def test_x_exports_the_list_in_the_order_shown(browser: Browser, tmp_path: Path) -> None:
    app, screen, _, _, pilot = browser
    await pilot.press("x")
    assert isinstance(app.screen, ExportScreen)
    await pilot.press("down", "down")  # BibTeX -> RIS/markdown: the suffix follows
    dialog = app.screen
    while dialog.fmt != "markdown":
        await pilot.press("down")
    assert dialog.query_one("#export-path", Input).value.endswith(".md")
    await pilot.press("enter")  # enter on the format list moves on to the file name
    field = dialog.query_one("#export-path", Input)
    assert focused(dialog) is field  # type: ignore[arg-type]
    target = tmp_path / "out.md"
    field.value = str(target)
    await pilot.press("enter")
    await app.workers.wait_for_complete()
    await pilot.pause()
    text = target.read_text()
    assert text.startswith(f"## Papers for {NEWEST}")
    assert text.count("\n| ") == screen.library.days[0].count + 1  # header + one row per paper
    assert status(screen) == f"Wrote {screen.library.days[0].count} papers to {target}"


async def test_x_asks_before_replacing_a_file(browser: Browser, tmp_path: Path) -> None:
    app, _, _, _, pilot = browser
    target = tmp_path / "mine.bib"
    target.write_text("my own bibliography")
    await pilot.press("x")
    app.screen.query_one("#export-path", Input).value = str(target)
    app.screen.query_one("#export-path", Input).focus()
    await pilot.press("enter")
    assert isinstance(app.screen, ConfirmScreen)
    await pilot.press("n")
    await pilot.pause()
    assert target.read_text() == "my own bibliography"
    await pilot.press("enter")
    await pilot.press("y")
    await app.workers.wait_for_complete()
    await pilot.pause()
    assert target.read_text().startswith("@misc{")


async def test_export_list_chooses_with_enter_from_the_first_option(browser: Browser) -> None:
    app, _, _, _, pilot = browser
    await pilot.press("x")
    assert isinstance(app.screen.query_one(OptionList).highlighted, int)


@pytest.mark.parametrize("size", [(30, 10), (60, 24), (80, 24), (100, 30)])
async def test_small_terminals_do_not_crash(tmp_path: Path, size: tuple[int, int]) -> None:
    app, _, _ = make_app(tmp_path / "d")
    async with app.run_test(size=size) as pilot:
        await pilot.press(
            "j", "left_square_bracket", "tab", "question_mark", "escape", "slash", "a", "escape"
        )
        await pilot.press("o", "y")
        await pilot.pause()
        assert app.is_running
        assert day_date(app.browser) == "2025-10-15"  # one day older, whatever the size
        assert "lists no papers" in " ".join(app.browser.detail.plain_text.split())


async def test_the_layout_follows_the_current_width(tmp_path: Path) -> None:
    app, _, _ = make_app(tmp_path / "d")
    async with app.run_test(size=(60, 30)) as pilot:
        screen = app.browser
        assert screen.has_class("-tiny") and not screen.sidebar.display
        for width, wanted in ((100, "-narrow"), (220, "-wide"), (100, "-narrow"), (60, "-tiny")):
            await pilot.resize_terminal(width, 30)
            await pilot.pause()
            assert screen.has_class(wanted), (width, screen.classes)
            assert screen.sidebar.display == (wanted != "-tiny")
        await pilot.resize_terminal(220, 30)
        await pilot.pause()
        assert screen.sidebar.size.width > 20  # wide again: the full day list, not the compact one


async def test_a_shorter_terminal_keeps_the_cursor_rows_in_view(tmp_path: Path) -> None:
    app, _, _ = make_app(tmp_path / "d")
    async with app.run_test(size=(140, 40)) as pilot:
        screen = app.browser
        await pilot.press("left_square_bracket", "left_square_bracket", *["j"] * 12)
        await pilot.pause()
        await pilot.resize_terminal(140, 12)
        await pilot.pause()
        await pilot.pause()
        for widget in (screen.sidebar, screen.paper_list):
            top = widget.scroll_offset.y
            row = widget.cursor * widget.row_height
            height = widget.scrollable_content_region.height
            assert top <= row and row + widget.row_height <= top + height, (widget, top, row, height)


@pytest.mark.parametrize("width", [80, 100, 150])
async def test_link_rows_never_wrap(tmp_path: Path, width: int) -> None:
    app, _, _ = make_app(tmp_path / "d")
    async with app.run_test(size=(width, 40)) as pilot:
        await pilot.pause()
        screen = app.browser
        arxiv_id = screen.library.paper(here(screen)).arxiv_id
        lines = screen.detail.plain_text.splitlines()
        for label in ("arXiv", "HF", "PDF"):
            (line,) = [ln for ln in lines if ln.startswith(label + " ")]
            assert str(arxiv_id) in line  # the label, and the id unbroken, on one line


async def test_a_timer_firing_as_the_app_closes_is_harmless(browser: Browser) -> None:
    # The read mark is a timer; one firing while the app closes found its widgets
    # gone and crashed the exit.
    _, screen, _, _, _ = browser
    index = here(screen)
    await screen.query_one("#columns").remove()
    screen.read_timer.fire(index)
    assert not screen.reading.is_read(index)


async def test_late_timers_firing_midway_through_closing_are_harmless(browser: Browser) -> None:
    # Every other late timer and worker too (on a slow machine they all fire late),
    # midway through the removal, with some panes gone and others not yet.
    _, screen, _, _, _ = browser
    # Textual removes a container's children before the container: columns still there, panes gone.
    await screen.query_one("#columns").remove_children()
    screen._start_discovery()
    screen._render_pending_detail()
    screen._metadata_ready()
    screen._organised()
    assert screen.paper is not None
    screen._related_found(RelatedFound(screen.paper, []))  # a worker's answer, arriving late
    screen._discovery_ready(DiscoveryReady(screen.library, ["late"]))


async def test_command_palette_offers_every_browser_command_with_its_help(browser: Browser) -> None:
    app, screen, _, _, _ = browser
    offered = [(command.title, command.help) for command in app.get_system_commands(screen)]
    titles = [title for title, _ in offered]
    for command in COMMANDS:
        if command.palette and command.scope == "browser":
            (help_text,) = [h for t, h in offered if t == command.label]  # offered once, not twice
            shown = Content.from_markup(help_text).plain  # as the palette draws it
            assert command.help in shown and "Key:" not in shown
    assert "Theme" in " ".join(titles)  # Textual's own commands are still there


async def test_detail_pane_scrolls_with_arrows_space_and_end(tmp_path: Path) -> None:
    # Without the index, so no Related block arrives mid-test and moves the end.
    app, _, _ = make_app(tmp_path / "d", discover=False)
    async with app.run_test(size=(100, 20)) as pilot:  # short: the summary must scroll
        screen = app.browser
        await pilot.press("tab")
        assert focused(screen) is screen.detail
        await pilot.press("down", "down")
        assert screen.detail.scroll_offset.y == 2
        await pilot.press("space")
        assert screen.detail.scroll_offset.y > 2
        await pilot.press("end")
        assert screen.detail.scroll_offset.y == screen.detail.max_scroll_y > 0
        await pilot.press("g")
        assert screen.detail.scroll_offset.y == 0


async def test_every_command_the_screen_runs_has_a_handler(browser: Browser) -> None:
    _, screen, _, _, _ = browser
    runs_on_screen = {c.id for c in COMMANDS if c.scope == "browser" or c.action.startswith("screen.do(")}
    assert set(screen.handlers) == runs_on_screen


async def test_a_key_right_after_a_move_acts_on_the_paper_moved_to(browser: Browser) -> None:
    # `j j s` typed fast: `s` can arrive before the list's "cursor moved" message.
    _, screen, _, store, pilot = browser
    start = here(screen)
    screen.paper_list.cursor += 2  # the move; its message is still queued
    screen.action_do("star")  # the next key, handled before that message
    moved_to = screen.paper_list.indices[screen.paper_list.cursor]
    assert moved_to != start
    assert set(store.state.snapshot.stars) == {screen.library.key(moved_to)}
    await pilot.pause()
    assert here(screen) == moved_to


async def test_a_key_right_after_a_sidebar_move_acts_on_the_day_moved_to(browser: Browser) -> None:
    _, screen, _, store, pilot = browser
    start = here(screen)
    target = next(
        position
        for position, entry in enumerate(screen.entries)
        if position > screen.entry and entry.period is not None and entry.period.count
    )
    screen.sidebar.cursor = target  # a move in the sidebar; its message still queued
    screen.action_do("star")  # s: the paper on screen is now the new day's first
    (starred,) = store.state.snapshot.stars
    assert starred != screen.library.key(start)
    await pilot.pause()
    assert starred == screen.library.key(here(screen))


@pytest.mark.parametrize("height", [21, 22, 23])
async def test_the_paper_list_never_opens_or_scrolls_to_half_a_paper(tmp_path: Path, height: int) -> None:
    # Two lines a paper: the top line of the list is always a title, never an author line.
    app, _, _ = make_app(tmp_path / "d", discover=False)
    async with app.run_test(size=(120, height)) as pilot:
        screen = app.browser
        papers = screen.paper_list
        await pilot.pause()
        for _ in range(min(12, papers.count - 1)):
            await pilot.press("j")
            assert papers.scroll_offset.y % 2 == 0 or papers.scroll_offset.y == papers.max_scroll_y
        papers.cursor = papers.count // 2
        papers.scroll_to_cursor(center=True)  # as when a list opens on a paper
        await pilot.pause()
        assert papers.scroll_offset.y % 2 == 0
        for _ in range(8):
            await pilot.press("k")
            assert papers.scroll_offset.y % 2 == 0
