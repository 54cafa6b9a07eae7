"""SMART contracts: yearly periods that renew automatically until the customer gives notice in
time (BIN-CANCEL-1, BIN-CANCEL-2), the reasons that explain them, and the yearly fee in words
(BIN-PRICE-1, BIN-PRICE-2)."""

from __future__ import annotations

from datetime import date, timedelta
from functools import cache
from typing import Literal

import attrs

from supportcore import Context, Contract, Edition, Money, Reason
from supportcore.periods import Period, add_months, renewal_period

from . import _data as D

__all__ = [
    "ContractState",
    "contract_basis",
    "contract_state",
    "fee_text",
    "late_notice_reason",
    "notice_deadline",
    "renews",
    "yearly_period",
]


@cache  # three possible answers; Money formatting is the costly part
def fee_text(edition: Edition | None) -> tuple[str, tuple[str, ...]]:
    """The yearly fee as words, with the clauses giving it (BIN-PRICE-1, BIN-PRICE-2)."""
    if edition is not None:
        amount, clause = D.YEARLY_FEE[edition]
        return f"{Money(amount, 'EUR')} + IVA", (clause, "BIN-PRICE-3")
    single, c1 = D.YEARLY_FEE[Edition.SINGLE_SEAT]
    network, c2 = D.YEARLY_FEE[Edition.NETWORK]
    return (
        f"{Money(single, 'EUR')} (single seat) or {Money(network, 'EUR')} (network) + IVA",
        (c1, c2, "BIN-PRICE-3"),
    )


_NOTICE = timedelta(weeks=D.NOTICE_WEEKS)


def notice_deadline(last_day: date) -> date:
    """One week before the last day of validity (BIN-CANCEL-2): the same day as
    ``periods.notice_deadline(last_day, weeks=1)``, without its relativedelta (~9 µs a call)."""
    return last_day - _NOTICE


NoticeStatus = Literal["none", "in_time", "late"]
ContractStatus = Literal["pending", "in_force", "ended"]


@attrs.frozen
class ContractState:
    """Where a SMART contract stands on one day, with its renewal and notice arithmetic."""

    contract: Contract
    status: ContractStatus
    period: Period | None  #: the yearly period holding the day (in force), else None
    end: date | None  #: first day no longer in force; None: renews until notice
    notice: NoticeStatus
    notice_period: Period | None  #: the yearly period in which the notice arrived
    deadline: date | None  #: the notice deadline: for the notice received, or the next one

    @property
    def last_day(self) -> date | None:
        """Last day of validity of the current yearly period ("último día de vigencia")."""
        return None if self.period is None else self.period.last_day


def renews(contract: Contract) -> bool:
    """Whether the contract renews every year until notice (BIN-CANCEL-1): always without an
    ``end``; with one, only when ``auto_renew`` (the end of the invoiced year it renews from).
    An ``end`` without ``auto_renew`` is final."""
    return contract.end is None or contract.auto_renew


def yearly_period(contract: Contract, day: date) -> Period:
    """The contract's yearly period holding ``day`` (not before its start). The years run from
    the start, or, for a contract that renews from an ``end``, so that ``end`` begins one: the
    last day on the invoice ends a year (BIN-CANCEL-3)."""
    start, end = contract.start, contract.end
    anchor = end if end is not None and contract.auto_renew else start
    if day >= anchor:
        return renewal_period(anchor, day, months=D.RENEWAL_MONTHS)
    k = 1
    while add_months(anchor, -D.RENEWAL_MONTHS * k) > day:
        k += 1
    begin = add_months(anchor, -D.RENEWAL_MONTHS * k)
    return Period(max(start, begin), add_months(anchor, -D.RENEWAL_MONTHS * (k - 1)))


def contract_state(contract: Contract, today: date) -> ContractState:
    """Renewal every 12 months (BIN-CANCEL-1; see :func:`yearly_period`) and the notice rule
    (BIN-CANCEL-2): a notice received by ``last day - 1 week`` stops the renewal; a later one
    lets the contract renew once more and takes effect at the end of that year
    (interpretation BIN-I-NOTICE). A contract that does not renew (:func:`renews`) ends at its
    ``end``."""
    start = contract.start
    end = None if renews(contract) else contract.end
    notice: NoticeStatus = "none"
    notice_period: Period | None = None
    deadline: date | None = None
    received = contract.cancellation_notice_on
    if received is not None:
        notice_period = yearly_period(contract, max(received, start))
        deadline = notice_deadline(notice_period.last_day)
        if received <= deadline:
            notice, stop = "in_time", notice_period.end
        else:
            notice = "late"
            stop = yearly_period(contract, notice_period.end).end
        end = stop if end is None else min(end, stop)
    if today < start:
        return ContractState(contract, "pending", None, end, notice, notice_period, deadline)
    if end is not None and today >= end:
        return ContractState(contract, "ended", None, end, notice, notice_period, deadline)
    period = yearly_period(contract, today)
    if end is not None and end < period.end:
        period = Period(period.start, end)
    if notice == "none" and end is None:
        deadline = notice_deadline(period.last_day)
    return ContractState(contract, "in_force", period, end, notice, notice_period, deadline)


def contract_basis(ctx: Context, state: ContractState, edition: Edition | None) -> list[Reason]:
    """Why a contract in force entitles the customer, and what happens at its renewal."""
    c = state.contract
    assert state.period is not None
    if not renews(c):
        assert c.end is not None
        return [
            ctx.reason(
                "smart-contract",
                f"SMART contract {c.id} for {c.product} is in force until "
                f"{state.period.last_day.isoformat()}, its last day of validity (contracts[].end "
                "is the first day after it; the contract is not renewed: auto_renew is false)",
                "BIN-CONTRACT-2",
                "BIN-CANCEL-3",
            )
        ]
    reasons = [
        ctx.reason(
            "smart-contract",
            f"SMART contract {c.id} for {c.product} is in force: current year "
            f"{state.period.describe()}; it renews automatically every year, charged by a "
            "yearly bank receipt, until cancelled",
            "BIN-CANCEL-1",
            "BIN-CONTRACT-2",
        )
    ]
    if state.notice == "none" and state.deadline is not None:
        reasons.append(
            ctx.reason(
                "renewal-notice-deadline",
                f"To stop the renewal, Binarema must be told by {state.deadline.isoformat()}, one "
                f"week before the last day of validity ({state.period.last_day.isoformat()}, as "
                "printed on the invoice)",
                "BIN-CANCEL-2",
                "BIN-CANCEL-3",
            )
        )
    elif state.notice == "in_time" and state.deadline is not None:
        assert c.cancellation_notice_on is not None
        reasons.append(
            ctx.reason(
                "cancellation-notice-in-time",
                f"Notice not to renew received on {c.cancellation_notice_on.isoformat()}, in time "
                f"(deadline {state.deadline.isoformat()}): SMART ends after "
                f"{state.period.last_day.isoformat()} and does not renew",
                "BIN-CANCEL-2",
            )
        )
    elif state.notice == "late":
        reasons.append(late_notice_reason(ctx, state, edition))
    return reasons


def late_notice_reason(ctx: Context, state: ContractState, edition: Edition | None) -> Reason:
    """A notice received after the deadline: one more year, with its fee (BIN-CANCEL-2)."""
    c = state.contract
    assert c.cancellation_notice_on is not None and state.notice_period is not None
    assert state.deadline is not None and state.end is not None
    renewed = Period(state.notice_period.end, state.end)
    fee, fee_clauses = fee_text(edition)
    return ctx.reason(
        "late-cancellation-notice",
        f"Notice not to renew received on {c.cancellation_notice_on.isoformat()}, after the "
        f"deadline {state.deadline.isoformat()} (one week before the last day of validity, "
        f"{state.notice_period.last_day.isoformat()}): SMART renews for one more year, "
        f"{renewed.describe()}, and that year's fee of {fee} is due; the notice takes effect "
        "at the end of that year",
        "BIN-CANCEL-2",
        "BIN-CANCEL-1",
        "BIN-PRICE-4",
        *fee_clauses,
    )
