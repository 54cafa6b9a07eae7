"""The limit of one attention: "90 minutos por vez"."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, timedelta

import attrs

from ..ledger import format_minutes
from ..model import Event, EventKind, Ticket
from ..timeline import build_timeline
from ._state import TimerState, TimerStatus, _check_at, _fmt, _plus, _utc, _visible


@attrs.frozen
class AttentionCap:
    """Ends an attention that has run for ``minutes`` since it started.

    Itplusnet: "El tiempo límite de una atención será de 90 minutos por vez."

    :meth:`evaluate` starts the attention at the first ``starts_on`` event of the ticket (a
    ``WORK_SESSION`` unless the plugin names another, such as ``PAYMENT``);
    :meth:`evaluate_from` at an instant the plugin chooses (the first session after the latest
    payment, the next opening). It fires ``minutes`` of elapsed time after the start; with
    ``counts_work``, also as soon as the work logged on the attention reaches ``minutes`` (at
    the ``at`` of the session that makes it: a session counts when it is logged). The
    explanation reports the work minutes logged and any excess.
    """

    minutes: int = attrs.field(validator=attrs.validators.ge(0))
    name: str = "attention-cap"
    starts_on: EventKind = EventKind.WORK_SESSION
    counts_work: bool = False

    def evaluate(self, ticket: Ticket, at: datetime) -> TimerState:
        """The cap of the attention begun at the ticket's first ``starts_on`` event, with the
        work sessions logged from it on (events after ``at`` are not seen)."""
        events = _visible(ticket, at)
        label = self.starts_on.value.replace("_", " ")
        i = next((j for j, e in enumerate(events) if e.kind is self.starts_on), None)
        if i is None:
            return TimerState(
                self.name,
                TimerStatus.INACTIVE,
                None,
                None,
                f"The attention has not started (no {label} yet).",
            )
        work = build_timeline(events[i:]).work
        return self.evaluate_from(events[i].at, at, work=work, what=label)

    def _end(self, start: datetime, work: Sequence[Event]) -> tuple[datetime, int, bool]:
        """When the attention ends, the minutes logged on it, and whether the work ended it."""
        ends = _plus(start, self.minutes)
        used = 0
        by_work = False
        for e in work:
            used += e.minutes or 0
            reached = self.counts_work and not by_work and used >= self.minutes
            if reached and _utc(e.at) < _utc(ends):
                ends, by_work = e.at, True
        return ends, used, by_work

    def evaluate_from(
        self,
        start: datetime | None,
        at: datetime,
        *,
        work: Sequence[Event] = (),
        what: str = "",
    ) -> TimerState:
        """The cap at ``at`` of an attention that began at ``start`` (``None``: it has not),
        with ``work`` the ``WORK_SESSION`` events logged on it; ``what`` says what started it
        ("payment", "work session") in the explanation."""
        _check_at(at)
        if start is None:
            started = f" (no {what} yet)" if what else ""
            return TimerState(
                self.name,
                TimerStatus.INACTIVE,
                None,
                None,
                f"The attention has not started{started}.",
            )
        ends, used, by_work = self._end(start, work)
        began = f"The attention began on {_fmt(start)}" + (f" ({what})" if what else "")
        cap = f"the limit is {self.minutes} minutes per attention"
        logged = f"Work logged: {format_minutes(used)}"
        if used > self.minutes:
            logged += f", {format_minutes(used - self.minutes)} beyond the limit"
        how = f", when the work logged reached {self.minutes} minutes" if by_work else ""
        if _utc(at) >= _utc(ends):
            return TimerState(
                self.name,
                TimerStatus.FIRED,
                ends,
                start,
                f"{began}; {cap}, reached on {_fmt(ends)}{how}. {logged}.",
            )
        return TimerState(
            self.name,
            TimerStatus.PENDING,
            ends,
            start,
            f"{began}; {cap}, so it ends on {_fmt(ends)}. {logged} so far.",
        )

    def remaining_minutes(
        self, start: datetime | None, at: datetime, *, work: Sequence[Event] = ()
    ) -> int:
        """Whole minutes left of the attention at ``at``: by the clock and, with
        ``counts_work``, by the work logged; all of them before it starts, none once over."""
        _check_at(at)
        if start is None:
            return self.minutes
        ends, used, _ = self._end(start, work)
        left = (_utc(ends) - _utc(at)) // timedelta(minutes=1)
        if self.counts_work:
            left = min(left, self.minutes - used)
        return max(0, min(self.minutes, left))
