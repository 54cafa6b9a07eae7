"""The rules of the juwelierspakket assistance agreement, each citing the clauses it applies.

Every function here is named in the ``rules`` of the clauses it applies (``terms.toml``). The
hooks in :mod:`supportcore_juweliers` only call these.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

import attrs

from supportcore import (
    Action,
    Closure,
    ClosureStatus,
    Context,
    Coverage,
    CoverageStatus,
    Eligibility,
    EligibilityStatus,
    MissingSetting,
    Money,
    PaymentState,
    Quote,
    QuoteBuilder,
    QuoteStatus,
    Reason,
    Remedy,
    Service,
)
from supportcore.calendar import BusinessCalendar, ClosurePeriod
from supportcore.model import Channel, EventKind
from supportcore.money import quantize
from supportcore.periods import MonthCount, Period, billing_period, months_between

from .facts import (
    CANCELLATION,
    EXTERNAL_CAUSES,
    HELP_CHANNELS,
    PRODUCT,
    QUARTER_MONTHS,
    Agreement,
    State,
    agreement_state,
    billing_anchor,
    current_quarter,
    installed_version,
    modules_of,
    package_licences,
    parse_version,
)

__all__ = [
    "BLOCKING_CODES",
    "Assessment",
    "Priced",
    "UpgradePrice",
    "VersionCheck",
    "assessment",
    "cancellation_coverage",
    "cancellation_settlement",
    "channel_rules",
    "closure",
    "coverage",
    "eligibility",
    "monthly_fee",
    "months_without_agreement",
    "pricing",
    "regie_quote",
    "service_hours",
    "settlement_due",
    "upgrade_price",
    "vat_included",
    "version_rules",
]

#: Eligibility reason codes meaning "no help through this request now" (nothing to price).
BLOCKING_CODES = frozenset(
    {
        "channel-not-offered",
        "communication-pack-missing",
        "phone-help-holiday-period",
        "internet-help-holiday-period",
    }
)
#: Categories that are a request for an upgrade itself (JUW-UPGRADES).
UPGRADE_CATEGORIES = frozenset({"new_version", "update_download"})
#: Categories with an external cause (JUW-EXCLUDED, interpretation JUW-I-EXTERNAL-CAUSE).
EXTERNAL_CATEGORIES: dict[str, str] = {
    "hardware": "a PC problem",
    "operating_system": "a PC problem (the operating system itself)",
    "virus_malware": "viruses or spyware",
    "internet": "the internet",
    "network": "an external cause (the network)",
    "third_party_software": "an external cause (another vendor's software)",
}
_CAUSE_WORDS = {
    "pc": "a PC problem",
    "virus": "a virus",
    "spyware": "spyware",
    "internet": "the internet",
    "external": "an external cause",
}
_HOUR = 60


def _vat_note(ctx: Context) -> str:
    rate = ctx.settings.decimal("tax_rate")
    return "excl. BTW" if rate is None else f"excl. {_pct(rate)} BTW"


def _pct(rate: Decimal) -> str:
    return f"{(rate * 100).normalize():f} %"


# --------------------------------------------------------------------------- worked out once


class Fixed:
    """What the rules read from the settings and the terms alone, worked out once per engine and
    terms version (``ctx.prepared("juweliers:fixed", Fixed)``): the settings' values, their
    missing-setting records, and the remedies priced from the settings. Reasons, remedies and
    actions whose words depend on nothing else are shared per terms version instead
    (``ctx.terms.fixed_reason``, ``ctx.fixed_remedy``, ``ctx.fixed_action``)."""

    def __init__(self, ctx: Context) -> None:
        # Reads ctx.settings, ctx.terms and ctx.vendor only: nothing here may depend on the case.
        s = ctx.settings
        self.currency = ctx.vendor.currency
        self.vat_rate = s.decimal("tax_rate")
        self.vat_note = _vat_note(ctx)
        self.regie_rate = s.money("regie_hourly_rate")
        self.increment = s.get("regie_increment_minutes")
        self.minimum_hour_for_excluded_work = s.get("minimum_hour_for_excluded_work")
        self.help_on_older_versions = s.get("help_on_older_versions")
        self.holidays_close_internet = s.get("holiday_periods_close_internet_help")
        self.holiday_periods = s.get("holiday_periods")
        self.holidays = tuple(p for p in self.holiday_periods or () if isinstance(p, ClosurePeriod))
        self.communication_module = s.get("communication_module")
        self.latest_text = s.get("latest_version")
        self.latest = None if self.latest_text is None else parse_version(str(self.latest_text))
        self.monthly_fee = s.get("monthly_fee")
        self.licence_prices = s.get("licence_prices")
        self.month_count = MonthCount(str(s.get("month_count")))
        self.quarter_invoicing = s.get("quarter_invoicing")
        self.missing = {key: ctx.missing(key) for key in _MISSABLE}
        #: a quote's missing settings when nothing is priced: only the VAT rate, if unset
        self.vat_missing = () if self.vat_rate is not None else (self.missing["tax_rate"],)
        self.regie_remedy = _regie_remedy(ctx)
        self.regie_rate_remedy = _regie_rate_remedy(ctx)
        self.pack_remedy = _pack_remedy(ctx)
        #: reasons whose words depend on nothing at all, given by (nearly) every decision
        self.no_deadline = _no_deadline(ctx)
        self.closure_reason = _closure_reason(ctx)


#: The settings whose absence a rule reports (``Fixed.missing``).
_MISSABLE = (
    "monthly_fee",
    "licence_prices",
    "regie_hourly_rate",
    "regie_increment_minutes",
    "communication_pack_price",
    "tax_rate",
)


_UNSET: Any = object()


class Assessment:
    """What several hooks read from one case, each worked out once and kept in ``ctx.memo``."""

    __slots__ = (
        "_agreement",
        "_holiday",
        "_needs_upgrade",
        "_upgrade",
        "_upgrade_remedy",
        "_version",
        "ctx",
        "fixed",
        "installed",
        "licences",
        "modules",
        "pack",
    )

    def __init__(self, ctx: Context) -> None:
        self.ctx = ctx
        self.fixed = fx = ctx.prepared("juweliers:fixed", Fixed)
        self.licences = package_licences(ctx)
        self.modules = modules_of(self.licences)
        #: whether a licence of the package includes the communication pack (JUW-LINK)
        self.pack = str(fx.communication_module) in self.modules
        self.installed = installed_version(ctx)
        self._agreement: Agreement | None = None
        self._version: VersionCheck | None = None
        self._upgrade: UpgradePrice | None = None
        self._upgrade_remedy: Remedy | None = None
        self._needs_upgrade: bool | None = None
        self._holiday: ClosurePeriod | None = _UNSET

    @property
    def agreement(self) -> Agreement:
        if self._agreement is None:
            self._agreement = agreement_state(self.ctx)
        return self._agreement

    @property
    def version(self) -> VersionCheck:
        if self._version is None:
            self._version = version_rules(self.ctx, self.agreement)
        return self._version

    @property
    def needs_upgrade(self) -> bool:
        if self._needs_upgrade is None:
            self._needs_upgrade = _needs_upgrade(self)
        return self._needs_upgrade

    @property
    def upgrade(self) -> UpgradePrice:
        if self._upgrade is None:
            self._upgrade = upgrade_price(self.ctx, self.agreement)
        return self._upgrade

    @property
    def upgrade_remedy(self) -> Remedy:
        """The upgrade remedy eligibility and coverage both offer (:func:`_upgrade_remedy`)."""
        if self._upgrade_remedy is None:
            self._upgrade_remedy = _upgrade_remedy(self)
        return self._upgrade_remedy

    @property
    def holiday(self) -> ClosurePeriod | None:
        """The holiday period containing today, if any (:func:`holiday_at`)."""
        if self._holiday is _UNSET:
            today = self.ctx.today
            self._holiday = next((p for p in self.fixed.holidays if p.contains(today)), None)
        return self._holiday


def assessment(ctx: Context) -> Assessment:
    """The case's :class:`Assessment`, made by the first hook that asks for it."""
    a = ctx.memo.get("juweliers:assessment")
    if a is None:
        a = ctx.memo["juweliers:assessment"] = Assessment(ctx)
    return a


# --------------------------------------------------------------------------- money rules


@attrs.frozen
class Priced:
    """An amount, or the settings that are missing to compute it, with its explanation."""

    amount: Money | None
    missing: tuple[MissingSetting, ...] = ()
    explanation: str = ""


def monthly_fee(ctx: Context, agreement: Agreement) -> Priced:
    """The fixed monthly amount (JUW-FEE), which depends on the installed software
    (JUW-FEE-SOFTWARE): the contract's own price, else the setting ``monthly_fee`` for the base
    package and each installed module (interpretation JUW-I-FEE-SOURCE)."""
    contract = agreement.contract
    if contract is not None and contract.price is not None:
        return Priced(contract.price, explanation=f"the monthly amount of contract {contract.id}")
    a = assessment(ctx)
    fx = a.fixed
    table = fx.monthly_fee
    if table is None:
        return Priced(
            None, (fx.missing["monthly_fee"],), "the monthly amounts per module are not configured"
        )
    items = (PRODUCT, *a.modules)
    absent = [i for i in items if i not in table]
    if absent:
        return Priced(
            None,
            (fx.missing["monthly_fee"],),
            f"juweliers.monthly_fee has no amount for {', '.join(absent)}",
        )
    total = Decimal(0)  # summed as decimals: one Money at the end, not one per item
    for item in items:
        total += table[item].amount
    return Priced(
        Money(total, fx.currency), explanation=f"the monthly amounts for {', '.join(items)}"
    )


def months_without_agreement(ctx: Context, agreement: Agreement) -> tuple[int, date, str] | None:
    """Months without a maintenance agreement, counted from the first day without one (or, for a
    customer who never had one, from the day the agreement would have been charged from,
    JUW-BILLED-FROM-PURCHASE), by the setting ``month_count`` (JUW-UPGRADE-PRICE)."""
    if agreement.in_force:
        return None
    since = agreement.without_since
    if since is None:
        anchor = billing_anchor(ctx, agreement)
        if anchor is None:
            return None
        since = anchor[0]
    rule = assessment(ctx).fixed.month_count
    return months_between(since, ctx.today, rule), since, str(rule)


@attrs.frozen
class UpgradePrice:
    """The price of an upgrade: 1/60 of the current licence cost × months without agreement."""

    price: Money | None
    missing: tuple[MissingSetting, ...] = ()
    explanation: str = ""


def upgrade_price(ctx: Context, agreement: Agreement) -> UpgradePrice:
    """The upgrade price, "1/60ste van de actuele kostprijs van de door u gebruikte licentie(s)
    vermenigvuldigd met het aantal maanden dat u bij ons geen onderhoudsovereenkomst meer heeft"
    (JUW-UPGRADE-PRICE).

    The licence cost is Licence.cost, else the setting ``licence_prices`` for the base package
    and each of its modules (JUW-ONE-WHOLE; interpretation JUW-I-LICENCE-COST).
    """
    a = assessment(ctx)
    fx = a.fixed
    licences = a.licences
    if not licences:
        return UpgradePrice(None, (), "the case holds no licence of the juwelierspakket to price")
    cost = Decimal(0)  # summed as decimals (every amount is in the vendor's currency)
    table = fx.licence_prices
    for lic in licences:
        if lic.cost is not None:
            cost += lic.cost.amount
            continue
        items = (PRODUCT, *sorted(set(lic.modules) - {PRODUCT}))
        if table is None or any(i not in table for i in items):
            return UpgradePrice(
                None,
                (fx.missing["licence_prices"],),
                f"the current cost of the licence acquired on {lic.acquired_on} is not known",
            )
        for item in items:
            cost += table[item].amount
    counted = months_without_agreement(ctx, agreement)
    if counted is None:
        return UpgradePrice(None, (), "there is no period without an agreement to count")
    months, since, rule = counted
    price = Money(quantize(cost * months / 60, fx.currency), fx.currency)
    plural = "month" if months == 1 else "months"
    return UpgradePrice(
        price,
        (),
        f"1/60 of the current licence cost {Money(cost, fx.currency)} × {months} {rule} {plural} "
        f"without an agreement since {since.isoformat()}",
    )


def _billed_minutes(logged: int | None, minimum: int, increment: int | None) -> int | None:
    """Charged regie minutes for one intervention (``logged`` None: no time logged yet).

    Time up to the minimum is charged as the minimum; longer time is rounded up to whole
    increments (setting ``regie_increment_minutes``); ``None`` if that increment is needed but
    not configured.
    """
    if logged is None or logged <= minimum:
        return minimum
    if increment is None:
        return None
    return max(minimum, -(-logged // increment) * increment)


def regie_quote(ctx: Context, q: QuoteBuilder, *, minimum: int, clause_ids: Sequence[str]) -> bool:
    """Add the regie lines of this request to ``q``: one line per intervention (work session),
    at the regie rate (JUW-EXCLUDED-REGIE, JUW-AFTER-CANCEL), with ``minimum`` minutes per
    intervention, phone and internet help included (JUW-AFTER-CANCEL-ALL-CHANNELS).

    Returns False when nothing can be quoted yet (no minimum and no time logged).
    """
    fx = assessment(ctx).fixed
    sessions = [e.minutes or 0 for e in ctx.case.ticket.of(EventKind.WORK_SESSION)]
    interventions: list[int | None] = list(sessions) or ([None] if minimum else [])
    if not interventions:
        q.reason(
            ctx.terms.fixed_reason(
                "regie-time-unknown",
                "Charged for the time spent at the regie rate; no time is logged on the ticket "
                "yet.",
                *clause_ids,
            )
        )
        return False
    rate = fx.regie_rate
    if rate is None:
        q.missing(fx.missing["regie_hourly_rate"])
    increment = fx.increment
    cites = ctx.cite(*clause_ids)
    for n, logged in enumerate(interventions, start=1):
        billed = _billed_minutes(logged, minimum, increment)
        if billed is None:
            q.missing(fx.missing["regie_increment_minutes"])
            continue
        if logged is None:
            text = f"Regie: minimum of {billed // _HOUR} hour per intervention (no time logged yet)"
        elif billed == logged:
            text = f"Regie: intervention {n}, {logged} min"
        else:
            text = f"Regie: intervention {n}, {logged} min logged, {billed} min charged"
        if rate is not None:
            q.line(text, rate, Decimal(billed) / _HOUR, unit="hour", citations=cites)
    return True


def cancellation_settlement(ctx: Context, agreement: Agreement, q: QuoteBuilder) -> str | None:
    """What a valid cancellation still costs: only "de reeds gefactureerde perioden vóór de opzeg
    dienen wel afgerekend te worden" (JUW-CANCEL-INVOICED), quarters of 3 months of the fixed
    monthly amount (JUW-FEE) from the day the agreement is charged from.

    ``Contract.payment`` is the state of the quarter running at the notice: ``paid`` (nothing
    more due), ``not_invoiced`` (not due), ``pending`` (due in full) or ``partial`` (the
    remainder after the payment events on the ticket is due). Returns a quote status when it is
    not the builder's own."""
    notice, contract = agreement.notice, agreement.contract
    assert notice is not None and contract is not None
    fx = assessment(ctx).fixed
    anchor = billing_anchor(ctx, agreement)
    assert anchor is not None  # a contract always gives one
    if notice.day < anchor[0]:
        q.reason(
            ctx.reason(
                "nothing-invoiced",
                f"No quarter had been invoiced before the notice of {notice.day.isoformat()}.",
                "JUW-CANCEL-INVOICED",
                "JUW-BILLED-FROM-PURCHASE",
            )
        )
        return None
    running = billing_period(anchor[0], notice.day, months=QUARTER_MONTHS)
    if fx.quarter_invoicing == "in_arrears":
        q.reason(
            ctx.reason(
                "running-quarter-not-invoiced",
                f"The quarter {running.describe()} is invoiced at its end, after the notice of "
                f"{notice.day.isoformat()}, so it is not due; quarters invoiced before the notice "
                "remain due if unpaid.",
                "JUW-CANCEL-INVOICED",
                "JUW-FEE",
            )
        )
        return None
    if contract.payment is PaymentState.NOT_INVOICED:
        q.reason(
            ctx.reason(
                "quarter-not-invoiced",
                f"The quarter {running.describe()} had not been invoiced before the notice of "
                f"{notice.day.isoformat()}, so it is not due: only the periods already invoiced "
                "before the notice are settled.",
                "JUW-CANCEL-INVOICED",
            )
        )
        return None
    if contract.payment is PaymentState.PAID:
        q.reason(
            ctx.reason(
                "invoiced-quarter-paid",
                f"The quarter {running.describe()} was invoiced before the notice of "
                f"{notice.day.isoformat()} and is paid; nothing more is due and it is not "
                "refunded.",
                "JUW-CANCEL-INVOICED",
                "JUW-FEE",
            )
        )
        return None
    fee = monthly_fee(ctx, agreement)
    for m in fee.missing:
        q.missing(m)
    if contract.payment is PaymentState.PARTIAL and fee.amount is not None:
        return _partly_paid_quarter(ctx, running, notice.day, fee, q)
    q.reason(
        ctx.reason(
            "invoiced-quarter-due",
            f"The quarter {running.describe()} was invoiced on {running.start.isoformat()}, before "
            f"the notice of {notice.day.isoformat()}, and must still be paid in full"
            + (f" ({fee.explanation})." if fee.amount is None else "."),
            "JUW-CANCEL-INVOICED",
            "JUW-FEE",
        )
    )
    if fee.amount is not None:
        q.line(
            f"Invoiced quarter {running.start.isoformat()} to {running.last_day.isoformat()} "
            f"({fee.explanation})",
            fee.amount,
            QUARTER_MONTHS,
            unit="month",
            citations=ctx.cite("JUW-CANCEL-INVOICED", "JUW-FEE"),
        )
    return None


def _partly_paid_quarter(
    ctx: Context, running: Period, notice_day: date, fee: Priced, q: QuoteBuilder
) -> str | None:
    """The remainder of a partly paid quarter invoice: the invoice (3 × the monthly amount plus
    BTW) less the payment events on the ticket (amounts as paid, BTW included). The remainder is
    one line with the BTW included in it (see :func:`vat_included`)."""
    assert fee.amount is not None
    fx = assessment(ctx).fixed
    rate = fx.vat_rate
    invoiced = f"The quarter {running.describe()} was invoiced on {running.start.isoformat()}, "
    invoiced += f"before the notice of {notice_day.isoformat()}"
    if rate is None:
        q.missing(fx.missing["tax_rate"])
        q.reason(
            ctx.reason(
                "invoiced-quarter-partly-paid",
                f"{invoiced}, and is partly paid; without the BTW rate the remainder cannot be "
                "worked out.",
                "JUW-CANCEL-INVOICED",
                "JUW-FEE",
            )
        )
        return None
    net = fee.amount * QUARTER_MONTHS
    gross = net + Money(quantize(net.amount * rate, fx.currency), fx.currency)
    amounts = f"for {gross} incl. {_pct(rate)} BTW ({QUARTER_MONTHS} × {fee.amount} a month)"
    payments = ctx.case.ticket.of(EventKind.PAYMENT)
    if not payments or any(e.amount is None for e in payments):
        q.reason(
            ctx.reason(
                "amount-paid-unknown",
                f"{invoiced}, {amounts}, and is partly paid; the case does not give the amount "
                "paid (ticket.events of kind payment, with their amount), so the remainder due "
                "is not known.",
                "JUW-CANCEL-INVOICED",
                "JUW-FEE",
            )
        )
        return QuoteStatus.UNDETERMINED
    paid = Money(
        sum((e.amount.amount for e in payments if e.amount is not None), Decimal(0)), fx.currency
    )
    remaining = gross.amount - paid.amount
    if remaining <= 0:
        q.reason(
            ctx.reason(
                "invoiced-quarter-paid",
                f"{invoiced}, {amounts}; {paid} of it is paid, so nothing more is due and it is "
                "not refunded.",
                "JUW-CANCEL-INVOICED",
                "JUW-FEE",
            )
        )
        return None
    due = Money(remaining, fx.currency)
    q.reason(
        ctx.reason(
            "invoiced-quarter-partly-paid",
            f"{invoiced}, {amounts}; {paid} of it is paid, so {due} remains due (BTW included).",
            "JUW-CANCEL-INVOICED",
            "JUW-FEE",
        )
    )
    q.line(
        f"Remainder of the quarter {running.start.isoformat()} to "
        f"{running.last_day.isoformat()} ({fee.explanation}; {gross} invoiced incl. BTW, "
        f"{paid} paid)",
        due,
        citations=ctx.cite("JUW-CANCEL-INVOICED", "JUW-FEE"),
    )
    return None


def vat_included(ctx: Context) -> bool:
    """Whether the quote's lines include the BTW: only the remainder of a partly paid quarter
    invoice on cancellation (:func:`_partly_paid_quarter`), since payments include it."""
    if ctx.request.category != CANCELLATION:
        return False
    contract = assessment(ctx).agreement.contract
    return contract is not None and contract.payment is PaymentState.PARTIAL


def settlement_due(ctx: Context) -> bool:
    """Whether a cancellation leaves an invoiced quarter to settle (the closure's action): the
    quarter invoiced in advance before the notice, not (fully) paid."""
    agreement = assessment(ctx).agreement
    contract, notice = agreement.contract, agreement.notice
    if (
        contract is None
        or notice is None
        or assessment(ctx).fixed.quarter_invoicing != "in_advance"
    ):
        return False
    anchor = billing_anchor(ctx, agreement)
    if anchor is None or notice.day < anchor[0]:
        return False
    return contract.payment in (PaymentState.PENDING, PaymentState.PARTIAL)


# --------------------------------------------------------------------------- remedies


# The remedies below that take only ``ctx`` read nothing but its settings and terms: the priced
# ones are built once per engine, by :class:`Fixed`; the others are ``ctx.fixed_remedy``.


def _regie_remedy(ctx: Context) -> Remedy:
    rate = ctx.settings.money("regie_hourly_rate")
    return Remedy(
        "regie-help",
        "Help at the regie rate, with a minimum of 1 hour per intervention (phone and internet "
        "help included)",
        price=rate,
        price_note=f"per hour, minimum 1 hour per intervention, {_vat_note(ctx)}",
        missing=() if rate is not None else (ctx.missing("regie_hourly_rate"),),
        citations=ctx.cite("JUW-AFTER-CANCEL", "JUW-AFTER-CANCEL-ALL-CHANNELS"),
    )


def _upgrade_remedy(a: Assessment) -> Remedy:
    ctx = a.ctx
    up = a.upgrade
    return Remedy(
        "buy-upgrade",
        "Buy an upgrade to the latest version (only the latest version is supported)",
        price=up.price,
        price_note=f"{up.explanation}; {a.fixed.vat_note}",
        missing=up.missing,
        citations=ctx.cite("JUW-ADAPTATION-UPGRADE", "JUW-LATEST-ONLY", "JUW-UPGRADE-PRICE"),
    )


def _agreement_remedy(ctx: Context, agreement: Agreement) -> Remedy:
    a = assessment(ctx)
    fee = monthly_fee(ctx, agreement)
    anchor = billing_anchor(ctx, agreement)
    clause_ids = ["JUW-FEE", "JUW-FEE-SOFTWARE"]
    since = ""
    if agreement.state in (State.NONE, State.NOT_STARTED) and anchor is not None:
        # Never had an agreement: it is charged from the purchase of the package.
        clause_ids.append("JUW-BILLED-FROM-PURCHASE")
        since = (
            f", charged from {anchor[0].isoformat()} as agreed"
            if anchor[1] == "agreed"
            else f", charged from the purchase of the package on {anchor[0].isoformat()} unless "
            "agreed otherwise"
        )
    return Remedy(
        "take-agreement",
        "Take out the assistance agreement: free upgrades, further training, phone help and "
        "internet help for a fixed monthly amount",
        price=None if fee.amount is None else fee.amount * QUARTER_MONTHS,
        price_note=f"per quarter (3 × the monthly amount: {fee.explanation}){since}, "
        f"{a.fixed.vat_note}",
        missing=fee.missing,
        citations=ctx.cite(*clause_ids),
    )


def _pack_remedy(ctx: Context) -> Remedy:
    price = ctx.settings.money("communication_pack_price")
    return Remedy(
        "buy-communication-pack",
        f"Buy the communication pack ({ctx.settings.get('communication_module')}) for the "
        "internet link",
        price=price,
        price_note=_vat_note(ctx),
        missing=() if price is not None else (ctx.missing("communication_pack_price"),),
        citations=ctx.cite("JUW-LINK"),
    )


def _phone_remedy(ctx: Context) -> Remedy:
    return ctx.fixed_remedy(
        "use-phone-help", "Call the telephone help about the juwelierspakket", "JUW-PHONE"
    )


def _link_remedy(ctx: Context) -> Remedy:
    return ctx.fixed_remedy("use-internet-link", "Ask for help over the internet link", "JUW-LINK")


# --------------------------------------------------------------------------- eligibility


@attrs.frozen
class VersionCheck:
    """Whether the installed version is older than the latest one, with the reasons."""

    older: bool | None
    reasons: tuple[Reason, ...] = ()


_NO_VERSION = VersionCheck(None)
_NOT_OLDER = VersionCheck(False)


def version_rules(ctx: Context, agreement: Agreement) -> VersionCheck:
    """Only the latest version is supported (JUW-LATEST-ONLY): with the agreement the upgrade to
    it is free (JUW-UPGRADES); without it, an upgrade is bought when the help needs an
    adaptation (JUW-ADAPTATION-UPGRADE) or, by the setting ``help_on_older_versions``, always."""
    a = assessment(ctx)
    fx = a.fixed
    installed = a.installed
    if installed is None:
        return _NO_VERSION
    latest_text = fx.latest_text
    if latest_text is None:
        return VersionCheck(
            None,
            (
                ctx.reason(
                    "latest-version-unknown",
                    f"Only the latest version is supported, but the latest version is not "
                    f"configured (setting juweliers.latest_version); installed version "
                    f"{installed[0]}.",
                    "JUW-LATEST-ONLY",
                ),
            ),
        )
    have, latest = parse_version(installed[0]), fx.latest
    if have is None or latest is None or have >= latest:
        return _NOT_OLDER
    text = f"Version {installed[0]} is older than the latest version {latest_text}"
    if agreement.in_force:
        return VersionCheck(
            True,
            (
                ctx.reason(
                    "older-version-free-upgrade",
                    f"{text}; only the latest version is supported, and the upgrade to it is free "
                    "under the agreement.",
                    "JUW-LATEST-ONLY",
                    "JUW-UPGRADES",
                ),
            ),
        )
    req = ctx.request
    if req.needs_adaptation or req.category in UPGRADE_CATEGORIES or not fx.help_on_older_versions:
        return VersionCheck(
            True,
            (
                ctx.reason(
                    "older-version-upgrade-needed",
                    f"{text}; only the latest version is supported, and without the agreement the "
                    "upgrade to it must be bought.",
                    "JUW-LATEST-ONLY",
                    "JUW-ADAPTATION-UPGRADE",
                ),
            ),
        )
    return VersionCheck(
        True,
        (
            ctx.reason(
                "older-version-help-without-adaptation",
                f"{text}; help that needs no adaptation of the package is still given on it.",
                "JUW-LATEST-ONLY",
            ),
        ),
    )


def _needs_upgrade(a: Assessment) -> bool:
    """Without the agreement, must an upgrade be bought for this request?"""
    if a.agreement.in_force:
        return False
    req = a.ctx.request
    return (
        req.category in UPGRADE_CATEGORIES
        or req.needs_adaptation
        or (a.version.older is True and not a.fixed.help_on_older_versions)
    )


def _next_phone_opening(ctx: Context, calendar_name: str) -> str:
    cal = ctx.calendars.get(calendar_name)
    if isinstance(cal, BusinessCalendar):
        return f" Help is available again from {ctx.local(cal.next_open(ctx.at)):%Y-%m-%d %H:%M}."
    return ""


def channel_rules(ctx: Context, agreement: Agreement) -> Eligibility | None:
    """Refusals that depend on how the customer asks: a channel the terms do not offer, the
    internet link without the communication pack (JUW-LINK), phone help during a holiday period
    (JUW-PHONE), with or without the agreement (the line is closed, so no regie help is given
    or quoted either). ``None`` when the channel is fine."""
    req = ctx.request
    if req.category == CANCELLATION:
        return None
    a = assessment(ctx)
    fx = a.fixed
    pack = a.pack
    if req.channel not in HELP_CHANNELS:
        return Eligibility(
            EligibilityStatus.NOT_ENTITLED,
            reasons=(
                ctx.terms.fixed_reason(
                    "channel-not-offered",
                    f"Help is given by telephone and over the internet link, not by {req.channel}.",
                    "JUW-PHONE",
                    "JUW-LINK",
                ),
            ),
            remedies=(_phone_remedy(ctx), _link_remedy(ctx)) if pack else (_phone_remedy(ctx),),
        )
    if (req.channel is Channel.REMOTE or req.category == "remote_assistance") and not pack:
        return Eligibility(
            EligibilityStatus.NOT_ENTITLED,
            reasons=(
                ctx.terms.fixed_reason(
                    "communication-pack-missing",
                    "Help over the internet link needs the communication pack "
                    f"({fx.communication_module}), which is not among the installed modules.",
                    "JUW-LINK",
                ),
            ),
            remedies=(fx.pack_remedy, _phone_remedy(ctx)),
        )
    holiday = a.holiday
    if holiday is None:
        return None
    # Without the agreement the line is closed all the same: nothing is given (or priced) now,
    # and the reason why regie rates apply afterwards comes first.
    first = () if agreement.in_force else (_without_agreement_reason(a),)
    then = () if agreement.in_force else _without_agreement_remedies(a)
    when = f"{holiday.label} ({holiday.start.isoformat()} to {holiday.end.isoformat()})"
    if req.channel is Channel.PHONE:
        remedies = [
            ctx.fixed_remedy(
                "call-after-holiday",
                "Call again after the holiday period, from "
                f"{(holiday.end + timedelta(days=1)).isoformat()} onwards",
                "JUW-PHONE",
            )
        ]
        if pack and not fx.holidays_close_internet:
            remedies.append(_link_remedy(ctx))
        remedies.extend(then)
        what = "not part of the agreement" if agreement.in_force else "not given"
        return Eligibility(
            EligibilityStatus.NOT_ENTITLED,
            reasons=(
                *first,
                ctx.reason(
                    "phone-help-holiday-period",
                    f"Telephone help is {what} during the holiday period {when}."
                    + _next_phone_opening(ctx, "phone"),
                    "JUW-PHONE",
                ),
            ),
            remedies=tuple(remedies),
        )
    if fx.holidays_close_internet:
        return Eligibility(
            EligibilityStatus.NOT_ENTITLED,
            reasons=(
                *first,
                ctx.reason(
                    "internet-help-holiday-period",
                    f"Help over the internet link is not given during the holiday period {when} "
                    "(setting juweliers.holiday_periods_close_internet_help)."
                    + _next_phone_opening(ctx, "internet"),
                    "JUW-LINK",
                    "JUW-PHONE",
                ),
            ),
            remedies=then,
        )
    return None


def _agreement_basis(a: Assessment) -> list[Reason]:
    ctx, agreement = a.ctx, a.agreement
    contract = agreement.contract
    assert contract is not None
    basis = []
    anchor = billing_anchor(ctx, agreement)
    quarter: Period | None = None if anchor is None else current_quarter(anchor[0], ctx.today)
    since = agreement.covers_from or contract.start
    text = f"Assistance agreement {contract.id} is in force since {since.isoformat()}"
    if since < contract.start:
        text += (
            f" (its contract starts on {contract.start.isoformat()}, but it is charged from "
            f"{since.isoformat()} and covers what is charged)"
        )
    if anchor is not None and quarter is not None:
        day, basis_of = anchor[0].isoformat(), anchor[1]
        if basis_of == "purchase":
            source = f"the purchase of the package on {day}"
        elif basis_of == "agreed":
            source = f"{day}, as agreed otherwise"
        else:
            assert basis_of == "contract"
            source = f"the contract's start on {day} (no licence in the case)"
        text += (
            f"; it is charged per quarter from {source}, and the current quarter runs "
            f"{quarter.describe()}."
        )
        basis.append(ctx.reason("agreement-in-force", text, "JUW-FEE", "JUW-BILLED-FROM-PURCHASE"))
    else:
        basis.append(ctx.reason("agreement-in-force", text + ".", "JUW-FEE"))
    notice = agreement.notice
    if notice is not None and not notice.valid:
        basis.append(
            ctx.reason(
                "cancellation-not-valid",
                f"The notice of cancellation by {notice.channel} on {notice.day.isoformat()} is "
                "not valid: the agreement can only be cancelled by letter, e-mail or fax, so it "
                "continues.",
                "JUW-CANCEL",
            )
        )
    fx = a.fixed
    if ctx.request.channel is Channel.PHONE and fx.holiday_periods is None:
        basis.append(
            ctx.terms.fixed_reason(
                "holiday-periods-unknown",
                "Telephone help is excepted during the holiday periods, which are not configured "
                "(setting juweliers.holiday_periods).",
                "JUW-PHONE",
            )
        )
    return basis


def _without_agreement_reason(a: Assessment) -> Reason:
    ctx, agreement = a.ctx, a.agreement
    state = agreement.state
    if state is State.CANCELLED:
        assert agreement.notice is not None and agreement.contract is not None
        return ctx.reason(
            "agreement-cancelled",
            f"Assistance agreement {agreement.contract.id} was cancelled by "
            f"{agreement.notice.channel} on {agreement.notice.day.isoformat()}; from then on every "
            "service is charged at the regie rate, with a minimum of 1 hour per intervention.",
            "JUW-CANCEL",
            "JUW-AFTER-CANCEL",
        )
    if state is State.ENDED:
        assert agreement.contract is not None and agreement.without_since is not None
        return ctx.reason(
            "agreement-ended",
            f"Assistance agreement {agreement.contract.id} ended on "
            f"{agreement.without_since.isoformat()}; without the agreement every service is "
            "charged at the regie rate, with a minimum of 1 hour per intervention.",
            "JUW-AFTER-CANCEL",
        )
    if state is State.NOT_STARTED:
        assert agreement.contract is not None
        starts = agreement.covers_from or agreement.contract.start
        return ctx.reason(
            "agreement-not-started",
            f"Assistance agreement {agreement.contract.id} starts on {starts.isoformat()}; until "
            "then every service is charged at the regie rate, with a minimum of 1 hour per "
            "intervention.",
            "JUW-FEE",
            "JUW-AFTER-CANCEL",
        )
    return ctx.terms.fixed_reason(
        "no-agreement",
        "There is no assistance agreement; without it every service is charged at the regie "
        "rate, with a minimum of 1 hour per intervention.",
        "JUW-FEE",
        "JUW-AFTER-CANCEL",
    )


def eligibility(ctx: Context, service: Service) -> Eligibility:
    """Entitled to the agreement's services when an agreement is in force (JUW-FEE) and the
    channel allows it; otherwise the reasons and what the terms offer instead."""
    a = assessment(ctx)
    agreement = a.agreement
    refused = channel_rules(ctx, agreement)
    if refused is not None:
        return refused
    version = a.version
    if agreement.in_force:
        return Eligibility(
            EligibilityStatus.ENTITLED,
            basis=(*_agreement_basis(a), *version.reasons),
        )
    reasons = (_without_agreement_reason(a), *version.reasons)
    if ctx.request.category == CANCELLATION:
        return Eligibility(EligibilityStatus.NOT_ENTITLED, reasons=reasons)
    return Eligibility(
        EligibilityStatus.NOT_ENTITLED, reasons=reasons, remedies=_without_agreement_remedies(a)
    )


def _without_agreement_remedies(a: Assessment) -> tuple[Remedy, ...]:
    """What the terms offer without the agreement: the upgrade when one is needed, regie help,
    taking out the agreement."""
    remedies = []
    if a.needs_upgrade:
        remedies.append(a.upgrade_remedy)
    if a.ctx.request.category not in UPGRADE_CATEGORIES:
        remedies.append(a.fixed.regie_remedy)
    remedies.append(_agreement_remedy(a.ctx, a.agreement))
    return tuple(remedies)


# --------------------------------------------------------------------------- coverage


def cancellation_coverage(ctx: Context, agreement: Agreement) -> Coverage:
    """A request to cancel: valid only by letter, e-mail or fax (JUW-CANCEL); the invoiced
    periods before the notice stay due (JUW-CANCEL-INVOICED)."""
    cat = CANCELLATION
    notice = agreement.notice
    if agreement.contract is None or notice is None:
        return Coverage(
            CoverageStatus.UNDETERMINED,
            cat,
            (
                ctx.terms.fixed_reason(
                    "nothing-to-cancel",
                    "There is no assistance agreement in force to cancel.",
                    "JUW-CANCEL",
                ),
            ),
        )
    if not notice.valid:
        return Coverage(
            CoverageStatus.EXCLUDED,
            cat,
            (
                ctx.terms.fixed_reason(
                    "cancellation-not-valid",
                    f"A cancellation by {notice.channel} is not valid: the agreement can be "
                    "cancelled at any time, but only by letter, e-mail or fax. The agreement "
                    "continues.",
                    "JUW-CANCEL",
                ),
            ),
            (
                ctx.fixed_remedy(
                    "send-written-notice",
                    "Send the notice of cancellation by letter, e-mail or fax",
                    "JUW-CANCEL",
                ),
            ),
        )
    return Coverage(
        CoverageStatus.BILLABLE,
        cat,
        (
            ctx.reason(
                "cancelled",
                f"The agreement is cancelled by {notice.channel} as of "
                f"{notice.day.isoformat()}; the periods invoiced before the notice must still be "
                "paid.",
                "JUW-CANCEL",
                "JUW-CANCEL-INVOICED",
            ),
            ctx.terms.fixed_reason(
                "regie-after-cancellation",
                "From the notice on, every service, telephone help and internet interventions "
                "included, is charged at the regie rate with a minimum of 1 hour per intervention.",
                "JUW-AFTER-CANCEL",
                "JUW-AFTER-CANCEL-ALL-CHANNELS",
            ),
        ),
    )


#: Categories the agreement covers, with the clauses that cover them and why.
_COVERED: dict[str, tuple[tuple[str, ...], str]] = {
    "usage_question": (("JUW-PHONE",), "help about the juwelierspakket"),
    "malfunction": (
        ("JUW-PHONE", "JUW-UPGRADES"),
        "help about the juwelierspakket; fixes come with the free upgrades",
    ),
    "extra_module": (
        ("JUW-ONE-WHOLE", "JUW-PHONE"),
        "the package and its modules are one whole, so help on a module is help on the package",
    ),
    "training": (("JUW-TRAINING",), "all further training after the first training pack"),
    "new_version": (("JUW-UPGRADES",), "all necessary and regular upgrades are free"),
    "update_download": (("JUW-UPGRADES",), "all necessary and regular upgrades are free"),
    "os_compatibility": (
        ("JUW-NEW-OS", "JUW-UPGRADES"),
        "the adaptations needed when a new operating system comes out are part of the upgrades",
    ),
    "hosting": (("JUW-ONLINE",), "keeping your application online"),
    "remote_assistance": (("JUW-LINK",), "the internet link for quick help"),
}
#: Categories on which only guidance speaks.
_PARAMETER_CATEGORIES = frozenset({"custom_development", "report_design"})


def coverage(ctx: Context, eligibility: Eligibility) -> Coverage:
    """What the agreement covers (JUW-FEE and its list of services), what it does not
    (JUW-EXCLUDED, charged at the regie rate: JUW-EXCLUDED-REGIE) and what every service costs
    without an agreement (JUW-AFTER-CANCEL). A category no clause rules on is undetermined."""
    req = ctx.request
    cat = req.category
    a = assessment(ctx)
    fx = a.fixed
    agreement = a.agreement
    if cat == CANCELLATION:
        return cancellation_coverage(ctx, agreement)
    if not agreement.in_force:
        return _coverage_without_agreement(a)
    cause = req.facts.get("cause")
    if cat == "reinstallation":
        return Coverage(
            CoverageStatus.BILLABLE,
            cat,
            (
                ctx.terms.fixed_reason(
                    "reinstallation-not-covered",
                    "Reinstalling the package is not covered by the agreement; it is charged at "
                    "the regie rate.",
                    "JUW-EXCLUDED",
                    "JUW-EXCLUDED-REGIE",
                ),
            ),
            (fx.regie_rate_remedy,),
        )
    external = _CAUSE_WORDS.get(cause) if cause in EXTERNAL_CAUSES else EXTERNAL_CATEGORIES.get(cat)
    if external is not None:
        return Coverage(
            CoverageStatus.BILLABLE,
            cat,
            (
                ctx.terms.fixed_reason(
                    "external-cause-not-covered",
                    f"Problems caused by {external} are not covered by the agreement; the help is "
                    "charged at the regie rate.",
                    "JUW-EXCLUDED",
                    "JUW-EXCLUDED-REGIE",
                ),
            ),
            (fx.regie_rate_remedy,),
        )
    if cat == "training" and req.facts.get("first_training_pack") == "not_done":
        return Coverage(
            CoverageStatus.UNDETERMINED,
            cat,
            (
                ctx.terms.fixed_reason(
                    "first-training-pack",
                    "The agreement covers training after the first training pack; the first pack "
                    "itself is not part of it and these terms do not say how it is charged.",
                    "JUW-TRAINING",
                ),
            ),
        )
    if cat == "data_repair" and cause == "package":
        return _covered(
            a,
            cat,
            ("JUW-PHONE", "JUW-UPGRADES"),
            "help about a problem of the juwelierspakket itself",
        )
    if cat in _COVERED:
        clause_ids, why = _COVERED[cat]
        if cat == "usage_question":  # the service the request uses: phone help or the link
            clause_ids = ("JUW-LINK",) if req.channel is Channel.REMOTE else ("JUW-PHONE",)
        return _covered(a, cat, clause_ids, why)
    if cat in _PARAMETER_CATEGORIES:
        return Coverage(
            CoverageStatus.UNDETERMINED,
            cat,
            (
                ctx.terms.fixed_reason(
                    "not-ruled",
                    "The terms only say that the package's existing features can be adapted to "
                    f"your wishes through parameters; they do not rule on {cat.replace('_', ' ')}.",
                    "JUW-PARAMETERS",
                ),
            ),
        )
    return Coverage(
        CoverageStatus.UNDETERMINED,
        cat,
        (
            ctx.terms.fixed_reason(
                "not-ruled",
                f"The assistance agreement lists its services but does not rule on "
                f"{cat.replace('_', ' ')}.",
                "JUW-FEE",
            ),
        ),
    )


def _covered(a: Assessment, cat: str, clause_ids: Sequence[str], why: str) -> Coverage:
    ctx = a.ctx
    reasons = [ctx.terms.fixed_reason("covered", f"Covered by the agreement: {why}.", *clause_ids)]
    if ctx.request.needs_adaptation:
        reasons.append(
            ctx.terms.fixed_reason(
                "adaptation-in-free-upgrade",
                "The adaptation of the package is delivered in the latest version, free under the "
                "agreement.",
                "JUW-UPGRADES",
                "JUW-LATEST-ONLY",
            )
        )
    return Coverage(CoverageStatus.COVERED, cat, tuple(reasons))


def _regie_rate_remedy(ctx: Context) -> Remedy:
    rate = ctx.settings.money("regie_hourly_rate")
    minimum = ctx.settings.get("minimum_hour_for_excluded_work")
    return Remedy(
        "regie-help",
        "Help at the regie rate then applicable",
        price=rate,
        price_note="per hour"
        + (", minimum 1 hour per intervention" if minimum else "")
        + f", {_vat_note(ctx)}",
        missing=() if rate is not None else (ctx.missing("regie_hourly_rate"),),
        citations=ctx.cite("JUW-EXCLUDED-REGIE"),
    )


def _coverage_without_agreement(a: Assessment) -> Coverage:
    ctx = a.ctx
    cat = ctx.request.category
    fx = a.fixed
    if cat in UPGRADE_CATEGORIES:
        return Coverage(
            CoverageStatus.BILLABLE,
            cat,
            (
                ctx.terms.fixed_reason(
                    "upgrade-to-buy",
                    "Without the agreement, upgrades are not free: an upgrade costs 1/60 of the "
                    "current licence cost per month without an agreement.",
                    "JUW-ADAPTATION-UPGRADE",
                    "JUW-UPGRADE-PRICE",
                ),
            ),
            (a.upgrade_remedy,),
        )
    reasons = [
        ctx.terms.fixed_reason(
            "regie-without-agreement",
            "Without the agreement, every service delivered, telephone help and internet "
            "interventions included, is charged at the regie rate with a minimum of 1 hour per "
            "intervention.",
            "JUW-AFTER-CANCEL",
            "JUW-AFTER-CANCEL-ALL-CHANNELS",
        )
    ]
    remedies = [fx.regie_remedy]
    if a.needs_upgrade:
        reasons.append(
            ctx.terms.fixed_reason(
                "adaptation-needs-upgrade",
                "This help needs the latest version of the package"
                + (
                    " (it leads to an adaptation of the package)"
                    if ctx.request.needs_adaptation
                    else ""
                )
                + "; without the agreement an upgrade must be bought.",
                "JUW-ADAPTATION-UPGRADE",
                "JUW-LATEST-ONLY",
            )
        )
        remedies.append(a.upgrade_remedy)
    return Coverage(CoverageStatus.BILLABLE, cat, tuple(reasons), tuple(remedies))


# --------------------------------------------------------------------------- pricing


def pricing(ctx: Context, eligibility: Eligibility, coverage: Coverage) -> Quote:
    """The quote for this request: nothing under the agreement, regie time for what it does not
    cover, regie time and the upgrade without it, the invoiced quarter on cancellation; BTW on
    every priced line (setting ``vat_rate``)."""
    a = assessment(ctx)
    fx = a.fixed
    unpriced = _unpriced(a, eligibility, coverage)
    if unpriced is not None:
        status, reasons = unpriced
        return Quote.unpriced(fx.currency, status, reasons, fx.vat_missing)
    q = QuoteBuilder(fx.currency)
    priced = _price(a, q)
    rate = fx.vat_rate
    if rate is None:
        q.missing(fx.missing["tax_rate"])
    elif q.has_lines:
        q.tax("BTW", rate, included=vat_included(ctx))
    return q.build(priced)


def _unpriced(
    a: Assessment, eligibility: Eligibility, coverage: Coverage
) -> tuple[str, tuple[Reason, ...]] | None:
    """The status and reasons of a quote with nothing to price; ``None`` when there is."""
    ctx = a.ctx
    cat = ctx.request.category
    if cat == CANCELLATION:
        if coverage.status != CoverageStatus.BILLABLE:
            return QuoteStatus.NOT_APPLICABLE, (
                ctx.terms.fixed_reason(
                    "no-settlement", "No valid cancellation, so nothing is settled.", "JUW-CANCEL"
                ),
            )
        return None
    blocking = tuple(r for r in eligibility.reasons if r.code in BLOCKING_CODES)
    if blocking:
        return QuoteStatus.NOT_APPLICABLE, blocking
    if a.agreement.in_force:
        if coverage.status == CoverageStatus.COVERED:
            return QuoteStatus.FREE, (
                ctx.terms.fixed_reason(
                    "included-in-agreement",
                    "Included in the fixed monthly amount of the assistance agreement; nothing "
                    "more to pay.",
                    "JUW-FEE",
                ),
            )
        if coverage.status != CoverageStatus.BILLABLE:
            return QuoteStatus.UNDETERMINED, (
                ctx.terms.fixed_reason(
                    "not-priced",
                    f"The terms do not rule on {cat.replace('_', ' ')}, so it is not priced.",
                    "JUW-FEE",
                ),
            )
    return None


def _price(a: Assessment, q: QuoteBuilder) -> str | None:
    """Fill ``q`` when :func:`_unpriced` found something to price; return a quote status when
    it is not simply the builder's own."""
    ctx = a.ctx
    fx = a.fixed
    agreement = a.agreement
    cat = ctx.request.category
    if cat == CANCELLATION:
        return cancellation_settlement(ctx, agreement, q)
    if agreement.in_force:  # billable under the agreement
        minimum = _HOUR if fx.minimum_hour_for_excluded_work else 0
        if not regie_quote(ctx, q, minimum=minimum, clause_ids=("JUW-EXCLUDED-REGIE",)):
            return QuoteStatus.INCOMPLETE
        return None
    if cat not in UPGRADE_CATEGORIES:
        regie_quote(
            ctx,
            q,
            minimum=_HOUR,
            clause_ids=("JUW-AFTER-CANCEL", "JUW-AFTER-CANCEL-ALL-CHANNELS"),
        )
    if a.needs_upgrade:
        up = a.upgrade
        for m in up.missing:
            q.missing(m)
        if up.price is not None:
            q.line(
                f"Upgrade to the latest version: {up.explanation}",
                up.price,
                citations=ctx.cite("JUW-ADAPTATION-UPGRADE", "JUW-UPGRADE-PRICE"),
            )
        else:
            q.reason(
                ctx.reason(
                    "upgrade-price-unknown",
                    f"The upgrade cannot be priced: {up.explanation}.",
                    "JUW-UPGRADE-PRICE",
                )
            )
            return QuoteStatus.INCOMPLETE
    return None


# --------------------------------------------------------------------------- service and closure


def service_hours(ctx: Context) -> Service:
    """Is telephone help (JUW-PHONE, closed during the holiday periods) or help over the
    internet link (JUW-LINK) open now, and when does it next open. No response time is given."""
    req = ctx.request
    channel = str(req.channel)
    a = assessment(ctx)
    fx = a.fixed
    no_deadline = fx.no_deadline
    if req.channel not in HELP_CHANNELS:
        if req.category == CANCELLATION and req.channel in (
            Channel.LETTER,
            Channel.EMAIL,
            Channel.FAX,
        ):
            return Service(
                channel,
                reasons=(
                    ctx.terms.fixed_reason(
                        "written-notice",
                        f"A notice of cancellation by {channel} counts from the day it is "
                        "received.",
                        "JUW-CANCEL",
                    ),
                ),
            )
        return Service(
            channel,
            open_now=False,
            reasons=(
                ctx.terms.fixed_reason(
                    "channel-not-offered",
                    f"Help is given by telephone and over the internet link, not by {channel}.",
                    "JUW-PHONE",
                    "JUW-LINK",
                ),
            ),
        )
    phone = req.channel is Channel.PHONE
    name, clause = ("phone", "JUW-PHONE") if phone else ("internet", "JUW-LINK")
    cal = ctx.calendars.get(name)
    calendar = cal if isinstance(cal, BusinessCalendar) else None
    reasons: list[Reason] = []
    closes_for_holiday = phone or bool(fx.holidays_close_internet)
    holiday = a.holiday if closes_for_holiday else None
    if holiday is not None:
        next_opening = None if calendar is None else calendar.next_open(ctx.at)
        reasons.append(
            ctx.terms.fixed_reason(
                "holiday-period",
                f"{'Telephone' if phone else 'Internet'} help is closed during the holiday period "
                f"{holiday.label} ({holiday.start.isoformat()} to {holiday.end.isoformat()}).",
                "JUW-PHONE",
                *(() if phone else ("JUW-LINK",)),
            )
        )
        if calendar is None:
            reasons.append(_hours_unknown(ctx, clause))
        reasons.append(no_deadline)
        return Service(channel, open_now=False, next_opening=next_opening, reasons=tuple(reasons))
    if closes_for_holiday and fx.holiday_periods is None:
        reasons.append(
            ctx.terms.fixed_reason(
                "holiday-periods-unknown",
                "Telephone help is excepted during the holiday periods, which are not configured "
                "(setting juweliers.holiday_periods).",
                "JUW-PHONE",
            )
        )
    if calendar is None:
        reasons.append(_hours_unknown(ctx, clause))
        reasons.append(no_deadline)
        return Service(channel, reasons=tuple(reasons))
    status = calendar.status(ctx.at)
    is_open = status.open
    reasons.append(
        ctx.terms.fixed_reason(
            "office-hours",
            f"{'Telephone' if phone else 'Internet'} help is "
            + ("open now" if is_open else "closed now")
            + " (office hours as configured in juweliers.office_hours).",
            clause,
        )
    )
    reasons.append(no_deadline)
    return Service(
        channel,
        open_now=is_open,
        schedule=status.schedule,
        next_opening=None if is_open else status.next_open,  # only while closed
        reasons=tuple(reasons),
    )


def _no_deadline(ctx: Context) -> Reason:
    """The reason every service answer ends with (built once per engine, by :class:`Fixed`)."""
    return ctx.terms.fixed_reason(
        "no-response-time",
        "The terms promise quick help ('vlugge bijstand') over the internet link but give no "
        "response time.",
        "JUW-LINK",
    )


def _hours_unknown(ctx: Context, clause: str) -> Reason:
    return ctx.terms.fixed_reason(
        "office-hours-unknown",
        "The vendor did not publish office hours; they are not configured "
        "(setting juweliers.office_hours).",
        clause,
    )


def closure(ctx: Context, eligibility: Eligibility, coverage: Coverage) -> Closure:
    """The terms say nothing about when a ticket closes; the actions still owed are listed."""
    a = assessment(ctx)
    agreement = a.agreement
    actions: list[Action] = []
    version = a.version if ctx.request.category != CANCELLATION else None
    if agreement.in_force and eligibility.entitled:
        if coverage.status == CoverageStatus.COVERED and ctx.request.needs_adaptation:
            actions.append(
                ctx.fixed_action(
                    "vendor",
                    "Deliver the adaptation in the latest version of the package (free upgrade)",
                    "JUW-UPGRADES",
                    "JUW-LATEST-ONLY",
                )
            )
        if version is not None and version.older:
            actions.append(
                ctx.fixed_action(
                    "customer",
                    "Install the free upgrade to the latest version",
                    "JUW-UPGRADES",
                    "JUW-LATEST-ONLY",
                )
            )
    elif (
        version is not None
        and not agreement.in_force
        and not any(r.code in BLOCKING_CODES for r in eligibility.reasons)
        and a.needs_upgrade
    ):
        actions.append(
            ctx.fixed_action(
                "customer",
                "Buy the upgrade to the latest version",
                "JUW-ADAPTATION-UPGRADE",
                "JUW-UPGRADE-PRICE",
            )
        )
    if (
        ctx.request.category == CANCELLATION
        and coverage.status == CoverageStatus.BILLABLE
        and settlement_due(ctx)
    ):
        actions.append(
            ctx.fixed_action(
                "customer",
                "Settle the periods invoiced before the notice",
                "JUW-CANCEL-INVOICED",
            )
        )
    return Closure(
        ClosureStatus.UNDETERMINED, reasons=(a.fixed.closure_reason,), actions=tuple(actions)
    )


def _closure_reason(ctx: Context) -> Reason:
    """Why every closure is undetermined (built once per engine, by :class:`Fixed`)."""
    return ctx.terms.fixed_reason(
        "closure-not-in-terms",
        "The assistance agreement lists its services but says nothing about when a ticket closes.",
        "JUW-FEE",
    )
