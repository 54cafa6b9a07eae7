"""Local instants in words for the rules' messages (the core's ``format_time``: strftime's
text in the C locale, without its cost)."""

from __future__ import annotations

from datetime import datetime

from supportcore.text import format_time

__all__ = ["day_time", "weekday_time"]


def day_time(dt: datetime) -> str:
    """``Tue 2026-03-10 11:05``."""
    return format_time(dt, "%a %Y-%m-%d %H:%M")


def weekday_time(dt: datetime) -> str:
    """``Tue 11:05``."""
    return format_time(dt, "%a %H:%M")
