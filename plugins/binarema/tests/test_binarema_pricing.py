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
    assert "+IVA" in remedy.price_note


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


@pytest.mark.clause("BIN-PRICE-6")
def test_recontracting_after_a_cancelled_contract_pays_the_extra_again(bina):
    changes = {
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
    d = bina.decide(changes, at=LAPSED)
    assert d.eligibility.status == "not_entitled"
    assert amounts(d.price) == ["92.99 EUR", "20.00 EUR"]


@pytest.mark.clause("BIN-PRICE-3")
def test_iva_rate_is_a_setting_with_the_statutory_default(bina):
    engine = bina.engine_with(iva_rate="0.10")
    d = bina.decide(at=LAPSED, engine=engine)
    assert [(t.rate, str(t.amount)) for t in d.price.taxes] == [(Decimal("0.10"), "11.30 EUR")]


def test_unknown_edition_leaves_the_fee_unpriced_and_says_why(bina):
    d = bina.decide({"licences[0].edition": None}, at=LAPSED)
    assert d.price.status == "incomplete"
    note = bina.reason(d.price.reasons, "edition-unknown")
    assert "92.99 EUR (single seat) or 149.99 EUR (network)" in note.message
    remedy = next(r for r in d.eligibility.remedies if r.code == "contract-smart")
    assert remedy.price is None


def test_entitled_covered_request_is_free(bina):
    d = bina.decide()
    assert d.price.status == "free"
    assert d.price.lines == ()
