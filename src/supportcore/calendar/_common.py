"""What every part of the calendar shares: :class:`CalendarError`, the weekday names, the
search limit, the argument checks and the conversions between aware instants and the integer
microseconds the arithmetic works on."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from typing import Final
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from ..text import format_time

WEEKDAY_NAMES: Final = (
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
)
SEARCH_LIMIT_DAYS: Final = 400
"""How many consecutive days without an opening a search crosses before giving up."""

_US_PER_MINUTE: Final = 60_000_000
_EPOCH: Final = datetime(1970, 1, 1, tzinfo=UTC)
_ONE_US: Final = timedelta(microseconds=1)


class CalendarError(ValueError):
    """Bad calendar data, or a calendar that cannot answer; the message names the setting."""


# --------------------------------------------------------------------------- small helpers


def _hm(minutes: int) -> str:
    return f"{minutes // 60:02d}:{minutes % 60:02d}"


def _aware(value: object, param: str) -> datetime:
    """Return ``value`` if it is an aware datetime; explain what is wrong otherwise."""
    if not isinstance(value, datetime):
        raise TypeError(f"{param}: expected an aware datetime, got {type(value).__name__}")
    if value.tzinfo is None or value.utcoffset() is None:
        raise ValueError(
            f"{param}: naive datetime {value.isoformat()} has no time zone; pass an aware "
            "datetime, e.g. with tzinfo=ZoneInfo('Europe/Madrid')"
        )
    return value


def _plain_date(value: object, param: str) -> date:
    """Return ``value`` if it is a calendar date (not a datetime)."""
    if isinstance(value, datetime):
        raise ValueError(
            f"{param}: expected a calendar date, got the datetime {value.isoformat()}; "
            "pass its local date (at.astimezone(calendar.tz).date())"
        )
    if not isinstance(value, date):
        raise TypeError(f"{param}: expected a date, got {type(value).__name__}")
    return value


def _count(value: object, param: str) -> int:
    """Return ``value`` if it is a non-negative int (bools are not counts)."""
    if isinstance(value, bool) or not isinstance(value, int):
        raise TypeError(f"{param}: expected a whole number, got {value!r}")
    if value < 0:
        raise ValueError(f"{param}: must not be negative, got {value}")
    return value


def _hours_to_minutes(hours: object, param: str) -> tuple[int, str]:
    """Convert ``hours`` (int or Decimal) to whole minutes and its display form."""
    if isinstance(hours, bool) or not isinstance(hours, int | Decimal):
        raise TypeError(
            f"{param}: expected an int or a Decimal, got {hours!r}"
            + (
                " (use Decimal for fractions; floats are not exact)"
                if isinstance(hours, float)
                else ""
            )
        )
    if isinstance(hours, int):
        if hours < 0:
            raise ValueError(f"{param}: must not be negative, got {hours}")
        return hours * 60, str(hours)
    if not hours.is_finite():
        raise ValueError(f"{param}: must be a finite number, got {hours}")
    if hours < 0:
        raise ValueError(f"{param}: must not be negative, got {hours}")
    minutes = hours * 60
    if minutes != minutes.to_integral_value():
        raise ValueError(f"{param}: {hours} hours is not a whole number of minutes")
    text = format(hours.normalize(), "f") if hours != 0 else "0"
    return int(minutes), text


def _plural(number: str, unit: str) -> str:
    return f"{number} {unit}" if number == "1" else f"{number} {unit}s"


def _to_us(at: datetime) -> int:
    """Microseconds since the Unix epoch: exact integer instants for the arithmetic."""
    return (at - _EPOCH) // _ONE_US


def _from_us(us: int, tz: ZoneInfo) -> datetime:
    return (_EPOCH + timedelta(microseconds=us)).astimezone(tz)


def _fmt_instant(at: datetime) -> str:
    """``Friday 2026-11-20 17:00`` (seconds only when there are any)."""
    text = format_time(at, "%A %Y-%m-%d %H:%M")
    if at.second or at.microsecond:
        text += f":{at.second:02d}"
        if at.microsecond:
            text += f".{at.microsecond:06d}"
    return text


def _zone_label(at: datetime) -> str:
    key = getattr(at.tzinfo, "key", None)
    return key if isinstance(key, str) else (at.tzname() or str(at.tzinfo))


def _resolve_zone(timezone: object) -> ZoneInfo:
    """A ZoneInfo for an IANA key, or CalendarError naming the unknown zone."""
    if isinstance(timezone, ZoneInfo):
        return timezone
    if not isinstance(timezone, str) or not timezone.strip():
        raise CalendarError(f"timezone: expected an IANA time zone name, got {timezone!r}")
    try:
        return ZoneInfo(timezone)
    except (ZoneInfoNotFoundError, ValueError) as exc:
        raise CalendarError(
            f"timezone: unknown time zone {timezone!r} (expected an IANA name such as "
            "'Europe/Madrid')"
        ) from exc
