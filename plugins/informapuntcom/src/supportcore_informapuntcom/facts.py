"""What a case says for informapuntcom's rules, assessed once per case (``ctx.facts``).

The plan that governs the request (in force on the request's date, contracted and paid before
it: IPC-SUP-1, IPC-REN-3), the data the request carries (IPC-OPS-2, IPC-OPS-4), what became of
each appointment (IPC-APT-*), and the plan's hours: every minute of the ticket, the urgent and
appointment surcharges, in one pass over the ticket's timeline (IPC-HRS-*).
"""

from __future__ import annotations

import enum
from bisect import bisect_left
from collections.abc import Mapping
from datetime import UTC, date, datetime, timedelta
from typing import Any

import attrs

from supportcore import Channel, Context, Contract, EventKind, Party, PaymentState, Problem
from supportcore.appointments import Appointment, AppointmentStatus
from supportcore.ledger import HourLedger, LedgerLine
from supportcore.model import UsageKind
from supportcore.periods import Period
from supportcore.tables import ServiceTargets

from .prepared import Prepared

__all__ = [
    "EXTRA_MINUTES",
    "Facts",
    "Meeting",
    "Mode",
    "PlanChoice",
    "RequestData",
    "assess",
    "check_case",
]

#: The channels of the terms: "Servicio ofrecido vía email, teléfono o control remoto".
OFFERED = (Channel.EMAIL, Channel.PHONE, Channel.REMOTE)
#: Attended only by informapuntcom's invitation at an agreed time (IPC-TEL-2..4).
BY_INVITATION = (Channel.PHONE, Channel.REMOTE)
#: "con una antelación mínima de 4 horas" (IPC-APT-1); "es de 15 minutos" (IPC-APT-5).
MIN_NOTICE = timedelta(hours=4)
WAIT = timedelta(minutes=15)
#: "un cómputo extra de 30 minutos" (IPC-HRS-4, IPC-APT-2, IPC-APT-7).
EXTRA_MINUTES = 30
#: The data whose absence stops a request (IPC-OPS-4) and the data owed (IPC-OPS-2).
BLOCKING = ("contract_number", "company_name", "tax_id")
OWED = ("contact_person", "phone")
_MISSED = (UsageKind.NO_SHOW, UsageKind.LATE_CANCELLATION)


class Mode(enum.Enum):
    """Remote assistance given outside the plan, at the remote-assistance tariff."""

    NOT_COVERED = "not_covered"  #: IPC-TEL-6: the plan has remote control, the matter is excluded
    OTHER_USER = "other_user"  #: IPC-TEL-7: urgent remote for a user whose plan lacks it


@attrs.frozen
class PlanChoice:
    """The plan that governs the request, or the plan that explains why none does."""

    plan: Contract | None
    index: int | None = None  #: its position in ``case.contracts``
    focus: Contract | None = None  #: with no plan: the one the customer named, else the latest
    failures: tuple[str, ...] = ()  #: why ``focus`` is not in force (reason codes)


@attrs.frozen
class RequestData:
    """What the request carries of the data the terms ask for (IPC-OPS-2, IPC-OPS-4)."""

    lacking: tuple[str, ...]  #: blocking data missing (``request.contact`` fields)
    owed: tuple[str, ...]  #: data owed, not blocking
    wrong_number: str | None  #: a contract number that is not the plan's
    completed_at: datetime | None  #: the first ``information_complete`` since receipt
    described: bool  #: the request describes the problem

    @property
    def blocking(self) -> bool:
        """The request cannot be processed (yet)."""
        return self.completed_at is None and bool(self.lacking or self.wrong_number)


@attrs.frozen
class Meeting:
    """What became of one appointment: a remote-control session or a call (IPC-TEL-4)."""

    appointment: Appointment
    remote: bool
    #: vendor_cancelled, call_cancelled, call_pending, call_missed, call_due, cancelled_late,
    #: cancelled_in_time, connection_failed, no_show, pending or attended
    status: str
    #: when it stopped holding the ticket: its cancellation, else its agreed time (replies
    #: before it do not start the 48-hour clock: IPC-INT-CLO-APPOINTMENT)
    settled_at: datetime
    closed_at: datetime | None = None  #: it closed the ticket then (IPC-APT-3, -6, -11)
    surcharge: UsageKind | None = None  #: 30 extra minutes at ``closed_at``


@attrs.frozen
class Hours:
    """The plan's hour ledger (IPC-HRS-1..3, IPC-HRS-7)."""

    prior: HourLedger  #: other tickets' minutes up to the request's receipt
    ledger: HourLedger  #: and this ticket's, up to the evaluation instant
    outside_dates: int  #: this ticket's minutes outside the plan's dates
    outside_plan: bool  #: this ticket's work is paid remote assistance, not on the plan
    #: this ticket's minutes beyond the allowance: "work" (charged, IPC-HRS-8), "solved" (work
    #: begun after the case was solved) and the surcharges' ``UsageKind`` values
    over: Mapping[str, int]


@attrs.frozen
class Facts:
    day: date  #: the request's date in Madrid
    contracts: tuple[Contract, ...]  #: the contracts for the request's product
    special: Contract | None  #: a contract with special conditions in force (IPC-INTRO-2)
    choice: PlanChoice
    data: RequestData
    meetings: tuple[Meeting, ...]
    #: why the plan's channels refuse the request: channels-unknown, not-in-plan, by-invitation
    refusal: str | None
    mode: Mode | None
    start: datetime | None  #: when the request became processable (IPC-OPS-4)
    hours: Hours | None
    targets: ServiceTargets | None  #: the response deadline, once processable (IPC-OPS-3)

    @property
    def plan(self) -> Contract | None:
        return self.choice.plan

    @property
    def invitation(self) -> Meeting | None:
        """The last appointment booked: informapuntcom's invitation (IPC-TEL-4)."""
        return self.meetings[-1] if self.meetings else None


def _in_force(c: Contract, day: date) -> bool:
    return c.start <= day and (c.end is None or day < c.end)


def _utc(dt: datetime) -> datetime:
    return dt.astimezone(UTC)


def _failures(p: Prepared, c: Contract, day: date, contracts: tuple[Contract, ...]) -> list[str]:
    out: list[str] = []
    if c.start > day:
        out.append("plan-not-started")
    elif c.end is not None and day >= c.end:
        out.append("plan-ended")
        if c.auto_renew:
            out.append("no-automatic-renewal")
    if c.signed > day:
        out.append("plan-signed-after-request")
    renewal = any(o is not c and o.end is not None and o.end <= c.start for o in contracts)
    if p.payment_for_all or renewal:
        if c.payment is not PaymentState.PAID:
            out.append("plan-not-paid")
        elif c.paid_on is not None and c.paid_on > day:
            out.append("plan-paid-after-request")
    return out


def _usage(ctx: Context[Prepared, Any], plan: Contract) -> tuple[LedgerLine, ...]:
    """The plan's minutes on other tickets (an entry for this very ticket counts once; an entry
    outside the plan's period is bad input, which :func:`check_case` refuses)."""
    own, tz = ctx.case.ticket.id, ctx.vendor.tz
    return tuple(
        LedgerLine.from_usage(u)
        for u in plan.usage
        if not (own and u.ticket == own) and _in_force(plan, u.at.astimezone(tz).date())
    )


def _ledger(
    ctx: Context[Prepared, Any], plan: Contract, lines: tuple[LedgerLine, ...], until: datetime
) -> HourLedger:
    period = Period(plan.start, plan.end) if plan.end is not None else None
    cut = _utc(until)
    kept = tuple(ln for ln in lines if _utc(ln.at) <= cut)
    return HourLedger(plan.included_minutes, period, kept, ctx.vendor.tz)


def _choose(ctx: Context[Prepared, Any], day: date, contracts: tuple[Contract, ...]) -> PlanChoice:
    """A plan signed on or before the request's date, in force on it and paid (IPC-SUP-1,
    IPC-HRS-5, IPC-REN-2, IPC-REN-3): the one the request names, else the latest with hours."""
    candidates = [c for c in contracts if not c.special_terms]
    if not candidates:
        return PlanChoice(None)
    failures = [_failures(ctx.prepared, c, day, contracts) for c in candidates]
    valid = [c for c, f in zip(candidates, failures, strict=True) if not f]
    number = ctx.request.contact.contract_number
    named = [c for c in (valid or candidates) if c.id == number]
    if valid:
        received = ctx.request.received_at
        left = [c for c in valid if not _ledger(ctx, c, _usage(ctx, c), received).exhausted]
        chosen = named[0] if named else max(left or valid, key=lambda c: (c.start, c.signed))
        index = next(i for i, o in enumerate(ctx.case.contracts) if o is chosen)
        return PlanChoice(chosen, index)
    focus = named[0] if named else max(candidates, key=lambda c: (c.start, c.signed))
    return PlanChoice(None, focus=focus, failures=tuple(failures[candidates.index(focus)]))


def _data(ctx: Context[Prepared, Any], plan: Contract | None) -> RequestData:
    contact = ctx.request.contact
    lacking = tuple(k for k in BLOCKING if not (getattr(contact, k) or "").strip())
    owed = tuple(k for k in OWED if not (getattr(contact, k) or "").strip())
    number = (contact.contract_number or "").strip()
    wrong = number if number and plan is not None and number != plan.id else None
    done = ctx.timeline.first_after(
        EventKind.INFORMATION_COMPLETE, ctx.request.received_at, inclusive=True
    )
    described = bool((contact.description or "").strip() or ctx.request.summary.strip())
    return RequestData(lacking, owed, wrong, done.at if done else None, described)


def _meeting(ctx: Context[Prepared, Any], a: Appointment, phone_request: bool) -> Meeting:
    """An appointment's outcome. A call (ref "phone", or no ref on a phone request) is not a
    remote-control session: no notice, wait, extra minutes or closing (IPC-INT-APPOINTMENT-KIND)."""
    cancel, sched = a.cancelled, a.scheduled_for
    remote = a.kind == "remote" or (a.kind is None and not phone_request)
    if cancel is not None and cancel.by is Party.VENDOR:
        return Meeting(a, remote, "vendor_cancelled", cancel.at)
    if not remote:
        if cancel is not None:
            return Meeting(a, remote, "call_cancelled", cancel.at)
        if _utc(ctx.at) < _utc(sched):
            return Meeting(a, remote, "call_pending", sched)
        return Meeting(a, remote, "call_missed" if a.missed else "call_due", sched)
    outcome = a.outcome(MIN_NOTICE, WAIT, ctx.at)
    status = outcome.status
    if status is AppointmentStatus.CANCELLED_LATE:
        assert cancel is not None
        charge = UsageKind.LATE_CANCELLATION if ctx.prepared.late_notice_surcharge else None
        return Meeting(a, remote, "cancelled_late", cancel.at, cancel.at, charge)
    if status is AppointmentStatus.CANCELLED_IN_TIME:
        assert cancel is not None
        return Meeting(a, remote, "cancelled_in_time", cancel.at, cancel.at)
    if status in (AppointmentStatus.MISSED, AppointmentStatus.CONNECTION_FAILED):
        failed = status is AppointmentStatus.CONNECTION_FAILED
        what = "connection_failed" if failed else "no_show"
        return Meeting(a, remote, what, sched, outcome.wait_ends, UsageKind.NO_SHOW)
    return Meeting(
        a, remote, "attended" if status is AppointmentStatus.ATTENDED else "pending", sched
    )


def _refusal(ctx: Context[Prepared, Any], plan: Contract, invited: bool) -> str | None:
    """The plan's channels and the invitation rule (IPC-INC-2, IPC-RT-3, IPC-TEL-1..4)."""
    channel = ctx.request.channel
    if not plan.channels:
        return "channels-unknown"
    if channel not in plan.channels:
        return "not-in-plan"
    if channel is Channel.REMOTE and not invited:
        return "by-invitation"
    return None


def _mode(p: Prepared, ctx: Context[Prepared, Any], plan: Contract | None) -> Mode | None:
    """Remote assistance billed at the remote tariff outside the plan (IPC-TEL-6, IPC-TEL-7)."""
    request, cat = ctx.request, ctx.request.category
    if request.channel is not Channel.REMOTE and cat != "remote_assistance":
        return None
    if request.needs_adaptation or (cat in p.excluded and cat not in p.remote_billable):
        return None
    if plan is not None and Channel.REMOTE in plan.channels:
        return Mode.NOT_COVERED if cat in p.remote_billable else None
    paid = cat in p.remote_billable or cat in p.covered or cat == "remote_assistance"
    return Mode.OTHER_USER if request.urgent and paid else None


def _solved_spans(ctx: Context[Prepared, Any]) -> list[tuple[float, float | None]]:
    """When the case stood solved: from a resolution to the next reopening (POSIX seconds)."""
    tl = ctx.timeline
    found = (*tl.indices(EventKind.RESOLVED), *tl.indices(EventKind.CLOSED))
    marks = sorted((*found, *tl.indices(EventKind.REOPENED)))
    spans: list[tuple[float, float | None]] = []
    for i in marks:
        e = tl.events[i]
        if e.kind is EventKind.REOPENED:
            if spans and spans[-1][1] is None:
                spans[-1] = (spans[-1][0], e.at.timestamp())
        elif not spans or spans[-1][1] is not None:
            spans.append((e.at.timestamp(), None))
    return spans


def _over(ctx: Context[Prepared, Any], ledger: HourLedger, own: set[int]) -> dict[str, int]:
    """This ticket's minutes beyond the allowance, by what they are: the lines in time order
    use the allowance up (IPC-INT-OVERAGE). A work session belongs to the unsolved case when
    it began before a resolution (it ran from ``at − minutes`` to ``at``)."""
    allowance = ledger.allowance_minutes
    if allowance is None or ledger.used_minutes <= allowance:
        return {}
    spans = _solved_spans(ctx)
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
            reopened = spans[j][1] if j >= 0 else began
            what = "solved" if j >= 0 and (reopened is None or began < reopened) else "work"
        out[what] = out.get(what, 0) + beyond
    return out


def _hours(
    ctx: Context[Prepared, Any], plan: Contract, lines: list[LedgerLine], mode: Mode | None
) -> Hours:
    """Paid remote work uses no plan hours; the 30 extra minutes of a missed or late-cancelled
    session on a plan with remote control count against it (IPC-APT-2)."""
    if mode is not None:
        lines = [ln for ln in lines if ln.kind in _MISSED] if mode is Mode.NOT_COVERED else []
    tz, start, end = ctx.vendor.tz, plan.start, plan.end
    inside: list[LedgerLine] = []
    outside = 0
    for ln in lines:
        day = ln.at.astimezone(tz).date()
        if start <= day and (end is None or day < end):
            inside.append(ln)
        else:  # after its end, or before its start: not on the plan, nor beyond its hours
            outside += ln.minutes
    usage = _usage(ctx, plan)
    prior = _ledger(ctx, plan, usage, ctx.request.received_at)
    if not inside and len(prior.lines) == len(usage):
        ledger = prior
    else:
        ledger = _ledger(ctx, plan, (*usage, *inside), ctx.at)
    over = _over(ctx, ledger, {id(ln) for ln in inside})
    return Hours(prior, ledger, outside, mode is not None, over)


def assess(ctx: Context[Prepared, Any]) -> Facts:
    """The case's facts for every rule of the plugin."""
    p, request, tl = ctx.prepared, ctx.request, ctx.timeline
    day = ctx.received_on
    contracts = ctx.case.contracts_for(request.product)
    special = next((c for c in contracts if c.special_terms and _in_force(c, day)), None)
    choice = _choose(ctx, day, contracts)
    plan = choice.plan
    data = _data(ctx, plan)
    phone = request.channel is Channel.PHONE
    meetings = tuple(_meeting(ctx, a, phone) for a in tl.appointments)
    refusal = _refusal(ctx, plan, bool(meetings)) if plan is not None else None
    mode = _mode(p, ctx, plan)
    lacking = data.lacking or data.wrong_number
    start = request.received_at if not lacking else data.completed_at
    ticket = ctx.case.ticket.id or None
    lines = [LedgerLine(e.at, e.minutes or 0, UsageKind.WORK, ticket) for e in tl.work]
    refused = request.channel not in OFFERED or (
        plan is not None and (refusal not in (None, "channels-unknown") or data.blocking)
    )
    if request.urgent and start is not None and not refused:  # IPC-INT-URGENT-4H
        lines.append(LedgerLine(start, EXTRA_MINUTES, UsageKind.URGENT_SURCHARGE, ticket))
    for m in meetings:
        if m.surcharge is not None and m.closed_at is not None:
            lines.append(LedgerLine(m.closed_at, EXTRA_MINUTES, m.surcharge, ticket))
    hours = _hours(ctx, plan, lines, mode) if plan is not None else None
    targets = None
    if special is None and start is not None:
        targets = ctx.service_targets(plan=plan.plan if plan is not None else None, start=start)
    return Facts(
        day, contracts, special, choice, data, meetings, refusal, mode, start, hours, targets
    )


def check_case(ctx: Context[Prepared, Facts]) -> list[Problem]:
    """Input the rules cannot read: a plan without its hour limit (IPC-HRS-1), a channel
    informapuntcom does not offer, usage outside the plan period (IPC-HRS-7), an appointment
    that is neither a remote session nor a call (IPC-TEL-4), a resolution without who declared
    it (IPC-CLO-1, IPC-CLO-2)."""
    problems: list[Problem] = []
    tz = ctx.vendor.tz
    for i, c in enumerate(ctx.case.contracts):
        if c.special_terms:
            continue
        if c.included_minutes is None:
            problems.append(
                Problem(
                    f"contracts[{i}].included_minutes",
                    "every informapuntcom plan states its maximum hours (IPC-HRS-1); give the "
                    "plan's allowance in minutes",
                    "error",
                )
            )
        for j, ch in enumerate(c.channels):
            if ch not in OFFERED:
                problems.append(
                    Problem(
                        f"contracts[{i}].channels[{j}]",
                        f"informapuntcom plans offer e-mail, phone and remote control, not {ch!r}",
                        "error",
                    )
                )
        for j, u in enumerate(c.usage):
            day = u.at.astimezone(tz).date()
            if day < c.start or (c.end is not None and day >= c.end):
                problems.append(
                    Problem(
                        f"contracts[{i}].usage[{j}].at",
                        f"{day.isoformat()} is outside the plan period of contract {c.id}; "
                        "hours do not carry over between plans (IPC-HRS-7)",
                        "error",
                    )
                )
    tl = ctx.timeline
    for i in tl.indices(EventKind.APPOINTMENT_BOOKED):
        ref = tl.events[i].ref
        if ref not in (None, "remote", "phone"):
            problems.append(
                Problem(
                    f"ticket.events[{i}].ref",
                    "an appointment is a remote-control session ('remote') or a call ('phone'), "
                    f"not {ref!r} (IPC-TEL-4)",
                    "error",
                )
            )
    said = (Party.CUSTOMER, Party.VENDOR)
    for i in sorted((*tl.indices(EventKind.RESOLVED), *tl.indices(EventKind.CLOSED))):
        if tl.events[i].by not in said:
            problems.append(
                Problem(
                    f"ticket.events[{i}].by",
                    "say who declared the ticket solved: customer (IPC-CLO-1) or vendor "
                    "(IPC-CLO-2)",
                    "error",
                )
            )
    return problems
