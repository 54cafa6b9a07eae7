"""When a support ticket is finished and closed ("Finalización de tickets de soporte"): at the
first of (IPC-CLO-0) the customer saying it is solved (IPC-CLO-1), informapuntcom considering it
solved (IPC-CLO-2), 48 hours without an answer to informapuntcom's last reply (IPC-CLO-3; once
an appointment is agreed, only a reply after it: IPC-INT-CLO-APPOINTMENT), or a remote session
cancelled, missed or failed on the customer's side (IPC-APT-3, IPC-APT-6, IPC-APT-11). A
``reopened`` event voids closures before it. An open ticket lists what each side owes."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from supportcore import Action, Channel, Closure, Context, Eligibility, Reason
from supportcore.timers import TimerStatus
from supportcore.wording import phrase

from .eligibility import DATA, special_reason
from .facts import MIN_NOTICE, WAIT, Facts, Meeting
from .prepared import Prepared

__all__ = ["closure"]

Ctx = Context[Prepared, Facts]
Said = tuple[tuple[Reason, ...], tuple[Action, ...]]
CUSTOMER, VENDOR = "customer", "vendor"


def _utc(dt: datetime) -> datetime:
    return dt.astimezone(UTC)


def _again(ctx: Ctx, clause: str) -> Action:
    return ctx.action(
        CUSTOMER, "book a new remote-assistance appointment if assistance is still needed", clause
    )


def _firewalls(ctx: Ctx, due: datetime | None = None) -> Action:
    return ctx.action(
        CUSTOMER,
        "configure firewalls and security systems so that they do not block informapuntcom's "
        "remote access",
        "IPC-APT-13",
        due=due,
    )


def _cancelled(ctx: Ctx, m: Meeting) -> Said:
    """A remote session cancelled by the customer: in time or late (IPC-APT-1..4)."""
    a = m.appointment
    assert a.cancelled is not None
    v: dict[str, Any] = {"scheduled": ctx.local(a.scheduled_for)}
    v["cancelled"] = ctx.local(a.cancelled.at)
    v["limit"] = ctx.local(_utc(a.scheduled_for) - MIN_NOTICE)
    if m.status == "cancelled_in_time":
        reason = ctx.reason(
            "appointment-cancelled-in-time",
            "The appointment of {scheduled} was cancelled on {cancelled}, with the 4 hours' "
            "notice (by {limit}): no extra minutes are counted; the assistance ticket is closed.",
            *("IPC-APT-1", "IPC-APT-3"),
            **v,
        )
    elif m.surcharge is not None:
        reason = ctx.reason(
            "appointment-cancelled-late",
            "The appointment of {scheduled} was cancelled on {cancelled}, without the 4 hours' "
            "notice (by {limit}): it counts as no notice, 30 extra minutes are consumed, the "
            "service counts as done and the assistance ticket is closed.",
            *("IPC-APT-1", "IPC-APT-2", "IPC-APT-3"),
            interpretations=("IPC-INT-LATE-NOTICE",),
            settings=("late_notice_surcharge",),
            **v,
        )
    else:
        reason = ctx.reason(
            "appointment-cancelled-late",
            "The appointment of {scheduled} was cancelled on {cancelled}, without the 4 hours' "
            "notice (by {limit}): the configured reading charges no extra minutes for it; the "
            "assistance ticket is closed.",
            *("IPC-APT-1", "IPC-APT-3"),
            interpretations=("IPC-INT-LATE-NOTICE",),
            settings=("late_notice_surcharge",),
            **v,
        )
    return (reason,), (_again(ctx, "IPC-APT-4"),)


def _ended(ctx: Ctx, m: Meeting) -> Said:
    """A session ended after the 15-minute wait: no-show or failed connection (IPC-APT-2,
    IPC-APT-5..13)."""
    a = m.appointment
    v: dict[str, Any] = {"scheduled": ctx.local(a.scheduled_for)}
    v["ended"] = ctx.local(a.wait_ends(WAIT))
    if m.status == "no_show":
        missed = ctx.reason(
            "appointment-missed",
            "The customer was not available for the remote session of {scheduled} and had not "
            "given notice: after the 15-minute wait the session ended at {ended}; 30 extra "
            "minutes are counted (once), the service counts as done and the ticket is closed.",
            *("IPC-APT-5", "IPC-APT-6", "IPC-APT-2", "IPC-APT-7", "IPC-APT-3"),
            interpretations=("IPC-INT-NO-SHOW-ONCE",),
            **v,
        )
        return (missed,), (_again(ctx, "IPC-APT-8"),)
    ended = ctx.reason(
        "session-ended-no-connection",
        "The remote connection for the session of {scheduled} failed: after the 15-minute wait "
        "the session ended at {ended}, and 30 extra minutes are counted.",
        *("IPC-APT-5", "IPC-APT-6", "IPC-APT-7"),
        **v,
    )
    cancelled = ctx.reason(
        "connection-failed-service-cancelled",
        "The connection failed because of the remote-control installation or configuration on "
        "the customer's side: the service is cancelled until the customer configures the "
        "application and/or solves the network problems, and neither the price nor the minutes "
        "consumed are refunded.",
        *("IPC-APT-10", "IPC-APT-11", "IPC-APT-12", "IPC-APT-13"),
        interpretations=("IPC-INT-CONNECTION",),
    )
    fix = ctx.action(
        CUSTOMER,
        "install and configure the remote-control application correctly and solve the network "
        "problems",
        *("IPC-APT-10", "IPC-APT-11"),
    )
    return (ended, cancelled), (fix, _firewalls(ctx), _again(ctx, "IPC-APT-8"))


def _pending(ctx: Ctx, m: Meeting) -> Said:
    """A remote session to come, or within its wait: what each side owes (IPC-APT-1, -5..13)."""
    sched = ctx.local(m.appointment.scheduled_for)
    notice_by = ctx.local(_utc(sched) - MIN_NOTICE)
    reason = ctx.reason(
        "appointment-pending",
        "A remote session is agreed for {scheduled}; informapuntcom waits for the customer until "
        "{ends}, then the session ends.",
        *("IPC-TEL-4", "IPC-APT-5"),
        scheduled=sched,
        ends=ctx.local(m.appointment.wait_ends(WAIT)),
    )
    actions = [
        ctx.action(
            VENDOR,
            "send the instructions to install and configure the remote-control application",
            "IPC-APT-9",
            due=sched,
        ),
        ctx.action(
            CUSTOMER,
            "install and configure the remote-control application on the machines to be assisted",
            "IPC-APT-10",
            due=sched,
        ),
        _firewalls(ctx, sched),
    ]
    if _utc(ctx.at) < _utc(notice_by):
        actions.append(
            ctx.action(
                CUSTOMER,
                "if unable to attend, tell informapuntcom by e-mail or phone 4 hours ahead",
                "IPC-APT-1",
                due=notice_by,
            )
        )
    actions.append(
        ctx.action(
            CUSTOMER,
            "be available and connected at the agreed time (informapuntcom waits 15 minutes)",
            *("IPC-APT-5", "IPC-APT-6"),
            due=sched,
        )
    )
    return (reason,), tuple(actions)


def explain(ctx: Ctx, m: Meeting) -> Said:
    """What became of an appointment and what it leaves owed (IPC-TEL-4, IPC-APT-*); a call has
    none of the rules of remote sessions (IPC-INT-APPOINTMENT-KIND)."""
    status, sched = m.status, ctx.local(m.appointment.scheduled_for)
    if status in ("cancelled_in_time", "cancelled_late"):
        return _cancelled(ctx, m)
    if status in ("no_show", "connection_failed"):
        return _ended(ctx, m)
    if status == "pending":
        return _pending(ctx, m)
    if status == "vendor_cancelled":
        reason = ctx.reason(
            "appointment-cancelled-by-vendor",
            "informapuntcom cancelled the appointment of {scheduled}; a new date and time is to "
            "be agreed.",
            "IPC-TEL-4",
            scheduled=sched,
        )
        agree = ctx.action(VENDOR, "agree a new date and time for the call or session", "IPC-TEL-4")
        return (reason,), (agree,)
    if status == "attended":
        reason = ctx.reason(
            "appointment-attended",
            "The session agreed for {scheduled} took place: the customer was there within the "
            "15-minute wait.",
            "IPC-TEL-4",
            scheduled=sched,
        )
    elif status == "call_pending":
        reason = ctx.reason(
            "phone-appointment-pending",
            "A call is agreed for {scheduled}: the customer calls informapuntcom then.",
            "IPC-TEL-4",
            scheduled=sched,
        )
        call = ctx.action(
            CUSTOMER, "call informapuntcom at the agreed time", "IPC-TEL-4", due=sched
        )
        return (reason,), (call,)
    elif status == "call_cancelled":
        reason = ctx.reason(
            "phone-appointment-cancelled",
            "The customer cancelled the call agreed for {scheduled}. A call costs no extra "
            "minutes and the ticket stays open: those are rules of remote-control sessions.",
            "IPC-TEL-4",
            interpretations=("IPC-INT-APPOINTMENT-KIND",),
            scheduled=sched,
        )
    elif status == "call_missed":
        reason = ctx.reason(
            "phone-appointment-missed",
            "The customer did not call at the time agreed, {scheduled}. A call costs no extra "
            "minutes and the ticket stays open: those are rules of remote-control sessions.",
            "IPC-TEL-4",
            interpretations=("IPC-INT-APPOINTMENT-KIND",),
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


def _solved(ctx: Ctx, reopened: datetime | None) -> tuple[datetime, Reason] | None:
    """The first resolution a reopening did not void (IPC-CLO-1, IPC-CLO-2)."""
    for e in ctx.timeline.resolutions:
        if reopened is not None and _utc(e.at) <= reopened:
            continue
        if e.by is not None and e.by.value == CUSTOMER:
            return e.at, ctx.reason(
                "solved-by-customer",
                "The customer told informapuntcom on {when} that the matter is solved.",
                *("IPC-CLO-0", "IPC-CLO-1"),
                when=ctx.local(e.at),
            )
        return e.at, ctx.reason(
            "solved-by-vendor",
            "informapuntcom considered the matter solved on {when}.",
            *("IPC-CLO-0", "IPC-CLO-2"),
            when=ctx.local(e.at),
        )
    return None


def _owed(ctx: Ctx, eligibility: Eligibility, reply: datetime | None) -> list[Action]:
    """What an open ticket needs: informapuntcom's answer (IPC-OPS-3) or the remedy of a
    refusal, then the request's data (IPC-OPS-2, IPC-OPS-4, IPC-RT-3)."""
    f, out = ctx.facts, []
    if f.completed_at is None and (f.lacking or f.wrong_number):
        missing = tuple(ctx.say(DATA[k]) for k in f.lacking) or (
            ctx.say("a valid contract number"),
        )
        out.append(
            ctx.action(
                CUSTOMER,
                "give the number of the contract in force and the licence holder's company name "
                "and NIF: {missing}",
                *("IPC-OPS-4", "IPC-OPS-2"),
                missing=missing,
            )
        )
    if f.completed_at is None and f.owed:
        owed = tuple(ctx.say(DATA[k]) for k in f.owed)
        out.append(ctx.action(CUSTOMER, "give {owed} for the request", "IPC-OPS-2", owed=owed))
    if f.completed_at is None and not f.described:
        out.append(
            ctx.action(
                CUSTOMER,
                "describe the query or incident with as much data as possible to diagnose it",
                *("IPC-RT-3", "IPC-OPS-1"),
            )
        )
    if eligibility.status == "not_entitled":
        first = eligibility.remedies[:1]
        return out + [Action(CUSTOMER, r.description, None, r.citations, r.params) for r in first]
    if reply is not None and _utc(reply) >= _utc(ctx.request.received_at):
        return out
    due = None
    if f.start is not None:  # the deadline the service answer gives (IPC-OPS-3, IPC-RT-1)
        due = ctx.service_targets(plan=f.plan_name, start=f.start).response_due
    if due is None and f.blocking:
        return out
    if ctx.request.channel is Channel.PHONE and not f.meetings:
        answer = ctx.action(
            VENDOR,
            "answer the request, by e-mail first (phone attention only at informapuntcom's "
            "invitation)",
            *("IPC-OPS-3", "IPC-TEL-3"),
            due=due,
        )
    else:
        answer = ctx.action(VENDOR, "answer the request", "IPC-OPS-3", due=due)
    return [answer, *out]


def closure(ctx: Ctx, eligibility: Eligibility) -> Closure:
    f, tl = ctx.facts, ctx.timeline
    if f.special is not None:
        return Closure("undetermined", reasons=(special_reason(ctx, f.special),))
    reopened = _utc(tl.reopenings[-1].at) if tl.reopenings else None
    # what closes the ticket, and when: a resolution, an appointment, the 48 hours
    closes: list[tuple[datetime, Reason | Meeting]] = []
    if (solved := _solved(ctx, reopened)) is not None:
        closes.append(solved)
    for m in f.meetings:
        if m.closed_at is not None and (reopened is None or _utc(m.closed_at) > reopened):
            closes.append((m.closed_at, m))
    reply, last = tl.last_vendor_reply, f.invitation
    reasons: list[Reason] = []
    actions: list[Action] = []
    closes_at: datetime | None = None
    undetermined = False
    if reply is not None and not (last is not None and _utc(reply.at) < _utc(last.settled_at)):
        clock, business = ctx.prepared.no_answer, ctx.prepared.business_hours_clock
        v: dict[str, Any] = {"reply": ctx.local(reply.at)}
        v["wait"] = phrase("48 business hours") if business else phrase("48 hours")
        state = clock.evaluate_segment(tl, ctx.at) if clock is not None else None
        if state is None:
            undetermined = True
            reasons.append(
                ctx.reason(
                    "no-answer-clock-unknown",
                    "The ticket closes 48 business hours after informapuntcom's last reply "
                    "unless the customer answers, but informapuntcom's business hours are not "
                    "supplied, so that instant cannot be computed.",
                    *("IPC-CLO-0", "IPC-CLO-3"),
                    settings=("business_hours",),
                )
            )
        elif state.status is TimerStatus.FIRED and state.fires_at is not None:
            if reopened is None or _utc(state.fires_at) > reopened:
                fired = ctx.reason(
                    "no-answer-48h",
                    "The customer did not answer informapuntcom's reply of {reply} nor get in "
                    "touch within {wait}: the ticket closed at {closed}.",
                    *("IPC-CLO-0", "IPC-CLO-3"),
                    interpretations=("IPC-INT-CLO-48H",),
                    settings=("no_answer_hours",),
                    closed=ctx.local(state.fires_at),
                    **v,
                )
                closes.append((state.fires_at, fired))
        elif state.status is TimerStatus.PENDING and state.fires_at is not None:
            closes_at = ctx.local(state.fires_at)
            waiting = ctx.reason(
                "waiting-for-customer",
                "informapuntcom replied on {reply}: unless the customer answers or gets in touch "
                "within {wait}, the ticket closes at {closes}.",
                *("IPC-CLO-0", "IPC-CLO-3"),
                interpretations=("IPC-INT-CLO-48H",),
                settings=("no_answer_hours",),
                closes=closes_at,
                **v,
            )
            reasons.append(waiting)
            actions.append(
                ctx.action(
                    CUSTOMER,
                    "answer informapuntcom's last reply (or tell it the matter is solved)",
                    *("IPC-CLO-3", "IPC-CLO-1"),
                    due=closes_at,
                )
            )
    if closes:
        at, first = min(closes, key=lambda c: _utc(c[0]))
        said, due = explain(ctx, first) if isinstance(first, Meeting) else ((first,), ())
        return Closure("closed", closed_at=ctx.local(at), reasons=said, actions=due)
    if last is not None and last.closed_at is None:
        said, due = explain(ctx, last)
        reasons[:0], actions = said, [*actions, *due]
    owed = _owed(ctx, eligibility, reply.at if reply is not None else None)
    if owed and owed[0].party == VENDOR:  # informapuntcom's answer comes first
        actions.insert(0, owed.pop(0))
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
    status = "undetermined" if undetermined else "open"
    return Closure(status, closes_at=closes_at, reasons=tuple(reasons), actions=(*actions, *owed))
