"""informapuntcom: the clause catalogue — verbatim texts, rules, settings, test coverage."""

from __future__ import annotations

import importlib
from pathlib import Path

import pytest
import supportcore_informapuntcom

from supportcore import ClauseKind, Engine, SettingKind
from supportcore.testing.clauses import unexercised, unknown_marked, verbatim_problems

TERMS = supportcore_informapuntcom.TERMS
VERSION = TERMS.latest
TESTS = Path(__file__).parent
SEED = Path(__file__).resolve().parent / "data" / "terms-source.txt"
MODULES = (
    *("", ".facts", ".eligibility"),
    *(".coverage", ".pricing", ".closure", ".service"),
)


def test_every_clause_is_verbatim_from_the_document():
    assert verbatim_problems(VERSION, SEED.read_text(encoding="utf-8")) == []


def test_catalogue_counts_by_kind():
    kinds = [c.kind for c in VERSION.clauses]
    assert kinds.count(ClauseKind.NORMATIVE) == 56
    assert kinds.count(ClauseKind.GUIDANCE) == 4
    assert kinds.count(ClauseKind.INFORMATIVE) == 6


def test_every_normative_clause_names_rules_that_exist():
    known: set[str] = set()
    for suffix in MODULES:
        module = importlib.import_module("supportcore_informapuntcom" + suffix)
        known |= {name for name in dir(module) if callable(getattr(module, name))}
    for c in VERSION.clauses:
        if c.kind is ClauseKind.NORMATIVE:
            assert c.rules, f"{c.id} names no rule"
        unknown = set(c.rules) - known
        assert not unknown, f"{c.id} names unknown rules {sorted(unknown)}"


def test_interpretations_name_declared_settings():
    keys = {s.key for s in TERMS.settings}
    for i in VERSION.interpretations:
        assert i.setting is None or i.setting in keys


def test_only_the_law_gives_a_number_by_default():
    """No tariff, price or schedule has a default; IVA has one from the law."""
    for s in TERMS.settings:
        if s.kind in (
            SettingKind.MONEY,
            SettingKind.MONEY_TABLE,
            SettingKind.CALENDAR,
            SettingKind.STRING_LIST,
            SettingKind.HOURS_TABLE,
        ):
            assert s.default is None, s.key
        if s.default is not None:
            assert s.default_source, s.key
    assert TERMS.setting("tax_rate").default == "0.21"
    assert TERMS.setting("tax_rate").kind is SettingKind.RATE
    assert "Ley 37/1992" in TERMS.setting("tax_rate").default_source


def test_every_normative_clause_is_exercised_by_a_test():
    assert unexercised(VERSION, TESTS) == []
    assert unknown_marked(VERSION, TESTS) == {}


def test_plugin_loads_through_the_engine_with_no_settings():
    engine = Engine(
        {}, entry_points=False, extra=[("informapuntcom", supportcore_informapuntcom)], strict=True
    )
    vp = engine.vendor("informapuntcom")
    assert vp.info.currency == "EUR" and vp.info.timezone == "Europe/Madrid"
    assert vp.info.products == ("eSAT", "eServicios", "eFacturación")
    assert engine.calendars("informapuntcom") == {}


def test_terms_command_shows_every_clause():
    from click.testing import CliRunner

    from supportcore.cli import main
    from supportcore.plugins import load_plugins

    if "informapuntcom" not in load_plugins().vendors:
        pytest.skip("the plugin is not installed (no entry point)")
    result = CliRunner().invoke(main, ["terms", "informapuntcom", "--json"])
    assert result.exit_code == 0, result.output
    import json

    data = json.loads(result.output)
    shown = {c["id"] for v in data["versions"] for c in v["clauses"]}
    assert shown == {c.id for c in VERSION.clauses}
