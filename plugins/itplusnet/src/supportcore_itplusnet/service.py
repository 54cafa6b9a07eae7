"""The help desk's hours: the core's answer from the tables (open now in normal or special
hours, the next opening), and what Itplusnet adds: on-site assistance has no hours, the channels
of the payment page, the mobile numbers of special hours, and when a paid attention is due."""

from __future__ import annotations

from typing import TYPE_CHECKING

import attrs

from supportcore import Channel, Reason, Service

from .pricing import mobile

if TYPE_CHECKING:
    from .prepared import Ctx


def _attention(ctx: Ctx) -> Reason | None:
    """Pay first (ITP-PAY-1); once paid, the attention is due at once, or at the next opening
    when paid while the desk is closed (interpretation ITP-I-IMMEDIATE)."""
    att = ctx.facts.attention
    if att is None:
        return ctx.listed_reason("pay-first")
    if att.start is not None:
        return None
    paid, due = ctx.local(att.payment.at), att.paid.next_open
    if due == paid:
        return ctx.listed_reason("attention-due-now", paid=paid)
    return ctx.listed_reason("attention-due", paid=paid, due=due)


def service_hours(ctx: Ctx) -> Service:
    """The desk now; a channel it does not offer is refused (interpretation ITP-I-CHANNELS)."""
    channel, offered = ctx.request.channel, ctx.prepared.offered
    if channel is Channel.ON_SITE:
        why = ctx.listed_reason("on-site-hours-not-published")
        return Service(str(channel), reasons=(why,))
    if channel not in offered:  # it never opens; entitlement, coverage and price stay the same
        why = ctx.listed_reason("channel-not-offered", channel=channel, offered=offered)
        return Service(str(channel), open_now=False, reasons=(why,))
    service = ctx.default_service(with_targets=False)  # (the terms promise no response time)
    reasons, missing = list(service.reasons), service.missing
    if service.schedule == "special":
        unset = () if ctx.prepared.mobile_numbers else ("special_hours_mobile_numbers",)
        then = mobile(ctx)
        reasons.append(ctx.listed_reason("special-hours-mobile-numbers", settings=unset, then=then))
        missing = (*missing, *(ctx.missing(key) for key in unset))
    if ctx.facts.service is None and (paid := _attention(ctx)) is not None:
        reasons.append(paid)
    att = ctx.facts.attention  # (none for a service sold separately)
    due = att.paid.next_open if att is not None and att.start is None else None
    return attrs.evolve(service, response_due=due, reasons=tuple(reasons), missing=missing)
