"""Bad input gets a clear error naming the field (or a reasoned refusal), never a traceback."""

from __future__ import annotations

from typing import Any

import pytest
import supportcore_itplusnet

from supportcore import Engine, InputError, SettingsError


def _fields(exc: InputError) -> list[str]:
    return [p.field for p in exc.problems]


@pytest.mark.clause("ITP-SCOPE-1", "ITP-DESK-2")
def test_a_product_that_is_not_itplusnets_is_refused_naming_the_field(itp: Any) -> None:
    with pytest.raises(InputError) as info:
        itp.evaluate({"request.product": "Excel"})
    assert _fields(info.value) == ["request.product"]
    assert "ITPLUSNET POS" in str(info.value)


@pytest.mark.clause("ITP-DESK-2")
def test_a_derivative_is_refused_until_the_integrator_names_it(itp: Any) -> None:
    with pytest.raises(InputError):
        itp.evaluate({"request.product": "ITPLUSNET Restaurant"})


def test_the_product_name_is_case_insensitive(itp: Any) -> None:
    assert itp.evaluate({"request.product": "itplusnet pos"}).eligibility.status


def test_a_licence_for_another_product_is_refused(itp: Any) -> None:
    licence = [{"product": "Other POS", "acquired_on": "2025-01-01"}]
    with pytest.raises(InputError) as info:
        itp.evaluate({"licences": licence})
    assert _fields(info.value) == ["licences[0].product"]


def test_a_payment_for_something_itplusnet_does_not_sell_is_refused(itp: Any) -> None:
    with pytest.raises(InputError) as info:
        itp.evaluate(events=[itp.payment("2026-11-23T10:00", ref="pizza")])
    assert _fields(info.value) == ["ticket.events[0].ref"]


def test_a_payment_in_another_currency_is_refused(itp: Any) -> None:
    event = itp.payment("2026-11-23T10:00")
    event["amount"] = {"amount": "30.00", "currency": "EUR"}
    with pytest.raises(InputError) as info:
        itp.evaluate(events=[event])
    assert _fields(info.value) == ["ticket.events[0].amount"]
    assert "is in EUR; Itplusnet Ltda.'s amounts are in CLP" in str(info.value)


def test_an_unknown_category_is_refused_naming_the_field(itp: Any) -> None:
    with pytest.raises(InputError) as info:
        itp.evaluate({"request.category": "coffee_machine"})
    assert _fields(info.value) == ["request.category"]


def test_an_unknown_channel_in_the_settings_refuses_the_engine_naming_the_setting(
    itp: Any,
) -> None:
    with pytest.raises(SettingsError) as info:
        itp.engine({"contact_channels": ["email", "pigeon"]})
    assert len(info.value.problems) == 1
    assert info.value.problems[0].startswith(
        "itplusnet.contact_channels[1]: 'pigeon' is not a channel (one of chat, email, "
    )


def test_an_unknown_holiday_region_refuses_the_engine_naming_the_setting(itp: Any) -> None:
    # the support calendar cannot be built: the core refuses the settings, naming the setting
    with pytest.raises(
        SettingsError,
        match=r"^itplusnet: calendar: calendar 'support': holiday_subdivision: subdiv: 'XX' is "
        r"not a subdivision of 'CL'",
    ) as info:
        itp.engine({"holiday_subdivision": "XX"})
    assert len(info.value.problems) == 1


def test_every_impossible_channel_is_reported_at_once(itp: Any) -> None:
    with pytest.raises(SettingsError) as info:
        itp.engine({"contact_channels": ["smoke", "email", "pigeon"]})
    assert [p.split(":")[0] for p in info.value.problems] == [
        "itplusnet.contact_channels[0]",
        "itplusnet.contact_channels[2]",
    ]


def test_a_known_holiday_region_and_listed_channels_build_the_engine(itp: Any) -> None:
    engine = itp.engine({"contact_channels": ["email", "chat"], "holiday_subdivision": "NB"})
    assert engine.warnings == []
    assert engine.calendars("itplusnet")["support"].name == "support"


def test_a_price_that_is_not_a_number_is_a_settings_error() -> None:
    with pytest.raises(SettingsError) as info:
        Engine(
            {"itplusnet": {"price_normal_hours": "mucho"}},
            entry_points=False,
            extra=[("itplusnet", supportcore_itplusnet)],
        )
    assert "itplusnet.price_normal_hours" in str(info.value)


def test_an_unknown_closing_times_reading_is_a_settings_error() -> None:
    with pytest.raises(SettingsError) as info:
        Engine(
            {"itplusnet": {"closing_times": "whenever"}},
            entry_points=False,
            extra=[("itplusnet", supportcore_itplusnet)],
        )
    assert "itplusnet.closing_times" in str(info.value)


def test_a_64_bit_os_with_an_impossible_bit_count_is_refused(itp: Any) -> None:
    with pytest.raises(InputError) as info:
        itp.evaluate({"request.environment.os_bits": 48})
    assert _fields(info.value) == ["request.environment.os_bits"]


def test_no_hook_fails_on_a_plain_case(itp: Any) -> None:
    assert itp.evaluate().failures == ()
