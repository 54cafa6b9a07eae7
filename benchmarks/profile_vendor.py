"""Where one vendor's decisions spend their time: mean µs per decision and a cProfile table.

    python benchmarks/profile_vendor.py juweliers            # sorted by self time
    python benchmarks/profile_vendor.py juweliers cumtime    # by cumulative time
    python benchmarks/profile_vendor.py all                  # the whole mixed corpus

The corpus is the benchmark's (every example case in ``--variants`` shifted variants); each
decision is a case dict in and ``decision_to_dict`` out, as in ``bench.py``. cProfile inflates
many small calls: read its table as proportions, the first line as the real figure.
"""

from __future__ import annotations

import argparse
import cProfile
import io
import pstats
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import bench


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("vendor", help="a vendor name, or 'all'")
    parser.add_argument("sort", nargs="?", default="tottime", help="pstats sort key")
    parser.add_argument("--variants", type=int, default=10)
    parser.add_argument("--rows", type=int, default=45, help="profile rows to print")
    args = parser.parse_args()

    from supportcore import Engine
    from supportcore.convert import decision_to_dict

    tables, _, cases, _ = bench.load_corpus(args.variants, lambda _msg: None)
    engine = Engine(tables)
    cases, _ = bench.valid_cases(engine, cases)
    if args.vendor != "all":
        cases = [c for c in cases if c["vendor"] == args.vendor]
    if not cases:
        sys.exit(f"no cases for {args.vendor!r}")
    for c in cases:  # warm the caches
        decision_to_dict(engine.evaluate(c))
    best = float("inf")
    for _ in range(5):
        t0 = time.process_time()  # CPU time: steadier than wall time on a busy machine
        for _ in range(3):
            for c in cases:
                decision_to_dict(engine.evaluate(c))
        best = min(best, (time.process_time() - t0) / 3 / len(cases) * 1e6)
    profiler = cProfile.Profile()
    profiler.enable()
    for c in cases:
        decision_to_dict(engine.evaluate(c))
    profiler.disable()
    out = io.StringIO()
    stats = pstats.Stats(profiler, stream=out)
    stats.sort_stats(args.sort).print_stats(args.rows)
    print(out.getvalue())
    calls = stats.total_calls / len(cases)  # type: ignore[attr-defined]
    print(
        f"{args.vendor}: {len(cases)} cases, best of 5: {best:.1f} µs (CPU) per decision, "
        f"{calls:.0f} calls per decision"
    )


if __name__ == "__main__":
    main()
