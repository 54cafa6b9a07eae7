"""The examples of docs/terms-tables.md stay valid tables."""

from __future__ import annotations

import re
import tomllib
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from supportcore.tables import EMPTY_TABLES
from supportcore.terms import parse_terms

DOC = Path(__file__).resolve().parents[2] / "docs" / "terms-tables.md"
BLOCKS = re.findall(r"```toml\n(.*?)```", DOC.read_text(encoding="utf-8"), re.S)

#: The settings the examples name, with the kinds the five vendors give them.
SETTINGS: dict[str, dict[str, Any]] = {
    "public_holidays": {"kind": "choice", "choices": ["none", "national", "national_andalusia"]},
    "closing_times": {"kind": "choice", "choices": ["inclusive", "exclusive"]},
    "holiday_subdivision": {"kind": "string"},
    "observe_public_holidays": {"kind": "boolean"},
    "holiday_periods_close_internet_help": {"kind": "boolean"},
    "prices_include_iva": {"kind": "boolean"},
    "closures": {"kind": "closures"},
    "holiday_periods": {"kind": "closures"},
    "business_hours": {"kind": "calendar"},
    "office_hours": {"kind": "calendar"},
    "price_reinstallation": {"kind": "money"},
    "plan_response_hours": {"kind": "hours_table"},
    "tax_rate": {"kind": "rate"},
}


def _terms(block: str) -> dict[str, Any]:
    data = tomllib.loads(block, parse_float=Decimal)
    declared = {s["key"] for s in data.get("settings", [])}
    data.setdefault("settings", []).extend(
        {"key": key, "description": key, **spec}
        for key, spec in SETTINGS.items()
        if key not in declared
    )
    ids = sorted(set(re.findall(r'"([A-Z]{2,3}-[A-Z0-9-]+)"', block)))
    clauses = [{"id": cid, "text": cid, "gloss": cid} for cid in ids]
    data["vendor"] = "example"
    data["versions"] = [{"version": "1", "effective_from": date(2025, 1, 1), "clauses": clauses}]
    return data


def test_the_reference_has_examples():
    assert len(BLOCKS) >= 10


@pytest.mark.parametrize("block", BLOCKS, ids=[f"block-{i}" for i in range(len(BLOCKS))])
def test_every_example_of_the_reference_is_a_valid_table(block):
    assert parse_terms(_terms(block)).tables is not EMPTY_TABLES
