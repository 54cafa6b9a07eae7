"""Coverage: the ``[[coverage]]`` table while the agreement is in force, with the exceptions
the request's facts make; every service without it; a request to cancel it."""

from __future__ import annotations

import attrs

from supportcore import Coverage, CoverageStatus

from .eligibility import listed, upgrade_remedy
from .facts import CANCELLATION, UPGRADE_CATEGORIES, Ctx

COVERED, BILLABLE = CoverageStatus.COVERED, CoverageStatus.BILLABLE
UNDETERMINED = CoverageStatus.UNDETERMINED


def coverage(ctx: Ctx) -> Coverage:
    """The table under the agreement, but for the request's facts: an external cause
    (JUW-I-EXTERNAL-CAUSE), the first training pack, a data problem of the package."""
    req = ctx.request
    cat, cause = req.category, req.facts.get("cause")
    if cat == CANCELLATION:
        return cancellation_coverage(ctx)
    if not ctx.facts.agreement.in_force:
        return without_agreement_coverage(ctx)
    if cause not in (None, "package") and cat != "reinstallation":
        why = ctx.listed_reason(f"cause-{cause}")
        return Coverage(BILLABLE, cat, (why,), listed(ctx, "regie-rate"))
    if cat == "training" and req.facts.get("first_training_pack") == "not_done":
        return Coverage(UNDETERMINED, cat, (ctx.listed_reason("first-training-pack"),))
    if cat == "data_repair" and cause == "package":
        found = Coverage(COVERED, cat, (ctx.listed_reason("package-problem-covered"),))
    else:
        found = ctx.listed_coverage or Coverage(UNDETERMINED, cat)
    if found.status == COVERED and req.needs_adaptation:
        free = ctx.listed_reason("adaptation-in-free-upgrade")
        found = attrs.evolve(found, reasons=(*found.reasons, free))
    return found


def without_agreement_coverage(ctx: Ctx) -> Coverage:
    """Every service is charged at the regie rate (JUW-AFTER-CANCEL, JUW-I-NO-AGREEMENT); an
    upgrade is bought (JUW-ADAPTATION-UPGRADE)."""
    cat = ctx.request.category
    if cat in UPGRADE_CATEGORIES:
        why = ctx.listed_reason("upgrade-to-buy")
        return Coverage(BILLABLE, cat, (why,), (upgrade_remedy(ctx),))
    regie = ctx.listed_reason("regie-without-agreement")
    if not ctx.facts.needs_upgrade:
        return Coverage(BILLABLE, cat, (regie,), listed(ctx, "regie-help"))
    upgrade = ctx.listed_reason("adaptation-needs-upgrade")
    offered = (*listed(ctx, "regie-help"), upgrade_remedy(ctx))
    return Coverage(BILLABLE, cat, (regie, upgrade), offered)


def cancellation_coverage(ctx: Ctx) -> Coverage:
    """A request to cancel: valid only by letter, e-mail or fax (JUW-CANCEL); the periods
    invoiced before the notice stay due (JUW-CANCEL-INVOICED)."""
    agreement = ctx.facts.agreement
    contract, notice = agreement.contract, agreement.notice
    if contract is None or notice is None:
        return Coverage(UNDETERMINED, CANCELLATION, (ctx.listed_reason("nothing-to-cancel"),))
    channel, day = notice.channel, notice.day
    if not notice.valid:
        why = ctx.listed_reason("cancellation-not-valid", channel=channel, day=day)
        written = listed(ctx, "send-written-notice")
        return Coverage(CoverageStatus.EXCLUDED, CANCELLATION, (why,), written)
    cancelled = ctx.listed_reason("cancelled", channel=channel, day=day)
    regie = ctx.listed_reason("regie-after-cancellation")
    return Coverage(BILLABLE, CANCELLATION, (cancelled, regie))
