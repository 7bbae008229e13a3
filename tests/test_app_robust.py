"""The browser keeps going: empty libraries, markup-like data, hostile text, a disk that refuses writes."""

from __future__ import annotations

import errno
from pathlib import Path

import pytest

from tests.apps import SIZE, here, make_app, status
from tui.store import Store
from tui.store.storage import atomic_write
from tui.ui.launch import problems_notice

MARKUP_DIGEST = """## Papers for 2025-01-02

| Title | Authors | Summary |
|---|---|---|
| A [/x] title [b]bold (Read more on [arXiv](https://arxiv.org/abs/2501.00001)) | Ann [/red] Lee, [link=x]Bob | The [/] summary. Results show 5%. |
| No link here [/i] | Cy [/] Doe | Still a [bold]summary. |
"""


def digest(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "digests" / "day.md"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text)
    return path.parent


@pytest.mark.parametrize("key", ["n", "N", "f", "A", "x", "u", "s", "j", "left_square_bracket", "R"])
async def test_an_empty_library_takes_every_key(tmp_path: Path, key: str) -> None:
    empty = tmp_path / "empty"
    empty.mkdir()
    app, _, _ = make_app(tmp_path / "d", source=empty, sync=None)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press(key, "escape")
        await pilot.pause()
        assert "No digests yet" in app.browser.detail.plain_text
        assert app.is_running


async def test_markup_in_titles_and_authors_is_shown_as_text_and_every_key_works(tmp_path: Path) -> None:
    app, effects, _ = make_app(tmp_path / "d", source=digest(tmp_path, MARKUP_DIGEST))
    async with app.run_test(size=SIZE) as pilot:
        screen = app.browser
        await pilot.pause()
        assert "A [/x] title [b]bold" in screen.detail.plain_text
        assert "Ann [/red] Lee" in screen.detail.plain_text
        for keys in (["Y"], ["C"], ["c"], ["y"], ["e", "escape"], ["s"], ["j"], ["x", "escape"]):
            await pilot.press(*keys)
            await pilot.pause()
        assert app.is_running
        assert effects.copied[0] == r"[A \[/x\] title \[b\]bold](https://arxiv.org/abs/2501.00001)"
        assert "No link here [/i]" in screen.detail.plain_text


async def test_a_problem_notice_with_markup_in_it_starts_the_browser(tmp_path: Path) -> None:
    # A row without a link is reported at start-up, quoting its title: 0.1.0 parsed
    # that notice as Rich markup and crashed on every start.
    app, _, store = make_app(tmp_path / "d", source=digest(tmp_path, MARKUP_DIGEST))
    library, _ = store.open_library()
    notice = problems_notice(library.problems)
    assert "[/i]" in notice
    app.notices = [notice]
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert any("[/i]" in n.message for n in app._notifications)


async def test_control_sequences_in_a_note_never_reach_the_screen(tmp_path: Path) -> None:
    app, _, _ = make_app(tmp_path / "d")
    async with app.run_test(size=SIZE) as pilot:
        screen = app.browser
        screen.reading.set_note(here(screen), "mine\x1b]52;c;ZXZpbA==\x07 \x1b[2J\x9b31m")
        screen.marks_changed()
        await pilot.pause()
        lines = screen.detail._lines
        drawn = "".join(segment.text for strip in lines for segment in strip)
        assert "mine]52;c;ZXZpbA== [2J31m" in drawn
        assert not any(char in drawn for char in "\x1b\x07\x9b")


async def test_a_disk_that_refuses_writes_is_told_once_and_the_browser_goes_on(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from tui.store import storage

    app, _, store = make_app(tmp_path / "d", read_after=0.1)

    def read_only(path: Path, data: bytes) -> None:
        raise OSError(errno.EROFS, "Read-only file system")

    monkeypatch.setattr(storage, "atomic_write", read_only)
    async with app.run_test(size=SIZE) as pilot:
        screen = app.browser
        for _ in range(5):  # automatic read marks, a star, a note: all refused by the disk
            await pilot.pause(0.2)
            await pilot.press("j")
        await pilot.press("s")
        await pilot.pause(0.5)
        assert app.is_running
        errors = [n.message for n in app._notifications if n.severity == "error"]
        assert len(errors) == 1 and "cannot be saved" in errors[0]
        assert screen.reading.is_starred(here(screen))  # kept in memory
        monkeypatch.setattr(storage, "atomic_write", atomic_write)
        await pilot.press("r")  # the next change writes everything kept
        assert store.state.flush()
    assert Store(tmp_path / "d").state.load().stars


async def test_status_line_says_what_happened(tmp_path: Path) -> None:
    app, _, _ = make_app(tmp_path / "d")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("s")
        assert status(app.browser) == "Starred."
        await pilot.press("f")
        assert status(app.browser) == "Showing unread papers."


def test_quitting_with_changes_that_could_not_be_saved_says_so(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from tui.store import storage
    from tui.store.state import StarInfo
    from tui.ui import app as app_module
    from tui.ui.launch import SAMPLES, launch

    store = Store(tmp_path / "d")

    def read_only(path: Path, data: bytes) -> None:
        raise OSError(errno.EROFS, "Read-only file system", str(path))

    def run_and_star(self: object, *args: object, **kw: object) -> None:  # the user stars, then quits
        monkeypatch.setattr(storage, "atomic_write", read_only)
        store.state.set_starred([StarInfo("2410.00001", "2024-10-01", "A title")], True, background=True)
        store.state.flush(timeout=2.0)

    monkeypatch.setattr(app_module.PaperBrowseApp, "run", run_and_star)
    code = launch(store, [SAMPLES])
    err = capsys.readouterr().err
    assert code == 1
    assert "1 change " in err and "could not be saved" in err
    assert str(tmp_path / "d" / "state.json") in err and "Read-only file system" in err
