"""Bad input gets a clear error naming the field; closure is undetermined (the terms are silent)."""

from __future__ import annotations

import pytest

from supportcore import InputError, SettingsError


def problems(exc: pytest.ExceptionInfo[InputError]) -> dict[str, str]:
    return {p.field: p.message for p in exc.value.problems}


def test_unknown_product_is_refused_naming_the_field(bina):
    with pytest.raises(InputError) as exc:
        bina.decide({"request.product": "ContaPlus"})
    assert "request.product" in problems(exc)
    assert "FactuCont" in problems(exc)["request.product"]


@pytest.mark.parametrize(
    ("path", "value", "field"),
    [
        ("licences[0].version", "cinco", "licences[0].version"),
        ("request.version", "5.x-beta", "request.version"),
        (
            "licences[0].acquisition",
            {"kind": "upgrade", "upgraded_from": "vieja"},
            "licences[0].acquisition.upgraded_from",
        ),
    ],
)
def test_version_binarema_cannot_compare_is_an_error(bina, path, value, field):
    with pytest.raises(InputError) as exc:
        bina.decide({path: value})
    assert field in problems(exc)
    assert "is not a version Binarema" in problems(exc)[field]


def test_update_must_come_from_an_older_version(bina):
    with pytest.raises(InputError) as exc:
        bina.decide({"licences[0].acquisition": {"kind": "upgrade", "upgraded_from": "5"}})
    assert "licences[0].acquisition.upgraded_from" in problems(exc)


def test_rentals_are_not_in_binaremas_terms(bina):
    rental = {"kind": "rental", "rental_end": "2027-01-14"}
    with pytest.raises(InputError) as exc:
        bina.decide({"licences[0].acquisition": rental})
    assert "licences[0].acquisition.kind" in problems(exc)


def test_contract_for_an_unknown_program_is_an_error(bina):
    with pytest.raises(InputError) as exc:
        bina.decide({"contracts": [{"id": "S-1", "product": "Nominas", "start": "2025-01-01"}]})
    assert "contracts[0].product" in problems(exc)


def test_tax_form_must_be_a_modelo_number(bina):
    with pytest.raises(InputError) as exc:
        bina.decide(
            {
                "request.category": "regulatory_filing",
                "request.facts": {"tax_model": "IVA trimestral"},
            }
        )
    assert "request.facts.tax_model" in problems(exc)


def test_unknown_category_is_refused(bina):
    with pytest.raises(InputError) as exc:
        bina.decide({"request.category": "magic"})
    assert "request.category" in problems(exc)


def test_version_newer_than_5_is_a_warning_not_a_refusal(bina):
    d = bina.decide({"licences[0].version": "6"})
    assert [(p.field, p.severity) for p in d.problems] == [("licences[0].version", "warning")]
    assert d.eligibility.status == "entitled"


def test_settings_typos_and_bad_choices_are_errors(bina):
    with pytest.raises(SettingsError) as exc:
        bina.engine_with(public_holidays="sometimes", hourly_rate="30")
    text = str(exc.value)
    assert "binarema.public_holidays" in text
    assert "binarema.hourly_rate: unknown setting" in text


def test_price_table_keys_that_are_never_used_refuse_the_engine(bina):
    with pytest.raises(SettingsError) as exc:
        bina.engine_with(
            new_version_price={"monopuesto": "100.00"},
            new_version_price_registered={"network": "90.00", "red": "90.00"},
            activation_extra_by_version={"v4": "10.00", "5": "20.00"},
        )
    assert [p.split(":")[0] for p in exc.value.problems] == [
        "binarema.new_version_price.monopuesto",
        "binarema.new_version_price_registered.red",
        "binarema.activation_extra_by_version.v4",
    ]
    assert "not an edition (network, single_seat)" in exc.value.problems[0]


@pytest.mark.parametrize("key", ["5.0", " 5", "05", "cinco"])
def test_an_activation_extra_not_keyed_by_a_major_version_refuses_the_engine(bina, key):
    with pytest.raises(SettingsError, match=r"^binarema\.activation_extra_by_version\."):
        bina.engine_with(activation_extra_by_version={key: "10.00"})


def test_price_tables_keyed_as_the_rules_look_them_up_build_the_engine(bina):
    engine = bina.engine_with(
        new_version_price={"single_seat": "180.00", "network": "290.00"},
        activation_extra_by_version={"5": "20.00", "4": "45.00"},
    )
    assert engine.warnings == []
    assert not [p for p in bina.decide(engine=engine).problems if p.field.startswith("settings")]


def test_no_traceback_for_a_case_without_licences(bina):
    d = bina.decide({"licences": []})
    assert d.eligibility.status == "not_entitled"
    assert bina.reason(d.eligibility.reasons, "no-licence")
    assert d.eligibility.remedies[0].code == "buy-program"
    assert d.price.status == "undetermined"
    assert not d.failures


def test_closure_is_undetermined_because_the_terms_do_not_rule_on_it(bina):
    d = bina.decide()
    assert d.closure.status == "undetermined"
    r = bina.reason(d.closure.reasons, "closure-not-ruled")
    assert "not when a request is closed" in r.message
    assert d.closure.closed_at is None and d.closure.closes_at is None


def test_closure_stays_undetermined_even_with_a_closed_event(bina):
    events = [
        {"at": "2026-03-09T10:00:00[Europe/Madrid]", "kind": "opened"},
        {"at": "2026-03-09T11:00:00[Europe/Madrid]", "kind": "resolved", "by": "vendor"},
        {"at": "2026-03-09T11:01:00[Europe/Madrid]", "kind": "closed", "by": "vendor"},
    ]
    d = bina.decide({"ticket": {"id": "T-1", "events": events}})
    assert d.closure.status == "undetermined"


def test_every_decision_cites_only_binarema_clauses(bina):
    d = bina.decide({"request.channel": "email"})
    assert d.citations()
    assert {c.vendor for c in d.citations()} == {"binarema"}
    assert all(c.text for c in d.citations())
