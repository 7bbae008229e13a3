"""`paperbrowse config`: where the config file is and what is in effect; `--init` writes one.

The file `--init` writes has every setting at its default, each with a
comment saying what it does, so a user edits rather than looks things up.
"""

from __future__ import annotations

import argparse
import os

from tui.cli.common import UsageError, say
from tui.config import Config, settings_text
from tui.store import Store

TEMPLATE = """\
# paperbrowse configuration. Every setting is shown at its default; delete a line
# to keep the default, uncomment or change it to make paperbrowse yours.
# A problem in this file is reported as FILE:LINE and that setting keeps its default.

# Any Textual theme (textual-dark, textual-light, nord, gruvbox, dracula, tokyo-night,
# monokai, flexoki, catppuccin-mocha, solarized-light, ...). Choosing a theme in the
# browser's command palette saves it here.
theme = "textual-dark"

# Seconds a paper must be shown to count as read; 0 = never automatically.
read_after = 1.5

# Leave out of the sidebar the days whose digest lists no papers.
hide_empty_days = false

# "two-line" (title, then tags, date and authors) or "one-line" (title only).
list_density = "two-line"

# The command that opens links; {url} is where the link goes ("" = $BROWSER or the
# system's opener). A terminal browser (w3m, lynx, links, elinks) runs in this
# terminal while paperbrowse waits; set browser_is_terminal for any other.
browser = ""
browser_is_terminal = false

# Where cache.json and state.json live ("" = $PAPERBROWSE_DATA_DIR or the platform's
# user data dir). --data-dir beats it.
data_dir = ""

# Ask arXiv and Hugging Face for the paper on screen when it has no metadata yet.
fetch_metadata = true

[sync]
# Where `paperbrowse sync` (and R) fetch digests from ("" = GitHub itself).
repo = "gabrielchua/daily-ai-papers"
branch = "main"
api_url = ""
raw_url = ""

[enrich]
# arXiv's query endpoint and Hugging Face's daily-papers endpoint ("" = the real ones).
arxiv_url = ""
hf_url = ""

[keymap]
# A binding id (the help screen and the README list them) = the keys it takes.
# "day.older" = "h"
# "day.newer" = "l"
# "star" = "s,ctrl+s"
"""


def add_parser(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """The `config` subcommand."""
    config = commands.add_parser("config", help="show the config file's path and the settings in effect")
    config.add_argument(
        "--init", action="store_true", help="write a commented config file with every default"
    )


def cmd_config(args: argparse.Namespace, store: Store) -> int:
    """Print the path and the effective settings, or write the template (`--init`)."""
    config: Config = args.loaded_config
    path = config.path
    if path is None:
        raise UsageError("no config file path could be worked out")
    if args.init:
        if path.exists():
            raise UsageError(f"{path} exists already; remove it first to write a fresh one")
        path.parent.mkdir(parents=True, exist_ok=True)
        with open(path, "x", encoding="utf-8") as handle:
            handle.write(TEMPLATE)
        say(f"wrote {path}")
        return 0
    state = "" if path.exists() else " (not there yet: `paperbrowse config --init` writes one)"
    say(f"# {path}{state}")
    say(f"# data dir in effect: {store.data_dir}")
    for name in ("PAPERBROWSE_DATA_DIR", "PAPERBROWSE_API_URL", "PAPERBROWSE_RAW_URL"):
        if os.environ.get(name):
            say(f"# ${name} is set and beats the file")
    say(settings_text(config).rstrip())
    return 0
