"""The service answer: the core's, from the tables (office hours, the website around the clock,
the answer due to an e-mail or ticket), with that answer counted from the last reopening of a
closed case, and none owed while the case is closed (interpretation
SM-I-ANSWER-AFTER-REOPENING)."""

from __future__ import annotations

import attrs

from supportcore import Context, Service

from .facts import Facts
from .prepared import Prepared


def service_answer(ctx: Context[Prepared, Facts]) -> Service:
    found = ctx.default_service()
    history = ctx.facts.history
    if found.response_due is None or not (history.is_closed or history.reopened):
        return found
    mine = ctx.facts.response
    kept = tuple(r for r in found.reasons if not r.code.startswith("response-"))
    return attrs.evolve(found, response_due=mine.response_due, reasons=(*kept, *mine.reasons))
