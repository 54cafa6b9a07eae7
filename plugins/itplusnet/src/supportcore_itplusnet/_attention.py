"""The paid attention a ticket rests on, and its 90-minute limit.

"Sin necesidad de tener un CONTRATO ACTIVO por el servicio, usted podrá realizar el pago ONLINE y
recibir inmediatamente una atención" and "El tiempo límite de una atención será de 90 minutos
por vez." A PAYMENT event (without ``ref``, or ``ref = "attention"``) buys one attention; the
latest one governs. The attention starts as chosen by the setting ``attention_starts_at``
(interpretation ITP-I-START) and ends at its limit (interpretation ITP-I-ELAPSED): 90 minutes
after it started, or when the work logged on it reaches 90 minutes, whichever comes first.

A WORK_SESSION is stamped when it is logged, at its end: ``at`` is the end of the session and
``minutes`` its length, so the session ran from ``at - minutes`` to ``at``. Its minutes count at
``at``, as the core's :class:`supportcore.ledger.HourLedger` counts them.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, tzinfo

from supportcore import Context, Event, EventKind
from supportcore.calendar import BusinessCalendar, OpenStatus
from supportcore.ledger import HourLedger, LedgerLine, format_minutes

from ._hours import CALENDAR, fmt

__all__ = [
    "ATTENTION_MINUTES",
    "SERVICE_REFS",
    "Attention",
    "attention_state",
    "payments_for",
]

#: "El tiempo límite de una atención será de 90 minutos por vez."
ATTENTION_MINUTES = 90

#: ``ref`` of a PAYMENT event for each separately sold service (ITP-SEP-1). A payment without
#: ``ref`` or with ``ref = "attention"`` is an online attention.
SERVICE_REFS = ("reinstallation", "technical_service", "on_site")
ATTENTION_REFS = (None, "", "attention")


def payments_for(ctx: Context, ref: str | None) -> tuple[Event, ...]:
    """PAYMENT events for an attention (``ref=None``) or for a separately sold service."""
    wanted = ATTENTION_REFS if ref is None else (ref,)
    return tuple(e for e in ctx.case.ticket.of(EventKind.PAYMENT) if e.ref in wanted)


class Attention:
    """The latest paid attention and where its 90-minute limit stands at ``ctx.at``."""

    def __init__(
        self,
        payment: Event | None,
        started_at: datetime | None,
        at: datetime,
        start_rule: str,
        calendar: BusinessCalendar | None,
        tz: tzinfo,
        paid_status: OpenStatus | None = None,
        work: HourLedger | None = None,
    ) -> None:
        self.payment = payment  #: the latest attention payment, if any
        self.started_at = started_at  #: when the attention started, if it has
        #: minutes of work logged on the attention by ``at``
        self.worked = 0 if work is None else work.used_minutes
        #: when the work logged reached the 90 minutes (the session that made it), if it has
        self.worked_out_at = None if work is None else work.exhausted_at
        #: the end of the 90 elapsed minutes, in the zone of the start (as the core timers give it)
        elapsed_end = None if started_at is None else _plus(started_at, ATTENTION_MINUTES)
        #: the attention ended (or ends) when its work reached 90 minutes, not 90 minutes after
        #: it started
        self.by_work = self.worked_out_at is not None and (
            elapsed_end is None or self.worked_out_at.timestamp() < elapsed_end.timestamp()
        )
        #: when the attention ends: 90 minutes after its start, or earlier at 90 minutes of work
        self.ends_at = self.worked_out_at if self.by_work else elapsed_end
        #: the limit has been reached: a new attention must be paid to continue
        self.ended = self.ends_at is not None and at.timestamp() >= self.ends_at.timestamp()
        self.start_rule = start_rule  #: the setting ``attention_starts_at``
        self._calendar = calendar
        self._tz = tz  #: the vendor's zone, in which the texts below are written
        self._paid_status = paid_status
        self._paid_local: datetime | None = None
        self._paid_on: str | None = None
        self._window: str | None = None

    @property
    def paid(self) -> bool:
        return self.payment is not None

    @property
    def started(self) -> bool:
        return self.started_at is not None

    @property
    def paid_status(self) -> OpenStatus:
        """The support calendar at the payment, asked once: its ``next_open`` is when the
        attention is due (the payment itself in hours, else the next opening)."""
        if self._paid_status is None:
            assert self.payment is not None and self._calendar is not None
            self._paid_status = self._calendar.status(self.payment.at)
        return self._paid_status

    @property
    def paid_local(self) -> datetime:
        """The payment's instant in the vendor's zone."""
        if self._paid_local is None:
            assert self.payment is not None
            self._paid_local = self.payment.at.astimezone(self._tz)
        return self._paid_local

    @property
    def paid_on(self) -> str:
        """When the attention was paid, as :func:`fmt` writes it (every hook cites it)."""
        if self._paid_on is None:
            self._paid_on = fmt(self.paid_local)
        return self._paid_on

    @property
    def window(self) -> str:
        """``started on … and ends on … (90 minutes)`` (``ended`` once past), with the work
        logged, or when the work logged reached the limit; written once."""
        if self._window is None:
            start, end = self.started_at, self.ends_at
            if start is None or end is None:
                self._window = "has not started"
            else:
                began = f"started on {fmt(start.astimezone(self._tz))}"
                ends = "ended" if self.ended else "ends"
                until = f"{ends} on {fmt(end.astimezone(self._tz))}"
                logged = format_minutes(self.worked)
                if self.by_work:
                    self._window = (
                        f"{began} and {until}, when the work logged on it reached "
                        f"{ATTENTION_MINUTES} minutes ({logged} logged)"
                    )
                else:
                    work = (
                        f", with {logged} of work logged{'' if self.ended else ' so far'}"
                        if self.worked
                        else ""
                    )
                    self._window = f"{began} and {until} ({ATTENTION_MINUTES} minutes){work}"
        return self._window

    def remaining_minutes(self, at: datetime) -> int:
        """Whole minutes left of the 90, by the clock and by the work logged (all 90 before the
        attention starts)."""
        ends = self.ends_at
        if not self.started or ends is None:
            return ATTENTION_MINUTES
        left = min(int((ends - at).total_seconds() // 60), ATTENTION_MINUTES - self.worked)
        return max(0, min(ATTENTION_MINUTES, left))


def attention_state(ctx: Context) -> Attention:
    """The latest attention payment and its 90-minute cap at ``ctx.at`` (ITP-CAP-1).

    With ``attention_starts_at = "first_work_session"`` the clock starts at the first
    WORK_SESSION after the payment; with ``"payment"`` at the payment, or at the next opening
    when paid outside hours (or at an earlier work session). Computed once per case
    (``ctx.memo``).
    """
    cached: Attention | None = ctx.memo.get(_MEMO)
    if cached is None:
        cached = ctx.memo[_MEMO] = _attention_state(ctx)
    return cached


_MEMO = "itplusnet:attention"


def _attention_state(ctx: Context) -> Attention:
    """The latest attention payment and its limit, applied directly rather than through
    :class:`supportcore.timers.AttentionCap`: that timer starts at a session's ``at`` and counts
    elapsed time only, where a session's ``at`` is its end and the work logged counts too.

    The attention starts when the first WORK_SESSION logged after the payment began (its ``at``
    minus its minutes, never before the payment); with ``"payment"``, at the payment or the
    next opening after it, if that comes first. The work logged is a ledger of the sessions
    after the payment, with an allowance of 90 minutes."""
    rule = str(ctx.settings.get("attention_starts_at"))
    cal = ctx.calendars.get(CALENDAR)
    events = ctx.case.ticket.events
    index = len(events) - 1  # the latest attention payment
    while index >= 0 and not (
        events[index].kind is EventKind.PAYMENT and events[index].ref in ATTENTION_REFS
    ):
        index -= 1
    if index < 0:
        return Attention(None, None, ctx.at, rule, cal, ctx.vendor.tz)
    payment = events[index]
    cut = ctx.at.timestamp()  # only what had been logged by ctx.at counts
    sessions = [
        e
        for e in events[index + 1 :]
        if e.kind is EventKind.WORK_SESSION and e.at.timestamp() <= cut
    ]
    start = None  # when the first work session after the payment began
    work = None
    if sessions:
        first = sessions[0]
        began = _plus(first.at, -(first.minutes or 0))
        start = began if began.timestamp() > payment.at.timestamp() else payment.at
        work = HourLedger(
            ATTENTION_MINUTES, None, tuple(LedgerLine(e.at, e.minutes or 0) for e in sessions)
        )
    status = None
    if rule == "payment":
        status = cal.status(payment.at) if cal is not None else None
        opening = status.next_open if status is not None else payment.at
        if opening.timestamp() <= cut and (
            start is None or opening.timestamp() <= start.timestamp()
        ):
            start = opening
    return Attention(payment, start, ctx.at, rule, cal, ctx.vendor.tz, status, work)


def _plus(dt: datetime, minutes: int) -> datetime:
    """``dt`` plus elapsed minutes, shown in ``dt``'s zone (never wall-clock arithmetic)."""
    return (dt.astimezone(UTC) + timedelta(minutes=minutes)).astimezone(dt.tzinfo)
