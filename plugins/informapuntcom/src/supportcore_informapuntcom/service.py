"""The service facts: informapuntcom's business hours (IPC-INC-3, the core's answer from the
``business_hours`` calendar), the agreed call or session (IPC-TEL-4), and the response deadline:
24 business hours, 4 for an urgent request, or the plan's estimate when sooner (IPC-OPS-3,
IPC-HRS-4, IPC-RT-1), counted from when the request can be processed (IPC-OPS-4)."""

from __future__ import annotations

import attrs

from supportcore import Context, Reason, Service
from supportcore.wording import phrase

from .eligibility import special_reason
from .facts import BY_INVITATION, OFFERED, Facts
from .prepared import Prepared

__all__ = ["service"]

Ctx = Context[Prepared, Facts]


def _agreed(ctx: Ctx) -> list[Reason]:
    """The call or remote session informapuntcom invited the customer to (IPC-TEL-4)."""
    invited = ctx.facts.invitation
    if ctx.request.channel not in BY_INVITATION or invited is None:
        return []
    when = ctx.local(invited.appointment.scheduled_for)
    if invited.remote:
        what = phrase("connect for the remote-control session")
    else:
        what = phrase("call informapuntcom")
    calendar = ctx.calendars.get("business")
    outside = calendar is not None and not calendar.is_open(when)
    row = "agreed-appointment-outside-hours" if outside else "agreed-appointment"
    return [ctx.listed_reason(row, what=what, when=when)]


def service(ctx: Ctx) -> Service:
    f, hours = ctx.facts, ctx.default_service(with_targets=False)
    if f.special is not None:  # no deadline from these terms
        return attrs.evolve(hours, reasons=(*hours.reasons, special_reason(ctx, f.special)))
    if f.start is None:  # not processable yet: no deadline
        urgent = ctx.severity == "urgent"
        clock = ctx.listed_reason("response-clock-not-started", hours=4 if urgent else 24)
        return attrs.evolve(hours, reasons=(*hours.reasons, *_agreed(ctx), clock))
    if ctx.request.channel not in OFFERED:
        return hours
    due = ctx.service_targets(plan=f.plan_name, start=f.start)
    return attrs.evolve(
        hours,
        response_due=due.response_due,
        resolution_due=due.resolution_due,
        reasons=(*hours.reasons, *_agreed(ctx), *due.reasons),
        missing=tuple(dict.fromkeys((*hours.missing, *due.missing))),
    )
