"""The clause catalogue: verbatim texts, kinds, rules, settings, interpretations, test coverage."""

from __future__ import annotations

from decimal import Decimal
from importlib import metadata
from pathlib import Path

import pytest
import supportcore_juweliers
from supportcore_juweliers import (
    checks,
    closure,
    coverage,
    eligibility,
    facts,
    pricing,
    service,
)

from supportcore import ClauseKind, SettingKind
from supportcore.testing.clauses import normalise, unexercised, unknown_marked, verbatim_problems

TESTS = Path(__file__).resolve().parent
REPO = TESTS.parents[2]
SEED = Path(__file__).resolve().parent / "data" / "terms-source.txt"
TERMS = supportcore_juweliers.TERMS
VERSION = TERMS.latest
RULE_MODULES = (facts, eligibility, coverage, pricing, service, closure, checks)


@pytest.mark.parametrize("clause", VERSION.clauses, ids=lambda c: c.id)
def test_clause_text_is_verbatim_from_the_document(clause):
    assert verbatim_problems([clause], SEED.read_text(encoding="utf-8")) == []


def test_every_sentence_after_the_navigation_is_a_clause():
    text = normalise(SEED.read_text(encoding="utf-8"))
    body = text[text.index("Bijstandsovereenkomst Juwelierssoftware") :]
    for clause in VERSION.clauses:
        body = body.replace(clause.text, " ")
    leftover = normalise(body.replace("•", " ").replace("(", " ").replace(")", " "))
    assert leftover == ".", f"text not in any clause: {leftover!r}"


def test_clause_kinds():
    kinds = [c.kind for c in VERSION.clauses]
    assert kinds.count(ClauseKind.NORMATIVE) == 19
    assert kinds.count(ClauseKind.GUIDANCE) == 1
    assert kinds.count(ClauseKind.INFORMATIVE) == 3


def test_every_normative_clause_names_rules_that_exist():
    for clause in VERSION.clauses:
        if clause.kind is ClauseKind.NORMATIVE:
            assert clause.rules, clause.id
        for rule in clause.rules:
            assert any(hasattr(m, rule) for m in RULE_MODULES), f"{clause.id}: no rule {rule}"


def test_interpretations_name_declared_settings_and_known_clauses():
    keys = {s.key for s in TERMS.settings}
    for i in VERSION.interpretations:
        assert i.reading
        if i.setting is not None:
            assert i.setting in keys, i.id
            spec = TERMS.setting(i.setting)
            assert spec.kind in (SettingKind.CHOICE, SettingKind.BOOLEAN)
            assert i.id in spec.default_source
        for cid in i.clauses:
            assert cid in VERSION


def test_no_price_rate_or_schedule_has_an_invented_default():
    for spec in TERMS.settings:
        if spec.kind in (
            SettingKind.MONEY,
            SettingKind.MONEY_TABLE,
            SettingKind.CALENDAR,
            SettingKind.CLOSURES,
            SettingKind.INTEGER,
        ):
            assert spec.default is None, spec.key
        if spec.default is not None:
            assert spec.default_source, spec.key


def test_the_tax_rate_default_is_the_belgian_standard_rate_by_law():
    spec = TERMS.setting("tax_rate")
    assert spec.kind is SettingKind.RATE
    assert Decimal(spec.default) == Decimal("0.21")
    assert "WBTW" in spec.default_source and "KB nr. 20" in spec.default_source


def test_the_identity_table_matches_the_entry_point_name():
    info = TERMS.info
    assert info is not None and info.name == TERMS.vendor == "juweliers"
    assert (info.country, info.currency, info.timezone) == ("BE", "EUR", "Europe/Brussels")
    assert supportcore_juweliers.SUPPORTCORE_HOOK_API == 2


def test_the_cli_shows_every_clause():
    eps = metadata.entry_points(group="supportcore", name="juweliers")
    if not eps:
        pytest.skip("supportcore-juweliers is not installed (entry point absent)")
    from click.testing import CliRunner

    from supportcore.cli import main

    result = CliRunner().invoke(main, ["terms", "juweliers", "--plugins", "juweliers"])
    assert result.exit_code == 0, result.output
    for clause in VERSION.clauses:
        assert clause.id in result.output


def test_every_normative_clause_is_exercised_by_a_test():
    assert unexercised(VERSION, TESTS) == [], "normative clauses without a test"
    assert unknown_marked(VERSION, TESTS) == {}, "marks naming unknown clauses"
