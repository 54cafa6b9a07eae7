"""When a Softmás case is closed, and what is still owed while it is open.

"Tiempo en que se considera un caso cerrado": a case closes by mutual agreement (SM-CLOSE-1),
after 10 business days without news from the customer and two contact attempts (SM-CLOSE-2,
the core's :class:`~supportcore.timers.WaitingOnCustomer`), or as a duplicate (SM-CLOSE-4/5);
a case closed successfully (by agreement) is not reopened for another problem (SM-CLOSE-3). No
resolution time is ever promised (SM-WAIT-1); the only deadlines are the answer to an e-mail or
ticket (SM-HOURS-2) and the delivery of a programmed import (SM-RESP-4), which restarts from a
third party's delivery (SM-DEV-3).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

import attrs

from supportcore import (
    Action,
    Closure,
    ClosureStatus,
    Context,
    Coverage,
    CoverageStatus,
    Eligibility,
    EligibilityStatus,
    Reason,
)
from supportcore.calendar import BusinessCalendar
from supportcore.model import Event, EventKind, Party, Ticket
from supportcore.timers import TimerState, TimerStatus, WaitingOnCustomer

from ._standing import topic
from ._when import day_time

__all__ = ["History", "closure", "history"]

#: "después de un periodo de 10 días hábiles, el consultor realizará dos intentos de contacto"
WAIT_BUSINESS_DAYS = 10
CONTACT_ATTEMPTS = 2
#: "48 horas hábiles" to program an accounting import (SM-RESP-4)
IMPORT_BUSINESS_HOURS = 48
IMPORT_BUSINESS_DAYS = 2  # the alternative reading: two business days

_ASSENT = (EventKind.RESOLVED, EventKind.CLOSED)


def _fmt(dt: datetime) -> str:
    return f"{day_time(dt)} {dt.tzname()}"


def _party(e: Event) -> Party:
    """Who made an assent event; a CLOSED or RESOLVED without ``by`` is the vendor's."""
    return e.by if e.by is not None else Party.VENDOR


@attrs.frozen
class _Closed:
    at: datetime
    kind: str  # "duplicate", "agreement", "no-news"
    reasons: tuple[Reason, ...]


def _waiting_timer(ctx: Context) -> WaitingOnCustomer:
    """SM-CLOSE-2's timer on the office calendar (the ``calendar`` :func:`closure` is given),
    built once per engine."""
    return ctx.prepared("softmas:waiting-timer", _build_waiting_timer)


def _build_waiting_timer(ctx: Context) -> WaitingOnCustomer:
    return WaitingOnCustomer(
        business_days=WAIT_BUSINESS_DAYS,
        attempts=CONTACT_ATTEMPTS,
        calendar=ctx.calendars["office"],
    )


def _segment_closed(
    ctx: Context, events: Sequence[Event], timer: WaitingOnCustomer
) -> tuple[_Closed | None, TimerState | None]:
    """Whether the events of one segment (no reopening inside) close the case, and how; and
    the SM-CLOSE-2 timer's state, ``None`` when the vendor never waited in the segment."""
    candidates: list[_Closed] = []
    dup: Event | None = None
    vendor: Event | None = None
    customer: Event | None = None
    waited = False
    for e in events:  # the first duplicate and the first assent of each side, in one pass
        kind = e.kind
        if kind is EventKind.DUPLICATE_OF:
            if dup is None:
                dup = e
        elif kind in _ASSENT:
            party = _party(e)
            if party is Party.VENDOR:
                if vendor is None:
                    vendor = e
            elif party is Party.CUSTOMER and customer is None:
                customer = e
        elif kind is EventKind.WAITING_ON_CUSTOMER:
            waited = True
    if dup is not None:
        other = f" ticket {dup.ref}" if dup.ref else " another ticket"
        candidates.append(
            _Closed(
                dup.at,
                "duplicate",
                (
                    ctx.reason(
                        "duplicate-closed",
                        f"Closed on {_fmt(ctx.local(dup.at))} as a duplicate of{other}: when two "
                        "tickets are opened for the same case the responsible advisor closes one "
                        "of them, possibly without notice.",
                        "SM-CLOSE-4",
                        "SM-CLOSE-5",
                    ),
                ),
            )
        )
    if vendor is not None and customer is not None:
        at = max(vendor.at, customer.at, key=lambda d: d.timestamp())
        candidates.append(
            _Closed(
                at,
                "agreement",
                (
                    ctx.reason(
                        "closed-by-agreement",
                        f"Closed by mutual agreement on {_fmt(ctx.local(at))}: the advisor and the "
                        "customer both declared the case solved.",
                        "SM-CLOSE-1",
                    ),
                ),
            )
        )
    # Without a WAITING_ON_CUSTOMER event the timer is inactive: no need to run it.
    state = timer.evaluate(Ticket(events=tuple(events)), ctx.at) if waited else None
    if state is not None and state.status is TimerStatus.FIRED and state.fires_at is not None:
        candidates.append(
            _Closed(
                state.fires_at,
                "no-news",
                (ctx.reason("closed-no-news", state.explanation, "SM-CLOSE-2"),),
            )
        )
    first = min(candidates, key=lambda c: c.at.timestamp(), default=None)
    return first, state


def _reopen_reason(ctx: Context, closed: _Closed, reopened: Event, other_problem: bool) -> Reason:
    when = f"The case closed on {_fmt(ctx.local(closed.at))}"
    again = f"reopened on {_fmt(ctx.local(reopened.at))}"
    if other_problem:  # not closed by agreement ("completado y cerrado con éxito"): _history
        how = "as a duplicate" if closed.kind == "duplicate" else "for want of news"
        text = (
            f"{when} {how} was {again} to ask about another problem. "
            "Only a case completed and closed successfully may not be reopened for another "
            "case, so it is open again."
        )
    else:
        text = (
            f"{when} was {again} for the same problem. A case closed successfully is not "
            "reopened to ask for another case: a different problem needs a new ticket."
        )
    return ctx.reason("reopened", text, "SM-CLOSE-3")


@attrs.frozen
class History:
    """What the ticket's closings and reopenings make of the case now, for the closure and for
    the answer to an e-mail or ticket (none while closed; due from the last reopening)."""

    closed: Closure | None  #: the closure answer when the case is closed
    segment: Sequence[Event]  #: the events since the last reopening of a closed case
    state: TimerState | None  #: SM-CLOSE-2's timer in that segment
    notes: tuple[Reason, ...]  #: the last reopening, explained
    reopened_at: datetime | None  #: when the case was last reopened after being closed


def history(ctx: Context) -> History:
    """The case's :class:`History`, computed once per case."""
    found: History | None = ctx.memo.get("softmas:history")
    if found is None:
        found = ctx.memo["softmas:history"] = _history(ctx)
    return found


def _history(ctx: Context) -> History:
    events = ctx.case.ticket.events
    timer = _waiting_timer(ctx)
    other_problem = ctx.request.facts.get("reopened_for") == "other_problem"
    notes: tuple[Reason, ...] = ()
    start = 0
    reopened_at: datetime | None = None
    reopens = [i for i, e in enumerate(events) if e.kind is EventKind.REOPENED]
    for n, r in enumerate(reopens):
        closed, _state = _segment_closed(ctx, events[start:r], timer)
        if closed is None:
            continue  # nothing was closed: the REOPENED event changes nothing
        for_other = other_problem and n == len(reopens) - 1
        if for_other and closed.kind == "agreement":  # "completado y cerrado con éxito"
            kept = Closure(
                ClosureStatus.CLOSED,
                closed_at=ctx.local(closed.at),
                reasons=(
                    *closed.reasons,
                    ctx.reason(
                        "reopened-for-another-case",
                        f"The customer reopened it on {_fmt(ctx.local(events[r].at))} to ask "
                        "about another problem; a case completed and closed successfully is not "
                        "reopened for another case, so it stays closed.",
                        "SM-CLOSE-3",
                    ),
                ),
                actions=(
                    ctx.fixed_action(
                        Party.CUSTOMER.value,
                        "open a new ticket for the other problem",
                        "SM-CLOSE-3",
                    ),
                ),
            )
            return History(kept, (), None, notes, reopened_at)
        notes = (_reopen_reason(ctx, closed, events[r], for_other),)
        start = r + 1
        reopened_at = events[r].at
    segment = events[start:]
    closed, state = _segment_closed(ctx, segment, timer)
    if closed is None:
        return History(None, segment, state, notes, reopened_at)
    answer = Closure(ClosureStatus.CLOSED, closed_at=ctx.local(closed.at), reasons=closed.reasons)
    return History(answer, segment, state, notes, reopened_at)


def closure(
    ctx: Context,
    calendar: BusinessCalendar,
    eligibility: Eligibility,
    coverage: Coverage,
    response_due: datetime | None,
    import_in_business_days: bool,
) -> Closure:
    """The closure answer for ``ctx`` (see the module docstring)."""
    h = history(ctx)
    if h.closed is not None:
        return h.closed
    return _open(ctx, h, eligibility, coverage, response_due, calendar, import_in_business_days)


def _open(
    ctx: Context,
    h: History,
    eligibility: Eligibility,
    coverage: Coverage,
    response_due: datetime | None,
    calendar: BusinessCalendar,
    import_in_business_days: bool,
) -> Closure:
    """The case is open: why, until when (never a promised resolution time), who owes what."""
    reasons: list[Reason] = list(h.notes)
    actions: list[Action] = []
    kinds, state = _by_kind(h.segment), h.state

    # Mutual agreement (SM-CLOSE-1): one side declared it solved, the other has not yet.
    sides = {_party(e) for kind in _ASSENT for e in kinds.get(kind, ())}
    vendor_resolved = Party.VENDOR in sides
    if vendor_resolved and Party.CUSTOMER not in sides:
        closed_alone = kinds.get(EventKind.CLOSED)
        if closed_alone:
            reasons.append(
                ctx.reason(
                    "closed-without-agreement",
                    f"The advisor closed the ticket on {_fmt(ctx.local(closed_alone[0].at))} "
                    "without the customer's agreement and without the 10-business-day wait and "
                    "two contact attempts having run out; under the terms the case is still open.",
                    "SM-CLOSE-1",
                    "SM-CLOSE-2",
                )
            )
        else:
            reasons.append(
                ctx.fixed_reason(
                    "awaiting-customer-agreement",
                    "The advisor considers the case solved; it closes when the customer agrees.",
                    "SM-CLOSE-1",
                )
            )
        actions.append(
            ctx.fixed_action(
                Party.CUSTOMER.value,
                "confirm that the problem is solved (mutual agreement)",
                "SM-CLOSE-1",
            )
        )
    elif Party.CUSTOMER in sides and Party.VENDOR not in sides:
        reasons.append(
            ctx.fixed_reason(
                "awaiting-advisor-agreement",
                "The customer considers the case solved; it closes when the responsible advisor "
                "agrees.",
                "SM-CLOSE-1",
            )
        )
        actions.append(
            ctx.fixed_action(
                Party.VENDOR.value,
                "confirm the closure with the customer (mutual agreement)",
                "SM-CLOSE-1",
            )
        )

    # Waiting for information from the customer (SM-CLOSE-2).
    closes_at = None
    if state is not None and state.status is TimerStatus.PENDING:
        reasons.append(ctx.reason("waiting-on-customer", state.explanation, "SM-CLOSE-2"))
        for party, what, due in state.owed:
            actions.append(
                Action(party, what, ctx.local(due) if due else None, ctx.cite("SM-CLOSE-2"))
            )
        closes_at = state.fires_at

    # The answer to an e-mail or ticket (SM-HOURS-2).
    if response_due is not None and EventKind.VENDOR_REPLY not in kinds:
        actions.append(
            Action(
                Party.VENDOR.value,
                "answer the customer's e-mail or ticket",
                ctx.local(response_due),
                ctx.cite("SM-HOURS-2"),
            )
        )

    refused = (
        eligibility.status == EligibilityStatus.NOT_ENTITLED
        and coverage.status != CoverageStatus.BILLABLE
    )
    if refused:
        reasons.append(
            ctx.fixed_reason(
                "no-support-work-owed",
                "Free technical support was refused (see eligibility), so no support work is owed "
                "on this ticket.",
                "SM-COST-1",
            )
        )
    elif not vendor_resolved:
        _work_owed(ctx, kinds, reasons, actions, coverage, calendar, import_in_business_days)

    reasons.append(
        ctx.fixed_reason(
            "no-guaranteed-resolution-time",
            "No precise resolution time is guaranteed: the time depends on the problem, and "
            "Softmás does its best to solve it as quickly as possible.",
            "SM-WAIT-1",
            "SM-RESP-3",
            "SM-WAIT-2",
        )
    )
    return Closure(
        ClosureStatus.OPEN,
        closes_at=ctx.local(closes_at) if closes_at else None,
        reasons=tuple(reasons),
        actions=tuple(actions),
    )


def _by_kind(events: Sequence[Event]) -> dict[EventKind, list[Event]]:
    """The events of each kind, in order (one pass instead of one per kind asked)."""
    kinds: dict[EventKind, list[Event]] = {}
    for e in events:
        kinds.setdefault(e.kind, []).append(e)
    return kinds


def _work_owed(
    ctx: Context,
    kinds: dict[EventKind, list[Event]],
    reasons: list[Reason],
    actions: list[Action],
    coverage: Coverage,
    calendar: BusinessCalendar,
    import_in_business_days: bool,
) -> None:
    """What the vendor's staff still owe on an open case they have not solved yet (``kinds``:
    the segment's events by kind)."""

    def of(kind: EventKind) -> Sequence[Event]:
        return kinds.get(kind, ())

    # First contact, then a specialist (SM-RESP-2).
    replies, escalated = of(EventKind.VENDOR_REPLY), of(EventKind.ESCALATED)
    if escalated:
        reasons.append(
            ctx.reason(
                "assigned-to-specialist",
                f"Not solved at the first contact; assigned to a specialist on "
                f"{_fmt(ctx.local(escalated[0].at))}.",
                "SM-RESP-2",
            )
        )
    elif replies:
        actions.append(
            Action(
                Party.VENDOR.value,
                f"assign the case to a specialist (not solved at the first contact on "
                f"{_fmt(ctx.local(replies[0].at))})",
                citations=ctx.cite("SM-RESP-2"),
            )
        )

    # Changes to the system need the problem reproduced 100 % first (SM-DEV-1, SM-DEV-2).
    if ctx.request.needs_adaptation:
        reproduced = of(EventKind.REPRODUCED)
        if not reproduced:
            actions.append(
                ctx.fixed_action(
                    Party.VENDOR.value,
                    "reproduce the problem 100 % (the assigned advisor) before development changes "
                    "the system",
                    "SM-DEV-1",
                )
            )
        else:
            reasons.append(
                ctx.reason(
                    "reproduced",
                    f"The problem was reproduced 100 % on {_fmt(ctx.local(reproduced[0].at))}; "
                    "development can change the system. A modified version may or may not be "
                    "given before the release.",
                    "SM-DEV-1",
                    "SM-DEV-2",
                )
            )
            actions.append(
                ctx.fixed_action(
                    Party.VENDOR.value,
                    "set the release date of the updated version",
                    "SM-DEV-2",
                )
            )

    # Waiting on a third party: the waiting time runs from its delivery (SM-DEV-3).
    third_party_done_at: datetime | None = None
    waiting_on_third_party = False
    waits = of(EventKind.WAITING_ON_THIRD_PARTY)
    if waits:
        wait = waits[-1]
        done = next((d for d in of(EventKind.THIRD_PARTY_DONE) if d.at >= wait.at), None)
        if done is None:
            waiting_on_third_party = True
            reasons.append(
                ctx.reason(
                    "waiting-on-third-party",
                    f"Since {_fmt(ctx.local(wait.at))} the problem depends on a change by a third "
                    "party; the waiting time runs from when the third party has made it.",
                    "SM-DEV-3",
                )
            )
        else:
            third_party_done_at = done.at
            reasons.append(
                ctx.reason(
                    "third-party-done",
                    f"The third party made its change on {_fmt(ctx.local(done.at))}; the waiting "
                    "time runs from then.",
                    "SM-DEV-3",
                )
            )

    # A programmed import: 48 business hours from complete information (SM-RESP-4).
    if topic(ctx.case) != "data_import" or coverage.status != CoverageStatus.COVERED:
        return
    complete = of(EventKind.INFORMATION_COMPLETE)
    if not complete:
        actions.append(
            ctx.fixed_action(
                Party.CUSTOMER.value,
                "send 100 % of the information needed to program the import (the 48 business "
                "hours start when it is complete)",
                "SM-RESP-4",
            )
        )
        return
    if waiting_on_third_party:
        return  # no deadline runs until the third party delivers
    start: datetime = complete[-1].at
    cites: tuple[str, ...] = ("SM-RESP-4",)
    if third_party_done_at is not None and third_party_done_at > start:
        start, cites = third_party_done_at, ("SM-RESP-4", "SM-DEV-3")
    if import_in_business_days:
        due = calendar.add_business_days(start, IMPORT_BUSINESS_DAYS)
    else:
        due = calendar.add_business_hours(start, IMPORT_BUSINESS_HOURS)
    reasons.append(
        ctx.reason("import-delivery-due", f"The programmed import is due {due.explain()}.", *cites)
    )
    actions.append(
        Action(
            Party.VENDOR.value,
            "deliver the programmed import",
            ctx.local(due.result),
            ctx.cite(*cites),
        )
    )
