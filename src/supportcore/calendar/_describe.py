"""Opening hours in words: what :meth:`BusinessCalendar.describe` and :meth:`Schedule.describe`
return, and its sentence in English or in a reader's language.

The value is structured and free of language: weekdays by index (0 = Monday) grouped in runs,
times as ``"HH:MM"``, seasons as months or ``(month, day)`` pairs, holidays as codes. One
function writes the sentence from it (at the end of this module), from templates and names:

- :func:`english`, the calendar's own ``str()``: the templates as written, the names of days,
  months and countries from Babel's English locale, the zone's IANA key and the holidays' codes
  (``Europe/Madrid time; closed on public holidays of Andalucía (ES-AN)``);
- :meth:`HoursWords.said`, in the language of an explanation (a
  :class:`~supportcore.i18n.Language`): the templates from its catalog chain (the core's
  translates them; a vendor's may word them its own way), the locale's names of days, months
  and countries and the zone's city (``de lunes a viernes de 09:00 a 14:00 y de 16:30 a
  19:30; …; hora de Madrid; cerrado los días festivos de Andalucía``), written once per value
  and language.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterable, Mapping, Sequence
from datetime import date
from typing import TYPE_CHECKING, Any, Final

import attrs
from babel import Locale

from ..i18n import N_
from ._common import _hm

if TYPE_CHECKING:
    import holidays as _holidays

    from ..i18n import Language
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
        return _days(self.days, _PLAIN)

    @property
    def windows_text(self) -> str:
        """``09:00–14:00 and 16:30–19:30`` (English)."""
        return _windows(self.windows, _PLAIN)

    @property
    def season_text(self) -> str | None:
        """``in July and August`` (English); ``None`` all year."""
        return _season(self, _PLAIN) if self.seasonal else None


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
    the plain English sentence, :func:`english`; :meth:`said` the sentence in a language.
    """

    timezone: str
    schedules: tuple[ScheduleWords, ...]
    holidays: HolidayWords | None = None
    closures: tuple[ClosurePeriod, ...] = ()
    #: the sentence in each language it was said in (a value is said in few languages)
    _said: dict[Any, str] = attrs.field(factory=dict, init=False, eq=False, repr=False, hash=False)

    @property
    def holiday_text(self) -> str | None:
        """``closed on public holidays of Andalucía (ES-AN)`` (English); ``None`` when neither
        holidays nor closures close the desk."""
        return _closed(self, _PLAIN)

    def said(self, lang: Language) -> str:
        """The sentence in ``lang``, for a reader: ``de lunes a viernes de 09:00 a 14:00 y de
        16:30 a 19:30; en julio y agosto, de lunes a viernes de 08:00 a 15:00; hora de Madrid;
        cerrado los días festivos de Andalucía``. Written once per value and language (the
        engine describes a calendar once per labels and closures: this is data), then looked
        up."""
        text = self._said.get(lang)
        if text is None:
            text = self._said[lang] = _sentence(self, _speech(lang))
        return text

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
            said = tuple((_hm(w.start), _hm(_said_end(w))) for w in windows)
            lines.append(ScheduleWords(label, _runs(days, 7), said, months, from_md, until_md))
    return tuple(lines)


def _said_end(window: Window) -> int:
    """The closing time of ``window`` as the terms state it (the last minute served, for a
    schedule whose closing times are inclusive)."""
    return window.end if window.said_end is None else window.said_end


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


# --------------------------------------------------------------------------- the sentence

# The parts of the sentence, as templates of the core's catalog (a vendor's catalog may word
# them its own way); the plain English sentence fills them as they are.
# i18n: a run of three or more weekdays (or months, in a list of months): "Monday to Friday"
_RANGE = N_("{first} to {last}")
_EVERY_DAY = N_("every day")
# i18n: one opening window; start and end are times written "09:00"
_WINDOW = N_("{start}–{end}")
# i18n: one line of opening hours: "Monday to Friday 09:00–14:00 and 16:30–19:30"
_LINE = N_("{days} {windows}")
# i18n: hours said with the name of their schedule: "... (special hours)"
_LABELLED = N_("{hours} ({label})")
# i18n: a season of months listed: "in July and August"
_IN_MONTHS = N_("in {months}")
# i18n: a season of consecutive months: "from June to September"
_MONTH_RANGE = N_("from {first} to {last}")
# i18n: a season between two days of the year: "from 15 December to 15 January"
_DAY_RANGE = N_("from {start} to {end}")
# i18n: the hours of a season: "in July and August, Monday to Friday 08:00–15:00"
_SEASONAL = N_("{season}, {hours}")
# i18n: the time zone the hours are in, named by its city: "Madrid time"
_ZONE = N_("{zone} time")
# i18n: place: a country or a region ("Andalucía")
_HOLIDAYS = N_("closed on public holidays of {place}")
# i18n: closures: named periods with their dates
_CLOSURES = N_("closed during {closures}")
_BOTH = N_("closed on public holidays of {place} and during {closures}")
# i18n: a closure of one day: its name and the date
_CLOSURE_DAY = N_("{label} ({day})")
# i18n: a closure of several days: its name and its first and last dates
_CLOSURE_DAYS = N_("{label} ({start} to {end})")

#: The names of days, months and countries in the plain English sentence.
_ENGLISH: Final = Locale("en", "GB")


@attrs.frozen
class _Speech:
    """How one language says the parts of the sentence: its templates, names and lists."""

    #: a template (one of the above) filled with words
    say: Callable[[str, Mapping[str, str]], str]
    days: Sequence[str]  #: Monday first
    months: Sequence[str]  #: January at 1
    join: Callable[[Sequence[str]], str]  #: "a, b and c"
    label: Callable[[str], str]  #: a schedule's label
    zone: Callable[[str], str]  #: an IANA key said
    place: Callable[[HolidayWords], str]  #: where the holidays are
    day_month: Callable[[int, int], str]  #: (month, day) said
    date: Callable[[date], str]


def _and_en(items: Sequence[str]) -> str:
    return items[0] if len(items) == 1 else f"{', '.join(items[:-1])} and {items[-1]}"


def _place_en(h: HolidayWords) -> str:
    code = f"{h.country}-{h.subdiv}" if h.subdiv else h.country
    return f"{h.subdiv_name or _ENGLISH.territories.get(h.country, h.country)} ({code})"


_EN_MONTHS: Final = ("", *(_ENGLISH.months["format"]["wide"][m] for m in range(1, 13)))

#: The plain English sentence: templates as written, the zone's IANA key, a holiday's code.
_PLAIN: Final = _Speech(
    say=lambda template, values: template.format_map(values),
    days=tuple(_ENGLISH.days["format"]["wide"][i] for i in range(7)),
    months=_EN_MONTHS,
    join=_and_en,
    label=lambda label: label,
    zone=lambda key: key,
    place=_place_en,
    day_month=lambda m, d: f"{d} {_EN_MONTHS[m]}",
    date=date.isoformat,
)


@functools.lru_cache(maxsize=64)
def _speech(lang: Language) -> _Speech:
    """The sentence in ``lang``: its catalog chain's templates (the English template when no
    catalog has one, or when a translation cannot be filled), its locale's names (CLDR's, via
    Babel): weekdays, months, the country, the zone's city; dates as the locale writes them,
    in English too (``Madrid time``, ``24 December 2026``). :func:`english` is the calendar's
    own plain sentence (the zone's key, the holidays' codes, ISO dates), for the JSON."""
    from babel.dates import format_skeleton, get_timezone_location

    locale = Locale.parse(lang.formats.locale)

    def say(template: str, values: Mapping[str, str]) -> str:
        translated = lang.gettext(template)
        try:
            return translated.format_map(values)
        except (KeyError, IndexError, ValueError, AttributeError):
            return template.format_map(values)  # a translation with a wrong placeholder

    return _Speech(
        say=say,
        days=lang.formats.days,
        months=lang.formats.months,
        join=lang.formats.list,
        label=lang.gettext,
        zone=lambda key: str(get_timezone_location(key, locale=locale, return_city=True)),
        place=lambda h: h.subdiv_name or locale.territories.get(h.country, h.country),
        day_month=lambda m, d: str(format_skeleton("MMMMd", date(2000, m, d), locale=locale)),
        date=lang.formats.date,
    )


def english(words: HoursWords) -> str:
    """``Monday to Friday 09:00–14:00 and 16:30–19:30; in July and August, Monday to Friday
    08:00–15:00; Europe/Madrid time; closed on public holidays of Andalucía (ES-AN)``.

    Lines of the same label and season are said together; a label is said, after its lines,
    only when another label applies in the same season (Itplusnet's normal and special hours:
    ``Monday to Friday 09:00–18:30 (normal); Monday to Friday 18:31–22:00, Saturday
    10:00–21:00 and Sunday 10:00–14:00 (special)``).
    """
    return _sentence(words, _PLAIN)


def _sentence(words: HoursWords, s: _Speech) -> str:
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
        text = s.join([_line(line, s) for line in lines])
        if len(labels_by_season[key[1:]]) > 1:
            text = s.say(_LABELLED, {"hours": text, "label": s.label(first.label)})
        if first.seasonal:
            text = s.say(_SEASONAL, {"season": _season(first, s), "hours": text})
        parts.append(text)
    parts.append(s.say(_ZONE, {"zone": s.zone(words.timezone)}))
    closed = _closed(words, s)
    if closed is not None:
        parts.append(closed)
    return "; ".join(parts)


def _line(line: ScheduleWords, s: _Speech) -> str:
    return s.say(_LINE, {"days": _days(line.days, s), "windows": _windows(line.windows, s)})


def _windows(windows: Iterable[tuple[str, str]], s: _Speech) -> str:
    return s.join([s.say(_WINDOW, {"start": start, "end": end}) for start, end in windows])


def _runs_said(runs: Iterable[tuple[int, int]], names: Sequence[str], s: _Speech) -> list[str]:
    """Runs of a cycle of ``names`` said: one or two days each by name, more as a range."""
    items: list[str] = []
    for first, last in runs:
        length = (last - first) % len(names) + 1
        if length <= 2:
            items.extend(names[(first + i) % len(names)] for i in range(length))
        else:
            items.append(s.say(_RANGE, {"first": names[first], "last": names[last]}))
    return items


def _days(runs: tuple[tuple[int, int], ...], s: _Speech) -> str:
    if runs == ((0, 6),):
        return s.say(_EVERY_DAY, {})
    return s.join(_runs_said(runs, s.days, s))


def _season(line: ScheduleWords, s: _Speech) -> str:
    if line.from_md is not None and line.until_md is not None:
        (m1, d1), (m2, d2) = line.from_md, line.until_md
        return s.say(_DAY_RANGE, {"start": s.day_month(m1, d1), "end": s.day_month(m2, d2)})
    runs = _runs(sorted({m - 1 for m in line.months}), 12)
    names = [s.months[i + 1] for i in range(12)]
    if len(runs) == 1 and (runs[0][1] - runs[0][0]) % 12 >= 2:
        first, last = runs[0]
        return s.say(_MONTH_RANGE, {"first": names[first], "last": names[last]})
    return s.say(_IN_MONTHS, {"months": s.join(_runs_said(runs, names, s))})


def _closed(words: HoursWords, s: _Speech) -> str | None:
    place = s.place(words.holidays) if words.holidays is not None else None
    periods = [
        s.say(_CLOSURE_DAY, {"label": c.label, "day": s.date(c.start)})
        if c.end == c.start
        else s.say(
            _CLOSURE_DAYS, {"label": c.label, "start": s.date(c.start), "end": s.date(c.end)}
        )
        for c in words.closures
    ]
    if place is not None and periods:
        return s.say(_BOTH, {"place": place, "closures": s.join(periods)})
    if place is not None:
        return s.say(_HOLIDAYS, {"place": place})
    if periods:
        return s.say(_CLOSURES, {"closures": s.join(periods)})
    return None
