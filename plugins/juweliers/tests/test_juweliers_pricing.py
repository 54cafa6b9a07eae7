"""Pricing: regie time, the upgrade price formula, the settlement of a cancellation, BTW."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from supportcore import Money
from supportcore.wording import words

#: the quarter 2026-09-15 to 2026-12-14 as an English sentence says it
QUARTER = "from 15 September 2026 to 14 December 2026 inclusive"


def eur(amount: str) -> str:
    """An amount in euros as an English sentence writes it."""
    return words(Money(amount, "EUR"), "en_GB")


CANCELLED = {
    "contracts[0].cancellation_notice_on": "2026-02-10",
    "contracts[0].cancellation_channel": "letter",
}


def _session(minutes: int, hour: str = "09:30") -> dict[str, object]:
    return {
        "at": f"2026-11-17T{hour}:00[Europe/Brussels]",
        "kind": "work_session",
        "by": "vendor",
        "minutes": minutes,
    }


# ------------------------------------------------------------------ regie under the agreement


@pytest.mark.clause("JUW-EXCLUDED-REGIE")
def test_excluded_work_is_charged_for_the_time_spent_at_the_regie_rate(jw):
    d = jw.decide({"request.category": "virus_malware", "ticket.events": [_session(50)]})
    q = d.price
    assert q.status == "complete"
    (line,) = q.lines
    assert line.quantity == 1 and str(line.amount) == "60.00 EUR"  # 50 min → 60 min (15-min steps)
    assert "JUW-EXCLUDED-REGIE" in jw.ids(line.citations)
    (tax,) = q.taxes
    assert tax.name == "BTW" and tax.rate == Decimal("0.21") and str(tax.amount) == "12.60 EUR"
    assert str(q.total) == "72.60 EUR"


@pytest.mark.clause("JUW-EXCLUDED-REGIE")
def test_excluded_work_has_no_minimum_hour_by_default(jw):
    d = jw.decide({"request.category": "hardware", "ticket.events": [_session(10)]})
    assert str(d.price.lines[0].amount) == "15.00 EUR"  # 10 min → 15 min at 60.00/h


@pytest.mark.clause("JUW-EXCLUDED-REGIE")
def test_excluded_work_without_logged_time_cannot_be_priced_yet(jw):
    d = jw.decide({"request.category": "reinstallation"})
    assert d.price.status == "incomplete"
    assert not d.price.lines
    r = jw.reason(d.price.reasons, "regie-time-unknown")
    assert "JUW-EXCLUDED-REGIE" in jw.ids(r.citations)


def test_minimum_hour_for_excluded_work_is_a_setting(jw):
    d = jw.decide(
        {"request.category": "reinstallation"}, settings={"minimum_hour_for_excluded_work": True}
    )
    assert str(d.price.lines[0].amount) == "60.00 EUR"


def test_missing_regie_rate_is_named_not_guessed(jw):
    d = jw.decide(
        {"request.category": "virus_malware", "ticket.events": [_session(30)]},
        settings={"regie_hourly_rate": None},
    )
    assert d.price.status == "incomplete"
    assert [m.key for m in d.price.missing] == ["regie_hourly_rate"]
    assert not d.price.lines


# ------------------------------------------------------------------ after cancellation


@pytest.mark.clause("JUW-AFTER-CANCEL", "JUW-AFTER-CANCEL-ALL-CHANNELS")
def test_phone_help_after_cancellation_is_charged_at_least_one_hour(jw):
    d = jw.decide({**CANCELLED, "ticket.events": [_session(20)]})
    (line,) = d.price.lines
    assert line.quantity == 1 and str(line.amount) == "60.00 EUR"
    assert {"JUW-AFTER-CANCEL", "JUW-AFTER-CANCEL-ALL-CHANNELS"} <= jw.ids(line.citations)
    assert str(d.price.total) == "72.60 EUR"


@pytest.mark.clause("JUW-AFTER-CANCEL")
def test_each_intervention_has_its_own_minimum_hour(jw):
    d = jw.decide({**CANCELLED, "ticket.events": [_session(20), _session(70, "09:45")]})
    assert [str(li.amount) for li in d.price.lines] == ["60.00 EUR", "75.00 EUR"]


@pytest.mark.clause("JUW-AFTER-CANCEL")
def test_a_request_without_logged_time_is_quoted_at_the_minimum_hour(jw):
    d = jw.decide(CANCELLED)
    (line,) = d.price.lines
    assert line.quantity == 1 and "minimum of 1 hour" in line.description


@pytest.mark.clause("JUW-AFTER-CANCEL-ALL-CHANNELS")
def test_interventions_over_the_internet_after_cancellation_carry_the_minimum_too(jw):
    d = jw.decide(
        {
            **CANCELLED,
            "request.channel": "remote",
            "licences[0].modules": ["communicatiepakket"],
            "ticket.events": [_session(5)],
        }
    )
    (line,) = d.price.lines
    assert str(line.amount) == "60.00 EUR"
    assert "JUW-AFTER-CANCEL-ALL-CHANNELS" in jw.ids(line.citations)


def test_regie_time_beyond_the_minimum_needs_the_increment_setting(jw):
    d = jw.decide(
        {**CANCELLED, "ticket.events": [_session(70)]}, settings={"regie_increment_minutes": None}
    )
    assert [m.key for m in d.price.missing] == ["regie_increment_minutes"]
    short = jw.decide(
        {**CANCELLED, "ticket.events": [_session(40)]}, settings={"regie_increment_minutes": None}
    )
    assert short.price.status == "complete"


@settings(max_examples=60, deadline=None)
@given(minutes=st.integers(min_value=0, max_value=600))
def test_regie_after_cancellation_is_never_less_than_an_hour_and_in_whole_steps(jw, minutes):
    d = jw.decide({**CANCELLED, "ticket.events": [_session(minutes)]})
    charged = d.price.lines[0].quantity * 60
    expected = 60 if minutes <= 60 else -(-minutes // 15) * 15
    assert charged == expected


# ------------------------------------------------------------------ upgrades


@pytest.mark.clause("JUW-ADAPTATION-UPGRADE", "JUW-UPGRADE-PRICE")
def test_adaptation_without_agreement_needs_a_paid_upgrade(jw):
    d = jw.decide(
        {
            **CANCELLED,
            "licences[0].cost": {"amount": "3600.00", "currency": "EUR"},
            "request.category": "malfunction",
            "request.needs_adaptation": True,
        }
    )
    regie, upgrade = d.price.lines
    assert str(regie.amount) == "60.00 EUR"
    assert str(upgrade.amount) == "540.00 EUR"  # 3600 / 60 × 9 completed months
    assert "9 completed months" in upgrade.description
    assert {"JUW-ADAPTATION-UPGRADE", "JUW-UPGRADE-PRICE"} <= jw.ids(upgrade.citations)
    assert str(d.price.total) == "726.00 EUR"  # 600.00 + 21 % BTW
    assert jw.reason(d.coverage.reasons, "adaptation-needs-upgrade")
    assert [a.description for a in d.closure.actions] == ["Buy the upgrade to the latest version"]


@pytest.mark.clause("JUW-ADAPTATION-UPGRADE")
def test_help_without_adaptation_needs_no_upgrade(jw):
    d = jw.decide({**CANCELLED, "request.category": "malfunction"})
    assert len(d.price.lines) == 1
    assert "buy-upgrade" not in [m.code for m in d.eligibility.remedies]


@pytest.mark.clause("JUW-ADAPTATION-UPGRADE", "JUW-UPGRADES")
def test_adaptation_under_the_agreement_comes_with_the_free_upgrade(jw):
    d = jw.decide({"request.category": "malfunction", "request.needs_adaptation": True})
    assert d.price.status == "free"
    assert jw.reason(d.coverage.reasons, "adaptation-in-free-upgrade")


@pytest.mark.clause("JUW-UPGRADE-PRICE")
def test_started_months_count_when_the_setting_says_so(jw):
    changes = {
        **CANCELLED,
        "licences[0].cost": {"amount": "3600.00", "currency": "EUR"},
        "request.category": "new_version",
    }
    completed = jw.decide(changes)
    started = jw.decide(changes, settings={"month_count": "started"})
    assert str(completed.price.lines[0].amount) == "540.00 EUR"
    assert str(started.price.lines[0].amount) == "600.00 EUR"  # 10 started months


@pytest.mark.clause("JUW-UPGRADE-PRICE")
def test_less_than_a_month_without_agreement_gives_a_zero_upgrade_price(jw):
    d = jw.decide(
        {
            "contracts[0].cancellation_notice_on": "2026-11-01",
            "contracts[0].cancellation_channel": "fax",
            "request.category": "new_version",
        }
    )
    assert str(d.price.lines[0].amount) == "0.00 EUR"
    assert "0 completed months" in d.price.lines[0].description


@pytest.mark.clause("JUW-UPGRADE-PRICE", "JUW-ONE-WHOLE")
def test_upgrade_price_uses_the_list_price_of_the_package_and_its_modules(jw):
    d = jw.decide({**CANCELLED, "request.category": "new_version"})
    # licence without cost: 3000 (package) + 600 (herstellingen) = 3600 → 3600 / 60 × 9
    assert str(d.price.lines[0].amount) == "540.00 EUR"
    assert eur("3600.00") in d.price.lines[0].description


@pytest.mark.clause("JUW-UPGRADE-PRICE")
def test_upgrade_price_adds_up_every_licence_in_use(jw):
    first = jw.factory.dict()["licences"][0]
    second = {
        "product": "juwelierspakket",
        "acquired_on": "2024-05-01",
        "cost": {"amount": "1200.00", "currency": "EUR"},
    }
    d = jw.decide({**CANCELLED, "licences": [first, second], "request.category": "new_version"})
    assert str(d.price.lines[0].amount) == "720.00 EUR"  # (3600 + 1200) / 60 × 9


@pytest.mark.clause("JUW-UPGRADE-PRICE", "JUW-BILLED-FROM-PURCHASE")
def test_never_having_had_an_agreement_counts_the_months_from_the_purchase(jw):
    d = jw.decide(
        {
            "contracts": [],
            "licences[0].acquired_on": "2025-01-10",
            "licences[0].modules": [],
            "request.category": "new_version",
        }
    )
    assert d.price.lines[0].amount.amount == 1100  # 3000 / 60 × 22 months
    assert "since 10 January 2025" in d.price.lines[0].description


def test_upgrade_price_without_licence_prices_names_the_missing_setting(jw):
    d = jw.decide(
        {**CANCELLED, "request.category": "new_version"}, settings={"licence_prices": None}
    )
    assert d.price.status == "incomplete"
    assert [m.key for m in d.price.missing] == ["licence_prices"]


@pytest.mark.clause("JUW-LATEST-ONLY")
def test_older_version_without_agreement_still_gets_help_without_adaptation(jw):
    d = jw.decide({**CANCELLED, "licences[0].version": "2025.3"})
    r = jw.reason(d.eligibility.reasons, "older-version-help-without-adaptation")
    assert "JUW-LATEST-ONLY" in jw.ids(r.citations)
    assert len(d.price.lines) == 1  # regie only


@pytest.mark.clause("JUW-LATEST-ONLY")
def test_only_the_latest_version_is_supported_when_the_setting_is_strict(jw):
    d = jw.decide(
        {**CANCELLED, "licences[0].version": "2025.3"}, settings={"help_on_older_versions": False}
    )
    r = jw.reason(d.eligibility.reasons, "older-version-upgrade-needed")
    assert {"JUW-LATEST-ONLY", "JUW-ADAPTATION-UPGRADE"} <= jw.ids(r.citations)
    assert "buy-upgrade" in [m.code for m in d.eligibility.remedies]
    assert len(d.price.lines) == 2


@pytest.mark.clause("JUW-LATEST-ONLY", "JUW-UPGRADES")
def test_older_version_under_the_agreement_gets_the_free_upgrade(jw):
    d = jw.decide({"request.version": "2025.10"})
    r = jw.reason(d.eligibility.basis, "older-version-free-upgrade")
    assert {"JUW-LATEST-ONLY", "JUW-UPGRADES"} <= jw.ids(r.citations)
    assert [a.party for a in d.closure.actions] == ["customer"]
    assert d.price.status == "free"


def test_latest_version_not_configured_is_said(jw):
    d = jw.decide(settings={"latest_version": None})
    r = jw.reason(d.eligibility.basis, "latest-version-unknown")
    assert r.settings == ("latest_version",) and r.params == {"installed": "2026.2"}


# ------------------------------------------------------------------ cancellation settlement


@pytest.mark.clause("JUW-CANCEL-INVOICED", "JUW-FEE")
def test_the_quarter_invoiced_before_the_notice_is_still_due(jw):
    d = jw.decide(
        {
            "request.category": "agreement_cancellation",
            "request.channel": "email",
            "contracts[0].payment": "pending",
        }
    )
    assert d.coverage.status == "billable"
    (line,) = d.price.lines
    assert line.quantity == 3 and str(line.unit_price) == "50.00 EUR"  # 40 + 10 a month
    assert QUARTER in line.description
    assert {"JUW-CANCEL-INVOICED", "JUW-FEE"} <= jw.ids(line.citations)
    assert str(d.price.total) == "181.50 EUR"
    assert [a.description for a in d.closure.actions] == [
        "Settle the periods invoiced before the notice"
    ]


@pytest.mark.clause("JUW-CANCEL-INVOICED")
def test_a_paid_invoiced_quarter_is_not_refunded(jw):
    d = jw.decide({"request.category": "agreement_cancellation", "request.channel": "letter"})
    assert d.price.status == "free"
    r = jw.reason(d.price.reasons, "invoiced-quarter-paid")
    assert "not refunded" in r.message and "JUW-CANCEL-INVOICED" in jw.ids(r.citations)


@pytest.mark.clause("JUW-CANCEL-INVOICED")
def test_a_quarter_not_invoiced_before_the_notice_is_not_charged(jw):
    d = jw.decide(
        {
            "request.category": "agreement_cancellation",
            "request.channel": "email",
            "contracts[0].payment": "not_invoiced",
        }
    )
    assert d.coverage.status == "billable"
    assert not d.price.lines
    assert d.price.status == "free"
    r = jw.reason(d.price.reasons, "quarter-not-invoiced")
    assert r.params["quarter"] == {"start": "2026-09-15", "end": "2026-12-15"}
    assert "JUW-CANCEL-INVOICED" in jw.ids(r.citations)
    assert d.closure.actions == ()


def _payment(amount: str) -> dict[str, object]:
    return {
        "at": "2026-10-02T12:00:00[Europe/Brussels]",
        "kind": "payment",
        "by": "customer",
        "amount": {"amount": amount, "currency": "EUR"},
    }


@pytest.mark.clause("JUW-CANCEL-INVOICED", "JUW-FEE")
def test_a_partly_paid_invoiced_quarter_leaves_only_the_remainder_due(jw):
    d = jw.decide(
        {
            "request.category": "agreement_cancellation",
            "request.channel": "email",
            "contracts[0].payment": "partial",
            "ticket.events": [_payment("100.00")],
        }
    )
    q = d.price
    assert q.status == "complete"
    (line,) = q.lines
    assert QUARTER in line.description
    assert eur("181.50") in line.description and f"{eur('100.00')} paid" in line.description
    assert str(line.amount) == "81.50 EUR"
    assert {"JUW-CANCEL-INVOICED", "JUW-FEE"} <= jw.ids(line.citations)
    (tax,) = q.taxes
    assert tax.included and str(tax.amount) == "14.14 EUR"
    assert str(q.total) == "81.50 EUR"
    r = jw.reason(q.reasons, "invoiced-quarter-partly-paid")
    assert r.params["gross"] == {"amount": "181.50", "currency": "EUR"}
    assert r.params["paid"] == {"amount": "100.00", "currency": "EUR"}
    assert r.params["due"] == {"amount": "81.50", "currency": "EUR"}


@pytest.mark.clause("JUW-CANCEL-INVOICED")
def test_a_partly_paid_quarter_without_the_amount_paid_is_not_charged_in_full(jw):
    d = jw.decide(
        {
            "request.category": "agreement_cancellation",
            "request.channel": "email",
            "contracts[0].payment": "partial",
        }
    )
    assert d.price.status == "undetermined"
    assert not d.price.lines
    r = jw.reason(d.price.reasons, "amount-paid-unknown")
    assert r.params["gross"] == {"amount": "181.50", "currency": "EUR"}
    assert [m.field for m in d.price.missing_facts] == ["ticket.events"]
    assert d.coverage.status == "billable" and d.coverage.missing_facts == ()


@pytest.mark.clause("JUW-CANCEL-INVOICED")
def test_quarters_invoiced_in_arrears_leave_the_running_quarter_unbilled(jw):
    d = jw.decide(
        {
            "request.category": "agreement_cancellation",
            "request.channel": "fax",
            "contracts[0].payment": "pending",
        },
        settings={"quarter_invoicing": "in_arrears"},
    )
    assert not d.price.lines
    assert jw.reason(d.price.reasons, "running-quarter-not-invoiced")


@pytest.mark.clause("JUW-CANCEL")
def test_cancelling_by_phone_is_refused_with_the_valid_channels(jw):
    d = jw.decide({"request.category": "agreement_cancellation", "request.channel": "phone"})
    assert d.coverage.status == "excluded"
    r = jw.reason(d.coverage.reasons, "cancellation-not-valid")
    assert "JUW-CANCEL" in jw.ids(r.citations)
    assert d.coverage.remedies[0].code == "send-written-notice"
    assert d.price.status == "not_applicable"
    assert d.eligibility.status == "entitled"


def test_cancellation_settlement_without_monthly_amounts_names_the_setting(jw):
    d = jw.decide(
        {
            "request.category": "agreement_cancellation",
            "request.channel": "email",
            "contracts[0].payment": "pending",
        },
        settings={"monthly_fee": None},
    )
    assert d.price.status == "incomplete"
    assert [m.key for m in d.price.missing] == ["monthly_fee"]


def test_the_btw_rate_default_is_the_belgian_standard_rate(jw):
    d = jw.decide(
        {"request.category": "hardware", "ticket.events": [_session(60)]},
        settings={"tax_rate": None},
    )
    assert d.price.taxes[0].rate == Decimal("0.21")


@pytest.mark.clause("JUW-CANCEL-INVOICED")
def test_a_quarter_the_payments_cover_in_full_leaves_nothing_to_settle(jw):
    d = jw.decide(
        {
            "request.category": "agreement_cancellation",
            "request.channel": "email",
            "contracts[0].payment": "partial",
            "ticket.events": [_payment("181.50")],
        }
    )
    jw.reason(d.price.reasons, "invoiced-quarter-paid")
    assert not any(a.description and "ettle" in a.description for a in d.closure.actions)
    assert d.closure.actions == () or all(
        a.citations[0].clause != "JUW-CANCEL-INVOICED" for a in d.closure.actions
    )
