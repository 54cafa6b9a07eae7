"""Who is entitled to SMART, on what basis, and what the terms offer instead.

SMART ("Servicio de Mantenimiento, Asistencia y Registro Telemático de facturas") is held per
program (BIN-PROG-1): a free period after buying or updating the program (BIN-FREE-1,
BIN-CONTRACT-1, BIN-CONTRACT-3), then a yearly contract that renews automatically until the
customer gives notice in time (BIN-CANCEL-1, BIN-CANCEL-2). FactuCont TPV 5 has no SMART of its
own: it follows FactuCont 5's (BIN-TPV-1, BIN-TPV-2). Registered users may ask installation and
start-up questions without SMART (BIN-REG-1).
"""

from __future__ import annotations

from datetime import date, timedelta

import attrs

from supportcore import (
    Context,
    Edition,
    Eligibility,
    EligibilityStatus,
    Licence,
    MissingFact,
    Reason,
    Remedy,
)
from supportcore.periods import Period

from . import _data as D
from ._contracts import ContractState, contract_basis, contract_state, fee_text
from ._offer import offer_remedy, smart_offer
from ._periods import FreePeriod, free_period, latest_licence, term_count, warranty_period
from ._tpv import tpv_link, tpv_linked

__all__ = ["REGISTERED_FACT", "Assessment", "Smart", "assess", "eligibility"]


# --------------------------------------------------------------------------- SMART of one program


@attrs.frozen
class Smart:
    """The SMART situation of one program for this customer on ``today`` (built by
    :func:`smart_status`, which derives the last three fields once)."""

    product: str
    licence: Licence | None
    free: FreePeriod | None
    registered: bool | None  #: ``customer.registered``; ``None``: the case does not say
    contracts: tuple[ContractState, ...]
    today: date
    free_running: bool  #: the free period's dates contain today (registered or not)
    #: in the free period and a registered user (BIN-FREE-1, BIN-CONTRACT-1)
    free_active: bool
    active_contracts: tuple[ContractState, ...]  #: the contracts in force today

    @property
    def entitled(self) -> bool:
        return self.free_active or bool(self.active_contracts)

    @property
    def valid_until(self) -> date | None:
        days: list[date] = []
        if self.free_active and self.free is not None:
            days.append(self.free.period.last_day)
        for s in self.active_contracts:
            if s.end is not None:
                days.append(s.end - timedelta(days=1))
            elif s.last_day is not None:
                days.append(s.last_day)
        return max(days) if days else None

    @property
    def edition(self) -> Edition | None:
        return None if self.licence is None else self.licence.edition


def smart_status(ctx: Context, product: str, lic: Licence | None) -> Smart:
    """The free period and the contracts of ``product`` only: SMART is per program
    (BIN-PROG-1). ``lic`` is the program's :func:`latest_licence`."""
    case = ctx.case
    today = ctx.today
    states: tuple[ContractState, ...] = ()
    if case.contracts:  # most customers have none: skip the generators
        states = tuple(contract_state(c, today) for c in case.contracts if c.product == product)
    free = free_period(lic, term_count(ctx)) if lic is not None else None
    registered = case.customer.registered
    free_running = free is not None and free.period.contains(today)
    return Smart(
        product=product,
        licence=lic,
        free=free,
        registered=registered,
        contracts=states,
        today=today,
        free_running=free_running,
        free_active=free_running and registered is True,
        active_contracts=tuple(s for s in states if s.status == "in_force") if states else (),
    )


def free_period_basis(ctx: Context, smart: Smart) -> list[Reason]:
    """The free period in force, the renewal offer Binarema e-mails and the plain price of
    contracting before it expires (BIN-CONTRACT-2, BIN-PRICE-5)."""
    fp = smart.free
    assert fp is not None
    fee, fee_clauses = fee_text(smart.edition)
    return [
        ctx.reason(
            "free-period",
            f"Free SMART period for {smart.product} {fp.period.describe()} ({fp.why}; "
            "registered user)",
            *fp.clauses,
        ),
        ctx.reason(
            "renew-before-expiry",
            f"Binarema e-mails an offer to renew SMART as the free period's end approaches; "
            f"contracting it by {fp.period.last_day.isoformat()} costs the yearly fee of {fee} "
            "from the first year, with no activation extra",
            "BIN-CONTRACT-2",
            "BIN-PRICE-5",
            *fee_clauses,
        ),
    ]


def smart_basis(ctx: Context, smart: Smart) -> list[Reason]:
    """Every basis on which ``smart`` entitles the customer."""
    basis: list[Reason] = []
    if smart.free_active:
        basis += free_period_basis(ctx, smart)
    for state in smart.active_contracts:
        basis += contract_basis(ctx, state, smart.edition)
    return basis


def smart_refusal(ctx: Context, smart: Smart) -> list[Reason]:
    """Why ``smart`` does not entitle the customer today."""
    reasons: list[Reason] = []
    fp = smart.free
    if fp is None and not smart.contracts:
        reasons.append(
            ctx.fixed_reason(
                "no-licence",
                f"No {smart.product} licence or SMART contract is on record: the free SMART "
                "period starts with the purchase of the program",
                "BIN-FREE-1",
            )
        )
    if fp is not None:
        if fp.period.contains(ctx.today) and smart.registered is None:
            reasons.append(
                ctx.reason(
                    "registration-unknown",
                    f"The free SMART period for {smart.product} ({fp.period.describe()}, "
                    f"{fp.why}) is for registered users, and the case does not say whether the "
                    "customer is one (customer.registered)",
                    "BIN-FREE-1",
                    "BIN-CONTRACT-1",
                )
            )
        elif fp.period.contains(ctx.today) and not smart.registered:
            reasons.append(
                ctx.reason(
                    "not-registered",
                    f"The free SMART period for {smart.product} ({fp.period.describe()}, "
                    f"{fp.why}) is for registered users, and Binarema has not received the "
                    "customer's signed registration card",
                    "BIN-FREE-1",
                    "BIN-CONTRACT-1",
                )
            )
        elif ctx.today >= fp.period.end:
            reasons.append(
                ctx.reason(
                    "free-period-ended",
                    f"The free SMART period for {smart.product} ended on "
                    f"{fp.period.last_day.isoformat()} ({fp.why})",
                    *fp.clauses,
                )
            )
        elif ctx.today < fp.period.start:
            reasons.append(
                ctx.reason(
                    "free-period-not-started",
                    f"The free SMART period for {smart.product} starts on "
                    f"{fp.period.start.isoformat()} ({fp.why})",
                    *fp.clauses,
                )
            )
    if fp is not None and not smart.contracts and ctx.today >= fp.period.end:
        reasons.append(
            ctx.fixed_reason(
                "no-smart-contract",
                f"No SMART contract for {smart.product} is on record",
                "BIN-FREE-2",
            )
        )
    for state in smart.contracts:
        c = state.contract
        if state.status == "ended" and state.end is not None:
            last = (state.end - timedelta(days=1)).isoformat()
            why = (
                f" after the notice received on {c.cancellation_notice_on.isoformat()}"
                if c.cancellation_notice_on is not None
                else ""
            )
            reasons.append(
                ctx.reason(
                    "smart-contract-ended",
                    f"SMART contract {c.id} for {smart.product} ended on {last}{why}",
                    "BIN-CANCEL-1",
                    "BIN-CANCEL-2",
                )
            )
        elif state.status == "pending":
            reasons.append(
                ctx.reason(
                    "smart-contract-not-started",
                    f"SMART contract {c.id} for {smart.product} starts on {c.start.isoformat()}",
                    "BIN-CANCEL-1",
                )
            )
    others = sorted(
        {
            c.product
            for c in ctx.case.contracts
            if c.product not in (None, smart.product)
            and contract_state(c, ctx.today).status == "in_force"
        }
    )
    if others:
        reasons.append(
            ctx.reason(
                "smart-per-program",
                f"SMART is contracted per program: the contract in force for "
                f"{', '.join(str(o) for o in others)} does not cover {smart.product}",
                "BIN-PROG-1",
            )
        )
    return reasons


# --------------------------------------------------------------------------- the assessment


@attrs.frozen
class Assessment:
    """Everything the eligibility and pricing rules need to know about one case."""

    product: str
    licence: Licence | None  #: the licence of the requested program
    linked: bool  #: FactuCont TPV 5 following FactuCont 5
    smart: Smart  #: the SMART that governs (FactuCont's for a linked TPV request)
    link_ok: bool  #: FactuCont's version qualifies for the link (True when not linked)
    link_reasons: tuple[Reason, ...]
    registered_basis: bool  #: entitled as a registered user (installation, start-up)
    warranty: Period | None  #: the material warranty holding today, for shipping_material

    @property
    def smart_entitled(self) -> bool:
        return (
            self.link_ok and self.smart.entitled and (self.licence is not None or not self.linked)
        )


_ASSESSMENT = "binarema:assessment"


def assess(ctx: Context) -> Assessment:
    """Gather the facts of the case the rules decide on, once per case (eligibility, coverage
    and pricing share them through ``ctx.memo``)."""
    a: Assessment | None = ctx.memo.get(_ASSESSMENT)
    if a is None:
        a = ctx.memo[_ASSESSMENT] = _assess(ctx)
    return a


def _assess(ctx: Context) -> Assessment:
    req = ctx.request
    product = req.product
    lic = latest_licence(ctx.case, product)
    linked = tpv_linked(ctx, lic)
    if linked:
        smart = smart_status(ctx, D.FACTUCONT, latest_licence(ctx.case, D.FACTUCONT))
    else:
        smart = smart_status(ctx, product, lic)
    link_ok, link_reasons = tpv_link(ctx, smart) if linked else (True, [])
    registered_basis = (
        req.category in D.REGISTERED_ONLY_CATEGORIES
        and ctx.case.customer.registered is True
        and lic is not None
    )
    warranty = None
    if req.category == "shipping_material" and lic is not None:
        period = warranty_period(lic, term_count(ctx))
        if period.contains(ctx.today):
            warranty = period
    return Assessment(
        product=product,
        licence=lic,
        linked=linked,
        smart=smart,
        link_ok=link_ok,
        link_reasons=tuple(link_reasons),
        registered_basis=registered_basis,
        warranty=warranty,
    )


def registered_user_basis(ctx: Context, a: Assessment) -> Reason:
    """Installation and start-up questions need only a registered user (BIN-REG-1), also for
    FactuCont TPV 5 (BIN-TPV-2)."""
    clauses = ("BIN-REG-1", "BIN-TPV-2") if a.product == D.TPV else ("BIN-REG-1",)
    return ctx.fixed_reason(
        "registered-user",
        f"Installation and start-up questions about {a.product} are answered for every "
        "registered user, with or without SMART",
        *clauses,
    )


def smart_remedies(ctx: Context, a: Assessment) -> list[Remedy]:
    """What the terms offer a customer SMART does not entitle: register (BIN-CONTRACT-1),
    contract SMART (BIN-FREE-2, priced by :func:`smart_offer`), update FactuCont to 5 for TPV."""
    smart = a.smart
    remedies: list[Remedy] = []
    if smart.free_running and not smart.registered:
        remedies.append(
            Remedy(
                "send-registration-card",
                "Send Binarema the registration card, signed and filled in with the customer's "
                "details: the free SMART period then applies",
                price_note="free",
                citations=ctx.cite("BIN-CONTRACT-1", "BIN-FREE-1"),
            )
        )
        return remedies
    if a.linked and not a.link_ok:
        remedies.append(
            Remedy(
                "update-factucont",
                f"Update FactuCont to version {D.LATEST_VERSION} (3 months of free SMART from "
                "the update), then FactuCont TPV 5 is supported with it",
                price_note="price of the new version: see the new-version settings",
                citations=ctx.cite("BIN-TPV-2", "BIN-CONTRACT-3", "BIN-EXCL-2"),
            )
        )
        return remedies
    if smart.licence is None and not smart.contracts:
        remedies.append(
            Remedy(
                "buy-program",
                f"Buy {smart.product}: 6 months of free SMART from the purchase",
                price_note="program prices are not part of the SMART terms",
                citations=ctx.cite("BIN-FREE-1"),
            )
        )
        return remedies
    remedies.append(offer_remedy(ctx, smart_offer(ctx, smart)))
    return remedies


def eligibility(ctx: Context, a: Assessment, *, smart_helps: bool = True) -> Eligibility:
    """Entitled through SMART (free period or contract), as a registered user for installation
    and start-up questions, or by the material warranty; otherwise the reasons and remedies.
    The remedies that lead to SMART are offered only when SMART would help with the request
    (``smart_helps``: not for a request SMART excludes or does not make free)."""
    smart = a.smart
    if a.licence is None and a.linked:
        return Eligibility(
            EligibilityStatus.NOT_ENTITLED,
            reasons=(
                ctx.fixed_reason(
                    "no-licence",
                    "No FactuCont TPV licence is on record for this customer",
                    "BIN-TPV-1",
                ),
            ),
            remedies=(
                Remedy(
                    "buy-program",
                    "Buy FactuCont TPV 5: its support follows FactuCont 5's",
                    price_note="program prices are not part of the SMART terms",
                    citations=ctx.cite("BIN-TPV-1"),
                ),
            ),
        )
    if a.smart_entitled:
        basis = list(a.link_reasons) + smart_basis(ctx, smart)
        if a.registered_basis:
            basis.append(registered_user_basis(ctx, a))
        return Eligibility(
            EligibilityStatus.ENTITLED, basis=tuple(basis), valid_until=smart.valid_until
        )
    if a.registered_basis:
        return Eligibility(
            EligibilityStatus.ENTITLED,
            basis=(registered_user_basis(ctx, a),),
        )
    if a.warranty is not None:
        return Eligibility(
            EligibilityStatus.ENTITLED,
            basis=(
                ctx.reason(
                    "material-warranty",
                    f"Re-sending material is covered by the warranty for the first "
                    f"{D.WARRANTY_DAYS} days from the purchase: {a.warranty.describe()}",
                    "BIN-EXCL-4-WARRANTY",
                ),
            ),
            valid_until=a.warranty.last_day,
        )
    reasons = list(a.link_reasons) + smart_refusal(ctx, smart)
    registered = ctx.case.customer.registered
    if ctx.request.category in D.REGISTERED_ONLY_CATEGORIES and not registered:
        reasons.append(
            ctx.fixed_reason(
                "registered-users-only",
                "Installation and start-up questions without SMART are for registered users; "
                + (
                    "the case does not say whether the customer is one (customer.registered)"
                    if registered is None
                    else "Binarema has no registration for this customer"
                ),
                "BIN-REG-1",
                "BIN-CONTRACT-1",
            )
        )
    remedies = smart_remedies(ctx, a) if smart_helps else []
    if (
        ctx.request.category in D.REGISTERED_ONLY_CATEGORIES
        and not ctx.case.customer.registered
        and not any(r.code == "send-registration-card" for r in remedies)
    ):
        remedies.insert(
            0,
            Remedy(
                "send-registration-card",
                "Send Binarema the signed registration card: registered users get installation "
                "and start-up help without SMART",
                price_note="free",
                citations=ctx.cite("BIN-CONTRACT-1", "BIN-REG-1"),
            ),
        )
    missing = registration_missing(ctx, a)
    return Eligibility(
        EligibilityStatus.UNDETERMINED if missing else EligibilityStatus.NOT_ENTITLED,
        reasons=tuple(reasons),
        remedies=tuple(remedies),
        missing_facts=missing,
    )


def registration_missing(ctx: Context, a: Assessment) -> tuple[MissingFact, ...]:
    """``customer.registered`` when the case does not give it and a refusal would rest on it:
    the free period (BIN-FREE-1, BIN-CONTRACT-1) and installation and start-up help without
    SMART (BIN-REG-1) are for registered users (interpretation BIN-I-REGISTERED)."""
    if ctx.case.customer.registered is not None:
        return ()
    needed = []
    if a.smart.free_running and a.link_ok:
        needed.append("the free SMART period, which is for registered users")
    if ctx.request.category in D.REGISTERED_ONLY_CATEGORIES and a.licence is not None:
        needed.append("installation and start-up help without SMART, for registered users")
    if not needed:
        return ()
    return (MissingFact("customer.registered", "; ".join(needed), REGISTERED_FACT),)


#: What ``customer.registered`` says for Binarema (interpretation BIN-I-REGISTERED).
REGISTERED_FACT = (
    "whether the customer is a registered user of Binarema (for a physical purchase: Binarema "
    "has the signed registration card)"
)
