"""`enrich` of 5,000 papers against the local stand-ins with no delay, and metadata.json at 50,000.

The floor is the same requests made bare (httpx GETs of the same URLs, the
bodies read and dropped), so the difference is enrich's own work per paper:
parsing Atom and JSON, cleaning text, writing metadata.json after every
batch and day.  Against the real services that work hides inside the delay
(a batch of 200 every 3 s is 15 ms a paper).

The second case builds a 50,000-paper metadata.json with abstracts of real
length and times what the browser pays: opening it (the index only) and
looking one paper up, against loading the whole file with orjson.
"""

from __future__ import annotations

import gc
import shutil
import tempfile
import time
import tracemalloc
from pathlib import Path

import httpx
import orjson

from benchmarks.common import corpus, verdict
from tests.enrich_server import FakeServices, papers_from_archive, serve
from tui.digest.meta import ArxivMeta, HfMeta
from tui.enrich.arxiv import query_url
from tui.enrich.hf import day_url
from tui.enrich.run import enrich
from tui.enrich.settings import EnrichSettings
from tui.store import Store
from tui.store.metadata import MetadataStore
from tui.store.storage import InterProcessLock

TARGET = 3.0  # enrich within 3x the bare requests, at no delay
_ABSTRACT = (
    "Large language models have shown remarkable capabilities across a wide range of tasks, yet "
    "their behaviour under distribution shift remains poorly understood. "
) * 7  # ~1,100 characters, a typical arXiv abstract


def bare_requests(state: FakeServices, ids: list[str], days: list[str], batch: int) -> float:
    started = time.perf_counter()
    with httpx.Client() as client:
        for start in range(0, len(ids), batch):
            client.get(query_url(state.arxiv_url, ids[start : start + batch])).read()
        for date in days:
            client.get(day_url(state.hf_url, date)).read()
    return time.perf_counter() - started


def measure_enrich(papers: int) -> dict[str, object]:
    root = corpus(papers)
    data = Path(tempfile.mkdtemp(prefix="pb-bench-enrich-"))
    try:
        store = Store(data)
        library, _ = store.open_library([root])
        state = FakeServices(papers=papers_from_archive(root))
        with serve(state):
            settings = EnrichSettings(
                arxiv_url=state.arxiv_url, hf_url=state.hf_url, arxiv_delay=0, hf_delay=0
            )
            ids = list(dict.fromkeys(r["i"] for r in library.records() if r["i"]))
            days = sorted({library.date(i) for i in range(len(library))}, reverse=True)
            floor = min(bare_requests(state, ids, days, settings.batch_size) for _ in range(2))
            started = time.perf_counter()
            result = enrich(store.metadata, library, settings=settings)
            elapsed = time.perf_counter() - started
        assert result.error is None, result.error
        size = (data / "metadata.json").stat().st_size
    finally:
        shutil.rmtree(data, ignore_errors=True)
    per_paper = (elapsed - floor) / len(ids) * 1000
    ratio = elapsed / floor
    return {
        "name": f"enrich {len(ids):,} papers, {len(days)} days, no delay (metadata.json {size / 1e6:.1f} MB)",
        "value": f"{elapsed:.2f} s ({per_paper:.2f} ms a paper over the bare requests)",
        "floor": f"{floor:.2f} s (the same requests, bodies dropped)",
        "ratio": ratio,
        "target": TARGET,
        "verdict": verdict(ratio, TARGET),
    }


def _meta(n: int) -> ArxivMeta:
    return ArxivMeta(
        authors=tuple(f"Author{k} Family{n % 97}" for k in range(8)),
        title=f"A study of distribution shift in large language models, part {n}",
        abstract=_ABSTRACT,
        primary_category="cs.CL",
        categories=("cs.CL", "cs.LG", "cs.AI"),
        published="2025-10-28T17:35:39Z",
        updated="2025-10-29T09:12:01Z",
        comment="15 pages, 4 figures",
    )


def measure_store(papers: int) -> dict[str, object]:
    data = Path(tempfile.mkdtemp(prefix="pb-bench-meta-"))
    try:
        writer = MetadataStore(data / "metadata.json", InterProcessLock(data / ".lock"))
        step = 5000
        write_times = []
        for start in range(0, papers, step):
            chunk = {f"{2500 + n // 99999}.{n % 99999:05d}": _meta(n) for n in range(start, start + step)}
            hf = {key: HfMeta(n % 150, ()) for n, key in enumerate(chunk)}
            began = time.perf_counter()
            writer.save(arxiv=chunk, hf=hf)
            write_times.append(time.perf_counter() - began)
        path = data / "metadata.json"
        size = path.stat().st_size
        gc.collect()
        began = time.perf_counter()
        reader = MetadataStore(path, InterProcessLock(data / ".lock"))
        assert reader.get("2500.00001") is not None
        opened = time.perf_counter() - began
        tracemalloc.start()  # memory measured apart: tracing slows allocation down severalfold
        again = MetadataStore(path, InterProcessLock(data / ".lock"))
        assert again.get("2500.00001") is not None
        index_mb = tracemalloc.get_traced_memory()[0] / 1e6
        tracemalloc.stop()
        del again
        began = time.perf_counter()
        for n in range(0, papers, 50):
            reader.get(f"{2500 + n // 99999}.{n % 99999:05d}")
        lookup_us = (time.perf_counter() - began) / (papers / 50) * 1e6
        gc.collect()
        began = time.perf_counter()
        whole = orjson.loads(path.read_bytes())
        loaded = time.perf_counter() - began
        del whole
        gc.collect()
        tracemalloc.start()
        whole = orjson.loads(path.read_bytes())
        whole_mb = tracemalloc.get_traced_memory()[0] / 1e6
        tracemalloc.stop()
        del whole
    finally:
        shutil.rmtree(data, ignore_errors=True)
    ratio = opened / loaded
    return {
        "name": f"metadata.json with {papers:,} papers ({size / 1e6:.0f} MB): open + first look-up",
        "value": (
            f"{opened * 1000:.0f} ms, {index_mb:.0f} MB; then {lookup_us:.0f} µs a look-up; "
            f"a write after a batch {write_times[-1] * 1000:.0f} ms"
        ),
        "floor": f"{loaded * 1000:.0f} ms, {whole_mb:.0f} MB to load it whole",
        "ratio": ratio,
        "target": 0.5,
        "verdict": verdict(ratio, 0.5),
    }


def run(quick: bool = False) -> list[dict[str, object]]:
    return [measure_enrich(5000), measure_store(5000 if quick else 50_000)]
