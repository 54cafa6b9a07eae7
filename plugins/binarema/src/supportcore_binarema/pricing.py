"""What a request costs: nothing under SMART; otherwise the SMART offer (the yearly fee by
edition, plus the activation extra for a first year contracted after the free period expired),
a new version or re-sent material at the integrator's prices; always "+IVA" (BIN-PRICE-3)."""

from __future__ import annotations

from typing import Any

import attrs

from supportcore import Coverage, Edition, Eligibility, Licence, Reason, Remedy
from supportcore.money import Money, Quote, QuoteBuilder, QuoteStatus
from supportcore.tables import Fee
from supportcore.wording import Phrase, phrase, words

from . import prepared as P
from .facts import Ctx

__all__ = ["fee_words", "material_quote", "new_version_quote", "offer_remedy", "remedy_price"]

#: Basis reasons that entitle (the others explain renewals): a free quote cites them.
ENTITLING = {"free-period", "smart-contract", "tpv-follows-factucont", "registered-user"}
ENTITLING |= {"material-warranty"}
#: The offer's note for a fee without the activation extra (BIN-PRICE-4, BIN-PRICE-5;
#: interpretations BIN-I-EXTRA, BIN-I-RETURNING); the reason ``smart-fee-<fee>`` says why, and
#: its last clause decides the price.
PLAIN_FEES = {
    "renewal": phrase("no activation extra: a second or later yearly fee"),
    "before_expiry": phrase("no activation extra: contracted before the free period expires"),
    "returning": phrase("no activation extra: a later yearly fee (a SMART year was paid)"),
}
#: The status of a quote that prices nothing, by its one reason.
UNPRICED = {"not-covered": QuoteStatus.NOT_APPLICABLE, "program-price-unknown": "undetermined"}
UNPRICED |= {"free-once-registered": QuoteStatus.FREE, "included": QuoteStatus.FREE}
EDITIONS = {
    Edition.SINGLE_SEAT: phrase("single-seat (monopuesto)"),
    Edition.NETWORK: phrase("network (en red)"),
}


def yearly_fee(ctx: Ctx, edition: Edition) -> Fee:
    """The yearly SMART fee of an edition before IVA, citing its clause (``[[fees]]``)."""
    amount, clauses = ctx.prepared.fees[edition]
    return Fee(amount, ctx.cite(*clauses))


def fee_words(ctx: Ctx, edition: Edition | None) -> tuple[Phrase, tuple[str, ...]]:
    """The yearly fee in words ("92.99 + IVA"), with the clauses giving it (BIN-PRICE-1..3)."""
    fees = [yearly_fee(ctx, e) for e in ((edition,) if edition else Edition)]
    ids = (*(c.clause for fee in fees for c in fee.citations), "BIN-PRICE-3")
    if edition is not None:
        return phrase("{fee} + IVA", fee=fees[0].amount), ids
    one, net = (fee.amount for fee in fees)
    return phrase("{one} (single seat) or {net} (network) + IVA", one=one, net=net), ids


def offer_clause(ctx: Ctx) -> str:
    """The clause deciding which price contracting SMART now has (BIN-PRICE-4, -5 or -6)."""
    return ctx.tables.reasons[f"smart-fee-{ctx.facts.fee}"].clauses[-1]


def quoted(ctx: Ctx, q: QuoteBuilder, incomplete: bool, first: Reason | None = None) -> Quote:
    """``q`` +IVA, with ``first`` as its first reason."""
    quote = ctx.tax.apply(q).build(QuoteStatus.INCOMPLETE if incomplete else None)
    return quote if first is None else attrs.evolve(quote, reasons=(first, *quote.reasons))


def offer_quote(ctx: Ctx, first: Reason | None = None) -> Quote:
    """Contracting (or renewing) SMART now: the edition's yearly fee (BIN-PRICE-1/2;
    interpretation BIN-I-EDITION), plus the activation extra by the customer's major version
    when due (BIN-PRICE-6; interpretation BIN-I-EXTRA), +IVA."""
    f, q, key = ctx.facts, QuoteBuilder(ctx.vendor.currency), "activation_extra_by_version"
    smart, product, extras, version = f.smart, f.smart.product, ctx.prepared.extras, f.version
    if smart.edition is None:
        fee, ids = fee_words(ctx, None)
        q.reason(ctx.listed_reason("edition-unknown", *ids, product=product, fee=fee))
    else:
        yearly, edition = yearly_fee(ctx, smart.edition), EDITIONS[smart.edition]
        text = ctx.say("SMART yearly fee, {product} {edition}", product=product, edition=edition)
        q.line(text, yearly.amount, citations=(*ctx.cite("BIN-FREE-2"), *yearly.citations))
    extra = extras.get(version) if extras is not None and version is not None else None
    if f.extra_due and version is None:
        q.reason(ctx.listed_reason("version-unknown", product=product))
    elif f.extra_due and extra is not None:
        text = ctx.say(
            "First-year activation extra (version {version}; SMART contracted after the free "
            "period expired)",
            version=version,
        )
        q.line(text, extra, citations=ctx.cite("BIN-PRICE-6"))
    elif f.extra_due and extras is not None:
        q.reason(ctx.listed_reason("activation-extra-unknown", version=version))
    if f.extra_due and extra is None and (extras is None or version is not None):
        q.missing(ctx.missing(key))
    return quoted(ctx, q, smart.edition is None or (f.extra_due and extra is None), first)


def offer_remedy(ctx: Ctx) -> Remedy:
    """The remedy "contract SMART" with its price before IVA, or what would price it."""
    f, q = ctx.facts, offer_quote(ctx)
    if not f.extra_due:
        note = words(PLAIN_FEES[f.fee], ctx.language)
    elif any(line.citations[-1].clause == "BIN-PRICE-6" for line in q.lines):
        note = ctx.say("includes the first-year activation extra")
    else:
        note = ctx.say("plus the first-year activation extra, not priced")
    lines = (c.clause for line in q.lines for c in line.citations)
    rows = ("BIN-FREE-2", "BIN-PRICE-3")  # the [[remedies]] row's own clauses
    cited = [c for c in dict.fromkeys((*lines, offer_clause(ctx))) if c not in rows]
    return ctx.listed_remedy(
        "contract-smart",
        *cited,
        price=q.subtotal if q.lines and f.smart.edition is not None else None,
        price_note="; ".join([ctx.tax.note, note, *(r.message for r in q.reasons)]),
        missing=tuple(m for m in q.missing if m.key != "tax_rate"),
        product=f.smart.product,
        phone=P.PHONE,
        email=P.EMAIL,
    )


def fee_reason(ctx: Ctx) -> Reason:
    """Which yearly fee this is and why (BIN-PRICE-4, BIN-PRICE-5, BIN-PRICE-6)."""
    smart, fee = ctx.facts.smart, ctx.facts.fee
    values: dict[str, Any] = {"product": smart.product}
    if smart.free is not None and fee == "before_expiry":
        values["last_day"] = smart.free.last_day
    return ctx.listed_reason(f"smart-fee-{fee}", **values)


def new_version_quote(ctx: Ctx, product: str, lic: Licence | None, *cited: str) -> Quote:
    """The latest version at the registered-user price (BIN-EXCL-2-DISCOUNT) or the list price
    (BIN-EXCL-2), by edition: settings, as the terms give neither."""
    q, registered = QuoteBuilder(ctx.vendor.currency), ctx.case.customer.registered
    key = "new_version_price_registered" if registered else "new_version_price"
    if registered is None:
        note = phrase(
            "whether the customer is a registered user decides between the registered-user "
            "price and the list price of the new version"
        )
    elif lic is None or lic.edition is None:
        note = phrase(
            "the {product} licence's edition is needed to price the new version", product=product
        )
        if ctx.settings.get(key) is None:
            q.missing(ctx.missing(key))
    else:
        price = ctx.price(key, lic.edition.value)
        v = {"product": product, "version": P.LATEST_VERSION, "edition": EDITIONS[lic.edition]}
        if not isinstance(price, Money):
            q.missing(price)
        elif registered:
            text = ctx.say("{product} version {version}, {edition}, registered-user price", **v)
            q.line(text, price, citations=ctx.cite("BIN-EXCL-2", "BIN-EXCL-2-DISCOUNT"))
        else:
            text = ctx.say("{product} version {version}, {edition}, list price", **v)
            q.line(text, price, citations=ctx.cite("BIN-EXCL-2"))
        return quoted(ctx, q, not isinstance(price, Money))
    q.reason(ctx.listed_reason("price-fact-missing", *cited, note=note))
    return quoted(ctx, q, True)


def material_quote(ctx: Ctx) -> Quote:
    """Re-sending material after the warranty (BIN-EXCL-4): setting ``material_resend_price``."""
    q, price = QuoteBuilder(ctx.vendor.currency), ctx.price("material_resend_price")
    if isinstance(price, Money):
        text = ctx.say("Re-sending material (CDs, boxes, printed manuals) outside the warranty")
        q.line(text, price, citations=ctx.cite("BIN-EXCL-4"))
    else:
        q.missing(price)
    return quoted(ctx, q, not isinstance(price, Money))


def remedy_price(ctx: Ctx, quote: Quote) -> dict[str, Any]:
    """A remedy's price from its quote: the subtotal when complete, the notes, what is missing."""
    return {
        "price": quote.subtotal if quote.status == QuoteStatus.COMPLETE else None,
        "price_note": "; ".join([ctx.tax.note, *(r.message for r in quote.reasons)]),
        "missing": tuple(m for m in quote.missing if m.key != "tax_rate"),
    }


def not_entitled(ctx: Ctx) -> Reason | Quote:
    """A covered request the customer is not entitled to: what would make it free or payable."""
    f, product = ctx.facts, ctx.request.product
    smart = f.smart
    if ctx.request.category in P.REGISTERED_ONLY and f.licence is not None:
        return ctx.listed_reason("free-once-registered-installation")
    if f.licence is None and (f.linked or not smart.contracts):
        clause = "BIN-TPV-1" if f.linked else "BIN-FREE-1"
        return ctx.listed_reason("program-price-unknown", clause, product=product)
    if f.linked and not f.link_ok:
        why = ctx.listed_reason("update-factucont", version=P.LATEST_VERSION)
        quote = new_version_quote(ctx, P.FACTUCONT, smart.licence, "BIN-EXCL-2")
        return attrs.evolve(quote, reasons=(why, *quote.reasons))
    if smart.licence is None and not smart.contracts:
        program = smart.product
        return ctx.listed_reason("program-price-unknown-linked", product=product, program=program)
    if smart.free_running and not smart.registered and smart.free is not None:
        return ctx.listed_reason("free-once-registered", period=smart.free)
    needed = ctx.listed_reason("smart-needed", offer_clause(ctx), product=smart.product)
    return offer_quote(ctx, needed)


def pricing(ctx: Ctx, eligibility: Eligibility, coverage: Coverage) -> Quote:
    """Nothing for what is excluded; the price of what is billable (SMART itself: interpretation
    BIN-I-SMARTFEE); free when covered and entitled; else what SMART or registering costs."""
    status, smart = coverage.status, ctx.facts.smart
    billable, category = status == "billable", coverage.category
    cited = tuple(dict.fromkeys(c.clause for r in coverage.reasons for c in r.citations))
    answer: Reason | Quote
    if status == "excluded":
        answer = ctx.listed_reason("not-covered", *cited)
    elif billable and category == "smart_contract" and (smart.licence or smart.contracts):
        answer = offer_quote(ctx, fee_reason(ctx))
    elif billable and category == "smart_contract":
        answer = ctx.listed_reason("program-price-unknown-smart", product=smart.product)
    elif billable and category == "new_version":
        answer = new_version_quote(ctx, ctx.request.product, ctx.facts.licence, *cited)
    elif billable:
        answer = material_quote(ctx)
    elif status != "covered":
        answer = ctx.default_quote(eligibility, coverage)
    elif not eligibility.entitled:
        answer = not_entitled(ctx)
    else:
        basis = (c.clause for r in eligibility.basis if r.code in ENTITLING for c in r.citations)
        answer = ctx.listed_reason("included", *dict.fromkeys(basis))
    if isinstance(answer, Quote):
        return answer
    return Quote.unpriced(ctx.vendor.currency, UNPRICED[answer.code], (answer,))
