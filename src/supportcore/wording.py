"""Values in words: how every explanation writes instants, dates, durations and money.

A rule never formats a date or an amount itself: it writes a message template with named
placeholders and passes typed values (``ctx.reason("free-period", "Free SMART period until
{until}", "BIN-FREE-1", until=end)``). This module writes each value the one way the whole
product writes it, and turns it into its JSON form for the reason's ``params``:

- an aware ``datetime``: ``Tue 2026-03-10 11:05 CET``; JSON ``"2026-03-10T11:05:00+01:00"``
- a ``date``: ``2026-03-10``; JSON ``"2026-03-10"``
- a ``timedelta`` (a duration): ``1 h 5 min``; JSON its minutes, ``65``
- ``Money``: ``112.52 EUR``; JSON ``{"amount": "112.52", "currency": "EUR"}``
- a ``Decimal``: ``0.9167``; JSON ``"0.9167"``
- a ``Period``: ``from 2026-01-10 to 2026-07-09 inclusive``; JSON ``{"start", "end"}`` (the
  end not included, as :class:`~supportcore.periods.Period` holds it)
- ``int`` and ``str``: as written

Strings are written as given: they are never interpreted as markup or as a template.
"""

from __future__ import annotations

import enum
from collections.abc import Mapping
from datetime import date, datetime, timedelta
from decimal import Decimal
from typing import Any

from .money import Money
from .periods import Period
from .text import format_time

__all__ = ["day", "duration", "instant", "json_value", "minutes", "render", "words"]


def instant(value: datetime) -> str:
    """An instant in its own time zone: ``Tue 2026-03-10 11:05 CET``. A zone without an
    abbreviation is written as its offset (``UTC-03:00``)."""
    text = format_time(value, "%a %Y-%m-%d %H:%M")
    zone = value.tzname() or ""
    if not zone or zone[0] in "+-":  # zoneinfo names some zones by their offset only
        offset = value.utcoffset() or timedelta(0)
        sign = "-" if offset < timedelta(0) else "+"
        total = abs(int(offset.total_seconds())) // 60
        zone = f"UTC{sign}{total // 60:02d}:{total % 60:02d}"
    return f"{text} {zone}"


def day(value: date) -> str:
    """A calendar date: ``2026-03-10``."""
    return value.isoformat()


def minutes(count: int) -> str:
    """A number of minutes as people say it: ``65`` → ``1 h 5 min``, ``60`` → ``1 h``."""
    if count < 0:
        raise ValueError(f"minutes: must not be negative, got {count}")
    hours, rest = divmod(count, 60)
    if hours and rest:
        return f"{hours} h {rest} min"
    if hours:
        return f"{hours} h"
    return f"{rest} min"


def duration(value: timedelta) -> str:
    """A duration in hours and minutes (seconds dropped): ``timedelta(minutes=65)`` →
    ``1 h 5 min``."""
    return minutes(int(value.total_seconds()) // 60)


def words(value: Any) -> str:
    """One value in words (see the module's table)."""
    if isinstance(value, str):
        return value
    if isinstance(value, datetime):
        return instant(value)
    if isinstance(value, date):
        return day(value)
    if isinstance(value, Money):
        return str(value)
    if isinstance(value, timedelta):
        return duration(value)
    if isinstance(value, Decimal):
        return f"{value.normalize():f}"
    if isinstance(value, Period):
        return value.describe()
    if isinstance(value, enum.Enum):
        return str(value.value)
    if isinstance(value, tuple | list | frozenset):
        return ", ".join(words(v) for v in value)
    return str(value)


def json_value(value: Any) -> Any:
    """One value in its JSON form (see the module's table)."""
    if isinstance(value, str | bool | int) or value is None:
        return value
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, Money):
        return {"amount": str(value.amount), "currency": value.currency}
    if isinstance(value, timedelta):
        return int(value.total_seconds()) // 60
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, Period):
        return {"start": value.start.isoformat(), "end": value.end.isoformat()}
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, tuple | list | frozenset):
        return [json_value(v) for v in value]
    return str(value)


class _Words(dict[str, str]):
    """The params in words for ``str.format_map``; a placeholder without a value is a bug of
    the rule, reported with the template."""

    def __init__(self, template: str, params: Mapping[str, Any]) -> None:
        super().__init__((k, words(v)) for k, v in params.items())
        self.template = template

    def __missing__(self, key: str) -> str:
        raise KeyError(f"message {self.template!r} has no value for {{{key}}}")


def render(template: str, params: Mapping[str, Any]) -> str:
    """The message: ``template`` with each ``{name}`` replaced by ``params[name]`` in words.

    Only plain ``{name}`` placeholders are allowed (no attribute access, no format specs);
    ``{{`` and ``}}`` write braces. Without params the template is returned as it is."""
    if not params:
        return template
    return template.format_map(_Words(template, params))
