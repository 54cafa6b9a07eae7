"""``[[service_levels]]``: response and resolution targets by plan, severity, channel and
category, on the vendor's calendar; and the request's severity."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from tables_vendor import bare, catalogue, context, with_tables

MADRID = ZoneInfo("Europe/Madrid")
DESK = {"schedules": [{"name": "normal", "days": ["mon-fri"], "windows": ["09:00-14:00"]}]}
#: Friday 13:00: four business hours left that day (13:00-14:00, 16:30-19:30).
FRIDAY_13 = "2026-03-13T13:00:00+01:00"
HOURS = {"basic": 24, "premium": "2"}


def madrid(*parts: int) -> datetime:
    return datetime(*parts, tzinfo=MADRID)


def levels(*rows, **tables):
    return with_tables(calendars={"desk": DESK}, service_levels=list(rows), **tables)


def codes(targets):
    return [r.code for r in targets.reasons]


# --------------------------------------------------------------------------- severity


def test_the_requests_own_severity_is_used():
    assert context(severity="urgent").severity == "urgent"


def test_an_urgent_request_is_urgent_when_the_vendor_declares_urgent():
    assert context(urgent=True).severity == "urgent"


def test_otherwise_the_request_has_the_lowest_severity():
    assert context().severity == "low"


def test_an_urgent_request_has_the_lowest_severity_when_the_vendor_has_no_urgent():
    data = bare()
    data["identity"]["severities"] = ["minor", "major"]
    assert context(catalogue(data), urgent=True).severity == "minor"


def test_a_vendor_without_severities_has_normal_requests():
    data = bare()
    data["identity"]["severities"] = []
    assert context(catalogue(data), urgent=True).severity == "normal"


def test_a_severity_the_vendor_does_not_declare_is_an_input_error():
    ctx = context(severity="critical")
    [problem] = ctx.tables.check_case_problems(ctx)
    assert (problem.field, problem.severity) == ("request.severity", "error")
    assert (
        problem.message
        == "'critical' is not a severity of nordesk (its severities: low, normal, urgent)"
    )


def test_a_declared_severity_is_no_problem():
    ctx = context(severity="normal")
    assert ctx.tables.check_case_problems(ctx) == []


# --------------------------------------------------------------------------- targets


def test_an_urgent_request_is_answered_within_four_business_hours():
    targets = context(at=FRIDAY_13, urgent=True).service_targets()
    assert targets.response_due == madrid(2026, 3, 13, 19, 30)


def test_the_urgent_row_does_not_apply_to_a_normal_request():
    targets = context(at=FRIDAY_13, severity="normal").service_targets()
    assert targets.response_due == madrid(2026, 3, 17, 13, 0)  # 2 business days


def test_the_response_reason_says_the_deadline_in_words_and_cites_the_row():
    targets = context(at=FRIDAY_13, urgent=True).service_targets()
    due = targets.reasons[0]
    assert due.code == "response-due"
    assert due.message == (
        "A response is due by Friday, 13 March 2026, 19:30: 4 business hours, from receipt at "
        "Friday, 13 March 2026, 13:00"
    )
    assert due.params["due"] == "2026-03-13T19:30:00+01:00"
    assert [c.clause for c in due.citations] == ["N-SLA-1", "N-SLA-4"]


def test_a_resolution_target_in_elapsed_hours():
    targets = context(at=FRIDAY_13, urgent=True).service_targets()
    assert targets.resolution_due == madrid(2026, 3, 15, 13, 0)
    assert "resolution-due" in codes(targets)


def test_elapsed_hours_count_real_time_across_a_clock_change():
    targets = context(at="2026-03-28T12:00:00+01:00", urgent=True).service_targets()
    assert targets.resolution_due == madrid(2026, 3, 30, 13, 0)  # 48 h, clocks went forward


def test_no_matching_row_means_no_target():
    cat = levels(
        {
            "severities": ["urgent"],
            "calendar": "desk",
            "response": "4 business hours",
            "clauses": ["N-SLA-1"],
        }
    )
    targets = context(cat).service_targets()
    assert (targets.response_due, targets.reasons) == (None, ())


def test_the_earliest_deadline_wins_and_the_others_are_explained_after_it():
    cat = levels(
        {"calendar": "desk", "response": "2 business days", "clauses": ["N-SLA-2"]},
        {"calendar": "desk", "response": "4 business hours", "clauses": ["N-SLA-1"]},
    )
    targets = context(cat, at=FRIDAY_13).service_targets()
    assert targets.response_due == madrid(2026, 3, 16, 12, 0)
    assert codes(targets) == ["response-due", "response-target"]
    assert targets.reasons[1].message.endswith(
        "Tuesday, 17 March 2026, 13:00; the earlier deadline applies"
    )


def test_at_opening_is_at_once_while_open():
    targets = context(channel="email", at="2026-03-10T10:00:00+01:00").service_targets()
    assert targets.response_due == madrid(2026, 3, 10, 10, 0)


def test_at_opening_is_the_next_opening_while_closed():
    targets = context(channel="email", at="2026-03-14T10:00:00+01:00").service_targets()
    assert targets.response_due == madrid(2026, 3, 16, 9, 0)
    assert "at once in opening hours, else at the next opening" in targets.reasons[0].message


def test_a_plans_own_target_comes_from_its_setting():
    ctx = context(at=FRIDAY_13, settings={"plan_response_hours": HOURS})
    assert ctx.service_targets("premium").response_due == madrid(2026, 3, 13, 17, 30)


def test_the_plans_target_applies_only_when_earlier():
    ctx = context(at=FRIDAY_13, urgent=True, settings={"plan_response_hours": HOURS})
    targets = ctx.service_targets("basic")
    assert targets.response_due == madrid(2026, 3, 13, 19, 30)  # urgent 4 h beats 24 h
    assert "24 business hours for plan basic" in targets.reasons[1].message


def test_a_plan_the_setting_does_not_list_is_named_with_the_setting():
    ctx = context(settings={"plan_response_hours": {"basic": 24}})
    targets = ctx.service_targets("premium")
    unknown = next(r for r in targets.reasons if r.code == "plan-target-unknown")
    assert unknown.params == {"what": "response", "plan": "premium"}
    assert unknown.settings == ("plan_response_hours",)
    assert [m.key for m in targets.missing] == ["plan_response_hours"]


def test_rows_for_named_plans_do_not_apply_without_a_plan():
    targets = context(settings={"plan_response_hours": HOURS}).service_targets()
    assert "24 business hours" not in " ".join(r.message for r in targets.reasons)


def test_a_category_target_applies_only_to_that_category():
    assert context(category="data_import", events=[]).service_targets().reasons
    assert context(category="usage_question").service_targets().resolution_due is None


def test_the_information_complete_clock_waits_for_the_information():
    targets = context(category="data_import").service_targets()
    assert targets.resolution_due is None
    assert "resolution-clock-not-started" in codes(targets)


def test_the_information_complete_clock_starts_at_the_last_such_event():
    events = [
        {"at": "2026-03-10T10:00:00+01:00", "kind": "opened"},
        {"at": "2026-03-10T11:00:00+01:00", "kind": "information_complete"},
        {"at": "2026-03-11T09:00:00+01:00", "kind": "information_complete"},
    ]
    targets = context(
        at="2026-03-11T10:00:00+01:00",
        received_at="2026-03-10T10:00:00+01:00",
        category="data_import",
        events=events,
    ).service_targets()
    assert targets.resolution_due == madrid(2026, 3, 18, 19, 30)  # 48 business hours, 8 a day


def test_information_completed_before_the_request_does_not_start_its_clock():
    events = [{"at": "2026-03-09T10:00:00+01:00", "kind": "information_complete"}]
    targets = context(category="data_import", events=events).service_targets()
    assert targets.resolution_due is None


def test_hours_left_to_a_missing_setting_give_no_deadline_and_name_the_setting():
    cat = with_tables(
        calendars={"team": {"setting": "integration_hours"}},
        service_levels=[
            {"calendar": "team", "response": "8 business hours", "clauses": ["N-SLA-2"]}
        ],
    )
    targets = context(cat).service_targets()
    assert targets.response_due is None
    assert codes(targets) == ["response-due-unknown"]
    assert [m.key for m in targets.missing] == ["integration_hours"]


def test_a_target_by_channel_needs_that_channel():
    cat = levels({"channels": ["email"], "response": "24 hours", "clauses": ["N-WRITTEN"]})
    assert context(cat, channel="email").service_targets().response_due is not None
    assert context(cat, channel="phone").service_targets().response_due is None


def test_business_days_keep_the_wall_clock_time():
    cat = levels({"calendar": "desk", "response": "1 business day", "clauses": ["N-SLA-2"]})
    targets = context(cat, at="2026-03-13T10:30:00+01:00").service_targets()
    assert targets.response_due == madrid(2026, 3, 16, 10, 30)


def test_the_vendors_own_clock_start_replaces_the_rows_clock():
    ctx = context(category="data_import", events=[])
    assert ctx.service_targets().resolution_due is None  # the row's clock waits
    started = madrid(2026, 3, 10, 11, 0)
    targets = ctx.service_targets(start=started)
    assert targets.resolution_due == madrid(2026, 3, 18, 11, 0)  # 48 business hours later


def test_the_vendors_rule_can_say_the_clock_has_not_started():
    targets = context().service_targets(start=False)
    assert targets.response_due is None
    assert any(code.endswith("-clock-not-started") for code in codes(targets))


def test_the_cores_service_answer_applies_the_customers_plan():
    ctx = context(at=FRIDAY_13, settings={"plan_response_hours": HOURS})
    assert ctx.default_service(plan="premium").response_due == madrid(2026, 3, 13, 17, 30)
    assert ctx.default_service().response_due != madrid(2026, 3, 13, 17, 30)


def test_the_cores_service_answer_may_leave_the_targets_to_the_vendor():
    ctx = context(at=FRIDAY_13, urgent=True)
    assert ctx.default_service().response_due is not None
    hours_only = ctx.default_service(with_targets=False)
    assert hours_only.response_due is None
    assert not any(r.code.startswith("response") for r in hours_only.reasons)
