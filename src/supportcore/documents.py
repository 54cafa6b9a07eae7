"""Reading JSON and TOML documents (case files, settings files, batch rows) without surprises.

What the standard library's parsers let through or raise raw, refused here with a message:

* a file larger than :attr:`Limits.max_document_bytes` (read no further than that);
* text that is not UTF-8 (a leading byte-order mark is allowed);
* a key given twice in one JSON object (``json`` keeps the last one silently; ``tomllib``
  already refuses it in TOML);
* nesting deeper than :attr:`Limits.max_depth` (the parsers' own recursion limit included);
* integers longer than :attr:`Limits.max_number_digits`: in JSON they are read as a
  :class:`HugeNumber`, which every field refuses *naming the field*; in TOML (whose parser
  cannot be asked to do so) the key and the line are named.

Decimal numbers are read exactly (``parse_float=Decimal``). Errors are :class:`DocumentError`;
the callers turn them into ``InputError`` (case files) or ``SettingsError`` (settings files).
"""

from __future__ import annotations

import json
import re
import tomllib
from collections.abc import Mapping
from decimal import Decimal
from pathlib import Path
from typing import Any

from .limits import CURRENT

__all__ = [
    "DocumentError",
    "HugeNumber",
    "describe",
    "load_document",
    "loads_json",
    "loads_toml",
    "read_text",
]


class DocumentError(ValueError):
    """A document that cannot be read. ``field`` names the key when one is known."""

    def __init__(self, message: str, field: str = "") -> None:
        self.field = field
        self.message = message
        super().__init__(f"{field}: {message}" if field else message)


class HugeNumber:
    """A JSON integer longer than :attr:`Limits.max_number_digits`, kept unconverted so that
    the field it stands in can refuse it by name (converting it may take seconds, and Python
    refuses integers over 4,300 digits)."""

    __slots__ = ("digits",)

    def __init__(self, text: str) -> None:
        self.digits = len(text.lstrip("+-"))

    def __repr__(self) -> str:
        return f"<a number of {self.digits:,} digits>"


def describe(value: object) -> str:
    """A short description of ``value`` for an error message: its ``repr`` when short, else
    what it is (never the whole of a 10 MB string, never an integer Python cannot print)."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, HugeNumber):
        return f"a number of {value.digits:,} digits"
    if isinstance(value, int):
        if value.bit_length() > 200:
            return f"a number of about {int(value.bit_length() * 0.30103) + 1:,} digits"
        return repr(value)
    if isinstance(value, str):
        if len(value) > 60:
            return f"a string of {len(value):,} characters ({value[:24]!r}…)"
        return repr(value)
    if isinstance(value, Decimal):
        text = str(value)
        return text if len(text) <= 40 else f"a number of {len(value.as_tuple().digits):,} digits"
    if isinstance(value, Mapping):
        return "a table (object)" if value else "an empty table (object)"
    if isinstance(value, list | tuple):
        n = len(value)
        return f"a list of {n:,} item{'' if n == 1 else 's'}" if n else "an empty list"
    return f"a {type(value).__name__}"


def read_text(path: str | Path) -> str:
    """The UTF-8 text of ``path``, read no further than the size limit."""
    limit = CURRENT.limits.max_document_bytes
    try:
        with open(path, "rb") as f:
            data = f.read(limit + 1)
    except OSError as exc:
        raise DocumentError(f"cannot read file ({exc.strerror or type(exc).__name__})") from None
    except ValueError as exc:  # e.g. a path with a NUL character
        raise DocumentError(f"cannot read file ({exc})") from None
    if len(data) > limit:
        raise DocumentError(
            f"larger than {limit:,} bytes (the limit: Limits.max_document_bytes)"
        ) from None
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise DocumentError(f"not UTF-8 text ({exc.reason} at byte {exc.start + 1})") from None
    return text[1:] if text.startswith("\ufeff") else text


def _too_deep(data: Any, max_depth: int) -> bool:
    """Whether tables and lists in ``data`` nest deeper than ``max_depth`` (the top is 1)."""
    if data.__class__ is not dict and data.__class__ is not list:
        return False
    stack = [(data, 1)]
    while stack:
        value, depth = stack.pop()
        if depth > max_depth:
            return True
        children = value.values() if value.__class__ is dict else value
        for child in children:
            if child.__class__ is dict or child.__class__ is list:
                stack.append((child, depth + 1))
    return False


def _deep_message(max_depth: int) -> str:
    return f"nested more than {max_depth} levels deep (the limit: Limits.max_depth)"


class _DuplicateKey(ValueError):
    pass


def _unique_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    obj = dict(pairs)
    if len(obj) != len(pairs):
        seen: set[str] = set()
        for key, _ in pairs:
            if key in seen:
                raise _DuplicateKey(key)
            seen.add(key)
    return obj


def _json_int(text: str) -> int | HugeNumber:
    if len(text) > CURRENT.limits.max_number_digits:
        return HugeNumber(text)
    return int(text)


def loads_json(text: str | bytes) -> Any:
    """A JSON value with exact decimals; duplicate keys, deep nesting and unreadable text are
    refused, long integers kept as :class:`HugeNumber` (see the module's docstring)."""
    limits = CURRENT.limits
    try:
        data = json.loads(
            text, parse_float=Decimal, parse_int=_json_int, object_pairs_hook=_unique_keys
        )
    except json.JSONDecodeError as exc:
        raise DocumentError(f"not valid JSON: {exc}") from None
    except UnicodeDecodeError as exc:
        raise DocumentError(f"not UTF-8 text ({exc.reason} at byte {exc.start + 1})") from None
    except _DuplicateKey as exc:
        raise DocumentError(f"not valid JSON: the key {exc.args[0]!r} appears twice") from None
    except RecursionError:
        raise DocumentError(_deep_message(limits.max_depth)) from None
    if _nests(text, limits.max_depth) and _too_deep(data, limits.max_depth):
        raise DocumentError(_deep_message(limits.max_depth))
    return data


def _nests(text: str | bytes, max_depth: int) -> bool:
    """Whether ``text`` holds enough tables and lists to nest deeper than ``max_depth`` (a
    case usually holds fewer than 20: then nothing needs walking)."""
    if isinstance(text, bytes):
        return text.count(b"[") + text.count(b"{") > max_depth
    return text.count("[") + text.count("{") > max_depth


_LONG_INT = re.compile(r"[0-9][0-9_]{4299,}")  # (Python reads at most 4,300 digits)
_TABLE = re.compile(r"^\s*\[\[?\s*([^\]]+?)\s*\]\]?", re.M)
_KEY = re.compile(r"^\s*([^=#\[]+?)\s*=", re.M)


def _long_integer_problem(text: str) -> DocumentError | None:
    """Where a TOML document holds an integer too long to read, naming its key and line."""
    m = next((m for m in _LONG_INT.finditer(text) if m[0].count("_") < len(m[0]) - 4300), None)
    if m is None:
        return None
    start = text.rfind("\n", 0, m.start()) + 1
    line_no = text.count("\n", 0, m.start()) + 1
    key = _KEY.match(text, start)
    tables = list(_TABLE.finditer(text, 0, start))
    path = ".".join(
        part.strip().strip("\"'")
        for part in ([tables[-1][1]] if tables else []) + ([key[1]] if key else [])
    )
    digits = len(m[0].replace("_", ""))
    return DocumentError(f"a number of {digits:,} digits is out of range (line {line_no})", path)


def loads_toml(text: str) -> dict[str, Any]:
    """A TOML document with exact decimals; refusals as for :func:`loads_json`."""
    limits = CURRENT.limits
    try:
        data = tomllib.loads(text, parse_float=Decimal)
    except tomllib.TOMLDecodeError as exc:
        raise DocumentError(f"not valid TOML: {exc}") from None
    except RecursionError:
        raise DocumentError(_deep_message(limits.max_depth)) from None
    except ValueError as exc:  # an integer longer than Python converts
        problem = _long_integer_problem(text)
        raise (problem or DocumentError(f"not valid TOML: {exc}")) from None
    if _nests(text, limits.max_depth) and _too_deep(data, limits.max_depth):
        raise DocumentError(_deep_message(limits.max_depth))
    return data


def load_document(path: str | Path) -> Any:
    """Read a TOML or JSON file, chosen by its suffix."""
    suffix = Path(path).suffix.lower()
    if suffix not in (".toml", ".json"):
        raise DocumentError("unknown file type (use .toml or .json)")
    text = read_text(path)
    return loads_toml(text) if suffix == ".toml" else loads_json(text)
