"""When a case is closed (see :mod:`.history`), and what is owed while it is open: never a
resolution time (SM-WAIT-1); the answer to an e-mail or ticket (also in the service answer,
counted from the last reopening of a closed case, none while it is closed); an import."""

from __future__ import annotations

from datetime import datetime

import attrs

from supportcore import Context, Coverage, CoverageStatus, Eligibility, EligibilityStatus
from supportcore.decision import Closure, ClosureStatus, Service
from supportcore.model import Party
from supportcore.timeline import Segment
from supportcore.timers import TimerState, TimerStatus
from supportcore.wording import phrase, plural

from .answer import Answer
from .facts import Facts
from .history import Closing, Reopening, vendor_assent
from .prepared import ATTEMPTS, IMPORT_DAYS, IMPORT_HOURS, Prepared

Ctx = Context[Prepared, Facts]
VENDOR, CUSTOMER = Party.VENDOR.value, Party.CUSTOMER.value


def service_answer(ctx: Ctx) -> Service:
    """The core's, the answer due as the history makes it (SM-I-ANSWER-AFTER-REOPENING)."""
    history = ctx.facts.history
    reopened = history.reopened.event.at if history.reopened else None
    found = ctx.default_service(start=ctx.local(reopened) if reopened else None)
    if not history.is_closed or found.response_due is None:
        return found
    kept = tuple(r for r in found.reasons if not r.code.startswith("response-"))
    return attrs.evolve(found, response_due=None, reasons=kept)  # (a closed case owes none)


def closure_of(ctx: Ctx, eligibility: Eligibility, coverage: Coverage) -> Closure:
    h, answer = ctx.facts.history, Answer(ctx)
    closing = h.kept.closing if h.kept is not None else h.closed
    if closing is not None:
        _closed(answer, closing)
    if h.kept is not None:  # closed by agreement, reopened for another problem (SM-CLOSE-3)
        answer.reason(
            "reopened-for-another-case",
            "Reopened on {reopened} for another problem: a case closed successfully stays closed.",
            "SM-CLOSE-3",
            reopened=ctx.local(h.kept.event.at),
        )
        answer.action(CUSTOMER, "open a new ticket for the other problem", "SM-CLOSE-3")
    if closing is not None:
        reasons, actions = tuple(answer.reasons), tuple(answer.actions)
        at = ctx.local(closing.at)
        return Closure(ClosureStatus.CLOSED, closed_at=at, reasons=reasons, actions=actions)
    if h.reopened is not None:
        _reopened(answer, h.reopened)
    vendor = _agreement(answer, h.segment)
    waiting = h.state if h.state is not None and h.state.status is TimerStatus.PENDING else None
    if waiting is not None:
        _waiting(answer, waiting)
    if h.segment.first_vendor_reply is None:  # the answer to an e-mail or ticket (SM-HOURS-2)
        start = ctx.local(h.reopened.event.at) if h.reopened else None  # (else: receipt)
        due = ctx.service_targets(start=start).response_due
        if due is not None:
            answer.action(VENDOR, "answer the customer's e-mail or ticket", "SM-HOURS-2", due=due)
    refused = eligibility.status == EligibilityStatus.NOT_ENTITLED
    if refused and coverage.status != CoverageStatus.BILLABLE:
        answer.reason(
            "no-support-work-owed",
            "No support work is owed on this ticket: free technical support was refused.",
            "SM-COST-1",
        )
    elif not vendor:
        _work_owed(answer, h.segment, coverage)
    answer.reason(
        "no-guaranteed-resolution-time",
        "No precise resolution time is guaranteed: it depends on the problem.",
        *("SM-WAIT-1", "SM-RESP-3", "SM-WAIT-2"),
    )
    fires = waiting.fires_at if waiting is not None else None
    return Closure(
        ClosureStatus.OPEN,
        closes_at=ctx.local(fires) if fires else None,
        reasons=tuple(answer.reasons),
        actions=tuple(answer.actions),
    )


def _closed(answer: Answer, closing: Closing) -> None:
    at, ctx = answer.ctx.local(closing.at), answer.ctx
    if closing.duplicate is not None:
        ref = closing.duplicate.ref
        answer.reason(
            "duplicate-closed",
            "Closed on {at} as a duplicate of {other} (the advisor may close it without notice).",
            *("SM-CLOSE-4", "SM-CLOSE-5"),
            at=at,
            other=phrase("ticket {ref}", ref=ref) if ref else phrase("another ticket"),
        )
    elif closing.no_news is not None:
        answer.reason(
            "closed-no-news",
            "Closed for want of news on {at}: asked for information on {asked}, the customer "
            "did not get in touch for 10 business days nor after two contact attempts.",
            "SM-CLOSE-2",
            at=at,
            asked=ctx.local(closing.no_news.since or closing.at),
        )
    else:
        answer.reason(
            "closed-by-agreement",
            "Closed by mutual agreement on {at}: advisor and customer both declared it solved.",
            "SM-CLOSE-1",
            at=at,
        )


def _reopened(answer: Answer, again: Reopening) -> None:
    local = answer.ctx.local
    when = {"closed": local(again.closing.at), "reopened": local(again.event.at)}
    if not again.other_problem:
        answer.reason(
            "reopened",
            "The case closed on {closed} was reopened on {reopened} for the same problem.",
            "SM-CLOSE-3",
            **when,
        )
        return
    # (one closed by agreement stays closed: see closure_of)
    how = phrase("as a duplicate") if again.closing.duplicate else phrase("for want of news")
    answer.reason(
        "reopened",
        "The case closed on {closed} {how} was reopened on {reopened} for another problem: only "
        "a case completed and closed successfully may not be reopened, so it is open again.",
        "SM-CLOSE-3",
        how=how,
        **when,
    )


def _agreement(answer: Answer, segment: Segment) -> bool:
    """One side declared it solved, the other not yet (SM-CLOSE-1); whether the advisor did."""
    vendor = vendor_assent(segment) is not None
    customer = Party.CUSTOMER in segment.first_assent
    if vendor and not customer and segment.first_closed is not None:
        answer.reason(
            "closed-without-agreement",
            "The advisor closed the ticket on {at} without the customer's agreement, and no "
            "10-business-day wait with two contact attempts ran out: the case is still open.",
            *("SM-CLOSE-1", "SM-CLOSE-2"),
            at=answer.ctx.local(segment.first_closed.at),
        )
    elif vendor and not customer:
        answer.reason(
            "awaiting-customer-agreement",
            "The advisor considers the case solved; it closes when the customer agrees.",
            "SM-CLOSE-1",
        )
    if vendor and not customer:
        answer.action(
            CUSTOMER, "confirm that the problem is solved (mutual agreement)", "SM-CLOSE-1"
        )
    elif customer and not vendor:
        answer.reason(
            "awaiting-advisor-agreement",
            "The customer considers the case solved; it closes when the advisor agrees.",
            "SM-CLOSE-1",
        )
        answer.action(
            VENDOR, "confirm the closure with the customer (mutual agreement)", "SM-CLOSE-1"
        )
    return vendor


def _waiting(answer: Answer, state: TimerState) -> None:
    """The consultant waits on the customer's information (SM-CLOSE-2)."""
    local = answer.ctx.local
    asked = local(state.since) if state.since is not None else None
    owed = [local(due) for party, _what, due in state.owed if party == CUSTOMER and due]
    if owed:  # the customer owes it by the end of the 10 business days
        answer.reason(
            "waiting-on-customer",
            "Information was asked of the customer on {asked}: without news by {deadline} (10 "
            "business days), two contact attempts follow, then the case can be closed.",
            "SM-CLOSE-2",
            asked=asked,
            deadline=owed[0],
        )
        answer.action(CUSTOMER, "send the information asked for", "SM-CLOSE-2", due=owed[0])
        return
    made = ATTEMPTS - len(state.owed)
    answer.reason(
        "waiting-on-customer",
        "Information was asked of the customer on {asked} and 10 business days passed without "
        "news: two contact attempts are due before closing ({made} made so far).",
        "SM-CLOSE-2",
        asked=asked,
        made=made,
    )
    for n in range(made + 1, ATTEMPTS + 1):
        answer.action(VENDOR, "contact attempt {n} of {total}", "SM-CLOSE-2", n=n, total=ATTEMPTS)


def _work_owed(answer: Answer, segment: Segment, coverage: Coverage) -> None:
    """What the vendor's staff still owe on an open case they have not solved yet."""
    ctx = answer.ctx
    if segment.escalated is not None:  # a specialist after the first contact (SM-RESP-2)
        answer.reason(
            "assigned-to-specialist",
            "Assigned to a specialist on {at}, as it was not solved at the first contact.",
            "SM-RESP-2",
            at=ctx.local(segment.escalated.at),
        )
    elif segment.first_vendor_reply is not None:
        answer.action(
            VENDOR,
            "assign the case to a specialist (not solved at the first contact on {at})",
            "SM-RESP-2",
            at=ctx.local(segment.first_vendor_reply.at),
        )
    if ctx.request.needs_adaptation and segment.reproduced is None:
        answer.action(VENDOR, "reproduce the problem 100 % before changing the system", "SM-DEV-1")
    elif ctx.request.needs_adaptation and segment.reproduced is not None:
        answer.reason(
            "reproduced",
            "Reproduced 100 % on {at}: development can now change the system.",
            *("SM-DEV-1", "SM-DEV-2"),
            at=ctx.local(segment.reproduced.at),
        )
        answer.action(VENDOR, "set the release date of the updated version", "SM-DEV-2")
    third = segment.last_wait(Party.THIRD_PARTY)  # the time runs from its delivery (SM-DEV-3)
    done = third.ended.at if third is not None and third.ended is not None else None
    if third is not None and done is None:
        answer.reason(
            "waiting-on-third-party",
            "Since {at} the problem depends on a third party's change: the waiting time runs "
            "from when it is made.",
            "SM-DEV-3",
            at=ctx.local(third.started.at),
        )
    elif done is not None:
        answer.reason(
            "third-party-done",
            "The third party made its change on {at}; the waiting time runs from then.",
            "SM-DEV-3",
            at=ctx.local(done),
        )
    covered = coverage.status == CoverageStatus.COVERED
    if ctx.facts.topic == "data_import" and covered and (third is None or done is not None):
        _import_due(answer, segment, done)  # (none is due while the third party works)


def _import_due(answer: Answer, segment: Segment, delivered: datetime | None) -> None:
    """From complete information, or a later delivery by a third party (SM-I-THIRD-PARTY)."""
    ctx, complete = answer.ctx, segment.information_complete
    if not complete:
        answer.action(
            CUSTOMER,
            "send 100 % of the information the import needs (its 48 business hours start then)",
            "SM-RESP-4",
        )
        return
    cites: tuple[str, ...] = ("SM-RESP-4",)
    start = complete[-1].at
    if delivered is not None and delivered > start:
        start, cites = delivered, ("SM-RESP-4", "SM-DEV-3")
    if ctx.prepared.import_in_days:
        target = plural("{n} business day", "{n} business days", n=IMPORT_DAYS)
        due = ctx.local(ctx.prepared.office.add_business_days(start, IMPORT_DAYS).result)
    else:
        target = plural("{n} business hour", "{n} business hours", n=IMPORT_HOURS)
        due = ctx.local(ctx.prepared.office.add_business_hours(start, IMPORT_HOURS).result)
    answer.reason(
        "import-delivery-due",
        "The programmed import is due {due}: {target} of the office from {start}, when all that "
        "was needed was at hand.",
        *cites,
        due=due,
        target=target,
        start=ctx.local(start),
    )
    answer.action(VENDOR, "deliver the programmed import", *cites, due=due)
