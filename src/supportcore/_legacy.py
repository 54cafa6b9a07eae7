"""Hook API 1's context: the per-case and per-engine caches plugins written for API 1 use.

Kept only while plugins move to hook API 2 (``ctx.prepared`` and ``ctx.facts`` typed by the
plugin, no caching APIs); deleted once none uses it.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

import attrs

from .context import Context
from .decision import Action, Remedy
from .money import Quote
from .reasons import Reason

__all__ = ["LegacyContext"]

T = TypeVar("T")
_ABSENT = object()


@attrs.define(slots=False)
class LegacyContext(Context[Any, Any]):
    """The API 1 context: :class:`Context` plus ``memo``, ``prepared(key, build)`` and the
    ``fixed_*`` shared answers."""

    #: scratch space for one case (API 1)
    memo: dict[str, Any] = attrs.field(factory=dict)
    #: what :meth:`prepared` keeps, one store per vendor and engine (API 1)
    prepared_store: dict[tuple[str, str], Any] = attrs.field(factory=dict, repr=False)

    # API 1's ``ctx.prepared(key, build)`` is a method; API 2's ``ctx.prepared`` is the vendor's
    # object. A data descriptor lets the method win over the (unused) attribute here.
    @property
    def prepared(self) -> Callable[[str, Callable[[Any], Any]], Any]:
        return self._prepared

    @prepared.setter
    def prepared(self, _value: object) -> None:
        pass

    def fixed_reason(self, code: str, message: str, *clause_ids: str) -> Reason:
        """:meth:`reason` for a sentence that never depends on the case (``"A doubt about how
        the program works is covered"``): made once per terms version, then shared."""
        found = self.terms._fixed.get((Reason, code, message, clause_ids))
        if found is None:  # (the lookup above, inline, is the hot path: one call, not two)
            found = self.terms.fixed_reason(code, message, *clause_ids)
        return found

    def fixed_remedy(self, code: str, description: str, *clause_ids: str) -> Remedy:
        """A :class:`Remedy` without a price, whose words never depend on the case: made once
        per terms version, then shared."""
        key = (Remedy, code, description, clause_ids)
        return self.terms.fixed(
            key, lambda: Remedy(code, description, citations=self.cite(*clause_ids))
        )

    def fixed_action(self, party: str, description: str, *clause_ids: str) -> Action:
        """An :class:`Action` without a due date, whose words never depend on the case: made
        once per terms version, then shared."""
        key = (Action, party, description, clause_ids)
        return self.terms.fixed(
            key, lambda: Action(party, description, citations=self.cite(*clause_ids))
        )

    def fixed_quote(self, status: str, code: str, message: str, *clause_ids: str) -> Quote:
        """A quote with nothing priced (:meth:`Quote.unpriced`, in the vendor's currency) whose
        one reason never depends on the case: made once per terms version, then shared."""
        currency = self.vendor.currency
        key = (Quote, currency, status, code, message, clause_ids)
        return self.terms.fixed(
            key,
            lambda: Quote.unpriced(
                currency, status, (self.fixed_reason(code, message, *clause_ids),)
            ),
        )

    def _prepared(self, key: str, build: Callable[[Any], T]) -> T:
        """What ``build(ctx)`` makes from the settings, the terms version in force, the vendor
        and its calendars — never from the case —, made once per engine and terms version and
        reused for every case after that (parsed tariffs, a settings-derived table, reasons
        whose wording comes from the settings). ``key`` names it (prefix it with the plugin's
        name); ``build`` must not read ``ctx.case`` or the instant."""
        store = self.prepared_store
        full = (key, self.terms.version)
        found = store.get(full, _ABSENT)
        if found is _ABSENT:
            found = store[full] = build(self)
        return found  # type: ignore[no-any-return]
