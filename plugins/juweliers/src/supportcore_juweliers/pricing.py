"""Pricing: nothing under the agreement, regie time for what it does not cover, regie time and
the upgrade without it, the invoiced quarter on cancellation; BTW on every priced line."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import timedelta
from decimal import Decimal
from typing import Any

import attrs

from supportcore.decision import Coverage, CoverageStatus, Eligibility
from supportcore.model import PaymentState
from supportcore.money import Money, Quote, QuoteBuilder, QuoteStatus, quantize

from .facts import CANCELLATION, QUARTER_MONTHS, UPGRADE_CATEGORIES, Ctx

#: Eligibility reason codes meaning "no help through this request now" (nothing to price).
BLOCKING_CODES = frozenset(
    {
        "channel-not-offered",
        "communication-pack-missing",
        "phone-help-holiday-period",
        "internet-help-holiday-period",
    }
)
INVOICED = ("JUW-CANCEL-INVOICED", "JUW-FEE")
HOUR = 60


def pricing(ctx: Ctx, eligibility: Eligibility, coverage: Coverage) -> Quote:
    """Nothing to price when help is refused now or covered; regie time, the upgrade, the invoiced
    quarter otherwise, with BTW (``tax_rate``), included in a partly paid invoice's rest."""
    f, cur, status = ctx.facts, ctx.vendor.currency, coverage.status
    cancelling, in_force = ctx.request.category == CANCELLATION, f.agreement.in_force
    blocking = tuple(r for r in eligibility.reasons if r.code in BLOCKING_CODES)
    if cancelling and status != CoverageStatus.BILLABLE:
        why = ctx.listed_reason("no-settlement")
        return Quote.unpriced(cur, QuoteStatus.NOT_APPLICABLE, (why,))
    if not cancelling and blocking:
        return Quote.unpriced(cur, QuoteStatus.NOT_APPLICABLE, blocking)
    if not cancelling and in_force and status == CoverageStatus.COVERED:
        why = ctx.listed_reason("included-in-agreement")
        return Quote.unpriced(cur, QuoteStatus.FREE, (why,))
    if not cancelling and in_force and status != CoverageStatus.BILLABLE:
        why = ctx.listed_reason("not-priced")
        return Quote.unpriced(cur, QuoteStatus.UNDETERMINED, (why,))
    q, priced = QuoteBuilder(cur), None
    if cancelling:
        priced = cancellation_settlement(ctx, q)
    elif in_force:  # work the agreement does not cover (JUW-I-MINIMUM-EXCLUDED)
        minimum = HOUR if ctx.prepared.minimum_for_excluded_work else 0
        if not regie_lines(ctx, q, minimum, ("JUW-EXCLUDED-REGIE",)):
            priced = QuoteStatus.INCOMPLETE
    else:
        if ctx.request.category not in UPGRADE_CATEGORIES:
            regie_lines(ctx, q, HOUR, ("JUW-AFTER-CANCEL", "JUW-AFTER-CANCEL-ALL-CHANNELS"))
        priced = _upgrade(ctx, q) if f.upgrade is not None else None
    tax, contract = ctx.tax, f.agreement.contract
    assert tax.rate is not None  # (tax_rate has the statutory default)
    if q.has_lines:
        partial = contract is not None and contract.payment is PaymentState.PARTIAL
        q.tax(tax.name, tax.rate, tax.citations, included=cancelling and partial)
    if priced != QuoteStatus.UNDETERMINED:
        return q.build(priced)
    needed = "the rest of the partly paid quarter invoice"  # (a payment of no amount)
    paid = ctx.missing_fact("ticket.events", needed, "the payments, each with its amount")
    return attrs.evolve(q.build(priced), missing_facts=(paid,))


def _upgrade(ctx: Ctx, q: QuoteBuilder) -> str | None:
    up = ctx.facts.upgrade
    assert up is not None
    for m in up.missing:
        q.missing(m)
    if up.amount is None:
        q.reason(ctx.listed_reason("upgrade-price-unknown", how=up.how))
        return QuoteStatus.INCOMPLETE
    text = ctx.say("Upgrade to the latest version: {how}", how=up.how)
    q.line(text, up.amount, citations=ctx.cite("JUW-ADAPTATION-UPGRADE", "JUW-UPGRADE-PRICE"))
    return None


def regie_lines(ctx: Ctx, q: QuoteBuilder, minimum: int, clause_ids: Sequence[str]) -> bool:
    """One line per work session, else the request, at the regie rate and at least the minimum
    (JUW-I-INTERVENTION); ``False`` when nothing can be quoted yet."""
    logged: list[int | None] = [e.minutes or 0 for e in ctx.timeline.work]
    if not logged and not minimum:
        q.reason(ctx.listed_reason("regie-time-unknown", *clause_ids))
        return False
    rate = ctx.price("regie_hourly_rate")
    if not isinstance(rate, Money):
        q.missing(rate)
    increment, cites = ctx.prepared.increment, ctx.cite(*clause_ids)
    for n, minutes in enumerate(logged or [None], start=1):
        billed: int | None = minimum
        if minutes is not None and minutes > minimum:
            billed = (
                None if increment is None else max(minimum, -(-minutes // increment) * increment)
            )
        if billed is None:
            q.missing(ctx.missing("regie_increment_minutes"))
            continue
        if not isinstance(rate, Money):
            continue
        if minutes is None:
            text = ctx.say("Regie: minimum of 1 hour per intervention (no time logged yet)")
        elif billed == minutes:
            text = ctx.say(
                "Regie: intervention {n}, {logged}", n=n, logged=timedelta(minutes=minutes)
            )
        else:
            text = ctx.say(
                "Regie: intervention {n}, {logged} logged, {billed} charged",
                n=n,
                logged=timedelta(minutes=minutes),
                billed=timedelta(minutes=billed),
            )
        q.line(text, rate, Decimal(billed) / HOUR, unit="hour", citations=cites)
    return True


def cancellation_settlement(ctx: Ctx, q: QuoteBuilder) -> str | None:
    """Only "de reeds gefactureerde perioden vóór de opzeg" (JUW-CANCEL-INVOICED, JUW-FEE): the
    quarter running at the notice, by its invoice (JUW-I-INVOICE-PAYMENT, -QUARTER-INVOICING)."""
    f = ctx.facts
    contract, notice, quarter, fee = f.agreement.contract, f.agreement.notice, f.quarter, f.fee
    assert contract and notice and fee  # (a valid notice of a contract)
    if quarter is None:
        q.reason(ctx.listed_reason("nothing-invoiced", notice=notice.day))
        return None
    values: dict[str, Any] = {"quarter": quarter, "notice": notice.day}
    payment, status = contract.payment, None
    if not ctx.prepared.invoiced_in_advance:
        which = "running-quarter-not-invoiced"
    elif payment is PaymentState.NOT_INVOICED:
        which = "quarter-not-invoiced"
    elif payment is PaymentState.PAID:
        which = "invoiced-quarter-paid"
    elif fee.amount is None:
        for m in fee.missing:
            q.missing(m)
        which, values["how"] = "invoiced-quarter-due-amount-unknown", fee.how
    elif payment is not PaymentState.PARTIAL:
        which = "invoiced-quarter-due"
        text = ctx.say("Invoiced quarter {quarter} ({how})", quarter=quarter, how=fee.how)
        q.line(text, fee.amount, QUARTER_MONTHS, unit="month", citations=ctx.cite(*INVOICED))
    else:  # the invoice, BTW included, less the payments (JUW-I-INVOICE-PAYMENT)
        tax, paid, net = ctx.tax, f.paid, fee.amount * QUARTER_MONTHS
        assert tax.rate is not None  # (tax_rate has the statutory default)
        gross = net + ctx.money(quantize(net.amount * tax.rate, ctx.vendor.currency))
        values.update(gross=gross, tax=tax.name, percent=(tax.rate * 100).normalize())
        if paid is None:
            which, status = "amount-paid-unknown", QuoteStatus.UNDETERMINED
        elif gross.amount <= paid.amount:
            which, values["paid"] = "invoiced-quarter-paid-in-full", paid
        else:
            which, due = "invoiced-quarter-partly-paid", gross - paid
            values.update(paid=paid, due=due)
            text = ctx.say(
                "Rest of the quarter {quarter}: {gross} invoiced, {paid} paid",
                quarter=quarter,
                gross=gross,
                paid=paid,
            )
            q.line(text, due, citations=ctx.cite(*INVOICED))
    q.reason(ctx.listed_reason(which, **values))
    return status
