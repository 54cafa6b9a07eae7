"""Opening windows and weekly schedules: :class:`Window`, :func:`parse_window`,
:class:`Schedule` with its season, and the check that schedules applying on the same day do
not overlap."""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterable, Mapping, Sequence
from datetime import date, timedelta
from types import MappingProxyType
from typing import Final

import attrs

from ._common import WEEKDAY_NAMES, CalendarError, _hm
from ._describe import ScheduleWords, schedule_words

_WINDOW_RE: Final = re.compile(r"^\s*(\d{1,2}):(\d{2})\s*[-–—]\s*(\d{1,2}):(\d{2})\s*$")
_LEAP_YEAR: Final = 2000  # validates (month, day) pairs, 29 February included


def _int_tuple(values: Iterable[int]) -> tuple[int, ...]:
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

    ``said_end``: the closing time as the terms state it, when the stated minute is itself
    served (a schedule with ``closing = "inclusive"``: "a 18:30 horas" is ``Window(540, 1111,
    said_end=1110)``); the opening hours are written with it. It takes no part in comparisons.
    """

    start: int = attrs.field(validator=_minute_of_day)
    end: int = attrs.field(validator=_minute_of_day)
    said_end: int | None = attrs.field(default=None, eq=False, repr=False)

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

    def describe(self, label: str | None = None) -> tuple[ScheduleWords, ...]:
        """The schedule's hours in words: one :class:`ScheduleWords` per group of weekdays with
        the same windows, labelled ``label`` (default: the schedule's name)."""
        return schedule_words((self,), {self.name: label} if label else None)


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
