"""Bad input gets a clear error naming the field (or a reasoned refusal), never a traceback."""

from __future__ import annotations

import pytest

from supportcore import InputError, SettingsError


def fields(exc: InputError) -> list[str]:
    return [p.field for p in exc.problems]


def test_a_product_that_is_not_a_softmas_system_is_refused(evaluate):
    with pytest.raises(InputError) as err:
        evaluate({"request.product": "Photoshop"})
    assert fields(err.value) == ["request.product"]
    assert "not a Softmás system" in str(err.value)


def test_a_licence_for_another_product_is_refused(evaluate):
    with pytest.raises(InputError) as err:
        evaluate({"licences[0].product": "Excel"})
    assert fields(err.value) == ["licences[0].product"]


def test_any_product_is_accepted_when_the_product_list_is_not_configured(evaluate):
    d = evaluate(
        {"request.product": "Bancos", "licences[0].product": "Bancos"}, settings={"products": None}
    )
    assert d.eligibility.status == "entitled"


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"request.version": "beta-2"}, "request.version"),
        ({"licences[0].version": "2025 R2"}, "licences[0].version"),
        ({"request.facts.machine_versions": "2025.2, nueva"}, "request.facts.machine_versions[1]"),
    ],
)
def test_a_version_that_cannot_be_compared_is_an_input_error(evaluate, change, field):
    with pytest.raises(InputError) as err:
        evaluate(change)
    assert fields(err.value) == [field]
    assert "compare" in str(err.value)


def test_a_latest_version_setting_that_cannot_be_compared_refuses_the_engine(engine_for):
    with pytest.raises(SettingsError) as err:
        engine_for({"latest_version": "la más nueva"})
    assert err.value.problems == (
        "softmas.latest_version: 'la más nueva' is not a version (write numbers such as 5 or 4.2)",
    )


@pytest.mark.parametrize("latest", ["2025.2", "v8.1.3", "7"])
def test_a_comparable_latest_version_setting_builds_the_engine(engine_for, latest):
    assert engine_for({"latest_version": latest}).warnings == []


def test_an_unknown_reopen_reason_is_an_input_error(evaluate):
    with pytest.raises(InputError) as err:
        evaluate({"request.facts.reopened_for": "otro"})
    assert fields(err.value) == ["request.facts.reopened_for"]


@pytest.mark.parametrize("problem", ["windows", "remote_assistance"])
def test_a_remote_session_about_something_that_is_not_a_category_is_an_input_error(
    evaluate, problem
):
    with pytest.raises(InputError) as err:
        evaluate({"request.category": "remote_assistance", "request.facts.problem": problem})
    assert fields(err.value) == ["request.facts.problem"]


def test_the_problem_of_a_request_that_is_not_a_remote_session_is_a_warning(evaluate):
    d = evaluate({"request.facts.problem": "network"})
    assert [(p.field, p.severity) for p in d.problems] == [("request.facts.problem", "warning")]
    assert d.coverage.status == "covered"  # the category (malfunction) decides


def test_an_advisory_request_that_is_not_yes_or_no_is_an_input_error(evaluate):
    with pytest.raises(InputError) as err:
        evaluate({"request.facts.advisory_requested": "sí"})
    assert fields(err.value) == ["request.facts.advisory_requested"]


def test_an_unknown_fact_is_a_warning_not_a_silent_change(evaluate):
    d = evaluate({"request.facts.colour": "blue"})
    assert [(p.field, p.severity) for p in d.problems] == [("request.facts.colour", "warning")]
    assert d.eligibility.status == "entitled"


def test_machine_versions_on_a_case_marked_not_networked_are_checked_with_a_warning(evaluate):
    d = evaluate(
        {"request.environment.networked": False, "request.facts.machine_versions": "2025.1"}
    )
    assert [p.field for p in d.problems] == ["request.facts.machine_versions"]
    assert d.eligibility.status == "not_entitled"


def test_an_unknown_category_is_an_input_error(evaluate):
    with pytest.raises(InputError) as err:
        evaluate({"request.category": "coffee"})
    assert fields(err.value) == ["request.category"]


def test_an_unknown_channel_is_an_input_error(evaluate):
    with pytest.raises(InputError) as err:
        evaluate({"request.channel": "pigeon"})
    assert fields(err.value) == ["request.channel"]


@pytest.mark.parametrize(
    ("settings", "path"),
    [
        ({"import_hours_reading": "weekdays"}, "softmas.import_hours_reading"),
        ({"advisory_hourly_rate": "mucho"}, "softmas.advisory_hourly_rate"),
        ({"update_price": "2900"}, "softmas.update_price"),
        ({"tax_rate": 0.16}, "softmas.tax_rate"),
        ({"colour": "blue"}, "softmas.colour"),
    ],
)
def test_bad_settings_are_refused_naming_the_setting(engine_for, settings, path):
    with pytest.raises(SettingsError) as err:
        engine_for(settings)
    assert all(p.startswith(path) for p in err.value.problems)
