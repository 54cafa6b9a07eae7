"""Pricing: nothing under the agreement, regie time for what it does not cover, regie time and
the upgrade without it, the invoiced quarter on cancellation; BTW on every priced line."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from supportcore import (
    Coverage,
    CoverageStatus,
    Eligibility,
    PaymentState,
    Quote,
    QuoteBuilder,
    QuoteStatus,
    Reason,
)
from supportcore.money import quantize
from supportcore.periods import Period, billing_period

from .facts import CANCELLATION, QUARTER_MONTHS, UPGRADE_CATEGORIES, Ctx, Priced
from .remedies import AFTER_CANCEL, tariff

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
    """The quote for this request, with BTW (the setting ``tax_rate``) on its lines: the
    remainder of a partly paid quarter invoice includes it, as the payments do."""
    unpriced = _unpriced(ctx, eligibility, coverage)
    if unpriced is not None:
        return Quote.unpriced(ctx.vendor.currency, *unpriced)
    q = QuoteBuilder(ctx.vendor.currency)
    priced = _price(ctx, q)
    tax, contract = ctx.tax, ctx.facts.agreement.contract
    assert tax.rate is not None  # (tax_rate has the statutory default)
    if q.has_lines:
        partial = contract is not None and contract.payment is PaymentState.PARTIAL
        included = partial and ctx.request.category == CANCELLATION
        q.tax(tax.name, tax.rate, tax.citations, included=included)
    return q.build(priced)


def _unpriced(
    ctx: Ctx, eligibility: Eligibility, coverage: Coverage
) -> tuple[str, tuple[Reason, ...]] | None:
    """The status and reasons of a quote with nothing to price; ``None`` when there is."""
    if ctx.request.category == CANCELLATION:
        if coverage.status == CoverageStatus.BILLABLE:
            return None
        why = ctx.reason(
            "no-settlement", "No valid cancellation, so nothing is settled", "JUW-CANCEL"
        )
        return QuoteStatus.NOT_APPLICABLE, (why,)
    blocking = tuple(r for r in eligibility.reasons if r.code in BLOCKING_CODES)
    if blocking:
        return QuoteStatus.NOT_APPLICABLE, blocking
    if not ctx.facts.agreement.in_force or coverage.status == CoverageStatus.BILLABLE:
        return None
    if coverage.status == CoverageStatus.COVERED:
        why = ctx.reason(
            "included-in-agreement",
            "Included in the fixed monthly amount of the agreement: nothing more to pay",
            "JUW-FEE",
        )
        return QuoteStatus.FREE, (why,)
    why = ctx.reason(
        "not-priced", "The terms do not rule on this request, so it is not priced", "JUW-FEE"
    )
    return QuoteStatus.UNDETERMINED, (why,)


def _price(ctx: Ctx, q: QuoteBuilder) -> str | None:
    """Fill ``q``; a quote status when it is not simply the builder's own."""
    f = ctx.facts
    if ctx.request.category == CANCELLATION:
        return cancellation_settlement(ctx, q)
    if f.agreement.in_force:  # work the agreement does not cover (JUW-I-MINIMUM-EXCLUDED)
        minimum = HOUR if ctx.prepared.minimum_for_excluded_work else 0
        return (
            None
            if regie_lines(ctx, q, minimum, ("JUW-EXCLUDED-REGIE",))
            else QuoteStatus.INCOMPLETE
        )
    if ctx.request.category not in UPGRADE_CATEGORIES:
        regie_lines(ctx, q, HOUR, AFTER_CANCEL)
    up = f.upgrade
    if up is None:  # no upgrade to buy
        return None
    for m in up.missing:
        q.missing(m)
    if up.amount is None:
        why = ctx.reason(
            "upgrade-price-unknown",
            "The upgrade cannot be priced: {why}",
            "JUW-UPGRADE-PRICE",
            why=up.how,
        )
        q.reason(why)
        return QuoteStatus.INCOMPLETE
    text = ctx.say("Upgrade to the latest version: {how}", how=up.how)
    q.line(text, up.amount, citations=ctx.cite("JUW-ADAPTATION-UPGRADE", "JUW-UPGRADE-PRICE"))
    return None


def _billed(logged: int | None, minimum: int, increment: int | None) -> int | None:
    """Charged minutes of one intervention (``logged`` None: no time logged yet): up to the
    minimum, the minimum; beyond it, whole increments (None: the increment is not supplied)."""
    if logged is None or logged <= minimum:
        return minimum
    if increment is None:
        return None
    return max(minimum, -(-logged // increment) * increment)


def regie_lines(ctx: Ctx, q: QuoteBuilder, minimum: int, clause_ids: Sequence[str]) -> bool:
    """One line per intervention at the regie rate: each work session on the ticket is one;
    without any, the request itself, at the minimum (JUW-I-INTERVENTION). ``False`` when
    nothing can be quoted yet (no minimum, no time logged)."""
    logged: list[int | None] = [e.minutes or 0 for e in ctx.timeline.work]
    if not logged and not minimum:
        why = ctx.reason(
            "regie-time-unknown",
            "Charged for the time spent at the regie rate; no time is logged on the ticket yet",
            *clause_ids,
        )
        q.reason(why)
        return False
    rate, missing = tariff(ctx, "regie_hourly_rate")
    for m in missing:
        q.missing(m)
    cites = ctx.cite(*clause_ids)
    for n, minutes in enumerate(logged or [None], start=1):
        billed = _billed(minutes, minimum, ctx.prepared.increment)
        if billed is None:
            q.missing(ctx.missing("regie_increment_minutes"))
        elif rate is not None:
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
    """Only "de reeds gefactureerde perioden vóór de opzeg" (JUW-CANCEL-INVOICED): quarters of
    the monthly amount (JUW-FEE) from the day the agreement is charged from; ``payment`` is the
    state of the quarter running at the notice (JUW-I-INVOICE-PAYMENT, JUW-I-QUARTER-INVOICING)."""
    f = ctx.facts
    contract, notice, charged, fee = f.agreement.contract, f.agreement.notice, f.charged, f.fee
    assert contract and notice and charged and fee  # (a valid notice of a contract)
    if notice.day < charged.day:
        why = ctx.reason(
            "nothing-invoiced",
            "No quarter had been invoiced before the notice of {notice}",
            "JUW-CANCEL-INVOICED",
            "JUW-BILLED-FROM-PURCHASE",
            notice=notice.day,
        )
        q.reason(why)
        return None
    quarter = billing_period(charged.day, notice.day, months=QUARTER_MONTHS)
    when: dict[str, Any] = {"quarter": quarter, "notice": notice.day}
    if not ctx.prepared.invoiced_in_advance:
        why = ctx.reason(
            "running-quarter-not-invoiced",
            "The quarter {quarter} is invoiced at its end, after the notice of {notice}, so it "
            "is not due",
            *INVOICED,
            **when,
        )
    elif contract.payment is PaymentState.NOT_INVOICED:
        why = ctx.reason(
            "quarter-not-invoiced",
            "The quarter {quarter} had not been invoiced before the notice of {notice}, so it is "
            "not due",
            "JUW-CANCEL-INVOICED",
            **when,
        )
    elif contract.payment is PaymentState.PAID:
        why = ctx.reason(
            "invoiced-quarter-paid",
            "The quarter {quarter}, invoiced before the notice of {notice}, is paid: nothing more "
            "is due, and it is not refunded",
            *INVOICED,
            **when,
        )
    elif fee.amount is None:
        for m in fee.missing:
            q.missing(m)
        why = ctx.reason(
            "invoiced-quarter-due",
            "The quarter {quarter}, invoiced before the notice of {notice}, must still be paid in "
            "full, but {how}",
            *INVOICED,
            how=fee.how,
            **when,
        )
    elif contract.payment is PaymentState.PARTIAL:
        return _remainder(ctx, q, quarter, notice.day, fee)
    else:
        why = ctx.reason(
            "invoiced-quarter-due",
            "The quarter {quarter}, invoiced before the notice of {notice}, must still be paid in "
            "full",
            *INVOICED,
            **when,
        )
        text = ctx.say("Invoiced quarter {quarter} ({how})", quarter=quarter, how=fee.how)
        q.line(text, fee.amount, QUARTER_MONTHS, unit="month", citations=ctx.cite(*INVOICED))
    q.reason(why)
    return None


def _remainder(ctx: Ctx, q: QuoteBuilder, quarter: Period, notice: date, fee: Priced) -> str | None:
    """A partly paid quarter invoice: the invoice (3 × the monthly amount plus BTW) less the
    payments on the ticket (as paid, BTW included); the remainder is one line, BTW included."""
    tax, paid, monthly = ctx.tax, ctx.facts.paid, fee.amount
    assert monthly is not None and tax.rate is not None  # (a quarter of a known amount)
    when: dict[str, Any] = {"quarter": quarter, "notice": notice, "tax": tax.name}
    net = monthly * QUARTER_MONTHS
    gross = net + ctx.money(quantize(net.amount * tax.rate, ctx.vendor.currency))
    when.update(gross=gross, percent=(tax.rate * 100).normalize())
    if paid is None:
        why = ctx.reason(
            "amount-paid-unknown",
            "The quarter {quarter}, invoiced before the notice of {notice} for {gross} including "
            "{percent} % {tax}, is partly paid; the amount paid is not known, so neither is the "
            "remainder",
            *INVOICED,
            **when,
        )
        q.reason(why)
        return QuoteStatus.UNDETERMINED
    due = gross - paid
    if due.amount <= 0:
        why = ctx.reason(
            "invoiced-quarter-paid",
            "The quarter {quarter}, invoiced before the notice of {notice} for {gross} including "
            "{percent} % {tax}, is paid ({paid}): nothing more is due, and it is not refunded",
            *INVOICED,
            paid=paid,
            **when,
        )
        q.reason(why)
        return None
    why = ctx.reason(
        "invoiced-quarter-partly-paid",
        "The quarter {quarter}, invoiced before the notice of {notice} for {gross} including "
        "{percent} % {tax}, is partly paid ({paid}): {due} remains due, {tax} included",
        *INVOICED,
        paid=paid,
        due=due,
        **when,
    )
    q.reason(why)
    text = ctx.say(
        "Remainder of the quarter {quarter}: {gross} invoiced, {paid} paid",
        quarter=quarter,
        gross=gross,
        paid=paid,
    )
    q.line(text, due, citations=ctx.cite(*INVOICED))
    return None


def settlement_due(ctx: Ctx) -> bool:
    """A cancellation leaves an invoiced quarter to settle: the quarter invoiced in advance
    before the notice and not (fully) paid."""
    f = ctx.facts
    contract, notice, charged = f.agreement.contract, f.agreement.notice, f.charged
    if contract is None or notice is None or charged is None or notice.day < charged.day:
        return False
    paying = contract.payment in (PaymentState.PENDING, PaymentState.PARTIAL)
    return ctx.prepared.invoiced_in_advance and paying
