"""Tax ids: checked with python-stdnum for every country it knows; the rest reported unchecked."""

from __future__ import annotations

import pytest

from supportcore.taxid import tax_id_validator, validate_tax_id


@pytest.mark.parametrize(
    ("country", "number", "normalized"),
    [
        ("ES", "B12345674", "B12345674"),
        ("FR", "FR 40 303 265 045", "40303265045"),
        ("DE", "DE136695976", "136695976"),
        ("CL", "76.086.428-5", "760864285"),
    ],
)
def test_a_valid_tax_id_of_any_country_stdnum_knows_is_normalized(country, number, normalized):
    assert validate_tax_id(country, number) == (normalized, None)


def test_an_invalid_tax_id_is_a_problem_naming_the_kind_of_number():
    normalized, problem = validate_tax_id("FR", "123")
    assert normalized is None and problem is not None and "French VAT number" in problem


@pytest.mark.parametrize("country", ["US", "XX", "../x", "España"])
def test_a_country_without_a_validator_is_reported_not_silently_accepted(country):
    number, problem = validate_tax_id(country, "123")
    assert number == "123" and problem is not None and "not checked" in problem
    assert tax_id_validator(country) is None


def test_an_unchecked_tax_id_is_a_recorded_warning_on_the_decision(engine, acme):
    case = acme.case({"customer.tax_id": {"country": "US", "number": "1"}})
    decision = engine.evaluate(case)
    (problem,) = decision.problems
    assert problem.field == "customer.tax_id" and problem.severity == "warning"
    assert "not checked" in problem.message
