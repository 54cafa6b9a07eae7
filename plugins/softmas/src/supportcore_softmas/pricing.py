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
ENTITLED, UNDETERMINED = EligibilityStatus.ENTITLED, EligibilityStatus.UNDETERMINED


def quote(ctx: Ctx, eligibility: Eligibility, coverage: Coverage) -> Quote:
    status, currency = coverage.status, ctx.vendor.currency
    if status == CoverageStatus.BILLABLE:
        return _update(ctx) if ctx.facts.topic in UPDATES else _advisory(ctx)
    if status == CoverageStatus.UNDETERMINED:
        why = ctx.listed_reason("price-undetermined")
        return Quote.unpriced(currency, QuoteStatus.UNDETERMINED, (why,))
    if status == CoverageStatus.EXCLUDED:
        first = next((c.clause for r in coverage.reasons for c in r.citations), "SM-SCOPE-1")
        why = ctx.listed_reason("not-provided", first)
        return Quote.unpriced(currency, QuoteStatus.NOT_APPLICABLE, (why,))
    if eligibility.status == ENTITLED:
        return Quote.unpriced(currency, QuoteStatus.FREE, (ctx.listed_reason("free-support"),))
    if eligibility.status == UNDETERMINED:
        why = ctx.listed_reason("free-if-entitled")
        return Quote.unpriced(currency, QuoteStatus.UNDETERMINED, (why,))
    why = ctx.listed_reason("no-free-support")
    return Quote.unpriced(currency, QuoteStatus.NOT_APPLICABLE, (why,))


def _advisory(ctx: Ctx) -> Quote:
    """Per hour "en caso de solicitar asesoría" (SM-ADV-1): from the minutes worked; requested
    but not worked yet, no amount; neither, nothing (SM-I-ADVISORY-REQUESTED, -ROUNDING)."""
    minutes, currency = ctx.timeline.work_minutes, ctx.vendor.currency
    rate = ctx.price("advisory_hourly_rate")
    if minutes == 0 and ctx.request.facts.get("advisory_requested") != "yes":
        why = ctx.listed_reason("advisory-not-requested")
        return Quote.unpriced(currency, QuoteStatus.NOT_APPLICABLE, (why,))
    if not isinstance(rate, Money):
        why = ctx.listed_reason("advisory-rate-missing")
        return Quote.unpriced(currency, QuoteStatus.INCOMPLETE, (why,), (rate,))
    if minutes == 0:
        why = ctx.listed_reason("advisory-time-unknown", rate=rate, tax=ctx.tax.note)
        return Quote.unpriced(currency, QuoteStatus.INCOMPLETE, (why,))
    worked, billed, how = timedelta(minutes=minutes), minutes, phrase("charged by the minute")
    if ctx.prepared.started_hours:
        how, billed = phrase("every hour started charged in full"), (minutes + 59) // 60 * 60
    line = ctx.say("Advisory work (asesoría), {worked} of work ({how})", worked=worked, how=how)
    q = QuoteBuilder(currency).time_line(line, rate, billed, citations=ctx.cite("SM-ADV-1"))
    why = ctx.listed_reason("advisory-hours", rate=rate, worked=worked, how=how)
    return ctx.tax.apply(q.reason(why)).build()


def _update(ctx: Ctx) -> Quote:
    st, q, product = ctx.facts, QuoteBuilder(ctx.vendor.currency), ctx.request.product
    rule, key = "update-price", "update_price"
    what = phrase(
        "An update (actualización) of {product} with 12 more months of support", product=product
    )
    if st.lapsed_rental:
        rule, key = "update-price-rental", "rental_price"
        what = phrase("A new rental period of {product}", product=product)
    why, price = ctx.listed_reason(rule, what=what), ctx.price(key, product)
    if isinstance(price, Money):
        ctx.tax.apply(q.line(words(what, ctx.language), price, 1, citations=why.citations))
    else:
        q.missing(price)
    return q.reason(why).build()
