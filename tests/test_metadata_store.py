"""metadata.json: round trips, lazy reading, two writers, damage, and what it costs to look one paper up."""

from __future__ import annotations

import os
import time
from pathlib import Path

import orjson
import pytest

from tui.digest.meta import ArxivMeta, HfMeta
from tui.store import Store
from tui.store.metadata import MetadataStore
from tui.store.storage import InterProcessLock
from tui.ui.launch import SAMPLES


def arxiv(title: str = "A Title", categories: tuple[str, ...] = ("cs.CL", "cs.AI")) -> ArxivMeta:
    return ArxivMeta(
        authors=("Ann Lee", "Bo Chen"),
        title=title,
        abstract="An abstract.",
        primary_category=categories[0],
        categories=categories,
        published="2025-10-28T17:35:39Z",
        updated="2025-10-29T09:12:01Z",
    )


def store_at(path: Path) -> MetadataStore:
    return MetadataStore(path / "metadata.json", InterProcessLock(path / ".lock"))


def test_round_trip_and_tinydb_can_read_the_file(tmp_path: Path) -> None:
    metadata = store_at(tmp_path)
    metadata.save(arxiv={"2510.00001": arxiv()}, missing={"2510.99999": "arXiv does not know this id"})
    metadata.save(hf={"2510.00001": HfMeta(83, ("Ann Lee",))}, hf_days={"2025-10-29": 27})
    found = store_at(tmp_path).get("2510.00001")  # a fresh reader: from the file, not memory
    assert found is not None and found.arxiv == arxiv() and found.upvotes == 83
    missing = store_at(tmp_path).get("2510.99999")
    assert (
        missing is not None
        and missing.arxiv is None
        and missing.arxiv_missing == "arXiv does not know this id"
    )
    assert store_at(tmp_path).get("2510.12345") is None
    assert store_at(tmp_path).fetched_days() == {"2025-10-29"}
    from tinydb import TinyDB

    with TinyDB(tmp_path / "metadata.json") as db:  # still a TinyDB document set
        assert {doc["id"] for doc in db.table("papers").all()} == {"2510.00001", "2510.99999"}
        assert db.table("days").all()[0]["date"] == "2025-10-29"


def test_a_known_paper_stays_known_when_arxiv_later_says_it_is_not(tmp_path: Path) -> None:
    metadata = store_at(tmp_path)
    metadata.save(arxiv={"2510.00001": arxiv()})
    metadata.save(missing={"2510.00001": "arXiv does not know this id"})
    found = metadata.get("2510.00001")
    assert found is not None and found.arxiv is not None and found.arxiv_missing is None


def test_two_writers_never_lose_each_others_papers(tmp_path: Path) -> None:
    first, second = store_at(tmp_path), store_at(tmp_path)
    first.get("x")  # both hold a snapshot of the (empty) file
    second.get("x")
    for n in range(20):
        writer = first if n % 2 else second
        writer.save(arxiv={f"2510.{n:05d}": arxiv(f"Paper {n}")})
    for reader in (first, second, store_at(tmp_path)):
        assert len(reader) == 20
        assert reader.get("2510.00007") is not None
    assert first.facets().categories["2510.00003"] == ("cs.cl", "cs.ai")


def test_nothing_reads_metadata_until_a_look_up(tmp_path: Path) -> None:
    data = tmp_path / "d"
    data.mkdir()
    os.mkfifo(data / "metadata.json")  # reading it would hang; opening the browser's data must not
    store = Store(data)
    library, report = store.open_library([SAMPLES], remember=True)
    assert len(library) and not report.warnings
    assert "metadata" not in vars(store)
    assert store.metadata.get("2510.24668") is None  # refused, not waited on
    assert "FIFO" in store.metadata.warnings[0]


def test_a_damaged_document_loses_only_that_paper(tmp_path: Path) -> None:
    metadata = store_at(tmp_path)
    metadata.save(arxiv={"2510.00001": arxiv("One"), "2510.00002": arxiv("Two")})
    path = tmp_path / "metadata.json"
    data = path.read_bytes()
    path.write_bytes(data.replace(b'"title":"One"', b'"title":"On\x00"'))  # same length, not JSON now
    fresh = store_at(tmp_path)
    assert fresh.get("2510.00001") is None and "damaged" in fresh.warnings[0]
    assert fresh.get("2510.00002") is not None
    fresh.save(hf={"2510.00002": HfMeta(5, ())})  # the next write drops it: it will be fetched again
    assert fresh.needs_arxiv(["2510.00001", "2510.00002"]) == ["2510.00001"]


@pytest.mark.parametrize(
    "garbage",
    [b"", b"not json", b'{"papers":{}}', b'{"papers":{},"days":{},"index":{"1":{"schema":99,"papers":{}}}}'],
)
def test_a_damaged_or_foreign_file_reads_as_empty(tmp_path: Path, garbage: bytes) -> None:
    (tmp_path / "metadata.json").write_bytes(garbage)
    metadata = store_at(tmp_path)
    assert metadata.get("2510.00001") is None
    assert len(metadata) == 0
    metadata.save(arxiv={"2510.00001": arxiv()})  # and is rebuilt by the next write
    assert store_at(tmp_path).get("2510.00001") is not None


def test_a_tampered_file_cannot_put_controls_on_screen(tmp_path: Path) -> None:
    metadata = store_at(tmp_path)
    metadata.save(arxiv={"2510.00001": arxiv()})
    path = tmp_path / "metadata.json"
    path.write_bytes(path.read_bytes().replace(b'"Ann Lee"', orjson.dumps("Ann\x1b[2J Lee!")))
    # The same length would keep the index right; a different one must not crash either.
    found = store_at(tmp_path).get("2510.00001")
    assert found is None or all("\x1b" not in a for a in found.authors)


def test_looking_up_one_paper_among_many_is_cheap(tmp_path: Path) -> None:
    metadata = store_at(tmp_path)
    batch = {f"2510.{n:05d}": arxiv(f"Paper number {n}") for n in range(5000)}
    metadata.save(arxiv=batch)
    fresh = store_at(tmp_path)
    started = time.perf_counter()
    fresh.get("2510.00000")  # loads the index
    first = time.perf_counter() - started
    started = time.perf_counter()
    for n in range(0, 5000, 5):
        assert fresh.get(f"2510.{n:05d}") is not None
    each = (time.perf_counter() - started) / 1000
    assert first < 0.5 and each < 0.002, (first, each)
