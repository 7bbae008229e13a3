"""The arXiv API: metadata for a batch of ids, from one `id_list` query.

    GET {arxiv_url}?id_list=ID,ID,…&start=0&max_results=N     Atom 1.0

Why httpx + defusedxml rather than the `arxiv` package: that package uses
requests with its own fixed delay and retry loop, so it can neither cap a
body's size, nor give a request an overall deadline (a server dripping a
byte a second would hold it forever), nor be cancelled when the browser
quits; `tui.net.http.get` does all three, and sharing it keeps one set of
failure sentences.  The Atom itself is parsed by the standard library's
ElementTree through defusedxml, which refuses what arXiv never sends and an
attacker would: a DTD, entity declarations (the "billion laughs" expansion),
external entities (reading local files).

How arXiv answers: one `<entry>` per known id (its `<id>` is the abstract
URL of the latest version, `http://arxiv.org/abs/2510.24668v2`, mapped back
to the bare id); an id it does not know comes back as an entry without a
title, or not at all; a malformed id gives a single error entry
(`<id>http://arxiv.org/api/errors#…</id>`) naming it, and nothing else.
"""

from __future__ import annotations

import threading
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Final
from xml.etree import ElementTree

import httpx
from defusedxml import DefusedXmlException
from defusedxml.ElementTree import fromstring

from tui.digest.ids import parse_arxiv_id
from tui.digest.meta import MAX_AUTHORS, MAX_CATEGORIES, ArxivMeta, clean_text, ordered_categories
from tui.enrich.polite import ARXIV_LIMITER, EnrichCancelled, EnrichError, backoff_seconds, pause, polite_get
from tui.enrich.settings import EnrichSettings

ATOM: Final = "{http://www.w3.org/2005/Atom}"
ARXIV_NS: Final = "{http://arxiv.org/schemas/atom}"
OPENSEARCH: Final = "{http://a9.com/-/spec/opensearch/1.1/}"
SERVICE: Final = "arXiv"
# 200 entries with long abstracts and comments are ~1-2 MB.
MAX_FEED_BYTES: Final = 8 * 1024 * 1024
NOT_FOUND: Final = "arXiv does not know this id"


@dataclass
class BatchAnswer:
    """What one query said: metadata by id, ids arXiv does not know, ids it did not answer for."""

    found: dict[str, ArxivMeta] = field(default_factory=dict)
    missing: dict[str, str] = field(default_factory=dict)  # id -> why
    unanswered: list[str] = field(default_factory=list)
    empty: bool = False  # no entry at all for several ids: arXiv's overloaded answer


def _base_id(arxiv_id: str) -> str:
    """An id as arXiv writes it back: an old-style id loses its subject class (`cs.CL/0101001`)."""
    if "/" in arxiv_id:
        archive, number = arxiv_id.split("/", 1)
        return f"{archive.split('.', 1)[0]}/{number}"
    return arxiv_id


def _text(element: ElementTree.Element | None) -> str:
    return clean_text("".join(element.itertext())) if element is not None else ""


def _entry_meta(entry: ElementTree.Element) -> ArxivMeta:
    authors = tuple(
        name
        for name in (_text(author.find(f"{ATOM}name")) for author in entry.findall(f"{ATOM}author"))
        if name
    )[:MAX_AUTHORS]
    primary_element = entry.find(f"{ARXIV_NS}primary_category")
    primary = clean_text(primary_element.get("term", ""), 100) if primary_element is not None else ""
    categories = [clean_text(c.get("term", ""), 100) for c in entry.findall(f"{ATOM}category")]
    return ArxivMeta(
        authors=authors,
        title=_text(entry.find(f"{ATOM}title")),
        abstract=_text(entry.find(f"{ATOM}summary")),
        primary_category=primary or None,
        categories=ordered_categories(primary or None, [c for c in categories if c])[:MAX_CATEGORIES],
        published=_text(entry.find(f"{ATOM}published")) or None,
        updated=_text(entry.find(f"{ATOM}updated")) or None,
        doi=_text(entry.find(f"{ARXIV_NS}doi")) or None,
        journal_ref=_text(entry.find(f"{ARXIV_NS}journal_ref")) or None,
        comment=_text(entry.find(f"{ARXIV_NS}comment")) or None,
    )


def parse_feed(body: bytes, requested: Sequence[str]) -> BatchAnswer:
    """An Atom answer -> what it says about `requested`; `EnrichError` for a malformed or hostile one."""
    try:
        root = fromstring(body, forbid_dtd=True)
    except DefusedXmlException:
        raise EnrichError(
            "arXiv sent XML with a DTD or entity declarations, which it never does; refused it"
        ) from None
    except ElementTree.ParseError as error:
        raise EnrichError(f"arXiv sent a malformed answer (not XML: {error})") from None
    if root.tag != f"{ATOM}feed":
        raise EnrichError("arXiv sent a malformed answer (not an Atom feed)")
    wanted = {_base_id(arxiv_id): arxiv_id for arxiv_id in requested}
    answer = BatchAnswer()
    entries = root.findall(f"{ATOM}entry")
    refused = False
    for entry in entries:
        entry_id = _text(entry.find(f"{ATOM}id"))
        if "/api/errors" in entry_id:
            message = _text(entry.find(f"{ATOM}summary")) or "an error"
            named = [a for a in requested if a in message or a in entry_id]
            if not named:
                raise EnrichError(f"arXiv refused the query: {message[:200]}")
            for arxiv_id in named:
                answer.missing[arxiv_id] = f"arXiv: {message[:200]}"
            refused = True
            continue
        found = parse_arxiv_id(entry_id)
        asked = wanted.get(found) if found else None
        if asked is None:
            continue  # not asked for (or no id): nothing to record
        meta = _entry_meta(entry)
        if meta.title:
            answer.found[asked] = meta
        else:
            answer.missing[asked] = NOT_FOUND
    rest = [a for a in requested if a not in answer.found and a not in answer.missing]
    if refused:
        answer.unanswered = rest  # an error answer covers nothing else: ask for these again
    elif not entries and len(requested) > 1:
        answer.empty, answer.unanswered = True, rest
    else:
        answer.missing.update((arxiv_id, NOT_FOUND) for arxiv_id in rest)
    return answer


def query_url(base: str, ids: Sequence[str]) -> str:
    """The `id_list` query for `ids`, with `max_results` the batch's size."""
    separator = "&" if "?" in base else "?"
    return f"{base}{separator}id_list={','.join(ids)}&start=0&max_results={len(ids)}"


def fetch_batch(
    client: httpx.Client,
    ids: Sequence[str],
    settings: EnrichSettings,
    cancel: threading.Event | None = None,
) -> BatchAnswer:
    """One polite `id_list` query for `ids` (at most `settings.batch_size`); `EnrichError` on failure.

    An empty feed for several ids is what arXiv answers when overloaded, not
    a verdict on them: it is asked again (with backoff) and then reported.
    """
    for attempt in range(max(1, settings.tries)):
        if attempt and pause(backoff_seconds(settings.arxiv_delay, attempt - 1), cancel):
            raise EnrichCancelled()
        body = polite_get(
            client,
            query_url(settings.arxiv_url, ids),
            service=SERVICE,
            limiter=ARXIV_LIMITER,
            delay=settings.arxiv_delay,
            timeout=settings.timeout,
            tries=settings.tries,
            max_bytes=MAX_FEED_BYTES,
            cancel=cancel,
        )
        answer = parse_feed(body, ids)
        if not answer.empty:
            return answer
    raise EnrichError(
        f"arXiv answered with no entries for {len(ids)} ids {settings.tries} times "
        "(it does that when overloaded); try again later"
    )
