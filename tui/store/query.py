"""The search query language, parsed into terms and filters.

    diffusion video            words are ANDed, case- and accent-insensitive,
                               matched in title, authors and summary
    "world model"              a phrase
    -survey  -"position paper" excluded
    title:agent  author:wang   scoped to a field (quotes work: title:"deep research")
    date:2025-03               date prefix (year, month or day)
    date:2025-03-01..2025-03-15  inclusive range; either end may be left open
    is:starred is:unread is:read has:note has:followups
    tag:survey  -tag:later  has:tag     the user's tags (case-insensitive; quotes for spaces)
    cat:cs.CV  cat:cs          arXiv category, primary or any (an archive without
                               a dot matches all its categories); case-insensitive
    upvotes:>50  upvotes:>=10  Hugging Face upvotes (>, >=, <, <=, or exactly N)

`cat:` and `upvotes:` need the metadata `paperbrowse enrich` fetches: a
paper without it matches neither (nor their negations), and a search
without them never loads it.
    method:"reinforcement learning"  scoped to a summary section: objective: method:
                               results: implications: limitations: tldr: (a paper
                               without that section does not match, negated or not)
    related:2510.24668         the paper's most similar papers, most similar first
    order:foryou               ranked by resemblance to your starred papers

A malformed query raises `QueryError` with a message written for the person
typing it; an unclosed quote is forgiven (the phrase runs to the end).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from typing import Final, Literal, cast

Field = Literal[
    "any", "title", "author", "tldr", "objective", "methodology", "results", "implications", "limitations"
]

_FIELDS: Final[dict[str, Field]] = {"title": "title", "author": "author", "authors": "author"}
# Fields that are a part of the summary, by operator; each names a section kind.
SECTION_FIELDS: Final[dict[str, Field]] = {
    "tldr": "tldr",
    "objective": "objective",
    "method": "methodology",
    "methodology": "methodology",
    "results": "results",
    "implications": "implications",
    "limitations": "limitations",
}
_FIELDS.update(SECTION_FIELDS)
ORDER_VALUES: Final = ("foryou",)
IS_VALUES: Final = ("starred", "unstarred", "unread", "read")
HAS_VALUES: Final = ("note", "followups", "tag")
_DATE_PREFIX = re.compile(r"^\d{4}(?:-\d{2}(?:-\d{2})?)?$")
_CATEGORY = re.compile(r"[a-z][a-z\-]*(?:\.[a-z\-]+)?")
_UPVOTES = re.compile(r"(>=|<=|>|<|=)?(\d{1,9})")
UpvoteOp = Literal[">", ">=", "<", "<=", "="]
_COMBINING = re.compile(r"[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]+")
_TOKEN = re.compile(r'\s*(-?)(?:([A-Za-z]+):)?("([^"]*)("?)|[^\s"]+)')


class QueryError(ValueError):
    """A query that cannot be run; the message says why, for the search box."""


def fold(text: str) -> str:
    """Case- and accent-insensitive form: "Él Niño" -> "el nino"."""
    if text.isascii():
        return text.lower()
    return _COMBINING.sub("", unicodedata.normalize("NFKD", text)).casefold()


@dataclass(frozen=True, slots=True)
class Term:
    """A word or phrase to find (or, negated, to exclude), folded."""

    text: str
    field: Field = "any"
    negated: bool = False


@dataclass(frozen=True, slots=True)
class DateFilter:
    """Dates from `start` to `end` inclusive, each a YYYY[-MM[-DD]] prefix or None."""

    start: str | None
    end: str | None

    def matches(self, date: str) -> bool:
        """True when `date` (YYYY-MM-DD) falls in the range."""
        if self.start is not None and date[: len(self.start)] < self.start:
            return False
        return not (self.end is not None and date[: len(self.end)] > self.end)


@dataclass(frozen=True, slots=True)
class CategoryFilter:
    """An arXiv category (`cs.cv`) or archive (`cs`), lower-cased; matches the primary or any."""

    category: str
    negated: bool = False

    def matches(self, categories: tuple[str, ...]) -> bool:
        """True when a paper with these (lower-cased) categories passes the filter."""
        wanted = self.category
        if "." in wanted:
            found = wanted in categories
        else:
            found = any(c.split(".", 1)[0] == wanted for c in categories)
        return found != self.negated


@dataclass(frozen=True, slots=True)
class UpvoteFilter:
    """Hugging Face upvotes compared with a count."""

    op: UpvoteOp
    count: int
    negated: bool = False

    def matches(self, upvotes: int) -> bool:
        """True when a paper with this many upvotes passes the filter."""
        count = self.count
        result = {
            ">": upvotes > count,
            ">=": upvotes >= count,
            "<": upvotes < count,
            "<=": upvotes <= count,
            "=": upvotes == count,
        }[self.op]
        return result != self.negated


@dataclass(frozen=True, slots=True)
class Query:
    """A parsed query: terms to match, filters to apply, notes for the user."""

    terms: tuple[Term, ...] = ()
    dates: tuple[DateFilter, ...] = ()
    is_flags: tuple[str, ...] = ()
    has_flags: tuple[str, ...] = ()
    notes: tuple[str, ...] = field(default=())
    text: str = ""
    tags: tuple[tuple[str, bool], ...] = ()  # (folded tag name, negated)
    categories: tuple[CategoryFilter, ...] = ()
    upvotes: tuple[UpvoteFilter, ...] = ()

    @property
    def needs_metadata(self) -> bool:
        """True when the query filters on fetched metadata (`cat:`, `upvotes:`)."""
        return bool(self.categories or self.upvotes)

    related: str | None = None  # related:ARXIVID, the id
    order: str | None = None  # order:foryou

    @property
    def positive_terms(self) -> tuple[Term, ...]:
        """Terms that must be present (used for ranking and highlighting)."""
        return tuple(t for t in self.terms if not t.negated)

    def narrows(self, previous: Query) -> bool:
        """True when every paper matching self also matches `previous`.

        Then a search for self need only look at `previous`'s hits: typing
        forward ("diff" -> "diffusion", adding a word) narrows; turning a word
        into an operator ("title" -> "title:a") or loosening an exclusion does not.
        """
        if not (
            set(previous.dates) <= set(self.dates)
            and set(previous.is_flags) <= set(self.is_flags)
            and set(previous.has_flags) <= set(self.has_flags)
            and set(previous.tags) <= set(self.tags)
            and set(previous.categories) <= set(self.categories)
            and set(previous.upvotes) <= set(self.upvotes)
        ):
            return False
        if any(term not in self.terms for term in previous.terms if term.negated):
            return False
        if previous.related is not None and previous.related != self.related:
            return False  # other neighbours (or none asked for: more papers)
        mine = self.positive_terms
        return all(
            any(old.text in new.text and old.field in (new.field, "any") for new in mine)
            for old in previous.positive_terms
        )

    @property
    def empty(self) -> bool:
        """True when the query asks for nothing (matches everything)."""
        return not (
            self.terms
            or self.dates
            or self.is_flags
            or self.has_flags
            or self.tags
            or self.needs_metadata
            or self.related
            or self.order
        )


def parse_query(text: str) -> Query:
    """Parse `text`; raises `QueryError` when it cannot be run."""
    terms: list[Term] = []
    dates: list[DateFilter] = []
    is_flags: list[str] = []
    has_flags: list[str] = []
    tags: list[tuple[str, bool]] = []
    categories: list[CategoryFilter] = []
    upvotes: list[UpvoteFilter] = []
    notes: list[str] = []
    discovery: dict[str, str] = {}  # related: and order:, by operator
    position = 0
    while position < len(text):
        match = _TOKEN.match(text, position)
        if not match or match.end() == position:
            break
        position = match.end()
        negated, name, raw, quoted, closing = match.groups()
        negated_flag = negated == "-"
        if quoted is not None and not closing:
            notes.append("unclosed quote: the phrase runs to the end of the query")
        value = quoted if quoted is not None else raw
        if name is None:
            operator = value[:-1].lower() if quoted is None and value.endswith(":") else ""
            if operator in (*_FIELDS, "date", "is", "has", "tag", "cat", "upvotes", *_DISCOVERY_EXAMPLES):
                example = {**_EXAMPLES, **_DISCOVERY_EXAMPLES}.get(operator)
                raise QueryError(f"{value} needs a value after it, e.g. {example or operator + ':diffusion'}")
            _add_term(terms, value, "any", negated_flag)
            continue
        key = name.lower()
        if key in _FIELDS:
            if not value.strip():
                raise QueryError(f"{name}: needs a word after it, e.g. {key}:diffusion")
            _add_term(terms, value, _FIELDS[key], negated_flag)
        elif key == "date":
            dates.append(_date_filter(value))
        elif key == "tag":
            name = " ".join(fold(value).split())
            if not name:
                raise QueryError("tag: needs a tag name after it, e.g. tag:survey")
            tags.append((name, negated_flag))
        elif key == "cat":
            categories.append(_category_filter(value, negated_flag))
        elif key == "upvotes":
            upvotes.append(_upvote_filter(value, negated_flag))
        elif key in ("is", "has"):
            allowed = IS_VALUES if key == "is" else HAS_VALUES
            flag = value.lower()
            if flag not in allowed:
                raise QueryError(
                    f"{key}:{value} is not known; use " + ", ".join(f"{key}:{a}" for a in allowed)
                )
            target = is_flags if key == "is" else has_flags
            target.append(("-" if negated_flag else "") + flag)
        elif key in _DISCOVERY_EXAMPLES:
            discovery[key] = _discovery_value(key, value, negated_flag)
        else:
            # "word:thing" that is no operator is just text (a title like "Foo: Bar").
            _add_term(terms, match.group(0).strip().lstrip("-"), "any", negated_flag)
    return Query(
        tuple(terms),
        tuple(dates),
        tuple(is_flags),
        tuple(has_flags),
        tuple(notes),
        text,
        tuple(tags),
        tuple(categories),
        tuple(upvotes),
        related=discovery.get("related"),
        order=discovery.get("order"),
    )


_EXAMPLES: Final = {
    "date": "date:2025-03",
    "is": "is:unread",
    "has": "has:note",
    "tag": "tag:survey",
    "cat": "cat:cs.CV",
    "upvotes": "upvotes:>50",
}


def _category_filter(value: str, negated: bool) -> CategoryFilter:
    category = value.strip().lower()
    if not category:
        raise QueryError("cat: needs a category after it, e.g. cat:cs.CV")
    if not _CATEGORY.fullmatch(category):
        raise QueryError(f"cat:{value} is not an arXiv category; write e.g. cat:cs.CV, or cat:cs for all cs")
    return CategoryFilter(category, negated)


def _upvote_filter(value: str, negated: bool) -> UpvoteFilter:
    match = _UPVOTES.fullmatch(value.strip())
    if not match:
        raise QueryError(
            f"upvotes:{value} is not a count; write upvotes:>50, upvotes:>=10, upvotes:<5 or upvotes:50"
        )
    return UpvoteFilter(cast(UpvoteOp, match.group(1) or "="), int(match.group(2)), negated)


def _add_term(terms: list[Term], value: str, field_name: Field, negated: bool) -> None:
    folded = " ".join(fold(value).split())
    if folded:
        terms.append(Term(folded, field_name, negated))


def _is_date_prefix(text: str) -> bool:
    """YYYY, YYYY-MM or YYYY-MM-DD with a month 01-12 and a day 01-31.

    Days are not checked against the calendar: a digest may be dated 2025-02-30,
    and date: should still find it.
    """
    if not _DATE_PREFIX.match(text):
        return False
    parts = [int(p) for p in text.split("-")[1:]]
    return all(1 <= n <= limit for n, limit in zip(parts, (12, 31), strict=False))


def _date_filter(value: str) -> DateFilter:
    if ".." in value:
        start, _, end = value.partition("..")
        for part in (start, end):
            if part and not _is_date_prefix(part):
                raise QueryError(f"date:{value}: {part!r} is not a date; write YYYY, YYYY-MM or YYYY-MM-DD")
        if start and end and start > end[: len(start)]:
            raise QueryError(f"date:{value}: the range ends before it starts")
        return DateFilter(start or None, end or None)
    if not _is_date_prefix(value):
        raise QueryError(f"date:{value} is not a date; write date:2025, date:2025-03 or date:2025-03-14")
    return DateFilter(value, value)


_DISCOVERY_EXAMPLES: Final = {"related": "related:2510.24668", "order": "order:foryou"}


def _discovery_value(key: str, value: str, negated: bool) -> str:
    """The value of `related:` (an arXiv id, version dropped) or `order:` (foryou)."""
    if negated:
        raise QueryError(f"-{key}: cannot be negated; write {_DISCOVERY_EXAMPLES[key]}")
    if key == "related":
        from tui.digest.ids import parse_arxiv_id

        found = parse_arxiv_id(value)
        if found is None:
            raise QueryError(f"related:{value} is not an arXiv id; write e.g. related:2510.24668")
        return found
    if value.lower() not in ORDER_VALUES:
        raise QueryError(f"order:{value} is not known; use " + ", ".join(f"order:{v}" for v in ORDER_VALUES))
    return value.lower()


def highlight_plan(terms: tuple[Term, ...]) -> dict[str, tuple[Term, ...]]:
    """Which words to highlight where: "*" (title, authors, questions) and each section kind.

    A word scoped to a section (`method:rl`) is highlighted in that section
    only; every other word everywhere, sections included.
    """
    scoped = set(SECTION_FIELDS.values())
    everywhere = tuple(t for t in terms if t.field not in scoped)
    plan: dict[str, tuple[Term, ...]] = {"*": everywhere}
    for kind in dict.fromkeys(SECTION_FIELDS.values()):
        plan[kind] = everywhere + tuple(t for t in terms if t.field == kind)
    return plan
