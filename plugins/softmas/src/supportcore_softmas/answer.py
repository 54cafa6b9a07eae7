"""An answer's reasons, remedies and actions, in the order the rules find them."""

from __future__ import annotations

from datetime import datetime
from typing import Any

import attrs

from supportcore import Action, Context, Reason, Remedy


@attrs.define
class Answer:
    """``reason`` and ``action`` take a ``[reasons.<id>]`` / ``[actions.<id>]`` row of the
    terms, as ``ctx.listed_reason`` / ``ctx.listed_action`` do; a remedy is offered once."""

    ctx: Context[Any, Any]
    reasons: list[Reason] = attrs.Factory(list)
    remedies: list[Remedy] = attrs.Factory(list)
    actions: list[Action] = attrs.Factory(list)

    def reason(self, reason_id: str, *clauses: str, **params: Any) -> None:
        self.reasons.append(self.ctx.listed_reason(reason_id, *clauses, **params))

    def offer(self, remedy: Remedy) -> None:
        if all(r.code != remedy.code for r in self.remedies):
            self.remedies.append(remedy)

    def action(
        self, action_id: str, *clauses: str, due: datetime | None = None, **params: Any
    ) -> None:
        self.actions.append(self.ctx.listed_action(action_id, *clauses, due=due, **params))
