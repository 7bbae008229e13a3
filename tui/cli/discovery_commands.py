"""Subcommands of the discovery layer: related, trends, compare; and what search adds for it.

    paperbrowse related ID [--limit N] [--format text|jsonl]
    paperbrowse trends TERM ... [--by month|week] [--format text|json]
    paperbrowse compare ID ID ... [--format markdown|csv|text]

The similarity index is built on the first command that needs it (forked
workers: nothing else runs in this process) and cached in the data dir.
A bad id or an empty archive is a usage error (exit 2, one line); a term
with no matches prints "no results" on stderr and exits 0.
"""

from __future__ import annotations

import argparse
import shutil
import sys
from collections.abc import Sequence
from typing import TYPE_CHECKING

import orjson

from tui.cli.common import UsageError, arxiv_id_arg, open_library, say, warn
from tui.digest.cite import MetaLookup
from tui.store import Library, Store

if TYPE_CHECKING:
    from tui.digest.model import Paper
    from tui.discovery.engine import Discovery
    from tui.discovery.foryou import ForYou
    from tui.store.query import Query
    from tui.store.search import StateView

COMPARE_FORMATS = ("markdown", "csv", "text")
CHART_HEIGHT = 3


def add_parsers(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add `related`, `trends` and `compare` to the subcommands."""
    related = commands.add_parser("related", help="the papers most similar to one paper")
    related.add_argument("id", metavar="ID", help="arXiv id or arXiv/Hugging Face URL")
    related.add_argument("--limit", type=int, default=10, metavar="N", help="at most N papers (default 10)")
    related.add_argument("--format", choices=("text", "jsonl"), default="text")

    trends = commands.add_parser("trends", help="papers per month (or week) that mention each term")
    trends.add_argument("terms", nargs="+", metavar="TERM", help="a word or phrase (several words: a phrase)")
    trends.add_argument("--by", choices=("month", "week"), default="month")
    trends.add_argument("--format", choices=("text", "json"), default="text")

    compare = commands.add_parser("compare", help="papers side by side, a row per summary section")
    compare.add_argument("ids", nargs="+", metavar="ID", help="two or more arXiv ids or links")
    compare.add_argument("--format", choices=COMPARE_FORMATS, default="markdown")


def _library(store: Store) -> Library:
    library = open_library(store, (), remember=False, quiet=True)
    if not len(library):
        raise UsageError("no papers in your digests yet: run `paperbrowse import PATH` or `paperbrowse sync`")
    return library


def ready_discovery(library: Library) -> Discovery:
    """The library's discovery index, built now (with a progress bar on a terminal) if need be."""
    from tui.progress import import_progress

    discovery = library.discovery
    if not discovery.load():
        with import_progress(label="Indexing papers (once)") as progress:
            discovery.prepare(progress=progress)
    for message in discovery.warnings:
        warn(message)
    return discovery


def _index_of(library: Library, text: str) -> int:
    arxiv_id = arxiv_id_arg(text)
    found = library.indices_by_key.get(arxiv_id)
    if not found:
        raise UsageError(f"{arxiv_id} is not in your digests")
    return found[0]


def cmd_related(args: argparse.Namespace, store: Store) -> int:
    """Print the papers most similar to ID, most similar first."""
    if args.limit < 1:
        raise UsageError("--limit must be at least 1")
    library = _library(store)
    index = _index_of(library, args.id)
    neighbours = ready_discovery(library).related(index, args.limit)
    state = store.state.snapshot
    if args.format == "jsonl":
        from tui.digest.export import iter_jsonl, without_controls

        for neighbour, line in zip(
            neighbours, iter_jsonl(without_controls(library.paper(n.index)) for n in neighbours), strict=True
        ):
            record = orjson.loads(line)
            record["score"] = round(neighbour.score, 4)
            sys.stdout.write(orjson.dumps(record).decode() + "\n")
    else:
        for neighbour in neighbours:
            key = library.key(neighbour.index)
            marks = ("★" if key in state.starred else " ") + ("●" if key not in state.read else " ")
            arxiv_id = library.record(neighbour.index)["i"] or "-"
            say(
                f"{neighbour.score:.2f}  {library.date(neighbour.index)}  {arxiv_id:<11} {marks} "
                f"{library.title(neighbour.index)}"
            )
    if not neighbours:
        print("no results", file=sys.stderr)
    return 0


def cmd_trends(args: argparse.Namespace, store: Store) -> int:
    """Papers per period for each TERM, as a chart (text) or counts (json, one object per line)."""
    from tui.discovery.trends import trend
    from tui.store.query import QueryError

    library = _library(store)
    state = store.state.snapshot
    for term in args.terms:
        if not term.strip():
            raise UsageError("an empty TERM finds nothing; give a word or a phrase")
        try:
            found = trend(library, term, state, args.by)
        except QueryError as error:
            raise UsageError(f"bad term {term!r}: {error}") from None
        if args.format == "json":
            sys.stdout.write(orjson.dumps({"term": term, "counts": found.counts}).decode() + "\n")
        else:
            _print_chart(term, found.counts, args.by)
        if not found.total:
            print(f"no results for {term!r}", file=sys.stderr)
    return 0


def _print_chart(term: str, counts: dict[str, int], by: str) -> None:
    from tui.discovery.charts import axis, bar_rows

    periods = list(counts)
    width = max(20, shutil.get_terminal_size((100, 24)).columns - 2)
    if len(periods) > width:  # the newest periods that fit
        periods = periods[-width:]
    values = [counts[p] for p in periods]
    total = sum(counts.values())
    peak = max(values, default=0)
    best = periods[values.index(peak)] if peak else "-"
    column = max(1, min(4, width // max(1, len(periods))))  # few periods: wider bars
    say(f"{term}: {total:,} paper{'s' if total != 1 else ''}, by {by}; most in {best} ({peak})")
    for row in bar_rows(values, CHART_HEIGHT, column=column):
        say("  " + row.rstrip())
    say("  " + axis(periods, len(periods) * column - (1 if column > 1 else 0)))


def cmd_compare(args: argparse.Namespace, store: Store) -> int:
    """Print papers side by side, a row per summary section."""
    from tui.discovery.compare import comparison, render

    if len(args.ids) < 2:
        raise UsageError("compare needs at least two ids")
    library = _library(store)
    indices = list(dict.fromkeys(_index_of(library, text) for text in args.ids))
    if len(indices) < 2:
        raise UsageError("compare needs at least two different papers")
    table = comparison(library.papers(indices))
    width = shutil.get_terminal_size((120, 24)).columns
    sys.stdout.write(render(table, args.format, width))
    return 0


# -- what `paperbrowse search` adds for related: and order:foryou ------------------------------


def search_notes(library: Library, query: Query, state: StateView) -> ForYou | None:
    """Warn about what a discovery query cannot do here; the for-you model when it ranks.

    Builds the discovery index first (with a progress bar) when the query needs it.
    """
    from tui.store.search import SECTION_KINDS_SEARCHED

    scoped = any(t.field in SECTION_KINDS_SEARCHED for t in query.terms)
    if query.order and query.related is None and not scoped:
        model = library.discovery.for_you(state)  # with too few stars it needs no index: say so now
        if not model.ready:
            warn(f"{model.message}; showing the usual order")
            return None
    if query.related is not None or query.order or scoped:
        ready_discovery(library)
    if query.related is not None and query.related not in library.indices_by_key:
        warn(f"related:{query.related}: that paper is not in your digests")
    if query.order != "foryou":
        return None
    if query.related is not None:
        warn("order:foryou is ignored with related: (neighbours come most similar first)")
        return None
    model = library.discovery.for_you(state)
    if not model.ready:
        warn(f"{model.message}; showing the usual order")
        return None
    return model


def search_records(
    papers: Sequence[Paper],
    reasons: Sequence[tuple[str, ...]],
    model: ForYou | None,
    meta: MetaLookup | None = None,
) -> str:
    """JSONL of `papers` as `export` writes them (with `meta`), plus `"reasons"` when ranked for you."""
    from tui.digest.export import to_jsonl

    text = to_jsonl(papers, meta)
    if model is None:
        return text
    lines = []
    for line, why in zip(text.splitlines(), reasons, strict=True):
        record = orjson.loads(line)
        record["reasons"] = list(why)
        lines.append(orjson.dumps(record).decode() + "\n")
    return "".join(lines)


def reasons_of(model: ForYou | None, indices: Sequence[int]) -> list[tuple[str, ...]]:
    """Each paper's "because" terms (empty without a model)."""
    return [model.reasons(i) if model is not None else () for i in indices]
