"""state.json's tables as TinyDB lays them out, read and changed as plain dicts.

The file is a TinyDB document set, `{"stars": {"1": {...}, "2": {...}}, ...}`,
so TinyDB (and anything else) can still read it.  But it is never changed
through TinyDB's `Table` objects: a table caches its next document id, so one
kept across transactions overwrites the document another process inserted
meanwhile (its read marks vanish) or raises "Document with ID 2 already
exists".  Changes here work on the freshly read dicts, under the lock, and
work out ids from what is in the file at that moment; a document id that is
not a number, or a document that is not an object, is tolerated and kept.

Each change is idempotent (applying it twice leaves what applying it once
does), so a write that failed can simply be tried again.
"""

from __future__ import annotations

import time
from collections.abc import Iterable, Iterator
from typing import Any

Tables = dict[str, Any]
Document = dict[str, Any]


def now() -> float:
    """A timestamp for a document's "at" field, to the millisecond."""
    return round(time.time(), 3)


def table(tables: Tables, name: str) -> dict[str, Any]:
    """The table `name`, created empty when missing."""
    found = tables.get(name)
    if not isinstance(found, dict):
        found = tables[name] = {}
    return found


def documents(tables: Tables, name: str) -> Iterator[Document]:
    """A table's documents, skipping anything that is not one."""
    found = tables.get(name)
    if isinstance(found, dict):
        yield from (doc for doc in found.values() if isinstance(doc, dict))


def next_id(rows: dict[str, Any]) -> int:
    """The id after the largest numeric id in `rows` (TinyDB's rule, read afresh)."""
    numbers = [int(key) for key in rows if isinstance(key, str) and key.isdigit()]
    return max(numbers, default=0) + 1


def ids_by_key(rows: dict[str, Any]) -> dict[str, list[str]]:
    """Document ids by their "key" field (one paper's documents)."""
    found: dict[str, list[str]] = {}
    for doc_id, doc in rows.items():
        if isinstance(doc, dict) and isinstance(doc.get("key"), str):
            found.setdefault(doc["key"], []).append(doc_id)
    return found


def upsert(tables: Tables, name: str, docs: Iterable[Document], field: str = "key") -> None:
    """Set each document by its `field`: replace the one there (dropping repeats) or add it."""
    rows = table(tables, name)
    where: dict[str, list[str]] = {}
    for doc_id, doc in rows.items():
        if isinstance(doc, dict) and isinstance(doc.get(field), str):
            where.setdefault(doc[field], []).append(doc_id)
    new_id = next_id(rows)
    for doc in docs:
        existing = where.get(doc[field])
        if existing:
            rows[existing[0]] = doc
            for repeat in existing[1:]:
                del rows[repeat]
            where[doc[field]] = existing[:1]
        else:
            rows[str(new_id)] = doc
            where[doc[field]] = [str(new_id)]
            new_id += 1


def add_missing(tables: Tables, name: str, docs: Iterable[Document], field: str = "key") -> None:
    """Add each document whose `field` value is not in the table yet."""
    rows = table(tables, name)
    have = {doc[field] for doc in rows.values() if isinstance(doc, dict) and isinstance(doc.get(field), str)}
    new_id = next_id(rows)
    for doc in docs:
        if doc[field] not in have:
            rows[str(new_id)] = doc
            have.add(doc[field])
            new_id += 1


def remove(tables: Tables, name: str, values: Iterable[str], field: str = "key") -> None:
    """Remove every document whose `field` is one of `values`."""
    rows = tables.get(name)
    if not isinstance(rows, dict):
        return
    drop = set(values)
    doomed = [
        doc_id
        for doc_id, doc in rows.items()
        if isinstance(doc, dict) and isinstance(doc.get(field), str) and doc[field] in drop
    ]
    for doc_id in doomed:
        del rows[doc_id]


def replace_all(tables: Tables, name: str, docs: Iterable[Document]) -> None:
    """The table holds exactly `docs` (for one-document tables such as the session)."""
    tables[name] = {str(number): doc for number, doc in enumerate(docs, start=1)}
