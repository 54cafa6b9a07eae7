"""Dates and instants as the messages write them (the core's ``format_time``: strftime's text in
the C locale, without its cost)."""

from __future__ import annotations

from datetime import date, datetime

from supportcore.text import format_time

__all__ = ["day_text", "instant_text", "minute_text"]


def day_text(d: date) -> str:
    """``2026-03-10``."""
    return format_time(d, "%Y-%m-%d")


def minute_text(dt: datetime) -> str:
    """``2026-03-10 11:05 CET``."""
    return format_time(dt, "%Y-%m-%d %H:%M %Z")


def instant_text(dt: datetime) -> str:
    """``Tue 2026-03-10 11:05 CET``."""
    return format_time(dt, "%a %Y-%m-%d %H:%M %Z")
