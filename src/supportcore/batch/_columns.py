"""CSV columns: which field of a case each column sets, and how its cells are read."""

from __future__ import annotations

import itertools
import re
import typing
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

import attrs

from ..convert import InputError
from ..decision import Problem
from ..documents import HugeNumber
from ..limits import current as current_limits
from ..model import Case
from ._common import parse_json, shorten

_PART = re.compile(r"([^.\[\]]+)|\[(\d+)\]")
_PATH = re.compile(r"[^.\[\]]+(\.[^.\[\]]+|\[\d+\])*")
_TRUE = frozenset({"true", "yes", "1"})
_FALSE = frozenset({"false", "no", "0"})
_INTEGER = re.compile(r"[+-]?\d+")
#: What reading a CSV file with ``errors="surrogateescape"`` makes of bytes that are not UTF-8.
_NOT_UTF8 = re.compile("[\udc80-\udcff]")


def _parts(path: str) -> tuple[str | int, ...]:
    if not _PATH.fullmatch(path):
        raise ValueError(f"column {shorten(path)}: not a field path such as request.category")
    parts = tuple(m[1] if m[1] else int(m[2]) for m in _PART.finditer(path))
    most = current_limits().max_items
    for part in parts:
        if isinstance(part, int) and part >= most:
            raise ValueError(
                f"column {path!r}: index {part:,} is beyond the longest list read "
                f"({most:,} items, Limits.max_items)"
            )
    return parts


def _hints(cls: type) -> dict[str, Any]:
    hints = typing.get_type_hints(cls)
    return {f.name: hints[f.name] for f in attrs.fields(cls) if f.init}


def _strip_optional(tp: Any) -> Any:
    args = typing.get_args(tp)
    if args and type(None) in args:
        rest = [a for a in args if a is not type(None)]
        if len(rest) == 1:
            return rest[0]
    return tp


def _kind_of(path: str, parts: tuple[str | int, ...]) -> str:
    """How a cell of the column ``path`` is read: ``str``, ``int``, ``bool`` or ``json``."""
    tp: Any = Case
    done = ""
    for part in parts:
        tp = _strip_optional(tp)
        origin = typing.get_origin(tp)
        if isinstance(part, int):
            if origin is not tuple:
                raise ValueError(f"column {path!r}: {done} is not a list")
            tp = typing.get_args(tp)[0]
            done = f"{done}[{part}]"
            continue
        if attrs.has(tp):
            fields = _hints(tp)
            if part not in fields:
                where = done or "a case"
                raise ValueError(
                    f"column {path!r}: {where} has no field {part!r} (fields: {', '.join(fields)})"
                )
            tp = fields[part]
        elif origin in (Mapping, dict):
            tp = typing.get_args(tp)[1]
        else:
            raise ValueError(f"column {path!r}: {done} has no fields")
        done = f"{done}.{part}" if done else part
    tp = _strip_optional(tp)
    if tp is bool:
        return "bool"
    if tp is int:
        return "int"
    if attrs.has(tp) or typing.get_origin(tp) in (tuple, Mapping, dict):
        return "json"
    return "str"


def _cell_value(kind: str, cell: str) -> Any:
    text = cell.strip()
    if kind == "str":
        return cell
    if kind == "int":
        if not _INTEGER.fullmatch(text):
            raise ValueError(f"expected an integer, got {shorten(cell)}")
        if len(text.lstrip("+-")) > current_limits().max_number_digits:
            return HugeNumber(text)  # refused by the field, naming it, as in a JSON case
        return int(text)
    if kind == "bool":
        low = text.lower()
        if low in _TRUE:
            return True
        if low in _FALSE:
            return False
        raise ValueError(f"expected true or false, got {shorten(cell)}")
    try:
        return parse_json(text)
    except InputError as exc:
        raise ValueError(exc.problems[0].message) from None


def _set(data: dict[str, Any], parts: tuple[str | int, ...], value: Any) -> None:
    node: Any = data
    for part, nxt in itertools.pairwise(parts):
        empty: Any = [] if isinstance(nxt, int) else {}
        if isinstance(part, int):
            if not isinstance(node, list):
                raise ValueError("the case column holds something else here")
            while len(node) <= part:
                node.append({})
            if node[part] is None:
                node[part] = empty
            node = node[part]
        else:
            if not isinstance(node, dict):
                raise ValueError("the case column holds something else here")
            if node.get(part) is None:
                node[part] = empty
            node = node[part]
    last = parts[-1]
    if isinstance(last, int):
        if not isinstance(node, list):
            raise ValueError("the case column holds something else here")
        while len(node) <= last:
            node.append({})
        node[last] = value
    elif isinstance(node, dict):
        node[last] = value
    else:
        raise ValueError("the case column holds something else here")


def _header(cells: Iterable[str]) -> tuple[str, ...]:
    return tuple(cells)


@attrs.frozen
class CsvColumns:
    """The CSV column mapping (``docs/batch.md``), built once from the header.

    * a column named ``case`` holds a whole case as a JSON object;
    * every other column is a field path into the case, as in case files: ``vendor``, ``at``,
      ``request.category``, ``licences[0].product``, ``request.facts.colour``; cells are read by
      the field's type: text as it is (dates, date-times and decimal amounts are text in case
      files too), integers and booleans (``true``/``false``, ``yes``/``no``, ``1``/``0``) from
      their text, lists, tables and objects as JSON (``["phone", "email"]``);
    * an empty cell leaves the field out; column values are set over the ``case`` object.

    :raises ValueError: a column is not a field of a case (a typo in the header).
    """

    header: tuple[str, ...] = attrs.field(converter=_header)
    case_index: int | None = attrs.field(init=False)
    fields: tuple[tuple[int, str, tuple[str | int, ...], str], ...] = attrs.field(init=False)

    def __attrs_post_init__(self) -> None:
        case_index = None
        fields = []
        seen: set[str] = set()
        for i, raw in enumerate(self.header):
            name = raw.strip()
            if i == 0:
                name = name.lstrip("\ufeff")
            if not name:
                raise ValueError(f"column {i + 1} has no name in the header")
            if _NOT_UTF8.search(name):
                raise ValueError(f"column {i + 1}: its name is not UTF-8 text")
            if name in seen:
                raise ValueError(f"column {name!r} appears twice in the header")
            seen.add(name)
            if name == "case":
                case_index = i
                continue
            parts = _parts(name)
            fields.append((i, name, parts, _kind_of(name, parts)))
        object.__setattr__(self, "case_index", case_index)
        object.__setattr__(self, "fields", tuple(fields))

    def _name(self, index: int) -> str:
        return self.header[index].strip().lstrip("\ufeff") if index < len(self.header) else ""

    def case_dict(self, cells: Sequence[str]) -> dict[str, Any]:
        """The case dict of one record; :class:`InputError` names every bad cell's field."""
        problems: list[Problem] = []
        if len(cells) > len(self.header):
            problems.append(
                Problem(
                    "(row)",
                    f"has {len(cells)} cells but the header has {len(self.header)} columns",
                    "error",
                )
            )
        if _NOT_UTF8.search("".join(cells)):
            for i, cell in enumerate(cells):
                if _NOT_UTF8.search(cell):
                    where = self._name(i) or f"(column {i + 1})"
                    problems.append(Problem(where, "not UTF-8 text", "error"))
            raise InputError(problems)
        data: dict[str, Any] = {}
        if self.case_index is not None and self.case_index < len(cells):
            cell = cells[self.case_index]
            if cell.strip():
                try:
                    obj = parse_json(cell)
                except InputError as exc:
                    problems.extend(attrs.evolve(p, field="case") for p in exc.problems)
                    obj = {}
                if isinstance(obj, dict):
                    data = obj
                else:
                    problems.append(Problem("case", "must hold a JSON object", "error"))
        n = len(cells)
        for index, name, parts, kind in self.fields:
            if index >= n:
                continue
            cell = cells[index]
            if not cell.strip():
                continue
            try:
                _set(data, parts, _cell_value(kind, cell))
            except ValueError as exc:
                problems.append(Problem(name, str(exc), "error"))
        if problems:
            raise InputError(problems)
        return data
