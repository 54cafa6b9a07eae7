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
        return ctx.reason(
            "pay-first",
            "An attention is served once it is paid online; no contract is needed.",
            "ITP-PAY-1",
        )
    if att.start is not None:
        return None
    paid, due = ctx.local(att.payment.at), att.paid.next_open
    if due == paid:
        return ctx.reason(
            "attention-due",
            "The attention paid on {paid} is to be given immediately.",
            "ITP-PAY-1",
            paid=paid,
        )
    return ctx.reason(
        "attention-due",
        "The attention paid on {paid} is to be given at the next opening, {due}.",
        "ITP-PAY-1",
        paid=paid,
        due=due,
    )


def service_hours(ctx: Ctx) -> Service:
    """The desk now; a channel it does not offer is refused (interpretation ITP-I-CHANNELS)."""
    channel = ctx.request.channel
    if channel is Channel.ON_SITE:
        why = ctx.reason(
            "on-site-hours-not-published",
            "On-site technical assistance is a separate service bought with its purchase "
            "button; the terms publish no hours for it.",
            "ITP-SEP-1",
        )
        return Service(str(channel), reasons=(why,))
    offered = ctx.prepared.offered
    if channel not in offered:  # it never opens; entitlement, coverage and price stay the same
        why = ctx.reason(
            "channel-not-offered",
            "Itplusnet's online support does not take requests by {channel}: after paying you "
            "are given the ways to contact support, or a technician phones you (channels "
            "offered: {offered}).",
            "ITP-PAY-2",
            "ITP-HOURS-3",
            "ITP-RESP-2",
            channel=channel,
            offered=offered,
        )
        return Service(str(channel), open_now=False, reasons=(why,))
    service = ctx.default_service()
    reasons, missing = list(service.reasons), service.missing
    if service.schedule == "special":
        unset = () if ctx.prepared.mobile_numbers else ("special_hours_mobile_numbers",)
        reasons.append(
            ctx.reason(
                "special-hours-mobile-numbers",
                "Only in special hours: you receive two mobile numbers and {then}.",
                "ITP-HOURS-3",
                settings=unset,
                then=mobile(ctx),
            )
        )
        missing = (*missing, *(ctx.missing(key) for key in unset))
    if ctx.facts.service is None and (paid := _attention(ctx)) is not None:
        reasons.append(paid)
    att = ctx.facts.attention  # (none for a service sold separately)
    due = att.paid.next_open if att is not None and att.start is None else None
    return attrs.evolve(service, response_due=due, reasons=tuple(reasons), missing=missing)
