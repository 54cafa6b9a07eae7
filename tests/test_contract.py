"""Hook API 2: typed preparation and facts, identity as data, every answer checked."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import attrs
import pytest

from supportcore import (
    Context,
    Eligibility,
    EligibilityStatus,
    Engine,
    PluginError,
    Service,
    SettingsError,
    hookimpl,
)
from supportcore.terms import parse_terms

_TERMS_DATA: dict[str, Any] = {
    "vendor": "tiny",
    "identity": {
        "title": "Tiny Software",
        "country": "ES",
        "currency": "EUR",
        "timezone": "Europe/Madrid",
        "products": ["Tiny"],
        "channels": ["phone", "email"],
        "language": "en",
    },
    "settings": [
        {
            "key": "free_months",
            "kind": "integer",
            "description": "months of free support",
            "default": 6,
            "default_source": "T1",
        }
    ],
    "versions": [
        {
            "version": "1",
            "effective_from": date(2025, 1, 1),
            "clauses": [
                {"id": "T1", "text": "Support is free for six months.", "gloss": "free"},
            ],
        }
    ],
}
TERMS = parse_terms(_TERMS_DATA)

CASE: dict[str, Any] = {
    "vendor": "tiny",
    "at": "2025-03-03T10:00:00+01:00",
    "licences": [{"product": "Tiny", "acquired_on": "2025-01-10"}],
    "request": {
        "product": "Tiny",
        "category": "usage_question",
        "channel": "phone",
        "received_at": "2025-03-03T09:00:00+01:00",
    },
}


@attrs.frozen
class Prepared:
    free: timedelta


@attrs.frozen
class Facts:
    bought: date


class Tiny:
    """A vendor written for hook API 2: its identity is data, its rules read typed facts."""

    SUPPORTCORE_HOOK_API = 2

    def __init__(self) -> None:
        self.prepared_calls = 0
        self.assessed = 0

    @hookimpl
    def supportcore_terms(self) -> Any:
        return TERMS

    @hookimpl
    def supportcore_prepare(self, settings: Any, terms: Any, calendars: Any) -> Prepared:
        self.prepared_calls += 1
        months = settings.get("free_months")
        if months > 12:
            raise SettingsError([f"tiny.free_months: {months} is more than the terms allow"])
        return Prepared(timedelta(days=30 * months))

    @hookimpl
    def supportcore_assess(self, ctx: Context[Prepared, Facts]) -> Facts:
        self.assessed += 1
        return Facts(ctx.case.licences[0].acquired_on)

    @hookimpl
    def supportcore_eligibility(self, ctx: Context[Prepared, Facts], service: Service) -> Any:
        until = ctx.facts.bought + ctx.prepared.free
        if ctx.today < until:
            basis = ctx.reason("free", "Free support until {until}", "T1", until=until)
            return Eligibility(EligibilityStatus.ENTITLED, basis=(basis,))
        return Eligibility(EligibilityStatus.NOT_ENTITLED)


def engine(plugin: object, settings: dict[str, Any] | None = None, **kw: Any) -> Engine:
    return Engine(settings or {}, entry_points=False, extra=[("tiny", plugin)], **kw)


def test_a_vendor_whose_identity_is_its_terms_identity_table_is_loaded():
    e = engine(Tiny())
    info = e.vendor("tiny").info
    assert (info.title, info.currency, info.products) == ("Tiny Software", "EUR", ("Tiny",))


def test_prepare_runs_once_per_engine_and_its_object_reaches_the_rules():
    plugin = Tiny()
    e = engine(plugin)
    assert e.prepared("tiny") == Prepared(timedelta(days=180))
    for _ in range(3):
        assert e.evaluate(CASE).eligibility.status == "entitled"
    assert plugin.prepared_calls == 1


def test_facts_are_assessed_once_per_case():
    plugin = Tiny()
    e = engine(plugin)
    e.evaluate(CASE)
    e.evaluate(CASE)
    assert plugin.assessed == 2


def test_a_reason_template_is_written_in_words_and_keeps_its_params():
    (basis,) = engine(Tiny()).evaluate(CASE).eligibility.basis
    assert basis.message == "Free support until 9 July 2025"  # the vendor's language: en
    assert basis.params == {"until": "2025-07-09"}
    assert basis.citations[0].clause == "T1"


def test_settings_prepare_finds_impossible_are_a_settings_error_at_start():
    with pytest.raises(SettingsError, match=r"tiny\.free_months: 13 is more than"):
        engine(Tiny(), {"tiny": {"free_months": 13}})


def test_a_failing_assessment_leaves_every_answer_undetermined_with_the_failure():
    class Broken(Tiny):
        @hookimpl
        def supportcore_assess(self, ctx: Any) -> Facts:
            raise LookupError("no licence")

    d = engine(Broken()).evaluate(CASE)
    assert [(f.hook, f.error) for f in d.failures] == [
        ("supportcore_assess", "LookupError: no licence")
    ]
    assert d.eligibility.status == "undetermined"


def test_a_failing_preparation_is_a_failure_of_every_case_not_a_crash():
    class Broken(Tiny):
        @hookimpl
        def supportcore_prepare(self, settings: Any, terms: Any, calendars: Any) -> Any:
            raise RuntimeError("bug")

    e = engine(Broken())
    assert e.warnings == ["tiny: supportcore_prepare failed: RuntimeError: bug"]
    d = e.evaluate(CASE)
    assert [(f.hook, f.error) for f in d.failures] == [
        ("supportcore_prepare", "supportcore_prepare failed: RuntimeError: bug")
    ]
    with pytest.raises(PluginError, match=r"tiny\.supportcore_prepare: RuntimeError: bug"):
        engine(Broken(), strict=True)


def test_an_overlay_wraps_an_api_2_vendor():
    class Overlay:
        SUPPORTCORE_HOOK_API = 2

        @hookimpl(wrapper=True)
        def supportcore_eligibility(self, ctx: Any, service: Any) -> Any:
            answer = yield
            return attrs.evolve(answer, valid_until=ctx.facts.bought)

    e = Engine(entry_points=False, extra=[("tiny", Tiny()), ("overlay", Overlay())])
    assert e.evaluate(CASE).eligibility.valid_until == date(2025, 1, 10)


def test_a_misspelt_table_in_the_terms_is_refused_not_ignored():
    from supportcore.terms import TermsError

    data = {"vendor": "tiny", "versions": [], "coverages": []}
    with pytest.raises(TermsError, match=r"tiny: unknown top-level key\(s\) coverages"):
        parse_terms(data)


def test_a_vendor_defined_in_a_script_has_no_catalog_and_still_answers():
    class Scripted(Tiny):
        pass

    Scripted.__module__ = "__main__"  # as when defined in a script run with python
    assert engine(Scripted()).evaluate(CASE).eligibility.status == "entitled"


def test_a_contract_for_a_plan_the_vendor_does_not_sell_is_bad_input():
    from supportcore import InputError

    planned = parse_terms(
        {**_TERMS_DATA, "identity": {**_TERMS_DATA["identity"], "plans": ["Basic", "Premium"]}}
    )

    class Planned(Tiny):
        @hookimpl
        def supportcore_terms(self) -> Any:
            return planned

    case = {**CASE, "contracts": [{"id": "K-1", "start": "2025-01-01", "plan": "Gold"}]}
    with pytest.raises(InputError, match=r"contracts\[0\]\.plan: 'Gold' is not a plan"):
        engine(Planned()).evaluate(case)
    case["contracts"][0]["plan"] = "Premium"
    assert engine(Planned()).evaluate(case).eligibility.status == "entitled"


def test_the_rules_after_the_service_answer_read_it_on_the_context():
    seen = []

    class Reading(Tiny):
        @hookimpl
        def supportcore_closure(self, ctx: Any, eligibility: Any, coverage: Any) -> None:
            seen.append(ctx.service)

    d = engine(Reading()).evaluate(CASE)
    assert seen == [d.service]


def test_an_amount_in_another_currency_than_the_vendors_is_bad_input():
    from supportcore import InputError

    case = {
        **CASE,
        "contracts": [
            {"id": "K-1", "start": "2025-01-01", "price": {"amount": "10", "currency": "USD"}}
        ],
    }
    with pytest.raises(InputError, match=r"contracts\[0\]\.price: .*USD.*in EUR"):
        engine(Tiny()).evaluate(case)


def test_a_setting_below_its_declared_minimum_is_refused_with_the_others():
    from supportcore.settings import VendorSettings
    from supportcore.terms import SettingKind, SettingSpec

    specs = [
        SettingSpec("increment", SettingKind.INTEGER, "billing increment", minimum=1),
        SettingSpec("rate", SettingKind.RATE, "a rate"),
    ]
    with pytest.raises(SettingsError) as caught:
        VendorSettings.build("v", specs, {"increment": 0, "rate": "21"}, "EUR")
    assert caught.value.problems == (
        "v.increment: 0 is less than the smallest value allowed, 1",
        "v.rate: '21' is not a rate between 0 and 1; write a fraction (0.21 for 21 %)",
    )


def test_bounds_declared_in_the_terms_are_read():
    data = {
        **_TERMS_DATA,
        "settings": [{**_TERMS_DATA["settings"][0], "minimum": 1, "maximum": 12}],
    }
    assert parse_terms(data).setting("free_months").minimum == 1
    with pytest.raises(SettingsError, match=r"tiny\.free_months: 13 is more than the largest"):
        from supportcore.settings import VendorSettings

        VendorSettings.build("tiny", parse_terms(data).settings, {"free_months": 13}, "EUR")
