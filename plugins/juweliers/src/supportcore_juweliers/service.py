"""The service answer: the core's, from the channels and calendars of ``terms.toml``, and what
the agreement adds: a written notice of cancellation, the holiday periods, no response time."""

from __future__ import annotations

import attrs

from supportcore import Service
from supportcore.model import Channel

from .facts import CANCELLATION, HELP_CHANNELS, NOTICE_CHANNELS, Ctx


def service_hours(ctx: Ctx) -> Service:
    """The core's answer for phone help and the link on the office hours, closed in the holiday
    periods; a written notice of cancellation counts when received (JUW-CANCEL)."""
    req = ctx.request
    if req.category == CANCELLATION and req.channel in NOTICE_CHANNELS:
        why = ctx.listed_reason("written-notice", channel=req.channel)
        return Service(str(req.channel), reasons=(why,))
    service = ctx.default_service()
    if req.channel not in HELP_CHANNELS:
        return service
    phone, holiday, open_now = req.channel is Channel.PHONE, ctx.facts.holiday, service.open_now
    closes = phone or ctx.prepared.holidays_close_internet
    extra = []
    if holiday is not None and open_now is None and closes:
        open_now = False  # the office hours are not known, but the holiday closes the desk
        link = () if phone else ("JUW-LINK",)
        label, period = holiday
        why = ctx.listed_reason(
            "holiday-period", *link, channel=req.channel, holiday=label, period=period
        )
        extra.append(why)
    elif ctx.prepared.holidays is None and closes:
        extra.append(ctx.listed_reason("holiday-periods-unknown"))
    extra.append(ctx.listed_reason("no-response-time"))
    return attrs.evolve(service, open_now=open_now, reasons=(*service.reasons, *extra))
