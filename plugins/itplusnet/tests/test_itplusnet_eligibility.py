"""Eligibility: a paid attention (no contract), offered channels, the 90-minute limit."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from typing import Any
from zoneinfo import ZoneInfo

import pytest

SANTIAGO = ZoneInfo("America/Santiago")


def _t(text: str) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=SANTIAGO)


# --------------------------------------------------------------------------- payment


@pytest.mark.clause("ITP-PAY-1", "ITP-SCOPE-1")
def test_without_a_paid_attention_the_customer_is_not_entitled_yet(itp: Any) -> None:
    d = itp.evaluate()
    assert d.eligibility.status == "not_entitled"
    assert itp.codes(d.eligibility.reasons) == ["no-paid-attention"]
    assert {"ITP-PAY-1", "ITP-SCOPE-1"} <= itp.cited(d.eligibility.reasons)


@pytest.mark.clause("ITP-PAY-1", "ITP-HOURS-1")
def test_the_remedy_is_to_pay_one_attention_at_the_normal_hours_price(itp: Any) -> None:
    d = itp.evaluate(lang="en")
    (remedy,) = d.eligibility.remedies
    assert remedy.code == "pay-attention"
    assert remedy.price.amount == Decimal("25000")
    assert remedy.price.currency == "CLP"
    assert remedy.price_note == "IVA 19 % included"
    assert {"ITP-PAY-1", "ITP-HOURS-1", "ITP-CAP-1"} <= itp.cited(remedy)


@pytest.mark.clause("ITP-PAY-1", "ITP-HOURS-2")
def test_in_special_hours_the_remedy_is_priced_at_the_special_price(itp: Any) -> None:
    d = itp.evaluate(at="2026-11-28T12:00")
    (remedy,) = d.eligibility.remedies
    assert remedy.price.amount == Decimal("35000")
    assert "ITP-HOURS-2" in itp.cited(remedy)


@pytest.mark.clause("ITP-PAY-1")
def test_a_missing_price_is_named_in_the_remedy_never_guessed(itp: Any) -> None:
    d = itp.evaluate(settings={}, replace=True)
    (remedy,) = d.eligibility.remedies
    assert remedy.price is None
    assert [m.key for m in remedy.missing] == ["price_normal_hours"]


@pytest.mark.clause("ITP-PAY-1", "ITP-SCOPE-1")
def test_a_paid_attention_entitles_without_any_contract(itp: Any) -> None:
    d = itp.evaluate(events=[itp.payment("2026-11-23T10:00")])
    assert d.eligibility.status == "entitled"
    assert itp.codes(d.eligibility.basis)[0] == "attention-paid"
    assert d.eligibility.basis[0].params["amount"] == {"amount": "25000", "currency": "CLP"}
    assert {"ITP-PAY-1", "ITP-SCOPE-1"} <= itp.cited(d.eligibility.basis)


@pytest.mark.clause("ITP-PAY-1")
def test_a_contract_is_neither_needed_nor_considered(itp: Any) -> None:
    contract = [{"id": "C-1", "start": "2026-01-01", "plan": "soporte"}]
    d = itp.evaluate({"contracts": contract})
    assert d.eligibility.status == "not_entitled"
    assert [p.field for p in d.problems] == ["contracts"]
    assert d.problems[0].severity == "warning"


@pytest.mark.clause("ITP-LIM-0", "ITP-LIM-VIRUS")
def test_an_excluded_problem_is_not_sold_an_attention(itp: Any) -> None:
    d = itp.evaluate({"request.category": "virus_malware"})
    assert d.eligibility.status == "not_entitled"
    assert itp.codes(d.eligibility.reasons) == ["no-paid-attention", "attention-not-sold"]
    assert {"ITP-LIM-0", "ITP-LIM-VIRUS"} <= itp.cited(d.eligibility.reasons[1])
    assert [r.code for r in d.eligibility.remedies] == ["buy-technical-service"]
    assert [a.description for a in d.closure.actions] == []


@pytest.mark.clause("ITP-LIM-INCOMPAT")
def test_an_incompatible_64_bit_system_is_not_sold_an_attention(itp: Any) -> None:
    d = itp.evaluate({"request.category": "os_compatibility", "request.environment.os_bits": 64})
    assert "attention-not-sold" in itp.codes(d.eligibility.reasons)
    assert [r.code for r in d.eligibility.remedies] == ["use-32-bit-os"]


@pytest.mark.clause("ITP-CAP-1", "ITP-LIM-HARDWARE")
def test_an_ended_attention_is_not_renewed_for_an_excluded_problem(itp: Any) -> None:
    events = [itp.payment("2026-11-23T10:00"), itp.work("2026-11-23T11:40", 90)]
    d = itp.evaluate({"request.category": "hardware"}, at="2026-11-23T12:00", events=events)
    assert itp.codes(d.eligibility.reasons) == ["attention-limit-reached", "attention-not-sold"]
    assert [r.code for r in d.eligibility.remedies] == ["buy-technical-service"]
    assert d.closure.status == "closed"
    assert d.closure.actions == ()


@pytest.mark.clause("ITP-SEP-1")
def test_a_payment_for_a_separate_service_does_not_buy_an_attention(itp: Any) -> None:
    d = itp.evaluate(events=[itp.payment("2026-11-23T10:00", ref="reinstallation")])
    assert d.eligibility.status == "not_entitled"
    assert itp.codes(d.eligibility.reasons) == ["no-paid-attention"]


# --------------------------------------------------------------------------- channels


@pytest.mark.clause("ITP-PAY-2", "ITP-RESP-2")
@pytest.mark.parametrize("channel", ["phone", "remote"])
def test_phone_and_remote_are_the_channels_the_document_names(itp: Any, channel: str) -> None:
    d = itp.evaluate({"request.channel": channel}, events=[itp.payment("2026-11-23T10:00")])
    assert d.eligibility.status == "entitled"


@pytest.mark.clause("ITP-PAY-2")
def test_a_channel_the_terms_do_not_name_gets_the_services_reasoned_refusal(itp: Any) -> None:
    d = itp.evaluate({"request.channel": "email"}, events=[itp.payment("2026-11-23T10:00")])
    assert (d.service.open_now, d.service.next_opening) == (False, None)
    assert itp.codes(d.service.reasons) == ["channel-not-offered"]
    assert "ITP-PAY-2" in itp.cited(d.service.reasons)
    assert d.service.reasons[0].params["offered"] == ["phone", "remote"]


@pytest.mark.clause("ITP-PAY-2", "ITP-PAY-1")
def test_a_customer_who_paid_is_not_asked_to_pay_again_because_of_the_channel(itp: Any) -> None:
    events = [itp.payment("2026-11-23T10:00")]
    d = itp.evaluate({"request.channel": "email"}, events=events, lang="en")
    assert d.eligibility.status == "entitled"
    assert itp.codes(d.eligibility.basis)[0] == "attention-paid"
    assert d.eligibility.remedies == ()
    assert d.price.lines[0].description.startswith("Online attention")
    assert "attention-paid" in itp.codes(d.price.reasons)


@pytest.mark.clause("ITP-PAY-2")
def test_channels_listed_on_the_payment_page_are_accepted(itp: Any) -> None:
    d = itp.evaluate(
        {"request.channel": "email"},
        events=[itp.payment("2026-11-23T10:00")],
        settings={"contact_channels": ["email", "chat"]},
    )
    assert d.eligibility.status == "entitled"


# --------------------------------------------------------------------------- 90 minutes


@pytest.mark.clause("ITP-CAP-1")
def test_the_attention_runs_90_minutes_from_the_start_of_the_first_work_session(
    itp: Any,
) -> None:
    # a work session is stamped when it is logged, at its end: this one ran 10:10-10:30
    events = [itp.payment("2026-11-23T10:00"), itp.work("2026-11-23T10:30", 20)]
    d = itp.evaluate(at="2026-11-23T11:39", events=events, lang="en")
    assert d.eligibility.status == "entitled"
    assert d.eligibility.remaining_minutes == 1
    running = next(r for r in d.eligibility.basis if r.code == "attention-running")
    assert "started on Monday, 23 November 2026, 10:10" in running.message
    assert "ends on Monday, 23 November 2026, 11:40" in running.message
    assert itp.cited(running) == {"ITP-CAP-1"}


@pytest.mark.clause("ITP-CAP-1")
def test_an_attention_does_not_start_before_its_payment(itp: Any) -> None:
    # 45 minutes logged at 10:20 would have begun at 09:35, before the payment at 10:00
    events = [itp.payment("2026-11-23T10:00"), itp.work("2026-11-23T10:20", 45)]
    d = itp.evaluate(at="2026-11-23T10:30", events=events, lang="en")
    running = next(r for r in d.eligibility.basis if r.code == "attention-running")
    assert "started on Monday, 23 November 2026, 10:00" in running.message


@pytest.mark.clause("ITP-CAP-1")
def test_120_minutes_of_work_logged_exceed_the_90_minutes_whatever_the_time_stamp(
    itp: Any,
) -> None:
    events = [itp.payment("2026-11-23T10:00"), itp.work("2026-11-23T10:05", 120)]
    d = itp.evaluate(at="2026-11-23T10:10", events=events, lang="en")
    assert d.eligibility.status == "not_entitled"
    assert itp.codes(d.eligibility.reasons) == ["attention-limit-reached"]
    assert "when the work logged on it reached 90 minutes (2 hours logged)" in (
        d.eligibility.reasons[0].message
    )
    assert d.eligibility.remedies[0].code == "pay-new-attention"


@pytest.mark.clause("ITP-CAP-1")
def test_work_logged_counts_toward_the_remaining_minutes(itp: Any) -> None:
    events = [
        itp.payment("2026-11-23T10:00"),
        itp.work("2026-11-23T10:30", 30),
        itp.work("2026-11-23T10:50", 50),
    ]
    d = itp.evaluate(at="2026-11-23T10:55", events=events)
    assert d.eligibility.status == "entitled"
    assert d.eligibility.remaining_minutes == 10  # 80 of the 90 minutes of work are logged


@pytest.mark.clause("ITP-CAP-1")
def test_after_90_minutes_a_new_attention_must_be_paid(itp: Any) -> None:
    events = [itp.payment("2026-11-23T10:00"), itp.work("2026-11-23T10:40", 30)]
    d = itp.evaluate(at="2026-11-23T11:40", events=events)
    assert d.eligibility.status == "not_entitled"
    assert itp.codes(d.eligibility.reasons) == ["attention-limit-reached"]
    assert itp.cited(d.eligibility.reasons) == {"ITP-CAP-1"}
    (remedy,) = d.eligibility.remedies
    assert remedy.code == "pay-new-attention"
    assert remedy.price.amount == Decimal("25000")


@pytest.mark.clause("ITP-CAP-1")
def test_a_second_payment_starts_a_new_attention(itp: Any) -> None:
    events = [
        itp.payment("2026-11-23T10:00"),
        itp.work("2026-11-23T11:40", 90),
        itp.payment("2026-11-23T11:45"),
        itp.work("2026-11-23T12:00", 10),
    ]
    d = itp.evaluate(at="2026-11-23T12:00", events=events)
    assert d.eligibility.status == "entitled"
    assert d.eligibility.remaining_minutes == 80


@pytest.mark.clause("ITP-CAP-1", "ITP-PAY-1")
def test_waiting_for_the_technician_does_not_use_the_90_minutes(itp: Any) -> None:
    d = itp.evaluate(at="2026-11-23T12:00", events=[itp.payment("2026-11-23T10:00")])
    assert d.eligibility.status == "entitled"
    assert d.eligibility.remaining_minutes == 90
    assert "attention-not-started" in itp.codes(d.eligibility.basis)


@pytest.mark.clause("ITP-CAP-1", "ITP-PAY-1")
def test_with_the_payment_reading_the_90_minutes_run_from_the_payment(itp: Any) -> None:
    d = itp.evaluate(
        at="2026-11-23T11:30",
        events=[itp.payment("2026-11-23T10:00")],
        settings={"attention_starts_at": "payment"},
    )
    assert d.eligibility.status == "not_entitled"
    assert itp.codes(d.eligibility.reasons) == ["attention-limit-reached"]


@pytest.mark.clause("ITP-CAP-1", "ITP-HOURS-4")
def test_with_the_payment_reading_a_night_payment_starts_at_the_next_opening(itp: Any) -> None:
    d = itp.evaluate(
        at="2026-11-24T09:30",
        events=[itp.payment("2026-11-23T23:00")],
        settings={"attention_starts_at": "payment"},
    )
    assert d.eligibility.status == "entitled"
    assert d.eligibility.remaining_minutes == 60
