"""Subcommands over the library: export, import, search, star and unstar."""

from __future__ import annotations

import argparse
import sys

from tui.cli.common import UsageError, arxiv_id_arg, open_library, parse_query_arg, say, warn
from tui.store import Store
from tui.store.state import StarInfo
from tui.words import counted


def warn_about_metadata(store: Store) -> None:
    """Say once if metadata.json was damaged (only when something read it)."""
    if "metadata" in vars(store):  # never made: nothing read it, nothing to say
        for message in store.metadata.warnings:
            warn(message)


def cmd_export(args: argparse.Namespace, store: Store) -> int:
    """Write the selected papers to stdout in the chosen format."""
    from tui.digest.dates import valid_date
    from tui.digest.export import USES_METADATA, render_iter
    from tui.store.periods import check_month, check_week, period_label

    if args.date and not valid_date(args.date):
        raise UsageError(f"--date {args.date!r} is not a date (YYYY-MM-DD)")
    try:
        week = check_week(args.week) if args.week else None
        month = check_month(args.month) if args.month else None
    except ValueError as error:
        raise UsageError(str(error)) from None
    query = parse_query_arg(args.query) if args.query else None
    library = open_library(store, args.paths, remember=False, quiet=True)
    if not len(library) and not args.paths and not store.remembered_sources():
        raise UsageError("no digests to export: give a PATH, or run `paperbrowse import PATH` first")
    state = store.state.snapshot
    if query is not None:
        indices = library.search(query, store.state.snapshot)
        indices.sort()  # export keeps archive order: newest day first, table order
    else:
        indices = list(range(len(library)))
    if args.date:
        indices = [i for i in indices if library.date(i) == args.date]
    if week:
        indices = [i for i in indices if period_label(library.date(i), "week") == week]
    if month:
        indices = [i for i in indices if library.date(i)[:7] == month]
    if args.starred:
        indices = [i for i in indices if library.key(i) in state.stars]
    from tui.store.bulk import iter_papers

    write = sys.stdout.write
    meta = store.metadata.lookup if args.format in USES_METADATA else None
    for chunk in render_iter(iter_papers(library, indices), args.format, meta):
        write(chunk)
    warn_about_metadata(store)
    return 0


def cmd_import(args: argparse.Namespace, store: Store) -> int:
    """Read digests into the cache, remember them, and summarise."""
    library = open_library(store, args.paths, remember=True)
    days = len(library.days)
    empty = sum(1 for day in library.days if not day.count)
    problems = len(library.problems)
    note = f", {empty} without papers" if empty else ""
    sources = counted(len(store.remembered_sources()), "source")
    say(
        f"{counted(days, 'day')}{note}, {counted(len(library), 'paper')} from {sources}; "
        f"{counted(problems, 'warning')}. Data in {store.data_dir}"
    )
    return 0


def cmd_search(args: argparse.Namespace, store: Store) -> int:
    """Print papers matching QUERY across every remembered digest."""
    from tui.cli.discovery_commands import reasons_of, search_notes, search_records

    if not args.query.strip():
        raise UsageError(
            "an empty query; give words or filters, e.g. paperbrowse search 'title:agent is:unread'"
        )
    query = parse_query_arg(args.query)
    library = open_library(store, (), remember=False, quiet=True)
    state = store.state.snapshot
    model = search_notes(library, query, state)  # related: and order:foryou
    hits = library.search(query, state)
    found = len(hits)
    if args.limit:
        hits = hits[: args.limit]
    papers = library.papers(hits)
    reasons = reasons_of(model, hits)
    if args.format == "jsonl":
        sys.stdout.write(search_records(papers, reasons, model, store.metadata.lookup))
    else:
        for paper, why in zip(papers, reasons, strict=True):
            authors = ", ".join(paper.authors[:3]) + (" et al." if len(paper.authors) > 3 else "")
            say(
                f"{paper.date}  {paper.arxiv_id or '-':<11}  {paper.title}"
                + (f"  ({authors})" if authors else "")
                + (f"  — because: {', '.join(why)}" if why else "")
            )
    if not papers:
        print("no results", file=sys.stderr)
    elif len(papers) < found:  # on stderr: a script reading stdout gets only results
        say(f"{len(papers)} of {counted(found, 'result')} shown; --limit 0 shows all", sys.stderr)
    warn_about_metadata(store)
    return 0


def _set_star(args: argparse.Namespace, store: Store, starred: bool) -> int:
    ids = list(dict.fromkeys(arxiv_id_arg(text) for text in args.ids))  # each paper once
    library = open_library(store, (), remember=False, quiet=True)
    stars = store.state.snapshot.stars
    infos = []
    for arxiv_id in ids:
        if (arxiv_id in stars) == starred:
            continue  # already as asked: nothing to change, nothing to count
        found = library.indices_by_key.get(arxiv_id)
        if found:
            infos.append(StarInfo(arxiv_id, library.date(found[0]), library.title(found[0])))
        else:
            if starred:
                warn(f"{arxiv_id} is not in your digests; starred anyway")
            infos.append(StarInfo(arxiv_id, "", ""))
    if infos:
        store.state.set_starred(infos, starred)
    verb = "starred" if starred else "unstarred"
    unchanged = len(ids) - len(infos)
    were = "was" if unchanged == 1 else "were"
    aside = f" ({unchanged} {were} {'already starred' if starred else 'not starred'})" if unchanged else ""
    total = len(store.state.snapshot.stars)
    say(f"{verb} {counted(len(infos), 'paper')}{aside}; {total} starred in all")
    return 0


def cmd_star(args: argparse.Namespace, store: Store) -> int:
    """Star papers by arXiv id."""
    return _set_star(args, store, True)


def cmd_unstar(args: argparse.Namespace, store: Store) -> int:
    """Remove stars by arXiv id."""
    return _set_star(args, store, False)
