"""Who is entitled to help, on what basis, and what the terms offer instead: SMART (its free
period or a contract), FactuCont TPV 5 following FactuCont 5, a registered user's installation
and start-up questions (BIN-REG-1), the 30-day material warranty (BIN-EXCL-4-WARRANTY)."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import attrs

from supportcore import AcquisitionKind, Eligibility, EligibilityStatus, Reason, Remedy
from supportcore.periods import Period
from supportcore.tables.pricing import remedy as table_remedy
from supportcore.wording import Phrase, phrase

from . import prepared as P
from .facts import REGISTERED_FACT, Ctx, Smart, renews
from .pricing import fee_words, offer_remedy

__all__ = ["Said", "eligibility", "listed_remedy", "warranty_reason"]

ENTITLED, NOT_ENTITLED = EligibilityStatus.ENTITLED, EligibilityStatus.NOT_ENTITLED


@attrs.define
class Said:
    """Reasons in the order the rules find them; ``reason`` takes what ``ctx.reason`` takes."""

    ctx: Ctx
    reasons: list[Reason] = attrs.Factory(list)

    def reason(self, code: str, template: str, *clauses: str, **params: Any) -> None:
        self.reasons.append(self.ctx.reason(code, template, *clauses, **params))


def listed_remedy(ctx: Ctx, remedy_id: str) -> Remedy:
    """A remedy of the ``[[remedies]]`` table."""
    return table_remedy(ctx.tables, ctx, ctx.tables.remedies[remedy_id])


def warranty_reason(ctx: Ctx, period: Period) -> Reason:
    """Re-sending material within the 30-day warranty (BIN-EXCL-4-WARRANTY; BIN-I-MATERIAL)."""
    return ctx.reason(
        "material-warranty",
        "Re-sending material is covered by the warranty during the first {days} days from the "
        "purchase ({period})",
        "BIN-EXCL-4-WARRANTY",
        days=P.WARRANTY_DAYS,
        period=period,
    )


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
        said.reason(
            "free-period",
            "Free SMART period for {product} {period} ({why}; registered user)",
            *smart.free_clauses,
            **{"product": smart.product, "period": smart.free, "why": free_why(smart)},
        )
        said.reason(
            "renew-before-expiry",
            "Binarema e-mails an offer to renew SMART as the free period's end approaches; "
            "contracting it by {last_day} costs the yearly fee of {fee} from the first year, with "
            "no activation extra",
            *("BIN-CONTRACT-2", "BIN-PRICE-5", *fee_clauses),
            **{"last_day": smart.free.last_day, "fee": fee},
        )
    for state in smart.active_contracts:
        c, period = state.contract, state.period or Period(state.contract.start, said.ctx.today)
        values: dict[str, Any] = {"contract": c.id, "product": smart.product}
        if not renews(c):
            said.reason(
                "smart-contract",
                "SMART contract {contract} for {product} is in force until {last_day}, its last "
                "day of validity, and is not renewed automatically",
                *("BIN-CONTRACT-2", "BIN-CANCEL-3"),
                interpretations=("BIN-I-END",),
                last_day=period.last_day,
                **values,
            )
            continue
        said.reason(
            "smart-contract",
            "SMART contract {contract} for {product} is in force: current year {period}; it renews "
            "automatically every year, charged by a yearly bank receipt, until cancelled",
            *("BIN-CANCEL-1", "BIN-CONTRACT-2"),
            **{**values, "period": period},
        )
        values = {"deadline": state.deadline, "last_day": period.last_day}
        if state.notice == "none":
            said.reason(
                "renewal-notice-deadline",
                "To stop the renewal, Binarema must be told by {deadline}, one week before the "
                "last day of validity ({last_day}, as printed on the invoice)",
                *("BIN-CANCEL-2", "BIN-CANCEL-3"),
                **values,
            )
        elif state.notice == "in_time":
            said.reason(
                "cancellation-notice-in-time",
                "Notice not to renew received on {received}, in time (deadline {deadline}): SMART "
                "ends after {last_day} and does not renew",
                "BIN-CANCEL-2",
                received=c.cancellation_notice_on,
                **values,
            )
        elif state.notice_period is not None and state.end is not None:
            said.reason(
                "late-cancellation-notice",
                "Notice not to renew received on {received}, after the deadline {deadline} (one "
                "week before the last day of validity, {last_day}): SMART renews for one more "
                "year, {renewed}, and that year's fee of {fee} is due; the notice takes effect at "
                "the end of that year",
                *("BIN-CANCEL-2", "BIN-CANCEL-1", "BIN-PRICE-4", *fee_clauses),
                **{**values, "last_day": state.notice_period.last_day, "fee": fee},
                received=c.cancellation_notice_on,
                renewed=Period(state.notice_period.end, state.end),
            )


def link_reason(said: Said, smart: Smart, link_ok: bool) -> None:
    """FactuCont TPV 5's support is FactuCont 5's, whatever TPV's purchase date (BIN-TPV-1,
    BIN-TPV-2; interpretation BIN-I-TPV)."""
    if not link_ok and smart.licence is not None:
        said.reason(
            "tpv-needs-factucont-5",
            "Support for FactuCont TPV 5 is linked to FactuCont 5, and the customer's FactuCont "
            "is version {version}",
            *("BIN-TPV-1", "BIN-TPV-2"),
            version=str(smart.licence.version),
        )
    elif smart.entitled:
        said.reason(
            "tpv-follows-factucont",
            "Support for FactuCont TPV 5 follows FactuCont 5's, on the same terms and dates, "
            "whatever TPV's purchase date",
            "BIN-TPV-1",
        )
    else:
        said.reason(
            "tpv-follows-factucont",
            "Support for FactuCont TPV 5 is available only with support for FactuCont 5 "
            "(whatever TPV's purchase date), and FactuCont 5 has none in force",
            *("BIN-TPV-1", "BIN-TPV-2"),
        )


def smart_refusal(said: Said, smart: Smart) -> None:
    """Why SMART does not entitle the customer today (BIN-FREE-*, BIN-CANCEL-*)."""
    today, period, ids = said.ctx.today, smart.free, smart.free_clauses
    values: dict[str, Any] = {"product": smart.product}
    if period is None and not smart.contracts:
        said.reason(
            "no-licence",
            "No {product} licence or SMART contract is on record: the free SMART period starts "
            "with the purchase of the program",
            "BIN-FREE-1",
            **values,
        )
    if period is not None:
        values.update(why=free_why(smart), period=period)
    if period is not None and period.contains(today) and smart.registered is None:
        said.reason(
            "registration-unknown",
            "The free SMART period for {product} ({period}, {why}) is for registered users, and "
            "the case does not say whether the customer is one",
            *("BIN-FREE-1", "BIN-CONTRACT-1"),
            **values,
        )
    elif period is not None and period.contains(today) and not smart.registered:
        said.reason(
            "not-registered",
            "The free SMART period for {product} ({period}, {why}) is for registered users, and "
            "Binarema has not received the customer's signed registration card",
            *("BIN-FREE-1", "BIN-CONTRACT-1"),
            **values,
        )
    elif period is not None and today >= period.end:
        del values["period"]
        said.reason(
            "free-period-ended",
            "The free SMART period for {product} ended on {last_day} ({why})",
            *ids,
            last_day=period.last_day,
            **values,
        )
    elif period is not None and today < period.start:
        del values["period"]
        said.reason(
            "free-period-not-started",
            "The free SMART period for {product} starts on {start} ({why})",
            *ids,
            start=period.start,
            **values,
        )
    if period is not None and not smart.contracts and today >= period.end:
        said.reason(
            "no-smart-contract",
            "No SMART contract for {product} is on record",
            "BIN-FREE-2",
            product=smart.product,
        )
    for state in smart.contracts:
        c, ids = state.contract, ("BIN-CANCEL-1", "BIN-CANCEL-2")
        values = {"contract": c.id, "product": smart.product}
        if state.status == "pending":
            said.reason(
                "smart-contract-not-started",
                "SMART contract {contract} for {product} starts on {start}",
                ids[0],
                start=c.start,
                **values,
            )
        elif state.status == "ended" and state.end is not None:
            values["last_day"] = state.end - timedelta(days=1)
            if c.cancellation_notice_on is None:
                said.reason(
                    "smart-contract-ended",
                    "SMART contract {contract} for {product} ended on {last_day}",
                    *ids,
                    **values,
                )
            else:
                said.reason(
                    "smart-contract-ended",
                    "SMART contract {contract} for {product} ended on {last_day} after the notice "
                    "received on {received}",
                    *ids,
                    received=c.cancellation_notice_on,
                    **values,
                )


def refusal(ctx: Ctx, said: Said) -> Eligibility:
    """The reasons and remedies; undetermined when a refusal would rest on a registration the
    case does not give (interpretation BIN-I-REGISTERED)."""
    f, registered = ctx.facts, ctx.case.customer.registered
    smart, installation = f.smart, ctx.request.category in P.REGISTERED_ONLY
    smart_refusal(said, smart)
    if f.others_in_force:
        said.reason(
            "smart-per-program",
            "SMART is contracted per program: the contract in force for {others} does not cover "
            "{product}",
            "BIN-PROG-1",
            **{"others": f.others_in_force, "product": smart.product},
        )
    if installation and not registered:
        why = phrase("the case does not say whether the customer is one")
        if registered is False:
            why = phrase("Binarema has no registration for this customer")
        said.reason(
            "registered-users-only",
            "Installation and start-up questions without SMART are for registered users; {why}",
            *("BIN-REG-1", "BIN-CONTRACT-1"),
            why=why,
        )
    remedies: list[Remedy] = []
    if f.smart_helps and smart.free_running and not smart.registered:
        remedies.append(listed_remedy(ctx, "register-for-free-period"))
    elif f.smart_helps and f.linked and not f.link_ok:
        remedies.append(listed_remedy(ctx, "update-factucont"))
    elif f.smart_helps and (smart.licence is not None or smart.contracts):
        remedies.append(offer_remedy(ctx))
    elif f.smart_helps:
        remedies.append(listed_remedy(ctx, f"buy-{smart.product}"))
    card = any(r.code == "send-registration-card" for r in remedies)
    if installation and not registered and not card:
        remedies.insert(0, listed_remedy(ctx, "register-for-installation"))
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
        said.reason(
            "no-licence", "No FactuCont TPV licence is on record for this customer", "BIN-TPV-1"
        )
        return Eligibility(NOT_ENTITLED, (), tuple(said.reasons), (listed_remedy(ctx, "buy-tpv"),))
    if f.linked:
        link_reason(said, f.smart, f.link_ok)
    if f.smart_entitled:
        smart_basis(said, f.smart)
    if f.registered_basis:
        said.reason(
            "registered-user",
            "Installation and start-up questions about {product} are answered for every "
            "registered user, with or without SMART",
            *(("BIN-REG-1", "BIN-TPV-2") if product == P.TPV else ("BIN-REG-1",)),
            product=product,
        )
    if f.smart_entitled:
        return Eligibility(ENTITLED, tuple(said.reasons), valid_until=f.smart.valid_until)
    if f.registered_basis:
        return Eligibility(ENTITLED, tuple(said.reasons[-1:]))
    if f.warranty is not None and f.warranty.contains(ctx.today):
        basis = (warranty_reason(ctx, f.warranty),)
        return Eligibility(ENTITLED, basis, valid_until=f.warranty.last_day)
    return refusal(ctx, said)
