"""informapuntcom: business hours, response deadlines, ticket closure, remote appointments."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from supportcore import InputError, SettingsError

clause = pytest.mark.clause
MADRID = ZoneInfo("Europe/Madrid")


def t(text: str) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=MADRID)


def reason(reasons, code):  # type: ignore[no-untyped-def]
    found = [r for r in reasons if r.code == code]
    assert found, f"no reason {code!r} in {[r.code for r in reasons]}"
    return found[0]


def action(decision, words):  # type: ignore[no-untyped-def]
    found = [a for a in decision.closure.actions if words in a.description]
    assert found, f"no action with {words!r} in {[a.description for a in decision.closure.actions]}"
    return found[0]


# --------------------------------------------------------------------------- service


@clause("IPC-INC-3")
def test_service_is_given_within_business_hours(evaluate, cites):
    open_ = evaluate({"at": "2026-03-10T12:00:00+01:00"})
    assert open_.service.open_now is True and open_.service.schedule == "normal"
    lunch = evaluate({"at": "2026-03-10T15:00:00+01:00"})
    assert lunch.service.open_now is False
    assert lunch.service.next_opening == t("2026-03-10T16:00")
    assert "IPC-INC-3" in cites(lunch.service.reasons)


@clause("IPC-INC-3")
def test_unpublished_business_hours_are_reported_missing(evaluate, settings_without, cites):
    d = evaluate(settings=settings_without("business_hours"))
    assert d.service.open_now is None
    r = reason(d.service.reasons, "hours-unknown")
    assert r.settings == ("business_hours",) and "IPC-INC-3" in cites(r)
    assert [m.key for m in d.service.missing] == ["business_hours"]
    assert d.service.response_due is None
    assert "response-due-unknown" in [x.code for x in d.service.reasons]


@clause("IPC-OPS-3")
def test_answer_is_due_within_24_business_hours(evaluate, cites):
    d = evaluate(
        {"request.received_at": "2026-03-13T17:00:00+01:00", "at": "2026-03-13T18:00:00+01:00"}
    )
    # Fri 17-19 (2 h), Mon and Tue (16 h), Wed 09-14 (5 h) and 16-17 (1 h).
    assert d.service.response_due == t("2026-03-18T17:00")
    assert "IPC-OPS-3" in cites(reason(d.service.reasons, "response-due"))
    assert action(d, "answer the request").due == t("2026-03-18T17:00")


@clause("IPC-HRS-4")
def test_urgent_request_is_answered_within_4_business_hours(evaluate, cites):
    d = evaluate({"request.urgent": True})
    assert d.service.response_due == t("2026-03-10T14:00")
    assert "IPC-HRS-4" in cites(reason(d.service.reasons, "response-due"))


@clause("IPC-RT-1")
def test_plans_estimated_response_time_applies_when_sooner(evaluate, cites):
    d = evaluate({"contracts[0].plan": "Premium"})
    # Premium estimates 8 business hours: Tue 10:00 + 8 h = Wed 10:00.
    assert d.service.response_due == t("2026-03-11T10:00")
    assert "IPC-RT-1" in cites(reason(d.service.reasons, "response-due"))
    assert "IPC-OPS-3" in cites(reason(d.service.reasons, "response-target"))


@clause("IPC-RT-1")
def test_plans_response_time_not_configured_is_said(evaluate, settings_without, cites):
    d = evaluate(settings=settings_without("plan_response_hours"))
    r = reason(d.service.reasons, "plan-target-unknown")
    assert r.settings == ("plan_response_hours",) and "IPC-RT-1" in cites(r)
    assert [m.key for m in d.service.missing] == ["plan_response_hours"]
    assert d.service.response_due == t("2026-03-13T10:00")


@clause("IPC-RT-1")
def test_plan_response_hours_written_as_a_list_refuses_the_engine(evaluate, settings_without):
    with pytest.raises(SettingsError) as exc:
        evaluate(settings=settings_without(plan_response_hours=["Básico=24"]))
    assert exc.value.problems[0].startswith("informapuntcom.plan_response_hours: expected a table")


@pytest.mark.parametrize(
    ("hours", "problem"),
    [
        ("ocho", "'ocho'"),
        (0, "is not a number of hours from 1 minute"),
        ("0.01", "is not a number of hours from 1 minute"),
    ],
)
def test_every_unreadable_plan_response_hours_entry_refuses_the_engine(
    evaluate, settings_without, hours, problem
):
    table = {"Básico": 24, "Premium": hours}
    with pytest.raises(SettingsError) as exc:
        evaluate(settings=settings_without(plan_response_hours=table))
    assert len(exc.value.problems) == 1
    assert exc.value.problems[0].startswith("informapuntcom.plan_response_hours.Premium: ")
    assert problem in exc.value.problems[0]


@clause("IPC-RT-2")
def test_response_clock_runs_from_receipt_not_from_evaluation(evaluate, cites):
    early = evaluate({"at": "2026-03-10T10:05:00+01:00"})
    late = evaluate({"at": "2026-03-12T18:00:00+01:00"})
    assert early.service.response_due == late.service.response_due == t("2026-03-13T10:00")
    assert "IPC-RT-2" in cites(reason(late.service.reasons, "response-due"))


# --------------------------------------------------------------------------- closure


@clause("IPC-CLO-0", "IPC-CLO-1")
def test_ticket_closes_when_the_customer_says_it_is_solved(evaluate, cites):
    d = evaluate(
        {
            "ticket.events": [
                {"at": "2026-03-10T10:30:00+01:00", "kind": "vendor_reply"},
                {"at": "2026-03-10T11:00:00+01:00", "kind": "resolved", "by": "customer"},
            ]
        }
    )
    assert d.closure.status == "closed"
    assert d.closure.closed_at == t("2026-03-10T11:00")
    assert {"IPC-CLO-0", "IPC-CLO-1"} <= cites(d.closure.reasons)


@clause("IPC-CLO-2")
def test_ticket_closes_when_informapuntcom_considers_it_solved(evaluate, cites):
    d = evaluate(
        {"ticket.events": [{"at": "2026-03-10T11:30:00+01:00", "kind": "resolved", "by": "vendor"}]}
    )
    assert d.closure.status == "closed"
    assert d.closure.closed_at == t("2026-03-10T11:30")
    assert "IPC-CLO-2" in cites(d.closure.reasons)


def test_resolution_without_who_declared_it_is_an_input_error(evaluate):
    with pytest.raises(InputError) as exc:
        evaluate({"ticket.events": [{"at": "2026-03-10T11:30:00+01:00", "kind": "resolved"}]})
    assert exc.value.problems[0].field == "ticket.events[0].by"


@clause("IPC-CLO-3")
def test_ticket_closes_48_hours_after_the_last_reply_without_answer(evaluate, cites):
    events = {"ticket.events": [{"at": "2026-03-10T11:00:00+01:00", "kind": "vendor_reply"}]}
    waiting = evaluate({**events, "at": "2026-03-12T10:59:00+01:00"})
    assert waiting.closure.status == "open"
    assert waiting.closure.closes_at == t("2026-03-12T11:00")
    assert action(waiting, "answer informapuntcom").due == t("2026-03-12T11:00")
    closed = evaluate({**events, "at": "2026-03-12T11:00:00+01:00"})
    assert closed.closure.status == "closed"
    assert closed.closure.closed_at == t("2026-03-12T11:00")
    assert "IPC-CLO-3" in cites(closed.closure.reasons)


@clause("IPC-CLO-3")
def test_the_48_hours_are_elapsed_hours_across_a_clock_change(evaluate):
    d = evaluate(
        {
            "request.received_at": "2026-03-27T10:00:00+01:00",
            "at": "2026-03-30T18:00:00+02:00",
            "ticket.events": [{"at": "2026-03-28T12:00:00+01:00", "kind": "vendor_reply"}],
        }
    )
    assert d.closure.closed_at == datetime(2026, 3, 30, 13, 0, tzinfo=MADRID)


@clause("IPC-CLO-3")
def test_reading_business_hours_counts_48_business_hours(evaluate, settings_without):
    d = evaluate(
        {
            "ticket.events": [{"at": "2026-03-10T10:00:00+01:00", "kind": "vendor_reply"}],
            "at": "2026-03-12T12:00:00+01:00",
        },
        settings=settings_without(no_answer_hours="business"),
    )
    assert d.closure.status == "open"
    assert d.closure.closes_at == t("2026-03-18T10:00")


@clause("IPC-CLO-3")
def test_customer_answer_stops_the_48_hour_clock(evaluate):
    d = evaluate(
        {
            "at": "2026-03-14T12:00:00+01:00",
            "ticket.events": [
                {"at": "2026-03-10T11:00:00+01:00", "kind": "vendor_reply"},
                {"at": "2026-03-11T09:00:00+01:00", "kind": "customer_reply"},
            ],
        }
    )
    assert d.closure.status == "open"
    assert d.closure.closes_at is None


@clause("IPC-CLO-1")
def test_reopened_ticket_is_open_again(evaluate):
    d = evaluate(
        {
            "ticket.events": [
                {"at": "2026-03-10T10:30:00+01:00", "kind": "resolved", "by": "customer"},
                {"at": "2026-03-10T11:00:00+01:00", "kind": "reopened", "by": "customer"},
            ]
        }
    )
    assert d.closure.status == "open"


# --------------------------------------------------------------------------- appointments

BOOKED = [
    {"at": "2026-03-10T10:20:00+01:00", "kind": "vendor_reply"},
    {
        "at": "2026-03-10T10:30:00+01:00",
        "kind": "appointment_booked",
        "by": "vendor",
        "scheduled_for": "2026-03-11T10:00:00+01:00",
    },
]


def booked(*more: dict, at: str = "2026-03-11T12:00:00+01:00") -> dict:  # type: ignore[type-arg]
    return {"request.channel": "remote", "at": at, "ticket.events": [*BOOKED, *more]}


@clause("IPC-APT-1", "IPC-APT-3", "IPC-APT-4")
def test_cancelling_at_least_4_hours_ahead_closes_the_ticket_without_extra_minutes(evaluate, cites):
    d = evaluate(
        booked(
            {"at": "2026-03-11T06:00:00+01:00", "kind": "appointment_cancelled", "by": "customer"}
        )
    )
    assert d.closure.status == "closed"
    assert d.closure.closed_at == t("2026-03-11T06:00")
    assert {"IPC-APT-1", "IPC-APT-3"} <= cites(
        reason(d.closure.reasons, "appointment-cancelled-in-time")
    )
    assert "IPC-APT-4" in cites(action(d, "book a new"))
    assert d.eligibility.remaining_minutes == 600


@clause("IPC-APT-1", "IPC-APT-2", "IPC-APT-3")
def test_cancelling_less_than_4_hours_ahead_costs_30_minutes(evaluate, cites):
    d = evaluate(
        booked(
            {"at": "2026-03-11T06:01:00+01:00", "kind": "appointment_cancelled", "by": "customer"}
        )
    )
    assert d.closure.status == "closed"
    r = reason(d.closure.reasons, "appointment-cancelled-late")
    assert {"IPC-APT-1", "IPC-APT-2", "IPC-APT-3"} <= cites(r)
    assert d.eligibility.remaining_minutes == 570


@clause("IPC-APT-1")
def test_reading_only_no_notice_is_charged_spares_a_late_cancellation(evaluate, settings_without):
    d = evaluate(
        booked(
            {"at": "2026-03-11T08:00:00+01:00", "kind": "appointment_cancelled", "by": "customer"}
        ),
        settings=settings_without(late_notice_surcharge=False),
    )
    assert d.closure.status == "closed"
    assert d.eligibility.remaining_minutes == 600


@clause("IPC-APT-1", "IPC-APT-9", "IPC-APT-10", "IPC-APT-13")
def test_pending_appointment_lists_what_each_side_owes(evaluate, cites):
    d = evaluate(booked(at="2026-03-10T12:00:00+01:00"))
    assert d.closure.status == "open"
    assert action(d, "tell informapuntcom").due == t("2026-03-11T06:00")
    assert "IPC-APT-1" in cites(action(d, "tell informapuntcom"))
    vendor = action(d, "send the instructions")
    assert vendor.party == "vendor" and "IPC-APT-9" in cites(vendor)
    assert "IPC-APT-10" in cites(action(d, "on the machines"))
    assert "IPC-APT-13" in cites(action(d, "firewalls"))


@clause("IPC-APT-5")
def test_informapuntcom_waits_15_minutes_for_the_customer(evaluate, cites):
    waiting = evaluate(booked(at="2026-03-11T10:14:00+01:00"))
    assert waiting.closure.status == "open"
    assert "IPC-APT-5" in cites(waiting.closure.reasons)
    over = evaluate(booked(at="2026-03-11T10:15:00+01:00"))
    assert over.closure.status == "closed"
    assert over.closure.closed_at == t("2026-03-11T10:15")


@clause("IPC-APT-2", "IPC-APT-6", "IPC-APT-7", "IPC-APT-8")
def test_absent_customer_ends_the_session_with_30_extra_minutes_once(evaluate, cites):
    d = evaluate(booked({"at": "2026-03-11T10:16:00+01:00", "kind": "appointment_missed"}))
    assert d.closure.status == "closed"
    r = reason(d.closure.reasons, "appointment-missed")
    assert {"IPC-APT-2", "IPC-APT-6", "IPC-APT-7"} <= cites(r)
    assert d.eligibility.remaining_minutes == 570  # 30 minutes, not 60
    assert "IPC-APT-8" in cites(action(d, "book a new"))


@clause("IPC-APT-6", "IPC-APT-11", "IPC-APT-12", "IPC-APT-13")
def test_failed_connection_on_the_customers_side_cancels_the_service_without_refund(
    evaluate, cites
):
    d = evaluate(
        booked(
            {"at": "2026-03-11T10:05:00+01:00", "kind": "work_session", "minutes": 10},
            {"at": "2026-03-11T10:10:00+01:00", "kind": "connection_failed", "by": "customer"},
        )
    )
    assert d.closure.status == "closed"
    assert d.closure.closed_at == t("2026-03-11T10:15")
    r = reason(d.closure.reasons, "connection-failed-service-cancelled")
    assert {"IPC-APT-11", "IPC-APT-12"} <= cites(r)
    assert "IPC-APT-6" in cites(reason(d.closure.reasons, "session-ended-no-connection"))
    assert "IPC-APT-13" in cites(action(d, "firewalls"))
    # The 10 minutes worked and the 30 extra minutes stay consumed.
    assert d.eligibility.remaining_minutes == 560
    assert "IPC-APT-12" in cites(reason(d.price.reasons, "no-refund"))


@clause("IPC-APT-3")
def test_each_missed_appointment_on_a_ticket_counts(evaluate):
    d = evaluate(
        {
            "request.channel": "remote",
            "at": "2026-03-12T12:00:00+01:00",
            "ticket.events": [
                *BOOKED,
                {"at": "2026-03-11T10:20:00+01:00", "kind": "appointment_missed"},
                {"at": "2026-03-11T11:00:00+01:00", "kind": "reopened", "by": "customer"},
                {
                    "at": "2026-03-11T11:05:00+01:00",
                    "kind": "appointment_booked",
                    "by": "vendor",
                    "scheduled_for": "2026-03-12T10:00:00+01:00",
                },
                {"at": "2026-03-12T10:20:00+01:00", "kind": "appointment_missed"},
            ],
        }
    )
    assert d.eligibility.remaining_minutes == 540
    assert d.closure.closed_at == t("2026-03-12T10:15")


def test_appointment_cancelled_by_informapuntcom_costs_nothing(evaluate):
    d = evaluate(
        booked({"at": "2026-03-11T09:30:00+01:00", "kind": "appointment_cancelled", "by": "vendor"})
    )
    assert d.eligibility.remaining_minutes == 600
    assert action(d, "agree a new date").party == "vendor"


@clause("IPC-CLO-3", "IPC-TEL-4")
def test_agreed_appointment_suspends_the_48_hour_clock(evaluate):
    d = evaluate(
        {
            "request.channel": "remote",
            "at": "2026-03-12T11:00:00+01:00",
            "ticket.events": [
                {"at": "2026-03-10T10:20:00+01:00", "kind": "vendor_reply"},
                {
                    "at": "2026-03-10T10:30:00+01:00",
                    "kind": "appointment_booked",
                    "by": "vendor",
                    "scheduled_for": "2026-03-13T10:00:00+01:00",
                },
            ],
        }
    )
    # More than 48 hours after the reply, but the session is agreed for Friday.
    assert d.closure.status == "open"
    assert d.closure.closes_at is None


# --------------------------------------------------------------------------- after a session


def invited_long_before(*more: dict) -> dict:  # type: ignore[type-arg]
    """A remote session agreed on Tuesday for the next Thursday, 9 days later."""
    return {
        "request.channel": "remote",
        "at": "2026-03-20T12:00:00+01:00",
        "ticket.events": [
            {"at": "2026-03-10T10:20:00+01:00", "kind": "vendor_reply"},
            {
                "at": "2026-03-10T10:30:00+01:00",
                "kind": "appointment_booked",
                "by": "vendor",
                "scheduled_for": "2026-03-19T10:00:00+01:00",
            },
            *more,
        ],
    }


@clause("IPC-CLO-3", "IPC-APT-2", "IPC-APT-3", "IPC-APT-8")
def test_no_show_long_after_the_invitation_is_not_closed_back_dated_for_no_answer(evaluate, cites):
    missed = {"at": "2026-03-19T10:16:00+01:00", "kind": "appointment_missed"}
    d = evaluate(invited_long_before(missed))
    assert d.closure.status == "closed"
    assert d.closure.closed_at == t("2026-03-19T10:15")
    assert [r.code for r in d.closure.reasons] == ["appointment-missed"]
    assert "IPC-APT-8" in cites(action(d, "book a new"))


@clause("IPC-CLO-3", "IPC-APT-9", "IPC-APT-11")
def test_instructions_sent_before_a_failed_connection_do_not_start_the_48_hours(evaluate, cites):
    d = evaluate(
        invited_long_before(
            {"at": "2026-03-11T09:00:00+01:00", "kind": "vendor_reply", "note": "instructions"},
            {"at": "2026-03-19T10:05:00+01:00", "kind": "connection_failed"},
        )
    )
    assert d.closure.closed_at == t("2026-03-19T10:15")
    codes = [r.code for r in d.closure.reasons]
    assert "connection-failed-service-cancelled" in codes and "no-answer-48h" not in codes
    assert "IPC-APT-8" in cites(action(d, "book a new"))


@clause("IPC-CLO-3")
def test_after_the_session_the_48_hours_run_from_informapuntcoms_next_reply(evaluate, cites):
    session = invited_long_before(
        {"at": "2026-03-19T10:02:00+01:00", "kind": "work_session", "minutes": 40},
        {"at": "2026-03-19T11:00:00+01:00", "kind": "vendor_reply"},
    )
    d = evaluate({**session, "at": "2026-03-21T12:00:00+01:00"})
    assert d.closure.status == "closed"
    assert d.closure.closed_at == t("2026-03-21T11:00")
    assert "IPC-CLO-3" in cites(reason(d.closure.reasons, "no-answer-48h"))


# --------------------------------------------------------------------------- phone appointments


def phone_appointment(*more: dict, ref: str | None = "phone", channel: str = "email") -> dict:  # type: ignore[type-arg]
    booking = {
        "at": "2026-03-10T10:30:00+01:00",
        "kind": "appointment_booked",
        "by": "vendor",
        "scheduled_for": "2026-03-11T10:00:00+01:00",
    }
    if ref is not None:
        booking["ref"] = ref
    return {
        "request.channel": channel,
        "at": "2026-03-11T12:00:00+01:00",
        "ticket.events": [BOOKED[0], booking, *more],
    }


@clause("IPC-TEL-4", "IPC-APT-2")
def test_a_missed_phone_appointment_costs_no_extra_minutes_and_does_not_close_the_ticket(
    evaluate, cites
):
    missed = {"at": "2026-03-11T10:20:00+01:00", "kind": "appointment_missed"}
    d = evaluate(phone_appointment(missed))
    assert d.eligibility.remaining_minutes == 600
    assert d.closure.status == "open"
    assert "IPC-TEL-4" in cites(reason(d.closure.reasons, "phone-appointment-missed"))


@clause("IPC-TEL-4", "IPC-APT-1")
def test_a_late_cancelled_phone_appointment_costs_no_extra_minutes(evaluate):
    d = evaluate(
        phone_appointment(
            {"at": "2026-03-11T09:00:00+01:00", "kind": "appointment_cancelled", "by": "customer"}
        )
    )
    assert d.eligibility.remaining_minutes == 600
    assert d.closure.status == "open"


@clause("IPC-TEL-4")
def test_an_appointment_on_a_phone_request_that_does_not_say_its_kind_is_a_call(evaluate):
    d = evaluate(
        phone_appointment(
            {"at": "2026-03-11T10:20:00+01:00", "kind": "appointment_missed"},
            ref=None,
            channel="phone",
        )
    )
    assert d.eligibility.remaining_minutes == 600
    assert d.closure.status == "open"


@clause("IPC-APT-2", "IPC-APT-7")
def test_a_remote_session_booked_on_an_e_mail_request_keeps_the_remote_rules(evaluate):
    d = evaluate(
        phone_appointment(
            {"at": "2026-03-11T10:20:00+01:00", "kind": "appointment_missed"}, ref="remote"
        )
    )
    assert d.eligibility.remaining_minutes == 570
    assert d.closure.status == "closed"


def test_an_appointment_kind_other_than_phone_or_remote_is_an_input_error(evaluate):
    with pytest.raises(InputError) as exc:
        evaluate(phone_appointment(ref="on_site"))
    assert exc.value.problems[0].field == "ticket.events[1].ref"
