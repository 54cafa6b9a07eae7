"""Eligibility: an agreement in force, the channels it helps by, the version rules; what the
terms offer instead (the ``[[remedies]]`` rows, the agreement, the upgrade)."""

from __future__ import annotations

from typing import Any

from supportcore import Eligibility, EligibilityStatus, Reason, Remedy
from supportcore.model import Channel
from supportcore.periods import billing_period
from supportcore.tables.pricing import remedy as table_remedy
from supportcore.wording import phrase, words

from .facts import CANCELLATION, HELP_CHANNELS, QUARTER_MONTHS, UPGRADE_CATEGORIES, Ctx
from .service import holidays_unknown

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
        why = ctx.reason(
            "channel-not-offered",
            "Help is given by phone and over the internet link, not by {channel}",
            *("JUW-PHONE", "JUW-LINK"),
            channel=channel,
        )
        instead = ("use-phone-help", "use-internet-link") if f.pack else ("use-phone-help",)
        return Eligibility(REFUSED, reasons=(why,), remedies=listed(ctx, *instead))
    if (not phone or req.category == "remote_assistance") and not f.pack:
        why = ctx.reason(
            "communication-pack-missing",
            "Help over the internet link needs the communication pack ({module})",
            "JUW-LINK",
            module=p.communication_module,
        )
        offered = listed(ctx, "buy-communication-pack", "use-phone-help")
        return Eligibility(REFUSED, reasons=(why,), remedies=offered)
    if f.holiday is None or not (phone or p.holidays_close_internet):
        return None
    in_force = f.agreement.in_force
    first = () if in_force else (without_agreement(ctx),)
    then = () if in_force else without_agreement_remedies(ctx)
    what = phrase("not part of the agreement") if in_force else phrase("not given")
    values: dict[str, Any] = {"help": phrase("Phone help"), "what": what}
    values.update(holiday=f.holiday[0], period=f.holiday[1])
    ids: tuple[str, ...] = ("JUW-PHONE",)
    code, settings = "phone-help-holiday-period", tuple[str, ...]()
    if not phone:  # (the setting closes the link too: JUW-I-HOLIDAY-INTERNET)
        values.update(help=phrase("Help over the internet link"), what=phrase("not given"))
        code, ids = "internet-help-holiday-period", ("JUW-LINK", "JUW-PHONE")
        settings = ("holiday_periods_close_internet_help",)
    why = ctx.reason(
        code,
        "{help} is {what} in the holiday period {holiday} ({period})",
        *ids,
        settings=settings,
        **values,
    )
    if not phone:
        return Eligibility(REFUSED, reasons=(*first, why), remedies=then)
    day = f.holiday[1].end
    call = ctx.remedy("call-after-holiday", "Call again from {day}", "JUW-PHONE", day=day)
    link = listed(ctx, "use-internet-link") if f.pack and not p.holidays_close_internet else ()
    return Eligibility(REFUSED, reasons=(*first, why), remedies=(call, *link, *then))


def agreement_basis(ctx: Ctx) -> list[Reason]:
    """Since when the agreement is in force, charged per quarter from when (JUW-FEE,
    JUW-BILLED-FROM-PURCHASE, JUW-I-BILLING-START); a notice that is not valid (JUW-CANCEL)."""
    f, today = ctx.facts, ctx.today
    contract, notice, charged = f.agreement.contract, f.agreement.notice, f.charged
    assert contract is not None and charged is not None  # (an agreement in force: a contract)
    since = f.agreement.covers_from or contract.start
    values: dict[str, Any] = {"contract": contract.id, "since": since}
    if today < charged.day:  # (charged from a later day agreed: no quarter yet)
        why = ctx.reason(
            "agreement-in-force",
            "Agreement {contract} is in force since {since}",
            "JUW-FEE",
            **values,
        )
    else:
        values["charged"] = charged.words
        values["quarter"] = billing_period(charged.day, today, months=QUARTER_MONTHS)
        if since < contract.start:
            why = ctx.reason(
                "agreement-in-force",
                "Agreement {contract} is in force since {since}: its contract starts on {start}, "
                "but it covers what is charged, from {charged}; this quarter runs {quarter}",
                *("JUW-FEE", "JUW-BILLED-FROM-PURCHASE"),
                start=contract.start,
                **values,
            )
        else:
            why = ctx.reason(
                "agreement-in-force",
                "Agreement {contract} is in force since {since}, charged per quarter from "
                "{charged}; this quarter runs {quarter}",
                *("JUW-FEE", "JUW-BILLED-FROM-PURCHASE"),
                **values,
            )
    basis = [why]
    if notice is not None and not notice.valid:
        why = ctx.reason(
            "cancellation-not-valid",
            "The notice of cancellation by {channel} on {day} is not valid: only a letter, an "
            "e-mail or a fax cancels the agreement",
            "JUW-CANCEL",
            channel=notice.channel,
            day=notice.day,
        )
        basis.append(why)
    if ctx.request.channel is Channel.PHONE and ctx.prepared.holidays is None:
        basis.append(holidays_unknown(ctx))
    return basis


def version_rules(ctx: Ctx) -> tuple[Reason, ...]:
    """Only the latest version is supported (JUW-LATEST-ONLY, JUW-I-LATEST-ONLY): the upgrade is
    free under the agreement (JUW-UPGRADES), bought without it (JUW-ADAPTATION-UPGRADE)."""
    f = ctx.facts
    installed, latest = f.installed, ctx.prepared.latest
    if installed is None or (latest is not None and not f.older):
        return ()
    if latest is None:
        why = ctx.reason(
            "latest-version-unknown",
            "Only the latest version is supported, and which one that is is not known (version "
            "{installed} is installed)",
            "JUW-LATEST-ONLY",
            settings=("latest_version",),
            installed=installed,
        )
        return (why,)
    ids: tuple[str, ...] = ("JUW-LATEST-ONLY", "JUW-UPGRADES")
    code, then = "older-version-free-upgrade", phrase("the upgrade is free under the agreement")
    if f.needs_upgrade:  # (an adaptation, an upgrade asked, or no help on older versions)
        ids = ("JUW-LATEST-ONLY", "JUW-ADAPTATION-UPGRADE")
        code, then = "older-version-upgrade-needed", phrase("an upgrade must be bought")
    elif not f.agreement.in_force:
        ids, code = ("JUW-LATEST-ONLY",), "older-version-help-without-adaptation"
        then = phrase("help that needs no adaptation is still given")
    why = ctx.reason(
        code,
        "Version {installed} is older than {latest}, the only one supported: {then}",
        *ids,
        installed=installed,
        latest=latest,
        then=then,
    )
    return (why,)


def without_agreement(ctx: Ctx) -> Reason:
    """Why no agreement applies; every service is then charged at the regie rate
    (JUW-AFTER-CANCEL, JUW-I-NO-AGREEMENT)."""
    agreement = ctx.facts.agreement
    contract, notice, state = agreement.contract, agreement.notice, agreement.state
    ids: tuple[str, ...] = ("JUW-FEE",)
    if contract is None:
        code, why = "no-agreement", phrase("There is no assistance agreement")
        values: dict[str, Any] = {}
    elif state == "cancelled" and notice is not None:
        code, ids, values = "agreement-cancelled", ("JUW-CANCEL",), {"channel": notice.channel}
        values.update(contract=contract.id, day=notice.day)
        why = phrase("Agreement {contract} was cancelled by {channel} on {day}", **values)
    elif state == "ended":
        code, ids, values = "agreement-ended", (), {"contract": contract.id}
        values["day"] = agreement.without_since
        why = phrase("Agreement {contract} ended on {day}", **values)
    else:
        code, values = "agreement-not-started", {"contract": contract.id}
        values["day"] = agreement.covers_from
        why = phrase("Agreement {contract} only starts on {day}", **values)
    ids = (*ids, "JUW-AFTER-CANCEL")
    return ctx.reason(
        code, "{why}: every service is charged at the regie rate", *ids, why=why, **values
    )


def without_agreement_remedies(ctx: Ctx) -> tuple[Remedy, ...]:
    """The upgrade when one must be bought, regie help, taking out the agreement."""
    found = [upgrade_remedy(ctx)] if ctx.facts.needs_upgrade else []
    if ctx.request.category not in UPGRADE_CATEGORIES:
        found.extend(listed(ctx, "regie-help"))
    return (*found, agreement_remedy(ctx))


def listed(ctx: Ctx, *ids: str) -> tuple[Remedy, ...]:
    """``[[remedies]]`` rows of the terms, priced by their settings with the BTW note."""
    return tuple(table_remedy(ctx.tables, ctx, ctx.tables.remedies[i]) for i in ids)


def agreement_remedy(ctx: Ctx) -> Remedy:
    """Taking out the agreement: a quarter of the monthly amount (JUW-FEE-SOFTWARE), charged
    from the purchase for a customer who never had one (JUW-BILLED-FROM-PURCHASE)."""
    f = ctx.facts
    assert f.fee is not None  # (assessed whenever no agreement is in force)
    ids = ["JUW-FEE", "JUW-FEE-SOFTWARE"]
    notes = [ctx.say("per quarter (3 × the monthly amount: {how})", how=f.fee.how)]
    if f.agreement.state in ("none", "not_started") and f.charged is not None:
        ids.append("JUW-BILLED-FROM-PURCHASE")
        notes.append(ctx.say("charged from {charged}", charged=f.charged.words))
    return ctx.remedy(
        "take-agreement",
        "Take out the assistance agreement: upgrades, training, phone and internet help for a "
        "fixed monthly amount",
        *ids,
        price=None if f.fee.amount is None else f.fee.amount * QUARTER_MONTHS,
        price_note=", ".join((*notes, ctx.tax.note)),
        missing=f.fee.missing,
    )


def upgrade_remedy(ctx: Ctx) -> Remedy:
    """Buying the upgrade to the latest version (JUW-ADAPTATION-UPGRADE, JUW-UPGRADE-PRICE)."""
    up = ctx.facts.upgrade
    assert up is not None  # (assessed whenever an upgrade must be bought)
    return ctx.remedy(
        "buy-upgrade",
        "Buy the upgrade to the latest version, the only one supported",
        *("JUW-ADAPTATION-UPGRADE", "JUW-LATEST-ONLY", "JUW-UPGRADE-PRICE"),
        price=up.amount,
        price_note=f"{words(up.how, ctx.language)}, {ctx.tax.note}",
        missing=up.missing,
    )
