"""What the support includes and excludes: the ``[[coverage]]`` table (IPC-INC-1, IPC-QRY-1,
IPC-EXC-1..7) and its exceptions: a fix that changes the program (IPC-EXC-5), remote assistance
by plan (IPC-TEL-1), excluded technical assistance by remote control at the remote tariff
(IPC-TEL-6, IPC-TEL-7; IPC-INT-NOT-COVERED-REMOTE, IPC-INT-OTHER-USERS)."""

from __future__ import annotations

import attrs

from supportcore import Channel, Context, Coverage

from .eligibility import special_reason
from .facts import Facts, Mode
from .prepared import Prepared
from .remedies import listed_remedy, paid_remote

__all__ = ["coverage"]


def coverage(ctx: Context[Prepared, Facts]) -> Coverage | None:
    f, category = ctx.facts, ctx.request.category
    if f.special is not None:
        return Coverage("undetermined", category, (special_reason(ctx, f.special),))
    if ctx.request.needs_adaptation and category != "custom_development":
        change = ctx.reason(
            "needs-program-change",
            "Solving this needs a modification of the program, which the support does not include.",
            "IPC-EXC-5",
        )
        return Coverage("excluded", category, (change,))
    row = ctx.tables.coverage_rows.get(category)
    base = row.clauses if row is not None else ("IPC-TEL-1",)
    if f.mode is Mode.NOT_COVERED:
        why = ctx.reason(
            "remote-assistance-at-tariff",
            "Remote assistance is given at informapuntcom's current remote-assistance tariff, in "
            "minutes: the plan includes remote assistance, but not for this matter.",
            *("IPC-TEL-6", "IPC-TEL-5", *base),
            interpretations=("IPC-INT-NOT-COVERED-REMOTE",),
        )
        return Coverage("billable", category, (why,))
    if f.mode is Mode.OTHER_USER:
        why = ctx.reason(
            "remote-assistance-at-tariff",
            "Urgent remote assistance is given at informapuntcom's current remote-assistance "
            "tariff, in minutes, to a user whose plan does not include it.",
            *("IPC-TEL-7", "IPC-TEL-5", *base),
            interpretations=("IPC-INT-OTHER-USERS",),
        )
        return Coverage("billable", category, (why,))
    if category == "remote_assistance" and f.plan and Channel.REMOTE in f.plan.channels:
        included = ctx.reason(
            "remote-in-plan",
            "The plan includes remote-control assistance (by invitation, counted in minutes).",
            *("IPC-INC-2", "IPC-TEL-1", "IPC-TEL-5"),
        )
        return Coverage("covered", category, (included,))
    if category == "remote_assistance":
        absent = ctx.reason(
            "remote-not-in-plan",
            "Remote-control assistance comes only with plans that include it; urgent remote "
            "assistance is offered at the current remote-assistance tariff.",
            *("IPC-TEL-1", "IPC-TEL-7"),
        )
        remedy = listed_remedy(ctx, "paid-remote-urgent")
        return Coverage("excluded", category, (absent,), (remedy,))
    listed = ctx.listed_coverage
    if listed is not None and category in ctx.prepared.remote_billable:
        return attrs.evolve(listed, remedies=(paid_remote(ctx, f.plan),))
    return listed
