"""What a request costs: free technical support for a licence in force (SM-COST-1), advisory
work per hour (SM-ADV-1), an update or a new rental at its price (SM-COST-2/4), + IVA."""

from __future__ import annotations

from datetime import timedelta

from supportcore import Context, Coverage, CoverageStatus, Eligibility, EligibilityStatus, Money
from supportcore.money import Quote, QuoteBuilder, QuoteStatus
from supportcore.wording import phrase, words

from .coverage import UPDATES
from .facts import Facts
from .prepared import Prepared

Ctx = Context[Prepared, Facts]


def quote(ctx: Ctx, eligibility: Eligibility, coverage: Coverage) -> Quote:
    status, currency = coverage.status, ctx.vendor.currency
    if status == CoverageStatus.BILLABLE:
        return _update(ctx) if ctx.facts.topic in UPDATES else _advisory(ctx)
    if status == CoverageStatus.UNDETERMINED:
        why = ctx.reason(
            "price-undetermined",
            "Whether this is technical support is undetermined (see coverage): so is its price.",
            "SM-SCOPE-1",
        )
        return Quote.unpriced(currency, QuoteStatus.UNDETERMINED, (why,))
    if status == CoverageStatus.EXCLUDED:
        first = next((c.clause for r in coverage.reasons for c in r.citations), "SM-SCOPE-1")
        why = ctx.reason("not-provided", "This is not provided, so nothing is priced.", first)
        return Quote.unpriced(currency, QuoteStatus.NOT_APPLICABLE, (why,))
    if eligibility.status == EligibilityStatus.ENTITLED:
        why = ctx.reason(
            "free-support",
            "Technical support is free for a user whose licence is in force.",
            "SM-COST-1",
        )
        return Quote.unpriced(currency, QuoteStatus.FREE, (why,))
    if eligibility.status == EligibilityStatus.UNDETERMINED:
        why = ctx.reason(
            "free-if-entitled",
            "Technical support is free if the customer is entitled, which is undetermined.",
            "SM-COST-1",
        )
        return Quote.unpriced(currency, QuoteStatus.UNDETERMINED, (why,))
    why = ctx.reason(
        "no-free-support",
        "No free technical support is given on this request (see the remedies).",
        "SM-COST-1",
    )
    return Quote.unpriced(currency, QuoteStatus.NOT_APPLICABLE, (why,))


def _advisory(ctx: Ctx) -> Quote:
    """Per hour "en caso de solicitar asesoría" (SM-ADV-1): from the minutes worked; requested
    but not worked yet, no amount; neither, nothing (SM-I-ADVISORY-REQUESTED, -ROUNDING)."""
    minutes, currency = ctx.timeline.work_minutes, ctx.vendor.currency
    rate = ctx.price("advisory_hourly_rate")
    if minutes == 0 and ctx.request.facts.get("advisory_requested") != "yes":
        why = ctx.reason(
            "advisory-not-requested",
            "Advisory work is charged only when asked for or worked: nothing is charged yet.",
            "SM-ADV-1",
        )
        return Quote.unpriced(currency, QuoteStatus.NOT_APPLICABLE, (why,))
    if not isinstance(rate, Money):
        why = ctx.reason(
            "advisory-rate-missing",
            "Advisory work is charged per hour; the hourly rate is not configured.",
            "SM-ADV-1",
            settings=("advisory_hourly_rate",),
        )
        return Quote.unpriced(currency, QuoteStatus.INCOMPLETE, (why,), (rate,))
    if minutes == 0:
        why = ctx.reason(
            "advisory-time-unknown",
            "Advisory work was requested: it is charged per hour ({rate}, {tax}); no time is "
            "logged yet, so the amount follows the hours worked.",
            "SM-ADV-1",
            rate=rate,
            tax=ctx.tax.note,
        )
        return Quote.unpriced(currency, QuoteStatus.INCOMPLETE, (why,))
    worked, billed, how = timedelta(minutes=minutes), minutes, phrase("pro rata to the minute")
    if ctx.prepared.started_hours:
        how, billed = phrase("every started hour billed whole"), (minutes + 59) // 60 * 60
    line = ctx.say("Advisory work (asesoría), {worked} worked ({how})", worked=worked, how=how)
    q = QuoteBuilder(currency).time_line(line, rate, billed, citations=ctx.cite("SM-ADV-1"))
    why = ctx.reason(
        "advisory-hours",
        "Advisory work is charged per hour ({rate}): {worked} worked, {how}.",
        "SM-ADV-1",
        rate=rate,
        worked=worked,
        how=how,
    )
    return ctx.tax.apply(q.reason(why)).build()


def _update(ctx: Ctx) -> Quote:
    st, q, product = ctx.facts, QuoteBuilder(ctx.vendor.currency), ctx.request.product
    clauses: tuple[str, ...] = ("SM-COST-4", "SM-LAPSE-1")
    key = "update_price"
    what = phrase(
        "An update (actualización) of {product} with 12 more months of support", product=product
    )
    if st.lapsed_rental:
        key, clauses = "rental_price", ("SM-COST-2",)
        what = phrase("A new rental period of {product}", product=product)
    price = ctx.price(key, product)
    if isinstance(price, Money):
        ctx.tax.apply(q.line(words(what, ctx.language), price, 1, citations=ctx.cite(*clauses)))
    else:
        q.missing(price)
    why = ctx.reason(
        "update-price", "{what}, at the configured price.", *clauses, settings=(key,), what=what
    )
    return q.reason(why).build()
