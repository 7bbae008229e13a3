"""Run every benchmark and print the figures the README quotes.

python -m benchmarks            # everything (a few minutes)
python -m benchmarks --quick    # the 4,900-paper cases only
python -m benchmarks import startup search   # a subset
"""

from __future__ import annotations

import argparse
import compileall

from benchmarks import bench_discovery, bench_enrich, bench_import, bench_search, bench_startup
from benchmarks.common import REPO

SUITES = {
    "import": bench_import.run,
    "startup": bench_startup.run,
    "search": bench_search.run,
    "enrich": bench_enrich.run,
    "discovery": bench_discovery.run,
}


def main() -> None:
    parser = argparse.ArgumentParser(
        prog="python -m benchmarks", description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "suites", nargs="*", metavar="SUITE", help=f"any of {', '.join(SUITES)} (default: all)"
    )
    parser.add_argument("--quick", action="store_true", help="skip the 50,000-paper cases")
    args = parser.parse_args()
    unknown = set(args.suites) - set(SUITES)
    if unknown:
        parser.error(f"unknown suite(s): {', '.join(sorted(unknown))}")
    # pip compiles an installed package's bytecode; a checkout (and any
    # environment with PYTHONDONTWRITEBYTECODE set) would otherwise recompile
    # every module on every start, which no user pays.
    compileall.compile_dir(REPO / "tui", quiet=1)
    rows = []
    for name in args.suites or SUITES:
        for row in SUITES[name](args.quick):
            rows.append(row)
            print(
                f"{row['verdict']:>6}  {row['name']}: {row['value']}; floor {row['floor']}; "
                f"ratio {row['ratio']:.2f} (target <= {row['target']})",
                flush=True,
            )


if __name__ == "__main__":
    main()
