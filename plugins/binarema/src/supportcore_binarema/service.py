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
        why = ctx.reason(
            "channel-not-offered",
            "Binarema's technical assistance is not given by {channel}: call {phone} (preferred: "
            "faster and clearer) or write to {email} with the user's details, the registration "
            "number and a detailed explanation of the problem (channels: {offered})",
            *("BIN-HOWTO-PHONE", "BIN-HOWTO-EMAIL", "BIN-PREFER-1"),
            **contact,
            channel=channel,
            offered=ctx.vendor.channels,
        )
        return Service(channel=str(channel), open_now=False, reasons=(why,))
    if channel is Channel.PHONE:
        extra = (
            ctx.reason("phone", "Call {phone}", "BIN-HOWTO-PHONE", phone=P.PHONE),
            ctx.reason(
                "advice",
                "Before calling, write down the error messages; if possible, call from in front "
                "of the computer, switched on",
                *("BIN-ADVICE-1", "BIN-ADVICE-2"),
            ),
        )
    elif channel is Channel.EMAIL:
        extra = (
            ctx.reason(
                "email",
                "E-mails go to {email} and are handled during the assistance hours; a phone call "
                "to {phone} is preferable for a faster and clearer answer",
                *("BIN-HOWTO-EMAIL", "BIN-PREFER-1"),
                **contact,
            ),
        )
        if ctx.facts.email_missing:
            missing = ctx.reason(
                "email-data-missing",
                "The e-mail must always specify {items}, even if the customer has already called",
                "BIN-HOWTO-EMAIL",
                items=email_missing(ctx),
            )
            extra += (missing,)
    else:
        extra = (
            ctx.reason(
                "remote",
                "Remote assistance sessions are part of SMART, during the assistance hours",
                "BIN-COVER-4",
            ),
        )
    answer = ctx.default_service()
    return attrs.evolve(answer, reasons=(*answer.reasons, *extra))


def closure(ctx: Ctx) -> Closure:
    """The terms do not say when a request closes: undetermined, with the data an e-mail still
    owes (interpretations BIN-I-CLOSURE, BIN-I-EMAIL)."""
    actions: tuple[Action, ...] = ()
    if ctx.facts.email_missing:
        items = email_missing(ctx)
        owed = ctx.action(
            "customer", "Send {email} {items}", "BIN-HOWTO-EMAIL", email=P.EMAIL, items=items
        )
        actions = (owed,)
    why = ctx.reason(
        "closure-not-ruled",
        "Binarema's terms say how to contact technical assistance but not when a request is "
        "closed; closure is undetermined",
        *("BIN-HOWTO-PHONE", "BIN-HOWTO-EMAIL"),
    )
    return Closure(ClosureStatus.UNDETERMINED, reasons=(why,), actions=actions)
