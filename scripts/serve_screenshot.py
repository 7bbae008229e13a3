"""Re-create screenshots/serve.png: `paperbrowse serve` on the sample days, in headless Chromium.

    python scripts/serve_screenshot.py

Needs Debian's `chromium` and playwright (`pip install -e '.[test]'`).  Runs
the real `paperbrowse serve` with a throwaway data dir, and stand-ins for
arXiv and Hugging Face that know no paper (nothing leaves this machine, and
the detail pane shows no fetch), opens the page as tests/test_serve_chromium.py
does, moves to the second paper and saves the page as a PNG.
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from tests.chromium import chromium, missing, open_page
from tests.enrich_server import FakeServices
from tests.enrich_server import serve as stand_ins
from tests.serving import serve
from tui.ui.launch import SAMPLES

OUT = REPO / "screenshots" / "serve.png"


def main() -> int:
    reason = missing()
    if reason:
        print(f"serve_screenshot: {reason}", file=sys.stderr)
        return 1
    with tempfile.TemporaryDirectory() as scratch, stand_ins(FakeServices()) as services:
        where = Path(scratch)
        env = {"PAPERBROWSE_ARXIV_URL": services.arxiv_url, "PAPERBROWSE_HF_URL": services.hf_url}
        with serve(where, str(SAMPLES), env=env) as served, chromium(where / "profile") as browser:
            terminal = open_page(browser, served.url)
            terminal.press("j")
            terminal.wait_for("arxiv.org/abs/2510.24701")  # the second paper, in the detail pane
            time.sleep(1.0)  # the metadata look-up has answered; the page has faded in
            terminal.page.screenshot(path=str(OUT))
    print(OUT.relative_to(REPO))
    return 0


if __name__ == "__main__":
    sys.exit(main())
