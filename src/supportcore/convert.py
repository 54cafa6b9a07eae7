"""One cattrs converter for case files, decisions, settings tables and terms export.

* JSON and TOML in and out: ``tomllib``/``json`` read with decimals parsed exactly
  (``parse_float=Decimal``); ``tomli_w``/``json`` write.
* Datetimes must be timezone-aware: ISO 8601 with an offset (``2026-11-20T17:00+01:00``) or with
  an IANA zone in brackets (``2026-11-20T17:00[Europe/Madrid]``, RFC 9557). Naive → error
  (:mod:`supportcore.instants`).
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

For speed, a case is first read by generated readers (:mod:`supportcore.readers`), then, if they
give up, by a converter without detailed validation; only when that fails is the input
structured again with detailed validation to collect every problem with its path. Decisions are
written by generated writers (:mod:`supportcore.writers`), exactly as the converter would.
"""

from __future__ import annotations

import enum
import json
import re
from collections.abc import Callable, Iterable, Mapping
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any, TypeVar, get_args, get_origin

import attrs
import cattrs
import tomli_w
from cattrs.errors import ClassValidationError, ForbiddenExtraKeysError, IterableValidationError

from .decision import Decision, Problem
from .documents import DocumentError, HugeNumber, describe, load_document
from .instants import parse_date, parse_datetime, structure_datetime
from .limits import CURRENT
from .model import Case
from .money import MAX_AMOUNT_DIGITS, to_decimal
from .readers import Readers
from .writers import Writers

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
    conv.register_structure_hook(datetime, structure_datetime)
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
_json_writers = Writers("json", converter.unstructure)
_dict_writers = Writers("dict", converter.unstructure)


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
        names = sorted(k if len(k) <= 40 else k[:40] + "…" for k in map(str, exc.extra_fields))
        keys = ", ".join(names[:10]) + (f" and {len(names) - 10:,} more" if len(names) > 10 else "")
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


_read_case = Readers(_fast).for_class(Case)


def _drop_none(obj: Any) -> Any:
    if isinstance(obj, dict):
        return {k: _drop_none(v) for k, v in obj.items() if v is not None}
    if isinstance(obj, list):
        return [_drop_none(v) for v in obj]
    return obj


def case_to_dict(case: Case) -> dict[str, Any]:
    return _drop_none(converter.unstructure(case))  # type: ignore[no-any-return]


def to_json(obj: Any) -> str:
    """Compact JSON text of a model object: ``json.dumps(converter.unstructure(obj),
    ensure_ascii=False, separators=(",", ":"), default=str)``, in one pass for attrs classes."""
    if attrs.has(obj.__class__):
        try:
            return _json_writers.for_class(obj.__class__)(obj)  # type: ignore[no-any-return]
        except Exception:  # a value off its declared type: the general path decides
            pass
    return _json_writers.any(obj)  # type: ignore[no-any-return]


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
