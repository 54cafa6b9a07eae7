"""When a case is closed (see :mod:`.history`), and what is owed while it is open: never a
resolution time (SM-WAIT-1); the answer to an e-mail or ticket (also in the service answer,
counted from the last reopening of a closed case, none while it is closed); an import."""

from __future__ import annotations

from datetime import datetime

from supportcore import Context, Coverage, CoverageStatus, Eligibility, EligibilityStatus
from supportcore.decision import Closure, ClosureStatus, Service
from supportcore.model import Party
from supportcore.timeline import Segment
from supportcore.timers import TimerState, TimerStatus
from supportcore.wording import plural

from .answer import Answer
from .facts import Facts
from .history import Closing, Reopening, vendor_assent
from .prepared import ATTEMPTS, IMPORT_DAYS, IMPORT_HOURS, Prepared

Ctx = Context[Prepared, Facts]
CUSTOMER = Party.CUSTOMER.value


def service_answer(ctx: Ctx) -> Service:
    """The core's, the answer due as the history makes it (SM-I-ANSWER-AFTER-REOPENING)."""
    history = ctx.facts.history
    reopened = history.reopened.event.at if history.reopened else None
    start = ctx.local(reopened) if reopened else None  # (a closed case owes no answer)
    return ctx.default_service(start=start, with_targets=not history.is_closed)


def closure_of(ctx: Ctx, eligibility: Eligibility, coverage: Coverage) -> Closure:
    h, answer = ctx.facts.history, Answer(ctx)
    closing = h.kept.closing if h.kept is not None else h.closed
    if closing is not None:
        _closed(answer, closing)
    if h.kept is not None:  # closed by agreement, reopened for another problem (SM-CLOSE-3)
        answer.reason("reopened-for-another-case", reopened=ctx.local(h.kept.event.at))
        answer.action("open-new-ticket")
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
    due = ctx.service.response_due if ctx.service is not None else None  # (from the reopening)
    if h.segment.first_vendor_reply is None and due is not None:  # an e-mail or ticket
        answer.action("answer-message", due=due)
    refused = eligibility.status == EligibilityStatus.NOT_ENTITLED
    if refused and coverage.status != CoverageStatus.BILLABLE:
        answer.reason("no-support-work-owed")
    elif not vendor:
        _work_owed(answer, h.segment, coverage)
    answer.reason("no-guaranteed-resolution-time")
    fires = waiting.fires_at if waiting is not None else None
    return Closure(
        ClosureStatus.OPEN,
        closes_at=ctx.local(fires) if fires else None,
        reasons=tuple(answer.reasons),
        actions=tuple(answer.actions),
    )


def _closed(answer: Answer, closing: Closing) -> None:
    at, ctx = answer.ctx.local(closing.at), answer.ctx
    if closing.duplicate is not None and closing.duplicate.ref:
        answer.reason("duplicate-closed", at=at, ref=closing.duplicate.ref)
    elif closing.duplicate is not None:
        answer.reason("duplicate-closed-unnamed", at=at)
    elif closing.no_news is not None:
        asked = ctx.local(closing.no_news.since or closing.at)
        answer.reason("closed-no-news", at=at, asked=asked)
    else:
        answer.reason("closed-by-agreement", at=at)


def _reopened(answer: Answer, again: Reopening) -> None:
    local = answer.ctx.local
    when = {"closed": local(again.closing.at), "reopened": local(again.event.at)}
    if not again.other_problem:
        answer.reason("reopened", **when)
    else:  # (one closed by agreement stays closed: see closure_of)
        duplicate = again.closing.duplicate is not None
        answer.reason("reopened-after-duplicate" if duplicate else "reopened-after-no-news", **when)


def _agreement(answer: Answer, segment: Segment) -> bool:
    """One side declared it solved, the other not yet (SM-CLOSE-1); whether the advisor did."""
    vendor = vendor_assent(segment) is not None
    customer = Party.CUSTOMER in segment.first_assent
    if vendor and not customer and segment.first_closed is not None:
        answer.reason("closed-without-agreement", at=answer.ctx.local(segment.first_closed.at))
    elif vendor and not customer:
        answer.reason("awaiting-customer-agreement")
    if vendor and not customer:
        answer.action("confirm-solved")
    elif customer and not vendor:
        answer.reason("awaiting-advisor-agreement")
        answer.action("confirm-closure")
    return vendor


def _waiting(answer: Answer, state: TimerState) -> None:
    """The consultant waits on the customer's information (SM-CLOSE-2)."""
    local = answer.ctx.local
    asked = local(state.since) if state.since is not None else None
    owed = [local(due) for party, _what, due in state.owed if party == CUSTOMER and due]
    if owed:  # the customer owes it by the end of the 10 business days
        answer.reason("waiting-on-customer", asked=asked, deadline=owed[0])
        answer.action("send-information", due=owed[0])
        return
    made = ATTEMPTS - len(state.owed)
    answer.reason("waiting-on-customer-attempts", asked=asked, made=made)
    for n in range(made + 1, ATTEMPTS + 1):
        answer.action("contact-attempt", n=n, total=ATTEMPTS)


def _work_owed(answer: Answer, segment: Segment, coverage: Coverage) -> None:
    """What the vendor's staff still owe on an open case they have not solved yet."""
    ctx = answer.ctx
    if segment.escalated is not None:  # a specialist after the first contact (SM-RESP-2)
        answer.reason("assigned-to-specialist", at=ctx.local(segment.escalated.at))
    elif segment.first_vendor_reply is not None:
        answer.action("assign-specialist", at=ctx.local(segment.first_vendor_reply.at))
    if ctx.request.needs_adaptation and segment.reproduced is None:
        answer.action("reproduce")
    elif ctx.request.needs_adaptation and segment.reproduced is not None:
        answer.reason("reproduced", at=ctx.local(segment.reproduced.at))
        answer.action("set-release-date")
    third = segment.last_wait(Party.THIRD_PARTY)  # the time runs from its delivery (SM-DEV-3)
    done = third.ended.at if third is not None and third.ended is not None else None
    if third is not None and done is None:
        answer.reason("waiting-on-third-party", at=ctx.local(third.started.at))
    elif done is not None:
        answer.reason("third-party-done", at=ctx.local(done))
    covered = coverage.status == CoverageStatus.COVERED
    if ctx.facts.topic == "data_import" and covered and (third is None or done is not None):
        _import_due(answer, segment, done)  # (none is due while the third party works)


def _import_due(answer: Answer, segment: Segment, delivered: datetime | None) -> None:
    """From complete information, or a later delivery by a third party (SM-I-THIRD-PARTY)."""
    ctx, complete = answer.ctx, segment.information_complete
    if not complete:
        answer.action("send-import-information")
        return
    cites: tuple[str, ...] = ()
    start = complete[-1].at
    if delivered is not None and delivered > start:
        start, cites = delivered, ("SM-DEV-3",)
    if ctx.prepared.import_in_days:
        target = plural("{n} business day", "{n} business days", n=IMPORT_DAYS)
        due = ctx.local(ctx.prepared.office.add_business_days(start, IMPORT_DAYS).result)
    else:
        target = plural("{n} business hour", "{n} business hours", n=IMPORT_HOURS)
        due = ctx.local(ctx.prepared.office.add_business_hours(start, IMPORT_HOURS).result)
    answer.reason("import-delivery-due", *cites, due=due, target=target, start=ctx.local(start))
    answer.action("deliver-import", *cites, due=due)
