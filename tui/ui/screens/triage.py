"""Triage: the list on screen one paper at a time, full width, decided with one key each.

Star it, mark it read and move on, skip it, tag it, go back, undo; `q` ends
with what was done ("12 read, 3 starred, 2 tagged, 4 skipped").  Every
decision is a mark like any other, written as it is made, so closing the
terminal mid-way loses nothing.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import ClassVar, Literal

from rich.console import Group, RenderableType
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Footer, Static

from tui.digest.model import SECTION_HEADINGS
from tui.digest.text import strip_controls
from tui.ui.reading import Reading

SHOWN_SECTIONS = ("tldr", "objective", "results", "implications")


@dataclass(frozen=True, slots=True)
class Decision:
    """One thing done in triage, so that `u` can take it back."""

    kind: Literal["read", "star", "tag", "skip"]
    index: int
    position: int  # where the triage was when it was done
    tags_before: frozenset[str] = frozenset()
    changed: bool = True  # False: "read" on a paper that already was (nothing to undo)


@dataclass(frozen=True, slots=True)
class TriageDone:
    """What triage did (`summary`, for the status line) and the paper it ended on."""

    summary: str
    last: int


class TriageScreen(Screen[TriageDone]):
    """One paper at a time; returns what was done and where it ended."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("r,enter,space", "read_next", "Read, next", id="triage.read"),
        Binding("s", "star", "Star", id="triage.star"),
        Binding("n,right,j", "skip", "Skip", id="triage.skip"),
        Binding("p,left,k", "back", "Back", id="triage.back"),
        Binding("t", "tag", "Tag", id="triage.tag"),
        Binding("u", "undo", "Undo", id="triage.undo"),
        Binding("q,escape", "finish", "Done", id="triage.done"),
    ]

    DEFAULT_CSS = """
    TriageScreen { layout: vertical; }
    TriageScreen #triage-head { height: 1; padding: 0 2; background: $panel; color: $text-muted; }
    TriageScreen VerticalScroll { padding: 1 4; }
    """

    def __init__(self, reading: Reading, papers: Sequence[int], start: int = 0) -> None:
        super().__init__()
        self.reading = reading
        self.papers = list(papers)
        self.position = start
        self.decisions: list[Decision] = []

    def compose(self) -> ComposeResult:
        """A header line, the paper, the keys."""
        yield Static("", id="triage-head")
        with VerticalScroll():
            yield Static("", id="triage-paper")
        yield Footer()

    def on_mount(self) -> None:
        """Show the first paper."""
        self._show()

    @property
    def current(self) -> int:
        """The library index being decided."""
        return self.papers[self.position]

    def counts(self) -> str:
        """What triage did so far: "12 read, 3 starred, 2 tagged, 4 skipped"."""
        done = {
            kind: len({d.index for d in self.decisions if d.kind == kind})
            for kind in ("read", "star", "tag", "skip")
        }
        return f"{done['read']} read, {done['star']} starred, {done['tag']} tagged, {done['skip']} skipped"

    def summary(self) -> str:
        """What triage did, as a sentence for the status line."""
        return f"Triage: {self.counts()}."

    def _show(self) -> None:
        reading, index = self.reading, self.current
        marks = "  ".join(
            mark
            for mark, on in (
                ("★ starred", reading.is_starred(index)),
                ("● unread", not reading.is_read(index)),
            )
            if on
        )
        head = " · ".join(
            part
            for part in (
                f"Triage {self.position + 1} of {len(self.papers)}",
                marks,
                f"so far {self.counts()}",
            )
            if part
        )
        self.query_one("#triage-head", Static).update(Text(head, no_wrap=True, overflow="ellipsis"))
        self.query_one("#triage-paper", Static).update(self._paper_view(index))
        self.query_one(VerticalScroll).scroll_home(animate=False)

    def _paper_view(self, index: int) -> RenderableType:
        paper = self.reading.library.paper(index)
        parts: list[RenderableType] = [Text(strip_controls(paper.title), style="bold")]
        details = [paper.date, f"arXiv {paper.arxiv_id}" if paper.arxiv_id else "no arXiv id"]
        if paper.authors:
            details.insert(0, strip_controls(", ".join(paper.authors)))
        parts.append(Text(" · ".join(details), style="dim"))
        tags = sorted(self.reading.tags(index), key=str.casefold)
        if tags:
            parts.append(Text(" ".join(f"#{strip_controls(t)}" for t in tags)))
        shown = [s for s in paper.sections if s.kind in SHOWN_SECTIONS] or list(paper.sections)
        for section in shown:
            parts += [
                Text(""),
                Text(SECTION_HEADINGS[section.kind], style="bold"),
                Text(strip_controls(section.text)),
            ]
        if not paper.sections and paper.summary:
            parts += [Text(""), Text(strip_controls(paper.summary))]
        return Group(*parts)

    def _done(self) -> TriageDone:
        return TriageDone(self.summary(), self.current)

    def _advance(self) -> None:
        if self.position + 1 >= len(self.papers):
            self.dismiss(self._done())
            return
        self.position += 1
        self._show()

    def action_read_next(self) -> None:
        """Mark the paper read and go on to the next."""
        index = self.current
        already = self.reading.is_read(index)
        if not already:
            self.reading.set_read([index], True, description="marking the paper read in triage")
        self.decisions.append(Decision("read", index, self.position, changed=not already))
        self._advance()

    def action_star(self) -> None:
        """Star or unstar the paper (and stay on it)."""
        index = self.current
        self.reading.toggle_star(index)
        self.decisions.append(Decision("star", index, self.position))
        self._show()

    def action_skip(self) -> None:
        """Go on without marking it."""
        self.decisions.append(Decision("skip", self.current, self.position))
        self._advance()

    def action_back(self) -> None:
        """The previous paper."""
        if self.position:
            self.position -= 1
            self._show()

    def action_tag(self) -> None:
        """Tag the paper."""
        from tui.ui.screens.tags import TagScreen

        index = self.current
        before = frozenset(self.reading.tags(index))

        def done(tags: list[str] | None) -> None:
            if tags is None:
                return
            self.reading.set_tags([index], tags, [t for t in before if t not in tags])
            self.decisions.append(Decision("tag", index, self.position, before))
            self._show()

        in_use = list(self.reading.user.snapshot.tag_counts())
        self.app.push_screen(
            TagScreen(self.reading.library.title(index), sorted(before), in_use, adding_to_many=False), done
        )

    def action_undo(self) -> None:
        """Take back the last decision and return to its paper."""
        if not self.decisions:
            return
        decision = self.decisions.pop()
        if decision.kind in ("read", "star") and decision.changed:
            self.reading.undo()
        elif decision.kind == "tag":
            now = self.reading.tags(decision.index)
            self.reading.set_tags(
                [decision.index],
                sorted(decision.tags_before),
                [t for t in now if t not in decision.tags_before],
            )
        self.position = decision.position
        self._show()

    def action_finish(self) -> None:
        """End triage, returning what was done and the paper it ended on."""
        self.dismiss(self._done())
