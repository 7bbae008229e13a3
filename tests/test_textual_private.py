"""The private Textual names paperbrowse relies on still exist (see tui/ui/textual_private.py)."""

from __future__ import annotations

import inspect

from textual.app import App

from tui.ui.textual_private import RELIED_ON


def test_every_private_name_relied_on_exists() -> None:
    for owner, name in RELIED_ON:
        assert callable(getattr(owner, name, None)), f"{owner.__name__}.{name} is gone"


def test_textual_still_routes_unhandled_exceptions_through_fatal_error() -> None:
    # PaperBrowseApp overrides _fatal_error to log the crash and print one sentence.
    assert "_fatal_error" in inspect.getsource(App._handle_exception)
