"""The project's promises to a newcomer: README, CI and bindings agree."""

from __future__ import annotations

import re
from typing import Any

from tests.conftest import REPO
from tui.ui.commands import readme_key_table


def readme() -> str:
    return (REPO / "README.md").read_text(encoding="utf-8")


def test_ci_runs_the_readme_test_command() -> None:
    commands = re.findall(r"```sh\n(.*?)\n```", readme())
    test_command = next(c for c in commands if "pytest" in c)
    ci = (REPO / ".ci" / "run").read_text(encoding="utf-8")
    tail = test_command.split("&& ", 2)[-1]  # after creating and activating the venv
    assert tail == "pip install -e '.[test]' && pytest"
    assert tail in ci


def test_readme_key_table_is_the_command_table() -> None:
    # The README's keys are generated from tui/ui/commands.py (`python scripts/readme_keys.py`);
    # a command added, renamed or rebound without the README fails here.
    section = readme().split("## Keys", 1)[1].split("\n## ", 1)[0]
    assert readme_key_table() in section


def test_every_command_is_bound_where_its_scope_says() -> None:
    from textual.binding import Binding

    from tui.ui.commands import COMMANDS
    from tui.ui.screens.browser import BrowserScreen
    from tui.ui.widgets.detail import DetailPane
    from tui.ui.widgets.virtual_list import VirtualList

    owners: dict[str, type[Any]] = {"browser": BrowserScreen, "list": VirtualList, "detail": DetailPane}
    for command in COMMANDS:
        if command.scope in owners and command.keys:  # a command without keys is in the palette only
            ids = {b.id for b in owners[command.scope].BINDINGS if isinstance(b, Binding)}
            assert command.id in ids, command.id
