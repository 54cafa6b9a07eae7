"""Hour ledgers: how much of a plan's time allowance is used, left, or exceeded.

Modelled on plans with "el máximo de horas es durante todo el periodo del plan" (informapuntcom):
one allowance for the whole plan period, no carry-over ("las horas no consumidas ... no serán
transferidas al nuevo plan"), and the plan ends when the hours run out or the period ends,
whichever comes first.

Everything is counted in whole **minutes** ("las asistencias por control remoto se computarán en
minutos"). A :class:`LedgerLine` is work done or a surcharge (urgent service +30 min, late
cancellation or no-show +30 min); *which* surcharges apply is a vendor plugin's rule, the ledger
only adds up lines of any :class:`~supportcore.model.UsageKind`.

A line belongs to the plan period if the *calendar date of its instant* is in the period. That
date is read in the ledger's time zone ``tz`` when one is given (the vendor's home zone), else
in the line's own offset; give ``tz`` so that a line logged at 23:30 UTC on the last evening of
a Madrid plan is judged by the Madrid date.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, date, datetime, tzinfo
from typing import Any

import attrs

from .model import Contract, EventKind, Ticket, UsageEntry, UsageKind
from .periods import Period
from .reasons import Citation

__all__ = [
    "HourLedger",
    "LedgerLine",
    "format_minutes",
    "ledger_from",
    "work_lines",
]


def _require_aware(value: datetime, name: str) -> None:
    if value.tzinfo is None or value.utcoffset() is None:
        raise ValueError(
            f"{name}: needs a time zone, got the naive datetime {value.isoformat()} "
            "(write an offset such as +01:00 or use a ZoneInfo)"
        )


def _aware(_inst: object, attribute: attrs.Attribute[Any], value: datetime) -> None:
    _require_aware(value, attribute.name)


def _non_negative(_inst: object, attribute: attrs.Attribute[Any], value: int | None) -> None:
    if value is not None and value < 0:
        raise ValueError(f"{attribute.name}: must not be negative, got {value}")


def format_minutes(minutes: int) -> str:
    """Minutes as a help-desk agent says them: ``200`` → ``"3 h 20 min"``, ``60`` → ``"1 h"``."""
    if minutes < 0:
        raise ValueError(f"minutes: must not be negative, got {minutes}")
    hours, rest = divmod(minutes, 60)
    if hours and rest:
        return f"{hours} h {rest} min"
    if hours:
        return f"{hours} h"
    return f"{rest} min"


@attrs.frozen
class LedgerLine:
    """Minutes charged to a plan at one instant: work, a surcharge or an adjustment."""

    at: datetime = attrs.field(validator=_aware)
    minutes: int = attrs.field(validator=_non_negative)
    kind: UsageKind = UsageKind.WORK
    ticket: str | None = None
    note: str = ""
    citations: tuple[Citation, ...] = ()

    @classmethod
    def from_usage(cls, entry: UsageEntry) -> LedgerLine:
        """A line from minutes the vendor's own ledger already shows (``Contract.usage``)."""
        return cls(entry.at, entry.minutes, entry.kind, entry.ticket, entry.note)

    def describe(self) -> str:
        """One line for an explanation: ``2026-03-02 10:00 +01:00 work 45 min (ticket T-7)``."""
        text = f"{self.at:%Y-%m-%d %H:%M %z} {self.kind.value} {format_minutes(self.minutes)}"
        if self.ticket:
            text += f" (ticket {self.ticket})"
        if self.note:
            text += f": {self.note}"
        return text


def _sorted_lines(lines: Iterable[LedgerLine]) -> tuple[LedgerLine, ...]:
    """Lines in time order; lines at the same instant keep the order they were given in.

    Sorted by the UTC instant: Python compares two datetimes of the *same* zone by wall clock,
    which misorders the repeated hour when clocks go back.
    """
    return tuple(sorted(lines, key=lambda line: line.at.astimezone(UTC)))


@attrs.frozen
class HourLedger:
    """The minutes used against one plan's allowance during one plan period.

    ``allowance_minutes`` is ``None`` for a plan without an hour limit. ``period`` is the plan's
    period; a line outside it is refused (it belongs to another plan: hours never carry over).
    ``period`` is ``None`` for an open-ended plan, whose lines are then not date-checked.
    """

    allowance_minutes: int | None = attrs.field(validator=_non_negative)
    period: Period | None
    lines: tuple[LedgerLine, ...] = attrs.field(default=(), converter=_sorted_lines)
    tz: tzinfo | None = None  #: zone in which a line's date is read (the vendor's home zone)
    _used: int = attrs.field(init=False, repr=False, eq=False)

    def __attrs_post_init__(self) -> None:
        # (the properties below read the total again and again: add it up once)
        object.__setattr__(self, "_used", sum([line.minutes for line in self.lines]))
        if self.period is None:
            return
        for line in self.lines:
            if not self.period.contains(self._day(line.at)):
                raise ValueError(
                    f"line {line.describe()} is outside the plan period "
                    f"{self.period.describe()}; hours do not carry over between plans"
                )

    def _day(self, instant: datetime) -> date:
        return (instant.astimezone(self.tz) if self.tz is not None else instant).date()

    @property
    def used_minutes(self) -> int:
        """All minutes charged so far, surcharges included."""
        return self._used

    @property
    def remaining_minutes(self) -> int | None:
        """Minutes left of the allowance (never below 0); ``None`` if there is no limit."""
        if self.allowance_minutes is None:
            return None
        return max(0, self.allowance_minutes - self.used_minutes)

    @property
    def overage_minutes(self) -> int:
        """Minutes used beyond the allowance (billable "según tarifas vigentes"); 0 if none."""
        if self.allowance_minutes is None:
            return 0
        return max(0, self.used_minutes - self.allowance_minutes)

    @property
    def exhausted(self) -> bool:
        """True once usage has reached the allowance: the plan is over, whatever the date."""
        return self.allowance_minutes is not None and self.used_minutes >= self.allowance_minutes

    @property
    def exhausted_at(self) -> datetime | None:
        """The instant of the line that made usage reach the allowance.

        ``None`` while hours are left, for an unlimited plan, and for an allowance of 0 (no
        line made it run out: there was never anything to use).
        """
        if not self.allowance_minutes:
            return None
        used = 0
        for line in self.lines:
            used += line.minutes
            if used >= self.allowance_minutes:
                return line.at
        return None

    def minutes_by_kind(self) -> dict[UsageKind, int]:
        """Minutes per kind of line (work, each surcharge), in first-seen order."""
        totals: dict[UsageKind, int] = {}
        for line in self.lines:
            totals[line.kind] = totals.get(line.kind, 0) + line.minutes
        return totals

    def at(self, instant: datetime) -> HourLedger:
        """The ledger as it stood at ``instant``: only lines at or before it."""
        _require_aware(instant, "instant")
        cut = instant.astimezone(UTC)
        return attrs.evolve(
            self, lines=tuple(ln for ln in self.lines if ln.at.astimezone(UTC) <= cut)
        )

    def with_lines(self, *lines: LedgerLine) -> HourLedger:
        """This ledger plus ``lines`` (checked against the period like any other line)."""
        return attrs.evolve(self, lines=(*self.lines, *lines))

    def describe(self) -> str:
        """What a help-desk agent tells the customer, e.g. ``3 h 20 min left of 10 h (6 h 40 min
        used)``; with an overage, ``no time left of 10 h (10 h 30 min used, 30 min over)``."""
        used = format_minutes(self.used_minutes)
        if self.allowance_minutes is None:
            return f"{used} used (no hour limit)"
        allowance = format_minutes(self.allowance_minutes)
        if self.remaining_minutes:
            return f"{format_minutes(self.remaining_minutes)} left of {allowance} ({used} used)"
        if self.overage_minutes:
            over = format_minutes(self.overage_minutes)
            return f"no time left of {allowance} ({used} used, {over} over)"
        return f"no time left of {allowance} ({used} used)"


def work_lines(ticket: Ticket) -> tuple[LedgerLine, ...]:
    """A ticket's work sessions (``EventKind.WORK_SESSION``) as ledger lines of kind WORK."""
    return tuple(
        LedgerLine(e.at, e.minutes or 0, UsageKind.WORK, ticket.id or None, e.note)
        for e in ticket.of(EventKind.WORK_SESSION)
    )


def ledger_from(
    contract: Contract, extra: Iterable[LedgerLine] = (), *, tz: tzinfo | None = None
) -> HourLedger:
    """The ledger of a contract: its ``usage`` (other tickets) plus ``extra`` lines.

    ``extra`` is typically this ticket's :func:`work_lines` and the surcharges a plugin's rules
    add. The period is ``[contract.start, contract.end)``, or ``None`` for an open-ended
    contract; the allowance is ``contract.included_minutes``.
    """
    period = Period(contract.start, contract.end) if contract.end is not None else None
    lines = (*(LedgerLine.from_usage(u) for u in contract.usage), *extra)
    return HourLedger(contract.included_minutes, period, lines, tz)
