"""The one pass over a ticket's events that :mod:`supportcore.timeline` is built from.

:func:`read` goes through the events once, in order, and collects, for each kind, where its
events are, and the raw pieces of segments, waits, appointments and payments; the timeline
turns them into its immutable values. Nothing here is public.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .model import Event, EventKind, Party

if TYPE_CHECKING:
    from .appointments import Appointment
    from .timeline import Payment, WaitingPeriod

_CUSTOMER = Party.CUSTOMER
_THIRD_PARTY = Party.THIRD_PARTY
# (module constants: an enum member looked up on its class costs several times more, and the
# pass compares every event's kind with several of them)
_APPOINTMENT_BOOKED = EventKind.APPOINTMENT_BOOKED
_APPOINTMENT_CANCELLED = EventKind.APPOINTMENT_CANCELLED
_APPOINTMENT_MISSED = EventKind.APPOINTMENT_MISSED
_CLOSED = EventKind.CLOSED
_CONNECTION_FAILED = EventKind.CONNECTION_FAILED
_CONTACT_ATTEMPT = EventKind.CONTACT_ATTEMPT
_CUSTOMER_REPLY = EventKind.CUSTOMER_REPLY
_DUPLICATE_OF = EventKind.DUPLICATE_OF
_ESCALATED = EventKind.ESCALATED
_INFORMATION_COMPLETE = EventKind.INFORMATION_COMPLETE
_NOTE = EventKind.NOTE
_OPENED = EventKind.OPENED
_PAYMENT = EventKind.PAYMENT
_REOPENED = EventKind.REOPENED
_REPRODUCED = EventKind.REPRODUCED
_RESOLVED = EventKind.RESOLVED
_THIRD_PARTY_DONE = EventKind.THIRD_PARTY_DONE
_VENDOR_REPLY = EventKind.VENDOR_REPLY
_WAITING_ON_CUSTOMER = EventKind.WAITING_ON_CUSTOMER
_WAITING_ON_THIRD_PARTY = EventKind.WAITING_ON_THIRD_PARTY
_WORK_SESSION = EventKind.WORK_SESSION


class _Wait:
    """A waiting period while the events are read, then its place among them."""

    __slots__ = ("ahi", "alo", "on", "period", "restarted", "start", "stop")

    def __init__(self, on: Party, start: int, alo: int, stop: int) -> None:
        self.on = on
        self.start = start  #: position of the event that started it
        self.stop = stop  #: position of what ended or restarted it (len(events): neither)
        self.restarted = False
        self.alo = alo  #: its attempts are ``attempts[alo:ahi]`` of the index
        self.ahi = alo
        self.period: WaitingPeriod  #: set once read (by the timeline)


class Read:
    """What the pass collected; the timeline's parts keep it to look things up."""

    __slots__ = (
        "answer",
        "appointments",
        "attempts",
        "bookings",
        "contacts",
        "events",
        "information",
        "kinds",
        "last_reply",
        "paid",
        "parties",
        "payments",
        "reopenings",
        "resolutions",
        "segments",
        "waits",
        "work",
    )

    def __init__(self, events: tuple[Event, ...]) -> None:
        self.events = events
        self.kinds: dict[EventKind, list[int]] = {}  #: positions of each kind's events
        self.parties: dict[tuple[EventKind, Party], list[int]] = {}  #: … by each party
        self.contacts: list[int] = []  #: positions of the customer's contacts
        self.attempts: list[int] = []  #: positions of the vendor's contact attempts
        self.resolutions: list[Event] = []  #: ``resolved`` and ``closed`` events
        self.information: list[Event] = []  #: ``information_complete`` events
        self.work: list[Event] = []  #: ``work_session`` events
        self.reopenings: list[Event] = []  #: ``reopened`` events
        self.paid: list[tuple[int, int]] = []  #: (position, segment) of each payment
        self.bookings: list[_Booking] = []  #: each appointment
        self.waits: dict[Party, list[_Wait]] = {_CUSTOMER: [], _THIRD_PARTY: []}
        self.segments: list[tuple[_Open, int]] = []  #: each segment, with its end
        self.last_reply: Event | None = None  #: the vendor's last reply
        self.answer: Event | None = None  #: the customer's first contact after it
        #: set by the timeline
        self.appointments: tuple[Appointment, ...] = ()
        self.payments: tuple[Payment, ...] = ()

    def stamp(self, position: int) -> float:
        """The instant of ``events[position]`` (POSIX seconds: an absolute instant)."""
        return self.events[position].at.timestamp()


class _Open:
    """A segment while its events are read."""

    __slots__ = (
        "assent",
        "closed",
        "contact_after",
        "duplicate",
        "escalated",
        "first_contact",
        "first_reply",
        "last_reply",
        "lo",
        "opened_by",
        "reproduced",
        "start",
        "work",
    )

    def __init__(self, opened_by: Event | None, start: int, lo: tuple[int, ...]) -> None:
        self.opened_by = opened_by
        self.start = start
        self.lo = lo  #: where its share of each list of the timeline starts
        self.assent: dict[Party | None, Event] = {}
        self.closed: Event | None = None
        self.duplicate: Event | None = None
        self.first_reply: Event | None = None
        self.last_reply: Event | None = None
        self.first_contact: Event | None = None
        self.contact_after: Event | None = None
        self.escalated: Event | None = None
        self.reproduced: Event | None = None
        self.work = 0


class _Booking:
    """An appointment while the events after its booking are read."""

    __slots__ = ("booked", "cancelled", "failed", "missed", "presence", "recorded", "segment")

    def __init__(self, booked: Event, segment: int) -> None:
        self.booked = booked
        self.segment = segment
        self.cancelled: Event | None = None
        self.missed: Event | None = None
        self.failed: Event | None = None
        self.recorded: Event | None = None  # the first of ``missed`` and ``failed``
        self.presence: list[Event] = []


def read(events: tuple[Event, ...]) -> Read:
    """Read ``events`` (in time order) once."""
    n = len(events)
    ix = Read(events)
    kinds, parties = ix.kinds, ix.parties
    contacts, attempts = ix.contacts, ix.attempts
    customer_waits, third_waits = ix.waits[_CUSTOMER], ix.waits[_THIRD_PARTY]
    resolutions, information, work = ix.resolutions, ix.information, ix.work
    reopenings, payments, bookings = ix.reopenings, ix.paid, ix.bookings
    booking: _Booking | None = None
    scheduled = 0.0
    segments = ix.segments
    seg = _Open(None, 0, (0, 0, 0, 0, 0, 0))
    asked: _Wait | None = None  # the running wait on the customer
    third: _Wait | None = None  # the running wait on a third party
    last_reply: Event | None = None
    answer: Event | None = None
    for i, e in enumerate(events):
        kind, by = e.kind, e.by
        found = kinds.get(kind)
        if found is None:
            kinds[kind] = [i]
        else:
            found.append(i)
        if kind is _OPENED or kind is _REOPENED:
            if i:
                segments.append((seg, i))
                lo = (
                    len(resolutions),
                    len(customer_waits),
                    len(third_waits),
                    len(information),
                    len(bookings),
                    len(payments),
                )
                seg = _Open(e, i, lo)
            else:
                seg.opened_by = e
            if kind is _REOPENED:
                reopenings.append(e)
        contact = kind is _CUSTOMER_REPLY
        if by is not None:
            found = parties.get((kind, by))
            if found is None:
                parties[kind, by] = [i]
            else:
                found.append(i)
            contact = contact or by is _CUSTOMER
        if contact:
            contacts.append(i)
            if seg.first_contact is None:
                seg.first_contact = e
            if asked is not None:
                asked.stop, asked.ahi, asked = i, len(attempts), None
        if kind is _VENDOR_REPLY:
            last_reply, answer = e, None
            if seg.first_reply is None:
                seg.first_reply = e
            seg.last_reply, seg.contact_after = e, None
        elif contact:
            if answer is None and last_reply is not None:
                answer = e
            if seg.contact_after is None and seg.last_reply is not None:
                seg.contact_after = e
        if kind is _NOTE or kind is _VENDOR_REPLY or kind is _CUSTOMER_REPLY:
            pass
        elif kind is _WORK_SESSION:
            work.append(e)
            seg.work += e.minutes or 0
        elif kind is _RESOLVED or kind is _CLOSED:
            resolutions.append(e)
            if by not in seg.assent:
                seg.assent[by] = e
            if kind is _CLOSED and seg.closed is None:
                seg.closed = e
        elif kind is _CONTACT_ATTEMPT:
            if not contact:
                attempts.append(i)
        elif kind is _WAITING_ON_CUSTOMER:
            if asked is not None:  # asked again: the clock restarts
                asked.stop, asked.ahi, asked.restarted = i, len(attempts), True
            asked = _Wait(_CUSTOMER, i, len(attempts), n)
            customer_waits.append(asked)
        elif kind is _INFORMATION_COMPLETE:
            information.append(e)
            if asked is not None:
                asked.stop, asked.ahi, asked = i, len(attempts), None
        elif kind is _WAITING_ON_THIRD_PARTY:
            if third is not None:
                third.stop, third.ahi, third.restarted = i, len(attempts), True
            third = _Wait(_THIRD_PARTY, i, len(attempts), n)
            third_waits.append(third)
        elif kind is _THIRD_PARTY_DONE:
            if third is not None:
                third.stop, third.ahi, third = i, len(attempts), None
        elif kind is _APPOINTMENT_BOOKED:
            assert e.scheduled_for is not None  # the model requires it
            scheduled = e.scheduled_for.timestamp()
            booking = _Booking(e, len(segments))
            bookings.append(booking)
            continue  # (what follows is about the booking before it)
        elif kind is _PAYMENT:
            payments.append((i, len(segments)))
        elif kind is _DUPLICATE_OF:
            if seg.duplicate is None:
                seg.duplicate = e
        elif kind is _ESCALATED:
            if seg.escalated is None:
                seg.escalated = e
        elif kind is _REPRODUCED and seg.reproduced is None:
            seg.reproduced = e
        if booking is not None:
            if kind is _APPOINTMENT_CANCELLED:
                if booking.cancelled is None:
                    booking.cancelled = e
            elif kind is _APPOINTMENT_MISSED:
                if booking.missed is None:
                    booking.missed = e
                if booking.recorded is None:
                    booking.recorded = e
            elif kind is _CONNECTION_FAILED:
                if booking.failed is None:
                    booking.failed = e
                if booking.recorded is None:
                    booking.recorded = e
            elif (contact or kind is _WORK_SESSION) and e.at.timestamp() >= scheduled:
                booking.presence.append(e)
    segments.append((seg, n))
    for running in (asked, third):
        if running is not None:
            running.ahi = len(attempts)
    ix.last_reply, ix.answer = last_reply, answer
    return ix
