"""Appointments: a booking ("cita", "afspraak"), what became of it, and when.

Support terms that work by appointment (a remote-control session, a call at an agreed time) ask
for notice to cancel it, wait a while for the customer, and treat an absence or a failed
connection as the customer's. An :class:`Appointment` holds what the ticket says happened to one
booking before the next one; :meth:`Appointment.outcome` applies the terms' notice and wait to
it. The :class:`~supportcore.timeline.Timeline` builds them; the appointment timers of
:mod:`supportcore.timers` explain them.

A work session's ``at`` is when it ended and ``minutes`` its length: it ran from ``at −
minutes`` to ``at``. "The customer got in touch" is a ``customer_reply`` or any event made
``by`` the customer.
"""

from __future__ import annotations

import enum
from datetime import UTC, datetime, timedelta
from typing import Literal

import attrs

from .model import Event, EventKind, Party

__all__ = ["Appointment", "AppointmentKind", "AppointmentOutcome", "AppointmentStatus"]

_K = EventKind
#: What an appointment is, from its booking's ``ref``: a remote-control session or a call.
AppointmentKind = Literal["remote", "phone"]


def _utc(dt: datetime) -> datetime:
    return dt.astimezone(UTC)


def _began(session: Event) -> datetime:
    """When a work session began (UTC): its end minus its minutes."""
    return _utc(session.at) - timedelta(minutes=session.minutes or 0)


class AppointmentStatus(enum.StrEnum):
    """What became of an appointment ("cita", "afspraak")."""

    PENDING = "pending"  #: not decided yet: before its time, or within the wait
    ATTENDED = "attended"  #: the customer was there (a work session or contact in the wait)
    VENDOR_CANCELLED = "vendor_cancelled"  #: the vendor called it off
    CANCELLED_IN_TIME = "cancelled_in_time"  #: cancelled with at least the notice required
    CANCELLED_LATE = "cancelled_late"  #: cancelled with less notice ("sin preaviso")
    MISSED = "missed"  #: no sign of the customer in the wait, or a no-show recorded
    CONNECTION_FAILED = "connection_failed"  #: the remote connection failed (customer's set-up)


@attrs.frozen
class AppointmentOutcome:
    """An appointment's :class:`AppointmentStatus` at an instant, and since when."""

    status: AppointmentStatus
    #: when it became so: the cancellation, the customer's presence, or the end of the wait;
    #: ``None`` while pending
    since: datetime | None
    #: the end of the wait: the scheduled time plus the grace the vendor waits
    wait_ends: datetime
    #: the event that decided it (cancellation, recorded no-show or failure, presence), if any
    event: Event | None = None


@attrs.frozen
class Appointment:
    """One booked appointment ("cita", "sesión de control remoto", "afspraak") and what
    happened to it before the next booking.

    ``presence`` holds the events from the scheduled time on that can show the customer was
    there: work sessions still running at or after it (ended at or after it) and the customer
    getting in touch (at or after it). Which of them count is :meth:`present`'s rule.
    """

    #: the ``appointment_booked`` event; its ``scheduled_for`` says when the appointment is
    booked: Event
    #: ``"remote"`` (remote-control session) or ``"phone"`` (a call) from the booking's
    #: ``ref``; ``None`` when the case does not say
    kind: AppointmentKind | None
    #: the first ``appointment_cancelled`` after the booking, or ``None``
    cancelled: Event | None
    #: the first ``appointment_missed`` (a no-show recorded by the vendor), or ``None``
    missed: Event | None
    #: the first ``connection_failed`` (the remote connection failed), or ``None``
    connection_failed: Event | None
    #: the first of ``missed`` and ``connection_failed``: what the vendor recorded first
    recorded: Event | None
    #: work sessions and customer contacts from the scheduled time on, in order
    presence: tuple[Event, ...]
    #: the index of the segment it was booked in
    segment: int

    @property
    def scheduled_for(self) -> datetime:
        """When the appointment is ("fecha y hora concertada")."""
        at = self.booked.scheduled_for
        assert at is not None  # the model requires it of a booking
        return at

    @property
    def cancelled_by(self) -> Party | None:
        """Who cancelled it, as recorded (``None``: not cancelled, or not said)."""
        return self.cancelled.by if self.cancelled is not None else None

    @property
    def notice(self) -> timedelta | None:
        """How long before the scheduled time it was cancelled ("antelación"), in elapsed
        time; negative when cancelled after that time; ``None`` when not cancelled."""
        if self.cancelled is None:
            return None
        return _utc(self.scheduled_for) - _utc(self.cancelled.at)

    def wait_ends(self, grace: timedelta) -> datetime:
        """The scheduled time plus ``grace`` (elapsed), in the scheduled time's zone."""
        sched = self.scheduled_for
        return (_utc(sched) + grace).astimezone(sched.tzinfo)

    def present(self, grace: timedelta) -> Event | None:
        """The first sign that the customer was there during the wait (from the scheduled
        time to ``grace`` after it): a work session running in it (it ran from ``at −
        minutes`` to ``at``), or the customer getting in touch in it."""
        start = _utc(self.scheduled_for)
        end = start + grace
        for e in self.presence:
            if e.kind is _K.WORK_SESSION:
                if _began(e) <= end:
                    return e
            elif _utc(e.at) <= end:
                return e
        return None

    def outcome(self, min_notice: timedelta, grace: timedelta, at: datetime) -> AppointmentOutcome:
        """What became of the appointment by ``at``, for terms that ask ``min_notice`` to
        cancel ("una antelación mínima de 4 horas") and wait ``grace`` for the customer ("15
        minutos").

        In this order: cancelled by the vendor; cancelled with at least ``min_notice`` (exactly
        that is in time) or less; a no-show or failed connection recorded — missed or
        connection failed once the wait is over, pending before; the customer present in the
        wait — attended; the wait over without a sign of the customer — missed; else pending.
        """
        ends = self.wait_ends(grace)
        cancel = self.cancelled
        if cancel is not None:
            notice = self.notice
            assert notice is not None
            if cancel.by is Party.VENDOR:
                status = AppointmentStatus.VENDOR_CANCELLED
            elif notice >= min_notice:
                status = AppointmentStatus.CANCELLED_IN_TIME
            else:
                status = AppointmentStatus.CANCELLED_LATE
            return AppointmentOutcome(status, cancel.at, ends, cancel)
        over = _utc(at) >= _utc(ends)
        recorded = self.recorded
        if recorded is not None:
            if not over:
                return AppointmentOutcome(AppointmentStatus.PENDING, None, ends, recorded)
            failed = self.connection_failed is not None
            status = AppointmentStatus.CONNECTION_FAILED if failed else AppointmentStatus.MISSED
            return AppointmentOutcome(status, ends, ends, recorded)
        shown = self.present(grace)
        if shown is not None:
            since = shown.at  # a contact (at or after the scheduled time)
            if shown.kind is _K.WORK_SESSION:
                began = _began(shown)
                late = began > _utc(self.scheduled_for)
                since = began.astimezone(shown.at.tzinfo) if late else self.scheduled_for
            return AppointmentOutcome(AppointmentStatus.ATTENDED, since, ends, shown)
        if over:
            return AppointmentOutcome(AppointmentStatus.MISSED, ends, ends)
        return AppointmentOutcome(AppointmentStatus.PENDING, None, ends)
