"""When a support ticket is finished and closed ("Finalización de tickets de soporte"): at the
first of (IPC-CLO-0) the customer saying it is solved (IPC-CLO-1), informapuntcom considering it
solved (IPC-CLO-2), 48 hours without an answer to informapuntcom's last reply (IPC-CLO-3; once
an appointment is agreed, only a reply after it: IPC-INT-CLO-APPOINTMENT), or a remote session
cancelled, missed or failed on the customer's side (IPC-APT-3, IPC-APT-6, IPC-APT-11). A
``reopened`` event voids closures before it. An open ticket lists what each side owes."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from supportcore import Action, Channel, Closure, Context, Eligibility, Party, Reason
from supportcore.timers import TimerStatus
from supportcore.wording import phrase

from .eligibility import DATA, special_reason
from .facts import MIN_NOTICE, WAIT, Facts, Meeting, utc
from .prepared import Prepared

Ctx = Context[Prepared, Facts]


def explain(ctx: Ctx, m: Meeting) -> tuple[tuple[Reason, ...], tuple[Action, ...]]:
    """What became of an appointment and what it leaves owed (IPC-TEL-4, IPC-APT-*); a call has
    none of the rules of remote sessions (IPC-INT-APPOINTMENT-KIND)."""
    a, code, sched = m.appointment, m.code, ctx.local(m.appointment.scheduled_for)
    if code in ("appointment-cancelled-in-time", "appointment-cancelled-late"):
        assert a.cancelled is not None
        row = f"{code}-uncharged" if code.endswith("late") and m.surcharge is None else code
        cancelled, limit = ctx.local(a.cancelled.at), ctx.local(utc(sched) - MIN_NOTICE)
        reason = ctx.listed_reason(row, scheduled=sched, cancelled=cancelled, limit=limit)
        return (reason,), (ctx.listed_action("book-again", "IPC-APT-4"),)
    if code in ("appointment-missed", "session-ended-no-connection"):
        said = (ctx.listed_reason(code, scheduled=sched, ended=ctx.local(a.wait_ends(WAIT))),)
        again = (ctx.listed_action("book-again", "IPC-APT-8"),)
        if code == "appointment-missed":
            return said, again
        failed = ctx.listed_reason("connection-failed-service-cancelled")
        fix = (ctx.listed_action("fix-connection"), ctx.listed_action("configure-firewalls"))
        return (*said, failed), (*fix, *again)
    if code == "appointment-pending":
        ends = ctx.local(a.wait_ends(WAIT))
        owed = ("send-instructions", "install-application", "configure-firewalls")
        actions = [ctx.listed_action(i, due=sched) for i in owed]
        notice_by = ctx.local(utc(sched) - MIN_NOTICE)
        if utc(ctx.at) < utc(notice_by):
            actions.append(ctx.listed_action("give-notice", due=notice_by))
        actions.append(ctx.listed_action("be-available", due=sched))
        return (ctx.listed_reason(code, scheduled=sched, ends=ends),), tuple(actions)
    said = (ctx.listed_reason(code, scheduled=sched),)
    if code == "appointment-cancelled-by-vendor":
        return said, (ctx.listed_action("agree-new-date"),)
    if code == "phone-appointment-pending":
        return said, (ctx.listed_action("call-at-agreed-time", due=sched),)
    return said, ()


def _owed(ctx: Ctx, eligibility: Eligibility, reply: datetime | None) -> list[Action]:
    """What an open ticket needs: informapuntcom's answer by the service answer's deadline
    (IPC-OPS-3) or the remedy of a refusal, then the request's data (IPC-OPS-2, -4, IPC-RT-3)."""
    f, out = ctx.facts, list[Action]()
    if f.completed_at is None:  # until the ticket says the data arrived
        if f.blocking:
            missing = tuple(ctx.say(DATA[k]) for k in f.lacking)
            missing = missing or (ctx.say("a valid contract number"),)
            out.append(ctx.listed_action("give-request-data", missing=missing))
        if f.owed:
            owed = tuple(ctx.say(DATA[k]) for k in f.owed)
            out.append(ctx.listed_action("give-contact-data", owed=owed))
        if not f.described:
            out.append(ctx.listed_action("describe-request"))
    if eligibility.status == "not_entitled":
        first = eligibility.remedies[:1]
        return out + [Action("customer", r.description, None, r.citations, r.params) for r in first]
    due = ctx.service.response_due if ctx.service is not None else None
    if (reply is not None and utc(reply) >= utc(ctx.request.received_at)) or (
        due is None and f.blocking
    ):
        return out
    by_email = ctx.request.channel is Channel.PHONE and not f.meetings
    return [ctx.listed_action("answer-by-email" if by_email else "answer-request", due=due), *out]


def closure(ctx: Ctx, eligibility: Eligibility) -> Closure:
    f, tl = ctx.facts, ctx.timeline
    if f.special is not None:
        return Closure("undetermined", reasons=(special_reason(ctx, f.special),))
    reopened = utc(tl.reopenings[-1].at) if tl.reopenings else None
    # what closes the ticket, and when: a resolution, an appointment, the 48 hours
    closes: list[tuple[datetime, Reason | Meeting]] = []
    solved = next((e for e in tl.resolutions if reopened is None or utc(e.at) > reopened), None)
    if solved is not None:  # the first resolution a reopening did not void (IPC-CLO-1, -2)
        by = "solved-by-customer" if solved.by is Party.CUSTOMER else "solved-by-vendor"
        closes.append((solved.at, ctx.listed_reason(by, when=ctx.local(solved.at))))
    for m in f.meetings:
        if m.closed_at is not None and (reopened is None or utc(m.closed_at) > reopened):
            closes.append((m.closed_at, m))
    reply, last = tl.last_vendor_reply, f.invitation
    reasons, actions, clock = list[Reason](), list[Action](), ctx.prepared.no_answer
    waits = reply is not None and not (last is not None and utc(reply.at) < utc(last.settled_at))
    state = clock.evaluate_segment(tl, ctx.at) if waits and clock is not None else None
    closes_at: datetime | None = None
    if waits and state is None:
        reasons.append(ctx.listed_reason("no-answer-clock-unknown"))
    elif reply is not None and state is not None and (fires := state.fires_at) is not None:
        v: dict[str, Any] = {"reply": ctx.local(reply.at), "wait": phrase("48 hours")}
        if ctx.prepared.business_hours_clock:
            v["wait"] = phrase("48 business hours")
        if state.status is TimerStatus.FIRED and (reopened is None or utc(fires) > reopened):
            closes.append((fires, ctx.listed_reason("no-answer-48h", closed=ctx.local(fires), **v)))
        elif state.status is TimerStatus.PENDING:
            closes_at = ctx.local(fires)
            reasons.append(ctx.listed_reason("waiting-for-customer", closes=closes_at, **v))
            actions.append(ctx.listed_action("answer-reply", due=closes_at))
    if closes:
        at, first = min(closes, key=lambda c: utc(c[0]))
        said, due = explain(ctx, first) if isinstance(first, Meeting) else ((first,), ())
        return Closure("closed", closed_at=ctx.local(at), reasons=said, actions=due)
    if last is not None and last.closed_at is None:
        said, due = explain(ctx, last)
        reasons[:0], actions = said, [*actions, *due]
    owed = _owed(ctx, eligibility, reply.at if reply is not None else None)
    if owed and owed[0].party == "vendor":  # informapuntcom's answer comes first
        actions.insert(0, owed.pop(0))
    reasons = reasons or [ctx.listed_reason("ticket-open")]
    status = "undetermined" if waits and state is None else "open"
    return Closure(status, closes_at=closes_at, reasons=tuple(reasons), actions=(*actions, *owed))
