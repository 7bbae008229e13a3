"""Shared pieces: corpora, a pseudo-terminal first-frame timer, peak memory."""

from __future__ import annotations

import fcntl
import os
import pty
import select
import shutil
import signal
import struct
import subprocess
import sys
import termios
import time
from collections.abc import Callable
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
WORK = REPO / "benchmarks" / ".work"
SHARED = REPO.parent / "shared"
REAL_ARCHIVE = SHARED / "corpus" / "daily-ai-papers" / "archive"
GEN_CORPUS = SHARED / "tools" / "gen-corpus"
# The installed console script, as users start it (`python -m` would add runpy's
# ~4 ms); the module when the script is not installed next to this Python.
_SCRIPT = Path(sys.executable).with_name("paperbrowse")
PAPERBROWSE = [str(_SCRIPT)] if _SCRIPT.exists() else [sys.executable, "-m", "tui.cli"]


def corpus(papers: int, real: bool = False) -> Path:
    """The real archive (`real`, when present), else `papers` generated papers."""
    if real and REAL_ARCHIVE.is_dir():
        return REAL_ARCHIVE
    target = WORK / f"corpus-{papers}"
    if not (target / ".done").exists():
        shutil.rmtree(target, ignore_errors=True)
        target.mkdir(parents=True)
        if GEN_CORPUS.exists():
            subprocess.run(
                [sys.executable, str(GEN_CORPUS), "--papers", str(papers), "--out", str(target)],
                check=True,
                stdout=subprocess.DEVNULL,
            )
        else:  # no ../shared: synthesise from the embedded sample days
            sys.path.insert(0, str(REPO))
            from tests.helpers import write_archive

            write_archive(target / "archive", days=papers // 20, per_day=20)
        (target / ".done").write_text("ok")
    return target


def count_papers(root: Path) -> int:
    """Rows in an archive (for labels), counted the bare way."""
    return sum(
        1
        for f in root.rglob("*.md")
        for line in f.read_text(errors="replace").split("\n")
        if line.startswith("| ") and not line.startswith("| Title")
    )


def best_of(runs: int, measure: Callable[[], float]) -> float:
    """The fastest of several runs: the least disturbed by the rest of the machine."""
    return min(measure() for _ in range(runs))


def timed_process(command: list[str], env: dict[str, str] | None = None) -> float:
    """Wall time of a command run to completion."""
    started = time.perf_counter()
    subprocess.run(
        command, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env, cwd=REPO
    )
    return time.perf_counter() - started


def first_frame(
    command: list[str],
    marker: bytes,
    env: dict[str, str],
    size: tuple[int, int] = (160, 50),
    settle: float = 0.0,
) -> tuple[float, int]:
    """Seconds from spawn until `marker` is drawn in a real pseudo-terminal, and
    the process's peak RSS in MB (read from /proc before it is stopped).

    `settle` keeps the process running that long after the frame (so work it
    starts in the background, like indexing, counts towards peak memory).
    """
    pid, fd = pty.fork()
    if pid == 0:  # the child: a terminal of the given size, then the command
        fcntl.ioctl(0, termios.TIOCSWINSZ, struct.pack("HHHH", size[1], size[0], 0, 0))
        os.chdir(REPO)
        os.execvpe(command[0], command, {**os.environ, **env, "TERM": "xterm-256color"})
    started = time.perf_counter()
    seen = b""
    elapsed = float("nan")
    deadline = started + 60
    try:
        while time.perf_counter() < deadline:
            ready, _, _ = select.select([fd], [], [], 0.05)
            if ready:
                try:
                    chunk = os.read(fd, 65536)
                except OSError:
                    break
                seen = (seen + chunk)[-200_000:]
                if marker in seen:
                    elapsed = time.perf_counter() - started
                    break
        settle_until = time.perf_counter() + settle
        while time.perf_counter() < settle_until:  # keep draining so the app never blocks
            ready, _, _ = select.select([fd], [], [], 0.05)
            if ready:
                try:
                    os.read(fd, 65536)
                except OSError:
                    break
        peak = _peak_rss_mb(pid)
    finally:
        os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)
        os.close(fd)
    return elapsed, peak


def _peak_rss_mb(pid: int) -> int:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) // 1024
    except OSError:
        pass
    return -1


def verdict(ratio: float, target: float) -> str:
    """'ok' or 'MISSED' against a ratio target."""
    return "ok" if ratio <= target else "MISSED"
