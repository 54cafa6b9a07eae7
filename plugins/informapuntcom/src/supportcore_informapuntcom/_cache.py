"""Values derived once from an immutable input (the validated settings, a terms version)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Generic, TypeVar

from supportcore import Action, Context, Reason, TermsVersion

__all__ = ["PerObject", "fixed", "fixed_action", "fixed_reason"]

K = TypeVar("K")
V = TypeVar("V")
T = TypeVar("T")


class PerObject(Generic[K, V]):
    """``build(obj)``, computed once per object and reused while that object is in use.

    Keyed by identity (settings and terms versions are immutable but costly or impossible to
    hash); each entry keeps its object alive, so an id is never mistaken for another object's.
    Bounded: an engine has one settings object and a few terms versions, so a handful of
    entries; past ``size`` the cache starts again.
    """

    def __init__(self, build: Callable[[K], V], size: int = 16) -> None:
        self._build = build
        self._size = size
        self._entries: dict[int, tuple[K, V]] = {}

    def get(self, obj: K) -> V:
        hit = self._entries.get(id(obj))
        if hit is not None and hit[0] is obj:
            return hit[1]
        return self.add(obj)

    def hit(self, obj: K) -> tuple[K, V] | None:
        """The entry for ``obj`` if there is one (check ``entry[0] is obj``): for callers that
        inline the look-up on their hot path."""
        return self._entries.get(id(obj))

    def add(self, obj: K) -> V:
        """Build the value for ``obj`` and keep it."""
        value = self._build(obj)
        if len(self._entries) >= self._size:
            self._entries.clear()
        self._entries[id(obj)] = (obj, value)
        return value


#: Per terms version: immutable objects (reasons, remedies, actions) whose words never depend
#: on the case, by a key that holds everything they depend on.
_FIXED: PerObject[TermsVersion, dict[tuple[Any, ...], Any]] = PerObject(lambda _terms: {})
_FIXED_LIMIT = 512  #: objects per terms version (the plugin makes a few dozen)


def fixed(ctx: Context, key: tuple[Any, ...], build: Callable[[], T]) -> T:
    """``build()``, made once for the terms version in force and ``key``, then shared by every
    case (the objects are immutable). ``key`` must hold everything the object depends on
    besides the terms version."""
    terms = ctx.terms
    entry = _FIXED.hit(terms)
    made = entry[1] if entry is not None and entry[0] is terms else _FIXED.add(terms)
    found = made.get(key)
    if found is None:
        if len(made) >= _FIXED_LIMIT:
            made.clear()
        found = made[key] = build()
    return found  # type: ignore[no-any-return]


def fixed_reason(ctx: Context, code: str, message: str, *clause_ids: str) -> Reason:
    """``ctx.reason(code, message, *clause_ids)`` for a message that does not depend on the
    case (or only on a few values of it, written into ``message``): one Reason per wording."""
    terms = ctx.terms
    entry = _FIXED.hit(terms)
    made = entry[1] if entry is not None and entry[0] is terms else _FIXED.add(terms)
    key = (code, message, clause_ids)
    found = made.get(key)
    if found is None:
        if len(made) >= _FIXED_LIMIT:
            made.clear()
        found = made[key] = ctx.reason(code, message, *clause_ids)
    return found  # type: ignore[no-any-return]


def fixed_action(ctx: Context, party: str, description: str, *clause_ids: str) -> Action:
    """An :class:`Action` without a due date whose words do not depend on the case (or only on
    a few values of it, written into ``description``): one object per wording."""
    return fixed(
        ctx,
        (Action, party, description, clause_ids),
        lambda: Action(party, description, citations=ctx.cite(*clause_ids)),
    )
