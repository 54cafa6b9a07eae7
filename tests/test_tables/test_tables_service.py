"""The core's service answer: the channel offered or not, its hours, open now, next opening."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from hypothesis import given, settings
from hypothesis import strategies as st
from tables_vendor import bare, catalogue, context, with_tables

MADRID = ZoneInfo("Europe/Madrid")
#: Nordesk's desk hours in words, with the national holidays the default settings choose.
#: the hours as the JSON keeps them (the calendar's plain sentence) …
DESK_HOURS = (
    "Monday to Friday 09:00–14:00 and 16:30–19:30; in July and August, Monday to Friday "
    "08:00–15:00; Europe/Madrid time; closed on public holidays of Spain (ES)"
)
#: … and as they are said in English
DESK_HOURS_SAID = (
    "Monday to Friday 09:00–14:00 and 16:30–19:30; in July and August, Monday to Friday "
    "08:00–15:00; Madrid time; closed on public holidays of Spain"
)
INTEGRATION = {
    "timezone": "Europe/Madrid",
    "schedules": [{"name": "office", "days": ["mon-fri"], "windows": ["08:00-16:00"]}],
}


def reason(service, code):
    found = [r for r in service.reasons if r.code == code]
    assert found, f"no reason {code!r} in {[r.code for r in service.reasons]}"
    return found[0]


def cited(r):
    return [c.clause for c in r.citations]


def test_a_channel_not_offered_is_refused_naming_the_channels_offered():
    cat = with_tables(channels={"offered": ["phone", "email"], "clauses": ["N-CHANNELS"]})
    service = context(cat, channel="fax").default_service()
    refusal = reason(service, "channel-not-offered")
    assert refusal.message == "Nordesk gives support by phone and email, not by fax"
    assert cited(refusal) == ["N-CHANNELS"]


def test_a_refused_channel_is_closed_with_no_next_opening():
    service = context(channel="fax").default_service()
    assert (service.open_now, service.next_opening) == (False, None)


def test_without_a_channels_table_the_identitys_channels_are_offered():
    service = context(catalogue(bare()), channel="chat").default_service()
    assert reason(service, "channel-not-offered").params["offered"] == [
        "phone",
        "email",
        "remote",
        "web",
    ]


def test_a_channel_without_hours_has_no_published_hours():
    cat = with_tables(channels={"offered": ["phone"]})
    service = context(cat).default_service()
    assert service.open_now is None
    assert reason(service, "no-published-hours").message == (
        "No opening hours are published for support by phone"
    )


def test_open_now_names_the_schedule_and_cites_its_clause():
    service = context(at="2026-03-10T10:00:00+01:00").default_service()
    assert (service.open_now, service.schedule, service.next_opening) == (True, "normal", None)
    now = reason(service, "open-now")
    assert (
        now.message
        == f"Support by phone is open now (normal hours). Opening hours: {DESK_HOURS_SAID}"
    )
    assert cited(now) == ["N-HOURS-1"]


def test_summer_hours_cite_the_summer_clause():
    service = context(at="2026-07-14T09:00:00+02:00").default_service()
    assert service.schedule == "july-august"
    assert cited(reason(service, "open-now")) == ["N-HOURS-2"]


def test_closed_at_lunch_says_when_it_opens():
    service = context(at="2026-03-10T15:00:00+01:00").default_service()
    assert service.open_now is False
    assert service.next_opening == datetime(2026, 3, 10, 16, 30, tzinfo=MADRID)
    closed = reason(service, "closed-now")
    assert closed.message == (
        "Support by phone is closed now (outside the opening hours); it opens "
        f"Tuesday, 10 March 2026, 16:30 (normal hours). Opening hours: {DESK_HOURS_SAID}"
    )


def test_the_hours_in_words_are_a_param_of_the_answer_open_or_closed():
    for moment in ("2026-03-10T10:00:00+01:00", "2026-03-14T10:00:00+01:00"):
        service = context(at=moment).default_service()
        (said,) = [r.params["opening_hours"] for r in service.reasons if r.code.endswith("-now")]
        assert said == DESK_HOURS


def test_the_hours_in_words_name_the_region_whose_holidays_close_the_desk():
    service = context(settings={"public_holidays": "andalusia"}).default_service()
    assert (
        reason(service, "open-now")
        .params["opening_hours"]
        .endswith("closed on public holidays of Andalucía (ES-AN)")
    )


def test_the_hours_in_words_name_the_closures_not_yet_over():
    closures = [
        {"start": "2026-01-02", "end": "2026-01-05", "label": "stocktaking"},
        {"start": "2026-12-24", "end": "2026-12-31", "label": "year end"},
    ]
    service = context(settings={"closures": closures}).default_service()
    assert (
        reason(service, "open-now")
        .params["opening_hours"]
        .endswith(
            "closed on public holidays of Spain (ES) and during year end (2026-12-24 to 2026-12-31)"
        )
    )


def test_the_website_is_open_every_day_around_the_clock_in_words():
    service = context(channel="web", at="2026-03-14T03:00:00+01:00").default_service()
    assert reason(service, "open-now").params["opening_hours"] == (
        "every day 00:00–24:00; UTC time"
    )


def test_closed_on_saturday_opens_on_monday():
    service = context(at="2026-03-14T10:00:00+01:00").default_service()
    assert service.next_opening == datetime(2026, 3, 16, 9, 0, tzinfo=MADRID)
    assert reason(service, "closed-now").params["why"] == "Saturday"


def test_closed_on_a_public_holiday_names_it_and_the_holiday_setting():
    service = context(at="2026-12-08T10:00:00+01:00").default_service()
    closed = reason(service, "closed-now")
    assert closed.params["why"].startswith("public holiday: ")
    assert closed.settings == ("public_holidays",)


def test_closed_for_a_closure_names_it_and_the_closures_setting():
    closures = [{"start": "2026-03-09", "end": "2026-03-13", "label": "moving office"}]
    service = context(settings={"closures": closures}).default_service()
    closed = reason(service, "closed-now")
    assert closed.params["why"] == "closure: moving office"
    assert closed.settings == ("closures",)


def test_hours_left_to_a_setting_not_supplied_name_the_setting():
    service = context(channel="remote").default_service()
    assert service.open_now is None
    assert [m.key for m in service.missing] == ["integration_hours"]
    unknown = reason(service, "hours-unknown")
    assert unknown.settings == ("integration_hours",)
    assert cited(unknown) == ["N-INTEGRATION"]


def test_hours_from_the_integrators_setting_cite_the_calendars_clauses():
    ctx = context(channel="remote", settings={"integration_hours": INTEGRATION})
    service = ctx.default_service()
    assert service.open_now is True
    assert cited(reason(service, "open-now")) == ["N-INTEGRATION"]


def test_the_website_is_open_at_night():
    service = context(channel="web", at="2026-03-14T03:00:00+01:00").default_service()
    assert service.open_now is True


def test_the_service_answer_carries_the_response_deadline():
    service = context(at="2026-03-10T10:00:00+01:00").default_service()
    assert service.response_due == datetime(2026, 3, 12, 10, 0, tzinfo=MADRID)
    assert reason(service, "response-due")


def test_a_vendor_with_no_tables_answers_no_published_hours():
    service = context(catalogue(bare())).default_service()
    assert service.open_now is None and service.response_due is None
    assert [r.code for r in service.reasons] == ["no-published-hours"]


START = datetime(2026, 1, 1, tzinfo=UTC)


@settings(max_examples=300, deadline=None)
@given(
    minutes=st.integers(min_value=0, max_value=366 * 24 * 60),
    channel=st.sampled_from(["phone", "email", "web"]),
)
def test_next_opening_is_none_while_open_and_after_the_instant_when_closed(minutes, channel):
    moment = START + timedelta(minutes=minutes)
    service = context(at=moment.isoformat(), channel=channel).default_service()
    if service.open_now:
        assert service.next_opening is None
    else:
        assert service.open_now is False
        assert service.next_opening is not None and service.next_opening > moment
