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
    solve = ctx.action(
        "vendor",
        "Analyse the problem and deliver a solution without damaging the customer's information",
        "ITP-RESP-1",
        due=due,
    )
    inform = ctx.action(
        "vendor",
        "Connect remotely over a secure connection, keep the customer's processes and "
        "information private, and tell the customer which solutions will be applied to their "
        "computer",
        "ITP-RESP-2",
        due=due,
    )
    return solve, inform


def contact(ctx: Ctx, att: Attention) -> Action:
    """Who contacts whom once paid, due when the attention is (interpretation ITP-I-IMMEDIATE):
    in special hours the customer calls the mobile numbers (ITP-HOURS-3); otherwise a
    technician phones, unless the customer uses a channel of the payment page (ITP-PAY-2)."""
    due = att.paid.next_open
    if ctx.facts.now.next_schedule == "special":
        return ctx.action(
            "customer", "In special hours, {then}", "ITP-HOURS-3", due=due, then=mobile(ctx)
        )
    return ctx.action(
        "vendor",
        "A technician phones the customer, unless the customer uses one of the contact channels "
        "given on the page after payment",
        "ITP-PAY-2",
        due=due,
    )


def closure(ctx: Ctx) -> Closure:
    """Open until the paid attention's 90 minutes run out (``closes_at``), closed once they
    have or when the ticket says so; undetermined before a payment and for a service sold
    separately."""
    facts = ctx.facts
    if facts.service is not None:
        why = ctx.reason(
            "no-closing-rule",
            "The terms set no closing rule for the {service}, a service bought separately; the "
            "90-minute limit applies to online attentions.",
            "ITP-CAP-1",
            "ITP-SEP-1",
            service=SERVICES[facts.service][0],
        )
        return Closure(UNDETERMINED, reasons=(why,))
    excluded = facts.problem.status == CoverageStatus.EXCLUDED
    att = facts.attention
    if att is None:
        why = ctx.reason(
            "no-attention",
            "Nothing is open yet: an attention starts once it is paid online, and the terms' "
            "only closing rule is its 90-minute limit.",
            "ITP-PAY-1",
            "ITP-CAP-1",
        )
        pay = ctx.action("customer", "Pay one attention online", "ITP-PAY-1")
        return Closure(UNDETERMINED, reasons=(why,), actions=() if excluded else (pay,))
    ends, closed, state = att.ends_at, att.closed, (facts.state,) if facts.state else ()
    if att.ended and ends is not None and (closed is None or closed.at >= ends):
        again = ctx.action(
            "customer",
            "Pay a new attention online to continue, if the problem is not solved",
            "ITP-CAP-1",
            "ITP-PAY-1",
        )
        owed = () if excluded else (again,)
        return Closure(CLOSED, closed_at=ends, reasons=state, actions=owed)
    if closed is not None:
        at = ctx.local(closed.at)
        if ends is None:
            why = ctx.reason(
                "closed-on-ticket",
                "The ticket was recorded as closed on {closed}, before the 90 minutes of its "
                "attention started counting.",
                "ITP-CAP-1",
                closed=at,
            )
        else:
            why = ctx.reason(
                "closed-on-ticket",
                "The ticket was recorded as closed on {closed}, before the 90-minute limit of "
                "its attention (on {ends}).",
                "ITP-CAP-1",
                closed=at,
                ends=ctx.local(ends),
            )
        return Closure(CLOSED, closed_at=at, reasons=(why,))
    if att.start is None:
        actions = (contact(ctx, att), *duties(ctx, None))
        return Closure(OPEN, reasons=state, actions=actions)
    return Closure(OPEN, closes_at=ends, reasons=state, actions=duties(ctx, ends))
