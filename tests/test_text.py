"""format_time writes what strftime writes in the C locale."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from supportcore.text import format_time

FORMATS = [
    "%a %Y-%m-%d %H:%M",
    "%A %Y-%m-%d %H:%M",
    "%a %H:%M",
    "%Y-%m-%d",
    "%Y-%m-%d %H:%M %Z",
    "%a %Y-%m-%d %H:%M %Z",
    "%H:%M:%S (100%%) {literal} 'quoted' \\",
    "%d/%m/%Y %z",  # %z is handed to strftime
    "",
]


@settings(max_examples=300, deadline=None)
@given(
    minutes=st.integers(-60_000_000, 60_000_000),
    seconds=st.integers(0, 59),
    zone=st.sampled_from(
        ["Europe/Madrid", "America/Santiago", "America/Mexico_City", "Europe/Brussels", "UTC"]
    ),
)
@pytest.mark.parametrize("fmt", FORMATS)
def test_instants_are_written_as_strftime_writes_them(fmt, minutes, seconds, zone):
    at = datetime(2020, 1, 1, tzinfo=UTC) + timedelta(minutes=minutes, seconds=seconds)
    at = at.astimezone(ZoneInfo(zone))
    assert format_time(at, fmt) == at.strftime(fmt)


@pytest.mark.parametrize("day", [date(2026, 3, 10), date(999, 12, 31), date(1, 1, 1)])
def test_dates_and_early_years_are_written_as_strftime_writes_them(day):
    assert format_time(day, "%a %Y-%m-%d") == day.strftime("%a %Y-%m-%d")
