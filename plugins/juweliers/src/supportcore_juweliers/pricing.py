"""Pricing: nothing under the agreement, regie time for what it does not cover, regie time and
the upgrade without it, the invoiced quarter on cancellation; BTW on every priced line."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import timedelta
from decimal import Decimal
from typing import Any

from supportcore.decision import Coverage, CoverageStatus, Eligibility
from supportcore.model import PaymentState
from supportcore.money import Money, Quote, QuoteBuilder, QuoteStatus, quantize
from supportcore.wording import phrase

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
        why = ctx.reason("no-settlement", "No valid cancellation: nothing to settle", "JUW-CANCEL")
        return Quote.unpriced(cur, QuoteStatus.NOT_APPLICABLE, (why,))
    if not cancelling and blocking:
        return Quote.unpriced(cur, QuoteStatus.NOT_APPLICABLE, blocking)
    if not cancelling and in_force and status == CoverageStatus.COVERED:
        why = ctx.reason(
            "included-in-agreement", "Included in the agreement's monthly amount", "JUW-FEE"
        )
        return Quote.unpriced(cur, QuoteStatus.FREE, (why,))
    if not cancelling and in_force and status != CoverageStatus.BILLABLE:
        why = ctx.reason(
            "not-priced", "The terms do not rule on this request: not priced", "JUW-FEE"
        )
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
    return q.build(priced)


def _upgrade(ctx: Ctx, q: QuoteBuilder) -> str | None:
    up = ctx.facts.upgrade
    assert up is not None
    for m in up.missing:
        q.missing(m)
    if up.amount is None:
        why = ctx.reason(
            "upgrade-price-unknown", "No upgrade price: {how}", "JUW-UPGRADE-PRICE", how=up.how
        )
        q.reason(why)
        return QuoteStatus.INCOMPLETE
    text = ctx.say("Upgrade to the latest version: {how}", how=up.how)
    q.line(text, up.amount, citations=ctx.cite("JUW-ADAPTATION-UPGRADE", "JUW-UPGRADE-PRICE"))
    return None


def regie_lines(ctx: Ctx, q: QuoteBuilder, minimum: int, clause_ids: Sequence[str]) -> bool:
    """One line per work session, else the request, at the regie rate and at least the minimum
    (JUW-I-INTERVENTION); ``False`` when nothing can be quoted yet."""
    logged: list[int | None] = [e.minutes or 0 for e in ctx.timeline.work]
    if not logged and not minimum:
        why = ctx.reason("regie-time-unknown", "No regie time is logged yet", *clause_ids)
        q.reason(why)
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
        why = ctx.reason(
            "nothing-invoiced",
            "No quarter had been invoiced before the notice of {notice}",
            *("JUW-CANCEL-INVOICED", "JUW-BILLED-FROM-PURCHASE"),
            notice=notice.day,
        )
        q.reason(why)
        return None
    values: dict[str, Any] = {"quarter": quarter, "notice": notice.day}
    ids: tuple[str, ...] = INVOICED
    payment, status, code = contract.payment, None, "invoiced-quarter-due"
    if not ctx.prepared.invoiced_in_advance:
        code = "running-quarter-not-invoiced"
        state = phrase("is invoiced at its end, so it is not due")
    elif payment is PaymentState.NOT_INVOICED:
        code, ids = "quarter-not-invoiced", ("JUW-CANCEL-INVOICED",)
        state = phrase("was not invoiced before it, so it is not due")
    elif payment is PaymentState.PAID:
        code = "invoiced-quarter-paid"
        state = phrase("was invoiced and is paid; it is not refunded")
    elif fee.amount is None:
        for m in fee.missing:
            q.missing(m)
        state = phrase("was invoiced and is due in full, but {how}", how=fee.how)
    elif payment is not PaymentState.PARTIAL:
        state = phrase("was invoiced and is due in full")
        text = ctx.say("Invoiced quarter {quarter} ({how})", quarter=quarter, how=fee.how)
        q.line(text, fee.amount, QUARTER_MONTHS, unit="month", citations=ctx.cite(*INVOICED))
    else:  # the invoice, BTW included, less the payments (JUW-I-INVOICE-PAYMENT)
        tax, paid, net = ctx.tax, f.paid, fee.amount * QUARTER_MONTHS
        assert tax.rate is not None  # (tax_rate has the statutory default)
        gross = net + ctx.money(quantize(net.amount * tax.rate, ctx.vendor.currency))
        values.update(gross=gross, tax=tax.name, percent=(tax.rate * 100).normalize())
        if paid is None:
            code, status = "amount-paid-unknown", QuoteStatus.UNDETERMINED
            state = phrase("is partly paid, by an amount the case does not give")
        elif gross.amount <= paid.amount:
            code = "invoiced-quarter-paid"
            state = phrase("is paid ({paid}); it is not refunded", paid=paid)
        else:
            due = gross - paid
            code = "invoiced-quarter-partly-paid"
            state = phrase("is partly paid ({paid}): {due} remains due", paid=paid, due=due)
            text = ctx.say(
                "Rest of the quarter {quarter}: {gross} invoiced, {paid} paid", **values, paid=paid
            )
            q.line(text, due, citations=ctx.cite(*INVOICED))
        why = ctx.reason(
            code,
            "The quarter {quarter}, invoiced before the notice of {notice} for {gross} including "
            "{percent} % {tax}, {state}",
            *ids,
            state=state,
            **values,
        )
        q.reason(why)
        return status
    why = ctx.reason(
        code,
        "The quarter {quarter}, running at the notice of {notice}, {state}",
        *ids,
        state=state,
        **values,
    )
    q.reason(why)
    return status
