"""Timers of booked appointments: the wait for a customer who does not turn up, and the notice
a cancellation needs."""

from __future__ import annotations

from datetime import datetime, timedelta

import attrs

from ..appointments import Appointment
from ..ledger import format_minutes
from ..model import EventKind, Party, Ticket
from ..timeline import build_timeline
from ._state import (
    TimerState,
    TimerStatus,
    _check_at,
    _describe_event,
    _fmt,
    _from_last,
    _plus,
    _utc,
    _visible,
)


def _last_appointment(ticket: Ticket, at: datetime) -> Appointment | None:
    """The last appointment booked on ``ticket`` by ``at``, read from its booking on."""
    events = _from_last(_visible(ticket, at), EventKind.APPOINTMENT_BOOKED)
    return build_timeline(events).appointments[-1] if events else None


@attrs.frozen
class AppointmentMissed:
    """Ends a remote-assistance session the customer did not turn up to.

    informapuntcom: "El intervalo de tiempo que informapuntcom esperará al usuario para poder
    iniciar la sesión de control remoto: es de 15 minutos. Pasado este intervalo, si el usuario
    no está disponible o no tiene conexión se dará por finalizada la sesión."

    Looks at the last ``APPOINTMENT_BOOKED``. Inactive if it was cancelled afterwards, or if the
    customer was there: a ``WORK_SESSION`` running during the wait, from ``scheduled_for`` to
    ``scheduled_for + grace`` (a session ran from its ``at`` minus its ``minutes`` to its
    ``at``), or the customer getting in touch during it. Fires at ``scheduled_for + grace``
    when the vendor recorded an ``APPOINTMENT_MISSED`` or ``CONNECTION_FAILED``, or when the
    wait ran out with no sign of the customer.
    """

    grace_minutes: int = attrs.field(validator=attrs.validators.ge(0))
    name: str = "appointment-missed"

    def evaluate(self, ticket: Ticket, at: datetime) -> TimerState:
        """The wait for the last appointment of ``ticket`` at ``at`` (later events unseen)."""
        return self.evaluate_appointment(_last_appointment(ticket, at), at)

    def evaluate_appointment(self, appointment: Appointment | None, at: datetime) -> TimerState:
        """The wait for ``appointment`` at ``at`` (``None``: nothing was booked)."""
        _check_at(at)
        if appointment is None:
            return TimerState(
                self.name, TimerStatus.INACTIVE, None, None, "No appointment has been booked."
            )
        sched = appointment.scheduled_for
        cancel = appointment.cancelled
        if cancel is not None:
            return TimerState(
                self.name,
                TimerStatus.INACTIVE,
                None,
                sched,
                f"The appointment of {_fmt(sched)} was cancelled on {_fmt(cancel.at)}.",
            )
        grace = timedelta(minutes=self.grace_minutes)
        end = appointment.wait_ends(grace)
        wait = f"the {self.grace_minutes}-minute wait after the appointment of {_fmt(sched)}"
        recorded = appointment.recorded
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
        present = appointment.present(grace)
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
        """The notice of the last appointment of ``ticket`` at ``at`` (later events unseen)."""
        return self.evaluate_appointment(_last_appointment(ticket, at), at)

    def evaluate_appointment(self, appointment: Appointment | None, at: datetime) -> TimerState:
        """The notice given for ``appointment`` (``None``: nothing was booked)."""
        _check_at(at)
        if appointment is None:
            return TimerState(
                self.name, TimerStatus.INACTIVE, None, None, "No appointment has been booked."
            )
        booking, sched = appointment.booked, appointment.scheduled_for
        limit = _plus(sched, -60 * self.min_notice_hours)
        rule = f"at least {self.min_notice_hours} hours' notice, that is by {_fmt(limit)}"
        cancel = appointment.cancelled
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
