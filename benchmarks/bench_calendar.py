"""Micro-benchmark of business-time arithmetic: microseconds per operation.

A plain script, not a test: ``PYTHONPATH=src python benchmarks/bench_calendar.py``.
Calendars are prepared once and their day cache is warm (as in a running service); the
"cold" lines include building the calendar and computing its days from scratch.
Figures are the best of several repeats, so they reflect the code, not the machine's noise.
"""

from __future__ import annotations

import platform
import sys
import timeit
from datetime import date, datetime

from supportcore.calendar import (
    BusinessCalendar,
    HolidaySpec,
    Schedule,
    Window,
    parse_window,
)

MON_FRI = range(5)


def windows(*texts: str) -> tuple[Window, ...]:
    return tuple(parse_window(t) for t in texts)


def binarema() -> BusinessCalendar:
    return BusinessCalendar(
        "binarema",
        "Europe/Madrid",
        [
            Schedule("normal", {d: windows("09:00-14:00", "16:30-19:30") for d in MON_FRI}),
            Schedule("summer", {d: windows("08:00-15:00") for d in MON_FRI}, months=(7, 8)),
        ],
        holidays=HolidaySpec("ES", subdiv="AN"),
    )


def itplusnet() -> BusinessCalendar:
    special = {d: windows("18:31-22:00") for d in MON_FRI}
    special[5] = windows("10:00-21:00")
    special[6] = windows("10:00-14:00")
    return BusinessCalendar(
        "itplusnet",
        "America/Santiago",
        [
            Schedule("normal", {d: windows("09:00-18:31") for d in MON_FRI}),
            Schedule("special", special),
        ],
        holidays=HolidaySpec("CL"),
    )


def per_op_us(stmt: str, env: dict[str, object], number: int, repeat: int = 5) -> float:
    best = min(timeit.repeat(stmt, globals=env, number=number, repeat=repeat))
    return best / number * 1e6


def main() -> None:
    cal, chile = binarema(), itplusnet()
    start = datetime(2026, 11, 20, 17, 0, tzinfo=cal.tz)  # Friday afternoon, weekend ahead
    month_end = datetime(2026, 12, 21, 17, 0, tzinfo=cal.tz)
    chile_start = datetime(2026, 9, 17, 20, 0, tzinfo=chile.tz)  # before Fiestas Patrias
    for warm in (cal, chile):
        warm.add_business_days(datetime(2026, 1, 1, tzinfo=warm.tz), 300)  # warm the day cache
    env: dict[str, object] = {
        "cal": cal,
        "chile": chile,
        "start": start,
        "month_end": month_end,
        "chile_start": chile_start,
        "binarema": binarema,
        "date": date,
    }
    cases = [
        (
            "add_business_hours(24), Binarema, over a weekend",
            "cal.add_business_hours(start, 24)",
            20_000,
        ),
        ("add_business_days(10), Binarema", "cal.add_business_days(start, 10)", 20_000),
        (
            "add_business_minutes(160 h = a month), Binarema",
            "cal.add_business_minutes(start, 160 * 60)",
            10_000,
        ),
        (
            "business_minutes_between(a month), Binarema",
            "cal.business_minutes_between(start, month_end)",
            10_000,
        ),
        ("next_open (closed: Saturday)", "cal.next_open(start.replace(day=21))", 20_000),
        ("is_open", "cal.is_open(start)", 20_000),
        (
            "add_business_hours(24), Itplusnet, over two holidays",
            "chile.add_business_hours(chile_start, 24)",
            20_000,
        ),
        ("explain() of a 24-hour result", "r.explain()", 20_000),
        (
            "cold: build Binarema + add 24 business hours",
            "binarema().add_business_hours(start, 24)",
            200,
        ),
        (
            "cold: build Binarema + day() of 366 dates",
            "c = binarema()\nfor o in range(739617, 739983): c.day(date.fromordinal(o))",
            5,
        ),
    ]
    env["r"] = cal.add_business_hours(start, 24)
    print(
        f"# supportcore.calendar micro-benchmark — Python {platform.python_version()} "
        f"({sys.implementation.name}, {platform.machine()})"
    )
    for label, stmt, number in cases:
        print(f"{per_op_us(stmt, env, number):10.2f} µs/op  {label}")


if __name__ == "__main__":
    main()
