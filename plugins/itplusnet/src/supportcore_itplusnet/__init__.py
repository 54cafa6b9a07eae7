"""supportcore plugin for Itplusnet Ltda.'s online support ("SOPORTE ONLINE"), Chile.

No contract: the customer pays one attention online and is served for at most 90 minutes, in
normal or special hours. ``terms.toml`` holds the clauses and the tables the core applies
(channels, the desk's hours, IVA, coverage by category, the services sold separately);
``prepared.py`` what the settings give, ``facts.py`` what a case says (the paid attention and
its 90 minutes, the tariff in force); one module per question holds the rules that are logic.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

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
from supportcore.calendar import BusinessCalendar

from . import closure, coverage, eligibility, facts, pricing, service
from .facts import Facts
from .prepared import Prepared, prepare

__all__ = ["SUPPORTCORE_HOOK_API", "TERMS"]

#: The supportcore hook API this plugin is written for.
SUPPORTCORE_HOOK_API = 2

#: The terms, read once: identity, clauses, interpretations, settings and tables.
TERMS = load_terms(__name__)

Ctx = Context[Prepared, Facts]


@hookimpl
def supportcore_terms() -> TermsCatalogue:
    return TERMS


@hookimpl
def supportcore_prepare(
    settings: VendorSettings, terms: TermsCatalogue, calendars: Mapping[str, BusinessCalendar]
) -> Prepared:
    return prepare(settings, terms, calendars)


@hookimpl
def supportcore_assess(ctx: Ctx) -> Facts:
    return facts.assess(ctx)


@hookimpl
def supportcore_check_case(ctx: Ctx) -> Iterable[Problem]:
    return facts.check_case(ctx)


@hookimpl
def supportcore_service_hours(ctx: Ctx) -> Service:
    return service.service_hours(ctx)


@hookimpl
def supportcore_eligibility(ctx: Ctx, service: Service) -> Eligibility:
    return eligibility.eligibility(ctx)


@hookimpl
def supportcore_exclusions(ctx: Ctx, eligibility: Eligibility) -> Coverage:
    return coverage.exclusions(ctx)


@hookimpl
def supportcore_pricing(ctx: Ctx, eligibility: Eligibility, coverage: Coverage) -> Quote:
    return pricing.pricing(ctx, coverage)


@hookimpl
def supportcore_closure(ctx: Ctx, eligibility: Eligibility, coverage: Coverage) -> Closure:
    return closure.closure(ctx)
