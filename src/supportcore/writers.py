"""Generated writers of decisions: JSON text or dicts, exactly as the converter writes them.

The converter's unstructuring, specialised: for each attrs class a writer is generated once
from its fields' declared types, following the converter's rules (datetimes and dates in ISO
8601, decimals as strings, tuples as lists, attrs classes by declared type, anything else as
the converter unstructures it). Two kinds: one builds the same dict as
``converter.unstructure``; the other writes the compact JSON text of that dict in one pass,
without building it (for batch runs, most of the cost of writing a decision). A value off its
declared type makes the writer give up and the general path decide, so the result is always
exactly the converter's (tests/test_batch.py compares them on every decision it sees).
"""

from __future__ import annotations

import enum
import json
from collections.abc import Callable, Mapping
from datetime import date, datetime
from decimal import Decimal
from json.encoder import encode_basestring as _json_str
from typing import Any, get_args, get_origin, get_type_hints

import attrs

from .readers import OffType
from .reasons import Citation

__all__ = ["Writers"]

_JSON = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"), default=str)


def _json_int(value: Any) -> str:
    if isinstance(value, int) and not isinstance(value, bool):
        return int.__repr__(value)
    raise OffType


def _json_bool(value: Any) -> str:
    if value is True:
        return "true"
    if value is False:
        return "false"
    raise OffType


def _json_iso(value: Any) -> str:
    return f'"{value.isoformat()}"'


def _json_decimal(value: Any) -> str:
    return _json_str(str(value))


class Writers:
    """Generated writers, per attrs class, built on first use: ``json`` text or ``dict``.
    ``unstructure`` is the converter's, for what the writers do not inline."""

    def __init__(self, kind: str, unstructure: Callable[[Any], Any]) -> None:
        self.json = kind == "json"
        self._classes: dict[type, Callable[[Any], Any]] = {}
        self.any: Callable[[Any], Any] = (
            (lambda value: _JSON.encode(unstructure(value))) if self.json else unstructure
        )

    def for_type(self, tp: Any) -> Callable[[Any], Any]:
        """A function writing a value of declared type ``tp``."""
        if isinstance(tp, type) and attrs.has(tp):
            return self.for_class(tp)
        if tp is str:
            return _json_str if self.json else _identity
        namespace: dict[str, Any] = {}
        expr = self._expr(tp, "v", namespace)
        body = f"f'{{{expr}}}'" if self.json else expr
        exec(f"def write(v):\n    return {body}\n", namespace)
        return namespace["write"]  # type: ignore[no-any-return]

    def _expr(self, tp: Any, value: str, ns: dict[str, Any]) -> str:
        """A Python expression writing ``value`` (an expression without side effects) of
        declared type ``tp`` (inside an f-string for JSON); its helpers go into ``ns``."""
        name = f"_h{len(ns)}"
        if tp is str or tp is int or tp is bool:
            if not self.json:
                return value
            # encode_basestring raises TypeError on a non-str: the general path then decides
            ns[name] = _json_str if tp is str else _json_int if tp is int else _json_bool
            return f"{name}({value})"
        if tp is datetime or tp is date:
            if not self.json:
                return f"{value}.isoformat()"
            ns[name] = _json_iso
            return f"{name}({value})"
        if tp is Decimal:
            if not self.json:
                return f"str({value})"
            ns[name] = _json_decimal
            return f"{name}({value})"
        args = get_args(tp)
        if args and type(None) in args and len(args) == 2:
            inner = self._expr(args[0] if args[1] is type(None) else args[1], value, ns)
            null = '"null"' if self.json else "None"
            return f"({null} if {value} is None else {inner})"
        if isinstance(tp, type) and attrs.has(tp):
            ns[name] = self.for_class(tp)
            return f"{name}({value})"
        if tp == Mapping[str, Any] or tp == dict[str, Any]:
            ns[name] = self._table()
            return f"{name}({value})"
        if get_origin(tp) is tuple and len(args) == 2 and args[1] is Ellipsis:
            # a tuple (the declared type) inline; anything else through the checking helper
            ns[name] = self._array(item := self.for_type(args[0]))
            ns[f"{name}i"] = item
            if self.json:
                items = f'"[" + ",".join([{name}i(x) for x in {value}]) + "]"'
                inline = f'("[]" if {value} == () else {items})'
            elif item is _identity:
                inline = f"list({value})"
            else:
                inline = f"[{name}i(x) for x in {value}]"
            return f"({inline} if {value}.__class__ is tuple else {name}({value}))"
        ns[name] = self.any
        return f"{name}({value})"

    def _table(self) -> Callable[[Any], Any]:
        """A writer of a table of JSON values (a reason's ``params``): copied as the converter
        copies it, without its dispatch on every value; anything else, the converter's way."""
        general = self.any
        json = self.json

        def table(value: Any) -> Any:
            if value.__class__ is not dict:
                return general(value)
            if not value:
                return "{}" if json else {}
            try:
                return _json_table(value) if json else _copy(value)
            except OffType:
                return general(value)

        return table

    def _array(self, item: Callable[[Any], Any]) -> Callable[[Any], Any]:
        if self.json:

            def array(value: Any) -> Any:
                if value.__class__ is tuple or value.__class__ is list:
                    return "[" + ",".join([item(v) for v in value]) + "]"
                raise OffType

        else:

            def array(value: Any) -> Any:
                if value.__class__ is tuple or value.__class__ is list:
                    return [item(v) for v in value] if item is not _identity else list(value)
                raise OffType

        return array

    def for_class(self, cls: type) -> Callable[[Any], Any]:
        """The writer of an attrs class: its init fields in order, by their declared types
        (the converter leaves ``init=False`` fields out too)."""
        fn = self._classes.get(cls)
        if fn is not None:
            return fn
        # A class may refer to itself through its fields: resolve through the cache lazily.
        self._classes[cls] = lambda value: self._classes[cls](value)
        hints = get_type_hints(cls)
        namespace: dict[str, Any] = {}
        pieces: list[str] = []
        for field in attrs.fields(cls):
            if not field.init:
                continue
            expr = self._expr(hints.get(field.name, Any), f"o.{field.name}", namespace)
            if self.json:  # a field name is an identifier: nothing to escape, no braces
                pieces.append(f'"{field.name}":{{{expr}}}')
            else:
                pieces.append(f"{field.name!r}: {expr}")
        if self.json:
            body = "f'{{" + ",".join(pieces) + "}}'"
        else:
            body = "{" + ", ".join(pieces) + "}"
        exec(f"def write(o):\n    return {body}\n", namespace)
        fn = namespace["write"]
        if self.json and cls in _REUSED:  # (building a small dict is as quick as copying one)
            fn = self._remembering(fn)
        self._classes[cls] = fn
        return fn

    @staticmethod
    def _remembering(write: Callable[[Any], str]) -> Callable[[Any], str]:
        """``write`` remembering its text per object, for objects made once and written in
        decision after decision (a terms version's citations, each with its clause's full
        text). Keyed by identity, holding the object so that its id cannot be reused."""
        seen: dict[int, tuple[Any, str]] = {}

        def remembered(o: Any) -> str:
            hit = seen.get(id(o))
            if hit is not None and hit[0] is o:
                return hit[1]
            text = write(o)
            if len(seen) >= _REMEMBER:
                seen.clear()
            seen[id(o)] = (o, text)
            return text

        return remembered


#: Classes whose instances are made once and written again and again (see ``_remembering``).
_REUSED: frozenset[type] = frozenset({Citation})
_REMEMBER = 8192


def _identity(value: Any) -> Any:
    return value


#: The classes of JSON values that the converter writes as they are.
_SCALARS: frozenset[type] = frozenset({str, int, bool, float, type(None)})


def _item(v: Any) -> Any:
    cls = v.__class__
    if cls in _SCALARS:
        return v
    if cls is dict:
        return _copy(v)
    if cls is list:
        return [_item(x) for x in v]
    if isinstance(v, enum.Enum) and v.value.__class__ in _SCALARS:
        return v.value
    raise OffType


def _copy(value: dict[Any, Any]) -> dict[str, Any]:
    """A table of JSON values (an enum member as its value) copied as the converter copies it:
    new dicts and lists; :class:`OffType` for anything else."""
    out: dict[str, Any] = {}
    for k, v in value.items():
        if k.__class__ is not str:
            raise OffType
        out[k] = v if v.__class__ in _SCALARS else _item(v)
    return out


def _json_item(v: Any) -> str:
    cls = v.__class__
    if cls is str:
        return _json_str(v)
    if cls is int:
        return int.__repr__(v)
    if cls is bool:
        return "true" if v else "false"
    if v is None:
        return "null"
    if cls is dict:
        return _json_table(v)
    if cls is list:
        return "[" + ",".join([_json_item(x) for x in v]) + "]"
    if isinstance(v, enum.Enum) and v.value.__class__ is str:
        return _json_str(v.value)
    raise OffType


def _json_table(value: dict[Any, Any]) -> str:
    """The compact JSON text of a table of JSON values, as :func:`_copy` copies it."""
    items = []
    for k, v in value.items():
        if k.__class__ is not str:
            raise OffType
        items.append(f"{_json_str(k)}:{_json_item(v)}")
    return "{" + ",".join(items) + "}"
