"""What is technical support ("Características de un soporte técnico"), what is not, and
what advisory work costs."""

from __future__ import annotations

from decimal import Decimal

import pytest

from supportcore import Money

MX = "[America/Mexico_City]"


# --------------------------------------------------------------------------- covered


@pytest.mark.clause("SM-SCOPE-1", "SM-SCOPE-4", "SM-SCOPE-5")
def test_an_error_running_the_system_is_covered_and_free(evaluate, cited):
    d = evaluate({"request.category": "malfunction"})
    assert d.coverage.status == "covered"
    assert {"SM-SCOPE-1", "SM-SCOPE-4", "SM-SCOPE-5"} <= cited(d.coverage)
    assert d.price.status == "free"


@pytest.mark.clause("SM-SCOPE-2")
@pytest.mark.parametrize("category", ["installation", "reinstallation"])
def test_errors_installing_the_system_are_covered(evaluate, cited, category):
    d = evaluate({"request.category": category})
    assert d.coverage.status == "covered"
    assert "SM-SCOPE-2" in cited(d.coverage)


@pytest.mark.clause("SM-SCOPE-3", "SM-INST-1")
def test_an_error_installing_sql_server_is_covered(evaluate, cited):
    d = evaluate({"request.category": "sql_server_installation"})
    assert d.coverage.status == "covered"
    assert {"SM-SCOPE-3", "SM-INST-1"} <= cited(d.coverage)


@pytest.mark.clause("SM-SCOPE-6")
def test_programming_a_new_import_from_another_accounting_system_is_covered(evaluate, cited):
    d = evaluate({"request.category": "data_import"})
    assert d.coverage.status == "covered"
    assert "SM-SCOPE-6" in cited(d.coverage)


REMOTE = {"request.category": "remote_assistance", "request.channel": "remote"}


@pytest.mark.clause("SM-CHAN-1")
def test_remote_assistance_is_a_way_support_is_given(evaluate, cited):
    d = evaluate({**REMOTE, "request.facts.problem": "malfunction"})
    assert d.coverage.status == "covered"
    assert {"SM-CHAN-1", "SM-SCOPE-4"} <= cited(d.coverage)
    assert d.price.status == "free"


@pytest.mark.clause("SM-EXCL-0", "SM-EXCL-2", "SM-EXCL-3")
@pytest.mark.parametrize("problem", ["operating_system", "network"])
def test_a_remote_session_about_an_excluded_problem_is_excluded(evaluate, cited, problem):
    d = evaluate({**REMOTE, "request.facts.problem": problem})
    assert d.coverage.status == "excluded"
    assert "SM-EXCL-0" in cited(d.coverage)
    assert d.price.status == "not_applicable"


@pytest.mark.clause("SM-CHAN-1")
def test_a_remote_session_about_an_unknown_problem_is_undetermined(evaluate):
    d = evaluate(REMOTE)
    assert d.coverage.status == "undetermined"
    assert [m.field for m in d.coverage.missing_facts] == ["request.facts.problem"]
    assert d.price.status == "undetermined"


@pytest.mark.clause("SM-RESP-5")
def test_listed_problems_get_a_priority_and_excluded_ones_do_not(evaluate, cited, code_list):
    listed = evaluate({"request.category": "data_import"})
    assert "priority-assigned" in code_list(listed.coverage.reasons)
    assert "SM-RESP-5" in cited(listed.coverage)
    excluded = evaluate({"request.category": "network"})
    assert "priority-assigned" not in code_list(excluded.coverage.reasons)


@pytest.mark.clause("SM-SCOPE-1")
@pytest.mark.parametrize("category", ["hardware", "virus_malware", "report_design", "other"])
def test_a_problem_the_terms_do_not_rule_on_is_undetermined(evaluate, cited, category):
    d = evaluate({"request.category": category})
    assert d.coverage.status == "undetermined"
    assert "SM-SCOPE-1" in cited(d.coverage)
    assert d.price.status == "undetermined"


# --------------------------------------------------------------------------- excluded


@pytest.mark.clause("SM-EXCL-0", "SM-EXCL-2")
def test_windows_problems_are_not_support(evaluate, cited):
    d = evaluate({"request.category": "operating_system"})
    assert d.coverage.status == "excluded"
    assert {"SM-EXCL-0", "SM-EXCL-2"} <= cited(d.coverage)
    assert d.price.status == "not_applicable"


@pytest.mark.clause("SM-EXCL-0", "SM-EXCL-3")
def test_network_configuration_is_not_support(evaluate, cited):
    d = evaluate({"request.category": "network"})
    assert d.coverage.status == "excluded"
    assert {"SM-EXCL-0", "SM-EXCL-3"} <= cited(d.coverage)


@pytest.mark.clause("SM-TRAIN-1", "SM-TRAIN-2")
def test_no_training_or_courses_by_phone_only_the_videos(evaluate, cited, code_list):
    d = evaluate({"request.category": "training", "request.channel": "phone"})
    assert d.coverage.status == "excluded"
    assert {"SM-TRAIN-1", "SM-TRAIN-2"} <= cited(d.coverage.reasons)
    assert code_list(d.coverage.remedies) == ["operation-videos"]
    assert d.coverage.remedies[0].price is None
    assert d.price.status == "not_applicable"


@pytest.mark.clause("SM-INST-1", "SM-SCOPE-5")
def test_installing_other_programs_is_not_allowed(evaluate, cited):
    d = evaluate({"request.category": "third_party_software"})
    assert d.coverage.status == "excluded"
    assert {"SM-INST-1", "SM-SCOPE-5"} <= cited(d.coverage)


@pytest.mark.clause("SM-PASS-1")
def test_the_sql_server_password_is_never_given_even_to_an_entitled_customer(evaluate, cited):
    d = evaluate({"request.category": "database_password"})
    assert d.eligibility.status == "entitled"
    assert d.coverage.status == "excluded"
    assert d.coverage.remedies == ()
    assert "SM-PASS-1" in cited(d.coverage)
    assert d.price.status == "not_applicable"


@pytest.mark.clause("SM-CHAN-1")
def test_an_on_site_visit_is_not_offered_remote_access_is(evaluate, cited, code_list):
    d = evaluate({"request.category": "on_site_visit"})
    assert d.coverage.status == "excluded"
    assert "SM-CHAN-1" in cited(d.coverage)
    assert code_list(d.coverage.remedies) == ["remote-access"]


# --------------------------------------------------------------------------- advisory work


@pytest.mark.clause("SM-EXCL-1", "SM-ADV-2")
def test_accounting_doubts_are_not_support_but_paid_advisory_work(evaluate, cited, code_list):
    d = evaluate({"request.category": "accounting_tax_advice"})
    assert d.coverage.status == "billable"
    assert {"SM-EXCL-1", "SM-ADV-2"} <= cited(d.coverage.reasons)
    assert code_list(d.coverage.remedies) == ["advisory-per-hour"]
    assert d.coverage.remedies[0].price == Money("900.00", "MXN")


@pytest.mark.clause("SM-EXCL-1")
def test_accounting_doubts_can_be_set_as_not_handled_at_all(evaluate, cited):
    d = evaluate(
        {"request.category": "accounting_tax_advice"}, settings={"accounting_doubts": "excluded"}
    )
    assert d.coverage.status == "excluded"
    assert "SM-EXCL-1" in cited(d.coverage)
    assert d.price.status == "not_applicable"


ACCOUNTING = {"request.category": "accounting_tax_advice"}


def worked(minutes: int) -> dict[str, object]:
    """A work session of ``minutes`` logged on the ticket."""
    session = {
        "at": f"2026-03-10T11:10:00{MX}",
        "kind": "work_session",
        "by": "vendor",
        "minutes": minutes,
    }
    return {"ticket.events": [session]}


@pytest.mark.clause("SM-ADV-1")
def test_advisory_work_is_quoted_per_hour_plus_iva(evaluate, cited):
    q = evaluate({**ACCOUNTING, **worked(60)}).price
    assert q.status == "complete"
    assert q.lines[0].unit == "hour" and q.lines[0].quantity == 1
    assert q.subtotal == Money("900.00", "MXN")
    assert q.taxes[0].name == "IVA" and q.taxes[0].amount == Money("144.00", "MXN")
    assert q.total == Money("1044.00", "MXN")
    assert "SM-ADV-1" in cited(q)


@pytest.mark.clause("SM-ADV-1")
def test_advisory_work_is_billed_on_the_minutes_worked(evaluate):
    exact = evaluate({**ACCOUNTING, **worked(50)})
    (line,) = exact.price.lines
    assert (line.quantity, line.unit, line.unit_price) == (
        Decimal("0.8333"),
        "hour",
        Money("900.00", "MXN"),
    )
    assert exact.price.subtotal == Money("750.00", "MXN")
    assert exact.price.total == Money("870.00", "MXN")
    started = evaluate(
        {**ACCOUNTING, **worked(50)},
        settings={"advisory_rounding": "started_hour"},
    )
    assert started.price.lines[0].quantity == 1
    assert started.price.total == Money("1044.00", "MXN")


@pytest.mark.clause("SM-ADV-1")
def test_an_advisory_question_with_nothing_requested_or_worked_is_not_charged(evaluate, code_list):
    d = evaluate(ACCOUNTING)
    assert d.coverage.status == "billable"
    assert d.price.status == "not_applicable"
    assert d.price.lines == ()
    assert code_list(d.price.reasons) == ["advisory-not-requested"]
    offer = next(r for r in d.coverage.remedies if r.code == "advisory-per-hour")
    assert offer.price == Money("900.00", "MXN")  # the hourly rate, offered


@pytest.mark.clause("SM-ADV-1")
def test_requested_advisory_with_no_work_logged_is_not_quoted_a_whole_hour(evaluate, code_list):
    d = evaluate({**ACCOUNTING, "request.facts.advisory_requested": "yes"})
    assert d.price.status == "incomplete"
    assert d.price.lines == ()
    assert code_list(d.price.reasons) == ["advisory-time-unknown"]
    assert "900.00" in d.price.reasons[0].message


@pytest.mark.clause("SM-ADV-1")
def test_missing_advisory_rate_is_named_not_guessed(evaluate):
    d = evaluate({**ACCOUNTING, **worked(30)}, settings={"advisory_hourly_rate": None})
    assert d.price.status == "incomplete"
    assert [m.key for m in d.price.missing] == ["advisory_hourly_rate"]
    assert d.price.lines == ()
    advisory = next(r for r in d.coverage.remedies if r.code == "advisory-per-hour")
    assert [m.key for m in advisory.missing] == ["advisory_hourly_rate"]


@pytest.mark.clause("SM-ADV-1")
def test_border_region_iva_can_be_configured(evaluate):
    d = evaluate({**ACCOUNTING, **worked(60)}, settings={"tax_rate": "0.08"})
    assert d.price.taxes[0].rate == Decimal("0.08")
    assert d.price.total == Money("972.00", "MXN")


@pytest.mark.clause("SM-SCOPE-5")
def test_a_doubt_about_how_the_system_works_is_free_support_by_default(evaluate, cited):
    d = evaluate({"request.category": "usage_question", **worked(50)})
    assert d.coverage.status == "covered"
    assert "SM-SCOPE-5" in cited(d.coverage)
    assert d.price.status == "free"


@pytest.mark.clause("SM-TRAIN-1", "SM-ADV-2")
def test_usage_doubts_can_be_set_as_advisory_work(evaluate, cited, code_list):
    d = evaluate(
        {"request.category": "usage_question", **worked(60)},
        settings={"usage_questions": "advisory"},
    )
    assert d.coverage.status == "billable"
    assert {"SM-TRAIN-1", "SM-ADV-2"} <= cited(d.coverage)
    assert code_list(d.coverage.remedies) == ["website-help", "advisory-per-hour"]
    assert d.price.total == Money("1044.00", "MXN")


@pytest.mark.clause("SM-ADV-1")
def test_advisory_work_is_priced_even_without_a_licence_in_force(evaluate):
    d = evaluate({**ACCOUNTING, **worked(60), "licences": []})
    assert d.eligibility.status == "not_entitled"  # no free support
    assert d.coverage.status == "billable"
    assert d.price.total == Money("1044.00", "MXN")
