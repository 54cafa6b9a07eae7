"""Case files and decisions through JSON and TOML; every bad input named by its field path."""

from __future__ import annotations

import json
import tomllib
from decimal import Decimal
from pathlib import Path

import pytest
import tomli_w
from hypothesis import given, settings
from hypothesis import strategies as st

from supportcore import (
    InputError,
    case_from_dict,
    case_to_dict,
    convert,
    decision_from_dict,
    decision_to_dict,
)
from supportcore.convert import dumps_toml, read_document
from supportcore.model import Case


def test_case_round_trips_through_json(acme):
    case = acme.case(
        {
            "ticket.events": [
                {"at": "2025-03-03T09:30:00+01:00", "kind": "work_session", "minutes": 25},
                {
                    "at": "2025-03-03T09:40:00+01:00",
                    "kind": "payment",
                    "amount": {"amount": "12.10", "currency": "EUR"},
                },
            ]
        }
    )
    text = json.dumps(case_to_dict(case))
    assert case_from_dict(json.loads(text, parse_float=Decimal)) == case


def test_case_round_trips_through_toml(acme):
    case = acme.case(
        {
            "contracts": [
                {
                    "id": "K",
                    "start": "2025-01-01",
                    "end": "2026-01-01",
                    "included_minutes": 600,
                    "channels": ["email", "phone"],
                }
            ]
        }
    )
    text = tomli_w.dumps(case_to_dict(case))
    assert case_from_dict(tomllib.loads(text, parse_float=Decimal)) == case


def test_toml_native_datetimes_with_offsets_are_accepted(acme):
    data = tomllib.loads(
        'vendor = "acme"\nat = 2025-03-03T10:00:00+01:00\n[request]\nproduct = "Widget"\n'
        'category = "installation"\nchannel = "phone"\nreceived_at = 2025-03-03T09:00:00+01:00\n'
    )
    assert case_from_dict(data).at.utcoffset().total_seconds() == 3600


def test_decision_round_trips_through_json_and_toml(engine, acme):
    d = engine.evaluate(acme.case({"request.category": "training"}))
    as_json = json.loads(json.dumps(decision_to_dict(d)))
    assert decision_from_dict(as_json) == d
    as_toml = tomllib.loads(dumps_toml(d))
    assert decision_from_dict(as_toml).price == d.price


def test_amounts_are_written_as_exact_strings(engine, acme):
    data = decision_to_dict(engine.evaluate(acme.case({"request.category": "training"})))
    assert data["price"]["total"] == {"amount": "60.50", "currency": "EUR"}


@pytest.mark.parametrize(
    ("changes", "expected"),
    [
        ({"request.received_at": "2025-03-03T09:00:00"}, "request.received_at: needs a time zone"),
        ({"at": "2025-03-03T10:00:00[Mars/Olympus]"}, "at: unknown time zone 'Mars/Olympus'"),
        ({"at": "yesterday"}, "at: 'yesterday' is not an ISO 8601 date-time"),
        ({"request.channel": "pigeon"}, "request.channel: 'pigeon' is not one of: phone"),
        ({"request.colour": "red"}, "request: unknown key(s): colour"),
        ({"request.category": None}, "request.category: required field is missing"),
        ({"request.urgent": "yes"}, "request.urgent: expected true or false"),
        (
            {"contracts": [{"id": "K", "start": "2025-02-01", "end": "2025-01-01"}]},
            "contracts[0].end: 2025-01-01 is not after start 2025-02-01",
        ),
        (
            {
                "ticket.events": [
                    {"at": "2025-03-03T09:00:00+01:00", "kind": "work_session", "minutes": -5}
                ]
            },
            "ticket.events[0].minutes: must not be negative",
        ),
        (
            {"ticket.events": [{"at": "2025-03-03T09:00:00+01:00", "kind": "work_session"}]},
            "ticket.events[0].minutes: a work session needs its minutes",
        ),
        (
            {"licences[0].acquired_on": "2025-13-01"},
            "licences[0].acquired_on: '2025-13-01' is not a date",
        ),
        ({"licences[0].cost": {"amount": 10.5, "currency": "EUR"}}, "not a float"),
        ({"licences[0].cost": {"amount": "10", "currency": "XXX"}}, "unknown currency 'XXX'"),
        (
            {"request.received_at": "2025-03-04T09:00:00+01:00"},
            "request.received_at: 2025-03-04T09:00:00+01:00 is after the evaluation instant",
        ),
        ({"request.environment.os_bits": 48}, "os_bits: must be 32 or 64"),
    ],
)
def test_bad_case_input_is_one_message_per_problem_naming_the_field(acme, changes, expected):
    with pytest.raises(InputError) as info:
        acme.case(changes)
    messages = [str(p) for p in info.value.problems]
    assert any(expected in m for m in messages), messages


def test_several_problems_are_all_reported(acme):
    with pytest.raises(InputError) as info:
        acme.case({"at": "2025-03-03T10:00:00", "request.urgent": "no"})
    fields = {p.field for p in info.value.problems}
    assert {"at", "request.urgent"} <= fields


@settings(max_examples=60, deadline=None)
@given(minutes=st.integers(0, 10_000), urgent=st.booleans(), bits=st.sampled_from([32, 64]))
def test_generated_cases_round_trip_through_json(minutes, urgent, bits):
    from supportcore.testing.cases import CaseFactory

    from .conftest import ACME_BASE

    case = CaseFactory(ACME_BASE).case(
        {
            "request.urgent": urgent,
            "request.environment.os_bits": bits,
            "ticket.events": [
                {"at": "2025-03-03T09:10:00+01:00", "kind": "work_session", "minutes": minutes}
            ],
        }
    )
    assert case_from_dict(json.loads(json.dumps(case_to_dict(case)), parse_float=Decimal)) == case


def test_events_in_the_repeated_autumn_hour_are_ordered_by_instant(acme):
    # 02:50 CEST comes before 02:10 CET on 2026-10-25 in Madrid
    events = [
        {"at": "2026-10-25T02:50:00+02:00[Europe/Madrid]", "kind": "vendor_reply"},
        {"at": "2026-10-25T02:10:00+01:00[Europe/Madrid]", "kind": "customer_reply"},
    ]
    case = acme.case(
        {"ticket.events": events, "request.received_at": "2026-10-24T09:00:00+02:00"},
        at="2026-10-25T09:00:00+01:00",
    )
    assert len(case.ticket.events) == 2


def test_events_out_of_order_are_refused(acme):
    events = [
        {"at": "2025-03-03T09:50:00+01:00", "kind": "vendor_reply"},
        {"at": "2025-03-03T09:10:00+01:00", "kind": "customer_reply"},
    ]
    with pytest.raises(InputError, match=r"ticket\.events\[1\]\.at: .* is before the previous"):
        acme.case({"ticket.events": events})


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2025-03-03T10:00:00+01:00", "2025-03-03T10:00:00+01:00"),
        ("2025-03-03T09:00:00Z", "2025-03-03T09:00:00+00:00"),
        ("  2025-03-03T10:00:00+01:00 ", "2025-03-03T10:00:00+01:00"),
        ("2025-03-03T10:00:00[Europe/Madrid]", "2025-03-03T10:00:00+01:00"),
        ("2025-03-03T11:00:00+02:00[Europe/Madrid]", "2025-03-03T10:00:00+01:00"),
    ],
)
def test_instants_in_every_accepted_spelling(acme, text, expected):
    """The quick path for plain ISO 8601 with an offset and the general one agree."""
    assert acme.case({"at": text}).at.isoformat() == expected


@pytest.mark.parametrize("text", ["2025-03-03", "2025-03-03T10:00:00", " 2025-03-03T10:00 "])
def test_instants_without_a_zone_are_refused_in_every_spelling(acme, text):
    with pytest.raises(InputError) as info:
        acme.case({"at": text})
    assert [p.field for p in info.value.problems] == ["at"]
    assert "time zone" in info.value.problems[0].message


EXAMPLE_CASES = sorted(
    p
    for p in (Path(__file__).resolve().parent.parent / "examples").glob("*/[0-9]*.toml")
    if p.parent.name != "overlays"
)


@pytest.mark.parametrize("path", EXAMPLE_CASES, ids=lambda p: f"{p.parent.name}/{p.stem}")
def test_the_quick_reader_reads_every_example_as_the_converter_does(path):
    """case_from_dict reads through generated readers and falls back to the converters; both
    must give the same case (and the reader must not give up on ordinary input)."""
    data = read_document(path)
    assert convert._read_case(data) == convert.structure(data, Case)


@pytest.mark.parametrize(
    "text",
    [
        "2025-03-03T10:00:00[Europe/Brussels]",
        "2025-03-03T11:00:00+02:00[Europe/Brussels]",
        "2025-10-26T02:30:00+01:00[Europe/Brussels]",  # the repeated hour, second time
        "2025-10-26T02:30:00+02:00[Europe/Brussels]",  # the repeated hour, first time
    ],
)
def test_bracketed_zones_read_the_same_the_first_and_the_second_time(text):
    first = convert.parse_datetime(text)
    again = convert._structure_datetime(text, None)  # the zone is known now: the quick path
    assert (again, again.utcoffset(), again.tzinfo) == (first, first.utcoffset(), first.tzinfo)
