"""Organising over the browser screen: tags, the selection, feeds, watch/hide rules, triage.

Tags, feeds and rules are written like every mark (shown at once, written in
the background under the lock).  A feed's or rule's query is the search box's
own, already checked by the query language; a tag is checked as it is typed,
and a bad one is explained in the dialog, with nothing saved.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from tui.store.state import Feed

if TYPE_CHECKING:
    from tui.ui.screens.browser import BrowserScreen


def targets(screen: BrowserScreen) -> list[int]:
    """What a mark acts on: the selection when there is one, else the paper on screen."""
    if screen.selected:
        return sorted(screen.selected)  # library order: newest day first, table order
    return [] if screen.paper is None else [screen.paper]


class Organising:
    """`t`, `v`/`V`, `F`, `W`/`H`, `h`, triage and the feeds-and-rules dialog."""

    def __init__(self, screen: BrowserScreen) -> None:
        self.screen = screen

    # -- tags and the selection ---------------------------------------------------------------

    def tag(self) -> None:
        """Ask for tags for the paper (or the selection), completing tags in use."""
        screen = self.screen
        papers = targets(screen)
        if not papers:
            screen.say("No paper selected.", warning=True)
            return
        reading = screen.reading
        current = sorted(reading.tags(papers[0]), key=str.casefold) if len(papers) == 1 else []
        in_use = list(reading.user.snapshot.tag_counts())

        def done(tags: list[str] | None) -> None:
            if tags is None:
                return
            wanted = set(tags)
            removed = [t for t in current if t not in wanted] if len(papers) == 1 else []
            reading.set_tags(papers, tags, removed)
            screen.marks_changed()
            what = f"{len(papers)} papers" if len(papers) > 1 else "the paper"
            screen.say(
                f"Tags on {what}: {', '.join(tags) or 'none'}." if tags or removed else "No tags added."
            )

        from tui.ui.screens.tags import TagScreen

        title = reading.library.title(papers[0]) if len(papers) == 1 else f"{len(papers)} selected papers"
        screen.app.push_screen(TagScreen(title, current, in_use, adding_to_many=len(papers) > 1), done)

    def toggle_selected(self) -> None:
        """Put the paper on screen in the selection, or take it out."""
        screen = self.screen
        if screen.paper is None:
            return
        if screen.paper in screen.selected:
            screen.selected.discard(screen.paper)
        else:
            screen.selected.add(screen.paper)
        screen.marks_changed()
        screen.say(f"{len(screen.selected)} selected (V clears)." if screen.selected else "Nothing selected.")

    def clear_selection(self) -> None:
        """Empty the selection."""
        screen = self.screen
        if screen.selected:
            screen.selected.clear()
            screen.marks_changed()
        screen.say("Selection cleared.")

    # -- feeds and rules -----------------------------------------------------------------------

    def _query_in_box(self) -> str | None:
        screen = self.screen
        text = screen.search_bar.value.strip() if screen.mode == "search" else ""
        if not text:
            screen.say("Search first (/): a feed or a rule is a search kept.", warning=True)
            return None
        from tui.store.query import QueryError, parse_query

        try:
            if parse_query(text).empty:
                raise QueryError("it matches every paper")
        except QueryError as error:
            screen.say(f"This search cannot be kept: {error}", warning=True)
            return None
        return text

    def save_feed(self) -> None:
        """Save the search as a feed, asking for its name (the query by default)."""
        query = self._query_in_box()
        if query is None:
            return
        screen = self.screen

        def named(name: str | None) -> None:
            if name is None:
                return
            screen.reading.user.save_feed(Feed(name, query), background=True)
            screen.reading.rules_changed()
            screen.rebuild_sidebar(keep_paper=True)
            screen.organise_in_background()
            screen.say(f"Feed {name!r} saved: it is in the sidebar, above the days.")

        from tui.ui.screens.tags import FeedNameScreen

        screen.app.push_screen(FeedNameScreen(query), named)

    def add_rule(self, kind: str) -> None:
        """Watch (mark) or hide (leave out) what the search finds, from now on."""
        query = self._query_in_box()
        if query is None:
            return
        screen = self.screen
        screen.reading.user.add_rule(kind, query, background=True)
        screen.reading.rules_changed()
        screen.organise_in_background()
        if kind == "watch":
            screen.say(f"Watching {query!r}: its papers are marked ◆ wherever they appear.")
        else:
            screen.say(
                f"Hiding {query!r} from days, feeds and counts (search still finds them; i shows them)."
            )

    def toggle_hidden(self) -> None:
        """Show the papers hide rules leave out, for the moment (or leave them out again)."""
        screen = self.screen
        screen.show_hidden = not screen.show_hidden
        if not any(rule.kind == "hide" for rule in screen.reading.user.snapshot.rules):
            screen.say("Nothing is hidden: no hide rules yet (H on a search adds one).")
        elif screen.show_hidden:
            none_here = "" if screen.hidden_count else "; none on this list"
            screen.say(f"Hidden papers are shown (marked ⊘){none_here}.")
        else:
            screen.say("Hidden papers are left out.")

    def manage(self) -> None:
        """The feeds and rules, to look at and remove."""
        screen = self.screen
        from tui.ui.screens.organise import OrganiseScreen

        def closed(changed: bool | None) -> None:
            if changed:
                screen.reading.rules_changed()
                screen.rebuild_sidebar(keep_paper=True)
                screen.organise_in_background()

        screen.app.push_screen(OrganiseScreen(screen.reading.user), closed)

    # -- triage --------------------------------------------------------------------------------

    def triage(self) -> None:
        """Go through the list on screen one paper at a time, full width."""
        screen = self.screen
        papers = list(screen.paper_list.indices)
        if not papers:
            screen.say("Nothing to triage here.")
            return
        from tui.ui.screens.triage import TriageDone, TriageScreen

        def finished(done: TriageDone | None) -> None:
            screen.marks_changed()
            if done is not None:
                if done.last in screen.paper_list.indices:  # the list goes on where triage stopped
                    screen.paper_list.cursor = screen.paper_list.indices.index(done.last)
                screen.say(done.summary)

        start = papers.index(screen.paper) if screen.paper in papers else 0
        screen.app.push_screen(TriageScreen(screen.reading, papers, start), finished)
