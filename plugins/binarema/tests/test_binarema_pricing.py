"""Prices: the yearly fee by edition, the first-year activation extra, IVA."""

from __future__ import annotations

from decimal import Decimal

import pytest

LAPSED = "2027-01-12T10:00:00[Europe/Madrid]"  # free period (2026-01-14 + 6 months) is over


def amounts(quote) -> list[str]:
    return [str(li.amount) for li in quote.lines]


@pytest.mark.clause("BIN-PRICE-1", "BIN-PRICE-6", "BIN-PRICE-3")
def test_single_seat_smart_after_the_free_period_costs_fee_plus_extra_plus_iva(bina):
    d = bina.decide(at=LAPSED)
    q = d.price
    assert q.status == "complete"
    assert amounts(q) == ["92.99 EUR", "20.00 EUR"]  # fee + TEST extra for version 5
    assert "BIN-PRICE-1" in bina.cites(q.lines[0])
    assert "BIN-PRICE-6" in bina.cites(q.lines[1])
    assert [(t.name, t.rate, str(t.amount)) for t in q.taxes] == [
        ("IVA", Decimal("0.21"), "23.73 EUR")
    ]
    assert "BIN-PRICE-3" in bina.cites(q.taxes)
    assert str(q.total) == "136.72 EUR"
    remedy = next(r for r in d.eligibility.remedies if r.code == "contract-smart")
    assert str(remedy.price) == "112.99 EUR"
    assert "IVA" in remedy.price_note


@pytest.mark.clause("BIN-PRICE-2")
def test_network_smart_fee_is_149_99(bina):
    d = bina.decide({"licences[0].edition": "network"}, at=LAPSED)
    assert amounts(d.price)[0] == "149.99 EUR"
    assert "BIN-PRICE-2" in bina.cites(d.price.lines[0])


@pytest.mark.clause("BIN-PRICE-6")
def test_activation_extra_depends_on_the_customers_version(bina):
    d = bina.decide({"licences[0].version": "4.2"}, at=LAPSED)
    assert amounts(d.price) == ["92.99 EUR", "45.00 EUR"]
    assert "version 4" in d.price.lines[1].description


@pytest.mark.clause("BIN-PRICE-6")
def test_activation_extra_not_configured_is_named_not_guessed(bina):
    d = bina.decide(at=LAPSED, engine=bina.bare)
    q = d.price
    assert q.status == "incomplete"
    assert amounts(q) == ["92.99 EUR"]
    assert [m.key for m in q.missing] == ["activation_extra_by_version"]
    remedy = next(r for r in d.eligibility.remedies if r.code == "contract-smart")
    assert [m.key for m in remedy.missing] == ["activation_extra_by_version"]
    assert "BIN-PRICE-6" in bina.cites(remedy)


@pytest.mark.clause("BIN-PRICE-6")
def test_activation_extra_for_a_version_not_in_the_table_is_missing(bina):
    d = bina.decide({"licences[0].version": "3"}, at=LAPSED)
    assert d.price.status == "incomplete"
    assert [m.key for m in d.price.missing] == ["activation_extra_by_version"]
    note = bina.reason(d.price.reasons, "activation-extra-unknown")
    assert "version 3" in note.message


@pytest.mark.clause("BIN-PRICE-6")
def test_activation_extra_needs_the_version(bina):
    d = bina.decide({"licences[0].version": None}, at=LAPSED)
    assert d.price.status == "incomplete"
    assert bina.reason(d.price.reasons, "version-unknown")


#: A customer who had SMART from 2024-07-10 and stopped it in time for 2025-07-10.
RETURNING = {
    "licences[0].acquired_on": "2024-01-10",
    "contracts": [
        {
            "id": "S-1",
            "product": "FactuCont",
            "start": "2024-07-10",
            "cancellation_notice_on": "2025-06-01",
        }
    ],
}


@pytest.mark.clause("BIN-PRICE-4")
def test_a_customer_who_already_paid_a_smart_year_comes_back_at_the_plain_fee(bina):
    """ "desde la segunda cuota anual en adelante": no first-year activation extra."""
    d = bina.decide(RETURNING, at=LAPSED)
    assert d.eligibility.status == "not_entitled"
    assert amounts(d.price) == ["92.99 EUR"]
    assert "BIN-PRICE-4" in bina.cites(bina.reason(d.price.reasons, "smart-needed"))
    remedy = next(r for r in d.eligibility.remedies if r.code == "contract-smart")
    assert str(remedy.price) == "92.99 EUR"
    assert "BIN-PRICE-4" in bina.cites(remedy)


@pytest.mark.clause("BIN-PRICE-6")
def test_returning_customer_fee_setting_can_charge_the_activation_extra_again(bina):
    engine = bina.engine_with(returning_customer_fee="activation_extra")
    d = bina.decide(RETURNING, at=LAPSED, engine=engine)
    assert amounts(d.price) == ["92.99 EUR", "20.00 EUR"]
    assert "BIN-PRICE-6" in bina.cites(d.price.lines[1])


@pytest.mark.clause("BIN-PRICE-3")
def test_the_iva_rate_is_the_tax_rate_setting_with_the_statutory_default(bina):
    engine = bina.engine_with(tax_rate="0.10")
    d = bina.decide(at=LAPSED, engine=engine)
    assert [(t.rate, str(t.amount)) for t in d.price.taxes] == [(Decimal("0.10"), "11.30 EUR")]


def test_unknown_edition_leaves_the_fee_unpriced_and_says_why(bina):
    d = bina.decide({"licences[0].edition": None}, at=LAPSED)
    assert d.price.status == "incomplete"
    note = bina.reason(d.price.reasons, "edition-unknown")
    assert note.params["fee"] == "92.99 EUR (single seat) or 149.99 EUR (network) + IVA"
    remedy = next(r for r in d.eligibility.remedies if r.code == "contract-smart")
    assert remedy.price is None


def test_entitled_covered_request_is_free(bina):
    d = bina.decide()
    assert d.price.status == "free"
    assert d.price.lines == ()


# --- a request to contract or renew SMART (category smart_contract) -----------------------

#: A FactuCont customer since 2024 whose SMART contract started on 2025-03-10.
CONTRACT_HOLDER = {
    "licences[0].acquired_on": "2024-09-10",
    "contracts": [{"id": "S-1", "product": "FactuCont", "start": "2025-03-10"}],
    "request.category": "smart_contract",
}


@pytest.mark.clause("BIN-PRICE-4", "BIN-PRICE-1", "BIN-PRICE-3")
def test_renewing_smart_is_priced_at_the_plain_fee_plus_iva(bina):
    d = bina.decide(CONTRACT_HOLDER, at="2026-02-20T10:00:00[Europe/Madrid]")
    assert d.coverage.status == "billable"
    assert d.coverage.category == "smart_contract"
    q = d.price
    assert q.status == "complete"
    assert amounts(q) == ["92.99 EUR"]
    assert "BIN-PRICE-1" in bina.cites(q.lines[0])
    assert [str(t.amount) for t in q.taxes] == ["19.53 EUR"]
    assert str(q.total) == "112.52 EUR"
    assert "BIN-PRICE-4" in bina.cites(bina.reason(q.reasons, "smart-fee"))


@pytest.mark.clause("BIN-PRICE-5", "BIN-PRICE-2")
def test_contracting_smart_before_the_free_period_ends_is_priced_at_the_plain_fee(bina):
    changes = {"request.category": "smart_contract", "licences[0].edition": "network"}
    d = bina.decide(changes)
    assert d.eligibility.status == "entitled"  # still in the free period
    q = d.price
    assert q.status == "complete"
    assert amounts(q) == ["149.99 EUR"]
    assert str(q.total) == "181.49 EUR"
    assert "BIN-PRICE-5" in bina.cites(bina.reason(q.reasons, "smart-fee"))


@pytest.mark.clause("BIN-PRICE-6")
def test_contracting_smart_after_the_free_period_adds_the_activation_extra(bina):
    d = bina.decide({"request.category": "smart_contract"}, at=LAPSED)
    assert amounts(d.price) == ["92.99 EUR", "20.00 EUR"]
    assert "BIN-PRICE-6" in bina.cites(bina.reason(d.price.reasons, "smart-fee"))
    assert "contract-smart" in [r.code for r in d.eligibility.remedies]


@pytest.mark.clause("BIN-PRICE-4")
def test_a_returning_customer_asking_for_smart_is_quoted_the_plain_fee(bina):
    d = bina.decide({**RETURNING, "request.category": "smart_contract"}, at=LAPSED)
    assert amounts(d.price) == ["92.99 EUR"]
    assert str(d.price.total) == "112.52 EUR"


def test_smart_fee_without_a_licence_or_contract_is_undetermined(bina):
    d = bina.decide({"licences": [], "request.category": "smart_contract"})
    assert d.price.status == "undetermined"
    assert bina.reason(d.price.reasons, "program-price-unknown")
