"""Who is entitled to help, on what basis, and what the terms offer instead: SMART (its free
period or a contract), FactuCont TPV 5 following FactuCont 5, a registered user's installation
and start-up questions (BIN-REG-1), the 30-day material warranty (BIN-EXCL-4-WARRANTY). The
words and clauses of each reason are its ``[reasons.<id>]`` row in ``terms.toml``."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import attrs

from supportcore import AcquisitionKind, Eligibility, EligibilityStatus, Reason, Remedy
from supportcore.periods import Period
from supportcore.wording import Phrase, phrase

from . import prepared as P
from .facts import REGISTERED_FACT, Ctx, Smart, renews
from .pricing import fee_words, offer_remedy

__all__ = ["Said", "eligibility"]

ENTITLED, NOT_ENTITLED = EligibilityStatus.ENTITLED, EligibilityStatus.NOT_ENTITLED


@attrs.define
class Said:
    """Reasons in the order the rules find them: ``said(id, *more_clauses, **params)``."""

    ctx: Ctx
    reasons: list[Reason] = attrs.Factory(list)

    def __call__(self, reason_id: str, *clauses: str, **params: Any) -> None:
        self.reasons.append(self.ctx.listed_reason(reason_id, *clauses, **params))


def free_why(smart: Smart) -> Phrase:
    """What the free period is counted from: "6 months from the purchase on …"."""
    assert smart.licence is not None
    acquisition, day = smart.licence.acquisition, smart.licence.acquired_on
    if acquisition.kind is not AcquisitionKind.UPGRADE:
        return phrase("{months} months from the purchase on {day}", months=6, day=day)
    if not acquisition.upgraded_from:
        return phrase("{months} months from the update on {day}", months=3, day=day)
    values = {"months": 3, "version": acquisition.upgraded_from, "day": day}
    return phrase("{months} months from the update from version {version} on {day}", **values)


def smart_basis(said: Said, smart: Smart) -> None:
    """The free period, with the renewal offer Binarema e-mails (BIN-CONTRACT-2, BIN-PRICE-5);
    each contract in force, with its renewal and notice (BIN-CANCEL-1..3; interpretations
    BIN-I-END, BIN-I-NOTICE)."""
    fee, fee_clauses = fee_words(said.ctx, smart.edition)
    if smart.free_active and smart.free is not None:
        why = free_why(smart)
        said("free-period", smart.free_clause, product=smart.product, period=smart.free, why=why)
        said("renew-before-expiry", *fee_clauses, last_day=smart.free.last_day, fee=fee)
    for state in smart.active_contracts:
        c, period = state.contract, state.period or Period(state.contract.start, said.ctx.today)
        values: dict[str, Any] = {"contract": c.id, "product": smart.product}
        if not renews(c):
            said("smart-contract-final", last_day=period.last_day, **values)
            continue
        said("smart-contract", period=period, **values)
        values = {"deadline": state.deadline, "last_day": period.last_day}
        if state.notice == "none":
            said("renewal-notice-deadline", **values)
        elif state.notice == "in_time":
            said("cancellation-notice-in-time", received=c.cancellation_notice_on, **values)
        elif state.notice_period is not None and state.end is not None:
            renewed = Period(state.notice_period.end, state.end)
            values.update(received=c.cancellation_notice_on, renewed=renewed, fee=fee)
            values["last_day"] = state.notice_period.last_day
            said("late-cancellation-notice", *fee_clauses, **values)


def link_reason(said: Said, smart: Smart, link_ok: bool) -> None:
    """FactuCont TPV 5's support is FactuCont 5's, whatever TPV's purchase date (BIN-TPV-1,
    BIN-TPV-2; interpretation BIN-I-TPV)."""
    if not link_ok and smart.licence is not None:
        said("tpv-needs-factucont-5", version=str(smart.licence.version))
    else:
        said("tpv-follows-factucont" if smart.entitled else "tpv-follows-factucont-none")


def smart_refusal(said: Said, smart: Smart) -> None:
    """Why SMART does not entitle the customer today (BIN-FREE-*, BIN-CANCEL-*)."""
    today, period, more, product = said.ctx.today, smart.free, smart.free_clause, smart.product
    if period is None and not smart.contracts:
        said("no-licence", product=product)
    if period is not None:
        why = free_why(smart)
        if period.contains(today) and smart.registered is None:
            said("registration-unknown", product=product, period=period, why=why)
        elif period.contains(today) and not smart.registered:
            said("not-registered", product=product, period=period, why=why)
        elif today >= period.end:
            said("free-period-ended", more, product=product, last_day=period.last_day, why=why)
        elif today < period.start:
            said("free-period-not-started", more, product=product, start=period.start, why=why)
        if not smart.contracts and today >= period.end:
            said("no-smart-contract", product=product)
    for state in smart.contracts:
        c = state.contract
        values: dict[str, Any] = {"contract": c.id, "product": product}
        if state.status == "pending":
            said("smart-contract-not-started", start=c.start, **values)
        elif state.status == "ended" and state.end is not None:
            values["last_day"] = state.end - timedelta(days=1)
            if c.cancellation_notice_on is None:
                said("smart-contract-ended", **values)
            else:
                said("smart-contract-ended-notice", received=c.cancellation_notice_on, **values)


def refusal(ctx: Ctx, said: Said) -> Eligibility:
    """The reasons and remedies; undetermined when a refusal would rest on a registration the
    case does not give (interpretation BIN-I-REGISTERED)."""
    f, registered = ctx.facts, ctx.case.customer.registered
    smart, installation = f.smart, ctx.request.category in P.REGISTERED_ONLY
    smart_refusal(said, smart)
    if f.others_in_force:
        said("smart-per-program", others=f.others_in_force, product=smart.product)
    if installation and not registered:
        said("registered-users-only" if registered is False else "registered-users-only-unknown")
    remedies: list[Remedy] = []
    if f.smart_helps and smart.free_running and not smart.registered:
        remedies.append(ctx.listed_remedy("register-for-free-period"))
    elif f.smart_helps and f.linked and not f.link_ok:
        remedies.append(ctx.listed_remedy("update-factucont"))
    elif f.smart_helps and (smart.licence is not None or smart.contracts):
        remedies.append(offer_remedy(ctx))
    elif f.smart_helps:
        remedies.append(ctx.listed_remedy(f"buy-{smart.product}"))
    card = any(r.code == "send-registration-card" for r in remedies)
    if installation and not registered and not card:
        remedies.insert(0, ctx.listed_remedy("register-for-installation"))
    needed = []
    if registered is None and smart.free_running and f.link_ok:
        needed.append("the free SMART period, which is for registered users")
    if registered is None and installation and f.licence is not None:
        needed.append("installation and start-up help without SMART, for registered users")
    if not needed:
        return Eligibility(NOT_ENTITLED, (), tuple(said.reasons), tuple(remedies))
    missing = ctx.missing_fact("customer.registered", "; ".join(needed), REGISTERED_FACT)
    status = EligibilityStatus.UNDETERMINED
    return Eligibility(status, (), tuple(said.reasons), tuple(remedies), missing_facts=(missing,))


def eligibility(ctx: Ctx) -> Eligibility:
    """Entitled through SMART, as a registered user for installation and start-up questions
    (BIN-REG-1; for FactuCont TPV 5 too, BIN-TPV-2), or by the material warranty; otherwise the
    refusal."""
    f, said, product = ctx.facts, Said(ctx), ctx.request.product
    if f.licence is None and f.linked:
        said("no-licence-tpv")
        return Eligibility(NOT_ENTITLED, (), tuple(said.reasons), (ctx.listed_remedy("buy-tpv"),))
    if f.linked:
        link_reason(said, f.smart, f.link_ok)
    if f.smart_entitled:
        smart_basis(said, f.smart)
    if f.registered_basis:
        said("registered-user", *(["BIN-TPV-2"] if product == P.TPV else []), product=product)
    if f.smart_entitled:
        return Eligibility(ENTITLED, tuple(said.reasons), valid_until=f.smart.valid_until)
    if f.registered_basis:
        return Eligibility(ENTITLED, tuple(said.reasons[-1:]))
    if f.warranty is not None and f.warranty.contains(ctx.today):
        basis = (ctx.listed_reason("material-warranty", days=P.WARRANTY_DAYS, period=f.warranty),)
        return Eligibility(ENTITLED, basis, valid_until=f.warranty.last_day)
    return refusal(ctx, said)
