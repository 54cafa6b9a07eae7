"""Instants and dates as case and settings files write them.

An instant is ISO 8601 with an offset (``2026-11-20T17:00+01:00``) or with an IANA zone in
brackets (``2026-11-20T17:00[Europe/Madrid]``, RFC 9557); without either it is refused. Dates
and instants fall in the years 1900 to 2200. A wall time its zone skips (the hour the clocks
are put forward) is refused, saying so; one that occurs twice (the hour repeated when they go
back) means its first occurrence, unless an offset beside the zone names the other
(``2026-10-25T02:30+01:00[Europe/Madrid]``).
"""

from __future__ import annotations

import re
from datetime import UTC, date, datetime
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from .documents import describe
from .model import FIRST_YEAR, LAST_YEAR

__all__ = ["parse_date", "parse_datetime", "structure_datetime"]


_BRACKET = re.compile(r"^(?P<dt>[^\[]+)\[(?P<zone>[^\]]+)\]$")
_YEARS = f"years {FIRST_YEAR} to {LAST_YEAR}"


def _in_local_gap(dt: datetime) -> bool:
    """Whether ``dt`` (with a zone, no fixed offset) names a local time its zone skips."""
    days = _TRANSITION_DAYS.get((dt.tzinfo, dt.year))
    if days is None:
        days = _transition_days(dt.tzinfo, dt.year)
    if dt.toordinal() not in days or dt.utcoffset() == dt.replace(fold=1).utcoffset():
        return False
    # a transition: skipped (a gap) if the instant does not read back as the same wall time
    back = dt.astimezone(UTC).astimezone(dt.tzinfo)
    return back.replace(tzinfo=None, fold=0) != dt.replace(tzinfo=None, fold=0)


#: Per zone and year, the days on which the zone's offset changes (see _transition_days).
_TRANSITION_DAYS: dict[tuple[Any, int], frozenset[int]] = {}


def _transition_days(zone: Any, year: int) -> frozenset[int]:
    """The ordinals of the days of ``year`` around a change of ``zone``'s offset: the only
    days on which a wall time can be skipped or repeated. Found once per zone and year from
    the offsets at midnight and noon, so that reading an instant costs a set lookup."""
    first, last = date(year, 1, 1).toordinal(), date(year, 12, 31).toordinal()
    found: set[int] = set()
    previous = datetime.fromordinal(first - 1).replace(hour=12, tzinfo=zone).utcoffset()
    for n in range(first, last + 2):
        day = datetime.fromordinal(n).replace(tzinfo=zone)
        for offset in (day.utcoffset(), day.replace(hour=12).utcoffset()):
            if offset != previous:
                found.update((n - 1, n))
            previous = offset
    days = _TRANSITION_DAYS[(zone, year)] = frozenset(found)
    return days


def _local(naive: datetime, zone: ZoneInfo, name: str) -> datetime:
    """``naive`` in ``zone``, refusing a wall time the zone skips."""
    dt = naive.replace(tzinfo=zone)
    if _in_local_gap(dt):
        raise ValueError(
            f"{naive.isoformat()} does not exist in {name}: the clocks skip that time "
            "(they are put forward)"
        )
    return dt


def parse_datetime(value: object) -> datetime:
    """An aware datetime from a ``datetime`` or an ISO 8601 / RFC 9557 string, in the years
    1900 to 2200; a wall time its zone skips is refused."""
    if isinstance(value, datetime):
        dt = value
    elif isinstance(value, str):
        text = value.strip()
        m = _BRACKET.match(text) if "[" in text else None
        try:
            if m:
                try:
                    zone = ZoneInfo(m["zone"])
                except (ZoneInfoNotFoundError, ValueError, OSError):
                    raise ValueError(f"unknown time zone {describe(m['zone'])}") from None
                dt = datetime.fromisoformat(m["dt"])
                if not FIRST_YEAR <= dt.year <= LAST_YEAR:
                    raise ValueError(f"{describe(value)} is out of range ({_YEARS})")
                if dt.tzinfo is None:
                    dt = _local(dt, zone, m["zone"])
                else:
                    dt = dt.astimezone(zone)
            else:
                dt = datetime.fromisoformat(text)
        except ValueError as exc:
            if "time zone" in str(exc) or "out of range" in str(exc) or "not exist" in str(exc):
                raise
            raise ValueError(f"{describe(value)} is not an ISO 8601 date-time") from None
    elif isinstance(value, date):
        raise ValueError(f"{value.isoformat()} is a date; a date-time with a time zone is needed")
    else:
        raise ValueError(f"expected a date-time string, got {describe(value)}")
    if dt.tzinfo is None or dt.utcoffset() is None:
        raise ValueError("needs a time zone (write an offset such as +01:00 or [Europe/Madrid])")
    if not FIRST_YEAR <= dt.year <= LAST_YEAR:
        raise ValueError(f"{dt.isoformat()} is out of range ({_YEARS})")
    return dt


def structure_datetime(value: object, _t: Any = None) -> datetime:
    """The datetime hook: the usual spelling (ISO 8601 with an offset) is parsed straight away;
    anything else (a zone in brackets, spaces, no zone, not a string) goes through
    :func:`parse_datetime`, which decides."""
    if value.__class__ is str and value[-1:] != "]":
        try:
            dt = datetime.fromisoformat(value)
        except ValueError:
            pass
        else:
            # fromisoformat gives a fixed offset or nothing
            if dt.tzinfo is not None and FIRST_YEAR <= dt.year <= LAST_YEAR:
                return dt
    return parse_datetime(value)


def parse_date(value: object) -> date:
    """A date from a ``date`` or a ``YYYY-MM-DD`` string, in the years 1900 to 2200."""
    if isinstance(value, datetime):
        raise ValueError(f"{value.isoformat()} is a date-time; a date (YYYY-MM-DD) is needed")
    if isinstance(value, date):
        day = value
    elif isinstance(value, str):
        try:
            day = date.fromisoformat(value.strip())
        except ValueError:
            raise ValueError(f"{describe(value)} is not a date (YYYY-MM-DD)") from None
    else:
        raise ValueError(f"expected a date (YYYY-MM-DD), got {describe(value)}")
    if not FIRST_YEAR <= day.year <= LAST_YEAR:
        raise ValueError(f"{day.isoformat()} is out of range ({_YEARS})")
    return day
