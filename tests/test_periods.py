"""Contract periods: half-open ranges, month arithmetic with end-of-month clamping."""

from __future__ import annotations

import itertools
from datetime import date, datetime

import pytest
from dateutil.relativedelta import relativedelta
from hypothesis import given
from hypothesis import strategies as st

from supportcore.periods import (
    MonthCount,
    Period,
    TermCount,
    add_months,
    billing_period,
    billing_periods,
    months_between,
    notice_deadline,
    renewal_period,
    term_from,
)

COMPLETED = MonthCount.COMPLETED
STARTED = MonthCount.STARTED

dates = st.dates(min_value=date(1990, 1, 1), max_value=date(2090, 12, 31))


# --- add_months ---------------------------------------------------------------------------


def test_one_month_after_january_31_is_the_last_day_of_february() -> None:
    assert add_months(date(2026, 1, 31), 1) == date(2026, 2, 28)


def test_one_month_after_january_31_of_a_leap_year_is_february_29() -> None:
    assert add_months(date(2028, 1, 31), 1) == date(2028, 2, 29)


def test_twelve_months_after_february_29_is_february_28() -> None:
    assert add_months(date(2028, 2, 29), 12) == date(2029, 2, 28)


def test_forty_eight_months_after_february_29_is_february_29_again() -> None:
    assert add_months(date(2024, 2, 29), 48) == date(2028, 2, 29)


def test_add_months_goes_back_with_negative_months() -> None:
    assert add_months(date(2026, 3, 31), -1) == date(2026, 2, 28)


def test_add_months_crosses_the_year() -> None:
    assert add_months(date(2026, 11, 15), 3) == date(2027, 2, 15)


@given(dates, st.integers(min_value=-120, max_value=120))
def test_add_months_strictly_increases_with_months(d: date, n: int) -> None:
    assert add_months(d, n) < add_months(d, n + 1)


@given(dates, dates, st.integers(min_value=-120, max_value=120))
def test_add_months_never_decreases_with_the_start_day(a: date, b: date, n: int) -> None:
    lo, hi = sorted((a, b))
    assert add_months(lo, n) <= add_months(hi, n)


# --- Period -------------------------------------------------------------------------------


def test_six_month_smart_period_from_purchase() -> None:
    # Binarema: "un período SMART gratuito de 6 meses desde la compra del programa"
    p = Period.months_from(date(2026, 1, 15), 6)
    assert p == Period(date(2026, 1, 15), date(2026, 7, 15))
    assert p.last_day == date(2026, 7, 14)
    assert p.describe() == "from 2026-01-15 to 2026-07-14 inclusive"


def test_period_contains_its_first_and_last_day_but_not_its_end() -> None:
    p = Period(date(2026, 1, 15), date(2026, 7, 15))
    assert p.contains(date(2026, 1, 15))
    assert p.contains(date(2026, 7, 14))
    assert not p.contains(date(2026, 7, 15))
    assert not p.contains(date(2026, 1, 14))


def test_period_days_counts_both_inclusive_ends() -> None:
    assert Period(date(2026, 1, 1), date(2026, 1, 2)).days == 1
    assert Period.months_from(date(2026, 1, 1), 12).days == 365
    assert Period.months_from(date(2028, 1, 1), 12).days == 366


def test_twelve_months_from_a_purchase_on_march_10() -> None:
    # Softmás: "la vigencia es de 12 meses a partir de la fecha de adquisición"
    p = Period.months_from(date(2026, 3, 10), 12)
    assert p.end == date(2027, 3, 10)
    assert p.last_day == date(2027, 3, 9)


def test_a_period_must_end_after_it_starts() -> None:
    with pytest.raises(ValueError, match="end: 2026-01-01 is not after start 2026-01-01"):
        Period(date(2026, 1, 1), date(2026, 1, 1))
    with pytest.raises(ValueError, match="end"):
        Period(date(2026, 1, 2), date(2026, 1, 1))


def test_a_period_is_made_of_dates_not_instants() -> None:
    with pytest.raises(ValueError, match="start: expected a calendar date"):
        Period(datetime(2026, 1, 1, 10, 0), date(2026, 2, 1))


def test_months_from_needs_at_least_one_month() -> None:
    with pytest.raises(ValueError, match="months"):
        Period.months_from(date(2026, 1, 1), 0)


# --- notice_deadline ----------------------------------------------------------------------


def test_notice_one_week_before_the_last_day_of_validity() -> None:
    # Binarema: "informados con al menos una semana de anticipación al último día de vigencia"
    contract = Period.months_from(date(2025, 7, 15), 12)
    assert contract.last_day == date(2026, 7, 14)
    assert notice_deadline(contract.last_day, weeks=1) == date(2026, 7, 7)


def test_notice_deadline_with_days_and_months() -> None:
    assert notice_deadline(date(2026, 3, 31), months=1) == date(2026, 2, 28)
    assert notice_deadline(date(2026, 3, 1), days=1) == date(2026, 2, 28)
    assert notice_deadline(date(2026, 3, 1)) == date(2026, 3, 1)


@given(
    st.dates(min_value=date(1901, 1, 1), max_value=date(2199, 12, 31)),
    st.integers(0, 400),
    st.integers(0, 60),
    st.integers(0, 36),
)
def test_notice_deadline_takes_months_then_weeks_and_days_off(
    last_day: date, days: int, weeks: int, months: int
) -> None:
    expected = last_day - relativedelta(months=months, weeks=weeks, days=days)
    assert notice_deadline(last_day, days=days, weeks=weeks, months=months) == expected


def test_notice_deadline_refuses_a_negative_notice() -> None:
    with pytest.raises(ValueError, match="weeks"):
        notice_deadline(date(2026, 3, 1), weeks=-1)


# --- renewal_period -----------------------------------------------------------------------


def test_yearly_renewal_period_holding_a_day_in_the_third_year() -> None:
    assert renewal_period(date(2024, 7, 15), date(2026, 9, 1)) == Period(
        date(2026, 7, 15), date(2027, 7, 15)
    )


def test_renewal_day_starts_a_new_period() -> None:
    start = date(2024, 7, 15)
    assert renewal_period(start, date(2025, 7, 14)).start == date(2024, 7, 15)
    assert renewal_period(start, date(2025, 7, 15)).start == date(2025, 7, 15)


def test_renewal_from_february_29_clamps_without_drifting() -> None:
    start = date(2024, 2, 29)
    assert renewal_period(start, date(2025, 3, 1)) == Period(date(2025, 2, 28), date(2026, 2, 28))
    assert renewal_period(start, date(2028, 2, 28)) == Period(date(2027, 2, 28), date(2028, 2, 29))
    assert renewal_period(start, date(2028, 2, 29)) == Period(date(2028, 2, 29), date(2029, 2, 28))


def test_monthly_renewal_from_january_31_returns_to_the_31st() -> None:
    start = date(2026, 1, 31)
    assert renewal_period(start, date(2026, 3, 15), months=1) == Period(
        date(2026, 2, 28), date(2026, 3, 31)
    )
    assert renewal_period(start, date(2026, 3, 31), months=1).start == date(2026, 3, 31)


def test_renewal_period_before_the_start_is_an_error() -> None:
    with pytest.raises(ValueError, match="on: 2024-07-14 is before"):
        renewal_period(date(2024, 7, 15), date(2024, 7, 14))


@given(dates, dates, st.integers(min_value=1, max_value=24))
def test_renewal_period_contains_the_day(start: date, on: date, months: int) -> None:
    start, on = sorted((start, on))
    p = renewal_period(start, on, months=months)
    assert p.contains(on)
    assert months_between(start, p.start, COMPLETED) % months == 0


# --- billing_periods ----------------------------------------------------------------------


def test_quarterly_billing_until_a_notice_in_the_third_quarter() -> None:
    # juwelierspakket: "afrekening per 3 maand"; already invoiced periods must be paid.
    assert billing_periods(date(2026, 1, 1), date(2026, 8, 20)) == (
        Period(date(2026, 1, 1), date(2026, 4, 1)),
        Period(date(2026, 4, 1), date(2026, 7, 1)),
        Period(date(2026, 7, 1), date(2026, 10, 1)),
    )


def test_a_billing_period_starting_on_the_until_day_is_included() -> None:
    periods = billing_periods(date(2026, 1, 1), date(2026, 4, 1))
    assert [p.start for p in periods] == [date(2026, 1, 1), date(2026, 4, 1)]


def test_quarterly_billing_from_the_31st_is_contiguous_and_clamped() -> None:
    periods = billing_periods(date(2025, 11, 30), date(2026, 6, 1))
    assert periods == (
        Period(date(2025, 11, 30), date(2026, 2, 28)),
        Period(date(2026, 2, 28), date(2026, 5, 30)),
        Period(date(2026, 5, 30), date(2026, 8, 30)),
    )


def test_no_billing_periods_before_the_start() -> None:
    assert billing_periods(date(2026, 1, 1), date(2025, 12, 31)) == ()


@given(dates, dates, st.integers(min_value=1, max_value=12))
def test_billing_periods_are_contiguous_and_cover_until(start: date, until: date, n: int) -> None:
    periods = billing_periods(start, until, months=n)
    if until < start:
        assert periods == ()
        return
    assert periods[0].start == start
    assert periods[-1].contains(until)
    for prev, nxt in itertools.pairwise(periods):
        assert prev.end == nxt.start


def test_billing_period_is_the_quarter_holding_the_day() -> None:
    assert billing_period(date(2026, 1, 1), date(2026, 8, 20)) == Period(
        date(2026, 7, 1), date(2026, 10, 1)
    )


def test_billing_period_starting_on_the_day_holds_it() -> None:
    assert billing_period(date(2026, 1, 1), date(2026, 4, 1)) == Period(
        date(2026, 4, 1), date(2026, 7, 1)
    )
    assert billing_period(date(2026, 1, 1), date(2026, 1, 1)) == Period(
        date(2026, 1, 1), date(2026, 4, 1)
    )


def test_billing_period_from_the_31st_is_clamped_without_drifting() -> None:
    start = date(2025, 11, 30)
    assert billing_period(start, date(2026, 6, 1)) == Period(date(2026, 5, 30), date(2026, 8, 30))
    assert billing_period(start, date(2026, 3, 1)) == Period(date(2026, 2, 28), date(2026, 5, 30))
    jan31 = date(2026, 1, 31)
    assert billing_period(jan31, date(2026, 5, 1)) == Period(date(2026, 4, 30), date(2026, 7, 31))
    assert billing_period(jan31, date(2026, 7, 30)) == Period(date(2026, 4, 30), date(2026, 7, 31))
    assert billing_period(jan31, date(2026, 7, 31)) == Period(date(2026, 7, 31), date(2026, 10, 31))
    leap = date(2024, 2, 29)
    assert billing_period(leap, date(2025, 3, 1), months=12) == Period(
        date(2025, 2, 28), date(2026, 2, 28)
    )


def test_billing_period_before_the_start_is_an_error() -> None:
    with pytest.raises(ValueError, match="on: 2025-12-31 is before"):
        billing_period(date(2026, 1, 1), date(2025, 12, 31))


def test_billing_period_needs_at_least_one_month() -> None:
    with pytest.raises(ValueError, match="months"):
        billing_period(date(2026, 1, 1), date(2026, 2, 1), months=0)


@given(dates, dates, st.integers(min_value=1, max_value=12))
def test_billing_period_is_the_last_of_billing_periods(start: date, on: date, n: int) -> None:
    periods = billing_periods(start, on, months=n)
    if on < start:
        with pytest.raises(ValueError):
            billing_period(start, on, months=n)
        return
    period = billing_period(start, on, months=n)
    assert period == periods[-1]
    assert period.contains(on)


# --- months_between -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("a", "b", "completed", "started"),
    [
        (date(2026, 1, 15), date(2026, 1, 15), 0, 0),
        (date(2026, 1, 15), date(2026, 1, 16), 0, 1),
        (date(2026, 1, 15), date(2026, 2, 14), 0, 1),
        (date(2026, 1, 15), date(2026, 2, 15), 1, 1),
        (date(2026, 1, 15), date(2026, 2, 16), 1, 2),
        (date(2026, 1, 31), date(2026, 2, 27), 0, 1),
        (date(2026, 1, 31), date(2026, 2, 28), 1, 1),
        (date(2026, 1, 31), date(2026, 3, 1), 1, 2),
        (date(2026, 1, 31), date(2026, 3, 30), 1, 2),
        (date(2026, 1, 31), date(2026, 3, 31), 2, 2),
        (date(2028, 1, 31), date(2028, 2, 28), 0, 1),
        (date(2028, 1, 31), date(2028, 2, 29), 1, 1),
        (date(2024, 2, 29), date(2025, 2, 28), 12, 12),
        (date(2021, 6, 1), date(2026, 6, 1), 60, 60),
        (date(2021, 6, 1), date(2026, 6, 2), 60, 61),
    ],
)
def test_months_between_examples(a: date, b: date, completed: int, started: int) -> None:
    assert months_between(a, b, COMPLETED) == completed
    assert months_between(a, b, STARTED) == started


def test_months_between_backwards_is_zero() -> None:
    assert months_between(date(2026, 3, 1), date(2026, 1, 1), COMPLETED) == 0
    assert months_between(date(2026, 3, 1), date(2026, 1, 1), STARTED) == 0


def test_months_between_accepts_the_rule_as_text() -> None:
    assert months_between(date(2026, 1, 15), date(2026, 2, 16), MonthCount("started")) == 2
    with pytest.raises(ValueError):
        MonthCount("begun")


@given(dates.filter(lambda d: d.day <= 28), st.integers(min_value=0, max_value=240))
def test_n_months_after_a_day_up_to_the_28th_are_n_completed_months(a: date, n: int) -> None:
    assert months_between(a, add_months(a, n), COMPLETED) == n
    assert months_between(a, add_months(a, n), STARTED) == n


@given(dates, st.integers(min_value=0, max_value=240))
def test_n_months_after_any_day_are_n_completed_months(a: date, n: int) -> None:
    # Holds for the 29th-31st too, because months_between uses the same clamping.
    assert months_between(a, add_months(a, n), COMPLETED) == n


@given(dates, dates)
def test_started_is_completed_or_one_more(a: date, b: date) -> None:
    c, s = months_between(a, b, COMPLETED), months_between(a, b, STARTED)
    assert s in (c, c + 1)
    assert add_months(a, c) <= b or c == 0
    assert b < add_months(a, c + 1)


@given(dates, dates, dates)
def test_months_between_never_decreases_as_b_moves_on(a: date, b1: date, b2: date) -> None:
    lo, hi = sorted((b1, b2))
    for rule in MonthCount:
        assert months_between(a, lo, rule) <= months_between(a, hi, rule)


# --- term_from ----------------------------------------------------------------------------

CIVIL = TermCount.CIVIL_CODE
EXCLUSIVE = TermCount.END_EXCLUSIVE


def test_civil_code_months_run_from_date_to_date_inclusive() -> None:
    # Código Civil art. 5.1: months "se computarán de fecha a fecha"
    term = term_from(date(2026, 1, 10), months=6, count=CIVIL)
    assert term.last_day == date(2026, 7, 10)
    assert term.contains(date(2026, 7, 10))
    assert not term.contains(date(2026, 7, 11))


def test_civil_code_days_leave_the_first_day_out_of_the_count() -> None:
    # Código Civil art. 5.1: the day counted from "quedará excluido del cómputo"
    term = term_from(date(2026, 3, 2), days=30, count=CIVIL)
    assert term == Period(date(2026, 3, 2), date(2026, 4, 2))
    assert term.last_day == date(2026, 4, 1)


def test_civil_code_month_without_the_equivalent_day_ends_on_its_last_day() -> None:
    # Código Civil art. 5.1: "se entenderá que el plazo expira el último del mes"
    assert term_from(date(2025, 8, 31), months=6, count=CIVIL).last_day == date(2026, 2, 28)
    assert term_from(date(2027, 8, 31), months=6, count=CIVIL).last_day == date(2028, 2, 29)


def test_a_term_includes_the_day_it_is_counted_from() -> None:
    for count in TermCount:
        assert term_from(date(2026, 3, 2), days=30, count=count).start == date(2026, 3, 2)


def test_end_exclusive_term_is_the_modules_half_open_convention() -> None:
    assert term_from(date(2026, 1, 10), months=6) == Period.months_from(date(2026, 1, 10), 6)
    assert term_from(date(2026, 3, 2), days=30).last_day == date(2026, 3, 31)


def test_term_of_months_and_days_adds_the_months_first() -> None:
    assert term_from(date(2026, 1, 31), months=1, days=1, count=CIVIL).last_day == date(2026, 3, 1)
    assert term_from(date(2026, 1, 31), months=1, days=1).last_day == date(2026, 2, 28)


def test_term_count_may_be_given_as_text() -> None:
    assert term_from(date(2026, 1, 10), months=6, count=TermCount("civil_code")).end == date(
        2026, 7, 11
    )
    with pytest.raises(ValueError):
        TermCount("calendar")


def test_a_term_needs_a_positive_length() -> None:
    with pytest.raises(ValueError, match="at least one month or one day"):
        term_from(date(2026, 1, 10))
    with pytest.raises(ValueError, match="counted forwards"):
        term_from(date(2026, 1, 10), months=-1, days=40)


@given(dates, st.integers(min_value=0, max_value=120), st.integers(min_value=0, max_value=400))
def test_a_civil_code_term_is_one_day_longer_than_an_end_exclusive_one(
    d: date, months: int, days: int
) -> None:
    if months == 0 and days == 0:
        return
    civil = term_from(d, months=months, days=days, count=CIVIL)
    exclusive = term_from(d, months=months, days=days, count=EXCLUSIVE)
    assert civil.start == exclusive.start == d
    assert civil.last_day == exclusive.end
