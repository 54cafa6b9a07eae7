"""The ticket timeline: what a case's events say, read once, in one pass.

Support terms talk about a ticket's history in a few recurring shapes, and every plugin needs
some of them: the stretches between an opening and the next reopening, the periods the vendor
waits on the customer or on a third party, the appointments and what became of them, the work
logged, the payments. :func:`build_timeline` reads the events **once**, in order, and hands
those shapes out as read-only values, so that no plugin copies the ticket or scans it again.

The events are those of one case: all at or before its evaluation instant (a
:class:`~supportcore.model.Case` refuses later ones) and in time order (a
:class:`~supportcore.model.Ticket` refuses any other); the timeline relies on both and checks
neither again. ``Timeline.of(case)`` is the timeline of a case; a hook reads ``ctx.timeline``.

Conventions of the case format the timeline follows:

* A ``work_session`` event is stamped when the work was logged, at the **end** of the session:
  ``at`` is when it ended and ``minutes`` its length, so it ran from ``at − minutes`` to ``at``
  (:func:`work_started`). Its minutes count at ``at``, as the hour ledger counts them.
* "The customer got in touch" is a ``customer_reply`` or any event made ``by`` the customer
  (:func:`customer_contact`): the terms say "no haya efectuado ninguna respuesta o no se haya
  puesto en contacto".
* "After" an event means later in the list; look-ups by instant (:meth:`Timeline.first_after`)
  compare absolute instants, never wall clocks.

Cost: building is linear in the events, and every look-up is O(1) or O(log n).
:meth:`Segment.merge` is O(1), so merging segments as one goes stays linear.

:class:`Segment` and :class:`Timeline`, made for every case that reads its ticket, are slotted
attrs classes that attrs does not freeze: treat them as read-only. A frozen attrs class sets
each field through ``object.__setattr__``; side by side (five alternating runs, best of 7, on
the project's 2-core development machine, CPython 3.11) a typical 5-event timeline took
6.9–7.6 µs with both frozen and 5.3–5.4 µs without, an empty one 5.1–5.8 µs against 3.1–3.5:
about 30 %, over the 10 % that justifies leaving frozen classes. The parts built per event
(:class:`WaitingPeriod`, :class:`Payment`, the appointments) stay frozen.
``python benchmarks/growth.py --sections timeline`` measures a build of 0, 5 and 50 events.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Mapping, Sequence
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING

import attrs

from ._timeline_read import Read, _Open, _Wait, read
from .appointments import Appointment, AppointmentKind, AppointmentOutcome, AppointmentStatus
from .model import Event, EventKind, Party
from .money import Money

if TYPE_CHECKING:
    from .model import Case

__all__ = [
    "Appointment",
    "AppointmentOutcome",
    "AppointmentStatus",
    "Payment",
    "Segment",
    "Timeline",
    "WaitingPeriod",
    "build_timeline",
    "customer_contact",
    "work_started",
]

_K = EventKind
_CUSTOMER = Party.CUSTOMER
_THIRD_PARTY = Party.THIRD_PARTY
_KINDS: Mapping[str | None, AppointmentKind] = {"remote": "remote", "phone": "phone"}


def customer_contact(event: Event) -> bool:
    """Whether ``event`` is the customer getting in touch: a ``customer_reply``, or any event
    made ``by`` the customer."""
    return event.kind is _K.CUSTOMER_REPLY or event.by is _CUSTOMER


def work_started(event: Event) -> datetime:
    """When a work session began: its ``at`` (the end) minus its ``minutes``, in ``at``'s
    zone (elapsed time, never wall-clock arithmetic)."""
    at = event.at
    return (at.astimezone(UTC) - timedelta(minutes=event.minutes or 0)).astimezone(at.tzinfo)


# --- the parts ----------------------------------------------------------------------------


@attrs.frozen
class WaitingPeriod:
    """A time the vendor waits on someone: on the customer for information ("esperando por
    futura información del cliente", "wachten op de klant") or on a third party's change
    ("cambio por parte de un tercero").

    It starts at a ``waiting_on_customer`` or ``waiting_on_third_party`` event and runs until
    it is ``ended`` — for the customer, by ``information_complete`` or the customer getting in
    touch; for a third party, by ``third_party_done`` — or until a new request of the same kind
    ``restarted`` the clock. A period still running has neither.
    """

    #: who is waited on: :attr:`Party.CUSTOMER` or :attr:`Party.THIRD_PARTY`
    on: Party
    #: the ``waiting_on_customer`` / ``waiting_on_third_party`` event
    started: Event
    #: what ended the wait, or ``None``
    ended: Event | None
    #: the next request of the same kind made while this one ran, or ``None``
    restarted: Event | None
    #: the vendor's ``contact_attempt`` events while it ran ("intentos de contacto"); an
    #: attempt ``by`` the customer is the customer getting in touch, which ends the wait
    contact_attempts: tuple[Event, ...]

    @property
    def running(self) -> bool:
        """Neither ended nor restarted: the vendor is still waiting."""
        return self.ended is None and self.restarted is None


@attrs.frozen
class Payment:
    """One ``payment`` event ("pago", "betaling") and what followed it."""

    #: the ``payment`` event
    event: Event
    #: the first work session logged after it (it may have begun before: see its minutes)
    first_work_after: Event | None
    #: the first ``closed`` event at or after its instant
    closed_after: Event | None
    #: the index of the segment it was made in
    segment: int

    @property
    def ref(self) -> str | None:
        """What was paid for, as the case says (the vendor's own codes)."""
        return self.event.ref

    @property
    def amount(self) -> Money | None:
        """The amount paid (:class:`~supportcore.money.Money`), if the case says."""
        return self.event.amount


# --- segments and the timeline ------------------------------------------------------------


def _seen(read: Read, wait: _Wait, end: int) -> WaitingPeriod:
    """``wait`` as the events before position ``end`` show it: running on past ``end``."""
    if wait.stop < end or end >= len(read.events):
        return wait.period
    count = bisect_left(read.attempts, end, wait.alo) - wait.alo
    attempts = wait.period.contact_attempts[:count]
    return WaitingPeriod(wait.on, wait.period.started, None, None, attempts)


#: (lo, hi) pairs, in this order, of a segment's share of the timeline's lists
_RES, _CW, _TW, _INFO, _APPT, _PAY = 0, 2, 4, 6, 8, 10


@attrs.define
class Segment:
    """The events from one opening of the ticket to the next: the first segment starts with
    the ticket, each ``opened`` or ``reopened`` event starts another ("reabrir", "heropenen").

    Each "first" field is the first such event in the segment, each "last" the last; ``None``
    means there is none. Its events are ``timeline.events[start:end]``. Read-only (see the
    module's notes on cost).
    """

    #: its place in ``Timeline.segments`` (of the first segment, once merged)
    index: int
    #: the ``opened`` / ``reopened`` event that starts it (``None``: the ticket's first events
    #: came before any opening)
    opened_by: Event | None
    #: bounds of its events in ``Timeline.events``
    start: int
    end: int
    #: the first ``resolved`` or ``closed`` of each party, keyed by ``by`` as recorded
    #: (``None`` when the event does not say): each side's assent ("acuerdo mutuo")
    first_assent: Mapping[Party | None, Event]
    #: the first ``closed`` event
    first_closed: Event | None
    #: the first ``duplicate_of`` event ("ticket duplicado"); its ``ref`` names the other
    duplicate: Event | None
    #: the vendor's first and last replies ("respuesta", "primer contacto")
    first_vendor_reply: Event | None
    last_vendor_reply: Event | None
    #: the customer's first contact (a reply or any event by the customer)
    first_contact: Event | None
    #: the customer's first contact after ``last_vendor_reply`` ("respuesta del usuario")
    customer_contact_after_last_reply: Event | None
    #: the first ``escalated`` (to a specialist) and ``reproduced`` (reproduced 100 %) events
    escalated: Event | None
    reproduced: Event | None
    #: minutes of the work sessions logged in it
    work_minutes: int
    _ranges: tuple[int, ...] = attrs.field(repr=False)
    _shared: Read = attrs.field(repr=False, eq=False)

    @property
    def events(self) -> tuple[Event, ...]:
        """Its events (a new tuple: prefer the fields, or ``start`` and ``end``)."""
        return self._shared.events[self.start : self.end]

    @property
    def resolutions(self) -> tuple[Event, ...]:
        """Its ``resolved`` and ``closed`` events, in order, each with its ``by``."""
        return tuple(self._shared.resolutions[self._ranges[_RES] : self._ranges[_RES + 1]])

    @property
    def information_complete(self) -> tuple[Event, ...]:
        """Its ``information_complete`` events ("100 % de la información")."""
        return tuple(self._shared.information[self._ranges[_INFO] : self._ranges[_INFO + 1]])

    @property
    def appointments(self) -> tuple[Appointment, ...]:
        """The appointments booked in it."""
        return self._shared.appointments[self._ranges[_APPT] : self._ranges[_APPT + 1]]

    @property
    def payments(self) -> tuple[Payment, ...]:
        """The payments made in it."""
        return self._shared.payments[self._ranges[_PAY] : self._ranges[_PAY + 1]]

    def _waits(self, on: Party) -> list[_Wait]:
        at = _CW if on is _CUSTOMER else _TW
        return self._shared.waits[on][self._ranges[at] : self._ranges[at + 1]]

    def waits_on(self, on: Party) -> tuple[WaitingPeriod, ...]:
        """The waits on ``on`` (the customer or a third party) started in it, as its own
        events show them: a wait that ran on past its end is still running here."""
        found = self._waits(on)
        return tuple([_seen(self._shared, w, self.end) for w in found])

    @property
    def waits(self) -> tuple[WaitingPeriod, ...]:
        """Every wait started in it, on the customer and on a third party, in order."""
        found = sorted((*self._waits(_CUSTOMER), *self._waits(_THIRD_PARTY)), key=_start)
        return tuple([_seen(self._shared, w, self.end) for w in found])

    def last_wait(self, on: Party = _CUSTOMER) -> WaitingPeriod | None:
        """The last wait on ``on`` started in it, as its events show it; O(log n)."""
        at = _CW if on is _CUSTOMER else _TW
        lo, hi = self._ranges[at], self._ranges[at + 1]
        return _seen(self._shared, self._shared.waits[on][hi - 1], self.end) if hi > lo else None

    def merge(self, later: Segment) -> Segment:
        """This segment and the one right after it, as one: for terms under which a segment
        that did not close runs on into the next (Softmás). O(1): nothing is read again."""
        if later.start != self.end or later._shared is not self._shared:
            raise ValueError(
                f"segments {self.index} and {later.index} are not consecutive in one timeline"
            )
        if later.last_vendor_reply is not None:
            answer = later.customer_contact_after_last_reply
        elif self.last_vendor_reply is not None:
            answer = self.customer_contact_after_last_reply or later.first_contact
        else:
            answer = None
        assent = dict(later.first_assent)
        assent.update(self.first_assent)
        mine, theirs = self._ranges, later._ranges
        return Segment(
            self.index,
            self.opened_by,
            self.start,
            later.end,
            assent,
            self.first_closed or later.first_closed,
            self.duplicate or later.duplicate,
            self.first_vendor_reply or later.first_vendor_reply,
            later.last_vendor_reply or self.last_vendor_reply,
            self.first_contact or later.first_contact,
            answer,
            self.escalated or later.escalated,
            self.reproduced or later.reproduced,
            self.work_minutes + later.work_minutes,
            tuple([mine[j] if j % 2 == 0 else theirs[j] for j in range(12)]),
            self._shared,
        )


def _start(item: _Wait | Segment) -> int:
    return item.start


@attrs.define
class Timeline:
    """A case's events, read once: segments, waits, appointments, work and payments, and
    look-ups by kind and instant. Build it with :meth:`of` or :func:`build_timeline`;
    read-only (see the module's notes on cost)."""

    #: the events, as the case holds them (not copied)
    events: tuple[Event, ...]
    #: the segments between openings and reopenings; at least one
    segments: tuple[Segment, ...]
    #: every waiting period, on the customer and on a third party, in the order they started;
    #: here a wait runs on across reopenings (a segment shows its own part of it)
    waits: tuple[WaitingPeriod, ...]
    #: every booked appointment, in order
    appointments: tuple[Appointment, ...]
    #: every payment, in order
    payments: tuple[Payment, ...]
    #: every ``work_session`` event, in order (``at``: when it ended; ``minutes``: its length)
    work: tuple[Event, ...]
    #: the minutes of every work session
    work_minutes: int
    #: every ``reopened`` event
    reopenings: tuple[Event, ...]
    #: every ``resolved`` and ``closed`` event, in order
    resolutions: tuple[Event, ...]
    #: the vendor's last reply on the whole ticket, and the customer's first contact after it
    last_vendor_reply: Event | None
    customer_contact_after_last_reply: Event | None
    _shared: Read = attrs.field(repr=False, eq=False)

    @classmethod
    def of(cls, case: Case) -> Timeline:
        """The timeline of ``case``'s ticket."""
        return build_timeline(case.ticket.events)

    def indices(self, kind: EventKind) -> Sequence[int]:
        """The positions in :attr:`events` of the events of ``kind``, in order."""
        return tuple(self._shared.kinds.get(kind, ()))

    def of_kind(self, kind: EventKind, start: int = 0, end: int | None = None) -> tuple[Event, ...]:
        """The events of ``kind`` among ``events[start:end]`` (a segment's: ``start=segment.
        start, end=segment.end``), in order; O(log n) plus what is returned."""
        found = self._shared.kinds.get(kind)
        if not found:
            return ()
        lo = bisect_left(found, start) if start else 0
        hi = len(found) if end is None else bisect_left(found, end, lo)
        events = self.events
        return tuple([events[p] for p in found[lo:hi]])

    def first(self, kind: EventKind) -> Event | None:
        """The first event of ``kind``, or ``None``; O(1)."""
        found = self._shared.kinds.get(kind)
        return self.events[found[0]] if found else None

    def last(self, kind: EventKind) -> Event | None:
        """The last event of ``kind``, or ``None``; O(1)."""
        found = self._shared.kinds.get(kind)
        return self.events[found[-1]] if found else None

    def first_after(
        self,
        kind: EventKind,
        instant: datetime,
        *,
        by: Party | None = None,
        inclusive: bool = False,
    ) -> Event | None:
        """The first event of ``kind`` after ``instant`` (at or after it with ``inclusive``),
        made ``by`` that party when given; O(log n)."""
        shared = self._shared
        found = shared.kinds.get(kind) if by is None else shared.parties.get((kind, by))
        return self._after(found, instant, inclusive)

    def first_contact_after(self, instant: datetime, *, inclusive: bool = False) -> Event | None:
        """The customer's first contact (a ``customer_reply`` or any event by the customer)
        after ``instant`` (at or after it with ``inclusive``); O(log n)."""
        return self._after(self._shared.contacts, instant, inclusive)

    def _after(self, found: list[int] | None, instant: datetime, inclusive: bool) -> Event | None:
        if not found:
            return None
        cut = bisect_left if inclusive else bisect_right
        j = cut(found, instant.timestamp(), key=self._shared.stamp)
        return self.events[found[j]] if j < len(found) else None

    def last_wait(self, on: Party = _CUSTOMER) -> WaitingPeriod | None:
        """The last wait on ``on`` (the customer, or a third party) on the whole ticket; O(1)."""
        waits = self._shared.waits[on]
        return waits[-1].period if waits else None

    def segment_at(self, position: int) -> Segment:
        """The segment holding ``events[position]``; O(log n)."""
        if not 0 <= position < len(self.events):
            raise IndexError(f"position: {position} is not an event of the ticket")
        return self.segments[bisect_right(self.segments, position, key=_start) - 1]


def build_timeline(events: Sequence[Event]) -> Timeline:
    """The :class:`Timeline` of ``events``, in time order and all at or before the evaluation
    instant (as a case's ticket always is), in one pass; a tuple is not copied."""
    done = read(events if isinstance(events, tuple) else tuple(events))
    events, attempts = done.events, done.attempts
    n = len(events)
    for on in (_CUSTOMER, _THIRD_PARTY):
        for w in done.waits[on]:
            stop = events[w.stop] if w.stop < n else None
            w.period = WaitingPeriod(
                on,
                events[w.start],
                None if w.restarted else stop,
                stop if w.restarted else None,
                tuple([events[p] for p in attempts[w.alo : w.ahi]]),
            )
    done.appointments = tuple(
        [
            Appointment(
                b.booked,
                _KINDS.get(b.booked.ref),
                b.cancelled,
                b.missed,
                b.failed,
                b.recorded,
                tuple(b.presence),
                b.segment,
            )
            for b in done.bookings
        ]
    )
    if done.paid:
        done.payments = tuple([_payment(done, p, segment) for p, segment in done.paid])
    segments = done.segments
    last = len(segments) - 1
    parts = tuple([_segment(done, k, seg, end, k == last) for k, (seg, end) in enumerate(segments)])
    waits = [*done.waits[_CUSTOMER], *done.waits[_THIRD_PARTY]]
    if done.waits[_CUSTOMER] and done.waits[_THIRD_PARTY]:
        waits.sort(key=_start)
    work = tuple(done.work)
    return Timeline(
        events,
        parts,
        tuple([w.period for w in waits]),
        done.appointments,
        done.payments,
        work,
        sum([e.minutes or 0 for e in work]),
        tuple(done.reopenings),
        tuple(done.resolutions),
        done.last_reply,
        done.answer,
        done,
    )


def _payment(done: Read, p: int, segment: int) -> Payment:
    sessions = done.kinds.get(_K.WORK_SESSION, [])
    closings = done.kinds.get(_K.CLOSED, [])
    j = bisect_right(sessions, p)
    c = bisect_left(closings, done.stamp(p), key=done.stamp)
    events = done.events
    worked = events[sessions[j]] if j < len(sessions) else None
    closed = events[closings[c]] if c < len(closings) else None
    return Payment(events[p], worked, closed, segment)


def _segment(done: Read, k: int, seg: _Open, end: int, last: bool) -> Segment:
    lo = seg.lo
    hi = (
        (
            len(done.resolutions),
            len(done.waits[_CUSTOMER]),
            len(done.waits[_THIRD_PARTY]),
            len(done.information),
            len(done.bookings),
            len(done.paid),
        )
        if last
        else done.segments[k + 1][0].lo
    )
    return Segment(
        k,
        seg.opened_by,
        seg.start,
        end,
        seg.assent,
        seg.closed,
        seg.duplicate,
        seg.first_reply,
        seg.last_reply,
        seg.first_contact,
        seg.contact_after,
        seg.escalated,
        seg.reproduced,
        seg.work,
        (lo[0], hi[0], lo[1], hi[1], lo[2], hi[2], lo[3], hi[3], lo[4], hi[4], lo[5], hi[5]),
        done,
    )
