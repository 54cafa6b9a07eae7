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

Days are computed lazily and cached per calendar (a dict keyed by the date's ordinal), so
arithmetic over a warm calendar costs microseconds.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterable, Mapping, Sequence
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from types import MappingProxyType
from typing import Final
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import attrs
import holidays as _holidays

from .text import format_time

__all__ = [
    "BusinessCalendar",
    "BusinessTime",
    "CalendarError",
    "CalendarSpec",
    "ClosurePeriod",
    "DayInfo",
    "HolidaySpec",
    "OpenStatus",
    "Schedule",
    "ScheduleSpec",
    "Window",
    "add_calendar_hours",
    "parse_window",
]

WEEKDAY_NAMES: Final = (
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
)
SEARCH_LIMIT_DAYS: Final = 400
"""How many consecutive days without an opening a search crosses before giving up."""

_DAY_KEYS: Final = {
    **{name[:3].lower(): i for i, name in enumerate(WEEKDAY_NAMES)},
    **{name.lower(): i for i, name in enumerate(WEEKDAY_NAMES)},
}
_US_PER_MINUTE: Final = 60_000_000
_EPOCH: Final = datetime(1970, 1, 1, tzinfo=UTC)
_ONE_US: Final = timedelta(microseconds=1)
_WINDOW_RE: Final = re.compile(r"^\s*(\d{1,2}):(\d{2})\s*[-–—]\s*(\d{1,2}):(\d{2})\s*$")
_LEAP_YEAR: Final = 2000  # validates (month, day) pairs, 29 February included


class CalendarError(ValueError):
    """Bad calendar data, or a calendar that cannot answer; the message names the setting."""


# --------------------------------------------------------------------------- small helpers


def _hm(minutes: int) -> str:
    return f"{minutes // 60:02d}:{minutes % 60:02d}"


def _aware(value: object, param: str) -> datetime:
    """Return ``value`` if it is an aware datetime; explain what is wrong otherwise."""
    if not isinstance(value, datetime):
        raise TypeError(f"{param}: expected an aware datetime, got {type(value).__name__}")
    if value.tzinfo is None or value.utcoffset() is None:
        raise ValueError(
            f"{param}: naive datetime {value.isoformat()} has no time zone; pass an aware "
            "datetime, e.g. with tzinfo=ZoneInfo('Europe/Madrid')"
        )
    return value


def _plain_date(value: object, param: str) -> date:
    """Return ``value`` if it is a calendar date (not a datetime)."""
    if isinstance(value, datetime):
        raise ValueError(
            f"{param}: expected a calendar date, got the datetime {value.isoformat()}; "
            "pass its local date (at.astimezone(calendar.tz).date())"
        )
    if not isinstance(value, date):
        raise TypeError(f"{param}: expected a date, got {type(value).__name__}")
    return value


def _count(value: object, param: str) -> int:
    """Return ``value`` if it is a non-negative int (bools are not counts)."""
    if isinstance(value, bool) or not isinstance(value, int):
        raise TypeError(f"{param}: expected a whole number, got {value!r}")
    if value < 0:
        raise ValueError(f"{param}: must not be negative, got {value}")
    return value


def _hours_to_minutes(hours: object, param: str) -> tuple[int, str]:
    """Convert ``hours`` (int or Decimal) to whole minutes and its display form."""
    if isinstance(hours, bool) or not isinstance(hours, int | Decimal):
        raise TypeError(
            f"{param}: expected an int or a Decimal, got {hours!r}"
            + (
                " (use Decimal for fractions; floats are not exact)"
                if isinstance(hours, float)
                else ""
            )
        )
    if isinstance(hours, int):
        if hours < 0:
            raise ValueError(f"{param}: must not be negative, got {hours}")
        return hours * 60, str(hours)
    if not hours.is_finite():
        raise ValueError(f"{param}: must be a finite number, got {hours}")
    if hours < 0:
        raise ValueError(f"{param}: must not be negative, got {hours}")
    minutes = hours * 60
    if minutes != minutes.to_integral_value():
        raise ValueError(f"{param}: {hours} hours is not a whole number of minutes")
    text = format(hours.normalize(), "f") if hours != 0 else "0"
    return int(minutes), text


def _plural(number: str, unit: str) -> str:
    return f"{number} {unit}" if number == "1" else f"{number} {unit}s"


def _to_us(at: datetime) -> int:
    """Microseconds since the Unix epoch: exact integer instants for the arithmetic."""
    return (at - _EPOCH) // _ONE_US


def _from_us(us: int, tz: ZoneInfo) -> datetime:
    return (_EPOCH + timedelta(microseconds=us)).astimezone(tz)


def _fmt_instant(at: datetime) -> str:
    """``Friday 2026-11-20 17:00`` (seconds only when there are any)."""
    text = format_time(at, "%A %Y-%m-%d %H:%M")
    if at.second or at.microsecond:
        text += f":{at.second:02d}"
        if at.microsecond:
            text += f".{at.microsecond:06d}"
    return text


def _zone_label(at: datetime) -> str:
    key = getattr(at.tzinfo, "key", None)
    return key if isinstance(key, str) else (at.tzname() or str(at.tzinfo))


def _resolve_zone(timezone: object) -> ZoneInfo:
    """A ZoneInfo for an IANA key, or CalendarError naming the unknown zone."""
    if isinstance(timezone, ZoneInfo):
        return timezone
    if not isinstance(timezone, str) or not timezone.strip():
        raise CalendarError(f"timezone: expected an IANA time zone name, got {timezone!r}")
    try:
        return ZoneInfo(timezone)
    except (ZoneInfoNotFoundError, ValueError) as exc:
        raise CalendarError(
            f"timezone: unknown time zone {timezone!r} (expected an IANA name such as "
            "'Europe/Madrid')"
        ) from exc


def _int_tuple(values: Iterable[int]) -> tuple[int, ...]:
    return tuple(values)


def _str_tuple(values: Iterable[str]) -> tuple[str, ...]:
    return tuple(values)


def _month_problems(months: Iterable[object]) -> list[str]:
    return [
        f"{m!r} is not a month (1..12)"
        for m in months
        if isinstance(m, bool) or not isinstance(m, int) or not 1 <= m <= 12
    ]


def _month_day_problem(value: object) -> str | None:
    if (
        not isinstance(value, tuple)
        or len(value) != 2
        or not all(isinstance(x, int) and not isinstance(x, bool) for x in value)
    ):
        return f"{value!r} is not a (month, day) pair"
    try:
        date(_LEAP_YEAR, value[0], value[1])
    except ValueError:
        return f"{value!r} is not a day of the year"
    return None


def _season_problems(
    months: Sequence[object], from_md: object, until_md: object
) -> list[tuple[str, str]]:
    """(field, problem) pairs for a season given by months or by a day-of-year range."""
    problems = [("months", p) for p in _month_problems(months)]
    if (from_md is None) != (until_md is None):
        problems.append(("from_md", "from_md and until_md go together: give both or neither"))
    for field_name, value in (("from_md", from_md), ("until_md", until_md)):
        if value is not None and (p := _month_day_problem(value)) is not None:
            problems.append((field_name, p))
    if months and from_md is not None:
        problems.append(("months", "give a season either by months or by from_md/until_md"))
    return problems


# --------------------------------------------------------------------------- the data


def _minute_of_day(_inst: object, attribute: attrs.Attribute[int], value: object) -> None:
    if isinstance(value, bool) or not isinstance(value, int):
        raise CalendarError(
            f"window {attribute.name}: expected minutes since midnight, got {value!r}"
        )
    upper = 1440 if attribute.name == "end" else 1439
    if not 0 <= value <= upper:
        raise CalendarError(
            f"window {attribute.name}: {value} is outside 0..{upper} minutes since midnight"
        )


@attrs.frozen
class Window:
    """One opening window, half-open ``[start, end)``, in local wall-clock minutes since midnight.

    ``Window(540, 840)`` is 09:00-14:00; ``end == 1440`` is 24:00, the end of the day.
    """

    start: int = attrs.field(validator=_minute_of_day)
    end: int = attrs.field(validator=_minute_of_day)

    def __attrs_post_init__(self) -> None:
        if self.end < self.start:
            raise CalendarError(f"'{self}' ends before it starts")
        if self.end == self.start:
            raise CalendarError(f"'{self}' is empty: it ends when it starts")

    def __str__(self) -> str:
        return f"{_hm(self.start)}-{_hm(self.end)}"

    @property
    def minutes(self) -> int:
        """Wall-clock length in minutes (real length can differ on a DST change day)."""
        return self.end - self.start

    def overlaps(self, other: Window) -> bool:
        """Whether the two half-open windows share a minute (touching ends do not)."""
        return self.start < other.end and other.start < self.end


def parse_window(text: str) -> Window:
    """Read ``"09:00-14:00"`` (or ``"9:00-14:00"``, ``"00:00-24:00"``) as a :class:`Window`.

    Bad text is a :class:`CalendarError` that quotes it, e.g.
    ``'16:30-14:00' ends before it starts``.
    """
    if not isinstance(text, str):
        raise CalendarError(f"expected a window such as '09:00-14:00', got {text!r}")
    match = _WINDOW_RE.match(text)
    if match is None:
        raise CalendarError(f"{text!r} is not a window; expected 'HH:MM-HH:MM', e.g. '09:00-14:00'")
    h1, m1, h2, m2 = (int(g) for g in match.groups())
    if m1 > 59 or m2 > 59:
        raise CalendarError(f"{text!r}: minutes must be 00..59")
    if h1 > 23:
        raise CalendarError(f"{text!r}: a window starts at 00:00..23:59")
    if h2 > 24 or (h2 == 24 and m2 != 0):
        raise CalendarError(f"{text!r}: a window ends at 00:01..24:00")
    start, end = h1 * 60 + m1, h2 * 60 + m2
    if end < start:
        raise CalendarError(f"{text!r} ends before it starts")
    if end == start:
        raise CalendarError(f"{text!r} is empty: it ends when it starts")
    return Window(start, end)


def _freeze_weekly(
    weekly: Mapping[int, Iterable[Window]],
) -> Mapping[int, tuple[Window, ...]]:
    """Copy ``weekly`` into a read-only mapping of sorted window tuples (checked later)."""
    if not isinstance(weekly, Mapping):
        raise CalendarError(
            f"weekly: expected a mapping weekday (0=Monday..6=Sunday) -> windows, got {weekly!r}"
        )
    frozen: dict[int, tuple[Window, ...]] = {}
    for key, windows in weekly.items():
        if isinstance(key, bool) or not isinstance(key, int) or not 0 <= key <= 6:
            raise CalendarError(f"weekly: {key!r} is not a weekday number (0=Monday..6=Sunday)")
        items = tuple(windows)
        for w in items:
            if not isinstance(w, Window):
                raise CalendarError(
                    f"weekly[{key}]: expected Window objects (see parse_window), got {w!r}"
                )
        if items:
            frozen[key] = tuple(sorted(items, key=lambda w: (w.start, w.end)))
    return MappingProxyType(dict(sorted(frozen.items())))


@attrs.frozen
class Schedule:
    """A named weekly schedule ("normal", "summer", "special"), optionally seasonal.

    ``weekly`` maps a weekday (0=Monday..6=Sunday) to its windows; a missing weekday is closed.
    Windows are stored sorted; windows that overlap are a :class:`CalendarError`. A season is
    either ``months`` (Binarema's summer hours: ``(7, 8)``) or an inclusive day-of-year range
    ``from_md``..``until_md`` of ``(month, day)`` pairs, which may wrap past New Year. No season
    means all year.
    """

    name: str
    weekly: Mapping[int, tuple[Window, ...]] = attrs.field(converter=_freeze_weekly, hash=False)
    months: tuple[int, ...] = attrs.field(default=(), converter=_int_tuple)
    from_md: tuple[int, int] | None = None
    until_md: tuple[int, int] | None = None

    def __attrs_post_init__(self) -> None:
        if not isinstance(self.name, str) or not self.name.strip():
            raise CalendarError(f"schedule name: expected a non-empty name, got {self.name!r}")
        problems = _season_problems(self.months, self.from_md, self.until_md)
        if problems:
            field_name, problem = problems[0]
            raise CalendarError(f"schedule {self.name!r}: {field_name}: {problem}")
        for weekday, windows in self.weekly.items():
            for a, b in itertools.pairwise(windows):
                if a.overlaps(b):
                    raise CalendarError(
                        f"schedule {self.name!r}: on {WEEKDAY_NAMES[weekday]}, windows {a} and "
                        f"{b} overlap"
                    )

    @property
    def seasonal(self) -> bool:
        """Whether the schedule applies only in a season."""
        return bool(self.months) or self.from_md is not None

    def in_season(self, d: date) -> bool:
        """Whether ``d`` lies in the schedule's season (always true without a season)."""
        if self.months:
            return d.month in self.months
        if self.from_md is not None and self.until_md is not None:
            md = (d.month, d.day)
            lo, hi = self.from_md, self.until_md
            return lo <= md <= hi if lo <= hi else (md >= lo or md <= hi)
        return True

    def _season_days(self) -> frozenset[tuple[int, int]]:
        """Every (month, day) of a leap year in the season, to test seasons for overlap."""
        day, days = date(_LEAP_YEAR, 1, 1), set()
        while day.year == _LEAP_YEAR:
            if self.in_season(day):
                days.add((day.month, day.day))
            day += timedelta(days=1)
        return frozenset(days)


def _check_date(_inst: object, attribute: attrs.Attribute[date], value: object) -> None:
    if isinstance(value, datetime) or not isinstance(value, date):
        raise CalendarError(f"closure {attribute.name}: expected a date, got {value!r}")


@attrs.frozen
class ClosurePeriod:
    """A closure given as data, e.g. a vendor's holiday period ("verlofperiode").

    Both ends are inclusive local dates; the label explains the closed days
    ("closure: zomerverlof").
    """

    start: date = attrs.field(validator=_check_date)
    end: date = attrs.field(validator=_check_date)
    label: str

    def __attrs_post_init__(self) -> None:
        if not isinstance(self.label, str) or not self.label.strip():
            raise CalendarError(f"closure label: expected a non-empty text, got {self.label!r}")
        if self.end < self.start:
            raise CalendarError(
                f"closure {self.label!r}: end {self.end.isoformat()} is before start "
                f"{self.start.isoformat()}"
            )

    def contains(self, d: date) -> bool:
        """Whether the closure covers the local date ``d``."""
        return self.start <= d <= self.end


@attrs.frozen
class HolidaySpec:
    """Which public holidays close the desk, from the ``holidays`` package.

    ``country`` is an ISO 3166-1 alpha-2 code ("ES", "MX", "CL", "BE"); ``subdiv`` a subdivision
    code ("AN" for Andalusia). ``language`` chooses the holiday names used in explanations; by
    default English ("en_US") where the package has it, so explanations do not depend on the
    machine's locale. Unknown codes are a :class:`CalendarError` naming them.
    """

    country: str
    subdiv: str | None = None
    language: str | None = None

    def __attrs_post_init__(self) -> None:
        self.load()

    def load(self) -> _holidays.HolidayBase:
        """A fresh, lazily expanding holiday table (years are computed when first asked)."""
        if not isinstance(self.country, str):
            raise CalendarError(f"country: expected a country code, got {self.country!r}")
        try:
            table = _holidays.country_holidays(self.country, subdiv=self.subdiv, years=[])
        except NotImplementedError as exc:
            if self.subdiv is not None and "subdivision" in str(exc):
                raise CalendarError(
                    f"subdiv: {self.subdiv!r} is not a subdivision of "
                    f"{self.country!r} known to the holidays package"
                ) from exc
            raise CalendarError(
                f"country: {self.country!r} is not a country known to the holidays "
                "package (expected an ISO 3166-1 alpha-2 code such as 'ES')"
            ) from exc
        supported = tuple(table.supported_languages)
        language = self.language
        if language is None:
            language = "en_US" if "en_US" in supported else table.default_language
        elif language not in supported:
            raise CalendarError(
                f"language: {language!r} is not available for {self.country!r} "
                f"(available: {', '.join(supported) or 'none'})"
            )
        return _holidays.country_holidays(
            self.country, subdiv=self.subdiv, years=[], language=language
        )


@attrs.frozen
class DayInfo:
    """One local date of a calendar: its windows as aware instants, or why it is closed."""

    date: date
    windows: tuple[tuple[datetime, datetime, str], ...]
    closed_reason: str | None

    @property
    def is_business_day(self) -> bool:
        """Whether the desk opens at all that day."""
        return bool(self.windows)


@attrs.frozen
class OpenStatus:
    """Whether a desk is open at one instant, under which schedule, and when it serves next.

    What :meth:`BusinessCalendar.status` returns: ``open == cal.is_open(at)``,
    ``schedule == cal.schedule_at(at)``, ``next_open == cal.next_open(at)`` and
    ``next_schedule == cal.schedule_at(next_open)``, found with one search of the calendar's
    days instead of four.
    """

    open: bool
    #: the schedule whose window contains the instant; ``None`` when closed
    schedule: str | None
    #: the instant itself (in the calendar's zone) if open, else the start of the next window
    next_open: datetime
    #: the schedule of the window ``next_open`` lies in: ``schedule`` when open, else the
    #: schedule that serves next (Itplusnet prices a closed-hours payment by it)
    next_schedule: str


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


# --------------------------------------------------------------------------- the calendar


class _Day:
    """A cached local date: windows as UTC microsecond instants, or why the day is closed."""

    __slots__ = ("label", "reason", "windows")

    def __init__(
        self, windows: tuple[tuple[int, int, str], ...], reason: str | None, label: str | None
    ) -> None:
        self.windows = windows
        self.reason = reason  # explain_closed(): "Saturday", "public holiday: ..."
        self.label = label  # in BusinessTime.skipped: "Saturday 2026-11-21"


class BusinessCalendar:
    """A desk's opening hours in its home time zone, with holidays and closures.

    Built once from data (schedules, a :class:`HolidaySpec`, closure periods); days are computed
    on first use and cached, so repeated arithmetic is cheap. See the module docstring for the
    conventions every method follows.
    """

    name: str
    tz: ZoneInfo

    def __init__(
        self,
        name: str,
        timezone: str | ZoneInfo,
        schedules: Sequence[Schedule],
        holidays: HolidaySpec | None = None,
        closures: Sequence[ClosurePeriod] = (),
    ) -> None:
        if not isinstance(name, str) or not name.strip():
            raise CalendarError(f"name: a calendar needs a non-empty name, got {name!r}")
        self.name = name
        self.tz = _resolve_zone(timezone)
        self.schedules: tuple[Schedule, ...] = tuple(schedules)
        if not self.schedules:
            raise CalendarError(f"schedules: calendar {name!r} has no schedules")
        for i, schedule in enumerate(self.schedules):
            if not isinstance(schedule, Schedule):
                raise CalendarError(f"schedules[{i}]: expected a Schedule, got {schedule!r}")
        if not any(schedule.weekly for schedule in self.schedules):
            raise CalendarError(
                f"schedules: calendar {name!r} has no opening windows at all; give each "
                "schedule its days and windows"
            )
        _check_simultaneous_overlaps(self.schedules)
        if holidays is not None and not isinstance(holidays, HolidaySpec):
            raise CalendarError(f"holidays: expected a HolidaySpec, got {holidays!r}")
        self.holidays = holidays
        self._holiday_table = holidays.load() if holidays is not None else None
        for i, closure in enumerate(closures):
            if not isinstance(closure, ClosurePeriod):
                raise CalendarError(f"closures[{i}]: expected a ClosurePeriod, got {closure!r}")
        self.closures: tuple[ClosurePeriod, ...] = tuple(closures)
        self._seasonal = tuple(s for s in self.schedules if s.seasonal)
        self._regular = tuple(s for s in self.schedules if not s.seasonal)
        self._days: dict[int, _Day] = {}
        self._infos: dict[int, DayInfo] = {}

    def __repr__(self) -> str:
        names = ", ".join(repr(s.name) for s in self.schedules)
        return f"<BusinessCalendar {self.name!r} {self.tz.key} schedules=[{names}]>"

    # ----------------------------------------------------------------- days

    def _day(self, ordinal: int) -> _Day:
        day = self._days.get(ordinal)
        if day is None:
            day = self._days[ordinal] = self._compute_day(ordinal)
        return day

    def _compute_day(self, ordinal: int) -> _Day:
        d = date.fromordinal(ordinal)
        weekday = WEEKDAY_NAMES[d.weekday()]
        reason: str | None = None
        for closure in self.closures:
            if closure.contains(d):
                reason = f"closure: {closure.label}"
                break
        if reason is None and self._holiday_table is not None:
            holiday = self._holiday_table.get(d)
            if holiday:
                reason = f"public holiday: {holiday}"
        windows: tuple[tuple[int, int, str], ...] = ()
        if reason is None:
            windows, had_wall_windows = self._windows_of(d)
            if not windows:
                reason = (
                    f"{weekday}: its opening hours fall in a daylight-saving gap"
                    if had_wall_windows
                    else weekday
                )
        label = None
        if reason is not None:
            label = f"{weekday} {d.isoformat()}"
            if reason != weekday:
                label += f" ({reason})"
        return _Day(windows, reason, label)

    def _windows_of(self, d: date) -> tuple[tuple[tuple[int, int, str], ...], bool]:
        """The day's windows as sorted, disjoint UTC instants inside the day (see module doc)."""
        in_season = [s for s in self._seasonal if s.in_season(d)]
        applicable = in_season or self._regular
        weekday = d.weekday()
        wall = sorted(
            ((w, s.name) for s in applicable for w in s.weekly.get(weekday, ())),
            key=lambda item: item[0].start,
        )
        if not wall:
            return (), False
        next_day = d + timedelta(days=1)
        tz = self.tz
        day_start = _to_us(datetime(d.year, d.month, d.day, tzinfo=tz))
        day_end = _to_us(datetime(next_day.year, next_day.month, next_day.day, tzinfo=tz))

        def instant(minute: int) -> int:
            if minute == 1440:
                return day_end
            return _to_us(datetime(d.year, d.month, d.day, minute // 60, minute % 60, tzinfo=tz))

        result: list[tuple[int, int, str]] = []
        floor = day_start
        for window, name in wall:
            start = max(instant(window.start), floor)
            end = min(instant(window.end), day_end)
            if end > start:
                result.append((start, end, name))
                floor = end
        return tuple(result), True

    def day(self, d: date) -> DayInfo:
        """The local date ``d``: its windows (aware, in the calendar's zone) or why it is closed."""
        d = _plain_date(d, "d")
        ordinal = d.toordinal()
        info = self._infos.get(ordinal)
        if info is None:
            record = self._day(ordinal)
            info = DayInfo(
                date=d,
                windows=tuple(
                    (_from_us(s, self.tz), _from_us(e, self.tz), name)
                    for s, e, name in record.windows
                ),
                closed_reason=record.reason,
            )
            self._infos[ordinal] = info
        return info

    def is_business_day(self, d: date) -> bool:
        """Whether the desk opens at all on the local date ``d``."""
        return bool(self._day(_plain_date(d, "d").toordinal()).windows)

    def explain_closed(self, d: date) -> str | None:
        """Why the local date ``d`` has no opening, or ``None`` if it has one.

        ``"Saturday"``, ``"public holiday: Immaculate Conception"``, ``"closure: zomerverlof"``.
        A closure period explains a day before a public holiday, a holiday before the weekday.
        """
        return self._day(_plain_date(d, "d").toordinal()).reason

    # ----------------------------------------------------------------- instants

    def _first_ordinal(self, at: datetime) -> int:
        # One day early: with a DST gap across midnight, an instant can belong to the window of
        # the previous local date. Windows of earlier days all end before ``at``.
        return at.astimezone(self.tz).toordinal() - 1

    def _window_containing(self, at: datetime) -> tuple[int, int, str] | None:
        t = _to_us(at)
        first = self._first_ordinal(at)
        for ordinal in (first, first + 1, first + 2):
            for window in self._day(ordinal).windows:
                if window[0] <= t < window[1]:
                    return window
        return None

    def _no_opening(self, ordinal: int) -> CalendarError:
        return CalendarError(
            f"calendar {self.name!r} has no opening within {SEARCH_LIMIT_DAYS} days of "
            f"{date.fromordinal(ordinal).isoformat()}"
        )

    def _first_window(self, t: int, first: int, *, starting_after: bool) -> tuple[int, int, str]:
        """The first window ending after ``t`` (or starting after it), as (start, end, name)."""
        ordinal, empty = first, 0
        while True:
            windows = self._day(ordinal).windows
            if windows:
                empty = 0
                for window in windows:
                    if (window[0] > t) if starting_after else (window[1] > t):
                        return window
            else:
                empty += 1
                if empty > SEARCH_LIMIT_DAYS:
                    raise self._no_opening(first + 1)
            ordinal += 1

    def is_open(self, at: datetime) -> bool:
        """Whether the instant ``at`` lies in an opening window."""
        return self._window_containing(_aware(at, "at")) is not None

    def schedule_at(self, at: datetime) -> str | None:
        """The name of the schedule whose window contains ``at``; ``None`` when closed."""
        window = self._window_containing(_aware(at, "at"))
        return None if window is None else window[2]

    def next_open(self, at: datetime) -> datetime:
        """``at`` itself (in the calendar's zone) if open, else the start of the next window."""
        at = _aware(at, "at")
        t = _to_us(at)
        start, _end, _name = self._first_window(t, self._first_ordinal(at), starting_after=False)
        return at.astimezone(self.tz) if start <= t else _from_us(start, self.tz)

    def status(self, at: datetime) -> OpenStatus:
        """:meth:`is_open`, :meth:`schedule_at` and :meth:`next_open` at ``at``, and the schedule
        that serves at ``next_open``, in one search.

        Windows are sorted and disjoint across days, so the first window ending after ``at`` is
        the one containing it if it starts at or before ``at``; otherwise the desk is closed and
        that window's start is the next opening. Like :meth:`next_open`, a closed calendar with
        no opening within the search limit is a :class:`CalendarError`.
        """
        at = _aware(at, "at")
        t = _to_us(at)
        start, _end, name = self._first_window(t, self._first_ordinal(at), starting_after=False)
        if start <= t:
            return OpenStatus(True, name, at.astimezone(self.tz), name)
        return OpenStatus(False, None, _from_us(start, self.tz), name)

    def next_opening(self, after: datetime) -> datetime:
        """The start of the next window strictly after ``after``.

        Adjacent windows of different schedules count: at 12:00 on a weekday, Itplusnet's next
        opening is its "special" window at 18:31.
        """
        after = _aware(after, "after")
        start, _end, _name = self._first_window(
            _to_us(after), self._first_ordinal(after), starting_after=True
        )
        return _from_us(start, self.tz)

    # ----------------------------------------------------------------- arithmetic

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


def _check_simultaneous_overlaps(schedules: Sequence[Schedule]) -> None:
    """Schedules that can apply on the same date must not overlap on any weekday."""
    seasons: dict[int, frozenset[tuple[int, int]]] = {
        i: s._season_days() for i, s in enumerate(schedules) if s.seasonal
    }
    for i, a in enumerate(schedules):
        for j in range(i + 1, len(schedules)):
            b = schedules[j]
            if a.seasonal != b.seasonal:
                continue  # a seasonal schedule replaces the non-seasonal ones in its season
            if a.seasonal and not seasons[i] & seasons[j]:
                continue
            for weekday in range(7):
                for wa in a.weekly.get(weekday, ()):
                    for wb in b.weekly.get(weekday, ()):
                        if wa.overlaps(wb):
                            raise CalendarError(
                                f"schedules[{i}] {a.name!r} and schedules[{j}] {b.name!r} "
                                f"overlap on {WEEKDAY_NAMES[weekday]}: {wa} and {wb}; "
                                "schedules that apply on the same day must not overlap"
                            )


# --------------------------------------------------------------------------- settings form


def _parse_days(names: Iterable[object]) -> tuple[list[int], list[tuple[int, str]]]:
    """Weekday numbers from "mon".."sun", full names or ranges "mon-fri"; (index, problem)."""
    days: list[int] = []
    problems: list[tuple[int, str]] = []
    for index, name in enumerate(names):
        text = name.strip().lower() if isinstance(name, str) else None
        parts = text.split("-") if text else []
        if parts and len(parts) <= 2 and all(p.strip() in _DAY_KEYS for p in parts):
            lo, hi = _DAY_KEYS[parts[0].strip()], _DAY_KEYS[parts[-1].strip()]
            span = range(lo, hi + 1) if lo <= hi else [*range(lo, 7), *range(hi + 1)]
            days.extend(d for d in span if d not in days)
        else:
            problems.append(
                (
                    index,
                    f"{name!r} is not a day; use mon, tue, wed, thu, fri, sat, sun or a "
                    "range such as 'mon-fri'",
                )
            )
    return days, problems


@attrs.frozen
class ScheduleSpec:
    """The settings-file form of a :class:`Schedule`: the same windows on each listed day.

    ``days`` are "mon".."sun" (full names and ranges such as "mon-fri" also work); ``windows``
    are "HH:MM-HH:MM". A schedule with different hours on different days (Itplusnet's
    "special") is written as several entries with the same name.
    """

    name: str
    days: tuple[str, ...] = attrs.field(converter=_str_tuple)
    windows: tuple[str, ...] = attrs.field(converter=_str_tuple)
    months: tuple[int, ...] = attrs.field(default=(), converter=_int_tuple)
    from_md: tuple[int, int] | None = None
    until_md: tuple[int, int] | None = None


def _spec_tuple(values: Iterable[ScheduleSpec]) -> tuple[ScheduleSpec, ...]:
    return tuple(values)


def _closure_tuple(values: Iterable[ClosurePeriod]) -> tuple[ClosurePeriod, ...]:
    return tuple(values)


@attrs.frozen
class CalendarSpec:
    """The settings-file form of a calendar, as an integrator writes it in TOML."""

    timezone: str
    schedules: tuple[ScheduleSpec, ...] = attrs.field(converter=_spec_tuple)
    holidays: HolidaySpec | None = None
    closures: tuple[ClosurePeriod, ...] = attrs.field(default=(), converter=_closure_tuple)

    def build(self, name: str) -> BusinessCalendar:
        """A :class:`BusinessCalendar`; every problem found is reported with its field.

        ``schedules[1].windows[0]: '16:30-14:00' ends before it starts``; several problems are
        reported together, one per line.
        """
        problems: list[str] = []
        zone: ZoneInfo | None = None
        try:
            zone = _resolve_zone(self.timezone)
        except CalendarError as exc:
            problems.append(str(exc))
        if not self.schedules:
            problems.append("schedules: at least one schedule is needed")
        built: list[Schedule] = []
        for i, spec in enumerate(self.schedules):
            schedule = _build_schedule(spec, f"schedules[{i}]", problems)
            if schedule is not None:
                built.append(schedule)
        if self.holidays is not None and not isinstance(self.holidays, HolidaySpec):
            problems.append(f"holidays: expected a HolidaySpec, got {self.holidays!r}")
        for i, closure in enumerate(self.closures):
            if not isinstance(closure, ClosurePeriod):
                problems.append(f"closures[{i}]: expected a ClosurePeriod, got {closure!r}")
        if problems:
            raise CalendarError("\n".join(problems))
        assert zone is not None
        return BusinessCalendar(name, zone, built, self.holidays, self.closures)


def _build_schedule(spec: ScheduleSpec, path: str, problems: list[str]) -> Schedule | None:
    """Build one schedule from its settings form, appending path-named problems."""
    if not isinstance(spec, ScheduleSpec):
        problems.append(f"{path}: expected a schedule, got {spec!r}")
        return None
    before = len(problems)
    if not isinstance(spec.name, str) or not spec.name.strip():
        problems.append(f"{path}.name: expected a non-empty name, got {spec.name!r}")
    if not spec.days:
        problems.append(f"{path}.days: no days given")
    days, day_problems = _parse_days(spec.days)
    problems.extend(f"{path}.days[{k}]: {p}" for k, p in day_problems)
    if not spec.windows:
        problems.append(f"{path}.windows: no windows given")
    windows: list[tuple[int, Window]] = []
    for k, text in enumerate(spec.windows):
        try:
            windows.append((k, parse_window(text)))
        except CalendarError as exc:
            problems.append(f"{path}.windows[{k}]: {exc}")
    ordered = sorted(windows, key=lambda item: item[1].start)
    for (ka, wa), (kb, wb) in itertools.pairwise(ordered):
        if wa.overlaps(wb):
            problems.append(f"{path}.windows: [{ka}] '{wa}' and [{kb}] '{wb}' overlap")
    problems.extend(
        f"{path}.{field_name}: {p}"
        for field_name, p in _season_problems(spec.months, spec.from_md, spec.until_md)
    )
    if len(problems) > before:
        return None
    wall = tuple(w for _k, w in windows)
    return Schedule(
        name=spec.name,
        weekly={d: wall for d in days},
        months=spec.months,
        from_md=spec.from_md,
        until_md=spec.until_md,
    )
