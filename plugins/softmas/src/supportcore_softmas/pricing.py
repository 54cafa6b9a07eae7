"""What a request costs: free technical support for a licence in force (SM-COST-1), advisory
work per hour (SM-ADV-1), an update or a new rental at its price (SM-COST-2/4), + IVA."""

from __future__ import annotations

from datetime import timedelta

from supportcore import (
    Context,
    Coverage,
    CoverageStatus,
    Eligibility,
    EligibilityStatus,
    Money,
    Quote,
    QuoteBuilder,
    QuoteStatus,
)
from supportcore.wording import phrase, words

from .coverage import UPDATES
from .facts import Facts
from .prepared import Prepared

Ctx = Context[Prepared, Facts]


def quote(ctx: Ctx, eligibility: Eligibility, coverage: Coverage) -> Quote:
    """Free when entitled and covered; advisory work per hour; updates at their price."""
    status, currency = coverage.status, ctx.vendor.currency
    if status == CoverageStatus.BILLABLE:
        return _update(ctx) if ctx.facts.topic in UPDATES else _advisory(ctx)
    if status == CoverageStatus.UNDETERMINED and coverage.missing_facts:
        why = ctx.reason(
            "price-undetermined",
            "Whether this is technical support depends on a fact the case does not give (see "
            "coverage), so its price does too.",
            "SM-SCOPE-1",
        )
        return Quote.unpriced(currency, QuoteStatus.UNDETERMINED, (why,))
    if status == CoverageStatus.UNDETERMINED:
        why = ctx.reason(
            "price-undetermined",
            "Whether this is technical support is not decided by the terms, so its price is "
            "not either.",
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
        "No free technical support is given on this request; see the remedies for what the "
        "terms offer instead.",
        "SM-COST-1",
    )
    return Quote.unpriced(currency, QuoteStatus.NOT_APPLICABLE, (why,))


def _advisory(ctx: Ctx) -> Quote:
    """Advisory work is charged per hour "en caso de solicitar asesoría" (SM-ADV-1): priced
    from the minutes worked; requested but not worked yet, no amount; neither, nothing is
    charged (interpretations SM-I-ADVISORY-REQUESTED, SM-I-ADVISORY-ROUNDING)."""
    minutes, q = ctx.timeline.work_minutes, QuoteBuilder(ctx.vendor.currency)
    if minutes == 0 and ctx.request.facts.get("advisory_requested") != "yes":
        why = ctx.reason(
            "advisory-not-requested",
            "Advisory work is charged per hour when it is asked for; none has been requested or "
            "worked on this request, so nothing is charged (the remedies give the hourly rate).",
            "SM-ADV-1",
        )
        return Quote.unpriced(ctx.vendor.currency, QuoteStatus.NOT_APPLICABLE, (why,))
    rate = ctx.price("advisory_hourly_rate")
    if not isinstance(rate, Money):
        q.missing(rate)
        q.reason(
            ctx.reason(
                "advisory-rate-missing",
                "Advisory work is charged per hour; the hourly rate is not configured.",
                "SM-ADV-1",
                settings=("advisory_hourly_rate",),
            )
        )
        return q.build()
    if minutes == 0:
        q.reason(
            ctx.reason(
                "advisory-time-unknown",
                "Advisory work was requested: it is charged per hour ({rate}, {tax}); no time is "
                "logged yet, so the amount follows the hours worked.",
                "SM-ADV-1",
                rate=rate,
                tax=ctx.tax.note,
            )
        )
        return q.build(QuoteStatus.INCOMPLETE)
    worked, billed = timedelta(minutes=minutes), minutes
    if ctx.prepared.started_hours:
        how, billed = phrase("every started hour billed whole"), (minutes + 59) // 60 * 60
    else:
        how = phrase("pro rata to the minute")
    line = ctx.say("Advisory work (asesoría), {worked} worked ({how})", worked=worked, how=how)
    q.time_line(line, rate, billed, citations=ctx.cite("SM-ADV-1"))
    q.reason(
        ctx.reason(
            "advisory-hours",
            "Advisory work is charged per hour ({rate}): {worked} worked, {how}.",
            "SM-ADV-1",
            rate=rate,
            worked=worked,
            how=how,
        )
    )
    ctx.tax.apply(q)
    return q.build()


def _update(ctx: Ctx) -> Quote:
    """An update (SM-COST-4, SM-LAPSE-1), or a new rental after a rental ended (SM-COST-2)."""
    st, q = ctx.facts.standing, QuoteBuilder(ctx.vendor.currency)
    clauses: tuple[str, ...]
    if st.lapsed_rental:
        key, clauses = "rental_price", ("SM-COST-2",)
        what = phrase("A new rental period of {product}", product=st.product)
    else:
        key, clauses = "update_price", ("SM-COST-4", "SM-LAPSE-1")
        what = phrase(
            "An update (actualización) of {product} with 12 more months of support",
            product=st.product,
        )
    price = ctx.price(key, st.product)
    if isinstance(price, Money):
        q.line(words(what, ctx.language), price, 1, citations=ctx.cite(*clauses))
        ctx.tax.apply(q)
    else:
        q.missing(price)
    why = ctx.reason(
        "update-price", "{what}, at the configured price.", *clauses, settings=(key,), what=what
    )
    q.reason(why)
    return q.build()
