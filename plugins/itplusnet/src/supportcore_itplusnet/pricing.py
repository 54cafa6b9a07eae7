"""Prices: the attention at its tariff, the services sold separately, with IVA. The document
publishes no price: every amount is a setting, named as missing when not given; so is whether
the prices include IVA (interpretation ITP-I-IVA)."""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING

import attrs

from supportcore import (
    Coverage,
    CoverageStatus,
    MissingSetting,
    Money,
    Quote,
    QuoteBuilder,
    QuoteStatus,
    Reason,
    Remedy,
)
from supportcore.wording import Phrase, phrase, words

if TYPE_CHECKING:
    from supportcore.calendar import OpenStatus

    from .prepared import Ctx

#: The setting that says whether the prices include IVA (interpretation ITP-I-IVA).
IVA_INCLUDED = "prices_include_iva"
#: The services sold separately, by the ``ref`` of their payment: in a sentence, on a quote line.
SERVICES = {
    "reinstallation": (
        phrase("the reinstallation of the ITPLUSNET software"),
        phrase("Reinstallation of the ITPLUSNET software"),
    ),
    "technical_service": (
        phrase("the technical service for your computers or network"),
        phrase("Technical service for your computers or network"),
    ),
    "on_site": (
        phrase("on-site technical assistance (Santiago only)"),
        phrase("On-site technical assistance (Santiago only)"),
    ),
}


def priced(ctx: Ctx, found: Remedy) -> Remedy:
    """A priced remedy, its IVA note as these settings say: while the integrator has not said
    whether the prices include IVA, the note says it is to be confirmed and names the setting."""
    if ctx.prepared.iva_included is not None or found.price is None:
        return found
    note = ctx.say("whether IVA is included is still to be confirmed")
    return attrs.evolve(found, price_note=note, missing=(ctx.missing(IVA_INCLUDED),))


def buy(ctx: Ctx, ref: str) -> Remedy:
    """Remedy: buy a service sold separately with its purchase button (``[[remedies]]``)."""
    return priced(ctx, ctx.listed_remedy(ref))


def tariff_words(ctx: Ctx, desk: OpenStatus) -> Phrase:
    """The price of an attention paid when the desk is as ``desk`` says: that of the schedule
    in force, or while closed that of the next opening (interpretation ITP-I-TARIFF)."""
    hours = phrase(ctx.prepared.schedules[desk.next_schedule].label)
    if desk.open:
        return phrase("the {hours} price", hours=hours)
    return phrase(
        "the {hours} price (the help desk is closed at that time; it reopens on {opens})",
        hours=hours,
        opens=ctx.local(desk.next_open),
    )


def mobile(ctx: Ctx) -> Phrase:
    """What the customer does in special hours (ITP-HOURS-3): call one of the two mobile
    numbers, which the integrator supplies (the document does not publish them)."""
    if numbers := ctx.prepared.mobile_numbers:
        return phrase("call support on one of the mobile numbers {numbers}", numbers=numbers)
    return phrase("call support on one of the two mobile numbers you are given")


def pay_attention(ctx: Ctx, *, new: bool) -> Remedy:
    """Remedy: pay one (new) attention online at the tariff in force now; then the customer
    is contacted or, in special hours, calls the mobile numbers (ITP-PAY-2, ITP-HOURS-3)."""
    now = ctx.facts.now
    schedule = ctx.prepared.schedules[now.next_schedule]
    found = ctx.price(schedule.price_key)
    amount = found.rounded() if isinstance(found, Money) else None
    if now.next_schedule == "special":
        then = mobile(ctx)
    else:
        then = phrase(
            "use one of the contact channels you are given, or wait for a technician's call"
        )
    pay = ctx.listed_remedy(
        "pay-new-attention" if new else "pay-attention",
        *schedule.clauses,
        "ITP-CAP-1",
        price=amount,
        price_note="" if amount is None else ctx.tax.note,
        missing=(found,) if isinstance(found, MissingSetting) else (),
        tariff=tariff_words(ctx, now),
        then=then,
    )
    return priced(ctx, pay)


def _iva(ctx: Ctx, builder: QuoteBuilder) -> None:
    """The IVA line and why, as ``prices_include_iva`` says (interpretation ITP-I-IVA); the
    reasons cite the payment clause, whose price the terms do not publish."""
    included, rate = ctx.prepared.iva_included, ctx.tax.rate or Decimal(0)
    percent = (rate * 100).normalize()
    if included is None:
        if builder.has_lines:
            builder.missing(ctx.missing(IVA_INCLUDED))
            builder.reason(ctx.listed_reason("iva-unknown", percent=percent))
        return
    ctx.tax.apply(builder)
    if included:
        builder.reason(ctx.listed_reason("iva-included", percent=percent, factor=1 + rate))
    else:
        builder.reason(ctx.listed_reason("iva-added", percent=percent))


def quote(ctx: Ctx, item: Phrase, key: str, ids: tuple[str, ...], *reasons: Reason) -> Quote:
    """One item priced by the setting ``key``, then IVA; the case's ``reasons`` first."""
    builder = QuoteBuilder(ctx.vendor.currency)
    for reason in reasons:
        builder.reason(reason)
    found = ctx.price(key)
    if not isinstance(found, Money):
        builder.missing(found)
    elif ctx.prepared.iva_included:
        words_of = ctx.say("{item} (IVA included)", item=item)
        builder.line(words_of, found.rounded(), citations=ctx.cite(*ids))
    else:
        builder.line(words(item, ctx.language), found.rounded(), citations=ctx.cite(*ids))
    _iva(ctx, builder)
    return builder.build()


def _attention(ctx: Ctx) -> Quote:
    """The attention paid, at the tariff of its payment (ITP-I-TARIFF), its amount compared;
    or one to pay now, a new one once the last reached its limit."""
    att = ctx.facts.attention
    desk = att.paid if att is not None and not att.ended else ctx.facts.now
    schedule = ctx.prepared.schedules[desk.next_schedule]
    hours, key = phrase(schedule.label), schedule.price_key
    ids = ("ITP-PAY-1", *schedule.clauses, "ITP-CAP-1")
    item = phrase("Online attention (up to 90 minutes), {hours}", hours=hours)
    tariff = tariff_words(ctx, desk)
    if att is None or att.ended:
        why = ctx.listed_reason("attention-to-pay", *schedule.clauses, tariff=tariff)
        if att is None:
            return quote(ctx, item, key, ids, why)
        item = phrase("New online attention (up to 90 minutes), {hours}", hours=hours)
        return quote(ctx, item, key, ids, why, ctx.listed_reason("attention-limit-reached-paid"))
    paid = ctx.local(att.payment.at)
    why = ctx.listed_reason("attention-charged", *schedule.clauses, paid=paid, tariff=tariff)
    found, amount = quote(ctx, item, key, ids, why), att.payment.amount
    total = found.total
    if amount is None or total is None or found.status != QuoteStatus.COMPLETE:
        return found
    if amount.amount == total.amount:  # (else a note for the help desk to check; ITP-I-TARIFF)
        return found
    differs = ctx.listed_reason(
        "amount-paid-differs",
        *schedule.clauses,
        settings=(key,),
        amount=amount,
        hours=hours,
        price=total,
    )
    return attrs.evolve(found, reasons=(why, differs, *found.reasons[1:]))


def pricing(ctx: Ctx, coverage: Coverage) -> Quote:
    """The attention (paid, or to pay) at its tariff, or the service sold separately, with
    IVA; nothing for what the online support does not provide."""
    ids = [c.clause for r in coverage.reasons for c in r.citations]
    if coverage.status == CoverageStatus.EXCLUDED:
        why = ctx.listed_reason("not-provided", *ids)
        return Quote(ctx.vendor.currency, QuoteStatus.NOT_APPLICABLE, reasons=(why,))
    if coverage.status == CoverageStatus.UNDETERMINED:
        why = ctx.listed_reason("coverage-undetermined", *ids)
        return Quote(ctx.vendor.currency, QuoteStatus.UNDETERMINED, reasons=(why,))
    ref = ctx.facts.service
    if ref is None:
        return _attention(ctx)
    row = ctx.tables.remedies[ref]
    why = ctx.listed_reason("service-priced", *row.clauses, service=SERVICES[ref][0])
    assert row.setting is not None  # (each service sold separately is priced by a setting)
    return quote(ctx, SERVICES[ref][1], row.setting, row.clauses, why)
