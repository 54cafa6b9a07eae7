"""Closure: the terms say nothing about when a ticket closes; the actions still owed."""

from __future__ import annotations

from supportcore import Closure, ClosureStatus, Coverage, CoverageStatus, Eligibility

from .facts import CANCELLATION, Ctx
from .pricing import BLOCKING_CODES, settlement_due


def closure(ctx: Ctx, eligibility: Eligibility, coverage: Coverage) -> Closure:
    """Undetermined (JUW-FEE lists services, not when a ticket closes), with the actions still
    owed: the free upgrade under the agreement (JUW-UPGRADES), the upgrade to buy without it
    (JUW-ADAPTATION-UPGRADE), the invoiced quarter to settle (JUW-CANCEL-INVOICED)."""
    f, req = ctx.facts, ctx.request
    actions = []
    cancelling = req.category == CANCELLATION
    if f.agreement.in_force and eligibility.entitled:
        if coverage.status == CoverageStatus.COVERED and req.needs_adaptation:
            actions.append(
                ctx.action(
                    "vendor",
                    "Deliver the adaptation in the latest version of the package (free upgrade)",
                    "JUW-UPGRADES",
                    "JUW-LATEST-ONLY",
                )
            )
        if not cancelling and f.older:
            actions.append(
                ctx.action(
                    "customer",
                    "Install the free upgrade to the latest version",
                    "JUW-UPGRADES",
                    "JUW-LATEST-ONLY",
                )
            )
    elif (
        not cancelling
        and not f.agreement.in_force
        and f.needs_upgrade
        and not any(r.code in BLOCKING_CODES for r in eligibility.reasons)
    ):
        actions.append(
            ctx.action(
                "customer",
                "Buy the upgrade to the latest version",
                "JUW-ADAPTATION-UPGRADE",
                "JUW-UPGRADE-PRICE",
            )
        )
    if cancelling and coverage.status == CoverageStatus.BILLABLE and settlement_due(ctx):
        actions.append(
            ctx.action(
                "customer",
                "Settle the periods invoiced before the notice",
                "JUW-CANCEL-INVOICED",
            )
        )
    why = ctx.reason(
        "closure-not-in-terms",
        "The assistance agreement lists its services but says nothing about when a ticket closes",
        "JUW-FEE",
    )
    return Closure(ClosureStatus.UNDETERMINED, reasons=(why,), actions=tuple(actions))
