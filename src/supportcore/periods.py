"""Contract periods and month arithmetic.

The one convention (used by :class:`~supportcore.model.Contract`, the ledgers and every plugin):

* A period is a **half-open date range** ``[start, end)``: ``start`` is the first day in force,
  ``end`` the first day *no longer* in force. ``last_day = end - 1 day`` is the last day of
  validity, the vendors' "último día de vigencia" (what an invoice prints).
* "N months from D" ends at ``D + N months`` with **end-of-month clamping**: when the target
  month is shorter, the day is clamped to its last day (2026-01-31 + 1 month = 2026-02-28;
  2028-01-31 + 1 month = 2028-02-29). So a 12-month SMART period bought on 2026-03-10 is
  ``[2026-03-10, 2027-03-10)`` and its last day is 2027-03-09.
* Recurring periods (yearly renewal, quarterly invoicing) are always computed from the
  *original* start (``start + k × N months``), never by chaining additions, so clamping in
  one short month never drifts into later periods (Jan 31, Feb 28, Mar 31, Apr 30, ...).

Why half-open: consecutive periods then share a boundary without overlapping or leaving a gap,
the length in days is ``end - start``, and "is D covered?" is ``start <= D < end`` in every
time zone because these are calendar dates, not instants.

A *term* of N months or N days counted from a day ("6 meses desde la compra", "30 días a partir
de la fecha de compra") is laid out by :func:`term_from` under one of two conventions
(:class:`TermCount`): the one above (the day N months later is the first day outside), or the
Spanish Código Civil's art. 5.1 (the day counted from is not counted, so the day N months or
N days later is the last day inside). Either way the result is a half-open :class:`Period`.
"""

from __future__ import annotations

import enum
from datetime import date, datetime, timedelta
from functools import lru_cache

import attrs
from dateutil.relativedelta import relativedelta

__all__ = [
    "MonthCount",
    "Period",
    "TermCount",
    "add_months",
    "billing_period",
    "billing_periods",
    "months_between",
    "notice_deadline",
    "renewal_period",
    "term_from",
]

_ONE_DAY = timedelta(days=1)


@lru_cache(maxsize=65_536)
def add_months(d: date, months: int) -> date:
    """``d`` plus ``months`` calendar months, clamped to the end of a shorter month.

    ``add_months(date(2026, 1, 31), 1) == date(2026, 2, 28)``; negative ``months`` go back.
    Monotonic: for a fixed ``d`` it strictly increases with ``months``, and for a fixed
    ``months`` it never decreases as ``d`` increases. Memoised: cases repeat the same
    (date, months) pairs (a purchase date plus 12 months), and dateutil's relativedelta is the
    largest single cost of a decision otherwise.
    """
    result: date = d + relativedelta(months=months)
    return result


def _months_apart(a: date, b: date) -> int:
    """Difference in calendar-month numbers, ignoring the day of the month."""
    return (b.year - a.year) * 12 + (b.month - a.month)


@attrs.frozen
class Period:
    """A half-open range of days ``[start, end)``; ``end`` is the first day not included."""

    start: date
    end: date

    def __attrs_post_init__(self) -> None:
        if self.start.__class__ is not date or self.end.__class__ is not date:  # (the usual: no)
            for name in ("start", "end"):
                value = getattr(self, name)
                if isinstance(value, datetime) or not isinstance(value, date):
                    raise ValueError(f"{name}: expected a calendar date, got {value!r}")
        if self.end <= self.start:
            raise ValueError(f"end: {self.end} is not after start {self.start}")

    @classmethod
    def months_from(cls, start: date, months: int) -> Period:
        """The period of ``months`` months beginning on ``start`` (e.g. "12 meses a partir de")."""
        if months < 1:
            raise ValueError(f"months: a period needs at least one month, got {months}")
        return cls(start, add_months(start, months))

    @property
    def last_day(self) -> date:
        """The last day of validity ("último día de vigencia"): ``end - 1 day``."""
        return self.end - _ONE_DAY

    @property
    def days(self) -> int:
        """Number of days in the period."""
        return (self.end - self.start).days

    def contains(self, d: date) -> bool:
        """True if ``d`` is one of the period's days (``start <= d < end``)."""
        return self.start <= d < self.end

    def describe(self) -> str:
        """Human wording with both ends inclusive: ``from 2026-01-15 to 2026-07-14 inclusive``."""
        return f"from {self.start.isoformat()} to {self.last_day.isoformat()} inclusive"


class TermCount(enum.StrEnum):
    """How a term of N months or N days counted from a day is laid out on the calendar."""

    #: the module's convention: the day N months (or N days) later is the first day outside
    #: the term (6 months from 2026-01-10 end after 2026-07-09)
    END_EXCLUSIVE = "end_exclusive"
    #: Spanish Código Civil, art. 5.1: "en los plazos señalados por días, a contar de uno
    #: determinado, quedará éste excluido del cómputo"; months and years "se computarán de fecha
    #: a fecha", and a month without the equivalent day ends the term on its last day. The day
    #: N days or N months later is the last day inside the term (6 months from 2026-01-10
    #: include 2026-07-10; 30 days from 2026-03-02 include 2026-04-01)
    CIVIL_CODE = "civil_code"


def term_from(
    day: date, *, months: int = 0, days: int = 0, count: TermCount = TermCount.END_EXCLUSIVE
) -> Period:
    """The term of ``months`` months and/or ``days`` days counted from ``day``, under ``count``.

    The term is the half-open period beginning on ``day`` itself (a warranty counted from the
    purchase covers the purchase day too: art. 5.1 leaves the day out of the *count*, not out
    of the term). Its target day is ``add_months(day, months) + days`` (months first, with
    end-of-month clamping, which is also art. 5.1's "expira el último del mes"):

    * ``END_EXCLUSIVE``: the target day is the first day outside; the same period as
      ``Period.months_from(day, months)`` when ``days`` is 0;
    * ``CIVIL_CODE``: the target day is the last day inside.

    ``count`` may be given as text (``"civil_code"``), as a settings file writes it.
    """
    count = TermCount(count)
    if months < 0 or days < 0:
        raise ValueError(f"a term is counted forwards: months={months}, days={days}")
    if months == 0 and days == 0:
        raise ValueError("a term needs at least one month or one day")
    target = (add_months(day, months) if months else day) + timedelta(days=days)
    if count is TermCount.CIVIL_CODE:
        return Period(day, target + _ONE_DAY)
    return Period(day, target)


def notice_deadline(last_day: date, *, days: int = 0, weeks: int = 0, months: int = 0) -> date:
    """The latest day on which a notice must be *received* to count.

    Binarema: "asegurándose de que somos informados con al menos una semana de anticipación al
    último día de vigencia del contrato" → ``notice_deadline(last_day, weeks=1)`` is
    ``last_day - 7 days``; a notice received on that day or earlier is in time, one received
    later is not. Months are subtracted with end-of-month clamping, then weeks and days.
    """
    for name, value in (("days", days), ("weeks", weeks), ("months", months)):
        if value < 0:
            raise ValueError(f"{name}: a notice period must not be negative, got {value}")
    if months:
        last_day = last_day - relativedelta(months=months)
    return last_day - timedelta(weeks=weeks, days=days)


def renewal_period(start: date, on: date, *, months: int = 12) -> Period:
    """The period of a contract renewed every ``months`` months (until cancelled) holding ``on``.

    Period *k* is ``[start + k·months, start + (k+1)·months)``, each computed from ``start``
    (see the module docstring), so a contract started on 2024-02-29 renews on 2025-02-28,
    2026-02-28, 2027-02-28 and 2028-02-29.
    """
    if months < 1:
        raise ValueError(f"months: a renewal period needs at least one month, got {months}")
    if on < start:
        raise ValueError(f"on: {on} is before the contract's start {start}")
    return _period_holding(start, on, months)


def _period_holding(start: date, on: date, months: int) -> Period:
    """Period *k* ``[start + k·months, start + (k+1)·months)`` holding ``on >= start``."""
    k = _months_apart(start, on) // months
    # The calendar-month estimate is at most one period too far (clamping, day of month).
    while add_months(start, k * months) > on:
        k -= 1
    while add_months(start, (k + 1) * months) <= on:
        k += 1
    return Period(add_months(start, k * months), add_months(start, (k + 1) * months))


def billing_period(start: date, on: date, *, months: int = 3) -> Period:
    """The billing period (``months`` long, counted from ``start``) that contains ``on``.

    The same period as ``billing_periods(start, on, months=months)[-1]``, found by index
    arithmetic (as :func:`renewal_period` does) instead of listing every period since
    ``start``: constant time however old the agreement. Period *k* is computed from ``start``,
    so a quarterly agreement from 2026-01-31 bills from 2026-04-30, 2026-07-31, 2026-10-31.
    An ``on`` before ``start`` (no period has begun) is a ``ValueError``.
    """
    if months < 1:
        raise ValueError(f"months: a billing period needs at least one month, got {months}")
    if on < start:
        raise ValueError(f"on: {on} is before the first billing period's start {start}")
    return _period_holding(start, on, months)


def billing_periods(start: date, until: date, *, months: int = 3) -> tuple[Period, ...]:
    """Every billing period (``months`` long, from ``start``) that began on or before ``until``.

    The juwelierspakket agreement is "een vast bedrag per maand (afrekening per 3 maand)":
    ``billing_periods(start, notice_day)`` are the quarters already invoiced when notice
    arrives ("de reeds gefactureerde perioden vóór de opzeg"). The last period returned
    contains ``until``; an ``until`` before ``start`` gives no periods.
    """
    if months < 1:
        raise ValueError(f"months: a billing period needs at least one month, got {months}")
    periods: list[Period] = []
    k = 0
    while (begin := add_months(start, k * months)) <= until:
        periods.append(Period(begin, add_months(start, (k + 1) * months)))
        k += 1
    return tuple(periods)


class MonthCount(enum.StrEnum):
    """How to count months between two days when the last month is not complete."""

    COMPLETED = "completed"  #: only whole months count (rounds down)
    STARTED = "started"  #: every started month counts (rounds up)


def months_between(a: date, b: date, rule: MonthCount) -> int:
    """Months elapsed from day ``a`` to day ``b`` (``b`` itself not counted), under ``rule``.

    Month *k* after ``a`` is ``[add_months(a, k - 1), add_months(a, k))``, with the same
    clamping as everywhere else, so ``months_between(a, add_months(a, n), COMPLETED) == n``.

    * ``COMPLETED`` counts the months completed by ``b``: the largest *n* with
      ``add_months(a, n) <= b``.
    * ``STARTED`` also counts a month that has begun but not ended: the number of *k >= 0*
      with ``add_months(a, k) < b``. It equals ``COMPLETED`` when ``b`` falls exactly on a
      month boundary and ``COMPLETED + 1`` otherwise.

    Examples (COMPLETED / STARTED)::

        2026-01-15 → 2026-01-15   0 / 0
        2026-01-15 → 2026-01-16   0 / 1
        2026-01-15 → 2026-02-15   1 / 1
        2026-01-15 → 2026-02-16   1 / 2
        2026-01-31 → 2026-02-27   0 / 1
        2026-01-31 → 2026-02-28   1 / 1   (Jan 31 + 1 month is clamped to Feb 28)
        2026-01-31 → 2026-03-30   1 / 2   (Jan 31 + 2 months is Mar 31)

    A ``b`` before ``a`` gives 0. The juwelierspakket upgrade price ("1/60ste ... vermenigvuldigd
    met het aantal maanden") needs one of these rules; the plugin states which.
    """
    rule = MonthCount(rule)  # also accepts "completed" / "started" from a case file
    if b <= a:
        return 0
    n = _months_apart(a, b)
    while n > 0 and add_months(a, n) > b:
        n -= 1
    while add_months(a, n + 1) <= b:
        n += 1
    if rule is MonthCount.COMPLETED or add_months(a, n) == b:
        return n
    return n + 1
