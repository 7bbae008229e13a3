"""Every key of the browser, driven through Textual's Pilot on the sample days.

Clipboard and browser calls are recorded, not performed.
"""

from __future__ import annotations

import json
from collections.abc import AsyncIterator
from pathlib import Path
from typing import NamedTuple

import pytest
from textual.binding import Binding
from textual.pilot import Pilot
from textual.widgets import Input, RadioButton

from tui.store import Store
from tui.store.state import Session
from tui.ui.app import PaperBrowseApp
from tui.ui.effects import RecordingEffects
from tui.ui.launch import SAMPLES
from tui.ui.reading import Reading
from tui.ui.screens.confirm import ConfirmScreen
from tui.ui.screens.export import ExportScreen
from tui.ui.screens.help import HelpScreen
from tui.ui.screens.note import NoteScreen

SIZE = (150, 45)
NEWEST = "2025-10-29"


def make_app(
    data_dir: Path, *, start: Session | None = None, read_after: float = 60.0, source: Path = SAMPLES
) -> tuple[PaperBrowseApp, RecordingEffects, Store]:
    store = Store(data_dir)
    library, _ = store.open_library([source], remember=True)
    effects = RecordingEffects()
    app = PaperBrowseApp(
        Reading(library, store.state), effects=effects, start=start, data_dir=data_dir, read_after=read_after
    )
    return app, effects, store


class Browser(NamedTuple):
    """A running app with its recorded effects, store and pilot."""

    app: PaperBrowseApp
    effects: RecordingEffects
    store: Store
    pilot: Pilot[None]


@pytest.fixture
async def browser(tmp_path: Path) -> AsyncIterator[Browser]:
    app, effects, store = make_app(tmp_path / "data")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        yield Browser(app, effects, store, pilot)


def focused(app: PaperBrowseApp) -> object:
    """What has focus (a function, so checks in sequence are not narrowed away)."""
    return app.focused


def here(app: PaperBrowseApp) -> int:
    """The library index on screen (there must be one)."""
    assert app.current is not None
    return app.current


def plain(widget: object) -> str:
    """The text a Static shows, whatever renderable it holds."""
    from rich.console import Console

    console = Console(width=200, record=True, file=open("/dev/null", "w"))  # noqa: SIM115
    console.print(widget.content)  # type: ignore[attr-defined]
    return console.export_text()


def title_on_screen(app: PaperBrowseApp) -> str:
    assert app.current is not None
    return app.library.title(app.current)


async def test_starts_on_newest_day_first_paper(browser: Browser) -> None:
    app, _, _, _ = browser
    assert app.library.days[app.day_position].date == NEWEST
    assert app.paper_list.cursor == 0
    assert app.current == app.library.days[0].start
    assert focused(app) is app.paper_list
    assert app.sub_title == NEWEST


async def test_j_k_move_between_papers(browser: Browser) -> None:
    app, _, _, pilot = browser
    first = title_on_screen(app)
    await pilot.press("j")
    second = title_on_screen(app)
    assert second != first
    await pilot.press("down", "up")
    assert title_on_screen(app) == second
    await pilot.press("k")
    assert title_on_screen(app) == first
    await pilot.press("k")  # stays on the first paper
    assert app.paper_list.cursor == 0


async def test_j_k_in_day_list_move_days(browser: Browser) -> None:
    app, _, _, pilot = browser
    await pilot.press("shift+tab")
    assert focused(app) is app.day_list
    await pilot.press("j")
    await pilot.pause()
    assert app.library.days[app.day_position].date == "2025-10-15"
    await pilot.press("k")
    await pilot.pause()
    assert app.library.days[app.day_position].date == NEWEST


async def test_brackets_move_days_from_anywhere_and_select_first_paper(browser: Browser) -> None:
    app, _, _, pilot = browser
    await pilot.press("j", "j")
    await pilot.press("left_square_bracket", "left_square_bracket")
    await pilot.pause()
    assert app.library.days[app.day_position].date == "2025-03-14"
    assert app.paper_list.cursor == 0
    await pilot.press("tab")  # from the detail pane too
    await pilot.press("right_square_bracket")
    await pilot.pause()
    assert app.library.days[app.day_position].date == "2025-10-15"


async def test_day_without_papers_says_so(browser: Browser) -> None:
    app, _, _, pilot = browser
    await pilot.press("left_square_bracket")
    await pilot.pause()
    assert app.paper_list.count == 0
    body = app.detail.plain_text
    assert "lists no papers" in body
    await pilot.press("o", "y", "s")  # nothing selected: no crash, nothing recorded


async def test_tab_cycles_focus_and_enter_descends(browser: Browser) -> None:
    app, _, _, pilot = browser
    await pilot.press("tab")
    assert focused(app) is app.detail
    await pilot.press("tab")
    assert focused(app) is app.day_list
    await pilot.press("enter")
    assert focused(app) is app.paper_list
    await pilot.press("enter")
    assert focused(app) is app.detail
    await pilot.press("shift+tab")
    assert focused(app) is app.paper_list


async def test_g_G_home_end(browser: Browser) -> None:
    app, _, _, pilot = browser
    last = app.library.days[0].count - 1
    await pilot.press("G")
    assert app.paper_list.cursor == last
    await pilot.press("g")
    assert app.paper_list.cursor == 0
    await pilot.press("end")
    assert app.paper_list.cursor == last
    await pilot.press("home")
    assert app.paper_list.cursor == 0


async def test_j_in_detail_pane_moves_to_next_paper(browser: Browser) -> None:
    app, _, _, pilot = browser
    await pilot.press("enter")
    assert focused(app) is app.detail
    await pilot.press("j")
    assert app.paper_list.cursor == 1


async def test_open_keys_launch_the_right_urls(browser: Browser) -> None:
    app, effects, _, pilot = browser
    arxiv_id = app.library.paper(here(app)).arxiv_id
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


async def test_copy_keys(browser: Browser) -> None:
    app, effects, _, pilot = browser
    paper = app.library.paper(here(app))
    await pilot.press("y")
    assert app.clipboard == f"https://arxiv.org/abs/{paper.arxiv_id}"
    await pilot.press("Y")
    assert app.clipboard == f"[{paper.title}](https://arxiv.org/abs/{paper.arxiv_id})"
    await pilot.press("c")
    assert app.clipboard.startswith("@misc{") and f"eprint={{{paper.arxiv_id}}}" in app.clipboard
    await pilot.press("C")
    assert app.clipboard.endswith(f"arXiv:{paper.arxiv_id}. https://arxiv.org/abs/{paper.arxiv_id}")
    await app.workers.wait_for_complete()
    assert len(effects.copied) == 4  # the system clipboard got the same four
    assert any("copied" in n.message for n in app._notifications)


async def test_s_stars_and_unstars_in_state_json(browser: Browser) -> None:
    app, _, store, pilot = browser
    key = app.library.key(here(app))
    await pilot.press("s")
    state = json.loads((store.data_dir / "state.json").read_bytes())
    assert [d["key"] for d in state["stars"].values()] == [key]
    await pilot.press("s")
    state = json.loads((store.data_dir / "state.json").read_bytes())
    assert state["stars"] == {}


async def test_help_lists_every_app_key(browser: Browser) -> None:
    app, _, _, pilot = browser
    await pilot.press("question_mark")
    assert isinstance(app.screen, HelpScreen)
    text = plain(app.screen.query_one("Static"))
    for description in (
        "Older day",
        "Open arXiv",
        "Copy BibTeX",
        "Copy citation",
        "Star",
        "Search",
        "Next unread",
        "Mark day read",
        "Undo",
        "Export list",
        "Note",
        "Filter",
        "Quit",
    ):
        assert description in text
    await pilot.press("escape")
    assert not isinstance(app.screen, HelpScreen)


async def test_q_quits_and_remembers_the_place(tmp_path: Path) -> None:
    app, _, store = make_app(tmp_path / "d")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("left_square_bracket", "left_square_bracket")
        await pilot.pause()
        await pilot.press("j", "j")
        key = app.library.key(here(app))
        date = app.library.days[app.day_position].date
        await pilot.press("q")
    assert store.state.load().session == Session(date, key, "all")
    again, _, _ = make_app(tmp_path / "d", start=store.state.snapshot.session)
    async with again.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert again.library.days[again.day_position].date == date
        assert again.library.key(here(again)) == key


# -- reading state, search, export (the search-and-reading issue) -------------------


async def test_paper_becomes_read_after_a_moment(tmp_path: Path) -> None:
    app, _, _ = make_app(tmp_path / "d", read_after=0.2)
    async with app.run_test(size=SIZE) as pilot:
        first = here(app)
        assert not app.reading.is_read(first)
        for _ in range(50):  # poll: a loaded machine may be slow to fire the timer
            await pilot.pause(0.1)
            if app.reading.is_read(first):
                break
        assert app.reading.is_read(first)
        app.read_after = 30  # a glance shorter than the moment does not count
        await pilot.press("j")
        second = here(app)
        await pilot.press("j")
        await pilot.pause(0.3)
        assert not app.reading.is_read(second)


async def test_r_toggles_read_and_u_undoes(browser: Browser) -> None:
    app, _, _, pilot = browser
    index = here(app)
    unread_before = app.reading.unread_on_day(0)
    await pilot.press("r")
    assert app.reading.is_read(index)
    assert app.reading.unread_on_day(0) == unread_before - 1
    await pilot.press("s")
    assert app.reading.is_starred(index)
    await pilot.press("u")  # undoes the star
    assert not app.reading.is_starred(index)
    await pilot.press("u")  # then the read mark
    assert not app.reading.is_read(index)
    await pilot.press("u")
    assert any("Nothing to undo" in n.message for n in app._notifications)


async def test_n_and_N_walk_unread_papers_across_days(browser: Browser) -> None:
    app, _, _, pilot = browser
    day = app.library.days[0]
    app.reading.set_read(list(day.indices)[1:], True)
    await pilot.press("n")  # the rest of the newest day is read: the next unread is days older
    await pilot.pause()
    assert app.library.days[app.day_position].date == "2025-03-14"
    assert app.paper_list.cursor == 0
    await pilot.press("N")
    await pilot.pause()
    assert app.library.days[app.day_position].date == NEWEST
    assert app.paper_list.cursor == 0


async def test_e_edits_a_note_and_escape_cancels(browser: Browser) -> None:
    app, _, store, pilot = browser
    index = here(app)
    await pilot.press("e")
    assert isinstance(app.screen, NoteScreen)
    await pilot.press(*"check the ablations")
    await pilot.press("ctrl+s")
    assert app.reading.note(index) == "check the ablations"
    assert "check the ablations" in app.detail.plain_text
    await pilot.press("e")
    await pilot.press(*" twice")
    await pilot.press("escape")
    assert app.reading.note(index) == "check the ablations"
    assert Store(store.data_dir).state.load().notes == {app.library.key(index): "check the ablations"}


async def test_f_cycles_all_unread_starred(browser: Browser) -> None:
    app, _, _, pilot = browser
    total = app.paper_list.count
    await pilot.press("s")  # star the first
    await pilot.press("r")  # and mark it read
    await pilot.press("f")
    assert str(app.reading.filter) == "unread"
    assert app.paper_list.count == total - 1
    await pilot.press("f")
    assert str(app.reading.filter) == "starred"
    assert app.paper_list.count == 1
    assert str(app.paper_list.border_title).endswith("· starred")
    await pilot.press("f")
    assert str(app.reading.filter) == "all"
    assert app.paper_list.count == total


async def test_A_marks_the_day_read_after_confirmation(browser: Browser) -> None:
    app, _, _, pilot = browser
    await pilot.press("A")
    assert isinstance(app.screen, ConfirmScreen)
    await pilot.press("n")
    assert app.reading.unread_on_day(0) == app.library.days[0].count
    await pilot.press("A", "y")
    assert app.reading.unread_on_day(0) == 0
    await pilot.press("u")
    assert app.reading.unread_on_day(0) == app.library.days[0].count


async def test_search_across_days_and_escape_returns(browser: Browser) -> None:
    app, _, _, pilot = browser
    await pilot.press("j", "j")
    before = (app.day_position, app.paper_list.cursor)
    await pilot.press("slash")
    await pilot.press(*"title:agent")
    await app.workers.wait_for_complete()
    await pilot.pause()
    assert str(app.mode) == "search"
    titles = [app.library.title(i) for i in app.paper_list.indices]
    assert titles and all("agent" in t.lower() for t in titles)
    assert {app.library.date(i) for i in app.paper_list.indices} != {NEWEST}  # across days
    assert str(app.paper_list.border_title).startswith(f"{len(titles)} result")
    assert app.current == app.paper_list.indices[0]
    await pilot.press("enter")
    assert focused(app) is app.paper_list
    await pilot.press("j")
    assert app.current == app.paper_list.indices[1]
    await pilot.press("escape")
    assert str(app.mode) == "day"
    assert (app.day_position, app.paper_list.cursor) == before


async def test_a_query_typed_in_one_burst_lands_in_the_box(browser: Browser) -> None:
    # Keys that arrive together (a fast typist, a paste, tmux send-keys) must not
    # reach the list after "/": there s would star a paper and e open a note.
    from textual import events

    app, _, store, pilot = browser
    for char in "/sketch/pad":
        app.post_message(events.Key("slash" if char == "/" else char, char))
    await pilot.pause(0.3)
    assert app.search_bar.value == "sketch/pad"  # a slash in the box is just a slash
    assert app.screen is app.screen_stack[0]
    assert not store.state.snapshot.stars


async def test_a_slash_in_a_note_is_typed_not_a_search(browser: Browser) -> None:
    app, _, _, pilot = browser
    index = here(app)
    await pilot.press("e", *"and/or", "ctrl+s")
    assert app.reading.note(index) == "and/or"
    assert str(app.mode) == "day"


async def test_malformed_query_is_explained_in_place(browser: Browser) -> None:
    app, _, _, pilot = browser
    await pilot.press("slash", *"is:famous")
    await pilot.pause()
    hint = app.search_bar.query_one("#search-hint")
    assert "is:famous is not known" in plain(hint)
    assert app.screen is app.screen_stack[0]  # no dialog


async def test_x_exports_the_list(browser: Browser, tmp_path: Path) -> None:
    app, _, _, pilot = browser
    await pilot.press("x")
    assert isinstance(app.screen, ExportScreen)
    target = tmp_path / "out.md"
    app.screen.query_one("#export-path", Input).value = str(target)
    list(app.screen.query("RadioButton").results(RadioButton))[1].value = True  # markdown
    await pilot.pause()
    app.screen.query_one("#export-path", Input).value = str(target)
    await pilot.click("#export")
    await app.workers.wait_for_complete()
    await pilot.pause()
    text = target.read_text()
    assert text.startswith(f"## Papers for {NEWEST}")
    assert text.count("\n| ") == app.library.days[0].count + 1  # header + one row per paper
    assert any(str(target) in n.message for n in app._notifications)


async def test_small_terminal_does_not_crash(tmp_path: Path) -> None:
    app, _, _ = make_app(tmp_path / "d")
    async with app.run_test(size=(30, 10)) as pilot:
        await pilot.press(
            "j", "left_square_bracket", "tab", "question_mark", "escape", "slash", "a", "escape"
        )
        await pilot.pause()
    async with make_app(tmp_path / "e")[0].run_test(size=(80, 24)) as pilot:
        await pilot.press("j", "o", "y")
        await pilot.pause()


async def test_a_timer_firing_as_the_app_closes_is_harmless(browser: Browser) -> None:
    # The read mark (after 1.5 s) and the detail while typing (0.35 s) are timers;
    # one firing while the app closes found its widgets gone and crashed the exit.
    app, _, _, _ = browser
    index = here(app)
    await app.query_one("#columns").remove()
    app._mark_read_if_still(index)
    app._show_if_current(index)
    assert not app.reading.is_read(index)


async def test_command_palette_offers_every_action(browser: Browser) -> None:
    app, _, _, _ = browser
    titles = {command.title for command in app.get_system_commands(app.screen)}
    for binding in app.BINDINGS:
        assert isinstance(binding, Binding)
        if binding.action != "leave_search":
            assert binding.description in titles


async def test_detail_pane_scrolls_with_arrows_space_and_end(tmp_path: Path) -> None:
    app, _, _ = make_app(tmp_path / "d")
    async with app.run_test(size=(100, 20)) as pilot:  # short: the summary must scroll
        await pilot.press("tab")
        assert focused(app) is app.detail
        await pilot.press("down", "down")
        assert app.detail.scroll_offset.y == 2
        await pilot.press("space")
        assert app.detail.scroll_offset.y > 2
        await pilot.press("end")
        assert app.detail.scroll_offset.y == app.detail.max_scroll_y > 0
        await pilot.press("g")
        assert app.detail.scroll_offset.y == 0
