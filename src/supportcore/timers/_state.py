"""What a timer answers (:class:`TimerState`), how timers are composed, and the helpers their
explanations share."""

from __future__ import annotations

import enum
from collections.abc import Iterable, Sequence
from datetime import UTC, datetime, timedelta
from typing import Protocol

import attrs

from ..calendar import BusinessTime
from ..model import Event, EventKind, Ticket
from ..text import format_time

Owed = tuple[str, str, datetime | None]


class TimerStatus(enum.StrEnum):
    INACTIVE = "inactive"  #: the timer has not started, or was stopped
    PENDING = "pending"  #: running; see ``fires_at`` and ``owed``
    FIRED = "fired"  #: went off at ``fires_at``


@attrs.frozen
class TimerState:
    """One timer's state at one instant, with the reason in words.

    ``since`` is the instant of the event that started the timer. ``owed`` lists what someone
    still has to do, as ``(party, action, due)``: ``("vendor", "contact attempt 2 of 2",
    None)`` or ``("customer", "answer the vendor's reply", due)``.
    """

    timer: str
    status: TimerStatus
    fires_at: datetime | None
    since: datetime | None
    explanation: str
    owed: tuple[Owed, ...] = ()

    def __attrs_post_init__(self) -> None:
        if self.status is TimerStatus.FIRED and self.fires_at is None:
            raise ValueError(f"fires_at: the fired timer {self.timer!r} needs its firing instant")


class Timer(Protocol):
    """Anything that can say, for a ticket at an instant, where its clock stands."""

    @property
    def name(self) -> str: ...

    def evaluate(self, ticket: Ticket, at: datetime) -> TimerState: ...


# --- helpers ------------------------------------------------------------------------------


def _utc(dt: datetime) -> datetime:
    return dt.astimezone(UTC)


def _check_at(at: datetime) -> None:
    if at.tzinfo is None or at.utcoffset() is None:
        raise ValueError(
            f"at: needs a time zone, got the naive datetime {at.isoformat()} "
            "(write an offset such as +01:00 or use a ZoneInfo)"
        )


def _fmt(dt: datetime) -> str:
    """``Mon 2026-10-26 11:00 CET``: the weekday helps with business days, the zone's
    abbreviation shows summer or winter time; zones without one show ``UTC-04:00``."""
    zone = dt.tzname() or ""
    if not zone or zone[0] in "+-":
        offset = f"{dt:%z}"
        zone = f"UTC{offset[:3]}:{offset[3:5]}"
    return f"{format_time(dt, '%a %Y-%m-%d %H:%M')} {zone}"


def _plus(dt: datetime, minutes: int) -> datetime:
    """``dt`` plus elapsed minutes, shown in ``dt``'s zone (never wall-clock arithmetic)."""
    return (_utc(dt) + timedelta(minutes=minutes)).astimezone(dt.tzinfo)


def _visible(ticket: Ticket, at: datetime) -> tuple[Event, ...]:
    """The events that had happened by the evaluation instant ``at``."""
    _check_at(at)
    cut = _utc(at)
    events = ticket.events
    if not events or _utc(events[-1].at) <= cut:  # (a ticket's events are in time order)
        return events
    return tuple(e for e in events if _utc(e.at) <= cut)


def _from_last(events: Sequence[Event], kind: EventKind) -> tuple[Event, ...]:
    """The events from the last one of ``kind`` on (none if there is none): all that a
    timer started by the last such event needs to see."""
    for i in range(len(events) - 1, -1, -1):
        if events[i].kind is kind:
            return tuple(events[i:])
    return ()


def _describe_event(e: Event) -> str:
    return f"{e.kind.value.replace('_', ' ')} on {_fmt(e.at)}"


def _skips(bt: BusinessTime) -> str:
    """The closed days worth naming that a business-time sum skipped: holidays and closures.

    Plain weekends are left out (everyone expects them); ``BusinessTime.skipped`` labels carry
    their reason in brackets, e.g. ``Friday 2026-05-01 (public holiday: Labor Day)``.
    """
    notable = [label for label in bt.skipped if "(" in label]
    return f", skipping {', '.join(notable)}" if notable else ""


def _clock_note(a: datetime, b: datetime) -> str:
    if a.utcoffset() == b.utcoffset():
        return ""
    return f" (the clocks changed in between, from UTC{a:%z} to UTC{b:%z})"


# --- composing ----------------------------------------------------------------------------


def _fire_key(state: TimerState) -> datetime:
    assert state.fires_at is not None
    return _utc(state.fires_at)


def first_fired(states: Iterable[TimerState]) -> TimerState | None:
    """The state that fired earliest (ties: the first given), or ``None`` if none fired."""
    fired = [s for s in states if s.status is TimerStatus.FIRED]
    return min(fired, key=_fire_key, default=None)


def next_due(states: Iterable[TimerState]) -> TimerState | None:
    """The pending state that fires soonest (ties: the first given); ``None`` if none is due.

    A pending state without ``fires_at`` (waiting on an action with no set time) is skipped.
    """
    due = [s for s in states if s.status is TimerStatus.PENDING and s.fires_at is not None]
    return min(due, key=_fire_key, default=None)
