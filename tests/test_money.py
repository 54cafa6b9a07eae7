"""Money, tax and quotes: Decimal amounts, one rounding rule, currencies never mixed."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from supportcore import Engine
from supportcore.money import (
    MINOR_UNITS,
    Money,
    Quote,
    QuoteBuilder,
    QuoteStatus,
    to_decimal,
)
from supportcore.reasons import Citation, MissingSetting, Reason
from supportcore.testing.cases import CaseFactory

IVA_ES = Decimal("0.21")
IVA_MX = Decimal("0.16")
IVA_CL = Decimal("0.19")


def eur(amount: str) -> Money:
    return Money(Decimal(amount), "EUR")


def clp(amount: str) -> Money:
    return Money(Decimal(amount), "CLP")


# --- rounding -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("amount", "expected"),
    [
        ("2.345", "2.35"),
        ("2.344", "2.34"),
        ("2.355", "2.36"),
        ("0.005", "0.01"),
        ("-2.345", "-2.35"),  # half-up is "away from zero" for negative amounts
        ("92.99", "92.99"),
        ("7", "7.00"),
    ],
)
def test_euros_round_half_up_to_cents(amount: str, expected: str) -> None:
    rounded = eur(amount).rounded()
    assert rounded.amount == Decimal(expected)
    assert rounded.amount.as_tuple().exponent == -2


@pytest.mark.parametrize(
    ("amount", "expected"),
    [("1500.5", "1501"), ("1500.49", "1500"), ("19999.5", "20000"), ("12", "12")],
)
def test_chilean_pesos_round_half_up_to_whole_pesos(amount: str, expected: str) -> None:
    rounded = clp(amount).rounded()
    assert rounded.amount == Decimal(expected)
    assert rounded.amount.as_tuple().exponent == 0


def test_printed_amounts_use_the_minor_unit_of_the_currency() -> None:
    assert str(eur("1234.5")) == "1,234.50 EUR"
    assert str(clp("25000.5")) == "25,001 CLP"
    assert str(Money(Decimal("92.985"), "MXN")) == "92.99 MXN"


@given(
    st.decimals(min_value=-(10**9), max_value=10**9, allow_nan=False, allow_infinity=False),
    st.sampled_from(sorted(MINOR_UNITS)),
)
def test_rounding_stays_within_half_a_minor_unit(amount: Decimal, currency: str) -> None:
    places = MINOR_UNITS[currency]
    rounded = Money(amount, currency).rounded().amount
    assert rounded.as_tuple().exponent == -places
    assert abs(rounded - amount) <= Decimal(5).scaleb(-places - 1)


# --- refusing floats and junk ---------------------------------------------------------------


def test_a_float_amount_is_refused_with_a_clear_message() -> None:
    with pytest.raises(ValueError, match=r'amount: must be a decimal string such as "92.99"'):
        Money(92.99, "EUR")


def test_multiplying_money_by_a_float_is_refused() -> None:
    with pytest.raises(TypeError, match="not float"):
        eur("10") * 1.5  # type: ignore[operator]


def test_a_float_tax_rate_is_refused() -> None:
    with pytest.raises(ValueError, match="tax rate IVA: must be a decimal string"):
        QuoteBuilder("EUR").tax("IVA", 0.21)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("abc", "'abc' is not a decimal number"),
        ("NaN", "must be a finite number"),
        (Decimal("Infinity"), "must be a finite number"),
        (True, "not a boolean"),
        (None, "expected a decimal number, got null"),
    ],
)
def test_junk_is_not_a_decimal(value: object, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        to_decimal(value, field="price")


def test_decimal_strings_and_ints_are_accepted() -> None:
    assert to_decimal(" 1_000.50 ") == Decimal("1000.50")
    assert to_decimal(7) == Decimal(7)
    assert Money("92.99", "EUR") == eur("92.99")


def test_an_unknown_currency_is_refused() -> None:
    with pytest.raises(ValueError, match="unknown currency 'XYZ'"):
        Money(Decimal(1), "XYZ")
    with pytest.raises(ValueError, match="unknown currency"):
        QuoteBuilder("XYZ")


# --- currencies never mix -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("currency", "places"),
    [("EUR", 2), ("CLP", 0), ("JPY", 0), ("KWD", 3), ("CLF", 4), ("MXN", 2), ("COP", 0)],
)
def test_every_iso_currency_has_its_minor_unit_from_babel(currency: str, places: int) -> None:
    """CLDR's minor units, through Babel (Colombian pesos are written without cents)."""
    assert MINOR_UNITS[currency] == places
    assert str(Money(Decimal("1234.5"), currency)).endswith(currency)


def test_the_currency_table_lists_the_iso_currencies_and_no_non_money_codes() -> None:
    assert len(MINOR_UNITS) > 150 and "XTS" not in MINOR_UNITS and "XXX" not in MINOR_UNITS
    assert "COP" in MINOR_UNITS and "cop" not in MINOR_UNITS and 5 not in MINOR_UNITS


def test_adding_euros_and_pesos_is_refused() -> None:
    with pytest.raises(ValueError, match="cannot combine EUR with CLP"):
        _ = eur("1") + clp("1")


def test_subtracting_and_comparing_across_currencies_is_refused() -> None:
    with pytest.raises(ValueError, match="cannot combine"):
        _ = eur("1") - clp("1")
    with pytest.raises(ValueError, match="cannot combine"):
        _ = eur("1") < clp("1")
    with pytest.raises(ValueError, match="cannot combine"):
        _ = eur("1") <= clp("1")


def test_arithmetic_in_one_currency() -> None:
    assert eur("92.99") + eur("0.01") == eur("93.00")
    assert eur("100") - eur("7.01") == eur("92.99")
    assert eur("10") * 3 == eur("30")
    assert 3 * eur("10") == eur("30")
    assert eur("1") < eur("2")
    assert eur("2") <= eur("2")
    assert Money.zero("CLP") == clp("0")
    assert (eur("1") - eur("2")).is_negative


def test_a_quote_line_in_another_currency_is_refused() -> None:
    with pytest.raises(ValueError, match="is in CLP, quote is in EUR"):
        QuoteBuilder("EUR").line("Atención online", clp("25000"))


# --- quotes ---------------------------------------------------------------------------------


def test_smart_fee_single_seat_plus_iva() -> None:
    # Binarema: "92,99* al año para versiones monopuesto +IVA"
    q = QuoteBuilder("EUR").line("SMART monopuesto, 1 año", eur("92.99")).tax("IVA", IVA_ES).build()
    assert q.status == QuoteStatus.COMPLETE
    assert q.subtotal == eur("92.99")
    (iva,) = q.taxes
    assert iva.base == eur("92.99")
    assert iva.amount == eur("19.53")  # 19.5279 rounded half up
    assert q.total == eur("112.52")


def test_quote_total_is_the_sum_of_rounded_lines_and_taxes() -> None:
    q = (
        QuoteBuilder("EUR")
        .line("Asistencia remota", eur("0.333"), 3, unit="min")
        .line("Recargo", eur("10.005"))
        .tax("IVA", IVA_ES)
        .build()
    )
    assert [li.amount for li in q.lines] == [eur("1.00"), eur("10.01")]
    assert q.subtotal == eur("11.01")
    assert q.taxes[0].amount == eur("2.31")  # 11.01 × 0.21 = 2.3121
    assert q.total == eur("13.32")


def test_tax_applies_only_to_taxable_lines() -> None:
    q = (
        QuoteBuilder("MXN")
        .line("Asesoría, 2 horas", Money(Decimal("500"), "MXN"), 2, unit="hour")
        .line("Reembolso de envío", Money(Decimal("100"), "MXN"), taxable=False)
        .tax("IVA", IVA_MX)
        .build()
    )
    assert q.subtotal == Money(Decimal("1100"), "MXN")
    assert q.taxes[0].base == Money(Decimal("1000"), "MXN")
    assert q.taxes[0].amount == Money(Decimal("160.00"), "MXN")
    assert q.total == Money(Decimal("1260.00"), "MXN")


def test_each_tax_gets_its_own_line() -> None:
    q = (
        QuoteBuilder("EUR")
        .line("Licencia", eur("100"))
        .tax("IVA", IVA_ES)
        .tax("Recargo de equivalencia", Decimal("0.052"))
        .build()
    )
    assert [(t.name, t.amount) for t in q.taxes] == [
        ("IVA", eur("21.00")),
        ("Recargo de equivalencia", eur("5.20")),
    ]
    assert q.total == eur("126.20")


def test_chilean_quote_rounds_tax_to_whole_pesos() -> None:
    q = QuoteBuilder("CLP").line("Atención online", clp("24990")).tax("IVA", IVA_CL).build()
    assert q.taxes[0].amount == clp("4748")  # 4748.1
    assert q.total == clp("29738")
    assert str(q.total) == "29,738 CLP"


def test_a_missing_tariff_makes_the_quote_incomplete() -> None:
    missing = MissingSetting("informapuntcom", "remote_rate", "asistencia remota fuera del plan")
    q = (
        QuoteBuilder("EUR")
        .line("Recargo urgente", eur("15"))
        .missing(missing)
        .missing(missing)
        .tax("IVA", IVA_ES)
        .build()
    )
    assert q.status == QuoteStatus.INCOMPLETE
    assert q.missing == (missing,)  # recorded once
    assert q.total == eur("18.15")  # a lower bound: only what could be priced
    assert (
        str(missing) == "informapuntcom.remote_rate (needed for asistencia remota fuera del plan)"
    )


def test_a_quote_with_only_a_missing_tariff_is_incomplete_not_free() -> None:
    missing = MissingSetting("juweliers", "regie_rate", "bijstand na opzeg")
    q = QuoteBuilder("EUR").missing(missing).build()
    assert q.status == QuoteStatus.INCOMPLETE
    assert q.total == eur("0")


def test_a_quote_with_no_lines_is_free_and_has_no_tax() -> None:
    q = QuoteBuilder("EUR").tax("IVA", IVA_ES).build()
    assert q.status == QuoteStatus.FREE
    assert q.taxes == ()
    assert q.total == eur("0")


def test_a_quote_of_zero_is_free() -> None:
    q = QuoteBuilder("EUR").line("Consulta incluida en SMART", eur("0")).build()
    assert q.status == QuoteStatus.FREE


def test_an_explicit_status_wins() -> None:
    q = QuoteBuilder("EUR").build(QuoteStatus.NOT_APPLICABLE)
    assert q.status == QuoteStatus.NOT_APPLICABLE


def test_negative_quantities_and_prices_are_refused() -> None:
    with pytest.raises(ValueError, match="must not be negative"):
        QuoteBuilder("EUR").line("x", eur("10"), -1)
    with pytest.raises(ValueError, match="must not be negative"):
        QuoteBuilder("EUR").line("x", eur("-10"))
    with pytest.raises(ValueError, match="rate must not be negative"):
        QuoteBuilder("EUR").tax("IVA", Decimal("-0.21"))


def test_lines_keep_their_citations() -> None:
    c = Citation("binarema", "precios", "92,99* al año para versiones monopuesto")
    q = QuoteBuilder("EUR").line("SMART", eur("92.99"), citations=[c]).build()
    assert q.lines[0].citations == (c,)
    assert QuoteBuilder("EUR").line("x", eur("1")).has_lines


@given(
    st.lists(
        st.tuples(
            st.decimals(min_value=0, max_value=10_000, places=3),
            st.integers(min_value=0, max_value=50),
            st.booleans(),
        ),
        max_size=8,
    ),
    st.lists(st.decimals(min_value=0, max_value=1, places=3), max_size=3),
    st.sampled_from(sorted(MINOR_UNITS)),
)
def test_every_quote_adds_up_as_printed(
    lines: list[tuple[Decimal, int, bool]], rates: list[Decimal], currency: str
) -> None:
    b = QuoteBuilder(currency)
    for i, (price, qty, taxable) in enumerate(lines):
        b.line(f"line {i}", Money(price, currency), qty, taxable=taxable)
    for i, rate in enumerate(rates):
        b.tax(f"tax {i}", rate)
    q = b.build()
    assert q.subtotal is not None and q.total is not None
    assert q.subtotal.amount == sum((li.amount.amount for li in q.lines), Decimal(0))
    taxes = sum((t.amount.amount for t in q.taxes), Decimal(0))
    assert q.total.amount == q.subtotal.amount + taxes
    for li in q.lines:
        assert li.amount == Money(li.unit_price.amount * li.quantity, currency).rounded()


def test_time_line_prices_minutes_at_an_hourly_rate_rounding_once() -> None:
    from supportcore.money import QuoteBuilder

    q = QuoteBuilder("EUR").time_line("advice", Money("50", "EUR"), 10).build()
    line = q.lines[0]
    assert (str(line.quantity), line.unit, str(line.unit_price)) == ("0.1667", "hour", "50.00 EUR")
    assert str(line.amount) == "8.33 EUR"
    clp = QuoteBuilder("CLP").time_line("visita", Money("25000", "CLP"), 50).build()
    assert str(clp.total) == "20,833 CLP"


def test_time_line_refuses_negative_minutes() -> None:
    import pytest

    from supportcore.money import QuoteBuilder

    with pytest.raises(ValueError, match="minutes must not be negative"):
        QuoteBuilder("EUR").time_line("advice", Money("50", "EUR"), -1)


# --- taxes included in the prices -----------------------------------------------------------


def test_chilean_prices_include_iva_which_is_extracted_not_added() -> None:
    q = (
        QuoteBuilder("CLP")
        .line("Atención online", clp("25000"))
        .tax("IVA", IVA_CL, included=True)
        .build()
    )
    (iva,) = q.taxes
    assert iva.included
    assert iva.base == clp("21008")  # round(25000 / 1.19) = round(21008.40)
    assert iva.amount == clp("3992")  # 25000 − 21008
    assert q.lines[0].amount == q.subtotal == q.total == clp("25000")
    assert q.status == QuoteStatus.COMPLETE


@pytest.mark.parametrize(
    ("gross", "net", "iva"),
    [
        ("40000", "33613", "6387"),  # round(33613 × 0.19) = 6386: one peso short
        ("9", "8", "1"),  # round(8 × 0.19) = 2: one peso over
        ("24990", "21000", "3990"),
    ],
)
def test_included_iva_is_gross_minus_net_to_the_peso(gross: str, net: str, iva: str) -> None:
    q = (
        QuoteBuilder("CLP")
        .line("Reinstalación", clp(gross))
        .tax("IVA", IVA_CL, included=True)
        .build()
    )
    (tax,) = q.taxes
    assert (tax.base, tax.amount, q.total) == (clp(net), clp(iva), clp(gross))


def test_included_tax_in_euros_rounds_the_net_to_the_cent() -> None:
    q = (
        QuoteBuilder("EUR")
        .line("Licencia", eur("100.00"))
        .tax("IVA", IVA_ES, included=True)
        .build()
    )
    assert (q.taxes[0].base, q.taxes[0].amount, q.total) == (
        eur("82.64"),
        eur("17.36"),
        eur("100.00"),
    )


def test_included_tax_applies_to_the_taxable_lines_only() -> None:
    q = (
        QuoteBuilder("CLP")
        .line("Atención online", clp("25000"))
        .line("Despacho", clp("5000"), taxable=False)
        .line("Visita", clp("15000"))
        .tax("IVA", IVA_CL, included=True)
        .build()
    )
    (iva,) = q.taxes
    assert iva.base + iva.amount == clp("40000")
    assert (iva.base, iva.amount) == (clp("33613"), clp("6387"))
    assert q.subtotal == q.total == clp("45000")


def test_an_included_tax_is_recomputed_when_a_quote_is_extended() -> None:
    q = QuoteBuilder("CLP").line("Atención", clp("25000")).tax("IVA", IVA_CL, included=True).build()
    more = QuoteBuilder.from_quote(q).line("Visita", clp("15000")).build()
    (iva,) = more.taxes
    assert iva.included and (iva.base, iva.amount) == (clp("33613"), clp("6387"))
    assert more.total == clp("40000")


def test_an_included_tax_cannot_be_combined_with_another() -> None:
    with pytest.raises(ValueError, match="included in the prices cannot be combined"):
        QuoteBuilder("CLP").tax("IVA", IVA_CL, included=True).tax("Otro", Decimal("0.01"))
    with pytest.raises(ValueError, match="included in the prices cannot be combined"):
        QuoteBuilder("CLP").tax("Otro", Decimal("0.01")).tax("IVA", IVA_CL, included=True)


def test_added_taxes_are_not_marked_included() -> None:
    q = QuoteBuilder("EUR").line("Licencia", eur("100")).tax("IVA", IVA_ES).build()
    assert not q.taxes[0].included


def test_included_flag_survives_conversion_and_defaults_to_added() -> None:
    from supportcore.convert import converter, structure
    from supportcore.money import Quote

    q = QuoteBuilder("CLP").line("Atención", clp("25000")).tax("IVA", IVA_CL, included=True).build()
    data = converter.unstructure(q)
    assert data["taxes"][0]["included"] is True
    assert structure(data, Quote) == q
    del data["taxes"][0]["included"]  # a document written before the field existed
    assert structure(data, Quote).taxes[0].included is False


@given(
    st.lists(
        st.tuples(st.decimals(min_value=0, max_value=10_000, places=3), st.booleans()),
        max_size=8,
    ),
    st.decimals(min_value=0, max_value=1, places=3),
    st.sampled_from(sorted(MINOR_UNITS)),
)
def test_an_included_tax_always_leaves_the_total_at_the_prices(
    lines: list[tuple[Decimal, bool]], rate: Decimal, currency: str
) -> None:
    b = QuoteBuilder(currency)
    for i, (price, taxable) in enumerate(lines):
        b.line(f"line {i}", Money(price, currency), taxable=taxable)
    q = b.tax("tax", rate, included=True).build()
    assert q.total == q.subtotal
    unit = Decimal(1).scaleb(-MINOR_UNITS[currency])
    for t in q.taxes:
        gross = sum((li.amount.amount for li in q.lines if li.taxable), Decimal(0))
        assert t.base.amount + t.amount.amount == gross
        assert t.base.amount == Money(gross / (1 + rate), currency).rounded().amount
        assert t.amount.amount >= 0
        assert abs(t.amount.amount - t.base.amount * rate) <= unit


def test_the_conformance_check_adds_only_the_taxes_not_included() -> None:
    import attrs

    from supportcore.testing.checks import quote_problems

    included = (
        QuoteBuilder("CLP").line("Atención", clp("40000")).tax("IVA", IVA_CL, included=True).build()
    )
    added = QuoteBuilder("CLP").line("Atención", clp("40000")).tax("IVA", IVA_CL).build()
    assert quote_problems(included) == [] and quote_problems(added) == []
    # an included tax added again, or an added tax left out, does not add up
    assert quote_problems(attrs.evolve(included, total=clp("46387"))) == [
        "price.total is not subtotal + taxes (those not included in the prices)"
    ]
    assert quote_problems(attrs.evolve(added, total=clp("40000"))) == [
        "price.total is not subtotal + taxes (those not included in the prices)"
    ]
    # round(net × rate) is one peso short of what a price of 40000 includes
    (iva,) = included.taxes
    short = attrs.evolve(included, taxes=(attrs.evolve(iva, amount=clp("6386")),))
    assert quote_problems(short) == [
        "price.taxes[0] is included in the prices, but its base (the net) plus its amount is "
        "not the taxable lines' sum (40000)"
    ]


def test_an_included_tax_reads_included_in_the_gross_price(
    engine: Engine, acme: CaseFactory
) -> None:
    import attrs

    from supportcore.render import render_text

    decision = engine.evaluate(acme.case({"request.category": "training"}))
    q = (
        QuoteBuilder("EUR")
        .line("Formación", eur("121.00"))
        .tax("IVA", IVA_ES, included=True)
        .build()
    )
    text = render_text(attrs.evolve(decision, price=q), lang="en")
    assert "21.00" in text and "included" in text and "100.00" in text
    total = next(line for line in text.splitlines() if "TOTAL:" in line)
    assert "121.00" in total
    added = QuoteBuilder("EUR").line("Formación", eur("100.00")).tax("IVA", IVA_ES).build()
    text = render_text(attrs.evolve(decision, price=added), lang="en")
    tax = next(line for line in text.splitlines() if line.strip().startswith("IVA"))
    assert "21" in tax and "on" in tax and "100.00" in tax and "included" not in tax


@pytest.mark.parametrize(
    ("status", "missing", "expected"),
    [
        (None, (), "free"),
        ("not_applicable", (), "not_applicable"),
        (None, (MissingSetting("v", "hourly_rate", "pricing"),), "incomplete"),
    ],
)
def test_an_unpriced_quote_has_zero_totals_and_no_taxes(status, missing, expected) -> None:
    reason = Reason("free", "nothing to charge")
    q = Quote.unpriced("CLP", status, (reason,), missing)
    assert (q.status, q.lines, q.taxes, q.missing, q.reasons) == (
        expected,
        (),
        (),
        tuple(missing),
        (reason,),
    )
    assert q.subtotal == q.total == Money(Decimal(0), "CLP")
    built = QuoteBuilder("CLP").tax("IVA", IVA_CL, included=True).reason(reason)
    for m in missing:
        built.missing(m)
    assert built.build(status) == q  # the builder with nothing priced gives the same


def test_an_unpriced_quote_needs_a_known_currency() -> None:
    with pytest.raises(ValueError, match="unknown currency 'XXX'"):
        Quote.unpriced("XXX")


def test_the_builders_sums_are_ordinary_money() -> None:
    q = QuoteBuilder("EUR").line("Hora", eur("40.00"), 3).tax("IVA", IVA_ES).build()
    assert q.total == Money("145.20", "EUR")
    assert q.total.amount.__class__ is Decimal and q.total.currency == "EUR"
    assert hash(q.total) == hash(Money("145.20", "EUR"))
