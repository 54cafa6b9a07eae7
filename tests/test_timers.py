"""Closure timers: each state (inactive / pending / fired) and the exact instants they fire."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from supportcore.calendar import (
    BusinessCalendar,
    CalendarSpec,
    HolidaySpec,
    ScheduleSpec,
    add_calendar_hours,
)
from supportcore.model import Event, EventKind, Party, Ticket
from supportcore.timeline import build_timeline, work_started
from supportcore.timers import (
    AppointmentMissed,
    AttentionCap,
    LateCancellation,
    NoAnswerAfterReply,
    TimerState,
    TimerStatus,
    WaitingOnCustomer,
    first_fired,
    next_due,
)

MADRID = ZoneInfo("Europe/Madrid")
MEXICO = ZoneInfo("America/Mexico_City")
SANTIAGO = ZoneInfo("America/Santiago")

INACTIVE, PENDING, FIRED = TimerStatus.INACTIVE, TimerStatus.PENDING, TimerStatus.FIRED


def madrid(month: int, day: int, hour: int, minute: int = 0) -> datetime:
    return datetime(2026, month, day, hour, minute, tzinfo=MADRID)


def mexico(month: int, day: int, hour: int, minute: int = 0) -> datetime:
    return datetime(2026, month, day, hour, minute, tzinfo=MEXICO)


def ev(at: datetime, kind: EventKind, **kw: Any) -> Event:
    return Event(at, kind, **kw)


def ticket(*events: Event) -> Ticket:
    return Ticket("T-1", events)


# --- calendars ----------------------------------------------------------------------------


def calendar(name: str, tz: str, country: str, *windows: str) -> BusinessCalendar:
    spec = CalendarSpec(
        timezone=tz,
        schedules=(ScheduleSpec("office", ("mon-fri",), windows),),
        holidays=HolidaySpec(country),
    )
    return spec.build(name)


#: Softmás: "de lunes a viernes de 09:00 a 14:00 y de 15:00 a 18;00. Hora de la Ciudad de México."
SOFTMAS_PHONE = calendar("softmas-phone", "America/Mexico_City", "MX", "09:00-14:00", "15:00-18:00")
#: a Madrid desk open 9-14 and 16:30-19:30 on weekdays (Binarema's published hours)
MADRID_DESK = calendar("madrid-desk", "Europe/Madrid", "ES", "09:00-14:00", "16:30-19:30")


# --- NoAnswerAfterReply -------------------------------------------------------------------

NO_ANSWER = NoAnswerAfterReply(hours=48)


def test_no_answer_timer_is_inactive_before_any_vendor_reply() -> None:
    t = ticket(ev(madrid(3, 2, 9), EventKind.OPENED, by=Party.CUSTOMER))
    state = NO_ANSWER.evaluate(t, madrid(3, 9, 9))
    assert state.status is INACTIVE
    assert state.fires_at is None
    assert "has not replied" in state.explanation


REPLY = madrid(10, 24, 12)  # Sat 24 Oct 2026, 12:00 CEST (+02:00); clocks go back on Sun 25 Oct


def replied(*more: Event) -> Ticket:
    return ticket(
        ev(madrid(10, 23, 9), EventKind.OPENED, by=Party.CUSTOMER),
        ev(REPLY, EventKind.VENDOR_REPLY, by=Party.VENDOR),
        *more,
    )


def test_forty_eight_hours_across_the_dst_change_are_elapsed_hours() -> None:
    # 48 real hours after Sat 12:00 CEST is Mon 11:00 CET: the wall clock moves only 47 hours.
    fires = madrid(10, 26, 11)
    assert fires.utcoffset() == timedelta(hours=1)
    # (Python subtracts two datetimes of the same zone by wall clock: 47 h; in UTC it is 48 h.)
    assert fires - REPLY == timedelta(hours=47)
    assert fires.astimezone(UTC) - REPLY.astimezone(UTC) == timedelta(hours=48)
    state = NO_ANSWER.evaluate(replied(), madrid(10, 26, 10, 59))
    assert state.status is PENDING
    assert state.since == REPLY
    assert state.fires_at == fires
    assert state.owed == (
        ("customer", "answer the vendor's reply of Sat 2026-10-24 12:00 CEST", fires),
    )
    assert state.explanation == (
        "The vendor last replied on Sat 2026-10-24 12:00 CEST. If the customer does not answer "
        "within 48 hours (the clocks changed in between, from UTC+0200 to UTC+0100), that is by "
        "Mon 2026-10-26 11:00 CET, the ticket can be closed."
    )


def test_no_answer_fires_exactly_forty_eight_hours_after_the_reply() -> None:
    state = NO_ANSWER.evaluate(replied(), madrid(10, 26, 11))
    assert state.status is FIRED
    assert state.fires_at == madrid(10, 26, 11)
    assert state.owed == ()
    assert "the ticket can be closed as of Mon 2026-10-26 11:00 CET" in state.explanation


def test_a_customer_reply_after_the_vendor_reply_stops_the_clock() -> None:
    t = replied(ev(madrid(10, 25, 20), EventKind.CUSTOMER_REPLY, by=Party.CUSTOMER))
    state = NO_ANSWER.evaluate(t, madrid(10, 28, 9))
    assert state.status is INACTIVE
    assert state.fires_at is None
    assert "customer reply on Sun 2026-10-25 20:00 CET" in state.explanation


def test_any_contact_by_the_customer_stops_the_clock() -> None:
    t = replied(ev(madrid(10, 25, 20), EventKind.NOTE, by=Party.CUSTOMER, note="called"))
    assert NO_ANSWER.evaluate(t, madrid(10, 28, 9)).status is INACTIVE


def test_a_customer_reply_after_the_evaluation_instant_is_not_seen() -> None:
    t = replied(ev(madrid(10, 26, 12), EventKind.CUSTOMER_REPLY, by=Party.CUSTOMER))
    assert NO_ANSWER.evaluate(t, madrid(10, 26, 11)).status is FIRED
    assert NO_ANSWER.evaluate(t, madrid(10, 26, 12)).status is INACTIVE


def test_a_new_vendor_reply_restarts_the_clock() -> None:
    again = madrid(10, 27, 9, 30)
    t = replied(
        ev(madrid(10, 25, 20), EventKind.CUSTOMER_REPLY, by=Party.CUSTOMER),
        ev(again, EventKind.VENDOR_REPLY, by=Party.VENDOR),
    )
    state = NO_ANSWER.evaluate(t, madrid(10, 28, 9))
    assert state.status is PENDING
    assert state.since == again
    assert state.fires_at == madrid(10, 29, 9, 30)


def test_a_vendor_reply_is_not_an_answer_from_the_customer() -> None:
    t = replied(ev(madrid(10, 25, 10), EventKind.WORK_SESSION, by=Party.VENDOR, minutes=5))
    assert NO_ANSWER.evaluate(t, madrid(10, 26, 11)).status is FIRED


def test_no_answer_in_business_hours_skips_nights_weekends_and_holidays() -> None:
    # 8 business hours from Fri 4 Dec 2026 13:00 on a 9-14 / 16:30-19:30 desk: 1 h to 14:00,
    # 3 h to 19:30, the weekend is skipped, and Mon 7 Dec 9:00-13:00 gives the last 4 h.
    timer = NoAnswerAfterReply(hours=8, calendar=MADRID_DESK)
    t = ticket(ev(madrid(12, 4, 13), EventKind.VENDOR_REPLY, by=Party.VENDOR))
    state = timer.evaluate(t, madrid(12, 7, 12, 59))
    assert state.status is PENDING
    assert state.fires_at == madrid(12, 7, 13)
    assert "within 8 business hours of the madrid-desk calendar" in state.explanation
    later = ticket(ev(madrid(12, 7, 18), EventKind.VENDOR_REPLY, by=Party.VENDOR))
    state = timer.evaluate(later, madrid(12, 7, 19))
    # Mon 18:00-19:30 (1.5 h), Tue 8 Dec is the Immaculate Conception, Wed 9:00-14:00 (5 h),
    # Wed 16:30-18:00 (1.5 h).
    assert state.fires_at == madrid(12, 9, 18)
    assert "skipping Tuesday 2026-12-08 (public holiday" in state.explanation


# --- WaitingOnCustomer --------------------------------------------------------------------

SOFTMAS = WaitingOnCustomer(business_days=10, attempts=2, calendar=SOFTMAS_PHONE)
ASKED = mexico(4, 15, 10)  # Wed 15 Apr 2026, 10:00 in Mexico City
TEN_DAYS_LATER = mexico(4, 29, 10)  # Wed 29 Apr: 10 weekdays later, same wall time


def waiting(*more: Event) -> Ticket:
    return ticket(
        ev(mexico(4, 14, 9), EventKind.OPENED, by=Party.CUSTOMER),
        ev(ASKED, EventKind.WAITING_ON_CUSTOMER, by=Party.VENDOR),
        *more,
    )


def test_waiting_on_customer_is_inactive_when_nothing_was_asked() -> None:
    state = SOFTMAS.evaluate(ticket(ev(ASKED, EventKind.OPENED)), mexico(5, 29, 10))
    assert state.status is INACTIVE
    assert state.since is None


def test_during_the_ten_business_days_the_customer_owes_the_information() -> None:
    state = SOFTMAS.evaluate(waiting(), mexico(4, 20, 12))
    assert state.status is PENDING
    assert state.since == ASKED
    assert state.fires_at is None  # the closing instant depends on the consultant's attempts
    assert state.owed == (
        ("customer", "send the information the vendor asked for", TEN_DAYS_LATER),
    )
    assert "by Wed 2026-04-29 10:00 CST" in state.explanation
    assert "2 contact attempts" in state.explanation


def test_a_customer_reply_stops_the_wait() -> None:
    t = waiting(ev(mexico(4, 22, 16), EventKind.CUSTOMER_REPLY, by=Party.CUSTOMER))
    state = SOFTMAS.evaluate(t, mexico(6, 1, 10))
    assert state.status is INACTIVE
    assert "customer reply on Wed 2026-04-22 16:00 CST" in state.explanation


def test_complete_information_stops_the_wait() -> None:
    t = waiting(ev(mexico(4, 22, 16), EventKind.INFORMATION_COMPLETE, by=Party.VENDOR))
    assert SOFTMAS.evaluate(t, mexico(6, 1, 10)).status is INACTIVE


def test_after_ten_business_days_the_vendor_owes_two_contact_attempts() -> None:
    state = SOFTMAS.evaluate(waiting(), TEN_DAYS_LATER)
    assert state.status is PENDING
    assert state.fires_at is None
    assert state.owed == (
        ("vendor", "contact attempt 1 of 2", None),
        ("vendor", "contact attempt 2 of 2", None),
    )
    assert "none of the 2 contact attempts has been made yet" in state.explanation


def test_one_attempt_made_one_still_owed() -> None:
    t = waiting(ev(mexico(4, 30, 11), EventKind.CONTACT_ATTEMPT, by=Party.VENDOR))
    state = SOFTMAS.evaluate(t, mexico(5, 4, 9))
    assert state.status is PENDING
    assert state.owed == (("vendor", "contact attempt 2 of 2", None),)
    assert "made 1 of 2 contact attempts (Thu 2026-04-30 11:00 CST)" in state.explanation


def test_fires_at_the_second_attempt_after_the_ten_business_days() -> None:
    second = mexico(5, 4, 17, 30)
    t = waiting(
        ev(mexico(4, 30, 11), EventKind.CONTACT_ATTEMPT, by=Party.VENDOR),
        ev(second, EventKind.CONTACT_ATTEMPT, by=Party.VENDOR),
    )
    state = SOFTMAS.evaluate(t, mexico(5, 5, 9))
    assert state.status is FIRED
    assert state.fires_at == second
    assert state.owed == ()
    assert "the case can be closed as of Mon 2026-05-04 17:30 CST" in state.explanation


def test_attempts_before_the_ten_business_days_do_not_count() -> None:
    t = waiting(
        ev(mexico(4, 28, 11), EventKind.CONTACT_ATTEMPT, by=Party.VENDOR),
        ev(mexico(4, 29, 11), EventKind.CONTACT_ATTEMPT, by=Party.VENDOR),
    )
    state = SOFTMAS.evaluate(t, mexico(5, 4, 9))
    assert state.status is PENDING
    assert state.owed == (("vendor", "contact attempt 2 of 2", None),)
    assert (
        "The contact attempt on Tue 2026-04-28 11:00 CST came before the 10 business days had "
        "passed and does not count." in state.explanation
    )


def test_an_attempt_exactly_at_the_deadline_counts() -> None:
    t = waiting(
        ev(TEN_DAYS_LATER, EventKind.CONTACT_ATTEMPT, by=Party.VENDOR),
        ev(TEN_DAYS_LATER + timedelta(hours=2), EventKind.CONTACT_ATTEMPT, by=Party.VENDOR),
    )
    state = SOFTMAS.evaluate(t, mexico(5, 1, 9))
    assert state.status is FIRED
    assert state.fires_at == TEN_DAYS_LATER + timedelta(hours=2)


def test_the_wait_skips_public_holidays_and_says_so() -> None:
    # 1 May (Día del Trabajo) is not a business day: waiting from 21 Apr ends on 6 May.
    t = ticket(ev(mexico(4, 21, 10), EventKind.WAITING_ON_CUSTOMER))
    state = SOFTMAS.evaluate(t, mexico(5, 5, 10))
    assert state.owed[0][2] == mexico(5, 6, 10)
    assert "skipping Friday 2026-05-01 (public holiday: Labor Day)" in state.explanation
    assert "Saturday" not in state.explanation


def test_a_wait_that_starts_after_hours_ends_at_closing_time() -> None:
    # Asked on Fri 17 Apr at 20:00; the 10th business day is Mon 4 May (1 May is a holiday),
    # and 20:00 is after the desk closes, so the wait ends at 18:00.
    t = ticket(ev(mexico(4, 17, 20), EventKind.WAITING_ON_CUSTOMER))
    state = SOFTMAS.evaluate(t, mexico(5, 4, 17, 59))
    assert state.owed[0][2] == mexico(5, 4, 18)
    assert SOFTMAS.evaluate(t, mexico(5, 4, 18)).owed[0][0] == "vendor"


def test_a_wait_with_no_attempts_fires_at_the_deadline() -> None:
    timer = WaitingOnCustomer(business_days=10, attempts=0, calendar=SOFTMAS_PHONE)
    assert timer.evaluate(waiting(), mexico(4, 29, 9, 59)).fires_at == TEN_DAYS_LATER
    state = timer.evaluate(waiting(), TEN_DAYS_LATER)
    assert state.status is FIRED
    assert state.fires_at == TEN_DAYS_LATER


def test_a_new_request_for_information_restarts_the_wait() -> None:
    again = mexico(4, 24, 10)
    t = waiting(
        ev(mexico(4, 22, 16), EventKind.CUSTOMER_REPLY, by=Party.CUSTOMER),
        ev(again, EventKind.WAITING_ON_CUSTOMER, by=Party.VENDOR),
    )
    state = SOFTMAS.evaluate(t, mexico(5, 4, 9))
    assert state.status is PENDING
    assert state.since == again
    assert state.owed[0][2] == mexico(5, 11, 10)  # 10 business days, 1 May is a holiday


# --- AppointmentMissed --------------------------------------------------------------------

MISSED = AppointmentMissed(grace_minutes=15)
SESSION = madrid(3, 10, 11)  # the remote session booked for Tue 10 Mar 2026, 11:00


def booked(*more: Event) -> Ticket:
    return ticket(
        ev(madrid(3, 9, 9), EventKind.APPOINTMENT_BOOKED, by=Party.VENDOR, scheduled_for=SESSION),
        *more,
    )


def test_no_appointment_no_timer() -> None:
    assert MISSED.evaluate(ticket(), madrid(3, 10, 12)).status is INACTIVE


def test_before_the_appointment_the_wait_is_pending() -> None:
    state = MISSED.evaluate(booked(), madrid(3, 10, 10))
    assert state.status is PENDING
    assert state.fires_at == madrid(3, 10, 11, 15)
    assert state.since == SESSION
    assert state.owed == (("customer", "be available for the remote session", SESSION),)


def test_during_the_fifteen_minutes_the_wait_is_still_pending() -> None:
    assert MISSED.evaluate(booked(), madrid(3, 10, 11, 14)).status is PENDING


def test_no_sign_of_the_customer_ends_the_session_after_fifteen_minutes() -> None:
    state = MISSED.evaluate(booked(), madrid(3, 10, 11, 15))
    assert state.status is FIRED
    assert state.fires_at == madrid(3, 10, 11, 15)
    assert "session ended at Tue 2026-03-10 11:15 CET" in state.explanation


def test_the_wait_is_elapsed_time_in_the_repeated_hour() -> None:
    # 02:50 CEST on Sun 25 Oct 2026 (00:50 UTC) + 15 min is 02:05 CET, the second 02:05.
    t = ticket(
        ev(madrid(10, 24, 9), EventKind.APPOINTMENT_BOOKED, scheduled_for=madrid(10, 25, 2, 50))
    )
    state = MISSED.evaluate(t, datetime(2026, 10, 25, 1, 5, tzinfo=UTC))
    assert state.status is FIRED
    assert state.fires_at is not None
    assert state.fires_at.astimezone(UTC) == datetime(2026, 10, 25, 1, 5, tzinfo=UTC)
    assert state.fires_at.utcoffset() == timedelta(hours=1)
    assert "session ended at Sun 2026-10-25 02:05 CET" in state.explanation
    early = MISSED.evaluate(t, datetime(2026, 10, 25, 1, 4, tzinfo=UTC))
    assert early.status is PENDING  # 02:04 CET, although the wall clock shows an earlier time


def test_a_work_session_within_the_wait_means_the_customer_was_there() -> None:
    t = booked(ev(madrid(3, 10, 11, 10), EventKind.WORK_SESSION, by=Party.VENDOR, minutes=40))
    state = MISSED.evaluate(t, madrid(3, 10, 12))
    assert state.status is INACTIVE
    assert "customer was available" in state.explanation


def test_a_work_session_that_began_after_the_wait_is_too_late() -> None:
    # logged at 11:56 after 40 minutes: it began at 11:16, after the 15-minute wait
    t = booked(ev(madrid(3, 10, 11, 56), EventKind.WORK_SESSION, minutes=40))
    state = MISSED.evaluate(t, madrid(3, 10, 12))
    assert state.status is FIRED
    assert state.fires_at == madrid(3, 10, 11, 15)


def test_a_work_session_logged_after_the_wait_that_began_in_it_means_the_customer_was_there() -> (
    None
):
    # a work session's ``at`` is when it ended: logged at 11:16 after 40 minutes, it ran from
    # 10:36, through the whole wait
    t = booked(ev(madrid(3, 10, 11, 16), EventKind.WORK_SESSION, minutes=40))
    state = MISSED.evaluate(t, madrid(3, 10, 12))
    assert state.status is INACTIVE
    assert "work session on Tue 2026-03-10 11:16 CET, within the 15-minute wait" in (
        state.explanation
    )


def test_any_contact_by_the_customer_in_the_wait_means_the_customer_was_there() -> None:
    t = booked(ev(madrid(3, 10, 11, 10), EventKind.NOTE, by=Party.CUSTOMER, note="connected"))
    assert MISSED.evaluate(t, madrid(3, 10, 12)).status is INACTIVE


def test_a_recorded_no_show_fires_at_the_end_of_the_wait() -> None:
    t = booked(ev(madrid(3, 10, 11, 15), EventKind.APPOINTMENT_MISSED, by=Party.VENDOR))
    state = MISSED.evaluate(t, madrid(3, 10, 11, 20))
    assert state.status is FIRED
    assert state.fires_at == madrid(3, 10, 11, 15)
    assert "the customer was not available" in state.explanation


def test_a_failed_connection_fires_even_if_the_customer_replied() -> None:
    t = booked(
        ev(madrid(3, 10, 11, 2), EventKind.CUSTOMER_REPLY, by=Party.CUSTOMER),
        ev(madrid(3, 10, 11, 5), EventKind.CONNECTION_FAILED, by=Party.VENDOR),
    )
    early = MISSED.evaluate(t, madrid(3, 10, 11, 6))
    assert early.status is PENDING  # never fires before the end of the wait
    assert early.fires_at == madrid(3, 10, 11, 15)
    state = MISSED.evaluate(t, madrid(3, 10, 11, 15))
    assert state.status is FIRED
    assert "the remote connection failed" in state.explanation


def test_a_cancelled_appointment_cannot_be_missed() -> None:
    t = booked(ev(madrid(3, 10, 8), EventKind.APPOINTMENT_CANCELLED, by=Party.CUSTOMER))
    state = MISSED.evaluate(t, madrid(3, 10, 12))
    assert state.status is INACTIVE
    assert "cancelled on Tue 2026-03-10 08:00 CET" in state.explanation


def test_the_last_booking_counts() -> None:
    later = madrid(3, 12, 16)
    t = booked(
        ev(madrid(3, 10, 8), EventKind.APPOINTMENT_CANCELLED, by=Party.CUSTOMER),
        ev(madrid(3, 10, 9), EventKind.APPOINTMENT_BOOKED, scheduled_for=later),
    )
    state = MISSED.evaluate(t, madrid(3, 12, 16, 30))
    assert state.status is FIRED
    assert state.fires_at == madrid(3, 12, 16, 15)


# --- LateCancellation ---------------------------------------------------------------------

LATE = LateCancellation(min_notice_hours=4)


def test_cancelling_with_more_than_four_hours_notice_is_in_time() -> None:
    t = booked(ev(madrid(3, 10, 6, 59), EventKind.APPOINTMENT_CANCELLED, by=Party.CUSTOMER))
    state = LATE.evaluate(t, madrid(3, 10, 12))
    assert state.status is INACTIVE
    assert "4 h 1 min before it: in time" in state.explanation


def test_cancelling_exactly_four_hours_before_is_in_time() -> None:
    t = booked(ev(madrid(3, 10, 7), EventKind.APPOINTMENT_CANCELLED, by=Party.CUSTOMER))
    assert LATE.evaluate(t, madrid(3, 10, 12)).status is INACTIVE


def test_cancelling_three_hours_before_is_late() -> None:
    cancelled = madrid(3, 10, 8)
    t = booked(ev(cancelled, EventKind.APPOINTMENT_CANCELLED, by=Party.CUSTOMER))
    state = LATE.evaluate(t, madrid(3, 10, 12))
    assert state.status is FIRED
    assert state.fires_at == cancelled
    assert "3 h before it: too late" in state.explanation
    assert "that is by Tue 2026-03-10 07:00 CET" in state.explanation


def test_cancelling_after_the_appointment_started_is_late() -> None:
    t = booked(ev(madrid(3, 10, 11, 5), EventKind.APPOINTMENT_CANCELLED, by=Party.CUSTOMER))
    state = LATE.evaluate(t, madrid(3, 10, 12))
    assert state.status is FIRED
    assert "5 min after its start" in state.explanation


def test_a_vendor_cancellation_is_never_a_late_cancellation() -> None:
    t = booked(ev(madrid(3, 10, 10), EventKind.APPOINTMENT_CANCELLED, by=Party.VENDOR))
    assert LATE.evaluate(t, madrid(3, 10, 12)).status is INACTIVE


def test_an_appointment_not_cancelled_says_the_notice_limit() -> None:
    state = LATE.evaluate(booked(), madrid(3, 9, 12))
    assert state.status is INACTIVE
    assert "by Tue 2026-03-10 07:00 CET" in state.explanation


def test_a_cancellation_after_the_evaluation_instant_is_not_seen() -> None:
    t = booked(ev(madrid(3, 10, 8), EventKind.APPOINTMENT_CANCELLED, by=Party.CUSTOMER))
    assert LATE.evaluate(t, madrid(3, 10, 7, 59)).status is INACTIVE


def test_four_hours_notice_is_elapsed_time_across_the_dst_change() -> None:
    # Clocks go forward at 02:00 on Sun 29 Mar 2026; 05:00 CEST is only 3 real hours after
    # 01:00 CET. A cancellation at 01:30 CET for 05:00 CEST gave 2 h 30 min notice.
    t = ticket(
        ev(madrid(3, 27, 9), EventKind.APPOINTMENT_BOOKED, scheduled_for=madrid(3, 29, 5)),
        ev(madrid(3, 29, 1, 30), EventKind.APPOINTMENT_CANCELLED, by=Party.CUSTOMER),
    )
    state = LATE.evaluate(t, madrid(3, 29, 6))
    assert state.status is FIRED
    assert "2 h 30 min before it" in state.explanation


# --- AttentionCap -------------------------------------------------------------------------

CAP = AttentionCap(minutes=90)


def santiago(hour: int, minute: int = 0) -> datetime:
    return datetime(2026, 6, 8, hour, minute, tzinfo=SANTIAGO)


def test_the_attention_has_not_started_before_the_first_work_session() -> None:
    t = ticket(ev(santiago(9), EventKind.PAYMENT, by=Party.CUSTOMER))
    assert CAP.evaluate(t, santiago(10)).status is INACTIVE


def test_ninety_minutes_after_the_first_work_session() -> None:
    t = ticket(
        ev(santiago(9), EventKind.PAYMENT, by=Party.CUSTOMER),
        ev(santiago(10), EventKind.WORK_SESSION, by=Party.VENDOR, minutes=30),
        ev(santiago(10, 45), EventKind.WORK_SESSION, by=Party.VENDOR, minutes=15),
    )
    state = CAP.evaluate(t, santiago(11))
    assert state.status is PENDING
    assert state.since == santiago(10)
    assert state.fires_at == santiago(11, 30)
    assert state.explanation == (
        "The attention began on Mon 2026-06-08 10:00 UTC-04:00 (work session); the limit is "
        "90 minutes per attention, so it ends on Mon 2026-06-08 11:30 UTC-04:00. "
        "Work logged: 45 min so far."
    )
    fired = CAP.evaluate(t, santiago(11, 30))
    assert fired.status is FIRED
    assert fired.fires_at == santiago(11, 30)


def test_the_cap_reports_work_beyond_the_limit() -> None:
    t = ticket(ev(santiago(10), EventKind.WORK_SESSION, minutes=100))
    state = CAP.evaluate(t, santiago(12))
    assert state.status is FIRED
    assert "Work logged: 1 h 40 min, 10 min beyond the limit." in state.explanation


def test_the_attention_can_start_at_another_event() -> None:
    cap = AttentionCap(minutes=90, starts_on=EventKind.PAYMENT)
    t = ticket(
        ev(santiago(9), EventKind.PAYMENT, by=Party.CUSTOMER),
        ev(santiago(10), EventKind.WORK_SESSION, minutes=30),
    )
    state = cap.evaluate(t, santiago(10, 15))
    assert state.fires_at == santiago(10, 30)
    assert state.since == santiago(9)


# --- composing and invariants -------------------------------------------------------------


def test_first_fired_and_next_due_pick_the_earliest() -> None:
    t = booked(ev(madrid(3, 10, 8), EventKind.APPOINTMENT_CANCELLED, by=Party.CUSTOMER))
    late = LATE.evaluate(t, madrid(3, 10, 12))
    cap_t = ticket(ev(madrid(3, 10, 9), EventKind.WORK_SESSION, minutes=5))
    cap = CAP.evaluate(cap_t, madrid(3, 10, 12))
    pending = CAP.evaluate(cap_t, madrid(3, 10, 9, 30))
    pending_missed = MISSED.evaluate(booked(), madrid(3, 10, 9))
    inactive = MISSED.evaluate(ticket(), madrid(3, 10, 9))
    assert first_fired([late, cap, inactive]) == late  # 08:00 before 10:30
    assert first_fired([pending, inactive]) is None
    assert next_due([pending_missed, pending, inactive, late]) == pending  # 10:30 before 11:15
    assert next_due([late, inactive]) is None


def test_next_due_skips_pending_states_with_no_set_time() -> None:
    owed = SOFTMAS.evaluate(waiting(), TEN_DAYS_LATER)
    assert owed.status is PENDING
    assert next_due([owed]) is None


def test_a_fired_state_needs_its_instant() -> None:
    with pytest.raises(ValueError, match="fires_at"):
        TimerState("x", FIRED, None, None, "")


@pytest.mark.parametrize(
    "timer",
    [
        NO_ANSWER,
        SOFTMAS,
        MISSED,
        LATE,
        CAP,
    ],
    ids=lambda t: t.name,
)
def test_a_naive_evaluation_instant_is_refused(timer: Any) -> None:
    with pytest.raises(ValueError, match="at: needs a time zone"):
        timer.evaluate(ticket(), datetime(2026, 3, 10, 12, 0))


def test_negative_durations_are_refused() -> None:
    with pytest.raises(ValueError):
        AppointmentMissed(grace_minutes=-1)
    with pytest.raises(ValueError):
        AttentionCap(minutes=-90)


# --- invariants over any evaluation instant ---------------------------------------------------

instants = st.datetimes(
    min_value=datetime(2026, 10, 20), max_value=datetime(2026, 11, 10), timezones=st.just(MADRID)
)


def _timeline_cases() -> list[tuple[Any, Ticket]]:
    return [
        (NO_ANSWER, replied()),
        (NO_ANSWER, replied(ev(madrid(10, 25, 20), EventKind.CUSTOMER_REPLY, by=Party.CUSTOMER))),
        (MISSED, booked_at(madrid(10, 25, 2, 30))),  # an appointment in the repeated hour
        (
            LATE,
            booked_at(madrid(10, 26, 10), ev(madrid(10, 26, 7), EventKind.APPOINTMENT_CANCELLED)),
        ),
        (CAP, ticket(ev(madrid(10, 25, 1, 30), EventKind.WORK_SESSION, minutes=200))),
        (
            SOFTMAS,
            ticket(
                ev(madrid(10, 21, 10), EventKind.WAITING_ON_CUSTOMER),
                ev(madrid(11, 5, 10), EventKind.CONTACT_ATTEMPT, by=Party.VENDOR),
                ev(madrid(11, 6, 10), EventKind.CONTACT_ATTEMPT, by=Party.VENDOR),
            ),
        ),
    ]


def booked_at(when: datetime, *more: Event) -> Ticket:
    return ticket(ev(madrid(10, 20, 9), EventKind.APPOINTMENT_BOOKED, scheduled_for=when), *more)


@given(instants, instants)
def test_a_timer_never_fires_early_and_stays_fired(a: datetime, b: datetime) -> None:
    early, late = sorted((a, b), key=lambda d: d.astimezone(UTC))
    for timer, t in _timeline_cases():
        first, second = timer.evaluate(t, early), timer.evaluate(t, late)
        for when, state in ((early, first), (late, second)):
            if state.status is FIRED:
                assert state.fires_at is not None and state.since is not None
                assert state.fires_at.astimezone(UTC) <= when.astimezone(UTC)
                assert state.fires_at.astimezone(UTC) >= state.since.astimezone(UTC)
        if first.status is FIRED:
            assert second.status is FIRED
            assert second.fires_at == first.fires_at


@settings(max_examples=300, deadline=None)
@given(
    minutes=st.integers(0, 6_000_000),
    zone=st.sampled_from(
        ["Europe/Madrid", "America/Santiago", "America/Mexico_City", "Europe/Brussels", "UTC"]
    ),
)
def test_instants_are_written_as_strftime_writes_them_in_the_c_locale(minutes, zone):
    from supportcore import calendar
    from supportcore.timers import _state

    tz = ZoneInfo(zone)
    dt = (datetime(2015, 1, 1, tzinfo=ZoneInfo("UTC")) + timedelta(minutes=minutes)).astimezone(tz)
    text = _state._fmt(dt)
    assert text.startswith(f"{dt:%a %Y-%m-%d %H:%M} ")
    assert (
        calendar._fmt_instant(dt) == f"{calendar.WEEKDAY_NAMES[dt.weekday()]} {dt:%Y-%m-%d %H:%M}"
    )


def test_events_after_the_evaluation_instant_are_not_seen() -> None:
    """A timer evaluated at an earlier instant ignores what happened later (the quick path
    hands a timer the whole ticket only when every event is at or before the instant)."""
    answered = replied(ev(madrid(10, 25, 10), EventKind.CUSTOMER_REPLY, by=Party.CUSTOMER))
    before = NO_ANSWER.evaluate(answered, madrid(10, 25, 9))
    after = NO_ANSWER.evaluate(answered, madrid(10, 25, 11))
    assert before.status is PENDING
    assert after.status is INACTIVE
    assert before == NO_ANSWER.evaluate(replied(), madrid(10, 25, 9))


# --- the timeline's entry points --------------------------------------------------------------


def test_the_no_answer_clock_of_one_segment() -> None:
    """informapuntcom voids what came before a reopening: the clock of the last segment."""
    events = (
        ev(madrid(10, 20, 9), EventKind.VENDOR_REPLY, by=Party.VENDOR),
        ev(madrid(10, 21, 9), EventKind.REOPENED, by=Party.VENDOR),
        ev(madrid(10, 21, 10), EventKind.CUSTOMER_REPLY, by=Party.CUSTOMER),
    )
    tl = build_timeline(events)
    first, last = tl.segments
    assert NO_ANSWER.evaluate_segment(last, madrid(10, 28, 9)).status is INACTIVE
    assert "has not replied" in NO_ANSWER.evaluate_segment(last, madrid(10, 28, 9)).explanation
    assert NO_ANSWER.evaluate_segment(first, madrid(10, 28, 9)).status is FIRED
    assert NO_ANSWER.evaluate_segment(tl, madrid(10, 28, 9)).status is INACTIVE


def test_a_wait_restarted_by_a_new_request_is_over() -> None:
    t = waiting(ev(mexico(4, 20, 10), EventKind.WAITING_ON_CUSTOMER, by=Party.VENDOR))
    first = build_timeline(t.events).waits[0]
    state = SOFTMAS.evaluate_wait(first, mexico(5, 29, 10))
    assert state.status is INACTIVE
    assert "the wait restarted with waiting on customer on Mon 2026-04-20" in state.explanation
    assert SOFTMAS.evaluate_wait(None, mexico(5, 29, 10)).status is INACTIVE


def test_no_appointment_no_appointment_timers() -> None:
    assert MISSED.evaluate_appointment(None, madrid(3, 10, 12)).status is INACTIVE
    assert LATE.evaluate_appointment(None, madrid(3, 10, 12)).status is INACTIVE


ITPLUSNET = AttentionCap(minutes=90, counts_work=True)


def test_an_attention_from_a_chosen_start_ends_ninety_minutes_later() -> None:
    """Itplusnet: the attention starts when the first session after the payment began."""
    session = ev(santiago(10, 30), EventKind.WORK_SESSION, minutes=30)  # ran 10:00 to 10:30
    start = work_started(session)
    state = ITPLUSNET.evaluate_from(start, santiago(11), work=(session,), what="work session")
    assert state.status is PENDING
    assert state.fires_at == santiago(11, 30)
    assert ITPLUSNET.remaining_minutes(start, santiago(11), work=(session,)) == 30
    assert ITPLUSNET.remaining_minutes(None, santiago(11)) == 90


def test_an_attention_ends_when_its_work_reaches_ninety_minutes() -> None:
    first = ev(santiago(10, 30), EventKind.WORK_SESSION, minutes=30)
    second = ev(santiago(11, 20), EventKind.WORK_SESSION, minutes=60)  # 90 logged at 11:20
    start = work_started(first)
    state = ITPLUSNET.evaluate_from(start, santiago(11, 25), work=(first, second))
    assert state.status is FIRED
    assert state.fires_at == santiago(11, 20)
    assert "when the work logged reached 90 minutes" in state.explanation
    assert ITPLUSNET.remaining_minutes(start, santiago(10, 40), work=(first,)) == 50  # clock
    assert ITPLUSNET.remaining_minutes(start, santiago(10, 40), work=(first, first)) == 30
    assert ITPLUSNET.remaining_minutes(start, santiago(11, 25), work=(first, second)) == 0


def test_an_attention_not_started_is_inactive() -> None:
    state = ITPLUSNET.evaluate_from(None, santiago(11), what="work session")
    assert state.status is INACTIVE
    assert state.explanation == "The attention has not started (no work session yet)."


# --- the ticket and the timeline give the same answers ----------------------------------------

START = datetime(2026, 10, 22, 12, tzinfo=MADRID)  # near a DST change, and a Mexican holiday
PARTIES = [None, Party.CUSTOMER, Party.VENDOR, Party.THIRD_PARTY]
CLOCKS = (
    NoAnswerAfterReply(hours=48),
    NoAnswerAfterReply(hours=8, calendar=MADRID_DESK),
    WaitingOnCustomer(business_days=2, attempts=2, calendar=SOFTMAS_PHONE),
    WaitingOnCustomer(business_days=1, attempts=0, calendar=SOFTMAS_PHONE),
    AppointmentMissed(grace_minutes=15),
    LateCancellation(min_notice_hours=4),
    AttentionCap(minutes=90),
    AttentionCap(minutes=60, starts_on=EventKind.PAYMENT),
)


@st.composite
def tickets(draw: st.DrawFn) -> tuple[Event, ...]:
    """Events in time order, every kind and party, within days of each other."""
    at = START
    out: list[Event] = []
    for _ in range(draw(st.integers(0, 25))):
        at += timedelta(minutes=draw(st.sampled_from([0, 3, 10, 15, 16, 240, 241, 1440, 4000])))
        kind = draw(st.sampled_from(list(EventKind)))
        kw: dict[str, Any] = {"by": draw(st.sampled_from(PARTIES))}
        if kind is EventKind.WORK_SESSION:
            kw["minutes"] = draw(st.sampled_from([0, 10, 30, 100]))
        if kind is EventKind.APPOINTMENT_BOOKED:
            kw["scheduled_for"] = at + timedelta(minutes=draw(st.integers(-30, 600)))
        out.append(Event(at, kind, **kw))
    return tuple(out)


instants_around = st.integers(-60, 20_000).map(lambda m: START + timedelta(minutes=m))


def _visible_events(events: tuple[Event, ...], at: datetime) -> tuple[Event, ...]:
    return tuple(e for e in events if e.at.astimezone(UTC) <= at.astimezone(UTC))


def _last_index(events: tuple[Event, ...], kind: EventKind) -> int | None:
    found = [i for i, e in enumerate(events) if e.kind is kind]
    return found[-1] if found else None


def from_timeline(timer: Any, events: tuple[Event, ...], at: datetime) -> TimerState:
    """The timer's answer from the whole timeline of what happened by ``at``."""
    tl = build_timeline(_visible_events(events, at))
    if isinstance(timer, NoAnswerAfterReply):
        return timer.evaluate_segment(tl, at)
    if isinstance(timer, WaitingOnCustomer):
        return timer.evaluate_wait(tl.last_wait(Party.CUSTOMER), at)
    if isinstance(timer, AppointmentMissed | LateCancellation):
        return timer.evaluate_appointment(tl.appointments[-1] if tl.appointments else None, at)
    first = tl.first(timer.starts_on)
    if first is None:
        return timer.evaluate(Ticket(), at)
    i = tl.indices(timer.starts_on)[0]
    work = tl.of_kind(EventKind.WORK_SESSION, i)
    return timer.evaluate_from(
        first.at, at, work=work, what=timer.starts_on.value.replace("_", " ")
    )


@settings(max_examples=400, deadline=None)
@given(tickets(), instants_around)
def test_the_ticket_and_the_timeline_give_the_same_answer(
    events: tuple[Event, ...], at: datetime
) -> None:
    for timer in CLOCKS:
        assert timer.evaluate(Ticket(events=events), at) == from_timeline(timer, events, at)


def _contact(e: Event) -> bool:
    return e.kind is EventKind.CUSTOMER_REPLY or e.by is Party.CUSTOMER


def reference(timer: Any, events: tuple[Event, ...], at: datetime) -> tuple[Any, ...]:
    """Status, firing instant and start of each timer as the ticket-scanning code defined them
    before the timeline (the appointment wait reads work sessions as the case format says: a
    session ran from ``at − minutes`` to ``at``, and any contact of the customer in the wait
    shows them there)."""
    u = lambda d: d.astimezone(UTC)  # noqa: E731
    cut = u(at)
    seen = _visible_events(events, at)
    if isinstance(timer, NoAnswerAfterReply):
        i = _last_index(seen, EventKind.VENDOR_REPLY)
        if i is None:
            return (INACTIVE, None, None)
        reply = seen[i].at
        if any(_contact(e) for e in seen[i + 1 :]):
            return (INACTIVE, None, reply)
        if timer.calendar is None:
            fires = add_calendar_hours(reply, timer.hours).result
        else:
            fires = timer.calendar.add_business_hours(reply, timer.hours).result
        return (FIRED if cut >= u(fires) else PENDING, fires, reply)
    if isinstance(timer, WaitingOnCustomer):
        i = _last_index(seen, EventKind.WAITING_ON_CUSTOMER)
        if i is None:
            return (INACTIVE, None, None)
        asked, after = seen[i].at, seen[i + 1 :]
        if any(e.kind is EventKind.INFORMATION_COMPLETE or _contact(e) for e in after):
            return (INACTIVE, None, asked)
        deadline = timer.calendar.add_business_days(asked, timer.business_days).result
        tries = [
            e
            for e in after
            if e.kind is EventKind.CONTACT_ATTEMPT
            and e.by is not Party.CUSTOMER
            and u(e.at) >= u(deadline)
        ]
        n = timer.attempts
        if cut < u(deadline):
            return (PENDING, deadline if n == 0 else None, asked)
        if len(tries) >= n:
            return (FIRED, tries[n - 1].at if n else deadline, asked)
        return (PENDING, None, asked)
    if isinstance(timer, AppointmentMissed | LateCancellation):
        i = _last_index(seen, EventKind.APPOINTMENT_BOOKED)
        if i is None:
            return (INACTIVE, None, None)
        booking, after = seen[i], seen[i + 1 :]
        sched = booking.scheduled_for
        assert sched is not None
        cancel = next((e for e in after if e.kind is EventKind.APPOINTMENT_CANCELLED), None)
        if isinstance(timer, LateCancellation):
            limit = u(sched) - timedelta(hours=timer.min_notice_hours)
            late = cancel is not None and cancel.by is not Party.VENDOR and u(cancel.at) > limit
            return (FIRED, cancel.at, booking.at) if late else (INACTIVE, None, booking.at)
        if cancel is not None:
            return (INACTIVE, None, sched)
        end = u(sched) + timedelta(minutes=timer.grace_minutes)
        kinds = (EventKind.APPOINTMENT_MISSED, EventKind.CONNECTION_FAILED)
        recorded = any(e.kind in kinds for e in after)
        present = any(
            (e.kind is EventKind.WORK_SESSION and u(e.at) >= u(sched) and u(work_started(e)) <= end)
            or (_contact(e) and u(sched) <= u(e.at) <= end)
            for e in after
        )
        if not recorded and present:
            return (INACTIVE, None, sched)
        return (FIRED if cut >= end else PENDING, end, sched)
    first = next((e for e in seen if e.kind is timer.starts_on), None)
    if first is None:
        return (INACTIVE, None, None)
    ends = u(first.at) + timedelta(minutes=timer.minutes)
    return (FIRED if cut >= ends else PENDING, ends, first.at)


@settings(max_examples=400, deadline=None)
@given(tickets(), instants_around)
def test_each_timer_keeps_its_rule(events: tuple[Event, ...], at: datetime) -> None:
    def utc(value: datetime | None) -> datetime | None:
        # compare instants: Python never finds an ambiguous local time (the repeated hour
        # when clocks go back) equal to the same instant in another zone (PEP 495)
        return None if value is None else value.astimezone(UTC)

    for timer in CLOCKS:
        state = timer.evaluate(Ticket(events=events), at)
        status, fires_at, since = reference(timer, events, at)
        assert (state.status, utc(state.fires_at), utc(state.since)) == (
            status,
            utc(fires_at),
            utc(since),
        )


@settings(max_examples=300, deadline=None)
@given(tickets(), instants_around, st.data())
def test_a_segment_or_merged_segments_time_as_their_events_would(
    events: tuple[Event, ...], at: datetime, data: Any
) -> None:
    """What softmas and informapuntcom read per segment: the timer over the segment's own
    events, as a ticket of its own."""
    tl = build_timeline(_visible_events(events, at))
    first = data.draw(st.integers(0, len(tl.segments) - 1))
    last = data.draw(st.integers(first, len(tl.segments) - 1))
    part = tl.segments[first]
    for seg in tl.segments[first + 1 : last + 1]:
        part = part.merge(seg)
    alone = Ticket(events=tl.events[part.start : part.end])
    for timer in CLOCKS[:4]:
        if isinstance(timer, NoAnswerAfterReply):
            assert timer.evaluate_segment(part, at) == timer.evaluate(alone, at)
        else:
            assert timer.evaluate_wait(part.last_wait(), at) == timer.evaluate(alone, at)


@settings(max_examples=300, deadline=None)
@given(tickets(), instants_around)
def test_each_appointment_times_as_the_ticket_up_to_the_next_booking(
    events: tuple[Event, ...], at: datetime
) -> None:
    """What informapuntcom reads per booking."""
    seen = _visible_events(events, at)
    tl = build_timeline(seen)
    bookings = [i for i, e in enumerate(seen) if e.kind is EventKind.APPOINTMENT_BOOKED]
    for appointment, end in zip(tl.appointments, [*bookings[1:], len(seen)], strict=False):
        view = Ticket(events=seen[:end])
        for timer in (MISSED, LATE):
            assert timer.evaluate_appointment(appointment, at) == timer.evaluate(view, at)
