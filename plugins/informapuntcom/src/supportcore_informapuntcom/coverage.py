"""What the support includes and excludes: the ``[[coverage]]`` table (IPC-INC-1, IPC-QRY-1,
IPC-EXC-1..7) and its exceptions: a fix that changes the program (IPC-EXC-5), remote assistance
by plan (IPC-TEL-1), excluded technical assistance by remote control at the remote tariff
(IPC-TEL-6, IPC-TEL-7; IPC-INT-NOT-COVERED-REMOTE, IPC-INT-OTHER-USERS)."""

from __future__ import annotations

import attrs

from supportcore import Channel, Context, Coverage

from .eligibility import paid_remote, special_reason
from .facts import Facts
from .prepared import Prepared


def coverage(ctx: Context[Prepared, Facts]) -> Coverage | None:
    f, category = ctx.facts, ctx.request.category
    if f.special is not None:
        return Coverage("undetermined", category, (special_reason(ctx, f.special),))
    if ctx.request.needs_adaptation and category != "custom_development":
        return Coverage("excluded", category, (ctx.listed_reason("needs-program-change"),))
    if f.mode is not None:  # at the remote-assistance tariff, citing the matter's clauses
        row = ctx.tables.coverage_rows.get(category)
        why = "remote-not-covered" if f.mode == "not_covered" else "remote-urgent"
        base = row.clauses if row is not None else ("IPC-TEL-1",)
        return Coverage("billable", category, (ctx.listed_reason(f"{why}-at-tariff", *base),))
    if category == "remote_assistance" and f.plan and Channel.REMOTE in f.plan.channels:
        return Coverage("covered", category, (ctx.listed_reason("remote-in-plan"),))
    if category == "remote_assistance":
        absent = ctx.listed_reason("remote-not-in-plan")
        return Coverage("excluded", category, (absent,), (ctx.listed_remedy("paid-remote-urgent"),))
    listed = ctx.listed_coverage
    if listed is not None and category in ctx.prepared.remote_billable:
        return attrs.evolve(listed, remedies=(paid_remote(ctx, f.plan),))
    return listed
