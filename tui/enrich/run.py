"""Fill metadata.json for the papers that lack it: arXiv in batches, Hugging Face per digest day.

`enrich` is the command line's (and sync's) whole run; `fetch_one` is the
browser's background fetch of the paper on screen.  Both

* ask only for what is missing: arXiv for ids it has not answered for (or
  said it did not know, more than a week ago), Hugging Face for digest days
  whose list was not fetched yet, so a second run makes no request;
* store each answer as it arrives (locked, atomic writes; `enrich` writes
  from a thread that gathers answers while a write is slow, see
  `tui.enrich.writer`), so Ctrl-C keeps everything fetched, kill -9 all but
  the last seconds, and the next run asks only for the rest;
* keep to each service's delay through the module-level limiters in
  `tui.enrich.polite`, shared by every caller in the process;
* turn every failure into one sentence; nothing fetched before it is lost.

A paper whose arXiv title is not the digest's keeps both: the digest's row is
untouched, arXiv's record is stored, and the result lists the mismatch.
"""

from __future__ import annotations

import threading
from collections import deque
from collections.abc import Callable, Collection, Iterable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Final

import httpx

from tui import __version__
from tui.digest.meta import PaperMeta, titles_differ
from tui.enrich.arxiv import fetch_batch
from tui.enrich.hf import fetch_day
from tui.enrich.polite import EnrichCancelled, EnrichError, RateLimited
from tui.enrich.settings import EnrichSettings
from tui.enrich.writer import ResultWriter
from tui.net.http import BadSetting

if TYPE_CHECKING:
    from tui.store.library import Library
    from tui.store.metadata import MetadataStore

# (stage, done, total): stage is "arXiv" (papers) or "Hugging Face" (days).
EnrichProgress = Callable[[str, int, int], None]
USER_AGENT: Final = f"paperbrowse/{__version__} (terminal browser for AI-paper digests)"


@dataclass(frozen=True, slots=True)
class Target:
    """A paper to enrich: its arXiv id, digest date and digest title."""

    arxiv_id: str
    date: str
    title: str


@dataclass(frozen=True, slots=True)
class Mismatch:
    """A paper whose arXiv title is not its digest title (both are kept)."""

    arxiv_id: str
    digest_title: str
    arxiv_title: str


@dataclass
class EnrichResult:
    """What a run asked for, got, and (if it stopped early) why."""

    papers: int = 0  # papers in scope that have an arXiv id
    without_id: int = 0  # papers in scope without one (nothing to ask for)
    arxiv_wanted: int = 0
    arxiv_fetched: int = 0
    not_found: list[str] = field(default_factory=list)
    days_wanted: int = 0
    days_fetched: int = 0
    upvotes_found: int = 0
    mismatches: list[Mismatch] = field(default_factory=list)
    requests: int = 0
    error: str | None = None  # one sentence; None when the run finished
    rate_limited: bool = False
    cancelled: bool = False

    @property
    def nothing_to_do(self) -> bool:
        """True when every paper in scope already had its metadata (no request was made)."""
        return not self.arxiv_wanted and not self.days_wanted


def targets_of(
    library: Library, indices: Iterable[int] | None = None, dates: Collection[str] | None = None
) -> tuple[list[Target], int]:
    """The papers at `indices` (default all) on `dates` (default any) with an arXiv id; how many had none."""
    found: list[Target] = []
    without = 0
    for index in range(len(library)) if indices is None else indices:
        if dates is not None and library.date(index) not in dates:
            continue
        record = library.record(index)
        if record["i"]:
            found.append(Target(record["i"], library.date(index), record["t"]))
        else:
            without += 1
    return found, without


def new_client() -> httpx.Client:
    """An HTTP client for the metadata services (redirects followed, identified politely)."""
    return httpx.Client(headers={"User-Agent": USER_AGENT}, follow_redirects=True)


def enrich(
    metadata: MetadataStore,
    library: Library,
    *,
    indices: Iterable[int] | None = None,
    dates: Collection[str] | None = None,
    limit: int | None = None,
    settings: EnrichSettings | None = None,
    progress: EnrichProgress | None = None,
    cancel: threading.Event | None = None,
    client: httpx.Client | None = None,
) -> EnrichResult:
    """Fetch and store the metadata the chosen papers lack; never raises for a fetch that failed.

    `limit` caps how many papers are enriched (newest first).  Settings come
    from the environment unless given (`BadSetting` for a bad one, before any
    request).  The result's `error` says why a run stopped early.
    """
    settings = settings or EnrichSettings.from_env()
    result = EnrichResult()
    chosen, result.without_id = targets_of(library, indices, dates)
    result.papers = len({t.arxiv_id for t in chosen})
    need_arxiv = set(metadata.needs_arxiv(t.arxiv_id for t in chosen))
    have_days = metadata.fetched_days()
    lacking = [t for t in chosen if t.arxiv_id in need_arxiv or t.date not in have_days]
    if limit is not None:
        lacking = lacking[:limit]
    wanted = list(dict.fromkeys(t.arxiv_id for t in lacking if t.arxiv_id in need_arxiv))
    days = sorted({t.date for t in lacking if t.date not in have_days}, reverse=True)
    result.arxiv_wanted, result.days_wanted = len(wanted), len(days)
    if result.nothing_to_do:
        return result
    titles = {t.arxiv_id: t.title for t in reversed(chosen)}  # the newest digest's title wins
    on_day: dict[str, list[str]] = {}
    for target in chosen:
        on_day.setdefault(target.date, []).append(target.arxiv_id)
    own_client = client is None
    http = client or new_client()
    writer = ResultWriter(metadata)
    try:
        try:
            _fetch_arxiv(writer, http, wanted, titles, settings, result, progress, cancel)
            _fetch_days(writer, http, days, on_day, settings, result, progress, cancel)
        finally:  # also on Ctrl-C: what arrived is written before the run ends
            failed = writer.close()
        if failed is not None:
            raise failed
    except EnrichCancelled:
        result.cancelled, result.error = True, "cancelled"
    except RateLimited as error:
        result.rate_limited, result.error = True, str(error)
    except EnrichError as error:
        result.error = str(error)
    except OSError as error:
        result.error = f"could not write {metadata.path} ({error.strerror or error})"
        result.arxiv_fetched = result.days_fetched = 0  # not kept: say nothing was
    finally:
        if own_client:
            http.close()
    return result


def _fetch_arxiv(
    writer: ResultWriter,
    client: httpx.Client,
    wanted: Sequence[str],
    titles: dict[str, str],
    settings: EnrichSettings,
    result: EnrichResult,
    progress: EnrichProgress | None,
    cancel: threading.Event | None,
) -> None:
    """Batches of ids, each stored as it arrives; ids an error answer left out are asked once more."""
    queue = deque(wanted)
    asked_again: set[str] = set()
    done = 0
    if progress:
        progress("arXiv", 0, len(wanted))
    while queue:
        batch = [queue.popleft() for _ in range(min(settings.batch_size, len(queue)))]
        answer = fetch_batch(client, batch, settings, cancel)
        result.requests += 1
        writer.submit(arxiv=answer.found, missing=answer.missing)
        result.arxiv_fetched += len(answer.found)
        result.not_found += answer.missing
        for arxiv_id, meta in answer.found.items():
            if titles_differ(titles.get(arxiv_id, meta.title), meta.title):
                result.mismatches.append(Mismatch(arxiv_id, titles[arxiv_id], meta.title))
        again = [a for a in answer.unanswered if a not in asked_again]
        asked_again.update(again)
        queue.extend(again)
        done += len(batch) - len(again)
        if progress:
            progress("arXiv", done, len(wanted))


def _fetch_days(
    writer: ResultWriter,
    client: httpx.Client,
    days: Sequence[str],
    on_day: dict[str, list[str]],
    settings: EnrichSettings,
    result: EnrichResult,
    progress: EnrichProgress | None,
    cancel: threading.Event | None,
) -> None:
    """One Hugging Face list per day; upvotes kept for the digest's papers of that day."""
    if progress and days:
        progress("Hugging Face", 0, len(days))
    for done, date in enumerate(days, 1):
        listed = fetch_day(client, date, settings, cancel)
        result.requests += 1
        ours = {a: listed[a] for a in on_day.get(date, ()) if a in listed}
        writer.submit(hf=ours, hf_days={date: len(listed)})
        result.days_fetched += 1
        result.upvotes_found += len(ours)
        if progress:
            progress("Hugging Face", done, len(days))


_shared: list[httpx.Client] = []
_shared_lock = threading.Lock()


def _shared_client() -> httpx.Client:
    """One client for the browser's fetches, made on first use (its connections are reused)."""
    with _shared_lock:
        if not _shared:
            _shared.append(new_client())
        return _shared[0]


def fetch_one(
    metadata: MetadataStore,
    arxiv_id: str,
    date: str | None = None,
    *,
    day_ids: Iterable[str] = (),
    settings: EnrichSettings | None = None,
    cancel: threading.Event | None = None,
    client: httpx.Client | None = None,
) -> PaperMeta | None:
    """Fetch what one paper lacks (for the browser, in a worker) and return what is known.

    Asks arXiv for `arxiv_id` unless it answered already, and Hugging Face for
    `date`'s list unless fetched (keeping upvotes for `day_ids`, the other
    papers of that digest day, too).  Shares the process's limiters, so
    calls in quick succession keep the same delay as `enrich`.  Raises
    `EnrichError` (one sentence) when a request fails or a setting is bad.
    """
    try:
        settings = settings or EnrichSettings.from_env()
    except BadSetting as error:
        raise EnrichError(str(error)) from None
    http = client or _shared_client()
    try:
        if metadata.needs_arxiv([arxiv_id]):
            answer = fetch_batch(http, [arxiv_id], settings, cancel)
            metadata.save(arxiv=answer.found, missing=answer.missing)
        if date is not None and date not in metadata.fetched_days():
            listed = fetch_day(http, date, settings, cancel)
            wanted = {arxiv_id, *day_ids}
            metadata.save(hf={a: m for a, m in listed.items() if a in wanted}, hf_days={date: len(listed)})
    except OSError as error:
        raise EnrichError(f"could not write {metadata.path} ({error.strerror or error})") from None
    return metadata.get(arxiv_id)
