"""The service answer: the core's, from the channels and calendars of ``terms.toml``, and what
the agreement adds: a written notice of cancellation, the holiday periods, no response time."""

from __future__ import annotations

import attrs

from supportcore import Reason, Service
from supportcore.model import Channel

from .facts import CANCELLATION, HELP_CHANNELS, NOTICE_CHANNELS, Ctx


def service_hours(ctx: Ctx) -> Service:
    """The core's answer for phone help and the link on the office hours, closed in the holiday
    periods; a written notice of cancellation counts when received (JUW-CANCEL)."""
    req = ctx.request
    if req.category == CANCELLATION and req.channel in NOTICE_CHANNELS:
        why = ctx.reason(
            "written-notice",
            "A notice of cancellation by {channel} counts from the day it is received",
            "JUW-CANCEL",
            channel=req.channel,
        )
        return Service(str(req.channel), reasons=(why,))
    service = ctx.default_service()
    if req.channel not in HELP_CHANNELS:
        return service
    phone, holiday, open_now = req.channel is Channel.PHONE, ctx.facts.holiday, service.open_now
    extra = []
    if holiday is not None and open_now is None and (phone or ctx.prepared.holidays_close_internet):
        open_now = False  # the office hours are not known, but the holiday closes the desk
        why = ctx.reason(
            "holiday-period",
            "Help by {channel} is closed in the holiday period {holiday} ({period})",
            "JUW-PHONE",
            *(() if phone else ("JUW-LINK",)),
            channel=req.channel,
            holiday=holiday[0],
            period=holiday[1],
        )
        extra.append(why)
    elif ctx.prepared.holidays is None and (phone or ctx.prepared.holidays_close_internet):
        extra.append(holidays_unknown(ctx))
    extra.append(
        ctx.reason(
            "no-response-time", "The terms promise quick help but no response time", "JUW-LINK"
        )
    )
    return attrs.evolve(service, open_now=open_now, reasons=(*service.reasons, *extra))


def holidays_unknown(ctx: Ctx) -> Reason:
    """The holiday periods close the phone (JUW-PHONE), and the settings do not give them."""
    return ctx.reason(
        "holiday-periods-unknown",
        "Phone help stops in the holiday periods, which are not known",
        "JUW-PHONE",
        settings=("holiday_periods",),
    )
