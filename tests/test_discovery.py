"""Plugin discovery: isolation of broken plugins, allow/block lists, strict mode, API versions."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from supportcore import Engine, load_plugins
from supportcore.cli import main
from supportcore.engine import VendorUnavailable
from supportcore.plugins import PluginLoadError

ACME_EP = {"acme": "acme_support"}

RAISING = """
from supportcore import hookimpl
SUPPORTCORE_HOOK_API = 2

@hookimpl
def supportcore_terms():
    from supportcore.terms import parse_terms
    import tomllib, importlib.resources as r
    data = tomllib.loads(r.files("acme_support").joinpath("terms.toml").read_text())
    data["vendor"] = "boom"
    return parse_terms(data)

@hookimpl
def supportcore_eligibility(ctx, service):
    raise RuntimeError("database unreachable")
"""


def record(plugins, name):
    return next(r for r in plugins.records if r.name == name)


def names(plugins, status):
    return sorted(r.name for r in plugins.records if r.status == status)


def test_installed_vendor_is_discovered_with_distribution_and_version(fake_dists):
    fake_dists("supportcore-acme", ACME_EP, version="2.3")
    plugins = load_plugins(allow=["acme"])
    rec = next(r for r in plugins.records if r.name == "acme")
    assert (rec.kind, rec.status, rec.distribution, rec.version) == (
        "vendor",
        "loaded",
        "supportcore-acme",
        "2.3",
    )
    assert rec.terms_version == "2025" and rec.hook_api == 2
    assert "acme" in plugins.vendors


def test_plugin_that_fails_to_import_is_reported_and_others_keep_working(fake_dists):
    fake_dists("supportcore-acme", ACME_EP)
    fake_dists(
        "supportcore-broken",
        {"broken": "broken_mod"},
        {"broken_mod.py": "raise ImportError('no module named frobnicate')\n"},
    )
    plugins = load_plugins(allow=["acme", "broken"])
    broken = next(r for r in plugins.records if r.name == "broken")
    assert broken.status == "failed"
    assert broken.distribution == "supportcore-broken"
    assert "import failed" in broken.error and "frobnicate" in broken.error
    assert "acme" in plugins.vendors


def test_strict_mode_makes_a_load_failure_fatal(fake_dists):
    fake_dists("supportcore-broken", {"broken": "broken_mod2"}, {"broken_mod2.py": "1/0\n"})
    with pytest.raises(PluginLoadError, match=r"broken.*ZeroDivisionError"):
        load_plugins(allow=["broken"], strict=True)


def test_strict_mode_from_the_environment(fake_dists, monkeypatch):
    fake_dists("supportcore-broken", {"broken": "broken_mod3"}, {"broken_mod3.py": "1/0\n"})
    monkeypatch.setenv("SUPPORTCORE_STRICT", "1")
    with pytest.raises(PluginLoadError):
        load_plugins(allow=["broken"])


def test_blocked_plugin_is_not_loaded(fake_dists, monkeypatch):
    fake_dists("supportcore-acme", ACME_EP)
    plugins = load_plugins(allow=["acme"], block=["acme"])
    assert names(plugins, "blocked") == ["acme"] and not plugins.vendors
    monkeypatch.setenv("SUPPORTCORE_BLOCK_PLUGINS", "acme")
    assert not load_plugins(allow=["acme"]).vendors


def test_allow_list_from_the_environment(fake_dists, monkeypatch):
    fake_dists("supportcore-acme", ACME_EP)
    monkeypatch.setenv("SUPPORTCORE_PLUGINS", "nothing-else")
    plugins = load_plugins()
    assert "acme" not in plugins.vendors
    assert "acme" in names(plugins, "not_allowed")


def test_incompatible_hook_api_is_refused_with_both_versions(fake_dists):
    fake_dists(
        "supportcore-future",
        {"future": "future_mod"},
        {"future_mod.py": "SUPPORTCORE_HOOK_API = 99\n"},
    )
    plugins = load_plugins(allow=["future"])
    rec = record(plugins, "future")
    assert rec.status == "incompatible"
    assert "99" in rec.error and "supports 2" in rec.error


def test_a_plugin_written_for_hook_api_1_is_refused_and_pointed_at_the_migration(fake_dists):
    src = (
        "from supportcore import hookimpl\nSUPPORTCORE_HOOK_API = 1\n"
        "@hookimpl\ndef supportcore_eligibility(ctx, service):\n    return None\n"
    )
    fake_dists("supportcore-old-api", {"oldapi": "oldapi_mod"}, {"oldapi_mod.py": src})
    fake_dists("supportcore-acme", ACME_EP)
    plugins = load_plugins(allow=["oldapi", "acme"])
    rec = record(plugins, "oldapi")
    assert rec.status == "incompatible" and rec.hook_api == 1
    assert "written for hook API 1; this core supports 2" in rec.error
    assert "docs/plugin-authors.md" in rec.error and "migration" in rec.error
    assert "acme" in plugins.vendors  # the others keep working


def test_missing_hook_api_declaration_is_refused(fake_dists):
    fake_dists("supportcore-old", {"old": "old_mod"}, {"old_mod.py": "x = 1\n"})
    rec = record(load_plugins(allow=["old"]), "old")
    assert rec.status == "incompatible" and "SUPPORTCORE_HOOK_API" in rec.error


def test_unknown_hook_name_is_refused(fake_dists):
    src = (
        "from supportcore import hookimpl\nSUPPORTCORE_HOOK_API = 2\n"
        "@hookimpl\ndef supportcore_eligibilty(ctx, service):\n    return None\n"
    )
    fake_dists("supportcore-typo", {"typo": "typo_mod"}, {"typo_mod.py": src})
    rec = record(load_plugins(allow=["typo"]), "typo")
    assert rec.status == "failed" and "supportcore_eligibilty" in rec.error


def test_invalid_hook_signature_is_refused(fake_dists):
    src = (
        "from supportcore import hookimpl\nSUPPORTCORE_HOOK_API = 2\n"
        "@hookimpl\ndef supportcore_eligibility(ctx, service, wallet):\n    return None\n"
    )
    fake_dists("supportcore-badsig", {"badsig": "badsig_mod"}, {"badsig_mod.py": src})
    rec = record(load_plugins(allow=["badsig"]), "badsig")
    assert rec.status == "failed" and "wallet" in rec.error


def test_vendor_name_must_match_entry_point(fake_dists):
    fake_dists("supportcore-acme", {"notacme": "acme_support"})
    rec = record(load_plugins(allow=["notacme"]), "notacme")
    assert rec.status == "failed" and "differs from its entry-point name" in rec.error


def test_plugin_raising_inside_a_hook_fails_only_its_answer(fake_dists, acme):
    fake_dists("supportcore-acme", ACME_EP)
    fake_dists("supportcore-boom", {"boom": "boom_mod"}, {"boom_mod.py": RAISING})
    engine = Engine(allow=["acme", "boom"])
    decision = engine.evaluate(acme.case(vendor="boom"))
    assert decision.failures[0].hook == "supportcore_eligibility"
    assert "database unreachable" in decision.failures[0].error
    assert decision.eligibility.status == "undetermined"
    # the other vendor is unaffected
    ok = engine.evaluate(acme.case())
    assert not ok.failures and ok.eligibility.status == "entitled"


def test_each_vendor_only_answers_its_own_cases(fake_dists, acme):
    fake_dists("supportcore-acme", ACME_EP)
    fake_dists("supportcore-boom", {"boom": "boom_mod4"}, {"boom_mod4.py": RAISING})
    engine = Engine(allow=["acme", "boom"])
    callers = engine.plugins.vendors["acme"].callers
    impls = callers["supportcore_eligibility"].get_hookimpls()
    assert [i.plugin_name for i in impls] == ["acme"]


def test_plugin_manager_and_callers_are_built_once(engine, acme):
    before = dict(engine.plugins.vendors["acme"].callers)
    engine.evaluate(acme.case())
    engine.evaluate(acme.case())
    assert engine.plugins.vendors["acme"].callers == before
    assert engine.calendars("acme") is engine.calendars("acme")


# --------------------------------------------------------------------------- hardening


def test_two_distributions_claiming_one_vendor_name_are_both_refused_naming_both(fake_dists, acme):
    fake_dists("supportcore-acme", ACME_EP, version="2.3")
    fake_dists("supportcore-impostor", {"acme": "impostor_mod"}, {"impostor_mod.py": RAISING})
    plugins = load_plugins(allow=["acme"])
    claims = [r for r in plugins.records if r.name == "acme"]
    assert sorted(r.distribution for r in claims) == ["supportcore-acme", "supportcore-impostor"]
    for r in claims:
        assert r.status == "failed"
        assert "supportcore-acme 2.3 (acme_support)" in r.error
        assert "supportcore-impostor 1.0 (impostor_mod)" in r.error
    assert "acme" not in plugins.vendors
    assert plugins.failure("acme") is not None


def test_a_case_for_a_vendor_claimed_twice_is_a_plugin_failure_not_an_answer(fake_dists, acme):
    fake_dists("supportcore-acme", ACME_EP)
    fake_dists("supportcore-impostor", {"acme": "impostor_mod2"}, {"impostor_mod2.py": RAISING})
    engine = Engine(allow=["acme"])
    with pytest.raises(VendorUnavailable, match="claimed by 2 distributions"):
        engine.evaluate(acme.case())


def test_in_strict_mode_a_name_claimed_twice_is_fatal(fake_dists):
    fake_dists("supportcore-acme", ACME_EP)
    fake_dists("supportcore-impostor", {"acme": "impostor_mod3"}, {"impostor_mod3.py": RAISING})
    with pytest.raises(PluginLoadError, match="claimed by 2 distributions"):
        load_plugins(allow=["acme"], strict=True)


@pytest.mark.parametrize("allow", [[], [""], [" ", "  "]])
def test_an_allow_list_naming_no_plugin_is_no_filter(fake_dists, allow):
    fake_dists("supportcore-acme", ACME_EP)
    assert "acme" in load_plugins(allow=allow).vendors


@pytest.mark.parametrize("value", ["", " ", ","])
def test_an_empty_allow_list_in_the_environment_is_no_filter_either(fake_dists, monkeypatch, value):
    fake_dists("supportcore-acme", ACME_EP)
    monkeypatch.setenv("SUPPORTCORE_PLUGINS", value)
    assert "acme" in load_plugins().vendors


def test_the_empty_plugins_option_and_the_empty_variable_mean_the_same(fake_dists, monkeypatch):
    fake_dists("supportcore-acme", ACME_EP)
    monkeypatch.delenv("SUPPORTCORE_PLUGINS", raising=False)
    by_option = CliRunner().invoke(main, ["vendors", "--json", "--plugins", ""])
    monkeypatch.setenv("SUPPORTCORE_PLUGINS", "")
    by_variable = CliRunner().invoke(main, ["vendors", "--json"])
    assert by_option.output == by_variable.output
    statuses = {r["name"]: r["status"] for r in json.loads(by_option.output)}
    assert statuses["acme"] == "loaded"


@pytest.mark.parametrize(
    "source",
    [
        "import sys\nsys.exit(4)\n",
        "raise SystemExit\n",
        "from supportcore import hookimpl\nSUPPORTCORE_HOOK_API = 2\n"
        "@hookimpl\ndef supportcore_vendor_info():\n    raise SystemExit(0)\n",
        "from supportcore import hookimpl\nSUPPORTCORE_HOOK_API = 2\n"
        "@hookimpl\ndef supportcore_vendor_info():\n    raise GeneratorExit\n",
    ],
    ids=[
        "sys.exit-at-import",
        "SystemExit-at-import",
        "SystemExit-in-vendor_info",
        "GeneratorExit",
    ],
)
def test_a_plugin_exiting_while_it_loads_is_recorded_and_the_others_load(fake_dists, source):
    fake_dists("supportcore-acme", ACME_EP)
    module = f"exiting_{abs(hash(source))}"
    fake_dists("supportcore-exiting", {"exiting": module}, {f"{module}.py": source})
    plugins = load_plugins(allow=["acme", "exiting"])
    rec = record(plugins, "exiting")
    assert rec.status == "failed" and ("SystemExit" in rec.error or "GeneratorExit" in rec.error)
    assert plugins.failure("exiting") == rec
    assert "acme" in plugins.vendors and plugins.failure("acme") is None


def test_failure_is_none_for_a_plugin_that_is_not_installed_or_only_blocked(fake_dists):
    fake_dists("supportcore-acme", ACME_EP)
    plugins = load_plugins(allow=["acme"], block=["acme"])
    assert plugins.failure("acme") is None and plugins.failure("nobody") is None
