"""Reasons, remedies, actions and line-less quotes whose words never depend on the case,
built once.

Most reasons of a decision are fixed sentences ("No precise resolution time is guaranteed");
building each anew costs a citation lookup and an object per case. These helpers build it the
first time and hand out the same immutable object after that. The cache is keyed by the identity
of the terms version (whose citations the objects carry) and by every argument, and bounded;
a message that depends on the case may go through it only if all it depends on is in the
arguments (it then makes one entry per distinct message).
"""

from __future__ import annotations

from typing import Any

from supportcore import Action, Context, Quote, QuoteBuilder, Reason, Remedy, TermsVersion

__all__ = ["fixed_action", "fixed_quote", "fixed_reason", "fixed_remedy"]

#: id(terms) -> (terms, {key: object}); holding ``terms`` keeps its id from being reused.
_CACHE: dict[int, tuple[TermsVersion, dict[tuple[Any, ...], Any]]] = {}
_MAX_TERMS = 16  #: terms versions at once (a catalogue has a handful)
_MAX_ENTRIES = 1024  #: objects per terms version (the plugin has a few dozen)


def _book(terms: TermsVersion) -> dict[tuple[Any, ...], Any]:
    entry = _CACHE.get(id(terms))
    if entry is None or entry[0] is not terms:
        if len(_CACHE) >= _MAX_TERMS:
            _CACHE.clear()
        entry = _CACHE[id(terms)] = (terms, {})
    book = entry[1]
    if len(book) >= _MAX_ENTRIES:
        book.clear()
    return book


def fixed_reason(ctx: Context, code: str, message: str, *clause_ids: str) -> Reason:
    """``ctx.reason(code, message, *clause_ids)``, the same object for every case."""
    book = _book(ctx.terms)
    key = (Reason, code, message, clause_ids)
    found = book.get(key)
    if found is None:
        found = book[key] = ctx.terms.reason(code, message, *clause_ids)
    return found  # type: ignore[no-any-return]


def fixed_remedy(ctx: Context, code: str, description: str, *clause_ids: str) -> Remedy:
    """``Remedy(code, description, citations=ctx.cite(*clause_ids))`` (no price), built once."""
    book = _book(ctx.terms)
    key = (Remedy, code, description, clause_ids)
    found = book.get(key)
    if found is None:
        found = book[key] = Remedy(code, description, citations=ctx.terms.cite(*clause_ids))
    return found  # type: ignore[no-any-return]


def fixed_action(ctx: Context, party: str, description: str, *clause_ids: str) -> Action:
    """``Action(party, description, citations=ctx.cite(*clause_ids))`` (no due date), built
    once."""
    book = _book(ctx.terms)
    key = (Action, party, description, clause_ids)
    found = book.get(key)
    if found is None:
        found = book[key] = Action(party, description, citations=ctx.terms.cite(*clause_ids))
    return found  # type: ignore[no-any-return]


def fixed_quote(ctx: Context, status: str, code: str, message: str, *clause_ids: str) -> Quote:
    """A quote in the vendor's currency with no lines, ``status`` and one fixed reason (free,
    not applicable, undetermined): ``QuoteBuilder`` with that reason, built once."""
    book = _book(ctx.terms)
    currency = ctx.vendor.currency
    key = (Quote, currency, status, code, message, clause_ids)
    found = book.get(key)
    if found is None:
        q = QuoteBuilder(currency)
        q.reason(fixed_reason(ctx, code, message, *clause_ids))
        found = book[key] = q.build(status)
    return found  # type: ignore[no-any-return]
