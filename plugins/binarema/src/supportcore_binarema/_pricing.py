"""What a request costs: nothing under SMART, the SMART offer when SMART is needed, new versions
and re-sent material at the integrator's prices, always "+IVA" (BIN-PRICE-3)."""

from __future__ import annotations

import attrs

from supportcore import (
    Context,
    Coverage,
    CoverageStatus,
    Eligibility,
    Licence,
    MissingSetting,
    Money,
    Quote,
    QuoteBuilder,
    QuoteStatus,
    Reason,
)

from . import _data as D
from ._entitlement import Smart, assess
from ._offer import Offer, OfferLine, smart_offer
from ._periods import latest_licence

#: Basis reasons that entitle (the others only explain renewals and deadlines).
ENTITLING = frozenset(
    {
        "free-period",
        "smart-contract",
        "tpv-follows-factucont",
        "registered-user",
        "material-warranty",
    }
)

__all__ = [
    "ENTITLING",
    "Priced",
    "add_iva",
    "decide_price",
    "fee_reason",
    "material_price",
    "new_version_price",
    "smart_fee_quote",
]


@attrs.frozen
class Priced:
    """Lines priced from settings, or the settings (and facts) that would price them."""

    lines: tuple[OfferLine, ...] = ()
    missing: tuple[MissingSetting, ...] = ()
    note: str = ""  #: a fact the case lacks (e.g. the licence's edition)

    @property
    def subtotal(self) -> Money | None:
        if not self.lines or self.missing or self.note:
            return None
        total = self.lines[0].price
        for line in self.lines[1:]:
            total = total + line.price
        return total


def new_version_price(
    ctx: Context, product: str | None = None, lic: Licence | None = None
) -> Priced:
    """The latest version of ``product`` for this customer: at the registered-user price
    (BIN-EXCL-2-DISCOUNT) or the list price (BIN-EXCL-2), by the licence's edition; both are
    settings, as the terms give neither price nor discount."""
    product = product or ctx.request.product
    lic = lic if lic is not None else latest_licence(ctx.case, product)
    registered = ctx.case.customer.registered
    if registered is None:
        return Priced(
            note="whether the customer is a registered user (customer.registered) decides "
            "between the registered-user price and the list price of the new version"
        )
    key = "new_version_price_registered" if registered else "new_version_price"
    edition = lic.edition if lic is not None else None
    if edition is None:
        return Priced(
            note=f"the {product} licence's edition (licences[].edition) is needed to price the "
            "new version",
            missing=() if ctx.settings.get(key) is not None else (ctx.missing(key),),
        )
    table = ctx.settings.get(key)
    if table is None or edition.value not in table:
        return Priced(missing=(ctx.missing(key),))
    who = "registered-user price" if registered else "list price"
    clauses = ("BIN-EXCL-2", "BIN-EXCL-2-DISCOUNT") if registered else ("BIN-EXCL-2",)
    return Priced(
        lines=(
            OfferLine(
                f"{product} version {D.LATEST_VERSION}, {D.EDITION_NAMES[edition]}, {who}",
                table[edition.value],
                clauses,
            ),
        )
    )


def material_price(ctx: Context) -> Priced:
    """Re-sending material after the 30-day warranty: not free (BIN-EXCL-4), at the
    ``material_resend_price`` setting."""
    price = ctx.settings.money("material_resend_price")
    if price is None:
        return Priced(missing=(ctx.missing("material_resend_price"),))
    return Priced(
        lines=(
            OfferLine(
                "Re-sending material (CDs, boxes, printed manuals) outside the warranty",
                price,
                ("BIN-EXCL-4",),
            ),
        )
    )


def add_iva(ctx: Context, q: QuoteBuilder) -> None:
    """IVA on top of every price ("+IVA", BIN-PRICE-3) at the ``iva_rate`` setting (statutory
    default 21 %)."""
    rate = ctx.settings.decimal("iva_rate")
    if rate is None:  # only if the integrator removed the documented default
        q.missing(ctx.missing("iva_rate"))
        return
    q.tax("IVA", rate, ctx.cite("BIN-PRICE-3"))


def _add(ctx: Context, q: QuoteBuilder, lines: tuple[OfferLine, ...]) -> None:
    for line in lines:
        q.line(line.description, line.price, 1, unit="unit", citations=ctx.cite(*line.clauses))


def _cited(coverage: Coverage) -> tuple[str, ...]:
    """The clauses the coverage answer cites, in order, without repeats."""
    return tuple(dict.fromkeys(c.clause for r in coverage.reasons for c in r.citations))


def decide_price(ctx: Context, eligibility: Eligibility, coverage: Coverage) -> Quote:
    """Price the request (see the module docstring)."""
    a = assess(ctx)
    status = coverage.status
    if status == CoverageStatus.EXCLUDED:
        return ctx.fixed_quote(
            QuoteStatus.NOT_APPLICABLE,
            "not-covered",
            "SMART does not cover this request and the terms offer no paid service for it; "
            "nothing is priced",
            *_cited(coverage),
        )
    if status == CoverageStatus.UNDETERMINED:
        return ctx.fixed_quote(
            QuoteStatus.UNDETERMINED,
            "coverage-undetermined",
            "The terms do not say whether this request is covered, so whether and what it "
            "costs is undetermined",
            *_cited(coverage),
        )
    if status == CoverageStatus.BILLABLE:
        if coverage.category == D.SMART_CONTRACT:
            return smart_fee_quote(ctx, a.smart)
        priced = (
            new_version_price(ctx) if coverage.category == "new_version" else material_price(ctx)
        )
        return _priced_quote(ctx, priced, _cited(coverage))
    # covered
    if eligibility.entitled:
        basis = tuple(
            dict.fromkeys(
                c.clause for r in eligibility.basis if r.code in ENTITLING for c in r.citations
            )
        )
        return ctx.fixed_quote(
            QuoteStatus.FREE,
            "included",
            "Covered and the customer is entitled: nothing to pay for this request",
            *basis,
        )
    smart = a.smart
    if ctx.request.category in D.REGISTERED_ONLY_CATEGORIES and a.licence is not None:
        # a registered user with a licence is entitled (above): this one is not registered
        return ctx.fixed_quote(
            QuoteStatus.FREE,
            "free-once-registered",
            "Nothing to pay once Binarema has the signed registration card: registered "
            "users get installation and start-up help without SMART",
            "BIN-REG-1",
            "BIN-CONTRACT-1",
        )
    if a.licence is None and (a.linked or not smart.contracts):
        return ctx.fixed_quote(
            QuoteStatus.UNDETERMINED,
            "program-price-unknown",
            f"The customer first needs {a.product}; program prices are not part of the SMART terms",
            "BIN-TPV-1" if a.linked else "BIN-FREE-1",
        )
    if a.linked and not a.link_ok:
        priced = new_version_price(ctx, D.FACTUCONT, smart.licence)
        reason = ctx.fixed_reason(
            "update-factucont",
            f"Support for FactuCont TPV 5 needs FactuCont {D.LATEST_VERSION}: price of "
            "updating FactuCont (it then has 3 months of free SMART)",
            "BIN-TPV-2",
            "BIN-CONTRACT-3",
        )
        return _priced_quote(ctx, priced, ("BIN-EXCL-2",), reason)
    if smart.licence is None and not smart.contracts:
        return ctx.fixed_quote(
            QuoteStatus.UNDETERMINED,
            "program-price-unknown",
            f"SMART for {a.product} follows {smart.product}'s, and the customer has no "
            f"{smart.product}; program prices are not part of the SMART terms",
            "BIN-TPV-1",
            "BIN-TPV-2",
        )
    if smart.free_running and not smart.registered:
        assert smart.free is not None
        return Quote.unpriced(
            ctx.vendor.currency,
            QuoteStatus.FREE,
            (
                ctx.reason(
                    "free-once-registered",
                    "Nothing to pay once Binarema has the signed registration card: the free SMART "
                    f"period runs {smart.free.period.describe()}",
                    "BIN-CONTRACT-1",
                    "BIN-FREE-1",
                ),
            ),
        )
    offer = smart_offer(ctx, smart)
    needed = ctx.fixed_reason(
        "smart-needed",
        f"This request needs SMART for {smart.product}: the price of contracting it now "
        "(yearly, renews automatically)",
        "BIN-FREE-2",
        offer.clause,
    )
    return _offer_quote(ctx, offer, needed)


def smart_fee_quote(ctx: Context, smart: Smart) -> Quote:
    """A request to contract or renew SMART (category ``smart_contract``): the yearly fee that
    applies now (:func:`smart_offer`), +IVA."""
    if smart.licence is None and not smart.contracts:
        return ctx.fixed_quote(
            QuoteStatus.UNDETERMINED,
            "program-price-unknown",
            f"SMART is contracted for a program the customer has, and no {smart.product} "
            "licence is on record; program prices are not part of the SMART terms",
            "BIN-FREE-1",
            "BIN-PROG-1",
        )
    offer = smart_offer(ctx, smart)
    return _offer_quote(ctx, offer, fee_reason(ctx, smart, offer))


def fee_reason(ctx: Context, smart: Smart, offer: Offer) -> Reason:
    """Which yearly fee this is and why (BIN-PRICE-4, BIN-PRICE-5, BIN-PRICE-6)."""
    product = smart.product
    if offer.basis == "renewal":
        why = (
            f"SMART for {product} is in force: renewing it is a second or later yearly fee, at "
            "the plain fee"
        )
    elif offer.basis == "before_expiry":
        assert smart.free is not None
        why = (
            f"SMART for {product} contracted before the free period expires (its last day is "
            f"{smart.free.period.last_day.isoformat()}): the plain fee from the first year, "
            "without the activation extra"
        )
    elif offer.basis == "returning" and not offer.extra_due:
        why = (
            f"The customer already paid SMART for {product} under an earlier contract: the fee "
            "now is a second or later yearly fee, at the plain fee, without the first-year "
            "activation extra (setting returning_customer_fee)"
        )
    elif offer.basis == "returning":
        why = (
            f"SMART for {product} contracted again after the free period expired: the yearly "
            "fee plus the first-year activation extra (setting returning_customer_fee = "
            "activation_extra)"
        )
    else:
        why = (
            f"First year of SMART for {product}, contracted after the free period expired: "
            "the yearly fee plus the activation extra by the customer's version"
        )
    return ctx.reason("smart-fee", why, "BIN-FREE-2", offer.clause)


def _offer_quote(ctx: Context, offer: Offer, reason: Reason) -> Quote:
    """The quote of the SMART offer, +IVA, with ``reason`` first."""
    q = QuoteBuilder(ctx.vendor.currency)
    q.reason(reason)
    _add(ctx, q, offer.lines)
    for m in offer.missing:
        q.missing(m)
    for note in offer.notes:
        q.reason(note)
    add_iva(ctx, q)
    return q.build(QuoteStatus.INCOMPLETE if not offer.complete else None)


def _priced_quote(
    ctx: Context, priced: Priced, cited: tuple[str, ...], reason: Reason | None = None
) -> Quote:
    """The quote of priced lines (or the settings and facts that would price them), +IVA;
    ``reason`` first when given."""
    q = QuoteBuilder(ctx.vendor.currency)
    if reason is not None:
        q.reason(reason)
    _add(ctx, q, priced.lines)
    for m in priced.missing:
        q.missing(m)
    if priced.note:
        q.reason(ctx.reason("price-fact-missing", f"Incomplete: {priced.note}", *cited))
    add_iva(ctx, q)
    incomplete = bool(priced.missing or priced.note)
    return q.build(QuoteStatus.INCOMPLETE if incomplete else None)
