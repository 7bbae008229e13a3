"""Putting the browser together: the one place an app is built from a store and a library.

`launch` (the `paperbrowse` command), the tests, `scripts/screenshots.py`
and the benchmarks all build the app here, so they run the same thing.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from tui.config import Config
from tui.store import Library, Store
from tui.store.state import Session
from tui.ui.app import PaperBrowseApp
from tui.ui.effects import Effects, SystemEffects
from tui.ui.reading import Reading
from tui.ui.screens.browser import BrowserScreen
from tui.ui.sync_worker import SyncSettings


def build_app(
    store: Store,
    library: Library,
    *,
    config: Config | None = None,
    effects: Effects | None = None,
    notices: Iterable[str] = (),
    start: Session | None = None,
    read_after: float | None = None,
    sync: SyncSettings | None = SyncSettings(),  # noqa: B008 - frozen, shared safely
    keymap: Mapping[str, str] | None = None,
    screen_class: type[BrowserScreen] = BrowserScreen,
    fetch_metadata: bool = False,
    discover: bool = True,
) -> PaperBrowseApp:
    """The browser over `library`, its marks in `store`'s state, set up as `config` says.

    Arguments given here beat the config (tests and benchmarks pin them).
    `screen_class` is for benchmarks that time the screen's messages from a
    subclass with handlers of its own; `fetch_metadata` lets the browser ask
    arXiv and Hugging Face for the paper on screen when it has no metadata;
    `discover` builds the similarity index after the first frame (screen
    snapshots leave it off: its blocks arrive when they are ready).
    """
    settings = config or Config()
    browser = screen_class(
        Reading(library, store.state, store.metadata),
        effects or SystemEffects(settings.browser, settings.browser_is_terminal),
        start=start,
        read_after=settings.read_after if read_after is None else read_after,
        store=store,
        sync=sync,
        hide_empty_days=settings.hide_empty_days,
        one_line=settings.list_density == "one-line",
        fetch_metadata=fetch_metadata and settings.fetch_metadata,
        discover=discover,
    )
    return PaperBrowseApp(
        browser,
        notices=notices,
        data_dir=store.data_dir,
        keymap=settings.keymap if keymap is None else keymap,
        theme=settings.theme,
        config_path=settings.path,
    )
