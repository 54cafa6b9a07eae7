"""Normal hours, special hours, the 18:30/18:31 minute, public holidays, mobile numbers."""

from __future__ import annotations

from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

import pytest

SANTIAGO = ZoneInfo("America/Santiago")


def _t(text: str) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=SANTIAGO)


@pytest.mark.clause("ITP-HOURS-1")
@pytest.mark.parametrize(
    "at",
    ["2026-11-23T09:00", "2026-11-23T12:00", "2026-11-27T18:29", "2026-11-23T18:30:30"],
)
def test_weekdays_from_9_to_18_30_are_normal_hours(itp: Any, at: str) -> None:
    d = itp.evaluate(at=at)
    assert d.service.open_now is True
    assert d.service.schedule == "normal"
    assert "ITP-HOURS-1" in itp.cited(d.service.reasons)


@pytest.mark.clause("ITP-HOURS-1")
def test_before_9_on_a_weekday_the_desk_is_closed_and_opens_at_9(itp: Any) -> None:
    d = itp.evaluate(at="2026-11-23T08:59")
    assert d.service.open_now is False
    assert d.service.next_opening == _t("2026-11-23T09:00")
    closed = next(r for r in d.service.reasons if r.code == "closed-now")
    assert closed.params["why"] == "outside the opening hours"
    assert itp.cited(closed) == {"ITP-HOURS-1", "ITP-HOURS-4"}  # normal hours open next


@pytest.mark.clause("ITP-HOURS-2")
@pytest.mark.parametrize(
    "at",
    [
        "2026-11-23T18:31",  # Monday evening
        "2026-11-27T21:59",  # Friday evening
        "2026-11-28T10:00",  # Saturday
        "2026-11-28T20:59",
        "2026-11-29T10:00",  # Sunday
        "2026-11-29T13:59",
    ],
)
def test_weekday_evenings_saturdays_and_sunday_mornings_are_special_hours(
    itp: Any, at: str
) -> None:
    d = itp.evaluate(at=at)
    assert (d.service.open_now, d.service.schedule) == (True, "special")
    assert "ITP-HOURS-2" in itp.cited(d.service.reasons)


@pytest.mark.clause("ITP-HOURS-2")
@pytest.mark.parametrize(
    ("at", "opens"),
    [
        ("2026-11-23T22:01", "2026-11-24T09:00"),  # Monday after 22:00 → Tuesday normal hours
        ("2026-11-27T22:01", "2026-11-28T10:00"),  # Friday night → Saturday special hours
        ("2026-11-28T21:01", "2026-11-29T10:00"),  # Saturday after 21:00 → Sunday 10:00
        ("2026-11-29T14:01", "2026-11-30T09:00"),  # Sunday after 14:00 → Monday 09:00
    ],
)
def test_special_hours_close_after_the_minutes_22_21_and_14(itp: Any, at: str, opens: str) -> None:
    d = itp.evaluate(at=at)
    assert d.service.open_now is False
    assert d.service.next_opening == _t(opens)


@pytest.mark.clause("ITP-HOURS-1", "ITP-HOURS-2")
@pytest.mark.parametrize(
    ("at", "schedule"),
    [
        ("2026-11-23T18:30:30", "normal"),  # "a 18:30 horas"
        ("2026-11-23T22:00:30", "special"),  # "A 22:00 Hrs."
        ("2026-11-28T21:00:30", "special"),  # "A 21:00 hrs."
        ("2026-11-29T14:00:30", "special"),  # "A 14:00 hrs."
    ],
)
def test_the_minute_of_every_stated_closing_time_is_served(
    itp: Any, at: str, schedule: str
) -> None:
    d = itp.evaluate(at=at)
    assert (d.service.open_now, d.service.schedule) == (True, schedule)


@pytest.mark.clause("ITP-HOURS-1", "ITP-HOURS-2")
@pytest.mark.parametrize(
    ("at", "opens"),
    [
        ("2026-11-23T18:30:30", "2026-11-23T18:31"),  # the minute 18:30 is closed
        ("2026-11-23T22:00", "2026-11-24T09:00"),
        ("2026-11-28T21:00", "2026-11-29T10:00"),
        ("2026-11-29T14:00", "2026-11-30T09:00"),
    ],
)
def test_exclusive_closing_times_close_the_desk_at_every_stated_time(
    itp: Any, at: str, opens: str
) -> None:
    d = itp.evaluate(at=at, settings={"closing_times": "exclusive"})
    assert d.service.open_now is False
    assert d.service.next_opening == _t(opens)
    closed = next(r for r in d.service.reasons if r.code == "closed-now")
    assert closed.params["opens"] == _t(opens).isoformat()


@pytest.mark.clause("ITP-HOURS-4")
@pytest.mark.parametrize(
    ("at", "opens"),
    [
        ("2026-12-08T11:00", "2026-12-09T09:00"),  # Tuesday, Immaculate Conception
        ("2026-09-18T12:00", "2026-09-20T10:00"),  # Fri 18 and Sat 19 September: holidays
        ("2026-11-01T11:00", "2026-11-02T09:00"),  # Sunday, All Saints' Day
    ],
)
def test_public_holidays_are_not_working_days(itp: Any, at: str, opens: str) -> None:
    d = itp.evaluate(at=at)
    assert d.service.open_now is False
    closed = next(r for r in d.service.reasons if r.code == "closed-now")
    assert closed.params["why"].startswith("public holiday: ")
    assert "ITP-HOURS-4" in itp.cited(closed)
    assert d.service.next_opening == _t(opens)


@pytest.mark.clause("ITP-HOURS-4")
def test_holiday_evening_special_hours_are_not_worked_either(itp: Any) -> None:
    d = itp.evaluate(at="2026-12-08T19:00")
    assert d.service.open_now is False
    assert d.service.next_opening == _t("2026-12-09T09:00")


@pytest.mark.clause("ITP-HOURS-3")
def test_special_hours_give_the_two_mobile_numbers_to_call(itp: Any) -> None:
    numbers = ["+56 9 1111 1111", "+56 9 2222 2222"]
    d = itp.evaluate(at="2026-11-28T12:00", settings={"special_hours_mobile_numbers": numbers})
    reason = next(r for r in d.service.reasons if r.code == "special-hours-mobile-numbers")
    assert all(n in reason.message for n in numbers)
    assert itp.cited(reason) == {"ITP-HOURS-3"}


@pytest.mark.clause("ITP-HOURS-3")
def test_unconfigured_mobile_numbers_are_named_not_invented(itp: Any) -> None:
    d = itp.evaluate(at="2026-11-28T12:00")
    reason = next(r for r in d.service.reasons if r.code == "special-hours-mobile-numbers")
    assert reason.settings == ("special_hours_mobile_numbers",)
    assert [m.key for m in d.service.missing] == ["special_hours_mobile_numbers"]


@pytest.mark.clause("ITP-HOURS-3")
def test_normal_hours_give_no_mobile_numbers(itp: Any) -> None:
    d = itp.evaluate(at="2026-11-23T12:00")
    assert "special-hours-mobile-numbers" not in itp.codes(d.service.reasons)


@pytest.mark.clause("ITP-PAY-1")
def test_a_paid_attention_is_due_immediately_when_the_desk_is_open(itp: Any) -> None:
    d = itp.evaluate(events=[itp.payment("2026-11-23T10:00")])
    assert d.service.response_due == _t("2026-11-23T10:00")
    assert "attention-due" in itp.codes(d.service.reasons)
    assert "ITP-PAY-1" in itp.cited(d.service.reasons)


@pytest.mark.clause("ITP-PAY-1", "ITP-HOURS-4")
def test_an_attention_paid_on_a_holiday_is_due_at_the_next_opening(itp: Any) -> None:
    d = itp.evaluate(at="2026-12-08T12:00", events=[itp.payment("2026-12-08T11:00")])
    assert d.service.response_due == _t("2026-12-09T09:00")


@pytest.mark.clause("ITP-HOURS-4")
def test_a_regional_holiday_closes_the_desk_only_when_its_region_is_set(itp: Any) -> None:
    # 20 August: a holiday in Ñuble (NB) only.
    assert itp.evaluate(at="2026-08-20T10:00").service.open_now is True
    d = itp.evaluate(at="2026-08-20T10:00", settings={"holiday_subdivision": "NB"})
    assert d.service.open_now is False
    closed = next(r for r in d.service.reasons if r.code == "closed-now")
    assert closed.params["why"].startswith("public holiday: ")
    assert closed.settings == ("holiday_subdivision",)


@pytest.mark.clause("ITP-HOURS-1", "ITP-HOURS-2")
def test_an_on_site_request_made_by_phone_gives_the_desks_next_opening(itp: Any) -> None:
    d = itp.evaluate(
        {"request.category": "on_site_visit", "request.environment.location": "Santiago"},
        at="2026-11-23T08:00",
    )
    assert d.service.channel == "phone"
    assert d.service.open_now is False
    assert d.service.next_opening == _t("2026-11-23T09:00")


@pytest.mark.clause("ITP-SEP-1")
def test_the_on_site_channel_has_no_published_hours(itp: Any) -> None:
    d = itp.evaluate(
        {"request.channel": "on_site", "request.environment.location": "Santiago"},
        at="2026-11-23T08:00",
    )
    assert (d.service.open_now, d.service.next_opening) == (None, None)
    assert itp.codes(d.service.reasons) == ["on-site-hours-not-published"]
