"""supportcore performance benchmark: decisions in process, the do-nothing floor, batch runs.

Run it with ``nox -s bench`` (installs the core and every plugin) or, in an environment where
they are installed, ``python benchmarks/bench.py [--quick]``. It measures, in one run:

1. **the do-nothing floor**: the same cases, structured, evaluated by a dummy vendor built here
   whose hooks return trivial answers, and the decision unstructured: what the core costs;
2. **full decisions** over a mixed corpus of every installed vendor's example cases
   (``examples/<vendor>/0*.toml``, with ``examples/<vendor>/settings.toml``), each varied by
   shifting all its dates and times (other weekdays, hours, holidays): decisions per second,
   p50 and p99 latency, ratio to the floor, and where the time goes (structure, evaluate,
   unstructure);
3. **batch throughput** over a generated JSON Lines file (200,000 cases; ``--quick``: 20,000)
   with one worker and with every worker: rows per second per worker, peak memory of the
   parent and of the workers (``getrusage``);
4. **memory flatness**: peak memory of batch runs over 100,000 and 1,000,000 rows
   (``--quick``: 10,000 and 100,000);
5. **the batch's own cost per row** beyond the decision (reading the JSON line, writing the
   decision as JSON text rather than as a dict, chunking), and the **bytes per output row**:
   JSON Lines with full and compact (``--citations ids``) citations, Parquet, and what each
   field of a compact row costs.

The batch targets are **ratios measured in one run**: rows per second per worker against the
in-process decision rate (≥ 0.85), two workers against one (≥ 1.7 on two idle cores), peak
memory from the smaller to the larger run (within ±10 %). The load average before each batch
run is recorded with it: on a shared machine, read the ratios with the load.

Results go to ``benchmarks/results/latest.json`` (git-ignored) and a table on the terminal;
``docs/performance.md`` records the figures. Timings are wall-clock on whatever else the machine
is doing: the load average is recorded with them.
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import platform
import random
import re
import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterable
from datetime import date, datetime, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "benchmarks" / "results"
VENDORS = ("binarema", "informapuntcom", "itplusnet", "juweliers", "softmas")
FLOOR = "floor"

TARGETS = {
    "decisions_per_second": 20_000,  # ≥, per core, in process
    "p50_us": 50,  # ≤
    "p99_us": 150,  # ≤
    "ratio_to_floor": 2.5,  # ≤
    "batch_rows_per_second_per_worker": 15_000,  # ≥
    "memory_growth_percent": 10,  # within ±
    "batch_per_worker_vs_in_process": 0.85,  # ≥
    "two_workers_vs_one": 1.7,  # ≥, on two idle cores
    "compact_row_bytes": 1_500,  # ≤, --citations ids, mean over the corpus
}


# --------------------------------------------------------------------------- the corpus


def _shift_text(text: str, delta: timedelta) -> str:
    """Shift an ISO date-time string (offset or [Zone] form) by ``delta`` of wall time."""
    m = re.fullmatch(r"([^\[]+)(\[[^\]]+\])?", text.strip())
    if not m:
        return text
    try:
        if len(m[1]) == 10:  # a date
            return (date.fromisoformat(m[1]) + timedelta(days=delta.days)).isoformat()
        return (datetime.fromisoformat(m[1]) + delta).isoformat() + (m[2] or "")
    except ValueError:
        return text


def shifted(data: Any, delta: timedelta) -> Any:
    """A copy of a case with every date and date-time moved by ``delta`` (dates by its days)."""
    if isinstance(data, dict):
        return {k: shifted(v, delta) for k, v in data.items()}
    if isinstance(data, list):
        return [shifted(v, delta) for v in data]
    if isinstance(data, datetime):
        return data + delta
    if isinstance(data, date):
        return data + timedelta(days=delta.days)
    if isinstance(data, str) and len(data) >= 10 and data[:4].isdigit() and data[4] == "-":
        return _shift_text(data, delta)
    return data


def jsonable(data: Any) -> Any:
    """The case as JSON Lines carry it: dates and date-times as ISO strings, decimals as text."""
    if isinstance(data, dict):
        return {k: jsonable(v) for k, v in data.items()}
    if isinstance(data, list):
        return [jsonable(v) for v in data]
    if isinstance(data, date | datetime):
        return data.isoformat()
    if isinstance(data, Decimal):
        return str(data)
    return data


def load_corpus(
    variants: int, log: Callable[[str], None]
) -> tuple[dict[str, Any], str, list[dict[str, Any]], dict[str, str]]:
    """Settings tables, settings text, the case dicts, and why any vendor was skipped."""
    import tomllib

    from supportcore import load_plugins
    from supportcore.convert import read_document

    installed = set(load_plugins().vendors)
    tables: dict[str, Any] = {}
    texts: list[str] = []
    cases: list[dict[str, Any]] = []
    skipped: dict[str, str] = {}
    for vendor in VENDORS:
        folder = ROOT / "examples" / vendor
        if vendor not in installed:
            skipped[vendor] = "plugin not installed"
            log(f"[yellow]skipping {vendor}: plugin not installed[/]")
            continue
        files = sorted(folder.glob("0*.toml")) + sorted(folder.glob("1*.toml"))
        settings = folder / "settings.toml"
        if not files or not settings.exists():
            skipped[vendor] = "no example cases or settings"
            log(f"[yellow]skipping {vendor}: no example cases or settings[/]")
            continue
        text = settings.read_text(encoding="utf-8")
        texts.append(text)
        tables.update(tomllib.loads(text, parse_float=Decimal))
        for f in files:
            base = read_document(f)
            for k in range(variants):
                # whole days move the weekday and the holidays; the minutes move the hour
                delta = timedelta(days=k * 3 - variants, minutes=k * 53)
                case = jsonable(shifted(base, delta))
                case["id"] = f"{base.get('id', f.stem)}~{k}"
                cases.append(case)
    return tables, "\n".join(texts), cases, skipped


def valid_cases(engine: Any, cases: list[dict[str, Any]]) -> tuple[list[dict[str, Any]], int]:
    """The cases that make a decision without a plugin failure (the others are dropped)."""
    from supportcore.convert import InputError

    kept = []
    for case in cases:
        try:
            decision = engine.evaluate(case)
        except InputError:
            continue
        if not decision.failures:
            kept.append(case)
    return kept, len(cases) - len(kept)


# --------------------------------------------------------------------------- the floor vendor


def floor_name(currency: str) -> str:
    """The floor vendor of a currency: ``floor`` (EUR), ``floor_clp``, ``floor_mxn`` …"""
    return FLOOR if currency == "EUR" else f"{FLOOR}_{currency.lower()}"


def floor_plugins(
    categories: dict[str, str], currencies: Iterable[str]
) -> list[tuple[str, object]]:
    """A floor vendor per currency (a case's amounts must be in its vendor's currency)."""
    return [(floor_name(c), floor_plugin(categories, c)) for c in sorted({"EUR", *currencies})]


def floor_cases(cases: list[dict[str, Any]], currencies: dict[str, str]) -> list[dict[str, Any]]:
    """The cases given to the floor vendor of their vendor's currency."""
    return [{**c, "vendor": floor_name(currencies.get(c["vendor"], "EUR"))} for c in cases]


def floor_plugin(categories: dict[str, str], currency: str = "EUR") -> object:
    """A vendor whose hooks do nothing but answer: the cost of the core around them."""
    name = floor_name(currency)
    from supportcore import (
        Closure,
        Coverage,
        Eligibility,
        Quote,
        Service,
        TermsCatalogue,
        TermsVersion,
        VendorInfo,
        hookimpl,
    )
    from supportcore.terms import Clause

    terms = TermsCatalogue(
        vendor=name,
        versions=(
            TermsVersion(
                vendor=name,
                version="1",
                effective_from=date(2000, 1, 1),
                clauses=(Clause("F1", "Nothing is decided here.", "A benchmark floor."),),
            ),
        ),
    )
    info = VendorInfo(
        name=name,
        title="Do-nothing floor",
        country="ES",
        currency=currency,
        timezone="Europe/Madrid",
        categories=categories,
    )
    eligibility = Eligibility("undetermined")
    quote = Quote(currency=currency, status="undetermined")
    closure = Closure("undetermined")

    class Floor:
        # The hook API the vendors are written for: the same calls around the hooks (the
        # facts assessed first, the tables' input checks, the context they get).
        SUPPORTCORE_HOOK_API = 2

        @hookimpl
        def supportcore_vendor_info(self) -> VendorInfo:
            return info

        @hookimpl
        def supportcore_terms(self) -> TermsCatalogue:
            return terms

        @hookimpl
        def supportcore_prepare(self, settings: Any, terms: Any, calendars: Any) -> None:
            return None

        @hookimpl
        def supportcore_assess(self, ctx: Any) -> None:
            return None

        @hookimpl
        def supportcore_check_case(self, ctx: Any) -> None:
            return None

        @hookimpl
        def supportcore_service_hours(self, ctx: Any) -> Service:
            return Service(channel="phone")

        @hookimpl
        def supportcore_eligibility(self, ctx: Any, service: Any) -> Eligibility:
            return eligibility

        @hookimpl
        def supportcore_exclusions(self, ctx: Any, eligibility: Any) -> Coverage:
            return Coverage("undetermined", ctx.case.request.category)

        @hookimpl
        def supportcore_pricing(self, ctx: Any, eligibility: Any, coverage: Any) -> Quote:
            return quote

        @hookimpl
        def supportcore_closure(self, ctx: Any, eligibility: Any, coverage: Any) -> Closure:
            return closure

    # Not a package's class (this script is __main__): it ships no message catalogs.
    Floor.__module__ = "supportcore_bench_floor"
    return Floor()


# --------------------------------------------------------------------------- the test vendor

#: The core's made-up test vendor (tests/fixtures/acme_support, with its sample case and
#: settings): a light vendor whose hooks do a little real work (a calendar, a quote, a timer).
#: Measured as a reference for the core's share.


def acme_reference(total: int) -> dict[str, Any] | None:
    """Full decisions and the floor with the test vendor, if this is a source checkout."""
    fixtures = ROOT / "tests" / "fixtures"
    if not (fixtures / "acme_support").is_dir():
        return None
    sys.path.insert(0, str(fixtures))
    import acme_support  # type: ignore[import-not-found]
    from acme_support import ACME_BASE as ACME_CASE  # type: ignore[import-not-found]
    from acme_support import ACME_SETTINGS  # type: ignore[import-not-found]

    from supportcore import CATEGORIES, Engine
    from supportcore.convert import decision_to_dict

    categories = {**CATEGORIES, "widget_jam": "the widget is jammed"}
    engine = Engine(
        ACME_SETTINGS,
        entry_points=False,
        extra=[("acme", acme_support), *floor_plugins(categories, ["EUR"])],
    )
    cases = []
    for k in range(60):
        case = jsonable(shifted(ACME_CASE, timedelta(days=k * 5 - 150, minutes=k * 41)))
        case["id"] = f"T-{k}"
        case["request"]["category"] = ("installation", "training", "hardware", "widget_jam")[k % 4]
        case["request"]["channel"] = ("phone", "email")[k % 2]
        if k % 3:
            local, zone = case["at"].split("[")
            reply = (datetime.fromisoformat(local) - timedelta(minutes=25)).isoformat()
            case["ticket"] = {"events": [{"at": f"{reply}[{zone}", "kind": "vendor_reply"}]}
        cases.append(case)
    cases, _ = valid_cases(engine, cases)
    floored = floor_cases(cases, {"acme": engine.plugins.vendors["acme"].info.currency})

    def full(case: dict[str, Any]) -> Any:
        return decision_to_dict(engine.evaluate(case))

    for c in cases + floored:
        full(c)
    floor = summary_us(latencies(full, floored, total))
    decisions = summary_us(latencies(full, cases, total))
    return {
        "corpus_cases": len(cases),
        "floor": floor,
        "full": decisions,
        "ratio_to_floor": round(decisions["mean_us"] / floor["mean_us"], 2),
    }


# --------------------------------------------------------------------------- in-process timing


def latencies(fn: Callable[[Any], Any], items: list[Any], total: int) -> list[int]:
    """Nanoseconds per call of ``fn(item)``, over ``total`` calls cycling through ``items``."""
    if not items:
        raise ValueError("nothing to measure: no valid case")
    out: list[int] = []
    clock = time.perf_counter_ns
    rng = random.Random(7)
    order = list(items)
    while len(out) < total:
        rng.shuffle(order)
        for item in order[: total - len(out)]:
            t0 = clock()
            fn(item)
            out.append(clock() - t0)
    return out


def summary_us(ns: list[int]) -> dict[str, float]:
    s = sorted(ns)
    n = len(s)
    mean = sum(s) / n
    return {
        "n": n,
        "mean_us": round(mean / 1000, 2),
        "p50_us": round(s[n // 2] / 1000, 2),
        "p99_us": round(s[min(n - 1, int(n * 0.99))] / 1000, 2),
        "per_second": round(1e9 / mean),
    }


def mean_us(fn: Callable[[Any], Any], items: list[Any], rounds: int) -> float:
    best = float("inf")
    for _ in range(rounds):
        t0 = time.perf_counter_ns()
        for item in items:
            fn(item)
        best = min(best, (time.perf_counter_ns() - t0) / len(items) / 1000)
    return round(best, 2)


def in_process(
    tables: dict[str, Any], cases: list[dict[str, Any]], total: int, log: Callable[[str], None]
) -> dict[str, Any]:
    from supportcore import CATEGORIES, Engine
    from supportcore.convert import case_from_dict, decision_to_dict

    probe = Engine(tables)
    categories: dict[str, str] = dict(CATEGORIES)
    currencies = {name: vp.info.currency for name, vp in probe.plugins.vendors.items()}
    for vp in probe.plugins.vendors.values():
        categories.update(vp.info.categories)
    engine = Engine(tables, extra=floor_plugins(categories, currencies.values()))
    cases, dropped = valid_cases(engine, cases)
    log(f"corpus: {len(cases):,} cases ({dropped:,} variants dropped as invalid)")
    floored = floor_cases(cases, currencies)

    def full(case: dict[str, Any]) -> Any:
        return decision_to_dict(engine.evaluate(case))

    for c in cases[:2000] + floored[:2000]:  # warm caches (calendar days, tax ids)
        full(c)
    gc.collect()
    floor = summary_us(latencies(full, floored, total))
    decisions = summary_us(latencies(full, cases, total))
    cpu0 = time.process_time()
    wall0 = time.perf_counter()
    for c in cases:
        full(c)
    cpu_rate = len(cases) / max(time.process_time() - cpu0, 1e-9)
    wall_rate = len(cases) / (time.perf_counter() - wall0)

    structured = [case_from_dict(c) for c in cases]
    made = [engine.evaluate(c) for c in structured]
    parts = {
        "structure_us": mean_us(case_from_dict, cases, 3),
        "evaluate_us": mean_us(engine.evaluate, structured, 3),
        "unstructure_us": mean_us(decision_to_dict, made, 3),
    }
    floor_structured = [case_from_dict(c) for c in floored]
    floor_made = [engine.evaluate(c) for c in floor_structured]
    floor_parts = {
        "structure_us": mean_us(case_from_dict, floored, 3),
        "evaluate_us": mean_us(engine.evaluate, floor_structured, 3),
        "unstructure_us": mean_us(decision_to_dict, floor_made, 3),
    }
    per_vendor: dict[str, Any] = {}
    for vendor in sorted({c["vendor"] for c in cases}):
        mine = [c for c in cases if c["vendor"] == vendor]
        per_vendor[vendor] = {
            "cases": len(mine),
            **summary_us(latencies(full, mine, min(total, 20 * len(mine)))),
        }
    return {
        "corpus_cases": len(cases),
        "dropped_variants": dropped,
        "floor": {**floor, **floor_parts},
        "full": {
            **decisions,
            **parts,
            "cpu_decisions_per_second": round(cpu_rate),
            "wall_decisions_per_second_one_pass": round(wall_rate),
        },
        "ratio_to_floor": round(decisions["mean_us"] / floor["mean_us"], 2),
        "ratio_to_floor_p50": round(decisions["p50_us"] / floor["p50_us"], 2),
        "per_vendor": per_vendor,
    }


def profile_breakdown(tables: dict[str, Any], cases: list[dict[str, Any]]) -> list[list[Any]]:
    """Where a full decision spends its time: self time by source file, in percent (cProfile
    inflates many small calls, so read it as proportions, not as microseconds)."""
    import cProfile
    import pstats

    from supportcore import Engine
    from supportcore.convert import decision_to_dict

    engine = Engine(tables)
    for c in cases:
        decision_to_dict(engine.evaluate(c))
    profiler = cProfile.Profile()
    profiler.enable()
    for c in cases:
        decision_to_dict(engine.evaluate(c))
    profiler.disable()
    by_file: dict[str, float] = {}
    stats: Any = pstats.Stats(profiler).stats  # type: ignore[attr-defined]
    for (filename, _line, _name), (_cc, _nc, tottime, _ct, _callers) in stats.items():
        key = filename
        if "/plugins/" in key and "/src/" in key:
            key = "plugins/" + key.split("/plugins/")[1].split("/src/")[0] + "/…/" + Path(key).name
        elif "/src/supportcore/" in key:
            key = "supportcore/" + key.split("/src/supportcore/")[1]
        elif "site-packages/" in key:
            key = key.split("site-packages/")[1]
        elif key == "~":
            key = "(built-in functions)"
        elif key.startswith("<"):
            key = key.split(" ")[0] + " " + key.split(" ")[-1] if " " in key else key
        else:
            key = "stdlib " + Path(key).name
        by_file[key] = by_file.get(key, 0.0) + tottime
    total = sum(by_file.values()) or 1.0
    ranked = sorted(by_file.items(), key=lambda kv: -kv[1])[:25]
    return [[name, round(t / total * 100, 1)] for name, t in ranked]


# --------------------------------------------------------------------------- batch runs


def write_jsonl(path: Path, cases: list[dict[str, Any]], rows: int) -> None:
    """``rows`` cases cycling through the corpus, each with its own id."""
    templates = []
    for case in cases:
        body = {k: v for k, v in case.items() if k != "id"}
        text = json.dumps(body, ensure_ascii=False, separators=(",", ":"), default=str)
        templates.append('{"id":"' + case["id"].replace("%", "%%") + '#%d",' + text[1:] + "\n")
    with path.open("w", encoding="utf-8") as f:
        n = len(templates)
        batch = []
        for i in range(rows):
            batch.append(templates[i % n] % i)
            if len(batch) == 10_000:
                f.write("".join(batch))
                batch = []
        f.write("".join(batch))


def measure_batch(src: Path, settings: Path, jobs: int) -> dict[str, Any]:
    """Run one batch in a fresh process and return its figures (and its peak memory)."""
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else None
    with tempfile.TemporaryDirectory(dir=src.parent) as tmp:
        out = Path(tmp) / "out.jsonl"
        cmd = [
            sys.executable,
            __file__,
            "--measure-batch",
            str(src),
            str(out),
            str(settings),
            str(jobs),
        ]
        proc = subprocess.run(cmd, capture_output=True, text=True, check=False)
        if proc.returncode != 0:
            raise RuntimeError(f"batch measurement failed:\n{proc.stderr}")
        result: dict[str, Any] = json.loads(proc.stdout)
        result["output_bytes"] = out.stat().st_size if out.exists() else 0
        result["load_average_before"] = load
    return result


def child_measure_batch(src: str, out: str, settings: str, jobs: int) -> None:
    """(In the child process.) Run the batch; print figures and peak memory as JSON."""
    from supportcore.batch import run_batch

    summary = run_batch(src, out, settings=settings, jobs=jobs, progress=False)
    self_usage = resource.getrusage(resource.RUSAGE_SELF)
    child_usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    me, workers = self_usage.ru_maxrss, child_usage.ru_maxrss
    parent_cpu = self_usage.ru_utime + self_usage.ru_stime
    kb = 1 if sys.platform != "darwin" else 1 / 1024  # ru_maxrss: KiB on Linux, bytes on macOS
    print(
        json.dumps(
            {
                "rows": summary.rows,
                "ok": summary.ok,
                "input_errors": summary.input_errors,
                "plugin_errors": summary.plugin_errors,
                "jobs": summary.jobs,
                "seconds": round(summary.seconds, 3),
                "rows_per_second": round(summary.rows_per_second),
                "rows_per_second_per_worker": round(summary.rows_per_second / summary.jobs),
                "parent_cpu_us_per_row": round(parent_cpu / max(summary.rows, 1) * 1e6, 1),
                "workers_cpu_seconds": round(child_usage.ru_utime + child_usage.ru_stime, 1),
                "peak_rss_parent_mib": round(me * kb / 1024, 1),
                "peak_rss_worker_mib": round(workers * kb / 1024, 1) if summary.jobs > 1 else None,
            }
        )
    )


def batch_row_costs(tables: dict[str, Any], cases: list[dict[str, Any]]) -> dict[str, Any]:
    """What a batch row costs beyond the decision, in one process (µs, best of three passes):
    reading the JSON line, the decision, writing it as JSON text (what batch writes) against
    as a dict (what the in-process figures include), and a whole row through the batch's own
    chunk function."""
    from supportcore import Engine
    from supportcore.batch import RowOptions
    from supportcore.batch._common import parse_json
    from supportcore.batch._rows import run_chunk
    from supportcore.convert import decision_to_dict, decision_to_json

    engine = Engine(tables)
    lines = [
        (json.dumps(c, ensure_ascii=False, separators=(",", ":"), default=str) + "\n").encode()
        for c in cases
    ]
    parsed = [parse_json(line) for line in lines]
    made = [engine.evaluate(c) for c in parsed]
    chunk = list(enumerate(lines, 1))
    options = RowOptions()

    def whole(_: Any) -> None:
        for k in range(0, len(chunk), 500):
            run_chunk(engine, None, options, chunk[k : k + 500])

    for c in parsed:  # warm
        decision_to_dict(engine.evaluate(c))
    in_process = mean_us(lambda c: decision_to_dict(engine.evaluate(c)), parsed, 3)
    row = round(mean_us(whole, [None], 3) / len(chunk), 2)
    return {
        "parse_json_us": mean_us(parse_json, lines, 3),
        "evaluate_us": mean_us(engine.evaluate, parsed, 3),
        "decision_to_dict_us": mean_us(decision_to_dict, made, 3),
        "decision_to_json_us": mean_us(decision_to_json, made, 3),
        "in_process_decision_us": in_process,
        "batch_row_us": row,
        "batch_row_vs_in_process": round(in_process / row, 3),
    }


def cpu_ratios(result: dict[str, Any], jobs: int) -> dict[str, Any]:
    """The batch ratios from CPU time rather than wall time: what they would be on idle cores
    (CPU time moves far less with the machine's load than wall time does).

    Per worker: CPU µs per row of a one-worker run (the process reads, evaluates, writes)
    against CPU µs per decision in process (one pass over the corpus in order). Two workers
    against one: the one-worker run's CPU per row over what a row takes on ``jobs`` idle cores
    with the parent and the workers sharing them (the busier of: the parent's CPU per row, the
    whole CPU per row spread over the cores)."""

    def cpu_per_row(run: dict[str, Any]) -> tuple[float, float]:
        parent = float(run["parent_cpu_us_per_row"])
        workers = float(run["workers_cpu_seconds"]) * 1e6 / max(int(run["rows"]), 1)
        return parent, parent + workers

    in_process = 1e6 / result["in_process"]["full"]["cpu_decisions_per_second"]
    _, one = cpu_per_row(result["batch"]["1 worker"])
    out: dict[str, Any] = {
        "in_process_cpu_us_per_decision": round(in_process, 1),
        "one_worker_cpu_us_per_row": round(one, 1),
        "batch_per_worker_vs_in_process": round(in_process / one, 3),
    }
    many = result["batch"].get(f"{jobs} workers")
    if many is not None and jobs > 1:
        parent, total = cpu_per_row(many)
        out[f"{jobs}_workers_cpu_us_per_row"] = round(total, 1)
        out[f"{jobs}_workers_parent_cpu_us_per_row"] = round(parent, 1)
        out[f"{jobs}_workers_vs_one_on_idle_cores"] = round(one / max(parent, total / jobs), 3)
    return out


def _field_bytes(decision: dict[str, Any]) -> dict[str, int]:
    return {
        k: len(json.dumps(v, ensure_ascii=False, separators=(",", ":")))
        for k, v in decision.items()
    }


def row_sizes(src: Path, settings: Path, rows: int) -> dict[str, Any]:
    """Bytes per output row: JSON Lines with full and with compact citations, Parquet; and
    what the fields of a compact decision row cost, on average."""
    from supportcore.batch import clauses_path, run_batch

    sizes: dict[str, Any] = {}
    with tempfile.TemporaryDirectory(dir=src.parent) as tmp:
        work = Path(tmp)
        runs = {
            "jsonl_full": ("out.jsonl", "full"),
            "jsonl_ids": ("ids.jsonl", "ids"),
            "parquet_full": ("out.parquet", "full"),
            "parquet_ids": ("ids.parquet", "ids"),
        }
        for name, (file, citations) in runs.items():
            out = work / file
            if out.suffix == ".parquet":
                try:
                    import pyarrow  # noqa: F401
                except ImportError:
                    continue
            summary = run_batch(src, out, settings=settings, jobs=1, citations=citations)
            sizes[name] = round(out.stat().st_size / summary.rows, 1)
            if citations == "ids":
                sizes[f"{name}_clauses_file_bytes"] = clauses_path(out).stat().st_size
        fields: dict[str, int] = {}
        biggest = 0
        n = 0
        with (work / "ids.jsonl").open(encoding="utf-8") as f:
            for line in f:
                biggest = max(biggest, len(line.encode("utf-8")) - 1)
                row = json.loads(line)
                if row.get("ok"):
                    n += 1
                    for k, v in _field_bytes(row["decision"]).items():
                        fields[k] = fields.get(k, 0) + v
        sizes["jsonl_ids_max"] = biggest
        sizes["compact_decision_fields"] = {
            k: round(v / max(n, 1)) for k, v in sorted(fields.items(), key=lambda kv: -kv[1])
        }
    sizes["rows"] = rows
    return sizes


# --------------------------------------------------------------------------- report


def machine() -> dict[str, Any]:
    from supportcore.batch import default_jobs

    cpu = platform.processor() or ""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    try:
        mem = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    except (ValueError, OSError, AttributeError):
        mem = 0.0
    return {
        "python": platform.python_version(),
        "implementation": platform.python_implementation(),
        "platform": platform.platform(),
        "cpu": cpu,
        "cores_used": default_jobs(),
        "memory_gib": round(mem, 1),
    }


def targets(result: dict[str, Any]) -> dict[str, Any]:
    ip = result["in_process"]
    full = ip["full"]
    checks: dict[str, Any] = {
        "decisions_per_second": (full["per_second"], ">=", TARGETS["decisions_per_second"]),
        "p50_us": (full["p50_us"], "<=", TARGETS["p50_us"]),
        "p99_us": (full["p99_us"], "<=", TARGETS["p99_us"]),
        "ratio_to_floor": (ip["ratio_to_floor"], "<=", TARGETS["ratio_to_floor"]),
    }
    batch = result.get("batch", {})
    if batch:
        per_worker = min(r["rows_per_second_per_worker"] for r in batch.values())
        checks["batch_rows_per_second_per_worker"] = (
            per_worker,
            ">=",
            TARGETS["batch_rows_per_second_per_worker"],
        )
    mem = result.get("memory", {})
    if mem.get("growth_percent") is not None:
        checks["memory_growth_percent"] = (
            mem["growth_percent"],
            "<=",
            TARGETS["memory_growth_percent"],
        )
    ratios = result.get("ratios", {})
    for name in ("batch_per_worker_vs_in_process", "two_workers_vs_one"):
        if ratios.get(name) is not None:
            checks[name] = (ratios[name], ">=", TARGETS[name])
    sizes = result.get("row_bytes", {})
    if sizes.get("jsonl_ids") is not None:
        checks["compact_row_bytes"] = (sizes["jsonl_ids"], "<=", TARGETS["compact_row_bytes"])
    out = {}
    for name, (value, op, target) in checks.items():
        ok = value >= target if op == ">=" else abs(value) <= target
        out[name] = {"value": value, "target": f"{op} {target}", "met": ok}
    return out


def print_report(result: dict[str, Any], console: Any) -> None:
    from rich.table import Table

    ip = result["in_process"]
    table = Table(title="in process, one core (µs per decision)")
    for col in ("", "cases", "/s", "mean", "p50", "p99", "struct", "eval", "unstr"):
        table.add_column(col, justify="left" if not col else "right")
    for label, row in (("floor", ip["floor"]), ("full", ip["full"])):
        table.add_row(
            label,
            f"{ip['corpus_cases']:,}",
            f"{row['per_second']:,}",
            f"{row['mean_us']:.0f}",
            f"{row['p50_us']:.0f}",
            f"{row['p99_us']:.0f}",
            f"{row['structure_us']:.1f}",
            f"{row['evaluate_us']:.1f}",
            f"{row['unstructure_us']:.1f}",
        )
    for vendor, row in ip["per_vendor"].items():
        table.add_row(
            f"  {vendor}",
            str(row["cases"]),
            f"{row['per_second']:,}",
            f"{row['mean_us']:.0f}",
            f"{row['p50_us']:.0f}",
            f"{row['p99_us']:.0f}",
        )
    console.print(table)
    console.print(
        f"full / floor: {ip['ratio_to_floor']}× (mean), {ip['ratio_to_floor_p50']}× (p50)"
    )
    ref = result.get("test_vendor_reference")
    if ref:
        rt = Table(title="reference: the core's test vendor (acme), µs per decision")
        for col in ("", "cases", "/s", "mean", "p50", "p99"):
            rt.add_column(col, justify="left" if not col else "right")
        for label in ("floor", "full"):
            row = ref[label]
            rt.add_row(
                label,
                str(ref["corpus_cases"]),
                f"{row['per_second']:,}",
                f"{row['mean_us']:.0f}",
                f"{row['p50_us']:.0f}",
                f"{row['p99_us']:.0f}",
            )
        console.print(rt)
        console.print(f"test vendor full / floor: {ref['ratio_to_floor']}×")
    profile = result.get("profile_self_time_percent")
    if profile:
        pt = Table(title="where a full decision's time goes (self time)")
        pt.add_column("source")
        pt.add_column("%", justify="right")
        for name, pct in profile[:12]:
            pt.add_row(name, f"{pct:.1f}")
        console.print(pt)
    if result.get("batch"):
        bt = Table(title="batch, JSON Lines in and out")
        for col in ("run", "rows", "jobs", "rows/s", "/worker", "parent MiB", "worker MiB"):
            bt.add_column(col, justify="right" if col != "run" else "left")
        runs = [(f"speed, {k}", v) for k, v in result["batch"].items()]
        runs += [(f"memory, {k}", v) for k, v in result["memory"]["runs"].items()]
        for label, r in runs:
            bt.add_row(
                label,
                f"{r['rows']:,}",
                str(r["jobs"]),
                f"{r['rows_per_second']:,}",
                f"{r['rows_per_second_per_worker']:,}",
                f"{r['peak_rss_parent_mib']}",
                "" if r["peak_rss_worker_mib"] is None else f"{r['peak_rss_worker_mib']}",
            )
        console.print(bt)
        growth = result["memory"]["growth_percent"]
        console.print(f"peak memory, smallest to largest run: {growth:+} %")
    if result.get("ratios"):
        r = result["ratios"]
        console.print(
            f"batch per worker / in process: {r['batch_per_worker_vs_in_process']}×; "
            f"two workers / one: {r.get('two_workers_vs_one')}× (wall time)"
        )
        console.print(f"by CPU time (as on idle cores): {result.get('ratios_by_cpu')}")
    if result.get("batch_row_costs"):
        c = result["batch_row_costs"]
        console.print(
            f"per row (µs): parse {c['parse_json_us']}, evaluate {c['evaluate_us']}, "
            f"to JSON {c['decision_to_json_us']} (to dict {c['decision_to_dict_us']}); "
            f"batch row {c['batch_row_us']} against {c['in_process_decision_us']} in process"
        )
    if result.get("row_bytes"):
        b = result["row_bytes"]
        console.print(
            "bytes per row: "
            + ", ".join(f"{k} {v:,}" for k, v in b.items() if isinstance(v, int | float))
        )
        console.print(f"compact decision, bytes by field: {b['compact_decision_fields']}")
    tt = Table(title="targets")
    for col in ("target", "measured", "wanted", "met"):
        tt.add_column(col)
    for name, t in result["targets"].items():
        met = "[green]yes[/]" if t["met"] else "[red]no[/]"
        tt.add_row(name, str(t["value"]), t["target"], met)
    console.print(tt)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="a shorter run (smaller inputs)")
    parser.add_argument("--variants", type=int, default=None, help="variants per example case")
    parser.add_argument("--decisions", type=int, default=None, help="timed decisions")
    parser.add_argument("--batch-rows", type=int, default=None)
    parser.add_argument("--memory-rows", default=None, help="comma-separated row counts")
    parser.add_argument("--jobs", type=int, default=None, help="workers (default: every core)")
    parser.add_argument("--no-batch", action="store_true", help="in-process figures only")
    parser.add_argument("--out", type=Path, default=RESULTS / "latest.json")
    parser.add_argument("--measure-batch", nargs=4, metavar=("IN", "OUT", "SETTINGS", "JOBS"))
    args = parser.parse_args()
    if args.measure_batch:
        src, out, settings, jobs = args.measure_batch
        child_measure_batch(src, out, settings, int(jobs))
        return

    from rich.console import Console

    from supportcore.batch import default_jobs

    console = Console(stderr=True)
    log = console.print
    quick = args.quick
    variants = args.variants or (10 if quick else 40)
    total = args.decisions or (20_000 if quick else 100_000)
    batch_rows = args.batch_rows or (20_000 if quick else 200_000)
    memory_rows = [
        int(x)
        for x in (args.memory_rows or ("10000,100000" if quick else "100000,1000000")).split(",")
    ]
    jobs = args.jobs or default_jobs()

    started = time.time()
    result: dict[str, Any] = {
        "when": datetime.now().astimezone().isoformat(timespec="seconds"),
        "quick": quick,
        "machine": machine(),
        "load_average_start": list(os.getloadavg()) if hasattr(os, "getloadavg") else None,
    }
    log(f"[bold]supportcore benchmark[/] on {result['machine']['cpu']}, {jobs} cores")
    tables, settings_text, cases, skipped = load_corpus(variants, log)
    result["vendors"] = sorted({c["vendor"] for c in cases})
    result["skipped_vendors"] = skipped
    if not cases:
        log("[red]no vendor plugin with examples is installed: nothing to measure[/]")
        sys.exit(1)
    log(f"measuring {total:,} full decisions and {total:,} floor decisions in process …")
    result["in_process"] = in_process(tables, cases, total, log)
    log("the test vendor (tests/fixtures/acme_support), as a reference for the core …")
    result["test_vendor_reference"] = acme_reference(min(total, 50_000))
    from supportcore import Engine

    good, _ = valid_cases(Engine(tables), cases)  # (a shifted time may fall in a DST gap)
    log("profiling where a decision spends its time …")
    sample = random.Random(3).sample(good, min(len(good), 1500))
    result["profile_self_time_percent"] = profile_breakdown(tables, sample)
    if not args.no_batch:
        with tempfile.TemporaryDirectory(prefix="supportcore-bench-") as tmp:
            work = Path(tmp)
            settings = work / "settings.toml"
            settings.write_text(settings_text, encoding="utf-8")
            src = work / "cases.jsonl"
            log(f"writing {batch_rows:,} cases as JSON Lines …")
            write_jsonl(src, good, batch_rows)
            result["batch"] = {}
            for n in sorted({1, jobs}):
                log(f"batch, {batch_rows:,} rows, {n} worker(s) …")
                result["batch"][f"{n} worker" + ("s" if n > 1 else "")] = measure_batch(
                    src, settings, n
                )
            log("what a batch row costs beyond the decision …")
            result["batch_row_costs"] = batch_row_costs(tables, good)
            log("bytes per output row (full, compact, Parquet) …")
            sizes_src = work / "sizes.jsonl"
            write_jsonl(sizes_src, good, len(good))
            result["row_bytes"] = row_sizes(sizes_src, settings, len(good))
            one = result["batch"]["1 worker"]["rows_per_second"]
            many = result["batch"].get(f"{jobs} workers", {}).get("rows_per_second")
            result["ratios_by_cpu"] = cpu_ratios(result, jobs)
            result["ratios"] = {
                "in_process_decisions_per_second": result["in_process"]["full"]["per_second"],
                "batch_per_worker_vs_in_process": round(
                    one / result["in_process"]["full"]["per_second"], 3
                ),
                "two_workers_vs_one": round(many / one, 3) if many and jobs == 2 else None,
                f"{jobs}_workers_vs_one": round(many / one, 3) if many else None,
            }
            runs: dict[str, Any] = {}
            for rows in memory_rows:
                src = work / f"cases-{rows}.jsonl"
                log(f"writing {rows:,} cases; batch with {jobs} workers for peak memory …")
                write_jsonl(src, good, rows)
                runs[f"{rows:,}"] = measure_batch(src, settings, jobs)
                src.unlink()

            def peak(r: dict[str, Any]) -> float:  # the parent and every worker at its peak
                worker = float(r["peak_rss_worker_mib"] or 0)
                return float(r["peak_rss_parent_mib"]) + int(r["jobs"]) * worker

            first, last = runs[f"{memory_rows[0]:,}"], runs[f"{memory_rows[-1]:,}"]
            result["memory"] = {
                "runs": runs,
                "growth_percent": round((peak(last) / peak(first) - 1) * 100, 1),
                "parent_growth_percent": round(
                    (last["peak_rss_parent_mib"] / first["peak_rss_parent_mib"] - 1) * 100, 1
                ),
            }
    result["targets"] = targets(result)
    result["load_average_end"] = list(os.getloadavg()) if hasattr(os, "getloadavg") else None
    result["seconds"] = round(time.time() - started, 1)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    print_report(result, Console())
    log(f"results written to {args.out} ({result['seconds']} s)")


if __name__ == "__main__":
    main()
