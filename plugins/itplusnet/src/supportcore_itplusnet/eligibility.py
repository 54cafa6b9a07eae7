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
        basis = ctx.reason(
            "service-bought",
            "The {service} was bought on {bought} with its purchase button.",
            *clauses,
            service=service,
            bought=ctx.local(facts.bought.at),
        )
        return Eligibility(ENTITLED, basis=(basis,))
    why = ctx.reason(
        "bought-separately",
        "The {service} is not part of the online support, so a paid attention does not include "
        "it: it is bought separately with its purchase button.",
        *clauses,
        service=service,
    )
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
        why = ctx.reason(
            "no-paid-attention",
            "No attention has been paid yet. Itplusnet's online support needs no contract: each "
            "attention is paid online and then served.",
            "ITP-PAY-1",
            "ITP-SCOPE-1",
        )
        return Eligibility(NOT_ENTITLED, reasons=(why, *not_sold), remedies=remedies)
    paid, amount = ctx.local(att.payment.at), att.payment.amount
    if amount is None:
        basis = ctx.reason(
            "attention-paid",
            "Attention paid online on {paid}; no contract is needed.",
            "ITP-PAY-1",
            "ITP-SCOPE-1",
            paid=paid,
        )
    else:
        basis = ctx.reason(
            "attention-paid",
            "Attention paid online on {paid} ({amount}); no contract is needed.",
            "ITP-PAY-1",
            "ITP-SCOPE-1",
            paid=paid,
            amount=amount,
        )
    state = (facts.state,) if facts.state else ()
    return Eligibility(ENTITLED, basis=(basis, *state), remaining_minutes=att.remaining)
