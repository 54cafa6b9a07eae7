"""What the customer pays: nothing within the plan's hours; beyond them, assistance on a case not
yet solved at the current tariff (IPC-HRS-8) or remote tariff (IPC-TEL-6), in minutes
(IPC-TEL-5); remote assistance outside the plan at the remote tariff (IPC-TEL-6, IPC-TEL-7);
never a refund (IPC-APT-12). The extra 30 minutes use the hours up but are not assistance;
work begun after the case was solved or outside the plan's dates is not charged
(IPC-INT-OVERAGE)."""

from __future__ import annotations

from datetime import timedelta

from supportcore import Channel, Context, Coverage, Eligibility, Quote, QuoteBuilder, Reason
from supportcore.wording import Phrase, phrase

from .eligibility import ledger_words, special_reason
from .facts import Facts, Hours, Mode
from .prepared import Prepared

__all__ = ["price"]

Ctx = Context[Prepared, Facts]


def _quote(ctx: Ctx, *reasons: Reason) -> QuoteBuilder:
    q = QuoteBuilder(ctx.vendor.currency)
    last = ctx.facts.invitation
    if last is not None and last.status == "connection_failed":
        q.reason(
            ctx.reason(
                "no-refund",
                "Neither the price of the service nor the minutes consumed are refunded after a "
                "connection that failed on the customer's side.",
                "IPC-APT-12",
            )
        )
    for r in reasons:
        q.reason(r)
    return q


def _paid_remote(ctx: Ctx) -> Quote:
    """Remote assistance at the remote tariff per minute of work given (IPC-TEL-6, IPC-TEL-7);
    a session that did not take place is not assistance (IPC-INT-OTHER-USERS)."""
    f, q = ctx.facts, _quote(ctx)
    clause = "IPC-TEL-6" if f.mode is Mode.NOT_COVERED else "IPC-TEL-7"
    minutes = ctx.timeline.work_minutes
    if any(m.surcharge is not None for m in f.meetings):
        where = (
            phrase("are taken from the plan's hours")
            if clause == "IPC-TEL-6"
            else phrase("would be taken from a plan's hours, and this assistance uses none")
        )
        missed = ctx.reason(
            "missed-session-not-billed",
            "A remote session that did not take place (missed, failed or cancelled late) is not "
            "charged at the remote-assistance tariff, which is for assistance given: the 30 "
            "extra minutes the terms count for it {where}.",
            *(clause, "IPC-APT-2", "IPC-APT-7"),
            interpretations=("IPC-INT-NOT-COVERED-REMOTE",)
            if clause == "IPC-TEL-6"
            else ("IPC-INT-OTHER-USERS",),
            where=where,
        )
        q.reason(missed)
        if minutes == 0:
            return q.build("complete")
    rate, worked = ctx.prepared.remote_rate, timedelta(minutes=minutes)
    if rate is None:
        q.missing(ctx.missing("remote_hourly_rate"))
        unknown = ctx.reason(
            "remote-tariff-missing",
            "{minutes} of remote assistance so far, charged at the current remote-assistance "
            "tariff, which is not configured.",
            *(clause, "IPC-TEL-5"),
            minutes=worked,
        )
        return q.reason(unknown).build()
    line = ctx.say("Remote assistance, counted in minutes")
    q.time_line(line, rate, minutes, citations=ctx.cite(clause, "IPC-TEL-5"))
    if minutes == 0:
        per_minute = ctx.reason(
            "charged-per-minute",
            "No minutes logged yet; each minute of the session is charged at {rate} per hour.",
            *(clause, "IPC-TEL-5"),
            rate=rate,
        )
        q.reason(per_minute)
    return ctx.tax.apply(q).build("complete")


def _not_charged(ctx: Ctx, hours: Hours) -> list[Reason]:
    """Minutes beyond the plan's hours, or outside its dates, that are not charged (IPC-HRS-8)."""
    over, ids, out = hours.over, ["IPC-HRS-8", "IPC-HRS-3"], []
    parts: list[Phrase] = []
    if urgent := over.get("urgent_surcharge", 0):
        m = timedelta(minutes=urgent)
        parts.append(phrase("{minutes} of the extra minutes for urgent service", minutes=m))
        ids.append("IPC-HRS-4")
    if missed := over.get("no_show", 0) + over.get("late_cancellation", 0):
        m = timedelta(minutes=missed)
        parts.append(phrase("{minutes} of the extra minutes for a missed session", minutes=m))
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
                interpretations=("IPC-INT-OVERAGE",),
                parts=tuple(parts),
            )
        )
    if hours.outside_dates:
        out.append(
            ctx.reason(
                "work-after-plan-end",
                "{minutes} of this case were worked outside the plan's dates: that is not "
                "assistance beyond the plan's hours, and these terms set no other charge for it.",
                *("IPC-HRS-5", "IPC-HRS-8"),
                interpretations=("IPC-INT-OVERAGE",),
                minutes=timedelta(minutes=hours.outside_dates),
            )
        )
    return out


def price(ctx: Ctx, eligibility: Eligibility, coverage: Coverage) -> Quote:
    f, entitled, status = ctx.facts, eligibility.status == "entitled", coverage.status
    if f.special is not None:
        return _quote(ctx, special_reason(ctx, f.special)).build("undetermined")
    if status == "billable" and (entitled or f.mode is Mode.OTHER_USER):
        return _paid_remote(ctx)
    if status == "excluded":
        ids = [c.clause for c in coverage.reasons[0].citations] if coverage.reasons else []
        why = ctx.reason(
            "nothing-to-price",
            "The matter is not included in the support, so nothing is priced.",
            *(ids or ["IPC-INC-1"]),
        )
        return _quote(ctx, why).build("not_applicable")
    if eligibility.status == "not_entitled":
        why = ctx.reason(
            "not-entitled",
            "No support is given under a plan for this request; the remedies say what the terms "
            "offer instead and at what price.",
            "IPC-SUP-1",
        )
        return _quote(ctx, why).build("not_applicable")
    if not entitled or status == "undetermined" or f.hours is None:
        why = ctx.reason(
            "price-undetermined",
            "The price depends on whether this request is entitled and covered, which is "
            "undetermined.",
            "IPC-INC-1",
        )
        return _quote(ctx, why).build("undetermined")
    hours = f.hours
    ledger = ctx.reason(
        "plan-ledger",
        "Work on this request is logged against the plan: {ledger}.",
        *("IPC-HRS-1", "IPC-HRS-3"),
        ledger=ledger_words(hours.ledger),
    )
    q, over = _quote(ctx, ledger, *_not_charged(ctx, hours)), hours.over.get("work", 0)
    if over == 0:
        return q.build()
    remote = ctx.request.channel is Channel.REMOTE
    key = "remote_hourly_rate" if remote else "hourly_rate"
    tariff = ("IPC-TEL-6", "IPC-TEL-5", "IPC-HRS-8") if remote else ("IPC-HRS-8",)
    rate = ctx.prepared.remote_rate if remote else ctx.prepared.hourly_rate
    beyond = timedelta(minutes=over)
    if rate is None:
        q.missing(ctx.missing(key))
        unknown = ctx.reason(
            "tariff-missing",
            "{minutes} beyond the plan's hours are charged at the current tariff, which is not "
            "configured.",
            *tariff,
            settings=(key,),
            minutes=beyond,
        )
        return q.reason(unknown).build()
    line = ctx.say("Assistance beyond the plan's hours on this unsolved case, in minutes")
    q.time_line(line, rate, over, citations=ctx.cite(*tariff))
    return ctx.tax.apply(q).build()
