"""The service answer from the tables: the channel offered or not, its calendar (open now, the
schedule in force, the next opening), and the service levels' deadlines."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from typing import TYPE_CHECKING, Any, Literal

import attrs

from ..calendar import (
    WEEKDAY_NAMES,
    BusinessCalendar,
    CalendarError,
    HolidayName,
    HolidaySpec,
    HoursWords,
    add_calendar_hours,
)
from ..decision import Problem, Service
from ..documents import describe
from ..model import Channel, EventKind
from ..reasons import MissingSetting, Reason
from ..wording import Phrase, phrase, plural
from ._rows import Target
from .pricing import in_force

if TYPE_CHECKING:
    from ..context import Context
    from . import VendorTables
    from ._rows import CalendarTable, ServiceLevelRow

__all__ = ["ServiceTargets", "check_case_problems", "default_service", "severity", "targets"]


@attrs.frozen
class ServiceTargets:
    """The service levels that apply to one request: the earliest response and resolution
    deadlines of the matching ``[[service_levels]]`` rows (``None``: no target, or none that
    can be computed yet), the reasons for each, and the settings they needed and lacked."""

    response_due: datetime | None = None
    resolution_due: datetime | None = None
    reasons: tuple[Reason, ...] = ()
    missing: tuple[MissingSetting, ...] = ()


NO_TARGETS = ServiceTargets()

#: How a clock's start is said in the reasons.
_CLOCK_WORDS = {
    "received": phrase("receipt"),
    "information_complete": phrase("the information being complete"),
}
#: The words of "at opening" in the reasons.
_AT_OPENING = phrase("at once in opening hours, else at the next opening")
#: The two service-level targets in words.
_WHAT = {"response": phrase("response"), "resolution": phrase("resolution")}


def severity(ctx: Context[Any, Any]) -> str:
    """The request's severity: ``request.severity``; else ``"urgent"`` when ``request.urgent``
    and the vendor declares ``"urgent"``; else the vendor's lowest severity; else
    ``"normal"``."""
    request = ctx.request
    if request.severity:
        return request.severity
    declared = ctx.vendor.severities
    if request.urgent and "urgent" in declared:
        return "urgent"
    return declared[0] if declared else "normal"


def check_case_problems(ctx: Context[Any, Any]) -> list[Problem]:
    """Input problems the tables see in a case: a ``request.severity`` the vendor does not
    declare (an error: the case is refused)."""
    given = ctx.request.severity
    declared = ctx.vendor.severities
    if given is None or given in declared:
        return []
    known = ", ".join(declared) if declared else "none"
    message = f"{describe(given)} is not a severity of {ctx.vendor.name} (its severities: {known})"
    return [Problem("request.severity", message, "error")]


def default_service(
    tables: VendorTables,
    ctx: Context[Any, Any],
    plan: str | None = None,
    start: datetime | Literal[False] | None = None,
    with_targets: bool = True,
) -> Service:
    """The core's service answer.

    - A channel the vendor does not offer (``[channels] offered``, else ``[identity]
      channels``; neither given: every channel): ``open_now=False``, no next opening, reason
      ``channel-not-offered`` citing ``[channels] clauses``.
    - A channel with no calendar in ``[channels.hours]``: ``open_now=None``, reason
      ``no-published-hours``.
    - A channel whose hours are the integrator's calendar setting, not supplied:
      ``open_now=None``, reason ``hours-unknown`` and the missing setting.
    - Otherwise the calendar at ``ctx.at``: reason ``open-now`` (the schedule in force, citing
      its clauses) or ``closed-now`` (why: a weekday, a public holiday, a closure, or outside
      the hours; and ``next_opening``, always after ``ctx.at``).

    Plus the service levels (:func:`targets` for ``plan`` and ``start``; without a plan only
    the rows for every plan): ``response_due``, ``resolution_due``, their reasons and missing
    settings — unless ``with_targets`` is false (the opening hours only).
    """
    channel = str(ctx.request.channel)
    table = tables.channels
    offered = (
        table.offered
        if table is not None and table.offered is not None
        else tuple(str(c) for c in ctx.vendor.channels)
    )
    if offered and channel not in offered:
        refusal = ctx.reason(
            "channel-not-offered",
            "{vendor} gives support by {offered}, not by {channel}",
            *in_force(ctx.terms, table.clauses if table is not None else ()),
            vendor=ctx.vendor.title,
            offered=tuple(_channel(c) for c in offered),
            channel=ctx.request.channel,
        )
        return Service(channel, open_now=False, reasons=(refusal,))
    reasons: list[Reason] = []
    missing: list[MissingSetting] = []
    open_now: bool | None = None
    schedule: str | None = None
    next_opening: datetime | None = None
    name = table.hours.get(channel) if table is not None else None
    calendar = ctx.calendars.get(name) if name is not None else None
    hours = tables.calendar_tables.get(name) if name is not None else None
    if name is None:
        reasons.append(
            ctx.reason(
                "no-published-hours",
                "No opening hours are published for support by {channel}",
                channel=ctx.request.channel,
            )
        )
    elif calendar is None or hours is None:
        reasons.append(_hours_unknown(ctx, hours, channel, missing))
    else:
        try:
            status = calendar.status(ctx.at)
        except CalendarError as exc:
            reasons.append(ctx.reason("no-opening", "{problem}", problem=str(exc)))
        else:
            open_now = status.open
            today = ctx.at.astimezone(calendar.tz).date()
            said = calendar.describe(hours.schedule_labels, since=today)
            if status.open:
                schedule = status.schedule
                reasons.append(_open(ctx, hours, channel, status.next_schedule, said))
            else:
                next_opening = status.next_open
                reasons.append(
                    _closed(ctx, hours, calendar, channel, next_opening, status.next_schedule, said)
                )
    found = targets(tables, ctx, plan, start) if with_targets else NO_TARGETS
    return Service(
        channel,
        open_now=open_now,
        schedule=schedule,
        next_opening=next_opening,
        response_due=found.response_due,
        reasons=(*reasons, *found.reasons),
        missing=(*missing, *found.missing),
        resolution_due=found.resolution_due,
    )


def _hours_unknown(
    ctx: Context[Any, Any],
    hours: CalendarTable | None,
    channel: str,
    missing: list[MissingSetting],
) -> Reason:
    ids = in_force(ctx.terms, hours.clauses) if hours is not None else ()
    if hours is not None and hours.setting is not None:
        missing.append(ctx.missing(hours.setting))
        return ctx.reason(
            "hours-unknown",
            "The hours of support by {channel} are not in the terms, and the setting that "
            "gives them was not supplied",
            *ids,
            settings=(hours.setting,),
            channel=_channel(channel),
        )
    return ctx.reason(
        "hours-unknown",
        "The hours of support by {channel} could not be built from the terms and settings",
        *ids,
        channel=_channel(channel),
    )


def _schedule_ids(ctx: Context[Any, Any], hours: CalendarTable, name: str) -> tuple[str, ...]:
    return in_force(ctx.terms, (*hours.schedule_clauses.get(name, ()), *hours.clauses))


def _open(
    ctx: Context[Any, Any], hours: CalendarTable, channel: str, name: str, said: HoursWords
) -> Reason:
    return ctx.reason(
        "open-now",
        "Support by {channel} is open now ({hours}). Opening hours: {opening_hours}",
        *_schedule_ids(ctx, hours, name),
        channel=_channel(channel),
        hours=phrase(hours.schedule_labels.get(name) or name),
        opening_hours=said,
    )


def _closed(
    ctx: Context[Any, Any],
    hours: CalendarTable,
    calendar: BusinessCalendar,
    channel: str,
    opens: datetime,
    following: str,
    said: HoursWords,
) -> Reason:
    today = ctx.at.astimezone(calendar.tz).date()
    why = calendar.explain_closed(today)
    rests_on: tuple[str, ...] = ()
    if why is not None and why.startswith("closure:") and hours.closures_setting:
        rests_on = (hours.closures_setting,)
    elif why is not None and why.startswith("public holiday:") and hours.holidays is not None:
        rule = hours.holidays
        rests_on = tuple(k for k in (rule.setting, rule.subdiv_setting, rule.when) if k)
    return ctx.reason(
        "closed-now",
        "Support by {channel} is closed now ({why}); it opens {opens} ({hours}). Opening hours: "
        "{opening_hours}",
        *_schedule_ids(ctx, hours, following),
        settings=rests_on,
        channel=_channel(channel),
        why=_why_closed(why, calendar.holidays, today),
        opens=opens,
        hours=phrase(hours.schedule_labels.get(following) or following),
        opening_hours=said,
    )


def _channel(name: str) -> Channel | str:
    """A channel's name as the :class:`Channel` (written in the reader's language)."""
    try:
        return Channel(name)
    except ValueError:
        return name


#: The weekdays of the calendar's explanations, in words the catalogs translate.
_WEEKDAYS = dict(
    zip(
        WEEKDAY_NAMES,
        (
            phrase("Monday"),
            phrase("Tuesday"),
            phrase("Wednesday"),
            phrase("Thursday"),
            phrase("Friday"),
            phrase("Saturday"),
            phrase("Sunday"),
        ),
        strict=True,
    )
)


def _why_closed(why: str | None, holidays: HolidaySpec | None, day: date) -> Phrase:
    """The calendar's reason for a day without opening hours (``"Saturday"``, ``"public
    holiday: …"``, ``"closure: …"``) as words the catalogs translate; a public holiday is
    named in the reader's language where the ``holidays`` package has it, a closure as given."""
    if why is None:
        return phrase("outside the opening hours")
    kind, sep, name = why.partition(": ")
    if sep and kind == "public holiday":
        named = HolidayName(holidays, day, name) if holidays is not None else name
        return phrase("public holiday: {name}", name=named)
    if sep and kind == "closure":
        return phrase("closure: {name}", name=name)
    if sep and kind in _WEEKDAYS:
        return phrase("{day}: its opening hours fall in a daylight-saving gap", day=_WEEKDAYS[kind])
    return _WEEKDAYS.get(why) or phrase(why)


# --------------------------------------------------------------------------- service levels


@attrs.frozen
class _Candidate:
    due: datetime
    target: Phrase  #: the target in words
    clock: Phrase
    start: datetime
    clauses: tuple[str, ...]


def targets(
    tables: VendorTables,
    ctx: Context[Any, Any],
    plan: str | None,
    start: datetime | Literal[False] | None = None,
) -> ServiceTargets:
    """The ``[[service_levels]]`` rows matching the request (``plan`` or ``"*"``, its
    severity, channel and category), applied.

    Each row's ``response`` and ``resolution`` are counted on its calendar from its clock:
    ``received`` (``request.received_at``) or ``information_complete`` (the last such ticket
    event at or after receipt; without one the clock has not started, and a reason says so).
    A row's ``response_setting`` / ``resolution_setting`` adds the plan's own target in
    business hours (a reason and the missing setting when the plan has none). When several
    targets apply, the earliest deadline wins: its reason (``response-due``,
    ``resolution-due``) comes first, the others follow (``response-target``, ...).

    ``start``, when the vendor's own rule says when its clock started (informapuntcom: when the
    request became processable), replaces every row's clock; ``False``: the vendor's rule says
    it has not started.
    """
    if not tables.service_levels:
        return NO_TARGETS
    request = ctx.request
    level = ctx.severity
    channel, category = str(request.channel), request.category
    rows = [r for r in tables.service_levels if r.matches(plan, level, channel, category)]
    if not rows:
        return NO_TARGETS
    reasons: list[Reason] = []
    missing: list[MissingSetting] = []
    given = start
    found: dict[str, list[_Candidate]] = {"response": [], "resolution": []}
    starts: dict[str, datetime | None] = {}
    for row in rows:
        if row.clock not in starts:
            if given is None:
                starts[row.clock] = _clock_start(ctx, row.clock)
            else:
                starts[row.clock] = given or None
        clock_start = starts[row.clock]
        ids = in_force(ctx.terms, row.clauses)
        for what in ("response", "resolution"):
            wanted = _wanted(ctx, row, what, plan, ids, reasons, missing)
            for target, words in wanted:
                if clock_start is None:
                    reasons.append(
                        ctx.reason(
                            f"{what}-clock-not-started",
                            "No {what} deadline yet: {target}, counted from {clock}, which "
                            "has not happened yet",
                            *ids,
                            what=_WHAT[what],
                            target=words,
                            clock=_CLOCK_WORDS[row.clock] if given is None else _VENDOR_CLOCK,
                        )
                    )
                    continue
                due = _deadline(
                    ctx, tables, row, target, clock_start, what, words, ids, reasons, missing
                )
                if due is not None:
                    found[what].append(
                        _Candidate(ctx.local(due), words, _CLOCK_WORDS[row.clock], clock_start, ids)
                    )
    response = _explain(ctx, "response", found["response"], reasons)
    resolution = _explain(ctx, "resolution", found["resolution"], reasons)
    return ServiceTargets(response, resolution, tuple(reasons), tuple(dict.fromkeys(missing)))


#: The clock a vendor's own rule starts (``targets(start=...)``), in the reasons.
_VENDOR_CLOCK = phrase("when the request can be processed")


def _clock_start(ctx: Context[Any, Any], clock: str) -> datetime | None:
    received = ctx.request.received_at
    if clock == "received":
        return received
    event = ctx.case.ticket.last(EventKind.INFORMATION_COMPLETE)
    return event.at if event is not None and event.at >= received else None


def _wanted(
    ctx: Context[Any, Any],
    row: ServiceLevelRow,
    what: str,
    plan: str | None,
    ids: tuple[str, ...],
    reasons: list[Reason],
    missing: list[MissingSetting],
) -> list[tuple[Target, Phrase]]:
    """The row's targets for ``what``: its own, and the plan's from its setting."""
    wanted: list[tuple[Target, Phrase]] = []
    own: Target | None = getattr(row, what)
    if own is not None:
        wanted.append((own, _target_words(own)))
    key: str | None = getattr(row, f"{what}_setting")
    if key is None or plan is None:
        return wanted
    table = ctx.settings.get(key)
    hours = table.get(plan) if isinstance(table, dict) else None
    if hours is None:
        missing.append(ctx.missing(key))
        reasons.append(
            ctx.reason(
                "plan-target-unknown",
                "No {what} target for plan {plan}: the setting that gives the plans' targets "
                "does not give it",
                *ids,
                settings=(key,),
                what=_WHAT[what],
                plan=plan,
            )
        )
        return wanted
    amount: int | Decimal = int(hours) if hours == hours.to_integral_value() else hours
    written = format(hours.normalize(), "f")
    text = f"{written} business hour" + ("" if written == "1" else "s")
    target = Target("business_hours", amount, text)
    words = phrase("{target} for plan {plan}", target=_target_words(target), plan=plan)
    wanted.append((target, words))
    return wanted


def _target_words(target: Target) -> Phrase:
    """A service-level target in words the catalogs translate (``4 business hours``)."""
    n = target.amount
    if target.kind == "business_hours":
        return plural("{n} business hour", "{n} business hours", n=n)
    if target.kind == "business_days":
        return plural("{n} business day", "{n} business days", n=n)
    if target.kind == "hours":
        return plural("{n} hour", "{n} hours", n=n)
    return _AT_OPENING


def _deadline(
    ctx: Context[Any, Any],
    tables: VendorTables,
    row: ServiceLevelRow,
    target: Target,
    start: datetime,
    what: str,
    words: Phrase,
    ids: tuple[str, ...],
    reasons: list[Reason],
    missing: list[MissingSetting],
) -> datetime | None:
    if target.kind == "hours":
        return add_calendar_hours(start, target.amount).result
    assert row.calendar is not None  # (parse_tables requires it for business time)
    calendar = ctx.calendars.get(row.calendar)
    if calendar is None:
        hours = tables.calendar_tables.get(row.calendar)
        key = hours.setting if hours is not None else None
        if key is not None:
            missing.append(ctx.missing(key))
        reasons.append(
            ctx.reason(
                f"{what}-due-unknown",
                "No {what} deadline: {target} counted on opening hours that are not available "
                "(the terms leave them to a setting that was not supplied)",
                *ids,
                settings=(key,) if key else (),
                what=_WHAT[what],
                target=words,
            )
        )
        return None
    if target.kind == "business_hours":
        return calendar.add_business_hours(start, target.amount).result
    if target.kind == "business_days":
        return calendar.add_business_days(start, int(target.amount)).result
    return calendar.next_open(start)


def _explain(
    ctx: Context[Any, Any], what: str, found: list[_Candidate], reasons: list[Reason]
) -> datetime | None:
    if not found:
        return None
    ordered = sorted(found, key=lambda c: c.due)
    first = ordered[0]
    if what == "response":
        reasons.append(
            ctx.reason(
                "response-due",
                "A response is due by {due}: {target}, from {clock} at {start}",
                *first.clauses,
                due=first.due,
                target=first.target,
                clock=first.clock,
                start=ctx.local(first.start),
            )
        )
    else:
        reasons.append(
            ctx.reason(
                "resolution-due",
                "A resolution is due by {due}: {target}, from {clock} at {start}",
                *first.clauses,
                due=first.due,
                target=first.target,
                clock=first.clock,
                start=ctx.local(first.start),
            )
        )
    for other in ordered[1:]:
        reasons.append(
            ctx.reason(
                f"{what}-target",
                "Also a {what} target of {target}, from {clock} at {start}: {due}; the "
                "earlier deadline applies",
                *other.clauses,
                what=_WHAT[what],
                due=other.due,
                target=other.target,
                clock=other.clock,
                start=ctx.local(other.start),
            )
        )
    return first.due
