"""What a case says for the assistance agreement, assessed once per case (``ctx.facts``).
Malformed input is read as absent: the input check, run after, refuses the case."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal
from typing import Any, Literal

import attrs

from supportcore import Context, Contract, Licence, MissingSetting, Money, PaymentState
from supportcore.model import Channel
from supportcore.money import quantize
from supportcore.periods import MonthCount, Period, billing_period, months_between
from supportcore.versions import Version, VersionError
from supportcore.wording import Phrase, phrase, plural

from .prepared import Prepared

PRODUCT = "juwelierspakket"
CANCELLATION = "agreement_cancellation"  #: the category this plugin adds
QUARTER_MONTHS = 3  #: "afrekening per 3 maand" (JUW-FEE)
NOTICE_CHANNELS = frozenset({Channel.LETTER, Channel.EMAIL, Channel.FAX})  #: JUW-CANCEL
HELP_CHANNELS = (Channel.PHONE, Channel.REMOTE)  #: JUW-PHONE, JUW-LINK
UPGRADE_CATEGORIES = frozenset({"new_version", "update_download"})  #: JUW-UPGRADES
#: the request.facts read, with their values (None: a date); causes but "package" are the
#: external causes of JUW-EXCLUDED
FACTS: dict[str, tuple[str, ...] | None] = {
    "agreed_billing_start": None,
    "cause": ("package", "pc", "virus", "spyware", "internet", "external"),
    "first_training_pack": ("done", "not_done"),
}


@attrs.frozen
class Notice:
    """A notice of cancellation: the day it was received and how it was sent."""

    day: date
    channel: Channel

    @property
    def valid(self) -> bool:
        return self.channel in NOTICE_CHANNELS  # "via een schrijven, email of fax"


#: where the customer stands with the agreement on the evaluation day
State = Literal["in_force", "cancelled", "ended", "not_started", "none"]


@attrs.frozen
class Agreement:
    """The agreement the case is judged by: its notice, first day without it, first day covered."""

    state: State
    contract: Contract | None = None
    notice: Notice | None = None
    without_since: date | None = None
    covers_from: date | None = None

    @property
    def in_force(self) -> bool:
        return self.state == "in_force"


@attrs.frozen
class Charged:
    """The day the agreement is charged from, its quarters with it (JUW-BILLED-FROM-PURCHASE):
    the day agreed otherwise, the first purchase, or the contract's start without a licence."""

    day: date
    basis: str  #: "agreed", "purchase" or "contract"

    @property
    def words(self) -> Phrase:
        if self.basis == "agreed":
            return phrase("{day}, as agreed otherwise", day=self.day)
        if self.basis == "purchase":
            return phrase("the purchase of the package on {day}", day=self.day)
        return phrase("the start of the contract on {day} (no licence on record)", day=self.day)


@attrs.frozen
class Priced:
    """An amount the rules work out, how (or why it is not known), the settings it lacks."""

    amount: Money | None
    how: Phrase
    missing: tuple[MissingSetting, ...] = ()


@attrs.frozen
class Facts:
    licences: tuple[Licence, ...]  #: the customer's licences of the package
    modules: tuple[str, ...]  #: the modules installed, each once
    pack: bool  #: a licence includes the communication pack (JUW-LINK)
    installed: Version | None  #: the installed version, given by the field ``installed_from``
    installed_from: str
    agreement: Agreement
    charged: Charged | None
    older: bool | None  #: the installed version is older than the latest (None: not known)
    needs_upgrade: bool  #: without the agreement, an upgrade must be bought for this request
    holiday: tuple[str, Period] | None  #: the holiday period ("verlofperiode") of the day
    fee: Priced | None  #: the monthly amount, without an agreement in force or to cancel one
    upgrade: Priced | None  #: the upgrade, when one must be bought
    paid: Money | None  #: a partly paid quarter: the payments (None: an amount not given)
    #: a cancellation: the quarter running at the notice (None: none invoiced before it)
    quarter: Period | None


Ctx = Context[Prepared, Facts]


def assess(ctx: Context[Prepared, Any]) -> Facts:
    p, req = ctx.prepared, ctx.request
    licences = ctx.case.licences_for(PRODUCT)
    modules = tuple(sorted({m for lic in licences for m in lic.modules} - {PRODUCT}))
    agreed, charged = fact_date(req.facts.get("agreed_billing_start")), None
    if agreed is not None:
        charged = Charged(agreed, "agreed")
    elif licences:
        charged = Charged(min(lic.acquired_on for lic in licences), "purchase")
    agreement = agreement_state(ctx, charged)
    contract = agreement.contract
    if charged is None and contract is not None:
        charged = Charged(contract.start, "contract")
    installed, installed_from = _installed(ctx)
    older = None if installed is None or p.latest is None else installed < p.latest
    needs_upgrade = not agreement.in_force and (
        req.category in UPGRADE_CATEGORIES
        or req.needs_adaptation
        or (older is True and not p.help_on_older_versions)
    )
    cancelling = req.category == CANCELLATION
    partial = cancelling and contract is not None and contract.payment is PaymentState.PARTIAL
    holidays = [h for h in p.holidays or () if h.contains(ctx.today)]
    notice, quarter = agreement.notice, None
    if cancelling and notice is not None and charged is not None and notice.day >= charged.day:
        quarter = billing_period(charged.day, notice.day, months=QUARTER_MONTHS)
    return Facts(
        licences=licences,
        modules=modules,
        pack=p.communication_module in modules,
        installed=installed,
        installed_from=installed_from,
        agreement=agreement,
        charged=charged,
        older=older,
        needs_upgrade=needs_upgrade,
        holiday=next(((h.label, Period(h.start, h.end + timedelta(1))) for h in holidays), None),
        fee=None if agreement.in_force and not cancelling else monthly_fee(ctx, agreement, modules),
        upgrade=upgrade_price(ctx, licences, agreement, charged) if needs_upgrade else None,
        paid=_paid(ctx) if partial else None,
        quarter=quarter,
    )


def fact_date(text: str | None) -> date | None:
    """A date of ``request.facts`` (``YYYY-MM-DD``), or None."""
    try:
        return None if text is None else date.fromisoformat(text.strip())
    except ValueError:
        return None


def _installed(ctx: Ctx) -> tuple[Version | None, str]:
    """request.version, else the first licence of the package that gives one."""
    given, field = ctx.request.version or None, "request.version"
    for i, lic in enumerate(ctx.case.licences):
        if given is None and lic.product == PRODUCT and lic.version:
            given, field = lic.version, f"licences[{i}].version"
    try:
        return (None if given is None else Version.parse(given, field)), field
    except VersionError:
        return None, field


def notice_of(ctx: Ctx, contract: Contract) -> Notice | None:
    """Of the notice on the contract and a request to cancel (received the day it arrived), the
    earliest valid one; none valid: the contract's, else the request's (JUW-I-CANCEL-CHANNEL)."""
    notices = []
    if contract.cancellation_notice_on is not None and contract.cancellation_channel is not None:
        notices.append(Notice(contract.cancellation_notice_on, contract.cancellation_channel))
    if ctx.request.category == CANCELLATION:
        notices.append(Notice(ctx.received_on, ctx.request.channel))
    valid = [n for n in notices if n.valid]
    return min(valid, key=lambda n: n.day) if valid else (notices[0] if notices else None)


def agreement_state(ctx: Ctx, charged: Charged | None) -> Agreement:
    """In force, or why not: a valid notice ends it the day received (JUW-I-CANCEL-EFFECT); the
    first agreement covers from the day charged from if earlier (JUW-I-BILLING-START)."""
    today = ctx.today
    contracts = sorted(ctx.case.contracts_for(PRODUCT), key=lambda c: c.start)
    if not contracts:
        return Agreement("none")
    starts = [c.start for c in contracts]
    if charged is not None and charged.day < starts[0]:
        starts[0] = charged.day  # what is charged is covered
    last = None
    for c, start in zip(contracts, starts, strict=True):
        if start <= today:
            notice = notice_of(ctx, c)
            stop = c.end
            if notice is not None and notice.valid and (stop is None or notice.day < stop):
                stop = notice.day
            if stop is None or today < stop:
                return Agreement("in_force", c, notice, covers_from=start)
            last = Agreement("ended", c, notice, without_since=stop, covers_from=start)
    if last is None:
        return Agreement("not_started", contracts[0], covers_from=starts[0])
    if last.notice is not None and last.notice.valid and last.without_since == last.notice.day:
        return Agreement(
            "cancelled", last.contract, last.notice, last.without_since, last.covers_from
        )
    return last


def monthly_fee(ctx: Ctx, agreement: Agreement, modules: tuple[str, ...]) -> Priced:
    """The contract's own monthly amount, else the ``monthly_fee`` of the package and each
    installed module (JUW-FEE-SOFTWARE, JUW-I-FEE-SOURCE)."""
    contract = agreement.contract
    if contract is not None and contract.price is not None:
        return Priced(contract.price, phrase("the monthly amount of contract {id}", id=contract.id))
    table, items = ctx.prepared.monthly_fee, (PRODUCT, *modules)
    absent = items if table is None else tuple(i for i in items if i not in table)
    if table is None or absent:
        missing = (ctx.missing("monthly_fee"),)
        if table is None:
            return Priced(None, phrase("the monthly amounts per module are not known"), missing)
        return Priced(None, phrase("no monthly amount is known for {items}", items=absent), missing)
    total = ctx.money(sum([table[i].amount for i in items], Decimal(0)))
    return Priced(total, phrase("the monthly amounts for {items}", items=items))


def upgrade_price(
    ctx: Ctx, licences: tuple[Licence, ...], agreement: Agreement, charged: Charged | None
) -> Priced:
    """1/60 of the licences' current cost (JUW-I-LICENCE-COST) × the months without an agreement
    since the first day without it, or since it would be charged (JUW-I-MONTHS-FROM)."""
    since = agreement.without_since or (charged.day if charged is not None else None)
    if not licences or since is None:
        return Priced(None, phrase("no licence of the juwelierspakket is on record"))
    table, cost = ctx.prepared.licence_prices, Decimal(0)
    for lic in licences:
        items = (PRODUCT, *sorted(set(lic.modules) - {PRODUCT}))
        if lic.cost is not None:
            cost += lic.cost.amount
        elif table is not None and all(i in table for i in items):
            cost += sum([table[i].amount for i in items], Decimal(0))
        else:
            day = lic.acquired_on
            why = phrase("the current cost of the licence bought on {day} is not known", day=day)
            return Priced(None, why, (ctx.missing("licence_prices"),))
    n = months_between(since, ctx.today, ctx.prepared.month_count)
    if ctx.prepared.month_count is MonthCount.STARTED:
        months = plural("{n} started month", "{n} started months", n=n)
    else:
        months = plural("{n} completed month", "{n} completed months", n=n)
    how = phrase(
        "1/60 of the current licence cost {cost} × {months} without an agreement since {since}",
        cost=ctx.money(cost),
        months=months,
        since=since,
    )
    return Priced(ctx.money(quantize(cost * n / 60, ctx.vendor.currency)), how)


def _paid(ctx: Ctx) -> Money | None:
    amounts = [p.amount for p in ctx.timeline.payments]
    if not amounts or any(a is None for a in amounts):
        return None
    return ctx.money(sum([a.amount for a in amounts if a is not None], Decimal(0)))
