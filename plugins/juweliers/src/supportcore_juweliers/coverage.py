"""Coverage: the ``[[coverage]]`` table while the agreement is in force, with the exceptions
the request's facts make; every service without it; a request to cancel it."""

from __future__ import annotations

import attrs

from supportcore import Coverage, CoverageStatus, MissingFact, PaymentState
from supportcore.model import Channel
from supportcore.wording import Phrase, phrase

from .eligibility import listed, upgrade_remedy
from .facts import CANCELLATION, UPGRADE_CATEGORIES, Ctx

COVERED, BILLABLE = CoverageStatus.COVERED, CoverageStatus.BILLABLE
UNDETERMINED = CoverageStatus.UNDETERMINED
AFTER_CANCEL = ("JUW-AFTER-CANCEL", "JUW-AFTER-CANCEL-ALL-CHANNELS")
#: request.facts.cause in words (JUW-EXCLUDED, JUW-I-EXTERNAL-CAUSE)
CAUSES = {
    "pc": phrase("a PC problem"),
    "virus": phrase("a virus"),
    "spyware": phrase("spyware"),
    "internet": phrase("the internet"),
    "external": phrase("an external cause"),
}


def coverage(ctx: Ctx) -> Coverage:
    """The table under the agreement, but for the request's facts: an external cause, the first
    training pack, a data problem of the package, a usage question over the link (JUW-LINK)."""
    req = ctx.request
    cat, cause = req.category, req.facts.get("cause")
    if cat == CANCELLATION:
        return cancellation_coverage(ctx)
    if not ctx.facts.agreement.in_force:
        return without_agreement_coverage(ctx)
    if cause in CAUSES and cat != "reinstallation":
        why = ctx.reason(
            "external-cause-not-covered",
            "Problems caused by {cause} are not covered: the help is charged at the regie rate",
            *("JUW-EXCLUDED", "JUW-EXCLUDED-REGIE"),
            cause=CAUSES[cause],
        )
        return Coverage(BILLABLE, cat, (why,), listed(ctx, "regie-rate"))
    if cat == "training" and req.facts.get("first_training_pack") == "not_done":
        why = ctx.reason(
            "first-training-pack",
            "Training is covered after the first pack, whose price the terms do not give",
            "JUW-TRAINING",
        )
        return Coverage(UNDETERMINED, cat, (why,))
    what: Phrase | None = None
    ids: tuple[str, ...] = ("JUW-LINK",)
    if cat == "data_repair" and cause == "package":
        what = phrase("help with a problem of the package itself")
        ids = ("JUW-PHONE", "JUW-UPGRADES")
    elif cat == "usage_question" and req.channel is Channel.REMOTE:
        what = phrase("help about the package")
    if what is not None:
        why = ctx.reason("covered", "Covered by the agreement: {what}", *ids, what=what)
        found = Coverage(COVERED, cat, (why,))
    else:
        found = ctx.listed_coverage or Coverage(UNDETERMINED, cat)
    if found.status == COVERED and req.needs_adaptation:
        free = ctx.reason(
            "adaptation-in-free-upgrade",
            "The adaptation comes in the latest version, free under the agreement",
            *("JUW-UPGRADES", "JUW-LATEST-ONLY"),
        )
        found = attrs.evolve(found, reasons=(*found.reasons, free))
    return found


def without_agreement_coverage(ctx: Ctx) -> Coverage:
    """Every service is charged at the regie rate (JUW-AFTER-CANCEL, JUW-I-NO-AGREEMENT); an
    upgrade is bought (JUW-ADAPTATION-UPGRADE)."""
    cat = ctx.request.category
    if cat in UPGRADE_CATEGORIES:
        why = ctx.reason(
            "upgrade-to-buy",
            "Without the agreement upgrades are bought, at 1/60 of the licence cost a month",
            *("JUW-ADAPTATION-UPGRADE", "JUW-UPGRADE-PRICE"),
        )
        return Coverage(BILLABLE, cat, (why,), (upgrade_remedy(ctx),))
    regie = ctx.reason(
        "regie-without-agreement",
        "Without the agreement every service, by phone or over the internet, is charged at the "
        "regie rate, with a minimum of 1 hour per intervention",
        *AFTER_CANCEL,
    )
    if not ctx.facts.needs_upgrade:
        return Coverage(BILLABLE, cat, (regie,), listed(ctx, "regie-help"))
    upgrade = ctx.reason(
        "adaptation-needs-upgrade",
        "This help needs the latest version: without the agreement an upgrade is bought",
        *("JUW-ADAPTATION-UPGRADE", "JUW-LATEST-ONLY"),
    )
    offered = (*listed(ctx, "regie-help"), upgrade_remedy(ctx))
    return Coverage(BILLABLE, cat, (regie, upgrade), offered)


def cancellation_coverage(ctx: Ctx) -> Coverage:
    """A request to cancel: valid only by letter, e-mail or fax (JUW-CANCEL); the periods
    invoiced before the notice stay due (JUW-CANCEL-INVOICED)."""
    agreement = ctx.facts.agreement
    contract, notice = agreement.contract, agreement.notice
    if contract is None or notice is None:
        why = ctx.reason("nothing-to-cancel", "There is no agreement to cancel", "JUW-CANCEL")
        return Coverage(UNDETERMINED, CANCELLATION, (why,))
    if not notice.valid:
        why = ctx.reason(
            "cancellation-not-valid",
            "A cancellation by {channel} is not valid: only a letter, an e-mail or a fax cancels "
            "the agreement",
            "JUW-CANCEL",
            channel=notice.channel,
        )
        written = listed(ctx, "send-written-notice")
        return Coverage(CoverageStatus.EXCLUDED, CANCELLATION, (why,), written)
    cancelled = ctx.reason(
        "cancelled",
        "The agreement is cancelled by {channel} as of {day}; the periods invoiced before then "
        "are still due",
        *("JUW-CANCEL", "JUW-CANCEL-INVOICED"),
        channel=notice.channel,
        day=notice.day,
    )
    regie = ctx.reason(
        "regie-after-cancellation",
        "From the notice on every service, by phone or over the internet, is charged at the "
        "regie rate, with a minimum of 1 hour per intervention",
        *AFTER_CANCEL,
    )
    unknown: tuple[MissingFact, ...] = ()
    if contract.payment is PaymentState.PARTIAL and ctx.facts.paid is None:
        needed = "the rest of the partly paid quarter invoice"
        what = ctx.missing_fact("ticket.events", needed, "the payments, each with its amount")
        unknown = (what,)
    return Coverage(BILLABLE, CANCELLATION, (cancelled, regie), missing_facts=unknown)
