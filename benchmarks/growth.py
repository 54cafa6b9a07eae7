"""Growth benchmark: what a decision costs as a ticket grows, vendor by vendor, kind by kind.

Every installed vendor's example cases (``examples/<vendor>/``, with its ``settings.toml``, as
``benchmarks/bench.py`` loads them) get 1, 10, 100, 1,000 and 10,000 more events of one kind
(``--quick``: up to 1,000): notes, vendor replies, customer replies, work sessions,
appointments booked and cancelled, waiting/reopen cycles, payments (a booking and its
cancellation, a wait and its reopening, are two events). The added events come
before the example's own, evenly spaced from the request's arrival, so that the case stays
valid (events in order, none after ``at``; an appointment is a ``remote`` session, a payment
an attention in the vendor's currency). Each case is decided a few times (dict in, a
``Decision`` out); the table shows the seconds per decision of the slowest example and the
log-log slope from 1,000 to 10,000 events (1.0: linear, 2.0: quadratic). The targets: a slope
of at most 1.1 and a 10,000-event decision under 1 s. A case holds at most 10,000 list items
by default (``supportcore.limits``): the benchmark raises the limit, as an integrator with
larger inputs would.

A series whose next size would take longer than ``--max-seconds`` (predicted from the last two
sizes; one that grows faster than linearly is taken as quadratic) is stopped and marked; one
that took longer is not grown further.

Two more measurements (``--sections``):

* ``timeline``: building a :class:`supportcore.timeline.Timeline` of 0, 5 and 50 events;
* ``case``: building a ``Case`` from a dict, per event, against parsing its JSON, where the
  time goes for a 1,000-event ticket (cProfile), and prototypes of cheaper checks.

Run it where the core and the plugins are installed::

    python benchmarks/growth.py --quick
    python benchmarks/growth.py --vendor softmas --kind wait_reopen --max-seconds 60

Results: a table on the terminal and ``benchmarks/results/growth.json`` (git-ignored).
"""

from __future__ import annotations

import argparse
import cProfile
import gc
import io
import json
import math
import os
import platform
import pstats
import subprocess
import sys
import time
import timeit
from collections.abc import Callable, Iterator
from datetime import datetime, timedelta
from functools import partial
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

import bench

ROOT = bench.ROOT
RESULTS = ROOT / "benchmarks" / "results"
SIZES = (1, 10, 100, 1_000, 10_000)
QUICK_SIZES = (1, 10, 100, 1_000)
Unit = Callable[[datetime, timedelta, str], list[dict[str, Any]]]


# --------------------------------------------------------------------------- the added events


def _iso(dt: datetime) -> str:
    """As the example case files write instants: with the offset and the zone's name."""
    key = getattr(dt.tzinfo, "key", None)
    return f"{dt.isoformat()}[{key}]" if key else dt.isoformat()


def _one(kind: str, **more: Any) -> Unit:
    def unit(at: datetime, _step: timedelta, _currency: str) -> list[dict[str, Any]]:
        return [{"at": _iso(at), "kind": kind, **more}]

    return unit


def _appointment(at: datetime, step: timedelta, _currency: str) -> list[dict[str, Any]]:
    booked = {
        "at": _iso(at),
        "kind": "appointment_booked",
        "by": "vendor",
        "ref": "remote",
        "scheduled_for": _iso(at + timedelta(days=1)),
    }
    return [booked, {"at": _iso(at + step / 2), "kind": "appointment_cancelled", "by": "customer"}]


def _wait_reopen(at: datetime, step: timedelta, _currency: str) -> list[dict[str, Any]]:
    return [
        {"at": _iso(at), "kind": "waiting_on_customer", "by": "vendor"},
        {"at": _iso(at + step / 2), "kind": "reopened", "by": "customer"},
    ]


def _payment(at: datetime, _step: timedelta, currency: str) -> list[dict[str, Any]]:
    amount = {"amount": "1000", "currency": currency}
    return [{"at": _iso(at), "kind": "payment", "by": "customer", "amount": amount}]


#: Each kind's unit: the events one more of it adds (two for a booking and its cancellation,
#: and for a wait and the reopening after it; one for the others).
KINDS: dict[str, Unit] = {
    "note": _one("note", by="vendor", note="internal note"),
    "vendor_reply": _one("vendor_reply", by="vendor"),
    "customer_reply": _one("customer_reply", by="customer"),
    "work_session": _one("work_session", by="vendor", minutes=1),
    "appointment": _appointment,
    "wait_reopen": _wait_reopen,
    "payment": _payment,
}


PAIRS = ("appointment", "wait_reopen")


def units_for(kind: str, events: int) -> int:
    """How many units of ``kind`` add ``events`` events (at least one)."""
    return max(1, events // (2 if kind in PAIRS else 1))


def grown(case: dict[str, Any], kind: str, units: int, currency: str) -> dict[str, Any]:
    """``case`` with ``units`` more of ``kind`` before its own events (a new dict)."""
    from supportcore.instants import parse_datetime

    events = list((case.get("ticket") or {}).get("events") or [])
    end = parse_datetime(events[0]["at"]) if events else parse_datetime(case["at"])
    start = parse_datetime(case["request"]["received_at"])
    if start.timestamp() >= end.timestamp():
        start = end - timedelta(days=1)
    step = (end - start) / (units + 1)  # (elapsed time: both are aware)
    zone = end.tzinfo
    added = [
        e
        for k in range(units)
        for e in KINDS[kind]((start + step * (k + 1)).astimezone(zone), step, currency)
    ]
    ticket = dict(case.get("ticket") or {}, events=added + events)
    return dict(case, ticket=ticket)


# --------------------------------------------------------------------------- measuring


def best_of(fn: Callable[[], Any], budget: float = 1.0, most: int = 7) -> float:
    """The quickest of a few runs of ``fn`` (seconds), within about ``budget`` seconds, with
    the garbage collector off while each runs (as ``timeit`` does)."""
    best, spent, runs = math.inf, 0.0, 0
    while runs < most and (runs == 0 or spent + best < budget):
        gc.collect()
        gc.disable()
        try:
            t0 = time.perf_counter()
            fn()
            took = time.perf_counter() - t0
        finally:
            gc.enable()
        best, spent, runs = min(best, took), spent + took, runs + 1
    return best


def slope(a: tuple[int, float] | None, b: tuple[int, float] | None) -> float | None:
    """The log-log slope between two (size, seconds) points."""
    if a is None or b is None or a[1] <= 0 or b[1] <= 0:
        return None
    return math.log(b[1] / a[1]) / math.log(b[0] / a[0])


def series(
    engine: Any, case: dict[str, Any], kind: str, sizes: tuple[int, ...], currency: str, cap: float
) -> Iterator[dict[str, Any]]:
    """One example grown by one kind through ``sizes``: a row per size."""
    from supportcore.convert import InputError, case_from_dict

    done: list[tuple[int, float]] = []
    for size in sizes:
        if len(done) >= 2:
            rate = slope(done[-2], done[-1]) or 1.0
            rate = 2.0 if rate > 1.3 else max(1.0, rate)  # faster than linear: take it as n²
            predicted = done[-1][1] * (size / done[-1][0]) ** rate
            if predicted > cap:
                yield {"size": size, "status": "stopped", "predicted_seconds": predicted}
                return
        units = units_for(kind, size)
        data = grown(case, kind, units, currency)
        events = len(data["ticket"]["events"])
        row = {"size": size, "units": units, "events": events}
        try:
            decision = engine.evaluate(data)
        except InputError as exc:
            yield {**row, "status": "invalid", "error": str(exc)}
            return
        if decision.failures:
            yield {**row, "status": "failure", "error": str(decision.failures[0])}
            return
        took = best_of(partial(engine.evaluate, data), budget=min(cap, 2.0))
        structure = best_of(partial(case_from_dict, data), budget=0.5)
        done.append((size, took))
        yield {
            **row,
            "status": "ok" if took <= cap else "slow",
            "seconds": took,
            "structure_seconds": structure,
        }
        if took > cap:
            return


def growth(
    args: argparse.Namespace, log: Callable[[str], None]
) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """Every row measured, and the summary per vendor and kind."""
    import attrs

    from supportcore import Engine
    from supportcore.limits import current, set_limits

    sizes = QUICK_SIZES if args.quick else SIZES
    # A case holds at most 10,000 list items by default, and the largest grown case 10,000
    # events more than its example: raised as an integrator with larger inputs would.
    most = max(sizes) + 1_000
    if current().max_items < most:
        set_limits(attrs.evolve(current(), max_items=most))
        log(f"limits: max_items raised to {most:,} (Limits.max_items)")
    tables, _, cases, skipped = bench.load_corpus(1, log)
    engine = Engine(tables)
    currency = {name: vp.info.currency for name, vp in engine.plugins.vendors.items()}
    rows: list[dict[str, Any]] = []
    by_vendor: dict[str, list[dict[str, Any]]] = {}
    for case in cases:
        by_vendor.setdefault(case["vendor"], []).append(case)
    for vendor in sorted(by_vendor):
        if args.vendor and vendor not in args.vendor:
            continue
        examples = by_vendor[vendor][: args.examples or None]
        for kind in KINDS:
            if args.kind and kind not in args.kind:
                continue
            t0 = time.perf_counter()
            for case in examples:
                for row in series(engine, case, kind, sizes, currency[vendor], args.max_seconds):
                    rows.append({"vendor": vendor, "example": case["id"], "kind": kind, **row})
            log(f"{vendor} {kind}: {len(examples)} examples, {time.perf_counter() - t0:.1f} s")
    for vendor, why in skipped.items():
        rows.append({"vendor": vendor, "status": "skipped", "error": why})
    return rows, summarize(rows, sizes)


def summarize(rows: list[dict[str, Any]], sizes: tuple[int, ...]) -> list[dict[str, Any]]:
    """Per vendor and kind: the slowest example's seconds per size, the slope from the
    next-to-last size to the last (the median over the examples, and the steepest), and what
    stopped or failed."""
    groups: dict[tuple[str, str], list[dict[str, Any]]] = {}
    for row in rows:
        if "kind" in row:
            groups.setdefault((row["vendor"], row["kind"]), []).append(row)
    out = []
    lo, hi = sizes[-2], sizes[-1]
    for (vendor, kind), found in groups.items():
        worst: dict[int, float] = {}
        slopes: list[tuple[float, str]] = []
        notes: list[str] = []
        per_example: dict[str, dict[int, float]] = {}
        for row in found:
            if row["status"] in ("ok", "slow"):
                n = row["size"]
                worst[n] = max(worst.get(n, 0.0), row["seconds"])
                per_example.setdefault(row["example"], {})[n] = row["seconds"]
            elif row["status"] == "stopped":
                notes.append(
                    f"{row['example']} stopped before +{row['size']:,} "
                    f"(predicted {row['predicted_seconds']:.0f} s)"
                )
            else:
                notes.append(f"{row['example']} {row['status']}: {row.get('error', '')[:120]}")
        partial = False
        for example, times in per_example.items():
            if lo in times and hi in times:
                s = slope((lo, times[lo]), (hi, times[hi]))
            else:  # stopped early: the last two sizes it reached
                known = sorted(times)
                s = slope(*((k, times[k]) for k in known[-2:])) if len(known) >= 2 else None
                partial = True
            if s is not None:
                slopes.append((s, example))
        steepest = max(slopes, default=None)
        ordered = sorted(v for v, _ in slopes)
        out.append(
            {
                "vendor": vendor,
                "kind": kind,
                "seconds": {str(n): worst[n] for n in sorted(worst)},
                "slope": ordered[len(ordered) // 2] if ordered else None,
                "slope_max": steepest[0] if steepest else None,
                "slope_max_example": steepest[1] if steepest else None,
                "slope_partial": partial,
                "notes": notes,
            }
        )
    return out


# --------------------------------------------------------------------------- the timeline


def timeline_cost() -> dict[str, float]:
    """µs to build a timeline of 0 events, a typical 5-event ticket, and 50 mixed events."""
    from zoneinfo import ZoneInfo

    from supportcore.model import Event, EventKind, Party
    from supportcore.timeline import build_timeline

    k = EventKind
    t0 = datetime(2026, 3, 2, 9, tzinfo=ZoneInfo("Europe/Madrid"))
    typical = (
        Event(t0, k.OPENED, by=Party.CUSTOMER),
        Event(t0 + timedelta(hours=1), k.VENDOR_REPLY, by=Party.VENDOR),
        Event(t0 + timedelta(hours=2), k.CUSTOMER_REPLY, by=Party.CUSTOMER),
        Event(t0 + timedelta(hours=3), k.WORK_SESSION, minutes=30),
        Event(t0 + timedelta(hours=4), k.RESOLVED, by=Party.VENDOR),
    )
    cycle: tuple[tuple[EventKind, dict[str, Any]], ...] = (
        (k.VENDOR_REPLY, {"by": Party.VENDOR}),
        (k.CUSTOMER_REPLY, {"by": Party.CUSTOMER}),
        (k.NOTE, {}),
        (k.WORK_SESSION, {"minutes": 20}),
        (k.WAITING_ON_CUSTOMER, {"by": Party.VENDOR}),
        (k.CONTACT_ATTEMPT, {"by": Party.VENDOR}),
        (k.INFORMATION_COMPLETE, {}),
        (k.APPOINTMENT_BOOKED, {"scheduled_for": t0 + timedelta(days=3)}),
        (k.PAYMENT, {"by": Party.CUSTOMER}),
        (k.RESOLVED, {"by": Party.VENDOR}),
    )
    mixed = tuple(
        Event(t0 + timedelta(minutes=i), cycle[i % 10][0], **cycle[i % 10][1]) for i in range(50)
    )
    out = {}
    cases: tuple[tuple[str, tuple[Event, ...]], ...] = (
        ("0 events", ()),
        ("5 events", typical),
        ("50 events", mixed),
    )
    for label, events in cases:
        number = 2000 if events else 20000

        def build(e: tuple[Event, ...] = events) -> object:
            return build_timeline(e)

        best = min(timeit.repeat(build, number=number, repeat=7))
        out[label] = round(best / number * 1e6, 2)
    return out


# --------------------------------------------------------------------------- building a case


def case_cost(log: Callable[[str], None]) -> dict[str, Any]:
    """What building a ``Case`` costs per event, where it goes, and what two prototypes of
    cheaper checks would save (measured by patching the running process, not the source)."""
    import attrs

    from supportcore.convert import case_from_dict, read_document
    from supportcore.instants import parse_datetime, structure_datetime
    from supportcore.model import Case, Event, EventKind, Ticket

    folder = ROOT / "examples" / "informapuntcom"
    base = bench.jsonable(read_document(sorted(folder.glob("0*.toml"))[0]))
    big = grown(base, "note", 250, "EUR")
    for kind in ("vendor_reply", "customer_reply", "work_session"):
        more = grown(base, kind, 250, "EUR")["ticket"]["events"]
        big["ticket"]["events"] += more
    big["ticket"]["events"].sort(key=lambda e: parse_datetime(e["at"]).timestamp())
    n = len(big["ticket"]["events"])
    empty = dict(base, ticket={"id": "X", "events": []})
    text, empty_text = json.dumps(big), json.dumps(empty)

    def per_event(fn: Callable[[str], Any], rounds: int = 7) -> float:
        full = min(timeit.repeat(lambda: fn(text), number=5, repeat=rounds)) / 5
        none = min(timeit.repeat(lambda: fn(empty_text), number=200, repeat=rounds)) / 200
        return round((full - none) / n * 1e6, 2)

    def build(t: str) -> Any:
        return case_from_dict(json.loads(t))

    figures: dict[str, Any] = {"events": n, "parse_us": per_event(json.loads)}
    one = big["ticket"]["events"][0]["at"]
    dt = structure_datetime(one)
    events = case_from_dict(big).ticket.events
    figures["parts_us"] = {
        "read one instant (structure_datetime)": _us(lambda: structure_datetime(one)),
        "build one Event (attrs frozen, validators)": _us(lambda: Event(dt, EventKind.NOTE)),
        "Ticket order check, per event": round(
            min(timeit.repeat(lambda: Ticket("x", events), number=20, repeat=7)) / 20 / n * 1e6,
            3,
        ),
        "one instant's timestamp() (the Case check)": _us(lambda: dt.timestamp()),
    }
    # Prototype 1: the Case checks only the last event against ``at`` (the ticket has checked
    # the order), instead of computing every event's timestamp a second time. Prototype 2: on
    # top, the reader's events skip the validators that re-check what the reader guarantees
    # (an aware instant in range, minutes in range). Measured in turns, best of each.
    original = Case.__attrs_post_init__

    def last_only(self: Case) -> None:
        at = self.at.timestamp()
        if self.request.received_at.timestamp() > at:
            raise ValueError("request.received_at: after the evaluation instant")
        events = self.ticket.events
        if events and events[-1].at.timestamp() > at:
            raise ValueError("ticket.events[...]: after the evaluation instant")

    today: list[float] = []
    first: list[float] = []
    both: list[float] = []
    for _ in range(5):
        today.append(per_event(build, 3))
        try:
            Case.__attrs_post_init__ = last_only  # type: ignore[method-assign]
            first.append(per_event(build, 3))
            attrs.validators.set_disabled(True)
            both.append(per_event(build, 3))
        finally:
            attrs.validators.set_disabled(False)
            Case.__attrs_post_init__ = original  # type: ignore[method-assign]
    figures["parse_and_build_us"] = min(today)
    figures["prototype_case_checks_last_event_us"] = min(first)
    figures["prototype_and_no_revalidation_us"] = min(both)
    data = json.loads(text)
    profile = cProfile.Profile()
    profile.enable()
    for _ in range(5):
        case_from_dict(data)
    profile.disable()
    stream = io.StringIO()
    pstats.Stats(profile, stream=stream).sort_stats("tottime").print_stats(12)
    figures["profile"] = stream.getvalue().strip().splitlines()[-16:]

    log(f"case building: {figures['parse_and_build_us']} µs per event")
    return figures


def _us(fn: Callable[[], Any]) -> float:
    return round(min(timeit.repeat(fn, number=20000, repeat=7)) / 20000 * 1e6, 3)


# --------------------------------------------------------------------------- reporting


def _fmt_seconds(value: float | None) -> str:
    if value is None:
        return "—"
    if value < 0.001:
        return f"{value * 1e6:.0f} µs"
    if value < 1:
        return f"{value * 1e3:.1f} ms"
    return f"{value:.2f} s"


def report(summary: list[dict[str, Any]], sizes: tuple[int, ...], console: Any) -> None:
    from rich.table import Table

    table = Table(title="Seconds per decision (slowest example) as a ticket grows")
    table.add_column("vendor")
    table.add_column("kind")
    for n in sizes:
        table.add_column(f"+{n:,}", justify="right")
    table.add_column(f"slope {sizes[-2]:,}→{sizes[-1]:,} (max)", justify="right")
    table.add_column("notes")
    for row in sorted(summary, key=lambda r: (r["vendor"], r["kind"])):
        s, top = row["slope"], row["slope_max"]
        text = "—" if s is None else f"{s:.2f} ({top:.2f})"
        if s is not None and row["slope_partial"]:
            text += " earlier sizes"
        elif s is not None and s > 1.1:
            text += " ✗"
        table.add_row(
            row["vendor"],
            row["kind"],
            *(_fmt_seconds(row["seconds"].get(str(n))) for n in sizes),
            text,
            "; ".join(row["notes"])[:80],
        )
    console.print(table)


def meta() -> dict[str, Any]:
    try:
        commit = subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True
        ).stdout.strip()
    except OSError:
        commit = ""
    return {
        "when": datetime.now().astimezone().isoformat(timespec="seconds"),
        "commit": commit,
        "python": platform.python_version(),
        "machine": platform.machine(),
        "cpus": os.cpu_count(),
        "load_average": os.getloadavg(),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="grow up to 1,000 events")
    parser.add_argument(
        "--max-seconds",
        type=float,
        default=10.0,
        help="stop growing a series whose next decision would take longer (default 10)",
    )
    parser.add_argument("--vendor", action="append", help="only this vendor (repeatable)")
    parser.add_argument("--kind", action="append", choices=sorted(KINDS), help="only this kind")
    parser.add_argument("--examples", type=int, default=0, help="at most N examples per vendor")
    parser.add_argument(
        "--sections",
        default="timeline,case,growth",
        help="comma-separated: timeline, case, growth (default: all three)",
    )
    parser.add_argument("--out", type=Path, default=RESULTS / "growth.json")
    args = parser.parse_args()
    from rich.console import Console

    console = Console(width=max(150, Console().width))

    def log(message: str) -> None:
        console.print(message, style="dim", markup=False)

    sections = {s.strip() for s in args.sections.split(",") if s.strip()}
    result: dict[str, Any] = {"meta": meta(), "max_seconds": args.max_seconds}
    if "timeline" in sections:
        result["timeline_build_us"] = timeline_cost()
        console.print(f"timeline build (µs): {result['timeline_build_us']}")
    if "case" in sections:
        result["case_building"] = case_cost(log)
        for key, value in result["case_building"].items():
            if key != "profile":
                console.print(f"{key}: {value}")
        print("\n".join(result["case_building"]["profile"]))
    if "growth" in sections:
        rows, summary = growth(args, log)
        result["growth"], result["summary"] = rows, summary
        report(summary, QUICK_SIZES if args.quick else SIZES, console)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(result, indent=1, default=str), encoding="utf-8")
    console.print(f"written: {args.out}")


if __name__ == "__main__":
    main()
