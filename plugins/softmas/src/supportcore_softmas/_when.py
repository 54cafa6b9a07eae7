"""Local instants in words, exactly as ``strftime`` writes them, for the rules' messages.

``f"{dt:%a %Y-%m-%d %H:%M}"`` costs about 3 µs (``strftime``), several times per decision; the
day's part (``%a %Y-%m-%d``, the only part that depends on the locale) is formatted by
``strftime`` once per date and the hour and minute are looked up (``%H:%M`` is the same in every
locale).
"""

from __future__ import annotations

from datetime import date, datetime
from functools import lru_cache

__all__ = ["day_time", "weekday_time"]


#: "00:00" … "23:59" by minute of the day (formatting two numbers costs more than the lookup)
_HH_MM = tuple(f"{h:02d}:{m:02d}" for h in range(24) for m in range(60))


@lru_cache(maxsize=4096)
def _day(d: date) -> str:
    return f"{d:%a %Y-%m-%d}"


@lru_cache(maxsize=7)
def _weekday(weekday: int) -> str:
    return f"{date(2024, 1, 1 + weekday):%a}"  # 1 January 2024 was a Monday


def day_time(dt: datetime) -> str:
    """``f"{dt:%a %Y-%m-%d %H:%M}"``: ``Tue 2026-03-10 11:05``."""
    return f"{_day(dt.date())} {_HH_MM[dt.hour * 60 + dt.minute]}"


def weekday_time(dt: datetime) -> str:
    """``f"{dt:%a %H:%M}"``: ``Tue 11:05``."""
    return f"{_weekday(dt.weekday())} {_HH_MM[dt.hour * 60 + dt.minute]}"
