"""Bad input specific to this vendor: a clear error naming the field, never a traceback."""

from __future__ import annotations

import pytest

from supportcore import InputError, SettingsError


def _fields(excinfo: pytest.ExceptionInfo[InputError]) -> list[str]:
    return [p.field for p in excinfo.value.problems]


def test_unknown_product_is_refused_naming_the_field(jw):
    with pytest.raises(InputError) as exc:
        jw.decide({"request.product": "kassasysteem"})
    assert _fields(exc) == ["request.product"]


@pytest.mark.parametrize("path", ["request.version", "licences[0].version"])
def test_a_version_that_cannot_be_compared_is_refused(jw, path):
    with pytest.raises(InputError) as exc:
        jw.decide({path: "banaan"})
    assert _fields(exc) == [path]
    assert f"{path}: 'banaan' is not a version" in str(exc.value)


def test_versions_compare_numerically_not_as_text(jw):
    d = jw.decide({"request.version": "2026.10"}, settings={"latest_version": "2026.9"})
    assert "older-version-free-upgrade" not in jw.codes(d.eligibility.basis)
    assert [p.field for p in d.problems] == ["request.version"]  # newer than "latest": warning


def test_a_latest_version_setting_that_cannot_be_compared_refuses_the_engine(jw):
    with pytest.raises(SettingsError, match=r"^juweliers\.latest_version: 'laatste' is not") as exc:
        jw.engine({"latest_version": "laatste"})
    assert len(exc.value.problems) == 1


def test_a_notice_without_its_channel_is_refused(jw):
    with pytest.raises(InputError) as exc:
        jw.decide({"contracts[0].cancellation_notice_on": "2026-10-01"})
    assert _fields(exc) == ["contracts[0].cancellation_channel"]


def test_a_notice_channel_without_its_day_is_refused(jw):
    with pytest.raises(InputError) as exc:
        jw.decide({"contracts[0].cancellation_channel": "email"})
    assert _fields(exc) == ["contracts[0].cancellation_notice_on"]


def test_amounts_in_another_currency_are_refused(jw):
    with pytest.raises(InputError) as exc:
        jw.decide(
            {
                "contracts[0].price": {"amount": "40", "currency": "USD"},
                "licences[0].cost": {"amount": "3000", "currency": "GBP"},
            }
        )
    assert sorted(_fields(exc)) == ["contracts[0].price", "licences[0].cost"]
    assert "contracts[0].price: 40.00 USD is in USD" in str(exc.value)
    assert "licences[0].cost: 3,000.00 GBP is in GBP" in str(exc.value)
    assert str(exc.value).count("amounts are in EUR") == 2


def test_a_payment_in_another_currency_is_refused(jw):
    payment = {
        "at": "2026-10-02T12:00:00[Europe/Brussels]",
        "kind": "payment",
        "amount": {"amount": "100", "currency": "USD"},
    }
    with pytest.raises(InputError) as exc:
        jw.decide({"ticket.events": [payment]})
    assert _fields(exc) == ["ticket.events[0].amount"]
    assert "100.00 USD is in USD" in str(exc.value) and "amounts are in EUR" in str(exc.value)


def test_a_contract_for_another_product_is_refused(jw):
    with pytest.raises(InputError) as exc:
        jw.decide({"contracts[0].product": "kassasysteem"})
    assert _fields(exc) == ["contracts[0].product"]


@pytest.mark.parametrize(
    ("fact", "value"),
    [("cause", "buitenaards"), ("first_training_pack", "half"), ("agreed_billing_start", "ooit")],
)
def test_malformed_request_facts_are_refused(jw, fact, value):
    with pytest.raises(InputError) as exc:
        jw.decide({"request.facts": {fact: value}})
    assert _fields(exc) == [f"request.facts.{fact}"]


def test_an_unknown_request_fact_is_a_warning(jw):
    d = jw.decide({"request.facts": {"kleur": "goud"}})
    assert [(p.field, p.severity) for p in d.problems] == [("request.facts.kleur", "warning")]


def test_unknown_category_is_refused(jw):
    with pytest.raises(InputError) as exc:
        jw.decide({"request.category": "horloge_batterij"})
    assert _fields(exc) == ["request.category"]


def test_a_case_without_licence_is_decided_with_a_warning(jw):
    d = jw.decide({"licences": []})
    assert d.eligibility.status == "entitled"
    assert [p.field for p in d.problems] == ["licences"]
    assert "start of the contract" in jw.reason(d.eligibility.basis, "agreement-in-force").message


@pytest.mark.parametrize("increment", [0, -15])
def test_a_non_positive_regie_increment_is_refused_when_the_engine_is_built(jw, increment):
    with pytest.raises(SettingsError) as exc:
        jw.engine({"regie_increment_minutes": increment})
    assert exc.value.problems == (
        f"juweliers.regie_increment_minutes: {increment} is less than the smallest value "
        "allowed, 1",
    )


def test_every_bad_setting_is_reported_in_one_run(jw):
    with pytest.raises(SettingsError) as exc:
        jw.engine({"latest_version": "laatste", "regie_increment_minutes": 0})
    assert sorted(p.split(":")[0] for p in exc.value.problems) == [
        "juweliers.latest_version",
        "juweliers.regie_increment_minutes",
    ]


def test_valid_settings_build_an_engine_without_warnings(jw):
    assert jw.engine().warnings == []


def test_a_billing_months_other_than_three_is_a_warning(jw):
    d = jw.decide({"contracts[0].billing_months": 1})
    problems = [(p.field, p.severity) for p in d.problems]
    assert problems == [("contracts[0].billing_months", "warning")]


def test_invalid_settings_are_reported_per_key(jw):
    with pytest.raises(SettingsError) as exc:
        jw.engine({"month_count": "halve", "regie_hourly_rate": "veel"})
    text = str(exc.value)
    assert "juweliers.month_count" in text and "juweliers.regie_hourly_rate" in text
