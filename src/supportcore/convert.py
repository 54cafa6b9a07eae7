"""One cattrs converter for case files, decisions, settings tables and terms export.

* JSON and TOML in and out: ``tomllib``/``json`` read with decimals parsed exactly
  (``parse_float=Decimal``); ``tomli_w``/``json`` write.
* Datetimes must be timezone-aware: ISO 8601 with an offset (``2026-11-20T17:00+01:00``) or with
  an IANA zone in brackets (``2026-11-20T17:00[Europe/Madrid]``, RFC 9557). Naive → error.
* Decimals are written as strings; floats are refused (money is never a float).
* Unknown keys are errors (a typo in a case file must not silently change a decision).
* Every problem becomes one message naming the field path: ``request.received_at: needs a
  time zone``. Callers get :class:`InputError`, never a traceback.

For speed, structuring first runs a converter without detailed validation; only when that fails
is the input structured again with detailed validation to collect every problem with its path.
"""

from __future__ import annotations

import enum
import json
import re
import tomllib
from collections.abc import Callable, Iterable, Mapping
from datetime import date, datetime
from decimal import Decimal
from json.encoder import encode_basestring as _json_str
from pathlib import Path
from typing import Any, TypeVar, get_args, get_origin, get_type_hints
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import attrs
import cattrs
import tomli_w
from cattrs.errors import ClassValidationError, ForbiddenExtraKeysError, IterableValidationError

from .decision import Decision, Problem
from .model import Case
from .money import to_decimal
from .reasons import Citation

__all__ = [
    "InputError",
    "case_from_dict",
    "case_to_dict",
    "converter",
    "decision_from_dict",
    "decision_to_dict",
    "decision_to_json",
    "dumps_json",
    "dumps_toml",
    "load_case_file",
    "parse_datetime",
    "read_document",
]

T = TypeVar("T")


class InputError(ValueError):
    """Input that cannot be evaluated: one :class:`Problem` per field."""

    def __init__(self, problems: Iterable[Problem], source: str = "") -> None:
        self.problems = tuple(problems)
        self.source = source
        super().__init__("\n".join(self.messages()))

    def messages(self) -> list[str]:
        """One line per problem, naming ``source`` (when there is one) once: a problem with the
        file itself, whose field is the file, reads ``FILE: cannot read file (…)``."""
        if not self.source:
            return [str(p) for p in self.problems]
        return [
            f"{self.source}: {p.message if p.field == self.source else p}" for p in self.problems
        ]


_BRACKET = re.compile(r"^(?P<dt>[^\[]+)\[(?P<zone>[^\]]+)\]$")


def parse_datetime(value: object) -> datetime:
    """An aware datetime from a ``datetime`` or an ISO 8601 / RFC 9557 string."""
    if isinstance(value, datetime):
        dt = value
    elif isinstance(value, str):
        text = value.strip()
        m = _BRACKET.match(text) if "[" in text else None
        try:
            if m:
                try:
                    zone = ZoneInfo(m["zone"])
                except (ZoneInfoNotFoundError, ValueError):
                    raise ValueError(f"unknown time zone {m['zone']!r}") from None
                _ZONES[m["zone"]] = zone  # (bounded: only names of real zones get here)
                dt = datetime.fromisoformat(m["dt"])
                if dt.tzinfo is None:
                    dt = dt.replace(tzinfo=zone)
                else:
                    dt = dt.astimezone(zone)
            else:
                dt = datetime.fromisoformat(text)
        except ValueError as exc:
            if "time zone" in str(exc):
                raise
            raise ValueError(f"{value!r} is not an ISO 8601 date-time") from None
    elif isinstance(value, date):
        raise ValueError(f"{value.isoformat()} is a date; a date-time with a time zone is needed")
    else:
        raise ValueError(f"expected a date-time string, got {type(value).__name__}")
    if dt.tzinfo is None or dt.utcoffset() is None:
        raise ValueError("needs a time zone (write an offset such as +01:00 or [Europe/Madrid])")
    return dt


#: The zones :func:`parse_datetime` has met, by name, for the datetime hook's quick path.
_ZONES: dict[str, ZoneInfo] = {}


def _structure_datetime(value: object, _t: Any) -> datetime:
    """The datetime hook: the usual spellings (ISO 8601 with an offset, or followed by a zone
    already met in brackets) are parsed straight away; anything else (spaces, no zone, a zone
    not met yet, not a string) goes through :func:`parse_datetime`, which decides."""
    if value.__class__ is str:
        try:
            if value[-1:] == "]":
                head, _, name = value[:-1].partition("[")
                zone = _ZONES.get(name)
                if zone is not None:
                    dt = datetime.fromisoformat(head)
                    return dt.replace(tzinfo=zone) if dt.tzinfo is None else dt.astimezone(zone)
            else:
                dt = datetime.fromisoformat(value)
                if dt.tzinfo is not None:  # fromisoformat gives a fixed offset or nothing
                    return dt
        except ValueError:
            pass
    return parse_datetime(value)


def _parse_date(value: object) -> date:
    if isinstance(value, datetime):
        raise ValueError(f"{value.isoformat()} is a date-time; a date (YYYY-MM-DD) is needed")
    if isinstance(value, date):
        return value
    if isinstance(value, str):
        try:
            return date.fromisoformat(value.strip())
        except ValueError:
            raise ValueError(f"{value!r} is not a date (YYYY-MM-DD)") from None
    raise ValueError(f"expected a date (YYYY-MM-DD), got {type(value).__name__}")


def _strict_int(value: object, _t: Any) -> Any:
    if isinstance(value, bool) or not isinstance(value, int):
        raise ValueError(f"expected an integer, got {value!r}")
    return value


def _strict_str(value: object, _t: Any) -> Any:
    if not isinstance(value, str):
        raise ValueError(f"expected a string, got {value!r}")
    return value


def _strict_bool(value: object, _t: Any) -> Any:
    if not isinstance(value, bool):
        raise ValueError(f"expected true or false, got {value!r}")
    return value


def _is_homogeneous_tuple(tp: Any) -> bool:
    args = get_args(tp)
    return get_origin(tp) is tuple and len(args) == 2 and args[1] is Ellipsis


def _is_optional(tp: Any) -> bool:
    args = get_args(tp)
    return len(args) == 2 and type(None) in args and get_origin(tp) is not tuple


def _fast_hooks(conv: cattrs.Converter) -> cattrs.Converter:
    """Quicker structuring of lists and optional values for the converter that runs first.

    It only ever *refuses* more than the detailed converter (anything but a list or tuple for a
    tuple field), and a refusal just hands the input to the detailed converter, which decides.
    """

    def tuple_hook(tp: Any) -> Callable[[object, Any], Any]:
        item = get_args(tp)[0]
        hook = conv.get_structure_hook(item)

        def structure(value: object, _t: Any) -> tuple[Any, ...]:
            if value.__class__ is list or value.__class__ is tuple:
                return tuple([hook(v, item) for v in value])
            raise TypeError(f"expected a list, got {type(value).__name__}")

        return structure

    def optional_hook(tp: Any) -> Callable[[object, Any], Any]:
        args = get_args(tp)
        inner = args[0] if args[1] is type(None) else args[1]
        hook = conv.get_structure_hook(inner)

        def structure(value: object, _t: Any) -> Any:
            return None if value is None else hook(value, inner)

        return structure

    conv.register_structure_hook_factory(_is_homogeneous_tuple, tuple_hook)
    conv.register_structure_hook_factory(_is_optional, optional_hook)
    return conv


def _enum_hook(value: object, t: type[enum.Enum]) -> enum.Enum:
    try:  # the members by value, as t(value) looks them up first, without its overhead
        return t._value2member_map_[value]
    except (KeyError, TypeError):
        pass
    try:
        return t(value)
    except ValueError:
        allowed = ", ".join(str(m.value) for m in t)
        raise ValueError(f"{value!r} is not one of: {allowed}") from None


def _configure(conv: cattrs.Converter) -> cattrs.Converter:
    conv.register_structure_hook(datetime, _structure_datetime)
    conv.register_structure_hook(date, lambda v, _t: _parse_date(v))
    conv.register_structure_hook(Decimal, lambda v, _t: to_decimal(v, field="value"))
    conv.register_structure_hook(int, _strict_int)
    conv.register_structure_hook(str, _strict_str)
    conv.register_structure_hook(bool, _strict_bool)
    # StrEnum subclasses str: without this dispatch the str hook above would accept any string.
    conv.register_structure_hook(enum.StrEnum, _enum_hook)
    conv.register_structure_hook(enum.Enum, _enum_hook)
    conv.register_unstructure_hook(datetime, lambda v: v.isoformat())
    conv.register_unstructure_hook(date, lambda v: v.isoformat())
    conv.register_unstructure_hook(Decimal, str)
    return conv


def _make(detailed: bool) -> cattrs.Converter:
    return _configure(cattrs.Converter(forbid_extra_keys=True, detailed_validation=detailed))


#: The converter: structure/unstructure any supportcore model class.
converter = _make(detailed=True)
_fast = _fast_hooks(_make(detailed=False))


# --------------------------------------------------------------------------- error messages

_LEAD_FIELD = re.compile(r"^(?P<field>[A-Za-z_][\w.\[\]]*): (?P<rest>.*)$", re.S)


def _join(path: str, msg: str) -> Problem:
    """Combine a cattrs path and a message that may itself start with ``field: ``."""
    m = _LEAD_FIELD.match(msg)
    if m and " " not in m["field"]:
        sub = m["field"]
        path = f"{path}.{sub}" if path else sub
        msg = m["rest"]
    return Problem(path or "(case)", msg, "error")


def _walk(exc: BaseException, path: str, out: list[Problem]) -> None:
    if isinstance(exc, ClassValidationError | IterableValidationError):
        with_notes, without = exc.group_exceptions()
        for sub, note in with_notes:
            name = note.name if hasattr(note, "name") else note.index
            if isinstance(name, int):
                sub_path = f"{path}[{name}]"
            else:
                sub_path = f"{path}.{name}" if path else str(name)
            _walk(sub, sub_path, out)
        for sub in without:
            _walk(sub, path, out)
        return
    if isinstance(exc, ForbiddenExtraKeysError):
        keys = ", ".join(sorted(exc.extra_fields))
        out.append(Problem(path or "(case)", f"unknown key(s): {keys}", "error"))
        return
    if isinstance(exc, KeyError):
        key = str(exc.args[0]) if exc.args else "?"
        if path == key or path.endswith(f".{key}"):
            full = path
        else:
            full = f"{path}.{key}" if path else key
        out.append(Problem(full, "required field is missing", "error"))
        return
    if isinstance(exc, TypeError) and "required" in str(exc) and "argument" in str(exc):
        missing = re.findall(r"'(\w+)'", str(exc))
        for name in missing or ["?"]:
            full = f"{path}.{name}" if path else name
            out.append(Problem(full, "required field is missing", "error"))
        return
    if isinstance(exc, ValueError | TypeError | AttributeError):
        out.append(_join(path, str(exc)))
        return
    out.append(Problem(path or "(case)", f"{type(exc).__name__}: {exc}", "error"))


def problems_from(exc: BaseException) -> list[Problem]:
    out: list[Problem] = []
    _walk(exc, "", out)
    return out


def structure(data: Any, cls: type[T], source: str = "") -> T:
    """Structure ``data`` into ``cls``; on failure raise :class:`InputError` with every problem."""
    try:
        return _fast.structure(data, cls)
    except Exception:
        pass
    try:
        return converter.structure(data, cls)
    except Exception as exc:
        raise InputError(
            problems_from(exc) or [Problem("(case)", str(exc), "error")], source
        ) from None


# --------------------------------------------------------------------------- fast readers
#
# The converters' structuring of a case, specialised like the writers below: for each attrs
# class a reader is generated once from its fields' declared types, checking each value inline
# (a string is a ``str``, an integer an ``int`` and not a bool, an enum one of its values, a list
# of values a JSON/TOML list) and building the class through its ``__init__`` (so every
# validator runs). It only ever accepts less than the converter: any value off the common
# spelling, any unknown key, any validator's refusal makes it give up, and the converters
# decide — and word the error. tests/test_convert.py compares both on every example case.


def _off() -> Any:
    raise _OffType


class _Readers:
    """Generated readers, per attrs class, built on first use."""

    def __init__(self) -> None:
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
            return f"(tuple([{name}(x) for x in {value}]) if {value}.__class__ is list else _off())"
        hook = _fast.get_structure_hook(tp)  # dates, decimals, mappings: the converter's hook
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


_MISSING = object()
_readers = _Readers()


def case_from_dict(data: Mapping[str, Any], source: str = "") -> Case:
    if not isinstance(data, Mapping):
        raise InputError([Problem("(case)", "a case must be a table/object", "error")], source)
    try:
        return _read_case(data)  # type: ignore[no-any-return]
    except Exception:  # anything unusual, or wrong: the converters decide and word it
        return structure(data, Case, source)


_read_case = _readers.for_class(Case)


def _drop_none(obj: Any) -> Any:
    if isinstance(obj, dict):
        return {k: _drop_none(v) for k, v in obj.items() if v is not None}
    if isinstance(obj, list):
        return [_drop_none(v) for v in obj]
    return obj


def case_to_dict(case: Case) -> dict[str, Any]:
    return _drop_none(converter.unstructure(case))  # type: ignore[no-any-return]


# --------------------------------------------------------------------------- fast writers
#
# The converter's unstructuring, specialised: for each attrs class a writer is generated once
# from its fields' declared types, following the converter's rules (datetimes and dates in ISO
# 8601, decimals as strings, tuples as lists, attrs classes by declared type, anything else as
# the converter unstructures it). Two kinds: one builds the same dict as
# ``converter.unstructure``; the other writes the compact JSON text of that dict in one pass,
# without building it (for batch runs, most of the cost of writing a decision). A value off its
# declared type makes the writer give up and the general path decide, so the result is always
# exactly the converter's (tests/test_batch.py compares them on every decision it sees).

_JSON = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"), default=str)


class _OffType(Exception):
    """A value does not fit its declared type: the general path decides."""


def _json_any(value: Any) -> str:
    return _JSON.encode(converter.unstructure(value))


def _json_int(value: Any) -> str:
    if isinstance(value, int) and not isinstance(value, bool):
        return int.__repr__(value)
    raise _OffType


def _json_bool(value: Any) -> str:
    if value is True:
        return "true"
    if value is False:
        return "false"
    raise _OffType


def _json_iso(value: Any) -> str:
    return f'"{value.isoformat()}"'


def _json_decimal(value: Any) -> str:
    return _json_str(str(value))


def _unstructure_any(value: Any) -> Any:
    return converter.unstructure(value)


class _Writers:
    """Generated writers, per attrs class, built on first use: ``json`` text or ``dict``."""

    def __init__(self, kind: str) -> None:
        self.json = kind == "json"
        self._classes: dict[type, Callable[[Any], Any]] = {}

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
        ns[name] = _json_any if self.json else _unstructure_any
        return f"{name}({value})"

    def _array(self, item: Callable[[Any], Any]) -> Callable[[Any], Any]:
        if self.json:

            def array(value: Any) -> Any:
                if value.__class__ is tuple or value.__class__ is list:
                    return "[" + ",".join([item(v) for v in value]) + "]"
                raise _OffType

        else:

            def array(value: Any) -> Any:
                if value.__class__ is tuple or value.__class__ is list:
                    return [item(v) for v in value] if item is not _identity else list(value)
                raise _OffType

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


_json_writers = _Writers("json")
_dict_writers = _Writers("dict")


def to_json(obj: Any) -> str:
    """Compact JSON text of a model object: ``json.dumps(converter.unstructure(obj),
    ensure_ascii=False, separators=(",", ":"), default=str)``, in one pass for attrs classes."""
    if attrs.has(obj.__class__):
        try:
            return _json_writers.for_class(obj.__class__)(obj)  # type: ignore[no-any-return]
        except Exception:  # a value off its declared type: the general path decides
            pass
    return _json_any(obj)


def _to_dict(obj: Any) -> Any:
    if attrs.has(obj.__class__):
        try:
            return _dict_writers.for_class(obj.__class__)(obj)
        except Exception:  # a value off its declared type: the general path decides
            pass
    return converter.unstructure(obj)


def decision_to_dict(decision: Decision) -> dict[str, Any]:
    """The JSON-ready form of a decision (documented in docs/integrators.md)."""
    return _to_dict(decision)  # type: ignore[no-any-return]


def decision_to_json(decision: Decision) -> str:
    """The compact JSON text of :func:`decision_to_dict` (what ``supportcore batch`` writes)."""
    return to_json(decision)


def decision_from_dict(data: Mapping[str, Any]) -> Decision:
    return structure(data, Decision)


def dumps_json(obj: Any, *, indent: int | None = 2) -> str:
    data = obj if isinstance(obj, dict | list) else converter.unstructure(obj)
    return json.dumps(data, indent=indent, ensure_ascii=False, default=str)


def dumps_toml(obj: Any) -> str:
    data = obj if isinstance(obj, dict) else converter.unstructure(obj)
    return tomli_w.dumps(_drop_none(data))


def read_document(path: str | Path) -> dict[str, Any]:
    """Read a TOML or JSON file (by suffix) with exact decimals; errors as :class:`InputError`."""
    p = Path(path)

    def unusable(message: str) -> InputError:  # a problem with the file itself
        return InputError([Problem(str(p), message, "error")], str(p))

    try:
        text = p.read_text(encoding="utf-8")
    except OSError as exc:
        raise unusable(f"cannot read file ({exc.strerror})") from None
    suffix = p.suffix.lower()
    try:
        if suffix == ".toml":
            return tomllib.loads(text, parse_float=Decimal)
        if suffix == ".json":
            data = json.loads(text, parse_float=Decimal)
            if not isinstance(data, dict):
                raise unusable("expected a JSON object")
            return data
    except tomllib.TOMLDecodeError as exc:
        raise unusable(f"not valid TOML: {exc}") from None
    except json.JSONDecodeError as exc:
        raise unusable(f"not valid JSON: {exc}") from None
    raise unusable("unknown file type (use .toml or .json)")


def load_case_file(path: str | Path) -> Case:
    return case_from_dict(read_document(path), source=str(path))


def structure_setting(value: Any, what: str, path: str) -> Any:
    """Structure a settings value of kind calendar or closures; messages carry ``path``."""
    from .calendar import CalendarSpec, ClosurePeriod

    cls: Any = CalendarSpec if what == "CalendarSpec" else tuple[ClosurePeriod, ...]
    try:
        return structure(value, cls)
    except InputError as exc:
        raise ValueError(
            "\n".join(
                f"{path}.{p.field}: {p.message}" if p.field != "(case)" else f"{path}: {p.message}"
                for p in exc.problems
            )
        ) from None
