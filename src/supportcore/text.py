"""Dates and instants in words, for the messages of reasons, actions and explanations.

:func:`format_time` writes what ``value.strftime(fmt)`` writes in the C locale (English day
names, whatever locale the process runs in: a decision must not depend on it), without
``strftime``'s cost (1.5–3 µs a call; decisions write several): each format is turned once
into a small generated function. Directives: ``%a %A %Y %m %d %H %M %S %Z %%``; any other is
handed to ``strftime`` itself. ``%Y`` is the year unpadded, as glibc writes it.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from functools import lru_cache
from typing import Any

__all__ = ["DAY_ABBREVIATIONS", "DAY_NAMES", "format_time"]

DAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
DAY_ABBREVIATIONS = tuple(name[:3] for name in DAY_NAMES)
_TWO = tuple(f"{n:02d}" for n in range(61))  # (a leap second is 60)

_DIRECTIVES = {
    "a": "_ABBR[v.weekday()]",
    "A": "_NAMES[v.weekday()]",
    "Y": "str(v.year)",
    "m": "_TWO[v.month]",
    "d": "_TWO[v.day]",
    "H": "_TWO[v.hour]",
    "M": "_TWO[v.minute]",
    "S": "_TWO[v.second]",
    "Z": "(v.tzname() or '')",
    "%": "'%'",
}


@lru_cache(maxsize=128)
def _writer(fmt: str) -> Callable[[Any], str]:
    parts: list[str] = []
    literal = ""
    i = 0
    while i < len(fmt):
        c = fmt[i]
        if c == "%" and i + 1 < len(fmt):
            if literal:
                parts.append(repr(literal))
                literal = ""
            d = fmt[i + 1]
            parts.append(_DIRECTIVES.get(d) or f"v.strftime({'%' + d!r})")
            i += 2
            continue
        literal += c
        i += 1
    if literal:
        parts.append(repr(literal))
    namespace: dict[str, Any] = {"_ABBR": DAY_ABBREVIATIONS, "_NAMES": DAY_NAMES, "_TWO": _TWO}
    exec(f"def write(v):\n    return {' + '.join(parts) or repr('')}\n", namespace)
    return namespace["write"]  # type: ignore[no-any-return]


def format_time(value: date, fmt: str) -> str:
    """``value.strftime(fmt)`` in the C locale: ``format_time(at, "%a %Y-%m-%d %H:%M")`` is
    ``"Tue 2026-03-10 11:05"``. ``value`` is a date or a datetime (a date has no time: use
    only date directives with it)."""
    return _writer(fmt)(value)
