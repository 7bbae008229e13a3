"""config.toml: every setting read, every bad input one line with file and line, the file kept as written."""

from __future__ import annotations

from pathlib import Path

import pytest

from tui.cli import main
from tui.cli.config_command import TEMPLATE
from tui.config import Config, load_config, save_setting


def config_file(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "config.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_a_missing_file_is_every_default_and_no_problem(tmp_path: Path) -> None:
    config, problems = load_config(tmp_path / "nowhere.toml")
    assert problems == []
    assert config.theme == "textual-dark" and config.read_after == 1.5 and config.keymap == {}


def test_every_setting_is_read(tmp_path: Path) -> None:
    path = config_file(
        tmp_path,
        """
theme = "nord"
read_after = 0
hide_empty_days = true
list_density = "one-line"
browser = "w3m {url}"
browser_is_terminal = true
data_dir = "/tmp/pb-data"
fetch_metadata = false
[sync]
repo = "me/digests"
branch = "daily"
api_url = "http://127.0.0.1:9"
[enrich]
arxiv_url = "http://127.0.0.1:8/q"
[keymap]
"day.older" = "h"
"day.newer" = "l"
""",
    )
    config, problems = load_config(path)
    assert problems == []
    assert (config.theme, config.read_after, config.hide_empty_days, config.list_density) == (
        "nord",
        0,
        True,
        "one-line",
    )
    assert (config.browser, config.browser_is_terminal, config.fetch_metadata) == ("w3m {url}", True, False)
    assert (config.sync_repo, config.sync_branch, config.sync_api_url) == (
        "me/digests",
        "daily",
        "http://127.0.0.1:9",
    )
    assert config.enrich_arxiv_url == "http://127.0.0.1:8/q"
    assert config.keymap == {"day.older": "h", "day.newer": "l"}


@pytest.mark.parametrize(
    ("text", "line", "setting", "says"),
    [
        ('theme = "nord"\nread_after = [\n', 2, "", "not valid TOML"),
        ('theme = "nord"\ncolour = "red"\n', 2, "colour", "is not a setting"),
        ('read_after = "soon"\n', 1, "read_after", "must be a number"),
        ("read_after = -2\n", 1, "read_after", "from 0"),
        ('list_density = "three-line"\n', 1, "list_density", "one of"),
        ("hide_empty_days = 1\n", 1, "hide_empty_days", "true or false"),
        ('[sync]\nrepos = "x"\n', 2, "sync.repos", "is not a setting"),
        ('[keymap]\n"day.oldr" = "h"\n', 2, "keymap.day.oldr", "is not a binding id"),
        ('[keymap]\n"star" = "not a key!"\n', 2, "keymap.star", "is not a key"),
        ('[keymap]\n"day.older" = "s"\n', 2, "keymap.day.older", "bound twice"),
        ('[keymap]\n"star" = 5\n', 2, "keymap.star", "must be keys"),
        ("[colours]\nx = 1\n", 0, "colours", "not a section"),
    ],
)
def test_each_bad_input_is_one_line_naming_file_line_and_setting_and_the_rest_applies(
    tmp_path: Path, text: str, line: int, setting: str, says: str
) -> None:
    valid_toml = "not valid" not in says
    path = config_file(tmp_path, "# mine\nfetch_metadata = false\n" + text if valid_toml else text)
    config, problems = load_config(path)
    assert len(problems) == 1, problems
    (problem,) = problems
    shift = 2 if valid_toml else 0
    assert problem.startswith(f"{path}:{line + shift}:" if line else f"{path}: ")
    assert setting in problem and says in problem
    if valid_toml:
        assert config.fetch_metadata is False  # the rest of the file still applies
        assert problem.endswith("using the default")
    assert config.keymap == {}
    assert config.read_after == Config().read_after  # the bad setting keeps its default


def test_paperbrowse_config_prints_the_path_and_what_is_in_effect(
    tmp_path: Path, data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = config_file(tmp_path, 'theme = "dracula"\ncolour = 1\n')
    assert main(["--config", str(path), "config"]) == 0
    out, err = capsys.readouterr()
    assert out.startswith(f"# {path}\n")
    assert 'theme = "dracula"' in out and "read_after = 1.5" in out
    assert f"{path}:2: colour: is not a setting" in err  # said, and paperbrowse went on


def test_config_init_writes_a_commented_file_of_defaults_that_reads_back_clean(
    tmp_path: Path, data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "fresh" / "config.toml"
    assert main(["--config", str(path), "config", "--init"]) == 0
    assert path.read_text() == TEMPLATE
    config, problems = load_config(path)
    assert problems == []
    assert config == Config(path=path)  # every setting at its default
    assert main(["--config", str(path), "config", "--init"]) == 2  # never over the user's file


def test_the_config_sets_the_data_dir_but_the_flag_and_the_environment_beat_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.delenv("PAPERBROWSE_DATA_DIR", raising=False)
    path = config_file(tmp_path, f'data_dir = "{tmp_path / "from-config"}"\n')
    main(["--config", str(path), "config"])
    assert f"data dir in effect: {tmp_path / 'from-config'}" in capsys.readouterr().out
    monkeypatch.setenv("PAPERBROWSE_DATA_DIR", str(tmp_path / "from-env"))
    main(["--config", str(path), "config"])
    assert f"data dir in effect: {tmp_path / 'from-env'}" in capsys.readouterr().out
    main(["--config", str(path), "--data-dir", str(tmp_path / "from-flag"), "config"])
    assert f"data dir in effect: {tmp_path / 'from-flag'}" in capsys.readouterr().out


def test_saving_the_theme_keeps_the_users_comments_and_layout(tmp_path: Path) -> None:
    path = config_file(tmp_path, '# my settings\ntheme = "nord"  # dark\n\n[keymap]\n"star" = "S"\n')
    save_setting(path, "theme", "textual-light")
    text = path.read_text()
    assert text == '# my settings\ntheme = "textual-light"  # dark\n\n[keymap]\n"star" = "S"\n'
    save_setting(tmp_path / "new" / "config.toml", "theme", "dracula")
    assert load_config(tmp_path / "new" / "config.toml")[0].theme == "dracula"
    broken = config_file(tmp_path, "theme = [\n")
    save_setting(broken, "theme", "nord")
    assert broken.read_text() == "theme = [\n"  # a file that does not parse is never overwritten
