"""One data directory: the cache, the user's state, and opening a Library.

<data dir>/cache.json    parsed digests; always safe to delete
<data dir>/state.json    stars, read marks, notes, sources, session
<data dir>/metadata.json what arXiv and Hugging Face said (`paperbrowse enrich`); opened on first use
<data dir>/.lock         held by whoever is writing either file
<data dir>/digests/      files fetched by `paperbrowse sync`

A source is remembered only after it has been read once, so a path that
cannot be read (a FIFO, a device) never makes later runs hang.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

from tui.digest.files import digest_file_names
from tui.gcpause import paused_gc
from tui.progress import Progress
from tui.store.cache import DigestCache, RefreshReport
from tui.store.library import Library
from tui.store.safe_io import DEFAULT_MAX_DIGEST_BYTES
from tui.store.state import UserState
from tui.store.storage import InterProcessLock

if TYPE_CHECKING:
    from tui.store.metadata import MetadataStore

DATA_DIR_ENV = "PAPERBROWSE_DATA_DIR"


def resolve_data_dir(explicit: str | None = None, configured: str | None = None) -> Path:
    """`--data-dir`, else $PAPERBROWSE_DATA_DIR, else the config file's, else the platform's user data dir."""
    chosen = explicit or os.environ.get(DATA_DIR_ENV) or configured
    if not chosen:
        from platformdirs import user_data_dir  # ~6 ms; not needed when a dir is given

        chosen = user_data_dir("paperbrowse", appauthor=False)
    return Path(chosen).expanduser()


@dataclass
class OpenReport:
    """What opening the library found worth telling the user."""

    refresh: RefreshReport
    sources: list[Path] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


class Store:
    """The data directory's files, opened together under one lock."""

    def __init__(self, data_dir: Path, max_file_bytes: int = DEFAULT_MAX_DIGEST_BYTES) -> None:
        """`max_file_bytes` is the size limit for one digest file."""
        self.data_dir = data_dir
        self.lock = InterProcessLock(data_dir / ".lock")
        self.cache = DigestCache(data_dir / "cache.json", self.lock, max_file_bytes)
        self.state = UserState(data_dir / "state.json", self.lock)

    @cached_property
    def metadata(self) -> MetadataStore:
        """metadata.json, made on first use; it reads nothing until the first look-up."""
        from tui.store.metadata import MetadataStore

        return MetadataStore(self.data_dir / "metadata.json", self.lock)

    @property
    def digests_dir(self) -> Path:
        """Where `paperbrowse sync` keeps the files it downloads."""
        return self.data_dir / "digests"

    def remembered_sources(self) -> list[Path]:
        """Sources from earlier runs, in the order they were added."""
        return [Path(p) for p in self.state.snapshot.sources]

    def open_library(
        self,
        paths: Sequence[Path] = (),
        *,
        remember: bool = False,
        include_remembered: bool = True,
        progress: Progress | None = None,
    ) -> tuple[Library, OpenReport]:
        """Refresh the cache for `paths` (plus remembered sources) and build a Library.

        `remember` adds `paths` to the remembered sources once they have been
        read.  A remembered source that no longer exists is reported and
        skipped, not forgotten.
        """
        self.state.load()
        warnings: list[str] = list(self.state.warnings)
        sources: list[Path] = [p.resolve() for p in paths]
        if include_remembered:
            for source in self.remembered_sources():
                if source not in sources:
                    if source.exists():
                        sources.append(source)
                    else:
                        warnings.append(f"remembered source {source} no longer exists; skipped")
        files = digest_file_names(sources)
        with paused_gc():
            cached, refresh = self.cache.refresh(files, progress)
            # A lambda: the metadata module loads when a query first needs it, not at start-up.
            library = Library(
                cached,
                repair=self.cache.repair,
                meta=lambda: self.metadata.facets(),  # noqa: PLW0108
                data_dir=self.data_dir,
            )
        warnings.extend(refresh.warnings)
        if remember and paths:
            try:
                self.state.add_sources(paths)
            except OSError as error:
                warnings.append(f"could not remember {', '.join(map(str, paths))}: {error.strerror or error}")
        return library, OpenReport(refresh, sources, warnings)
