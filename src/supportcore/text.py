"""Dates and instants in words, for the messages of reasons, actions and explanations.

:func:`format_time` writes what ``value.strftime(fmt)`` writes in the C locale: English day
names whatever locale the process runs in (a decision must not depend on it). The day names
(``%a``, ``%A``) are written here; every other directive is ``strftime``'s own, which does not
depend on the locale for the directives the core uses (``%Y %m %d %H %M %S %Z %z %%``).
"""

from __future__ import annotations

import re
from datetime import date

__all__ = ["DAY_ABBREVIATIONS", "DAY_NAMES", "format_time"]

DAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
DAY_ABBREVIATIONS = tuple(name[:3] for name in DAY_NAMES)

#: ``%%`` (kept as it is, so that ``%%a`` stays a literal) and the day-name directives.
_DAY_DIRECTIVE = re.compile("%[%aA]")
_WORDS = {"%%": ("%%",) * 7, "%a": DAY_ABBREVIATIONS, "%A": DAY_NAMES}


def format_time(value: date, fmt: str) -> str:
    """``value.strftime(fmt)`` in the C locale: ``format_time(at, "%a %Y-%m-%d %H:%M")`` is
    ``"Tue 2026-03-10 11:05"``. ``value`` is a date or a datetime (a date has no time: use
    only date directives with it)."""
    if "%a" in fmt or "%A" in fmt:
        weekday = value.weekday()
        fmt = _DAY_DIRECTIVE.sub(lambda found: _WORDS[found[0]][weekday], fmt)
    return value.strftime(fmt)
