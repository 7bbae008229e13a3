"""The config file in the browser: the user's keys everywhere, the theme followed and remembered."""

from __future__ import annotations

from pathlib import Path

from tests.apps import SIZE, day_date, make_app, plain
from tui.config import Config, load_config
from tui.ui.screens.help import HelpScreen


async def test_the_users_keymap_is_the_one_that_works_and_the_one_shown(tmp_path: Path) -> None:
    config = Config(keymap={"day.older": "h", "day.newer": "l"})
    app, _, _ = make_app(tmp_path / "d", config=config)
    async with app.run_test(size=SIZE) as pilot:
        screen = app.browser
        await pilot.press("h")
        assert day_date(screen) == "2025-10-15"
        await pilot.press("l")
        assert day_date(screen) == "2025-10-29"
        await pilot.press("left_square_bracket")  # the default key no longer does it
        assert day_date(screen) == "2025-10-29"
        helps = {c.title: c.help for c in app.get_system_commands(screen)}
        assert helps["Older"].endswith("(h)")
        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpScreen)
        text = plain(app.screen.query_one("Static"))
        assert any(line.split()[:1] == ["h"] and "older" in line for line in text.splitlines())


async def test_the_theme_comes_from_the_config_and_a_chosen_one_is_saved(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    path.write_text('# mine\ntheme = "nord"\n')
    config, _ = load_config(path)
    app, _, _ = make_app(tmp_path / "d", config=config)
    async with app.run_test(size=SIZE) as pilot:
        assert app.theme == "nord"
        app.theme = "textual-light"  # as the palette's theme picker does
        await pilot.pause()
        detail = app.browser.detail
        background = detail.rich_style.bgcolor
        drawn = {segment.style.bgcolor for strip in detail._lines for segment in strip if segment.style}
        assert drawn == {background}  # the detail pane follows the theme (0.1.0 kept the dark one)
    assert path.read_text() == '# mine\ntheme = "textual-light"\n'
    again, _, _ = make_app(tmp_path / "d", config=load_config(path)[0])
    async with again.run_test(size=SIZE):
        assert again.theme == "textual-light"


async def test_an_unknown_theme_is_said_and_the_default_used(tmp_path: Path) -> None:
    app, _, _ = make_app(tmp_path / "d", config=Config(path=tmp_path / "c.toml", theme="no-such-theme"))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert app.theme == "textual-dark"
        assert any("no-such-theme" in n.message for n in app._notifications)


async def test_reading_settings_from_the_config(tmp_path: Path) -> None:
    config = Config(hide_empty_days=True, list_density="one-line", read_after=0)
    app, _, _ = make_app(tmp_path / "d", config=config, read_after=None)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause(0.3)
        screen = app.browser
        assert screen.read_after == 0
        assert screen.paper_list.row_height == 1
        assert not any(e.period is not None and e.period.count == 0 for e in screen.entries)


async def test_view_toggles_from_the_palette_are_kept_for_the_next_start(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    path.write_text("# mine\n")
    app, _, _ = make_app(tmp_path / "d", config=load_config(path)[0])
    async with app.run_test(size=SIZE) as pilot:
        app.browser.action_do("view.one_line")
        app.browser.action_do("view.hide_empty")
        await pilot.pause()
    config, problems = load_config(path)
    assert not problems
    assert config.list_density == "one-line" and config.hide_empty_days is True
    assert path.read_text().startswith("# mine\n")  # the user's file, kept as written


async def test_the_sidebar_unit_is_remembered_across_starts(tmp_path: Path) -> None:
    app, _, store = make_app(tmp_path / "d")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("m")  # weeks
        await pilot.press("j")
        await pilot.pause()
        week, paper = app.browser.current_entry, app.browser.paper
        await pilot.press("q")
    again, _, _ = make_app(tmp_path / "d", start=store.state.load().session)
    async with again.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert str(again.browser.unit) == "week"
        assert again.browser.current_entry == week and again.browser.paper == paper
