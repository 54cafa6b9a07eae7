"""Who is entitled: no contract, a paid attention within its 90 minutes (ITP-PAY-1, ITP-CAP-1),
or a service bought separately with its purchase button (ITP-SEP-1)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from supportcore import Eligibility, EligibilityStatus

from .coverage import location_unknown, not_offered_here, offer
from .pricing import SERVICES, buy

if TYPE_CHECKING:
    from .prepared import Ctx

ENTITLED, NOT_ENTITLED = EligibilityStatus.ENTITLED, EligibilityStatus.NOT_ENTITLED


def _service(ctx: Ctx, ref: str) -> Eligibility:
    """A service sold separately: bought, or to buy; on-site assistance only in Santiago."""
    facts = ctx.facts
    if ref == "on_site" and facts.site_served is None:
        why, missing = location_unknown(ctx)
        return Eligibility(
            EligibilityStatus.UNDETERMINED,
            reasons=(why,),
            remedies=(buy(ctx, ref),),
            missing_facts=(missing,),
        )
    if ref == "on_site" and not facts.site_served:
        not_sold, remedies = offer(ctx, new=False)
        reasons = (not_offered_here(ctx), *not_sold)
        return Eligibility(NOT_ENTITLED, reasons=reasons, remedies=remedies)
    clauses, service = ctx.tables.remedies[ref].clauses, SERVICES[ref][0]
    if facts.bought is not None:
        bought = ctx.local(facts.bought.at)
        basis = ctx.listed_reason("service-bought", *clauses, service=service, bought=bought)
        return Eligibility(ENTITLED, basis=(basis,))
    why = ctx.listed_reason("service-not-included", *clauses, service=service)
    return Eligibility(NOT_ENTITLED, reasons=(why,), remedies=(buy(ctx, ref),))


def eligibility(ctx: Ctx) -> Eligibility:
    """Entitled while a paid attention is within its 90 minutes; no contract is needed."""
    facts = ctx.facts
    if facts.service is not None:
        return _service(ctx, facts.service)
    att = facts.attention
    if att is None or att.ended:
        not_sold, remedies = offer(ctx, new=att is not None)
        if att is not None:
            reasons = (facts.state, *not_sold) if facts.state else not_sold
            return Eligibility(NOT_ENTITLED, reasons=reasons, remedies=remedies)
        why = ctx.listed_reason("no-paid-attention")
        return Eligibility(NOT_ENTITLED, reasons=(why, *not_sold), remedies=remedies)
    paid, amount = ctx.local(att.payment.at), att.payment.amount
    if amount is None:
        basis = ctx.listed_reason("attention-paid", paid=paid)
    else:
        basis = ctx.listed_reason("attention-paid-amount", paid=paid, amount=amount)
    state = (facts.state,) if facts.state else ()
    return Eligibility(ENTITLED, basis=(basis, *state), remaining_minutes=att.remaining)
