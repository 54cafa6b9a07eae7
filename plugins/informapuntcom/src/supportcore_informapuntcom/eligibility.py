"""Who is entitled: a plan in force contracted and paid before the request (IPC-SUP-1,
IPC-REN-3) with hours left (IPC-HRS-5), through a channel of the plan, phone and remote
attention by invitation (IPC-INC-2, IPC-TEL-1..4), with the data that make the request
processable (IPC-OPS-4)."""

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
from .remedies import listed_remedy, paid_remote, plan_remedies

__all__ = ["DATA", "eligibility", "ledger_words", "special_reason"]

Ctx = Context[Prepared, Facts]
ENTITLED, NOT_ENTITLED, UNDETERMINED = "entitled", "not_entitled", "undetermined"
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
    return ctx.reason(
        "special-contract",
        "Undetermined — governed by special contract {contract} ({terms}): users with special "
        "support conditions get support under their own contract, not these general terms.",
        "IPC-INTRO-2",
        interpretations=("IPC-INT-SPECIAL",),
        contract=c.id,
        terms=c.special_terms,
    )


def ledger_words(ledger: HourLedger) -> Phrase:
    """A plan's hours as the desk says them: left, used, over."""
    left, over = ledger.remaining_minutes, ledger.overage_minutes
    of = {"allowance": timedelta(minutes=ledger.allowance_minutes or 0)}
    of["used"] = timedelta(minutes=ledger.used_minutes)
    if left:
        return phrase(
            "{left} left of {allowance} ({used} used)", left=timedelta(minutes=left), **of
        )
    if over:
        over_by = timedelta(minutes=over)
        return phrase("no time left of {allowance} ({used} used, {over} over)", over=over_by, **of)
    return phrase("no time left of {allowance} ({used} used)", **of)


def _failure(ctx: Ctx, code: str, c: Contract) -> Reason:
    """Why contract ``c`` puts no plan in force for the request (IPC-SUP-1, IPC-HRS-5,
    IPC-REN-2, IPC-REN-3)."""
    v: dict[str, Any] = {"plan": c.plan or c.id, "contract": c.id, "day": ctx.facts.day}
    if code == "plan-not-started":
        return ctx.reason(
            code,
            "Plan {plan} (contract {contract}) starts on {start}, after the request of {day}; "
            "support needs a plan in force before the request.",
            "IPC-SUP-1",
            **v,
            start=c.start,
        )
    if code == "plan-ended":
        return ctx.reason(
            code,
            "Plan {plan} (contract {contract}) ended: its last day was {last_day}, before the "
            "request of {day}.",
            *("IPC-HRS-5", "IPC-SUP-1"),
            **v,
            last_day=Period(c.start, c.end).last_day if c.end is not None else c.start,
        )
    if code == "no-automatic-renewal":
        return ctx.reason(
            code,
            "Plan {plan} (contract {contract}) is marked to renew automatically, but "
            "informapuntcom plans never renew by themselves: a renewal is contracted and paid.",
            "IPC-REN-2",
            interpretations=("IPC-INT-RENEWAL",),
            **v,
        )
    if code == "plan-signed-after-request":
        return ctx.reason(
            code,
            "Plan {plan} (contract {contract}) was contracted on {signed}, after the request of "
            "{day}; only a plan contracted before the request gives support for it.",
            "IPC-SUP-1",
            interpretations=("IPC-INT-BEFORE",),
            **v,
            signed=c.signed,
        )
    if code == "plan-not-paid":
        return ctx.reason(
            code,
            "Plan {plan} (contract {contract}) is not fully paid (payment: {payment}); a plan "
            "takes effect only once its full price has been paid.",
            "IPC-REN-3",
            interpretations=("IPC-INT-PAYMENT",),
            settings=("payment_required_for",),
            **v,
            payment=str(c.payment.value),
        )
    return ctx.reason(
        code,
        "Plan {plan} (contract {contract}) was paid on {paid}, after the request of {day}; it "
        "took effect only on payment.",
        *("IPC-REN-3", "IPC-SUP-1"),
        interpretations=("IPC-INT-PAYMENT",),
        settings=("payment_required_for",),
        **v,
        paid=c.paid_on,
    )


def missing_data(ctx: Ctx, plan: Contract | None) -> tuple[MissingFact, ...]:
    """The request's missing (or wrong) data by field, until the ticket says they arrived."""
    f = ctx.facts
    if f.completed_at is not None:
        return ()
    stops = ctx.say("processing the request")
    facts = [MissingFact(f"request.contact.{k}", stops, ctx.say(DATA[k])) for k in f.lacking]
    if f.wrong_number is not None and plan is not None:
        words = ctx.say(
            "the number of the contract in force ({contract}); the request gives {given}",
            contract=plan.id,
            given=f.wrong_number,
        )
        facts.append(MissingFact("request.contact.contract_number", stops, words))
    owes = ctx.say("a complete request (it does not stop the request)")
    return (*facts, *(MissingFact(f"request.contact.{k}", owes, ctx.say(DATA[k])) for k in f.owed))


def _blocked(ctx: Ctx, plan: Contract) -> list[Reason]:
    f = ctx.facts
    if not f.blocking:
        return []
    parts = [ctx.say(DATA[k]) for k in f.lacking]
    if f.wrong_number is not None:
        parts.append(
            ctx.say(
                "a contract number in force (it gives {given}; the plan in force is contract "
                "{contract})",
                given=f.wrong_number,
                contract=plan.id,
            )
        )
    blocked = ctx.reason(
        "request-not-processable",
        "The request cannot be processed without the number of a contract in force and the "
        "licence holder's data; missing: {missing}.",
        *("IPC-OPS-4", "IPC-OPS-2"),
        interpretations=("IPC-INT-DATA",),
        missing=tuple(parts),
    )
    return [blocked]


def _channel_refusal(ctx: Ctx, plan: Contract, blocked: list[Reason], hours: Hours) -> Eligibility:
    """The plan's channels and the invitation rule (IPC-INC-2, IPC-RT-3, IPC-TEL-1..4)."""
    f, channel, name = ctx.facts, ctx.request.channel, plan.plan or plan.id
    left, facts = hours.ledger.remaining_minutes, missing_data(ctx, plan)
    email = [listed_remedy(ctx, "send-by-email")] if Channel.EMAIL in plan.channels else []
    if f.refusal == "channels-unknown":
        words = ctx.say(
            "the channels of plan {plan} (contract {contract})", plan=name, contract=plan.id
        )
        unknown = MissingFact(
            f"contracts[{f.index}].channels", ctx.say("which channels the plan includes"), words
        )
        reason = ctx.reason(
            "plan-channels-unknown",
            "Support is given by e-mail, phone or remote control as the plan includes, and the "
            "case does not say which channels plan {plan} includes.",
            "IPC-INC-2",
            plan=name,
        )
        reasons = (reason, *blocked)
        return Eligibility(
            UNDETERMINED, reasons=reasons, remaining_minutes=left, missing_facts=(unknown, *facts)
        )
    if f.refusal == "not-in-plan":
        reason = ctx.reason(
            "channel-not-in-plan",
            "Plan {plan} includes {included}, not {channel}; requests go through a channel of "
            "the active plan.",
            *(("IPC-TEL-1",) if channel in BY_INVITATION else ()),
            *("IPC-INC-2", "IPC-RT-3"),
            plan=name,
            included=plan.channels,
            channel=channel,
        )
        remedies = [
            *email,
            *([listed_remedy(ctx, "paid-remote-urgent")] if channel is Channel.REMOTE else []),
        ]
        if channel in BY_INVITATION:
            remedies.append(
                ctx.remedy(
                    "plan-with-channel",
                    "Contract a plan that includes {channel} (informapuntcom publishes its plans "
                    "on the web)",
                    *("IPC-TEL-1", "IPC-SUP-2"),
                    missing=() if ctx.prepared.plan_prices else (ctx.missing("plan_prices"),),
                    channel=channel,
                )
            )
    else:  # a remote session without informapuntcom's invitation
        reason = ctx.reason(
            "attention-by-invitation-only",
            "Attention by {channel} is given only when informapuntcom indicates it: the matter "
            "is first tried by e-mail, and if a call or remote session is the right way "
            "informapuntcom invites the customer at an agreed date and time. This ticket has no "
            "such invitation.",
            *("IPC-TEL-2", "IPC-TEL-3", "IPC-TEL-4"),
            interpretations=("IPC-INT-PHONE-REQUEST",),
            channel=channel,
        )
        remedies = email
    return Eligibility(
        NOT_ENTITLED,
        reasons=(reason, *blocked),
        remedies=tuple(remedies),
        remaining_minutes=left,
        missing_facts=facts,
    )


def _basis(ctx: Ctx, plan: Contract, hours: Hours, last_day: date | None) -> list[Reason]:
    f, channel = ctx.facts, ctx.request.channel
    allowance = timedelta(minutes=plan.included_minutes or 0)
    out = [
        ctx.reason(
            "plan-in-force",
            "Plan {plan} (contract {contract}) is {validity}, contracted on {signed}, before the "
            "request of {day}, and {payment}.",
            *("IPC-SUP-1", "IPC-REN-3"),
            plan=plan.plan or plan.id,
            contract=plan.id,
            validity=phrase("in force until {last_day}", last_day=last_day)
            if last_day is not None
            else phrase("in force"),
            signed=plan.signed,
            day=f.day,
            payment=phrase("paid on {paid_on}", paid_on=plan.paid_on)
            if plan.paid_on is not None
            else phrase("paid"),
        ),
        ctx.reason(
            "terms-version",
            "Contract {contract} was signed on {signed}: informapuntcom keeps the conditions of "
            "an existing contract until it ends (terms version {version}).",
            "IPC-MOD-2",
            contract=plan.id,
            signed=plan.signed,
            version=ctx.terms.version,
        ),
    ]
    v: dict[str, Any] = {"channel": channel, "channels": plan.channels}
    if channel in BY_INVITATION and f.invitation is not None:
        out.append(
            ctx.reason(
                "channel-in-plan",
                "The request came by {channel}, a channel of the plan ({channels}); "
                "informapuntcom invited the customer to it at an agreed time.",
                *("IPC-INC-2", "IPC-RT-3", "IPC-TEL-4"),
                **v,
            )
        )
    elif channel is Channel.PHONE:
        out.append(
            ctx.reason(
                "channel-in-plan",
                "The request came by {channel}, a channel of the plan ({channels}). Phone "
                "attention is given only when informapuntcom indicates it, so the request is "
                "answered first by e-mail, and informapuntcom invites the customer to call at an "
                "agreed time if it judges a call the right way.",
                *("IPC-INC-2", "IPC-RT-3", "IPC-OPS-1", "IPC-TEL-2", "IPC-TEL-3", "IPC-TEL-4"),
                interpretations=("IPC-INT-PHONE-REQUEST",),
                **v,
            )
        )
    else:
        out.append(
            ctx.reason(
                "channel-in-plan",
                "The request came by {channel}, a channel of the plan ({channels}).",
                *("IPC-INC-2", "IPC-RT-3"),
                **v,
            )
        )
    out.append(
        ctx.reason(
            "plan-hours",
            "The plan includes {allowance} of support for its whole period ({period}); every "
            "request and the work done on it is logged against it, in minutes: {ledger}.",
            *("IPC-HRS-1", "IPC-HRS-2", "IPC-HRS-3", "IPC-TEL-5"),
            allowance=allowance,
            period=Period(plan.start, plan.end)
            if plan.end is not None
            else phrase("from {start}", start=plan.start),
            ledger=ledger_words(hours.ledger),
        )
    )
    if ctx.severity == "urgent" and not hours.outside_plan:
        out.append(
            ctx.reason(
                "urgent-surcharge",
                "Urgent service was requested (an answer within 4 hours): 30 extra minutes are "
                "counted against the plan.",
                "IPC-HRS-4",
                interpretations=("IPC-INT-URGENT-4H",),
            )
        )
    earlier = [c for c in f.contracts if c is not plan and c.end and c.end <= plan.start]
    if earlier:
        out.append(
            ctx.reason(
                "no-carry-over",
                "Hours left unused on the earlier plan (contract {contract}) do not carry over: "
                "this plan counts only its own {allowance}.",
                "IPC-HRS-7",
                contract=max(earlier, key=lambda c: c.start).id,
                allowance=allowance,
            )
        )
    return out


def eligibility(ctx: Ctx) -> Eligibility:
    f, request = ctx.facts, ctx.request
    if f.special is not None:
        return Eligibility(UNDETERMINED, reasons=(special_reason(ctx, f.special),))
    channel, plan = request.channel, f.plan
    if channel not in OFFERED:
        if channel is Channel.ON_SITE:
            reason = ctx.reason(
                "channel-not-offered",
                "informapuntcom gives support by e-mail, phone or remote control (as the plan "
                "includes) and takes requests by e-mail or phone, not {channel}: travel to the "
                "customer's premises is not part of the support.",
                *("IPC-INC-2", "IPC-OPS-1", "IPC-EXC-2"),
                channel=channel,
            )
        else:
            reason = ctx.reason(
                "channel-not-offered",
                "informapuntcom gives support by e-mail, phone or remote control (as the plan "
                "includes) and takes requests by e-mail or phone, not {channel}.",
                *("IPC-INC-2", "IPC-OPS-1"),
                channel=channel,
            )
        email = listed_remedy(ctx, "send-by-email")
        return Eligibility(NOT_ENTITLED, reasons=(reason,), remedies=(email,))
    remote = channel is Channel.REMOTE or request.category == "remote_assistance"
    if plan is None:
        if f.focus is None:
            no_plan = ctx.reason(
                "no-plan",
                "There is no informapuntcom support plan on file for {product}; support needs a "
                "plan in force contracted before the request.",
                "IPC-SUP-1",
                product=request.product,
            )
            reasons: tuple[Reason, ...] = (no_plan,)
        else:
            reasons = tuple(_failure(ctx, code, f.focus) for code in f.failures)
        remedies = plan_remedies(ctx, f.focus, "IPC-SUP-1")
        remedies += [listed_remedy(ctx, "paid-remote-urgent")] if remote else []
        return Eligibility(NOT_ENTITLED, reasons=reasons, remedies=tuple(remedies))
    hours = f.hours
    assert hours is not None  # (assessed for every plan in force)
    if hours.prior.exhausted:
        when = hours.prior.exhausted_at
        v: dict[str, Any] = {"plan": plan.plan or plan.id, "contract": plan.id}
        v["ledger"] = ledger_words(hours.prior)
        if when is not None:
            reason = ctx.reason(
                "plan-hours-exhausted",
                "Plan {plan} (contract {contract}) used up all its hours on {day}, before this "
                "request ({ledger}); a plan ends when its hours run out or at its end date, "
                "whichever comes first.",
                *("IPC-HRS-5", "IPC-HRS-6"),
                **v,
                day=ctx.local(when).date(),
            )
        else:
            reason = ctx.reason(
                "plan-hours-exhausted",
                "Plan {plan} (contract {contract}) has no hours ({ledger}); a plan ends when its "
                "hours run out or at its end date, whichever comes first.",
                *("IPC-HRS-5", "IPC-HRS-6"),
                **v,
            )
        remedies = plan_remedies(ctx, plan, "IPC-HRS-6")
        remedies += [paid_remote(ctx, plan)] if remote else []
        return Eligibility(
            NOT_ENTITLED, reasons=(reason,), remedies=tuple(remedies), remaining_minutes=0
        )
    blocked = _blocked(ctx, plan)
    if f.refusal is not None:
        return _channel_refusal(ctx, plan, blocked, hours)
    left = hours.ledger.remaining_minutes
    if blocked:
        complete = ctx.remedy(
            "complete-request",
            "Send the request again (or complete it) with the number of the contract in force "
            "({contract}), the contact person and phone, and the licence holder's company name "
            "and NIF",
            *("IPC-OPS-2", "IPC-OPS-4"),
            contract=plan.id,
        )
        facts = missing_data(ctx, plan)
        return Eligibility(
            NOT_ENTITLED, reasons=tuple(blocked), remedies=(complete,), remaining_minutes=left,
            missing_facts=facts,
        )  # fmt: skip
    last_day = plan.end - timedelta(days=1) if plan.end is not None else None
    basis = _basis(ctx, plan, hours, last_day)
    run_out: list[Remedy] = []
    when = hours.ledger.exhausted_at
    if hours.ledger.exhausted and not hours.outside_plan:
        basis.append(
            ctx.reason(
                "plan-hours-run-out",
                "The plan's hours ran out during this case, on {when}: assistance on it beyond "
                "the hours, while it is unsolved, is charged at current tariffs; further requests "
                "need a renewed or new plan.",
                *("IPC-HRS-8", "IPC-HRS-5", "IPC-HRS-6"),
                when=ctx.local(when) if when is not None else ctx.local(ctx.at),
            )
        )
        run_out = plan_remedies(ctx, plan, "IPC-HRS-6")
    return Eligibility(
        ENTITLED, basis=tuple(basis), remedies=tuple(run_out), valid_until=last_day,
        remaining_minutes=left, missing_facts=missing_data(ctx, plan),
    )  # fmt: skip
