"""The plugin test harness."""

from __future__ import annotations

import acme_support

from supportcore.testing.harness import VendorHarness, cited_clauses

from .conftest import ACME_BASE, ACME_SETTINGS

ACME = VendorHarness("acme", acme_support, ACME_BASE, ACME_SETTINGS["acme"])


def test_harness_evaluates_with_changes_and_cites():
    d = ACME.evaluate({"request.category": "training"})
    assert d.coverage.status == "billable"
    assert cited_clauses(d.coverage) == {"A4"}
    assert cited_clauses(d) >= {"A1", "A4"}


def test_settings_overrides_and_removal_are_cached_engines():
    without = ACME.evaluate({"request.category": "training"}, settings={"hourly_rate": None})
    assert without.price.status == "incomplete"
    assert ACME.engine({"hourly_rate": None}) is ACME.engine({"hourly_rate": None})
    assert ACME.engine() is not ACME.engine({"hourly_rate": None})


def test_replace_uses_exactly_the_given_table():
    assert ACME.table({"hourly_rate": "1"}, replace=True) == {"hourly_rate": "1"}


def test_case_factory_appends_one_past_the_end():
    data = ACME.factory.dict(
        {"licences[1].product": "Gadget", "licences[1].acquired_on": "2025-01-01"}
    )
    assert [lic["product"] for lic in data["licences"]] == ["Widget", "Gadget"]


def test_evaluate_with_replaced_settings_uses_exactly_that_table():
    replaced = ACME.evaluate({"request.category": "training"}, settings={}, replace=True)
    merged = ACME.evaluate({"request.category": "training"}, settings={})
    assert replaced.price.status == "incomplete"
    assert merged.price.status != "incomplete"
    assert ACME.engine({}, replace=True) is ACME.engine({}, replace=True)
    assert ACME.engine({}, replace=True) is not ACME.engine()


def test_strict_is_chosen_per_harness():
    assert ACME.engine().strict
    lenient = VendorHarness("acme", acme_support, ACME_BASE, ACME_SETTINGS["acme"], strict=False)
    assert not lenient.engine().strict
