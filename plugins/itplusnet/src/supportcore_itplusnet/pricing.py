"""Prices: the attention at its tariff, the services sold separately, with IVA. The document
publishes no price: every amount is a setting, named as missing when not given; so is whether
the prices include IVA (interpretation ITP-I-IVA)."""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING, Any

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
from supportcore.tables.pricing import remedy
from supportcore.wording import Phrase, phrase, words

if TYPE_CHECKING:
    from supportcore.calendar import OpenStatus

    from .prepared import Ctx

#: The setting that says whether the prices include IVA, and the interpretation behind it.
IVA_INCLUDED, IVA_READING = "prices_include_iva", ("ITP-I-IVA",)
#: The services sold separately, by the ``ref`` of their payment: in a sentence, on a quote line.
SERVICES = {
    "reinstallation": (
        phrase("reinstallation of the ITPLUSNET software"),
        phrase("Reinstallation of the ITPLUSNET software"),
    ),
    "technical_service": (
        phrase("technical service for your computers or network"),
        phrase("Technical service for your computers or network"),
    ),
    "on_site": (
        phrase("on-site technical assistance (Santiago only)"),
        phrase("On-site technical assistance (Santiago only)"),
    ),
}


def price(ctx: Ctx, key: str) -> tuple[Money | None, str, tuple[MissingSetting, ...]]:
    """The price in the money setting ``key``, the note on its IVA, and what is missing."""
    found = ctx.price(key)
    if not isinstance(found, Money):
        return None, "", (found,)
    return found.rounded(), ctx.tax.note, ()


def priced(ctx: Ctx, found: Remedy) -> Remedy:
    """A remedy the core priced from the tables, its IVA note as these settings say: while the
    integrator has not said whether the prices include IVA, the note says so and names it."""
    if ctx.prepared.iva_included is not None or found.price is None:
        return found
    note = ctx.say("whether IVA is included is not configured")
    return attrs.evolve(found, price_note=note, missing=(ctx.missing(IVA_INCLUDED),))


def buy(ctx: Ctx, ref: str) -> Remedy:
    """Remedy: buy a service sold separately with its purchase button (``[[remedies]]``)."""
    return priced(ctx, remedy(ctx.tables, ctx, ctx.tables.remedies[ref]))


def tariff_words(ctx: Ctx, desk: OpenStatus) -> Phrase:
    """The price of an attention paid when the desk is as ``desk`` says: that of the schedule
    in force, or while closed that of the next opening (interpretation ITP-I-TARIFF)."""
    hours = phrase(ctx.prepared.schedules[desk.next_schedule].label)
    if desk.open:
        return phrase("the {hours} price", hours=hours)
    return phrase(
        "the {hours} price (the desk is closed at that time; it reopens on {opens})",
        hours=hours,
        opens=ctx.local(desk.next_open),
    )


def mobile(ctx: Ctx) -> Phrase:
    """What the customer does in special hours (ITP-HOURS-3): call one of the two mobile
    numbers, which the integrator supplies (the document does not publish them)."""
    if numbers := ctx.prepared.mobile_numbers:
        return phrase("call support on one of the mobile numbers {numbers}", numbers=numbers)
    return phrase(
        "call support on one of the two mobile numbers given for special hours (they are not "
        "published in the terms)"
    )


def pay_attention(ctx: Ctx, *, new: bool) -> Remedy:
    """Remedy: pay one (new) attention online at the tariff in force now; then the customer
    is contacted or, in special hours, calls the mobile numbers (ITP-PAY-2, ITP-HOURS-3)."""
    now = ctx.facts.now
    schedule = ctx.prepared.schedules[now.next_schedule]
    amount, note, missing = price(ctx, schedule.price_key)
    if now.next_schedule == "special":
        then = mobile(ctx)
    else:
        then = phrase(
            "use one of the contact channels you are given, or wait for a technician's call"
        )
    pay = ctx.remedy(
        "pay-new-attention" if new else "pay-attention",
        "Pay {which} attention online (up to 90 minutes) at {tariff}; then {then}.",
        *("ITP-PAY-1", "ITP-PAY-2", *schedule.clauses, "ITP-CAP-1"),
        price=amount,
        price_note=note,
        missing=missing,
        which=phrase("a new") if new else phrase("one"),
        tariff=tariff_words(ctx, now),
        then=then,
    )
    return priced(ctx, pay)


def _iva(ctx: Ctx, builder: QuoteBuilder) -> None:
    """The IVA line and why, as ``prices_include_iva`` says (interpretation ITP-I-IVA); the
    reasons cite the payment clause, whose price the terms do not publish."""
    included, rate = ctx.prepared.iva_included, ctx.tax.rate or Decimal(0)
    data: dict[str, Any] = {"percent": (rate * 100).normalize(), "settings": (IVA_INCLUDED,)}
    data["interpretations"] = IVA_READING
    if included is None:
        if builder.has_lines:
            builder.missing(ctx.missing(IVA_INCLUDED))
            why = ctx.reason(
                "iva-unknown",
                "Whether these prices include IVA ({percent} %) is not configured, and the terms, "
                "which publish no prices, do not say: the total shows the prices as given, "
                "without IVA added.",
                "ITP-PAY-1",
                **data,
            )
            builder.reason(why)
        return
    ctx.tax.apply(builder)
    if included:
        why = ctx.reason(
            "iva-included",
            "The prices include IVA {percent} % (Chile, DL 825), as the settings say (the terms "
            "publish no prices): net = price / {factor} rounded to the peso, IVA = price − net.",
            "ITP-PAY-1",
            factor=1 + rate,
            **data,
        )
    else:
        why = ctx.reason(
            "iva-added",
            "IVA {percent} % (Chile, DL 825) is added to the prices, which exclude it as the "
            "settings say (the terms publish no prices).",
            "ITP-PAY-1",
            **data,
        )
    builder.reason(why)


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
    charged = tariff_words(ctx, desk)
    if att is None or att.ended:
        why = ctx.reason(
            "attention-to-pay",
            "Each attention is paid online before it is served (no contract is needed); one "
            "paid now is charged at {tariff}.",
            "ITP-PAY-1",
            *schedule.clauses,
            tariff=charged,
        )
        if att is None:
            return quote(ctx, item, key, ids, why)
        ended = ctx.reason(
            "attention-limit-reached",
            "The attention paid earlier reached its 90-minute limit: continuing needs a new "
            "attention.",
            "ITP-CAP-1",
        )
        item = phrase("New online attention (up to 90 minutes), {hours}", hours=hours)
        return quote(ctx, item, key, ids, why, ended)
    why = ctx.reason(
        "attention-paid",
        "The attention was paid online on {paid}; it is charged at {tariff}.",
        "ITP-PAY-1",
        *schedule.clauses,
        paid=ctx.local(att.payment.at),
        tariff=charged,
    )
    found, paid = quote(ctx, item, key, ids, why), att.payment.amount
    total = found.total
    if paid is None or total is None or found.status != QuoteStatus.COMPLETE:
        return found
    if paid.amount == total.amount:  # (else a note for the help desk to check; ITP-I-TARIFF)
        return found
    differs = ctx.reason(
        "amount-paid-differs",
        "Note: the amount paid, {amount}, differs from the {hours} price of an attention, "
        "{price}; the payment and the price settings should be checked.",
        "ITP-PAY-1",
        *schedule.clauses,
        settings=(key,),
        amount=paid,
        hours=hours,
        price=total,
    )
    return attrs.evolve(found, reasons=(why, differs, *found.reasons[1:]))


def pricing(ctx: Ctx, coverage: Coverage) -> Quote:
    """The attention (paid, or to pay) at its tariff, or the service sold separately, with
    IVA; nothing for what the online support does not provide."""
    cites = tuple(c for r in coverage.reasons for c in r.citations)
    if coverage.status == CoverageStatus.EXCLUDED:
        words_of = ctx.say(
            "Nothing is priced: the online support does not provide this (see the coverage "
            "remedies for what can be bought instead)."
        )
        why = Reason("not-provided", words_of, cites)
        return Quote(ctx.vendor.currency, QuoteStatus.NOT_APPLICABLE, reasons=(why,))
    if coverage.status == CoverageStatus.UNDETERMINED:
        words_of = ctx.say(
            "No price is quoted while it is undetermined whether the terms cover this request "
            "(see coverage)."
        )
        why = Reason("coverage-undetermined", words_of, cites)
        return Quote(ctx.vendor.currency, QuoteStatus.UNDETERMINED, reasons=(why,))
    ref = ctx.facts.service
    if ref is None:
        return _attention(ctx)
    row = ctx.tables.remedies[ref]
    why = ctx.reason(
        "bought-separately",
        "The {service} is priced on its own, apart from the online support.",
        *row.clauses,
        service=SERVICES[ref][0],
    )
    assert row.setting is not None  # (each service sold separately is priced by a setting)
    return quote(ctx, SERVICES[ref][1], row.setting, row.clauses, why)
