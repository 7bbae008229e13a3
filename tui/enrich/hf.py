"""Hugging Face's daily papers: upvotes (and author names) for one digest day.

    GET {hf_url}?date=YYYY-MM-DD      a JSON list, one object per paper:
        {"paper": {"id": "2510.24668", "title": …, "upvotes": 83,
                   "authors": [{"name": "Mingyi Deng", "hidden": false, …}, …], …},
         "title": …, "numComments": 3, "submittedBy": {…}, …}

Parsed with orjson, whose nesting limit (1024) turns a deeply nested body
into a decode error rather than a RecursionError; everything else about the
shape is checked item by item, and an item that is not what it should be is
skipped rather than trusted.
"""

from __future__ import annotations

import threading
from typing import Any, Final

import httpx
import orjson

from tui.digest.ids import parse_arxiv_id
from tui.digest.meta import MAX_AUTHORS, HfMeta, clean_text
from tui.enrich.polite import HF_LIMITER, EnrichError, polite_get
from tui.enrich.settings import EnrichSettings

SERVICE: Final = "Hugging Face"
# A day lists 20-100 papers with their abstracts and AI summaries: ~0.5 MB.
MAX_DAY_BYTES: Final = 8 * 1024 * 1024
MAX_ITEMS: Final = 5000


def _upvotes(paper: dict[str, Any]) -> int | None:
    value = paper.get("upvotes")
    if isinstance(value, int) and not isinstance(value, bool) and 0 <= value < 10**9:
        return value
    return None


def _authors(paper: dict[str, Any]) -> tuple[str, ...]:
    found = paper.get("authors")
    if not isinstance(found, list):
        return ()
    names = (a.get("name") for a in found[:MAX_AUTHORS] if isinstance(a, dict))
    return tuple(name for name in (clean_text(n, 500) for n in names if isinstance(n, str)) if name)


def parse_day(body: bytes, date: str) -> dict[str, HfMeta]:
    """A daily-papers answer -> metadata by arXiv id; `EnrichError` when it is not a list of papers."""
    try:
        payload: Any = orjson.loads(body)
    except orjson.JSONDecodeError:
        raise EnrichError(f"Hugging Face sent a malformed list for {date} (not JSON)") from None
    if isinstance(payload, dict) and isinstance(payload.get("error"), str):
        raise EnrichError(f"Hugging Face said for {date}: {clean_text(payload['error'], 200)}")
    if not isinstance(payload, list):
        raise EnrichError(f"Hugging Face sent a malformed list for {date} (not a list of papers)")
    found: dict[str, HfMeta] = {}
    for item in payload[:MAX_ITEMS]:
        paper = item.get("paper") if isinstance(item, dict) else None
        if not isinstance(paper, dict) or not isinstance(paper.get("id"), str):
            continue
        arxiv_id = parse_arxiv_id(paper["id"])
        if arxiv_id is not None:
            found[arxiv_id] = HfMeta(_upvotes(paper), _authors(paper))
    return found


def day_url(base: str, date: str) -> str:
    """The daily-papers query for `date`."""
    separator = "&" if "?" in base else "?"
    return f"{base}{separator}date={date}"


def fetch_day(
    client: httpx.Client, date: str, settings: EnrichSettings, cancel: threading.Event | None = None
) -> dict[str, HfMeta]:
    """One polite request for the papers Hugging Face listed on `date`; `EnrichError` on failure."""
    body = polite_get(
        client,
        day_url(settings.hf_url, date),
        service=SERVICE,
        limiter=HF_LIMITER,
        delay=settings.hf_delay,
        timeout=settings.timeout,
        tries=settings.tries,
        max_bytes=MAX_DAY_BYTES,
        cancel=cancel,
    )
    return parse_day(body, date)
