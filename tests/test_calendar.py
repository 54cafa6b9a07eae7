"""Golden tests of business calendars, with the vendors' own opening hours and real dates.

The calendars are built from the hours the vendors publish (each vendor's document is kept
beside its plugin's tests); the Belgian vendor publishes none, so its hours here are test
data, as an integrator would give them.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest

from supportcore.calendar import (
    BusinessCalendar,
    CalendarError,
    CalendarSpec,
    ClosurePeriod,
    HolidaySpec,
    OpenStatus,
    Schedule,
    ScheduleSpec,
    Window,
    add_calendar_hours,
    parse_window,
)

MON_FRI = range(5)
MADRID = ZoneInfo("Europe/Madrid")
MEXICO = ZoneInfo("America/Mexico_City")
SANTIAGO = ZoneInfo("America/Santiago")
BRUSSELS = ZoneInfo("Europe/Brussels")


def windows(*texts: str) -> tuple[Window, ...]:
    return tuple(parse_window(t) for t in texts)


def at(tz: ZoneInfo, text: str) -> datetime:
    """An aware instant from local wall-clock text, ``"2026-11-20 17:00"``."""
    return datetime.fromisoformat(text).replace(tzinfo=tz)


def binarema() -> BusinessCalendar:
    """Lunes a viernes 9:00-14:00 y 16:30-19:30; julio y agosto 8:00-15:00; Andalucía."""
    return BusinessCalendar(
        "binarema",
        "Europe/Madrid",
        [
            Schedule("normal", {d: windows("09:00-14:00", "16:30-19:30") for d in MON_FRI}),
            Schedule("summer", {d: windows("08:00-15:00") for d in MON_FRI}, months=(7, 8)),
        ],
        holidays=HolidaySpec("ES", subdiv="AN"),
    )


def softmas() -> BusinessCalendar:
    """ "de lunes a viernes de 09:00 a 14:00 y de 15:00 a 18:00. Hora de la Ciudad de México"."""
    return BusinessCalendar(
        "softmas",
        MEXICO,
        [Schedule("office", {d: windows("09:00-14:00", "15:00-18:00") for d in MON_FRI})],
        holidays=HolidaySpec("MX"),
    )


def itplusnet() -> BusinessCalendar:
    """Normal Mon-Fri until 18:31, special Mon-Fri 18:31-22:00, Sat 10-21, Sun 10-14."""
    special = {d: windows("18:31-22:00") for d in MON_FRI}
    special[5] = windows("10:00-21:00")
    special[6] = windows("10:00-14:00")
    return BusinessCalendar(
        "itplusnet",
        "America/Santiago",
        [
            Schedule("normal", {d: windows("09:00-18:31") for d in MON_FRI}),
            Schedule("special", special),
        ],
        holidays=HolidaySpec("CL"),
    )


def juweliers() -> BusinessCalendar:
    """Hours given by the integrator; "uitgezonderd tijdens de verlofperiodes" as a closure."""
    return BusinessCalendar(
        "juweliers",
        "Europe/Brussels",
        [Schedule("telefoon", {d: windows("09:00-12:00", "13:00-17:00") for d in MON_FRI})],
        holidays=HolidaySpec("BE"),
        closures=[ClosurePeriod(date(2026, 7, 20), date(2026, 8, 7), "zomerverlof")],
    )


def round_the_clock(tz: str = "Europe/Madrid") -> BusinessCalendar:
    return BusinessCalendar(
        "24x7", tz, [Schedule("always", {d: windows("00:00-24:00") for d in range(7)})]
    )


# --------------------------------------------------------------------------- windows


def test_parse_window_reads_start_and_end_minutes() -> None:
    assert parse_window("16:30-19:30") == Window(16 * 60 + 30, 19 * 60 + 30)


def test_parse_window_accepts_single_digit_hours_as_the_terms_write_them() -> None:
    assert parse_window("9:00-14:00") == Window(540, 840)


def test_parse_window_accepts_24_00_as_end_of_day() -> None:
    assert parse_window("00:00-24:00") == Window(0, 1440)


def test_window_prints_as_the_terms_write_it() -> None:
    assert str(parse_window("18:31-22:00")) == "18:31-22:00"


def test_parse_window_rejects_an_end_before_the_start() -> None:
    with pytest.raises(CalendarError, match="'16:30-14:00' ends before it starts"):
        parse_window("16:30-14:00")


def test_parse_window_rejects_a_typo_instead_of_guessing() -> None:
    with pytest.raises(CalendarError, match="'15:00-18;00' is not a window"):
        parse_window("15:00-18;00")  # Softmás' terms write "18;00"


def test_parse_window_rejects_minutes_past_59() -> None:
    with pytest.raises(CalendarError, match=r"minutes must be 00..59"):
        parse_window("09:60-10:00")


def test_window_rejects_minutes_outside_the_day() -> None:
    with pytest.raises(CalendarError, match="end"):
        Window(0, 1441)


# --------------------------------------------------------------------------- Binarema


def test_binarema_lunch_break_is_not_counted() -> None:
    result = binarema().add_business_hours(at(MADRID, "2026-11-23 13:00"), 2).result
    assert result == at(MADRID, "2026-11-23 17:30")


def test_binarema_24_business_hours_from_friday_afternoon_skip_the_weekend() -> None:
    bt = binarema().add_business_hours(at(MADRID, "2026-11-20 17:00"), 24)
    assert bt.result == at(MADRID, "2026-11-25 17:00")
    assert bt.skipped == ("Saturday 2026-11-21", "Sunday 2026-11-22")


def test_binarema_result_explains_itself() -> None:
    bt = binarema().add_business_hours(at(MADRID, "2026-11-20 17:00"), 24)
    assert bt.explain() == (
        "Wednesday 2026-11-25 17:00 (Europe/Madrid): 24 business hours counted from "
        "Friday 2026-11-20 17:00, skipping Saturday 2026-11-21, Sunday 2026-11-22"
    )
    assert bt.calendar == "binarema"
    assert bt.amount == "24 business hours"


def test_binarema_day_lists_both_windows() -> None:
    info = binarema().day(date(2026, 11, 23))
    assert [(s.strftime("%H:%M"), e.strftime("%H:%M"), n) for s, e, n in info.windows] == [
        ("09:00", "14:00", "normal"),
        ("16:30", "19:30", "normal"),
    ]
    assert info.closed_reason is None


def test_binarema_summer_schedule_applies_in_july() -> None:
    cal = binarema()
    assert cal.schedule_at(at(MADRID, "2026-07-15 10:00")) == "summer"
    assert cal.is_open(at(MADRID, "2026-07-15 08:00"))


def test_binarema_summer_schedule_replaces_the_afternoon_window() -> None:
    cal = binarema()
    assert not cal.is_open(at(MADRID, "2026-07-15 15:00"))
    assert not cal.is_open(at(MADRID, "2026-07-15 17:00"))


def test_binarema_normal_schedule_applies_on_the_last_day_of_june() -> None:
    assert binarema().schedule_at(at(MADRID, "2026-06-30 17:00")) == "normal"


def test_binarema_summer_hours_are_counted_into_september() -> None:
    # Monday 31 August 14:00 + 2 h: one summer hour, then Tuesday 1 September 09:00-10:00.
    result = binarema().add_business_hours(at(MADRID, "2026-08-31 14:00"), 2).result
    assert result == at(MADRID, "2026-09-01 10:00")


def test_binarema_weekday_public_holiday_is_closed_with_its_name() -> None:
    cal = binarema()
    assert not cal.is_business_day(date(2026, 12, 8))
    assert cal.explain_closed(date(2026, 12, 8)) == "public holiday: Immaculate Conception"


def test_binarema_andalusia_day_closes_the_desk() -> None:
    # 28 February 2025 is a Friday; Andalusia Day is a holiday of subdivision AN only.
    assert binarema().explain_closed(date(2025, 2, 28)) == "public holiday: Andalusia Day"


def test_andalusia_day_is_not_a_holiday_in_madrid() -> None:
    cal = BusinessCalendar(
        "madrid",
        MADRID,
        [Schedule("normal", {d: windows("09:00-14:00") for d in MON_FRI})],
        holidays=HolidaySpec("ES", subdiv="MD"),
    )
    assert cal.is_business_day(date(2025, 2, 28))


def test_binarema_holidays_are_skipped_and_named_in_the_count() -> None:
    bt = binarema().add_business_hours(at(MADRID, "2026-12-04 19:00"), 1)
    assert bt.result == at(MADRID, "2026-12-09 09:30")
    assert bt.skipped[-1] == "Tuesday 2026-12-08 (public holiday: Immaculate Conception)"
    assert "Monday 2026-12-07 (public holiday: Monday following Constitution Day)" in bt.skipped


def test_binarema_weekend_day_is_closed_as_a_weekday() -> None:
    assert binarema().explain_closed(date(2026, 11, 21)) == "Saturday"


def test_binarema_open_day_has_no_closed_explanation() -> None:
    assert binarema().explain_closed(date(2026, 11, 23)) is None


def test_binarema_counts_across_the_spring_dst_change() -> None:
    cal = binarema()
    start = at(MADRID, "2026-03-27 19:00")  # +01:00
    result = cal.add_business_hours(start, 1).result
    assert result == at(MADRID, "2026-03-30 09:30")
    assert result.utcoffset() == timedelta(hours=2)
    assert cal.business_minutes_between(start, result) == 60


def test_binarema_counts_across_the_autumn_dst_change() -> None:
    result = binarema().add_business_hours(at(MADRID, "2026-10-23 19:00"), 1).result
    assert result == at(MADRID, "2026-10-26 09:30")
    assert result.utcoffset() == timedelta(hours=1)


def test_binarema_10_business_days_keep_the_time_of_day() -> None:
    bt = binarema().add_business_days(at(MADRID, "2026-11-20 11:00"), 10)
    assert bt.result == at(MADRID, "2026-12-04 11:00")
    assert bt.amount == "10 business days"


def test_business_days_skip_holidays() -> None:
    result = binarema().add_business_days(at(MADRID, "2026-12-04 11:00"), 1).result
    assert result == at(MADRID, "2026-12-09 11:00")


def test_business_day_after_closing_time_lands_on_closing_time() -> None:
    result = binarema().add_business_days(at(MADRID, "2026-11-20 20:00"), 1).result
    assert result == at(MADRID, "2026-11-23 19:30")


def test_business_day_after_summer_closing_time_lands_on_summer_closing_time() -> None:
    result = binarema().add_business_days(at(MADRID, "2026-06-30 19:00"), 1).result
    assert result == at(MADRID, "2026-07-01 15:00")


def test_business_days_keep_the_wall_clock_time_across_dst() -> None:
    result = binarema().add_business_days(at(MADRID, "2026-03-27 10:00"), 1).result
    assert result == at(MADRID, "2026-03-30 10:00")
    assert result.utcoffset() == timedelta(hours=2)


def test_zero_business_days_is_the_start_itself() -> None:
    start = at(MADRID, "2026-11-21 12:00")
    assert binarema().add_business_days(start, 0).result == start


def test_business_days_between_counts_days_after_a_up_to_b() -> None:
    cal = binarema()
    assert cal.business_days_between(date(2026, 11, 20), date(2026, 11, 27)) == 5
    assert cal.business_days_between(date(2026, 12, 4), date(2026, 12, 9)) == 1


def test_zero_minutes_from_a_closed_instant_is_the_next_opening() -> None:
    cal = binarema()
    start = at(MADRID, "2026-11-23 14:10")
    assert cal.add_business_minutes(start, 0).result == at(MADRID, "2026-11-23 16:30")


def test_result_on_a_window_end_is_that_end_not_the_next_opening() -> None:
    result = binarema().add_business_minutes(at(MADRID, "2026-11-23 13:00"), 60).result
    assert result == at(MADRID, "2026-11-23 14:00")


def test_counting_from_a_closed_start_begins_at_the_next_opening() -> None:
    bt = binarema().add_business_minutes(at(MADRID, "2026-11-21 10:00"), 30)
    assert bt.result == at(MADRID, "2026-11-23 09:30")
    assert bt.skipped == ("Saturday 2026-11-21", "Sunday 2026-11-22")


def test_decimal_hours_count_whole_minutes() -> None:
    result = binarema().add_business_hours(at(MADRID, "2026-11-23 09:00"), Decimal("1.5")).result
    assert result == at(MADRID, "2026-11-23 10:30")


def test_next_open_is_the_instant_itself_when_open() -> None:
    start = at(MADRID, "2026-11-23 10:00")
    assert binarema().next_open(start) == start


def test_next_open_after_closing_is_the_next_mornings_opening() -> None:
    assert binarema().next_open(at(MADRID, "2026-11-20 19:30")) == at(MADRID, "2026-11-23 09:00")


def test_next_open_is_expressed_in_the_calendars_zone() -> None:
    opened = binarema().next_open(datetime(2026, 11, 21, 12, tzinfo=UTC))
    assert opened.tzinfo == MADRID


def test_status_when_open_names_the_schedule_and_keeps_the_instant() -> None:
    start = at(MADRID, "2026-11-23 10:00")
    assert binarema().status(start) == OpenStatus(
        open=True, schedule="normal", next_open=start, next_schedule="normal"
    )


def test_status_when_closed_gives_the_next_opening() -> None:
    status = binarema().status(at(MADRID, "2026-11-20 19:30"))
    assert status == OpenStatus(
        open=False, schedule=None, next_open=at(MADRID, "2026-11-23 09:00"), next_schedule="normal"
    )


def test_status_on_a_window_boundary_takes_the_adjacent_schedule() -> None:
    cal = itplusnet()
    boundary = at(SANTIAGO, "2026-11-23 18:31")
    assert cal.status(boundary) == OpenStatus(True, "special", boundary, "special")
    before = boundary - timedelta(microseconds=1)
    assert cal.status(before).schedule == "normal"


def test_status_is_expressed_in_the_calendars_zone() -> None:
    status = binarema().status(datetime(2026, 11, 23, 9, tzinfo=UTC))
    assert status.open
    assert status.next_open.tzinfo == MADRID
    assert status.next_open == datetime(2026, 11, 23, 9, tzinfo=UTC)


@pytest.mark.parametrize(
    "text",
    [
        "2026-11-20 19:30",
        "2026-11-23 08:59",
        "2026-11-23 14:00",
        "2026-12-08 10:00",
        "2026-07-15 16:00",
        "2026-07-15 14:59",
    ],
)
def test_status_equals_the_three_separate_questions(text: str) -> None:
    cal, instant = binarema(), at(MADRID, text)
    status = cal.status(instant)
    assert (status.open, status.schedule, status.next_open, status.next_schedule) == (
        cal.is_open(instant),
        cal.schedule_at(instant),
        cal.next_open(instant),
        cal.schedule_at(cal.next_open(instant)),
    )


def test_status_when_closed_names_the_schedule_that_serves_next() -> None:
    cal = itplusnet()
    night = cal.status(at(SANTIAGO, "2026-11-24 03:00"))  # Tuesday night: closed
    assert (night.open, night.schedule, night.next_schedule) == (False, None, "normal")
    assert night.next_open == at(SANTIAGO, "2026-11-24 09:00")
    early = cal.status(at(SANTIAGO, "2026-11-28 08:00"))  # Saturday before ten
    assert (early.open, early.schedule, early.next_schedule) == (False, None, "special")
    assert early.next_open == at(SANTIAGO, "2026-11-28 10:00")


def test_next_opening_is_strictly_after() -> None:
    cal = binarema()
    assert cal.next_opening(at(MADRID, "2026-11-23 09:00")) == at(MADRID, "2026-11-23 16:30")


def test_business_minutes_between_skips_lunch_and_night() -> None:
    cal = binarema()
    a, b = at(MADRID, "2026-11-23 13:00"), at(MADRID, "2026-11-24 10:00")
    assert cal.business_minutes_between(a, b) == 60 + 180 + 60


def test_business_minutes_between_drops_a_partial_minute() -> None:
    cal = binarema()
    a = at(MADRID, "2026-11-23 10:00")
    assert cal.business_minutes_between(a, a + timedelta(seconds=119)) == 1


def test_a_day_asked_twice_is_the_same_day() -> None:
    cal = binarema()
    assert cal.day(date(2026, 11, 23)) == cal.day(date(2026, 11, 23))


# --------------------------------------------------------------------------- Softmás


@pytest.mark.parametrize("day", [date(2026, 4, 15), date(2026, 7, 15), date(2026, 11, 17)])
def test_softmas_mexico_city_keeps_utc_minus_6_all_year(day: date) -> None:
    opening = softmas().day(day).windows[0][0]
    assert opening.utcoffset() == timedelta(hours=-6)


def test_softmas_48_business_hours_from_friday_afternoon() -> None:
    bt = softmas().add_business_hours(at(MEXICO, "2026-11-13 16:00"), 48)
    assert bt.result == at(MEXICO, "2026-11-24 16:00")
    assert "Monday 2026-11-16 (public holiday: Revolution Day)" in bt.skipped


def test_softmas_10_business_days_of_customer_silence() -> None:
    result = softmas().add_business_days(at(MEXICO, "2026-11-13 10:00"), 10).result
    assert result == at(MEXICO, "2026-11-30 10:00")


# --------------------------------------------------------------------------- Itplusnet


@pytest.mark.parametrize(
    ("local", "schedule"),
    [
        ("2026-11-23 12:00", "normal"),
        ("2026-11-23 18:30", "normal"),
        ("2026-11-23 18:31", "special"),
        ("2026-11-23 21:59", "special"),
        ("2026-11-23 22:00", None),
        ("2026-11-28 10:00", "special"),
        ("2026-11-29 13:59", "special"),
        ("2026-11-29 14:00", None),
    ],
)
def test_itplusnet_schedule_at_names_normal_or_special(local: str, schedule: str | None) -> None:
    assert itplusnet().schedule_at(at(SANTIAGO, local)) == schedule


def test_itplusnet_next_opening_during_normal_hours_is_the_special_window() -> None:
    cal = itplusnet()
    assert cal.next_opening(at(SANTIAGO, "2026-11-23 12:00")) == at(SANTIAGO, "2026-11-23 18:31")


def test_itplusnet_independence_day_is_closed() -> None:
    cal = itplusnet()
    assert cal.explain_closed(date(2026, 9, 18)) == "public holiday: Independence Day"
    assert not cal.is_open(at(SANTIAGO, "2026-09-18 12:00"))


def test_chile_changes_its_clocks_on_5_april_and_6_september_2026() -> None:
    def offset(local: str) -> timedelta | None:
        return at(SANTIAGO, local).utcoffset()

    assert offset("2026-04-04 12:00") == timedelta(hours=-3)
    assert offset("2026-04-05 12:00") == timedelta(hours=-4)
    assert offset("2026-09-05 12:00") == timedelta(hours=-4)
    assert offset("2026-09-06 12:00") == timedelta(hours=-3)


def test_itplusnet_counts_across_the_april_dst_change() -> None:
    # Thu 21:00-22:00, Good Friday and Holy Saturday closed, Sun 10-14 (-04), Mon 09:00-10:00.
    cal = itplusnet()
    a, b = at(SANTIAGO, "2026-04-02 21:00"), at(SANTIAGO, "2026-04-06 10:00")
    assert cal.business_minutes_between(a, b) == 60 + 240 + 60


def test_itplusnet_adds_across_the_september_dst_change() -> None:
    result = itplusnet().add_business_minutes(at(SANTIAGO, "2026-09-05 20:00"), 120).result
    assert result == at(SANTIAGO, "2026-09-06 11:00")
    assert result.utcoffset() == timedelta(hours=-3)


# --------------------------------------------------------------------------- Belgium


def test_closure_period_days_report_the_closure_label() -> None:
    assert juweliers().explain_closed(date(2026, 7, 22)) == "closure: zomerverlof"


def test_closure_period_explains_a_public_holiday_inside_it() -> None:
    assert juweliers().explain_closed(date(2026, 7, 21)) == "closure: zomerverlof"


def test_closure_period_ends_are_inclusive() -> None:
    cal = juweliers()
    assert not cal.is_business_day(date(2026, 7, 20))
    assert not cal.is_business_day(date(2026, 8, 7))
    assert cal.is_business_day(date(2026, 7, 17))
    assert cal.is_business_day(date(2026, 8, 10))


def test_closure_period_is_skipped_when_counting() -> None:
    bt = juweliers().add_business_hours(at(BRUSSELS, "2026-07-17 16:00"), 2)
    assert bt.result == at(BRUSSELS, "2026-08-10 10:00")
    assert "Monday 2026-07-20 (closure: zomerverlof)" in bt.skipped


def test_belgian_public_holiday_is_closed() -> None:
    assert juweliers().explain_closed(date(2026, 11, 11)) == "public holiday: Armistice Day"


def test_holiday_names_can_be_in_the_vendors_language() -> None:
    cal = BusinessCalendar(
        "binarema-es",
        MADRID,
        [Schedule("normal", {d: windows("09:00-14:00") for d in MON_FRI})],
        holidays=HolidaySpec("ES", subdiv="AN", language="es"),
    )
    assert cal.explain_closed(date(2026, 12, 8)) == "public holiday: Inmaculada Concepción"


# --------------------------------------------------------------------------- calendar time


def test_48_calendar_hours_across_a_dst_change_are_48_real_hours() -> None:
    start = at(MADRID, "2026-03-28 12:00")
    bt = add_calendar_hours(start, 48)
    # Same-tzinfo subtraction in Python is wall-clock arithmetic; compare real instants in UTC.
    assert bt.result.astimezone(UTC) - start.astimezone(UTC) == timedelta(hours=48)
    assert bt.result == at(MADRID, "2026-03-30 13:00")  # the wall clock moved 49 hours


def test_calendar_hours_are_expressed_in_the_starts_zone() -> None:
    start = at(SANTIAGO, "2026-04-04 12:00")
    bt = add_calendar_hours(start, 48)
    assert bt.result.tzinfo == SANTIAGO
    assert bt.result == at(SANTIAGO, "2026-04-06 11:00")  # the wall clock moved 47 hours


def test_calendar_hours_explain_themselves() -> None:
    bt = add_calendar_hours(at(MADRID, "2026-03-28 12:00"), 48)
    assert bt.calendar == ""
    assert bt.explain() == (
        "Monday 2026-03-30 13:00 (Europe/Madrid): 48 hours counted from Saturday 2026-03-28 12:00"
    )


# --------------------------------------------------------------------------- DST in windows


def test_a_round_the_clock_day_lasts_23_hours_in_spring_and_25_in_autumn() -> None:
    cal = round_the_clock()
    minutes = cal.business_minutes_between
    assert minutes(at(MADRID, "2026-03-29 00:00"), at(MADRID, "2026-03-30 00:00")) == 23 * 60
    assert minutes(at(MADRID, "2026-10-25 00:00"), at(MADRID, "2026-10-26 00:00")) == 25 * 60


def test_a_window_starting_in_the_dst_gap_opens_when_the_gap_ends() -> None:
    cal = BusinessCalendar("night", MADRID, [Schedule("night", {6: windows("02:00-04:00")})])
    ((start, end, _name),) = cal.day(date(2026, 3, 29)).windows
    assert (start, end) == (at(MADRID, "2026-03-29 03:00"), at(MADRID, "2026-03-29 04:00"))


def test_windows_squeezed_by_the_dst_gap_do_not_overlap() -> None:
    # 01:00-02:30 reaches 03:30 CEST (fold=0), so 03:00-04:00 keeps only 03:30-04:00.
    cal = BusinessCalendar(
        "night", MADRID, [Schedule("night", {6: windows("01:00-02:30", "03:00-04:00")})]
    )
    spans = [
        (s.strftime("%H:%M"), e.strftime("%H:%M")) for s, e, _ in cal.day(date(2026, 3, 29)).windows
    ]
    assert spans == [("01:00", "03:30"), ("03:30", "04:00")]


def test_a_window_spanning_the_repeated_hour_lasts_one_real_hour_more() -> None:
    cal = BusinessCalendar("night", MADRID, [Schedule("night", {6: windows("01:00-04:00")})])
    opening = at(MADRID, "2026-10-25 01:00")
    assert cal.add_business_minutes(opening, 4 * 60).result == at(MADRID, "2026-10-25 04:00")


def test_a_business_day_landing_in_the_dst_gap_moves_forward() -> None:
    result = round_the_clock().add_business_days(at(MADRID, "2026-03-28 02:30"), 1).result
    assert result == at(MADRID, "2026-03-29 03:30")


# --------------------------------------------------------------------------- settings form


def itplusnet_spec() -> CalendarSpec:
    return CalendarSpec(
        timezone="America/Santiago",
        schedules=(
            ScheduleSpec("normal", ("mon-fri",), ("09:00-18:31",)),
            ScheduleSpec("special", ("mon-fri",), ("18:31-22:00",)),
            ScheduleSpec("special", ("sat",), ("10:00-21:00",)),
            ScheduleSpec("special", ("sun",), ("10:00-14:00",)),
        ),
        holidays=HolidaySpec("CL"),
    )


def test_calendar_spec_builds_the_itplusnet_calendar() -> None:
    cal = itplusnet_spec().build("itplusnet")
    assert cal.name == "itplusnet"
    assert cal.schedule_at(at(SANTIAGO, "2026-11-28 12:00")) == "special"
    assert cal.schedule_at(at(SANTIAGO, "2026-11-27 12:00")) == "normal"


def test_calendar_spec_accepts_full_day_names() -> None:
    spec = CalendarSpec("Europe/Madrid", (ScheduleSpec("x", ("Monday", "tue"), ("09:00-14:00",)),))
    cal = spec.build("x")
    assert [cal.is_business_day(date(2026, 11, d)) for d in (23, 24, 25)] == [True, True, False]


def test_calendar_spec_with_seasonal_months_matches_the_python_form() -> None:
    spec = CalendarSpec(
        "Europe/Madrid",
        (
            ScheduleSpec("normal", ("mon-fri",), ("09:00-14:00", "16:30-19:30")),
            ScheduleSpec("summer", ("mon-fri",), ("08:00-15:00",), months=(7, 8)),
        ),
        holidays=HolidaySpec("ES", subdiv="AN"),
    )
    assert (
        spec.build("binarema").day(date(2026, 7, 15)).windows
        == binarema().day(date(2026, 7, 15)).windows
    )


def test_calendar_spec_names_the_bad_window() -> None:
    spec = CalendarSpec(
        "Europe/Madrid",
        (
            ScheduleSpec("normal", ("mon-fri",), ("09:00-14:00",)),
            ScheduleSpec("afternoon", ("mon-fri",), ("16:30-14:00",)),
        ),
    )
    with pytest.raises(
        CalendarError,
        match=r"schedules\[1\]\.windows\[0\]: '16:30-14:00' ends "
        r"before it starts",
    ):
        spec.build("binarema")


def test_calendar_spec_reports_every_problem_at_once() -> None:
    spec = CalendarSpec(
        "Europe/Madird",
        (ScheduleSpec("normal", ("mon", "fry"), ("09:00-14:00",), months=(13,)),),
    )
    with pytest.raises(CalendarError) as caught:
        spec.build("typos")
    assert str(caught.value).splitlines() == [
        "timezone: unknown time zone 'Europe/Madird' (expected an IANA name such as "
        "'Europe/Madrid')",
        "schedules[0].days[1]: 'fry' is not a day; use mon, tue, wed, thu, fri, sat, sun or a "
        "range such as 'mon-fri'",
        "schedules[0].months: 13 is not a month (1..12)",
    ]


def test_calendar_spec_names_overlapping_windows_of_one_schedule() -> None:
    spec = CalendarSpec(
        "Europe/Madrid", (ScheduleSpec("x", ("mon",), ("09:00-14:00", "13:00-15:00")),)
    )
    with pytest.raises(
        CalendarError,
        match=r"schedules\[0\]\.windows: \[0\] '09:00-14:00' and "
        r"\[1\] '13:00-15:00' overlap",
    ):
        spec.build("x")


def test_calendar_spec_names_overlapping_schedules() -> None:
    spec = CalendarSpec(
        "America/Santiago",
        (
            ScheduleSpec("normal", ("mon-fri",), ("09:00-18:31",)),
            ScheduleSpec("special", ("mon-fri",), ("18:30-22:00",)),
        ),
    )
    with pytest.raises(
        CalendarError,
        match=r"schedules\[0\] 'normal' and schedules\[1\] "
        r"'special' overlap on Monday",
    ):
        spec.build("itplusnet")


# --------------------------------------------------------------------------- bad input


def test_naive_start_is_refused_naming_the_parameter() -> None:
    with pytest.raises(ValueError, match="start: naive datetime"):
        binarema().add_business_minutes(datetime(2026, 11, 20, 17), 60)


@pytest.mark.parametrize("method", ["is_open", "schedule_at", "next_open", "status"])
def test_naive_instant_is_refused_by_every_question(method: str) -> None:
    with pytest.raises(ValueError, match="at: naive datetime"):
        getattr(binarema(), method)(datetime(2026, 11, 20, 17))


def test_naive_end_of_a_measure_is_refused_naming_b() -> None:
    with pytest.raises(ValueError, match="b: naive datetime"):
        binarema().business_minutes_between(at(MADRID, "2026-11-20 17:00"), datetime(2026, 11, 21))


def test_naive_start_of_calendar_hours_is_refused() -> None:
    with pytest.raises(ValueError, match="start: naive datetime"):
        add_calendar_hours(datetime(2026, 3, 28, 12), 48)


def test_naive_start_of_business_days_is_refused() -> None:
    with pytest.raises(ValueError, match="start: naive datetime"):
        binarema().add_business_days(datetime(2026, 3, 28, 12), 1)


def test_a_datetime_where_a_date_is_expected_is_refused() -> None:
    with pytest.raises(ValueError, match="a: expected a calendar date"):
        binarema().business_days_between(datetime(2026, 11, 20, 12), date(2026, 11, 27))


def test_unknown_time_zone_is_refused_by_name() -> None:
    with pytest.raises(CalendarError, match="timezone: unknown time zone 'Mars/Olympus'"):
        BusinessCalendar("x", "Mars/Olympus", [Schedule("x", {0: windows("09:00-14:00")})])


def test_unknown_holiday_country_is_refused_by_name() -> None:
    with pytest.raises(CalendarError, match=r"country: 'XX' is not a country"):
        HolidaySpec("XX")


def test_unknown_holiday_subdivision_is_refused_by_name() -> None:
    with pytest.raises(CalendarError, match=r"subdiv: 'ZZ' is not a subdivision of 'ES'"):
        HolidaySpec("ES", subdiv="ZZ")


def test_unknown_holiday_language_is_refused_by_name() -> None:
    with pytest.raises(CalendarError, match=r"language: 'zz' is not available"):
        HolidaySpec("ES", language="zz")


def test_overlapping_windows_in_one_schedule_are_refused() -> None:
    with pytest.raises(
        CalendarError,
        match="schedule 'normal': on Monday, windows 09:00-14:00 and 13:00-15:00 overlap",
    ):
        Schedule("normal", {0: windows("09:00-14:00", "13:00-15:00")})


def test_overlapping_simultaneous_schedules_are_refused_naming_both() -> None:
    with pytest.raises(CalendarError, match=r"'normal' and .*'special' overlap on Friday"):
        BusinessCalendar(
            "itplusnet",
            SANTIAGO,
            [
                Schedule("normal", {4: windows("09:00-18:31")}),
                Schedule("special", {4: windows("18:00-22:00")}),
            ],
        )


def test_seasonal_and_regular_schedules_may_cover_the_same_hours() -> None:
    cal = binarema()  # summer 08:00-15:00 replaces, never overlaps, normal 09:00-14:00
    assert cal.schedule_at(at(MADRID, "2026-08-03 09:30")) == "summer"


def test_overlapping_seasonal_schedules_in_the_same_season_are_refused() -> None:
    with pytest.raises(CalendarError, match=r"'july' and .*'summer' overlap"):
        BusinessCalendar(
            "x",
            MADRID,
            [
                Schedule("july", {0: windows("08:00-15:00")}, months=(7,)),
                Schedule("summer", {0: windows("09:00-10:00")}, from_md=(7, 15), until_md=(8, 31)),
            ],
        )


def test_negative_minutes_are_refused() -> None:
    with pytest.raises(ValueError, match="minutes: must not be negative"):
        binarema().add_business_minutes(at(MADRID, "2026-11-20 17:00"), -1)


def test_negative_business_days_are_refused() -> None:
    with pytest.raises(ValueError, match="days: must not be negative"):
        binarema().add_business_days(at(MADRID, "2026-11-20 17:00"), -1)


def test_hours_that_are_not_whole_minutes_are_refused() -> None:
    with pytest.raises(ValueError, match=r"hours: 0.001 hours is not a whole number of minutes"):
        binarema().add_business_hours(at(MADRID, "2026-11-20 17:00"), Decimal("0.001"))


def test_float_hours_are_refused_in_favour_of_decimal() -> None:
    with pytest.raises(TypeError, match="use Decimal"):
        binarema().add_business_hours(at(MADRID, "2026-11-20 17:00"), 1.5)  # type: ignore[arg-type, unused-ignore]


def test_measuring_backwards_is_refused() -> None:
    cal = binarema()
    with pytest.raises(ValueError, match=r"b: .* is before a"):
        cal.business_minutes_between(at(MADRID, "2026-11-21 10:00"), at(MADRID, "2026-11-20 10:00"))


def test_calendar_with_no_windows_at_all_is_refused() -> None:
    with pytest.raises(CalendarError, match="has no opening windows at all"):
        BusinessCalendar("empty", MADRID, [Schedule("normal", {})])


def test_calendar_with_no_schedules_is_refused() -> None:
    with pytest.raises(CalendarError, match="schedules: calendar 'empty' has no schedules"):
        BusinessCalendar("empty", MADRID, [])


def test_closure_ending_before_it_starts_is_refused() -> None:
    with pytest.raises(CalendarError, match="closure 'zomerverlof': end 2026-07-01 is before"):
        ClosurePeriod(date(2026, 7, 20), date(2026, 7, 1), "zomerverlof")


def test_season_month_out_of_range_is_refused() -> None:
    with pytest.raises(CalendarError, match="months: 13 is not a month"):
        Schedule("summer", {0: windows("08:00-15:00")}, months=(13,))


def test_a_calendar_that_never_opens_again_stops_searching() -> None:
    cal = BusinessCalendar(
        "closed",
        MADRID,
        [Schedule("normal", {d: windows("09:00-14:00") for d in MON_FRI})],
        closures=[ClosurePeriod(date(2026, 1, 1), date(2028, 12, 31), "closed for good")],
    )
    with pytest.raises(CalendarError, match="calendar 'closed' has no opening within 400 days"):
        cal.next_open(at(MADRID, "2026-02-01 10:00"))
    with pytest.raises(CalendarError, match="no opening within 400 days"):
        cal.add_business_minutes(at(MADRID, "2026-02-01 10:00"), 1)
    with pytest.raises(CalendarError, match="no opening within 400 days"):
        cal.add_business_days(at(MADRID, "2026-02-01 10:00"), 1)
    assert not cal.is_open(at(MADRID, "2026-02-02 10:00"))


def test_schedules_are_hashable_and_comparable() -> None:
    a = Schedule("normal", {0: windows("09:00-14:00")})
    b = Schedule("normal", {0: [parse_window("09:00-14:00")]})
    assert a == b
    assert hash(a) == hash(b)


# --------------------------------------------------------------------------- Brussels DST


def test_juweliers_counts_across_the_brussels_spring_dst_change() -> None:
    # Friday 2026-03-27 16:00 CET + 2 business hours: 1 h on Friday, 1 h on Monday 30 March,
    # which is already summer time (CEST, +02:00) after the change of Sunday 29 March.
    bt = juweliers().add_business_hours(datetime(2026, 3, 27, 16, 0, tzinfo=BRUSSELS), 2)
    assert bt.result == datetime(2026, 3, 30, 10, 0, tzinfo=BRUSSELS)
    assert bt.result.utcoffset() == timedelta(hours=2)
    # 66 wall-clock hours apart, but only 65 real hours: the spring change removed one
    assert bt.result.astimezone(UTC) - bt.start.astimezone(UTC) == timedelta(hours=65)


def test_juweliers_counts_across_the_brussels_autumn_dst_change() -> None:
    # Friday 2026-10-23 16:30 CEST + 90 business minutes: 30 min on Friday, 60 on Monday 26
    # October, back on winter time (CET, +01:00) since Sunday 25 October.
    bt = juweliers().add_business_minutes(datetime(2026, 10, 23, 16, 30, tzinfo=BRUSSELS), 90)
    assert bt.result == datetime(2026, 10, 26, 10, 0, tzinfo=BRUSSELS)
    assert bt.result.utcoffset() == timedelta(hours=1)
    cal = juweliers()
    assert cal.business_minutes_between(bt.start, bt.result) == 90


def test_mexican_independence_day_closes_the_softmas_office() -> None:
    cal = softmas()
    assert not cal.is_business_day(date(2026, 9, 16))
    assert "Independence Day" in (cal.explain_closed(date(2026, 9, 16)) or "")


def test_inclusive_closing_serves_the_stated_minute_and_says_the_time_as_written() -> None:
    # Itplusnet: "De Lunes a Viernes de 09:00 horas a 18:30 horas", read as 18:30 included
    spec = CalendarSpec(
        "America/Santiago",
        (
            ScheduleSpec("normal", ("mon-fri",), ("09:00-18:30",), closing="inclusive"),
            ScheduleSpec("special", ("mon-fri",), ("18:31-22:00",), closing="inclusive"),
        ),
    )
    cal = spec.build("itplusnet")
    assert cal.schedule_at(at(SANTIAGO, "2026-11-27 18:30")) == "normal"
    assert cal.schedule_at(at(SANTIAGO, "2026-11-27 22:00")) == "special"
    assert cal.schedule_at(at(SANTIAGO, "2026-11-27 22:01")) is None
    said = str(cal.describe())
    assert "09:00–18:30" in said and "18:31–22:00" in said
    assert "18:31–22:01" not in said and "09:00–18:31" not in said
    exclusive = CalendarSpec(
        "America/Santiago", (ScheduleSpec("normal", ("mon-fri",), ("09:00-18:30",)),)
    ).build("x")
    assert exclusive.schedule_at(at(SANTIAGO, "2026-11-27 18:30")) is None


def test_a_closing_reading_other_than_exclusive_or_inclusive_is_named() -> None:
    spec = CalendarSpec(
        "Europe/Madrid", (ScheduleSpec("x", ("mon",), ("09:00-14:00",), closing="included"),)
    )
    with pytest.raises(CalendarError, match=r"schedules\[0\]\.closing: expected 'exclusive'"):
        spec.build("x")


def test_midnight_cannot_be_served_inclusively() -> None:
    spec = CalendarSpec(
        "Europe/Madrid", (ScheduleSpec("x", ("mon",), ("20:00-24:00",), closing="inclusive"),)
    )
    with pytest.raises(CalendarError, match=r"windows\[0\]: '20:00-24:00': 24:00 cannot"):
        spec.build("x")
