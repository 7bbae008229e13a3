"""The in-memory copy of state.json the app reads, and how it is made from the file's tables.

Anything malformed in the file (a document that is not an object, a field of
the wrong type, an unknown filter) is skipped, never an error: the file is
kept as it is, and what can be read is shown.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from tui.store.state_tables import Tables, documents

FILTER_NAMES = ("all", "unread", "starred")
UNIT_NAMES = ("day", "week", "month")


@dataclass(frozen=True, slots=True)
class StarInfo:
    """What is remembered about a starred paper even if its digest vanishes."""

    key: str
    date: str
    title: str


@dataclass(frozen=True, slots=True)
class Session:
    """Where the user left off."""

    date: str | None = None  # the paper's date, or the label of the (empty) period on screen
    key: str | None = None
    filter: str = "all"
    unit: str = "day"  # what the sidebar listed: days, weeks or months


@dataclass(frozen=True, slots=True)
class Feed:
    """A saved search: its name and its query text."""

    name: str
    query: str


RuleKind = str  # "watch" (highlight matches) or "hide" (leave them out of lists and counts)
RULE_KINDS = ("watch", "hide")


@dataclass(frozen=True, slots=True)
class Rule:
    """A watch or hide rule: a query, and the number the user removes it by."""

    id: int
    kind: RuleKind
    query: str


@dataclass
class StateSnapshot:
    """An in-memory copy of state.json for quick look-ups."""

    stars: dict[str, StarInfo] = field(default_factory=dict)
    read: set[str] = field(default_factory=set)
    notes: dict[str, str] = field(default_factory=dict)
    sources: list[str] = field(default_factory=list)
    session: Session = field(default_factory=Session)
    tags: dict[str, set[str]] = field(default_factory=dict)  # paper key -> its tags
    feeds: list[Feed] = field(default_factory=list)  # in the order they were saved
    rules: list[Rule] = field(default_factory=list)  # by id

    def tag_counts(self) -> dict[str, int]:
        """Each tag in use and how many papers carry it, by name."""
        counts: dict[str, int] = {}
        for names in self.tags.values():
            for name in names:
                counts[name] = counts.get(name, 0) + 1
        return dict(sorted(counts.items(), key=lambda item: item[0].casefold()))

    @property
    def starred(self) -> dict[str, StarInfo]:
        """Starred keys (a mapping, so `key in starred` works)."""
        return self.stars


def _text(doc: dict[str, Any], name: str) -> str | None:
    value = doc.get(name)
    return value if isinstance(value, str) else None


def snapshot_of(tables: Tables) -> StateSnapshot:
    """The snapshot a set of tables describes; anything malformed is skipped."""
    snapshot = StateSnapshot()
    for doc in documents(tables, "stars"):
        key = _text(doc, "key")
        if key is not None:
            snapshot.stars[key] = StarInfo(key, _text(doc, "date") or "", _text(doc, "title") or "")
    snapshot.read = {key for doc in documents(tables, "read") if (key := _text(doc, "key")) is not None}
    for doc in documents(tables, "notes"):
        key, text = _text(doc, "key"), _text(doc, "text")
        if key is not None and text is not None:
            snapshot.notes[key] = text
    snapshot.sources = list(
        dict.fromkeys(
            path for doc in documents(tables, "sources") if (path := _text(doc, "path")) is not None
        )
    )
    for doc in documents(tables, "tags"):
        key, name = _text(doc, "key"), _text(doc, "tag")
        if key is not None and name:
            snapshot.tags.setdefault(key, set()).add(name)
    feeds: dict[str, Feed] = {}
    for doc in documents(tables, "feeds"):
        name, query = _text(doc, "name"), _text(doc, "query")
        if name and query is not None:
            feeds[name] = Feed(name, query)
    snapshot.feeds = list(feeds.values())
    for doc in documents(tables, "rules"):
        number, kind, query = doc.get("id"), _text(doc, "kind"), _text(doc, "query")
        if isinstance(number, int) and not isinstance(number, bool) and kind in RULE_KINDS and query:
            snapshot.rules.append(Rule(number, kind, query))
    snapshot.rules.sort(key=lambda rule: rule.id)
    sessions = list(documents(tables, "session"))
    if sessions:
        doc = sessions[-1]
        chosen = _text(doc, "filter")
        unit = _text(doc, "unit")
        snapshot.session = Session(
            _text(doc, "date"),
            _text(doc, "key"),
            chosen if chosen in FILTER_NAMES else "all",
            unit if unit in UNIT_NAMES else "day",
        )
    return snapshot
