"""Technical assistance hours, channels and what an e-mail must contain."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

MADRID = ZoneInfo("Europe/Madrid")


def local(text: str) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=MADRID)


@pytest.mark.clause("BIN-HOURS-1")
@pytest.mark.parametrize(
    ("at", "open_now", "next_opening"),
    [
        ("2026-03-10T09:00", True, None),  # Tuesday, morning window opens
        ("2026-03-10T13:59", True, None),
        ("2026-03-10T14:00", False, "2026-03-10T16:30"),  # lunch break
        ("2026-03-10T16:30", True, None),
        ("2026-03-10T19:30", False, "2026-03-11T09:00"),
        ("2026-03-10T08:59", False, "2026-03-10T09:00"),
        ("2026-03-14T11:00", False, "2026-03-16T09:00"),  # Saturday → Monday
    ],
)
def test_hours_are_9_to_14_and_16_30_to_19_30_monday_to_friday(bina, at, open_now, next_opening):
    s = bina.decide(at=f"{at}:00[Europe/Madrid]").service
    assert s.open_now is open_now
    assert s.next_opening == (local(next_opening) if next_opening else None)
    assert "BIN-HOURS-1" in bina.cites(s.reasons)
    if open_now:
        assert s.schedule == "normal"


@pytest.mark.clause("BIN-HOURS-2")
@pytest.mark.parametrize(
    ("at", "open_now", "next_opening"),
    [
        ("2026-07-15T08:00", True, None),
        ("2026-07-15T14:59", True, None),
        ("2026-07-15T15:00", False, "2026-07-16T08:00"),
        ("2026-07-15T17:00", False, "2026-07-16T08:00"),  # open in the normal hours
        ("2026-08-31T16:30", False, "2026-09-01T09:00"),  # September: normal hours again
    ],
)
def test_july_and_august_hours_are_8_to_15(bina, at, open_now, next_opening):
    changes = {"licences[0].acquired_on": "2026-06-01"}
    s = bina.decide(changes, at=f"{at}:00[Europe/Madrid]").service
    assert s.open_now is open_now
    assert s.next_opening == (local(next_opening) if next_opening else None)
    if at.startswith("2026-07"):
        assert "BIN-HOURS-2" in bina.cites(s.reasons)
    if open_now:
        assert s.schedule == "july-august"


@pytest.mark.clause("BIN-HOURS-1")
def test_public_holidays_close_the_desk_by_default_national_and_andalusian(bina):
    at = "2026-12-07T10:00:00[Europe/Madrid]"  # Monday: Andalusian holiday (Constitution Day)
    default = bina.decide(at=at).service
    assert default.open_now is False
    assert "public holiday" in default.reasons[0].message
    assert default.next_opening == local("2026-12-09T09:00")  # 12-08 is a national holiday
    national = bina.decide(at=at, engine=bina.engine_with(public_holidays="national")).service
    assert national.open_now is True
    literal = bina.decide(
        at="2026-12-08T10:00:00[Europe/Madrid]", engine=bina.engine_with(public_holidays="none")
    ).service
    assert literal.open_now is True


def test_local_closures_come_from_the_settings(bina):
    engine = bina.engine_with(
        closures=[{"start": "2026-06-04", "end": "2026-06-04", "label": "Corpus Christi (Granada)"}]
    )
    s = bina.decide(at="2026-06-04T10:00:00[Europe/Madrid]", engine=engine).service
    assert s.open_now is False
    assert "Corpus Christi" in s.reasons[0].message


@pytest.mark.clause("BIN-HOWTO-PHONE")
def test_phone_requests_get_the_number_and_the_advice(bina):
    s = bina.decide().service
    phone = bina.reason(s.reasons, "phone")
    assert "958 13 50 63" in phone.message
    assert "BIN-HOWTO-PHONE" in bina.cites(phone)
    advice = bina.reason(s.reasons, "advice")
    assert {"BIN-ADVICE-1", "BIN-ADVICE-2"} <= bina.cites(advice)


@pytest.mark.clause("BIN-HOWTO-PHONE", "BIN-HOWTO-EMAIL")
@pytest.mark.parametrize("channel", ["chat", "ticket", "fax", "on_site"])
def test_a_channel_binarema_does_not_offer_is_refused_by_the_service_with_a_pointer(bina, channel):
    s = bina.decide({"request.channel": channel}).service
    assert s.open_now is False
    assert s.next_opening is None
    r = bina.reason(s.reasons, "channel-not-offered")
    assert "958 13 50 63" in r.message and "binarema@binarema.es" in r.message
    assert {"BIN-HOWTO-PHONE", "BIN-HOWTO-EMAIL"} <= bina.cites(r)


@pytest.mark.clause("BIN-HOWTO-PHONE", "BIN-HOWTO-EMAIL")
def test_a_chat_request_does_not_make_an_entitled_customer_not_entitled(bina):
    d = bina.decide({"request.channel": "chat"})
    assert d.eligibility.status == "entitled"
    assert "free-period" in bina.codes(d.eligibility.basis)
    assert d.coverage.status == "covered"
    assert d.price.status == "free"
    assert "channel-not-offered" in bina.codes(d.service.reasons)


@pytest.mark.clause("BIN-HOWTO-EMAIL")
def test_email_without_registration_number_owes_it(bina):
    changes = {
        "request.channel": "email",
        "request.contact": {"contact_person": "Ana López", "description": "Error 17 al imprimir"},
    }
    d = bina.decide(changes)
    missing = bina.reason(d.service.reasons, "email-data-missing")
    assert "registration number" in missing.message
    assert "user's details" not in missing.message
    assert "BIN-HOWTO-EMAIL" in bina.cites(missing)
    [action] = d.closure.actions
    assert action.party == "customer"
    assert "registration number" in action.description
    assert "BIN-HOWTO-EMAIL" in bina.cites(action)
    assert d.eligibility.status == "entitled"  # owed data, not a refusal


@pytest.mark.clause("BIN-HOWTO-EMAIL")
def test_complete_email_owes_nothing(bina):
    changes = {
        "request.channel": "email",
        "request.contact": {
            "user_data": "Ferretería López, NIF B18000000",
            "registration_number": "FC-123456",
            "description": "Error 17 al imprimir facturas",
        },
    }
    d = bina.decide(changes)
    assert "email-data-missing" not in bina.codes(d.service.reasons)
    assert d.closure.actions == ()
    assert "BIN-PREFER-1" in bina.cites(bina.reason(d.service.reasons, "email"))


@pytest.mark.clause("BIN-HOWTO-EMAIL")
def test_email_data_is_required_even_after_a_phone_call(bina):
    changes = {
        "request.channel": "email",
        "request.contact": {"user_data": "Ferretería López", "description": "Sigue el error 17"},
        "customer.registration_number": "FC-123456",  # on record, but not in the e-mail
        "ticket": {
            "id": "T-1",
            "events": [
                {"at": "2026-03-09T10:00:00[Europe/Madrid]", "kind": "opened"},
                {
                    "at": "2026-03-09T10:05:00[Europe/Madrid]",
                    "kind": "vendor_reply",
                    "note": "phone call",
                },
            ],
        },
    }
    d = bina.decide(changes)
    assert [a.party for a in d.closure.actions] == ["customer"]


def test_remote_sessions_follow_the_assistance_hours(bina):
    d = bina.decide(
        {"request.channel": "remote", "request.category": "remote_assistance"},
        at="2026-03-10T15:00:00[Europe/Madrid]",
    )
    assert d.service.open_now is False
    assert d.service.next_opening == local("2026-03-10T16:30")
    assert d.eligibility.status == "entitled"


def test_service_times_are_in_madrid(bina):
    s = bina.decide(at="2026-03-14T11:00:00+00:00").service
    assert s.next_opening is not None
    assert s.next_opening.tzinfo is not None
    assert s.next_opening.utcoffset() == local("2026-03-16T09:00").utcoffset()
    assert str(s.next_opening.tzinfo) == "Europe/Madrid"
