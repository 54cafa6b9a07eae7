"""Pricing: nothing under the agreement, regie time for what it does not cover, regie time and
the upgrade without it, the invoiced quarter on cancellation; BTW on every priced line."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import timedelta
from decimal import Decimal
from typing import Any

from supportcore import (
    Coverage,
    CoverageStatus,
    Eligibility,
    Money,
    PaymentState,
    Quote,
    QuoteBuilder,
    QuoteStatus,
)
from supportcore.money import quantize

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
    """Nothing to price when help is refused now or the agreement covers it; regie time for
    what it does not; regie time and the upgrade without it; the invoiced quarter on
    cancellation. BTW (the setting ``tax_rate``) on the lines: the remainder of a partly paid
    quarter invoice includes it, as the payments do."""
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
        q.reason(ctx.reason("upgrade-price-unknown", "{how}", "JUW-UPGRADE-PRICE", how=up.how))
        return QuoteStatus.INCOMPLETE
    text = ctx.say("Upgrade to the latest version: {how}", how=up.how)
    q.line(text, up.amount, citations=ctx.cite("JUW-ADAPTATION-UPGRADE", "JUW-UPGRADE-PRICE"))
    return None


def regie_lines(ctx: Ctx, q: QuoteBuilder, minimum: int, clause_ids: Sequence[str]) -> bool:
    """One line per intervention at the regie rate: each work session on the ticket, or without
    any the request itself, at the minimum (JUW-I-INTERVENTION); time beyond the minimum in
    whole increments. ``False`` when nothing can be quoted yet (no minimum, no time logged)."""
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
            text = ctx.say("Regie: intervention {n}, {logged}", n=n, logged=_minutes(minutes))
        else:
            text = ctx.say(
                "Regie: intervention {n}, {logged} logged, {billed} charged",
                n=n,
                logged=_minutes(minutes),
                billed=_minutes(billed),
            )
        q.line(text, rate, Decimal(billed) / HOUR, unit="hour", citations=cites)
    return True


def _minutes(n: int) -> timedelta:
    return timedelta(minutes=n)


def cancellation_settlement(ctx: Ctx, q: QuoteBuilder) -> str | None:
    """Only "de reeds gefactureerde perioden vóór de opzeg" (JUW-CANCEL-INVOICED): the quarter
    of the monthly amount (JUW-FEE) running at the notice, by the state of its invoice
    (JUW-I-INVOICE-PAYMENT, JUW-I-QUARTER-INVOICING). A partly paid one: the invoice, BTW
    included, less the payments on the ticket; the remainder is one line, BTW included."""
    f = ctx.facts
    contract, notice, quarter, fee = f.agreement.contract, f.agreement.notice, f.quarter, f.fee
    assert contract and notice and fee  # (a valid notice of a contract)
    if quarter is None:
        why = ctx.reason(
            "nothing-invoiced",
            "No quarter had been invoiced before the notice of {notice}",
            "JUW-CANCEL-INVOICED",
            "JUW-BILLED-FROM-PURCHASE",
            notice=notice.day,
        )
        q.reason(why)
        return None
    values: dict[str, Any] = {"quarter": quarter, "notice": notice.day}
    payment, status = contract.payment, None
    if not ctx.prepared.invoiced_in_advance:
        why = ctx.reason(
            "running-quarter-not-invoiced",
            "The quarter {quarter} is invoiced at its end, after the notice of {notice}: not due",
            *INVOICED,
            **values,
        )
    elif payment is PaymentState.NOT_INVOICED:
        why = ctx.reason(
            "quarter-not-invoiced",
            "The quarter {quarter} was not invoiced before the notice of {notice}: not due",
            "JUW-CANCEL-INVOICED",
            **values,
        )
    elif payment is PaymentState.PAID:
        why = ctx.reason(
            "invoiced-quarter-paid",
            "The quarter {quarter}, invoiced before the notice of {notice}, is paid, and it is "
            "not refunded",
            *INVOICED,
            **values,
        )
    elif fee.amount is None:
        for m in fee.missing:
            q.missing(m)
        why = ctx.reason(
            "invoiced-quarter-due",
            "The quarter {quarter}, invoiced before the notice of {notice}, is due in full, but "
            "{how}",
            *INVOICED,
            how=fee.how,
            **values,
        )
    elif payment is not PaymentState.PARTIAL:
        why = ctx.reason(
            "invoiced-quarter-due",
            "The quarter {quarter}, invoiced before the notice of {notice}, is due in full",
            *INVOICED,
            **values,
        )
        text = ctx.say("Invoiced quarter {quarter} ({how})", quarter=quarter, how=fee.how)
        q.line(text, fee.amount, QUARTER_MONTHS, unit="month", citations=ctx.cite(*INVOICED))
    else:
        tax, paid, net = ctx.tax, f.paid, fee.amount * QUARTER_MONTHS
        assert tax.rate is not None  # (tax_rate has the statutory default)
        gross = net + ctx.money(quantize(net.amount * tax.rate, ctx.vendor.currency))
        values.update(gross=gross, tax=tax.name, percent=(tax.rate * 100).normalize())
        if paid is None:
            status = QuoteStatus.UNDETERMINED
            why = ctx.reason(
                "amount-paid-unknown",
                "The quarter {quarter}, invoiced before the notice of {notice} for {gross} "
                "including {percent} % {tax}, is partly paid; the amount paid is not known",
                *INVOICED,
                **values,
            )
        elif gross.amount <= paid.amount:
            why = ctx.reason(
                "invoiced-quarter-paid",
                "The quarter {quarter}, invoiced before the notice of {notice} for {gross} "
                "including {percent} % {tax}, is paid ({paid}), and it is not refunded",
                *INVOICED,
                paid=paid,
                **values,
            )
        else:
            due = gross - paid
            why = ctx.reason(
                "invoiced-quarter-partly-paid",
                "The quarter {quarter}, invoiced before the notice of {notice} for {gross} "
                "including {percent} % {tax}, is partly paid ({paid}): {due} remains due",
                *INVOICED,
                paid=paid,
                due=due,
                **values,
            )
            text = ctx.say(
                "Rest of the quarter {quarter}: {gross} invoiced, {paid} paid", **values, paid=paid
            )
            q.line(text, due, citations=ctx.cite(*INVOICED))
    q.reason(why)
    return status
