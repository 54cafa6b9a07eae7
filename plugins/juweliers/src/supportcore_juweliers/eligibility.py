"""Eligibility: an agreement in force, the channels it helps by, the version rules."""

from __future__ import annotations

from datetime import timedelta

from supportcore import Eligibility, EligibilityStatus, Reason, Remedy, Service
from supportcore.model import Channel
from supportcore.periods import Period, billing_period
from supportcore.wording import phrase

from . import remedies
from .facts import CANCELLATION, HELP_CHANNELS, QUARTER_MONTHS, UPGRADE_CATEGORIES, Ctx, State
from .service import holidays_unknown

REFUSED = EligibilityStatus.NOT_ENTITLED


def eligibility(ctx: Ctx, service: Service) -> Eligibility:
    """Entitled while an agreement is in force (JUW-FEE) and the channel allows it."""
    refused = channel_rules(ctx, service)
    if refused is not None:
        return refused
    versions = version_rules(ctx)
    if ctx.facts.agreement.in_force:
        return Eligibility(EligibilityStatus.ENTITLED, basis=(*agreement_basis(ctx), *versions))
    reasons = (without_agreement(ctx), *versions)
    if ctx.request.category == CANCELLATION:
        return Eligibility(REFUSED, reasons=reasons)
    return Eligibility(REFUSED, reasons=reasons, remedies=without_agreement_remedies(ctx))


def channel_rules(ctx: Ctx, service: Service) -> Eligibility | None:
    """A channel the terms do not offer; the internet link without the communication pack
    (JUW-LINK, JUW-I-COMMS-PACK); phone help in a holiday period (JUW-PHONE), with or without
    the agreement: the line is closed, so no regie help is quoted either (JUW-I-PHONE-HOLIDAY)."""
    req, f, p = ctx.request, ctx.facts, ctx.prepared
    if req.category == CANCELLATION:
        return None
    if req.channel not in HELP_CHANNELS:
        why = ctx.reason(
            "channel-not-offered",
            "Help is given by telephone and over the internet link, not by {channel}",
            "JUW-PHONE",
            "JUW-LINK",
            channel=req.channel,
        )
        instead = (remedies.phone(ctx), remedies.link(ctx))
        return Eligibility(REFUSED, reasons=(why,), remedies=instead if f.pack else instead[:1])
    if (req.channel is Channel.REMOTE or req.category == "remote_assistance") and not f.pack:
        why = ctx.reason(
            "communication-pack-missing",
            "Help over the internet link needs the communication pack ({module}), which is not "
            "among the installed modules",
            "JUW-LINK",
            module=p.communication_module,
        )
        return Eligibility(
            REFUSED, reasons=(why,), remedies=(remedies.pack(ctx), remedies.phone(ctx))
        )
    holiday, phone = f.holiday, req.channel is Channel.PHONE
    if holiday is None or not (phone or p.holidays_close_internet):
        return None
    in_force = f.agreement.in_force
    first = () if in_force else (without_agreement(ctx),)
    then = () if in_force else without_agreement_remedies(ctx)
    period = Period(holiday.start, holiday.end + timedelta(days=1))
    if not phone:
        why = ctx.reason(
            "internet-help-holiday-period",
            "Help over the internet link is not given in the holiday period {holiday} ({period})",
            "JUW-LINK",
            "JUW-PHONE",
            settings=("holiday_periods_close_internet_help",),
            holiday=holiday.label,
            period=period,
        )
        return Eligibility(REFUSED, reasons=(*first, why), remedies=then)
    why = ctx.reason(
        "phone-help-holiday-period",
        "Telephone help is {what} in the holiday period {holiday} ({period})",
        "JUW-PHONE",
        what=phrase("not part of the agreement") if in_force else phrase("not given"),
        holiday=holiday.label,
        period=period,
    )
    call = ctx.remedy(
        "call-after-holiday", "Call again from {day} onwards", "JUW-PHONE", day=period.end
    )
    link = (remedies.link(ctx),) if f.pack and not p.holidays_close_internet else ()
    return Eligibility(REFUSED, reasons=(*first, why), remedies=(call, *link, *then))


def agreement_basis(ctx: Ctx) -> list[Reason]:
    """Since when the agreement is in force, charged per quarter from when (JUW-FEE,
    JUW-BILLED-FROM-PURCHASE, JUW-I-BILLING-START); a notice that is not valid (JUW-CANCEL)."""
    f, today = ctx.facts, ctx.today
    contract, notice = f.agreement.contract, f.agreement.notice
    assert contract is not None  # (an agreement in force is a contract)
    since, charged = f.agreement.covers_from or contract.start, f.charged
    if charged is None or today < charged.day:
        basis = [
            ctx.reason(
                "agreement-in-force",
                "Assistance agreement {contract} is in force since {since}",
                "JUW-FEE",
                contract=contract.id,
                since=since,
            )
        ]
    elif since < contract.start:
        basis = [
            ctx.reason(
                "agreement-in-force",
                "Assistance agreement {contract} is in force since {since}: its contract starts "
                "on {start}, but it is charged, and so covers, from {charged}; the current "
                "quarter runs {quarter}",
                "JUW-FEE",
                "JUW-BILLED-FROM-PURCHASE",
                contract=contract.id,
                since=since,
                start=contract.start,
                charged=charged.words,
                quarter=billing_period(charged.day, today, months=QUARTER_MONTHS),
            )
        ]
    else:
        basis = [
            ctx.reason(
                "agreement-in-force",
                "Assistance agreement {contract} is in force since {since}; it is charged per "
                "quarter from {charged}, and the current quarter runs {quarter}",
                "JUW-FEE",
                "JUW-BILLED-FROM-PURCHASE",
                contract=contract.id,
                since=since,
                charged=charged.words,
                quarter=billing_period(charged.day, today, months=QUARTER_MONTHS),
            )
        ]
    if notice is not None and not notice.valid:
        basis.append(
            ctx.reason(
                "cancellation-not-valid",
                "The notice of cancellation by {channel} on {day} is not valid: only a letter, an "
                "e-mail or a fax cancels the agreement, so it continues",
                "JUW-CANCEL",
                channel=notice.channel,
                day=notice.day,
            )
        )
    if ctx.request.channel is Channel.PHONE and ctx.prepared.holidays is None:
        basis.append(holidays_unknown(ctx))
    return basis


def version_rules(ctx: Ctx) -> tuple[Reason, ...]:
    """Only the latest version is supported (JUW-LATEST-ONLY, JUW-I-LATEST-ONLY): with the
    agreement the upgrade is free (JUW-UPGRADES); without it, an adaptation needs a bought
    upgrade (JUW-ADAPTATION-UPGRADE), and by the setting any help does."""
    f, p, req = ctx.facts, ctx.prepared, ctx.request
    installed, latest = f.installed, p.latest
    if installed is None or (latest is not None and not f.older):
        return ()
    if latest is None:
        why = ctx.reason(
            "latest-version-unknown",
            "Only the latest version is supported, and which one that is is not known; version "
            "{installed} is installed",
            "JUW-LATEST-ONLY",
            settings=("latest_version",),
            installed=installed,
        )
        return (why,)
    ids: tuple[str, ...]
    if f.agreement.in_force:
        code, ids = "older-version-free-upgrade", ("JUW-LATEST-ONLY", "JUW-UPGRADES")
        then = phrase("the upgrade to it is free under the agreement")
    elif req.needs_adaptation or req.category in UPGRADE_CATEGORIES or not p.help_on_older_versions:
        code, ids = "older-version-upgrade-needed", ("JUW-LATEST-ONLY", "JUW-ADAPTATION-UPGRADE")
        then = phrase("without the agreement the upgrade to it must be bought")
    else:
        code, ids = "older-version-help-without-adaptation", ("JUW-LATEST-ONLY",)
        then = phrase("help that needs no adaptation of the package is still given")
    why = ctx.reason(
        code,
        "Version {installed} is older than the latest version {latest}, the only one supported: "
        "{then}",
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
    contract, notice = agreement.contract, agreement.notice
    if contract is None:
        return ctx.reason(
            "no-agreement",
            "There is no assistance agreement: every service is charged at the regie rate, "
            "with a minimum of 1 hour per intervention",
            "JUW-FEE",
            "JUW-AFTER-CANCEL",
        )
    if agreement.state is State.CANCELLED and notice is not None:
        return ctx.reason(
            "agreement-cancelled",
            "Assistance agreement {contract} was cancelled by {channel} on {day}: since then "
            "every service is charged at the regie rate, with a minimum of 1 hour per intervention",
            "JUW-CANCEL",
            "JUW-AFTER-CANCEL",
            contract=contract.id,
            channel=notice.channel,
            day=notice.day,
        )
    if agreement.state is State.ENDED:
        return ctx.reason(
            "agreement-ended",
            "Assistance agreement {contract} ended on {day}: since then every service is "
            "charged at the regie rate, with a minimum of 1 hour per intervention",
            "JUW-AFTER-CANCEL",
            contract=contract.id,
            day=agreement.without_since,
        )
    return ctx.reason(
        "agreement-not-started",
        "Assistance agreement {contract} starts on {day}: until then every service is charged "
        "at the regie rate, with a minimum of 1 hour per intervention",
        "JUW-FEE",
        "JUW-AFTER-CANCEL",
        contract=contract.id,
        day=agreement.covers_from,
    )


def without_agreement_remedies(ctx: Ctx) -> tuple[Remedy, ...]:
    """The upgrade when one must be bought, regie help, taking out the agreement."""
    found = [remedies.upgrade(ctx)] if ctx.facts.needs_upgrade else []
    if ctx.request.category not in UPGRADE_CATEGORIES:
        found.append(remedies.regie(ctx))
    return (*found, remedies.agreement(ctx))
