"""When a support ticket is finished and closed ("Finalización de tickets de soporte").

A ticket closes when the first of these happens (IPC-CLO-0): the customer says it is solved
(IPC-CLO-1), informapuntcom considers it solved (IPC-CLO-2), the customer leaves informapuntcom's
last reply unanswered for 48 hours (IPC-CLO-3; once an appointment is agreed, only a reply after
it counts: interpretation IPC-INT-CLO-APPOINTMENT), or a remote-control session is cancelled,
missed or fails on the customer's side (IPC-APT-3, IPC-APT-6, IPC-APT-11). A ``reopened`` event
voids closures before it.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import UTC, datetime

import attrs

from supportcore import (
    Action,
    Channel,
    Closure,
    ClosureStatus,
    Context,
    Eligibility,
    EligibilityStatus,
    EventKind,
    Party,
    Reason,
)
from supportcore.calendar import BusinessCalendar
from supportcore.timers import NoAnswerAfterReply, TimerStatus

from ._plan import select_plan
from ._request import request_data
from ._service import CALENDAR, response_due
from ._setup import setup
from ._text import instant_text
from ._ticket import appointment_outcomes

__all__ = ["NO_ANSWER_HOURS", "closure_of"]

#: "después de 48 horas, contados a partir de la hora de la última respuesta".
NO_ANSWER_HOURS = 48

#: The no-answer timer in elapsed hours (the one in business hours is prepared per engine).
_ELAPSED = NoAnswerAfterReply(NO_ANSWER_HOURS)


def _business_timer(ctx: Context) -> NoAnswerAfterReply:
    """The no-answer timer in the business hours of ``ctx``'s calendar (made once per engine)."""
    return NoAnswerAfterReply(NO_ANSWER_HOURS, ctx.calendars[CALENDAR])


@attrs.frozen
class _Candidate:
    at: datetime
    reasons: tuple[Reason, ...]
    actions: tuple[Action, ...] = ()


def _utc(dt: datetime) -> datetime:
    return dt.astimezone(UTC)


def _fmt(dt: datetime) -> str:
    return instant_text(dt)


def closure_of(
    ctx: Context, eligibility: Eligibility, calendars: Mapping[str, BusinessCalendar]
) -> Closure:
    """Open or closed at ``ctx.at``, since or until when, why, and what is still owed.
    ``calendars`` is ``ctx.calendars`` (the business-hours timer is prepared from them)."""
    ticket = ctx.case.ticket
    reopened = ticket.last(EventKind.REOPENED)
    void_until = _utc(reopened.at) if reopened is not None else None

    def live(at: datetime) -> bool:
        return void_until is None or _utc(at) > void_until

    candidates: list[_Candidate] = []
    head = "IPC-CLO-0"
    for e in ticket.of(EventKind.RESOLVED, EventKind.CLOSED):
        if not live(e.at):
            continue
        if e.by is Party.CUSTOMER:
            candidates.append(
                _Candidate(
                    e.at,
                    (
                        ctx.reason(
                            "solved-by-customer",
                            f"The customer told informapuntcom on {_fmt(ctx.local(e.at))} that the "
                            "matter is solved.",
                            head,
                            "IPC-CLO-1",
                        ),
                    ),
                )
            )
        else:
            candidates.append(
                _Candidate(
                    e.at,
                    (
                        ctx.reason(
                            "solved-by-vendor",
                            "informapuntcom considered the matter solved on "
                            f"{_fmt(ctx.local(e.at))}.",
                            head,
                            "IPC-CLO-2",
                        ),
                    ),
                )
            )
        break

    outcomes = appointment_outcomes(ctx)
    pending_actions: list[Action] = []
    appointment_reasons: list[Reason] = []
    for outcome in outcomes:
        if outcome.closed_at is not None and live(outcome.closed_at):
            candidates.append(_Candidate(outcome.closed_at, outcome.reasons, outcome.actions))
    last = outcomes[-1] if outcomes else None
    if last is not None and last.closed_at is None:
        appointment_reasons.extend(last.reasons)
        pending_actions.extend(last.actions)

    # 48 hours without an answer after informapuntcom's last reply; once an appointment is
    # agreed, only a reply after it (after its session, or its cancellation) starts the clock.
    mode = setup(ctx).no_answer_hours
    no_answer_reasons: list[Reason] = []
    owed_answer: list[Action] = []
    closes_at: datetime | None = None
    reply = ticket.last(EventKind.VENDOR_REPLY)
    suspended = reply is not None and last is not None and _utc(reply.at) < _utc(last.settled_at)
    undetermined = False
    if reply is not None and not suspended:
        cal = calendars.get(CALENDAR)
        if mode == "business" and cal is None:
            undetermined = True
            no_answer_reasons.append(
                ctx.fixed_reason(
                    "no-answer-clock-unknown",
                    "The ticket closes 48 business hours after informapuntcom's last reply if the "
                    "customer does not answer, but the setting informapuntcom.business_hours is "
                    "missing, so that instant cannot be computed.",
                    head,
                    "IPC-CLO-3",
                )
            )
        else:
            timer = (
                ctx.prepared("informapuntcom:no-answer-timer", _business_timer)
                if mode == "business" and cal is not None
                else _ELAPSED
            )
            state = timer.evaluate(ticket, ctx.at)
            if state.status is TimerStatus.FIRED and state.fires_at is not None:
                if live(state.fires_at):
                    candidates.append(
                        _Candidate(
                            state.fires_at,
                            (ctx.reason("no-answer-48h", state.explanation, head, "IPC-CLO-3"),),
                        )
                    )
            elif state.status is TimerStatus.PENDING and state.fires_at is not None:
                closes_at = ctx.local(state.fires_at)
                no_answer_reasons.append(
                    ctx.reason("waiting-for-customer", state.explanation, head, "IPC-CLO-3")
                )
                owed_answer.append(
                    Action(
                        Party.CUSTOMER.value,
                        "answer informapuntcom's last reply (or tell it the matter is solved)",
                        due=closes_at,
                        citations=ctx.cite("IPC-CLO-3", "IPC-CLO-1"),
                    )
                )

    if candidates:
        first = min(candidates, key=lambda c: _utc(c.at))
        return Closure(
            ClosureStatus.CLOSED,
            closed_at=ctx.local(first.at),
            reasons=first.reasons,
            actions=first.actions,
        )

    actions: list[Action] = [*owed_answer, *pending_actions]
    reasons: list[Reason] = [*appointment_reasons, *no_answer_reasons]
    plan = select_plan(ctx).plan
    data = request_data(ctx, plan)
    if data.completed_at is None:
        if data.missing_blocking or data.wrong_number:
            actions.append(
                ctx.fixed_action(
                    Party.CUSTOMER.value,
                    "give the number of the contract in force and the licence holder's company "
                    "name and NIF: "
                    + "; ".join(data.missing_blocking or ("a valid contract number",)),
                    "IPC-OPS-4",
                    "IPC-OPS-2",
                )
            )
        if data.missing_owed:
            actions.append(
                ctx.fixed_action(
                    Party.CUSTOMER.value,
                    "give " + " and ".join(data.missing_owed) + " for the request",
                    "IPC-OPS-2",
                )
            )
        if not data.described:
            actions.append(
                ctx.fixed_action(
                    Party.CUSTOMER.value,
                    "describe the query or incident with as much data as possible to diagnose it",
                    "IPC-RT-3",
                    "IPC-OPS-1",
                )
            )
    if eligibility.status == EligibilityStatus.NOT_ENTITLED:
        if eligibility.remedies:
            actions.append(
                Action(
                    Party.CUSTOMER.value,
                    eligibility.remedies[0].description,
                    citations=eligibility.remedies[0].citations,
                )
            )
    elif reply is None or _utc(reply.at) < _utc(ctx.request.received_at):
        due, _ = response_due(ctx, calendars)
        if due is not None or not data.blocking:
            # A phone request is answered first by e-mail (IPC-TEL-3).
            by_email = ctx.request.channel is Channel.PHONE and not outcomes
            what = "answer the request"
            if by_email:
                what += ", by e-mail first (phone attention only at informapuntcom's invitation)"
            ids = ("IPC-OPS-3", "IPC-TEL-3") if by_email else ("IPC-OPS-3",)
            actions.insert(0, Action(Party.VENDOR.value, what, due=due, citations=ctx.cite(*ids)))
    if not reasons:
        reasons.append(
            ctx.fixed_reason(
                "ticket-open",
                "None of the conditions that close a ticket has been met: the customer has not "
                "said it is solved, informapuntcom has not considered it solved, and no reply of "
                "informapuntcom has gone 48 hours unanswered.",
                head,
            )
        )
    status = ClosureStatus.UNDETERMINED if undetermined else ClosureStatus.OPEN
    return Closure(status, closes_at=closes_at, reasons=tuple(reasons), actions=tuple(actions))
