"""Opening hours in words: what :meth:`BusinessCalendar.describe` and :meth:`Schedule.describe`
return, and its English rendering.

The value is structured and free of language: weekdays by index (0 = Monday) grouped in runs,
times as ``"HH:MM"``, seasons as months or ``(month, day)`` pairs, holidays as codes. Only
:func:`english` (with its helpers, at the end of this module) writes words, taking the names of
days, months and countries from Babel's English locale, so that another language is another
such function.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, Final

import attrs
from babel import Locale

from ._common import _hm

if TYPE_CHECKING:
    import holidays as _holidays

    from ._holidays import ClosurePeriod, HolidaySpec
    from ._windows import Schedule, Window

__all__ = ["HolidayWords", "HoursWords", "ScheduleWords", "english"]

#: A line's label and season: lines with the same key are one schedule's.
_Key = tuple[str, tuple[int, ...], tuple[int, int] | None, tuple[int, int] | None]


@attrs.frozen
class ScheduleWords:
    """One line of opening hours: the weekdays of one schedule that share the same windows.

    ``days`` are runs of weekdays ``(first, last)``, both included, 0 = Monday: ``((0, 4),)`` is
    Monday to Friday, ``((5, 5),)`` Saturday; a run may wrap past Sunday (``(5, 0)``: Saturday
    to Monday). ``windows`` are wall-clock ``("HH:MM", "HH:MM")`` pairs, ``"24:00"`` ending the
    day. The season is the schedule's: ``months``, or ``from_md``..``until_md``, or none.
    """

    label: str
    days: tuple[tuple[int, int], ...]
    windows: tuple[tuple[str, str], ...]
    months: tuple[int, ...] = ()
    from_md: tuple[int, int] | None = None
    until_md: tuple[int, int] | None = None

    @property
    def seasonal(self) -> bool:
        """Whether the line applies only in a season."""
        return bool(self.months) or self.from_md is not None

    @property
    def days_text(self) -> str:
        """``Monday to Friday`` (English)."""
        return _days_en(self.days)

    @property
    def windows_text(self) -> str:
        """``09:00–14:00 and 16:30–19:30`` (English)."""
        return _and_en([f"{start}–{end}" for start, end in self.windows])

    @property
    def season_text(self) -> str | None:
        """``in July and August`` (English); ``None`` all year."""
        return _season_en(self) if self.seasonal else None


@attrs.frozen
class HolidayWords:
    """Which public holidays close the desk: the ``holidays`` package's country and subdivision
    codes, and the package's own name of the subdivision (``"Andalucía"``), when it has one."""

    country: str
    subdiv: str | None = None
    subdiv_name: str | None = None


@attrs.frozen
class HoursWords:
    """A calendar's opening hours, as :meth:`BusinessCalendar.describe` gives them.

    ``schedules`` in the calendar's order (each schedule's lines by their first weekday),
    ``timezone`` the IANA key the hours are in, ``holidays`` the public holidays that close the
    desk (``None``: none do) and ``closures`` the closure periods. ``text`` (and ``str()``) is
    the English sentence, :func:`english`.
    """

    timezone: str
    schedules: tuple[ScheduleWords, ...]
    holidays: HolidayWords | None = None
    closures: tuple[ClosurePeriod, ...] = ()

    @property
    def holiday_text(self) -> str | None:
        """``closed on public holidays of Andalucía (ES-AN)`` (English); ``None`` when neither
        holidays nor closures close the desk."""
        return _closed_en(self)

    @functools.cached_property
    def text(self) -> str:
        """The English sentence (written once per value)."""
        return english(self)

    def __str__(self) -> str:
        return self.text


# --------------------------------------------------------------------------- the data


def schedule_words(
    schedules: Iterable[Schedule], labels: Mapping[str, str] | None = None
) -> tuple[ScheduleWords, ...]:
    """The lines of ``schedules``: schedules with the same label and season are read as one
    (a schedule given as several entries with the same name), its weekdays grouped by their
    windows. ``labels`` maps a schedule's name to its label (default: the name)."""
    merged: dict[_Key, dict[int, tuple[Window, ...]]] = {}
    for schedule in schedules:
        label = (labels or {}).get(schedule.name) or schedule.name
        key = (label, schedule.months, schedule.from_md, schedule.until_md)
        week = merged.setdefault(key, {})
        for weekday, windows in schedule.weekly.items():
            if weekday in week:  # another entry of the same schedule on the same day
                windows = tuple(sorted((*week[weekday], *windows), key=lambda w: w.start))
            week[weekday] = windows
    lines: list[ScheduleWords] = []
    for (label, months, from_md, until_md), week in merged.items():
        groups: dict[tuple[Window, ...], list[int]] = {}
        for weekday in sorted(week):
            groups.setdefault(week[weekday], []).append(weekday)
        for windows, days in groups.items():
            said = tuple((_hm(w.start), _hm(w.end)) for w in windows)
            lines.append(ScheduleWords(label, _runs(days, 7), said, months, from_md, until_md))
    return tuple(lines)


def holiday_words(spec: HolidaySpec, table: _holidays.HolidayBase) -> HolidayWords:
    """The words of a :class:`HolidaySpec` whose table is ``table``: its codes and the
    package's name of the subdivision."""
    name = None
    if spec.subdiv is not None:
        name = next(iter(table.get_subdivision_aliases().get(spec.subdiv, ())), None)
    return HolidayWords(spec.country, spec.subdiv, name)


def _runs(values: Sequence[int], size: int) -> tuple[tuple[int, int], ...]:
    """Sorted distinct ``values`` of a cycle of ``size`` as runs ``(first, last)``; a run
    through the end of the cycle and one from its start are one run (``(5, 0)``)."""
    runs: list[list[int]] = []
    for value in values:
        if runs and runs[-1][1] == value - 1:
            runs[-1][1] = value
        else:
            runs.append([value, value])
    if len(runs) > 1 and runs[0][0] == 0 and runs[-1][1] == size - 1:
        runs[0][0] = runs.pop()[0]
    return tuple(sorted((first, last) for first, last in runs))


# --------------------------------------------------------------------------- English

#: The names of days, months and countries in the English sentences.
_ENGLISH: Final = Locale("en", "GB")


def english(words: HoursWords) -> str:
    """``Monday to Friday 09:00–14:00 and 16:30–19:30; in July and August, Monday to Friday
    08:00–15:00; Europe/Madrid time; closed on public holidays of Andalucía (ES-AN)``.

    Lines of the same label and season are said together; a label is said, after its lines,
    only when another label applies in the same season (Itplusnet's normal and special hours:
    ``Monday to Friday 09:00–18:30 (normal); Monday to Friday 18:31–22:00, Saturday
    10:00–21:00 and Sunday 10:00–14:00 (special)``).
    """
    clauses: list[tuple[_Key, list[ScheduleWords]]] = []
    for line in words.schedules:
        key = (line.label, line.months, line.from_md, line.until_md)
        if clauses and clauses[-1][0] == key:
            clauses[-1][1].append(line)
        else:
            clauses.append((key, [line]))
    labels_by_season: dict[tuple[object, ...], set[str]] = {}
    for line in words.schedules:
        labels_by_season.setdefault((line.months, line.from_md, line.until_md), set()).add(
            line.label
        )
    parts: list[str] = []
    for key, lines in clauses:
        first = lines[0]
        text = _and_en([f"{line.days_text} {line.windows_text}" for line in lines])
        if len(labels_by_season[key[1:]]) > 1:
            text = f"{text} ({first.label})"
        if first.season_text is not None:
            text = f"{first.season_text}, {text}"
        parts.append(text)
    parts.append(f"{words.timezone} time")
    closed = _closed_en(words)
    if closed is not None:
        parts.append(closed)
    return "; ".join(parts)


def _and_en(items: Sequence[str]) -> str:
    return items[0] if len(items) == 1 else f"{', '.join(items[:-1])} and {items[-1]}"


def _runs_en(runs: Iterable[tuple[int, int]], names: Sequence[str]) -> list[str]:
    """Runs of a cycle of ``names`` said: one or two days each by name, more as a range."""
    items: list[str] = []
    for first, last in runs:
        length = (last - first) % len(names) + 1
        if length <= 2:
            items.extend(names[(first + i) % len(names)] for i in range(length))
        else:
            items.append(f"{names[first]} to {names[last]}")
    return items


def _days_en(runs: tuple[tuple[int, int], ...]) -> str:
    if runs == ((0, 6),):
        return "every day"
    days = _ENGLISH.days["format"]["wide"]
    return _and_en(_runs_en(runs, [days[i] for i in range(7)]))


def _season_en(line: ScheduleWords) -> str:
    months = _ENGLISH.months["format"]["wide"]
    if line.from_md is not None and line.until_md is not None:
        (m1, d1), (m2, d2) = line.from_md, line.until_md
        return f"from {d1} {months[m1]} to {d2} {months[m2]}"
    items = _runs_en(
        _runs(sorted({m - 1 for m in line.months}), 12), [months[i + 1] for i in range(12)]
    )
    if len(items) == 1 and " to " in items[0]:
        return f"from {items[0]}"
    return f"in {_and_en(items)}"


def _closed_en(words: HoursWords) -> str | None:
    said: list[str] = []
    if words.holidays is not None:
        h = words.holidays
        code = f"{h.country}-{h.subdiv}" if h.subdiv else h.country
        where = h.subdiv_name or _ENGLISH.territories.get(h.country, h.country)
        said.append(f"on public holidays of {where} ({code})")
    periods = [
        f"{c.label} ({c.start.isoformat()}"
        + ("" if c.end == c.start else f" to {c.end.isoformat()}")
        + ")"
        for c in words.closures
    ]
    if periods:
        said.append("during " + _and_en(periods))
    return "closed " + " and ".join(said) if said else None
