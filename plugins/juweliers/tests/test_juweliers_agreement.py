"""Eligibility: the agreement in force, its quarters, cancellation, no agreement."""

from __future__ import annotations

import pytest


@pytest.mark.clause("JUW-FEE")
def test_agreement_in_force_entitles_to_its_services(jw):
    d = jw.decide()
    assert d.eligibility.status == "entitled"
    basis = jw.reason(d.eligibility.basis, "agreement-in-force")
    assert "BO-1" in basis.message
    assert "JUW-FEE" in jw.ids(basis.citations)


@pytest.mark.clause("JUW-FEE", "JUW-BILLED-FROM-PURCHASE")
def test_agreement_is_invoiced_per_quarter_from_the_purchase(jw):
    d = jw.decide()
    basis = jw.reason(d.eligibility.basis, "agreement-in-force")
    assert basis.params["charged"] == "the purchase of the package on 2023-03-15"
    assert basis.params["quarter"] == {"start": "2026-09-15", "end": "2026-12-15"}  # to 12-14
    assert {"JUW-FEE", "JUW-BILLED-FROM-PURCHASE"} <= jw.ids(basis.citations)


@pytest.mark.clause("JUW-BILLED-FROM-PURCHASE")
def test_later_contract_start_is_still_charged_from_the_purchase(jw):
    d = jw.decide({"licences[0].acquired_on": "2024-01-20", "contracts[0].start": "2024-06-01"})
    basis = jw.reason(d.eligibility.basis, "agreement-in-force")
    assert (basis.params["since"], basis.params["start"]) == ("2024-01-20", "2024-06-01")
    assert basis.params["charged"] == "the purchase of the package on 2024-01-20"
    assert basis.params["quarter"] == {"start": "2026-10-20", "end": "2027-01-20"}  # to 01-19
    assert "JUW-BILLED-FROM-PURCHASE" in jw.ids(basis.citations)


@pytest.mark.clause("JUW-BILLED-FROM-PURCHASE")
def test_a_billing_start_agreed_otherwise_moves_the_quarters(jw):
    d = jw.decide(
        {
            "contracts[0].start": "2024-06-01",
            "request.facts": {"agreed_billing_start": "2024-06-01"},
        }
    )
    basis = jw.reason(d.eligibility.basis, "agreement-in-force")
    assert basis.params["charged"] == "2024-06-01, as agreed otherwise"
    assert basis.params["quarter"] == {"start": "2026-09-01", "end": "2026-12-01"}  # to 11-30


@pytest.mark.clause("JUW-CANCEL", "JUW-AFTER-CANCEL")
@pytest.mark.parametrize("channel", ["letter", "email", "fax"])
def test_written_notice_cancels_the_agreement_from_the_notice_day(jw, channel):
    d = jw.decide(
        {
            "contracts[0].cancellation_notice_on": "2026-10-01",
            "contracts[0].cancellation_channel": channel,
        }
    )
    assert d.eligibility.status == "not_entitled"
    r = jw.reason(d.eligibility.reasons, "agreement-cancelled")
    assert r.params.items() >= {"contract": "BO-1", "channel": channel, "day": "2026-10-01"}.items()
    assert {"JUW-CANCEL", "JUW-AFTER-CANCEL"} <= jw.ids(r.citations)


@pytest.mark.clause("JUW-CANCEL")
@pytest.mark.parametrize("channel", ["phone", "chat", "ticket", "on_site"])
def test_notice_by_another_channel_is_not_valid_and_the_agreement_continues(jw, channel):
    d = jw.decide(
        {
            "contracts[0].cancellation_notice_on": "2026-10-01",
            "contracts[0].cancellation_channel": channel,
        }
    )
    assert d.eligibility.status == "entitled"
    r = jw.reason(d.eligibility.basis, "cancellation-not-valid")
    assert "JUW-CANCEL" in jw.ids(r.citations)
    assert d.price.status == "free"


@pytest.mark.clause("JUW-CANCEL", "JUW-AFTER-CANCEL")
def test_a_written_notice_after_an_invalid_phone_notice_cancels_the_agreement(jw):
    d = jw.decide(
        {
            "contracts[0].cancellation_notice_on": "2026-10-01",
            "contracts[0].cancellation_channel": "phone",
            "contracts[0].payment": "pending",
            "request.category": "agreement_cancellation",
            "request.channel": "letter",
        }
    )
    assert d.coverage.status == "billable"
    cancelled = jw.reason(d.coverage.reasons, "cancelled")
    assert cancelled.params == {"channel": "letter", "day": "2026-11-17"}
    assert d.eligibility.status == "not_entitled"
    r = jw.reason(d.eligibility.reasons, "agreement-cancelled")
    assert (
        r.params.items() >= {"contract": "BO-1", "channel": "letter", "day": "2026-11-17"}.items()
    )
    assert {"JUW-CANCEL", "JUW-AFTER-CANCEL"} <= jw.ids(r.citations)


@pytest.mark.clause("JUW-CANCEL")
def test_a_notice_received_later_than_the_evaluation_has_not_taken_effect(jw):
    d = jw.decide(
        {
            "contracts[0].cancellation_notice_on": "2026-12-01",
            "contracts[0].cancellation_channel": "email",
        }
    )
    assert d.eligibility.status == "entitled"


@pytest.mark.clause("JUW-AFTER-CANCEL")
def test_customer_without_any_agreement_gets_regie_help(jw):
    d = jw.decide({"contracts": []})
    assert d.eligibility.status == "not_entitled"
    r = jw.reason(d.eligibility.reasons, "no-agreement")
    assert "JUW-AFTER-CANCEL" in jw.ids(r.citations)
    remedy = next(m for m in d.eligibility.remedies if m.code == "regie-help")
    assert str(remedy.price) == "60.00 EUR"
    assert "minimum 1 hour per intervention" in remedy.price_note


@pytest.mark.clause("JUW-AFTER-CANCEL")
def test_agreement_that_ended_gives_regie_help(jw):
    d = jw.decide({"contracts[0].end": "2026-01-01"})
    r = jw.reason(d.eligibility.reasons, "agreement-ended")
    assert r.params.items() >= {"contract": "BO-1", "day": "2026-01-01"}.items()
    assert "JUW-AFTER-CANCEL" in jw.ids(r.citations)


@pytest.mark.clause("JUW-BILLED-FROM-PURCHASE", "JUW-FEE")
def test_an_agreement_charged_from_the_purchase_covers_from_the_purchase(jw):
    d = jw.decide(
        {
            "licences[0].acquired_on": "2026-10-01",
            "contracts[0].start": "2026-12-01",
            "request.category": "training",
        }
    )
    assert d.eligibility.status == "entitled"
    basis = jw.reason(d.eligibility.basis, "agreement-in-force")
    assert basis.params["since"] == "2026-10-01"
    assert basis.params["charged"] == "the purchase of the package on 2026-10-01"
    assert {"JUW-FEE", "JUW-BILLED-FROM-PURCHASE"} <= jw.ids(basis.citations)
    assert d.coverage.status == "covered"
    assert d.price.status == "free"


@pytest.mark.clause("JUW-BILLED-FROM-PURCHASE")
def test_an_agreement_taken_out_again_covers_from_its_own_start(jw):
    first = {"id": "BO-1", "start": "2023-03-15", "end": "2024-01-01"}
    again = {"id": "BO-2", "start": "2026-12-01"}
    d = jw.decide({"contracts": [first, again]})
    assert d.eligibility.status == "not_entitled"
    r = jw.reason(d.eligibility.reasons, "agreement-ended")
    assert r.params.items() >= {"contract": "BO-1", "day": "2024-01-01"}.items()


@pytest.mark.clause("JUW-FEE", "JUW-BILLED-FROM-PURCHASE")
def test_agreement_charged_from_a_later_agreed_day_has_not_started_yet(jw):
    d = jw.decide(
        {
            "contracts[0].start": "2027-01-01",
            "request.facts": {"agreed_billing_start": "2027-01-01"},
        }
    )
    assert d.eligibility.status == "not_entitled"
    r = jw.reason(d.eligibility.reasons, "agreement-not-started")
    assert r.params.items() >= {"contract": "BO-1", "day": "2027-01-01"}.items()
    assert "JUW-FEE" in jw.ids(r.citations)


@pytest.mark.clause("JUW-FEE", "JUW-FEE-SOFTWARE", "JUW-BILLED-FROM-PURCHASE")
def test_taking_out_the_agreement_costs_a_quarter_of_the_installed_modules(jw):
    d = jw.decide({"contracts": [], "licences[0].modules": ["herstellingen", "communicatiepakket"]})
    remedy = next(m for m in d.eligibility.remedies if m.code == "take-agreement")
    assert str(remedy.price) == "165.00 EUR"  # 3 × (40 + 10 + 5)
    assert "purchase of the package on 15 March 2023" in remedy.price_note
    assert {"JUW-FEE", "JUW-FEE-SOFTWARE", "JUW-BILLED-FROM-PURCHASE"} <= jw.ids(remedy.citations)


@pytest.mark.clause("JUW-FEE-SOFTWARE")
def test_the_amount_depends_on_the_installed_software(jw):
    fewer = jw.decide({"contracts": [], "licences[0].modules": []})
    remedy = next(m for m in fewer.eligibility.remedies if m.code == "take-agreement")
    assert str(remedy.price) == "120.00 EUR"  # 3 × 40 for the base package alone
    assert "JUW-FEE-SOFTWARE" in jw.ids(remedy.citations)


@pytest.mark.clause("JUW-FEE-SOFTWARE")
def test_a_module_without_a_monthly_amount_names_the_missing_setting(jw):
    d = jw.decide({"contracts": [], "licences[0].modules": ["webshop"]})
    remedy = next(m for m in d.eligibility.remedies if m.code == "take-agreement")
    assert remedy.price is None
    assert [m.key for m in remedy.missing] == ["monthly_fee"]
    assert "webshop" in remedy.price_note


@pytest.mark.clause("JUW-FEE")
def test_contract_price_is_the_agreed_monthly_amount(jw):
    d = jw.decide(
        {
            "contracts[0].price": {"amount": "33.00", "currency": "EUR"},
            "contracts[0].payment": "pending",
            "request.category": "agreement_cancellation",
            "request.channel": "email",
        }
    )
    assert d.price.lines[0].unit_price.amount == 33
    assert str(d.price.lines[0].amount) == "99.00 EUR"
