"""Who is entitled to free support: licence in force when asking, current version, channel."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from supportcore import EligibilityStatus, Money

MX = "[America/Mexico_City]"
ENTITLED = EligibilityStatus.ENTITLED
NOT_ENTITLED = EligibilityStatus.NOT_ENTITLED
UNDETERMINED = EligibilityStatus.UNDETERMINED


# --------------------------------------------------------------------------- licence in force


@pytest.mark.clause("SM-COST-1", "SM-COST-3")
def test_purchase_in_force_when_asking_gets_free_support(evaluate, cited, code_list):
    d = evaluate()
    assert d.eligibility.status == ENTITLED
    assert code_list(d.eligibility.basis) == ["licence-in-force"]
    assert {"SM-COST-1", "SM-COST-3"} <= cited(d.eligibility.basis)
    assert d.eligibility.valid_until == date(2026, 5, 31)
    assert d.price.status == "free"
    assert "SM-COST-1" in cited(d.price)


@pytest.mark.clause("SM-COST-1")
def test_customer_without_a_licence_gets_no_free_support(evaluate, cited, code_list):
    d = evaluate({"licences": []})
    assert d.eligibility.status == NOT_ENTITLED
    assert code_list(d.eligibility.reasons) == ["no-licence"]
    assert "SM-COST-1" in cited(d.eligibility.reasons)
    assert "website-help" in code_list(d.eligibility.remedies)
    assert d.price.status == "not_applicable"


@pytest.mark.clause("SM-COST-1")
def test_licence_is_judged_on_the_day_of_the_request_not_of_the_evaluation(evaluate):
    # Last day of the 12 months: 2026-05-31. Asked that evening, evaluated two days later.
    asked_in_time = evaluate(
        {
            "request.received_at": f"2026-05-31T17:00:00{MX}",
            "at": f"2026-06-02T10:00:00{MX}",
        }
    )
    assert asked_in_time.eligibility.status == ENTITLED
    asked_late = evaluate(
        {
            "request.received_at": f"2026-06-01T09:30:00{MX}",
            "at": f"2026-06-02T10:00:00{MX}",
        }
    )
    assert asked_late.eligibility.status == NOT_ENTITLED


@pytest.mark.clause("SM-COST-1")
def test_a_licence_bought_after_the_request_does_not_count(evaluate, code_list):
    d = evaluate({"licences[0].acquired_on": "2026-03-11", "at": f"2026-03-12T10:00:00{MX}"})
    assert d.eligibility.status == NOT_ENTITLED
    assert code_list(d.eligibility.reasons) == ["no-licence"]


@pytest.mark.clause("SM-COST-3")
def test_purchase_gives_twelve_months_from_the_acquisition_date(evaluate, cited, code_list):
    last_day = evaluate(
        {
            "licences[0].acquired_on": "2025-03-10",
            "request.received_at": f"2026-03-09T11:00:00{MX}",
        }
    )
    assert last_day.eligibility.status == ENTITLED
    assert last_day.eligibility.valid_until == date(2026, 3, 9)
    anniversary = evaluate({"licences[0].acquired_on": "2025-03-10"})
    assert anniversary.eligibility.status == NOT_ENTITLED
    assert code_list(anniversary.eligibility.reasons) == ["support-period-ended"]
    assert "SM-COST-3" in cited(anniversary.eligibility.reasons)


@pytest.mark.clause("SM-COST-2")
def test_rental_gives_support_for_the_rented_period(evaluate, cited):
    d = evaluate(
        {
            "licences[0].acquired_on": "2026-01-01",
            "licences[0].acquisition": {"kind": "rental", "rental_end": "2026-04-01"},
        }
    )
    assert d.eligibility.status == ENTITLED
    assert d.eligibility.valid_until == date(2026, 3, 31)
    assert "SM-COST-2" in cited(d.eligibility.basis)


@pytest.mark.clause("SM-COST-2")
def test_ended_rental_is_not_entitled_and_can_be_rented_again(evaluate, cited, code_list):
    d = evaluate(
        {
            "licences[0].acquired_on": "2025-12-01",
            "licences[0].acquisition": {"kind": "rental", "rental_end": "2026-03-01"},
        }
    )
    assert d.eligibility.status == NOT_ENTITLED
    assert code_list(d.eligibility.reasons) == ["rental-ended"]
    assert "SM-COST-2" in cited(d.eligibility.reasons)
    rent = next(r for r in d.eligibility.remedies if r.code == "rent-again")
    assert rent.price == Money("1500.00", "MXN")
    assert "SM-COST-2" in cited(rent)


@pytest.mark.clause("SM-COST-2")
def test_rental_price_not_configured_is_named_not_guessed(evaluate):
    d = evaluate(
        {
            "licences[0].acquired_on": "2025-12-01",
            "licences[0].acquisition": {"kind": "rental", "rental_end": "2026-03-01"},
        },
        settings={"rental_price": None},
    )
    rent = next(r for r in d.eligibility.remedies if r.code == "rent-again")
    assert rent.price is None
    assert [m.key for m in rent.missing] == ["rental_price"]


# --------------------------------------------------------------------------- updates


@pytest.mark.clause("SM-COST-4", "SM-LAPSE-1")
def test_lapsed_purchase_must_buy_the_update_priced_with_iva(evaluate, cited, code_list):
    d = evaluate({"licences[0].acquired_on": "2024-11-20"})
    assert d.eligibility.status == NOT_ENTITLED
    assert "SM-LAPSE-1" in cited(d.eligibility.reasons)
    update = next(r for r in d.eligibility.remedies if r.code == "buy-update")
    assert update.price == Money("2900.00", "MXN")
    assert update.price_note == "+ IVA 16 %"
    assert {"SM-COST-4", "SM-LAPSE-1"} <= cited(update)


@pytest.mark.clause("SM-COST-4")
def test_update_price_not_configured_is_named_not_guessed(evaluate):
    d = evaluate({"licences[0].acquired_on": "2024-11-20"}, settings={"update_price": None})
    update = next(r for r in d.eligibility.remedies if r.code == "buy-update")
    assert update.price is None
    assert [m.key for m in update.missing] == ["update_price"]


@pytest.mark.clause("SM-COST-4")
def test_update_bought_after_the_lapse_gives_twelve_months_from_its_date(evaluate, cited):
    d = evaluate(
        {
            "licences": [
                {"product": "Contabilidad", "acquired_on": "2024-01-15"},
                {
                    "product": "Contabilidad",
                    "acquired_on": "2025-09-01",
                    "acquisition": {"kind": "upgrade", "upgraded_from": "2024.1"},
                },
            ]
        }
    )
    assert d.eligibility.status == ENTITLED
    assert d.eligibility.valid_until == date(2026, 8, 31)
    assert "SM-COST-4" in cited(d.eligibility.basis)


@pytest.mark.clause("SM-COST-4")
def test_update_bought_early_adds_twelve_more_months(evaluate):
    licences = [
        {"product": "Contabilidad", "acquired_on": "2025-06-01"},
        {
            "product": "Contabilidad",
            "acquired_on": "2026-03-01",
            "acquisition": {"kind": "upgrade"},
        },
    ]
    stacked = evaluate(
        {
            "licences": licences,
            "request.received_at": f"2027-05-20T10:00:00{MX}",
            "at": f"2027-05-20T12:00:00{MX}",
        }
    )
    assert stacked.eligibility.status == ENTITLED
    assert stacked.eligibility.valid_until == date(2027, 5, 31)
    from_date = evaluate(
        {
            "licences": licences,
            "request.received_at": f"2027-03-10T10:00:00{MX}",
            "at": f"2027-03-10T12:00:00{MX}",
        },
        settings={"update_period_start": "from_update_date"},
    )
    assert from_date.eligibility.status == NOT_ENTITLED


# --------------------------------------------------------------------------- channels


@pytest.mark.clause("SM-CHAN-1")
def test_channel_not_offered_is_a_reasoned_refusal(evaluate, cited, code_list):
    d = evaluate({"request.channel": "fax"})
    assert d.eligibility.status == NOT_ENTITLED
    assert "channel-not-offered" in code_list(d.eligibility.reasons)
    assert "SM-CHAN-1" in cited(d.eligibility.reasons)
    assert "use-offered-channel" in code_list(d.eligibility.remedies)
    assert d.service.open_now is False
    assert "SM-CHAN-1" in cited(d.service)


@pytest.mark.clause("SM-CHAN-1")
@pytest.mark.parametrize("channel", ["phone", "chat", "email", "remote", "ticket"])
def test_every_offered_channel_gives_support(evaluate, channel):
    assert evaluate({"request.channel": channel}).eligibility.status == ENTITLED


@pytest.mark.clause("SM-HOURS-3")
def test_website_help_is_open_to_anyone_at_any_time(evaluate, cited):
    d = evaluate(
        {
            "licences": [],
            "request.channel": "web",
            "request.received_at": f"2026-03-08T03:00:00{MX}",
            "at": f"2026-03-08T03:00:00{MX}",
        }
    )
    assert d.service.open_now is True
    assert "SM-HOURS-3" in cited(d.service)
    website = next(r for r in d.eligibility.remedies if r.code == "website-help")
    assert "SM-HOURS-3" in cited(website)


@pytest.mark.clause("SM-COST-1")
def test_a_web_request_without_a_licence_in_force_gets_no_free_support(evaluate, code_list):
    d = evaluate({"licences": [], "request.channel": "web"})
    assert d.eligibility.status == NOT_ENTITLED
    assert code_list(d.eligibility.reasons) == ["no-licence"]
    assert d.price.status == "not_applicable"


# --------------------------------------------------------------------------- versions


@pytest.mark.clause("SM-UPD-4")
def test_outdated_version_gets_no_support(evaluate, cited, code_list):
    d = evaluate({"request.version": "2025.1", "request.channel": "chat"})
    assert d.eligibility.status == NOT_ENTITLED
    assert code_list(d.eligibility.reasons) == ["outdated-version"]
    assert "SM-UPD-4" in cited(d.eligibility.reasons)
    assert "SM-OLD-1" not in cited(d.eligibility.reasons)  # chat is not named there
    install = next(r for r in d.eligibility.remedies if r.code == "install-latest-version")
    assert install.price is None and not install.missing  # included while in force


@pytest.mark.clause("SM-UPD-4")
def test_versions_compare_number_by_number(evaluate):
    newer = evaluate({"request.version": "2025.10"}, settings={"latest_version": "2025.9"})
    assert newer.eligibility.status == ENTITLED
    same = evaluate({"request.version": "v2025.2.0"})
    assert same.eligibility.status == ENTITLED


@pytest.mark.clause("SM-UPD-4")
def test_version_falls_back_to_the_licence_version(evaluate):
    d = evaluate({"request.version": None, "licences[0].version": "2024.4"})
    assert d.eligibility.status == NOT_ENTITLED


@pytest.mark.clause("SM-UPD-4")
def test_unknown_latest_version_leaves_eligibility_undetermined(evaluate, code_list):
    d = evaluate(settings={"latest_version": None})
    assert d.eligibility.status == UNDETERMINED
    assert code_list(d.eligibility.reasons) == ["latest-version-unknown"]
    assert d.eligibility.reasons[0].settings == ("latest_version",)
    assert d.price.status == "undetermined"


@pytest.mark.clause("SM-UPD-4")
def test_unknown_installed_version_leaves_eligibility_undetermined(evaluate, code_list):
    d = evaluate({"request.version": None})
    assert d.eligibility.status == UNDETERMINED
    assert code_list(d.eligibility.reasons) == ["version-unknown"]
    assert "tell-version" in code_list(d.eligibility.remedies)


@pytest.mark.clause("SM-UPD-3")
def test_on_a_network_every_machine_must_be_updated(evaluate, cited, code_list):
    d = evaluate(
        {
            "request.environment.networked": True,
            "request.facts.machine_versions": "2025.2, 2025.2, 2025.1",
        }
    )
    assert d.eligibility.status == NOT_ENTITLED
    assert code_list(d.eligibility.reasons) == ["network-machine-outdated"]
    assert "SM-UPD-3" in cited(d.eligibility.reasons)
    assert "2025.1" in d.eligibility.reasons[0].message
    up_to_date = evaluate(
        {
            "request.environment.networked": True,
            "request.facts.machine_versions": "2025.2, 2025.2",
        }
    )
    assert up_to_date.eligibility.status == ENTITLED


@pytest.mark.clause("SM-OLD-1")
@pytest.mark.parametrize("channel", ["phone", "email", "remote"])
def test_previous_versions_get_no_phone_email_or_remote_support(evaluate, cited, channel):
    d = evaluate({"request.version": "2024.3", "request.channel": channel})
    assert d.eligibility.status == NOT_ENTITLED
    assert "SM-OLD-1" in cited(d.eligibility.reasons)


@pytest.mark.clause("SM-OLD-2")
def test_previous_versions_are_sent_to_the_help_and_website(evaluate, cited):
    d = evaluate({"request.version": "2024.3"})
    website = next(r for r in d.eligibility.remedies if r.code == "website-help")
    assert "SM-OLD-2" in cited(website)


@pytest.mark.clause("SM-UPD-4", "SM-LAPSE-1")
def test_outdated_and_lapsed_must_buy_the_update_to_get_the_latest_version(evaluate, code_list):
    d = evaluate({"licences[0].acquired_on": "2024-11-20", "request.version": "2024.3"})
    assert code_list(d.eligibility.reasons) == ["support-period-ended", "outdated-version"]
    assert code_list(d.eligibility.remedies) == ["buy-update", "website-help"]


@pytest.mark.clause("SM-UPD-4", "SM-COST-2")
def test_outdated_with_an_ended_rental_is_offered_a_new_rental_not_an_update(evaluate, code_list):
    d = evaluate(
        {
            "licences[0].acquired_on": "2025-12-01",
            "licences[0].acquisition": {"kind": "rental", "rental_end": "2026-03-01"},
            "request.version": "2024.3",
        }
    )
    assert code_list(d.eligibility.reasons) == ["rental-ended", "outdated-version"]
    assert code_list(d.eligibility.remedies) == ["rent-again", "website-help"]


@pytest.mark.clause("SM-UPD-4")
def test_asking_for_the_update_itself_is_not_refused_for_an_outdated_version(evaluate):
    d = evaluate({"request.version": "2024.3", "request.category": "update_download"})
    assert d.eligibility.status == ENTITLED
    assert d.coverage.status == "covered"
    assert d.price.status == "free"


@pytest.mark.clause("SM-LAPSE-1")
def test_lapsed_purchase_has_no_right_to_updates_until_one_is_paid(evaluate, cited):
    d = evaluate({"licences[0].acquired_on": "2024-11-20", "request.category": "new_version"})
    assert d.coverage.status == "billable"
    assert "SM-LAPSE-1" in cited(d.coverage)
    assert d.price.status == "complete"
    assert d.price.subtotal == Money("2900.00", "MXN")
    assert d.price.taxes[0].rate == Decimal("0.16")
    assert d.price.total == Money("3364.00", "MXN")


@pytest.mark.clause("SM-LAPSE-1", "SM-COST-2")
def test_ended_rental_gets_the_latest_version_with_a_new_rental(evaluate, cited):
    d = evaluate(
        {
            "licences[0].acquired_on": "2025-12-01",
            "licences[0].acquisition": {"kind": "rental", "rental_end": "2026-03-01"},
            "request.category": "update_download",
        }
    )
    assert d.coverage.status == "billable"
    assert d.price.total == Money("1740.00", "MXN")
    assert "SM-COST-2" in cited(d.price)


# --------------------------------------------------------------------------- lost licences


@pytest.mark.clause("SM-LOST-2")
def test_lost_licence_in_force_is_replaced_as_of_right(evaluate, cited, code_list):
    d = evaluate(
        {
            "request.category": "licence_replacement",
            "licences[0].lost": True,
            "request.version": "2024.1",  # the version does not matter for a replacement
        }
    )
    assert d.eligibility.status == ENTITLED
    assert "replacement-right" in code_list(d.eligibility.basis)
    assert d.coverage.status == "covered"
    assert "SM-LOST-2" in cited(d.coverage)
    assert d.price.status == "free"


@pytest.mark.clause("SM-LOST-1")
def test_lost_licence_without_support_is_never_replaced(evaluate, cited, code_list):
    d = evaluate(
        {
            "request.category": "licence_replacement",
            "licences[0].lost": True,
            "licences[0].acquired_on": "2024-11-20",
        }
    )
    assert d.eligibility.status == NOT_ENTITLED
    assert code_list(d.eligibility.reasons) == ["lost-licence-not-replaced"]
    assert "SM-LOST-1" in cited(d.eligibility.reasons)
    assert d.eligibility.remedies == ()  # "bajo ninguna circunstancia"
    assert d.coverage.status == "excluded"
    assert "SM-LOST-1" in cited(d.coverage)
    assert d.price.status == "not_applicable"
