"""Business-time arithmetic: :class:`BusinessTime` (a result that explains itself),
:func:`add_calendar_hours` (elapsed time) and the calendar's adding and counting of business
minutes, hours and days (see the package's conventions)."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

import attrs

from ._common import (
    _US_PER_MINUTE,
    SEARCH_LIMIT_DAYS,
    CalendarError,
    _aware,
    _count,
    _fmt_instant,
    _from_us,
    _hours_to_minutes,
    _plain_date,
    _plural,
    _to_us,
    _zone_label,
)

if TYPE_CHECKING:
    from ._calendar import _Day


@attrs.frozen
class BusinessTime:
    """The result of adding business (or calendar) time, with what it needs to explain itself."""

    start: datetime
    result: datetime
    amount: str
    calendar: str
    skipped: tuple[str, ...] = ()

    def explain(self) -> str:
        """One sentence: the result, the amount, where counting started and the days skipped.

        ``Wednesday 2026-11-25 17:00 (Europe/Madrid): 24 business hours counted from Friday
        2026-11-20 17:00, skipping Saturday 2026-11-21, Sunday 2026-11-22``
        """
        start = self.start.astimezone(self.result.tzinfo)
        text = (
            f"{_fmt_instant(self.result)} ({_zone_label(self.result)}): {self.amount} "
            f"counted from {_fmt_instant(start)}"
        )
        if self.skipped:
            text += ", skipping " + ", ".join(self.skipped)
        return text


def add_calendar_hours(start: datetime, hours: int | Decimal) -> BusinessTime:
    """Add elapsed (calendar) time: ``hours`` real hours, whatever the clocks do meanwhile.

    "48 horas contados a partir de la última respuesta": across a DST change the wall clock moves
    by 47 or 49 hours, the instant by exactly 48. The result is expressed in ``start``'s zone.
    """
    start = _aware(start, "start")
    minutes, number = _hours_to_minutes(hours, "hours")
    result = (start.astimezone(UTC) + timedelta(minutes=minutes)).astimezone(start.tzinfo)
    return BusinessTime(
        start=start, result=result, amount=_plural(number, "hour"), calendar="", skipped=()
    )


class BusinessArithmetic:
    """The adding and counting of :class:`BusinessCalendar`, which inherits them: it provides
    the zone, the name and the days (``_day``, ``_first_ordinal``, ``_no_opening``)."""

    name: str
    tz: ZoneInfo
    _days: dict[int, _Day]

    def _day(self, ordinal: int) -> _Day:
        raise NotImplementedError

    def _first_ordinal(self, at: datetime) -> int:
        raise NotImplementedError

    def _no_opening(self, ordinal: int) -> CalendarError:
        raise NotImplementedError

    def add_business_minutes(self, start: datetime, minutes: int) -> BusinessTime:
        """The instant ``minutes`` open minutes after ``start`` (see the module conventions)."""
        start = _aware(start, "start")
        minutes = _count(minutes, "minutes")
        return self._add_minutes(start, minutes, _plural(str(minutes), "business minute"))

    def add_business_hours(self, start: datetime, hours: int | Decimal) -> BusinessTime:
        """The instant ``hours`` open hours after ``start``; a Decimal must be whole minutes."""
        start = _aware(start, "start")
        minutes, number = _hours_to_minutes(hours, "hours")
        return self._add_minutes(start, minutes, _plural(number, "business hour"))

    def _add_minutes(self, start: datetime, minutes: int, amount: str) -> BusinessTime:
        t = _to_us(start)
        remaining = minutes * _US_PER_MINUTE
        first = self._first_ordinal(start)
        ordinal, empty = first, 0
        skipped: list[str] = []
        days, compute = self._days, self._day
        while True:
            day = days.get(ordinal) or compute(ordinal)
            if day.windows:
                empty = 0
                for window_start, window_end, _name in day.windows:
                    if window_end <= t:
                        continue
                    begin = window_start if window_start > t else t
                    available = window_end - begin
                    if remaining <= available:
                        return BusinessTime(
                            start=start,
                            result=_from_us(begin + remaining, self.tz),
                            amount=amount,
                            calendar=self.name,
                            skipped=tuple(skipped),
                        )
                    remaining -= available
            else:
                if ordinal > first and day.label is not None:
                    skipped.append(day.label)
                empty += 1
                if empty > SEARCH_LIMIT_DAYS:
                    raise self._no_opening(first + 1)
            ordinal += 1

    def add_business_days(self, start: datetime, days: int) -> BusinessTime:
        """The same local wall-clock time on the ``days``-th business day after ``start``'s date.

        ``start``'s own date is not counted. If that time is after the day's last closing time
        the result is that closing time (a deadline never lands after the desk closes); a wall
        time that does not exist (DST gap) moves forward by the gap; an ambiguous one is its
        first occurrence. ``days == 0`` returns ``start`` in the calendar's zone.
        """
        start = _aware(start, "start")
        days = _count(days, "days")
        local = start.astimezone(self.tz)
        amount = _plural(str(days), "business day")
        if days == 0:
            return BusinessTime(start, local, amount, self.name, ())
        first = local.toordinal()
        ordinal, counted, empty = first, 0, 0
        skipped: list[str] = []
        day = self._day(ordinal)
        while counted < days:
            ordinal += 1
            day = self._day(ordinal)
            if day.windows:
                counted += 1
                empty = 0
            else:
                if day.label is not None:
                    skipped.append(day.label)
                empty += 1
                if empty > SEARCH_LIMIT_DAYS:
                    raise self._no_opening(first + 1)
        target = date.fromordinal(ordinal)
        wall = datetime(
            target.year,
            target.month,
            target.day,
            local.hour,
            local.minute,
            local.second,
            local.microsecond,
            tzinfo=self.tz,
        )
        t = min(_to_us(wall), day.windows[-1][1])
        return BusinessTime(start, _from_us(t, self.tz), amount, self.name, tuple(skipped))

    def business_minutes_between(self, a: datetime, b: datetime) -> int:
        """Open time in ``[a, b)`` in whole minutes (a trailing partial minute is dropped)."""
        a = _aware(a, "a")
        b = _aware(b, "b")
        ta, tb = _to_us(a), _to_us(b)
        if tb < ta:
            raise ValueError(f"b: {b.isoformat()} is before a: {a.isoformat()}")
        total = 0
        last = b.astimezone(self.tz).toordinal() + 1
        for ordinal in range(self._first_ordinal(a), last + 1):
            for start, end, _name in self._day(ordinal).windows:
                lo = start if start > ta else ta
                hi = end if end < tb else tb
                if hi > lo:
                    total += hi - lo
        return total // _US_PER_MINUTE

    def business_days_between(self, a: date, b: date) -> int:
        """How many business days ``d`` satisfy ``a < d <= b`` (local dates)."""
        a = _plain_date(a, "a")
        b = _plain_date(b, "b")
        if b < a:
            raise ValueError(f"b: {b.isoformat()} is before a: {a.isoformat()}")
        return sum(
            1
            for ordinal in range(a.toordinal() + 1, b.toordinal() + 1)
            if self._day(ordinal).windows
        )
