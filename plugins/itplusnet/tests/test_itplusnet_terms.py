"""The clause catalogue: verbatim texts, kinds, settings, interpretations, and the registry that
every normative clause is exercised by at least one test."""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Any

import pytest
import supportcore_itplusnet

from supportcore import CATEGORIES, Channel, Clause, ClauseKind, SettingKind
from supportcore.testing.clauses import unexercised, unknown_marked, verbatim_problems

TESTS = Path(__file__).resolve().parent
REPO = TESTS.parents[2]
SEED = Path(__file__).resolve().parent / "data" / "terms-source.txt"
TERMS_TOML = Path(supportcore_itplusnet.__file__).with_name("terms.toml")

TERMS = supportcore_itplusnet.supportcore_terms()
VERSION = TERMS.latest


@pytest.mark.parametrize("clause", VERSION.clauses, ids=lambda c: c.id)
def test_clause_text_is_verbatim_from_the_document(clause: Clause) -> None:
    assert verbatim_problems([clause], SEED.read_text(encoding="utf-8")) == []


def test_every_clause_has_a_gloss_a_section_and_rules_if_normative() -> None:
    for clause in VERSION.clauses:
        assert clause.gloss and clause.section, clause.id
        if clause.kind is ClauseKind.NORMATIVE:
            assert clause.rules, f"{clause.id} names no rule applying it"


def test_rules_named_by_clauses_exist_in_the_plugin() -> None:
    """Each rule a clause names is a function of the plugin, or a table of its terms
    (``[calendars.support]``, ``[[coverage]]``) that the core applies."""
    from supportcore_itplusnet import (
        closure,
        coverage,
        eligibility,
        facts,
        prepared,
        pricing,
        service,
    )

    modules = (closure, coverage, eligibility, facts, prepared, pricing, service)
    data = tomllib.loads(TERMS_TOML.read_text(encoding="utf-8"))
    for clause in VERSION.clauses:
        for rule in clause.rules:
            if rule.startswith("["):
                table: Any = data
                for key in rule.strip("[]").split("."):
                    table = table.get(key) if isinstance(table, dict) else None
                assert table, f"{clause.id}: no table {rule} in terms.toml"
            else:
                assert any(hasattr(m, rule) for m in modules), f"{clause.id}: no function {rule!r}"


def test_every_normative_sentence_of_the_document_is_a_clause() -> None:
    ids = {c.id for c in VERSION.clauses if c.kind is ClauseKind.NORMATIVE}
    assert len(ids) == 26
    assert {"ITP-PAY-1", "ITP-CAP-1", "ITP-HOURS-4", "ITP-SEP-1", "ITP-LIM-HARDWARE"} <= ids


def test_interpretations_cite_known_clauses_and_existing_settings() -> None:
    keys = {s.key for s in TERMS.settings}
    assert len(VERSION.interpretations) >= 10
    for interp in VERSION.interpretations:
        assert interp.reading and interp.question
        if interp.setting is not None:
            assert interp.setting in keys, interp.id


def test_no_price_has_a_default() -> None:
    """The document publishes no price: every money setting must come from the integrator."""
    for spec in TERMS.settings:
        if spec.kind is SettingKind.MONEY:
            assert spec.default is None, spec.key
        if spec.default is not None:
            assert spec.default_source, f"{spec.key}: a default needs its source"


def test_iva_default_is_the_statutory_19_percent() -> None:
    spec = TERMS.setting("tax_rate")
    assert str(spec.default) == "0.19"
    assert "825" in spec.default_source


def test_vendor_info_names_chile_clp_santiago_and_extra_categories() -> None:
    info = TERMS.info
    assert info is not None
    assert (info.name, info.country, info.currency, info.timezone) == (
        "itplusnet",
        "CL",
        "CLP",
        "America/Santiago",
    )
    assert Channel.PHONE in info.channels and Channel.REMOTE in info.channels
    assert not set(info.categories) & set(CATEGORIES), "vendor categories shadow shared ones"
    assert {"isbutton", "virtual_disk", "report_corporate_image"} <= set(info.categories)


# --------------------------------------------------------------------------- the registry


def test_every_normative_clause_is_exercised_by_a_marked_test() -> None:
    assert unexercised(VERSION, TESTS) == [], "normative clauses without a test"
    assert unknown_marked(VERSION, TESTS) == {}, "markers naming unknown clauses"
