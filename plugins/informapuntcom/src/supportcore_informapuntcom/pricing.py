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
from .facts import Facts, Hours
from .prepared import Prepared

Ctx = Context[Prepared, Facts]


def _quote(ctx: Ctx, *reasons: Reason) -> QuoteBuilder:
    q = QuoteBuilder(ctx.vendor.currency)
    last = ctx.facts.invitation
    if last is not None and last.code == "session-ended-no-connection":
        q.reason(ctx.listed_reason("no-refund"))
    for r in reasons:
        q.reason(r)
    return q


def _paid_remote(ctx: Ctx) -> Quote:
    """Remote assistance at the remote tariff per minute of work given (IPC-TEL-6, IPC-TEL-7)."""
    f, q, minutes = ctx.facts, _quote(ctx), ctx.timeline.work_minutes
    on_plan = f.mode == "not_covered"
    clause = "IPC-TEL-6" if on_plan else "IPC-TEL-7"
    if any(m.surcharge is not None for m in f.meetings):
        why = "missed-session-not-billed" if on_plan else "missed-session-not-billed-urgent"
        q.reason(ctx.listed_reason(why))
        if minutes == 0:
            return q.build("complete")
    if (rate := ctx.prepared.remote_rate) is None:
        q.missing(ctx.missing("remote_hourly_rate"))
        unknown = ctx.listed_reason(
            "remote-tariff-missing", clause, "IPC-TEL-5", minutes=_td(minutes)
        )
        return q.reason(unknown).build()
    line = ctx.say("Remote assistance, counted in minutes")
    q.time_line(line, rate, minutes, citations=ctx.cite(clause, "IPC-TEL-5"))
    if minutes == 0:
        q.reason(ctx.listed_reason("charged-per-minute", clause, "IPC-TEL-5", rate=rate))
    return ctx.tax.apply(q).build("complete")


def _not_charged(ctx: Ctx, hours: Hours) -> list[Reason]:
    """Minutes beyond the plan's hours, or outside its dates, that are not charged (IPC-HRS-8)."""
    over, ids, parts, out = hours.over, list[str](), list[Phrase](), list[Reason]()
    if m := over.get("urgent_surcharge", 0):
        ids.append("IPC-HRS-4")
        parts.append(phrase("{minutes} of the extra minutes for urgent service", minutes=_td(m)))
    if m := over.get("no_show", 0) + over.get("late_cancellation", 0):
        ids += ["IPC-APT-2", "IPC-APT-7"]
        parts.append(phrase("{minutes} of the extra minutes for a missed session", minutes=_td(m)))
    if m := over.get("solved", 0):
        ids += ["IPC-CLO-1", "IPC-CLO-2"]
        parts.append(phrase("{minutes} of work begun after the case was solved", minutes=_td(m)))
    if parts:
        out.append(ctx.listed_reason("over-not-billed", *ids, parts=tuple(parts)))
    if hours.outside_dates:
        out.append(ctx.listed_reason("work-after-plan-end", minutes=_td(hours.outside_dates)))
    return out


def _td(minutes: int) -> timedelta:
    return timedelta(minutes=minutes)


def price(ctx: Ctx, eligibility: Eligibility, coverage: Coverage) -> Quote:
    f, entitled, status = ctx.facts, eligibility.status == "entitled", coverage.status
    if f.special is not None:
        return _quote(ctx, special_reason(ctx, f.special)).build("undetermined")
    if status == "billable" and (entitled or f.mode == "other_user"):
        return _paid_remote(ctx)
    if status == "excluded":
        ids = [c.clause for c in coverage.reasons[0].citations] if coverage.reasons else []
        why = ctx.listed_reason("nothing-to-price", *(ids or ["IPC-INC-1"]))
        return _quote(ctx, why).build("not_applicable")
    if eligibility.status == "not_entitled":
        return _quote(ctx, ctx.listed_reason("not-entitled")).build("not_applicable")
    if not entitled or status == "undetermined" or f.hours is None:
        return _quote(ctx, ctx.listed_reason("price-undetermined")).build("undetermined")
    hours = f.hours
    ledger = ctx.listed_reason("plan-ledger", ledger=ledger_words(hours.ledger))
    q, over = _quote(ctx, ledger, *_not_charged(ctx, hours)), hours.over.get("work", 0)
    if over == 0:
        return q.build()
    remote = ctx.request.channel is Channel.REMOTE
    key = "remote_hourly_rate" if remote else "hourly_rate"
    tariff = ("IPC-TEL-6", "IPC-TEL-5", "IPC-HRS-8") if remote else ("IPC-HRS-8",)
    rate = ctx.prepared.remote_rate if remote else ctx.prepared.hourly_rate
    if rate is None:
        q.missing(ctx.missing(key))
        unknown = ctx.listed_reason("tariff-missing", *tariff, settings=(key,), minutes=_td(over))
        return q.reason(unknown).build()
    line = ctx.say("Assistance beyond the plan's hours on this unsolved case, in minutes")
    q.time_line(line, rate, over, citations=ctx.cite(*tariff))
    return ctx.tax.apply(q).build()
