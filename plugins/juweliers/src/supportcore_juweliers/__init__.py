"""supportcore plugin: the "Bijstandsovereenkomst Juwelierssoftware" as executable policy.

A Belgian jewellers' software house sells its "juwelierspakket" with an assistance agreement: a
fixed monthly amount (depending on the installed modules, invoiced per 3 months) for free
upgrades, further training, keeping the application online, an internet link for quick help and
telephone help (except during the holiday periods); reinstallation and problems with an external
cause are charged at regie rates; after cancellation (by letter, e-mail or fax) every service is
charged at regie rates with a minimum of one hour, and an adaptation of the package needs an
upgrade priced at 1/60 of the licence cost per month without an agreement.

The hooks below are thin: the rules live in :mod:`supportcore_juweliers.rules`, the reading of
the case in :mod:`supportcore_juweliers.facts`, the clauses in ``terms.toml``.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date

import attrs

from supportcore import (
    Closure,
    Context,
    Coverage,
    Eligibility,
    Problem,
    Quote,
    Service,
    TermsCatalogue,
    VendorSettings,
    hookimpl,
    load_terms,
)
from supportcore.calendar import BusinessCalendar, CalendarSpec
from supportcore.model import EventKind

from . import rules
from .facts import FACTS, PRODUCT, QUARTER_MONTHS, parse_version

__all__ = ["SUPPORTCORE_HOOK_API", "TERMS"]

SUPPORTCORE_HOOK_API = 1

#: The terms catalogue, loaded once at import.
TERMS: TermsCatalogue = load_terms(__name__)


@hookimpl
def supportcore_terms() -> TermsCatalogue:
    """The clauses, interpretations and settings of ``terms.toml``."""
    return TERMS


@hookimpl
def supportcore_calendars(
    settings: VendorSettings, terms: TermsCatalogue
) -> Mapping[str, BusinessCalendar]:
    """``phone``: the office hours closed during the holiday periods (JUW-PHONE); ``internet``:
    the office hours, closed during them only if the setting says so (JUW-LINK)."""
    spec = settings.get("office_hours")
    if not isinstance(spec, CalendarSpec):
        return {}
    holidays = tuple(settings.get("holiday_periods") or ())
    with_holidays = attrs.evolve(spec, closures=(*spec.closures, *holidays))
    internet = with_holidays if settings.get("holiday_periods_close_internet_help") else spec
    return {"phone": with_holidays.build("phone"), "internet": internet.build("internet")}


@hookimpl
def supportcore_check_settings(settings: VendorSettings, terms: TermsCatalogue) -> Iterable[str]:
    """A non-positive ``regie_increment_minutes``, checked once when the engine is built (the
    core checks each setting's kind, ``latest_version`` a comparable version)."""
    increment = settings.get("regie_increment_minutes")
    if increment is not None and increment <= 0:
        yield (
            "juweliers.regie_increment_minutes: must be a positive number of minutes, "
            f"got {increment}"
        )


def _version_problem(field: str, text: str) -> Problem:
    return Problem(
        field,
        f"{text!r} is not a version of the juwelierspakket that can be compared "
        "(expected dotted numbers such as 2026.1)",
        "error",
    )


def _version_problems(ctx: Context, a: rules.Assessment) -> Iterable[Problem]:
    version = ctx.request.version
    if version is not None and parse_version(version) is None:
        yield _version_problem("request.version", version)
    for i, lic in enumerate(ctx.case.licences):
        if lic.version is not None and parse_version(lic.version) is None:
            yield _version_problem(f"licences[{i}].version", lic.version)
    installed, newest = a.installed, a.fixed.latest
    if installed is not None and newest is not None:
        have = parse_version(installed[0])
        if have is not None and have > newest:
            yield Problem(
                installed[1],
                f"version {installed[0]} is newer than the latest version {a.fixed.latest_text} "
                "in the settings (juweliers.latest_version may be out of date)",
            )


def _contract_problems(ctx: Context) -> Iterable[Problem]:
    for i, c in enumerate(ctx.case.contracts):
        path = f"contracts[{i}]"
        if c.product is not None and c.product != PRODUCT:
            yield Problem(f"{path}.product", f"{c.product!r} is not {PRODUCT!r}", "error")
        if c.cancellation_notice_on is not None and c.cancellation_channel is None:
            yield Problem(
                f"{path}.cancellation_channel",
                "a notice of cancellation needs its channel (letter, email or fax) to be judged",
                "error",
            )
        if c.cancellation_channel is not None and c.cancellation_notice_on is None:
            yield Problem(
                f"{path}.cancellation_notice_on",
                "a cancellation channel needs the day the notice was received",
                "error",
            )
        if c.price is not None and c.price.currency != ctx.vendor.currency:
            yield Problem(f"{path}.price", f"must be in {ctx.vendor.currency}", "error")
        if c.billing_months is not None and c.billing_months != QUARTER_MONTHS:
            yield Problem(
                f"{path}.billing_months",
                f"the terms invoice per {QUARTER_MONTHS} months; {c.billing_months} is ignored",
            )
    for i, lic in enumerate(ctx.case.licences):
        if lic.cost is not None and lic.cost.currency != ctx.vendor.currency:
            yield Problem(f"licences[{i}].cost", f"must be in {ctx.vendor.currency}", "error")
    for i, event in enumerate(ctx.case.ticket.events):
        amount = event.amount if event.kind is EventKind.PAYMENT else None
        if amount is not None and amount.currency != ctx.vendor.currency:
            yield Problem(
                f"ticket.events[{i}].amount", f"must be in {ctx.vendor.currency}", "error"
            )


def _fact_problems(facts: Mapping[str, str]) -> Iterable[Problem]:
    for key, value in facts.items():
        path = f"request.facts.{key}"
        if key not in FACTS:
            yield Problem(path, f"not a fact the juweliers terms use ({', '.join(FACTS)}); ignored")
            continue
        allowed = FACTS[key]
        if allowed is None:
            try:
                date.fromisoformat(value.strip())
            except ValueError:
                yield Problem(path, f"{value!r} is not a date (YYYY-MM-DD)", "error")
        elif value not in allowed:
            yield Problem(path, f"{value!r} is not one of {', '.join(allowed)}", "error")


@hookimpl
def supportcore_check_case(ctx: Context) -> Iterable[Problem]:
    """Versions that cannot be compared, a notice without its channel, amounts in another
    currency, unknown or malformed request facts, a case without a licence of the package.
    (Settings are checked once, by :func:`supportcore_check_settings`.)"""
    a = rules.assessment(ctx)
    problems = [*_version_problems(ctx, a)]
    if ctx.case.contracts or ctx.case.licences:
        problems.extend(_contract_problems(ctx))
    facts = ctx.request.facts
    if facts:
        problems.extend(_fact_problems(facts))
    if not a.licences:
        problems.append(
            Problem(
                "licences",
                f"no licence of the {PRODUCT}: the agreement is charged from its purchase and "
                "upgrades are priced on its cost",
            )
        )
    return problems


@hookimpl
def supportcore_service_hours(ctx: Context) -> Service:
    """Telephone help and the internet link: open now, next opening (JUW-PHONE, JUW-LINK)."""
    return rules.service_hours(ctx)


@hookimpl
def supportcore_eligibility(ctx: Context, service: Service) -> Eligibility:
    """The agreement in force, the channel rules, the version rules."""
    return rules.eligibility(ctx, service)


@hookimpl
def supportcore_exclusions(ctx: Context, eligibility: Eligibility) -> Coverage:
    """What the agreement covers, excludes, or what is charged without it."""
    return rules.coverage(ctx, eligibility)


@hookimpl
def supportcore_pricing(ctx: Context, eligibility: Eligibility, coverage: Coverage) -> Quote:
    """Regie time, the upgrade price, the invoiced quarter on cancellation; BTW."""
    return rules.pricing(ctx, eligibility, coverage)


@hookimpl
def supportcore_closure(ctx: Context, eligibility: Eligibility, coverage: Coverage) -> Closure:
    """Undetermined: the terms do not say when a ticket closes; the actions still owed."""
    return rules.closure(ctx, eligibility, coverage)
