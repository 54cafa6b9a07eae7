"""Properties of business-time arithmetic that must hold for any instant and any amount.

The calendars cover what makes business time hard: lunch breaks and seasons (Binarema),
adjacent schedules and weekends (Itplusnet), closures (Belgium), DST changes at midnight
(Santiago) and windows inside the DST gap and the repeated hour (the "night" calendar).
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

from hypothesis import given, settings
from hypothesis import strategies as st

from supportcore.calendar import (
    BusinessCalendar,
    ClosurePeriod,
    HolidaySpec,
    Schedule,
    Window,
    parse_window,
)

MON_FRI = range(5)
ONE_US = timedelta(microseconds=1)


def windows(*texts: str) -> tuple[Window, ...]:
    return tuple(parse_window(t) for t in texts)


def _calendars() -> list[BusinessCalendar]:
    special = {d: windows("18:31-22:00") for d in MON_FRI}
    special[5] = windows("10:00-21:00")
    special[6] = windows("10:00-14:00")
    return [
        BusinessCalendar(
            "binarema",
            "Europe/Madrid",
            [
                Schedule("normal", {d: windows("09:00-14:00", "16:30-19:30") for d in MON_FRI}),
                Schedule("summer", {d: windows("08:00-15:00") for d in MON_FRI}, months=(7, 8)),
            ],
            holidays=HolidaySpec("ES", subdiv="AN"),
        ),
        BusinessCalendar(
            "itplusnet",
            "America/Santiago",
            [
                Schedule("normal", {d: windows("09:00-18:31") for d in MON_FRI}),
                Schedule("special", special),
            ],
            holidays=HolidaySpec("CL"),
        ),
        BusinessCalendar(
            "juweliers",
            "Europe/Brussels",
            [Schedule("telefoon", {d: windows("09:00-12:00", "13:00-17:00") for d in MON_FRI})],
            holidays=HolidaySpec("BE"),
            closures=[
                ClosurePeriod(date(2025, 7, 21), date(2025, 8, 8), "zomerverlof"),
                ClosurePeriod(date(2026, 7, 20), date(2026, 8, 7), "zomerverlof"),
            ],
        ),
        BusinessCalendar(
            "midnight",
            "America/Santiago",
            [Schedule("edges", {d: windows("00:00-01:30", "22:30-24:00") for d in range(7)})],
        ),
        BusinessCalendar(
            "night",
            "Europe/Madrid",
            [
                Schedule("night", {6: windows("01:00-02:30", "02:45-04:00")}),
                Schedule("day", {d: windows("01:59-02:01", "12:00-13:00") for d in MON_FRI}),
            ],
        ),
    ]


CALENDARS = _calendars()
LOW = datetime(2025, 1, 1, tzinfo=UTC)
SPAN_MINUTES = 3 * 366 * 24 * 60

calendars = st.sampled_from(CALENDARS)
minute_instants = st.integers(0, SPAN_MINUTES).map(lambda m: LOW + timedelta(minutes=m))
instants = st.one_of(
    minute_instants,
    st.integers(0, SPAN_MINUTES * 60 * 1000).map(lambda ms: LOW + timedelta(milliseconds=ms)),
)
amounts = st.integers(0, 6000)
modest = settings(max_examples=200, deadline=None)


def in_zone(cal: BusinessCalendar, at: datetime, local: bool) -> datetime:
    """The same instant, either in UTC or in the calendar's zone (both must work alike)."""
    return at.astimezone(cal.tz) if local else at


@modest
@given(calendars, instants, amounts, st.booleans())
def test_adding_then_measuring_gives_back_the_amount(
    cal: BusinessCalendar, start: datetime, minutes: int, local: bool
) -> None:
    start = in_zone(cal, start, local)
    result = cal.add_business_minutes(start, minutes).result
    assert cal.business_minutes_between(start, result) == minutes


@modest
@given(calendars, instants, amounts)
def test_adding_from_an_open_instant_then_measuring_gives_back_the_amount(
    cal: BusinessCalendar, start: datetime, minutes: int
) -> None:
    opened = cal.next_open(start)
    result = cal.add_business_minutes(opened, minutes).result
    assert cal.business_minutes_between(opened, result) == minutes


@modest
@given(calendars, instants, amounts)
def test_results_lie_inside_or_at_the_end_of_an_open_window(
    cal: BusinessCalendar, start: datetime, minutes: int
) -> None:
    result = cal.add_business_minutes(start, minutes).result
    assert result >= start
    assert cal.is_open(result) or cal.is_open(result - ONE_US)
    assert result.tzinfo == cal.tz


@modest
@given(calendars, instants, instants, amounts)
def test_results_are_monotonic_in_the_start(
    cal: BusinessCalendar, a: datetime, b: datetime, minutes: int
) -> None:
    early, late = sorted((a, b))
    assert (
        cal.add_business_minutes(early, minutes).result
        <= cal.add_business_minutes(late, minutes).result
    )


@modest
@given(calendars, instants, amounts, amounts)
def test_results_are_monotonic_in_the_minutes(
    cal: BusinessCalendar, start: datetime, m: int, n: int
) -> None:
    fewer, more = sorted((m, n))
    assert (
        cal.add_business_minutes(start, fewer).result
        <= cal.add_business_minutes(start, more).result
    )


@modest
@given(calendars, instants, amounts, st.integers(1, 6000))
def test_adding_in_two_steps_equals_adding_at_once(
    cal: BusinessCalendar, start: datetime, m: int, n: int
) -> None:
    # n >= 1: adding 0 minutes to a result on a window's end gives the next opening instead.
    halfway = cal.add_business_minutes(start, m).result
    assert (
        cal.add_business_minutes(halfway, n).result == cal.add_business_minutes(start, m + n).result
    )


@modest
@given(calendars, instants)
def test_next_open_is_not_before_and_is_open(cal: BusinessCalendar, at: datetime) -> None:
    opened = cal.next_open(at)
    assert opened >= at
    assert cal.is_open(opened)
    assert cal.schedule_at(opened) is not None
    assert cal.business_minutes_between(at, opened) == 0


@modest
@given(calendars, instants)
def test_next_opening_is_strictly_after_and_is_open(cal: BusinessCalendar, at: datetime) -> None:
    opening = cal.next_opening(at)
    assert opening > at
    assert cal.is_open(opening)


@modest
@given(calendars, minute_instants, minute_instants, minute_instants)
def test_measured_minutes_add_up_over_consecutive_spans(
    cal: BusinessCalendar, a: datetime, b: datetime, c: datetime
) -> None:
    a, b, c = sorted((a, b, c))
    measure = cal.business_minutes_between
    assert measure(a, c) == measure(a, b) + measure(b, c)


@modest
@given(calendars, instants, st.integers(1, 40))
def test_business_days_land_on_the_nth_business_day(
    cal: BusinessCalendar, start: datetime, days: int
) -> None:
    result = cal.add_business_days(start, days).result
    first, last = start.astimezone(cal.tz).date(), result.astimezone(cal.tz).date()
    assert result > start
    assert cal.is_business_day(last)
    assert cal.business_days_between(first, last) == days
    assert result <= cal.day(last).windows[-1][1]


@modest
@given(calendars, instants)
def test_is_open_agrees_with_the_days_windows(cal: BusinessCalendar, at: datetime) -> None:
    local_day = at.astimezone(cal.tz).date()
    inside = any(
        start <= at < end
        for d in (local_day - timedelta(days=1), local_day, local_day + timedelta(days=1))
        for start, end, _name in cal.day(d).windows
    )
    assert cal.is_open(at) == inside


def test_the_night_calendar_really_exercises_the_dst_gap() -> None:
    # Guard for the property tests above: fold=0 pushes 02:45 to 03:45 CEST on 29 March 2026.
    night = CALENDARS[-1]
    spans = [
        (s.strftime("%H:%M"), e.strftime("%H:%M"))
        for s, e, _ in night.day(date(2026, 3, 29)).windows
    ]
    assert spans == [("01:00", "03:30"), ("03:45", "04:00")]
    assert night.day(date(2026, 3, 29)).windows[0][0].tzinfo == ZoneInfo("Europe/Madrid")


@modest
@given(calendars, instants, st.booleans())
def test_status_equals_the_three_separate_questions(
    cal: BusinessCalendar, at: datetime, local: bool
) -> None:
    at = in_zone(cal, at, local)
    status = cal.status(at)
    assert status.open == cal.is_open(at)
    assert status.schedule == cal.schedule_at(at)
    assert status.next_open == cal.next_open(at)
    assert status.next_schedule == cal.schedule_at(status.next_open)
    assert status.next_open.tzinfo is cal.tz
