"""The service answer: informapuntcom's business hours (IPC-INC-3, the core's answer from the
``business_hours`` calendar), the agreed call or session (IPC-TEL-4), and the response deadline:
24 business hours, 4 for an urgent request, or the plan's estimate when sooner (IPC-OPS-3,
IPC-HRS-4, IPC-RT-1), counted from when the request can be processed (IPC-OPS-4)."""

from __future__ import annotations

import attrs

from supportcore import Context, Service
from supportcore.wording import phrase

from .eligibility import special_reason
from .facts import BY_INVITATION, OFFERED, Facts
from .prepared import Prepared


def service(ctx: Context[Prepared, Facts]) -> Service:
    f, hours = ctx.facts, ctx.default_service(with_targets=False)
    if f.special is not None:  # no deadline from these terms
        return attrs.evolve(hours, reasons=(*hours.reasons, special_reason(ctx, f.special)))
    agreed, invited = [], f.invitation  # the call or session informapuntcom invited to
    if ctx.request.channel in BY_INVITATION and invited is not None:
        when, calendar = ctx.local(invited.appointment.scheduled_for), ctx.calendars.get("business")
        if invited.remote:
            what = phrase("connect for the remote-control session")
        else:
            what = phrase("call informapuntcom")
        outside = calendar is not None and not calendar.is_open(when)
        row = "agreed-appointment-outside-hours" if outside else "agreed-appointment"
        agreed.append(ctx.listed_reason(row, what=what, when=when))
    if f.start is None:  # not processable yet: no deadline
        hours_due = 4 if ctx.severity == "urgent" else 24
        clock = ctx.listed_reason("response-clock-not-started", hours=hours_due)
        return attrs.evolve(hours, reasons=(*hours.reasons, *agreed, clock))
    if ctx.request.channel not in OFFERED:
        return hours
    due = ctx.service_targets(plan=f.plan.plan if f.plan else None, start=f.start)
    return attrs.evolve(
        hours, response_due=due.response_due, resolution_due=due.resolution_due,
        reasons=(*hours.reasons, *agreed, *due.reasons),
        missing=tuple(dict.fromkeys((*hours.missing, *due.missing))),
    )  # fmt: skip
