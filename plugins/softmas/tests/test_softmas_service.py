"""Office hours (Monday–Friday 09:00–14:00, 15:00–18:00 Mexico City) and the immediate answer
to e-mails and tickets received in office hours."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

MX = "[America/Mexico_City]"
TZ = ZoneInfo("America/Mexico_City")


def at(text: str) -> dict[str, str]:
    """Ask and evaluate at the same local instant."""
    return {"request.received_at": f"{text}{MX}", "at": f"{text}{MX}"}


@pytest.mark.clause("SM-HOURS-1")
@pytest.mark.parametrize(
    ("when", "open_now"),
    [
        ("2026-03-10T09:00:00", True),  # Tuesday, opening
        ("2026-03-10T13:59:00", True),
        ("2026-03-10T14:00:00", False),  # lunch break
        ("2026-03-10T14:30:00", False),
        ("2026-03-10T15:00:00", True),
        ("2026-03-10T18:00:00", False),  # closing
        ("2026-03-10T08:59:00", False),
        ("2026-03-14T11:00:00", False),  # Saturday
    ],
)
def test_office_hours_monday_to_friday_with_a_lunch_break(evaluate, cited, when, open_now):
    d = evaluate(at(when))
    assert d.service.open_now is open_now
    assert "SM-HOURS-1" in cited(d.service)


@pytest.mark.clause("SM-HOURS-1")
def test_next_opening_after_the_lunch_break_and_over_the_weekend(evaluate):
    lunch = evaluate(at("2026-03-10T14:30:00"))
    assert lunch.service.next_opening == datetime(2026, 3, 10, 15, 0, tzinfo=TZ)
    weekend = evaluate(at("2026-03-13T18:30:00"))  # Friday evening
    assert weekend.service.next_opening == datetime(2026, 3, 17, 9, 0, tzinfo=TZ)  # 16th: holiday


@pytest.mark.clause("SM-HOURS-1")
def test_no_next_opening_while_the_office_is_open(evaluate):
    d = evaluate(at("2026-03-10T11:00:00"))  # Tuesday morning
    assert d.service.open_now is True
    assert d.service.next_opening is None


@pytest.mark.clause("SM-HOURS-1")
def test_mexican_public_holidays_close_the_office_unless_configured_otherwise(evaluate):
    holiday = evaluate(at("2026-03-16T10:00:00"))  # natalicio de Benito Juárez (3rd Monday)
    assert holiday.service.open_now is False
    assert "public holiday" in holiday.service.reasons[0].message
    literal = evaluate(at("2026-03-16T10:00:00"), settings={"observe_public_holidays": False})
    assert literal.service.open_now is True


@pytest.mark.clause("SM-HOURS-1")
def test_integrator_closures_close_the_office(evaluate):
    closures = [{"start": "2026-03-10", "end": "2026-03-11", "label": "inventario"}]
    d = evaluate(at("2026-03-10T10:00:00"), settings={"closures": closures})
    assert d.service.open_now is False
    assert d.service.next_opening == datetime(2026, 3, 12, 9, 0, tzinfo=TZ)


@pytest.mark.clause("SM-HOURS-1")
def test_times_are_given_in_mexico_city_time(evaluate):
    d = evaluate(
        {"request.received_at": "2026-03-10T17:30:00+00:00", "at": "2026-03-10T17:30:00+00:00"}
    )
    assert d.service.open_now is True  # 11:30 in Mexico City
    evening = evaluate(
        {"request.received_at": "2026-03-11T01:30:00+00:00", "at": "2026-03-11T01:30:00+00:00"}
    )
    assert evening.service.open_now is False  # 19:30 on Tuesday in Mexico City
    assert evening.service.next_opening == datetime(2026, 3, 11, 9, 0, tzinfo=TZ)
    assert evening.service.next_opening.tzinfo.key == "America/Mexico_City"


@pytest.mark.clause("SM-HOURS-2")
@pytest.mark.parametrize("channel", ["email", "ticket"])
def test_email_or_ticket_received_in_office_hours_is_answered_immediately(
    evaluate, cited, code_list, channel
):
    d = evaluate({"request.channel": channel, **at("2026-03-10T11:00:00")})
    assert d.service.response_due == datetime(2026, 3, 10, 11, 0, tzinfo=TZ)
    assert "response-due" in code_list(d.service.reasons)
    assert "SM-HOURS-2" in cited(d.service)
    answer = next(a for a in d.closure.actions if "answer" in a.description)
    assert answer.party == "vendor" and answer.due == d.service.response_due
    assert "SM-HOURS-2" in cited(answer)


@pytest.mark.clause("SM-HOURS-2")
def test_email_received_outside_office_hours_is_due_at_the_next_opening(evaluate, code_list):
    d = evaluate(
        {
            "request.channel": "email",
            "request.received_at": f"2026-03-10T19:30:00{MX}",
            "at": f"2026-03-10T20:00:00{MX}",
        }
    )
    assert d.service.response_due == datetime(2026, 3, 11, 9, 0, tzinfo=TZ)
    assert "response-due" in code_list(d.service.reasons)
    assert "closed-now" in code_list(d.service.reasons)


@pytest.mark.clause("SM-HOURS-2")
def test_a_reply_discharges_the_answer_and_phone_has_no_response_due(evaluate):
    replied = evaluate(
        {
            "request.channel": "email",
            "ticket.events": [
                {"at": f"2026-03-10T11:05:00{MX}", "kind": "vendor_reply", "by": "vendor"}
            ],
        }
    )
    assert not [a for a in replied.closure.actions if "answer" in a.description]
    assert evaluate({"request.channel": "phone"}).service.response_due is None
