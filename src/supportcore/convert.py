"""One cattrs converter for case files, decisions, settings tables and terms export.

* JSON and TOML in and out: ``tomllib``/``json`` read with decimals parsed exactly
  (``parse_float=Decimal``); ``tomli_w``/``json`` write.
* Datetimes must be timezone-aware: ISO 8601 with an offset (``2026-11-20T17:00+01:00``) or with
  an IANA zone in brackets (``2026-11-20T17:00[Europe/Madrid]``, RFC 9557). Naive → error.
* Decimals are written as strings; floats are refused (money is never a float).
* Unknown keys are errors (a typo in a case file must not silently change a decision).
* Every problem becomes one message naming the field path: ``request.received_at: needs a
  time zone``. Callers get :class:`InputError`, never a traceback.
* Input is bounded (:mod:`supportcore.limits`): a list longer than ``max_items`` or anything
  but a list where one is expected is refused at once; a list stops being read after
  ``max_item_problems`` bad items, and a case reports at most ``max_problems`` problems.
* Ranges: dates and instants in the years 1900 to 2200, amounts of at most 15 digits before
  the decimal point, minutes and counts as :mod:`supportcore.model` says. A local time that does
  not exist in its zone (the hour skipped when clocks go forward) is refused; one that occurs
  twice (the hour repeated when they go back) means its first occurrence, unless an offset
  names the other (``2026-10-25T02:30+01:00[Europe/Madrid]``).

For speed, structuring first runs a converter without detailed validation; only when that fails
is the input structured again with detailed validation to collect every problem with its path.
"""

from __future__ import annotations

import enum
import json
import re
from collections.abc import Callable, Iterable, Mapping
from datetime import UTC, date, datetime
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
from .documents import DocumentError, HugeNumber, describe, load_document
from .limits import CURRENT
from .model import FIRST_YEAR, LAST_YEAR, Case
from .money import MAX_AMOUNT_DIGITS, to_decimal
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
    "parse_date",
    "parse_datetime",
    "read_document",
]

T = TypeVar("T")


class InputError(ValueError):
    """Input that cannot be evaluated: one :class:`Problem` per field."""

    def __init__(self, problems: Iterable[Problem], source: str = "") -> None:
        self.problems = _bounded(tuple(problems))
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


def _bounded(problems: tuple[Problem, ...]) -> tuple[Problem, ...]:
    """At most ``Limits.max_problems`` problems, the last one counting those left out."""
    most = CURRENT.limits.max_problems
    if len(problems) <= most:
        return problems
    left = len(problems) - most + 1
    more = Problem("(case)", f"… and {left:,} more problem(s) not listed", "error")
    return (*problems[: most - 1], more)


_BRACKET = re.compile(r"^(?P<dt>[^\[]+)\[(?P<zone>[^\]]+)\]$")
_YEARS = f"years {FIRST_YEAR} to {LAST_YEAR}"


def _in_local_gap(dt: datetime) -> bool:
    """Whether ``dt`` (with a zone, no fixed offset) names a local time its zone skips."""
    days = _TRANSITION_DAYS.get((dt.tzinfo, dt.year))
    if days is None:
        days = _transition_days(dt.tzinfo, dt.year)
    if dt.toordinal() not in days or dt.utcoffset() == dt.replace(fold=1).utcoffset():
        return False
    # a transition: skipped (a gap) if the instant does not read back as the same wall time
    back = dt.astimezone(UTC).astimezone(dt.tzinfo)
    return back.replace(tzinfo=None, fold=0) != dt.replace(tzinfo=None, fold=0)


#: Per zone and year, the days on which the zone's offset changes (see _transition_days).
_TRANSITION_DAYS: dict[tuple[Any, int], frozenset[int]] = {}


def _transition_days(zone: Any, year: int) -> frozenset[int]:
    """The ordinals of the days of ``year`` around a change of ``zone``'s offset: the only
    days on which a wall time can be skipped or repeated. Found once per zone and year from
    the offsets at midnight and noon, so that reading an instant costs a set lookup."""
    first, last = date(year, 1, 1).toordinal(), date(year, 12, 31).toordinal()
    found: set[int] = set()
    previous = datetime.fromordinal(first - 1).replace(hour=12, tzinfo=zone).utcoffset()
    for n in range(first, last + 2):
        day = datetime.fromordinal(n).replace(tzinfo=zone)
        for offset in (day.utcoffset(), day.replace(hour=12).utcoffset()):
            if offset != previous:
                found.update((n - 1, n))
            previous = offset
    days = _TRANSITION_DAYS[(zone, year)] = frozenset(found)
    return days


def _local(naive: datetime, zone: ZoneInfo, name: str) -> datetime:
    """``naive`` in ``zone``, refusing a wall time the zone skips."""
    dt = naive.replace(tzinfo=zone)
    if _in_local_gap(dt):
        raise ValueError(
            f"{naive.isoformat()} does not exist in {name}: the clocks skip that time "
            "(they are put forward)"
        )
    return dt


def parse_datetime(value: object) -> datetime:
    """An aware datetime from a ``datetime`` or an ISO 8601 / RFC 9557 string, in the years
    1900 to 2200; a wall time its zone skips is refused."""
    if isinstance(value, datetime):
        dt = value
    elif isinstance(value, str):
        text = value.strip()
        m = _BRACKET.match(text) if "[" in text else None
        try:
            if m:
                try:
                    zone = ZoneInfo(m["zone"])
                except (ZoneInfoNotFoundError, ValueError, OSError):
                    raise ValueError(f"unknown time zone {describe(m['zone'])}") from None
                _ZONES[m["zone"]] = zone  # (bounded: only names of real zones get here)
                dt = datetime.fromisoformat(m["dt"])
                if not FIRST_YEAR <= dt.year <= LAST_YEAR:
                    raise ValueError(f"{describe(value)} is out of range ({_YEARS})")
                if dt.tzinfo is None:
                    dt = _local(dt, zone, m["zone"])
                else:
                    dt = dt.astimezone(zone)
            else:
                dt = datetime.fromisoformat(text)
        except ValueError as exc:
            if "time zone" in str(exc) or "out of range" in str(exc) or "not exist" in str(exc):
                raise
            raise ValueError(f"{describe(value)} is not an ISO 8601 date-time") from None
    elif isinstance(value, date):
        raise ValueError(f"{value.isoformat()} is a date; a date-time with a time zone is needed")
    else:
        raise ValueError(f"expected a date-time string, got {describe(value)}")
    if dt.tzinfo is None or dt.utcoffset() is None:
        raise ValueError("needs a time zone (write an offset such as +01:00 or [Europe/Madrid])")
    if not FIRST_YEAR <= dt.year <= LAST_YEAR:
        raise ValueError(f"{dt.isoformat()} is out of range ({_YEARS})")
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
                    if FIRST_YEAR <= dt.year <= LAST_YEAR:
                        if dt.tzinfo is not None:
                            return dt.astimezone(zone)
                        dt = dt.replace(tzinfo=zone)
                        if not _in_local_gap(dt):
                            return dt
            else:
                dt = datetime.fromisoformat(value)
                # fromisoformat gives a fixed offset or nothing
                if dt.tzinfo is not None and FIRST_YEAR <= dt.year <= LAST_YEAR:
                    return dt
        except ValueError:
            pass
    return parse_datetime(value)


def parse_date(value: object) -> date:
    """A date from a ``date`` or a ``YYYY-MM-DD`` string, in the years 1900 to 2200."""
    if isinstance(value, datetime):
        raise ValueError(f"{value.isoformat()} is a date-time; a date (YYYY-MM-DD) is needed")
    if isinstance(value, date):
        day = value
    elif isinstance(value, str):
        try:
            day = date.fromisoformat(value.strip())
        except ValueError:
            raise ValueError(f"{describe(value)} is not a date (YYYY-MM-DD)") from None
    else:
        raise ValueError(f"expected a date (YYYY-MM-DD), got {describe(value)}")
    if not FIRST_YEAR <= day.year <= LAST_YEAR:
        raise ValueError(f"{day.isoformat()} is out of range ({_YEARS})")
    return day


def _structure_decimal(value: object, _t: Any) -> Decimal:
    """An exact decimal of at most ``MAX_AMOUNT_DIGITS`` digits before the point."""
    if value.__class__ is HugeNumber:
        raise ValueError(f"{describe(value)} is out of range")
    d = to_decimal(value, field="value")
    if d.adjusted() >= MAX_AMOUNT_DIGITS:
        raise ValueError(
            f"{describe(d)} is out of range (at most {MAX_AMOUNT_DIGITS} digits before the "
            "decimal point)"
        )
    return d


def _strict_int(value: object, _t: Any) -> Any:
    if isinstance(value, bool) or not isinstance(value, int):
        if value.__class__ is HugeNumber:
            raise ValueError(f"{describe(value)} is out of range")
        raise ValueError(f"expected an integer, got {describe(value)}")
    return value


def _strict_str(value: object, _t: Any) -> Any:
    if not isinstance(value, str):
        raise ValueError(f"expected a string, got {describe(value)}")
    return value


def _strict_bool(value: object, _t: Any) -> Any:
    if not isinstance(value, bool):
        raise ValueError(f"expected true or false, got {describe(value)}")
    return value


def _is_homogeneous_tuple(tp: Any) -> bool:
    args = get_args(tp)
    return get_origin(tp) is tuple and len(args) == 2 and args[1] is Ellipsis


def _is_optional(tp: Any) -> bool:
    args = get_args(tp)
    return len(args) == 2 and type(None) in args and get_origin(tp) is not tuple


def _is_str_mapping(tp: Any) -> bool:
    args = get_args(tp)
    return get_origin(tp) in (Mapping, dict) and len(args) == 2 and args[0] is str


class _Problems(ValueError):
    """Problems found inside a list or a table, each field relative to it (``[3].product``;
    ``""`` for the list itself)."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        super().__init__("; ".join(str(p) for p in problems))


def _too_long(value: Any) -> ValueError:
    most = CURRENT.limits.max_items
    return ValueError(f"{describe(value)} is too long (at most {most:,} items: Limits.max_items)")


def _key_path(key: object) -> str:
    text = str(key)
    return f".{text}" if text.isidentifier() else f"[{describe(key)}]"


def _read_items(
    value: Any, pairs: Iterable[tuple[str, Any]], read: Callable[[Any], Any], detailed: bool
) -> list[Any]:
    """``read`` each item of ``pairs`` (``(path, item)``, the path relative to ``value``). The
    quick converter stops at the first refusal; the detailed one collects the problems and
    stops after ``Limits.max_item_problems`` bad items."""
    if not detailed:
        return [read(item) for _, item in pairs]
    out: list[Any] = []
    problems: list[Problem] = []
    bad = 0
    most = CURRENT.limits.max_item_problems
    for path, item in pairs:
        if bad >= most:
            problems.append(
                Problem("", f"reading stopped after {most} bad items (of {len(value):,})", "error")
            )
            break
        try:
            out.append(read(item))
        except Exception as exc:
            bad += 1
            _walk(exc, path, problems)
    if problems:
        raise _Problems(problems)
    return out


def _bounded_hooks(conv: cattrs.Converter, detailed: bool) -> cattrs.Converter:
    """Lists, tables and attrs classes read within :mod:`supportcore.limits`: anything but a
    list where one is expected, or a list over ``max_items``, is refused at once (a string is
    not read character by character, a table not key by key); a list stops being read after
    ``max_item_problems`` bad items. The quick converter refuses on the first problem; the
    detailed converter, which words the errors, reports each with its path."""

    def tuple_hook(tp: Any) -> Callable[[object, Any], Any]:
        item_type = get_args(tp)[0]
        hook = conv.get_structure_hook(item_type)

        def read(item: Any) -> Any:
            return hook(item, item_type)

        def structure(value: Any, _t: Any) -> tuple[Any, ...]:
            if value.__class__ is not list and value.__class__ is not tuple:
                raise ValueError(f"expected a list, got {describe(value)}")
            if len(value) > CURRENT.limits.max_items:
                raise _too_long(value)
            if not detailed:
                return tuple([hook(v, item_type) for v in value])
            pairs = ((f"[{i}]", v) for i, v in enumerate(value))
            return tuple(_read_items(value, pairs, read, detailed))

        return structure

    def mapping_hook(tp: Any) -> Callable[[object, Any], Any]:
        value_type = get_args(tp)[1]
        hook = conv.get_structure_hook(value_type)

        def read(item: tuple[Any, Any]) -> tuple[str, Any]:
            key, v = item
            return _strict_str(key, str), hook(v, value_type)

        def structure(value: Any, _t: Any) -> dict[str, Any]:
            if not isinstance(value, Mapping):
                raise ValueError(f"expected a table (object), got {describe(value)}")
            if len(value) > CURRENT.limits.max_items:
                raise _too_long(value)
            pairs = ((_key_path(k), (k, v)) for k, v in value.items())
            return dict(_read_items(value, pairs, read, detailed))

        return structure

    def attrs_hook(cls: Any) -> Callable[[object, Any], Any]:
        inner = conv.gen_structure_attrs_fromdict(cls)

        def structure(value: Any, t: Any) -> Any:
            if value.__class__ is not dict and not isinstance(value, Mapping):
                raise ValueError(f"expected a table (object), got {describe(value)}")
            return inner(value, t)

        return structure

    conv.register_structure_hook_factory(_is_homogeneous_tuple, tuple_hook)
    conv.register_structure_hook_factory(_is_str_mapping, mapping_hook)
    conv.register_structure_hook_factory(attrs.has, attrs_hook)
    if not detailed:
        conv.register_structure_hook_factory(_is_optional, _optional_hook(conv))
    return conv


def _optional_hook(conv: cattrs.Converter) -> Callable[[Any], Callable[[object, Any], Any]]:
    """A quicker optional value for the quick converter."""

    def factory(tp: Any) -> Callable[[object, Any], Any]:
        args = get_args(tp)
        inner = args[0] if args[1] is type(None) else args[1]
        hook = conv.get_structure_hook(inner)

        def structure(value: object, _t: Any) -> Any:
            return None if value is None else hook(value, inner)

        return structure

    return factory


def _enum_hook(value: object, t: type[enum.Enum]) -> enum.Enum:
    try:  # the members by value, as t(value) looks them up first, without its overhead
        return t._value2member_map_[value]
    except (KeyError, TypeError):
        pass
    try:
        return t(value)
    except ValueError:
        allowed = ", ".join(str(m.value) for m in t)
        raise ValueError(f"{describe(value)} is not one of: {allowed}") from None


def _configure(conv: cattrs.Converter) -> cattrs.Converter:
    conv.register_structure_hook(datetime, _structure_datetime)
    conv.register_structure_hook(date, lambda v, _t: parse_date(v))
    conv.register_structure_hook(Decimal, _structure_decimal)
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
    conv = _configure(cattrs.Converter(forbid_extra_keys=True, detailed_validation=detailed))
    return _bounded_hooks(conv, detailed)


#: The converter: structure/unstructure any supportcore model class.
converter = _make(detailed=True)
_fast = _make(detailed=False)


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
    if isinstance(exc, _Problems):
        for p in exc.problems:
            rel = p.field
            if rel[:1] == "." or rel[:1] == "[" or not rel:
                full = (path + rel).removeprefix(".")
            else:
                full = f"{path}.{rel}" if path else rel
            out.append(Problem(full or "(case)", p.message, "error"))
        return
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
            ns["_current"] = CURRENT  # a list over Limits.max_items: the converters refuse it
            return (
                f"(tuple([{name}(x) for x in {value}]) if {value}.__class__ is list "
                f"and len({value}) <= _current.limits.max_items else _off())"
            )
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


def case_from_dict(
    data: Mapping[str, Any], source: str = "", *, at: datetime | str | None = None
) -> Case:
    """The :class:`Case` of a parsed case file; :class:`InputError` names every problem.

    ``at``, when given, is the evaluation instant instead of the case's own ``at`` (which the
    case may then leave out).
    """
    if not isinstance(data, Mapping):
        problem = Problem("(case)", f"a case must be a table (object), got {describe(data)}")
        raise InputError([attrs.evolve(problem, severity="error")], source)
    if at is not None:
        data = {**data, "at": at}
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
    """Read a TOML or JSON file (by suffix) with exact decimals, within
    :mod:`supportcore.limits`; every problem as an :class:`InputError` naming the file."""
    p = Path(path)
    try:
        data = load_document(p)
    except DocumentError as exc:
        raise InputError([Problem(exc.field or str(p), exc.message, "error")], str(p)) from None
    if not isinstance(data, dict):
        message = f"expected a JSON object, got {describe(data)}"
        raise InputError([Problem(str(p), message, "error")], str(p))
    return data


def load_case_file(path: str | Path, *, at: datetime | str | None = None) -> Case:
    """The :class:`Case` of a TOML or JSON case file; :class:`InputError` names the file and
    every problem. ``at`` as for :func:`case_from_dict`."""
    return case_from_dict(read_document(path), source=str(path), at=at)


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
