"""What a case says for Binarema's rules, assessed once per case (``ctx.facts``).

SMART is held per program (BIN-PROG-1): a free period after buying or updating it (BIN-FREE-1,
BIN-CONTRACT-1, BIN-CONTRACT-3), then a yearly contract that renews until the customer gives
notice in time (BIN-CANCEL-1, BIN-CANCEL-2). FactuCont TPV 5 follows FactuCont 5's SMART
(BIN-TPV-1). Terms from the purchase are counted as setting ``period_count`` says (BIN-I-PERIOD).
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Literal

import attrs

from supportcore import AcquisitionKind, Channel, Context, Contract, Edition, Licence, PaymentState
from supportcore.i18n import N_
from supportcore.periods import Period, add_months, notice_deadline, renewal_period, term_from
from supportcore.versions import Version, VersionError
from supportcore.wording import Phrase, phrase

from . import prepared as P
from .prepared import Prepared

__all__ = ["REGISTERED_FACT", "ContractState", "Ctx", "Facts", "Smart", "assess", "major"]

Ctx = Context[Prepared, "Facts"]
#: What ``customer.registered`` says for Binarema (interpretation BIN-I-REGISTERED).
REGISTERED_FACT = N_(
    "whether the customer is a registered user of Binarema (for a physical purchase: Binarema "
    "has the signed registration card)"
)
#: What an e-mail must always specify (BIN-HOWTO-EMAIL), by the item it lacks.
EMAIL_ITEMS = {
    "user_data": phrase("the user's details"),
    "registration_number": phrase("the registration number"),
    "description": phrase("a detailed explanation of the problem"),
}


def major(text: str | None) -> int | None:
    """The major number of a version ("la última versión 5"); ``None``: none or not one."""
    try:
        return None if text is None else Version.parse(text).major
    except VersionError:
        return None


def latest_licence(ctx: Ctx, product: str) -> Licence | None:
    """The most recently acquired licence of ``product`` (the first of equally recent ones)."""
    mine = [lic for lic in ctx.case.licences if lic.product == product]
    return max(mine, key=lambda lic: lic.acquired_on, default=None)


@attrs.frozen
class ContractState:
    """Where a SMART contract stands today, with its renewal and notice arithmetic."""

    contract: Contract
    status: Literal["pending", "in_force", "ended"]
    period: Period | None  #: the yearly period holding today (in force)
    end: date | None  #: first day no longer in force; None: renews until notice
    notice: Literal["none", "in_time", "late"]
    notice_period: Period | None  #: the yearly period in which the notice arrived
    deadline: date | None  #: the notice deadline: for the notice received, or the next one


def renews(contract: Contract) -> bool:
    """Without an ``end`` a contract renews every year; with one, only with ``auto_renew``
    (BIN-CANCEL-1; interpretation BIN-I-END)."""
    return contract.end is None or contract.auto_renew


def yearly_period(contract: Contract, day: date) -> Period:
    """The yearly period holding ``day``, counted from the start, or from the ``end`` of the
    invoiced year the contract renews from (BIN-CANCEL-3)."""
    start, end, months = contract.start, contract.end, P.RENEWAL_MONTHS
    anchor = end if end is not None and contract.auto_renew else start
    if day >= anchor:
        return renewal_period(anchor, day, months=months)
    k = 1
    while add_months(anchor, -months * k) > day:
        k += 1
    first = add_months(anchor, -months * k)
    return Period(max(start, first), add_months(anchor, -months * (k - 1)))


def contract_state(contract: Contract, today: date) -> ContractState:
    """A notice received by the last day − 1 week stops the renewal (BIN-CANCEL-2); a later
    one renews the contract once more, then takes effect (interpretation BIN-I-NOTICE)."""
    start, weeks, received = contract.start, P.NOTICE_WEEKS, contract.cancellation_notice_on
    end = None if renews(contract) else contract.end
    notice: Literal["none", "in_time", "late"] = "none"
    notice_period = deadline = None
    if received is not None:
        notice_period = yearly_period(contract, max(received, start))
        deadline = notice_deadline(notice_period.last_day, weeks=weeks)
        if received <= deadline:
            notice, stop = "in_time", notice_period.end
        else:
            notice, stop = "late", yearly_period(contract, notice_period.end).end
        end = stop if end is None else min(end, stop)
    if today < start or (end is not None and today >= end):
        status: Literal["pending", "ended"] = "pending" if today < start else "ended"
        return ContractState(contract, status, None, end, notice, notice_period, deadline)
    period = yearly_period(contract, today)
    if end is not None and end < period.end:
        period = Period(period.start, end)
    if notice == "none" and end is None:
        deadline = notice_deadline(period.last_day, weeks=weeks)
    return ContractState(contract, "in_force", period, end, notice, notice_period, deadline)


@attrs.frozen
class Smart:
    """The SMART of one program for this customer today (SMART is per program, BIN-PROG-1)."""

    product: str
    licence: Licence | None
    edition: Edition | None  #: the licence's edition, which prices SMART (BIN-I-EDITION)
    #: the free period: 6 months from a purchase, 3 from any update (BIN-FREE-1, BIN-I-UPDATE)
    free: Period | None
    free_clause: str  #: the clause giving its length (BIN-CONTRACT-1, or -3 for an update)
    registered: bool | None  #: ``customer.registered``; ``None``: the case does not say
    contracts: tuple[ContractState, ...]
    free_running: bool  #: the free period's dates contain today (registered or not)

    @property
    def free_active(self) -> bool:
        """In the free period and a registered user (BIN-FREE-1)."""
        return self.free_running and self.registered is True

    @property
    def active_contracts(self) -> tuple[ContractState, ...]:
        return tuple(s for s in self.contracts if s.status == "in_force")

    @property
    def entitled(self) -> bool:
        return self.free_active or bool(self.active_contracts)

    @property
    def valid_until(self) -> date | None:
        days = [self.free.last_day] if self.free_active and self.free is not None else []
        for s in self.active_contracts:
            days += (
                [s.end - timedelta(days=1)] if s.end else [s.period.last_day] if s.period else []
            )
        return max(days, default=None)

    def fee(self, returning_pays_extra: bool) -> str:
        """Which yearly fee contracting SMART now is (a reason ``smart-fee-<fee>``): a renewal;
        a customer who already paid a SMART year (BIN-I-RETURNING), with the extra or not; the
        first year before the free period expires (BIN-PRICE-5), or after it (BIN-PRICE-6)."""
        if self.active_contracts:
            return "renewal"
        if self.free_running:
            return "before_expiry"
        paid = PaymentState.PAID
        if any(s.status == "ended" and s.contract.payment is paid for s in self.contracts):
            return "returning_extra" if returning_pays_extra else "returning"
        return "first_year"


def smart_of(ctx: Ctx, product: str, lic: Licence | None) -> Smart:
    today, count = ctx.today, ctx.prepared.count
    states = tuple(contract_state(c, today) for c in ctx.case.contracts if c.product == product)
    update = lic is not None and lic.acquisition.kind is AcquisitionKind.UPGRADE
    months = P.FREE_MONTHS_UPDATE if update else P.FREE_MONTHS_PURCHASE
    free = None if lic is None else term_from(lic.acquired_on, months=months, count=count)
    running = free is not None and free.contains(today)
    clause = "BIN-CONTRACT-3" if update else "BIN-CONTRACT-1"
    edition = None if lic is None else lic.edition
    return Smart(product, lic, edition, free, clause, ctx.case.customer.registered, states, running)


@attrs.frozen
class Facts:
    """Everything Binarema's rules decide on."""

    licence: Licence | None  #: the latest licence of the requested program
    linked: bool  #: a FactuCont TPV 5 request, following FactuCont 5 (BIN-I-TPV)
    smart: Smart  #: the SMART that governs (FactuCont's for a linked TPV request)
    link_ok: bool  #: FactuCont's version qualifies for the link (True when not linked)
    registered_basis: bool  #: entitled as a registered user (installation, start-up)
    warranty: Period | None  #: the 30-day material warranty (BIN-EXCL-4-WARRANTY)
    tax_model: str | None  #: ``request.facts.tax_model``: the modelo asked about
    smart_helps: bool  #: SMART would make this request free (else no SMART remedies)
    email_missing: tuple[Phrase, ...]  #: what the e-mail must give and lacks (BIN-I-EMAIL)
    others_in_force: tuple[str, ...]  #: other programs with a SMART contract in force
    fee: str  #: which yearly fee contracting SMART now is (``Smart.fee``)
    extra_due: bool  #: contracting SMART now adds the first-year activation extra (BIN-PRICE-6)
    version: int | None  #: the customer's major version, which prices the activation extra
    smart_entitled: bool  #: entitled through SMART (for TPV 5: FactuCont 5's, with a TPV licence)


def email_missing(ctx: Ctx) -> tuple[Phrase, ...]:
    """What an e-mail lacks of what it must always give (BIN-HOWTO-EMAIL; BIN-I-EMAIL)."""
    if ctx.request.channel is not Channel.EMAIL:
        return ()
    c = ctx.request.contact
    given = {
        "user_data": (c.user_data, c.contact_person, c.company_name),
        "registration_number": (c.registration_number,),
        "description": (c.description,),
    }
    return tuple(EMAIL_ITEMS[k] for k, vs in given.items() if not any(v and v.strip() for v in vs))


def assess(ctx: Ctx) -> Facts:
    req, prepared, today = ctx.request, ctx.prepared, ctx.today
    product, category = req.product, req.category
    lic = latest_licence(ctx, product)
    version = major(lic.version if lic is not None and lic.version else req.version)
    linked = product == P.TPV and version in (None, P.LATEST_VERSION)
    program, held = (P.FACTUCONT, latest_licence(ctx, P.FACTUCONT)) if linked else (product, lic)
    smart = smart_of(ctx, program, held)
    fc = major(smart.licence.version) if linked and smart.licence is not None else None
    raw = req.facts.get("tax_model")
    model = raw.strip() if isinstance(raw, str) else None
    row = ctx.tables.coverage_rows.get(category)
    helps = (row is None or row.status != "excluded") and category not in P.BILLABLE
    others = {
        str(c.product)
        for c in ctx.case.contracts
        if c.product not in (None, smart.product) and contract_state(c, today).status == "in_force"
    }
    fee = smart.fee(prepared.returning_pays_extra)
    extra_due, link_ok = fee in ("first_year", "returning_extra"), fc in (None, P.LATEST_VERSION)
    text = smart.licence.version if smart.licence is not None else None
    if not text and req.product == smart.product:
        text = req.version  # the installed version (interpretation BIN-I-EXTRA)
    warranty = None
    if category == "shipping_material" and lic is not None:
        warranty = term_from(lic.acquired_on, days=P.WARRANTY_DAYS, count=prepared.count)
    return Facts(
        licence=lic,
        linked=linked,
        smart=smart,
        link_ok=link_ok,
        registered_basis=category in P.REGISTERED_ONLY and smart.registered is True and bool(lic),
        warranty=warranty,
        tax_model=model,
        smart_helps=helps and (model is None or model in P.TAX_MODELS.get(product, ())),
        email_missing=email_missing(ctx),
        others_in_force=tuple(sorted(others)),
        fee=fee,
        extra_due=extra_due,
        version=major(text) if extra_due else None,
        smart_entitled=link_ok and smart.entitled and (lic is not None or not linked),
    )
