"""Helpers of the input matrix and the fuzz: a complete valid case of the test vendor ACME,
and changes to it, written as ``{"dotted.path[0].key": value}``."""

from __future__ import annotations

import copy
import json
import re
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import tomli_w

from ..conftest import ACME_BASE, ACME_SETTINGS

__all__ = [
    "CASE",
    "DROP",
    "SETTINGS",
    "Digits",
    "as_python",
    "changed",
    "write_case",
    "write_text",
]

#: A case that uses every part of the model: customer, licence with a cost, a contract with
#: usage, request with contact, environment and facts, a ticket with events.
CASE: dict[str, Any] = {
    **copy.deepcopy(ACME_BASE),
    "contracts": [
        {
            "id": "C-1",
            "start": "2025-01-01",
            "end": "2026-01-01",
            "product": "Widget",
            "plan": "basic",
            "included_minutes": 600,
            "channels": ["phone"],
            "usage": [{"at": "2025-02-01T10:00:00+01:00", "minutes": 30}],
        }
    ],
    "ticket": {
        "id": "T-1",
        "events": [
            {"at": "2025-03-03T09:00:00+01:00", "kind": "opened", "by": "customer"},
            {"at": "2025-03-03T09:30:00+01:00", "kind": "work_session", "minutes": 20},
        ],
    },
}
CASE["licences"][0]["cost"] = {"amount": "180.00", "currency": "EUR"}
CASE["request"] = {
    **CASE["request"],
    "contact": {"contact_person": "Ana Ruiz", "tax_id": "B12345674"},
    "environment": {"os": "Windows 11", "os_bits": 64, "extra": {"site": "Granada"}},
    "facts": {"plan_card": "yes"},
}

SETTINGS: dict[str, Any] = copy.deepcopy(ACME_SETTINGS)

#: A value that removes the key.
DROP = object()


class Digits:
    """An integer of ``n`` digits (``1000…0``), written as such in a JSON file, where Python's
    ``json`` refuses to write one over 4,300 digits."""

    def __init__(self, n: int) -> None:
        self.n = n

    @property
    def marker(self) -> str:
        return f"@@digits-{self.n}@@"

    @property
    def value(self) -> int:
        return 10 ** (self.n - 1)


def _json_default(value: object) -> str:
    if isinstance(value, Digits):
        return value.marker
    raise TypeError(type(value).__name__)


def as_python(data: Any) -> Any:
    """``data`` with each :class:`Digits` as the Python integer (for the Python API)."""
    if isinstance(data, Digits):
        return data.value
    if isinstance(data, dict):
        return {k: as_python(v) for k, v in data.items()}
    if isinstance(data, list):
        return [as_python(v) for v in data]
    return data


_STEP = re.compile(r"([^.\[\]]+)|\[(\d+)\]")


def changed(base: Mapping[str, Any], changes: Mapping[str, Any]) -> dict[str, Any]:
    """A deep copy of ``base`` with each ``path: value`` of ``changes`` applied."""
    data: Any = copy.deepcopy(base)
    for path, value in changes.items():
        steps = [int(i) if i else key for key, i in _STEP.findall(path)]
        target = data
        for step in steps[:-1]:
            target = target[step]
        if value is DROP:
            del target[steps[-1]]
        else:
            target[steps[-1]] = value
    return data


def write_text(directory: Path, name: str, text: str | bytes) -> Path:
    path = directory / name
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    return path


def write_case(directory: Path, data: Any, suffix: str = ".json", name: str = "case") -> Path:
    """``data`` as a case file: JSON (:class:`Digits` written as digits) or TOML."""
    if suffix == ".toml":
        return write_text(directory, name + suffix, tomli_w.dumps(data))
    text = json.dumps(data, default=_json_default)
    for n in {int(m) for m in re.findall(r'"@@digits-(\d+)@@"', text)}:
        text = text.replace(f'"@@digits-{n}@@"', "1" + "0" * (n - 1))
    return write_text(directory, name + suffix, text)
