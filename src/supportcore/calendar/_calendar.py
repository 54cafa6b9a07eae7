"""The calendar: :class:`BusinessCalendar` (its days, computed on first use and cached, and
its answers about instants), :class:`DayInfo` and :class:`OpenStatus`."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import attrs

from ._business_time import BusinessArithmetic
from ._common import (
    SEARCH_LIMIT_DAYS,
    WEEKDAY_NAMES,
    CalendarError,
    _aware,
    _from_us,
    _plain_date,
    _resolve_zone,
    _to_us,
)
from ._describe import HoursWords, holiday_words, schedule_words
from ._holidays import ClosurePeriod, HolidaySpec
from ._windows import Schedule, _check_simultaneous_overlaps


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


class _Day:
    """A cached local date: windows as UTC microsecond instants, or why the day is closed."""

    __slots__ = ("label", "reason", "windows")

    def __init__(
        self, windows: tuple[tuple[int, int, str], ...], reason: str | None, label: str | None
    ) -> None:
        self.windows = windows
        self.reason = reason  # explain_closed(): "Saturday", "public holiday: ..."
        self.label = label  # in BusinessTime.skipped: "Saturday 2026-11-21"


class BusinessCalendar(BusinessArithmetic):
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
        #: describe()'s answers by labels and closures kept (a calendar does not change)
        self._described: dict[object, HoursWords] = {}

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
        record = self._day(d.toordinal())
        return DayInfo(
            date=d,
            windows=tuple(
                (_from_us(s, self.tz), _from_us(e, self.tz), name) for s, e, name in record.windows
            ),
            closed_reason=record.reason,
        )

    def is_business_day(self, d: date) -> bool:
        """Whether the desk opens at all on the local date ``d``."""
        return bool(self._day(_plain_date(d, "d").toordinal()).windows)

    def explain_closed(self, d: date) -> str | None:
        """Why the local date ``d`` has no opening, or ``None`` if it has one.

        ``"Saturday"``, ``"public holiday: Immaculate Conception"``, ``"closure: zomerverlof"``.
        A closure period explains a day before a public holiday, a holiday before the weekday.
        """
        return self._day(_plain_date(d, "d").toordinal()).reason

    def describe(
        self, labels: Mapping[str, str] | None = None, *, since: date | None = None
    ) -> HoursWords:
        """The opening hours as a person says them; ``str()`` of the answer is the English
        sentence: ``Monday to Friday 09:00–14:00 and 16:30–19:30; in July and August, Monday to
        Friday 08:00–15:00; Europe/Madrid time; closed on public holidays of Andalucía (ES-AN)``.

        ``labels`` maps schedule names to the labels said (default: the names); ``since`` leaves
        out the closures that ended before that local date.
        """
        kept = self.closures
        if since is not None:
            since = _plain_date(since, "since")
            kept = tuple(c for c in kept if c.end >= since)
        key = (tuple(sorted(labels.items())) if labels else (), kept)
        words = self._described.get(key)
        if words is None:
            holidays = None
            if self.holidays is not None and self._holiday_table is not None:
                holidays = holiday_words(self.holidays, self._holiday_table)
            words = self._described[key] = HoursWords(
                timezone=self.tz.key,
                schedules=schedule_words(self.schedules, labels),
                holidays=holidays,
                closures=kept,
            )
        return words

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
