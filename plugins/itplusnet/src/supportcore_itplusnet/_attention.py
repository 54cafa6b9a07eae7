"""The paid attention a ticket rests on, and its 90-minute limit.

"Sin necesidad de tener un CONTRATO ACTIVO por el servicio, usted podrá realizar el pago ONLINE y
recibir inmediatamente una atención" and "El tiempo límite de una atención será de 90 minutos
por vez." A PAYMENT event (without ``ref``, or ``ref = "attention"``) buys one attention; the
latest one governs. The 90 minutes are elapsed time (interpretation ITP-I-ELAPSED), measured by
the core's :class:`supportcore.timers.AttentionCap` from the start chosen by the setting
``attention_starts_at`` (interpretation ITP-I-START).
"""

from __future__ import annotations

from datetime import datetime

import attrs

from supportcore import Context, Event, EventKind, Ticket
from supportcore.timers import AttentionCap, TimerState, TimerStatus

from ._hours import CALENDAR

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


@attrs.frozen
class Attention:
    """The latest paid attention and where its 90-minute clock stands at ``ctx.at``."""

    payment: Event | None  #: the latest attention payment, if any
    timer: TimerState | None  #: the attention cap (``None`` without a payment)
    start_rule: str  #: the setting ``attention_starts_at``

    @property
    def paid(self) -> bool:
        return self.payment is not None

    @property
    def started(self) -> bool:
        return self.timer is not None and self.timer.status is not TimerStatus.INACTIVE

    @property
    def ended(self) -> bool:
        """The 90 minutes have run: a new attention must be paid to continue."""
        return self.timer is not None and self.timer.status is TimerStatus.FIRED

    @property
    def ends_at(self) -> datetime | None:
        return None if self.timer is None else self.timer.fires_at

    @property
    def started_at(self) -> datetime | None:
        return None if self.timer is None else self.timer.since

    def remaining_minutes(self, at: datetime) -> int:
        """Whole minutes left of the 90 (all 90 before the attention starts)."""
        ends = self.ends_at
        if not self.started or ends is None:
            return ATTENTION_MINUTES
        left = int((ends - at).total_seconds() // 60)
        return max(0, min(ATTENTION_MINUTES, left))


def attention_state(ctx: Context) -> Attention:
    """The latest attention payment and its 90-minute cap at ``ctx.at`` (ITP-CAP-1).

    With ``attention_starts_at = "first_work_session"`` the clock starts at the first
    WORK_SESSION after the payment; with ``"payment"`` at the payment, or at the next opening
    when paid outside hours (a zero-minute marker is put on a copy of the timeline there, so
    the core timer measures from it). Computed once per case (``ctx.memo``).
    """
    cached = ctx.memo.get(_MEMO)
    if isinstance(cached, Attention):
        return cached
    state = _attention_state(ctx)
    ctx.memo[_MEMO] = state
    return state


_MEMO = "itplusnet.attention"


def _attention_state(ctx: Context) -> Attention:
    rule = str(ctx.settings.get("attention_starts_at"))
    paid = payments_for(ctx, None)
    if not paid:
        return Attention(None, None, rule)
    payment = paid[-1]
    events = ctx.case.ticket.events
    index = max(i for i, e in enumerate(events) if e is payment)
    after = list(events[index + 1 :])
    if rule == "payment":
        cal = ctx.calendars.get(CALENDAR)
        start = cal.next_open(payment.at) if cal is not None else payment.at
        marker = Event(at=start, kind=EventKind.WORK_SESSION, minutes=0)
        after = sorted([marker, *after], key=lambda e: e.at.timestamp())
    timeline = Ticket(id=ctx.case.ticket.id, events=tuple(after))
    cap = AttentionCap(minutes=ATTENTION_MINUTES, name="attention-90-minutes")
    return Attention(payment, cap.evaluate(timeline, ctx.at), rule)
