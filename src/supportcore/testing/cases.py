"""Readable case builders for tests: a base case as a dict, changes as dotted paths.

    factory = CaseFactory({"vendor": "binarema", "at": "...", "request": {...}})
    case = factory.case({"request.category": "hardware", "licences[0].version": "4"})

Cases go through the public converter, so tests exercise the same validation as case files.
"""

from __future__ import annotations

import copy
import itertools
import re
from collections.abc import Mapping
from typing import Any

from ..convert import case_from_dict
from ..model import Case

__all__ = ["CaseFactory", "set_path"]

_PART = re.compile(r"([^.\[\]]+)|\[(\d+)\]")


def set_path(data: dict[str, Any], path: str, value: Any) -> None:
    """Set ``value`` at a dotted path such as ``request.contact.phone`` or ``licences[0].version``.

    Missing tables are created; ``None`` deletes the key.
    """
    parts: list[str | int] = [m[1] if m[1] else int(m[2]) for m in _PART.finditer(path)]
    node: Any = data
    for part, nxt in itertools.pairwise(parts):
        if isinstance(part, int):
            if part == len(node):  # one past the end appends a new item
                node.append([] if isinstance(nxt, int) else {})
            node = node[part]
        else:
            if part not in node or node[part] is None:
                node[part] = [] if isinstance(nxt, int) else {}
            node = node[part]
    last = parts[-1]
    if value is None and isinstance(last, str):
        node.pop(last, None)
    elif isinstance(last, int) and last == len(node):
        node.append(value)
    else:
        node[last] = value


class CaseFactory:
    """Builds case dicts and :class:`Case` objects from a base plus dotted-path changes."""

    def __init__(self, base: Mapping[str, Any]) -> None:
        self.base = copy.deepcopy(dict(base))

    def dict(self, changes: Mapping[str, Any] | None = None, /, **top: Any) -> dict[str, Any]:
        data = copy.deepcopy(self.base)
        for key, value in top.items():
            set_path(data, key, value)
        for path, value in (changes or {}).items():
            set_path(data, path, value)
        return data

    def case(self, changes: Mapping[str, Any] | None = None, /, **top: Any) -> Case:
        return case_from_dict(self.dict(changes, **top))
