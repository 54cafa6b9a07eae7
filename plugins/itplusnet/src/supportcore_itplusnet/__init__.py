"""supportcore plugin for Itplusnet Ltda.'s online support ("SOPORTE ONLINE"), Chile.

Itplusnet's help desk serves customers of the ITPLUSNET point-of-sale and management software
without a contract: the customer pays one attention online and is then served, for at most 90
minutes, in normal hours (Monday-Friday 09:00-18:30) or special hours (weekday evenings,
Saturday, Sunday); public holidays are not worked. The terms list what the help desk does, what
it does not do, and what is bought separately. Every rule below cites the clause it applies
(``terms.toml``); the interpretations chosen where the text is ambiguous are recorded there and
in the README.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import datetime

from supportcore import (
    Action,
    Channel,
    Closure,
    ClosureStatus,
    Context,
    Coverage,
    CoverageStatus,
    Eligibility,
    EligibilityStatus,
    EventKind,
    MissingSetting,
    Problem,
    Quote,
    QuoteStatus,
    Reason,
    Remedy,
    Service,
    TermsCatalogue,
    VendorInfo,
    VendorSettings,
    hookimpl,
    load_terms,
)
from supportcore.calendar import BusinessCalendar, CalendarError, HolidaySpec, OpenStatus
from supportcore.reasons import Citation
from supportcore.terms import TermsVersion

from ._attention import (
    ATTENTION_MINUTES,
    ATTENTION_REFS,
    SERVICE_REFS,
    Attention,
    attention_state,
    payments_for,
)
from ._coverage import (
    BILLABLE,
    CATEGORIES,
    COVERED,
    EXCLUDED,
    SERVICES,
    UNDETERMINED_HINTS,
    area_places,
    location_in_places,
    rule_for,
    separate_service,
)
from ._hours import (
    CALENDAR,
    HOURS_CLAUSE,
    LABEL,
    SPECIAL,
    Tariff,
    build_calendar,
    fmt,
    tariff_for,
)
from ._pricing import Item, Price, build_quote, setting_price, with_reasons

__all__ = [
    "MAIN_PRODUCT",
    "SUPPORTCORE_HOOK_API",
    "offered_channels",
    "supportcore_calendars",
    "supportcore_check_case",
    "supportcore_check_settings",
    "supportcore_closure",
    "supportcore_eligibility",
    "supportcore_exclusions",
    "supportcore_pricing",
    "supportcore_service_hours",
    "supportcore_terms",
    "supportcore_vendor_info",
]

SUPPORTCORE_HOOK_API = 1

_TERMS = load_terms(__name__)
NAME = "itplusnet"
TIMEZONE = "America/Santiago"
#: "SOFTWARE DE PUNTO DE VENTA Y GESTION ITPLUSNET"; derivatives come from the settings.
MAIN_PRODUCT = "ITPLUSNET POS"
#: Channels the document names: the technician's call and the mobile numbers (phone) and the
#: secure remote connection (remote). On-site assistance is a separate service (ITP-SEP-1).
NAMED_CHANNELS = (Channel.PHONE, Channel.REMOTE)


# --------------------------------------------------------------------------- identity


@hookimpl
def supportcore_vendor_info() -> VendorInfo:
    """Itplusnet Ltda.: Chile, Chilean pesos, Santiago time."""
    return VendorInfo(
        name=NAME,
        title="Itplusnet Ltda.",
        country="CL",
        currency="CLP",
        timezone=TIMEZONE,
        # Empty: derivative products are named in the settings, so check_case checks products.
        products=(),
        channels=(*NAMED_CHANNELS, Channel.ON_SITE),
        categories=dict(CATEGORIES),
        language="es",
        document="TÉRMINOS DE ATENCION SOPORTE ONLINE (Itplusnet Ltda., undated)",
    )


@hookimpl
def supportcore_terms() -> TermsCatalogue:
    """The clause catalogue of ``terms.toml``, loaded once at import."""
    return _TERMS


@hookimpl
def supportcore_calendars(
    settings: VendorSettings, terms: TermsCatalogue
) -> Mapping[str, BusinessCalendar]:
    """One calendar, ``support``, with the schedules ``normal`` and ``special``.

    A holiday subdivision the holidays package does not know is refused before, by
    :func:`supportcore_check_settings`; any other :class:`CalendarError` reaches the engine,
    which refuses the settings when it is built.
    """
    return {CALENDAR: build_calendar(settings, TIMEZONE)}


@hookimpl
def supportcore_check_settings(settings: VendorSettings, terms: TermsCatalogue) -> Iterable[str]:
    """Settings Itplusnet's rules cannot use, checked once when the engine is built: a name in
    ``contact_channels`` that is not a channel, a ``holiday_subdivision`` that is not a Chilean
    region known to the holidays package (the support calendar could not be built)."""
    valid = {c.value for c in Channel}
    for j, name in enumerate(settings.get("contact_channels") or ()):
        if name not in valid:
            yield (
                f"itplusnet.contact_channels[{j}]: {name!r} is not a channel "
                f"(one of {', '.join(sorted(valid))})"
            )
    subdivision = settings.get("holiday_subdivision")
    if subdivision is not None:
        try:
            HolidaySpec("CL", subdiv=subdivision)
        except CalendarError:
            yield (
                f"itplusnet.holiday_subdivision: {subdivision!r} is not a Chilean region known "
                "to the holidays package, so the support calendar cannot be built"
            )


# --------------------------------------------------------------------------- helpers


class _Plan:
    """What the rules take from one settings object and one terms version alone — products,
    channels, prices, citations, priced remedies and one-item quotes — worked out once for the
    pair (see :func:`_plan`) instead of in the hooks of every decision. (Reasons whose text no
    case changes come from ``ctx.fixed_reason``.)"""

    def __init__(self, settings: VendorSettings, terms: TermsVersion, currency: str) -> None:
        self.settings = settings
        self.terms = terms
        self.currency = currency
        derivatives = settings.get("derivative_products") or ()
        self.products: tuple[str, ...] = (MAIN_PRODUCT, *derivatives)
        self.known = {p.casefold() for p in self.products}
        self.scope = (
            "Itplusnet's online support serves customers working with the ITPLUSNET "
            "point-of-sale and management software and its derivatives (products: "
            f"{', '.join(self.products)}; derivatives are named in the setting "
            "itplusnet.derivative_products)"
        )
        listed = tuple(Channel(c) for c in settings.get("contact_channels") or () if c in _VALID)
        self.offered: tuple[Channel, ...] = tuple(dict.fromkeys((*NAMED_CHANNELS, *listed)))
        numbers = settings.get("special_hours_mobile_numbers")
        if numbers:
            self.mobile = "call support on one of the mobile numbers " + " or ".join(numbers)
            self.mobile_missing: tuple[MissingSetting, ...] = ()
        else:
            self.mobile = (
                "call support on one of the two mobile numbers given for special hours (the "
                "numbers are not configured: setting itplusnet.special_hours_mobile_numbers)"
            )
            self.mobile_missing = (settings.missing("special_hours_mobile_numbers"),)
        self.places = area_places(tuple(settings.get("on_site_area") or ()))
        #: how the closing times are read (interpretation ITP-I-CLOSING)
        self.closing = (
            "the minute of each closing time is still served"
            if settings.get("closing_times") == "inclusive"
            else "the desk closes at each closing time"
        )
        #: the closure's action while nothing is paid (ITP-PAY-1)
        self.pay_one = Action(
            "customer", "Pay one attention online.", citations=terms.cite("ITP-PAY-1")
        )
        self._prices: dict[str, Price] = {}
        self._buys: dict[str, Remedy] = {}
        self._cites: dict[tuple[str, ...], tuple[Citation, ...]] = {}
        self._quotes: dict[tuple[str, str, tuple[str, ...]], Quote] = {}
        #: the help desk's duties before the attention starts (nothing due yet)
        self.idle_duties = _desk_duties(self, None)

    def price(self, key: str) -> Price:
        """The price in setting ``key`` with its IVA note (:func:`setting_price`)."""
        price = self._prices.get(key)
        if price is None:
            price = self._prices[key] = setting_price(self.settings, key)
        return price

    def reason(self, code: str, message: str, *clause_ids: str) -> Reason:
        """``ctx.reason``, with the citations built once."""
        return Reason(code, message, self.cite(*clause_ids))

    def cite(self, *clause_ids: str) -> tuple[Citation, ...]:
        """``ctx.cite``, each combination of clauses built once."""
        cites = self._cites.get(clause_ids)
        if cites is None:
            cites = self._cites[clause_ids] = self.terms.cite(*clause_ids)
        return cites

    def buy(self, ref: str) -> Remedy:
        """Remedy: buy a separately sold service with its purchase button (ITP-SEP-1)."""
        remedy = self._buys.get(ref)
        if remedy is None:
            svc = SERVICES[ref]
            price = self.price(svc.price_key)
            remedy = self._buys[ref] = Remedy(
                code=f"buy-{ref.replace('_', '-')}",
                description=f"Buy the {svc.title} separately, with its purchase button.",
                price=price.amount,
                price_note=price.note,
                missing=price.missing,
                citations=self.cite(*svc.clauses),
            )
        return remedy

    def quote(
        self, description: str, price_key: str, clauses: tuple[str, ...], reasons: list[Reason]
    ) -> Quote:
        """The quote for one item with an IVA line (:func:`build_quote`), priced once per item;
        only the case's ``reasons``, which come first, are new."""
        return with_reasons(self.priced(description, price_key, clauses), reasons)

    def priced(self, description: str, price_key: str, clauses: tuple[str, ...]) -> Quote:
        """The quote for one item without the case's reasons, built once per item."""
        key = (description, price_key, clauses)
        quote = self._quotes.get(key)
        if quote is None:
            item = Item(description, price_key, clauses)
            quote = build_quote(self.settings, self.terms, self.currency, [item])
            self._quotes[key] = quote
        return quote


_VALID = frozenset(c.value for c in Channel)
_REFS = ", ".join(("attention", *SERVICE_REFS))


def _new_plan(ctx: Context) -> _Plan:
    return _Plan(ctx.settings, ctx.terms, ctx.vendor.currency)


def _plan(ctx: Context) -> _Plan:
    """The settings-only work, done once per engine and terms version (``ctx.prepared``)."""
    return ctx.prepared("itplusnet:plan", _new_plan)


class _Facts:
    """What the rules work out about one case, each at most once: the hooks share it through
    ``ctx.memo``."""

    def __init__(self, ctx: Context) -> None:
        self.ctx = ctx
        self.plan = _plan(ctx)
        #: the separately sold service the request asks for (ITP-SEP-1), if any
        self.service = separate_service(ctx)

        self._status: OpenStatus | None = None
        self._tariff: Tariff | None = None
        self._problem: Coverage | None = None

    @property
    def status(self) -> OpenStatus:
        """The support calendar at the evaluation instant."""
        if self._status is None:
            self._status = self.ctx.calendars[CALENDAR].status(self.ctx.at)
        return self._status

    @property
    def tariff(self) -> Tariff:
        """The tariff of an attention paid now."""
        if self._tariff is None:
            self._tariff = tariff_for(self.ctx, self.ctx.at, self.status)
            assert self._tariff is not None  # the engine refuses settings without the calendar
        return self._tariff

    @property
    def problem(self) -> Coverage:
        """What the terms say about the problem itself (its category, the system's bits),
        whatever the channel: an attention is sold only when they do not exclude it."""
        if self._problem is None:
            self._problem = _problem_coverage(self.ctx, self)
        return self._problem


def _facts(ctx: Context) -> _Facts:
    facts: _Facts | None = ctx.memo.get(_FACTS)
    if facts is None:
        facts = ctx.memo[_FACTS] = _Facts(ctx)
    return facts


_FACTS = "itplusnet:facts"


def offered_channels(ctx: Context) -> tuple[Channel, ...]:
    """Phone and remote (named by the document) plus the integrator's ``contact_channels``
    (the "varias vías de contacto" of the page shown after payment, ITP-PAY-2)."""
    return _facts(ctx).plan.offered


def _pay_attention(facts: _Facts, *, new: bool) -> Remedy:
    """Remedy: pay one (new) attention online, priced at the tariff in force now."""
    plan, tariff = facts.plan, facts.tariff
    price = plan.price(tariff.price_key)
    how = (
        f"then {plan.mobile}"
        if tariff.schedule == SPECIAL
        else "then use one of the contact channels you are given, or wait for a technician's call"
    )
    return Remedy(
        code="pay-new-attention" if new else "pay-attention",
        description=(
            f"Pay {'a new' if new else 'one'} attention online (up to {ATTENTION_MINUTES} "
            f"minutes) at the {tariff.label} price{tariff.closed_note()}; {how}."
        ),
        price=price.amount,
        price_note=price.note,
        missing=price.missing,
        citations=plan.cite("ITP-PAY-1", "ITP-PAY-2", tariff.clause, "ITP-CAP-1"),
    )


def _attention_remedies(
    facts: _Facts, *, new: bool
) -> tuple[tuple[Reason, ...], tuple[Remedy, ...]]:
    """Pay one (new) attention, unless the terms exclude the problem: an attention would not
    solve it, so it is not sold; the reason says so and the coverage's alternatives (the
    separately sold service, a 32-bit system) are the remedies."""
    problem = facts.problem
    if problem.status != CoverageStatus.EXCLUDED:
        return (), (_pay_attention(facts, new=new),)
    cites = tuple(dict.fromkeys(c for r in problem.reasons for c in r.citations))
    reason = Reason(
        "attention-not-sold",
        "An online attention is not sold for this request, since the online support does not "
        f"handle it: {problem.reasons[0].message} (See coverage for what can be done instead.)",
        cites,
    )
    return (reason,), problem.remedies


def _not_started(ctx: Context, att: Attention) -> str:
    if att.start_rule == "payment":
        return "its 90 minutes start at the next opening"
    return "its 90 minutes start when the technician starts attending you"


# --------------------------------------------------------------------------- per case


@hookimpl
def supportcore_check_case(ctx: Context) -> Iterable[Problem]:
    """Input only Itplusnet can judge: its products, payments in CLP with a known ``ref``.
    (Settings are checked once, by :func:`supportcore_check_settings`.)"""
    problems: list[Problem] = []
    plan = _facts(ctx).plan
    known, scope = plan.known, plan.scope
    if ctx.request.product.casefold() not in known:
        problems.append(
            Problem(
                "request.product",
                f"{ctx.request.product!r} is not an Itplusnet product. {scope}",
                "error",
            )
        )
    for i, lic in enumerate(ctx.case.licences):
        if lic.product.casefold() not in known:
            problems.append(
                Problem(
                    f"licences[{i}].product",
                    f"{lic.product!r} is not an Itplusnet product. {scope}",
                    "error",
                )
            )
    for i, event in enumerate(ctx.case.ticket.events):
        if event.kind is not EventKind.PAYMENT:
            continue
        if event.ref not in ATTENTION_REFS and event.ref not in SERVICE_REFS:
            problems.append(
                Problem(
                    f"ticket.events[{i}].ref",
                    f"{event.ref!r} is not something Itplusnet sells; a payment's ref is one of "
                    f"{_REFS} (none means an attention)",
                    "error",
                )
            )
        if event.amount is not None and event.amount.currency != ctx.vendor.currency:
            problems.append(
                Problem(
                    f"ticket.events[{i}].amount",
                    f"a payment to Itplusnet is in CLP, not {event.amount.currency}",
                    "error",
                )
            )
    if ctx.case.contracts:
        problems.append(
            Problem(
                "contracts",
                "Itplusnet's online support needs no contract (each attention is paid online); "
                "the contracts given are not considered",
                "warning",
            )
        )
    return problems


@hookimpl
def supportcore_service_hours(ctx: Context) -> Service:
    """Normal or special hours now, the next opening, and when a paid attention is due."""
    channel = str(ctx.request.channel)
    facts = _facts(ctx)
    plan = facts.plan
    if ctx.request.channel is Channel.ON_SITE:
        # (an on-site request made by phone or another channel of the desk gets the desk's hours)
        return Service(
            channel=channel,
            reasons=(
                ctx.fixed_reason(
                    "on-site-hours-not-published",
                    "On-site technical assistance is a separate service bought with its purchase "
                    "button; the terms publish no hours for it.",
                    "ITP-SEP-1",
                ),
            ),
        )
    if ctx.request.channel not in plan.offered:
        # the service's refusal: the channel never opens; entitlement, coverage and price stay
        # what they would be on a channel the desk offers
        names = ", ".join(c.value for c in plan.offered)
        return Service(
            channel=channel,
            open_now=False,
            reasons=(
                ctx.fixed_reason(
                    "channel-not-offered",
                    f"Itplusnet's online support does not take requests by "
                    f"{ctx.request.channel.value}: after paying you are given the ways to contact "
                    f"support, or a technician phones you (channels offered: {names}).",
                    "ITP-PAY-2",
                    "ITP-HOURS-3",
                    "ITP-RESP-2",
                ),
            ),
        )
    cal = ctx.calendars[CALENDAR]
    local = ctx.local_at
    status = facts.status
    schedule = status.schedule
    reasons: list[Reason] = []
    missing: tuple[MissingSetting, ...] = ()
    if schedule is not None:
        reasons.append(
            plan.reason(
                f"{schedule}-hours",
                f"The help desk is open: {fmt(local)} is in {LABEL[schedule]}.",
                HOURS_CLAUSE[schedule],
            )
        )
        if schedule == SPECIAL:
            reasons.append(
                ctx.fixed_reason(
                    "special-hours-mobile-numbers",
                    f"Only in special hours: you receive two mobile numbers and {plan.mobile}.",
                    "ITP-HOURS-3",
                )
            )
            missing = plan.mobile_missing
    else:
        why = cal.explain_closed(local.date()) or ""
        if why.startswith("public holiday"):
            reasons.append(
                plan.reason(
                    "public-holiday",
                    f"The help desk is closed: {local:%Y-%m-%d} is a {why}, and public holidays "
                    "are not working days.",
                    "ITP-HOURS-4",
                )
            )
        else:
            reasons.append(
                plan.reason(
                    "outside-hours",
                    f"The help desk is closed at {fmt(local)}: normal hours are Monday to Friday "
                    "09:00-18:30; special hours Monday to Friday 18:31-22:00, Saturday 10:00-21:00 "
                    f"and Sunday 10:00-14:00 ({plan.closing}).",
                    "ITP-HOURS-1",
                    "ITP-HOURS-2",
                )
            )
    nxt = status.next_open
    if schedule is None:
        opening = facts.tariff.schedule  # the schedule of the next opening
        reasons.append(
            plan.reason(
                "next-opening",
                f"It opens next on {fmt(nxt)} ({LABEL[opening]}).",
                HOURS_CLAUSE[opening],
            )
        )
    due = None
    if facts.service is None:
        att = attention_state(ctx)
        if att.payment is None:
            reasons.append(
                ctx.fixed_reason(
                    "pay-first",
                    "An attention is served once it is paid online; no contract is needed.",
                    "ITP-PAY-1",
                )
            )
        elif not att.started:
            due = att.paid_status.next_open
            when = "immediately" if due == att.paid_local else f"at the next opening, {fmt(due)}"
            reasons.append(
                plan.reason(
                    "attention-due",
                    f"The attention paid on {att.paid_on} is to be given {when}.",
                    "ITP-PAY-1",
                )
            )
    return Service(
        channel=channel,
        open_now=schedule is not None,
        schedule=schedule,
        next_opening=nxt if schedule is None else None,
        response_due=due,
        reasons=tuple(reasons),
        missing=missing,
    )


def _service_eligibility(ctx: Context, facts: _Facts, ref: str) -> Eligibility:
    svc = SERVICES[ref]
    plan = facts.plan
    if ref == "on_site":
        location = ctx.request.environment.location
        if location is None:
            return Eligibility(
                EligibilityStatus.UNDETERMINED,
                reasons=(
                    ctx.fixed_reason(
                        "on-site-location-unknown",
                        "On-site technical assistance is offered only in Santiago, and the site's "
                        "location is not given (request.environment.location).",
                        "ITP-SEP-1",
                    ),
                ),
                remedies=(plan.buy(ref),),
            )
        if not location_in_places(location, plan.places):
            not_sold, remedies = _attention_remedies(facts, new=False)
            return Eligibility(
                EligibilityStatus.NOT_ENTITLED,
                reasons=(
                    plan.reason(
                        "on-site-not-offered",
                        f"On-site technical assistance is offered only in Santiago, not in "
                        f"{location}.",
                        "ITP-SEP-1",
                    ),
                    *not_sold,
                ),
                remedies=remedies,
            )
    bought = payments_for(ctx, ref)
    if bought:
        paid = ctx.local(bought[-1].at)
        return Eligibility(
            EligibilityStatus.ENTITLED,
            basis=(
                plan.reason(
                    "service-bought",
                    f"The {svc.title} was bought on {fmt(paid)} with its purchase button.",
                    *svc.clauses,
                ),
            ),
        )
    return Eligibility(
        EligibilityStatus.NOT_ENTITLED,
        reasons=(
            ctx.fixed_reason(
                "bought-separately",
                f"The {svc.title} is not part of the online support, so a paid attention does not "
                "include it: it is bought separately with its purchase button.",
                *svc.clauses,
            ),
        ),
        remedies=(plan.buy(ref),),
    )


@hookimpl
def supportcore_eligibility(ctx: Context, service: Service) -> Eligibility:
    """Entitled while a paid attention is within its 90 minutes; no contract is needed."""
    facts = _facts(ctx)
    plan = facts.plan
    if facts.service is not None:
        return _service_eligibility(ctx, facts, facts.service)
    att = attention_state(ctx)
    if att.payment is None:
        not_sold, remedies = _attention_remedies(facts, new=False)
        return Eligibility(
            EligibilityStatus.NOT_ENTITLED,
            reasons=(
                ctx.fixed_reason(
                    "no-paid-attention",
                    "No attention has been paid yet. Itplusnet's online support needs no contract: "
                    "each attention is paid online and then served.",
                    "ITP-PAY-1",
                    "ITP-SCOPE-1",
                ),
                *not_sold,
            ),
            remedies=remedies,
        )
    amount = f" ({att.payment.amount})" if att.payment.amount is not None else ""
    if att.ended:
        not_sold, remedies = _attention_remedies(facts, new=True)
        return Eligibility(
            EligibilityStatus.NOT_ENTITLED,
            reasons=(
                plan.reason(
                    "attention-limit-reached",
                    f"The attention paid on {att.paid_on}{amount} {att.window}: its "
                    f"{ATTENTION_MINUTES}-minute limit has been reached, so continuing needs a new "
                    "attention.",
                    "ITP-CAP-1",
                ),
                *not_sold,
            ),
            remedies=remedies,
        )
    basis = [
        plan.reason(
            "attention-paid",
            f"Attention paid online on {att.paid_on}{amount}; no contract is needed.",
            "ITP-PAY-1",
            "ITP-SCOPE-1",
        )
    ]
    if att.started:
        basis.append(
            plan.reason(
                "attention-running",
                f"The attention {att.window}.",
                "ITP-CAP-1",
            )
        )
    else:
        basis.append(
            ctx.fixed_reason(
                "attention-not-started",
                f"The attention has not started yet; {_not_started(ctx, att)}, and it lasts at "
                f"most {ATTENTION_MINUTES} minutes.",
                "ITP-CAP-1",
            )
        )
    return Eligibility(
        EligibilityStatus.ENTITLED,
        basis=tuple(basis),
        remaining_minutes=att.remaining_minutes(ctx.at),
    )


def _incompatible(ctx: Context, plan: _Plan, bits: int) -> Coverage:
    return Coverage(
        CoverageStatus.EXCLUDED,
        ctx.request.category,
        reasons=(
            ctx.fixed_reason(
                "incompatible-os",
                f"ItPlusnet only works on 32-bit versions of the operating system, not on a "
                f"{bits}-bit one: that incompatibility is outside the online support.",
                "ITP-LIM-0",
                "ITP-LIM-INCOMPAT",
            ),
        ),
        remedies=(
            Remedy(
                "use-32-bit-os",
                "Run ItPlusnet on a 32-bit version of the operating system.",
                citations=plan.cite("ITP-LIM-INCOMPAT"),
            ),
        ),
    )


def _on_site_coverage(ctx: Context, facts: _Facts) -> Coverage:
    cat = ctx.request.category
    location = ctx.request.environment.location
    plan = facts.plan
    if location is None:
        return Coverage(
            CoverageStatus.UNDETERMINED,
            cat,
            reasons=(
                ctx.fixed_reason(
                    "on-site-location-unknown",
                    "On-site technical assistance is offered only in Santiago, and the site's "
                    "location is not given (request.environment.location).",
                    "ITP-SEP-1",
                ),
            ),
        )
    if not location_in_places(location, plan.places):
        return Coverage(
            CoverageStatus.EXCLUDED,
            cat,
            reasons=(
                plan.reason(
                    "on-site-not-offered",
                    f"On-site technical assistance is offered only in Santiago; it is not offered "
                    f"in {location}.",
                    "ITP-SEP-1",
                ),
            ),
            remedies=_attention_remedies(facts, new=False)[1],
        )
    return Coverage(
        CoverageStatus.BILLABLE,
        cat,
        reasons=(
            plan.reason(
                "bought-separately",
                f"On-site technical assistance in {location} is not part of the online support: it "
                "is bought separately with its purchase button.",
                "ITP-SEP-1",
            ),
        ),
        remedies=(plan.buy("on_site"),),
    )


@hookimpl
def supportcore_exclusions(ctx: Context, eligibility: Eligibility) -> Coverage:
    """Covered (the help desk's list), excluded (its limits), billable (sold separately), or
    undetermined (a category no clause names)."""
    facts = _facts(ctx)
    if facts.service == "on_site":
        return _on_site_coverage(ctx, facts)
    return facts.problem


def _problem_coverage(ctx: Context, facts: _Facts) -> Coverage:
    """The coverage of the request's category (and the system's bits) by the help desk's list,
    its limits and the services sold separately."""
    cat = ctx.request.category
    plan = facts.plan
    bits = ctx.request.environment.os_bits
    not_32 = bits is not None and bits != 32
    if cat == "os_compatibility":
        if bits is not None and not_32:
            return _incompatible(ctx, plan, bits)
        reasons = [
            ctx.fixed_reason(
                "help-desk-task",
                "Solving compatibility problems between your equipment (or operating system) and "
                "our software is part of what the help desk does for a paid online attention.",
                "ITP-DESK-1",
            )
        ]
        if bits is None:
            reasons.append(
                ctx.fixed_reason(
                    "runs-on-32-bit",
                    "The software only works on 32-bit versions of the operating system; if yours "
                    "is 64-bit, that incompatibility is outside the online support.",
                    "ITP-LIM-INCOMPAT",
                )
            )
        return Coverage(CoverageStatus.COVERED, cat, reasons=tuple(reasons))
    rule = rule_for(cat)
    if (
        bits is not None
        and not_32
        and ctx.settings.get("exclude_all_on_64bit")
        and (rule is None or rule.status == COVERED)
    ):
        return _incompatible(ctx, plan, bits)
    if rule is None:
        hint = UNDETERMINED_HINTS.get(cat, "")
        return Coverage(
            CoverageStatus.UNDETERMINED,
            cat,
            reasons=(
                ctx.fixed_reason(
                    "not-in-terms",
                    f"The terms neither list {cat!r} among the help desk's tasks nor exclude it "
                    f"(the list ends with 'entre otros'): the help desk decides. {hint}".rstrip(),
                    "ITP-DESK-1",
                    "ITP-LIM-0",
                ),
            ),
        )
    reasons = [ctx.fixed_reason(rule.code, rule.message, *rule.clauses)]
    remedies: list[Remedy] = []
    if rule.status == COVERED:
        status = CoverageStatus.COVERED
        if bits is not None and not_32:
            reasons.append(
                ctx.fixed_reason(
                    "os-not-32-bit",
                    f"Note: ItPlusnet only works on 32-bit versions of the operating system and "
                    f"this one is {bits}-bit; if the problem comes from that, it is an "
                    "incompatibility outside the online support.",
                    "ITP-LIM-INCOMPAT",
                )
            )
    elif rule.status == EXCLUDED:
        status = CoverageStatus.EXCLUDED
        if rule.service is not None:
            remedies.append(plan.buy(rule.service))
    else:
        assert rule.status == BILLABLE and rule.service is not None
        status = CoverageStatus.BILLABLE
        remedies.append(plan.buy(rule.service))
    return Coverage(status, cat, reasons=tuple(reasons), remedies=tuple(remedies))


@hookimpl
def supportcore_pricing(ctx: Context, eligibility: Eligibility, coverage: Coverage) -> Quote:
    """The attention (paid, or to pay) at its tariff, or the separately sold service, with
    IVA; nothing for what the online support does not provide."""
    currency = ctx.vendor.currency
    if coverage.status == CoverageStatus.EXCLUDED:
        cites = tuple(c for r in coverage.reasons for c in r.citations)
        return Quote(
            currency,
            QuoteStatus.NOT_APPLICABLE,
            reasons=(
                Reason(
                    "not-provided",
                    "Nothing is priced: the online support does not provide this (see the coverage "
                    "remedies for what can be bought instead).",
                    cites,
                ),
            ),
        )
    if coverage.status == CoverageStatus.UNDETERMINED:
        cites = tuple(c for r in coverage.reasons for c in r.citations)
        return Quote(
            currency,
            QuoteStatus.UNDETERMINED,
            reasons=(
                Reason(
                    "coverage-undetermined",
                    "No price is quoted while it is undetermined whether the terms cover this "
                    "request (see coverage).",
                    cites,
                ),
            ),
        )
    facts = _facts(ctx)
    plan = facts.plan
    ref = facts.service
    if ref is not None:
        svc = SERVICES[ref]
        return plan.quote(
            svc.title[0].upper() + svc.title[1:],
            svc.price_key,
            svc.clauses,
            [
                ctx.fixed_reason(
                    "bought-separately",
                    f"The {svc.title} is priced on its own, apart from the online support.",
                    *svc.clauses,
                )
            ],
        )
    att = attention_state(ctx)
    if att.payment is not None and not att.ended:
        tariff = tariff_for(ctx, att.payment.at, att.paid_status)
        assert tariff is not None
        quote = plan.priced(
            f"Online attention (up to {ATTENTION_MINUTES} minutes), {tariff.label}",
            tariff.price_key,
            ("ITP-PAY-1", tariff.clause, "ITP-CAP-1"),
        )
        reasons = [
            plan.reason(
                "attention-paid",
                f"The attention was paid online on {att.paid_on}; it is charged "
                f"{tariff.describe()}.",
                "ITP-PAY-1",
                tariff.clause,
            )
        ]
        paid = att.payment.amount
        if (
            paid is not None
            and quote.status == QuoteStatus.COMPLETE
            and quote.total is not None
            and paid.amount != quote.total.amount
        ):
            reasons.append(
                plan.reason(
                    "amount-paid-differs",
                    f"Note: the amount paid, {paid}, differs from the {tariff.label} price of an "
                    f"attention, {quote.total} (setting itplusnet.{tariff.price_key}); the "
                    "payment and the price settings should be checked.",
                    "ITP-PAY-1",
                    tariff.clause,
                )
            )
        return with_reasons(quote, reasons)
    tariff = facts.tariff
    reasons = [
        plan.reason(
            "attention-to-pay",
            "Each attention is paid online before it is served (no contract is needed); one paid "
            f"now is charged {tariff.describe()}.",
            "ITP-PAY-1",
            tariff.clause,
        )
    ]
    if att.ended:
        reasons.append(
            ctx.fixed_reason(
                "attention-limit-reached",
                f"The attention paid earlier reached its {ATTENTION_MINUTES}-minute limit: "
                "continuing needs a new attention.",
                "ITP-CAP-1",
            )
        )
    label = "New online attention" if att.ended else "Online attention"
    return plan.quote(
        f"{label} (up to {ATTENTION_MINUTES} minutes), {tariff.label}",
        tariff.price_key,
        ("ITP-PAY-1", tariff.clause, "ITP-CAP-1"),
        reasons,
    )


def _contact_action(ctx: Context, facts: _Facts, att: Attention) -> Action:
    """Who contacts whom: in special hours the customer calls the mobile numbers (ITP-HOURS-3);
    otherwise the contact channels of the payment page, or a technician's call (ITP-PAY-2).
    Due when the attention is due: at the payment, or at the next opening (ITP-I-IMMEDIATE)."""
    due = att.paid_status.next_open
    if facts.tariff.schedule == SPECIAL:
        return Action(
            "customer",
            f"In special hours, {facts.plan.mobile}.",
            due=due,
            citations=ctx.cite("ITP-HOURS-3"),
        )
    return Action(
        "vendor",
        "A technician phones the customer, unless the customer uses one of the contact "
        "channels given on the page after payment.",
        due=due,
        citations=ctx.cite("ITP-PAY-2"),
    )


def _desk_duties(plan: _Plan, due: datetime | None) -> tuple[Action, ...]:
    return (
        Action(
            "vendor",
            "Analyse the problem and deliver a solution without damaging the customer's "
            "information.",
            due=due,
            citations=plan.cite("ITP-RESP-1"),
        ),
        Action(
            "vendor",
            "Connect remotely over a secure connection, keep the customer's processes and "
            "information private, and tell the customer which solutions will be applied to "
            "their computer.",
            due=due,
            citations=plan.cite("ITP-RESP-2"),
        ),
    )


@hookimpl
def supportcore_closure(ctx: Context, eligibility: Eligibility, coverage: Coverage) -> Closure:
    """The terms' only closing rule is the 90-minute limit of an attention (ITP-I-CLOSURE)."""
    facts = _facts(ctx)
    plan = facts.plan
    ref = facts.service
    if ref is not None:
        return Closure(
            ClosureStatus.UNDETERMINED,
            reasons=(
                ctx.fixed_reason(
                    "no-closing-rule",
                    f"The terms set no closing rule for the {SERVICES[ref].title}, a service "
                    f"bought separately; the {ATTENTION_MINUTES}-minute limit applies to online "
                    "attentions.",
                    "ITP-CAP-1",
                    "ITP-SEP-1",
                ),
            ),
        )
    att = attention_state(ctx)
    if att.payment is None:
        return Closure(
            ClosureStatus.UNDETERMINED,
            reasons=(
                ctx.fixed_reason(
                    "no-attention",
                    "Nothing is open yet: an attention starts once it is paid online, and the "
                    f"terms' only closing rule is its {ATTENTION_MINUTES}-minute limit.",
                    "ITP-PAY-1",
                    "ITP-CAP-1",
                ),
            ),
            actions=(plan.pay_one,) if facts.problem.status != CoverageStatus.EXCLUDED else (),
        )
    paid_at = att.payment.at.timestamp()
    closed = None  # the first CLOSED event since the payment
    for event in ctx.case.ticket.events:
        if event.kind is EventKind.CLOSED and event.at.timestamp() >= paid_at:
            closed = event
            break
    if (
        att.ended
        and att.ends_at is not None
        and (closed is None or closed.at.timestamp() >= att.ends_at.timestamp())
    ):
        return Closure(
            ClosureStatus.CLOSED,
            closed_at=att.ends_at,
            reasons=(
                plan.reason(
                    "attention-limit-reached",
                    f"The attention paid on {att.paid_on} {att.window}: it ended "
                    f"when its {ATTENTION_MINUTES}-minute limit was reached.",
                    "ITP-CAP-1",
                ),
            ),
            actions=(
                (
                    Action(
                        "customer",
                        "Pay a new attention online to continue, if the problem is not solved.",
                        citations=plan.cite("ITP-CAP-1", "ITP-PAY-1"),
                    ),
                )
                if facts.problem.status != CoverageStatus.EXCLUDED
                else ()
            ),
        )
    if closed is not None:
        limit = (
            f", before its {ATTENTION_MINUTES}-minute limit (on {fmt(ctx.local(att.ends_at))})"
            if att.ends_at is not None
            else f", before its {ATTENTION_MINUTES}-minute limit started counting"
        )
        return Closure(
            ClosureStatus.CLOSED,
            closed_at=ctx.local(closed.at),
            reasons=(
                plan.reason(
                    "closed-on-ticket",
                    f"The ticket was recorded as closed on {fmt(ctx.local(closed.at))}{limit}.",
                    "ITP-CAP-1",
                ),
            ),
        )
    if not att.started:
        return Closure(
            ClosureStatus.OPEN,
            reasons=(
                plan.reason(
                    "attention-not-started",
                    f"The attention paid on {att.paid_on} has not started; "
                    f"{_not_started(ctx, att)}, and it closes {ATTENTION_MINUTES} minutes later.",
                    "ITP-CAP-1",
                ),
            ),
            actions=(_contact_action(ctx, facts, att), *plan.idle_duties),
        )
    return Closure(
        ClosureStatus.OPEN,
        closes_at=att.ends_at,
        reasons=(
            plan.reason(
                "attention-running",
                f"The attention paid on {att.paid_on} {att.window}; it closes then, or as soon "
                f"as {ATTENTION_MINUTES} minutes of work have been logged on it, unless it is "
                "closed earlier.",
                "ITP-CAP-1",
            ),
        ),
        actions=_desk_duties(plan, att.ends_at),
    )
