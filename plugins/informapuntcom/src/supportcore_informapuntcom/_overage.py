"""What of a case's minutes beyond the plan's hours is charged, and why the rest is not.

"Si un servicio de asistencia, en el que aún no ha quedado cubierta la consulta, incidencia,
etc., sobrepasara los límites de horas establecidos en el contrato, se procederá a realizar un
cargo" (IPC-HRS-8): only assistance on a case not yet solved is charged beyond the plan's hours.
The extra minutes of the terms (urgent service, a missed or late-cancelled remote session) use
the plan's hours up but are not assistance; work after the case was solved, or outside the plan's
dates, is not assistance beyond the plan's hours on an unsolved case (IPC-INT-OVERAGE).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime
from typing import TYPE_CHECKING

from supportcore import Context, EventKind, Reason
from supportcore.ledger import HourLedger, LedgerLine, format_minutes
from supportcore.model import UsageKind

if TYPE_CHECKING:
    from ._plan import PlanHours

__all__ = ["missed_session_not_billed", "over_by_kind", "over_reasons"]


def _solved_spans(ctx: Context) -> list[tuple[datetime, datetime | None]]:
    """When the case stood solved: from each resolution (``resolved`` or ``closed``) to the next
    reopening, in UTC."""
    spans: list[tuple[datetime, datetime | None]] = []
    for e in ctx.case.ticket.of(EventKind.RESOLVED, EventKind.CLOSED, EventKind.REOPENED):
        at = e.at.astimezone(UTC)
        if e.kind is EventKind.REOPENED:
            if spans and spans[-1][1] is None:
                spans[-1] = (spans[-1][0], at)
        elif not spans or spans[-1][1] is not None:
            spans.append((at, None))
    return spans


def over_by_kind(ctx: Context, ledger: HourLedger, own: Sequence[LedgerLine]) -> dict[str, int]:
    """This ticket's minutes beyond the allowance, by what they are (see ``PlanHours.over``):
    the lines in time order use the allowance up; what a line of this ticket adds past it is
    over. Only work on the case while unsolved is assistance charged beyond the plan's hours."""
    allowance = ledger.allowance_minutes
    if allowance is None or ledger.used_minutes <= allowance:
        return {}
    mine = {id(ln) for ln in own}
    spans = _solved_spans(ctx)
    out: dict[str, int] = {}
    used = 0
    for ln in ledger.lines:
        before, used = used, used + ln.minutes
        beyond = used - max(before, allowance)  # the part of this line past the allowance
        if beyond <= 0 or id(ln) not in mine:
            continue
        what = str(ln.kind)
        if ln.kind is UsageKind.WORK:
            at = ln.at.astimezone(UTC)
            solved = any(a < at and (b is None or at < b) for a, b in spans)
            what = "solved" if solved else "work"
        out[what] = out.get(what, 0) + beyond
    return out


def missed_session_not_billed(ctx: Context, clause: str) -> Reason:
    """Why paid remote assistance does not charge a session that did not take place: its 30
    extra minutes count against a plan with remote control (IPC-TEL-6), and a user without one
    (IPC-TEL-7) pays only for the assistance given."""
    where = (
        "are taken from the plan's hours"
        if clause == "IPC-TEL-6"
        else "would be taken from a plan's hours, and this assistance uses none"
    )
    return ctx.fixed_reason(
        "missed-session-not-billed",
        "A remote session that did not take place (missed, failed or cancelled late) is not "
        "charged at the remote-assistance tariff, which is for assistance given: the 30 extra "
        f"minutes the terms count for it {where}.",
        clause,
        "IPC-APT-2",
        "IPC-APT-7",
    )


def over_reasons(ctx: Context, hours: PlanHours) -> list[Reason]:
    """Why minutes of this case beyond the plan's hours, or outside its dates, are not
    charged: only assistance on a case not yet solved beyond the hours is (IPC-HRS-8)."""
    out: list[Reason] = []
    over = hours.over
    parts: list[str] = []
    ids = ["IPC-HRS-8", "IPC-HRS-3"]
    if urgent := over.get(UsageKind.URGENT_SURCHARGE.value, 0):
        parts.append(f"{format_minutes(urgent)} of the extra minutes for urgent service")
        ids.append("IPC-HRS-4")
    missed = over.get(UsageKind.NO_SHOW.value, 0) + over.get(UsageKind.LATE_CANCELLATION.value, 0)
    if missed:
        parts.append(
            f"{format_minutes(missed)} of the extra minutes for a missed or late-cancelled "
            "remote session"
        )
        ids.extend(("IPC-APT-2", "IPC-APT-7"))
    if solved := over.get("solved", 0):
        parts.append(f"{format_minutes(solved)} of work after the case was solved")
        ids.extend(("IPC-CLO-1", "IPC-CLO-2"))
    if parts:
        out.append(
            ctx.reason(
                "over-not-billed",
                "Beyond the plan's hours, " + " and ".join(parts) + " use up the plan but are "
                "not charged: the charge beyond the plan's hours is for assistance on a case not "
                "yet solved.",
                *ids,
            )
        )
    if after := sum(ln.minutes for ln in hours.after_end):
        out.append(
            ctx.reason(
                "work-after-plan-end",
                f"{format_minutes(after)} of this case were worked outside the plan's dates "
                "(after its end date, or before its start): that is not assistance beyond the "
                "plan's hours, and these terms set no other charge for it, so it is not priced.",
                "IPC-HRS-5",
                "IPC-HRS-8",
            )
        )
    return out
