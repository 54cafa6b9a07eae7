"""informapuntcom: the clause catalogue — verbatim texts, rules, settings, test coverage."""

from __future__ import annotations

import ast
import importlib
from pathlib import Path

import pytest
import supportcore_informapuntcom

from supportcore import ClauseKind, Engine, SettingKind

TERMS = supportcore_informapuntcom.TERMS
VERSION = TERMS.latest
TESTS = Path(__file__).parent
SEED = TESTS.parents[2] / ".." / "shared" / "seeds" / "001_60d5daf9091ae703.txt"
MODULES = ("", "._plan", "._request", "._ticket", "._service", "._closure")


def normalise(text: str) -> str:
    return " ".join(text.split())


@pytest.mark.skipif(not SEED.exists(), reason="the vendors' seed documents are not available")
def test_every_clause_is_verbatim_from_the_document():
    seed = normalise(SEED.read_text(encoding="utf-8"))
    missing = [c.id for c in VERSION.clauses if normalise(c.text) not in seed]
    assert missing == []


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
        if s.kind in (SettingKind.MONEY, SettingKind.MONEY_TABLE, SettingKind.CALENDAR,
                      SettingKind.STRING_LIST):
            assert s.default is None, s.key
        if s.default is not None:
            assert s.default_source, s.key
    assert TERMS.setting("vat_rate").default == "0.21"
    assert "Ley 37/1992" in TERMS.setting("vat_rate").default_source


def _marked_clause_ids() -> set[str]:
    """Clause ids given to ``clause(...)`` marks in this plugin's test files."""
    ids: set[str] = set()
    for path in TESTS.glob("test_informapuntcom_*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        aliases = {"clause"}
        for node in ast.walk(tree):
            if not isinstance(node, ast.Call):
                continue
            func = node.func
            name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
            if name in aliases:
                ids |= {
                    a.value for a in node.args
                    if isinstance(a, ast.Constant) and isinstance(a.value, str)
                }
    return ids


def test_every_normative_clause_is_exercised_by_a_test():
    normative = {c.id for c in VERSION.clauses if c.kind is ClauseKind.NORMATIVE}
    marked = _marked_clause_ids()
    assert normative - marked == set()
    assert marked - {c.id for c in VERSION.clauses} == set()


def test_plugin_loads_through_the_engine_with_no_settings():
    engine = Engine({}, entry_points=False,
                    extra=[("informapuntcom", supportcore_informapuntcom)], strict=True)
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
