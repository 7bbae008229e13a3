"""Run in a fresh process by bench_discovery: build the discovery index, or measure peak memory.

    python benchmarks/discovery_probe.py build DATA       seconds to build (and write) the index
    python benchmarks/discovery_probe.py floor DATA       seconds to parse every summary, bare
    python benchmarks/discovery_probe.py memory DATA      peak RSS with everything loaded and used

Prints one JSON object.  A process of its own, so forking workers is safe
(as in `paperbrowse related`), and so its peak RSS is its own.
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))


def _peak_mb() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return -1.0


def main() -> None:
    mode, data = sys.argv[1], Path(sys.argv[2])
    from tui.store import Store
    from tui.store.state import StarInfo, StateSnapshot

    library, _ = Store(data).open_library()
    if mode == "build":
        for name in ("similarity.index", "similarity.sections"):
            (data / name).unlink(missing_ok=True)
        started = time.perf_counter()
        library.discovery.prepare()
        print(json.dumps({"seconds": time.perf_counter() - started, "saved": library.discovery.saved}))
    elif mode == "floor":
        from tui.digest.summary import parse_summary

        summaries = [record["s"] for record in library.records()]
        started = time.perf_counter()
        for summary in summaries:
            parse_summary(summary)
        print(json.dumps({"seconds": time.perf_counter() - started}))
    else:
        import tui.ui.app  # noqa: F401 - Textual and the app's modules, as the browser has them
        from tui.discovery.trends import rising, trend

        _ = library.index  # the search index, as the browser warms it
        state = StateSnapshot()
        for index in range(0, len(library), max(1, len(library) // 20))[:20]:
            key = library.key(index)
            state.stars[key] = StarInfo(key, "", "")
        library.discovery.prepare()
        library.discovery.related(0, 10)
        library.search("is:unread order:foryou", state)
        trend(library, "gaussian splatting", state)
        rising(library, state)
        library.search('method:"reinforcement learning"', state)
        used = _peak_mb()
        for kind in ("tldr", "objective", "results", "implications", "limitations"):
            library.discovery.section_texts(kind)
        print(json.dumps({"peak_mb": used, "all_sections_mb": _peak_mb()}))


if __name__ == "__main__":
    main()
