"""informapuntcom: every example case runs with the example settings and decides what it shows."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
import supportcore_informapuntcom

from supportcore import Decision, Engine, Money, load_case_file, load_settings

EXAMPLES = Path(__file__).parents[3] / "examples" / "informapuntcom"
pytestmark = pytest.mark.skipif(not EXAMPLES.exists(), reason="examples are not available")

EUR = "EUR"


@pytest.fixture(scope="module")
def engine() -> Engine:
    return Engine(
        load_settings(EXAMPLES / "settings.toml"),
        entry_points=False,
        extra=[("informapuntcom", supportcore_informapuntcom)],
        strict=True,
    )


def run(engine: Engine, name: str) -> Decision:
    d = engine.evaluate(load_case_file(EXAMPLES / f"{name}.toml"), lang="en")
    assert d.failures == () and d.problems == ()
    return d


def codes(reasons: tuple) -> set[str]:  # type: ignore[type-arg]
    return {r.code for r in reasons}


def test_settings_file_is_labelled_as_an_example():
    first = (EXAMPLES / "settings.toml").read_text(encoding="utf-8").splitlines()[0]
    assert first.startswith("# EXAMPLE settings — illustrative values, NOT informapuntcom")


def test_there_are_at_least_six_commented_examples():
    cases = sorted(EXAMPLES.glob("[0-9]*.toml"))
    assert len(cases) >= 6
    for path in cases:
        assert path.read_text(encoding="utf-8").startswith("# "), path.name


def test_01_email_question_within_plan_is_free(engine):
    d = run(engine, "01-email-question-within-plan")
    assert d.eligibility.status == "entitled" and d.eligibility.remaining_minutes == 400
    assert d.coverage.status == "covered" and d.price.status == "free"
    assert d.closure.status == "open"
    assert d.service.response_due is not None
    assert d.service.response_due.isoformat() == "2026-03-13T10:00:00+01:00"


def test_02_hours_used_up_offers_renewal_at_todays_price(engine):
    d = run(engine, "02-hours-used-up-renew")
    assert d.eligibility.status == "not_entitled"
    assert codes(d.eligibility.reasons) == {"plan-hours-exhausted"}
    renew = next(r for r in d.eligibility.remedies if r.code == "renew-plan")
    assert renew.price == Money("290.00", EUR)
    assert d.price.status == "not_applicable"


def test_03_hours_running_out_during_the_case_are_charged(engine):
    d = run(engine, "03-hours-run-out-during-case")
    assert d.eligibility.status == "entitled"
    (line,) = d.price.lines
    assert line.quantity == Decimal("0.75")  # 45 min of work: the urgent 30 used the 20 left
    assert d.price.total == Money("40.84", EUR)  # 33.75 + 21 % IVA
    assert d.service.response_due is not None
    assert d.service.response_due.isoformat() == "2026-05-12T13:30:00+02:00"


def test_04_phone_request_is_entitled_and_answered_by_email_first(engine):
    d = run(engine, "04-phone-request-answered-by-email")
    assert d.eligibility.status == "entitled"
    assert "channel-in-plan" in codes(d.eligibility.basis)
    assert d.closure.actions[0].description.startswith("answer the request, by e-mail first")
    assert d.service.response_due is not None
    assert d.service.response_due.isoformat() == "2026-06-03T10:00:00+02:00"


def test_05_no_show_closes_the_ticket_and_costs_30_minutes(engine):
    d = run(engine, "05-remote-session-no-show")
    assert d.closure.status == "closed"
    assert d.closure.closed_at is not None
    assert d.closure.closed_at.isoformat() == "2026-10-22T10:15:00+02:00"
    assert d.eligibility.remaining_minutes == 1170


def test_06_late_cancellation_closes_the_ticket_and_costs_30_minutes(engine):
    d = run(engine, "06-late-cancellation")
    assert d.closure.status == "closed"
    assert "appointment-cancelled-late" in codes(d.closure.reasons)
    assert d.eligibility.remaining_minutes == 570


def test_07_failed_connection_cancels_the_service_without_refund(engine):
    d = run(engine, "07-connection-failed")
    assert d.closure.status == "closed"
    assert "connection-failed-service-cancelled" in codes(d.closure.reasons)
    assert "no-refund" in codes(d.price.reasons)
    assert d.eligibility.remaining_minutes == 1200 - 6 - 30


def test_08_ticket_closes_48_hours_after_the_unanswered_reply(engine):
    d = run(engine, "08-no-answer-48-hours")
    assert d.closure.status == "closed"
    assert d.closure.closed_at is not None
    assert d.closure.closed_at.isoformat() == "2026-11-22T13:00:00+01:00"


def test_09_network_setup_is_excluded_with_paid_remote_alternative(engine):
    d = run(engine, "09-network-setup-excluded")
    assert d.coverage.status == "excluded"
    assert d.coverage.remedies[0].price == Money("60.00", EUR)
    assert d.price.status == "not_applicable"


def test_10_urgent_remote_without_remote_plan_is_billed_at_remote_tariff(engine):
    d = run(engine, "10-urgent-remote-without-remote-plan")
    assert d.eligibility.status == "not_entitled"
    assert d.coverage.status == "billable"
    assert d.price.total == Money("60.50", EUR)  # 50 min at 60 EUR/h + 21 % IVA
    assert d.closure.status == "closed"


def test_11_request_without_holder_data_cannot_be_processed(engine):
    d = run(engine, "11-request-without-holder-data")
    assert d.eligibility.status == "not_entitled"
    assert codes(d.eligibility.reasons) == {"request-not-processable"}
    assert d.service.response_due is None


def test_12_special_contract_is_undetermined(engine):
    d = run(engine, "12-special-contract")
    assert (d.eligibility.status, d.coverage.status, d.price.status, d.closure.status) == (
        "undetermined",
        "undetermined",
        "undetermined",
        "undetermined",
    )


def test_13_missed_phone_appointment_costs_nothing_and_keeps_the_ticket_open(engine):
    d = run(engine, "13-phone-appointment-missed")
    assert d.eligibility.remaining_minutes == 1200
    assert d.closure.status == "open"
    assert "phone-appointment-missed" in codes(d.closure.reasons)
    assert d.closure.closes_at is not None
    assert d.closure.closes_at.isoformat() == "2026-10-24T16:00:00+02:00"
