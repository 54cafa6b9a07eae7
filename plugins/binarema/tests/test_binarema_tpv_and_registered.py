"""FactuCont TPV 5 follows FactuCont 5; registered users get installation help without SMART."""

from __future__ import annotations

from datetime import date

import pytest

from supportcore import EligibilityStatus

ENTITLED = EligibilityStatus.ENTITLED
NOT_ENTITLED = EligibilityStatus.NOT_ENTITLED


def factucont(acquired_on: str, version: str = "5") -> dict[str, str]:
    return {
        "product": "FactuCont",
        "acquired_on": acquired_on,
        "version": version,
        "edition": "network",
    }


def tpv(acquired_on: str, version: str = "5") -> dict[str, str]:
    return {
        "product": "FactuCont TPV",
        "acquired_on": acquired_on,
        "version": version,
        "edition": "single_seat",
    }


@pytest.mark.clause("BIN-TPV-1")
def test_tpv_bought_long_ago_is_supported_while_factucont_5_is(bina):
    changes = {
        "licences": [factucont("2026-01-14"), tpv("2022-05-01")],
        "request.product": "FactuCont TPV",
    }
    d = bina.decide(changes)
    el = d.eligibility
    assert el.status == ENTITLED
    assert el.valid_until == date(2026, 7, 14)  # FactuCont's free period, not TPV's
    link = bina.reason(el.basis, "tpv-follows-factucont")
    assert "whatever TPV's purchase date" in link.message
    assert "BIN-TPV-1" in bina.cites(link)


@pytest.mark.clause("BIN-TPV-1", "BIN-TPV-2")
def test_new_tpv_without_factucont_support_gets_no_support(bina):
    changes = {
        "licences": [factucont("2024-01-10"), tpv("2026-03-01")],
        "request.product": "FactuCont TPV",
    }
    d = bina.decide(changes)
    el = d.eligibility
    assert el.status == NOT_ENTITLED
    link = bina.reason(el.reasons, "tpv-follows-factucont")
    assert {"BIN-TPV-1", "BIN-TPV-2"} <= bina.cites(link)
    remedy = next(r for r in el.remedies if r.code == "contract-smart")
    assert "for FactuCont" in remedy.description
    # FactuCont's network edition prices the offer (149.99 + version 5 extra 20.00)
    assert str(remedy.price) == "169.99 EUR"


@pytest.mark.clause("BIN-TPV-1")
def test_tpv_follows_a_factucont_contract(bina):
    changes = {
        "licences": [factucont("2023-01-10"), tpv("2026-03-01")],
        "contracts": [{"id": "S-9", "product": "FactuCont", "start": "2023-07-10"}],
        "request.product": "FactuCont TPV",
    }
    d = bina.decide(changes)
    assert d.eligibility.status == ENTITLED
    assert d.eligibility.valid_until == date(2026, 7, 9)
    assert "BIN-TPV-1" in bina.cites(d.eligibility.basis)


@pytest.mark.clause("BIN-TPV-1", "BIN-TPV-2")
def test_tpv_5_needs_factucont_version_5(bina):
    changes = {
        "licences": [factucont("2026-01-14", version="4"), tpv("2026-03-01")],
        "request.product": "FactuCont TPV",
    }
    d = bina.decide(changes)
    el = d.eligibility
    assert el.status == NOT_ENTITLED
    r = bina.reason(el.reasons, "tpv-needs-factucont-5")
    assert "version 4" in r.message
    assert {"BIN-TPV-1", "BIN-TPV-2"} <= bina.cites(r)
    assert [rem.code for rem in el.remedies] == ["update-factucont"]
    assert d.price.lines[0].amount.amount == 195  # registered price, network edition


@pytest.mark.clause("BIN-TPV-2", "BIN-REG-1")
def test_tpv_installation_question_needs_only_a_registered_user(bina):
    changes = {
        "licences": [factucont("2024-01-10"), tpv("2026-03-01")],
        "request.product": "FactuCont TPV",
        "request.category": "installation",
    }
    d = bina.decide(changes)
    el = d.eligibility
    assert el.status == ENTITLED
    basis = bina.reason(el.basis, "registered-user")
    assert {"BIN-TPV-2", "BIN-REG-1"} <= bina.cites(basis)
    assert d.coverage.status == "covered"
    assert d.price.status == "free"


@pytest.mark.clause("BIN-REG-1")
def test_registered_user_without_smart_gets_installation_help(bina):
    d = bina.decide({"request.category": "installation"}, at="2027-01-12T10:00:00[Europe/Madrid]")
    el = d.eligibility
    assert el.status == ENTITLED
    basis = bina.reason(el.basis, "registered-user")
    assert "with or without SMART" in basis.message
    assert "BIN-REG-1" in bina.cites(basis)
    assert d.price.status == "free"


@pytest.mark.clause("BIN-REG-1")
def test_startup_question_without_smart_is_answered_but_usage_question_is_not(bina):
    at = "2027-01-12T10:00:00[Europe/Madrid]"
    startup = bina.decide({"request.category": "startup"}, at=at)
    usage = bina.decide({"request.category": "usage_question"}, at=at)
    assert startup.eligibility.status == ENTITLED
    assert "BIN-REG-1" in bina.cites(startup.eligibility.basis)
    assert usage.eligibility.status == NOT_ENTITLED


@pytest.mark.clause("BIN-REG-1", "BIN-CONTRACT-1")
def test_unregistered_user_is_told_to_register_for_installation_help(bina):
    d = bina.decide(
        {"request.category": "installation", "customer.registered": False},
        at="2027-01-12T10:00:00[Europe/Madrid]",
    )
    el = d.eligibility
    assert el.status == NOT_ENTITLED
    r = bina.reason(el.reasons, "registered-users-only")
    assert {"BIN-REG-1", "BIN-CONTRACT-1"} <= bina.cites(r)
    assert el.remedies[0].code == "send-registration-card"
    assert d.price.status == "free"


def test_tpv_of_another_version_follows_the_general_rules(bina):
    changes = {
        "licences": [tpv("2026-02-01", version="4")],
        "request.product": "FactuCont TPV",
    }
    d = bina.decide(changes)
    assert d.eligibility.status == ENTITLED
    assert "BIN-TPV-1" not in bina.cites(d.eligibility.basis)


UNKNOWN_REGISTRATION = {"customer.registered": None}  # the case does not say


@pytest.mark.clause("BIN-FREE-1", "BIN-CONTRACT-1")
def test_free_period_is_undetermined_when_the_case_does_not_say_if_the_user_is_registered(bina):
    d = bina.decide(UNKNOWN_REGISTRATION)
    el = d.eligibility
    assert el.status == EligibilityStatus.UNDETERMINED
    assert [m.field for m in el.missing_facts] == ["customer.registered"]
    r = bina.reason(el.reasons, "registration-unknown")
    assert {"BIN-FREE-1", "BIN-CONTRACT-1"} <= bina.cites(r)
    assert el.remedies[0].code == "send-registration-card"
    assert [m.field for m in d.missing_facts()] == ["customer.registered"]


@pytest.mark.clause("BIN-REG-1")
def test_installation_without_smart_is_undetermined_when_registration_is_not_given(bina):
    d = bina.decide(
        {**UNKNOWN_REGISTRATION, "request.category": "installation"},
        at="2027-01-12T10:00:00[Europe/Madrid]",
    )
    el = d.eligibility
    assert el.status == EligibilityStatus.UNDETERMINED
    assert [m.field for m in el.missing_facts] == ["customer.registered"]
    assert "BIN-REG-1" in bina.cites(bina.reason(el.reasons, "registered-users-only"))


@pytest.mark.clause("BIN-EXCL-2", "BIN-EXCL-2-DISCOUNT")
def test_new_version_price_names_the_missing_registration_instead_of_the_list_price(bina):
    d = bina.decide({**UNKNOWN_REGISTRATION, "request.category": "new_version"})
    assert d.coverage.status == "billable"
    assert [m.field for m in d.coverage.missing_facts] == ["customer.registered"]
    assert d.coverage.remedies[0].price is None
    assert d.price.status == "incomplete"
    assert d.price.lines == ()
    assert "registered user" in bina.reason(d.price.reasons, "price-fact-missing").params["note"]


def test_contract_holder_is_served_when_the_case_does_not_say_if_registered(bina):
    changes = {
        **UNKNOWN_REGISTRATION,
        "licences[0].acquired_on": "2024-09-10",
        "contracts": [{"id": "S-1", "product": "FactuCont", "start": "2025-03-10"}],
    }
    d = bina.decide(changes)
    assert d.eligibility.status == ENTITLED
    assert d.eligibility.missing_facts == ()
