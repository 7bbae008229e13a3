"""Persistence and the in-memory view: cache.json, state.json and the Library.

Nothing here imports Textual, so the command line stays fast.
"""

from tui.store.library import DayEntry, Library
from tui.store.store import Store, resolve_data_dir

__all__ = ["DayEntry", "Library", "Store", "resolve_data_dir"]
