"""Itplusnet's service hours: one calendar, two named schedules, and the tariff they select.

"Horarios de Atención normal: De Lunes a Viernes de 09:00 horas a 18:30 horas PM" and "Horario
de Atención Especial: De Lunes a Viernes de 18:31 hrs. A 22:00 Hrs. PM y Sábados desde las 10:00
hrs. A 21:00 hrs. PM y Domingo desde las 10:00 hrs. A 14:00 hrs. PM"; public holidays are not
worked ("DIAS FERIADOS NO ESTAN CONTEMPLADOS CON HORARIO DE TRABAJO").
"""

from __future__ import annotations

from datetime import datetime

from supportcore import Context, VendorSettings
from supportcore.calendar import (
    BusinessCalendar,
    HolidaySpec,
    OpenStatus,
    Schedule,
    Window,
    parse_window,
)
from supportcore.text import format_time

__all__ = [
    "CALENDAR",
    "NORMAL",
    "SPECIAL",
    "Tariff",
    "build_calendar",
    "fmt",
    "tariff_for",
]

#: The calendar's name in ``ctx.calendars`` and its two schedules.
CALENDAR = "support"
NORMAL = "normal"
SPECIAL = "special"

#: The price setting of each schedule.
PRICE_KEY = {NORMAL: "price_normal_hours", SPECIAL: "price_special_hours"}
#: The clause that publishes each schedule.
HOURS_CLAUSE = {NORMAL: "ITP-HOURS-1", SPECIAL: "ITP-HOURS-2"}
LABEL = {NORMAL: "normal hours", SPECIAL: "special hours"}

_WEEKDAYS = range(0, 5)
_SATURDAY, _SUNDAY = 5, 6


def build_calendar(settings: VendorSettings, timezone: str) -> BusinessCalendar:
    """The support calendar from the published hours (ITP-HOURS-1/2) and Chile's holidays.

    ``closing_times`` (interpretation ITP-I-CLOSING) reads every stated closing time the same
    way: ``inclusive`` (the minute 18:30, 22:00, 21:00 or 14:00 is the last one served, so the
    desk is open until 18:31, 22:01, 21:01, 14:01 and normal hours run straight into special
    hours at 18:31) or ``exclusive`` (the desk closes at 18:30, 22:00, 21:00, 14:00, and the
    minute 18:30-18:31 is closed).
    """
    last = 1 if settings.get("closing_times") == "inclusive" else 0

    def window(opens: str, closes: str) -> Window:
        stated = parse_window(f"{opens}-{closes}")
        return Window(stated.start, stated.end + last)

    evening = window("18:31", "22:00")
    schedules = [
        Schedule(NORMAL, {d: (window("09:00", "18:30"),) for d in _WEEKDAYS}),
        Schedule(
            SPECIAL,
            {
                **{d: (evening,) for d in _WEEKDAYS},
                _SATURDAY: (window("10:00", "21:00"),),
                _SUNDAY: (window("10:00", "14:00"),),
            },
        ),
    ]
    holidays = HolidaySpec("CL", subdiv=settings.get("holiday_subdivision"))
    return BusinessCalendar(CALENDAR, timezone, schedules, holidays=holidays)


def fmt(at: datetime) -> str:
    """``Monday 2026-11-23 18:31`` — what an agent reads aloud (local time of ``at``)."""
    return format_time(at, "%A %Y-%m-%d %H:%M")


class Tariff:
    """Which schedule's price applies to an attention paid (or quoted) at ``asked``.

    A plain class, its clause, price and label looked up once: one or two are made per
    decision, and a frozen attrs class costs several times as much to build.
    """

    __slots__ = ("_note", "asked", "clause", "label", "price_key", "schedule", "served")

    def __init__(self, schedule: str, asked: datetime, served: datetime) -> None:
        self.schedule = schedule  #: "normal" or "special"
        self.asked = asked  #: when the attention is paid or quoted
        self.served = served  #: when it is served: ``asked`` if open, else the next opening
        self.price_key = PRICE_KEY[schedule]
        self.clause = HOURS_CLAUSE[schedule]
        self.label = LABEL[schedule]
        self._note: str | None = None

    def closed_note(self) -> str:
        """``""`` when the desk is open at ``asked``, else when it reopens (written once)."""
        if self._note is None:
            self._note = (
                ""
                if self.served == self.asked
                else f" (the desk is closed at that time; it reopens on {fmt(self.served)})"
            )
        return self._note

    def describe(self) -> str:
        """``at the normal hours price``, with the closed note when the desk is closed."""
        return f"at the {self.label} price{self.closed_note()}"


def tariff_for(ctx: Context, asked: datetime, status: OpenStatus | None = None) -> Tariff | None:
    """The tariff for an attention paid or quoted at ``asked`` (interpretation ITP-I-TARIFF).

    The schedule in force at ``asked``; while the desk is closed, that of the next opening.
    ``status`` is the calendar's status at ``asked`` when the caller has it already. ``None``
    only when the calendar is missing (the engine refuses settings that make it impossible, so
    only if the calendar hook itself failed).
    """
    cal = ctx.calendars.get(CALENDAR)
    if cal is None:
        return None
    if status is None:
        status = cal.status(asked)
    # the schedule in force at ``asked``, or while closed that of the next opening
    return Tariff(status.next_schedule, ctx.local(asked), status.next_open)
