"""Service-level durations as the terms say them: "4 business hours", "2 business days"."""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Any

from ._reader import Bad
from ._rows import Target

__all__ = ["parse_duration", "parse_duration_at"]

_DURATION = re.compile(r"^(\d+(?:\.\d+)?) (business hours?|business days?|hours?)$")
_DURATION_HELP = "write 'N business hours', 'N business days', 'N hours' or 'at opening'"


def parse_duration(text: str) -> Target:
    """A service-level duration: ``"4 business hours"``, ``"2 business days"``, ``"48
    hours"`` (elapsed) or ``"at opening"``. Raises ``ValueError`` saying what to write."""
    words = " ".join(text.split()).lower() if isinstance(text, str) else ""
    if words == "at opening":
        return Target("at_opening", 0, "at opening")
    found = _DURATION.match(words)
    if found is None:
        raise ValueError(f"{text!r} is not a duration: {_DURATION_HELP}")
    number, unit = Decimal(found[1]), found[2].rstrip("s")
    if number <= 0:
        raise ValueError(f"{text!r}: the duration must be more than zero")
    if unit == "business day" and number != number.to_integral_value():
        raise ValueError(f"{text!r}: business days are counted whole")
    if (number * 60) != (number * 60).to_integral_value():
        raise ValueError(f"{text!r} is not a whole number of minutes")
    amount: int | Decimal = int(number) if number == number.to_integral_value() else number
    written = format(number.normalize(), "f")
    kind = unit.replace(" ", "_") + "s"
    return Target(kind, amount, f"{written} {unit}" + ("" if written == "1" else "s"))


def parse_duration_at(path: str, value: Any) -> Target:
    try:
        return parse_duration(value)
    except ValueError as exc:
        raise Bad(path, str(exc)) from None
