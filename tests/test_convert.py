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
    instants,
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
        (
            {
                "ticket.events": [
                    {"at": "2025-03-03T09:00:00+01:00", "kind": "note"},
                    {"at": "2025-03-05T09:00:00+01:00", "kind": "note"},
                    {"at": "2025-03-06T09:00:00+01:00", "kind": "note"},
                ]
            },
            "ticket.events[1].at: 2025-03-05T09:00:00+01:00 is after the evaluation instant",
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
    first = instants.parse_datetime(text)
    again = instants.structure_datetime(text, None)  # the zone is known now: the quick path
    assert (again, again.utcoffset(), again.tzinfo) == (first, first.utcoffset(), first.tzinfo)


@pytest.mark.parametrize(
    ("text", "zone"),
    [
        ("2026-03-29T02:30[Europe/Madrid]", "Europe/Madrid"),
        ("2026-09-06T00:30[America/Santiago]", "America/Santiago"),
        ("2026-03-08T02:15[America/New_York]", "America/New_York"),
    ],
)
def test_a_local_time_the_clocks_skip_is_refused_with_the_reason(acme, text, zone):
    for read in (instants.parse_datetime, lambda t: instants.structure_datetime(t, None)):
        with pytest.raises(ValueError, match=f"does not exist in {zone}: the clocks skip"):
            read(text)
    with pytest.raises(InputError, match=r"^at: .* does not exist"):
        acme.case({"at": text})


def test_an_ambiguous_local_time_means_its_first_occurrence_unless_an_offset_says(acme):
    first = instants.parse_datetime("2026-10-25T02:30[Europe/Madrid]")
    second = instants.parse_datetime("2026-10-25T02:30+01:00[Europe/Madrid]")
    assert first.utcoffset().total_seconds() == 7200  # summer time, before the clocks go back
    assert second.utcoffset().total_seconds() == 3600
    assert second.timestamp() - first.timestamp() == 3600


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("1899-12-31T23:00:00+00:00", r"out of range \(years 1900 to 2200\)"),
        ("2201-01-01T00:00:00[Europe/Madrid]", r"out of range \(years 1900 to 2200\)"),
        ("9999-12-31T23:59:59+00:00", "out of range"),
    ],
)
def test_instants_outside_the_accepted_years_are_refused(text, message):
    for read in (instants.parse_datetime, lambda t: instants.structure_datetime(t, None)):
        with pytest.raises(ValueError, match=message):
            read(text)


def test_duplicate_json_keys_are_refused(tmp_path):
    path = tmp_path / "case.json"
    path.write_text('{"vendor": "acme", "request": {"category": "a", "category": "b"}}')
    with pytest.raises(InputError, match="the key 'category' appears twice"):
        read_document(path)


def test_a_byte_order_mark_is_allowed(tmp_path):
    path = tmp_path / "case.json"
    path.write_bytes(b"\xef\xbb\xbf" + json.dumps({"vendor": "acme"}).encode())
    assert read_document(path) == {"vendor": "acme"}


def test_a_json_number_too_long_to_read_is_refused_by_its_field(tmp_path, acme):
    path = tmp_path / "case.json"
    data = {**acme.dict(), "ticket": {"events": [{"at": "x", "kind": "note", "minutes": 0}]}}
    path.write_text(json.dumps(data).replace('"minutes": 0', '"minutes": 1' + "0" * 5000))
    with pytest.raises(InputError) as info:
        convert.load_case_file(path)
    fields = [p.field for p in info.value.problems]
    assert "ticket.events[0].minutes" in fields
    assert "a number of 5,001 digits is out of range" in str(info.value)


def test_the_quick_reader_refuses_what_the_converter_refuses(acme):
    """A list over the limit, a skipped local time: the quick reader gives up, the converter
    words the refusal (so the quick path never accepts more)."""
    too_many = acme.dict(
        {"ticket.events": [{"at": "2025-03-03T09:00+01:00", "kind": "note"}] * 10_001}
    )
    skipped = acme.dict({"request.received_at": "2026-03-29T02:30[Europe/Madrid]"})
    for data in (too_many, skipped):
        with pytest.raises(Exception):  # noqa: B017 (any refusal hands over to the converter)
            convert._read_case(data)
        with pytest.raises(InputError):
            case_from_dict(data)


def test_the_facts_of_a_case_are_read_only_and_survive_round_trips(acme):
    import copy
    import pickle

    case = acme.case({"request.facts": {"plan": "gold"}, "request.environment.extra": {"a": "b"}})
    for attempt in (
        lambda: case.request.facts.__setitem__("plan", "free"),
        lambda: case.request.facts.pop("plan"),
        lambda: case.request.environment.extra.clear(),
    ):
        with pytest.raises(TypeError, match="read-only"):
            attempt()
    assert case_from_dict(json.loads(json.dumps(case_to_dict(case)), parse_float=Decimal)) == case
    assert case_from_dict(tomllib.loads(tomli_w.dumps(case_to_dict(case)))) == case
    assert pickle.loads(pickle.dumps(case)) == case and copy.deepcopy(case) == case
