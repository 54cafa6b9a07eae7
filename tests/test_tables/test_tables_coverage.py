"""``[[coverage]]``, ``[coverage_default]``, ``[[remedies]]``, ``[[fees]]``, ``[tax]`` and the
core's default quote."""

from __future__ import annotations

import copy
from datetime import date
from decimal import Decimal

from tables_vendor import bare, catalogue, context, with_tables

from supportcore import Money
from supportcore.decision import Coverage, Eligibility, Reason
from supportcore.money import QuoteBuilder
from supportcore.reasons import Citation

COVERED = {
    "categories": ["usage_question"],
    "status": "covered",
    "message": "Covered",
    "clauses": ["N-COVER-1"],
}


def cited(reasons):
    return [c.clause for r in reasons for c in r.citations]


# --------------------------------------------------------------------------- coverage


def test_a_listed_category_gets_its_rows_status_code_and_words():
    coverage = context(category="hardware").listed_coverage
    assert (coverage.status, coverage.category) == ("excluded", "hardware")
    assert coverage.reasons[0].code == "hardware"
    assert coverage.reasons[0].message == "Hardware problems are not covered"
    assert cited(coverage.reasons) == ["N-EXCL-1"]


def test_the_category_is_written_into_the_message_and_kept_as_a_param():
    reason = context(category="malfunction").listed_coverage.reasons[0]
    assert reason.message == (
        "A request about this is covered: the program fails, errors, stops or behaves wrongly"
    )
    assert reason.params == {"category": "malfunction"}


def test_a_rows_interpretations_travel_with_its_reason():
    reason = context(category="malfunction").listed_coverage.reasons[0]
    assert reason.interpretations == ("N-I-MALFUNCTION",)


def test_a_variant_adds_its_clause_for_its_product():
    pos = context(product="Ledger POS").listed_coverage
    ledger = context(product="Ledger").listed_coverage
    assert cited(pos.reasons) == ["N-COVER-1", "N-COVER-POS"]
    assert cited(ledger.reasons) == ["N-COVER-1"]


def test_a_variant_by_channel_needs_that_channel():
    variant = {"when": {"channel": "email"}, "add_clauses": ["N-WRITTEN"]}
    cat = with_tables(coverage=[{**COVERED, "variants": [variant]}])
    assert cited(context(cat, channel="email").listed_coverage.reasons) == [
        "N-COVER-1",
        "N-WRITTEN",
    ]
    assert cited(context(cat, channel="phone").listed_coverage.reasons) == ["N-COVER-1"]


def test_a_category_no_row_lists_gets_the_default():
    coverage = context(category="network").listed_coverage
    assert (coverage.status, coverage.reasons[0].code) == ("undetermined", "not-ruled")
    assert coverage.reasons[0].message == (
        "The terms say nothing about installing or configuring networks, sharing, users"
    )


def test_the_default_without_words_gets_the_cores():
    cat = with_tables(coverage_default={})
    reason = context(cat, category="network").listed_coverage.reasons[0]
    assert reason.message == (
        "The terms do not say whether this kind of request is covered: "
        "installing or configuring networks, sharing, users"
    )


def test_without_a_row_or_a_default_the_table_gives_no_answer():
    cat = with_tables(coverage=[COVERED])
    assert context(cat, category="network").listed_coverage is None


def test_a_clause_not_in_the_version_in_force_is_not_cited():
    data = bare()
    older = copy.deepcopy(data["versions"][0])
    older["version"], older["effective_from"] = "2024", date(2024, 1, 1)
    older["clauses"] = [c for c in older["clauses"] if c["id"] != "N-COVER-POS"]
    data["versions"].insert(0, older)
    data["coverage"] = [{**COVERED, "clauses": ["N-COVER-1", "N-COVER-POS"]}]
    cat = catalogue(data)
    in_2024 = context(cat, at="2024-06-04T10:00:00+02:00").listed_coverage
    in_2026 = context(cat).listed_coverage
    assert cited(in_2024.reasons) == ["N-COVER-1"]
    assert cited(in_2026.reasons) == ["N-COVER-1", "N-COVER-POS"]


# --------------------------------------------------------------------------- remedies


def test_an_unpriced_remedy_keeps_its_note():
    remedy = context(category="hardware").listed_coverage.remedies[0]
    assert (remedy.code, remedy.price, remedy.price_note) == ("use-f1-help", None, "free")
    assert [c.clause for c in remedy.citations] == ["N-EXCL-HELP"]


def test_a_remedy_priced_by_a_fee_has_the_fee_and_the_tax_note():
    remedy = context(category="training").listed_coverage.remedies[0]
    assert remedy.price == Money("60.00", "EUR")
    assert remedy.price_note == "+ IVA 21 %"
    assert [c.clause for c in remedy.citations] == ["N-BILL-1", "N-PRICE-1"]


def test_a_remedy_priced_by_a_setting_names_the_setting_when_missing():
    remedy = context(category="hardware").listed_coverage.remedies[1]
    assert remedy.price is None
    assert [m.key for m in remedy.missing] == ["resend_price"]


def test_a_remedy_priced_by_a_setting_uses_the_integrators_tariff():
    remedy = context(category="hardware", settings={"resend_price": "9.50"}).listed_coverage
    assert remedy.remedies[1].price == Money("9.50", "EUR")


# --------------------------------------------------------------------------- fees and tax


def test_a_fee_is_in_the_vendors_currency_with_its_clauses():
    fee = context().fee("training")
    assert fee.amount == Money("60.00", "EUR")
    assert [c.clause for c in fee.citations] == ["N-PRICE-1"]


def test_a_fee_the_terms_do_not_give_is_none():
    assert context().fee("training", "network") is None


def test_the_tax_rate_is_the_tax_rate_setting():
    tax = context(settings={"tax_rate": "0.10"}).tax
    assert (tax.name, tax.rate, tax.note) == ("IVA", Decimal("0.10"), "+ IVA 10 %")


def test_prices_including_the_tax_say_so():
    tax = context(settings={"prices_include_tax": True}).tax
    assert tax.included and tax.note == "IVA 21 % included"


def test_an_included_tax_is_extracted_from_the_price():
    ctx = context(settings={"prices_include_tax": True})
    quote = ctx.tax.apply(QuoteBuilder("EUR").line("x", Money("121.00", "EUR"))).build()
    assert quote.total == Money("121.00", "EUR") and quote.taxes[0].amount == Money("21", "EUR")


def test_a_missing_tax_rate_is_named_and_leaves_the_quote_incomplete():
    data = bare()
    for spec in data["settings"]:
        if spec["key"] == "tax_rate":
            del spec["default"], spec["default_source"]
    data["tax"] = {"name": "BTW"}
    tax = context(catalogue(data)).tax
    assert (tax.rate, tax.note, [m.key for m in tax.missing]) == (None, "+ BTW", ["tax_rate"])
    quote = tax.apply(QuoteBuilder("EUR").line("x", Money("1", "EUR"))).build()
    assert quote.status == "incomplete"


def test_the_tax_line_cites_the_tax_clauses():
    quote = context().tax.apply(QuoteBuilder("EUR").line("x", Money("100", "EUR"))).build()
    assert [c.clause for c in quote.taxes[0].citations] == ["N-TAX"]


def test_a_vendor_without_a_tax_table_adds_no_tax():
    ctx = context(catalogue(bare()))
    quote = ctx.tax.apply(QuoteBuilder("EUR").line("x", Money("100", "EUR"))).build()
    assert quote.taxes == () and ctx.tax.note == ""


# --------------------------------------------------------------------------- default quote

ENTITLED = Eligibility("entitled")
REFUSED = Eligibility(
    "not_entitled", reasons=(Reason("no-plan", "No plan", (Citation("nordesk", "N-SLA-3", "x"),)),)
)
UNKNOWN = Eligibility("undetermined", reasons=(Reason("unknown", "Unknown"),))


def quote(eligibility, **request):
    ctx = context(**request)
    return ctx.default_quote(eligibility, ctx.listed_coverage)


def test_an_excluded_request_is_not_priced_citing_the_exclusion():
    priced = quote(ENTITLED, category="hardware")
    assert priced.status == "not_applicable"
    assert cited(priced.reasons) == ["N-EXCL-1"]


def test_undetermined_coverage_is_not_priced():
    priced = quote(ENTITLED, category="network")
    assert priced.status == "undetermined"
    assert cited(priced.reasons) == ["N-COVER-1", "N-EXCL-1"]


def test_a_refused_customer_is_not_priced_with_the_refusals_reasons():
    priced = quote(REFUSED)
    assert priced.status == "not_applicable" and priced.reasons == REFUSED.reasons


def test_a_billable_request_is_priced_by_its_fee_with_the_tax():
    priced = quote(ENTITLED, category="training")
    assert priced.status == "complete"
    assert priced.lines[0].description == "Training session"
    assert priced.total == Money("72.60", "EUR")
    assert [c.clause for c in priced.lines[0].citations] == ["N-PRICE-1"]


def test_a_billable_request_priced_by_a_missing_setting_is_incomplete():
    row = {**COVERED, "categories": ["shipping_material"], "status": "billable"}
    cat = with_tables(coverage=[{**row, "setting": "resend_price"}])
    ctx = context(cat, category="shipping_material")
    priced = ctx.default_quote(ENTITLED, ctx.listed_coverage)
    assert priced.status == "incomplete" and [m.key for m in priced.missing] == ["resend_price"]


def test_a_billable_request_priced_by_a_setting_describes_the_setting():
    row = {**COVERED, "categories": ["shipping_material"], "status": "billable"}
    cat = with_tables(coverage=[{**row, "setting": "resend_price"}])
    ctx = context(cat, category="shipping_material", settings={"resend_price": "10"})
    priced = ctx.default_quote(ENTITLED, ctx.listed_coverage)
    assert priced.lines[0].description == "price of sending material again"
    assert priced.total == Money("10", "EUR")  # no [tax] table: no tax


def test_a_billable_request_without_a_price_is_undetermined():
    cat = with_tables(coverage=[{**COVERED, "status": "billable"}])
    ctx = context(cat)
    priced = ctx.default_quote(ENTITLED, ctx.listed_coverage)
    assert (priced.status, priced.reasons[0].code) == ("undetermined", "billable-unpriced")


def test_a_covered_request_of_an_entitled_customer_is_free():
    priced = quote(ENTITLED)
    assert priced.status == "free" and cited(priced.reasons) == ["N-COVER-1"]


def test_a_covered_request_with_undetermined_eligibility_is_undetermined():
    priced = quote(UNKNOWN)
    assert priced.status == "undetermined" and priced.reasons == UNKNOWN.reasons


def test_the_default_quote_prices_a_plugins_own_billable_coverage_by_category():
    ctx = context(category="training")
    own = Coverage("billable", "training", (Reason("mine", "Billed", ()),))
    assert ctx.default_quote(ENTITLED, own).status == "complete"


def test_a_variant_may_cite_other_clauses_instead_of_the_rows():
    rows = [
        {
            "categories": ["usage_question"],
            "status": "covered",
            "message": "Covered",
            "clauses": ["N-COVER-1"],
            "variants": [{"when": {"channel": "email"}, "clauses": ["N-EXCL-1"]}],
        }
    ]
    cat = with_tables(coverage=rows)
    by_mail = context(cat, channel="email").listed_coverage
    assert [c.clause for c in by_mail.reasons[0].citations] == ["N-EXCL-1"]
    by_phone = context(cat).listed_coverage
    assert [c.clause for c in by_phone.reasons[0].citations] == ["N-COVER-1"]
