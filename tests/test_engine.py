"""The engine through the public API, with the made-up ACME vendor."""

from __future__ import annotations

import copy
from pathlib import Path

import acme_support
import pytest

from supportcore import Engine, InputError, Settings, SettingsError, evaluate

from .conftest import ACME_SETTINGS as ACME_SETTINGS_TABLE

REPO = Path(__file__).resolve().parent.parent


def test_entitled_case_cites_the_clause_and_its_text(engine, acme):
    d = engine.evaluate(acme.case())
    assert d.eligibility.status == "entitled"
    cite = d.eligibility.basis[0].citations[0]
    assert (cite.vendor, cite.clause) == ("acme", "A1")
    assert cite.text == "Support is free for six months from purchase."


def test_uncovered_category_that_no_rule_decides_is_undetermined(engine, acme):
    d = engine.evaluate(acme.case({"request.category": "network"}))
    assert d.coverage.status == "undetermined"


def test_hook_returning_none_gives_undetermined_not_a_guess(acme):
    class Silent:
        SUPPORTCORE_HOOK_API = 2

    engine = Engine(entry_points=False, extra=[("acme", acme_support), ("silent", Silent())])
    d = engine.evaluate(acme.case())
    assert d.eligibility.status == "entitled"  # the overlay that says nothing changes nothing


def test_missing_tariff_is_named_never_guessed(acme):
    engine = Engine({"acme": {}}, entry_points=False, extra=[("acme", acme_support)])
    d = engine.evaluate(acme.case({"request.category": "training"}))
    assert d.price.status == "incomplete"
    assert [m.key for m in d.price.missing] == ["hourly_rate"]
    assert d.price.total is not None and d.price.total.amount == 0


def test_priced_quote_adds_up_with_explicit_tax(engine, acme):
    d = engine.evaluate(acme.case({"request.category": "training"}))
    assert str(d.price.total) == "60.50 EUR"
    assert d.price.taxes[0].name == "IVA" and str(d.price.taxes[0].rate) == "0.21"


def test_remedy_names_its_missing_price(engine, acme):
    d = engine.evaluate(acme.case({"licences[0].acquired_on": "2023-01-01"}))
    assert d.eligibility.status == "not_entitled"
    remedy = d.eligibility.remedies[0]
    assert remedy.price is None and remedy.missing[0].key == "renewal_fee"


def test_explicit_instant_overrides_the_case_instant(engine, acme):
    case = acme.case()
    later = engine.evaluate(case, at="2026-03-03T10:00:00+01:00")
    assert later.eligibility.status == "not_entitled"
    assert later.evaluated_at.year == 2026


@pytest.mark.parametrize(
    ("changes", "field", "fragment"),
    [
        ({"vendor": "nobody"}, "vendor", "unknown vendor 'nobody'"),
        ({"request.product": "Doohickey"}, "request.product", "not a product"),
        ({"request.category": "astrology"}, "request.category", "unknown category"),
        ({"request.version": "banana"}, "request.version", "not a version ACME can compare"),
    ],
)
def test_bad_input_is_refused_naming_the_field(engine, acme, changes, field, fragment):
    with pytest.raises(InputError) as info:
        engine.evaluate(acme.case(changes))
    assert info.value.problems[0].field == field
    assert fragment in info.value.problems[0].message


def test_vendor_specific_category_is_accepted(engine, acme):
    d = engine.evaluate(acme.case({"request.category": "widget_jam"}))
    assert d.coverage.status == "undetermined"


def test_invalid_tax_id_is_a_reported_problem_not_a_crash(engine, acme):
    d = engine.evaluate(acme.case({"customer.tax_id.number": "B12345675"}))
    assert d.eligibility.status == "entitled"
    assert d.problems[0].field == "customer.tax_id"
    assert "not a valid Spanish NIF" in d.problems[0].message


@pytest.mark.parametrize(
    ("country", "number"),
    [
        ("ES", "12345678Z"),
        ("ES", "X1234567L"),
        ("MX", "GODE561231GR8"),
        ("CL", "12.345.678-5"),
        ("BE", "0403.170.701"),
    ],
)
def test_valid_tax_ids_of_every_vendor_country_raise_no_problem(engine, acme, country, number):
    d = engine.evaluate(acme.case({"customer.tax_id": {"country": country, "number": number}}))
    assert d.problems == ()


@pytest.mark.parametrize(
    ("country", "number"),
    [("MX", "GODE561331GR8"), ("CL", "12.345.678-0"), ("BE", "0403.170.702")],
)
def test_invalid_tax_ids_per_country_are_reported(engine, acme, country, number):
    d = engine.evaluate(acme.case({"customer.tax_id": {"country": country, "number": number}}))
    assert d.problems and d.problems[0].field == "customer.tax_id"


def test_terms_version_in_force_when_the_contract_was_signed_applies(engine, acme):
    contract = {"id": "K1", "product": "Widget", "start": "2024-06-01", "end": "2025-06-01"}
    d = engine.evaluate(
        acme.case({"contracts": [contract], "licences[0].acquired_on": "2024-06-01"})
    )
    assert d.terms_version == "2024"
    # twelve months under the 2024 terms: still entitled in March 2025
    assert d.eligibility.status == "entitled"


def test_after_the_contract_ends_the_current_terms_apply(engine, acme):
    contract = {"id": "K1", "product": "Widget", "start": "2024-06-01", "end": "2025-01-01"}
    d = engine.evaluate(acme.case({"contracts": [contract]}))
    assert d.terms_version == "2025"


def test_explicit_contract_terms_version_wins(engine, acme):
    contract = {"id": "K1", "product": "Widget", "start": "2025-02-01", "terms_version": "2024"}
    assert engine.evaluate(acme.case({"contracts": [contract]})).terms_version == "2024"


def test_unknown_contract_terms_version_is_bad_input(engine, acme):
    contract = {"id": "K1", "product": "Widget", "start": "2025-02-01", "terms_version": "1999"}
    with pytest.raises(InputError, match="1999"):
        engine.evaluate(acme.case({"contracts": [contract]}))


def test_service_hours_come_from_the_calendar_setting(engine, acme):
    open_ = engine.evaluate(acme.case())
    assert open_.service.open_now is True and open_.service.schedule == "normal"
    lunch = engine.evaluate(acme.case(at="2025-03-03T15:00:00[Europe/Madrid]"))
    assert lunch.service.open_now is False
    assert lunch.service.next_opening.isoformat() == "2025-03-03T16:00:00+01:00"


def test_closure_timer_fires_48_hours_after_the_last_reply(engine, acme):
    events = [{"at": "2025-03-03T09:30:00+01:00", "kind": "vendor_reply"}]
    d = engine.evaluate(acme.case({"ticket.events": events}, at="2025-03-05T10:00:00+01:00"))
    assert d.closure.status == "closed"
    assert d.closure.closed_at.isoformat() == "2025-03-05T09:30:00+01:00"


@pytest.mark.parametrize(
    ("table", "fragment"),
    [
        ({"acme": {"hourly_rate": "fifty"}}, "acme.hourly_rate: 'fifty' is not a decimal number"),
        ({"acme": {"hourly_rte": "50"}}, "acme.hourly_rte: unknown setting"),
        ({"acme": {"hourly_rate": 50.5}}, "not a float"),
        ({"acme": {"phone_hours": {"timezone": "Mars/Base", "schedules": []}}}, "Mars/Base"),
    ],
)
def test_bad_settings_name_the_setting(acme, table, fragment):
    with pytest.raises(SettingsError) as info:
        Engine(table, entry_points=False, extra=[("acme", acme_support)])
    assert any(fragment in p for p in info.value.problems), info.value.problems


def test_settings_problems_name_the_file_they_came_from(tmp_path):
    path = tmp_path / "settings.toml"
    path.write_text('[acme]\nhourly_rte = "50"\nhourly_rate = "fifty"\n')
    with pytest.raises(SettingsError) as info:
        Engine(path, entry_points=False, extra=[("acme", acme_support)])
    assert len(info.value.problems) == 2
    assert all(p.startswith(f"{path}: acme.hourly_r") for p in info.value.problems)
    # settings given as a mapping have no file: the problems start with the setting
    with pytest.raises(SettingsError) as info:
        Engine({"acme": {"hourly_rte": "50"}}, entry_points=False, extra=[("acme", acme_support)])
    assert info.value.problems[0].startswith("acme.hourly_rte: unknown setting")


def test_a_settings_table_matching_no_installed_plugin_is_an_error():
    with pytest.raises(SettingsError, match=r"\[acmee\]: .*no installed plugin.*\[acme\]\?"):
        Engine({"acmee": {"x": 1}}, entry_points=False, extra=[("acme", acme_support)])


def test_a_settings_table_of_a_plugin_not_loaded_is_a_warning():
    engine = Engine(
        {"acme": {}}, entry_points=False, extra=[("acme", acme_support)], block=["acme"]
    )
    assert engine.warnings == ["settings table [acme] ignored: plugin not loaded"]


def test_module_level_evaluate_uses_installed_plugins(acme, fake_dists):
    fake_dists("supportcore-acme", {"acme": "acme_support"})
    d = evaluate(acme.case(), settings=Settings.from_mapping({}))
    assert d.vendor == "acme"


def test_a_calendar_the_settings_make_impossible_fails_at_engine_build():
    settings = copy.deepcopy(ACME_SETTINGS_TABLE)
    settings["acme"]["phone_hours"]["holidays"]["subdiv"] = "XX"
    with pytest.raises(SettingsError, match=r"acme\.phone_hours\.holidays\.subdiv: 'XX'"):
        Engine(settings, entry_points=False, extra=[("acme", acme_support)])


def test_a_prepare_hook_that_crashes_is_a_warning_not_a_settings_error(monkeypatch, acme):
    from supportcore import hookimpl

    @hookimpl
    def crash(settings):
        raise RuntimeError("bug")

    monkeypatch.setattr(acme_support, "supportcore_prepare", crash)
    engine = Engine(ACME_SETTINGS_TABLE, entry_points=False, extra=[("acme", acme_support)])
    assert engine.warnings == ["acme: supportcore_prepare failed: RuntimeError: bug"]
    d = engine.evaluate(acme.case())  # every case of the vendor records the failure
    assert [f.hook for f in d.failures] == ["supportcore_prepare"]
    assert d.eligibility.status == "undetermined"


def test_vendor_settings_check_refuses_impossible_values_at_build():
    with pytest.raises(SettingsError, match=r"acme\.hourly_rate: must be more than zero"):
        Engine({"acme": {"hourly_rate": "0"}}, entry_points=False, extra=[("acme", acme_support)])


# --------------------------------------------------------------------------- checked answers


def _acme_with(monkeypatch, hook, fn):
    from supportcore import hookimpl

    monkeypatch.setattr(acme_support, hook, hookimpl(fn))
    return Engine(ACME_SETTINGS_TABLE, entry_points=False, extra=[("acme", acme_support)])


def test_a_hook_answering_the_wrong_type_is_a_recorded_plugin_failure(monkeypatch, acme):
    engine = _acme_with(monkeypatch, "supportcore_eligibility", lambda ctx, service: "entitled")
    d = engine.evaluate(acme.case())
    assert d.eligibility.status == "undetermined"
    (failure,) = d.failures
    assert failure.hook == "supportcore_eligibility"
    assert failure.error == "returned str 'entitled', expected Eligibility"


def test_a_wrong_answer_type_raises_plugin_error_in_strict_mode(monkeypatch, acme):
    from supportcore import PluginError

    _acme_with(monkeypatch, "supportcore_pricing", lambda ctx, eligibility, coverage: 12)
    engine = Engine(
        ACME_SETTINGS_TABLE, entry_points=False, extra=[("acme", acme_support)], strict=True
    )
    with pytest.raises(PluginError, match=r"acme\.supportcore_pricing: returned int 12"):
        engine.evaluate(acme.case())


def test_a_check_case_generator_that_raises_late_is_a_plugin_failure(monkeypatch, acme):
    from supportcore import Problem

    def late(ctx):
        yield Problem("request.summary", "first problem")
        raise ValueError("broke while checking")

    d = _acme_with(monkeypatch, "supportcore_check_case", late).evaluate(acme.case())
    assert [(f.hook, f.error) for f in d.failures] == [
        ("supportcore_check_case", "ValueError: broke while checking")
    ]


def test_a_check_case_yielding_a_string_is_a_plugin_failure(monkeypatch, acme):
    d = _acme_with(monkeypatch, "supportcore_check_case", lambda ctx: ["bad"]).evaluate(acme.case())
    assert d.failures[0].error == "yielded str 'bad', expected Problem"
    assert d.eligibility.status == "entitled"  # the other hooks still answer


def test_system_exit_in_a_hook_is_a_plugin_failure_not_an_exit(monkeypatch, acme):
    def leave(ctx, eligibility, coverage):
        raise SystemExit(0)

    d = _acme_with(monkeypatch, "supportcore_closure", leave).evaluate(acme.case())
    assert d.closure.status == "undetermined"
    assert [(f.hook, f.error) for f in d.failures] == [("supportcore_closure", "SystemExit: 0")]


def test_a_vendor_that_failed_to_load_is_unavailable_not_unknown(acme):
    from supportcore.engine import VendorUnavailable

    class Broken:
        SUPPORTCORE_HOOK_API = 99

    engine = Engine(entry_points=False, extra=[("acme", Broken())])
    with pytest.raises(VendorUnavailable, match=r"'acme' is installed but incompatible: .*99"):
        engine.evaluate(acme.case())


def test_an_unknown_vendor_is_bad_input(acme):
    engine = Engine(entry_points=False, extra=[("acme", acme_support)])
    with pytest.raises(InputError, match=r"unknown vendor 'nobody' \(installed: acme\)"):
        engine.evaluate(acme.case({"vendor": "nobody"}))


def test_a_case_without_its_instant_is_evaluated_at_the_instant_given(engine, acme):
    data = acme.dict()
    del data["at"]
    d = engine.evaluate(data, at="2025-03-03T11:00:00+01:00")
    assert d.evaluated_at.isoformat() == "2025-03-03T11:00:00+01:00"


def test_one_run_reports_a_structural_problem_and_an_unknown_category_together(engine, acme):
    data = acme.dict({"request.category": "gardening", "request.received_at": "yesterday"})
    with pytest.raises(InputError) as caught:
        engine.evaluate(data)
    fields = {p.field for p in caught.value.problems}
    assert {"request.received_at", "request.category"} <= fields
