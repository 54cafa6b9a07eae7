"""An answer's reasons, remedies and actions, in the order the rules find them."""

from __future__ import annotations

from datetime import datetime
from typing import Any

import attrs

from supportcore import Action, Context, Reason, Remedy


@attrs.define
class Answer:
    """``reason`` and ``action`` take what ``ctx.reason`` does; a remedy is offered once."""

    ctx: Context[Any, Any]
    reasons: list[Reason] = attrs.Factory(list)
    remedies: list[Remedy] = attrs.Factory(list)
    actions: list[Action] = attrs.Factory(list)

    def reason(self, code: str, template: str, *clauses: str, **params: Any) -> None:
        self.reasons.append(self.ctx.reason(code, template, *clauses, **params))

    def offer(self, remedy: Remedy) -> None:
        if all(r.code != remedy.code for r in self.remedies):
            self.remedies.append(remedy)

    def action(
        self, party: str, template: str, *clauses: str, due: datetime | None = None, **params: Any
    ) -> None:
        self.actions.append(self.ctx.action(party, template, *clauses, due=due, **params))
