"""When a support ticket is finished and closed ("Finalización de tickets de soporte").

A ticket closes at the first of (IPC-CLO-0): the customer says it is solved (IPC-CLO-1),
informapuntcom considers it solved (IPC-CLO-2), the customer leaves informapuntcom's last reply
unanswered for 48 hours (IPC-CLO-3; once an appointment is agreed, only a reply after it counts:
IPC-INT-CLO-APPOINTMENT), or a remote-control session is cancelled, missed or fails on the
customer's side (IPC-APT-3, IPC-APT-6, IPC-APT-11). A ``reopened`` event voids closures before
it. An open ticket lists what each side owes.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

from supportcore import (
    Action,
    Channel,
    Closure,
    ClosureStatus,
    Context,
    Eligibility,
    EligibilityStatus,
    Party,
    Reason,
)
from supportcore.timers import TimerStatus
from supportcore.wording import Phrase, phrase

from .eligibility import DATA, special_reason
from .facts import MIN_NOTICE, Facts, Meeting
from .prepared import Prepared

__all__ = ["closure"]

Ctx = Context[Prepared, Facts]
_CUSTOMER, _VENDOR = Party.CUSTOMER.value, Party.VENDOR.value


def _utc(dt: datetime) -> datetime:
    return dt.astimezone(UTC)


def _book_again(ctx: Ctx, clause: str) -> Action:
    return ctx.action(
        _CUSTOMER,
        "book a new remote-assistance appointment if assistance is still needed",
        clause,
    )


def _wait(ctx: Ctx, m: Meeting) -> Phrase:
    """The 15-minute wait for the customer (IPC-APT-5), as far as it went."""
    a = m.appointment
    scheduled, ends = ctx.local(a.scheduled_for), ctx.local(a.wait_ends(timedelta(minutes=15)))
    over = _utc(ctx.at) >= _utc(ends)
    if a.recorded is not None:
        what = (
            phrase("the remote connection failed")
            if a.recorded is a.connection_failed
            else phrase("the customer was not available")
        )
        values: dict[str, Any] = {
            "recorded": ctx.local(a.recorded.at),
            "what": what,
            "scheduled": scheduled,
        }
        if over:
            return phrase(
                "The vendor recorded on {recorded} that {what}; the session ended after the "
                "15-minute wait after the appointment of {scheduled}, at {ends}",
                ends=ends,
                **values,
            )
        return phrase(
            "The vendor recorded on {recorded} that {what}; the session ends after the 15-minute "
            "wait after the appointment of {scheduled}, at {ends}",
            ends=ends,
            **values,
        )
    if over:
        return phrase(
            "There was no sign of the customer during the 15-minute wait after the appointment "
            "of {scheduled}, so the session ended at {ends}",
            scheduled=scheduled,
            ends=ends,
        )
    return phrase(
        "The vendor will wait for the customer until {ends} (the 15-minute wait after the "
        "appointment of {scheduled}); if the customer is not available by then, the session ends",
        scheduled=scheduled,
        ends=ends,
    )


def _cancelled(ctx: Ctx, m: Meeting) -> tuple[tuple[Reason, ...], tuple[Action, ...]]:
    """A remote session cancelled by the customer: in time or late (IPC-APT-1..4)."""
    a = m.appointment
    assert a.cancelled is not None and a.notice is not None
    lead = a.notice // timedelta(minutes=1)
    notice = (
        phrase("{notice} before it", notice=timedelta(minutes=lead))
        if lead >= 0
        else phrase("{notice} after its start", notice=timedelta(minutes=-lead))
    )
    values: dict[str, Any] = {
        "scheduled": ctx.local(a.scheduled_for),
        "cancelled": ctx.local(a.cancelled.at),
        "notice": notice,
        "limit": ctx.local(_utc(a.scheduled_for) - MIN_NOTICE),
    }
    actions = (_book_again(ctx, "IPC-APT-4"),)
    if m.status == "cancelled_in_time":
        reason = ctx.reason(
            "appointment-cancelled-in-time",
            "The appointment of {scheduled} was cancelled on {cancelled}, {notice}: in time (at "
            "least 4 hours' notice, that is by {limit}). No extra minutes are counted; the "
            "assistance ticket is closed.",
            "IPC-APT-1",
            "IPC-APT-3",
            **values,
        )
    elif m.surcharge is not None:
        reason = ctx.reason(
            "appointment-cancelled-late",
            "The appointment of {scheduled} was cancelled on {cancelled}, {notice}: too late, the "
            "terms ask for at least 4 hours' notice, that is by {limit}. It counts as no notice: "
            "30 extra minutes are consumed and the service counts as done. The assistance ticket "
            "is closed.",
            "IPC-APT-1",
            "IPC-APT-2",
            "IPC-APT-3",
            **values,
        )
    else:
        reason = ctx.reason(
            "appointment-cancelled-late",
            "The appointment of {scheduled} was cancelled on {cancelled}, {notice}: too late, the "
            "terms ask for at least 4 hours' notice, that is by {limit}. Late notice is not "
            "charged under the configured reading. The assistance ticket is closed.",
            "IPC-APT-1",
            "IPC-APT-3",
            **values,
        )
    return (reason,), actions


def _firewalls(ctx: Ctx, due: datetime | None = None) -> Action:
    return ctx.action(
        _CUSTOMER,
        "configure firewalls and security systems so that they do not block informapuntcom's "
        "remote access",
        "IPC-APT-13",
        due=due,
    )


def _ended(ctx: Ctx, m: Meeting) -> tuple[tuple[Reason, ...], tuple[Action, ...]]:
    """A session ended after the wait: no-show or failed connection (IPC-APT-5..13)."""
    if m.status == "no_show":
        missed = ctx.reason(
            "appointment-missed",
            "{wait}. The customer was not available and had not given notice: 30 extra minutes "
            "are counted (once), the service counts as done and the assistance ticket is closed.",
            "IPC-APT-5",
            "IPC-APT-6",
            "IPC-APT-2",
            "IPC-APT-7",
            "IPC-APT-3",
            wait=_wait(ctx, m),
        )
        return (missed,), (_book_again(ctx, "IPC-APT-8"),)
    ended = ctx.reason(
        "session-ended-no-connection",
        "{wait}. Without a connection the session is over and 30 extra minutes are counted.",
        "IPC-APT-5",
        "IPC-APT-6",
        "IPC-APT-7",
        wait=_wait(ctx, m),
    )
    cancelled = ctx.reason(
        "connection-failed-service-cancelled",
        "The connection failed because of the remote-control installation or configuration on "
        "the customer's side: the service is cancelled until the customer configures the "
        "application and/or solves the network problems, and neither the price nor the minutes "
        "consumed are refunded.",
        "IPC-APT-10",
        "IPC-APT-11",
        "IPC-APT-12",
        "IPC-APT-13",
    )
    fix = ctx.action(
        _CUSTOMER,
        "install and configure the remote-control application correctly and solve the network "
        "problems",
        "IPC-APT-10",
        "IPC-APT-11",
    )
    return (ended, cancelled), (fix, _firewalls(ctx), _book_again(ctx, "IPC-APT-8"))


def _pending(ctx: Ctx, m: Meeting) -> tuple[tuple[Reason, ...], tuple[Action, ...]]:
    """A remote session still to come, or within its wait: what each side owes."""
    sched = ctx.local(m.appointment.scheduled_for)
    notice_by = ctx.local(_utc(sched) - MIN_NOTICE)
    reason = ctx.reason(
        "appointment-pending",
        "A remote session is agreed for {scheduled}. {wait}.",
        "IPC-TEL-4",
        "IPC-APT-5",
        scheduled=sched,
        wait=_wait(ctx, m),
    )
    actions = [
        ctx.action(
            _VENDOR,
            "send the instructions to install and configure the remote-control application",
            "IPC-APT-9",
            due=sched,
        ),
        ctx.action(
            _CUSTOMER,
            "install and configure the remote-control application on the machines to be assisted",
            "IPC-APT-10",
            due=sched,
        ),
        _firewalls(ctx, sched),
    ]
    if _utc(ctx.at) < _utc(notice_by):
        actions.append(
            ctx.action(
                _CUSTOMER,
                "if unable to attend, tell informapuntcom by e-mail or phone at least 4 hours "
                "ahead",
                "IPC-APT-1",
                due=notice_by,
            )
        )
    actions.append(
        ctx.action(
            _CUSTOMER,
            "be available and connected at the agreed time (informapuntcom waits 15 minutes)",
            "IPC-APT-5",
            "IPC-APT-6",
            due=sched,
        )
    )
    return (reason,), tuple(actions)


def explain(ctx: Ctx, m: Meeting) -> tuple[tuple[Reason, ...], tuple[Action, ...]]:
    """What became of an appointment, and what it leaves owed (IPC-TEL-4, IPC-APT-*)."""
    status, sched = m.status, ctx.local(m.appointment.scheduled_for)
    if status == "vendor_cancelled":
        reason = ctx.reason(
            "appointment-cancelled-by-vendor",
            "informapuntcom cancelled the appointment of {scheduled}; a new date and time is to "
            "be agreed.",
            "IPC-TEL-4",
            scheduled=sched,
        )
        agree = ctx.action(
            _VENDOR, "agree a new date and time for the call or remote session", "IPC-TEL-4"
        )
        return (reason,), (agree,)
    if status in ("cancelled_in_time", "cancelled_late"):
        return _cancelled(ctx, m)
    if status in ("no_show", "connection_failed"):
        return _ended(ctx, m)
    if status == "pending":
        return _pending(ctx, m)
    if status == "attended":
        reason = ctx.reason(
            "appointment-attended",
            "The session agreed for {scheduled} took place: the customer was there within the "
            "15-minute wait.",
            "IPC-TEL-4",
            scheduled=sched,
        )
        return (reason,), ()
    return _call(ctx, m, sched)


def _call(ctx: Ctx, m: Meeting, sched: datetime) -> tuple[tuple[Reason, ...], tuple[Action, ...]]:
    """A call at an agreed time (IPC-TEL-4): no notice, wait, extra minutes or closing."""
    if m.status == "call_pending":
        reason = ctx.reason(
            "phone-appointment-pending",
            "A call is agreed for {scheduled}: the customer calls informapuntcom then.",
            "IPC-TEL-4",
            scheduled=sched,
        )
        call = ctx.action(
            _CUSTOMER, "call informapuntcom at the agreed time", "IPC-TEL-4", due=sched
        )
        return (reason,), (call,)
    if m.status == "call_cancelled":
        reason = ctx.reason(
            "phone-appointment-cancelled",
            "The customer cancelled the call agreed for {scheduled}. The notice, the 30 extra "
            "minutes and the closing of the ticket are rules of remote-control sessions: a phone "
            "appointment costs no extra minutes and the ticket stays open.",
            "IPC-TEL-4",
            scheduled=sched,
        )
    elif m.status == "call_missed":
        reason = ctx.reason(
            "phone-appointment-missed",
            "The customer did not call at the time agreed, {scheduled}. The notice, the 30 extra "
            "minutes and the closing of the ticket are rules of remote-control sessions: a phone "
            "appointment costs no extra minutes and the ticket stays open.",
            "IPC-TEL-4",
            scheduled=sched,
        )
    else:
        reason = ctx.reason(
            "phone-appointment-past",
            "A call was agreed for {scheduled}.",
            "IPC-TEL-4",
            scheduled=sched,
        )
    return (reason,), ()


def _solved(ctx: Ctx, live: datetime | None) -> tuple[datetime, Reason] | None:
    """The first resolution not voided by a reopening (IPC-CLO-1, IPC-CLO-2)."""
    for e in ctx.timeline.resolutions:
        if live is not None and _utc(e.at) <= live:
            continue
        when = ctx.local(e.at)
        if e.by is Party.CUSTOMER:
            return e.at, ctx.reason(
                "solved-by-customer",
                "The customer told informapuntcom on {when} that the matter is solved.",
                "IPC-CLO-0",
                "IPC-CLO-1",
                when=when,
            )
        return e.at, ctx.reason(
            "solved-by-vendor",
            "informapuntcom considered the matter solved on {when}.",
            "IPC-CLO-0",
            "IPC-CLO-2",
            when=when,
        )
    return None


def _owed(ctx: Ctx, eligibility: Eligibility, reply: datetime | None) -> list[Action]:
    """What an open ticket still needs: informapuntcom's answer (IPC-OPS-3) or the remedy of a
    refusal, and the request's data (IPC-OPS-2, IPC-OPS-4, IPC-RT-3)."""
    facts, out = ctx.facts, []
    data = facts.data
    if data.completed_at is None:
        if data.lacking or data.wrong_number:
            missing = tuple(ctx.say(DATA[k]) for k in data.lacking)
            out.append(
                ctx.action(
                    _CUSTOMER,
                    "give the number of the contract in force and the licence holder's company "
                    "name and NIF: {missing}",
                    "IPC-OPS-4",
                    "IPC-OPS-2",
                    missing=missing or (ctx.say("a valid contract number"),),
                )
            )
        if data.owed:
            owed = tuple(ctx.say(DATA[k]) for k in data.owed)
            out.append(ctx.action(_CUSTOMER, "give {owed} for the request", "IPC-OPS-2", owed=owed))
        if not data.described:
            out.append(
                ctx.action(
                    _CUSTOMER,
                    "describe the query or incident with as much data as possible to diagnose it",
                    "IPC-RT-3",
                    "IPC-OPS-1",
                )
            )
    if eligibility.status == EligibilityStatus.NOT_ENTITLED:
        if eligibility.remedies:
            first = eligibility.remedies[0]
            out.append(Action(_CUSTOMER, first.description, None, first.citations, first.params))
        return out
    if reply is not None and _utc(reply) >= _utc(ctx.request.received_at):
        return out
    due = facts.targets.response_due if facts.targets is not None else None
    if due is None and data.blocking:
        return out
    if ctx.request.channel is Channel.PHONE and not facts.meetings:
        answer = ctx.action(
            _VENDOR,
            "answer the request, by e-mail first (phone attention only at informapuntcom's "
            "invitation)",
            "IPC-OPS-3",
            "IPC-TEL-3",
            due=due,
        )
    else:
        answer = ctx.action(_VENDOR, "answer the request", "IPC-OPS-3", due=due)
    return [answer, *out]


def closure(ctx: Ctx, eligibility: Eligibility) -> Closure:
    facts, tl = ctx.facts, ctx.timeline
    if facts.special is not None:
        return Closure(ClosureStatus.UNDETERMINED, reasons=(special_reason(ctx, facts.special),))
    reopened = _utc(tl.reopenings[-1].at) if tl.reopenings else None

    def live(at: datetime) -> bool:
        return reopened is None or _utc(at) > reopened

    # candidates: (instant, the resolution's reason or the meeting that closed the ticket)
    candidates: list[tuple[datetime, Reason | Meeting]] = []
    solved = _solved(ctx, reopened)
    if solved is not None:
        candidates.append(solved)
    candidates.extend((m.closed_at, m) for m in facts.meetings if m.closed_at and live(m.closed_at))
    last = facts.invitation
    reply = tl.last_vendor_reply
    reasons: list[Reason] = []
    actions: list[Action] = []
    closes_at: datetime | None = None
    undetermined = False
    if reply is not None and not (last is not None and _utc(reply.at) < _utc(last.settled_at)):
        clock = ctx.prepared.no_answer
        wait = (
            phrase("48 business hours") if ctx.prepared.business_hours_clock else phrase("48 hours")
        )
        if clock is None:
            undetermined = True
            reasons.append(
                ctx.reason(
                    "no-answer-clock-unknown",
                    "The ticket closes 48 business hours after informapuntcom's last reply if the "
                    "customer does not answer, but informapuntcom's business hours are not "
                    "supplied, so that instant cannot be computed.",
                    "IPC-CLO-0",
                    "IPC-CLO-3",
                    settings=("business_hours",),
                )
            )
        else:
            state = clock.evaluate_segment(tl, ctx.at)
            values: dict[str, Any] = {"reply": ctx.local(reply.at), "wait": wait}
            if state.status is TimerStatus.FIRED and state.fires_at is not None:
                if live(state.fires_at):
                    fired = ctx.reason(
                        "no-answer-48h",
                        "The customer did not answer informapuntcom's reply of {reply} nor got in "
                        "touch within {wait}: the ticket closed at {closed}.",
                        "IPC-CLO-0",
                        "IPC-CLO-3",
                        closed=ctx.local(state.fires_at),
                        **values,
                    )
                    candidates.append((state.fires_at, fired))
            elif state.status is TimerStatus.PENDING and state.fires_at is not None:
                closes_at = ctx.local(state.fires_at)
                reasons.append(
                    ctx.reason(
                        "waiting-for-customer",
                        "informapuntcom replied on {reply}: unless the customer answers or gets "
                        "in touch within {wait}, the ticket closes at {closes}.",
                        "IPC-CLO-0",
                        "IPC-CLO-3",
                        closes=closes_at,
                        **values,
                    )
                )
                actions.append(
                    ctx.action(
                        _CUSTOMER,
                        "answer informapuntcom's last reply (or tell it the matter is solved)",
                        "IPC-CLO-3",
                        "IPC-CLO-1",
                        due=closes_at,
                    )
                )
    if candidates:
        at, first = min(candidates, key=lambda c: _utc(c[0]))
        found = explain(ctx, first) if isinstance(first, Meeting) else ((first,), ())
        return Closure(
            ClosureStatus.CLOSED, closed_at=ctx.local(at), reasons=found[0], actions=found[1]
        )
    if last is not None and last.closed_at is None:
        said, due = explain(ctx, last)
        reasons[:0] = said
        actions.extend(due)
    owed = _owed(ctx, eligibility, reply.at if reply is not None else None)
    if owed and owed[0].party == _VENDOR:  # informapuntcom's answer comes first
        actions.insert(0, owed.pop(0))
    actions.extend(owed)
    if not reasons:
        reasons.append(
            ctx.reason(
                "ticket-open",
                "None of the conditions that close a ticket has been met: the customer has not "
                "said it is solved, informapuntcom has not considered it solved, and no reply of "
                "informapuntcom has gone 48 hours unanswered.",
                "IPC-CLO-0",
            )
        )
    status = ClosureStatus.UNDETERMINED if undetermined else ClosureStatus.OPEN
    return Closure(status, closes_at=closes_at, reasons=tuple(reasons), actions=tuple(actions))
