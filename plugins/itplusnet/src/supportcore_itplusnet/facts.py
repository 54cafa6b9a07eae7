"""What one case says, read once: the service asked for, the paid attention and its 90 minutes,
the tariff in force, and what the terms say about the problem."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime, timedelta

import attrs

from supportcore import Channel, Context, Coverage, Event, EventKind, Problem, Reason
from supportcore.calendar import OpenStatus
from supportcore.timeline import work_started
from supportcore.timers import AttentionCap, TimerStatus

from .coverage import problem_coverage
from .prepared import Prepared
from .pricing import SERVICES

#: "El tiempo límite de una atención será de 90 minutos por vez": 90 minutes after the start or
#: 90 minutes of work logged on it, whichever comes first (interpretation ITP-I-ELAPSED).
CAP = AttentionCap(90, counts_work=True)
#: The ``ref`` of a payment for one online attention; a service sold separately has its own.
ATTENTION_REFS = (None, "", "attention")


@attrs.frozen
class Attention:
    """The latest attention paid online and where its 90 minutes stand (ITP-CAP-1)."""

    payment: Event
    #: the desk at the payment: its ``next_schedule`` is the tariff of the attention
    #: (interpretation ITP-I-TARIFF), its ``next_open`` when the attention is due
    paid: OpenStatus
    start: datetime | None  #: when its 90 minutes started (``None``: not yet)
    ends_at: datetime | None  #: when they end (or ended): 90 minutes later, or at 90 of work
    ended: bool  #: they have: a new attention must be paid
    worked: int  #: minutes of work logged on it
    remaining: int  #: whole minutes left of the 90
    closed: Event | None  #: the first ``closed`` event since the payment


def _state(ctx: Context[Prepared, Facts], att: Attention) -> Reason:
    """Where the paid attention's 90 minutes stand (ITP-CAP-1; interpretations ITP-I-START,
    ITP-I-ELAPSED): not started, running or over; eligibility and closure say it alike."""
    if att.start is None or att.ends_at is None:
        how = "payment" if ctx.prepared.starts_at_payment else "work"
        return ctx.listed_reason(f"attention-not-started-{how}", paid=ctx.local(att.payment.at))
    start, end, logged = ctx.local(att.start), ctx.local(att.ends_at), timedelta(minutes=att.worked)
    if not att.ended:
        which = "attention-running"
    elif att.ends_at - att.start < timedelta(minutes=90):  # the work logged reached 90 minutes
        which = "attention-limit-reached-work"
    else:
        which = "attention-limit-reached"
    return ctx.listed_reason(which, start=start, end=end, logged=logged)


@attrs.frozen
class Facts:
    """What the rules read about one case."""

    #: the service sold separately asked for ("reinstallation", "technical_service",
    #: "on_site"), or ``None``: an online attention
    service: str | None
    #: what the terms say about the problem (its category, the system's bits), whatever the
    #: channel: an attention is sold only when they do not exclude it (ITP-I-NOT-SOLD)
    problem: Coverage
    #: the desk now: its ``next_schedule`` is the tariff of an attention paid now
    now: OpenStatus
    attention: Attention | None  #: the latest paid attention (for an attention only)
    state: Reason | None  #: where its 90 minutes stand, in words
    bought: Event | None  #: the latest payment for the service asked for
    #: on-site assistance: whether the site is in the area (``None``: no location given)
    site_served: bool | None


def attention_state(ctx: Context[Prepared, Facts]) -> Attention | None:
    """The latest attention payment and its 90 minutes at ``ctx.at`` (ITP-CAP-1).

    They start when the first work session logged after the payment began (its end minus its
    minutes, never before the payment); with ``attention_starts_at = "payment"``, at the
    payment, or at the next opening after it if that comes first (interpretation ITP-I-START).
    The sessions logged after the payment count toward the 90 minutes."""
    timeline = ctx.timeline
    payments = timeline.payments
    k = len(payments) - 1
    while k >= 0 and payments[k].ref not in ATTENTION_REFS:
        k -= 1
    if k < 0:
        return None
    paid = payments[k]
    payment = paid.event
    status = ctx.prepared.calendar.status(payment.at)
    work: tuple[Event, ...] = ()
    start = None
    if paid.first_work_after is not None:
        work = timeline.of_kind(EventKind.WORK_SESSION, timeline.indices(EventKind.PAYMENT)[k])
        began = work_started(paid.first_work_after)
        start = began if began > payment.at else payment.at
    if ctx.prepared.starts_at_payment:
        opening = status.next_open
        if opening <= ctx.at and (start is None or opening <= start):
            start = opening
    cap = CAP.evaluate_from(start, ctx.at, work=work)
    ended, left = cap.status is TimerStatus.FIRED, CAP.remaining_minutes(start, ctx.at, work=work)
    worked = sum([e.minutes or 0 for e in work])
    return Attention(payment, status, start, cap.fires_at, ended, worked, left, paid.closed_after)


def assess(ctx: Context[Prepared, Facts]) -> Facts:
    request = ctx.request
    if request.channel is Channel.ON_SITE or request.category == "on_site_visit":
        service: str | None = "on_site"
    else:  # the service sold separately the category's row asks for (ITP-SEP-1)
        service = ctx.prepared.sold_apart.get(request.category)
    bought = None
    if service is not None:
        bought = next((p.event for p in reversed(ctx.timeline.payments) if p.ref == service), None)
    location = request.environment.location
    att = attention_state(ctx) if service is None else None
    return Facts(
        service,
        problem_coverage(ctx),
        ctx.prepared.calendar.status(ctx.at),
        att,
        _state(ctx, att) if att is not None else None,
        bought,
        ctx.prepared.serves(location) if service == "on_site" and location is not None else None,
    )


def check_case(ctx: Context[Prepared, Facts]) -> Iterator[Problem]:
    """Input only Itplusnet can judge: its products (ignoring case), payments for what it
    sells; contracts are not considered."""
    known, products = ctx.prepared.known, ", ".join(ctx.prepared.products)
    named = [("request.product", ctx.request.product)]
    named += [(f"licences[{i}].product", lic.product) for i, lic in enumerate(ctx.case.licences)]
    for field, product in named:
        if product.casefold() not in known:
            why = (
                f"{product!r} is not the ITPLUSNET software or a derivative of it (products: "
                f"{products}; derivatives are named in the setting itplusnet.derivative_products)"
            )
            yield Problem(field, why, "error")
    timeline, sold = ctx.timeline, ", ".join(("attention", *SERVICES))
    for i, paid in zip(timeline.indices(EventKind.PAYMENT), timeline.payments, strict=True):
        if paid.ref not in ATTENTION_REFS and paid.ref not in SERVICES:
            yield Problem(
                f"ticket.events[{i}].ref",
                f"{paid.ref!r} is not something Itplusnet sells; a payment's ref is one of {sold} "
                "(none means an attention)",
                "error",
            )
    if ctx.case.contracts:
        yield Problem(
            "contracts",
            "Itplusnet's online support needs no contract (each attention is paid online); the "
            "contracts given are not considered",
            "warning",
        )
