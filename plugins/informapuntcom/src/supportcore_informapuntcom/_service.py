"""Business hours and response deadlines.

informapuntcom gives support only within its customer-service business hours (IPC-INC-3), which
it does not publish: the integrator supplies them (setting ``business_hours``). It answers within
24 business hours of receiving a processable request (IPC-OPS-3, IPC-OPS-4), within 4 for an
urgent one (IPC-HRS-4), or sooner when the plan's estimated response time says so (IPC-RT-1).
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime

from supportcore import Context, Reason
from supportcore.calendar import BusinessCalendar

from ._plan import select_plan
from ._request import request_data
from ._setup import parse_response_hours, setup

__all__ = ["CALENDAR", "parse_response_hours", "response_due"]

#: Name of the one calendar informapuntcom uses: its customer-service business hours.
CALENDAR = "business"
#: "dará respuesta en un tiempo inferior a 24 horas (en horas laborables de informapuntcom)".
RESPONSE_HOURS = 24
#: "servicio urgente (respuesta en menos de 4h)".
URGENT_RESPONSE_HOURS = 4


def response_due(
    ctx: Context, calendars: Mapping[str, BusinessCalendar]
) -> tuple[datetime | None, list[Reason]]:
    """When informapuntcom's answer is due, and why (IPC-OPS-3, IPC-RT-1, IPC-RT-2, IPC-HRS-4).

    The clock runs from the moment the request is processable (IPC-OPS-4): on receipt if it
    carries the contract number and licence holder's data, else from the ticket's
    ``information_complete`` event; requests are handled in order of receipt (IPC-RT-2).
    Service hours and closure both ask: computed once per case.
    """
    due: tuple[datetime | None, list[Reason]] | None = ctx.memo.get("informapuntcom:due")
    if due is None:
        due = ctx.memo["informapuntcom:due"] = _response_due(ctx, calendars)
    return due


def _response_due(
    ctx: Context, calendars: Mapping[str, BusinessCalendar]
) -> tuple[datetime | None, list[Reason]]:
    choice = select_plan(ctx)
    data = request_data(ctx, choice.plan)
    start = data.processable_since(ctx.request.received_at)
    urgent = ctx.request.urgent
    hours = URGENT_RESPONSE_HOURS if urgent else RESPONSE_HOURS
    if start is None:
        return None, [
            ctx.fixed_reason(
                "response-clock-not-started",
                f"informapuntcom answers within {hours} business hours of receiving a request it "
                "can process; this one lacks the contract number in force or the licence holder's "
                "data, so the clock has not started.",
                "IPC-OPS-4",
                "IPC-OPS-3",
            )
        ]
    cal = calendars.get(CALENDAR)
    if cal is None:
        return None, [
            ctx.fixed_reason(
                "response-due-unknown",
                f"informapuntcom answers within {hours} business hours, but its business hours are "
                "not published in the terms and the setting informapuntcom.business_hours is "
                "missing, so the deadline cannot be computed.",
                "IPC-OPS-3",
                "IPC-INC-3",
            )
        ]
    ids = ["IPC-OPS-3", "IPC-RT-2"] + (["IPC-HRS-4"] if urgent else [])
    committed = cal.add_business_hours(start, hours)
    kind = "an urgent request" if urgent else "the request"
    received = "receipt" if start == ctx.request.received_at else "completion of its data"
    explained = committed.explain()
    reasons = [
        ctx.reason(
            "response-due",
            f"informapuntcom answers {kind} within {hours} business hours, counted from its "
            f"{received} (requests are handled in order of receipt): {explained}.",
            *ids,
        )
    ]
    due = committed.result
    plan = choice.plan
    if plan is not None:
        estimate = setup(ctx).response_hours.get(plan.plan)
        if estimate is None:
            reasons.append(
                ctx.reason(
                    "plan-response-time-unknown",
                    f"The estimated response times are those of the plan; the one of plan "
                    f"{plan.plan or plan.id!r} is not configured (setting "
                    "informapuntcom.plan_response_hours).",
                    "IPC-RT-1",
                )
            )
        else:
            amount, written = estimate
            # The same number of hours from the same start is the same deadline and wording.
            same = amount == hours
            est = committed if same else cal.add_business_hours(start, amount)
            reasons.append(
                ctx.reason(
                    "plan-response-time",
                    f"The {plan.plan} plan's estimated response time is {written} "
                    f"business hours: {explained if same else est.explain()}.",
                    "IPC-RT-1",
                )
            )
            if est.result < due:
                due = est.result
    return ctx.local(due), reasons
