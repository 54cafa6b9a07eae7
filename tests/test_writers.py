"""The generated writers write a reason's ``params`` exactly as the converter does: JSON values
as they are (an enum member as its value), anything else the converter's way."""

from __future__ import annotations

import json
from decimal import Decimal
from typing import Any

import pytest

from supportcore.convert import _dict_writers, _json_writers, converter
from supportcore.model import Channel
from supportcore.reasons import Reason


@pytest.mark.parametrize(
    "params",
    [
        {},
        {"until": "2026-07-14", "days": 3, "paid": False, "note": None},
        {"channel": Channel.PHONE, "offered": [Channel.PHONE, "email"]},
        {"price": {"amount": "12.50", "currency": "EUR"}, "lines": [[1, 2], {"a": "b"}]},
        {"rate": 0.5},
        {"rate": Decimal("0.21")},  # not a JSON value: the converter decides
        {1: "a key that is not a string"},
    ],
)
def test_params_are_written_as_the_converter_writes_them(params: dict[Any, Any]) -> None:
    reason = Reason("free-period", "Free until then", params=params)
    expected = converter.unstructure(reason)["params"]
    written = _dict_writers.for_class(Reason)(reason)["params"]
    assert written == expected
    assert json.dumps(written) == json.dumps(expected)
    text = _json_writers.for_class(Reason)(reason)
    assert json.loads(text)["params"] == json.loads(json.dumps(expected, default=str))


def test_written_params_are_a_copy() -> None:
    params = {"offered": ["phone"], "price": {"amount": "1"}}
    reason = Reason("r", "m", params=params)
    written = _dict_writers.for_class(Reason)(reason)["params"]
    written["offered"].append("email")
    written["price"]["amount"] = "2"
    assert params == {"offered": ["phone"], "price": {"amount": "1"}}
