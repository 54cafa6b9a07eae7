"""``[calendars.<name>]``: published hours built with the settings once per engine."""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
from tables_vendor import bare, catalogue, settings_for, with_tables

from supportcore.calendar import CalendarError

MADRID = ZoneInfo("Europe/Madrid")
DESK = [{"name": "normal", "days": ["mon-fri"], "windows": ["09:00-14:00"]}]
INTEGRATION = {
    "timezone": "Europe/Madrid",
    "schedules": [{"name": "office", "days": ["mon-fri"], "windows": ["08:00-16:00"]}],
}


def calendars(settings=None, cat=None):
    cat = catalogue() if cat is None else cat
    return cat.tables.calendars(settings_for(cat, settings), cat.info)


def at(text: str) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=MADRID)


def test_published_hours_are_in_the_vendors_time_zone_by_default():
    assert calendars()["desk"].tz.key == "Europe/Madrid"


def test_a_calendar_may_name_its_own_time_zone():
    assert calendars()["website"].tz.key == "UTC"


def test_a_seasonal_schedule_replaces_the_normal_hours_in_its_months():
    desk = calendars()["desk"]
    assert desk.schedule_at(at("2026-07-14 14:30")) == "july-august"
    assert not desk.is_open(at("2026-03-10 14:30"))


def test_a_choice_setting_picks_the_windows_of_a_schedule():
    exclusive = calendars({"closing_times": "exclusive"})["evening"]
    inclusive = calendars({"closing_times": "inclusive"})["evening"]
    moment = at("2026-03-10 22:00")
    assert not exclusive.is_open(moment) and inclusive.is_open(moment)


def test_a_schedule_may_serve_its_stated_closing_minute_and_say_it_as_written():
    schedules = [{**DESK[0], "windows": ["09:00-14:00"], "closing": "inclusive"}]
    desk = calendars(cat=with_tables(calendars={"desk": {"schedules": schedules}}))["desk"]
    assert desk.is_open(at("2026-03-10 14:00")) and not desk.is_open(at("2026-03-10 14:01"))
    assert "09:00–14:00" in str(desk.describe())


def test_a_boolean_setting_not_supplied_counts_as_false_in_when():
    schedules = [
        {**DESK[0], "when": {"prices_include_tax": False}},
        {
            **DESK[0],
            "name": "late",
            "windows": ["15:00-18:00"],
            "when": {"prices_include_tax": True},
        },
    ]
    cat = with_tables(calendars={"desk": {"schedules": schedules}})
    assert [s.name for s in calendars(cat=cat)["desk"].schedules] == ["normal"]


def test_no_schedule_for_the_settings_is_a_calendar_error():
    schedules = [{**DESK[0], "when": {"closing_times": "inclusive"}}]
    cat = with_tables(calendars={"desk": {"schedules": schedules}})
    with pytest.raises(CalendarError, match="calendar 'desk': no schedule of the terms applies"):
        calendars(cat=cat)


def test_the_holiday_choice_setting_closes_the_desk_on_national_holidays():
    christmas = date(2026, 12, 25)
    assert calendars({"public_holidays": "national"})["desk"].explain_closed(christmas)
    assert calendars({"public_holidays": "none"})["desk"].explain_closed(christmas) is None


def test_a_regional_holiday_closes_only_with_the_regional_choice():
    andalusia_day = date(2025, 2, 28)  # Día de Andalucía, a Friday
    assert calendars({"public_holidays": "andalusia"})["desk"].explain_closed(andalusia_day)
    assert calendars({"public_holidays": "national"})["desk"].explain_closed(andalusia_day) is None


def test_holidays_may_close_the_desk_only_when_a_boolean_setting_says_so():
    holidays = {"country": "ES", "when": "prices_include_tax"}
    cat = with_tables(calendars={"desk": {"schedules": DESK, "holidays": holidays}})
    assert calendars({"prices_include_tax": True}, cat)["desk"].holidays is not None
    assert calendars({}, cat)["desk"].holidays is None


def test_the_holiday_subdivision_may_come_from_a_setting():
    data = bare()
    data["settings"].append({"key": "region", "kind": "string", "description": "region"})
    holidays = {"country": "ES", "subdiv_setting": "region"}
    data["calendars"] = {"desk": {"schedules": DESK, "holidays": holidays}}
    cat = catalogue(data)
    assert calendars({"region": "AN"}, cat)["desk"].holidays.subdiv == "AN"
    assert calendars({}, cat)["desk"].holidays.subdiv is None


def test_an_unknown_subdivision_in_the_settings_is_a_calendar_error_naming_the_setting():
    data = bare()
    data["settings"].append({"key": "region", "kind": "string", "description": "region"})
    holidays = {"country": "ES", "subdiv_setting": "region"}
    data["calendars"] = {"desk": {"schedules": DESK, "holidays": holidays}}
    with pytest.raises(CalendarError, match="calendar 'desk': region: subdiv: 'ZZ'"):
        calendars({"region": "ZZ"}, catalogue(data))


CLOSURE = [{"start": "2026-08-03", "end": "2026-08-14", "label": "summer break"}]


def test_the_closures_setting_closes_the_desk():
    desk = calendars({"closures": CLOSURE})["desk"]
    assert desk.explain_closed(date(2026, 8, 5)) == "closure: summer break"


def test_closures_may_apply_only_when_a_boolean_setting_says_so():
    table = {"schedules": DESK, "closures_setting": "closures"}
    cat = with_tables(calendars={"desk": {**table, "closures_when": "prices_include_tax"}})
    closed = calendars({"closures": CLOSURE, "prices_include_tax": True}, cat)["desk"]
    open_ = calendars({"closures": CLOSURE}, cat)["desk"]
    assert closed.closures and not open_.closures


def test_hours_the_terms_leave_to_a_setting_are_built_from_it():
    integration = calendars({"integration_hours": INTEGRATION})["integration"]
    assert integration.is_open(at("2026-03-10 15:30"))


def test_hours_the_integrator_did_not_supply_are_left_out():
    assert "integration" not in calendars()


def test_the_closures_setting_adds_to_the_integrators_calendar():
    cat = with_tables(
        calendars={"integration": {"setting": "integration_hours", "closures_setting": "closures"}}
    )
    settings = {"integration_hours": INTEGRATION, "closures": CLOSURE}
    assert calendars(settings, cat)["integration"].explain_closed(date(2026, 8, 5))
