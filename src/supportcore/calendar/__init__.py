"""Business calendars and business-time arithmetic.

Support terms measure time in *business* hours and days: "respuesta en un tiempo inferior a 24
horas (en horas laborables)", "48 horas hábiles", "10 días hábiles". This module turns a vendor's
opening hours (given as data by the caller, never invented here) into a calendar that answers
"is the desk open?", "when does it open next?" and "when is this deadline?", exactly and with an
explanation a support agent can read aloud.

Conventions (also in ``docs/calendars.md``):

* Every instant is timezone-aware. A naive ``datetime`` is a ``ValueError`` naming the parameter.
  Nothing here reads the wall clock: every function takes explicit instants.
* A :class:`Window` is half-open ``[start, end)`` in *local wall-clock* minutes since midnight;
  ``24:00`` (1440) closes a window at the end of the day. Windows are converted to UTC instants per
  local date with zoneinfo's ``fold=0`` rule: a wall time that falls in a DST gap is read with the
  offset in force before the change (so it moves forward by the length of the gap), and an
  ambiguous wall time means its first occurrence. After conversion a day's windows are kept
  sorted, disjoint and inside the day; whatever a gap squeezes to nothing is dropped. All
  arithmetic then happens on UTC instants, so lunch breaks, nights and DST changes are exact: a
  window spanning the autumn change lasts one real hour longer.
* Which schedules apply on a local date: if any *seasonal* schedule's season contains the date,
  only the seasonal schedules in season apply; otherwise every non-seasonal schedule applies.
  Schedules that can apply on the same day must not overlap. A public holiday or a closure
  period closes the whole day.
* ``add_business_minutes(start, n)`` consumes ``n`` open minutes from ``start`` (from the next
  opening if ``start`` is closed) and returns the instant the ``n``-th minute ends; a result on a
  window's end is that end, not the next opening. ``n == 0`` gives ``next_open(start)``.
* ``add_business_days(start, n)`` is the same local wall-clock time on the ``n``-th business day
  after ``start``'s local date, capped at that day's last closing time; a wall time in a DST gap
  moves forward by the gap. ``n == 0`` returns ``start`` (in the calendar's zone).
* ``business_minutes_between(a, b)`` counts open time in ``[a, b)`` in whole minutes (a partial
  minute is dropped), so ``business_minutes_between(s, add_business_minutes(s, n).result) == n``.
* Searching for an opening gives up with :class:`CalendarError` after 400 consecutive days
  without one, so a calendar that never opens cannot loop forever.

``describe()`` says the opening hours as a person says them (:class:`HoursWords`: weekdays by
index, times as ``"HH:MM"``, seasons, holidays and closures, and the English sentence).

Days are computed lazily and cached per calendar (a dict keyed by the date's ordinal), so
arithmetic over a warm calendar costs microseconds.
"""

from __future__ import annotations

# WEEKDAY_NAMES, SEARCH_LIMIT_DAYS and _fmt_instant are not API, but importable here as before.
from ._business_time import BusinessTime, add_calendar_hours
from ._calendar import BusinessCalendar, DayInfo, OpenStatus
from ._common import SEARCH_LIMIT_DAYS as SEARCH_LIMIT_DAYS
from ._common import WEEKDAY_NAMES as WEEKDAY_NAMES
from ._common import CalendarError
from ._common import _fmt_instant as _fmt_instant
from ._describe import HolidayWords, HoursWords, ScheduleWords
from ._holidays import ClosurePeriod, HolidayName, HolidaySpec
from ._spec import CalendarSpec, ScheduleSpec
from ._windows import Schedule, Window, parse_window

__all__ = [
    "BusinessCalendar",
    "BusinessTime",
    "CalendarError",
    "CalendarSpec",
    "ClosurePeriod",
    "DayInfo",
    "HolidayName",
    "HolidaySpec",
    "HolidayWords",
    "HoursWords",
    "OpenStatus",
    "Schedule",
    "ScheduleSpec",
    "ScheduleWords",
    "Window",
    "add_calendar_hours",
    "parse_window",
]
