"""The floor for start-up: a bare Textual app that shows one line."""

from textual.app import App, ComposeResult
from textual.widgets import Static


class Bare(App[None]):
    def compose(self) -> ComposeResult:
        yield Static("paperbrowse bare app")


if __name__ == "__main__":
    Bare().run()
