"""Who is entitled: a plan in force contracted and paid before the request (IPC-SUP-1,
IPC-REN-3) with hours left (IPC-HRS-5), through a channel of the plan, phone and remote
attention by invitation (IPC-INC-2, IPC-TEL-1..4), with the data that make the request
processable (IPC-OPS-4); else what the terms offer instead (IPC-HRS-6, IPC-REN-1, IPC-SUP-2)."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from supportcore import Channel, Context, Contract, Eligibility, MissingFact, Reason, Remedy
from supportcore.i18n import N_
from supportcore.ledger import HourLedger
from supportcore.periods import Period
from supportcore.wording import Phrase, phrase

from .facts import BY_INVITATION, OFFERED, Facts, Hours
from .prepared import Prepared

Ctx = Context[Prepared, Facts]
NOT_ENTITLED, UNDETERMINED = "not_entitled", "undetermined"
#: The request's data, for the customer (IPC-OPS-2, IPC-OPS-4).
DATA = {
    "contract_number": N_("the support contract number"),
    "company_name": N_("the licence holder's company name (razón social)"),
    "tax_id": N_("the licence holder's NIF"),
    "contact_person": N_("a contact person"),
    "phone": N_("a contact phone number"),
}


def special_reason(ctx: Ctx, c: Contract) -> Reason:
    """Users with special conditions are served under their own contract (IPC-INTRO-2)."""
    return ctx.listed_reason("special-contract", contract=c.id, terms=c.special_terms)


def ledger_words(ledger: HourLedger) -> Phrase:
    """A plan's hours as the desk says them: left, used, over."""
    of = {"allowance": timedelta(minutes=ledger.allowance_minutes or 0)}
    of["used"] = timedelta(minutes=ledger.used_minutes)
    if left := ledger.remaining_minutes:
        left_td = timedelta(minutes=left)
        return phrase("{left} left of {allowance} ({used} used)", left=left_td, **of)
    if over := ledger.overage_minutes:
        over_td = timedelta(minutes=over)
        return phrase("no time left of {allowance} ({used} used, {over} over)", over=over_td, **of)
    return phrase("no time left of {allowance} ({used} used)", **of)


def paid_remote(ctx: Ctx, plan: Contract | None) -> Remedy:
    """Remote assistance at the remote tariff: on a remote plan (IPC-TEL-6), else urgent (-7)."""
    with_remote = plan is not None and Channel.REMOTE in plan.channels
    return ctx.listed_remedy("paid-remote-plan" if with_remote else "paid-remote-urgent")


def plan_remedies(ctx: Ctx, plan: Contract | None, why: str) -> list[Remedy]:
    """Renew the plan or buy another, at the prices in force on the renewal date (IPC-HRS-6,
    IPC-REN-1), as published on the web (IPC-SUP-2: the setting ``plan_prices``)."""
    prices, out = ctx.prepared.plan_prices, list[Remedy]()
    note = ctx.say("{tax}, per plan period", tax=ctx.tax.note)
    if plan is not None and plan.plan:
        price = prices.get(plan.plan)
        out.append(ctx.remedy(
            "renew-plan",
            "Renew the {plan} plan (not automatic; it takes effect once fully paid, at the price "
            "and conditions of the renewal date; unused hours do not carry over)",
            why, "IPC-REN-1", "IPC-REN-2", "IPC-REN-3", "IPC-HRS-7", plan=plan.plan, price=price,
            price_note=note if price is not None else "",
            missing=() if price is not None else (ctx.missing("plan_prices"),),
        ))  # fmt: skip
    out += [
        ctx.remedy(
            "buy-plan", "Contract the {plan} support plan (it takes effect once fully paid)",
            why, "IPC-SUP-2", "IPC-REN-3", price=prices[name], price_note=note, plan=name,
        )
        for name in sorted(prices) if plan is None or name != plan.plan
    ]  # fmt: skip
    if not prices:
        out.append(ctx.remedy(
            "buy-plan",
            "Contract a support plan (the plans and their prices are on informapuntcom's web)",
            why, "IPC-SUP-2", "IPC-REN-3", missing=(ctx.missing("plan_prices"),),
        ))  # fmt: skip
    return out


def _failure(ctx: Ctx, code: str, c: Contract) -> Reason:
    """Why contract ``c`` puts no plan in force (IPC-SUP-1, IPC-HRS-5, IPC-REN-2, IPC-REN-3)."""
    more: dict[str, dict[str, Any]] = {
        "plan-not-started": {"start": c.start},
        "plan-ended": {"last_day": c.end - timedelta(days=1) if c.end is not None else c.start},
        "plan-signed-after-request": {"signed": c.signed},
        "plan-not-paid": {"payment": str(c.payment.value)},
        "plan-paid-after-request": {"paid": c.paid_on},
    }
    v: dict[str, Any] = {"plan": c.plan or c.id, "contract": c.id, "day": ctx.facts.day}
    return ctx.listed_reason(code, **v, **more.get(code, {}))


def missing_data(ctx: Ctx, plan: Contract) -> tuple[MissingFact, ...]:
    """The request's missing (or wrong) data by field, until the ticket says they arrived."""
    f = ctx.facts
    if f.completed_at is not None:
        return ()
    stops = ctx.say("processing the request")
    owes = ctx.say("a complete request (it does not stop the request)")
    facts = [MissingFact(f"request.contact.{k}", stops, ctx.say(DATA[k])) for k in f.lacking]
    if f.wrong_number is not None:
        words = ctx.say(
            "the number of the contract in force ({contract}); the request gives {given}",
            contract=plan.id, given=f.wrong_number,
        )  # fmt: skip
        facts.append(MissingFact("request.contact.contract_number", stops, words))
    return (*facts, *(MissingFact(f"request.contact.{k}", owes, ctx.say(DATA[k])) for k in f.owed))


def _refused(ctx: Ctx, plan: Contract, hours: Hours) -> Eligibility:
    """Missing data (IPC-OPS-4), the plan's channels, the invitation rule (IPC-TEL-1..4)."""
    f, channel, name = ctx.facts, ctx.request.channel, plan.plan or plan.id
    left, facts = hours.ledger.remaining_minutes, missing_data(ctx, plan)
    blocked: tuple[Reason, ...] = ()
    if f.blocking:
        parts = [ctx.say(DATA[k]) for k in f.lacking]
        if f.wrong_number is not None:
            parts.append(ctx.say(
                "a contract number in force (it gives {given}; the plan in force is contract "
                "{contract})", given=f.wrong_number, contract=plan.id,
            ))  # fmt: skip
        blocked = (ctx.listed_reason("request-not-processable", missing=tuple(parts)),)
    if f.refusal == "channels-unknown":
        words = ctx.say(
            "the channels of plan {plan} (contract {contract})", plan=name, contract=plan.id
        )
        unknown = MissingFact(
            f"contracts[{f.index}].channels", ctx.say("which channels the plan includes"), words
        )
        reason = ctx.listed_reason("plan-channels-unknown", plan=name)
        return Eligibility(
            UNDETERMINED, reasons=(reason, *blocked), remaining_minutes=left,
            missing_facts=(unknown, *facts),
        )  # fmt: skip
    if f.refusal is None:  # only the data that make the request processable are missing
        complete = ctx.listed_remedy("complete-request", contract=plan.id)
        return Eligibility(
            NOT_ENTITLED, reasons=blocked, remedies=(complete,), remaining_minutes=left,
            missing_facts=facts,
        )  # fmt: skip
    remedies = [ctx.listed_remedy("send-by-email")] if Channel.EMAIL in plan.channels else []
    if f.refusal == "not-in-plan":
        invited = channel in BY_INVITATION
        reason = ctx.listed_reason(
            "channel-not-in-plan", *(("IPC-TEL-1",) if invited else ()), "IPC-INC-2", "IPC-RT-3",
            plan=name, included=plan.channels, channel=channel,
        )  # fmt: skip
        remedies += [ctx.listed_remedy("paid-remote-urgent")] if channel is Channel.REMOTE else []
        if invited:
            missing = () if ctx.prepared.plan_prices else (ctx.missing("plan_prices"),)
            remedies.append(
                ctx.listed_remedy("plan-with-channel", missing=missing, channel=channel)
            )
    else:  # a remote session without informapuntcom's invitation
        reason = ctx.listed_reason("attention-by-invitation-only", channel=channel)
    return Eligibility(
        NOT_ENTITLED, reasons=(reason, *blocked), remedies=tuple(remedies), remaining_minutes=left,
        missing_facts=facts,
    )  # fmt: skip


def _basis(ctx: Ctx, plan: Contract, hours: Hours, last_day: date | None) -> list[Reason]:
    """Why the plan gives support: in force, its terms version, its channel, its hours."""
    f, channel = ctx.facts, ctx.request.channel
    allowance = timedelta(minutes=plan.included_minutes or 0)
    if channel in BY_INVITATION and f.invitation is not None:
        by = "channel-in-plan-invited"
    else:
        by = "channel-in-plan-phone" if channel is Channel.PHONE else "channel-in-plan"
    ends = (
        phrase("in force until {last_day}", last_day=last_day) if last_day else phrase("in force")
    )
    paid = phrase("paid on {paid_on}", paid_on=plan.paid_on) if plan.paid_on else phrase("paid")
    period = Period(plan.start, plan.end) if plan.end else phrase("from {start}", start=plan.start)
    out = [
        ctx.listed_reason(
            "plan-in-force", plan=plan.plan or plan.id, contract=plan.id, validity=ends,
            signed=plan.signed, day=f.day, payment=paid,
        ),
        ctx.listed_reason(
            "terms-version", contract=plan.id, signed=plan.signed, version=ctx.terms.version
        ),
        ctx.listed_reason(by, channel=channel, channels=plan.channels),
        ctx.listed_reason(
            "plan-hours", allowance=allowance, period=period, ledger=ledger_words(hours.ledger)
        ),
    ]  # fmt: skip
    if ctx.severity == "urgent" and not hours.outside_plan:
        out.append(ctx.listed_reason("urgent-surcharge"))
    if earlier := [c for c in f.contracts if c is not plan and c.end and c.end <= plan.start]:
        latest = max(earlier, key=lambda c: c.start).id
        out.append(ctx.listed_reason("no-carry-over", contract=latest, allowance=allowance))
    return out


def eligibility(ctx: Ctx) -> Eligibility:
    f, request = ctx.facts, ctx.request
    if f.special is not None:
        return Eligibility(UNDETERMINED, reasons=(special_reason(ctx, f.special),))
    channel, plan, hours = request.channel, f.plan, f.hours
    if channel not in OFFERED:
        by = "channel-not-offered-on-site" if channel is Channel.ON_SITE else "channel-not-offered"
        reason, email = ctx.listed_reason(by, channel=channel), ctx.listed_remedy("send-by-email")
        return Eligibility(NOT_ENTITLED, reasons=(reason,), remedies=(email,))
    remote = channel is Channel.REMOTE or request.category == "remote_assistance"
    if plan is None or hours is None:  # (hours are assessed for every plan in force)
        if f.focus is None:
            reasons: tuple[Reason, ...] = (ctx.listed_reason("no-plan", product=request.product),)
        else:
            reasons = tuple(_failure(ctx, code, f.focus) for code in f.failures)
        remedies = plan_remedies(ctx, f.focus, "IPC-SUP-1")
        remedies += [ctx.listed_remedy("paid-remote-urgent")] if remote else []
        return Eligibility(NOT_ENTITLED, reasons=reasons, remedies=tuple(remedies))
    if hours.prior.exhausted:
        v: dict[str, Any] = {"plan": plan.plan or plan.id, "contract": plan.id}
        v["ledger"] = ledger_words(hours.prior)
        if (when := hours.prior.exhausted_at) is not None:
            reason = ctx.listed_reason("plan-hours-exhausted", **v, day=ctx.local(when).date())
        else:
            reason = ctx.listed_reason("plan-hours-exhausted-undated", **v)
        remedies = plan_remedies(ctx, plan, "IPC-HRS-6")
        remedies += [paid_remote(ctx, plan)] if remote else []
        return Eligibility(
            NOT_ENTITLED, reasons=(reason,), remedies=tuple(remedies), remaining_minutes=0
        )
    if f.refusal is not None or f.blocking:
        return _refused(ctx, plan, hours)
    last_day = plan.end - timedelta(days=1) if plan.end is not None else None
    basis, run_out = _basis(ctx, plan, hours, last_day), list[Remedy]()
    if hours.ledger.exhausted and not hours.outside_plan:
        when = ctx.local(hours.ledger.exhausted_at or ctx.at)
        basis.append(ctx.listed_reason("plan-hours-run-out", when=when))
        run_out = plan_remedies(ctx, plan, "IPC-HRS-6")
    return Eligibility(
        "entitled", basis=tuple(basis), remedies=tuple(run_out), valid_until=last_day,
        remaining_minutes=hours.ledger.remaining_minutes, missing_facts=missing_data(ctx, plan),
    )  # fmt: skip
