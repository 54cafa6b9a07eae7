"""Start-up: ``supportcore evaluate ONE_CASE`` against ``python -c pass``, best of five each.

Run it where the core and the plugins are installed (``python benchmarks/startup.py``). It
measures, each as the best of five fresh processes, interleaved so that both see the same
machine:

1. ``python -c pass``: the interpreter's own start-up, the unit of the ratio;
2. ``supportcore evaluate CASE --settings SETTINGS`` of one example case (text output): the
   ratio to (1) is the figure of the target (at most 12 ×);
3. the phases inside one process: ``import supportcore``, plugin discovery
   (``load_plugins()``), the first ``Engine``, the first decision, and the CLI module;
4. ``python -X importtime`` of the command: the modules that cost most to import,
   cumulatively (what to make lazy next).

``--json FILE`` writes the figures. The load average is printed with them: on a busy machine
both sides slow down, but not by the same factor.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
CASE = ROOT / "examples" / "binarema" / "01-free-period-usage-question.toml"
SETTINGS = ROOT / "examples" / "binarema" / "settings.toml"
TARGET = 12.0

PHASES = """
import time, json
t0 = time.perf_counter()
import supportcore
t1 = time.perf_counter()
from supportcore import Engine, load_plugins, load_case_file
plugins = load_plugins()
t2 = time.perf_counter()
engine = Engine({settings!r}, plugins=plugins)
t3 = time.perf_counter()
engine.evaluate(load_case_file({case!r}))
t4 = time.perf_counter()
import supportcore.cli
t5 = time.perf_counter()
print(json.dumps({{"import_supportcore_ms": (t1 - t0) * 1e3, "discovery_ms": (t2 - t1) * 1e3,
    "first_engine_ms": (t3 - t2) * 1e3, "first_decision_ms": (t4 - t3) * 1e3,
    "cli_module_ms": (t5 - t4) * 1e3}}))
"""


def _cli() -> list[str]:
    exe = Path(sys.executable).with_name("supportcore")
    return [str(exe)] if exe.exists() else [sys.executable, "-m", "supportcore"]


def wall(cmd: list[str]) -> float:
    """Seconds of wall-clock time for ``cmd`` to run (output discarded; it must succeed)."""
    t0 = time.perf_counter()
    proc = subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, check=False)
    took = time.perf_counter() - t0
    if proc.returncode not in (0,):
        raise RuntimeError(f"{' '.join(cmd)} exited {proc.returncode}: {proc.stderr[-2000:]!r}")
    return took


def best_of(cmds: dict[str, list[str]], runs: int) -> dict[str, float]:
    """The best wall time of each command over ``runs`` rounds, interleaved."""
    best = {name: float("inf") for name in cmds}
    for cmd in cmds.values():  # warm the file cache
        wall(cmd)
    for _ in range(runs):
        for name, cmd in cmds.items():
            best[name] = min(best[name], wall(cmd))
    return best


def phases(runs: int) -> dict[str, float]:
    code = PHASES.format(settings=str(SETTINGS), case=str(CASE))
    best: dict[str, float] = {}
    for _ in range(runs):
        out = subprocess.run(
            [sys.executable, "-c", code], capture_output=True, text=True, check=True
        ).stdout
        for k, v in json.loads(out.splitlines()[-1]).items():
            best[k] = round(min(best.get(k, float("inf")), v), 1)
    return best


def importtime(args: list[str], top: int) -> list[tuple[str, float]]:
    """The ``top`` modules by cumulative import time (ms) of ``supportcore ARGS``."""
    proc = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "supportcore", *args],
        capture_output=True,
        text=True,
        check=False,
    )
    rows = []
    for line in proc.stderr.splitlines():
        m = re.match(r"import time:\s+(\d+) \|\s+(\d+) \|(\s*)(\S+)", line)
        if m and len(m[3]) <= 5:  # top-level imports and their direct children
            rows.append((m[4], int(m[2]) / 1000))
    rows.sort(key=lambda r: -r[1])
    return [(name, round(ms, 1)) for name, ms in rows[:top]]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=5, help="processes per command (best of)")
    parser.add_argument("--json", type=Path, default=None, help="write the figures here")
    args = parser.parse_args()
    evaluate = [*_cli(), "evaluate", str(CASE), "--settings", str(SETTINGS)]
    load_before = os.getloadavg() if hasattr(os, "getloadavg") else None
    best = best_of(
        {
            "python -c pass": [sys.executable, "-c", "pass"],
            "supportcore evaluate": evaluate,
            "supportcore --version": [*_cli(), "--version"],
        },
        args.runs,
    )
    base = best["python -c pass"]
    result: dict[str, Any] = {
        "best_seconds": {k: round(v, 4) for k, v in best.items()},
        "ratio_evaluate": round(best["supportcore evaluate"] / base, 1),
        "ratio_version": round(best["supportcore --version"] / base, 1),
        "target_ratio": TARGET,
        "phases_ms": phases(args.runs),
        "importtime_ms": importtime(evaluate[-4:], 15),
        "load_average": [load_before, os.getloadavg() if load_before else None],
    }
    result["met"] = result["ratio_evaluate"] <= TARGET
    for name, seconds in best.items():
        print(f"{name:24s} {seconds * 1000:8.1f} ms  {seconds / base:5.1f} ×")
    print(f"evaluate / python -c pass: {result['ratio_evaluate']} × (target ≤ {TARGET:g} ×)")
    print("phases (ms, best of each):", result["phases_ms"])
    print("import time, cumulative (ms):")
    for name, ms in result["importtime_ms"]:
        print(f"  {name:40s} {ms:8.1f}")
    print("load average before, after:", result["load_average"])
    if args.json:
        args.json.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
