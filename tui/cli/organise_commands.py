"""Subcommands that organise: tags, feeds (saved searches) and watch/hide rules.

paperbrowse tag ID TAG...            paperbrowse untag ID TAG...       paperbrowse tags
paperbrowse feeds                    paperbrowse feed add NAME QUERY   paperbrowse feed remove NAME
paperbrowse watch QUERY              paperbrowse hide QUERY
paperbrowse rules                    paperbrowse rules remove ID
"""

from __future__ import annotations

import argparse

from tui.cli.common import (
    QUERY_AFTER_DASHES,
    UsageError,
    arxiv_id_arg,
    open_library,
    parse_query_arg,
    say,
    warn,
)
from tui.store import Store
from tui.store.organise import BadName, clean_name
from tui.store.state import Feed
from tui.words import counted


def add_parsers(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """The organising subcommands, on the main parser's subcommands."""
    for name, verb in (("tag", "add tags to"), ("untag", "remove tags from")):
        tag = commands.add_parser(name, help=f"{verb} a paper")
        tag.add_argument("id", metavar="ID", help="arXiv id or arXiv/Hugging Face URL")
        tag.add_argument("tags", nargs="+", metavar="TAG")
    commands.add_parser("tags", help="every tag in use, with how many papers carry it")
    commands.add_parser("feeds", help="your feeds (saved searches) with unread and total counts")
    feed = commands.add_parser("feed", help="add or remove a feed")
    feed_actions = feed.add_subparsers(dest="feed_action", metavar="ACTION", required=True)
    add = feed_actions.add_parser("add", help="save QUERY as the feed NAME")
    add.add_argument("name", metavar="NAME")
    add.add_argument("query", metavar="QUERY", help=QUERY_AFTER_DASHES.replace("search", "feed add NAME"))
    remove = feed_actions.add_parser("remove", help="forget the feed NAME")
    remove.add_argument("name", metavar="NAME")
    for name, what in (
        ("watch", "highlight papers matching QUERY"),
        ("hide", "leave papers matching QUERY out"),
    ):
        rule = commands.add_parser(name, help=what)
        rule.add_argument("query", metavar="QUERY", help=QUERY_AFTER_DASHES.replace("search", name))
    rules = commands.add_parser("rules", help="your watch and hide rules, with their ids")
    rules_actions = rules.add_subparsers(dest="rules_action", metavar="ACTION")
    drop = rules_actions.add_parser("remove", help="remove rules by id")
    drop.add_argument("ids", nargs="+", type=int, metavar="ID")


def _tags_arg(names: list[str]) -> list[str]:
    try:
        return list(dict.fromkeys(clean_name(name) for name in names))
    except BadName as error:
        raise UsageError(str(error)) from None


def _set_tags(args: argparse.Namespace, store: Store, add: bool) -> int:
    key = arxiv_id_arg(args.id)
    tags = _tags_arg(args.tags)
    library = open_library(store, (), remember=False, quiet=True)
    if key not in library.indices_by_key and add:
        warn(f"{key} is not in your digests; tagged anyway")
    if not add:
        had = store.state.snapshot.tags.get(key, set())
        for missing in (tag for tag in tags if tag not in had):
            warn(f"{key} has no tag {missing!r}")
    store.state.set_tags([key], tags, add)
    now = sorted(store.state.snapshot.tags.get(key, set()), key=str.casefold)
    say(f"{key}: {', '.join(now) if now else 'no tags'}")
    return 0


def cmd_tag(args: argparse.Namespace, store: Store) -> int:
    """Add tags to a paper."""
    return _set_tags(args, store, True)


def cmd_untag(args: argparse.Namespace, store: Store) -> int:
    """Remove tags from a paper (removing its last tag leaves it untagged)."""
    return _set_tags(args, store, False)


def cmd_tags(args: argparse.Namespace, store: Store) -> int:
    """Print each tag in use with its count."""
    counts = store.state.load().tag_counts()
    for name, count in counts.items():
        say(f"{count:>5}  {name}")
    if not counts:
        say("no tags yet: `paperbrowse tag ID TAG`, or t in the browser")
    return 0


def cmd_feeds(args: argparse.Namespace, store: Store) -> int:
    """Print each feed: name, query, unread and total."""
    from tui.store.organiser import Organiser

    library = open_library(store, (), remember=False, quiet=True)
    feeds = store.state.snapshot.feeds
    organiser = Organiser(library, store.state)
    organiser.compute()
    for feed in feeds:
        unread, total = organiser.feed_counts(feed) or (0, 0)
        say(f"{feed.name}\t{feed.query}\t{unread} unread\t{total} in all")
    if not feeds:
        say("no feeds yet: `paperbrowse feed add NAME QUERY`, or F on a search in the browser")
    return 0


def cmd_feed(args: argparse.Namespace, store: Store) -> int:
    """Add (`feed add NAME QUERY`) or remove (`feed remove NAME`) a feed."""
    try:
        name = clean_name(args.name, "feed")
    except BadName as error:
        raise UsageError(str(error)) from None
    state = store.state
    state.load()
    if args.feed_action == "add":
        query = parse_query_arg(args.query)
        old = next((feed.query for feed in state.snapshot.feeds if feed.name == name), None)
        state.save_feed(Feed(name, query.text))
        if old is None:
            say(f"feed {name!r} saved: {query.text}")
        else:
            say(f"feed {name!r} replaced: {query.text} (was: {old})")
        return 0
    if name not in {feed.name for feed in state.snapshot.feeds}:
        raise UsageError(f"there is no feed {name!r} (`paperbrowse feeds` lists them)")
    state.remove_feeds([name])
    say(f"feed {name!r} removed")
    return 0


def _add_rule(args: argparse.Namespace, store: Store, kind: str) -> int:
    query = parse_query_arg(args.query)
    if query.empty:
        raise UsageError(f"a {kind} rule needs a query that picks some papers out")
    store.state.load()
    store.state.add_rule(kind, query.text)
    rule = next(r for r in store.state.snapshot.rules if (r.kind, r.query) == (kind, query.text))
    say(f"rule {rule.id}: {kind} {query.text}")
    return 0


def cmd_watch(args: argparse.Namespace, store: Store) -> int:
    """Add a watch rule: its matches are marked wherever they appear."""
    return _add_rule(args, store, "watch")


def cmd_hide(args: argparse.Namespace, store: Store) -> int:
    """Add a hide rule: its matches are left out of day lists, feeds and counts."""
    return _add_rule(args, store, "hide")


def cmd_rules(args: argparse.Namespace, store: Store) -> int:
    """List the rules with their ids, or remove some (`rules remove ID...`)."""
    state = store.state
    rules = state.load().rules
    if args.rules_action == "remove":
        unknown = sorted(set(args.ids) - {rule.id for rule in rules})
        if unknown:
            raise UsageError(
                f"no rule with id {', '.join(map(str, unknown))} (`paperbrowse rules` lists them)"
            )
        state.remove_rules(args.ids)
        say(f"removed {counted(len(args.ids), 'rule')}")
        return 0
    for rule in rules:
        say(f"{rule.id:>3}  {rule.kind:<5}  {rule.query}")
    if not rules:
        say("no rules yet: `paperbrowse watch QUERY` or `paperbrowse hide QUERY`")
    return 0


HANDLERS = {
    "tag": cmd_tag,
    "untag": cmd_untag,
    "tags": cmd_tags,
    "feeds": cmd_feeds,
    "feed": cmd_feed,
    "watch": cmd_watch,
    "hide": cmd_hide,
    "rules": cmd_rules,
}
