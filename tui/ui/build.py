"""Putting the browser together: the one place an app is built from a store and a library.

`launch` (the `paperbrowse` command), the tests, `scripts/screenshots.py`
and the benchmarks all build the app here, so they run the same thing.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from tui.store import Library, Store
from tui.store.state import Session
from tui.ui.app import PaperBrowseApp
from tui.ui.effects import Effects, SystemEffects
from tui.ui.reading import Reading
from tui.ui.screens.browser import BrowserScreen
from tui.ui.sync_worker import SyncSettings

READ_AFTER_SECONDS = 1.5


def build_app(
    store: Store,
    library: Library,
    *,
    effects: Effects | None = None,
    notices: Iterable[str] = (),
    start: Session | None = None,
    read_after: float = READ_AFTER_SECONDS,
    sync: SyncSettings | None = SyncSettings(),  # noqa: B008 - frozen, shared safely
    keymap: Mapping[str, str] | None = None,
    screen_class: type[BrowserScreen] = BrowserScreen,
    fetch_metadata: bool = False,
) -> PaperBrowseApp:
    """The browser over `library`, its marks in `store`'s state.

    `screen_class` is for benchmarks that time the screen's messages from a
    subclass with handlers of its own; `fetch_metadata` lets the browser ask
    arXiv and Hugging Face for the paper on screen when it has no metadata.
    """
    browser = screen_class(
        Reading(library, store.state, store.metadata),
        effects or SystemEffects(),
        start=start,
        read_after=read_after,
        store=store,
        sync=sync,
        fetch_metadata=fetch_metadata,
    )
    return PaperBrowseApp(browser, notices=notices, data_dir=store.data_dir, keymap=keymap)
