"""Binarema's SMART support terms as a supportcore vendor plugin.

SMART ("Servicio de Mantenimiento, Asistencia y Registro Telemático de facturas") is Binarema's
maintenance service for FactuCont, FactuCont TPV and EuroConta (Granada, Spain): a free period
after buying or updating a program, then a yearly contract per program that renews until
cancelled with a week's notice. Identity, channels, hours, tax, fees and coverage by category
are tables in ``terms.toml``; the rules that are logic have one module per question.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from supportcore import (
    Closure,
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

from . import checks, coverage, eligibility, facts, pricing, service
from .facts import Ctx, Facts
from .prepared import Prepared, prepare

__all__ = ["SUPPORTCORE_HOOK_API", "TERMS"]

SUPPORTCORE_HOOK_API = 2
TERMS: TermsCatalogue = load_terms(__name__)


@hookimpl
def supportcore_terms() -> TermsCatalogue:
    return TERMS


@hookimpl
def supportcore_prepare(
    settings: VendorSettings, terms: TermsCatalogue, calendars: Mapping[str, BusinessCalendar]
) -> Prepared:
    return prepare(settings, terms)


@hookimpl
def supportcore_assess(ctx: Ctx) -> Facts:
    return facts.assess(ctx)


@hookimpl
def supportcore_check_case(ctx: Ctx) -> Iterable[Problem]:
    return checks.check_case(ctx)


@hookimpl
def supportcore_service_hours(ctx: Ctx) -> Service:
    return service.service(ctx)


@hookimpl
def supportcore_eligibility(ctx: Ctx, service: Service) -> Eligibility:
    """A channel Binarema does not offer is the service's refusal, not this one's."""
    return eligibility.eligibility(ctx)


@hookimpl
def supportcore_exclusions(ctx: Ctx, eligibility: Eligibility) -> Coverage | None:
    return coverage.coverage(ctx)


@hookimpl
def supportcore_pricing(ctx: Ctx, eligibility: Eligibility, coverage: Coverage) -> Quote:
    return pricing.pricing(ctx, eligibility, coverage)


@hookimpl
def supportcore_closure(ctx: Ctx, eligibility: Eligibility, coverage: Coverage) -> Closure:
    return service.closure(ctx)
