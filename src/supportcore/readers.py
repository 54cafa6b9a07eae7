"""Generated readers of case files: the quick path of :func:`supportcore.convert.case_from_dict`.

The converters' structuring of a case, specialised like the writers: for each attrs
class a reader is generated once from its fields' declared types, checking each value inline
(a string is a ``str``, an integer an ``int`` and not a bool, an enum one of its values, a list
of values a JSON/TOML list) and building the class through its ``__init__`` (so every
validator runs). It only ever accepts less than the converter: any value off the common
spelling, any unknown key, any validator's refusal makes it give up, and the converters
decide — and word the error. tests/test_convert.py compares both on every example case.
"""

from __future__ import annotations

import enum
from collections.abc import Callable
from typing import Any, get_args, get_origin, get_type_hints

import attrs
import cattrs

from .limits import CURRENT

__all__ = ["OffType", "Readers"]


class OffType(Exception):
    """A value does not fit its declared type: the general path decides."""


_MISSING = object()


def _off() -> Any:
    raise OffType


class Readers:
    """Generated readers, per attrs class, built on first use. ``fallback`` is the converter
    whose hooks read what the readers do not inline (dates, decimals, mappings)."""

    def __init__(self, fallback: cattrs.Converter) -> None:
        self._fallback = fallback
        self._classes: dict[type, Callable[[Any], Any]] = {}

    def for_type(self, tp: Any) -> Callable[[Any], Any]:
        """A function reading a value of declared type ``tp``."""
        if isinstance(tp, type) and attrs.has(tp):
            return self.for_class(tp)
        namespace: dict[str, Any] = {"_off": _off}
        exec(f"def read(v):\n    return {self._expr(tp, 'v', namespace)}\n", namespace)
        return namespace["read"]  # type: ignore[no-any-return]

    def _expr(self, tp: Any, value: str, ns: dict[str, Any]) -> str:
        """A Python expression reading ``value`` (a local name) of declared type ``tp``."""
        name = f"_r{len(ns)}"
        if tp is str:
            return f"({value} if {value}.__class__ is str else _off())"
        if tp is int:
            return f"({value} if {value}.__class__ is int else _off())"
        if tp is bool:
            return f"({value} if {value} is True or {value} is False else _off())"
        if isinstance(tp, type) and issubclass(tp, enum.Enum):
            ns[name] = tp._value2member_map_  # a KeyError (or TypeError) gives up
            return f"{name}[{value}]"
        if isinstance(tp, type) and attrs.has(tp):
            ns[name] = self.for_class(tp)
            return f"{name}({value})"
        args = get_args(tp)
        if args and type(None) in args and len(args) == 2:
            inner = self._expr(args[0] if args[1] is type(None) else args[1], value, ns)
            return f"(None if {value} is None else {inner})"
        if get_origin(tp) is tuple and len(args) == 2 and args[1] is Ellipsis:
            ns[name] = self.for_type(args[0])
            ns["_current"] = CURRENT  # a list over Limits.max_items: the converters refuse it
            return (
                f"(tuple([{name}(x) for x in {value}]) if {value}.__class__ is list "
                f"and len({value}) <= _current.limits.max_items else _off())"
            )
        hook = self._fallback.get_structure_hook(tp)  # dates, decimals, mappings
        ns[name] = hook
        ns[f"{name}t"] = tp
        return f"{name}({value}, {name}t)"

    def for_class(self, cls: type) -> Callable[[Any], Any]:
        fn = self._classes.get(cls)
        if fn is not None:
            return fn
        self._classes[cls] = lambda value: self._classes[cls](value)  # (self-reference)
        hints = get_type_hints(cls)
        fields = [f for f in attrs.fields(cls) if f.init]
        namespace: dict[str, Any] = {"_off": _off, "_cls": cls, "_missing": _MISSING}
        namespace["_keys"] = frozenset(f.name for f in fields)
        lines = [
            "def read(o):",
            "    if o.__class__ is not dict or not _keys.issuperset(o):",
            "        _off()",
        ]
        args: list[str] = []
        for i, f in enumerate(fields):
            if f.name.startswith("_") or f.alias != f.name:
                raise TypeError(f"{cls.__name__}.{f.name}: no fast reader")  # never, today
            expr = self._expr(hints.get(f.name, Any), f"v{i}", namespace)
            if f.default is attrs.NOTHING:
                lines.append(f"    v{i} = o[{f.name!r}]")
                args.append(expr)
                continue
            if isinstance(f.default, attrs.Factory):  # type: ignore[arg-type]
                if f.default.takes_self:
                    raise TypeError(f"{cls.__name__}.{f.name}: no fast reader")
                namespace[f"_d{i}"] = f.default.factory
                default = f"_d{i}()"
            else:
                namespace[f"_d{i}"] = f.default
                default = f"_d{i}"
            lines.append(f"    v{i} = o.get({f.name!r}, _missing)")
            args.append(f"{f.name}=({default} if v{i} is _missing else {expr})")
        lines.append(f"    return _cls({', '.join(args)})")
        exec("\n".join(lines) + "\n", namespace)
        fn = namespace["read"]
        self._classes[cls] = fn
        return fn  # type: ignore[no-any-return]
