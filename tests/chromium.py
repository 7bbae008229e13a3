"""A real headless Chromium (Debian's `chromium`) driven by Playwright, reading the terminal on the page.

textual-serve's page draws the app with xterm.js on a WebGL (or canvas)
renderer, so the screen's text is in no DOM element: it is read from the
xterm.js `Terminal` itself (`buffer.active.getLine(y).translateToString()`).
The page keeps that object in a closure; every xterm.js addon is handed it
in `activate(terminal)` and stores it as `this._terminal`, so a setter for
`_terminal` on `Object.prototype`, installed before the page's scripts
run, catches it and leaves it at `window.__paperbrowseTerminal`.

Nothing leaves this machine: the page may load what 127.0.0.1 serves, a
tab opened on arXiv or Hugging Face gets a stand-in page (and is recorded),
and everything else (the page's web font) is refused.
"""

from __future__ import annotations

import shutil
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from playwright.sync_api import BrowserContext, Page, Route

# Without the background-networking flags Chromium's own connections are refused on a closed network.
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
VIEWPORT = {"width": 1400, "height": 900}

TERMINAL_HOOK = """
(() => {
  Object.defineProperty(Object.prototype, "_terminal", {
    configurable: true,
    get() { return undefined; },
    set(value) {
      Object.defineProperty(this, "_terminal", {value, writable: true, configurable: true, enumerable: true});
      if (value && value.buffer && value.buffer.active && !window.__paperbrowseTerminal) {
        window.__paperbrowseTerminal = value;
      }
    },
  });
})();
"""

SCREEN_TEXT = """
() => {
  const terminal = window.__paperbrowseTerminal;
  if (!terminal) return null;
  const buffer = terminal.buffer.active;
  const rows = [];
  for (let y = 0; y < terminal.rows; y++) {
    const line = buffer.getLine(buffer.viewportY + y);
    rows.push(line ? line.translateToString(true) : "");
  }
  return rows.join("\\n");
}
"""


def chromium_path() -> str | None:
    """Debian's `chromium` (or Ubuntu's `chromium-browser`), if installed."""
    return shutil.which("chromium") or shutil.which("chromium-browser")


def missing() -> str | None:
    """Why the browser tests cannot run here, or None when they can."""
    if chromium_path() is None:
        return "chromium is not installed (Debian: apt-get install chromium; .ci/run installs it)"
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "playwright is not installed (pip install -e '.[test]')"
    return None


@dataclass
class Browser:
    """One Chromium profile, with the tabs the app opened recorded."""

    context: BrowserContext
    opened: list[str] = field(default_factory=list)

    def route(self, route: Route) -> None:
        """Let 127.0.0.1 through, answer arXiv and Hugging Face with a stand-in, refuse the rest."""
        url = route.request.url
        if url.startswith(("http://127.0.0.1:", "http://localhost:")):
            route.continue_()
        elif url.startswith(("https://arxiv.org/", "https://huggingface.co/")):
            self.opened.append(url)
            route.fulfill(status=200, content_type="text/html", body="<title>stand-in</title>opened")
        else:
            route.abort()


@contextmanager
def chromium(profile: Path) -> Iterator[Browser]:
    """Headless Chromium on a fresh profile in `profile`; closed after, whatever happened."""
    from playwright.sync_api import sync_playwright

    executable = chromium_path()
    assert executable is not None, missing()
    with sync_playwright() as playwright:
        # A persistent context: Chromium runs on a profile of our own, not one Playwright makes.
        context = playwright.chromium.launch_persistent_context(
            str(profile),
            executable_path=executable,
            headless=True,
            args=CHROMIUM_ARGS,
            viewport=VIEWPORT,  # type: ignore[arg-type]
            timeout=30_000,
        )
        try:
            browser = Browser(context)
            context.set_default_timeout(15_000)
            context.route("**/*", browser.route)
            context.add_init_script(TERMINAL_HOOK)
            yield browser
        finally:
            context.close()


@dataclass
class Terminal:
    """The page's terminal: its text, and keys typed into it."""

    page: Page

    def screen(self) -> str:
        """The text on screen now, row by row ("" before the page has a terminal)."""
        text = self.page.evaluate(SCREEN_TEXT)
        return text if isinstance(text, str) else ""

    def wait_for(self, text: str, timeout: float = 15) -> str:
        """The screen once `text` is on it; fails with the screen as it was."""
        deadline = time.monotonic() + timeout
        screen = ""
        while time.monotonic() < deadline:
            screen = self.screen()
            if text in screen:
                return screen
            time.sleep(0.1)
        raise AssertionError(f"{text!r} never appeared on the page:\n{screen}")

    def press(self, *keys: str) -> None:
        """Keys typed into the terminal (focused first, as a click would)."""
        self.page.evaluate("window.__paperbrowseTerminal.focus()")
        for key in keys:
            self.page.keyboard.press(key)
            time.sleep(0.05)

    def type(self, text: str) -> None:
        """Text typed into the terminal, one key at a time."""
        self.page.evaluate("window.__paperbrowseTerminal.focus()")
        self.page.keyboard.type(text, delay=40)


def open_page(browser: Browser, url: str) -> Terminal:
    """A new tab on `url`, once its paperbrowse has drawn a paper's summary."""
    page = browser.context.new_page()
    page.goto(url, wait_until="domcontentloaded")  # the page's web font never loads here
    terminal = Terminal(page)
    terminal.wait_for("TL;DR", timeout=30)
    return terminal


def panes(screen: str) -> tuple[str, str, str]:
    """The screen cut into its three columns (days, papers, detail) by the panes' top corners."""
    lines = screen.splitlines()
    top = next(line for line in lines if line.count("╭") >= 3)
    starts = [index for index, char in enumerate(top) if char == "╭"][:3]
    columns = []
    for start, end in zip(starts, [*starts[1:], None], strict=True):
        columns.append("\n".join(line[start:end] for line in lines))
    return columns[0], columns[1], columns[2]
