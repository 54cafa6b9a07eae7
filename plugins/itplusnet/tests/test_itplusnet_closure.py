"""Closure: the only closing rule is the 90-minute limit; otherwise undetermined, with reasons."""

from __future__ import annotations

from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

import pytest

SANTIAGO = ZoneInfo("America/Santiago")


def _t(text: str) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=SANTIAGO)


@pytest.mark.clause("ITP-CAP-1")
def test_a_running_attention_closes_when_its_90_minutes_end(itp: Any) -> None:
    events = [itp.payment("2026-11-23T10:00"), itp.work("2026-11-23T10:25", 15)]
    c = itp.evaluate(at="2026-11-23T10:30", events=events).closure
    assert c.status == "open"
    assert c.closes_at == _t("2026-11-23T11:40")
    assert itp.codes(c.reasons) == ["attention-running"]
    assert itp.cited(c.reasons) == {"ITP-CAP-1"}


@pytest.mark.clause("ITP-CAP-1")
def test_the_attention_is_closed_once_its_90_minutes_have_run(itp: Any) -> None:
    events = [itp.payment("2026-11-23T10:00"), itp.work("2026-11-23T10:40", 30)]
    c = itp.evaluate(at="2026-11-23T12:00", events=events, lang="en").closure
    assert c.status == "closed"
    assert c.closed_at == _t("2026-11-23T11:40")
    assert itp.codes(c.reasons) == ["attention-limit-reached"]
    assert [a.party for a in c.actions] == ["customer"]
    assert "new attention" in c.actions[0].description


@pytest.mark.clause("ITP-CAP-1")
def test_a_ticket_recorded_closed_before_the_limit_is_closed_then(itp: Any) -> None:
    events = [
        itp.payment("2026-11-23T10:00"),
        itp.work("2026-11-23T10:40", 30),
        itp.event("2026-11-23T10:45", "closed"),
    ]
    c = itp.evaluate(at="2026-11-23T11:00", events=events).closure
    assert c.status == "closed"
    assert c.closed_at == _t("2026-11-23T10:45")
    assert itp.codes(c.reasons) == ["closed-on-ticket"]


@pytest.mark.clause("ITP-CAP-1")
def test_the_attention_is_closed_when_90_minutes_of_work_have_been_logged(itp: Any) -> None:
    events = [
        itp.payment("2026-11-23T10:00"),
        itp.work("2026-11-23T10:40", 40),
        itp.work("2026-11-23T11:00", 60),
    ]
    c = itp.evaluate(at="2026-11-23T11:05", events=events).closure
    assert c.status == "closed"
    assert c.closed_at == _t("2026-11-23T11:00")
    assert itp.codes(c.reasons) == ["attention-limit-reached"]


@pytest.mark.clause("ITP-PAY-1", "ITP-CAP-1")
def test_without_a_paid_attention_closure_is_undetermined(itp: Any) -> None:
    c = itp.evaluate().closure
    assert c.status == "undetermined"
    assert itp.codes(c.reasons) == ["no-attention"]
    assert [a.party for a in c.actions] == ["customer"]


@pytest.mark.clause("ITP-SEP-1")
def test_separately_bought_services_have_no_closing_rule(itp: Any) -> None:
    c = itp.evaluate({"request.category": "reinstallation"}).closure
    assert c.status == "undetermined"
    assert itp.codes(c.reasons) == ["no-closing-rule"]


@pytest.mark.clause("ITP-PAY-2")
def test_in_normal_hours_a_technician_phones_the_customer_after_payment(itp: Any) -> None:
    c = itp.evaluate(events=[itp.payment("2026-11-23T10:00")], lang="en").closure
    assert c.status == "open"
    assert c.closes_at is None
    call = c.actions[0]
    assert call.party == "vendor"
    assert "technician phones" in call.description
    assert itp.cited(call) == {"ITP-PAY-2"}


@pytest.mark.clause("ITP-HOURS-3")
def test_in_special_hours_the_customer_calls_the_mobile_numbers(itp: Any) -> None:
    c = itp.evaluate(
        at="2026-11-28T12:05",
        events=[itp.payment("2026-11-28T12:00", "35000")],
        settings={"special_hours_mobile_numbers": ["+56 9 1111 1111", "+56 9 2222 2222"]},
    ).closure
    call = c.actions[0]
    assert call.party == "customer"
    assert "+56 9 1111 1111" in call.description
    assert itp.cited(call) == {"ITP-HOURS-3"}


@pytest.mark.clause("ITP-RESP-1", "ITP-RESP-2")
def test_the_help_desk_owes_a_safe_solution_and_information_while_open(itp: Any) -> None:
    events = [itp.payment("2026-11-23T10:00"), itp.work("2026-11-23T10:25", 15)]
    c = itp.evaluate(at="2026-11-23T10:30", events=events, lang="en").closure
    owed = {next(iter(itp.cited(a))): a for a in c.actions}
    assert set(owed) == {"ITP-RESP-1", "ITP-RESP-2"}
    assert "without damaging" in owed["ITP-RESP-1"].description
    assert "secure connection" in owed["ITP-RESP-2"].description
    assert all(a.party == "vendor" and a.due == _t("2026-11-23T11:40") for a in c.actions)
