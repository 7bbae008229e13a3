"""The project's promises to a newcomer: README, CI and bindings agree."""

from __future__ import annotations

import re

from tests.conftest import REPO
from tui.ui.app import PaperBrowseApp
from tui.ui.keys import key_label


def readme() -> str:
    return (REPO / "README.md").read_text(encoding="utf-8")


def test_ci_runs_the_readme_test_command() -> None:
    commands = re.findall(r"```sh\n(.*?)\n```", readme())
    test_command = next(c for c in commands if "pytest" in c)
    ci = (REPO / ".ci" / "run").read_text(encoding="utf-8")
    tail = test_command.split("&& ", 2)[-1]  # after creating and activating the venv
    assert tail == "pip install -e '.[test]' && pytest"
    assert tail in ci


def test_readme_key_table_lists_every_binding() -> None:
    table = readme().split("## Keys", 1)[1].split("##", 1)[0]
    for binding in PaperBrowseApp.BINDINGS:
        for key in key_label(binding.key).split(" / "):  # type: ignore[union-attr]
            if key != "esc":
                assert f"`{key}`" in table, key


def test_changelog_exists_and_names_each_feature_area() -> None:
    changelog = (REPO / "CHANGELOG.md").read_text(encoding="utf-8").lower()
    for area in ("export", "cache", "browser", "search", "sync"):
        assert area in changelog
