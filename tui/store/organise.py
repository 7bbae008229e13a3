"""Organising papers: tags, feeds (saved searches) and watch/hide rules, as state changes.

Each change is idempotent and is applied to the freshly read file under the
lock (see `tui.store.state_tables`), so two paperbrowse processes adding tags
or feeds at once lose nothing.  Names are checked here, with a message for
the person who typed them; a feed's or a rule's query is checked by the
query language before it gets here.

Tables (TinyDB documents):
    tags      {"key", "tag", "at"}            one per paper and tag
    feeds     {"name", "query", "at"}         one per feed, by name
    rules     {"id", "kind", "query", "at"}   kind: watch | hide; id: what `rules remove` takes
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from tui.digest.text import first_control
from tui.store import state_tables as t
from tui.store.state_snapshot import Feed, Rule, StateSnapshot
from tui.store.state_tables import Tables, documents

MAX_NAME = 60


class BadName(ValueError):
    """A tag or feed name that cannot be used; the message says why."""


def clean_name(text: str, what: str = "tag") -> str:
    """A tag or feed name, whitespace collapsed; `BadName` when it cannot be one."""
    name = " ".join(text.split())
    if not name:
        raise BadName(f"an empty {what} name")
    if first_control(text) is not None:
        raise BadName(f"{what} {name!r} has control characters")
    if what == "tag" and ("," in name or ":" in name):
        raise BadName(f"tag {name!r}: a tag cannot hold a comma or a colon")
    if len(name) > MAX_NAME:
        raise BadName(f"{what} {name[:20]!r}… is longer than {MAX_NAME} characters")
    return name


def parse_tags(text: str) -> list[str]:
    """Comma-separated tags as typed in the tag dialog: cleaned, each once, in order."""
    names = [clean_name(part) for part in text.split(",") if part.strip()]
    return list(dict.fromkeys(names))


def _pair(doc: dict[str, object]) -> tuple[str, str] | None:
    """A tag document's (key, tag), if both are text (anything else in the file is left alone)."""
    key, tag = doc.get("key"), doc.get("tag")
    return (key, tag) if isinstance(key, str) and isinstance(tag, str) else None


@dataclass(frozen=True, slots=True)
class SetTags:
    """Add or remove tags on papers (by key)."""

    keys: tuple[str, ...]
    tags: tuple[str, ...]
    add: bool

    def apply(self, tables: Tables) -> None:
        """Add the (key, tag) documents not there yet, or remove them."""
        rows = t.table(tables, "tags")
        wanted = {(key, tag) for key in self.keys for tag in self.tags}
        if self.add:
            have = {pair for doc in documents(tables, "tags") if (pair := _pair(doc)) is not None}
            new_id = t.next_id(rows)
            at = t.now()
            for key, tag in sorted(wanted - have):
                rows[str(new_id)] = {"key": key, "tag": tag, "at": at}
                new_id += 1
        else:
            doomed = [
                i for i, d in rows.items() if isinstance(d, dict) and (d.get("key"), d.get("tag")) in wanted
            ]
            for doc_id in doomed:
                del rows[doc_id]

    def update(self, snapshot: StateSnapshot) -> None:
        """The same in memory; a paper left with no tag has no entry at all."""
        for key in self.keys:
            names = snapshot.tags.setdefault(key, set())
            if self.add:
                names.update(self.tags)
            else:
                names.difference_update(self.tags)
            if not names:
                del snapshot.tags[key]


@dataclass(frozen=True, slots=True)
class SaveFeed:
    """Save a search under a name (replacing a feed of that name)."""

    feed: Feed

    def apply(self, tables: Tables) -> None:
        """Upsert the feed's document by name."""
        t.upsert(tables, "feeds", [{"name": self.feed.name, "query": self.feed.query, "at": t.now()}], "name")

    def update(self, snapshot: StateSnapshot) -> None:
        """The same in memory (a replaced feed keeps its place)."""
        names = [feed.name for feed in snapshot.feeds]
        if self.feed.name in names:
            snapshot.feeds[names.index(self.feed.name)] = self.feed
        else:
            snapshot.feeds.append(self.feed)


@dataclass(frozen=True, slots=True)
class RemoveFeeds:
    """Forget feeds by name."""

    names: tuple[str, ...]

    def apply(self, tables: Tables) -> None:
        """Remove their documents."""
        t.remove(tables, "feeds", self.names, "name")

    def update(self, snapshot: StateSnapshot) -> None:
        """The same in memory."""
        snapshot.feeds = [feed for feed in snapshot.feeds if feed.name not in self.names]


@dataclass(frozen=True, slots=True)
class AddRule:
    """Add a watch or hide rule (the same kind and query twice is one rule)."""

    kind: str
    query: str

    def apply(self, tables: Tables) -> None:
        """Add the rule with the next free id, unless it is there already."""
        rows = t.table(tables, "rules")
        existing = [
            d
            for d in documents(tables, "rules")
            if (d.get("kind"), d.get("query")) == (self.kind, self.query)
        ]
        if existing:
            return
        numbers = [d["id"] for d in documents(tables, "rules") if isinstance(d.get("id"), int)]
        rows[str(t.next_id(rows))] = {
            "id": max(numbers, default=0) + 1,
            "kind": self.kind,
            "query": self.query,
            "at": t.now(),
        }

    def update(self, snapshot: StateSnapshot) -> None:
        """The same in memory (its id is the file's once written; a guess until then)."""
        if not any((r.kind, r.query) == (self.kind, self.query) for r in snapshot.rules):
            number = max((r.id for r in snapshot.rules), default=0) + 1
            snapshot.rules.append(Rule(number, self.kind, self.query))


@dataclass(frozen=True, slots=True)
class RemoveRules:
    """Remove rules by id."""

    ids: tuple[int, ...]

    def apply(self, tables: Tables) -> None:
        """Remove their documents."""
        rows = t.table(tables, "rules")
        doomed = [i for i, d in rows.items() if isinstance(d, dict) and d.get("id") in self.ids]
        for doc_id in doomed:
            del rows[doc_id]

    def update(self, snapshot: StateSnapshot) -> None:
        """The same in memory."""
        snapshot.rules = [rule for rule in snapshot.rules if rule.id not in self.ids]


def tagged(snapshot: StateSnapshot, keys: Iterable[str]) -> set[str]:
    """Every tag on any of `keys`."""
    found: set[str] = set()
    for key in keys:
        found |= snapshot.tags.get(key, set())
    return found
