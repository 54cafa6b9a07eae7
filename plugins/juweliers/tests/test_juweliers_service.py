"""Service and channels: phone help (not during the holiday periods), the internet link."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

BRUSSELS = ZoneInfo("Europe/Brussels")
HOLIDAY = {
    "at": "2026-07-28T11:00:00[Europe/Brussels]",
    "request.received_at": "2026-07-28T10:55:00[Europe/Brussels]",
}
WITH_PACK = {"licences[0].modules": ["herstellingen", "communicatiepakket"]}


def test_phone_help_is_open_during_office_hours(jw):
    d = jw.decide()
    assert d.service.open_now is True
    assert d.service.schedule == "kantooruren"
    assert "JUW-PHONE" in jw.ids(jw.reason(d.service.reasons, "open-now").citations)


@pytest.mark.clause("JUW-PHONE")
def test_next_opening_is_none_while_phone_help_is_open(jw):
    d = jw.decide()
    assert d.service.open_now is True
    assert d.service.next_opening is None


def test_phone_help_outside_office_hours_says_when_it_opens(jw):
    d = jw.decide(at="2026-11-17T12:30:00[Europe/Brussels]")
    assert d.service.open_now is False
    assert d.service.next_opening == datetime(2026, 11, 17, 13, 0, tzinfo=BRUSSELS)
    assert d.service.next_opening.tzinfo is not None


def test_office_hours_not_configured_are_named(jw):
    d = jw.decide(settings={"office_hours": None})
    assert d.service.open_now is None
    r = jw.reason(d.service.reasons, "hours-unknown")
    assert r.settings == ("office_hours",) and "JUW-PHONE" in jw.ids(r.citations)
    assert [m.key for m in d.service.missing] == ["office_hours"]


def test_no_response_time_is_promised(jw):
    d = jw.decide()
    assert d.service.response_due is None
    assert "JUW-LINK" in jw.ids(jw.reason(d.service.reasons, "no-response-time").citations)


@pytest.mark.clause("JUW-PHONE")
def test_no_phone_help_during_a_holiday_period(jw):
    d = jw.decide(HOLIDAY)
    assert d.eligibility.status == "not_entitled"
    r = jw.reason(d.eligibility.reasons, "phone-help-holiday-period")
    assert "zomerverlof" in r.message and "JUW-PHONE" in jw.ids(r.citations)
    assert d.eligibility.remedies[0].code == "call-after-holiday"
    assert d.eligibility.remedies[0].params == {"day": "2026-08-10"}
    assert d.service.open_now is False
    assert d.service.next_opening == datetime(2026, 8, 10, 9, 0, tzinfo=BRUSSELS)
    assert d.price.status == "not_applicable"


@pytest.mark.clause("JUW-PHONE")
def test_the_holiday_periods_are_a_setting_and_named_when_missing(jw):
    d = jw.decide(HOLIDAY, settings={"holiday_periods": None})
    assert d.eligibility.status == "entitled"
    r = jw.reason(d.eligibility.basis, "holiday-periods-unknown")
    assert r.settings == ("holiday_periods",) and "JUW-PHONE" in jw.ids(r.citations)


@pytest.mark.clause("JUW-PHONE", "JUW-LINK")
def test_internet_help_continues_during_a_holiday_period_by_default(jw):
    d = jw.decide({**HOLIDAY, **WITH_PACK, "request.channel": "remote"})
    assert d.eligibility.status == "entitled"
    phone = jw.decide({**HOLIDAY, **WITH_PACK})
    assert "use-internet-link" in [m.code for m in phone.eligibility.remedies]


@pytest.mark.clause("JUW-PHONE", "JUW-AFTER-CANCEL")
def test_a_phone_call_during_a_holiday_period_is_not_quoted_regie_without_the_agreement(jw):
    d = jw.decide({**HOLIDAY, "contracts": []})
    assert d.service.open_now is False
    assert d.eligibility.status == "not_entitled"
    assert "no-agreement" in jw.codes(d.eligibility.reasons)
    r = jw.reason(d.eligibility.reasons, "phone-help-holiday-period")
    assert "zomerverlof" in r.message and "JUW-PHONE" in jw.ids(r.citations)
    remedies = [m.code for m in d.eligibility.remedies]
    assert remedies[0] == "call-after-holiday" and "take-agreement" in remedies
    assert d.price.status == "not_applicable"
    assert not d.price.lines


def test_the_holiday_periods_can_close_internet_help_too(jw):
    d = jw.decide(
        {**HOLIDAY, **WITH_PACK, "request.channel": "remote"},
        settings={"holiday_periods_close_internet_help": True},
    )
    assert d.eligibility.status == "not_entitled"
    assert jw.reason(d.eligibility.reasons, "internet-help-holiday-period")
    assert d.service.open_now is False


def test_internet_help_closed_by_the_setting_is_not_quoted_regie_without_the_agreement(jw):
    d = jw.decide(
        {**HOLIDAY, **WITH_PACK, "contracts": [], "request.channel": "remote"},
        settings={"holiday_periods_close_internet_help": True},
    )
    assert jw.codes(d.eligibility.reasons) == ["no-agreement", "internet-help-holiday-period"]
    assert d.price.status == "not_applicable"


@pytest.mark.clause("JUW-LINK")
def test_internet_help_needs_the_communication_pack(jw):
    d = jw.decide({"request.channel": "remote"})
    assert d.eligibility.status == "not_entitled"
    r = jw.reason(d.eligibility.reasons, "communication-pack-missing")
    assert "JUW-LINK" in jw.ids(r.citations)
    pack = d.eligibility.remedies[0]
    assert pack.code == "buy-communication-pack" and str(pack.price) == "300.00 EUR"
    assert d.eligibility.remedies[1].code == "use-phone-help"
    assert d.price.status == "not_applicable"


@pytest.mark.clause("JUW-LINK")
def test_remote_assistance_by_phone_also_needs_the_pack(jw):
    d = jw.decide({"request.category": "remote_assistance"})
    assert jw.reason(d.eligibility.reasons, "communication-pack-missing")


def test_the_communication_module_name_is_a_setting(jw):
    d = jw.decide(
        {"request.channel": "remote", "licences[0].modules": ["comm"]},
        settings={"communication_module": "comm"},
    )
    assert d.eligibility.status == "entitled"


def test_communication_pack_price_missing_is_named(jw):
    d = jw.decide({"request.channel": "remote"}, settings={"communication_pack_price": None})
    pack = d.eligibility.remedies[0]
    assert pack.price is None and [m.key for m in pack.missing] == ["communication_pack_price"]


@pytest.mark.clause("JUW-PHONE", "JUW-LINK")
@pytest.mark.parametrize("channel", ["email", "chat", "ticket", "web", "on_site", "fax"])
def test_a_channel_the_terms_do_not_offer_is_refused_with_reasons(jw, channel):
    d = jw.decide({"request.channel": channel})
    assert d.eligibility.status == "not_entitled"
    r = jw.reason(d.eligibility.reasons, "channel-not-offered")
    assert {"JUW-PHONE", "JUW-LINK"} <= jw.ids(r.citations)
    assert d.eligibility.remedies[0].code == "use-phone-help"
    assert d.price.status == "not_applicable"
    assert d.service.open_now is False


def test_closure_is_undetermined_because_the_terms_are_silent(jw):
    d = jw.decide()
    assert d.closure.status == "undetermined"
    assert d.closure.closed_at is None and d.closure.closes_at is None
    r = jw.reason(d.closure.reasons, "closure-not-in-terms")
    assert "JUW-FEE" in jw.ids(r.citations)
