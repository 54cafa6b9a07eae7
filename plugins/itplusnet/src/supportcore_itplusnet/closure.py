"""When a ticket closes: the terms' only closing rule is the 90-minute limit of an attention
(interpretation ITP-I-CLOSURE), or a ``closed`` event recorded before it."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from supportcore import Action, Closure, ClosureStatus, CoverageStatus

from .pricing import SERVICES, mobile

if TYPE_CHECKING:
    from .facts import Attention
    from .prepared import Ctx

OPEN, CLOSED, UNDETERMINED = ClosureStatus.OPEN, ClosureStatus.CLOSED, ClosureStatus.UNDETERMINED


def duties(ctx: Ctx, due: datetime | None) -> tuple[Action, ...]:
    """What the help desk owes while an attention is open (ITP-RESP-1, ITP-RESP-2)."""
    return ctx.listed_action("solve", due=due), ctx.listed_action("inform", due=due)


def contact(ctx: Ctx, att: Attention) -> Action:
    """Who contacts whom once paid, due when the attention is (interpretation ITP-I-IMMEDIATE,
    the service answer's ``response_due``; a channel not offered has none, the attention's
    payment says it): in special hours the customer calls the mobile numbers (ITP-HOURS-3);
    otherwise a technician phones, unless the customer uses a channel of the payment page
    (ITP-PAY-2)."""
    due = att.paid.next_open
    if ctx.facts.now.next_schedule == "special":
        return ctx.listed_action("call-mobile", due=due, then=mobile(ctx))
    return ctx.listed_action("technician-phones", due=due)


def closure(ctx: Ctx) -> Closure:
    """Open until the paid attention's 90 minutes run out (``closes_at``), closed once they
    have or when the ticket says so; undetermined before a payment and for a service sold
    separately."""
    facts = ctx.facts
    if facts.service is not None:
        why = ctx.listed_reason("no-closing-rule", service=SERVICES[facts.service][0])
        return Closure(UNDETERMINED, reasons=(why,))
    excluded = facts.problem.status == CoverageStatus.EXCLUDED
    att = facts.attention
    if att is None:
        pay = () if excluded else (ctx.listed_action("pay-attention"),)
        return Closure(UNDETERMINED, reasons=(ctx.listed_reason("no-attention"),), actions=pay)
    ends, closed, state = att.ends_at, att.closed, (facts.state,) if facts.state else ()
    if att.ended and ends is not None and (closed is None or closed.at >= ends):
        owed = () if excluded else (ctx.listed_action("pay-again"),)
        return Closure(CLOSED, closed_at=ends, reasons=state, actions=owed)
    if closed is not None:
        at = ctx.local(closed.at)
        if ends is None:
            why = ctx.listed_reason("closed-on-ticket-early", closed=at)
        else:
            why = ctx.listed_reason("closed-on-ticket", closed=at, ends=ctx.local(ends))
        return Closure(CLOSED, closed_at=at, reasons=(why,))
    if att.start is None:
        return Closure(OPEN, reasons=state, actions=(contact(ctx, att), *duties(ctx, None)))
    return Closure(OPEN, closes_at=ends, reasons=state, actions=duties(ctx, ends))
