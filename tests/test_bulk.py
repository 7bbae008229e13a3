"""A whole export parses summaries in worker processes and reads the same."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

SAMPLES = Path(__file__).resolve().parent.parent / "tui" / "samples" / "archive"


def test_papers_built_from_worker_parses_equal_papers_parsed_here(tmp_path: Path) -> None:
    # In a fresh process: forking is only done from a single-threaded one.
    code = f"""
import sys
from pathlib import Path
from tui.digest.export import render
from tui.store import Store, bulk
from tui.store.library import Library

library, _ = Store(Path({str(tmp_path / "d")!r})).open_library([Path({str(SAMPLES)!r})])
built = []
original = Library.build_paper
def counting(self, index, spans):
    built.append(index)
    return original(self, index, spans)
Library.build_paper = counting
bulk.PARALLEL_FROM = 10  # the real days are fewer than the usual threshold
indices = list(range(len(library)))
parallel = render(bulk.iter_papers(library, indices), "jsonl")
assert built == indices, "the papers were not parsed in workers"
serial = render((library.paper(i) for i in indices), "jsonl")
assert parallel == serial
print(len(indices))
"""
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stderr
    assert int(result.stdout) > 50
