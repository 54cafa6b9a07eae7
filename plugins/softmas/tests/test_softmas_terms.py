"""The clause catalogue: verbatim texts, rules that exist, settings, and the test registry."""

from __future__ import annotations

import importlib.metadata
from pathlib import Path

import pytest
import supportcore_softmas
from supportcore_softmas import (
    closure,
    coverage,
    eligibility,
    facts,
    history,
    pricing,
)

from supportcore import ClauseKind, load_terms
from supportcore.terms import SettingKind
from supportcore.testing.clauses import unexercised, unknown_marked, verbatim_problems

HERE = Path(__file__).resolve().parent
REPO = HERE.parents[2]
SEED = Path(__file__).resolve().parent / "data" / "terms-source.txt"
TERMS = load_terms("supportcore_softmas")
VERSION = TERMS.latest


MODULES = (supportcore_softmas, closure, coverage, eligibility, facts, history, pricing)


def test_hook_api_and_identity():
    info = TERMS.info
    assert info is not None
    assert supportcore_softmas.SUPPORTCORE_HOOK_API == 2
    assert (info.name, info.currency, info.timezone, info.country) == (
        "softmas",
        "MXN",
        "America/Mexico_City",
        "MX",
    )
    assert TERMS.vendor == "softmas"
    assert supportcore_softmas.supportcore_terms() is supportcore_softmas.supportcore_terms()


def test_every_clause_text_is_verbatim_from_the_seed():
    assert verbatim_problems(VERSION, SEED.read_text(encoding="utf-8")) == []


def test_the_news_teaser_is_not_part_of_the_terms():
    assert not [c.id for c in VERSION.clauses if "jornada" in c.text or "40 horas" in c.text]


def test_clause_counts_and_kinds():
    kinds = [c.kind for c in VERSION.clauses]
    assert kinds.count(ClauseKind.NORMATIVE) == 43
    assert kinds.count(ClauseKind.INFORMATIVE) == 8
    assert kinds.count(ClauseKind.GUIDANCE) == 1
    assert len({c.id for c in VERSION.clauses}) == len(VERSION.clauses)


def _exists(rule: str) -> bool:
    """A function of the plugin, or a table of its terms (``calendars.office``)."""
    table, _, name = rule.partition(".")
    tables = TERMS.tables
    if table == "calendars":
        return name in tables.calendar_tables
    if table == "service_levels":
        return bool(tables.service_levels)
    return any(hasattr(module, rule) for module in MODULES)


def test_every_normative_clause_names_rules_that_exist():
    for clause in VERSION.clauses:
        if clause.kind is ClauseKind.NORMATIVE:
            assert clause.rules, clause.id
        for rule in clause.rules:
            assert _exists(rule), f"{clause.id}: rule {rule!r} does not exist"


def test_interpretations_cite_real_clauses_and_declared_settings():
    keys = {s.key for s in TERMS.settings}
    for interp in VERSION.interpretations:
        for cid in interp.clauses:
            assert cid in VERSION, (interp.id, cid)
        if interp.setting is not None:
            assert interp.setting in keys, interp.id


def test_no_invented_prices_only_the_statutory_iva_has_a_default():
    priced = {SettingKind.MONEY, SettingKind.MONEY_TABLE, SettingKind.DECIMAL, SettingKind.RATE}
    defaults = {
        s.key: s.default_source
        for s in TERMS.settings
        if s.kind in priced and s.default is not None
    }
    assert list(defaults) == ["tax_rate"]
    assert "Ley del Impuesto al Valor Agregado" in defaults["tax_rate"]


def test_every_setting_with_a_default_says_where_it_comes_from():
    for s in TERMS.settings:
        if s.default is not None:
            assert s.default_source, s.key


@pytest.mark.skipif(
    "softmas" not in {ep.name for ep in importlib.metadata.entry_points(group="supportcore")},
    reason="the plugin is not installed (entry point missing)",
)
def test_the_terms_command_shows_every_clause():
    from click.testing import CliRunner

    from supportcore.cli import main

    result = CliRunner().invoke(main, ["terms", "softmas", "--json", "--plugins", "softmas"])
    assert result.exit_code == 0, result.output
    for clause in VERSION.clauses:
        assert clause.id in result.output


def test_every_normative_clause_is_exercised_by_a_marked_test():
    assert unexercised(VERSION, HERE) == []
    assert unknown_marked(VERSION, HERE) == {}
