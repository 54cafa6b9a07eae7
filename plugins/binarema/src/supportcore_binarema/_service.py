"""How to reach Binarema's technical assistance: phone, e-mail, remote sessions, and the hours.

The hours are the terms' (BIN-HOURS-1, BIN-HOURS-2); which public holidays close the desk and
any other closures are settings (the terms are silent; interpretation BIN-I-HOLIDAYS).
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime

from supportcore import (
    Channel,
    Closure,
    ClosureStatus,
    Context,
    Reason,
    Service,
    VendorSettings,
)
from supportcore.calendar import (
    BusinessCalendar,
    ClosurePeriod,
    HolidaySpec,
    Schedule,
    parse_window,
)
from supportcore.text import format_time

from . import _data as D

__all__ = [
    "CALENDAR",
    "assistance_calendar",
    "channel_refusal",
    "closure",
    "email_requirements",
    "service_hours",
]

#: The name of the one calendar: technical assistance hours.
CALENDAR = "assistance"


def assistance_calendar(settings: VendorSettings) -> BusinessCalendar:
    """Monday to Friday 9:00-14:00 and 16:30-19:30 (BIN-HOURS-1); July and August 8:00-15:00
    (BIN-HOURS-2); Europe/Madrid; holidays and closures from the settings."""
    normal = Schedule(
        "normal",
        {day: tuple(parse_window(w) for w in D.NORMAL_WINDOWS) for day in D.WEEKDAYS},
    )
    summer = Schedule(
        "july-august",
        {day: tuple(parse_window(w) for w in D.SUMMER_WINDOWS) for day in D.WEEKDAYS},
        months=D.SUMMER_MONTHS,
    )
    choice = settings.get("public_holidays")
    where = D.HOLIDAY_CHOICES.get(choice) if isinstance(choice, str) else None
    holidays = HolidaySpec(where[0], where[1]) if where is not None else None
    closures: tuple[ClosurePeriod, ...] = tuple(settings.get("closures") or ())
    return BusinessCalendar(CALENDAR, D.TIMEZONE, [normal, summer], holidays, closures)


def channel_refusal(ctx: Context) -> Reason:
    """A channel Binarema does not offer: the service's reasoned refusal pointing to the phone
    and e-mail (BIN-HOWTO-PHONE, BIN-HOWTO-EMAIL; interpretation BIN-I-CHANNELS). It changes
    no other answer: the customer's entitlement is what it would be by phone."""
    channel = str(ctx.request.channel)
    offered = ", ".join(str(c) for c in D.CHANNELS)
    return ctx.fixed_reason(
        "channel-not-offered",
        f"Binarema's technical assistance is not given by {channel}: call {D.PHONE} "
        f"(preferred: faster and clearer) or write to {D.EMAIL} with the user's details, the "
        f"registration number and a detailed explanation of the problem (channels: {offered})",
        "BIN-HOWTO-PHONE",
        "BIN-HOWTO-EMAIL",
        "BIN-PREFER-1",
    )


def email_requirements(ctx: Context) -> list[str]:
    """What an e-mail must always specify and this one lacks (BIN-HOWTO-EMAIL; interpretation
    BIN-I-EMAIL): the user's details, the registration number, a detailed explanation. Checked
    on the e-mail itself (request.contact), even after a phone call."""
    if ctx.request.channel is not Channel.EMAIL:
        return []
    c = ctx.request.contact
    missing: list[str] = []
    if not any(_given(v) for v in (c.user_data, c.contact_person, c.company_name)):
        missing.append("the user's details (request.contact.user_data)")
    if not _given(c.registration_number):
        missing.append("the registration number (request.contact.registration_number)")
    if not _given(c.description):
        missing.append("a detailed explanation of the problem (request.contact.description)")
    return missing


def _given(value: str | None) -> bool:
    return value is not None and bool(value.strip())


_NORMAL_HOURS = " and ".join(D.NORMAL_WINDOWS)
_SUMMER_HOURS = " and ".join(D.SUMMER_WINDOWS)
_HOURS_TEXT = f"Monday to Friday {_NORMAL_HOURS}, {D.TIMEZONE}; July and August {_SUMMER_HOURS}"
_SUMMER_HOURS_TEXT = f"July and August: Monday to Friday {_SUMMER_HOURS}, {D.TIMEZONE}"


def _hours_text(month: int | None = None) -> str:
    return _SUMMER_HOURS_TEXT if month in D.SUMMER_MONTHS else _HOURS_TEXT


_HOLIDAY_NOTES = {
    "none": "public holidays do not close the desk (setting public_holidays = none)",
    "national": "closed on Spain's national holidays (setting public_holidays)",
    "national_andalusia": "closed on national and Andalusian holidays (setting public_holidays)",
}


def _holiday_note(ctx: Context) -> str:
    choice = ctx.settings.get("public_holidays")
    return _HOLIDAY_NOTES.get(str(choice), "public holidays not configured")


def _open_now(ctx: Context) -> tuple[Reason, Reason]:
    """The "open now" reason outside and in July and August (BIN-HOURS-1, BIN-HOURS-2): its
    words depend only on the holiday setting, so it is prepared once per engine."""
    note = _holiday_note(ctx)
    return (
        ctx.reason(
            "hours", f"Technical assistance is open now ({_HOURS_TEXT}; {note})", "BIN-HOURS-1"
        ),
        ctx.reason(
            "hours",
            f"Technical assistance is open now ({_SUMMER_HOURS_TEXT}; {note})",
            "BIN-HOURS-2",
        ),
    )


_CALL = f"Call {D.PHONE}"
_EMAIL_HANDLING = (
    f"E-mails go to {D.EMAIL} and are handled during the assistance hours; a phone call to "
    f"{D.PHONE} is preferable for a faster and clearer answer"
)


def _wall_clock(at: datetime) -> str:
    """``Monday 2026-03-16 09:00``: ``at`` on its own wall clock."""
    return format_time(at, "%A %Y-%m-%d %H:%M")


def service_hours(ctx: Context) -> Service:
    """Whether the desk is open for the request's channel at ``ctx.at``, the schedule in force
    and the next opening; how to reach it and the terms' advice."""
    channel = ctx.request.channel
    if channel not in D.CHANNELS:
        return Service(
            channel=str(channel),
            open_now=False,
            reasons=(channel_refusal(ctx),),
        )
    reasons: list[Reason] = []
    cal: BusinessCalendar | None = ctx.calendars.get(CALENDAR)
    open_now: bool | None = None
    schedule: str | None = None
    next_opening = None
    if cal is None:
        reasons.append(
            ctx.reason(
                "hours-unavailable",
                "The assistance calendar could not be built from the settings; opening hours "
                f"are {_hours_text()}",
                "BIN-HOURS-1",
                "BIN-HOURS-2",
            )
        )
    else:
        at = ctx.local_at
        status = cal.status(at)
        open_now, schedule = status.open, status.schedule
        summer = at.month in D.SUMMER_MONTHS
        if open_now:
            reason = ctx.prepared("binarema:open-now", _open_now)[summer]
        else:
            next_opening = status.next_open
            closed_day = cal.explain_closed(at.date())
            why = f"closed all day ({closed_day})" if closed_day else "outside the hours"
            message = (
                f"Technical assistance is closed now, {why}; it opens "
                f"{_wall_clock(next_opening)} ({_hours_text(at.month)}; "
                f"{_holiday_note(ctx)})"
            )
            reason = ctx.reason("hours", message, "BIN-HOURS-2" if summer else "BIN-HOURS-1")
        reasons.append(reason)
    if channel is Channel.PHONE:
        reasons.append(ctx.fixed_reason("phone", _CALL, "BIN-HOWTO-PHONE"))
        reasons.append(
            ctx.fixed_reason(
                "advice",
                "Before calling, write down the error messages; if possible, call from in "
                "front of the computer, switched on",
                "BIN-ADVICE-1",
                "BIN-ADVICE-2",
            )
        )
    elif channel is Channel.EMAIL:
        reasons.append(
            ctx.fixed_reason(
                "email",
                _EMAIL_HANDLING,
                "BIN-HOWTO-EMAIL",
                "BIN-PREFER-1",
            )
        )
        missing = email_requirements(ctx)
        if missing:
            reasons.append(
                ctx.fixed_reason(  # one of the few combinations of the three requirements
                    "email-data-missing",
                    "The e-mail must always specify "
                    + "; ".join(missing)
                    + " (even if the customer has already called)",
                    "BIN-HOWTO-EMAIL",
                )
            )
    else:
        reasons.append(
            ctx.fixed_reason(
                "remote",
                "Remote assistance sessions are part of SMART, during the assistance hours",
                "BIN-COVER-4",
            )
        )
    return Service(
        channel=str(channel),
        open_now=open_now,
        schedule=schedule,
        next_opening=next_opening,
        reasons=tuple(reasons),
    )


def closure(ctx: Context) -> Closure:
    """The terms do not say when a ticket closes: undetermined, with the actions still owed
    (interpretation BIN-I-CLOSURE)."""
    actions = []
    missing = email_requirements(ctx)
    if missing:
        actions.append(  # one of the few combinations of the three requirements
            ctx.fixed_action("customer", f"Send {D.EMAIL} " + "; ".join(missing), "BIN-HOWTO-EMAIL")
        )
    return Closure(
        ClosureStatus.UNDETERMINED,
        reasons=(
            ctx.fixed_reason(
                "closure-not-ruled",
                "Binarema's terms say how to contact technical assistance but not when a "
                "request is closed; closure is undetermined",
                "BIN-HOWTO-PHONE",
                "BIN-HOWTO-EMAIL",
            ),
        ),
        actions=tuple(actions),
    )


def calendars(settings: VendorSettings) -> Mapping[str, BusinessCalendar]:
    """The calendars, by name, built once per engine."""
    return {CALENDAR: assistance_calendar(settings)}
