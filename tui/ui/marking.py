"""The user's marks, over the browser screen: star, read, unread steps, notes, filter, undo.

Every change goes through `Reading` (shown at once, written in the
background) and then bumps the screen's `marks` reactive, whose watcher
redraws the lists and the paper on screen.  Confirmations go to the status
line; nothing here covers the text being read.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from tui.ui.organising import targets
from tui.ui.reading import next_filter
from tui.words import counted

if TYPE_CHECKING:
    from tui.ui.screens.browser import BrowserScreen


class Marking:
    """Star, read, next/previous unread, mark all read, undo, notes and the filter."""

    def __init__(self, screen: BrowserScreen) -> None:
        self.screen = screen

    def star(self) -> None:
        """Star or unstar the paper on screen (the selection: all starred, unless they all were)."""
        screen = self.screen
        papers = targets(screen)
        if not papers:
            return
        reading = screen.reading
        if len(papers) == 1:
            starred = reading.toggle_star(papers[0])
            what = ""
        else:
            starred = not all(reading.is_starred(i) for i in papers)
            reading.set_starred(papers, starred)
            what = f" {len(papers)} papers"
        screen.marks_changed()
        screen.say(f"Starred{what}." if starred else f"Star removed{' from' + what if what else ''}.")

    def toggle_read(self) -> None:
        """Mark the paper (or the selection) read or unread; an explicit choice beats the timer."""
        screen = self.screen
        papers = targets(screen)
        if not papers:
            return
        screen.read_timer.stop()
        reading = screen.reading
        if len(papers) == 1:
            read = reading.toggle_read(papers[0])
            what = ""
        else:
            read = not all(reading.is_read(i) for i in papers)
            description = f"marking {counted(len(papers), 'paper')} {'read' if read else 'unread'}"
            reading.set_read(papers, read, description=description)
            what = f" {len(papers)} papers"
        screen.marks_changed()
        screen.say(f"Marked{what} read." if read else f"Marked{what} unread.")

    def step_unread(self, direction: int) -> None:
        """The next (+1) or previous (-1) unread paper: in the results or the feed, or across days."""
        screen = self.screen
        reading = screen.reading
        entry = screen.current_entry
        in_feed = entry is not None and entry.feed is not None
        if screen.mode == "search" or in_feed:  # a list of its own: n stays in it
            rows = screen.paper_list.indices
            start = screen.paper_list.cursor + direction
            order = range(start, len(rows)) if direction > 0 else range(start, -1, -1)
            for row in order:
                if not reading.is_read(rows[row]):
                    screen.paper_list.cursor = row
                    return
            screen.say(
                f"No more unread {'results' if screen.mode == 'search' else 'papers in this feed'} that way."
            )
            return
        library = reading.library
        if not library.days:
            screen.say("No papers yet.")
            return
        here = screen.paper
        start = entry.period.start if entry is not None and entry.period is not None else 0
        origin = here if here is not None else start - direction
        found = reading.next_unread(origin, direction)
        if found is None:
            screen.say("No more unread papers that way.")
        else:
            screen.navigation.jump_to(found)

    def mark_all_read(self) -> None:
        """Mark every paper of the list read, after asking."""
        screen = self.screen
        unread = [i for i in screen.paper_list.indices if not screen.reading.is_read(i)]
        if not unread:
            screen.say("Everything here is already read.")
            return
        entry = screen.current_entry
        where = "these results" if screen.mode == "search" or entry is None else entry.label

        def answer(confirmed: bool | None) -> None:
            if confirmed:
                description = f"marking {counted(len(unread), 'paper')} read"
                screen.reading.set_read(unread, True, description=description)
                screen.marks_changed()
                screen.say(f"Marked {counted(len(unread), 'paper')} read. Press u to undo.")

        from tui.ui.screens.confirm import ConfirmScreen

        screen.app.push_screen(
            ConfirmScreen(f"Mark {counted(len(unread), 'unread paper')} of {where} as read?"), answer
        )

    def undo(self) -> None:
        """Undo the last read or star change."""
        change = self.screen.reading.undo()
        if change is None:
            self.screen.say("Nothing to undo.")
            return
        self.screen.marks_changed()
        self.screen.say(f"Undid {change.description}.")

    def edit_note(self) -> None:
        """Open the note editor on the paper on screen."""
        screen = self.screen
        if screen.paper is None:
            return
        index = screen.paper
        reading = screen.reading

        def saved(text: str | None) -> None:
            if text is None:
                return
            reading.set_note(index, text)
            screen.marks_changed()
            screen.say("Note saved." if text.strip() else "Note removed.")

        from tui.ui.screens.note import NoteScreen  # TextArea is heavy: load it when needed

        screen.app.push_screen(NoteScreen(reading.library.title(index), reading.note(index)), saved)

    def edit_note_in_editor(self) -> None:
        """Edit the paper's note in `$VISUAL`/`$EDITOR`, the browser suspended meanwhile.

        The note changes only when the editor exits 0 having changed the text.
        """
        screen = self.screen
        if screen.paper is None:
            return
        from tui.digest.text import strip_controls
        from tui.ui.suspended import CannotSuspend, edit_text

        index = screen.paper
        before = screen.reading.note(index)
        try:
            edited = edit_text(screen.app, before)
        except CannotSuspend as error:
            screen.say(f"Cannot open an editor: {error}. e edits the note here.", warning=True)
            return
        if edited is None or edited.rstrip() == before.rstrip():
            screen.say("Note unchanged.")
            return
        text = strip_controls(edited).rstrip()
        screen.reading.set_note(index, text)
        screen.marks_changed()
        screen.say("Note saved." if text.strip() else "Note removed.")

    def cycle_filter(self) -> None:
        """All -> unread -> starred -> all, staying on the same paper when it is still shown."""
        screen = self.screen
        screen.filter = next_filter(screen.filter)
        screen.say(f"Showing {screen.filter} papers.")
