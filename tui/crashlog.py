"""Where an unexpected error goes: a crash log in the data dir, not the screen."""

from __future__ import annotations

import tempfile
import traceback
from pathlib import Path


def write_crash_log(data_dir: Path | None) -> str:
    """Append the current exception's traceback to `<data dir>/crash.log`.

    Without a data dir (the error came before one was known) the log goes to
    the system's temporary folder.  Returns the end of a sentence for the
    user: where the details went.
    """
    log = (data_dir or Path(tempfile.gettempdir()) / "paperbrowse") / "crash.log"
    try:
        log.parent.mkdir(parents=True, exist_ok=True)
        with log.open("a", encoding="utf-8") as handle:
            handle.write(traceback.format_exc() + "\n")
    except OSError:
        return "and no crash log could be written"
    return f"details are in {log}"
