"""Values derived once from an immutable input (the validated settings, a terms version)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Generic, TypeVar

__all__ = ["PerObject"]

K = TypeVar("K")
V = TypeVar("V")


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
        value = self._build(obj)
        if len(self._entries) >= self._size:
            self._entries.clear()
        self._entries[id(obj)] = (obj, value)
        return value
