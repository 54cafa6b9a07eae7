"""The service facts: informapuntcom's business hours (IPC-INC-3, the core's answer from the
``business_hours`` calendar), the agreed call or session (IPC-TEL-4), and the response deadline:
24 business hours, 4 for an urgent request, or the plan's estimate when sooner (IPC-OPS-3,
IPC-HRS-4, IPC-RT-1), counted from when the request can be processed (IPC-OPS-4)."""

from __future__ import annotations

import attrs

from supportcore import Context, Service
from supportcore.wording import phrase

from .eligibility import special_reason
from .facts import BY_INVITATION, Facts
from .prepared import Prepared

__all__ = ["service"]

#: The codes of the core's service-level reasons (the deadlines this hook counts itself).
_TARGETS = ("response-", "resolution-", "plan-target-")


def service(ctx: Context[Prepared, Facts]) -> Service:
    facts, request = ctx.facts, ctx.request
    base = ctx.default_service()
    reasons = [r for r in base.reasons if not r.code.startswith(_TARGETS)]
    if facts.special is not None:
        reasons.append(special_reason(ctx, facts.special))
        return attrs.evolve(base, response_due=None, reasons=tuple(reasons))
    invited = facts.invitation
    if request.channel in BY_INVITATION and invited is not None:
        when = ctx.local(invited.appointment.scheduled_for)
        what = (
            phrase("connect for the remote-control session")
            if invited.remote
            else phrase("call informapuntcom")
        )
        calendar = ctx.calendars.get("business")
        if calendar is not None and not calendar.is_open(when):
            reasons.append(
                ctx.reason(
                    "agreed-appointment",
                    "informapuntcom invited the customer to {what} on {when}. That time is "
                    "outside informapuntcom's business hours.",
                    "IPC-TEL-4",
                    "IPC-INC-3",
                    what=what,
                    when=when,
                )
            )
        else:
            reasons.append(
                ctx.reason(
                    "agreed-appointment",
                    "informapuntcom invited the customer to {what} on {when}.",
                    "IPC-TEL-4",
                    "IPC-INC-3",
                    what=what,
                    when=when,
                )
            )
    targets = facts.targets
    if targets is None:  # the clock starts when the request can be processed (IPC-OPS-4)
        reasons.append(
            ctx.reason(
                "response-clock-not-started",
                "informapuntcom answers within {hours} business hours of receiving a request it "
                "can process; this one lacks the contract number in force or the licence "
                "holder's data, so the clock has not started.",
                "IPC-OPS-4",
                "IPC-OPS-3",
                interpretations=("IPC-INT-RESPONSE",),
                hours=4 if ctx.severity == "urgent" else 24,
            )
        )
        return attrs.evolve(base, response_due=None, reasons=tuple(reasons))
    return attrs.evolve(
        base,
        response_due=targets.response_due,
        resolution_due=targets.resolution_due,
        reasons=(*reasons, *targets.reasons),
        missing=tuple(dict.fromkeys((*base.missing, *targets.missing))),
    )
