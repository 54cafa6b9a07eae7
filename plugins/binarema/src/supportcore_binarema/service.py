"""How to reach the desk, and what the terms say (nothing) about closing a request. The core
answers from the ``[calendars.assistance]`` hours (BIN-HOURS-1, BIN-HOURS-2) whether the desk
is open; this adds the phone number, the advice before calling and what an e-mail must always
give (BIN-HOWTO-*, BIN-ADVICE-*, BIN-PREFER-1)."""

from __future__ import annotations

import attrs

from supportcore import Channel, Closure, ClosureStatus, Service

from . import prepared as P
from .facts import Ctx

__all__ = ["closure", "service"]


def service(ctx: Ctx) -> Service:
    """A channel Binarema does not offer is refused with a pointer to the phone and the e-mail
    (interpretation BIN-I-CHANNELS); otherwise the core's answer, and how to use the channel."""
    channel, offered, items = ctx.request.channel, ctx.vendor.channels, ctx.facts.email_missing
    if channel not in offered:
        why = ctx.listed_reason(
            "channel-not-offered", channel=channel, offered=offered, phone=P.PHONE, email=P.EMAIL
        )
        return Service(channel=str(channel), open_now=False, reasons=(why,))
    if channel is Channel.PHONE:
        extra = [ctx.listed_reason("phone", phone=P.PHONE), ctx.listed_reason("advice")]
    elif channel is Channel.EMAIL:
        extra = [ctx.listed_reason("email", phone=P.PHONE, email=P.EMAIL)]
        extra += [ctx.listed_reason("email-data-missing", items=items)] if items else []
    else:
        extra = [ctx.listed_reason("remote")]
    answer = ctx.default_service()
    return attrs.evolve(answer, reasons=(*answer.reasons, *extra))


def closure(ctx: Ctx) -> Closure:
    """The terms do not say when a request closes: undetermined, with the data an e-mail still
    owes (interpretations BIN-I-CLOSURE, BIN-I-EMAIL)."""
    items = ctx.facts.email_missing
    owed = (ctx.listed_action("send-email-data", email=P.EMAIL, items=items),) if items else ()
    why = ctx.listed_reason("closure-not-ruled")
    return Closure(ClosureStatus.UNDETERMINED, reasons=(why,), actions=owed)
