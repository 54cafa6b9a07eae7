"""The settings-file form of a calendar: :class:`CalendarSpec` and :class:`ScheduleSpec`,
as an integrator writes them in TOML, and :meth:`CalendarSpec.build`, which names every
problem by its field."""

from __future__ import annotations

import itertools
from collections.abc import Iterable
from typing import Final
from zoneinfo import ZoneInfo

import attrs

from ._calendar import BusinessCalendar
from ._common import WEEKDAY_NAMES, CalendarError, _resolve_zone
from ._holidays import ClosurePeriod, HolidaySpec
from ._windows import Schedule, Window, _int_tuple, _season_problems, parse_window

_DAY_KEYS: Final = {
    **{name[:3].lower(): i for i, name in enumerate(WEEKDAY_NAMES)},
    **{name.lower(): i for i, name in enumerate(WEEKDAY_NAMES)},
}


def _str_tuple(values: Iterable[str]) -> tuple[str, ...]:
    return tuple(values)


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

    ``closing``: how each window's closing time is read: ``"exclusive"`` (the default: the desk
    closes at it) or ``"inclusive"`` (the stated minute is the last one served: "09:00-18:30"
    serves until 18:31, and the hours are still written "18:30", as the terms say it).
    """

    name: str
    days: tuple[str, ...] = attrs.field(converter=_str_tuple)
    windows: tuple[str, ...] = attrs.field(converter=_str_tuple)
    months: tuple[int, ...] = attrs.field(default=(), converter=_int_tuple)
    from_md: tuple[int, int] | None = None
    until_md: tuple[int, int] | None = None
    closing: str = "exclusive"


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
    inclusive = spec.closing == "inclusive"
    if not inclusive and spec.closing != "exclusive":
        wanted = "expected 'exclusive' or 'inclusive'"
        problems.append(f"{path}.closing: {wanted}, got {spec.closing!r}")
    windows: list[tuple[int, Window]] = []
    for k, text in enumerate(spec.windows):
        try:
            window = parse_window(text)
            if inclusive:  # the stated closing minute is served: the window ends a minute later
                if window.end == 1440:
                    raise CalendarError(f"{text!r}: 24:00 cannot be served inclusively")
                window = Window(window.start, window.end + 1, said_end=window.end)
            windows.append((k, window))
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
