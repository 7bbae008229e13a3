"""config.toml: the user's settings, read forgivingly, every problem one line with file and line.

    `--config FILE`, else `$PAPERBROWSE_CONFIG`, else the platform's user
    config dir (`~/.config/paperbrowse/config.toml` on Linux).

A file that does not parse, an unknown setting, a value of the wrong type or
out of range, an unknown binding id, a key bound twice: each is reported as
`FILE:LINE: setting: what is wrong`, and that setting keeps its default;
the rest of the file still applies, and paperbrowse always starts.  A flag
or an environment variable beats the file, which beats the default.
Keymap entries are checked against the command table (`tui.ui.commands`,
which is plain data: no Textual is loaded to read a config).

The file is the user's: paperbrowse only ever writes one setting back
(`theme`, when a theme is chosen in the browser), with tomlkit, which keeps
their comments and layout.  Nothing here imports Textual.
"""

from __future__ import annotations

import os
import re
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field, fields, replace
from pathlib import Path
from typing import Any, Final

CONFIG_ENV: Final = "PAPERBROWSE_CONFIG"
DENSITIES: Final = ("two-line", "one-line")
# A key as Textual names it: "h", "ctrl+j", "f5", "left_square_bracket", "shift+tab".
_KEY = re.compile(r"(?:(?:ctrl|shift|alt|meta|super|hyper)\+)*(?:[a-z][a-z0-9_]*|[!-~])", re.ASCII)
_MAX_CONFIG_BYTES: Final = 1024 * 1024


@dataclass(frozen=True, slots=True)
class Config:
    """Every setting, at its default unless the file (or a flag) says otherwise."""

    path: Path | None = None  # the file the settings came from (None: none is used)
    theme: str = "textual-dark"
    read_after: float = 1.5
    hide_empty_days: bool = False
    list_density: str = "two-line"
    browser: str = ""  # a command, "{url}" where the link goes; "" = $BROWSER or the system's
    browser_is_terminal: bool = False
    data_dir: str = ""
    fetch_metadata: bool = True
    sync_repo: str = "gabrielchua/daily-ai-papers"
    sync_branch: str = "main"
    sync_api_url: str = ""
    sync_raw_url: str = ""
    enrich_arxiv_url: str = ""
    enrich_hf_url: str = ""
    keymap: Mapping[str, str] = field(default_factory=dict)


# Where each setting lives in the file: (table or "", key) -> Config field.
_PLACES: Final[dict[tuple[str, str], str]] = {
    ("", "theme"): "theme",
    ("", "read_after"): "read_after",
    ("", "hide_empty_days"): "hide_empty_days",
    ("", "list_density"): "list_density",
    ("", "browser"): "browser",
    ("", "browser_is_terminal"): "browser_is_terminal",
    ("", "data_dir"): "data_dir",
    ("", "fetch_metadata"): "fetch_metadata",
    ("sync", "repo"): "sync_repo",
    ("sync", "branch"): "sync_branch",
    ("sync", "api_url"): "sync_api_url",
    ("sync", "raw_url"): "sync_raw_url",
    ("enrich", "arxiv_url"): "enrich_arxiv_url",
    ("enrich", "hf_url"): "enrich_hf_url",
}
_TABLES: Final = frozenset(("sync", "enrich", "keymap"))


def default_path() -> Path:
    """`$PAPERBROWSE_CONFIG`, else the platform's config dir's `config.toml`."""
    chosen = os.environ.get(CONFIG_ENV, "").strip()
    if chosen:
        return Path(chosen).expanduser()
    from platformdirs import user_config_dir  # ~6 ms: only when no file was named

    return Path(user_config_dir("paperbrowse", appauthor=False)) / "config.toml"


@dataclass
class _Reader:
    """One pass over a config file: the settings found, the problems met."""

    path: Path
    text: str
    problems: list[str] = field(default_factory=list)

    def line_of(self, table: str, key: str) -> int:
        """The line that sets `key` in `[table]` (0 when it cannot be found)."""
        current = ""
        for number, raw in enumerate(self.text.splitlines(), start=1):
            line = raw.strip()
            header = re.fullmatch(r"\[\s*([^\]]+?)\s*\]", line)
            if header:
                current = header.group(1).strip('"')
                continue
            name = re.match(r'("(?:[^"\\]|\\.)*"|[A-Za-z0-9_.-]+)\s*=', line)
            if current == table and name and name.group(1).strip('"') == key:
                return number
        return 0

    def problem(self, table: str, key: str, message: str) -> None:
        line = self.line_of(table, key) if key else 0
        where = f"{self.path}:{line}" if line else str(self.path)
        setting = f"{table}.{key}" if table and key else key or table
        self.problems.append(f"{where}: {setting}: {message}; using the default")


def _typed(value: object, default: object) -> object | None:
    """`value` if it has the default's type (a whole number may stand for seconds)."""
    if isinstance(default, bool):
        return value if isinstance(value, bool) else None
    if isinstance(default, float):
        return float(value) if isinstance(value, int | float) and not isinstance(value, bool) else None
    if isinstance(default, str):
        return value if isinstance(value, str) else None
    return None


def _check_value(name: str, value: Any) -> str | None:
    """Why `value` cannot be setting `name` (None when it can)."""
    if name == "read_after" and not 0 <= value <= 3600:
        return "must be from 0 (never) to 3600 seconds"
    if name == "list_density" and value not in DENSITIES:
        return f"must be one of {', '.join(DENSITIES)}"
    if name == "browser" and value and "{url}" not in value and len(value.split()) > 1 and "%s" not in value:
        return 'a command with arguments needs "{url}" where the link goes'
    if name == "theme" and not value:
        return "must name a theme"
    return None


def load_config(path: Path | None = None) -> tuple[Config, list[str]]:
    """The settings in `path` (default: `default_path()`) and the problems found, one line each.

    A missing file is no problem: every setting is at its default.
    """
    chosen = path or default_path()
    try:
        from tui.store.safe_io import read_regular

        raw, _ = read_regular(chosen, _MAX_CONFIG_BYTES)
    except FileNotFoundError:
        return Config(path=chosen), []
    except OSError as error:
        return Config(path=chosen), [
            f"{chosen}: cannot read: {getattr(error, 'reason', None) or error.strerror or error}"
        ]
    text = raw.decode("utf-8", errors="replace")
    reader = _Reader(chosen, text)
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        at = re.search(r"line (\d+)", str(error))
        line = at.group(1) if at else str(max(1, text.count("\n")))  # "at end of document": the last line
        where = f"{chosen}:{line}"
        return Config(path=chosen), [f"{where}: not valid TOML ({error}); every setting at its default"]
    settings: dict[str, Any] = {}
    defaults = Config()
    for table_name, value in data.items():
        if isinstance(value, dict) and table_name in _TABLES:
            if table_name == "keymap":
                continue
            for key, item in value.items():
                _take(reader, settings, defaults, table_name, key, item)
        elif isinstance(value, dict):
            reader.problem(table_name, "", f"[{table_name}] is not a section paperbrowse knows")
        else:
            _take(reader, settings, defaults, "", table_name, value)
    keymap = data.get("keymap", {})
    if not isinstance(keymap, dict):
        reader.problem("", "keymap", "must be a [keymap] section of binding ids and keys")
        keymap = {}
    settings["keymap"] = _checked_keymap(reader, keymap)
    return replace(defaults, path=chosen, **settings), reader.problems


def _take(
    reader: _Reader, settings: dict[str, Any], defaults: Config, table: str, key: str, value: object
) -> None:
    name = _PLACES.get((table, key))
    if name is None:
        reader.problem(table, key, "is not a setting paperbrowse knows")
        return
    default = getattr(defaults, name)
    typed = _typed(value, default)
    if typed is None:
        kind = {bool: "true or false", float: "a number", str: "a string"}[type(default)]
        reader.problem(table, key, f"must be {kind}, not {value!r}")
        return
    wrong = _check_value(name, typed)
    if wrong:
        reader.problem(table, key, wrong)
        return
    settings[name] = typed


def _checked_keymap(reader: _Reader, keymap: Mapping[str, object]) -> dict[str, str]:
    """The user's keymap, each entry checked against the command table; the bad ones dropped."""
    if not keymap:
        return {}
    from tui.ui.commands import BY_ID, clashes

    known = BY_ID
    good: dict[str, str] = {}
    for binding_id, keys in keymap.items():
        if binding_id not in known:
            reader.problem("keymap", binding_id, "is not a binding id (the help screen and README list them)")
            continue
        if not isinstance(keys, str) or not keys.strip():
            reader.problem("keymap", binding_id, 'must be keys as a string, e.g. "h" or "ctrl+j,h"')
            continue
        names = [k.strip() for k in keys.split(",")]
        bad = [k for k in names if not _KEY.fullmatch(k)]
        if bad:
            reader.problem("keymap", binding_id, f"{bad[0]!r} is not a key Textual knows")
            continue
        good[binding_id] = ",".join(names)
    for binding_id, other, key in clashes(good):
        reader.problem("keymap", binding_id, f"{key!r} is bound twice (to {other} as well)")
        good.pop(binding_id, None)
    return good


# Settings the environment also carries: a variable already set beats the file.
_ENVIRONMENT: Final = {
    "sync_api_url": "PAPERBROWSE_API_URL",
    "sync_raw_url": "PAPERBROWSE_RAW_URL",
    "enrich_arxiv_url": "PAPERBROWSE_ARXIV_URL",
    "enrich_hf_url": "PAPERBROWSE_HF_URL",
}


def apply_to_environment(config: Config) -> None:
    """Endpoints set in the file become the environment's, unless the environment has them.

    Every part that talks to a server (sync, enrich, the browser's background
    fetch, a served page's own process) reads the environment, so this keeps
    one order everywhere: flag, environment, file, default.
    """
    for name, variable in _ENVIRONMENT.items():
        value = getattr(config, name)
        if value and not os.environ.get(variable):
            os.environ[variable] = value


def settings_text(config: Config) -> str:
    """The effective settings, in the file's own layout (what `paperbrowse config` prints)."""
    import tomlkit

    document = tomlkit.document()
    tables: dict[str, Any] = {}
    for (table, key), name in _PLACES.items():
        value = getattr(config, name)
        if table:
            tables.setdefault(table, tomlkit.table())[key] = value
        else:
            document[key] = value
    for table, item in tables.items():
        document[table] = item
    keymap = tomlkit.table()
    for binding_id, keys in config.keymap.items():
        keymap[binding_id] = keys
    document["keymap"] = keymap
    return str(tomlkit.dumps(document))


def save_setting(path: Path, key: str, value: str | bool) -> None:
    """Set one top-level setting in the user's file, keeping everything else as written.

    The file is created when missing; the write is atomic (a temporary file
    renamed over it), so an interrupted save never leaves half a config.
    """
    import tomlkit

    from tui.store.storage import atomic_write

    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        text = ""
    try:
        document = tomlkit.parse(text)
    except tomlkit.exceptions.ParseError:
        return  # a file that does not parse is the user's to mend; never overwrite it
    document[key] = value
    atomic_write(path, tomlkit.dumps(document).encode("utf-8"))


def field_names() -> list[str]:
    """Every Config field (for tests that check the file, the docs and the reader agree)."""
    return [f.name for f in fields(Config)]
