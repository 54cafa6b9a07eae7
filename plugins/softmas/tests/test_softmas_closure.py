"""When a case is closed, what is owed while it is open, and the deadlines the terms give."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

MX = "[America/Mexico_City]"
TZ = ZoneInfo("America/Mexico_City")


def ev(when: str, kind: str, by: str | None = None, **extra: object) -> dict[str, object]:
    event: dict[str, object] = {"at": f"{when}{MX}", "kind": kind, **extra}
    if by:
        event["by"] = by
    return event


def ticket(*events: dict[str, object], at: str = "2026-03-31T12:00:00") -> dict[str, object]:
    return {"ticket.events": list(events), "at": f"{at}{MX}"}


def owed(d, party: str) -> list[str]:
    return [a.description for a in d.closure.actions if a.party == party]


# --------------------------------------------------------------------------- no promised time


@pytest.mark.clause("SM-WAIT-1")
def test_no_resolution_time_is_promised(evaluate, cited, code_list):
    d = evaluate()
    assert d.closure.status == "open"
    assert d.closure.closes_at is None
    assert "no-guaranteed-resolution-time" in code_list(d.closure.reasons)
    assert "SM-WAIT-1" in cited(d.closure)


# --------------------------------------------------------------------------- mutual agreement


@pytest.mark.clause("SM-CLOSE-1")
def test_case_closes_when_advisor_and_customer_agree(evaluate, cited, code_list):
    d = evaluate(
        ticket(
            ev("2026-03-10T11:30:00", "resolved", "vendor"),
            ev("2026-03-11T10:00:00", "resolved", "customer"),
        )
    )
    assert d.closure.status == "closed"
    assert d.closure.closed_at == datetime(2026, 3, 11, 10, 0, tzinfo=TZ)
    assert code_list(d.closure.reasons) == ["closed-by-agreement"]
    assert "SM-CLOSE-1" in cited(d.closure)


@pytest.mark.clause("SM-CLOSE-1")
def test_advisor_alone_cannot_close_the_case(evaluate, cited, code_list):
    solved = evaluate(ticket(ev("2026-03-10T11:30:00", "resolved", "vendor")))
    assert solved.closure.status == "open"
    assert "awaiting-customer-agreement" in code_list(solved.closure.reasons)
    assert owed(solved, "customer") == ["confirm that the problem is solved (mutual agreement)"]
    closed = evaluate(ticket(ev("2026-03-10T11:30:00", "closed", "vendor")))
    assert closed.closure.status == "open"
    assert "closed-without-agreement" in code_list(closed.closure.reasons)
    assert "SM-CLOSE-1" in cited(closed.closure)


@pytest.mark.clause("SM-CLOSE-1")
def test_customer_alone_waits_for_the_advisor(evaluate):
    d = evaluate(ticket(ev("2026-03-10T11:30:00", "closed", "customer")))
    assert d.closure.status == "open"
    assert owed(d, "vendor") == ["confirm the closure with you (mutual agreement)"]


# --------------------------------------------------------------------------- 10 business days


WAIT = ev("2026-03-02T10:00:00", "waiting_on_customer", "vendor")


@pytest.mark.clause("SM-CLOSE-2")
def test_waiting_for_information_the_customer_owes_it_for_ten_business_days(evaluate, cited):
    d = evaluate(ticket(WAIT, at="2026-03-12T12:00:00"))
    assert d.closure.status == "open"
    info = next(a for a in d.closure.actions if a.party == "customer")
    # 10 business days from Mon 2 March, skipping the weekends and Mon 16 March (holiday)
    assert info.due == datetime(2026, 3, 17, 10, 0, tzinfo=TZ)
    assert "SM-CLOSE-2" in cited(d.closure)


@pytest.mark.clause("SM-CLOSE-2")
def test_after_ten_business_days_two_contact_attempts_then_closed(evaluate, cited, code_list):
    one = evaluate(
        ticket(
            WAIT, ev("2026-03-17T11:00:00", "contact_attempt", "vendor"), at="2026-03-17T12:00:00"
        )
    )
    assert one.closure.status == "open"
    assert owed(one, "vendor")[0] == "contact attempt 2 of 2"
    two = evaluate(
        ticket(
            WAIT,
            ev("2026-03-17T11:00:00", "contact_attempt", "vendor"),
            ev("2026-03-18T11:00:00", "contact_attempt", "vendor"),
            at="2026-03-18T12:00:00",
        )
    )
    assert two.closure.status == "closed"
    assert two.closure.closed_at == datetime(2026, 3, 18, 11, 0, tzinfo=TZ)
    assert code_list(two.closure.reasons) == ["closed-no-news"]
    assert "SM-CLOSE-2" in cited(two.closure)


@pytest.mark.clause("SM-CLOSE-2")
def test_attempts_before_the_ten_days_do_not_count(evaluate):
    d = evaluate(
        ticket(
            WAIT,
            ev("2026-03-05T11:00:00", "contact_attempt", "vendor"),
            ev("2026-03-06T11:00:00", "contact_attempt", "vendor"),
            at="2026-03-18T12:00:00",
        )
    )
    assert d.closure.status == "open"
    assert owed(d, "vendor")[:2] == ["contact attempt 1 of 2", "contact attempt 2 of 2"]


@pytest.mark.clause("SM-CLOSE-2")
def test_a_reopening_of_a_case_that_was_not_closed_leaves_the_wait_running(evaluate, code_list):
    d = evaluate(
        ticket(
            WAIT,
            ev("2026-03-04T10:00:00", "reopened"),
            ev("2026-03-17T11:00:00", "contact_attempt", "vendor"),
            ev("2026-03-18T11:00:00", "contact_attempt", "vendor"),
            at="2026-03-18T12:00:00",
        )
    )
    assert d.closure.status == "closed"
    assert d.closure.closed_at == datetime(2026, 3, 18, 11, 0, tzinfo=TZ)
    assert code_list(d.closure.reasons) == ["closed-no-news"]


@pytest.mark.clause("SM-CLOSE-2")
def test_the_customer_answering_stops_the_wait(evaluate, code_list):
    d = evaluate(
        ticket(
            WAIT,
            ev("2026-03-05T11:00:00", "customer_reply", "customer"),
            ev("2026-03-17T11:00:00", "contact_attempt", "vendor"),
            ev("2026-03-18T11:00:00", "contact_attempt", "vendor"),
            at="2026-03-18T12:00:00",
        )
    )
    assert d.closure.status == "open"
    assert "waiting-on-customer" not in code_list(d.closure.reasons)


# --------------------------------------------------------------------------- reopen, duplicates


CLOSED = (
    ev("2026-03-10T11:30:00", "resolved", "vendor"),
    ev("2026-03-10T11:35:00", "resolved", "customer"),
)


@pytest.mark.clause("SM-CLOSE-3")
def test_a_closed_case_is_not_reopened_for_another_problem(evaluate, cited, code_list):
    d = evaluate(
        {
            **ticket(*CLOSED, ev("2026-03-20T10:00:00", "reopened", "customer")),
            "request.facts.reopened_for": "other_problem",
        }
    )
    assert d.closure.status == "closed"
    assert d.closure.closed_at == datetime(2026, 3, 10, 11, 35, tzinfo=TZ)
    assert "reopened-for-another-case" in code_list(d.closure.reasons)
    assert owed(d, "customer") == ["open a new ticket for the other problem"]
    assert "SM-CLOSE-3" in cited(d.closure)


NOT_SUCCESSFUL = {
    "no-news": (
        WAIT,
        ev("2026-03-17T11:00:00", "contact_attempt", "vendor"),
        ev("2026-03-18T11:00:00", "contact_attempt", "vendor"),
    ),
    "duplicate": (ev("2026-03-10T11:30:00", "duplicate_of", "vendor", ref="T-0"),),
}


@pytest.mark.clause("SM-CLOSE-3")
@pytest.mark.parametrize("closing", sorted(NOT_SUCCESSFUL))
def test_a_case_not_closed_successfully_may_be_reopened_for_another_problem(
    evaluate, cited, code_list, closing
):
    d = evaluate(
        {
            **ticket(*NOT_SUCCESSFUL[closing], ev("2026-03-20T10:00:00", "reopened", "customer")),
            "request.facts.reopened_for": "other_problem",
        }
    )
    assert d.closure.status == "open"
    assert code_list(d.closure.reasons)[0] == "reopened"
    assert "open a new ticket for the other problem" not in owed(d, "customer")
    assert "SM-CLOSE-3" in cited(d.closure)


@pytest.mark.clause("SM-CLOSE-3")
def test_a_closed_case_reopened_for_the_same_problem_is_open_again(evaluate, code_list):
    d = evaluate(ticket(*CLOSED, ev("2026-03-20T10:00:00", "reopened", "customer")))
    assert d.closure.status == "open"
    assert code_list(d.closure.reasons)[0] == "reopened"
    again = evaluate(
        ticket(
            *CLOSED,
            ev("2026-03-20T10:00:00", "reopened", "customer"),
            ev("2026-03-20T11:00:00", "resolved", "vendor"),
            ev("2026-03-20T11:05:00", "resolved", "customer"),
        )
    )
    assert again.closure.status == "closed"
    assert again.closure.closed_at == datetime(2026, 3, 20, 11, 5, tzinfo=TZ)


@pytest.mark.clause("SM-HOURS-2", "SM-CLOSE-3")
def test_after_a_reopening_the_answer_is_due_from_the_reopening(evaluate):
    d = evaluate(
        {
            "request.channel": "email",  # received Tue 10 March 11:00, in office hours
            **ticket(
                *CLOSED,
                ev("2026-03-20T19:00:00", "reopened", "customer"),  # Friday evening
                at="2026-03-21T10:00:00",
            ),
        }
    )
    monday = datetime(2026, 3, 23, 9, 0, tzinfo=TZ)
    assert d.service.response_due == monday
    answer = next(a for a in d.closure.actions if "answer" in a.description)
    assert answer.due == monday


@pytest.mark.clause("SM-HOURS-2", "SM-CLOSE-1")
def test_a_closed_case_has_no_answer_due(evaluate):
    d = evaluate({"request.channel": "email", **ticket(*CLOSED)})
    assert d.closure.status == "closed"
    assert d.service.response_due is None


@pytest.mark.clause("SM-CLOSE-4")
def test_one_of_two_tickets_for_the_same_case_is_closed(evaluate, cited, code_list):
    d = evaluate(ticket(ev("2026-03-10T11:30:00", "duplicate_of", "vendor", ref="T-0")))
    assert d.closure.status == "closed"
    assert d.closure.closed_at == datetime(2026, 3, 10, 11, 30, tzinfo=TZ)
    assert code_list(d.closure.reasons) == ["duplicate-closed"]
    assert "T-0" in d.closure.reasons[0].message
    assert "SM-CLOSE-4" in cited(d.closure)


@pytest.mark.clause("SM-CLOSE-5")
def test_a_duplicate_may_be_closed_without_notice(evaluate, cited):
    d = evaluate(ticket(ev("2026-03-10T11:30:00", "duplicate_of", "vendor", ref="T-0")))
    assert d.closure.actions == ()  # no notice owed
    assert "SM-CLOSE-5" in cited(d.closure)


# --------------------------------------------------------------------------- first contact


@pytest.mark.clause("SM-RESP-2")
def test_not_solved_at_first_contact_goes_to_a_specialist(evaluate, cited, code_list):
    first = evaluate(ticket(ev("2026-03-10T11:05:00", "vendor_reply", "vendor")))
    specialist = next(a for a in first.closure.actions if "specialist" in a.description)
    assert specialist.party == "vendor"
    assert "SM-RESP-2" in cited(specialist)
    assigned = evaluate(
        ticket(
            ev("2026-03-10T11:05:00", "vendor_reply", "vendor"),
            ev("2026-03-10T11:20:00", "escalated", "vendor"),
        )
    )
    assert not [a for a in assigned.closure.actions if "specialist" in a.description]
    assert "assigned-to-specialist" in code_list(assigned.closure.reasons)


# --------------------------------------------------------------------------- imports


IMPORT = {"request.category": "data_import"}
COMPLETE = ev("2026-03-10T11:00:00", "information_complete", "customer")


def delivery(d):
    return next(a for a in d.closure.actions if a.description == "deliver the programmed import")


@pytest.mark.clause("SM-RESP-4")
def test_import_is_delivered_48_business_hours_after_complete_information(evaluate, cited):
    d = evaluate({**IMPORT, **ticket(COMPLETE, at="2026-03-11T12:00:00")})
    # 6 h left on Tue 10, 8 h each Wed-Fri (30), Mon 16 is a holiday, Tue 17 (38),
    # Wed 18 (46), two more hours on Thu 19.
    assert delivery(d).due == datetime(2026, 3, 19, 11, 0, tzinfo=TZ)
    assert "SM-RESP-4" in cited(delivery(d))
    due = next(r for r in d.closure.reasons if r.code == "import-delivery-due")
    assert due.params["target"] == "48 business hours"


@pytest.mark.clause("SM-RESP-4")
def test_import_hours_can_be_read_as_two_business_days(evaluate):
    d = evaluate(
        {**IMPORT, **ticket(COMPLETE, at="2026-03-11T12:00:00")},
        settings={"import_hours_reading": "business_days"},
    )
    assert delivery(d).due == datetime(2026, 3, 12, 11, 0, tzinfo=TZ)


@pytest.mark.clause("SM-RESP-4")
def test_import_clock_does_not_start_before_the_information_is_complete(evaluate):
    d = evaluate({**IMPORT, **ticket(ev("2026-03-10T11:05:00", "vendor_reply", "vendor"))})
    assert not [a for a in d.closure.actions if a.description == "deliver the programmed import"]
    assert any("100 %" in desc for desc in owed(d, "customer"))


@pytest.mark.clause("SM-DEV-3")
def test_waiting_on_a_third_party_runs_from_its_delivery(evaluate, cited, code_list):
    waiting = evaluate(
        {
            **IMPORT,
            **ticket(
                COMPLETE,
                ev("2026-03-10T12:00:00", "waiting_on_third_party", "vendor"),
                at="2026-03-24T12:00:00",
            ),
        }
    )
    assert not [
        a for a in waiting.closure.actions if a.description == "deliver the programmed import"
    ]
    assert "waiting-on-third-party" in code_list(waiting.closure.reasons)
    assert "SM-DEV-3" in cited(waiting.closure)
    done = evaluate(
        {
            **IMPORT,
            **ticket(
                COMPLETE,
                ev("2026-03-10T12:00:00", "waiting_on_third_party", "vendor"),
                ev("2026-03-23T09:00:00", "third_party_done", "third_party"),
                at="2026-03-24T12:00:00",
            ),
        }
    )
    # 48 office hours from Mon 23 09:00: six full days, Mon 23 to Mon 30, ending 18:00.
    assert delivery(done).due == datetime(2026, 3, 30, 18, 0, tzinfo=TZ)
    assert "SM-DEV-3" in cited(delivery(done))


# --------------------------------------------------------------------------- development


@pytest.mark.clause("SM-DEV-1")
def test_development_changes_need_the_problem_reproduced_first(evaluate, cited):
    d = evaluate({"request.needs_adaptation": True})
    reproduce = next(a for a in d.closure.actions if "reproduce" in a.description)
    assert reproduce.party == "vendor"
    assert "SM-DEV-1" in cited(reproduce)


@pytest.mark.clause("SM-DEV-2")
def test_once_reproduced_the_release_date_is_set(evaluate, cited, code_list):
    d = evaluate(
        {
            "request.needs_adaptation": True,
            **ticket(ev("2026-03-10T11:30:00", "reproduced", "vendor")),
        }
    )
    assert not [a for a in d.closure.actions if "reproduce" in a.description]
    release = next(a for a in d.closure.actions if "release date" in a.description)
    assert "SM-DEV-2" in cited(release)
    assert "reproduced" in code_list(d.closure.reasons)
    assert d.closure.closes_at is None  # a release date is not a promised resolution time


@pytest.mark.clause("SM-COST-1")
def test_no_support_work_is_owed_on_a_refused_request(evaluate, code_list):
    d = evaluate({"licences": [], **ticket(ev("2026-03-10T11:05:00", "vendor_reply", "vendor"))})
    assert "no-support-work-owed" in code_list(d.closure.reasons)
    assert not [a for a in d.closure.actions if "specialist" in a.description]
