"""SMART contracts: per program, yearly automatic renewal, notice one week before the last day."""

from __future__ import annotations

from datetime import date

import pytest

from supportcore import EligibilityStatus, InputError

ENTITLED = EligibilityStatus.ENTITLED
NOT_ENTITLED = EligibilityStatus.NOT_ENTITLED

#: A FactuCont customer since 2024 whose SMART contract started on 2025-03-10.
OLD_CUSTOMER = {
    "licences[0].acquired_on": "2024-09-10",
    "contracts": [{"id": "S-1", "product": "FactuCont", "start": "2025-03-10"}],
}


def with_notice(day: str) -> dict[str, object]:
    return {
        **OLD_CUSTOMER,
        "contracts": [
            {
                "id": "S-1",
                "product": "FactuCont",
                "start": "2025-03-10",
                "cancellation_notice_on": day,
            }
        ],
    }


@pytest.mark.clause("BIN-CANCEL-1", "BIN-CONTRACT-2")
def test_contract_renews_automatically_every_year(bina):
    d = bina.decide(OLD_CUSTOMER, at="2027-05-03T10:00:00[Europe/Madrid]")
    el = d.eligibility
    assert el.status == ENTITLED
    assert el.valid_until == date(2028, 3, 9)
    basis = bina.reason(el.basis, "smart-contract")
    assert basis.params["period"] == {"start": "2027-03-10", "end": "2028-03-10"}
    assert "yearly bank receipt" in basis.message
    assert {"BIN-CANCEL-1", "BIN-CONTRACT-2"} <= bina.cites(basis)
    assert d.price.status == "free"


@pytest.mark.clause("BIN-CANCEL-2")
def test_basis_says_by_when_notice_must_arrive(bina):
    d = bina.decide(OLD_CUSTOMER, at="2026-05-04T10:00:00[Europe/Madrid]")
    r = bina.reason(d.eligibility.basis, "renewal-notice-deadline")
    assert r.params["deadline"] == "2027-03-02"  # last day 2027-03-09 minus one week
    assert r.params["last_day"] == "2027-03-09"
    assert "BIN-CANCEL-2" in bina.cites(r)


@pytest.mark.clause("BIN-CANCEL-2")
def test_notice_one_week_before_the_last_day_stops_the_renewal(bina):
    changes = with_notice("2026-03-02")  # last day 2026-03-09; deadline 2026-03-02
    before = bina.decide(changes, at="2026-03-09T10:00:00[Europe/Madrid]")
    assert before.eligibility.status == ENTITLED
    assert before.eligibility.valid_until == date(2026, 3, 9)
    in_time = bina.reason(before.eligibility.basis, "cancellation-notice-in-time")
    assert "BIN-CANCEL-2" in bina.cites(in_time)
    after = bina.decide(changes, at="2026-03-10T10:00:00[Europe/Madrid]")
    assert after.eligibility.status == NOT_ENTITLED
    ended = bina.reason(after.eligibility.reasons, "smart-contract-ended")
    assert ended.params["last_day"] == "2026-03-09"
    assert "BIN-CANCEL-2" in bina.cites(ended)


@pytest.mark.clause("BIN-CANCEL-2", "BIN-CANCEL-1", "BIN-PRICE-4")
def test_late_notice_renews_for_another_year_with_its_fee(bina):
    changes = with_notice("2026-03-03")  # one day after the deadline
    d = bina.decide(changes, at="2026-03-10T10:00:00[Europe/Madrid]")
    el = d.eligibility
    assert el.status == ENTITLED
    assert el.valid_until == date(2027, 3, 9)
    late = bina.reason(el.basis, "late-cancellation-notice")
    assert late.params["deadline"] == "2026-03-02"
    assert late.params["renewed"] == {"start": "2026-03-10", "end": "2027-03-10"}
    assert late.params["fee"] == "92.99 EUR + IVA"
    assert {"BIN-CANCEL-2", "BIN-PRICE-4", "BIN-PRICE-1"} <= bina.cites(late)
    ended = bina.decide(changes, at="2027-03-10T10:00:00[Europe/Madrid]")
    assert ended.eligibility.status == NOT_ENTITLED


@pytest.mark.clause("BIN-PROG-1")
def test_smart_for_factucont_does_not_cover_euroconta(bina):
    changes = {
        **OLD_CUSTOMER,
        "licences": [
            {
                "product": "FactuCont",
                "acquired_on": "2024-09-10",
                "version": "5",
                "edition": "single_seat",
            },
            {
                "product": "EuroConta",
                "acquired_on": "2024-09-10",
                "version": "5",
                "edition": "single_seat",
            },
        ],
        "request.product": "EuroConta",
    }
    d = bina.decide(changes, at="2026-05-04T10:00:00[Europe/Madrid]")
    el = d.eligibility
    assert el.status == NOT_ENTITLED
    r = bina.reason(el.reasons, "smart-per-program")
    assert (r.params["others"], r.params["product"]) == (["FactuCont"], "EuroConta")
    assert "BIN-PROG-1" in bina.cites(r)
    assert any(
        rem.code == "contract-smart" and "EuroConta" in rem.description for rem in el.remedies
    )


@pytest.mark.clause("BIN-PROG-1")
def test_a_contract_must_name_its_program(bina):
    changes = {"contracts": [{"id": "S-1", "start": "2025-03-10"}]}
    with pytest.raises(InputError) as exc:
        bina.decide(changes)
    assert [p.field for p in exc.value.problems] == ["contracts[0].product"]
    assert "per program" in exc.value.problems[0].message


@pytest.mark.clause("BIN-CANCEL-1")
def test_contract_not_started_yet_is_reported(bina):
    changes = {
        "licences[0].acquired_on": "2024-09-10",
        "contracts": [{"id": "S-2", "product": "FactuCont", "start": "2026-06-01"}],
    }
    d = bina.decide(changes, at="2026-05-04T10:00:00[Europe/Madrid]")
    assert d.eligibility.status == NOT_ENTITLED
    r = bina.reason(d.eligibility.reasons, "smart-contract-not-started")
    assert r.params["start"] == "2026-06-01"


def test_contract_holder_is_served_even_without_the_registration_flag(bina):
    d = bina.decide(
        {**OLD_CUSTOMER, "customer.registered": False}, at="2026-05-04T10:00:00[Europe/Madrid]"
    )
    assert d.eligibility.status == ENTITLED


def invoiced(**contract: object) -> dict[str, object]:
    """A FactuCont customer since 2024 whose SMART contract's invoice gives 2026-02-28 as the
    last day of validity: ``end`` is the first day no longer in force, 2026-03-01."""
    c = {"id": "S-7", "product": "FactuCont", "start": "2025-01-15", "end": "2026-03-01"}
    return {"licences[0].acquired_on": "2024-07-01", "contracts": [{**c, **contract}]}


@pytest.mark.clause("BIN-CANCEL-1", "BIN-CANCEL-3")
def test_auto_renew_contract_renews_every_year_from_the_end_on_the_invoice(bina):
    d = bina.decide(invoiced(auto_renew=True), at="2026-05-04T10:00:00[Europe/Madrid]")
    el = d.eligibility
    assert el.status == ENTITLED
    assert el.valid_until == date(2027, 2, 28)
    current = bina.reason(el.basis, "smart-contract").params["period"]
    assert current == {"start": "2026-03-01", "end": "2027-03-01"}
    assert bina.reason(el.basis, "renewal-notice-deadline").params["deadline"] == "2027-02-21"


@pytest.mark.clause("BIN-CANCEL-2", "BIN-CANCEL-3")
def test_auto_renew_contract_stops_at_the_end_after_a_notice_one_week_before_it(bina):
    changes = invoiced(auto_renew=True, cancellation_notice_on="2026-02-21")
    before = bina.decide(changes, at="2026-02-27T10:00:00[Europe/Madrid]")
    in_time = bina.reason(before.eligibility.basis, "cancellation-notice-in-time")
    assert in_time.params["deadline"] == "2026-02-21"
    after = bina.decide(changes, at="2026-03-02T10:00:00[Europe/Madrid]")
    assert after.eligibility.status == NOT_ENTITLED
    ended = bina.reason(after.eligibility.reasons, "smart-contract-ended")
    assert ended.params["last_day"] == "2026-02-28"


@pytest.mark.clause("BIN-CANCEL-2", "BIN-CANCEL-1")
def test_auto_renew_contract_renews_once_more_after_a_late_notice(bina):
    changes = invoiced(auto_renew=True, cancellation_notice_on="2026-02-22")
    d = bina.decide(changes, at="2026-03-02T10:00:00[Europe/Madrid]")
    assert d.eligibility.status == ENTITLED
    assert d.eligibility.valid_until == date(2027, 2, 28)
    late = bina.reason(d.eligibility.basis, "late-cancellation-notice")
    assert late.params["deadline"] == "2026-02-21"


@pytest.mark.clause("BIN-CANCEL-1")
def test_contract_with_an_end_and_no_automatic_renewal_ends_there(bina):
    during = bina.decide(invoiced(), at="2026-02-02T10:00:00[Europe/Madrid]")
    basis = bina.reason(during.eligibility.basis, "smart-contract")
    assert basis.params["last_day"] == "2026-02-28"
    assert "renews automatically" not in basis.message
    assert "renewal-notice-deadline" not in bina.codes(during.eligibility.basis)
    after = bina.decide(invoiced(), at="2026-03-02T10:00:00[Europe/Madrid]")
    assert after.eligibility.status == NOT_ENTITLED
