"""Key handlers for the user's marks: star, read, notes, filters, undo.

Every change goes through `Reading` (which writes state.json under its lock)
and then redraws the marks on screen.
"""

from __future__ import annotations

from tui.ui.base import BrowserBase


class Marking(BrowserBase):
    """`s`, `r`, `n`/`N`, `e`, `f`, `A` and `u`."""

    def action_star(self) -> None:
        """`s`: star or unstar the paper."""
        if self.current is None:
            return
        starred = self.reading.toggle_star(self.current)
        self._refresh_marks()
        self.notify("Starred." if starred else "Star removed.", timeout=2)

    def action_toggle_read(self) -> None:
        """`r`: mark the paper read or unread."""
        if self.current is None:
            return
        index = self.current
        if self._read_timer is not None:
            self._read_timer.stop()  # an explicit choice beats the automatic mark
        read = self.reading.toggle_read(index)
        self._refresh_marks()
        self.notify("Marked read." if read else "Marked unread.", timeout=2)

    def _unread_step(self, direction: int) -> None:
        here = self.current
        if self.mode == "search":
            rows = self.paper_list.indices
            start = self.paper_list.cursor + direction
            order = range(start, len(rows)) if direction > 0 else range(start, -1, -1)
            for row in order:
                if not self.reading.is_read(rows[row]):
                    self.paper_list.cursor = row
                    return
            self.notify("No more unread results that way.", timeout=3)
            return
        origin = here if here is not None else self.library.days[self.day_position].start - direction
        found = self.reading.next_unread(origin, direction)
        if found is None:
            self.notify("No more unread papers that way.", timeout=3)
        else:
            self._jump_to(found)

    def action_next_unread(self) -> None:
        """`n`: the next unread paper, crossing days."""
        self._unread_step(+1)

    def action_previous_unread(self) -> None:
        """`N`: the previous unread paper, crossing days."""
        self._unread_step(-1)

    def action_mark_day_read(self) -> None:
        """`A`: mark every paper of the day (or the results) read, after asking."""
        indices = list(self.paper_list.indices)
        unread = [i for i in indices if not self.reading.is_read(i)]
        if not unread:
            self.notify("Everything here is already read.", timeout=3)
            return
        where = "these results" if self.mode == "search" else self.library.days[self.day_position].date

        def answer(confirmed: bool | None) -> None:
            if confirmed:
                self.reading.set_read(unread, True, description=f"marked {len(unread)} read")
                self._refresh_marks()
                self.notify(f"Marked {len(unread)} paper(s) read. Press u to undo.", timeout=4)

        from tui.ui.screens.confirm import ConfirmScreen

        self.push_screen(ConfirmScreen(f"Mark {len(unread)} unread paper(s) of {where} as read?"), answer)

    def action_undo(self) -> None:
        """`u`: undo the last read or star change."""
        change = self.reading.undo()
        if change is None:
            self.notify("Nothing to undo.", timeout=2)
            return
        self._refresh_marks()
        self.notify(f"Undone: {change.description}.", timeout=3)

    def action_edit_note(self) -> None:
        """`e`: write a note on the paper (saved on close, escape cancels)."""
        if self.current is None:
            return
        index = self.current
        paper = self.library.paper(index)

        def saved(text: str | None) -> None:
            if text is None:
                return
            self.reading.set_note(index, text)
            self._refresh_marks()
            self.notify("Note saved." if text.strip() else "Note removed.", timeout=2)

        from tui.ui.screens.note import NoteScreen  # TextArea is heavy: load it when needed

        self.push_screen(NoteScreen(paper.title, self.reading.note(index)), saved)

    def action_cycle_filter(self) -> None:
        """`f`: show all, unread only, or starred only."""
        here = self.current
        flt = self.reading.cycle_filter()
        if self.mode == "search":
            self._run_search(self.search_bar.value, keep=here)
        else:
            papers = self.reading.day_papers(self.day_position)
            self._show_day(self.day_position, papers.index(here) if here in papers else 0)
        self.notify(f"Showing {flt} papers.", timeout=2)
