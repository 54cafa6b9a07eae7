"""supportcore plugin: Visual System Data Software's ("informapuntcom") support terms.

Support plans for eSAT, eServicios and eFacturación (Spain, EUR, Europe/Madrid): a plan in force
contracted and paid before the request, hours for the whole plan period, channels per plan with
phone and remote attention by invitation, required request data, 24 business-hour answers,
closure after 48 hours without answer, remote appointments (4 hours' notice, a 15-minute wait,
+30 minutes), no automatic renewal. Identity, channels, hours, tax, coverage and service levels
are tables of ``terms.toml``; each hook applies the rules of one module.
"""

from __future__ import annotations

from collections.abc import Mapping

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

from .closure import closure
from .coverage import coverage
from .eligibility import eligibility
from .facts import Facts, assess, check_case
from .prepared import Prepared, prepare
from .pricing import price
from .service import service

__all__ = ["SUPPORTCORE_HOOK_API", "TERMS"]

SUPPORTCORE_HOOK_API = 2
TERMS: TermsCatalogue = load_terms(__name__)
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
    return assess(ctx)


@hookimpl
def supportcore_check_case(ctx: Ctx) -> list[Problem]:
    return check_case(ctx)


@hookimpl
def supportcore_service_hours(ctx: Ctx) -> Service:
    return service(ctx)


@hookimpl
def supportcore_eligibility(ctx: Ctx, service: Service) -> Eligibility:
    return eligibility(ctx)


@hookimpl
def supportcore_exclusions(ctx: Ctx, eligibility: Eligibility) -> Coverage | None:
    return coverage(ctx)


@hookimpl
def supportcore_pricing(ctx: Ctx, eligibility: Eligibility, coverage: Coverage) -> Quote:
    return price(ctx, eligibility, coverage)


@hookimpl
def supportcore_closure(ctx: Ctx, eligibility: Eligibility, coverage: Coverage) -> Closure:
    return closure(ctx, eligibility)
