"""Coverage: the agreement's ``[[coverage]]`` table while it is in force, with the exceptions
the request's facts make; every service without it; a request to cancel it."""

from __future__ import annotations

import attrs

from supportcore import Coverage, CoverageStatus, Eligibility, PaymentState
from supportcore.model import Channel
from supportcore.reasons import MissingFact
from supportcore.wording import phrase

from . import remedies
from .facts import CANCELLATION, UPGRADE_CATEGORIES, Ctx

COVERED, BILLABLE = CoverageStatus.COVERED, CoverageStatus.BILLABLE
#: request.facts.cause in words (JUW-EXCLUDED, JUW-I-EXTERNAL-CAUSE)
CAUSES = {
    "pc": phrase("a PC problem"),
    "virus": phrase("a virus"),
    "spyware": phrase("spyware"),
    "internet": phrase("the internet"),
    "external": phrase("an external cause"),
}


def coverage(ctx: Ctx, eligibility: Eligibility) -> Coverage:
    """Under the agreement, its table, except where the request's facts decide: an external
    cause (JUW-I-EXTERNAL-CAUSE), the first training pack (JUW-I-FIRST-TRAINING), a data problem
    of the package itself, a usage question over the internet link (JUW-LINK). An adaptation
    comes with the free upgrade (JUW-UPGRADES)."""
    req = ctx.request
    cat, cause = req.category, req.facts.get("cause")
    if cat == CANCELLATION:
        return cancellation_coverage(ctx)
    if not ctx.facts.agreement.in_force:
        return without_agreement_coverage(ctx)
    if cause in CAUSES and cat != "reinstallation":
        why = ctx.reason(
            "external-cause-not-covered",
            "Problems caused by {cause} are not covered by the agreement; the help is charged at "
            "the regie rate",
            "JUW-EXCLUDED",
            "JUW-EXCLUDED-REGIE",
            cause=CAUSES[cause],
        )
        return Coverage(BILLABLE, cat, (why,), (remedies.excluded_work(ctx),))
    if cat == "training" and req.facts.get("first_training_pack") == "not_done":
        why = ctx.reason(
            "first-training-pack",
            "The agreement covers training after the first training pack; the terms do not say "
            "how the first pack itself is charged",
            "JUW-TRAINING",
        )
        return Coverage(CoverageStatus.UNDETERMINED, cat, (why,))
    if cat == "data_repair" and cause == "package":
        why = ctx.reason(
            "covered",
            "Covered by the agreement: help about a problem of the juwelierspakket itself",
            "JUW-PHONE",
            "JUW-UPGRADES",
        )
        found = Coverage(COVERED, cat, (why,))
    elif cat == "usage_question" and req.channel is Channel.REMOTE:
        why = ctx.reason("covered", "Covered by the agreement: help about the package", "JUW-LINK")
        found = Coverage(COVERED, cat, (why,))
    else:
        found = ctx.listed_coverage or Coverage(CoverageStatus.UNDETERMINED, cat)
    if found.status == COVERED and req.needs_adaptation:
        free = ctx.reason(
            "adaptation-in-free-upgrade",
            "The adaptation comes in the latest version of the package, free under the agreement",
            "JUW-UPGRADES",
            "JUW-LATEST-ONLY",
        )
        found = attrs.evolve(found, reasons=(*found.reasons, free))
    return found


def without_agreement_coverage(ctx: Ctx) -> Coverage:
    """Every service is charged at the regie rate (JUW-AFTER-CANCEL, JUW-I-NO-AGREEMENT), and an
    upgrade is bought (JUW-ADAPTATION-UPGRADE)."""
    cat = ctx.request.category
    if cat in UPGRADE_CATEGORIES:
        why = ctx.reason(
            "upgrade-to-buy",
            "Without the agreement an upgrade is bought: 1/60 of the current licence cost per "
            "month without an agreement",
            "JUW-ADAPTATION-UPGRADE",
            "JUW-UPGRADE-PRICE",
        )
        return Coverage(BILLABLE, cat, (why,), (remedies.upgrade(ctx),))
    regie = ctx.reason(
        "regie-without-agreement",
        "Without the agreement every service, phone and internet help included, is charged at "
        "the regie rate with a minimum of 1 hour per intervention",
        *remedies.AFTER_CANCEL,
    )
    if not ctx.facts.needs_upgrade:
        return Coverage(BILLABLE, cat, (regie,), (remedies.regie(ctx),))
    upgrade = ctx.reason(
        "adaptation-needs-upgrade",
        "This help needs the latest version of the package; without the agreement an upgrade "
        "must be bought",
        "JUW-ADAPTATION-UPGRADE",
        "JUW-LATEST-ONLY",
    )
    return Coverage(BILLABLE, cat, (regie, upgrade), (remedies.regie(ctx), remedies.upgrade(ctx)))


def cancellation_coverage(ctx: Ctx) -> Coverage:
    """A request to cancel: valid only by letter, e-mail or fax (JUW-CANCEL); the periods
    invoiced before the notice stay due (JUW-CANCEL-INVOICED)."""
    agreement = ctx.facts.agreement
    contract, notice = agreement.contract, agreement.notice
    if contract is None or notice is None:
        why = ctx.reason(
            "nothing-to-cancel", "There is no agreement in force to cancel", "JUW-CANCEL"
        )
        return Coverage(CoverageStatus.UNDETERMINED, CANCELLATION, (why,))
    if not notice.valid:
        why = ctx.reason(
            "cancellation-not-valid",
            "A cancellation by {channel} is not valid: the agreement can be cancelled at any "
            "time, but only by letter, e-mail or fax, so it continues",
            "JUW-CANCEL",
            channel=notice.channel,
        )
        written = ctx.remedy(
            "send-written-notice", "Send the notice by letter, e-mail or fax", "JUW-CANCEL"
        )
        return Coverage(CoverageStatus.EXCLUDED, CANCELLATION, (why,), (written,))
    cancelled = ctx.reason(
        "cancelled",
        "The agreement is cancelled by {channel} as of {day}; the periods invoiced before the "
        "notice must still be paid",
        "JUW-CANCEL",
        "JUW-CANCEL-INVOICED",
        channel=notice.channel,
        day=notice.day,
    )
    regie = ctx.reason(
        "regie-after-cancellation",
        "From the notice on every service, phone and internet help included, is charged at the "
        "regie rate with a minimum of 1 hour per intervention",
        *remedies.AFTER_CANCEL,
    )
    unknown: tuple[MissingFact, ...] = ()
    if contract.payment is PaymentState.PARTIAL and ctx.facts.paid is None:
        unknown = (
            ctx.missing_fact(
                "ticket.events",
                "the remainder of the partly paid quarter invoice",
                "the payments of the quarter invoice, each with its amount",
            ),
        )
    return Coverage(BILLABLE, CANCELLATION, (cancelled, regie), missing_facts=unknown)
