"""What a case says for informapuntcom's rules, assessed once per case (``ctx.facts``): the plan
that governs the request (IPC-SUP-1, IPC-REN-3), the data the request carries (IPC-OPS-2,
IPC-OPS-4), what became of each appointment (IPC-APT-*) and the plan's hours, the urgent and
appointment surcharges included (IPC-HRS-*), in one pass over the ticket's timeline."""

from __future__ import annotations

from bisect import bisect_left
from datetime import UTC, date, datetime, timedelta
from typing import Any

import attrs

from supportcore import Channel, Context, Contract, EventKind, Party, PaymentState, Problem
from supportcore.appointments import Appointment, AppointmentStatus
from supportcore.ledger import HourLedger, LedgerLine
from supportcore.model import UsageKind
from supportcore.periods import Period

from .prepared import Prepared

Ctx = Context[Prepared, Any]
#: "Servicio ofrecido vía email, teléfono o control remoto"; phone and remote attention only by
#: invitation (IPC-TEL-2..4).
OFFERED = (Channel.EMAIL, Channel.PHONE, Channel.REMOTE)
BY_INVITATION = (Channel.PHONE, Channel.REMOTE)
MIN_NOTICE = timedelta(hours=4)  #: "con una antelación mínima de 4 horas" (IPC-APT-1)
WAIT = timedelta(minutes=15)  #: "es de 15 minutos" (IPC-APT-5)
EXTRA = 30  #: "un cómputo extra de 30 minutos" (IPC-HRS-4, IPC-APT-2, IPC-APT-7)
#: Data whose absence stops a request (IPC-OPS-4), and data owed (IPC-OPS-2).
BLOCKING, OWED = ("contract_number", "company_name", "tax_id"), ("contact_person", "phone")


@attrs.frozen
class Meeting:
    """What became of an appointment, a remote-control session or a call (IPC-TEL-4)."""

    appointment: Appointment
    remote: bool
    code: str  #: the id of the reason that says what became of it (``appointment-missed``)
    #: when it stopped holding the ticket: its cancellation, else its agreed time (replies
    #: before it start no 48-hour clock: IPC-INT-CLO-APPOINTMENT)
    settled_at: datetime
    closed_at: datetime | None = None  #: it closed the ticket (IPC-APT-3, -6, -11)
    surcharge: UsageKind | None = None  #: 30 extra minutes, at ``closed_at``


@attrs.frozen
class Hours:
    """The plan's hour ledger (IPC-HRS-1..3, IPC-HRS-7)."""

    prior: HourLedger  #: other tickets' minutes up to the request's receipt
    ledger: HourLedger  #: and this ticket's, up to the evaluation instant
    outside_dates: int  #: this ticket's minutes outside the plan's dates
    outside_plan: bool  #: this ticket's work is paid remote assistance, not on the plan
    #: this ticket's minutes beyond the allowance: "work" (charged, IPC-HRS-8), "solved" (work
    #: begun after the case was solved) and the surcharges' kinds
    over: dict[str, int]


@attrs.frozen
class Facts:
    day: date  #: the request's date in Madrid
    contracts: tuple[Contract, ...]  #: the contracts for the request's product
    special: Contract | None  #: a contract with special conditions in force (IPC-INTRO-2)
    plan: Contract | None  #: the plan in force
    index: int | None  #: its place in ``case.contracts``
    focus: Contract | None  #: without a plan: the one the request names, else the latest
    failures: tuple[str, ...]  #: why ``focus`` is not in force (reason codes)
    lacking: tuple[str, ...]  #: blocking request data missing (``request.contact`` fields)
    owed: tuple[str, ...]  #: request data owed, not blocking
    wrong_number: str | None  #: a contract number that is not the plan's
    completed_at: datetime | None  #: the first ``information_complete`` since receipt
    described: bool  #: the request describes the problem
    meetings: tuple[Meeting, ...]
    refusal: str | None  #: the plan's channels refuse: channels-unknown, not-in-plan, invitation
    #: remote assistance outside the plan, at the remote tariff: "not_covered" (IPC-TEL-6: the
    #: plan has remote control, the matter is excluded) or "other_user" (IPC-TEL-7: urgent)
    mode: str | None
    hours: Hours | None
    start: datetime | None  #: when the request became processable: the response clock (IPC-OPS-4)

    @property
    def blocking(self) -> bool:
        """The request cannot be processed (yet) (IPC-OPS-4)."""
        return self.completed_at is None and bool(self.lacking or self.wrong_number)

    @property
    def invitation(self) -> Meeting | None:
        """The last appointment booked: informapuntcom's invitation (IPC-TEL-4)."""
        return self.meetings[-1] if self.meetings else None


def utc(dt: datetime) -> datetime:
    return dt.astimezone(UTC)


def _in_force(c: Contract, day: date) -> bool:
    return c.start <= day and (c.end is None or day < c.end)


def _failures(p: Prepared, c: Contract, day: date, contracts: tuple[Contract, ...]) -> list[str]:
    out = ["plan-not-started"] if c.start > day else []
    if c.start <= day and c.end is not None and day >= c.end:
        out += ["plan-ended", "no-automatic-renewal"] if c.auto_renew else ["plan-ended"]
    if c.signed > day:
        out.append("plan-signed-after-request")
    renewal = any(o is not c and o.end is not None and o.end <= c.start for o in contracts)
    if (p.payment_for_all or renewal) and c.payment is not PaymentState.PAID:
        out.append("plan-not-paid")
    elif (p.payment_for_all or renewal) and c.paid_on is not None and c.paid_on > day:
        out.append("plan-paid-after-request")
    return out


def _ledger(ctx: Ctx, plan: Contract, until: datetime, *more: LedgerLine) -> HourLedger:
    """The plan's minutes up to ``until``: other tickets' (an entry for this ticket counts
    once; one outside the plan's period is refused by :func:`check_case`) and ``more``."""
    own, tz, cut = ctx.case.ticket.id, ctx.vendor.tz, utc(until)
    usage = [u for u in plan.usage if not (own and u.ticket == own)]
    lines = [LedgerLine.from_usage(u) for u in usage if _in_force(plan, u.at.astimezone(tz).date())]
    kept = tuple(ln for ln in (*lines, *more) if utc(ln.at) <= cut)
    period = Period(plan.start, plan.end) if plan.end is not None else None
    return HourLedger(plan.included_minutes, period, kept, tz)


def _meeting(ctx: Ctx, a: Appointment, phone_request: bool) -> Meeting:
    """A call (ref "phone", or none on a phone request) has no notice, wait, extra minutes or
    closing: those are rules of remote sessions (IPC-INT-APPOINTMENT-KIND)."""
    cancel, sched = a.cancelled, a.scheduled_for
    remote = a.kind == "remote" or (a.kind is None and not phone_request)
    if cancel is not None and (cancel.by is Party.VENDOR or not remote):
        by_vendor = cancel.by is Party.VENDOR
        code = "appointment-cancelled-by-vendor" if by_vendor else "phone-appointment-cancelled"
        return Meeting(a, remote, code, cancel.at)
    if not remote:
        code = "phone-appointment-missed" if a.missed else "phone-appointment-past"
        if utc(ctx.at) < utc(sched):
            code = "phone-appointment-pending"
        return Meeting(a, remote, code, sched)
    outcome = a.outcome(MIN_NOTICE, WAIT, ctx.at)
    status = outcome.status
    if cancel is not None and status is AppointmentStatus.CANCELLED_LATE:
        late = UsageKind.LATE_CANCELLATION if ctx.prepared.late_notice_surcharge else None
        return Meeting(a, remote, "appointment-cancelled-late", cancel.at, cancel.at, late)
    if cancel is not None:
        return Meeting(a, remote, "appointment-cancelled-in-time", cancel.at, cancel.at)
    if status in (AppointmentStatus.MISSED, AppointmentStatus.CONNECTION_FAILED):
        missed = status is AppointmentStatus.MISSED
        code = "appointment-missed" if missed else "session-ended-no-connection"
        return Meeting(a, remote, code, sched, outcome.wait_ends, UsageKind.NO_SHOW)
    attended = status is AppointmentStatus.ATTENDED
    return Meeting(a, remote, "appointment-attended" if attended else "appointment-pending", sched)


def _mode(ctx: Ctx, plan: Contract | None) -> str | None:
    """Remote assistance billed at the remote tariff outside the plan (IPC-TEL-6, IPC-TEL-7)."""
    p, request, cat = ctx.prepared, ctx.request, ctx.request.category
    if request.channel is not Channel.REMOTE and cat != "remote_assistance":
        return None
    if request.needs_adaptation or (cat in p.excluded and cat not in p.remote_billable):
        return None
    if plan is not None and Channel.REMOTE in plan.channels:
        return "not_covered" if cat in p.remote_billable else None
    paid = cat in p.remote_billable or cat in p.covered or cat == "remote_assistance"
    return "other_user" if ctx.severity == "urgent" and paid else None


def _over(ctx: Ctx, ledger: HourLedger, own: set[int]) -> dict[str, int]:
    """This ticket's minutes beyond the allowance: the lines in time order use it up
    (IPC-INT-OVERAGE). A work session ran from ``at − minutes`` to ``at``; it is work on the
    unsolved case when it began while the case was not solved."""
    allowance = ledger.allowance_minutes
    if allowance is None or ledger.used_minutes <= allowance:
        return {}
    tl, spans = ctx.timeline, list[tuple[float, float | None]]()  # (solved, reopened), POSIX
    kinds = (EventKind.RESOLVED, EventKind.CLOSED, EventKind.REOPENED)
    for i in sorted(j for k in kinds for j in tl.indices(k)):
        e = tl.events[i]
        if e.kind is EventKind.REOPENED and spans and spans[-1][1] is None:
            spans[-1] = (spans[-1][0], e.at.timestamp())
        elif e.kind is not EventKind.REOPENED and (not spans or spans[-1][1] is not None):
            spans.append((e.at.timestamp(), None))
    starts = [a for a, _ in spans]
    out: dict[str, int] = {}
    used = 0
    for ln in ledger.lines:
        before, used = used, used + ln.minutes
        beyond = used - max(before, allowance)
        if beyond <= 0 or id(ln) not in own:
            continue
        what = str(ln.kind)
        if ln.kind is UsageKind.WORK:
            began = ln.at.timestamp() - 60 * ln.minutes
            j = bisect_left(starts, began) - 1
            until = spans[j][1] if j >= 0 else began
            what = "solved" if j >= 0 and (until is None or began < until) else "work"
        out[what] = out.get(what, 0) + beyond
    return out


def _hours(ctx: Ctx, plan: Contract, lines: list[LedgerLine], mode: str | None) -> Hours:
    """Paid remote work uses no plan hours; the 30 extra minutes of a missed or late-cancelled
    session on a plan with remote control do (IPC-APT-2). Minutes outside the plan's dates are
    not on the plan, nor beyond its hours."""
    if mode is not None:
        missed = (UsageKind.NO_SHOW, UsageKind.LATE_CANCELLATION)
        lines = [ln for ln in lines if ln.kind in missed] if mode == "not_covered" else []
    tz = ctx.vendor.tz
    inside = [ln for ln in lines if _in_force(plan, ln.at.astimezone(tz).date())]
    outside = sum(ln.minutes for ln in lines) - sum(ln.minutes for ln in inside)
    prior = _ledger(ctx, plan, ctx.request.received_at)
    ledger = _ledger(ctx, plan, ctx.at, *inside)
    over = _over(ctx, ledger, {id(ln) for ln in inside})
    return Hours(prior, ledger, outside, mode is not None, over)


def _choose(ctx: Ctx, day: date, contracts: tuple[Contract, ...]) -> tuple[Any, ...]:
    """A plan signed on or before the request's date, in force on it and paid (IPC-SUP-1,
    IPC-HRS-5, IPC-REN-2, IPC-REN-3): the one the request names, else the latest with hours
    left. Without one: (None, None, the plan to explain, why it is not in force)."""
    candidates = [c for c in contracts if not c.special_terms]
    if not candidates:
        return None, None, None, ()
    failures = [_failures(ctx.prepared, c, day, contracts) for c in candidates]
    valid = [c for c, f in zip(candidates, failures, strict=True) if not f]
    named = [c for c in (valid or candidates) if c.id == ctx.request.contact.contract_number]
    if valid:
        received = ctx.request.received_at
        left = [c for c in valid if not _ledger(ctx, c, received).exhausted]
        chosen = named[0] if named else max(left or valid, key=lambda c: (c.start, c.signed))
        return chosen, next(i for i, o in enumerate(ctx.case.contracts) if o is chosen), None, ()
    focus = named[0] if named else max(candidates, key=lambda c: (c.start, c.signed))
    return None, None, focus, tuple(failures[candidates.index(focus)])


def assess(ctx: Ctx) -> Facts:
    request, tl = ctx.request, ctx.timeline
    day, contracts = ctx.received_on, ctx.case.contracts_for(request.product)
    special = next((c for c in contracts if c.special_terms and _in_force(c, day)), None)
    plan, index, focus, failures = _choose(ctx, day, contracts)
    contact = request.contact
    lacking = tuple(k for k in BLOCKING if not (getattr(contact, k) or "").strip())
    owed = tuple(k for k in OWED if not (getattr(contact, k) or "").strip())
    number = (contact.contract_number or "").strip()
    wrong = number if number and plan is not None and number != plan.id else None
    done = tl.first_after(EventKind.INFORMATION_COMPLETE, request.received_at, inclusive=True)
    completed = done.at if done is not None else None
    described = bool((contact.description or "").strip() or request.summary.strip())
    phone = request.channel is Channel.PHONE
    meetings = tuple(_meeting(ctx, a, phone) for a in tl.appointments)
    refusal = "invitation" if request.channel is Channel.REMOTE and not meetings else None
    if plan is None:
        refusal = None
    elif request.channel not in plan.channels:
        refusal = "not-in-plan" if plan.channels else "channels-unknown"
    mode = _mode(ctx, plan)
    start = completed if lacking or wrong else request.received_at
    ticket = ctx.case.ticket.id or None
    lines = [LedgerLine(e.at, e.minutes or 0, UsageKind.WORK, ticket) for e in tl.work]
    blocking = completed is None and bool(lacking or wrong)
    refused = request.channel not in OFFERED or refusal in ("not-in-plan", "invitation")
    refused = refused or (plan is not None and blocking)
    if ctx.severity == "urgent" and start is not None and not refused:  # IPC-INT-URGENT-4H
        lines.append(LedgerLine(start, EXTRA, UsageKind.URGENT_SURCHARGE, ticket))
    for m in meetings:
        if m.surcharge is not None and m.closed_at is not None:
            lines.append(LedgerLine(m.closed_at, EXTRA, m.surcharge, ticket))
    hours = _hours(ctx, plan, lines, mode) if plan is not None else None
    return Facts(
        day, contracts, special, plan, index, focus, failures, lacking, owed, wrong, completed,
        described, meetings, refusal, mode, hours, start,
    )  # fmt: skip


def check_case(ctx: Ctx) -> list[Problem]:
    """Input the rules cannot read: a plan without its hour limit (IPC-HRS-1), a channel
    informapuntcom does not offer, usage outside the plan period (IPC-HRS-7), an appointment
    neither remote nor a call (IPC-TEL-4), a resolution without who declared it."""
    out, tz, tl = list[tuple[str, str]](), ctx.vendor.tz, ctx.timeline
    for i, c in enumerate(ctx.case.contracts):
        if c.special_terms:
            continue
        if c.included_minutes is None:
            why = "every informapuntcom plan states its maximum hours (IPC-HRS-1); give the "
            out.append((f"contracts[{i}].included_minutes", why + "plan's allowance in minutes"))
        for j, ch in enumerate(c.channels):
            if ch not in OFFERED:
                why = f"informapuntcom plans offer e-mail, phone and remote control, not {ch!r}"
                out.append((f"contracts[{i}].channels[{j}]", why))
        for j, u in enumerate(c.usage):
            if not _in_force(c, day := u.at.astimezone(tz).date()):
                why = f"{day.isoformat()} is outside the plan period of contract {c.id}; hours "
                out.append((f"contracts[{i}].usage[{j}].at", why + "do not carry over (IPC-HRS-7)"))
    for i in tl.indices(EventKind.APPOINTMENT_BOOKED):
        if (ref := tl.events[i].ref) not in (None, "remote", "phone"):
            why = f"an appointment is a remote session ('remote') or a call ('phone'), not {ref!r}"
            out.append((f"ticket.events[{i}].ref", why + " (IPC-TEL-4)"))
    why = "say who declared the ticket solved: customer (IPC-CLO-1) or vendor (IPC-CLO-2)"
    for i in sorted((*tl.indices(EventKind.RESOLVED), *tl.indices(EventKind.CLOSED))):
        if tl.events[i].by not in (Party.CUSTOMER, Party.VENDOR):
            out.append((f"ticket.events[{i}].by", why))
    return [Problem(field, message, "error") for field, message in out]
