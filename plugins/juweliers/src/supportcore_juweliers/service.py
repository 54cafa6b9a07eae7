"""The service answer: the core's (the channels and the calendars of ``terms.toml``), and what
the agreement adds: a written notice of cancellation, the holiday periods, no response time."""

from __future__ import annotations

from datetime import timedelta

import attrs

from supportcore import Reason, Service
from supportcore.model import Channel
from supportcore.periods import Period

from .facts import CANCELLATION, HELP_CHANNELS, NOTICE_CHANNELS, Ctx


def service_hours(ctx: Ctx) -> Service:
    """Telephone help (JUW-PHONE) and the internet link (JUW-LINK) on the integrator's office
    hours, the phone closed during the holiday periods (the calendars' closures): open now, next
    opening. A notice of cancellation by letter, e-mail or fax counts when it is received
    (JUW-CANCEL). The terms give no response time."""
    req = ctx.request
    if req.category == CANCELLATION and req.channel in NOTICE_CHANNELS:
        written = ctx.reason(
            "written-notice",
            "A notice of cancellation by {channel} counts from the day it is received",
            "JUW-CANCEL",
            channel=req.channel,
        )
        return Service(str(req.channel), reasons=(written,))
    service = ctx.default_service()
    if req.channel not in HELP_CHANNELS:
        return service
    p, holiday = ctx.prepared, ctx.facts.holiday
    phone = req.channel is Channel.PHONE
    open_now, extra = service.open_now, []
    if phone or p.holidays_close_internet:
        if holiday is not None and open_now is None:  # the office hours are not known
            open_now = False
            extra.append(
                ctx.reason(
                    "holiday-period",
                    "Help by {channel} is closed during the holiday period {holiday} ({period})",
                    "JUW-PHONE",
                    *(() if phone else ("JUW-LINK",)),
                    channel=req.channel,
                    holiday=holiday.label,
                    period=Period(holiday.start, holiday.end + timedelta(days=1)),
                )
            )
        elif p.holidays is None:
            extra.append(holidays_unknown(ctx))
    extra.append(
        ctx.reason(
            "no-response-time",
            "The terms promise quick help ('vlugge bijstand') but no response time",
            "JUW-LINK",
        )
    )
    return attrs.evolve(service, open_now=open_now, reasons=(*service.reasons, *extra))


def holidays_unknown(ctx: Ctx) -> Reason:
    """The holiday periods close the phone (JUW-PHONE), and the settings do not give them."""
    return ctx.reason(
        "holiday-periods-unknown",
        "Telephone help is excepted during the holiday periods, which are not known",
        "JUW-PHONE",
        settings=("holiday_periods",),
    )
