"""Pricing: the attention at its tariff, separately sold services, IVA, missing settings."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from supportcore.render import render_text


@pytest.mark.clause("ITP-PAY-1", "ITP-HOURS-1")
def test_an_unpaid_request_is_quoted_one_attention_at_the_normal_price(itp: Any) -> None:
    q = itp.evaluate(lang="en").price
    assert q.status == "complete"
    (line,) = q.lines
    assert "normal hours" in line.description
    assert q.total.amount == Decimal("25000")
    assert {"ITP-PAY-1", "ITP-HOURS-1", "ITP-CAP-1"} <= itp.cited(line)
    assert "attention-to-pay" in itp.codes(q.reasons)


@pytest.mark.clause("ITP-PAY-1", "ITP-HOURS-2")
def test_an_attention_paid_in_special_hours_costs_the_special_price(itp: Any) -> None:
    d = itp.evaluate(at="2026-11-23T19:30", events=[itp.payment("2026-11-23T19:00", "35000")])
    assert d.price.total.amount == Decimal("35000")
    assert "ITP-HOURS-2" in itp.cited(d.price.lines)
    assert "attention-paid" in itp.codes(d.price.reasons)


@pytest.mark.clause("ITP-PAY-1", "ITP-HOURS-2")
def test_an_amount_paid_that_differs_from_the_tariff_gets_a_note(itp: Any) -> None:
    d = itp.evaluate(at="2026-11-23T19:30", events=[itp.payment("2026-11-23T19:00", "25000")])
    assert d.price.total.amount == Decimal("35000")
    note = next(r for r in d.price.reasons if r.code == "amount-paid-differs")
    assert note.params["amount"] == {"amount": "25000", "currency": "CLP"}
    assert note.params["price"] == {"amount": "35000", "currency": "CLP"}
    assert note.settings == ("price_special_hours",)
    assert itp.cited(note) == {"ITP-PAY-1", "ITP-HOURS-2"}


@pytest.mark.clause("ITP-PAY-1", "ITP-HOURS-1")
def test_an_amount_paid_equal_to_the_tariff_gets_no_note(itp: Any) -> None:
    d = itp.evaluate(events=[itp.payment("2026-11-23T10:00", "25000")])
    assert "amount-paid-differs" not in itp.codes(d.price.reasons)


@pytest.mark.clause("ITP-HOURS-1", "ITP-HOURS-2")
@pytest.mark.parametrize(
    ("at", "price"),
    [
        ("2026-11-27T23:00", "35000"),  # Friday night: served Saturday, special hours
        ("2026-11-29T15:00", "25000"),  # Sunday afternoon: served Monday, normal hours
        ("2026-11-24T07:00", "25000"),  # Tuesday early: served at 09:00
    ],
)
def test_quoted_while_closed_the_next_openings_tariff_applies(
    itp: Any, at: str, price: str
) -> None:
    q = itp.evaluate(at=at, lang="en").price
    assert q.total.amount == Decimal(price)
    assert "reopens on" in q.reasons[0].message


@pytest.mark.clause("ITP-HOURS-1", "ITP-HOURS-2")
def test_inclusive_closing_times_charge_the_minute_18_30_at_the_normal_price(itp: Any) -> None:
    assert itp.evaluate(at="2026-11-23T18:30:30").price.total.amount == Decimal("25000")


@pytest.mark.clause("ITP-HOURS-1", "ITP-HOURS-2")
def test_exclusive_closing_times_charge_the_minute_18_30_at_the_next_openings_price(
    itp: Any,
) -> None:
    exclusive = itp.evaluate(at="2026-11-23T18:30:30", settings={"closing_times": "exclusive"})
    assert exclusive.price.total.amount == Decimal("35000")


@pytest.mark.clause("ITP-CAP-1")
def test_beyond_90_minutes_the_quote_is_a_new_attention(itp: Any) -> None:
    events = [itp.payment("2026-11-23T10:00"), itp.work("2026-11-23T11:35", 90)]
    q = itp.evaluate(at="2026-11-23T12:00", events=events, lang="en").price
    assert q.lines[0].description.startswith("New online attention")
    assert "attention-limit-reached" in itp.codes(q.reasons)
    assert "ITP-CAP-1" in itp.cited(q.reasons)


def test_iva_is_extracted_from_prices_that_include_it(itp: Any) -> None:
    q = itp.evaluate().price
    (tax,) = q.taxes
    assert tax.included and tax.rate == Decimal("0.19")
    assert (tax.base.amount, tax.amount.amount) == (Decimal("21008"), Decimal("3992"))
    assert q.lines[0].amount.amount == q.subtotal.amount == q.total.amount == Decimal("25000")
    assert "iva-included" in itp.codes(q.reasons)


def test_iva_included_is_price_minus_net_not_net_times_rate(itp: Any) -> None:
    q = itp.evaluate({"request.category": "reinstallation"}).price
    (tax,) = q.taxes
    # 40000 / 1.19 = 33613.45 → 33613; IVA 40000 − 33613 = 6387 (round(33613 × 0.19) = 6386)
    assert (tax.base.amount, tax.amount.amount, q.total.amount) == (
        Decimal("33613"),
        Decimal("6387"),
        Decimal("40000"),
    )
    text = render_text(itp.evaluate({"request.category": "reinstallation"}), lang="en")
    text = text.replace("\xa0", " ")  # Babel writes CLP and its amount joined
    assert "IVA 19 % included in CLP 40,000 (net CLP 33,613): CLP 6,387" in text
    assert "TOTAL: CLP 40,000" in text


def test_iva_is_added_to_prices_that_exclude_it(itp: Any) -> None:
    q = itp.evaluate(settings={"prices_include_iva": False}).price
    assert (q.subtotal.amount, q.taxes[0].amount.amount, q.total.amount) == (
        Decimal("25000"),
        Decimal("4750"),
        Decimal("29750"),
    )
    remedy = itp.evaluate(settings={"prices_include_iva": False}).eligibility.remedies[0]
    assert remedy.price_note == "+ IVA 19 %"


@pytest.mark.clause("ITP-PAY-1")
@pytest.mark.parametrize(
    ("includes", "code"), [(True, "iva-included"), (False, "iva-added"), (None, "iva-unknown")]
)
def test_the_iva_reason_cites_the_payment_clause_and_names_its_setting(
    itp: Any, includes: bool | None, code: str
) -> None:
    settings = {"price_normal_hours": "25000"}
    if includes is not None:
        settings["prices_include_iva"] = includes
    q = itp.evaluate(settings=settings, replace=True).price
    reason = next(r for r in q.reasons if r.code == code)
    assert itp.cited(reason) == {"ITP-PAY-1"}
    assert reason.settings == ("prices_include_iva",)
    assert reason.interpretations == ("ITP-I-IVA",)


def test_unknown_iva_treatment_is_named_as_missing(itp: Any) -> None:
    q = itp.evaluate(settings={"price_normal_hours": "25000"}, replace=True).price
    assert q.status == "incomplete"
    assert [m.key for m in q.missing] == ["prices_include_iva"]
    assert q.taxes == ()


@pytest.mark.clause("ITP-PAY-1")
def test_a_missing_attention_price_is_named_never_guessed(itp: Any) -> None:
    q = itp.evaluate(settings={"prices_include_iva": True}, replace=True).price
    assert q.status == "incomplete"
    assert [m.key for m in q.missing] == ["price_normal_hours"]
    assert q.lines == ()


@pytest.mark.clause("ITP-LIM-REINSTALL", "ITP-SEP-1")
def test_a_reinstallation_is_quoted_at_its_own_price(itp: Any) -> None:
    q = itp.evaluate({"request.category": "reinstallation"}, lang="en").price
    (line,) = q.lines
    assert line.description.startswith("Reinstallation of the ITPLUSNET software")
    assert q.total.amount == Decimal("40000")
    assert itp.cited(line) == {"ITP-LIM-REINSTALL", "ITP-SEP-1"}


@pytest.mark.clause("ITP-SEP-1")
def test_a_missing_on_site_price_is_named(itp: Any) -> None:
    q = itp.evaluate(
        {"request.category": "on_site_visit", "request.environment.location": "Santiago"},
        settings={"prices_include_iva": True},
        replace=True,
    ).price
    assert [m.key for m in q.missing] == ["price_on_site"]


@pytest.mark.clause("ITP-LIM-0")
def test_nothing_is_priced_for_an_excluded_problem(itp: Any) -> None:
    q = itp.evaluate({"request.category": "virus_malware"}).price
    assert q.status == "not_applicable"
    assert q.lines == () and q.total is None
    assert {"ITP-LIM-0", "ITP-LIM-VIRUS"} <= itp.cited(q.reasons)


@settings(max_examples=300, deadline=None)
@given(price=st.integers(min_value=1, max_value=5_000_000))
def test_a_price_including_iva_always_totals_the_price(price: int) -> None:
    import supportcore_itplusnet

    from supportcore import Engine

    engine = _ENGINES.get(price)
    if engine is None:
        engine = Engine(
            {"itplusnet": {"price_normal_hours": str(price), "prices_include_iva": True}},
            entry_points=False,
            extra=[("itplusnet", supportcore_itplusnet)],
        )
    q = engine.evaluate(_CASE).price
    (tax,) = q.taxes
    assert q.total.amount == q.subtotal.amount == price
    assert tax.base.amount + tax.amount.amount == price
    assert abs(tax.amount.amount - tax.base.amount * Decimal("0.19")) <= 1


_ENGINES: dict[int, Any] = {}
_CASE = {
    "vendor": "itplusnet",
    "at": "2026-11-23T10:30:00[America/Santiago]",
    "request": {
        "product": "ITPLUSNET POS",
        "category": "usage_question",
        "channel": "phone",
        "received_at": "2026-11-23T10:00:00[America/Santiago]",
    },
}


@pytest.mark.clause("ITP-SEP-1")
def test_a_service_sold_separately_names_the_unknown_iva_treatment_in_its_remedy(
    itp: Any,
) -> None:
    d = itp.evaluate(
        {"request.category": "hardware"},
        settings={"price_technical_service": "30000"},
        replace=True,
    )
    (remedy,) = d.coverage.remedies
    assert remedy.price.amount == Decimal("30000")
    assert [m.key for m in remedy.missing] == ["prices_include_iva"]
