"""The generated JSON Schemas: well-formed 2020-12 schemas that every example case, example
settings file and corpus decision satisfies, and that refuse what the converter refuses."""

from __future__ import annotations

import json
import random
import sys
from datetime import date, datetime, time
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

jsonschema = pytest.importorskip("jsonschema")

from supportcore import Engine, load_plugins  # noqa: E402
from supportcore.cli import main  # noqa: E402
from supportcore.convert import decision_to_dict, read_document  # noqa: E402
from supportcore.documents import loads_toml, read_text  # noqa: E402
from supportcore.schema import case_schema, decision_schema, settings_schema  # noqa: E402

REPO = Path(__file__).resolve().parent.parent
EXAMPLES = sorted(REPO.glob("examples/*/[0-9]*.toml"))
SETTINGS = sorted(REPO.glob("examples/*/settings.toml"))


def as_json(value: Any) -> Any:
    """A TOML document's data as its JSON form (dates and times as ISO 8601 text)."""
    if isinstance(value, dict):
        return {k: as_json(v) for k, v in value.items()}
    if isinstance(value, list):
        return [as_json(v) for v in value]
    if isinstance(value, datetime | date | time):
        return value.isoformat()
    return value


def validator(schema: dict[str, Any]) -> Any:
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema)


@pytest.fixture(scope="module")
def plugins() -> Any:
    return load_plugins()


def test_the_schemas_are_valid_json_schema_2020_12(plugins):
    for schema in (case_schema(), decision_schema(), settings_schema(plugins)):
        assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
        validator(schema)


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: f"{p.parent.name}/{p.stem}")
def test_every_example_case_satisfies_the_case_schema_and_its_vendors(path, plugins):
    data = as_json(read_document(path))
    assert not list(validator(case_schema()).iter_errors(data))
    vendor = plugins.vendors[data["vendor"]]
    assert not list(validator(case_schema(vendor)).iter_errors(data))


@pytest.mark.parametrize("path", SETTINGS, ids=lambda p: p.parent.name)
def test_every_example_settings_file_satisfies_the_settings_schema(path, plugins):
    data = loads_toml(read_text(path))
    errors = list(validator(settings_schema(plugins)).iter_errors(as_json(data)))
    assert not errors, [e.message for e in errors]


def test_corpus_decisions_satisfy_the_decision_schema():
    sys.path.insert(0, str(REPO / "benchmarks"))
    try:
        import bench
    finally:
        sys.path.remove(str(REPO / "benchmarks"))
    tables, _, cases, _ = bench.load_corpus(12, lambda _msg: None)
    engine = Engine(tables)
    check = validator(decision_schema())
    seen = 0
    for case in random.Random(18).sample(cases, min(300, len(cases))):
        try:
            decision = engine.evaluate(case)
        except ValueError:  # an input error of a shifted variant: no decision to check
            continue
        data = json.loads(json.dumps(decision_to_dict(decision)))
        errors = [f"{list(e.absolute_path)}: {e.message}" for e in check.iter_errors(data)]
        assert not errors, (case["id"], errors[:5])
        seen += 1
    assert seen >= 200


def test_the_case_schema_refuses_an_unknown_key_and_a_naive_instant():
    check = validator(case_schema())
    base = as_json(read_document(EXAMPLES[0]))
    assert not check.is_valid({**base, "colour": "red"})
    assert not check.is_valid({**base, "at": "2026-03-10T10:15:00"})
    assert check.is_valid({**base, "at": "2026-03-10T10:15:00[Europe/Madrid]"})


def test_a_vendors_case_schema_names_its_products_and_categories(plugins):
    schema = case_schema(plugins.vendors["binarema"])
    request = schema["$defs"]["Request"]["properties"]
    assert "FactuCont" in request["product"]["enum"]
    assert "usage_question" in request["category"]["enum"]
    assert schema["$defs"]["Case"]["properties"]["vendor"] == {"const": "binarema"}


def test_minutes_and_list_lengths_carry_their_bounds():
    event = case_schema()["$defs"]["Event"]["properties"]
    assert event["minutes"]["anyOf"][0]["maximum"] == 1_000_000
    assert case_schema()["$defs"]["Ticket"]["properties"]["events"]["maxItems"] == 10_000


def test_field_comments_become_descriptions():
    contract = case_schema()["$defs"]["Contract"]["properties"]
    assert "consumed" in contract["usage"]["description"]


def test_a_decisions_statuses_are_their_fixed_sets():
    defs = decision_schema()["$defs"]
    assert defs["Eligibility"]["properties"]["status"]["enum"] == [
        "entitled",
        "not_entitled",
        "undetermined",
    ]
    assert "provenance" in defs["Decision"]["required"]


def test_a_vendors_settings_schema_lists_its_declared_settings(plugins):
    schema = settings_schema(plugins, "itplusnet")
    declared = {s.key for s in plugins.vendors["itplusnet"].terms.settings}
    assert set(schema["properties"]) == declared
    assert schema["additionalProperties"] is False


def test_schema_command_prints_each_schema():
    for args in (
        ["case"],
        ["decision"],
        ["settings"],
        ["case", "softmas"],
        ["settings", "juweliers"],
    ):
        result = CliRunner().invoke(main, ["schema", *args])
        assert result.exit_code == 0, result.output
        assert json.loads(result.output)["$schema"].endswith("2020-12/schema")


def test_schema_command_refuses_an_unknown_vendor():
    result = CliRunner().invoke(main, ["schema", "case", "nobody"])
    assert result.exit_code == 2
    assert "unknown vendor 'nobody'" in result.output
