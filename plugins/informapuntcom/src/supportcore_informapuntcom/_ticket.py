"""Appointments: late cancellations, no-shows and failed connections of remote sessions.

"Citas de asistencia por control remoto": at least 4 hours' notice to cancel (IPC-APT-1); an
absence without notice costs 30 extra minutes and closes the ticket (IPC-APT-2, IPC-APT-3);
informapuntcom waits 15 minutes (IPC-APT-5) before ending the session (IPC-APT-6, IPC-APT-7); a
connection that fails because of the customer's set-up cancels the service until it is fixed,
without refund (IPC-APT-11, IPC-APT-12). Those rules are for remote-control sessions: a phone
appointment (the customer calls at the agreed time, IPC-TEL-4) costs no extra minutes and does
not close the ticket (interpretation IPC-INT-APPOINTMENT-KIND).
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import attrs

from supportcore import Action, Channel, Context, Event, EventKind, Party, Reason, Ticket
from supportcore.ledger import LedgerLine
from supportcore.model import UsageKind
from supportcore.timers import AppointmentMissed, LateCancellation, TimerStatus

from ._text import instant_text

__all__ = [
    "APPOINTMENT_KINDS",
    "APPOINTMENT_SURCHARGE_MINUTES",
    "AppointmentOutcome",
    "appointment_kind",
    "appointment_outcome",
    "appointment_outcomes",
]

#: What an ``appointment_booked`` event's ``ref`` may say: a remote-control session or a call.
APPOINTMENT_KINDS: tuple[str, ...] = (Channel.REMOTE.value, Channel.PHONE.value)

#: "se computará un consumo extra de 30 minutos" / "Computándose un extra de 30 minutos".
APPOINTMENT_SURCHARGE_MINUTES = 30
#: "con una antelación mínima de 4 horas".
MIN_NOTICE_HOURS = 4
#: "El intervalo de tiempo que informapuntcom esperará al usuario … es de 15 minutos".
WAIT_MINUTES = 15

_LATE = LateCancellation(MIN_NOTICE_HOURS)
_MISSED = AppointmentMissed(WAIT_MINUTES)


def _fmt(dt: datetime) -> str:
    return instant_text(dt)


def appointment_kind(ctx: Context, booking: Event) -> Channel:
    """Whether a booked appointment is a remote-control session or a phone call: its ``ref``
    (``"remote"`` or ``"phone"``) when the case says; otherwise a call on a request made by
    phone and a remote session on any other (interpretation IPC-INT-APPOINTMENT-KIND)."""
    if booking.ref == Channel.PHONE.value:
        return Channel.PHONE
    if booking.ref == Channel.REMOTE.value:
        return Channel.REMOTE
    return Channel.PHONE if ctx.request.channel is Channel.PHONE else Channel.REMOTE


@attrs.frozen
class AppointmentOutcome:
    """What became of one booked appointment at the evaluation instant.

    ``kind`` is one of ``pending``, ``attended``, ``vendor_cancelled``, ``cancelled_in_time``,
    ``cancelled_late``, ``no_show`` and ``connection_failed`` for a remote-control session, and
    ``pending``, ``vendor_cancelled``, ``call_cancelled``, ``call_missed`` and ``call_due`` (the
    agreed time is past) for a phone appointment.
    """

    kind: str
    booking: Event
    #: when the appointment stopped holding the ticket: its cancellation, else its agreed time
    #: (informapuntcom's replies before it do not start the 48-hour clock, IPC-CLO-3)
    settled_at: datetime
    closed_at: datetime | None = None
    surcharge: LedgerLine | None = None
    reasons: tuple[Reason, ...] = ()
    actions: tuple[Action, ...] = ()


def _segments(ticket: Ticket) -> list[Ticket]:
    """One ticket view per booked appointment: the events up to the next booking."""
    idx = [i for i, e in enumerate(ticket.events) if e.kind is EventKind.APPOINTMENT_BOOKED]
    if not idx:
        return []
    # The last view is the whole ticket: no copy of it is made.
    views = [attrs.evolve(ticket, events=ticket.events[:end]) for end in idx[1:]]
    views.append(ticket)
    return views


def _surcharge(ctx: Context, at: datetime, kind: UsageKind, note: str, *ids: str) -> LedgerLine:
    return LedgerLine(
        at, APPOINTMENT_SURCHARGE_MINUTES, kind, ctx.case.ticket.id or None, note, ctx.cite(*ids)
    )


def _book_again(ctx: Context, clause: str) -> Action:
    return ctx.fixed_action(
        Party.CUSTOMER.value,
        "book a new remote-assistance appointment if assistance is still needed",
        clause,
    )


def _call(
    ctx: Context, booking: Event, sched: datetime, cancel: Event | None, after: tuple[Event, ...]
) -> AppointmentOutcome:
    """A phone appointment: the customer calls informapuntcom at the agreed time (IPC-TEL-4).
    The 4 hours' notice, the 15-minute wait, the 30 extra minutes and the closing of the ticket
    are rules of remote-control sessions ("Citas de asistencia por control remoto")."""
    assert booking.scheduled_for is not None
    not_remote = (
        " The notice, the 30 extra minutes and the closing of the ticket are rules of "
        "remote-control sessions: a phone appointment costs no extra minutes and the ticket stays "
        "open."
    )
    if cancel is not None:
        return AppointmentOutcome(
            "call_cancelled",
            booking,
            cancel.at,
            reasons=(
                ctx.reason(
                    "phone-appointment-cancelled",
                    f"The customer cancelled the call agreed for {_fmt(sched)}.{not_remote}",
                    "IPC-TEL-4",
                ),
            ),
        )
    if ctx.at.astimezone(UTC) < booking.scheduled_for.astimezone(UTC):
        return AppointmentOutcome(
            "pending",
            booking,
            booking.scheduled_for,
            reasons=(
                ctx.reason(
                    "phone-appointment-pending",
                    f"A call is agreed for {_fmt(sched)}: the customer calls informapuntcom then.",
                    "IPC-TEL-4",
                ),
            ),
            actions=(
                Action(
                    Party.CUSTOMER.value,
                    "call informapuntcom at the agreed time",
                    due=sched,
                    citations=ctx.cite("IPC-TEL-4"),
                ),
            ),
        )
    if any(e.kind is EventKind.APPOINTMENT_MISSED for e in after):
        return AppointmentOutcome(
            "call_missed",
            booking,
            booking.scheduled_for,
            reasons=(
                ctx.reason(
                    "phone-appointment-missed",
                    f"The customer did not call at the time agreed, {_fmt(sched)}.{not_remote}",
                    "IPC-TEL-4",
                ),
            ),
        )
    return AppointmentOutcome(
        "call_due",
        booking,
        booking.scheduled_for,
        reasons=(
            ctx.reason(
                "phone-appointment-past",
                f"A call was agreed for {_fmt(sched)}.",
                "IPC-TEL-4",
            ),
        ),
    )


def _one(ctx: Context, view: Ticket) -> AppointmentOutcome:
    booking = view.last(EventKind.APPOINTMENT_BOOKED)
    assert booking is not None and booking.scheduled_for is not None
    sched = ctx.local(booking.scheduled_for)
    i = view.events.index(booking)
    after = view.events[i + 1 :]
    cancel = next((e for e in after if e.kind is EventKind.APPOINTMENT_CANCELLED), None)
    if cancel is not None and cancel.by is Party.VENDOR:
        return AppointmentOutcome(
            "vendor_cancelled",
            booking,
            cancel.at,
            reasons=(
                ctx.reason(
                    "appointment-cancelled-by-vendor",
                    f"informapuntcom cancelled the appointment of {_fmt(sched)}; a new date "
                    "and time is to be agreed.",
                    "IPC-TEL-4",
                ),
            ),
            actions=(
                Action(
                    Party.VENDOR.value,
                    "agree a new date and time for the call or remote session",
                    citations=ctx.cite("IPC-TEL-4"),
                ),
            ),
        )
    if appointment_kind(ctx, booking) is Channel.PHONE:
        return _call(ctx, booking, sched, cancel, after)
    if cancel is not None:
        late = _LATE.evaluate(view, ctx.at)
        if late.status is TimerStatus.FIRED:
            charge = bool(ctx.settings.get("late_notice_surcharge"))
            surcharge = (
                _surcharge(
                    ctx,
                    cancel.at,
                    UsageKind.LATE_CANCELLATION,
                    "appointment cancelled with less than 4 hours' notice",
                    "IPC-APT-1",
                    "IPC-APT-2",
                )
                if charge
                else None
            )
            cost = (
                " It counts as no notice: 30 extra minutes are consumed and the service counts "
                "as done."
                if charge
                else " (Late notice is not charged under the configured reading.)"
            )
            ids = ("IPC-APT-1", "IPC-APT-2", "IPC-APT-3") if charge else ("IPC-APT-1", "IPC-APT-3")
            return AppointmentOutcome(
                "cancelled_late",
                booking,
                cancel.at,
                closed_at=cancel.at,
                surcharge=surcharge,
                reasons=(
                    ctx.reason(
                        "appointment-cancelled-late",
                        f"{late.explanation}{cost} The assistance ticket is closed.",
                        *ids,
                    ),
                ),
                actions=(_book_again(ctx, "IPC-APT-4"),),
            )
        return AppointmentOutcome(
            "cancelled_in_time",
            booking,
            cancel.at,
            closed_at=cancel.at,
            reasons=(
                ctx.reason(
                    "appointment-cancelled-in-time",
                    f"{late.explanation} No extra minutes are counted; the assistance ticket is "
                    "closed.",
                    "IPC-APT-1",
                    "IPC-APT-3",
                ),
            ),
            actions=(_book_again(ctx, "IPC-APT-4"),),
        )
    missed = _MISSED.evaluate(view, ctx.at)
    if missed.status is TimerStatus.FIRED:
        assert missed.fires_at is not None
        ended = missed.fires_at
        failed = any(e.kind is EventKind.CONNECTION_FAILED for e in after)
        if failed:
            return AppointmentOutcome(
                "connection_failed",
                booking,
                booking.scheduled_for,
                closed_at=ended,
                surcharge=_surcharge(
                    ctx,
                    ended,
                    UsageKind.NO_SHOW,
                    "remote session ended: no connection (customer's set-up)",
                    "IPC-APT-6",
                    "IPC-APT-7",
                ),
                reasons=(
                    ctx.reason(
                        "session-ended-no-connection",
                        f"{missed.explanation} Without a connection the session is over and 30 "
                        "extra minutes are counted.",
                        "IPC-APT-5",
                        "IPC-APT-6",
                        "IPC-APT-7",
                    ),
                    ctx.fixed_reason(
                        "connection-failed-service-cancelled",
                        "The connection failed because of the remote-control installation or "
                        "configuration on the customer's side: the service is cancelled until "
                        "the customer configures the application and/or solves the network "
                        "problems, and neither the price nor the minutes consumed are refunded.",
                        "IPC-APT-10",
                        "IPC-APT-11",
                        "IPC-APT-12",
                        "IPC-APT-13",
                    ),
                ),
                actions=(
                    ctx.fixed_action(
                        Party.CUSTOMER.value,
                        "install and configure the remote-control application correctly and "
                        "solve the network problems",
                        "IPC-APT-10",
                        "IPC-APT-11",
                    ),
                    ctx.fixed_action(
                        Party.CUSTOMER.value,
                        "configure firewalls and security systems so that they do not block "
                        "informapuntcom's remote access",
                        "IPC-APT-13",
                    ),
                    _book_again(ctx, "IPC-APT-8"),
                ),
            )
        return AppointmentOutcome(
            "no_show",
            booking,
            booking.scheduled_for,
            closed_at=ended,
            surcharge=_surcharge(
                ctx,
                ended,
                UsageKind.NO_SHOW,
                "customer not available for the remote session (no notice)",
                "IPC-APT-2",
                "IPC-APT-7",
            ),
            reasons=(
                ctx.reason(
                    "appointment-missed",
                    f"{missed.explanation} The customer was not available and had not given "
                    "notice: 30 extra minutes are counted (once), the service counts as done and "
                    "the assistance ticket is closed.",
                    "IPC-APT-5",
                    "IPC-APT-6",
                    "IPC-APT-2",
                    "IPC-APT-7",
                    "IPC-APT-3",
                ),
            ),
            actions=(_book_again(ctx, "IPC-APT-8"),),
        )
    if missed.status is TimerStatus.PENDING:
        notice_by = ctx.local(
            booking.scheduled_for.astimezone(UTC) - timedelta(hours=MIN_NOTICE_HOURS)
        )
        actions = [
            Action(
                Party.VENDOR.value,
                "send the instructions to install and configure the remote-control application",
                due=sched,
                citations=ctx.cite("IPC-APT-9"),
            ),
            Action(
                Party.CUSTOMER.value,
                "install and configure the remote-control application on the machines to be "
                "assisted",
                due=sched,
                citations=ctx.cite("IPC-APT-10"),
            ),
            Action(
                Party.CUSTOMER.value,
                "configure firewalls and security systems so that they do not block "
                "informapuntcom's remote access",
                due=sched,
                citations=ctx.cite("IPC-APT-13"),
            ),
        ]
        if ctx.at.astimezone(UTC) < notice_by.astimezone(UTC):
            actions.append(
                Action(
                    Party.CUSTOMER.value,
                    "if unable to attend, tell informapuntcom by e-mail or phone at least 4 "
                    "hours ahead",
                    due=notice_by,
                    citations=ctx.cite("IPC-APT-1"),
                )
            )
        actions.append(
            Action(
                Party.CUSTOMER.value,
                "be available and connected at the agreed time (informapuntcom waits 15 minutes)",
                due=sched,
                citations=ctx.cite("IPC-APT-5", "IPC-APT-6"),
            )
        )
        return AppointmentOutcome(
            "pending",
            booking,
            booking.scheduled_for,
            reasons=(
                ctx.reason(
                    "appointment-pending",
                    f"A remote session is agreed for {_fmt(sched)}. {missed.explanation}",
                    "IPC-TEL-4",
                    "IPC-APT-5",
                ),
            ),
            actions=tuple(actions),
        )
    return AppointmentOutcome(
        "attended",
        booking,
        booking.scheduled_for,
        reasons=(
            ctx.reason(
                "appointment-attended",
                f"The session agreed for {_fmt(sched)} took place. {missed.explanation}",
                "IPC-TEL-4",
            ),
        ),
    )


def appointment_outcomes(ctx: Context) -> list[AppointmentOutcome]:
    """The outcome of every appointment booked on the ticket, in order (once per case)."""
    outcomes = ctx.memo.get("informapuntcom:appointments")
    if outcomes is None:
        outcomes = ctx.memo["informapuntcom:appointments"] = [
            _one(ctx, view) for view in _segments(ctx.case.ticket)
        ]
    return outcomes


def appointment_outcome(ctx: Context) -> AppointmentOutcome | None:
    """The outcome of the last appointment booked on the ticket, if any."""
    outcomes = appointment_outcomes(ctx)
    return outcomes[-1] if outcomes else None
