"""Closure timers: the clocks in the vendors' terms that close a ticket or end a session.

Each timer reads a :class:`~supportcore.model.Ticket`'s timeline at an explicit evaluation
instant and reports a :class:`TimerState`: whether it is running (``pending``), has gone off
(``fired``) or does not apply (``inactive``), when it fires or fired, what started it, and an
explanation a help-desk agent can read out to the customer. Plugins compose timers
declaratively (``NoAnswerAfterReply(hours=48)``) and decide what a fired timer *means* (the
ticket is closed, 30 minutes are charged); a timer only says what happened on the clock.

Rules every timer keeps:

* The evaluation instant is explicit; nothing reads the wall clock. Events after the evaluation
  instant are ignored, so the same ticket can be replayed at any instant.
* A naive ``at`` is refused with a ``ValueError`` naming the parameter.
* A timer never fires before the event it depends on, and a ``fired`` state always has
  ``fires_at <= at``.
* Instants are compared as absolute instants (UTC), never by wall clock, so the repeated hour
  when clocks go back is ordered correctly; explanations show each instant in its own zone.
* ``fires_at`` of a ``pending`` state is the instant it fires if nothing else happens, or
  ``None`` when firing waits on an action with no set time (see ``owed``).

"The customer got in touch" means a ``CUSTOMER_REPLY`` event or any event made ``by`` the
customer (the terms say "no haya efectuado ninguna respuesta o no se haya puesto en contacto").
"""

from __future__ import annotations

import enum
from collections.abc import Iterable, Sequence
from datetime import UTC, datetime, timedelta
from typing import Protocol

import attrs

from .calendar import BusinessCalendar, BusinessTime, add_calendar_hours
from .ledger import format_minutes
from .model import Event, EventKind, Party, Ticket
from .text import format_time

__all__ = [
    "AppointmentMissed",
    "AttentionCap",
    "LateCancellation",
    "NoAnswerAfterReply",
    "Timer",
    "TimerState",
    "TimerStatus",
    "WaitingOnCustomer",
    "first_fired",
    "next_due",
]

Owed = tuple[str, str, datetime | None]


class TimerStatus(enum.StrEnum):
    INACTIVE = "inactive"  #: the timer has not started, or was stopped
    PENDING = "pending"  #: running; see ``fires_at`` and ``owed``
    FIRED = "fired"  #: went off at ``fires_at``


@attrs.frozen
class TimerState:
    """One timer's state at one instant, with the reason in words.

    ``since`` is the instant of the event that started the timer. ``owed`` lists what someone
    still has to do, as ``(party, action, due)``: ``("vendor", "contact attempt 2 of 2",
    None)`` or ``("customer", "answer the vendor's reply", due)``.
    """

    timer: str
    status: TimerStatus
    fires_at: datetime | None
    since: datetime | None
    explanation: str
    owed: tuple[Owed, ...] = ()

    def __attrs_post_init__(self) -> None:
        if self.status is TimerStatus.FIRED and self.fires_at is None:
            raise ValueError(f"fires_at: the fired timer {self.timer!r} needs its firing instant")


class Timer(Protocol):
    """Anything that can say, for a ticket at an instant, where its clock stands."""

    @property
    def name(self) -> str: ...

    def evaluate(self, ticket: Ticket, at: datetime) -> TimerState: ...


# --- helpers ------------------------------------------------------------------------------


def _utc(dt: datetime) -> datetime:
    return dt.astimezone(UTC)


def _check_at(at: datetime) -> None:
    if at.tzinfo is None or at.utcoffset() is None:
        raise ValueError(
            f"at: needs a time zone, got the naive datetime {at.isoformat()} "
            "(write an offset such as +01:00 or use a ZoneInfo)"
        )


def _fmt(dt: datetime) -> str:
    """``Mon 2026-10-26 11:00 CET``: the weekday helps with business days, the zone's
    abbreviation shows summer or winter time; zones without one show ``UTC-04:00``."""
    zone = dt.tzname() or ""
    if not zone or zone[0] in "+-":
        offset = f"{dt:%z}"
        zone = f"UTC{offset[:3]}:{offset[3:5]}"
    return f"{format_time(dt, '%a %Y-%m-%d %H:%M')} {zone}"


def _plus(dt: datetime, minutes: int) -> datetime:
    """``dt`` plus elapsed minutes, shown in ``dt``'s zone (never wall-clock arithmetic)."""
    return (_utc(dt) + timedelta(minutes=minutes)).astimezone(dt.tzinfo)


def _visible(ticket: Ticket, at: datetime) -> tuple[Event, ...]:
    """The events that had happened by the evaluation instant ``at``."""
    _check_at(at)
    cut = _utc(at)
    events = ticket.events
    if not events or _utc(events[-1].at) <= cut:  # (a ticket's events are in time order)
        return events
    return tuple(e for e in events if _utc(e.at) <= cut)


def _last(events: Sequence[Event], kind: EventKind) -> tuple[int, Event] | None:
    for i in range(len(events) - 1, -1, -1):
        if events[i].kind is kind:
            return i, events[i]
    return None


def _last_booking(events: Sequence[Event]) -> tuple[int, Event, datetime] | None:
    """The last booked appointment: its index, the event, and when it is scheduled for."""
    found = _last(events, EventKind.APPOINTMENT_BOOKED)
    if found is None:
        return None
    i, booking = found
    assert booking.scheduled_for is not None  # the model requires it
    return i, booking, booking.scheduled_for


def _customer_contact(e: Event) -> bool:
    return e.kind is EventKind.CUSTOMER_REPLY or e.by is Party.CUSTOMER


def _describe_event(e: Event) -> str:
    return f"{e.kind.value.replace('_', ' ')} on {_fmt(e.at)}"


def _skips(bt: BusinessTime) -> str:
    """The closed days worth naming that a business-time sum skipped: holidays and closures.

    Plain weekends are left out (everyone expects them); ``BusinessTime.skipped`` labels carry
    their reason in brackets, e.g. ``Friday 2026-05-01 (public holiday: Labor Day)``.
    """
    notable = [label for label in bt.skipped if "(" in label]
    return f", skipping {', '.join(notable)}" if notable else ""


def _clock_note(a: datetime, b: datetime) -> str:
    if a.utcoffset() == b.utcoffset():
        return ""
    return f" (the clocks changed in between, from UTC{a:%z} to UTC{b:%z})"


# --- timers -------------------------------------------------------------------------------


@attrs.frozen
class NoAnswerAfterReply:
    """Closes a ticket the customer left unanswered ``hours`` after the vendor's last reply.

    informapuntcom: "Cuando el usuario no haya efectuado ninguna respuesta o no se haya puesto
    en contacto después de 48 horas, contados a partir de la hora de la última respuesta
    efectuada por informapuntcom."

    Starts at the last ``VENDOR_REPLY``; stopped (``inactive``) once the customer gets in touch
    after it; fires ``hours`` after the reply. With ``calendar=None`` these are elapsed hours
    (48 real hours, across a DST change too); with a calendar, business hours of it.
    """

    hours: int = attrs.field(validator=attrs.validators.ge(0))
    calendar: BusinessCalendar | None = None
    name: str = "no-answer-after-reply"

    def _deadline(self, start: datetime) -> tuple[datetime, str]:
        if self.calendar is None:
            result = add_calendar_hours(start, self.hours).result
            return result, f"{self.hours} hours{_clock_note(start, result)}"
        bt = self.calendar.add_business_hours(start, self.hours)
        return bt.result, f"{bt.amount} of the {self.calendar.name} calendar{_skips(bt)}"

    def evaluate(self, ticket: Ticket, at: datetime) -> TimerState:
        events = _visible(ticket, at)
        found = _last(events, EventKind.VENDOR_REPLY)
        if found is None:
            return TimerState(
                self.name,
                TimerStatus.INACTIVE,
                None,
                None,
                "The vendor has not replied yet, so the no-answer clock has not started.",
            )
        i, reply = found
        answer = next((e for e in events[i + 1 :] if _customer_contact(e)), None)
        if answer is not None:
            return TimerState(
                self.name,
                TimerStatus.INACTIVE,
                None,
                reply.at,
                f"The customer got in touch ({_describe_event(answer)}) after the vendor's last "
                f"reply on {_fmt(reply.at)}, so the {self.hours}-hour no-answer clock stopped.",
            )
        fires, span = self._deadline(reply.at)
        if _utc(at) >= _utc(fires):
            return TimerState(
                self.name,
                TimerStatus.FIRED,
                fires,
                reply.at,
                f"The vendor last replied on {_fmt(reply.at)} and the customer did not answer "
                f"within {span}, so the ticket can be closed as of {_fmt(fires)}.",
            )
        return TimerState(
            self.name,
            TimerStatus.PENDING,
            fires,
            reply.at,
            f"The vendor last replied on {_fmt(reply.at)}. If the customer does not answer "
            f"within {span}, that is by {_fmt(fires)}, the ticket can be closed.",
            owed=((Party.CUSTOMER.value, f"answer the vendor's reply of {_fmt(reply.at)}", fires),),
        )


@attrs.frozen
class WaitingOnCustomer:
    """Closes a case after a silent wait for information and unanswered contact attempts.

    Softmás: "En casos donde el consultor este esperando por futura información del cliente y
    éste no lo contacte después de un periodo de 10 días hábiles, el consultor realizará dos
    intentos de contacto al cliente y si no se establece contacto, el asesor cerrará el caso."

    Starts at the last ``WAITING_ON_CUSTOMER`` not followed by ``INFORMATION_COMPLETE`` or the
    customer getting in touch. Once ``business_days`` have passed (same wall time on the n-th
    business day), the vendor owes ``attempts`` ``CONTACT_ATTEMPT`` events made *after* that
    deadline; attempts made earlier do not count. Pending while any is owed (``fires_at`` is
    then ``None``: it depends on when the vendor acts); fired at the last required attempt.
    """

    business_days: int = attrs.field(validator=attrs.validators.ge(0))
    attempts: int = attrs.field(validator=attrs.validators.ge(0))
    calendar: BusinessCalendar
    name: str = "waiting-on-customer"

    def evaluate(self, ticket: Ticket, at: datetime) -> TimerState:
        events = _visible(ticket, at)
        found = _last(events, EventKind.WAITING_ON_CUSTOMER)
        if found is None:
            return TimerState(
                self.name,
                TimerStatus.INACTIVE,
                None,
                None,
                "The vendor is not waiting for information from the customer.",
            )
        i, wait = found
        after = events[i + 1 :]
        stop = next(
            (e for e in after if e.kind is EventKind.INFORMATION_COMPLETE or _customer_contact(e)),
            None,
        )
        asked = f"The vendor asked the customer for information on {_fmt(wait.at)}"
        if stop is not None:
            return TimerState(
                self.name,
                TimerStatus.INACTIVE,
                None,
                wait.at,
                f"{asked}; the wait ended with {_describe_event(stop)}.",
            )
        bt = self.calendar.add_business_days(wait.at, self.business_days)
        deadline = bt.result
        days = f"{bt.amount} ({self.calendar.name} calendar{_skips(bt)})"
        tries = [
            e
            for e in after
            if e.kind is EventKind.CONTACT_ATTEMPT
            and e.by is not Party.CUSTOMER
            and _utc(e.at) >= _utc(deadline)
        ]
        early = [
            e for e in after if e.kind is EventKind.CONTACT_ATTEMPT and _utc(e.at) < _utc(deadline)
        ]
        early_note = ""
        if early:
            listed = ", ".join(_fmt(e.at) for e in early)
            many = len(early) > 1
            early_note = (
                f" The contact attempt{'s' if many else ''} on {listed} came before the "
                f"{self.business_days} business days had passed and {'do' if many else 'does'} "
                "not count."
            )
        n = self.attempts
        if _utc(at) < _utc(deadline):
            owed: list[Owed] = [
                (Party.CUSTOMER.value, "send the information the vendor asked for", deadline)
            ]
            then = (
                "the case can be closed"
                if n == 0
                else f"the consultant will make {n} contact attempt{'s' if n != 1 else ''} "
                "and, if none reaches the customer, can close the case"
            )
            return TimerState(
                self.name,
                TimerStatus.PENDING,
                deadline if n == 0 else None,
                wait.at,
                f"{asked}. If the customer has not got in touch after {days}, that is by "
                f"{_fmt(deadline)}, {then}.{early_note}",
                owed=tuple(owed),
            )
        if len(tries) >= n:
            fired = tries[n - 1].at if n else deadline
            made = (
                f" and the consultant's {n} contact attempt{'s' if n != 1 else ''} after that "
                f"({', '.join(_fmt(e.at) for e in tries[:n])}) went unanswered"
                if n
                else ""
            )
            return TimerState(
                self.name,
                TimerStatus.FIRED,
                fired,
                wait.at,
                f"{asked}; the customer did not get in touch within {days}, by "
                f"{_fmt(deadline)},{made}; the case can be closed as of {_fmt(fired)}."
                f"{early_note}",
            )
        k = len(tries)
        done = (
            f"the consultant has made {k} of {n} contact attempts "
            f"({', '.join(_fmt(e.at) for e in tries)})"
            if k
            else f"none of the {n} contact attempts has been made yet"
        )
        return TimerState(
            self.name,
            TimerStatus.PENDING,
            None,
            wait.at,
            f"{asked}; {days} passed on {_fmt(deadline)} without news from the customer, so the "
            f"consultant must try to contact the customer {n} time{'s' if n != 1 else ''} before "
            f"closing the case: {done}.{early_note}",
            owed=tuple(
                (Party.VENDOR.value, f"contact attempt {j} of {n}", None)
                for j in range(k + 1, n + 1)
            ),
        )


@attrs.frozen
class AppointmentMissed:
    """Ends a remote-assistance session the customer did not turn up to.

    informapuntcom: "El intervalo de tiempo que informapuntcom esperará al usuario para poder
    iniciar la sesión de control remoto: es de 15 minutos. Pasado este intervalo, si el usuario
    no está disponible o no tiene conexión se dará por finalizada la sesión."

    Looks at the last ``APPOINTMENT_BOOKED``. Inactive if it was cancelled afterwards, or if the
    customer was there (a ``WORK_SESSION`` or ``CUSTOMER_REPLY`` between ``scheduled_for`` and
    ``scheduled_for + grace``). Fires at ``scheduled_for + grace`` when the vendor recorded an
    ``APPOINTMENT_MISSED`` or ``CONNECTION_FAILED``, or when the wait ran out with no sign of
    the customer.
    """

    grace_minutes: int = attrs.field(validator=attrs.validators.ge(0))
    name: str = "appointment-missed"

    def evaluate(self, ticket: Ticket, at: datetime) -> TimerState:
        events = _visible(ticket, at)
        found = _last_booking(events)
        if found is None:
            return TimerState(
                self.name, TimerStatus.INACTIVE, None, None, "No appointment has been booked."
            )
        i, _, sched = found
        after = events[i + 1 :]
        cancel = next((e for e in after if e.kind is EventKind.APPOINTMENT_CANCELLED), None)
        if cancel is not None:
            return TimerState(
                self.name,
                TimerStatus.INACTIVE,
                None,
                sched,
                f"The appointment of {_fmt(sched)} was cancelled on {_fmt(cancel.at)}.",
            )
        end = _plus(sched, self.grace_minutes)
        wait = f"the {self.grace_minutes}-minute wait after the appointment of {_fmt(sched)}"
        recorded = next(
            (
                e
                for e in after
                if e.kind in (EventKind.APPOINTMENT_MISSED, EventKind.CONNECTION_FAILED)
            ),
            None,
        )
        present = next(
            (
                e
                for e in after
                if e.kind in (EventKind.WORK_SESSION, EventKind.CUSTOMER_REPLY)
                and _utc(sched) <= _utc(e.at) <= _utc(end)
            ),
            None,
        )
        ended = _utc(at) >= _utc(end)
        if recorded is not None:
            what = (
                "the remote connection failed"
                if recorded.kind is EventKind.CONNECTION_FAILED
                else "the customer was not available"
            )
            if ended:
                return TimerState(
                    self.name,
                    TimerStatus.FIRED,
                    end,
                    sched,
                    f"The vendor recorded on {_fmt(recorded.at)} that {what}; the session "
                    f"ended after {wait}, at {_fmt(end)}.",
                )
            return TimerState(
                self.name,
                TimerStatus.PENDING,
                end,
                sched,
                f"The vendor recorded on {_fmt(recorded.at)} that {what}; the session ends "
                f"after {wait}, at {_fmt(end)}.",
            )
        if present is not None:
            return TimerState(
                self.name,
                TimerStatus.INACTIVE,
                None,
                sched,
                f"The customer was available: {_describe_event(present)}, within {wait}.",
            )
        if ended:
            return TimerState(
                self.name,
                TimerStatus.FIRED,
                end,
                sched,
                f"There was no sign of the customer during {wait}, so the session ended at "
                f"{_fmt(end)}.",
            )
        return TimerState(
            self.name,
            TimerStatus.PENDING,
            end,
            sched,
            f"The vendor will wait for the customer until {_fmt(end)} ({wait}); if the "
            "customer is not available by then, the session ends.",
            owed=((Party.CUSTOMER.value, "be available for the remote session", sched),),
        )


@attrs.frozen
class LateCancellation:
    """Marks an appointment cancelled with less than ``min_notice_hours`` of notice.

    informapuntcom: "Si el usuario prevé no estar disponible para la sesión de asistencia remota
    a la fecha y hora concertada, deberá notificarlo ... con una antelación mínima de 4 horas."

    Looks at the last ``APPOINTMENT_BOOKED`` and the first ``APPOINTMENT_CANCELLED`` after it.
    Fired at the cancellation instant if it came later than ``scheduled_for - N hours`` (exactly
    N hours before is in time); inactive otherwise, or if the vendor cancelled.
    """

    min_notice_hours: int = attrs.field(validator=attrs.validators.ge(0))
    name: str = "late-cancellation"

    def evaluate(self, ticket: Ticket, at: datetime) -> TimerState:
        events = _visible(ticket, at)
        found = _last_booking(events)
        if found is None:
            return TimerState(
                self.name, TimerStatus.INACTIVE, None, None, "No appointment has been booked."
            )
        i, booking, sched = found
        limit = _plus(sched, -60 * self.min_notice_hours)
        rule = f"at least {self.min_notice_hours} hours' notice, that is by {_fmt(limit)}"
        cancel = next(
            (e for e in events[i + 1 :] if e.kind is EventKind.APPOINTMENT_CANCELLED), None
        )
        if cancel is None:
            return TimerState(
                self.name,
                TimerStatus.INACTIVE,
                None,
                booking.at,
                f"The appointment of {_fmt(sched)} has not been cancelled; cancelling it needs "
                f"{rule}.",
            )
        if cancel.by is Party.VENDOR:
            return TimerState(
                self.name,
                TimerStatus.INACTIVE,
                None,
                booking.at,
                f"The vendor cancelled the appointment of {_fmt(sched)} on {_fmt(cancel.at)}.",
            )
        lead = (_utc(sched) - _utc(cancel.at)) // timedelta(minutes=1)
        notice = (
            f"{format_minutes(lead)} before it"
            if lead >= 0
            else f"{format_minutes(-lead)} after its start"
        )
        if _utc(cancel.at) > _utc(limit):
            return TimerState(
                self.name,
                TimerStatus.FIRED,
                cancel.at,
                booking.at,
                f"The appointment of {_fmt(sched)} was cancelled on {_fmt(cancel.at)}, "
                f"{notice}: too late, the terms ask for {rule}.",
            )
        return TimerState(
            self.name,
            TimerStatus.INACTIVE,
            None,
            booking.at,
            f"The appointment of {_fmt(sched)} was cancelled on {_fmt(cancel.at)}, {notice}: "
            f"in time ({rule}).",
        )


@attrs.frozen
class AttentionCap:
    """Ends an attention that has run for ``minutes`` since it started.

    Itplusnet: "El tiempo límite de una atención será de 90 minutos por vez."

    The attention starts at the first ``starts_on`` event (a ``WORK_SESSION`` unless the plugin
    names another, such as ``PAYMENT``) and fires ``minutes`` of elapsed time later. The
    explanation also reports the work minutes logged since the start.
    """

    minutes: int = attrs.field(validator=attrs.validators.ge(0))
    name: str = "attention-cap"
    starts_on: EventKind = EventKind.WORK_SESSION

    def evaluate(self, ticket: Ticket, at: datetime) -> TimerState:
        events = _visible(ticket, at)
        label = self.starts_on.value.replace("_", " ")
        i = next((j for j, e in enumerate(events) if e.kind is self.starts_on), None)
        if i is None:
            return TimerState(
                self.name,
                TimerStatus.INACTIVE,
                None,
                None,
                f"The attention has not started (no {label} yet).",
            )
        start = events[i]
        used = sum(e.minutes or 0 for e in events[i:] if e.kind is EventKind.WORK_SESSION)
        ends = _plus(start.at, self.minutes)
        began = f"The attention began on {_fmt(start.at)} ({label})"
        cap = f"the limit is {self.minutes} minutes per attention"
        work = f"Work logged: {format_minutes(used)}"
        if used > self.minutes:
            work += f", {format_minutes(used - self.minutes)} beyond the limit"
        if _utc(at) >= _utc(ends):
            return TimerState(
                self.name,
                TimerStatus.FIRED,
                ends,
                start.at,
                f"{began}; {cap}, reached on {_fmt(ends)}. {work}.",
            )
        return TimerState(
            self.name,
            TimerStatus.PENDING,
            ends,
            start.at,
            f"{began}; {cap}, so it ends on {_fmt(ends)}. {work} so far.",
        )


# --- composing ----------------------------------------------------------------------------


def _fire_key(state: TimerState) -> datetime:
    assert state.fires_at is not None
    return _utc(state.fires_at)


def first_fired(states: Iterable[TimerState]) -> TimerState | None:
    """The state that fired earliest (ties: the first given), or ``None`` if none fired."""
    fired = [s for s in states if s.status is TimerStatus.FIRED]
    return min(fired, key=_fire_key, default=None)


def next_due(states: Iterable[TimerState]) -> TimerState | None:
    """The pending state that fires soonest (ties: the first given); ``None`` if none is due.

    A pending state without ``fires_at`` (waiting on an action with no set time) is skipped.
    """
    due = [s for s in states if s.status is TimerStatus.PENDING and s.fires_at is not None]
    return min(due, key=_fire_key, default=None)
