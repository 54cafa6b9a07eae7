"""What the ticket's closings and reopenings make of a case, in one pass over the core's
timeline: a stretch that did not close runs on into the next (``Segment.merge``); a reopening
after a closing starts the case again ("Tiempo en que se considera un caso cerrado")."""

from __future__ import annotations

from datetime import datetime

import attrs

from supportcore.model import Event, EventKind, Party
from supportcore.timeline import Segment, Timeline
from supportcore.timers import TimerState, TimerStatus, WaitingOnCustomer


@attrs.frozen
class Closing:  # by mutual agreement (SM-CLOSE-1), for want of news (SM-CLOSE-2), as a duplicate
    at: datetime
    duplicate: Event | None = None
    no_news: TimerState | None = None


@attrs.frozen
class Reopening:
    closing: Closing
    event: Event  #: the ``reopened`` event
    other_problem: bool  #: the last reopening, for another problem (``reopened_for``)


@attrs.frozen
class History:
    segment: Segment  #: the events since the last reopening of a closed case
    closed: Closing | None  #: how that stretch closed the case
    kept: Reopening | None  #: closed by agreement, reopened for another problem (SM-CLOSE-3)
    reopened: Reopening | None  #: the last reopening of a closed case
    state: TimerState | None  #: SM-CLOSE-2's timer in the segment

    @property
    def is_closed(self) -> bool:
        return self.closed is not None or self.kept is not None


def vendor_assent(segment: Segment) -> Event | None:
    """The advisor's first ``resolved`` or ``closed`` (one without ``by`` is the vendor's)."""
    mine, unsigned = segment.first_assent.get(Party.VENDOR), segment.first_assent.get(None)
    return min(mine, unsigned, key=_stamp) if mine and unsigned else mine or unsigned


def _stamp(item: Event | Closing) -> float:
    return item.at.timestamp()


def _closing(
    s: Segment, timer: WaitingOnCustomer, at: datetime, last: bool = True
) -> tuple[Closing | None, TimerState | None]:
    """How ``s`` closed the case, if it did; SM-CLOSE-2's timer in the ``last`` stretch."""
    found = [Closing(s.duplicate.at, s.duplicate)] if s.duplicate else []
    vendor, customer = vendor_assent(s), s.first_assent.get(Party.CUSTOMER)
    if vendor is not None and customer is not None:
        found.append(Closing(max(vendor, customer, key=_stamp).at))
    wait = s.last_wait(Party.CUSTOMER)  # (it closes the case at its last contact attempt)
    fires = wait is not None and (last or len(wait.contact_attempts) >= timer.attempts)
    state = timer.evaluate_wait(wait, at) if wait is not None and fires else None
    if state is not None and state.status is TimerStatus.FIRED and state.fires_at is not None:
        found.append(Closing(state.fires_at, no_news=state))
    return min(found, key=_stamp, default=None), state


def read_history(
    timeline: Timeline, timer: WaitingOnCustomer, at: datetime, other: bool
) -> History:
    """``other``: the last reopening is for another problem (``request.facts.reopened_for``)."""
    last = timeline.reopenings[-1] if timeline.reopenings else None
    current, reopened = timeline.segments[0], None
    for later in timeline.segments[1:]:
        opener = later.opened_by  # (an ``opened`` event never splits the case)
        closed = (
            _closing(current, timer, at, last=False)[0]
            if opener and opener.kind is EventKind.REOPENED
            else None
        )
        if opener is None or closed is None:
            current = current.merge(later)
            continue
        again = Reopening(closed, opener, other and opener is last)
        if again.other_problem and closed.duplicate is None and closed.no_news is None:
            return History(current, closed, again, reopened, None)
        current, reopened = later, again
    closed, state = _closing(current, timer, at)
    return History(current, closed, None, reopened, state)
