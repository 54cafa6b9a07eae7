"""Dates and instants as the messages write them, without ``strftime``'s cost (~1.7 µs a call).

Each helper returns exactly what the ``strftime`` format in its docstring returns.
"""

from __future__ import annotations

from datetime import date, datetime

__all__ = ["day_text", "instant_text", "minute_text"]

#: ``%a`` as strftime spells it (read once, from the locale in force at import).
_WEEKDAYS = tuple(f"{date(2024, 1, d):%a}" for d in range(1, 8))  # 2024-01-01 is a Monday


def day_text(d: date) -> str:
    """``f"{d:%Y-%m-%d}"`` (strftime leaves a year before 1000 unpadded: it formats those)."""
    return d.isoformat()[:10] if d.year >= 1000 else f"{d:%Y-%m-%d}"


def minute_text(dt: datetime) -> str:
    """``f"{dt:%Y-%m-%d %H:%M %Z}"``."""
    if dt.year < 1000:
        return f"{dt:%Y-%m-%d %H:%M %Z}"
    return f"{dt.isoformat(' ', 'minutes')[:16]} {dt.tzname() or ''}"


def instant_text(dt: datetime) -> str:
    """``f"{dt:%a %Y-%m-%d %H:%M %Z}"``."""
    if dt.year < 1000:
        return f"{dt:%a %Y-%m-%d %H:%M %Z}"
    return f"{_WEEKDAYS[dt.weekday()]} {dt.isoformat(' ', 'minutes')[:16]} {dt.tzname() or ''}"
