"""The free SMART period: 6 months from a purchase, 3 from an update, registered users only."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from supportcore import EligibilityStatus
from supportcore.periods import add_months

ENTITLED = EligibilityStatus.ENTITLED
NOT_ENTITLED = EligibilityStatus.NOT_ENTITLED


@pytest.mark.clause("BIN-FREE-1", "BIN-CONTRACT-1")
def test_purchase_gets_six_free_months_up_to_the_same_date(bina):
    d = bina.decide(at="2026-07-14T10:00:00[Europe/Madrid]")
    el = d.eligibility
    assert el.status == ENTITLED
    assert el.valid_until == date(2026, 7, 14)
    basis = bina.reason(el.basis, "free-period")
    assert basis.params["period"] == {"start": "2026-01-14", "end": "2026-07-15"}
    assert basis.params["why"] == "6 months from the purchase on 2026-01-14"
    assert {"BIN-FREE-1", "BIN-CONTRACT-1"} <= bina.cites(basis)
    assert d.price.status == "free"


@pytest.mark.clause("BIN-FREE-1")
def test_free_period_is_over_the_day_after_six_months_from_the_purchase(bina):
    d = bina.decide(at="2026-07-15T10:00:00[Europe/Madrid]")
    el = d.eligibility
    assert el.status == NOT_ENTITLED
    ended = bina.reason(el.reasons, "free-period-ended")
    assert ended.params["last_day"] == "2026-07-14"
    assert "BIN-FREE-1" in bina.cites(ended)


@pytest.mark.clause("BIN-FREE-1", "BIN-CONTRACT-3")
def test_upgrade_from_v4_gets_three_free_months(bina):
    changes = {
        "licences[0].acquired_on": "2026-01-14",
        "licences[0].acquisition": {"kind": "upgrade", "upgraded_from": "4"},
    }
    inside = bina.decide(changes, at="2026-04-14T10:00:00[Europe/Madrid]")
    assert inside.eligibility.status == ENTITLED
    assert inside.eligibility.valid_until == date(2026, 4, 14)
    basis = bina.reason(inside.eligibility.basis, "free-period")
    assert basis.params["why"] == "3 months from the update from version 4 on 2026-01-14"
    assert {"BIN-FREE-1", "BIN-CONTRACT-3"} <= bina.cites(basis)
    after = bina.decide(changes, at="2026-04-15T10:00:00[Europe/Madrid]")
    assert after.eligibility.status == NOT_ENTITLED
    assert "BIN-CONTRACT-3" in bina.cites(
        bina.reason(after.eligibility.reasons, "free-period-ended")
    )


@pytest.mark.clause("BIN-FREE-1")
def test_update_without_recorded_previous_version_still_gets_three_months(bina):
    changes = {"licences[0].acquisition": {"kind": "upgrade"}}
    d = bina.decide(changes, at="2026-04-15T10:00:00[Europe/Madrid]")
    assert d.eligibility.status == NOT_ENTITLED
    assert "BIN-FREE-1" in bina.cites(d.eligibility.reasons)


@pytest.mark.clause("BIN-FREE-1")
def test_free_period_clamps_at_the_end_of_a_short_month(bina):
    changes = {"licences[0].acquired_on": "2025-08-31"}
    d = bina.decide(changes, at="2026-02-28T10:00:00[Europe/Madrid]")
    assert d.eligibility.status == ENTITLED
    # no 31 February: the period "expira el último del mes" (Código Civil art. 5.1)
    assert d.eligibility.valid_until == date(2026, 2, 28)


@pytest.mark.clause("BIN-FREE-1", "BIN-CONTRACT-1")
def test_unregistered_buyer_gets_no_free_period_until_the_card_is_sent(bina):
    d = bina.decide({"customer.registered": False})
    el = d.eligibility
    assert el.status == NOT_ENTITLED
    r = bina.reason(el.reasons, "not-registered")
    assert "registration card" in r.message
    assert {"BIN-FREE-1", "BIN-CONTRACT-1"} <= bina.cites(r)
    remedy = el.remedies[0]
    assert remedy.code == "send-registration-card"
    assert "BIN-CONTRACT-1" in bina.cites(remedy)
    assert d.price.status == "free"
    assert bina.reason(d.price.reasons, "free-once-registered")


@pytest.mark.clause("BIN-CONTRACT-1")
def test_free_period_runs_from_the_purchase_not_from_the_registration(bina):
    """Registering late does not move the start: entitled until 6 months after the purchase."""
    d = bina.decide(
        {"customer.registered": True, "licences[0].acquired_on": "2025-09-10"},
        at="2026-03-09T10:00:00[Europe/Madrid]",
    )
    assert d.eligibility.status == ENTITLED
    assert "BIN-CONTRACT-1" in bina.cites(d.eligibility.basis)


@pytest.mark.clause("BIN-CONTRACT-2", "BIN-PRICE-5")
def test_free_period_basis_announces_the_renewal_offer_at_the_plain_fee(bina):
    d = bina.decide()
    offer = bina.reason(d.eligibility.basis, "renew-before-expiry")
    assert "e-mails an offer to renew" in offer.message
    assert offer.params == {"last_day": "2026-07-14", "fee": "92.99 EUR + IVA"}
    assert "no activation extra" in offer.message
    assert {"BIN-CONTRACT-2", "BIN-PRICE-5", "BIN-PRICE-1"} <= bina.cites(offer)


@pytest.mark.clause("BIN-FREE-2")
def test_after_the_free_period_the_user_may_contract_smart(bina):
    d = bina.decide(at="2026-09-01T10:00:00[Europe/Madrid]")
    el = d.eligibility
    assert el.status == NOT_ENTITLED
    assert "BIN-FREE-2" in bina.cites(bina.reason(el.reasons, "no-smart-contract"))
    remedy = next(r for r in el.remedies if r.code == "contract-smart")
    assert "BIN-FREE-2" in bina.cites(remedy)
    assert "Contract SMART for FactuCont" in remedy.description


@settings(max_examples=60, deadline=None)
@given(st.dates(min_value=date(2020, 1, 1), max_value=date(2030, 12, 31)))
@pytest.mark.clause("BIN-FREE-1")
def test_free_period_is_exactly_six_months_for_any_purchase_day(bina, bought):
    changes = {"licences[0].acquired_on": bought.isoformat()}
    last = add_months(bought, 6)  # Código Civil art. 5.1: "de fecha a fecha"
    end = date.fromordinal(last.toordinal() + 1)
    inside = bina.decide(changes, at=f"{last.isoformat()}T12:00:00[Europe/Madrid]")
    outside = bina.decide(changes, at=f"{end.isoformat()}T12:00:00[Europe/Madrid]")
    assert inside.eligibility.status == ENTITLED
    assert inside.eligibility.valid_until == last
    assert outside.eligibility.status == NOT_ENTITLED


@pytest.mark.clause("BIN-FREE-1", "BIN-CONTRACT-1")
def test_six_free_months_run_from_date_to_date_as_the_civil_code_counts(bina):
    """Código Civil art. 5.1 (interpretation BIN-I-PERIOD): 6 months from 2026-01-10 include
    2026-07-10."""
    bought = {"licences[0].acquired_on": "2026-01-10"}
    last = bina.decide(bought, at="2026-07-10T10:00:00[Europe/Madrid]")
    assert last.eligibility.status == ENTITLED
    assert last.eligibility.valid_until == date(2026, 7, 10)
    after = bina.decide(bought, at="2026-07-13T10:00:00[Europe/Madrid]")
    assert after.eligibility.status == NOT_ENTITLED
    ended = bina.reason(after.eligibility.reasons, "free-period-ended")
    assert ended.params["last_day"] == "2026-07-10"


@pytest.mark.clause("BIN-FREE-1")
def test_period_count_end_exclusive_ends_the_free_period_a_day_earlier(bina):
    """Setting period_count = "end_exclusive": the day 6 months later is already outside."""
    engine = bina.engine_with(period_count="end_exclusive")
    bought = {"licences[0].acquired_on": "2026-01-10"}
    d = bina.decide(bought, at="2026-07-10T10:00:00[Europe/Madrid]", engine=engine)
    assert d.eligibility.status == NOT_ENTITLED
    ended = bina.reason(d.eligibility.reasons, "free-period-ended")
    assert ended.params["last_day"] == "2026-07-09"
