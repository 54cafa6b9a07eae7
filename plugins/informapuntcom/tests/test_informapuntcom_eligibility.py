"""informapuntcom: who is entitled to support — plans in force, hours, channels, request data."""

from __future__ import annotations

import pytest

from supportcore import InputError, Money

clause = pytest.mark.clause

EUR = "EUR"


def codes(reasons: tuple) -> list[str]:  # type: ignore[type-arg]
    return [r.code for r in reasons]


def remedy(decision, code):  # type: ignore[no-untyped-def]
    found = [r for r in decision.eligibility.remedies if r.code == code]
    assert found, f"no remedy {code!r} in {[r.code for r in decision.eligibility.remedies]}"
    return found[0]


def reason(reasons, code):  # type: ignore[no-untyped-def]
    found = [r for r in reasons if r.code == code]
    assert found, f"no reason {code!r} in {codes(reasons)}"
    return found[0]


# --------------------------------------------------------------------------- plans in force


@clause("IPC-SUP-1")
def test_plan_in_force_contracted_before_the_request_is_entitled(evaluate, cites):
    d = evaluate()
    assert d.eligibility.status == "entitled"
    assert "plan-in-force" in codes(d.eligibility.basis)
    assert "IPC-SUP-1" in cites(d.eligibility.basis)


@clause("IPC-SUP-1", "IPC-SUP-2")
def test_customer_without_a_plan_is_not_entitled_and_can_buy_one(evaluate, cites):
    d = evaluate({"contracts": []})
    assert d.eligibility.status == "not_entitled"
    assert codes(d.eligibility.reasons) == ["no-plan"]
    assert "IPC-SUP-1" in cites(d.eligibility.reasons)
    offers = {r.description: r.price for r in d.eligibility.remedies if r.code == "buy-plan"}
    assert Money("150.00", EUR) in offers.values() and Money("300.00", EUR) in offers.values()
    assert "IPC-SUP-2" in cites(d.eligibility.remedies)
    assert d.price.status == "not_applicable"


@clause("IPC-SUP-1")
def test_plan_signed_after_the_request_does_not_cover_it(evaluate, cites):
    d = evaluate({"contracts[0].signed_on": "2026-03-11"})
    assert d.eligibility.status == "not_entitled"
    r = reason(d.eligibility.reasons, "plan-signed-after-request")
    assert "IPC-SUP-1" in cites(r)


@clause("IPC-SUP-1")
def test_plan_starting_after_the_request_does_not_cover_it(evaluate, cites):
    d = evaluate({"contracts[0].start": "2026-03-11", "contracts[0].signed_on": "2026-03-05"})
    assert d.eligibility.status == "not_entitled"
    assert "IPC-SUP-1" in cites(reason(d.eligibility.reasons, "plan-not-started"))


@clause("IPC-SUP-1")
def test_plan_signed_on_the_day_of_the_request_counts(evaluate):
    d = evaluate(
        {
            "contracts[0].signed_on": "2026-03-10",
            "contracts[0].start": "2026-03-10",
            "contracts[0].paid_on": "2026-03-10",
        }
    )
    assert d.eligibility.status == "entitled"


@clause("IPC-HRS-5")
def test_plan_ends_at_its_end_date(evaluate, cites):
    d = evaluate(
        {
            "contracts[0].start": "2025-03-01",
            "contracts[0].end": "2026-03-01",
            "contracts[0].signed_on": "2025-02-20",
            "contracts[0].paid_on": "2025-02-21",
        }
    )
    assert d.eligibility.status == "not_entitled"
    r = reason(d.eligibility.reasons, "plan-ended")
    assert r.params["last_day"] == "2026-02-28"
    assert "IPC-HRS-5" in cites(r)


@clause("IPC-HRS-5", "IPC-HRS-6")
def test_plan_ends_when_its_hours_are_used_up_before_the_end_date(evaluate, cites):
    d = evaluate(
        {
            "contracts[0].usage": [
                {"at": "2026-02-10T10:00:00+01:00", "minutes": 400, "ticket": "T-1"},
                {"at": "2026-03-02T10:00:00+01:00", "minutes": 200, "ticket": "T-2"},
            ]
        }
    )
    assert d.eligibility.status == "not_entitled"
    assert d.eligibility.remaining_minutes == 0
    r = reason(d.eligibility.reasons, "plan-hours-exhausted")
    assert r.params["day"] == "2026-03-02"
    assert {"IPC-HRS-5", "IPC-HRS-6"} <= cites(r)


@clause("IPC-HRS-6", "IPC-REN-1")
def test_exhausted_plan_offers_renewal_at_the_current_price(evaluate, cites):
    d = evaluate(
        {
            "contracts[0].usage": [{"at": "2026-02-10T10:00:00+01:00", "minutes": 600}],
            "contracts[0].price": {"amount": "99.00", "currency": "EUR"},
        }
    )
    renew = remedy(d, "renew-plan")
    # The price in force at renewal (settings), not the price the customer paid before.
    assert renew.price == Money("150.00", EUR)
    assert {"IPC-HRS-6", "IPC-REN-1"} <= cites(renew)


@clause("IPC-HRS-6")
def test_renewal_price_is_reported_missing_when_not_configured(evaluate, settings_without):
    d = evaluate(
        {"contracts[0].usage": [{"at": "2026-02-10T10:00:00+01:00", "minutes": 600}]},
        settings=settings_without("plan_prices"),
    )
    renew = remedy(d, "renew-plan")
    assert renew.price is None
    assert [m.key for m in renew.missing] == ["plan_prices"]


@clause("IPC-REN-2")
def test_plans_do_not_renew_automatically(evaluate, cites):
    d = evaluate(
        {
            "contracts[0].start": "2025-03-01",
            "contracts[0].end": "2026-03-01",
            "contracts[0].signed_on": "2025-02-20",
            "contracts[0].paid_on": "2025-02-21",
            "contracts[0].auto_renew": True,
        }
    )
    assert d.eligibility.status == "not_entitled"
    assert "IPC-REN-2" in cites(reason(d.eligibility.reasons, "no-automatic-renewal"))
    assert "IPC-REN-2" in cites(remedy(d, "renew-plan"))


@clause("IPC-REN-3")
def test_unpaid_plan_is_not_in_force(evaluate, cites):
    d = evaluate({"contracts[0].payment": "pending", "contracts[0].paid_on": None})
    assert d.eligibility.status == "not_entitled"
    assert "IPC-REN-3" in cites(reason(d.eligibility.reasons, "plan-not-paid"))


@clause("IPC-REN-3")
def test_plan_paid_after_the_request_did_not_cover_it(evaluate, cites):
    d = evaluate({"contracts[0].paid_on": "2026-03-11", "at": "2026-03-12T12:00:00+01:00"})
    assert d.eligibility.status == "not_entitled"
    assert "IPC-REN-3" in cites(reason(d.eligibility.reasons, "plan-paid-after-request"))


RENEWAL = {
    "contracts": [
        {
            "id": "SOP-2025-001",
            "plan": "Básico",
            "start": "2025-01-01",
            "end": "2026-01-01",
            "included_minutes": 600,
            "channels": ["email"],
            "payment": "paid",
        },
        {
            "id": "SOP-2026-001",
            "plan": "Básico",
            "start": "2026-01-01",
            "end": "2027-01-01",
            "included_minutes": 600,
            "channels": ["email"],
            "payment": "pending",
        },
    ],
}


@clause("IPC-REN-3")
def test_reading_renewals_only_still_requires_payment_of_a_renewal(evaluate, settings_without):
    only_renewals = settings_without(payment_required_for="renewals")
    first_plan = evaluate(
        {"contracts[0].payment": "pending", "contracts[0].paid_on": None}, settings=only_renewals
    )
    assert first_plan.eligibility.status == "entitled"
    renewal = evaluate(RENEWAL, settings=only_renewals)
    assert renewal.eligibility.status == "not_entitled"
    assert "plan-not-paid" in codes(renewal.eligibility.reasons)


@clause("IPC-MOD-2")
def test_existing_contract_keeps_the_terms_version_it_was_signed_under(evaluate, cites):
    d = evaluate()
    r = reason(d.eligibility.basis, "terms-version")
    assert r.params["signed"] == "2025-12-20"
    assert "IPC-MOD-2" in cites(r)
    assert d.terms_version == "1"


@clause("IPC-INTRO-2")
def test_special_contract_is_governed_by_its_own_terms(evaluate, cites):
    d = evaluate({"contracts[0].special_terms": "Acuerdo Grupo Norte 2026"})
    for part in (d.eligibility.reasons, d.coverage.reasons, d.price.reasons, d.closure.reasons):
        r = reason(part, "special-contract")
        assert "SOP-2026-001" in r.message and "IPC-INTRO-2" in cites(r)
    assert d.eligibility.status == "undetermined"
    assert d.coverage.status == "undetermined"
    assert d.price.status == "undetermined"
    assert d.closure.status == "undetermined"


@clause("IPC-INTRO-2")
def test_special_contract_pinned_to_an_unknown_terms_version_is_an_input_error(evaluate):
    with pytest.raises(InputError) as exc:
        evaluate({"contracts[0].terms_version": "2019"})
    assert exc.value.problems[0].field == "contracts.terms_version"


# --------------------------------------------------------------------------- hours


@clause("IPC-HRS-1")
def test_allowance_is_the_plans_own_hour_limit(evaluate, cites):
    d = evaluate({"contracts[0].included_minutes": 300})
    assert d.eligibility.remaining_minutes == 300
    r = reason(d.eligibility.basis, "plan-hours")
    assert r.params["allowance"] == 300 and "IPC-HRS-1" in cites(r)


@clause("IPC-HRS-1")
def test_plan_without_its_hour_limit_is_an_input_error(evaluate):
    with pytest.raises(InputError) as exc:
        evaluate({"contracts[0].included_minutes": None})
    assert exc.value.problems[0].field == "contracts[0].included_minutes"
    assert "IPC-HRS-1" in exc.value.problems[0].message


@clause("IPC-HRS-2")
def test_hours_count_over_the_whole_plan_period_not_per_month(evaluate, cites):
    d = evaluate(
        {
            "contracts[0].usage": [
                {"at": "2026-01-15T10:00:00+01:00", "minutes": 120},
                {"at": "2026-02-15T10:00:00+01:00", "minutes": 120},
                {"at": "2026-03-02T10:00:00+01:00", "minutes": 60},
            ]
        }
    )
    assert d.eligibility.remaining_minutes == 600 - 300
    assert "IPC-HRS-2" in cites(reason(d.eligibility.basis, "plan-hours"))


@clause("IPC-HRS-3")
def test_work_on_the_ticket_through_any_channel_is_logged_against_the_plan(evaluate, cites):
    d = evaluate(
        {
            "ticket.events": [
                {"at": "2026-03-10T10:30:00+01:00", "kind": "work_session", "minutes": 25},
                {"at": "2026-03-10T11:00:00+01:00", "kind": "vendor_reply"},
                {"at": "2026-03-10T11:30:00+01:00", "kind": "work_session", "minutes": 20},
            ]
        }
    )
    assert d.eligibility.remaining_minutes == 600 - 45
    assert "IPC-HRS-3" in cites(reason(d.eligibility.basis, "plan-hours"))


@clause("IPC-HRS-4")
def test_urgent_service_counts_thirty_extra_minutes(evaluate, cites):
    normal = evaluate()
    urgent = evaluate({"request.urgent": True})
    assert normal.eligibility.remaining_minutes - urgent.eligibility.remaining_minutes == 30
    assert "IPC-HRS-4" in cites(reason(urgent.eligibility.basis, "urgent-surcharge"))


@clause("IPC-HRS-7")
def test_unused_hours_of_the_previous_plan_do_not_carry_over(evaluate, cites):
    d = evaluate(
        {
            "contracts": [
                {
                    "id": "SOP-2025-001",
                    "plan": "Básico",
                    "start": "2025-01-01",
                    "end": "2026-01-01",
                    "included_minutes": 600,
                    "channels": ["email"],
                    "payment": "paid",
                    "usage": [{"at": "2025-06-01T10:00:00+02:00", "minutes": 60}],
                },
                {
                    "id": "SOP-2026-001",
                    "plan": "Básico",
                    "start": "2026-01-01",
                    "end": "2027-01-01",
                    "signed_on": "2025-12-20",
                    "included_minutes": 600,
                    "channels": ["email"],
                    "payment": "paid",
                },
            ]
        }
    )
    assert d.eligibility.status == "entitled"
    assert d.eligibility.remaining_minutes == 600  # not 600 + 540 left over
    assert "IPC-HRS-7" in cites(reason(d.eligibility.basis, "no-carry-over"))


@clause("IPC-HRS-7")
def test_usage_dated_outside_the_plan_period_is_refused(evaluate):
    with pytest.raises(InputError) as exc:
        evaluate({"contracts[0].usage": [{"at": "2025-12-15T10:00:00+01:00", "minutes": 60}]})
    p = exc.value.problems[0]
    assert p.field == "contracts[0].usage[0].at"
    assert "IPC-HRS-7" in p.message


@clause("IPC-HRS-8", "IPC-HRS-5", "IPC-HRS-6")
def test_hours_running_out_during_the_case_keep_it_going_at_current_tariffs(evaluate, cites):
    d = evaluate(
        {
            "contracts[0].usage": [{"at": "2026-02-10T10:00:00+01:00", "minutes": 590}],
            "ticket.events": [
                {"at": "2026-03-10T11:00:00+01:00", "kind": "work_session", "minutes": 40}
            ],
        }
    )
    assert d.eligibility.status == "entitled"
    assert d.eligibility.remaining_minutes == 0
    r = reason(d.eligibility.basis, "plan-hours-run-out")
    assert "IPC-HRS-8" in cites(r)
    assert remedy(d, "renew-plan").price == Money("150.00", EUR)


# --------------------------------------------------------------------------- channels


@clause("IPC-INC-2", "IPC-OPS-1")
def test_a_channel_informapuntcom_does_not_offer_gets_a_reasoned_refusal(evaluate, cites):
    d = evaluate({"request.channel": "chat"})
    assert d.eligibility.status == "not_entitled"
    r = reason(d.eligibility.reasons, "channel-not-offered")
    assert {"IPC-INC-2", "IPC-OPS-1"} <= cites(r)
    assert "IPC-OPS-1" in cites(remedy(d, "send-by-email"))


@clause("IPC-EXC-2")
def test_on_site_requests_are_refused_travel_is_not_included(evaluate, cites):
    d = evaluate({"request.channel": "on_site"})
    assert d.eligibility.status == "not_entitled"
    assert "IPC-EXC-2" in cites(reason(d.eligibility.reasons, "channel-not-offered"))


@clause("IPC-INC-2", "IPC-RT-3")
def test_request_through_a_channel_the_plan_lacks_is_refused(evaluate, cites):
    d = evaluate({"contracts[0].channels": ["phone"]})
    assert d.eligibility.status == "not_entitled"
    r = reason(d.eligibility.reasons, "channel-not-in-plan")
    assert {"IPC-INC-2", "IPC-RT-3"} <= cites(r)


@clause("IPC-INC-2")
def test_plan_channels_unknown_make_eligibility_undetermined(evaluate, cites):
    d = evaluate({"contracts[0].channels": []})
    assert d.eligibility.status == "undetermined"
    r = reason(d.eligibility.reasons, "plan-channels-unknown")
    assert d.eligibility.missing_facts[0].field == "contracts[0].channels"
    assert "IPC-INC-2" in cites(r)


@clause("IPC-TEL-1")
def test_phone_is_only_for_plans_that_include_it(evaluate, cites):
    d = evaluate({"request.channel": "phone", "contracts[0].channels": ["email"]})
    assert d.eligibility.status == "not_entitled"
    assert "IPC-TEL-1" in cites(reason(d.eligibility.reasons, "channel-not-in-plan"))
    assert remedy(d, "send-by-email")
    assert "IPC-TEL-1" in cites(remedy(d, "plan-with-channel"))


@clause("IPC-OPS-1", "IPC-TEL-2", "IPC-TEL-3")
def test_phone_request_on_a_plan_with_phone_is_entitled_and_answered_first_by_email(
    evaluate, cites
):
    d = evaluate({"request.channel": "phone"})
    assert d.eligibility.status == "entitled"
    r = reason(d.eligibility.basis, "channel-in-plan")
    assert "e-mail" in r.message
    assert {"IPC-OPS-1", "IPC-TEL-2", "IPC-TEL-3"} <= cites(r)
    answer = next(a for a in d.closure.actions if a.description.startswith("answer the request"))
    assert "by e-mail first" in answer.description


@clause("IPC-TEL-2", "IPC-TEL-4")
def test_remote_session_without_invitation_is_refused(evaluate, cites):
    d = evaluate({"request.channel": "remote"})
    assert d.eligibility.status == "not_entitled"
    assert "IPC-TEL-4" in cites(reason(d.eligibility.reasons, "attention-by-invitation-only"))


INVITED_CALL = {
    "request.channel": "phone",
    "request.received_at": "2026-03-10T11:00:00+01:00",
    "ticket.events": [
        {"at": "2026-03-10T10:20:00+01:00", "kind": "vendor_reply"},
        {
            "at": "2026-03-10T10:30:00+01:00",
            "kind": "appointment_booked",
            "by": "vendor",
            "scheduled_for": "2026-03-10T11:00:00+01:00",
        },
    ],
}


@clause("IPC-TEL-4")
def test_call_at_the_agreed_time_after_an_invitation_is_entitled(evaluate, cites):
    d = evaluate(INVITED_CALL)
    assert d.eligibility.status == "entitled"
    assert "IPC-TEL-4" in cites(reason(d.eligibility.basis, "channel-in-plan"))
    r = reason(d.service.reasons, "agreed-appointment")
    assert r.params["when"] == "2026-03-10T11:00:00+01:00" and "IPC-TEL-4" in cites(r)


@clause("IPC-TEL-7", "IPC-TEL-1")
def test_urgent_remote_assistance_without_remote_in_the_plan_is_offered_at_tariff(evaluate, cites):
    d = evaluate(
        {"request.channel": "remote", "request.urgent": True, "contracts[0].channels": ["email"]}
    )
    assert d.eligibility.status == "not_entitled"
    paid = remedy(d, "paid-remote-assistance")
    assert paid.price == Money("60.00", EUR)
    assert "IPC-TEL-7" in cites(paid)
    assert d.coverage.status == "billable"
    assert "IPC-TEL-7" in cites(d.coverage.reasons)


@clause("IPC-TEL-7")
def test_user_without_any_plan_is_offered_urgent_remote_assistance_at_tariff(evaluate, cites):
    d = evaluate({"contracts": [], "request.channel": "remote", "request.urgent": True})
    assert d.eligibility.status == "not_entitled"
    assert "IPC-TEL-7" in cites(remedy(d, "paid-remote-assistance"))
    assert d.coverage.status == "billable"


# --------------------------------------------------------------------------- request data


@clause("IPC-OPS-4")
def test_request_without_contract_number_cannot_be_processed(evaluate, cites):
    d = evaluate({"request.contact.contract_number": None})
    assert d.eligibility.status == "not_entitled"
    r = reason(d.eligibility.reasons, "request-not-processable")
    assert "contract number" in r.message and "IPC-OPS-4" in cites(r)
    assert d.service.response_due is None
    assert "IPC-OPS-4" in cites(reason(d.service.reasons, "response-clock-not-started"))


@clause("IPC-OPS-4")
def test_request_without_the_licence_holders_nif_cannot_be_processed(evaluate):
    d = evaluate({"request.contact.tax_id": None, "request.contact.company_name": ""})
    r = reason(d.eligibility.reasons, "request-not-processable")
    assert "NIF" in r.message and "company name" in r.message


@clause("IPC-OPS-4")
def test_contract_number_must_be_the_contract_in_force(evaluate):
    d = evaluate({"request.contact.contract_number": "SOP-2019-007"})
    assert d.eligibility.status == "not_entitled"
    assert "SOP-2019-007" in reason(d.eligibility.reasons, "request-not-processable").message


@clause("IPC-OPS-4", "IPC-OPS-3")
def test_completed_request_is_processed_from_the_moment_it_is_complete(evaluate):
    d = evaluate(
        {
            "request.contact.tax_id": None,
            "ticket.events": [
                {
                    "at": "2026-03-10T11:00:00+01:00",
                    "kind": "information_complete",
                    "by": "customer",
                }
            ],
        }
    )
    assert d.eligibility.status == "entitled"
    # 24 business hours from Tue 11:00 (not from the 10:00 receipt): Fri 11:00.
    assert d.service.response_due is not None
    assert d.service.response_due.isoformat() == "2026-03-13T11:00:00+01:00"


@clause("IPC-OPS-2")
def test_missing_contact_person_and_phone_are_owed_but_do_not_stop_the_request(evaluate, cites):
    d = evaluate({"request.contact.contact_person": None, "request.contact.phone": None})
    assert d.eligibility.status == "entitled"
    owed = [a for a in d.closure.actions if a.party == "customer" and "contact" in a.description]
    assert owed and "IPC-OPS-2" in cites(owed)


@clause("IPC-RT-3", "IPC-OPS-1")
def test_request_without_a_description_owes_diagnostic_data(evaluate, cites):
    d = evaluate({"request.summary": ""})
    owed = [a for a in d.closure.actions if "describe" in a.description]
    assert owed and {"IPC-RT-3", "IPC-OPS-1"} <= cites(owed)


@clause("IPC-HRS-3")
def test_usage_already_booked_for_this_ticket_is_not_counted_twice(evaluate):
    d = evaluate(
        {
            "contracts[0].usage": [
                {"at": "2026-03-10T11:00:00+01:00", "minutes": 40, "ticket": "T-100"},
                {"at": "2026-03-02T11:00:00+01:00", "minutes": 20, "ticket": "T-90"},
            ],
            "ticket.events": [
                {"at": "2026-03-10T11:00:00+01:00", "kind": "work_session", "minutes": 40}
            ],
        }
    )
    assert d.eligibility.remaining_minutes == 600 - 40 - 20


# --------------------------------------------------------------------------- refused urgent


@clause("IPC-HRS-4", "IPC-OPS-4")
def test_urgent_request_refused_for_missing_holder_data_is_not_charged_the_urgent_minutes(
    evaluate,
):
    d = evaluate({"request.urgent": True, "request.contact.tax_id": None})
    assert d.eligibility.status == "not_entitled"
    assert d.eligibility.remaining_minutes == 600


@clause("IPC-HRS-4", "IPC-RT-3")
def test_urgent_request_through_a_channel_the_plan_lacks_is_not_charged_the_urgent_minutes(
    evaluate,
):
    d = evaluate(
        {"request.urgent": True, "request.channel": "phone", "contracts[0].channels": ["email"]}
    )
    assert d.eligibility.status == "not_entitled"
    assert d.eligibility.remaining_minutes == 600


@clause("IPC-HRS-4", "IPC-OPS-4")
def test_urgent_minutes_count_once_the_missing_data_arrive(evaluate):
    d = evaluate(
        {
            "request.urgent": True,
            "request.contact.tax_id": None,
            "ticket.events": [
                {"at": "2026-03-10T11:00:00+01:00", "kind": "information_complete"},
            ],
        }
    )
    assert d.eligibility.status == "entitled"
    assert d.eligibility.remaining_minutes == 570


# --------------------------------------------------------------------------- missing case data


def fields(facts: tuple) -> list[str]:  # type: ignore[type-arg]
    return [f.field for f in facts]


@clause("IPC-OPS-4")
def test_missing_contract_number_and_nif_are_named_by_their_field_paths(evaluate):
    d = evaluate({"request.contact.contract_number": None, "request.contact.tax_id": None})
    assert d.eligibility.status == "not_entitled"
    assert fields(d.eligibility.missing_facts) == [
        "request.contact.contract_number",
        "request.contact.tax_id",
    ]
    assert "NIF" in reason(d.eligibility.reasons, "request-not-processable").message
    assert fields(d.missing_facts()) == fields(d.eligibility.missing_facts)


@clause("IPC-OPS-4")
def test_a_contract_number_that_is_not_the_plan_in_force_is_named_as_missing(evaluate):
    d = evaluate({"request.contact.contract_number": "SOP-2019-007"})
    (fact,) = d.eligibility.missing_facts
    assert fact.field == "request.contact.contract_number"
    assert "SOP-2019-007" in fact.description


@clause("IPC-OPS-2")
def test_missing_contact_phone_is_named_by_its_field_path_without_stopping_the_request(evaluate):
    d = evaluate({"request.contact.phone": None})
    assert d.eligibility.status == "entitled"
    assert fields(d.eligibility.missing_facts) == ["request.contact.phone"]


@clause("IPC-OPS-2", "IPC-OPS-4")
def test_data_completed_later_is_no_longer_missing(evaluate):
    d = evaluate(
        {
            "request.contact.tax_id": None,
            "ticket.events": [
                {"at": "2026-03-10T11:00:00+01:00", "kind": "information_complete"},
            ],
        }
    )
    assert d.eligibility.missing_facts == ()


@clause("IPC-INC-2")
def test_unknown_plan_channels_are_named_by_their_field_path(evaluate):
    d = evaluate({"contracts[0].channels": []})
    assert d.eligibility.status == "undetermined"
    assert fields(d.eligibility.missing_facts) == ["contracts[0].channels"]
