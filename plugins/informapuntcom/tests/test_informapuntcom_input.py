"""informapuntcom: bad input gets a clear error naming the field, or a reasoned refusal."""

from __future__ import annotations

import pytest
import supportcore_informapuntcom

from supportcore import Engine, InputError, SettingsError


def fields(exc: pytest.ExceptionInfo[InputError]) -> list[str]:
    return [p.field for p in exc.value.problems]


def test_unknown_product_is_an_input_error(evaluate):
    with pytest.raises(InputError) as exc:
        evaluate({"request.product": "eTPV"})
    assert fields(exc) == ["request.product"]
    assert "eFacturación" in exc.value.problems[0].message


def test_unknown_category_is_an_input_error(evaluate):
    with pytest.raises(InputError) as exc:
        evaluate({"request.category": "coffee"})
    assert fields(exc) == ["request.category"]


def test_vendor_categories_are_accepted(evaluate):
    d = evaluate({"request.category": "equipment_optimisation"})
    assert d.coverage.status == "excluded"


def test_channel_informapuntcom_does_not_offer_in_a_plan_is_an_input_error(evaluate):
    with pytest.raises(InputError) as exc:
        evaluate({"contracts[0].channels": ["email", "chat"]})
    assert fields(exc) == ["contracts[0].channels[1]"]


def test_request_by_a_channel_informapuntcom_does_not_offer_is_refused_not_crashed(evaluate):
    d = evaluate({"request.channel": "fax"})
    assert d.eligibility.status == "not_entitled"
    assert d.failures == ()


def test_naive_datetime_is_an_input_error(evaluate):
    with pytest.raises(InputError) as exc:
        evaluate({"request.received_at": "2026-03-10T10:00:00"})
    assert fields(exc) == ["request.received_at"]


def test_negative_minutes_are_an_input_error(evaluate):
    with pytest.raises(InputError) as exc:
        evaluate(
            {
                "ticket.events": [
                    {"at": "2026-03-10T11:00:00+01:00", "kind": "work_session", "minutes": -5}
                ]
            }
        )
    assert fields(exc) == ["ticket.events[0].minutes"]


def test_invalid_nif_is_reported_without_stopping_the_decision(evaluate):
    d = evaluate({"request.contact.tax_id": "B12345678"})
    assert [p.field for p in d.problems] == ["request.contact.tax_id"]
    assert d.eligibility.status == "entitled"


def test_unknown_setting_is_refused_with_its_path():
    with pytest.raises(SettingsError) as exc:
        Engine(
            {"informapuntcom": {"hourly_rte": "40"}},
            entry_points=False,
            extra=[("informapuntcom", supportcore_informapuntcom)],
        )
    assert exc.value.problems[0].startswith("informapuntcom.hourly_rte: unknown setting")


def test_bad_business_hours_are_refused_with_their_path():
    with pytest.raises(SettingsError) as exc:
        Engine(
            {
                "informapuntcom": {
                    "business_hours": {
                        "timezone": "Europe/Madrid",
                        "schedules": [
                            {"name": "normal", "days": ["mon-fri"], "windows": ["19:00-09:00"]}
                        ],
                    }
                }
            },
            entry_points=False,
            extra=[("informapuntcom", supportcore_informapuntcom)],
        )
    assert "informapuntcom.business_hours" in exc.value.problems[0]


def test_float_tariff_is_refused():
    with pytest.raises(SettingsError):
        Engine(
            {"informapuntcom": {"hourly_rate": 40.5}},
            entry_points=False,
            extra=[("informapuntcom", supportcore_informapuntcom)],
        )
