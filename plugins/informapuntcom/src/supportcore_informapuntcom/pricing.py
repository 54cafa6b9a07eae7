"""What the customer pays: nothing within the plan's hours; beyond them, assistance on a case
not yet solved at the current tariff (IPC-HRS-8) or remote tariff (IPC-TEL-6), counted in
minutes (IPC-TEL-5); remote assistance outside the plan at the remote tariff (IPC-TEL-6,
IPC-TEL-7); never a refund (IPC-APT-12). The extra 30 minutes use the hours up but are not
assistance; work after the case was solved or outside the plan's dates is not charged
(IPC-INT-OVERAGE)."""

from __future__ import annotations

from datetime import timedelta

from supportcore import (
    Channel,
    Context,
    Coverage,
    CoverageStatus,
    Eligibility,
    EligibilityStatus,
    Quote,
    QuoteBuilder,
    QuoteStatus,
    Reason,
)
from supportcore.model import UsageKind
from supportcore.wording import Phrase, phrase

from .eligibility import ledger_words, special_reason
from .facts import Facts, Hours, Mode
from .prepared import Prepared

__all__ = ["price"]

Ctx = Context[Prepared, Facts]


def _no_refund(ctx: Ctx) -> tuple[Reason, ...]:
    last = ctx.facts.invitation
    if last is None or last.status != "connection_failed":
        return ()
    no_refund = ctx.reason(
        "no-refund",
        "Neither the price of the service nor the minutes consumed are refunded after a "
        "connection that failed on the customer's side.",
        "IPC-APT-12",
    )
    return (no_refund,)


def _paid_remote(ctx: Ctx, head: tuple[Reason, ...]) -> Quote:
    """Remote assistance at the remote tariff, per minute of work given (IPC-TEL-6, IPC-TEL-7);
    a session that did not take place is not assistance (IPC-INT-OTHER-USERS)."""
    facts = ctx.facts
    clause = "IPC-TEL-6" if facts.mode is Mode.NOT_COVERED else "IPC-TEL-7"
    q = QuoteBuilder(ctx.vendor.currency)
    for r in head:
        q.reason(r)
    minutes = ctx.timeline.work_minutes
    worked = timedelta(minutes=minutes)
    if any(m.surcharge is not None for m in facts.meetings):
        if clause == "IPC-TEL-6":
            q.reason(
                ctx.reason(
                    "missed-session-not-billed",
                    "A remote session that did not take place (missed, failed or cancelled late) "
                    "is not charged at the remote-assistance tariff, which is for assistance "
                    "given: the 30 extra minutes the terms count for it are taken from the plan's "
                    "hours.",
                    clause,
                    "IPC-APT-2",
                    "IPC-APT-7",
                )
            )
        else:
            q.reason(
                ctx.reason(
                    "missed-session-not-billed",
                    "A remote session that did not take place (missed, failed or cancelled late) "
                    "is not charged at the remote-assistance tariff, which is for assistance "
                    "given: the 30 extra minutes the terms count for it would be taken from a "
                    "plan's hours, and this assistance uses none.",
                    clause,
                    "IPC-APT-2",
                    "IPC-APT-7",
                )
            )
        if minutes == 0:
            return q.build(QuoteStatus.COMPLETE)
    rate = ctx.prepared.remote_rate
    if rate is None:
        q.missing(ctx.missing("remote_hourly_rate"))
        q.reason(
            ctx.reason(
                "remote-tariff-missing",
                "{minutes} of remote assistance so far, charged at the current remote-assistance "
                "tariff, which is not configured.",
                clause,
                "IPC-TEL-5",
                minutes=worked,
            )
        )
        return q.build()
    q.time_line(
        ctx.say(
            "Remote assistance, {minutes} at {rate} per hour, counted in minutes",
            minutes=worked,
            rate=rate,
        ),
        rate,
        minutes,
        citations=ctx.cite(clause, "IPC-TEL-5"),
    )
    if minutes == 0:
        q.reason(
            ctx.reason(
                "charged-per-minute",
                "No minutes logged yet; each minute of the session is charged at {rate} per hour.",
                clause,
                "IPC-TEL-5",
                rate=rate,
            )
        )
    ctx.tax.apply(q)
    return q.build(QuoteStatus.COMPLETE)


def _over_reasons(ctx: Ctx, hours: Hours) -> list[Reason]:
    """Why minutes beyond the plan's hours, or outside its dates, are not charged (IPC-HRS-8)."""
    over, out = hours.over, []
    parts: list[Phrase] = []
    ids = ["IPC-HRS-8", "IPC-HRS-3"]
    if urgent := over.get(UsageKind.URGENT_SURCHARGE.value, 0):
        m = timedelta(minutes=urgent)
        parts.append(phrase("{minutes} of the extra minutes for urgent service", minutes=m))
        ids.append("IPC-HRS-4")
    missed = over.get(UsageKind.NO_SHOW.value, 0) + over.get(UsageKind.LATE_CANCELLATION.value, 0)
    if missed:
        m = timedelta(minutes=missed)
        parts.append(
            phrase(
                "{minutes} of the extra minutes for a missed or late-cancelled remote session",
                minutes=m,
            )
        )
        ids.extend(("IPC-APT-2", "IPC-APT-7"))
    if solved := over.get("solved", 0):
        m = timedelta(minutes=solved)
        parts.append(phrase("{minutes} of work begun after the case was solved", minutes=m))
        ids.extend(("IPC-CLO-1", "IPC-CLO-2"))
    if parts:
        out.append(
            ctx.reason(
                "over-not-billed",
                "Beyond the plan's hours, {parts} use up the plan but are not charged: the charge "
                "beyond the plan's hours is for assistance on a case not yet solved.",
                *ids,
                parts=tuple(parts),
            )
        )
    if hours.outside_dates:
        out.append(
            ctx.reason(
                "work-after-plan-end",
                "{minutes} of this case were worked outside the plan's dates (after its end date, "
                "or before its start): that is not assistance beyond the plan's hours, and these "
                "terms set no other charge for it, so it is not priced.",
                "IPC-HRS-5",
                "IPC-HRS-8",
                minutes=timedelta(minutes=hours.outside_dates),
            )
        )
    return out


def price(ctx: Ctx, eligibility: Eligibility, coverage: Coverage) -> Quote:
    facts, currency = ctx.facts, ctx.vendor.currency
    if facts.special is not None:
        return Quote.unpriced(
            currency, QuoteStatus.UNDETERMINED, (special_reason(ctx, facts.special),)
        )
    head = _no_refund(ctx)
    entitled = eligibility.status == EligibilityStatus.ENTITLED
    if coverage.status == CoverageStatus.BILLABLE and (entitled or facts.mode is Mode.OTHER_USER):
        return _paid_remote(ctx, head)
    if coverage.status == CoverageStatus.EXCLUDED:
        ids = (
            [c.clause for c in coverage.reasons[0].citations] if coverage.reasons else ["IPC-INC-1"]
        )
        why = ctx.reason(
            "nothing-to-price",
            "The matter is not included in the support, so nothing is priced.",
            *ids,
        )
        return Quote.unpriced(currency, QuoteStatus.NOT_APPLICABLE, (*head, why))
    if eligibility.status == EligibilityStatus.NOT_ENTITLED:
        why = ctx.reason(
            "not-entitled",
            "No support is given under a plan for this request; the remedies say what the terms "
            "offer instead and at what price.",
            "IPC-SUP-1",
        )
        return Quote.unpriced(currency, QuoteStatus.NOT_APPLICABLE, (*head, why))
    hours = facts.hours
    if not entitled or coverage.status == CoverageStatus.UNDETERMINED or hours is None:
        why = ctx.reason(
            "price-undetermined",
            "The price depends on whether this request is entitled and covered, which is "
            "undetermined.",
            "IPC-INC-1",
        )
        return Quote.unpriced(currency, QuoteStatus.UNDETERMINED, (*head, why))
    ledger = ctx.reason(
        "plan-ledger",
        "Work on this request is logged against the plan: {ledger}.",
        "IPC-HRS-1",
        "IPC-HRS-3",
        ledger=ledger_words(hours.ledger),
    )
    notes = _over_reasons(ctx, hours)
    over = hours.over.get("work", 0)
    if over == 0:
        return Quote.unpriced(currency, None, (*head, ledger, *notes))
    q = QuoteBuilder(currency)
    for r in (*head, ledger, *notes):
        q.reason(r)
    remote = ctx.request.channel is Channel.REMOTE
    key = "remote_hourly_rate" if remote else "hourly_rate"
    tariff = ("IPC-TEL-6", "IPC-TEL-5", "IPC-HRS-8") if remote else ("IPC-HRS-8",)
    rate = ctx.prepared.remote_rate if remote else ctx.prepared.hourly_rate
    beyond = timedelta(minutes=over)
    if rate is None:
        q.missing(ctx.missing(key))
        q.reason(
            ctx.reason(
                "tariff-missing",
                "{minutes} beyond the plan's hours are charged at the current tariff, which is "
                "not configured.",
                *tariff,
                settings=(key,),
                minutes=beyond,
            )
        )
        return q.build()
    what = (
        ctx.say(
            "Remote assistance beyond the plan's hours on this unsolved case, {minutes} at {rate} "
            "per hour, counted in minutes",
            minutes=beyond,
            rate=rate,
        )
        if remote
        else ctx.say(
            "Assistance beyond the plan's hours on this unsolved case, {minutes} at {rate} per "
            "hour, counted in minutes",
            minutes=beyond,
            rate=rate,
        )
    )
    q.time_line(what, rate, over, citations=ctx.cite(*tariff))
    ctx.tax.apply(q)
    return q.build()
