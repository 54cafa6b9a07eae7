"""How to reach the desk, and what the terms say (nothing) about closing a request. The core
answers from the ``[calendars.assistance]`` hours (BIN-HOURS-1, BIN-HOURS-2) whether the desk
is open; this adds the phone number, the advice before calling and what an e-mail must always
give (BIN-HOWTO-*, BIN-ADVICE-*, BIN-PREFER-1)."""

from __future__ import annotations

from typing import Any

import attrs

from supportcore import Action, Channel, Closure, ClosureStatus, Reason, Service
from supportcore.wording import Phrase, phrase

from . import prepared as P
from .facts import Ctx

__all__ = ["closure", "service"]

#: What an e-mail must always specify (BIN-HOWTO-EMAIL), by the item it lacks.
EMAIL_ITEMS = {
    "user_data": phrase("the user's details"),
    "registration_number": phrase("the registration number"),
    "description": phrase("a detailed explanation of the problem"),
}


def email_missing(ctx: Ctx) -> tuple[Phrase, ...]:
    return tuple(EMAIL_ITEMS[item] for item in ctx.facts.email_missing)


def service(ctx: Ctx) -> Service:
    """A channel Binarema does not offer is refused with a pointer to the phone and the e-mail
    (interpretation BIN-I-CHANNELS); otherwise the core's answer, and how to use the channel."""
    channel = ctx.request.channel
    contact: dict[str, Any] = {"phone": P.PHONE, "email": P.EMAIL}
    extra: tuple[Reason, ...]
    if channel not in ctx.vendor.channels:
        offered = ctx.vendor.channels
        why = ctx.listed_reason("channel-not-offered", channel=channel, offered=offered, **contact)
        return Service(channel=str(channel), open_now=False, reasons=(why,))
    if channel is Channel.PHONE:
        extra = (ctx.listed_reason("phone", phone=P.PHONE), ctx.listed_reason("advice"))
    elif channel is Channel.EMAIL:
        extra = (ctx.listed_reason("email", **contact),)
        if ctx.facts.email_missing:
            extra += (ctx.listed_reason("email-data-missing", items=email_missing(ctx)),)
    else:
        extra = (ctx.listed_reason("remote"),)
    answer = ctx.default_service()
    return attrs.evolve(answer, reasons=(*answer.reasons, *extra))


def closure(ctx: Ctx) -> Closure:
    """The terms do not say when a request closes: undetermined, with the data an e-mail still
    owes (interpretations BIN-I-CLOSURE, BIN-I-EMAIL)."""
    actions: tuple[Action, ...] = ()
    if ctx.facts.email_missing:
        items = email_missing(ctx)
        actions = (ctx.listed_action("send-email-data", email=P.EMAIL, items=items),)
    why = ctx.listed_reason("closure-not-ruled")
    return Closure(ClosureStatus.UNDETERMINED, reasons=(why,), actions=actions)
