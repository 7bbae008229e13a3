"""Summary -> sections: parse time per paper, the slowest paper, export, huge input.

python -m benchmarks.bench_sections [--quick]

Targets (the sections issue): a paper shown in the detail pane in under 5 ms
of parsing (the slowest paper of the archive, not the mean); `paperbrowse
export` of the shared archive under 1 s warm; a 2 MB summary in tens of ms.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

from benchmarks.common import PAPERBROWSE, REAL_ARCHIVE, REPO, best_of, corpus, timed_process, verdict

DETAIL_MS = 5.0
EXPORT_S = 1.0
HUGE_MS = 100.0


def summaries(root: Path) -> list[str]:
    """Every summary of the archive at `root`, as the reader cuts them."""
    sys.path.insert(0, str(REPO))
    from tui.digest.reader import parse_bytes_rows

    return [
        row.summary
        for path in sorted(root.rglob("*.md"))
        for row in parse_bytes_rows(path.read_bytes(), "").rows
    ]


def parse_times(texts: list[str]) -> list[float]:
    """Milliseconds to parse each summary (best of three)."""
    from tui.digest.summary import parse_summary

    times = []
    for text in texts:
        best = float("inf")
        for _ in range(3):
            started = time.perf_counter()
            parse_summary(text)
            best = min(best, time.perf_counter() - started)
        times.append(best * 1000)
    return times


def warm_export(root: Path, runs: int) -> float:
    data = Path(tempfile.mkdtemp(prefix="pb-bench-"))
    try:
        command = [*PAPERBROWSE, "--data-dir", str(data), "export", "--format", "jsonl", str(root)]
        timed_process(command)  # cold: fills the cache
        return best_of(runs, lambda: timed_process(command))
    finally:
        shutil.rmtree(data, ignore_errors=True)


def huge_summary_ms() -> float:
    """The slowest of a few 2 MB summaries, prose and markers and labels."""
    from tui.digest.summary import parse_summary

    units = [
        "The model uses a new attention scheme and outperforms baselines on many tasks. ",
        "a) x. b) y. c) z. ",
        "**Key methodology:** We do X. ",
        "** x ",
    ]
    worst = 0.0
    for unit in units:
        text = unit * (2_000_000 // len(unit))
        started = time.perf_counter()
        parse_summary(text)
        worst = max(worst, time.perf_counter() - started)
    return worst * 1000


def run(quick: bool = False) -> list[dict[str, object]]:
    root = corpus(4900, real=True)
    texts = summaries(root)
    times = parse_times(texts)
    slowest = max(times)
    p99 = sorted(times)[int(len(times) * 0.99)]
    export = warm_export(root, 2 if quick else 5)
    huge = huge_summary_ms()
    where = "the shared archive" if root == REAL_ARCHIVE else "generated papers"
    return [
        {
            "name": f"parse one summary, {len(texts):,} of {where}",
            "value": f"mean {statistics.fmean(times):.3f} ms, p99 {p99:.3f} ms",
            "floor": f"slowest {slowest:.2f} ms (target {DETAIL_MS} ms)",
            "ratio": slowest / DETAIL_MS,
            "target": 1.0,
            "verdict": verdict(slowest / DETAIL_MS, 1.0),
        },
        {
            "name": f"warm export --format jsonl, {len(texts):,} papers",
            "value": f"{export:.2f} s",
            "floor": f"{EXPORT_S} s",
            "ratio": export / EXPORT_S,
            "target": 1.0,
            "verdict": verdict(export / EXPORT_S, 1.0),
        },
        {
            "name": "parse a 2 MB summary (slowest of four shapes)",
            "value": f"{huge:.1f} ms",
            "floor": f"{HUGE_MS} ms",
            "ratio": huge / HUGE_MS,
            "target": 1.0,
            "verdict": verdict(huge / HUGE_MS, 1.0),
        },
    ]


def main() -> None:
    """Print the figures."""
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--quick", action="store_true", help="fewer export runs")
    args = parser.parse_args()
    for row in run(args.quick):
        print(f"{row['verdict']:>6}  {row['name']}: {row['value']}; {row['floor']}")


if __name__ == "__main__":
    main()
