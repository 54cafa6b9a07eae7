"""Which support plan governs a request, and how many of its hours are used.

informapuntcom sells support *plans* ("planes de soporte"): a contract with an end date, an hour
allowance for the whole period and the channels it includes. A request is served only under a
plan in force that was contracted before it (IPC-SUP-1); the plan ends at its end date or when its
hours run out, whichever comes first (IPC-HRS-5).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import UTC, date, datetime, timedelta
from functools import cached_property

import attrs

from supportcore import Context, Contract, PaymentState, Reason, Remedy
from supportcore.ledger import HourLedger, LedgerLine, format_minutes, work_lines
from supportcore.model import UsageKind
from supportcore.periods import Period

from ._overage import over_by_kind
from ._request import NOT_COVERED_REMOTE, refused, remote_billing, request_data
from ._setup import Setup, setup
from ._ticket import appointment_outcomes

__all__ = [
    "PlanChoice",
    "PlanHours",
    "plan_hours",
    "plan_remedies",
    "select_plan",
    "special_contract",
    "terms_basis",
]

_ONE_DAY = timedelta(days=1)

#: Extra minutes counted for an urgent request ("cómputo extra de 30 minutos").
URGENT_SURCHARGE_MINUTES = 30


def received_on(ctx: Context) -> date:
    """The local (Madrid) date the request was received."""
    return ctx.local(ctx.request.received_at).date()


def _fmt_day(d: date) -> str:
    return d.isoformat()


def _in_force_on(c: Contract, d: date) -> bool:
    return c.start <= d and (c.end is None or d < c.end)


def _dated_contracts(ctx: Context) -> tuple[date, tuple[Contract, ...]]:
    """The request's local date and the contracts for its product, once per case."""
    found: tuple[date, tuple[Contract, ...]] | None = ctx.memo.get("informapuntcom:contracts")
    if found is None:
        found = (received_on(ctx), ctx.case.contracts_for(ctx.request.product))
        ctx.memo["informapuntcom:contracts"] = found
    return found


def special_contract(ctx: Context) -> Contract | None:
    """The contract with special terms in force on the request date, if any (IPC-INTRO-2);
    every hook asks first, so it is found once per case."""
    memo = ctx.memo
    if "informapuntcom:special" not in memo:
        memo["informapuntcom:special"] = _special_contract(ctx)
    return memo["informapuntcom:special"]  # type: ignore[no-any-return]


def _special_contract(ctx: Context) -> Contract | None:
    day, contracts = _dated_contracts(ctx)
    for c in contracts:
        if c.special_terms and _in_force_on(c, day):
            return c
    return None


def is_renewal(ctx: Context, c: Contract) -> bool:
    """A contract that starts on or after the end of an earlier one (IPC-INT-RENEWAL)."""
    return any(
        o is not c and o.end is not None and o.end <= c.start for o in _dated_contracts(ctx)[1]
    )


def _index(ctx: Context, c: Contract) -> int:
    return next(i for i, o in enumerate(ctx.case.contracts) if o is c)


@attrs.frozen
class PlanChoice:
    """The plan that governs the request, or why there is none."""

    plan: Contract | None
    index: int | None = None  #: position in ``case.contracts``
    reasons: tuple[Reason, ...] = ()  #: why no plan is in force (empty when ``plan`` is set)
    last_plan: Contract | None = None  #: the most relevant plan that failed (for remedies)


def _failures(ctx: Context, c: Contract, day: date) -> list[Reason]:
    """Why contract ``c`` does not put a plan in force for a request received on ``day``."""
    out: list[Reason] = []
    name = f"plan {c.plan or c.id} (contract {c.id})"
    if c.start > day:
        out.append(
            ctx.reason(
                "plan-not-started",
                f"The {name} starts on {_fmt_day(c.start)}, after the request of {_fmt_day(day)}; "
                "support needs a plan in force before the request.",
                "IPC-SUP-1",
            )
        )
    elif c.end is not None and day >= c.end:
        msg = (
            f"The {name} ended: its last day was {_fmt_day(Period(c.start, c.end).last_day)}, "
            f"before the request of {_fmt_day(day)}."
        )
        out.append(ctx.reason("plan-ended", msg, "IPC-HRS-5", "IPC-SUP-1"))
        if c.auto_renew:
            out.append(
                ctx.reason(
                    "no-automatic-renewal",
                    f"The {name} is marked to renew automatically, but informapuntcom plans never "
                    "renew by themselves: a renewal must be contracted and paid.",
                    "IPC-REN-2",
                )
            )
    if c.signed > day:
        out.append(
            ctx.reason(
                "plan-signed-after-request",
                f"The {name} was contracted on {_fmt_day(c.signed)}, after the request of "
                f"{_fmt_day(day)}; only a plan contracted before the request gives support for it.",
                "IPC-SUP-1",
            )
        )
    needs_payment = setup(ctx).payment_required_for != "renewals" or is_renewal(ctx, c)
    if needs_payment:
        if c.payment is not PaymentState.PAID:
            out.append(
                ctx.reason(
                    "plan-not-paid",
                    f"The {name} is not fully paid (payment: {c.payment.value}); a plan takes "
                    "effect only once its full price has been paid.",
                    "IPC-REN-3",
                )
            )
        elif c.paid_on is not None and c.paid_on > day:
            out.append(
                ctx.reason(
                    "plan-paid-after-request",
                    f"The {name} was paid on {_fmt_day(c.paid_on)}, after the request of "
                    f"{_fmt_day(day)}; it took effect only on payment.",
                    "IPC-REN-3",
                    "IPC-SUP-1",
                )
            )
    return out


def select_plan(ctx: Context) -> PlanChoice:
    """The plan in force for the request; computed once per case (see :func:`_select_plan`)."""
    choice = ctx.memo.get("informapuntcom:plan")
    if choice is None:
        choice = ctx.memo["informapuntcom:plan"] = _select_plan(ctx)
    return choice


def _select_plan(ctx: Context) -> PlanChoice:
    """The plan in force for the request (IPC-SUP-1, IPC-HRS-5, IPC-REN-2, IPC-REN-3).

    A plan must be signed on or before the request date, in force on it and (see the setting
    ``payment_required_for``) fully paid by then. When the request names a contract number
    that is one of these plans, that plan is chosen; otherwise the latest one in force.
    Whether its hours are already used up is :func:`plan_hours`' business.
    """
    day, contracts = _dated_contracts(ctx)
    candidates = [c for c in contracts if not c.special_terms]
    if not candidates:
        product = ctx.request.product
        return PlanChoice(
            None,
            reasons=(
                ctx.reason(
                    "no-plan",
                    f"There is no informapuntcom support plan on file for {product}; support needs "
                    "a plan in force contracted before the request.",
                    "IPC-SUP-1",
                ),
            ),
        )
    failures = {id(c): _failures(ctx, c, day) for c in candidates}
    valid = [c for c in candidates if not failures[id(c)]]
    number = ctx.request.contact.contract_number
    if valid:
        named = [c for c in valid if c.id == number]
        if named:
            chosen = named[0]
        else:
            unexhausted = [c for c in valid if not _usage(ctx, c).prior.exhausted]
            chosen = max(unexhausted or valid, key=lambda c: (c.start, c.signed))
        return PlanChoice(chosen, _index(ctx, chosen))
    named = [c for c in candidates if c.id == number]
    # Explain the plan the customer named, else the most recent one.
    focus = named[0] if named else max(candidates, key=lambda c: (c.start, c.signed))
    return PlanChoice(None, reasons=tuple(failures[id(focus)]), last_plan=focus)


# --------------------------------------------------------------------------- hours


def _ledger(
    ctx: Context,
    plan: Contract,
    period: Period | None,
    lines: Iterable[LedgerLine],
    until: datetime,
) -> HourLedger:
    """The plan's ledger of ``lines`` as it stood at ``until``: what
    ``ledger_from(plan without its usage, lines).at(until)`` gives, built once."""
    cut = until.astimezone(UTC)
    kept = tuple(ln for ln in lines if ln.at.astimezone(UTC) <= cut)
    return HourLedger(plan.included_minutes, period, kept, ctx.vendor.tz)


@attrs.frozen
class _Usage:
    """A plan's usage on other tickets (an entry for this very ticket is not counted twice)."""

    period: Period | None  #: the plan's period; ``None`` when it has no end date
    lines: tuple[LedgerLine, ...]
    prior: HourLedger  #: those minutes up to the request's receipt


def _usage(ctx: Context, plan: Contract) -> _Usage:
    """The plan's usage on other tickets, once per plan and case."""
    by_plan = ctx.memo.setdefault("informapuntcom:usage", {})
    usage = by_plan.get(id(plan))
    if usage is None:
        own = ctx.case.ticket.id
        period = Period(plan.start, plan.end) if plan.end is not None else None
        lines = tuple(LedgerLine.from_usage(u) for u in plan.usage if not (own and u.ticket == own))
        prior = _ledger(ctx, plan, period, lines, ctx.request.received_at)
        usage = by_plan[id(plan)] = _Usage(period, lines, prior)
    return usage  # type: ignore[no-any-return]


@attrs.frozen
class PlanHours:
    """The plan's hour ledger as it stands at the evaluation instant."""

    plan: Contract
    prior: HourLedger  #: other tickets' usage up to the request's receipt
    ledger: HourLedger  #: every line up to the evaluation instant, this ticket's included
    ticket_lines: tuple[LedgerLine, ...]  #: this ticket's lines inside the plan period
    after_end: tuple[LedgerLine, ...]  #: this ticket's lines outside the plan's dates
    outside_plan: bool  #: this ticket's work is billed at the remote tariff, not on the plan
    #: this ticket's minutes beyond the allowance, by what they are: ``"work"`` (assistance on
    #: the case while unsolved: charged, IPC-HRS-8), ``"solved"`` (work after the case was
    #: solved), and the surcharges' ``UsageKind`` values (counted, never charged)
    over: dict[str, int] = attrs.field(factory=dict)

    @property
    def ticket_minutes(self) -> int:
        return sum(ln.minutes for ln in self.ticket_lines)

    @property
    def billable_overage_minutes(self) -> int:
        """Assistance beyond the plan's hours on the case while unsolved (IPC-HRS-8)."""
        return self.over.get("work", 0)

    @property
    def exhausted_at(self) -> datetime | None:
        return self.ledger.exhausted_at

    @cached_property
    def ledger_text(self) -> str:
        """``ledger.describe()``, worded once: eligibility and pricing both quote it."""
        return self.ledger.describe()


def ticket_lines(ctx: Context) -> tuple[LedgerLine, ...]:
    """This ticket's minutes: work sessions (IPC-HRS-3, IPC-TEL-5), the urgent surcharge of a
    request informapuntcom does not refuse (IPC-HRS-4) and the 30 minutes of a missed or
    late-cancelled remote session (IPC-APT-2, IPC-APT-7). Once per case."""
    lines: tuple[LedgerLine, ...] | None = ctx.memo.get("informapuntcom:ticket-lines")
    if lines is None:
        lines = ctx.memo["informapuntcom:ticket-lines"] = _ticket_lines(ctx)
    return lines


def _ticket_lines(ctx: Context) -> tuple[LedgerLine, ...]:
    lines: list[LedgerLine] = list(work_lines(ctx.case.ticket))
    if ctx.request.urgent:
        # Counted once the request can be processed; a refused one costs nothing (IPC-HRS-4).
        choice = select_plan(ctx)
        since = request_data(ctx, choice.plan).processable_since(ctx.request.received_at)
        if since is not None and not refused(ctx, choice.plan, choice.index):
            lines.append(
                LedgerLine(
                    since,
                    URGENT_SURCHARGE_MINUTES,
                    UsageKind.URGENT_SURCHARGE,
                    ctx.case.ticket.id or None,
                    "urgent service (answer within 4 hours)",
                    ctx.cite("IPC-HRS-4"),
                )
            )
    for outcome in appointment_outcomes(ctx):
        if outcome.surcharge is not None:
            lines.append(outcome.surcharge)
    return tuple(lines)


def plan_hours(ctx: Context, plan: Contract) -> PlanHours:
    """The plan's hours: allowance for the whole period (IPC-HRS-1, IPC-HRS-2), every request
    and its work logged (IPC-HRS-3), in minutes (IPC-TEL-5), surcharges included
    (IPC-HRS-4, IPC-APT-2, IPC-APT-7), nothing carried over from an earlier plan (IPC-HRS-7).
    Eligibility and pricing ask for the same plan: computed once per case."""
    hours: PlanHours | None = ctx.memo.get("informapuntcom:hours")
    if hours is None or hours.plan is not plan:
        hours = ctx.memo["informapuntcom:hours"] = _plan_hours(ctx, plan)
    return hours


def _plan_hours(ctx: Context, plan: Contract) -> PlanHours:
    mode = remote_billing(ctx, plan)
    outside = mode is not None
    own: Sequence[LedgerLine] = ticket_lines(ctx)
    if outside:
        # Paid remote work uses no plan hours; the 30 extra minutes of a missed or
        # late-cancelled session on a plan with remote control count against it (IPC-APT-2).
        appointment = (UsageKind.NO_SHOW, UsageKind.LATE_CANCELLATION)
        own = (
            tuple(ln for ln in own if ln.kind in appointment) if mode == NOT_COVERED_REMOTE else ()
        )
    inside: tuple[LedgerLine, ...] = ()
    after: tuple[LedgerLine, ...] = ()
    if own:
        tz, start, end = ctx.vendor.tz, plan.start, plan.end
        days = [ln.at.astimezone(tz).date() for ln in own]
        in_period = [start <= d and (end is None or d < end) for d in days]
        inside = tuple(ln for ln, ok in zip(own, in_period, strict=True) if ok)
        # Work logged outside the plan's dates (after its end, or before its start on a request
        # received while it was in force) is not on the plan, nor beyond its hours.
        after = tuple(ln for ln, ok in zip(own, in_period, strict=True) if not ok)
    # The usage lines lie in the plan period (supportcore_check_case refuses others), the
    # ticket's lines in ``inside`` too: the ledger's period check cannot fail on either.
    usage = _usage(ctx, plan)
    if not inside and len(usage.prior.lines) == len(usage.lines):
        ledger = usage.prior  # no line after the request's receipt: the very same ledger
    else:
        ledger = _ledger(ctx, plan, usage.period, (*usage.lines, *inside), ctx.at)
    over = over_by_kind(ctx, ledger, inside)
    return PlanHours(plan, usage.prior, ledger, inside, after, outside, over)


def hours_basis(ctx: Context, hours: PlanHours) -> list[Reason]:
    """Reasons describing the plan's hours for an entitled customer."""
    plan = hours.plan
    allowance = plan.included_minutes or 0
    period = (
        f"from {plan.start.isoformat()} to {(plan.end - _ONE_DAY).isoformat()}"
        if plan.end is not None
        else f"from {plan.start.isoformat()}"
    )
    out = [
        ctx.reason(
            "plan-hours",
            f"The plan includes {format_minutes(allowance)} of support for its whole period "
            f"({period}); every request and the work done on it is logged against it, in minutes: "
            f"{hours.ledger_text}.",
            "IPC-HRS-1",
            "IPC-HRS-2",
            "IPC-HRS-3",
            "IPC-TEL-5",
        )
    ]
    if ctx.request.urgent and not hours.outside_plan:
        out.append(
            ctx.fixed_reason(
                "urgent-surcharge",
                f"Urgent service was requested (answer within 4 hours): "
                f"{URGENT_SURCHARGE_MINUTES} extra minutes are counted against the plan.",
                "IPC-HRS-4",
            )
        )
    earlier = [
        c
        for c in _dated_contracts(ctx)[1]
        if c is not plan and c.end is not None and c.end <= plan.start
    ]
    if earlier:
        prev = max(earlier, key=lambda c: c.start)
        out.append(
            ctx.reason(
                "no-carry-over",
                f"Hours left unused on the earlier plan (contract {prev.id}) do not carry over: "
                f"this plan counts only its own {format_minutes(allowance)}.",
                "IPC-HRS-7",
            )
        )
    return out


# --------------------------------------------------------------------------- remedies


def plan_remedies(ctx: Context, plan: Contract | None, *, exhausted: bool = False) -> list[Remedy]:
    """What the terms offer a customer without a usable plan: renew it or buy a new one, at the
    prices in force on the renewal date (IPC-HRS-6, IPC-REN-1), as published on the web
    (IPC-SUP-2: a setting). The same for every case with that plan name and these prices."""
    config = setup(ctx)
    name = plan.plan if plan is not None else None
    key = ("informapuntcom:plan-remedies", name, exhausted, config.price_key)
    return list(ctx.terms.fixed(key, lambda: _plan_remedies(ctx, plan, exhausted, config)))


def _plan_remedies(
    ctx: Context, plan: Contract | None, exhausted: bool, config: Setup
) -> tuple[Remedy, ...]:
    missing = () if config.plan_prices else (config.missing["plan_prices"],)
    table = config.plan_prices
    why = "IPC-HRS-6" if exhausted else "IPC-SUP-1"
    out: list[Remedy] = []
    if plan is not None and plan.plan:
        price = table.get(plan.plan)
        out.append(
            Remedy(
                "renew-plan",
                f"Renew the {plan.plan} plan (not automatic; it takes effect once fully paid, at "
                "the price and conditions in force on the renewal date; unused hours do not "
                "carry over)",
                price=price,
                price_note="+IVA, per plan period" if price is not None else "",
                missing=() if price is not None else (config.missing["plan_prices"],),
                citations=ctx.cite(why, "IPC-REN-1", "IPC-REN-2", "IPC-REN-3", "IPC-HRS-7"),
            )
        )
    others = sorted(k for k in table if plan is None or k != plan.plan)
    for name in others:
        out.append(
            Remedy(
                "buy-plan",
                f"Contract the {name} support plan (takes effect once fully paid)",
                price=table[name],
                price_note="+IVA, per plan period",
                citations=ctx.cite(why, "IPC-SUP-2", "IPC-REN-3"),
            )
        )
    if not table:
        out.append(
            Remedy(
                "buy-plan",
                "Contract a support plan (the plans and their prices are on informapuntcom's web)",
                missing=missing,
                citations=ctx.cite(why, "IPC-SUP-2", "IPC-REN-3"),
            )
        )
    return tuple(out)


def terms_basis(ctx: Context, plan: Contract) -> Reason:
    """Which terms govern the plan: those in force when it was signed, until it ends
    (IPC-MOD-2)."""
    return ctx.reason(
        "terms-version",
        f"Contract {plan.id} was signed on {plan.signed.isoformat()}: informapuntcom keeps the "
        f"conditions of an existing contract until it ends (terms version "
        f"{ctx.terms.version}).",
        "IPC-MOD-2",
    )
