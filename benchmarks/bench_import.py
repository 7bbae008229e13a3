"""Cold `paperbrowse import` against a bare read-and-split of the same files.

Target (issue 3): within 4x, on the real archive and at 50,000 papers.
"""

from __future__ import annotations

import shutil
import sys
import tempfile
from pathlib import Path

from benchmarks.common import PAPERBROWSE, REPO, best_of, corpus, count_papers, timed_process, verdict

TARGET = 4.0


def cold_import(root: Path) -> float:
    data = Path(tempfile.mkdtemp(prefix="pb-bench-"))
    try:
        return timed_process([*PAPERBROWSE, "--data-dir", str(data), "import", str(root)])
    finally:
        shutil.rmtree(data, ignore_errors=True)


def measure(papers: int, runs: int, real: bool = False) -> dict[str, object]:
    root = corpus(papers, real)
    floor = best_of(
        runs, lambda: timed_process([sys.executable, str(REPO / "benchmarks" / "bare_split.py"), str(root)])
    )
    cold = best_of(runs, lambda: cold_import(root))
    ratio = cold / floor
    return {
        "name": f"cold import, {count_papers(root):,} papers",
        "value": f"{cold:.2f} s",
        "floor": f"{floor:.2f} s (read + split)",
        "ratio": ratio,
        "target": TARGET,
        "verdict": verdict(ratio, TARGET),
    }


def run(quick: bool = False) -> list[dict[str, object]]:
    return [measure(4900, 3, real=True), *([] if quick else [measure(50_000, 2)])]
