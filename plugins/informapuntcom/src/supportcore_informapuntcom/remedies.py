"""What the terms offer a customer instead, or next: renew the plan or buy another at the prices
on the web (IPC-HRS-6, IPC-REN-1, IPC-SUP-2), send the request by e-mail (IPC-OPS-1), paid
remote assistance (IPC-TEL-6, IPC-TEL-7; ``[[remedies]]`` rows of the terms)."""

from __future__ import annotations

from supportcore import Channel, Context, Contract, Remedy
from supportcore.tables.pricing import remedy as table_remedy

from .facts import Facts
from .prepared import Prepared

__all__ = ["listed_remedy", "paid_remote", "plan_remedies"]

Ctx = Context[Prepared, Facts]


def listed_remedy(ctx: Ctx, remedy_id: str) -> Remedy:
    """A ``[[remedies]]`` row of the terms, priced by its setting."""
    return table_remedy(ctx.tables, ctx, ctx.tables.remedies[remedy_id])


def paid_remote(ctx: Ctx, plan: Contract | None) -> Remedy:
    """Remote assistance at the remote tariff: on a plan with remote control (IPC-TEL-6), else
    urgent (IPC-TEL-7)."""
    with_remote = plan is not None and Channel.REMOTE in plan.channels
    return listed_remedy(ctx, "paid-remote-plan" if with_remote else "paid-remote-urgent")


def plan_remedies(ctx: Ctx, plan: Contract | None, why: str) -> list[Remedy]:
    """Renew the plan or buy another, at the prices in force on the renewal date (IPC-HRS-6,
    IPC-REN-1), as published on the web (IPC-SUP-2: the setting ``plan_prices``)."""
    prices, out = ctx.prepared.plan_prices, []
    note = ctx.say("{tax}, per plan period", tax=ctx.tax.note)
    if plan is not None and plan.plan:
        price = prices.get(plan.plan)
        out.append(
            ctx.remedy(
                "renew-plan",
                "Renew the {plan} plan (not automatic; it takes effect once fully paid, at the "
                "price and conditions of the renewal date; unused hours do not carry over)",
                *(why, "IPC-REN-1", "IPC-REN-2", "IPC-REN-3", "IPC-HRS-7"),
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
                "Contract the {plan} support plan (it takes effect once fully paid)",
                *(why, "IPC-SUP-2", "IPC-REN-3"),
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
                *(why, "IPC-SUP-2", "IPC-REN-3"),
                missing=(ctx.missing("plan_prices"),),
            )
        )
    return out
