"""The ticket timeline: every field on small tickets like the terms' situations, and the one
pass against brute-force definitions over generated tickets."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from decimal import Decimal
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from supportcore.appointments import AppointmentStatus
from supportcore.model import Case, Channel, Event, EventKind, Party, Request, Ticket
from supportcore.money import Money
from supportcore.timeline import (
    Timeline,
    WaitingPeriod,
    build_timeline,
    customer_contact,
    work_started,
)

K = EventKind
CUSTOMER, VENDOR, THIRD = Party.CUSTOMER, Party.VENDOR, Party.THIRD_PARTY
MADRID = ZoneInfo("Europe/Madrid")


def madrid(month: int, day: int, hour: int, minute: int = 0) -> datetime:
    return datetime(2026, month, day, hour, minute, tzinfo=MADRID)


def ev(at: datetime, kind: EventKind, **kw: Any) -> Event:
    return Event(at, kind, **kw)


def timeline(*events: Event) -> Timeline:
    return build_timeline(events)


# --- segments ---------------------------------------------------------------------------------


def test_a_ticket_without_events_has_one_empty_segment() -> None:
    tl = timeline()
    assert len(tl.segments) == 1
    (seg,) = tl.segments
    assert (seg.start, seg.end, seg.opened_by) == (0, 0, None)
    assert seg.events == () and seg.waits == () and seg.work_minutes == 0


def test_each_reopening_starts_a_segment() -> None:
    opened = ev(madrid(3, 2, 9), K.OPENED, by=CUSTOMER)
    solved = ev(madrid(3, 2, 12), K.RESOLVED, by=VENDOR)
    reopened = ev(madrid(3, 4, 9), K.REOPENED, by=CUSTOMER)
    tl = timeline(opened, solved, reopened, ev(madrid(3, 4, 10), K.NOTE))
    first, second = tl.segments
    assert (first.opened_by, first.start, first.end) == (opened, 0, 2)
    assert (second.opened_by, second.start, second.end) == (reopened, 2, 4)
    assert tl.reopenings == (reopened,)
    assert second.events == tl.events[2:]


def test_events_before_the_opening_are_a_segment_of_their_own() -> None:
    note = ev(madrid(3, 1, 9), K.NOTE)
    opened = ev(madrid(3, 2, 9), K.OPENED)
    tl = timeline(note, opened)
    assert [(s.opened_by, s.start, s.end) for s in tl.segments] == [(None, 0, 1), (opened, 1, 2)]


def test_mutual_agreement_needs_each_sides_first_assent() -> None:
    """Softmás: "el caso se cerrará por mutuo acuerdo" — the first resolved/closed of each side."""
    vendor = ev(madrid(3, 2, 12), K.RESOLVED, by=VENDOR)
    unsaid = ev(madrid(3, 2, 13), K.CLOSED)
    customer = ev(madrid(3, 3, 9), K.RESOLVED, by=CUSTOMER)
    again = ev(madrid(3, 3, 10), K.RESOLVED, by=VENDOR)
    (seg,) = timeline(vendor, unsaid, customer, again).segments
    assert seg.first_assent == {VENDOR: vendor, None: unsaid, CUSTOMER: customer}
    assert seg.first_closed == unsaid
    assert seg.resolutions == (vendor, unsaid, customer, again)


def test_a_duplicate_names_the_other_ticket() -> None:
    dup = ev(madrid(3, 2, 12), K.DUPLICATE_OF, ref="T-7")
    (seg,) = timeline(
        ev(madrid(3, 2, 9), K.OPENED), dup, ev(madrid(3, 2, 13), K.DUPLICATE_OF)
    ).segments
    assert seg.duplicate == dup and seg.duplicate.ref == "T-7"


def test_the_customers_answer_after_the_last_reply_stops_the_48_hours() -> None:
    """informapuntcom: "no haya efectuado ninguna respuesta o no se haya puesto en contacto
    después de 48 horas, contados a partir de la hora de la última respuesta"."""
    first = ev(madrid(3, 2, 10), K.VENDOR_REPLY, by=VENDOR)
    answer = ev(madrid(3, 2, 11), K.CUSTOMER_REPLY, by=CUSTOMER)
    last = ev(madrid(3, 2, 12), K.VENDOR_REPLY, by=VENDOR)
    note = ev(madrid(3, 3, 9), K.NOTE, by=CUSTOMER)  # any event by the customer is contact
    tl = timeline(first, answer, last, note)
    (seg,) = tl.segments
    assert (seg.first_vendor_reply, seg.last_vendor_reply) == (first, last)
    assert seg.first_contact == answer
    assert seg.customer_contact_after_last_reply == note
    assert (tl.last_vendor_reply, tl.customer_contact_after_last_reply) == (last, note)


def test_a_new_reply_waits_for_a_new_answer() -> None:
    reply = ev(madrid(3, 2, 12), K.VENDOR_REPLY, by=VENDOR)
    tl = timeline(ev(madrid(3, 2, 11), K.CUSTOMER_REPLY), reply)
    assert tl.last_vendor_reply == reply
    assert tl.customer_contact_after_last_reply is None


def test_escalation_reproduction_and_complete_information_are_recorded() -> None:
    """Softmás: a specialist (SM-RESP-2), "reproducido al 100 %", "100 % de la información"."""
    esc = ev(madrid(3, 2, 10), K.ESCALATED)
    rep = ev(madrid(3, 2, 11), K.REPRODUCED)
    info = ev(madrid(3, 2, 12), K.INFORMATION_COMPLETE, by=CUSTOMER)
    info2 = ev(madrid(3, 2, 13), K.INFORMATION_COMPLETE)
    (seg,) = timeline(esc, rep, info, ev(madrid(3, 2, 12, 30), K.ESCALATED), info2).segments
    assert (seg.escalated, seg.reproduced) == (esc, rep)
    assert seg.information_complete == (info, info2)


def test_work_minutes_count_per_segment_and_in_total() -> None:
    tl = timeline(
        ev(madrid(3, 2, 10), K.WORK_SESSION, minutes=45),
        ev(madrid(3, 3, 9), K.REOPENED),
        ev(madrid(3, 3, 11), K.WORK_SESSION, minutes=30),
        ev(madrid(3, 3, 12), K.WORK_SESSION, minutes=20),
    )
    assert [s.work_minutes for s in tl.segments] == [45, 50]
    assert tl.work_minutes == 95
    assert [e.minutes for e in tl.work] == [45, 30, 20]


def test_a_work_session_ran_until_it_was_logged() -> None:
    """The case format's convention: ``at`` is the end of the session, ``minutes`` its length."""
    session = ev(madrid(10, 25, 3, 10), K.WORK_SESSION, minutes=70)  # the night clocks go back
    began = work_started(session)
    assert began.astimezone(UTC) == session.at.astimezone(UTC) - timedelta(minutes=70)
    assert began.tzinfo is MADRID


def test_the_customer_gets_in_touch_by_replying_or_by_any_event_of_theirs() -> None:
    assert customer_contact(ev(madrid(3, 2, 9), K.CUSTOMER_REPLY))
    assert customer_contact(ev(madrid(3, 2, 9), K.PAYMENT, by=CUSTOMER))
    assert not customer_contact(ev(madrid(3, 2, 9), K.NOTE, by=VENDOR))


# --- merging segments -------------------------------------------------------------------------


def test_a_segment_that_did_not_close_runs_on_into_the_next() -> None:
    """Softmás closes a case only by agreement, no news or as a duplicate: a reopening of a case
    that never closed changes nothing, so the two segments read as one."""
    vendor = ev(madrid(3, 2, 12), K.RESOLVED, by=VENDOR)
    reply = ev(madrid(3, 2, 13), K.VENDOR_REPLY, by=VENDOR)
    reopened = ev(madrid(3, 3, 9), K.REOPENED, by=CUSTOMER)
    customer = ev(madrid(3, 3, 10), K.RESOLVED, by=CUSTOMER)
    tl = timeline(
        vendor, reply, reopened, customer, ev(madrid(3, 3, 11), K.WORK_SESSION, minutes=5)
    )
    first, second = tl.segments
    both = first.merge(second)
    assert (both.start, both.end, both.index, both.opened_by) == (0, 5, 0, None)
    assert both.first_assent == {VENDOR: vendor, CUSTOMER: customer}
    assert both.resolutions == (vendor, customer)
    # the customer's reopening answers the vendor's reply of the first segment
    assert first.customer_contact_after_last_reply is None
    assert both.customer_contact_after_last_reply == reopened
    assert both.work_minutes == 5


def test_only_consecutive_segments_of_one_timeline_merge() -> None:
    tl = timeline(ev(madrid(3, 2, 9), K.OPENED), ev(madrid(3, 3, 9), K.REOPENED))
    other = timeline(ev(madrid(3, 2, 9), K.OPENED), ev(madrid(3, 3, 9), K.REOPENED))
    with pytest.raises(ValueError, match="not consecutive"):
        tl.segments[1].merge(tl.segments[0])
    with pytest.raises(ValueError, match="not consecutive"):
        tl.segments[0].merge(other.segments[1])


# --- waiting periods --------------------------------------------------------------------------

ASKED = madrid(3, 2, 10)


def test_a_wait_on_the_customer_ends_when_the_information_is_complete() -> None:
    wait = ev(ASKED, K.WAITING_ON_CUSTOMER, by=VENDOR)
    tries = [ev(madrid(3, 16, h), K.CONTACT_ATTEMPT, by=VENDOR) for h in (10, 12)]
    done = ev(madrid(3, 17, 9), K.INFORMATION_COMPLETE)
    tl = timeline(wait, *tries, done, ev(madrid(3, 18, 9), K.CONTACT_ATTEMPT, by=VENDOR))
    assert tl.waits == (WaitingPeriod(CUSTOMER, wait, done, None, tuple(tries)),)
    assert not tl.waits[0].running


def test_any_contact_from_the_customer_ends_the_wait() -> None:
    wait = ev(ASKED, K.WAITING_ON_CUSTOMER)
    called = ev(madrid(3, 5, 9), K.CONTACT_ATTEMPT, by=CUSTOMER)
    (period,) = timeline(wait, called).waits
    assert period.ended == called and period.contact_attempts == ()


def test_asking_again_restarts_the_wait() -> None:
    first = ev(ASKED, K.WAITING_ON_CUSTOMER)
    attempt = ev(madrid(3, 3, 9), K.CONTACT_ATTEMPT)
    second = ev(madrid(3, 4, 9), K.WAITING_ON_CUSTOMER)
    tl = timeline(first, attempt, second)
    assert [(w.started, w.ended, w.restarted) for w in tl.waits] == [
        (first, None, second),
        (second, None, None),
    ]
    assert tl.waits[0].contact_attempts == (attempt,)
    assert tl.last_wait() == tl.waits[1] and tl.waits[1].running


def test_a_wait_on_a_third_party_ends_when_it_delivers() -> None:
    """Softmás SM-DEV-3: "el tiempo de espera se contará a partir de que el tercero realice el
    cambio"."""
    wait = ev(ASKED, K.WAITING_ON_THIRD_PARTY)
    info = ev(madrid(3, 3, 9), K.INFORMATION_COMPLETE)  # ends a wait on the customer only
    done = ev(madrid(3, 9, 9), K.THIRD_PARTY_DONE)
    tl = timeline(wait, info, done)
    assert tl.waits == (WaitingPeriod(THIRD, wait, done, None, ()),)
    assert tl.last_wait(THIRD) == tl.waits[0] and tl.last_wait(CUSTOMER) is None


def test_waits_on_both_are_listed_in_the_order_they_started() -> None:
    third = ev(madrid(3, 2, 9), K.WAITING_ON_THIRD_PARTY)
    customer = ev(madrid(3, 2, 10), K.WAITING_ON_CUSTOMER)
    tl = timeline(third, customer)
    assert [w.on for w in tl.waits] == [THIRD, CUSTOMER]
    assert [w.on for w in tl.segments[0].waits] == [THIRD, CUSTOMER]


def test_a_segment_sees_a_wait_only_up_to_its_reopening() -> None:
    wait = ev(ASKED, K.WAITING_ON_CUSTOMER)
    before = ev(madrid(3, 16, 10), K.CONTACT_ATTEMPT, by=VENDOR)
    reopened = ev(madrid(3, 17, 9), K.REOPENED, by=VENDOR)
    after = ev(madrid(3, 17, 10), K.CONTACT_ATTEMPT, by=VENDOR)
    answer = ev(madrid(3, 17, 11), K.CUSTOMER_REPLY)
    tl = timeline(wait, before, reopened, after, answer)
    # on the whole ticket the wait runs on and ends with the answer …
    assert tl.waits == (WaitingPeriod(CUSTOMER, wait, answer, None, (before, after)),)
    # … the first segment sees it still running, with the attempt made in it
    first, second = tl.segments
    assert first.waits == (WaitingPeriod(CUSTOMER, wait, None, None, (before,)),)
    assert first.last_wait() == first.waits[0] and second.waits == ()
    # merged with the next, the segment sees it end
    assert first.merge(second).last_wait() == tl.waits[0]


# --- appointments -----------------------------------------------------------------------------

SESSION = madrid(3, 10, 11)  # a remote session booked for Tue 10 Mar 2026, 11:00
NOTICE, GRACE = timedelta(hours=4), timedelta(minutes=15)


def booking(when: datetime = SESSION, **kw: Any) -> Event:
    return ev(madrid(3, 9, 9), K.APPOINTMENT_BOOKED, by=VENDOR, scheduled_for=when, **kw)


def outcome(*events: Event, at: datetime) -> tuple[AppointmentStatus, datetime | None]:
    found = timeline(*events).appointments[-1].outcome(NOTICE, GRACE, at)
    return found.status, found.since


def test_the_booking_says_remote_session_or_call() -> None:
    tl = timeline(booking(ref="remote"), booking(ref="phone"), booking(), booking(ref="other"))
    assert [a.kind for a in tl.appointments] == ["remote", "phone", None, None]
    assert tl.appointments[0].scheduled_for == SESSION


def test_what_happened_before_the_next_booking_belongs_to_each() -> None:
    cancel = ev(madrid(3, 9, 10), K.APPOINTMENT_CANCELLED, by=CUSTOMER)
    again = booking(madrid(3, 12, 16))
    missed = ev(madrid(3, 12, 16, 15), K.APPOINTMENT_MISSED, by=VENDOR)
    first, second = timeline(booking(), cancel, again, missed).appointments
    assert (first.cancelled, first.missed) == (cancel, None)
    assert (second.cancelled, second.missed, second.recorded) == (None, missed, missed)
    assert first.cancelled_by is CUSTOMER
    assert first.notice == SESSION - madrid(3, 9, 10)


def test_cancelling_four_hours_ahead_is_in_time() -> None:
    """informapuntcom: "deberá notificarlo ... con una antelación mínima de 4 horas"."""
    cancel = ev(madrid(3, 10, 7), K.APPOINTMENT_CANCELLED, by=CUSTOMER)
    assert outcome(booking(), cancel, at=madrid(3, 10, 12)) == (
        AppointmentStatus.CANCELLED_IN_TIME,
        cancel.at,
    )


def test_cancelling_with_less_notice_is_late() -> None:
    cancel = ev(madrid(3, 10, 7, 1), K.APPOINTMENT_CANCELLED)
    status, since = outcome(booking(), cancel, at=madrid(3, 10, 12))
    assert (status, since) == (AppointmentStatus.CANCELLED_LATE, cancel.at)


def test_a_cancellation_by_the_vendor_is_the_vendors() -> None:
    cancel = ev(madrid(3, 10, 10, 59), K.APPOINTMENT_CANCELLED, by=VENDOR)
    assert outcome(booking(), cancel, at=madrid(3, 10, 12))[0] is AppointmentStatus.VENDOR_CANCELLED


def test_the_notice_is_elapsed_time_across_the_dst_change() -> None:
    # Sun 25 Oct 2026 04:00 CET (03:00 UTC): 4 real hours before is 01:00 CEST (23:00 UTC); the
    # wall clock, which falls back an hour at 03:00 CEST, would say 00:00
    book = ev(madrid(10, 20, 9), K.APPOINTMENT_BOOKED, scheduled_for=madrid(10, 25, 4))
    in_time = ev(madrid(10, 25, 0, 30), K.APPOINTMENT_CANCELLED)
    late = ev(datetime(2026, 10, 24, 23, 0, 1, tzinfo=UTC), K.APPOINTMENT_CANCELLED)
    at = madrid(10, 26, 9)
    assert outcome(book, in_time, at=at)[0] is AppointmentStatus.CANCELLED_IN_TIME
    assert outcome(book, late, at=at)[0] is AppointmentStatus.CANCELLED_LATE


def test_before_the_end_of_the_wait_the_appointment_is_pending() -> None:
    found = timeline(booking()).appointments[0].outcome(NOTICE, GRACE, madrid(3, 10, 11, 14))
    assert (found.status, found.since) == (AppointmentStatus.PENDING, None)
    assert found.wait_ends == madrid(3, 10, 11, 15)


def test_no_sign_of_the_customer_in_fifteen_minutes_is_missed() -> None:
    """informapuntcom: "esperará al usuario ... 15 minutos. Pasado este intervalo, si el usuario
    no está disponible ... se dará por finalizada la sesión"."""
    assert outcome(booking(), at=madrid(3, 10, 11, 15)) == (
        AppointmentStatus.MISSED,
        madrid(3, 10, 11, 15),
    )


def test_a_customer_reply_in_the_wait_means_attended() -> None:
    reply = ev(madrid(3, 10, 11, 5), K.CUSTOMER_REPLY)
    assert outcome(booking(), reply, at=madrid(3, 10, 12)) == (AppointmentStatus.ATTENDED, reply.at)


def test_a_session_logged_after_the_wait_that_began_in_it_means_attended() -> None:
    session = ev(madrid(3, 10, 12), K.WORK_SESSION, minutes=50)  # ran 11:10 to 12:00
    appointment = timeline(booking(), session).appointments[0]
    assert appointment.present(GRACE) == session
    assert outcome(booking(), session, at=madrid(3, 10, 12)) == (
        AppointmentStatus.ATTENDED,
        madrid(3, 10, 11, 10),
    )


def test_a_session_that_began_after_the_wait_is_too_late() -> None:
    session = ev(madrid(3, 10, 12), K.WORK_SESSION, minutes=40)  # ran 11:20 to 12:00
    assert timeline(booking(), session).appointments[0].presence == (session,)
    assert outcome(booking(), session, at=madrid(3, 10, 12))[0] is AppointmentStatus.MISSED


def test_what_came_before_the_appointment_is_no_presence() -> None:
    early = ev(madrid(3, 10, 10, 30), K.CUSTOMER_REPLY)
    assert timeline(booking(), early).appointments[0].presence == ()


def test_a_failed_connection_ends_the_session_at_the_end_of_the_wait() -> None:
    """informapuntcom: "si el usuario ... no tiene conexión se dará por finalizada la sesión"."""
    reply = ev(madrid(3, 10, 11, 2), K.CUSTOMER_REPLY)
    failed = ev(madrid(3, 10, 11, 5), K.CONNECTION_FAILED, by=CUSTOMER)
    assert outcome(booking(), reply, failed, at=madrid(3, 10, 11, 10))[0] is (
        AppointmentStatus.PENDING
    )
    assert outcome(booking(), reply, failed, at=madrid(3, 10, 11, 15)) == (
        AppointmentStatus.CONNECTION_FAILED,
        madrid(3, 10, 11, 15),
    )


def test_a_recorded_no_show_is_missed_at_the_end_of_the_wait() -> None:
    missed = ev(madrid(3, 10, 11, 16), K.APPOINTMENT_MISSED)
    assert outcome(booking(), missed, at=madrid(3, 10, 11, 20)) == (
        AppointmentStatus.MISSED,
        madrid(3, 10, 11, 15),
    )


def test_appointments_belong_to_the_segment_they_were_booked_in() -> None:
    tl = timeline(booking(), ev(madrid(3, 9, 10), K.REOPENED), booking(madrid(3, 12, 9)))
    assert [a.segment for a in tl.appointments] == [0, 1]
    assert tl.segments[1].appointments == (tl.appointments[1],)


# --- payments ---------------------------------------------------------------------------------


def test_a_payment_knows_the_first_work_after_it_and_the_first_closing() -> None:
    """Itplusnet: "realizar el pago ONLINE y recibir inmediatamente una atención"."""
    earlier = ev(madrid(3, 2, 9), K.WORK_SESSION, minutes=10)
    closed_same_instant = ev(madrid(3, 2, 10), K.CLOSED, by=VENDOR)
    paid = ev(madrid(3, 2, 10), K.PAYMENT, amount=Money(Decimal("15000"), "CLP"), ref="attention")
    work = ev(madrid(3, 2, 11), K.WORK_SESSION, minutes=30)
    (payment,) = timeline(earlier, closed_same_instant, paid, work).payments
    assert payment.event == paid and payment.ref == "attention"
    assert payment.amount == Money(Decimal("15000"), "CLP")
    assert payment.first_work_after == work
    assert payment.closed_after == closed_same_instant  # at or after its instant
    assert payment.segment == 0


def test_a_payment_with_nothing_after_it() -> None:
    (payment,) = timeline(ev(madrid(3, 2, 10), K.PAYMENT)).payments
    assert (payment.first_work_after, payment.closed_after, payment.ref) == (None, None, None)


# --- look-ups ---------------------------------------------------------------------------------


def test_look_ups_by_kind_instant_and_party() -> None:
    r1 = ev(madrid(3, 2, 10), K.VENDOR_REPLY, by=VENDOR)
    c1 = ev(madrid(3, 2, 11), K.CUSTOMER_REPLY, by=CUSTOMER)
    r2 = ev(madrid(3, 2, 12), K.VENDOR_REPLY)
    r3 = ev(madrid(3, 2, 13), K.VENDOR_REPLY, by=VENDOR)
    tl = timeline(r1, c1, r2, r3)
    assert (tl.first(K.VENDOR_REPLY), tl.last(K.VENDOR_REPLY)) == (r1, r3)
    assert tl.first(K.PAYMENT) is None and tl.last(K.PAYMENT) is None
    assert tl.of_kind(K.VENDOR_REPLY) == (r1, r2, r3)
    assert tl.of_kind(K.VENDOR_REPLY, 1, 3) == (r2,)
    assert tl.indices(K.VENDOR_REPLY) == (0, 2, 3)
    assert tl.first_after(K.VENDOR_REPLY, r1.at) == r2
    assert tl.first_after(K.VENDOR_REPLY, r1.at, inclusive=True) == r1
    assert tl.first_after(K.VENDOR_REPLY, r1.at, by=VENDOR) == r3
    assert tl.first_after(K.VENDOR_REPLY, r3.at) is None
    assert tl.first_after(K.NOTE, r1.at) is None
    assert tl.first_contact_after(r1.at.astimezone(UTC)) == c1
    assert tl.first_contact_after(c1.at) is None
    assert tl.segment_at(3) is tl.segments[0]
    with pytest.raises(IndexError):
        tl.segment_at(4)


def test_the_timeline_of_a_case_reads_its_ticket_without_copying_it() -> None:
    events = (ev(madrid(3, 2, 9), K.OPENED), ev(madrid(3, 2, 10), K.VENDOR_REPLY))
    request = Request("P", "malfunction", Channel.EMAIL, madrid(3, 2, 9))
    case = Case("acme", madrid(3, 3, 9), request, ticket=Ticket("T-1", events))
    tl = Timeline.of(case)
    assert tl.events is case.ticket.events
    assert tl.last_vendor_reply == events[1]


# --- one pass against brute force -------------------------------------------------------------

START = datetime(2026, 10, 24, 12, tzinfo=MADRID)  # the clocks go back the next night
KINDS = list(EventKind)
PARTIES = [None, CUSTOMER, VENDOR, THIRD]


@st.composite
def tickets(draw: st.DrawFn, most: int = 30) -> tuple[Event, ...]:
    """Events in time order (equal instants too), every kind and party, appointments and work
    sessions around each other within minutes."""
    n = draw(st.integers(0, most))
    at = START
    out: list[Event] = []
    for _ in range(n):
        at = at + timedelta(minutes=draw(st.sampled_from([0, 1, 5, 14, 15, 16, 60, 600])))
        kind = draw(st.sampled_from(KINDS))
        kw: dict[str, Any] = {"by": draw(st.sampled_from(PARTIES))}
        if kind is K.WORK_SESSION:
            kw["minutes"] = draw(st.sampled_from([0, 5, 15, 40, 90]))
        if kind is K.APPOINTMENT_BOOKED:
            kw["scheduled_for"] = at + timedelta(minutes=draw(st.integers(-60, 300)))
            kw["ref"] = draw(st.sampled_from([None, "remote", "phone"]))
        out.append(Event(at.astimezone(draw(st.sampled_from([MADRID, UTC]))), kind, **kw))
    return tuple(out)


RECORDED = (K.APPOINTMENT_MISSED, K.CONNECTION_FAILED)


def _u(e: Event) -> datetime:
    return e.at.astimezone(UTC)


def _contact(e: Event) -> bool:
    return e.kind is K.CUSTOMER_REPLY or e.by is CUSTOMER


def _first(events: Any, test: Any) -> Event | None:
    return next((e for e in events if test(e)), None)


def naive_segments(events: tuple[Event, ...]) -> list[tuple[int, int]]:
    starts = [0] + [i for i, e in enumerate(events) if i and e.kind in (K.OPENED, K.REOPENED)]
    return list(zip(starts, [*starts[1:], len(events)], strict=True))


def naive_waits(events: tuple[Event, ...], on: Party) -> list[tuple[int, WaitingPeriod]]:
    """Each wait on ``on``, with the position of the event that started it."""
    start_kind = K.WAITING_ON_CUSTOMER if on is CUSTOMER else K.WAITING_ON_THIRD_PARTY

    def stops(e: Event) -> bool:
        if on is CUSTOMER:
            return e.kind is K.INFORMATION_COMPLETE or _contact(e)
        return e.kind is K.THIRD_PARTY_DONE

    out = []
    for i, e in enumerate(events):
        if e.kind is not start_kind:
            continue
        ended = restarted = None
        end = len(events)
        for j in range(i + 1, len(events)):
            if stops(events[j]):
                ended, end = events[j], j
                break
            if events[j].kind is start_kind:
                restarted, end = events[j], j
                break
        tries = tuple(
            x for x in events[i + 1 : end] if x.kind is K.CONTACT_ATTEMPT and not _contact(x)
        )
        out.append((i, WaitingPeriod(on, e, ended, restarted, tries)))
    return out


def in_order(*waits: list[tuple[int, WaitingPeriod]]) -> tuple[WaitingPeriod, ...]:
    return tuple(w for _, w in sorted([x for found in waits for x in found], key=lambda x: x[0]))


def check_segment(seg: Any, events: tuple[Event, ...], start: int, end: int) -> None:
    """A segment (or merged segments) against brute force over ``events[start:end]``."""
    part = events[start:end]
    assert (seg.start, seg.end) == (start, end)
    assent: dict[Party | None, Event] = {}
    for e in part:
        if e.kind in (K.RESOLVED, K.CLOSED):
            assent.setdefault(e.by, e)
    assert seg.first_assent == assent
    assert seg.resolutions == tuple(e for e in part if e.kind in (K.RESOLVED, K.CLOSED))
    assert seg.first_closed == _first(part, lambda e: e.kind is K.CLOSED)
    assert seg.duplicate == _first(part, lambda e: e.kind is K.DUPLICATE_OF)
    assert seg.escalated == _first(part, lambda e: e.kind is K.ESCALATED)
    assert seg.reproduced == _first(part, lambda e: e.kind is K.REPRODUCED)
    replies = [i for i, e in enumerate(part) if e.kind is K.VENDOR_REPLY]
    assert seg.first_vendor_reply == (part[replies[0]] if replies else None)
    assert seg.last_vendor_reply == (part[replies[-1]] if replies else None)
    assert seg.first_contact == _first(part, _contact)
    after = _first(part[replies[-1] + 1 :], _contact) if replies else None
    assert seg.customer_contact_after_last_reply == after
    assert seg.information_complete == tuple(e for e in part if e.kind is K.INFORMATION_COMPLETE)
    assert seg.work_minutes == sum(e.minutes or 0 for e in part if e.kind is K.WORK_SESSION)
    for on in (CUSTOMER, THIRD):
        expected = [w for _, w in naive_waits(part, on)]
        assert seg.waits_on(on) == tuple(expected)
        assert seg.last_wait(on) == (expected[-1] if expected else None)
    assert seg.waits == in_order(naive_waits(part, CUSTOMER), naive_waits(part, THIRD))


@settings(max_examples=300, deadline=None)
@given(tickets())
def test_the_segments_are_what_brute_force_finds(events: tuple[Event, ...]) -> None:
    tl = build_timeline(events)
    bounds = naive_segments(events)
    assert [(s.start, s.end) for s in tl.segments] == bounds
    for k, (seg, (start, end)) in enumerate(zip(tl.segments, bounds, strict=True)):
        assert seg.index == k
        check_segment(seg, events, start, end)
        assert seg.opened_by == (
            events[start] if start < end and events[start].kind in (K.OPENED, K.REOPENED) else None
        )


@settings(max_examples=300, deadline=None)
@given(tickets(), st.data())
def test_merged_segments_are_the_segments_read_as_one(events: tuple[Event, ...], data: Any) -> None:
    tl = build_timeline(events)
    first = data.draw(st.integers(0, len(tl.segments) - 1))
    last = data.draw(st.integers(first, len(tl.segments) - 1))
    merged = tl.segments[first]
    for seg in tl.segments[first + 1 : last + 1]:
        merged = merged.merge(seg)
    check_segment(merged, events, tl.segments[first].start, tl.segments[last].end)


@settings(max_examples=300, deadline=None)
@given(tickets())
def test_the_whole_tickets_parts_are_what_brute_force_finds(events: tuple[Event, ...]) -> None:
    tl = build_timeline(events)
    assert tl.events is events
    assert tl.waits == in_order(naive_waits(events, CUSTOMER), naive_waits(events, THIRD))
    assert tl.work == tuple(e for e in events if e.kind is K.WORK_SESSION)
    assert tl.work_minutes == sum(e.minutes or 0 for e in tl.work)
    assert tl.reopenings == tuple(e for e in events if e.kind is K.REOPENED)
    replies = [i for i, e in enumerate(events) if e.kind is K.VENDOR_REPLY]
    assert tl.last_vendor_reply == (events[replies[-1]] if replies else None)
    after = _first(events[replies[-1] + 1 :], _contact) if replies else None
    assert tl.customer_contact_after_last_reply == after
    bookings = [i for i, e in enumerate(events) if e.kind is K.APPOINTMENT_BOOKED]
    assert len(tl.appointments) == len(bookings)
    ends = [*bookings[1:], len(events)] if bookings else []
    for a, i, end in zip(tl.appointments, bookings, ends, strict=True):
        window = events[i + 1 : end]
        sched = events[i].scheduled_for
        assert sched is not None
        assert a.booked == events[i] and a.kind == events[i].ref
        assert a.cancelled == _first(window, lambda e: e.kind is K.APPOINTMENT_CANCELLED)
        assert a.missed == _first(window, lambda e: e.kind is K.APPOINTMENT_MISSED)
        assert a.connection_failed == _first(window, lambda e: e.kind is K.CONNECTION_FAILED)
        assert a.recorded == _first(window, lambda e: e.kind in RECORDED)
        own = (K.APPOINTMENT_CANCELLED, *RECORDED)
        assert a.presence == tuple(
            e
            for e in window
            if (e.kind is K.WORK_SESSION or _contact(e))
            and e.kind not in own
            and _u(e) >= sched.astimezone(UTC)
        )
        assert a.segment == tl.segment_at(i).index
    payments = [i for i, e in enumerate(events) if e.kind is K.PAYMENT]
    for p, i in zip(tl.payments, payments, strict=True):
        assert p.event == events[i]
        assert p.first_work_after == _first(events[i + 1 :], lambda e: e.kind is K.WORK_SESSION)
        closings = [e for e in events if e.kind is K.CLOSED]
        assert p.closed_after == _first(closings, lambda e, i=i: _u(e) >= _u(events[i]))


@settings(max_examples=300, deadline=None)
@given(tickets(), st.sampled_from(KINDS), st.sampled_from(PARTIES), st.integers(-30, 3000))
def test_look_ups_are_what_brute_force_finds(
    events: tuple[Event, ...], kind: EventKind, by: Party | None, minutes: int
) -> None:
    tl = build_timeline(events)
    instant = START + timedelta(minutes=minutes)
    cut = instant.astimezone(UTC)
    of = [e for e in events if e.kind is kind]
    assert tl.of_kind(kind) == tuple(of)
    assert tl.first(kind) == (of[0] if of else None)
    assert tl.last(kind) == (of[-1] if of else None)
    mine = [e for e in of if by is None or e.by is by]
    assert tl.first_after(kind, instant, by=by) == _first(mine, lambda e: _u(e) > cut)
    assert tl.first_after(kind, instant, by=by, inclusive=True) == _first(
        mine, lambda e: _u(e) >= cut
    )
    contacts = [e for e in events if _contact(e)]
    assert tl.first_contact_after(instant) == _first(contacts, lambda e: _u(e) > cut)
    assert tl.first_contact_after(instant, inclusive=True) == _first(
        contacts, lambda e: _u(e) >= cut
    )
