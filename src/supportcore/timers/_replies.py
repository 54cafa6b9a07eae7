"""Timers that wait on the customer: no answer to the vendor's reply, no news while the vendor
waits for information."""

from __future__ import annotations

from datetime import datetime
from typing import Protocol

import attrs

from ..calendar import BusinessCalendar, add_calendar_hours
from ..model import Event, EventKind, Party, Ticket
from ..timeline import WaitingPeriod, build_timeline
from ._state import (
    Owed,
    TimerState,
    TimerStatus,
    _check_at,
    _clock_note,
    _describe_event,
    _fmt,
    _from_last,
    _skips,
    _utc,
    _visible,
)


class Replies(Protocol):
    """A stretch of the ticket that knows the vendor's last reply in it and the customer's
    first contact after it: a :class:`~supportcore.timeline.Segment` or a whole
    :class:`~supportcore.timeline.Timeline`."""

    @property
    def last_vendor_reply(self) -> Event | None: ...

    @property
    def customer_contact_after_last_reply(self) -> Event | None: ...


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
        """The clock on ``ticket`` at ``at`` (events after ``at`` are not seen)."""
        events = _from_last(_visible(ticket, at), EventKind.VENDOR_REPLY)
        return self.evaluate_segment(build_timeline(events), at)

    def evaluate_segment(self, part: Replies, at: datetime) -> TimerState:
        """The clock at ``at`` from the vendor's last reply in ``part`` (a segment, merged
        segments, or the whole timeline) and the customer's first contact after it."""
        _check_at(at)
        reply = part.last_vendor_reply
        if reply is None:
            return TimerState(
                self.name,
                TimerStatus.INACTIVE,
                None,
                None,
                "The vendor has not replied yet, so the no-answer clock has not started.",
            )
        answer = part.customer_contact_after_last_reply
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
        """The clock on ``ticket`` at ``at`` (events after ``at`` are not seen)."""
        events = _from_last(_visible(ticket, at), EventKind.WAITING_ON_CUSTOMER)
        return self.evaluate_wait(build_timeline(events).last_wait(Party.CUSTOMER), at)

    def evaluate_wait(self, wait: WaitingPeriod | None, at: datetime) -> TimerState:
        """The clock at ``at`` of ``wait`` (a segment's or the timeline's last wait on the
        customer; ``None``: the vendor never waited)."""
        _check_at(at)
        if wait is None:
            return TimerState(
                self.name,
                TimerStatus.INACTIVE,
                None,
                None,
                "The vendor is not waiting for information from the customer.",
            )
        start = wait.started.at
        asked = f"The vendor asked the customer for information on {_fmt(start)}"
        stop = wait.ended or wait.restarted
        if stop is not None:
            how = "ended" if wait.ended is not None else "restarted"
            return TimerState(
                self.name,
                TimerStatus.INACTIVE,
                None,
                start,
                f"{asked}; the wait {how} with {_describe_event(stop)}.",
            )
        bt = self.calendar.add_business_days(start, self.business_days)
        deadline = bt.result
        days = f"{bt.amount} ({self.calendar.name} calendar{_skips(bt)})"
        cut = _utc(deadline)
        tries = [e for e in wait.contact_attempts if _utc(e.at) >= cut]
        early = [e for e in wait.contact_attempts if _utc(e.at) < cut]
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
        if _utc(at) < cut:
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
                start,
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
                start,
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
            start,
            f"{asked}; {days} passed on {_fmt(deadline)} without news from the customer, so the "
            f"consultant must try to contact the customer {n} time{'s' if n != 1 else ''} before "
            f"closing the case: {done}.{early_note}",
            owed=tuple(
                (Party.VENDOR.value, f"contact attempt {j} of {n}", None)
                for j in range(k + 1, n + 1)
            ),
        )
