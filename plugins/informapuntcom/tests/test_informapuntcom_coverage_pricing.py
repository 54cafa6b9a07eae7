"""informapuntcom: what the support includes and excludes, and what the customer pays."""

from __future__ import annotations

from decimal import Decimal

import pytest

from supportcore import Money

clause = pytest.mark.clause

EUR = "EUR"


def reason(reasons, code):  # type: ignore[no-untyped-def]
    found = [r for r in reasons if r.code == code]
    assert found, f"no reason {code!r} in {[r.code for r in reasons]}"
    return found[0]


# --------------------------------------------------------------------------- coverage


@clause("IPC-INC-1", "IPC-QRY-1")
def test_one_off_usage_question_is_included(evaluate, cites):
    d = evaluate({"request.category": "usage_question"})
    assert d.coverage.status == "covered"
    assert {"IPC-INC-1", "IPC-QRY-1"} <= cites(d.coverage.reasons)


@clause("IPC-INC-1")
def test_incident_using_the_program_is_included(evaluate, cites):
    d = evaluate({"request.category": "malfunction"})
    assert d.coverage.status == "covered"
    assert "IPC-INC-1" in cites(d.coverage.reasons)


@clause("IPC-QRY-1", "IPC-EXC-4")
def test_queries_are_no_substitute_for_training(evaluate, cites):
    d = evaluate({"request.category": "training"})
    assert d.coverage.status == "excluded"
    assert {"IPC-EXC-4", "IPC-QRY-1"} <= cites(d.coverage.reasons)
    assert d.price.status == "not_applicable"


@pytest.mark.parametrize(
    ("category", "clause_id"),
    [
        pytest.param("third_party_cause", "IPC-EXC-1", marks=clause("IPC-EXC-1")),
        pytest.param("virus_malware", "IPC-EXC-1", marks=clause("IPC-EXC-1")),
        pytest.param("internet", "IPC-EXC-1", marks=clause("IPC-EXC-1")),
        pytest.param("os_compatibility", "IPC-EXC-1", marks=clause("IPC-EXC-1")),
        pytest.param("on_site_visit", "IPC-EXC-2", marks=clause("IPC-EXC-2")),
        pytest.param("report_design", "IPC-EXC-3", marks=clause("IPC-EXC-3")),
        pytest.param("training", "IPC-EXC-4", marks=clause("IPC-EXC-4")),
        pytest.param("custom_development", "IPC-EXC-5", marks=clause("IPC-EXC-5")),
        pytest.param("operating_system", "IPC-EXC-6", marks=clause("IPC-EXC-6")),
        pytest.param("third_party_software", "IPC-EXC-6", marks=clause("IPC-EXC-6")),
        pytest.param("hardware", "IPC-EXC-6", marks=clause("IPC-EXC-6")),
        pytest.param("network", "IPC-EXC-6", marks=clause("IPC-EXC-6")),
        pytest.param("equipment_optimisation", "IPC-EXC-6", marks=clause("IPC-EXC-6")),
        pytest.param("shipping_material", "IPC-EXC-7", marks=clause("IPC-EXC-7")),
    ],
)
def test_what_the_support_does_not_include_is_excluded(evaluate, cites, category, clause_id):
    d = evaluate({"request.category": category})
    assert d.coverage.status == "excluded"
    assert clause_id in cites(d.coverage.reasons)
    assert d.price.status == "not_applicable"


@clause("IPC-EXC-5")
def test_a_fix_that_needs_modifying_the_program_is_excluded(evaluate, cites):
    d = evaluate({"request.category": "malfunction", "request.needs_adaptation": True})
    assert d.coverage.status == "excluded"
    assert "IPC-EXC-5" in cites(d.coverage.reasons)


@pytest.mark.parametrize("category", ["installation", "data_repair", "update_download", "other"])
def test_categories_the_terms_do_not_rule_on_are_undetermined(evaluate, category):
    d = evaluate({"request.category": category})
    assert d.coverage.status == "undetermined"
    assert d.price.status == "undetermined"


REMOTE_SESSION = {
    "request.channel": "remote",
    "ticket.events": [
        {"at": "2026-03-10T10:20:00+01:00", "kind": "vendor_reply"},
        {
            "at": "2026-03-10T10:25:00+01:00",
            "kind": "appointment_booked",
            "by": "vendor",
            "scheduled_for": "2026-03-10T11:00:00+01:00",
        },
        {"at": "2026-03-10T11:02:00+01:00", "kind": "work_session", "minutes": 45},
    ],
}


@clause("IPC-TEL-6")
def test_excluded_assistance_by_remote_on_a_remote_plan_is_charged_at_the_remote_tariff(
    evaluate, cites
):
    d = evaluate({**REMOTE_SESSION, "request.category": "network"})
    assert d.coverage.status == "billable"
    assert {"IPC-TEL-6", "IPC-EXC-6"} <= cites(d.coverage.reasons)
    # 45 minutes at 60 EUR/hour = 45.00 + 21 % IVA; no plan hours are consumed.
    assert d.price.status == "complete"
    assert d.price.subtotal == Money("45.00", EUR)
    assert d.price.total == Money("54.45", EUR)
    assert "IPC-TEL-6" in cites(d.price.lines)
    assert d.eligibility.remaining_minutes == 600


@clause("IPC-TEL-6")
def test_excluded_matter_on_a_remote_plan_offers_remote_assistance_at_tariff(evaluate, cites):
    d = evaluate({"request.category": "network"})
    assert d.coverage.status == "excluded"
    assert d.coverage.remedies[0].price == Money("60.00", EUR)
    assert "IPC-TEL-6" in cites(d.coverage.remedies)


@clause("IPC-TEL-1")
def test_remote_assistance_is_excluded_for_plans_without_it_unless_urgent(evaluate, cites):
    d = evaluate({"request.category": "remote_assistance", "contracts[0].channels": ["email"]})
    assert d.coverage.status == "excluded"
    assert "IPC-TEL-1" in cites(d.coverage.reasons)
    with_remote = evaluate({"request.category": "remote_assistance"})
    assert with_remote.coverage.status == "covered"


# --------------------------------------------------------------------------- pricing


@clause("IPC-HRS-1", "IPC-HRS-3")
def test_work_within_the_plans_hours_is_free(evaluate, cites):
    d = evaluate(
        {
            "ticket.events": [
                {"at": "2026-03-10T11:00:00+01:00", "kind": "work_session", "minutes": 50}
            ]
        }
    )
    assert d.price.status == "free"
    assert d.price.lines == ()
    assert {"IPC-HRS-1", "IPC-HRS-3"} <= cites(d.price.reasons)


OVER = {
    "contracts[0].usage": [{"at": "2026-02-10T10:00:00+01:00", "minutes": 590}],
    "ticket.events": [{"at": "2026-03-10T11:00:00+01:00", "kind": "work_session", "minutes": 40}],
}


@clause("IPC-HRS-8")
def test_work_beyond_the_hours_on_an_unsolved_case_is_charged_at_current_tariff(evaluate, cites):
    d = evaluate(OVER)
    assert d.price.status == "complete"
    (line,) = d.price.lines
    assert line.quantity == Decimal("0.5") and line.unit == "hour"  # 30 min
    assert line.amount == Money("20.00", EUR)  # 30 min at 40 EUR/hour
    assert "IPC-HRS-8" in cites(line)
    (tax,) = d.price.taxes
    assert tax.name == "IVA" and tax.amount == Money("4.20", EUR)
    assert d.price.total == Money("24.20", EUR)


@clause("IPC-HRS-8")
def test_missing_tariff_is_named_never_guessed(evaluate, settings_without):
    d = evaluate(OVER, settings=settings_without("hourly_rate"))
    assert d.price.status == "incomplete"
    assert [m.key for m in d.price.missing] == ["hourly_rate"]
    assert d.price.lines == ()


@clause("IPC-HRS-4", "IPC-HRS-8")
def test_urgent_surcharge_uses_up_the_plans_hours_but_its_overflow_is_not_billed(evaluate, cites):
    d = evaluate({**OVER, "request.urgent": True})
    assert d.eligibility.remaining_minutes == 0
    # The urgent 30 minutes take the 10 left (20 over, not billed); the 40 minutes of work
    # that follow are all beyond the plan's hours.
    (line,) = d.price.lines
    assert line.quantity == Decimal("0.6667")  # 40 min
    assert line.amount == Money("26.67", EUR)
    assert "IPC-HRS-4" in cites(reason(d.price.reasons, "over-not-billed"))


@clause("IPC-APT-2", "IPC-APT-7", "IPC-HRS-8")
def test_a_missed_session_uses_up_the_plans_hours_but_its_overflow_is_not_billed(evaluate):
    d = evaluate(
        {
            "request.channel": "remote",
            "contracts[0].usage": [{"at": "2026-02-10T10:00:00+01:00", "minutes": 590}],
            "ticket.events": [
                *REMOTE_SESSION["ticket.events"][:2],
                {"at": "2026-03-10T11:16:00+01:00", "kind": "appointment_missed"},
            ],
        }
    )
    assert d.eligibility.remaining_minutes == 0
    assert d.price.status == "free" and d.price.lines == ()
    (part,) = reason(d.price.reasons, "over-not-billed").params["parts"]
    assert part.startswith("20 min of the extra minutes")


@clause("IPC-HRS-8", "IPC-CLO-2")
def test_work_after_the_case_was_solved_is_not_billed_as_overage(evaluate):
    d = evaluate(
        {
            "at": "2026-03-10T13:00:00+01:00",
            "contracts[0].usage": [{"at": "2026-02-10T10:00:00+01:00", "minutes": 590}],
            "ticket.events": [
                {"at": "2026-03-10T11:00:00+01:00", "kind": "work_session", "minutes": 25},
                {"at": "2026-03-10T11:30:00+01:00", "kind": "resolved", "by": "vendor"},
                {"at": "2026-03-10T12:00:00+01:00", "kind": "work_session", "minutes": 20},
            ],
        }
    )
    assert d.eligibility.remaining_minutes == 0
    (line,) = d.price.lines
    assert line.quantity == Decimal("0.25")  # 15 min: 25 worked, 10 were left


@clause("IPC-HRS-8", "IPC-CLO-2")
def test_a_session_that_began_before_the_case_was_solved_is_charged_beyond_the_hours(evaluate):
    # A work session is logged when it ends: this one ran from 11:20 to 11:45, and began
    # while the case was not yet solved.
    d = evaluate(
        {
            "at": "2026-03-10T13:00:00+01:00",
            "contracts[0].usage": [{"at": "2026-02-10T10:00:00+01:00", "minutes": 590}],
            "ticket.events": [
                {"at": "2026-03-10T11:30:00+01:00", "kind": "resolved", "by": "vendor"},
                {"at": "2026-03-10T11:45:00+01:00", "kind": "work_session", "minutes": 25},
            ],
        }
    )
    (line,) = d.price.lines
    assert line.quantity == Decimal("0.25")  # 15 min: 25 worked, 10 were left


@clause("IPC-HRS-8", "IPC-HRS-5")
def test_work_after_the_plan_end_date_is_not_charged_as_beyond_the_plans_hours(evaluate, cites):
    d = evaluate(
        {
            "contracts[0].end": "2026-03-11",
            "at": "2026-03-12T12:00:00+01:00",
            "ticket.events": [
                {"at": "2026-03-10T11:00:00+01:00", "kind": "work_session", "minutes": 30},
                {"at": "2026-03-11T10:00:00+01:00", "kind": "work_session", "minutes": 15},
            ],
        }
    )
    assert d.price.status == "free" and d.price.lines == ()
    r = reason(d.price.reasons, "work-after-plan-end")
    assert r.params["minutes"] == 15 and {"IPC-HRS-5", "IPC-HRS-8"} <= cites(r)


@clause("IPC-TEL-6", "IPC-TEL-5")
def test_remote_work_beyond_the_hours_is_charged_at_the_remote_tariff_by_the_minute(
    evaluate, cites
):
    d = evaluate(
        {
            **REMOTE_SESSION,
            "contracts[0].usage": [{"at": "2026-02-10T10:00:00+01:00", "minutes": 590}],
        }
    )
    (line,) = d.price.lines
    assert line.quantity == Decimal("0.5833")  # 35 min: 45 worked, 10 were left
    assert line.amount == Money("35.00", EUR)  # 60 EUR/hour, counted in minutes
    assert {"IPC-TEL-6", "IPC-TEL-5"} <= cites(line)


@clause("IPC-TEL-5")
def test_remote_assistance_is_counted_in_minutes_not_rounded_to_hours(evaluate):
    d = evaluate(
        {
            **REMOTE_SESSION,
            "ticket.events": [
                *REMOTE_SESSION["ticket.events"][:2],
                {"at": "2026-03-10T11:01:00+01:00", "kind": "work_session", "minutes": 7},
            ],
        }
    )
    assert d.eligibility.remaining_minutes == 593


@clause("IPC-TEL-7", "IPC-TEL-5")
def test_urgent_remote_assistance_outside_the_plan_is_priced_per_minute_at_remote_tariff(
    evaluate, cites
):
    d = evaluate(
        {
            **REMOTE_SESSION,
            "request.urgent": True,
            "contracts[0].channels": ["email"],
        }
    )
    assert d.coverage.status == "billable"
    (line,) = d.price.lines
    # 45 minutes of work; no urgent surcharge on a paid service outside the plan.
    assert line.quantity == Decimal("0.75")  # 45 min
    assert line.amount == Money("45.00", EUR)
    assert "IPC-TEL-7" in cites(line)


@clause("IPC-TEL-7")
def test_remote_tariff_missing_is_named(evaluate, settings_without):
    d = evaluate(
        {"request.channel": "remote", "request.urgent": True, "contracts[0].channels": ["email"]},
        settings=settings_without("remote_hourly_rate"),
    )
    assert d.price.status == "incomplete"
    assert [m.key for m in d.price.missing] == ["remote_hourly_rate"]
    paid = next(r for r in d.eligibility.remedies if r.code == "paid-remote-assistance")
    assert paid.price is None and [m.key for m in paid.missing] == ["remote_hourly_rate"]


def test_tax_rate_defaults_to_the_spanish_general_rate(evaluate):
    d = evaluate(OVER)
    assert d.price.taxes[0].rate == Decimal("0.21")


def test_tax_rate_can_be_overridden(evaluate, settings_without):
    d = evaluate(OVER, settings=settings_without(tax_rate="0.10"))
    assert d.price.taxes[0].amount == Money("2.00", EUR)


@clause("IPC-HRS-8")
def test_work_logged_before_the_plan_started_is_outside_it_not_a_crash(evaluate):
    d = evaluate(
        {
            "contracts[0].start": "2026-03-10",
            "contracts[0].signed_on": "2026-03-09",
            "contracts[0].paid_on": "2026-03-09",
            "ticket.events": [
                {"at": "2026-03-09T18:00:00+01:00", "kind": "work_session", "minutes": 10}
            ],
        }
    )
    assert d.failures == ()
    assert d.eligibility.remaining_minutes == 600
    assert d.price.lines == ()
    assert reason(d.price.reasons, "work-after-plan-end").params["minutes"] == 10


@clause("IPC-TEL-6", "IPC-TEL-2")
def test_paid_remote_assistance_on_a_remote_plan_still_needs_the_invitation(evaluate):
    d = evaluate({"request.channel": "remote", "request.category": "network"})
    assert d.coverage.status == "billable"
    assert d.eligibility.status == "not_entitled"
    assert d.price.status == "not_applicable"


@clause("IPC-TEL-7", "IPC-APT-7")
def test_a_missed_session_of_a_user_without_a_remote_plan_is_not_billed(evaluate, cites):
    d = evaluate(
        {
            "request.channel": "remote",
            "request.urgent": True,
            "contracts[0].channels": ["email"],
            "ticket.events": [
                *REMOTE_SESSION["ticket.events"][:2],
                {"at": "2026-03-10T11:16:00+01:00", "kind": "appointment_missed"},
            ],
        }
    )
    assert d.coverage.status == "billable"
    assert d.price.lines == () and d.price.total == Money("0.00", EUR)
    assert "IPC-TEL-7" in cites(reason(d.price.reasons, "missed-session-not-billed"))


@clause("IPC-TEL-6", "IPC-APT-7")
def test_a_missed_paid_session_on_a_remote_plan_uses_plan_minutes_not_the_tariff(evaluate):
    d = evaluate(
        {
            "request.channel": "remote",
            "request.category": "network",
            "ticket.events": [
                *REMOTE_SESSION["ticket.events"][:2],
                {"at": "2026-03-10T11:16:00+01:00", "kind": "appointment_missed"},
            ],
        }
    )
    assert d.coverage.status == "billable"
    assert d.eligibility.remaining_minutes == 570
    assert d.price.lines == () and d.price.total == Money("0.00", EUR)
