"""The service facts: informapuntcom's business hours (IPC-INC-3, the core's answer from the
``business_hours`` calendar), the agreed call or session (IPC-TEL-4), and the response deadline:
24 business hours, 4 for an urgent request, or the plan's estimate when sooner (IPC-OPS-3,
IPC-HRS-4, IPC-RT-1), counted from when the request can be processed (IPC-OPS-4)."""

from __future__ import annotations

import attrs

from supportcore import Context, Reason, Service
from supportcore.wording import phrase

from .eligibility import special_reason
from .facts import BY_INVITATION, Facts
from .prepared import Prepared

__all__ = ["service"]

Ctx = Context[Prepared, Facts]
#: The codes of the core's service-level reasons, which follow its reason on the hours.
_DEADLINES = ("response-", "resolution-", "plan-target-")


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
    if calendar is not None and not calendar.is_open(when):
        outside = ctx.reason(
            "agreed-appointment",
            "informapuntcom invited the customer to {what} on {when}. That time is outside "
            "informapuntcom's business hours.",
            *("IPC-TEL-4", "IPC-INC-3"),
            what=what,
            when=when,
        )
        return [outside]
    agreed = ctx.reason(
        "agreed-appointment",
        "informapuntcom invited the customer to {what} on {when}.",
        *("IPC-TEL-4", "IPC-INC-3"),
        what=what,
        when=when,
    )
    return [agreed]


def service(ctx: Ctx) -> Service:
    f = ctx.facts
    if f.special is None and f.start is not None:
        base = ctx.default_service(plan=f.plan_name, start=f.start)
        reasons = list(base.reasons)
        first = (i for i, r in enumerate(reasons) if r.code.startswith(_DEADLINES))
        at = next(first, len(reasons))  # the agreed appointment goes after the hours
        reasons[at:at] = _agreed(ctx)
        missing = tuple(dict.fromkeys(base.missing))
        return attrs.evolve(base, reasons=tuple(reasons), missing=missing)
    # no deadline from these terms: a special contract, or a request not yet processable
    base = ctx.default_service()
    reasons = [r for r in base.reasons if not r.code.startswith(_DEADLINES)]
    if f.special is not None:
        reasons.append(special_reason(ctx, f.special))
    else:
        reasons += _agreed(ctx)
        reasons.append(
            ctx.reason(
                "response-clock-not-started",
                "informapuntcom answers within {hours} business hours of receiving a request it "
                "can process; this one lacks the contract number in force or the licence "
                "holder's data, so the clock has not started.",
                *("IPC-OPS-4", "IPC-OPS-3"),
                interpretations=("IPC-INT-RESPONSE",),
                hours=4 if ctx.severity == "urgent" else 24,
            )
        )
    missing = tuple(dict.fromkeys(base.missing))
    return attrs.evolve(base, response_due=None, reasons=tuple(reasons), missing=missing)
