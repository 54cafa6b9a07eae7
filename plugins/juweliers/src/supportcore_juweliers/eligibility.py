"""Eligibility: an agreement in force, the channels it helps by, the version rules; what the
terms offer instead (the ``[[remedies]]`` rows, the agreement, the upgrade)."""

from __future__ import annotations

from supportcore import Eligibility, EligibilityStatus, Reason, Remedy
from supportcore.model import Channel
from supportcore.periods import billing_period
from supportcore.wording import words

from .facts import CANCELLATION, HELP_CHANNELS, QUARTER_MONTHS, UPGRADE_CATEGORIES, Ctx

REFUSED = EligibilityStatus.NOT_ENTITLED


def eligibility(ctx: Ctx) -> Eligibility:
    """Entitled while an agreement is in force (JUW-FEE) and the channel allows it."""
    refused = channel_rules(ctx)
    if refused is not None:
        return refused
    versions = version_rules(ctx)
    if ctx.facts.agreement.in_force:
        return Eligibility(EligibilityStatus.ENTITLED, basis=(*agreement_basis(ctx), *versions))
    cancelling = ctx.request.category == CANCELLATION  # (the request is the notice)
    remedies = () if cancelling else without_agreement_remedies(ctx)
    return Eligibility(REFUSED, reasons=(without_agreement(ctx), *versions), remedies=remedies)


def channel_rules(ctx: Ctx) -> Eligibility | None:
    """A channel not offered, the link without the pack (JUW-I-COMMS-PACK), phone help in a
    holiday period, agreement or not: no regie help is quoted then (JUW-I-PHONE-HOLIDAY)."""
    req, f, p = ctx.request, ctx.facts, ctx.prepared
    phone, channel = req.channel is Channel.PHONE, req.channel
    if req.category == CANCELLATION:
        return None
    if channel not in HELP_CHANNELS:
        why = ctx.listed_reason("channel-not-offered", channel=channel)
        instead = ("use-phone-help", "use-internet-link") if f.pack else ("use-phone-help",)
        return Eligibility(REFUSED, reasons=(why,), remedies=listed(ctx, *instead))
    if (not phone or req.category == "remote_assistance") and not f.pack:
        why = ctx.listed_reason("communication-pack-missing", module=p.communication_module)
        offered = listed(ctx, "buy-communication-pack", "use-phone-help")
        return Eligibility(REFUSED, reasons=(why,), remedies=offered)
    if f.holiday is None or not (phone or p.holidays_close_internet):
        return None
    in_force, (holiday, period) = f.agreement.in_force, f.holiday
    first = () if in_force else (without_agreement(ctx),)
    then = () if in_force else without_agreement_remedies(ctx)
    if not phone:  # (the setting closes the link too: JUW-I-HOLIDAY-INTERNET)
        why = ctx.listed_reason("internet-help-holiday-period", holiday=holiday, period=period)
        return Eligibility(REFUSED, reasons=(*first, why), remedies=then)
    which = "phone-help-holiday-period" + ("" if in_force else "-closed")
    why = ctx.listed_reason(which, holiday=holiday, period=period)
    call = ctx.listed_remedy("call-after-holiday", day=period.end)
    link = listed(ctx, "use-internet-link") if f.pack and not p.holidays_close_internet else ()
    return Eligibility(REFUSED, reasons=(*first, why), remedies=(call, *link, *then))


def agreement_basis(ctx: Ctx) -> list[Reason]:
    """Since when the agreement is in force, charged per quarter from when (JUW-FEE,
    JUW-BILLED-FROM-PURCHASE, JUW-I-BILLING-START); a notice that is not valid (JUW-CANCEL)."""
    f, today = ctx.facts, ctx.today
    contract, notice, charged = f.agreement.contract, f.agreement.notice, f.charged
    assert contract is not None and charged is not None  # (an agreement in force: a contract)
    since = f.agreement.covers_from or contract.start
    if today < charged.day:  # (charged from a later day agreed: no quarter yet)
        basis = [ctx.listed_reason("agreement-in-force", contract=contract.id, since=since)]
    else:
        which = "before-contract" if since < contract.start else "charged"
        quarter = billing_period(charged.day, today, months=QUARTER_MONTHS)
        why = ctx.listed_reason(
            f"agreement-in-force-{which}",
            contract=contract.id,
            since=since,
            start=contract.start,
            charged=charged.words,
            quarter=quarter,
        )
        basis = [why]
    if notice is not None and not notice.valid:
        day, channel = notice.day, notice.channel
        basis.append(ctx.listed_reason("cancellation-not-valid", channel=channel, day=day))
    if ctx.request.channel is Channel.PHONE and ctx.prepared.holidays is None:
        basis.append(ctx.listed_reason("holiday-periods-unknown"))
    return basis


def version_rules(ctx: Ctx) -> tuple[Reason, ...]:
    """Only the latest version is supported (JUW-LATEST-ONLY, JUW-I-LATEST-ONLY): the upgrade is
    free under the agreement (JUW-UPGRADES), bought without it (JUW-ADAPTATION-UPGRADE)."""
    f = ctx.facts
    installed, latest = f.installed, ctx.prepared.latest
    if installed is None or (latest is not None and not f.older):
        return ()
    if latest is None:
        return (ctx.listed_reason("latest-version-unknown", installed=installed),)
    which = "older-version-free-upgrade"
    if f.needs_upgrade:  # (an adaptation, an upgrade asked, or no help on older versions)
        which = "older-version-upgrade-needed"
    elif not f.agreement.in_force:
        which = "older-version-help-without-adaptation"
    return (ctx.listed_reason(which, installed=installed, latest=latest),)


def without_agreement(ctx: Ctx) -> Reason:
    """Why no agreement applies; every service is then charged at the regie rate
    (JUW-AFTER-CANCEL, JUW-I-NO-AGREEMENT)."""
    agreement = ctx.facts.agreement
    contract, notice, state = agreement.contract, agreement.notice, agreement.state
    if contract is None:
        return ctx.listed_reason("no-agreement")
    if state == "cancelled" and notice is not None:
        day, channel = notice.day, notice.channel
        return ctx.listed_reason(
            "agreement-cancelled", contract=contract.id, channel=channel, day=day
        )
    if state == "ended":
        return ctx.listed_reason(
            "agreement-ended", contract=contract.id, day=agreement.without_since
        )
    return ctx.listed_reason(
        "agreement-not-started", contract=contract.id, day=agreement.covers_from
    )


def without_agreement_remedies(ctx: Ctx) -> tuple[Remedy, ...]:
    """The upgrade when one must be bought, regie help, taking out the agreement."""
    found = [upgrade_remedy(ctx)] if ctx.facts.needs_upgrade else []
    if ctx.request.category not in UPGRADE_CATEGORIES:
        found.extend(listed(ctx, "regie-help"))
    return (*found, agreement_remedy(ctx))


def listed(ctx: Ctx, *ids: str) -> tuple[Remedy, ...]:
    """``[[remedies]]`` rows of the terms, priced by their settings with the BTW note."""
    return tuple(ctx.listed_remedy(i) for i in ids)


def agreement_remedy(ctx: Ctx) -> Remedy:
    """Taking out the agreement: a quarter of the monthly amount (JUW-FEE-SOFTWARE), charged
    from the purchase for a customer who never had one (JUW-BILLED-FROM-PURCHASE)."""
    f = ctx.facts
    assert f.fee is not None  # (assessed whenever no agreement is in force)
    notes = [ctx.say("per quarter, 3 × the monthly amount: {how}", how=f.fee.how)]
    ids: tuple[str, ...] = ()
    if f.agreement.state in ("none", "not_started") and f.charged is not None:
        ids = ("JUW-BILLED-FROM-PURCHASE",)
        notes.append(ctx.say("charged from {charged}", charged=f.charged.words))
    return ctx.listed_remedy(
        "take-agreement",
        *ids,
        price=None if f.fee.amount is None else f.fee.amount * QUARTER_MONTHS,
        price_note=", ".join((*notes, ctx.tax.note)),
        missing=f.fee.missing,
    )


def upgrade_remedy(ctx: Ctx) -> Remedy:
    """Buying the upgrade to the latest version (JUW-ADAPTATION-UPGRADE, JUW-UPGRADE-PRICE)."""
    up = ctx.facts.upgrade
    assert up is not None  # (assessed whenever an upgrade must be bought)
    note = f"{words(up.how, ctx.language)}, {ctx.tax.note}"
    return ctx.listed_remedy("buy-upgrade", price=up.amount, price_note=note, missing=up.missing)
