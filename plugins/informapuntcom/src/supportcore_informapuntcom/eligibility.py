"""Who is entitled to support: a plan in force contracted and paid before the request
(IPC-SUP-1, IPC-REN-3) with hours left (IPC-HRS-5), through a channel of the plan, phone and
remote attention by invitation (IPC-INC-2, IPC-TEL-1..4), with the data that make the request
processable (IPC-OPS-4)."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from supportcore import (
    Channel,
    Context,
    Contract,
    Eligibility,
    EligibilityStatus,
    MissingFact,
    Reason,
    Remedy,
)
from supportcore.i18n import N_
from supportcore.ledger import HourLedger
from supportcore.periods import Period
from supportcore.tables.pricing import remedy as table_remedy
from supportcore.wording import Phrase, phrase

from .facts import BY_INVITATION, OFFERED, Facts, Hours
from .prepared import Prepared

__all__ = [
    "DATA",
    "eligibility",
    "ledger_words",
    "listed_remedy",
    "plan_remedies",
    "special_reason",
]

Ctx = Context[Prepared, Facts]

#: What each missing request field is, for the customer (IPC-OPS-2, IPC-OPS-4).
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
        "support conditions get support under their own contract, which these general terms "
        "do not contain.",
        "IPC-INTRO-2",
        contract=c.id,
        terms=c.special_terms,
    )


def ledger_words(ledger: HourLedger) -> Phrase:
    """A plan's hours as the desk says them: used, left, over."""
    used = timedelta(minutes=ledger.used_minutes)
    allowance = timedelta(minutes=ledger.allowance_minutes or 0)
    if ledger.remaining_minutes:
        left = timedelta(minutes=ledger.remaining_minutes)
        return phrase(
            "{left} left of {allowance} ({used} used)", left=left, allowance=allowance, used=used
        )
    if ledger.overage_minutes:
        over = timedelta(minutes=ledger.overage_minutes)
        return phrase(
            "no time left of {allowance} ({used} used, {over} over)",
            allowance=allowance,
            used=used,
            over=over,
        )
    return phrase("no time left of {allowance} ({used} used)", allowance=allowance, used=used)


def listed_remedy(ctx: Ctx, remedy_id: str) -> Remedy:
    """A ``[[remedies]]`` row of the terms, priced by its setting."""
    return table_remedy(ctx.tables, ctx, ctx.tables.remedies[remedy_id])


def paid_remote(ctx: Ctx, plan: Contract | None) -> Remedy:
    """Remote assistance at the remote tariff: on a plan with remote control (IPC-TEL-6), or
    urgent for any other user (IPC-TEL-7)."""
    with_remote = plan is not None and Channel.REMOTE in plan.channels
    return listed_remedy(ctx, "paid-remote-plan" if with_remote else "paid-remote-urgent")


def plan_remedies(ctx: Ctx, plan: Contract | None, *, exhausted: bool = False) -> list[Remedy]:
    """Renew the plan or buy another, at the prices in force on the renewal date (IPC-HRS-6,
    IPC-REN-1) as published on the web (IPC-SUP-2: the setting ``plan_prices``)."""
    prices = ctx.prepared.plan_prices
    why = "IPC-HRS-6" if exhausted else "IPC-SUP-1"
    note = ctx.say("{tax}, per plan period", tax=ctx.tax.note)
    out: list[Remedy] = []
    if plan is not None and plan.plan:
        price = prices.get(plan.plan)
        out.append(
            ctx.remedy(
                "renew-plan",
                "Renew the {plan} plan (not automatic; it takes effect once fully paid, at the "
                "price and conditions in force on the renewal date; unused hours do not carry "
                "over)",
                why,
                "IPC-REN-1",
                "IPC-REN-2",
                "IPC-REN-3",
                "IPC-HRS-7",
                price=price,
                price_note=note if price is not None else "",
                missing=() if price is not None else (ctx.missing("plan_prices"),),
                plan=plan.plan,
            )
        )
    for name in sorted(k for k in prices if plan is None or k != plan.plan):
        out.append(
            ctx.remedy(
                "buy-plan",
                "Contract the {plan} support plan (takes effect once fully paid)",
                why,
                "IPC-SUP-2",
                "IPC-REN-3",
                price=prices[name],
                price_note=note,
                plan=name,
            )
        )
    if not prices:
        out.append(
            ctx.remedy(
                "buy-plan",
                "Contract a support plan (the plans and their prices are on informapuntcom's web)",
                why,
                "IPC-SUP-2",
                "IPC-REN-3",
                missing=(ctx.missing("plan_prices"),),
            )
        )
    return out


def _failure(ctx: Ctx, code: str, c: Contract, day: date) -> Reason:
    """Why contract ``c`` puts no plan in force for a request received on ``day``."""
    name, number = c.plan or c.id, c.id
    if code == "plan-not-started":
        return ctx.reason(
            code,
            "Plan {plan} (contract {contract}) starts on {start}, after the request of {day}; "
            "support needs a plan in force before the request.",
            "IPC-SUP-1",
            plan=name,
            contract=number,
            start=c.start,
            day=day,
        )
    if code == "plan-ended":
        last = Period(c.start, c.end).last_day if c.end is not None else c.start
        return ctx.reason(
            code,
            "Plan {plan} (contract {contract}) ended: its last day was {last_day}, before the "
            "request of {day}.",
            "IPC-HRS-5",
            "IPC-SUP-1",
            plan=name,
            contract=number,
            last_day=last,
            day=day,
        )
    if code == "no-automatic-renewal":
        return ctx.reason(
            code,
            "Plan {plan} (contract {contract}) is marked to renew automatically, but "
            "informapuntcom plans never renew by themselves: a renewal must be contracted and "
            "paid.",
            "IPC-REN-2",
            plan=name,
            contract=number,
        )
    if code == "plan-signed-after-request":
        return ctx.reason(
            code,
            "Plan {plan} (contract {contract}) was contracted on {signed}, after the request of "
            "{day}; only a plan contracted before the request gives support for it.",
            "IPC-SUP-1",
            plan=name,
            contract=number,
            signed=c.signed,
            day=day,
        )
    if code == "plan-not-paid":
        return ctx.reason(
            code,
            "Plan {plan} (contract {contract}) is not fully paid (payment: {payment}); a plan "
            "takes effect only once its full price has been paid.",
            "IPC-REN-3",
            plan=name,
            contract=number,
            payment=str(c.payment.value),
        )
    return ctx.reason(
        code,
        "Plan {plan} (contract {contract}) was paid on {paid}, after the request of {day}; it "
        "took effect only on payment.",
        "IPC-REN-3",
        "IPC-SUP-1",
        plan=name,
        contract=number,
        paid=c.paid_on,
        day=day,
    )


def missing_data(ctx: Ctx, plan: Contract | None) -> tuple[MissingFact, ...]:
    """The request's missing (or wrong) data by field, until the ticket says they arrived."""
    data = ctx.facts.data
    if data.completed_at is not None:
        return ()
    stops, owes = "processing the request", "a complete request (it does not stop the request)"
    facts = [MissingFact(f"request.contact.{k}", stops, ctx.say(DATA[k])) for k in data.lacking]
    if data.wrong_number is not None and plan is not None:
        words = ctx.say(
            "the number of the contract in force ({contract}); the request gives {given}",
            contract=plan.id,
            given=data.wrong_number,
        )
        facts.append(MissingFact("request.contact.contract_number", stops, words))
    facts.extend(MissingFact(f"request.contact.{k}", owes, ctx.say(DATA[k])) for k in data.owed)
    return tuple(facts)


def _not_processable(ctx: Ctx, plan: Contract | None) -> list[Reason]:
    data = ctx.facts.data
    if not data.blocking:
        return []
    parts = [ctx.say(DATA[k]) for k in data.lacking]
    if data.wrong_number is not None and plan is not None:
        parts.append(
            ctx.say(
                "a contract number in force (it gives {given}; the plan in force is contract "
                "{contract})",
                given=data.wrong_number,
                contract=plan.id,
            )
        )
    return [
        ctx.reason(
            "request-not-processable",
            "The request cannot be processed without the number of a contract in force and the "
            "licence holder's data; missing: {missing}.",
            "IPC-OPS-4",
            "IPC-OPS-2",
            missing=tuple(parts),
        )
    ]


def _channel_refusal(ctx: Ctx, plan: Contract, blocked: list[Reason], hours: Hours) -> Eligibility:
    """The plan's channels and the invitation rule (IPC-INC-2, IPC-RT-3, IPC-TEL-1..4)."""
    refusal, channel = ctx.facts.refusal, ctx.request.channel
    left = hours.ledger.remaining_minutes
    facts = missing_data(ctx, plan)
    email = [listed_remedy(ctx, "send-by-email")] if Channel.EMAIL in plan.channels else []
    if refusal == "channels-unknown":
        name = plan.plan or plan.id
        unknown = MissingFact(
            f"contracts[{ctx.facts.choice.index}].channels",
            ctx.say("which channels the plan includes"),
            ctx.say(
                "the channels of plan {plan} (contract {contract})", plan=name, contract=plan.id
            ),
        )
        reason = ctx.reason(
            "plan-channels-unknown",
            "Support is given by e-mail, phone or remote control as the plan includes, and the "
            "case does not say which channels plan {plan} includes.",
            "IPC-INC-2",
            plan=name,
        )
        return Eligibility(
            EligibilityStatus.UNDETERMINED,
            reasons=(reason, *blocked),
            remaining_minutes=left,
            missing_facts=(unknown, *facts),
        )
    if refusal == "not-in-plan":
        ids = ("IPC-TEL-1",) if channel in BY_INVITATION else ()
        reason = ctx.reason(
            "channel-not-in-plan",
            "Plan {plan} includes {included}, not {channel}; requests go through a channel of "
            "the active plan.",
            *ids,
            "IPC-INC-2",
            "IPC-RT-3",
            plan=plan.plan or plan.id,
            included=plan.channels,
            channel=channel,
        )
        remedies = [*email]
        if channel is Channel.REMOTE:
            remedies.append(listed_remedy(ctx, "paid-remote-urgent"))
        if channel in BY_INVITATION:
            remedies.append(
                ctx.remedy(
                    "plan-with-channel",
                    "Contract a plan that includes {channel} (informapuntcom publishes its plans "
                    "on the web)",
                    "IPC-TEL-1",
                    "IPC-SUP-2",
                    missing=() if ctx.prepared.plan_prices else (ctx.missing("plan_prices"),),
                    channel=channel,
                )
            )
    else:  # a remote session without informapuntcom's invitation
        reason = ctx.reason(
            "attention-by-invitation-only",
            "Attention by {channel} is given only when informapuntcom indicates it: the matter "
            "is first tried by e-mail, and if a call or remote session is the right way "
            "informapuntcom sends an invitation for an agreed date and time. This ticket has no "
            "such invitation.",
            "IPC-TEL-2",
            "IPC-TEL-3",
            "IPC-TEL-4",
            channel=channel,
        )
        remedies = email
    return Eligibility(
        EligibilityStatus.NOT_ENTITLED,
        reasons=(reason, *blocked),
        remedies=tuple(remedies),
        remaining_minutes=left,
        missing_facts=facts,
    )


def _basis(ctx: Ctx, plan: Contract, hours: Hours, last_day: date | None) -> list[Reason]:
    request, facts = ctx.request, ctx.facts
    validity = (
        phrase("in force until {last_day}", last_day=last_day)
        if last_day is not None
        else phrase("in force")
    )
    payment = (
        phrase("paid on {paid_on}", paid_on=plan.paid_on)
        if plan.paid_on is not None
        else phrase("paid")
    )
    out = [
        ctx.reason(
            "plan-in-force",
            "Plan {plan} (contract {contract}) is {validity}, contracted on {signed}, before the "
            "request of {day}, and {payment}.",
            "IPC-SUP-1",
            "IPC-REN-3",
            plan=plan.plan or plan.id,
            contract=plan.id,
            validity=validity,
            signed=plan.signed,
            day=facts.day,
            payment=payment,
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
    channel = request.channel
    if channel in BY_INVITATION and facts.invitation is not None:
        out.append(
            ctx.reason(
                "channel-in-plan",
                "The request came by {channel}, a channel of the plan ({channels}). "
                "informapuntcom invited the customer to it at an agreed time.",
                "IPC-INC-2",
                "IPC-RT-3",
                "IPC-TEL-4",
                channel=channel,
                channels=plan.channels,
            )
        )
    elif channel is Channel.PHONE:
        out.append(
            ctx.reason(
                "channel-in-plan",
                "The request came by {channel}, a channel of the plan ({channels}). A request "
                "may be sent by phone; phone attention is given only when informapuntcom "
                "indicates it, so the request is answered first by e-mail, and informapuntcom "
                "invites the customer to call at an agreed time if it judges a call the right "
                "way.",
                "IPC-INC-2",
                "IPC-RT-3",
                "IPC-OPS-1",
                "IPC-TEL-2",
                "IPC-TEL-3",
                "IPC-TEL-4",
                channel=channel,
                channels=plan.channels,
            )
        )
    else:
        out.append(
            ctx.reason(
                "channel-in-plan",
                "The request came by {channel}, a channel of the plan ({channels}).",
                "IPC-INC-2",
                "IPC-RT-3",
                channel=channel,
                channels=plan.channels,
            )
        )
    allowance = timedelta(minutes=plan.included_minutes or 0)
    period = Period(plan.start, plan.end) if plan.end is not None else None
    out.append(
        ctx.reason(
            "plan-hours",
            "The plan includes {allowance} of support for its whole period ({period}); every "
            "request and the work done on it is logged against it, in minutes: {ledger}.",
            "IPC-HRS-1",
            "IPC-HRS-2",
            "IPC-HRS-3",
            "IPC-TEL-5",
            allowance=allowance,
            period=period if period is not None else phrase("from {start}", start=plan.start),
            ledger=ledger_words(hours.ledger),
        )
    )
    if request.urgent and not hours.outside_plan:
        out.append(
            ctx.reason(
                "urgent-surcharge",
                "Urgent service was requested (answer within 4 hours): 30 extra minutes are "
                "counted against the plan.",
                "IPC-HRS-4",
            )
        )
    earlier = [
        c for c in facts.contracts if c is not plan and c.end is not None and c.end <= plan.start
    ]
    if earlier:
        previous = max(earlier, key=lambda c: c.start)
        out.append(
            ctx.reason(
                "no-carry-over",
                "Hours left unused on the earlier plan (contract {contract}) do not carry over: "
                "this plan counts only its own {allowance}.",
                "IPC-HRS-7",
                contract=previous.id,
                allowance=allowance,
            )
        )
    return out


def eligibility(ctx: Ctx) -> Eligibility:
    facts, request = ctx.facts, ctx.request
    if facts.special is not None:
        return Eligibility(
            EligibilityStatus.UNDETERMINED, reasons=(special_reason(ctx, facts.special),)
        )
    channel = request.channel
    if channel not in OFFERED:
        ids = ("IPC-EXC-2",) if channel is Channel.ON_SITE else ()
        reason = (
            ctx.reason(
                "channel-not-offered",
                "informapuntcom gives support by e-mail, phone or remote control (as the plan "
                "includes) and takes requests by e-mail or phone; {channel} is not one of them. "
                "Travel to the customer's premises is not part of the support.",
                "IPC-INC-2",
                "IPC-OPS-1",
                *ids,
                channel=channel,
            )
            if ids
            else ctx.reason(
                "channel-not-offered",
                "informapuntcom gives support by e-mail, phone or remote control (as the plan "
                "includes) and takes requests by e-mail or phone; {channel} is not one of them.",
                "IPC-INC-2",
                "IPC-OPS-1",
                channel=channel,
            )
        )
        return Eligibility(
            EligibilityStatus.NOT_ENTITLED,
            reasons=(reason,),
            remedies=(listed_remedy(ctx, "send-by-email"),),
        )
    choice = facts.choice
    plan = choice.plan
    wants_remote = channel is Channel.REMOTE or request.category == "remote_assistance"
    if plan is None:
        if choice.focus is None:
            reasons: tuple[Reason, ...] = (
                ctx.reason(
                    "no-plan",
                    "There is no informapuntcom support plan on file for {product}; support "
                    "needs a plan in force contracted before the request.",
                    "IPC-SUP-1",
                    product=request.product,
                ),
            )
        else:
            reasons = tuple(
                _failure(ctx, code, choice.focus, facts.day) for code in choice.failures
            )
        remedies = plan_remedies(ctx, choice.focus)
        if wants_remote:
            remedies.append(listed_remedy(ctx, "paid-remote-urgent"))
        return Eligibility(
            EligibilityStatus.NOT_ENTITLED, reasons=reasons, remedies=tuple(remedies)
        )
    hours = facts.hours
    assert hours is not None  # (assessed for every plan in force)
    if hours.prior.exhausted:
        when = hours.prior.exhausted_at
        values: dict[str, Any] = {"plan": plan.plan or plan.id, "contract": plan.id}
        if when is not None:
            exhausted = ctx.reason(
                "plan-hours-exhausted",
                "Plan {plan} (contract {contract}) used up all its hours on {day}, before this "
                "request ({ledger}); a plan ends when its hours run out or at its end date, "
                "whichever comes first.",
                "IPC-HRS-5",
                "IPC-HRS-6",
                day=ctx.local(when).date(),
                ledger=ledger_words(hours.prior),
                **values,
            )
        else:
            exhausted = ctx.reason(
                "plan-hours-exhausted",
                "Plan {plan} (contract {contract}) has no hours, before this request ({ledger}); "
                "a plan ends when its hours run out or at its end date, whichever comes first.",
                "IPC-HRS-5",
                "IPC-HRS-6",
                ledger=ledger_words(hours.prior),
                **values,
            )
        remedies = plan_remedies(ctx, plan, exhausted=True)
        if wants_remote:
            remedies.append(paid_remote(ctx, plan))
        return Eligibility(
            EligibilityStatus.NOT_ENTITLED,
            reasons=(exhausted,),
            remedies=tuple(remedies),
            remaining_minutes=0,
        )
    blocked = _not_processable(ctx, plan)
    if facts.refusal is not None:
        return _channel_refusal(ctx, plan, blocked, hours)
    left = hours.ledger.remaining_minutes
    if blocked:
        complete = ctx.remedy(
            "complete-request",
            "Send the request again (or complete it) with the number of the contract in force "
            "({contract}), the contact person and phone, and the licence holder's company name "
            "and NIF",
            "IPC-OPS-2",
            "IPC-OPS-4",
            contract=plan.id,
        )
        return Eligibility(
            EligibilityStatus.NOT_ENTITLED,
            reasons=tuple(blocked),
            remedies=(complete,),
            remaining_minutes=left,
            missing_facts=missing_data(ctx, plan),
        )
    last_day = plan.end - timedelta(days=1) if plan.end is not None else None
    basis = _basis(ctx, plan, hours, last_day)
    run_out: tuple[Remedy, ...] = ()
    if hours.ledger.exhausted and not hours.outside_plan:
        when = hours.ledger.exhausted_at
        basis.append(
            ctx.reason(
                "plan-hours-run-out",
                "The plan's hours ran out during this case ({when}): assistance on it beyond the "
                "hours, while it is unsolved, is charged at current tariffs; further requests "
                "need a renewed or new plan.",
                "IPC-HRS-8",
                "IPC-HRS-5",
                "IPC-HRS-6",
                when=phrase("on {at}", at=ctx.local(when)) if when is not None else phrase("now"),
            )
        )
        run_out = tuple(plan_remedies(ctx, plan, exhausted=True))
    return Eligibility(
        EligibilityStatus.ENTITLED,
        basis=tuple(basis),
        remedies=run_out,
        valid_until=last_day,
        remaining_minutes=left,
        missing_facts=missing_data(ctx, plan),
    )
