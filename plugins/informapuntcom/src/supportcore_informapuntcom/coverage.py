"""What the support includes and excludes: the ``[[coverage]]`` table of the terms (IPC-INC-1,
IPC-QRY-1, IPC-EXC-1..7), with the exceptions that are logic: a fix that needs changing the
program (IPC-EXC-5), remote assistance by plan (IPC-TEL-1), and excluded technical assistance
given by remote control at the remote tariff (IPC-TEL-6, IPC-TEL-7)."""

from __future__ import annotations

import attrs

from supportcore import Channel, Context, Coverage, CoverageStatus

from .eligibility import listed_remedy, paid_remote, special_reason
from .facts import Facts, Mode
from .prepared import Prepared

__all__ = ["coverage"]


def coverage(ctx: Context[Prepared, Facts]) -> Coverage | None:
    facts, request = ctx.facts, ctx.request
    category, plan = request.category, facts.plan
    if facts.special is not None:
        return Coverage(
            CoverageStatus.UNDETERMINED, category, (special_reason(ctx, facts.special),)
        )
    if request.needs_adaptation and category != "custom_development":
        change = ctx.reason(
            "needs-program-change",
            "Solving this needs a modification of the program, which the support does not include.",
            "IPC-EXC-5",
        )
        return Coverage(CoverageStatus.EXCLUDED, category, (change,))
    if facts.mode is not None:
        row = ctx.tables.coverage_rows.get(category)
        base = row.clauses if row is not None else ("IPC-TEL-1",)
        if facts.mode is Mode.NOT_COVERED:
            why = ctx.reason(
                "remote-assistance-at-tariff",
                "Remote assistance is given, charged at informapuntcom's current "
                "remote-assistance tariff in minutes: the plan includes remote assistance but "
                "this assistance is not covered by it.",
                "IPC-TEL-6",
                "IPC-TEL-5",
                *base,
            )
        else:
            why = ctx.reason(
                "remote-assistance-at-tariff",
                "Remote assistance is given, charged at informapuntcom's current "
                "remote-assistance tariff in minutes: urgent remote assistance for a user whose "
                "plan does not include it.",
                "IPC-TEL-7",
                "IPC-TEL-5",
                *base,
            )
        return Coverage(CoverageStatus.BILLABLE, category, (why,))
    if category == "remote_assistance":
        if plan is not None and Channel.REMOTE in plan.channels:
            included = ctx.reason(
                "remote-in-plan",
                "The plan includes remote-control assistance (given by invitation, counted in "
                "minutes).",
                "IPC-INC-2",
                "IPC-TEL-1",
                "IPC-TEL-5",
            )
            return Coverage(CoverageStatus.COVERED, category, (included,))
        absent = ctx.reason(
            "remote-not-in-plan",
            "Remote-control assistance is available only with plans that include it; urgent "
            "remote assistance is offered at the current remote-assistance tariff.",
            "IPC-TEL-1",
            "IPC-TEL-7",
        )
        remedy = listed_remedy(ctx, "paid-remote-urgent")
        return Coverage(CoverageStatus.EXCLUDED, category, (absent,), (remedy,))
    listed = ctx.listed_coverage
    if listed is not None and category in ctx.prepared.remote_billable:
        return attrs.evolve(listed, remedies=(paid_remote(ctx, plan),))
    return listed
