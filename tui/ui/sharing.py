"""Sending papers out, over the browser screen: open links, copy links and citations, export.

Copying always goes through the terminal (OSC 52: SSH, tmux, browsers) and,
in a worker, to the system clipboard where one is reachable.  Opening runs
the opener detached in a worker; when none starts, the link is shown so it
can be copied by hand.  Served as a web page, the page's own effects are
used instead: a new tab, and its clipboard through OSC 52 alone.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from tui.ui.effects import effects_for
from tui.ui.organising import targets
from tui.words import counted

if TYPE_CHECKING:
    from tui.ui.screens.browser import BrowserScreen

LABELS = {"link": "arXiv link", "markdown": "Markdown link", "bibtex": "BibTeX", "plain": "Citation"}


class Sharing:
    """`open` and `copy` for the paper on screen, `export` for the list."""

    def __init__(self, screen: BrowserScreen) -> None:
        self.screen = screen

    def open(self, which: str) -> None:
        """Open the paper's arXiv page, Hugging Face page or PDF."""
        screen = self.screen
        if screen.paper is None:
            screen.say("No paper selected.", warning=True)
            return
        links = screen.reading.library.paper(screen.paper).links
        url = {"arxiv": links.arxiv, "huggingface": links.huggingface, "pdf": links.pdf}.get(which)
        if not url:
            screen.say("This paper has no such link.", warning=True)
            return
        effects = effects_for(screen.app, screen.effects)
        terminal = effects.terminal_command(url)
        if terminal is not None:  # w3m, lynx …: it runs here, the browser waits
            from tui.ui.suspended import CannotSuspend, run_in_terminal

            try:
                run_in_terminal(screen.app, terminal)
            except CannotSuspend as error:
                screen.say(f"{error}; the link: {url}", warning=True)
            return

        def launch() -> None:
            if effects.open_url(url):
                screen.app.call_from_thread(screen.say, f"Opening {url}")
            else:
                screen.app.call_from_thread(
                    screen.app.notify,
                    f"No browser could be started. The link:\n{url}",
                    title="Open",
                    timeout=15,
                    markup=False,
                )

        screen.run_worker(launch, thread=True, group="browser")

    def copy(self, what: str) -> None:
        """Copy the arXiv link, a markdown link, the BibTeX entry (of the selection) or a citation.

        A citation built from the digest rather than arXiv's record says so.
        """
        screen = self.screen
        if screen.paper is None:
            screen.say("No paper selected.", warning=True)
            return
        from tui.digest import cite

        reading = screen.reading
        paper = reading.library.paper(screen.paper)
        papers = targets(screen)
        caveat: str | None = None
        if what == "link":
            text = paper.links.arxiv or paper.links.huggingface or ""
        elif what == "markdown":
            text = cite.markdown_link(paper)
        elif what == "bibtex" and len(papers) > 1:  # the selection: every entry, keys unique
            from tui.digest.export import render

            metadata = reading.metadata if reading.meta_ready else None
            text = render(reading.library.papers(papers), "bibtex", metadata.lookup if metadata else None)
        else:
            citation = cite.citation(
                paper, reading.meta(screen.paper), "bibtex" if what == "bibtex" else "plain"
            )
            text, caveat = citation.text, citation.caveat
        if not text:
            screen.say("This paper has no link to copy.", warning=True)
            return
        screen.app.copy_to_clipboard(text)  # OSC 52: SSH, tmux, browsers
        effects = effects_for(screen.app, screen.effects)
        screen.run_worker(lambda: effects.copy(text), thread=True, group="clipboard")
        if what == "bibtex" and len(papers) > 1:
            screen.say(f"BibTeX of {len(papers)} selected papers copied.")
        elif what == "markdown" and not (paper.links.arxiv or paper.links.huggingface):
            screen.say("This paper has no link: only its title was copied.", warning=True)
        elif caveat:
            screen.say(f"{LABELS[what]} copied; {caveat}.", warning=True)
        else:
            screen.say(f"{LABELS[what]} copied: {text.splitlines()[0][:70]}")

    def export(self) -> None:
        """Export the list on screen, in its order, to a file the user names."""
        screen = self.screen
        indices = sorted(screen.selected) if screen.selected else list(screen.paper_list.indices)
        if not indices:
            screen.say("Nothing to export here.")
            return
        entry = screen.current_entry
        if screen.selected:
            stem = "paperbrowse-selection"
        elif screen.mode == "search" or entry is None:
            stem = "paperbrowse-search"
        else:
            stem = "paperbrowse-" + "".join(c if c.isalnum() or c in "-_" else "-" for c in entry.label)
        from tui.ui.screens.export import Exported, ExportScreen

        def done(result: Exported | None) -> None:
            if result is not None:
                screen.say(f"Wrote {counted(result.count, 'paper')} to {result.path}")

        metadata = screen.reading.metadata if screen.reading.meta_ready else None
        lookup = metadata.lookup if metadata is not None else None
        screen.app.push_screen(ExportScreen(screen.library, indices, stem, meta=lookup), done)
