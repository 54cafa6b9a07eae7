"""Closure: the terms say nothing about when a ticket closes; the actions still owed."""

from __future__ import annotations

from supportcore import Eligibility, PaymentState
from supportcore.decision import Action, Closure, ClosureStatus, Coverage, CoverageStatus

from .facts import CANCELLATION, Ctx
from .pricing import BLOCKING_CODES

UNPAID = (PaymentState.PENDING, PaymentState.PARTIAL)


def closure(ctx: Ctx, eligibility: Eligibility, coverage: Coverage) -> Closure:
    """Undetermined: the terms say nothing of closing (JUW-FEE). The actions owed: the free upgrade,
    the upgrade to buy (JUW-ADAPTATION-UPGRADE), the invoiced quarter (JUW-CANCEL-INVOICED)."""
    f, req, reasons = ctx.facts, ctx.request, eligibility.reasons
    cancelling, owed = req.category == CANCELLATION, list[Action]()
    if f.agreement.in_force and eligibility.entitled:
        if coverage.status == CoverageStatus.COVERED and req.needs_adaptation:
            owed.append(ctx.listed_action("deliver-adaptation"))
        if not cancelling and f.older:
            owed.append(ctx.listed_action("install-free-upgrade"))
    elif not cancelling and f.needs_upgrade and not BLOCKING_CODES & {r.code for r in reasons}:
        owed.append(ctx.listed_action("buy-upgrade"))
    unpaid = f.agreement.contract is not None and f.agreement.contract.payment in UNPAID
    settled = ctx.quote is not None and any(
        r.code == "invoiced-quarter-paid" for r in ctx.quote.reasons
    )  # the payments already cover the invoice: nothing is left to settle
    settle = f.quarter is not None and ctx.prepared.invoiced_in_advance and unpaid and not settled
    if cancelling and coverage.status == CoverageStatus.BILLABLE and settle:
        owed.append(ctx.listed_action("settle-invoiced-periods"))
    why = ctx.listed_reason("closure-not-in-terms")
    return Closure(ClosureStatus.UNDETERMINED, reasons=(why,), actions=tuple(owed))
