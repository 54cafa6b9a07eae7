"""Who is entitled: no contract, a paid attention within its 90 minutes (ITP-PAY-1, ITP-CAP-1),
or a service bought separately with its purchase button (ITP-SEP-1)."""

from __future__ import annotations

from datetime import timedelta
from typing import TYPE_CHECKING, Any

from supportcore import Context, Eligibility, EligibilityStatus, Reason
from supportcore.wording import Phrase, phrase

from .coverage import location_unknown, offer
from .prepared import Prepared
from .pricing import buy, sold_apart

if TYPE_CHECKING:
    from .facts import Attention, Facts

    Ctx = Context[Prepared, Facts]

ENTITLED, NOT_ENTITLED = EligibilityStatus.ENTITLED, EligibilityStatus.NOT_ENTITLED


def _window(ctx: Ctx, att: Attention) -> Phrase:
    """When the attention started and ends (or ended), and the work logged on it."""
    assert att.start is not None and att.ends_at is not None
    when: dict[str, Any] = {"start": ctx.local(att.start), "end": ctx.local(att.ends_at)}
    when["logged"] = timedelta(minutes=att.worked)
    if att.by_work:
        return phrase(
            "started on {start} and ended on {end}, when the work logged on it reached 90 "
            "minutes ({logged} logged)",
            **when,
        )
    if att.ended:
        return phrase(
            "started on {start} and ended on {end} (90 minutes), with {logged} of work logged",
            **when,
        )
    return phrase(
        "started on {start} and ends on {end} (90 minutes), with {logged} of work logged so far",
        **when,
    )


def state(ctx: Ctx, att: Attention) -> Reason:
    """Where the paid attention's 90 minutes stand (ITP-CAP-1, interpretations ITP-I-START and
    ITP-I-ELAPSED): not started, running, or over; eligibility and closure say the same."""
    paid = ctx.local(att.payment.at)
    if att.start is None:
        if ctx.prepared.starts_at_payment:
            when = phrase("its 90 minutes start at the next opening")
        else:
            when = phrase("its 90 minutes start when the technician starts attending you")
        return ctx.reason(
            "attention-not-started",
            "The attention paid on {paid} has not started yet; {when}, and it lasts at most 90 "
            "minutes.",
            "ITP-CAP-1",
            paid=paid,
            when=when,
        )
    if not att.ended:
        return ctx.reason(
            "attention-running",
            "The attention paid on {paid} {window}; it closes then, or as soon as 90 minutes of "
            "work have been logged on it, unless it is closed earlier.",
            "ITP-CAP-1",
            paid=paid,
            window=_window(ctx, att),
        )
    return ctx.reason(
        "attention-limit-reached",
        "The attention paid on {paid} {window}: its 90-minute limit has been reached, so "
        "continuing needs a new attention.",
        "ITP-CAP-1",
        paid=paid,
        window=_window(ctx, att),
    )


def _service(ctx: Ctx, ref: str) -> Eligibility:
    """A service sold separately: bought, or to buy; on-site assistance only in Santiago."""
    facts = ctx.facts
    if ref == "on_site" and facts.site_served is None:
        why, missing = location_unknown(ctx)
        return Eligibility(
            EligibilityStatus.UNDETERMINED,
            reasons=(why,),
            remedies=(buy(ctx, ref),),
            missing_facts=(missing,),
        )
    if ref == "on_site" and not facts.site_served:
        not_sold, remedies = offer(ctx, new=False)
        where = ctx.reason(
            "on-site-not-offered",
            "On-site technical assistance is offered only in Santiago, not in {location}.",
            "ITP-SEP-1",
            location=ctx.request.environment.location,
        )
        return Eligibility(NOT_ENTITLED, reasons=(where, *not_sold), remedies=remedies)
    clauses, service = ctx.tables.remedies[ref].clauses, sold_apart(ref)
    if facts.bought is not None:
        basis = ctx.reason(
            "service-bought",
            "The {service} was bought on {bought} with its purchase button.",
            *clauses,
            service=service,
            bought=ctx.local(facts.bought.at),
        )
        return Eligibility(ENTITLED, basis=(basis,))
    why = ctx.reason(
        "bought-separately",
        "The {service} is not part of the online support, so a paid attention does not include "
        "it: it is bought separately with its purchase button.",
        *clauses,
        service=service,
    )
    return Eligibility(NOT_ENTITLED, reasons=(why,), remedies=(buy(ctx, ref),))


def eligibility(ctx: Ctx) -> Eligibility:
    """Entitled while a paid attention is within its 90 minutes; no contract is needed."""
    facts = ctx.facts
    if facts.service is not None:
        return _service(ctx, facts.service)
    att = facts.attention
    if att is None or att.ended:
        not_sold, remedies = offer(ctx, new=att is not None)
        if att is not None:
            return Eligibility(
                NOT_ENTITLED, reasons=(state(ctx, att), *not_sold), remedies=remedies
            )
        why = ctx.reason(
            "no-paid-attention",
            "No attention has been paid yet. Itplusnet's online support needs no contract: each "
            "attention is paid online and then served.",
            "ITP-PAY-1",
            "ITP-SCOPE-1",
        )
        return Eligibility(NOT_ENTITLED, reasons=(why, *not_sold), remedies=remedies)
    paid, amount = ctx.local(att.payment.at), att.payment.amount
    if amount is None:
        basis = ctx.reason(
            "attention-paid",
            "Attention paid online on {paid}; no contract is needed.",
            "ITP-PAY-1",
            "ITP-SCOPE-1",
            paid=paid,
        )
    else:
        basis = ctx.reason(
            "attention-paid",
            "Attention paid online on {paid} ({amount}); no contract is needed.",
            "ITP-PAY-1",
            "ITP-SCOPE-1",
            paid=paid,
            amount=amount,
        )
    return Eligibility(ENTITLED, basis=(basis, state(ctx, att)), remaining_minutes=att.remaining)
