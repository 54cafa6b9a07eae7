"""What the ticket's closings and reopenings make of a case ("Tiempo en que se considera un
caso cerrado"), read from the core's timeline in one pass: a stretch of the ticket that did not
close runs on into the next (``Segment.merge``); a reopening after a closing starts the case
again, unless it was closed by agreement and reopened for another problem (SM-CLOSE-3)."""

from __future__ import annotations

from datetime import datetime

import attrs

from supportcore.model import Event, EventKind, Party
from supportcore.timeline import Segment, Timeline
from supportcore.timers import TimerState, TimerStatus, WaitingOnCustomer


@attrs.frozen
class Closing:
    """How a stretch of the ticket closed the case: by mutual agreement (SM-CLOSE-1), for
    want of news (SM-CLOSE-2: the fired timer) or as a duplicate (SM-CLOSE-4)."""

    at: datetime
    duplicate: Event | None = None  #: the ``duplicate_of`` event
    no_news: TimerState | None = None


@attrs.frozen
class Reopening:
    """A ``reopened`` event after a closing; ``other_problem``: the last one, for another
    problem (``request.facts.reopened_for``)."""

    closing: Closing
    event: Event
    other_problem: bool


@attrs.frozen
class History:
    """The case now: the stretch since the last reopening of a closed case, how it closed (if
    it did) and SM-CLOSE-2's timer in it."""

    segment: Segment
    closed: Closing | None
    kept: Reopening | None  #: closed by agreement, reopened for another problem: still closed
    reopened: Reopening | None  #: the last reopening of a closed case
    state: TimerState | None

    @property
    def is_closed(self) -> bool:
        return self.closed is not None or self.kept is not None


def vendor_assent(segment: Segment) -> Event | None:
    """The advisor's first ``resolved`` or ``closed`` (one without ``by`` is the vendor's)."""
    mine, unsigned = segment.first_assent.get(Party.VENDOR), segment.first_assent.get(None)
    if mine is None or unsigned is None:
        return mine or unsigned
    return min(mine, unsigned, key=_stamp)


def _stamp(item: Event | Closing) -> float:
    return item.at.timestamp()


def _closing(
    segment: Segment, timer: WaitingOnCustomer, at: datetime
) -> tuple[Closing | None, TimerState | None]:
    """The first way ``segment`` closed the case, and SM-CLOSE-2's timer there."""
    found = [Closing(segment.duplicate.at, segment.duplicate)] if segment.duplicate else []
    vendor, customer = vendor_assent(segment), segment.first_assent.get(Party.CUSTOMER)
    if vendor is not None and customer is not None:
        found.append(Closing(max(vendor, customer, key=_stamp).at))
    wait = segment.last_wait(Party.CUSTOMER)
    state = None if wait is None else timer.evaluate_wait(wait, at)
    if state is not None and state.status is TimerStatus.FIRED and state.fires_at is not None:
        found.append(Closing(state.fires_at, no_news=state))
    return min(found, key=_stamp, default=None), state


def read_history(
    timeline: Timeline, timer: WaitingOnCustomer, at: datetime, other: bool
) -> History:
    """The case's :class:`History`; ``other``: the last reopening is for another problem."""
    segments = timeline.segments
    last = timeline.reopenings[-1] if timeline.reopenings else None
    current, reopened = segments[0], None
    for later in segments[1:]:
        opener = later.opened_by  # (an ``opened`` event never splits the case)
        if opener is not None and opener.kind is EventKind.REOPENED:
            closed, _ = _closing(current, timer, at)
            if closed is not None:
                again = Reopening(closed, opener, other and opener is last)
                if again.other_problem and closed.duplicate is None and closed.no_news is None:
                    return History(current, closed, again, reopened, None)
                current, reopened = later, again
                continue
        current = current.merge(later)
    closed, state = _closing(current, timer, at)
    return History(current, closed, None, reopened, state)
