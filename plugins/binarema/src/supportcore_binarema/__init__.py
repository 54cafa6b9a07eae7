"""Binarema's SMART support terms as a supportcore vendor plugin.

SMART ("Servicio de Mantenimiento, Asistencia y Registro Telemático de facturas") is Binarema's
maintenance service for FactuCont, FactuCont TPV and EuroConta (Granada, Spain): a free period
after buying or updating a program, then a yearly contract per program (92,99 single seat /
149,99 network, +IVA) that renews automatically until cancelled with a week's notice; what it
covers and what it does not; phone and e-mail hours. The clauses, interpretations and settings
are in ``terms.toml``; the rules live in the private modules, one concern each. This module only
wires them to the supportcore hooks.
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
    VendorInfo,
    VendorSettings,
    hookimpl,
    load_terms,
)
from supportcore.calendar import BusinessCalendar

from . import _data as D
from ._checks import check_case, check_settings
from ._coverage import decide_coverage, smart_covers
from ._entitlement import assess, eligibility
from ._pricing import decide_price
from ._service import calendars, closure, service_hours

__all__ = ["SUPPORTCORE_HOOK_API", "TERMS"]

#: The supportcore hook API this plugin is written for.
SUPPORTCORE_HOOK_API = 1

#: Binarema's terms catalogue, loaded once at import.
TERMS: TermsCatalogue = load_terms(__name__)


@hookimpl
def supportcore_vendor_info() -> VendorInfo:
    """Binarema: Granada, Spain; EUR; Europe/Madrid; its three programs; phone, e-mail, remote."""
    return VendorInfo(
        name=D.VENDOR,
        title="Binarema",
        country="ES",
        currency="EUR",
        timezone=D.TIMEZONE,
        products=D.PRODUCTS,
        channels=D.CHANNELS,
        categories=D.CATEGORIES,
        language="es",
        document="SMART de Binarema — Servicio de Mantenimiento, Asistencia y Registro "
        "Telemático de facturas",
    )


@hookimpl
def supportcore_terms() -> TermsCatalogue:
    """The clause catalogue, interpretations and settings (``terms.toml``)."""
    return TERMS


@hookimpl
def supportcore_calendars(
    settings: VendorSettings, terms: TermsCatalogue
) -> Mapping[str, BusinessCalendar]:
    """The technical assistance calendar (BIN-HOURS-1, BIN-HOURS-2), built once."""
    return calendars(settings)


@hookimpl
def supportcore_check_settings(settings: VendorSettings, terms: TermsCatalogue) -> Iterable[str]:
    """Price tables keyed by something the rules never look up (checked once per engine)."""
    return list(check_settings(settings))


@hookimpl
def supportcore_check_case(ctx: Context) -> Iterable[Problem]:
    """Versions Binarema cannot compare, rentals, contracts without a program, bad tax forms."""
    return check_case(ctx)


@hookimpl
def supportcore_service_hours(ctx: Context) -> Service:
    """Open or closed now, the schedule in force, the next opening, how to reach the desk."""
    return service_hours(ctx)


@hookimpl
def supportcore_eligibility(ctx: Context, service: Service) -> Eligibility:
    """SMART (free period or contract), registered user, or warranty; else reasons and
    remedies. A channel Binarema does not offer is the service's refusal, not this one's."""
    return eligibility(ctx, assess(ctx), smart_helps=smart_covers(ctx))


@hookimpl
def supportcore_exclusions(ctx: Context, eligibility: Eligibility) -> Coverage:
    """What SMART covers and does not cover, by category."""
    return decide_coverage(ctx)


@hookimpl
def supportcore_pricing(ctx: Context, eligibility: Eligibility, coverage: Coverage) -> Quote:
    """Free under SMART; otherwise the SMART offer, a new version or re-sent material, +IVA."""
    return decide_price(ctx, eligibility, coverage)


@hookimpl
def supportcore_closure(ctx: Context, eligibility: Eligibility, coverage: Coverage) -> Closure:
    """Undetermined: the terms do not rule on closure; actions still owed are listed."""
    return closure(ctx)
