"""supportcore plugin: the "Bijstandsovereenkomst Juwelierssoftware" as executable policy.

A Belgian jewellers' software house sells its "juwelierspakket" with an assistance agreement: a
fixed monthly amount (depending on the installed modules, invoiced per 3 months) for free
upgrades, further training, keeping the application online, an internet link for quick help and
telephone help (except during the holiday periods); reinstallation and problems with an external
cause are charged at regie rates; after cancellation (by letter, e-mail or fax) every service is
charged at regie rates with a minimum of one hour, and an adaptation of the package needs an
upgrade priced at 1/60 of the licence cost per month without an agreement.

``terms.toml`` holds the clauses, the vendor's identity and the tables the core applies
(channels, office hours and holiday periods, BTW, the agreement's coverage by category); the
hooks below ask the case's facts (:mod:`.facts`) and apply one rule module each.
"""

from __future__ import annotations

from collections.abc import Mapping

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

from . import checks, closure, coverage, eligibility, pricing, service
from .facts import Ctx, Facts, assess
from .prepared import Prepared, prepare

__all__ = ["SUPPORTCORE_HOOK_API", "TERMS"]

SUPPORTCORE_HOOK_API = 2

#: The terms catalogue, loaded once at import.
TERMS: TermsCatalogue = load_terms(__name__)


@hookimpl
def supportcore_terms() -> TermsCatalogue:
    """The identity, clauses, interpretations, settings and tables of ``terms.toml``."""
    return TERMS


@hookimpl
def supportcore_prepare(
    settings: VendorSettings, terms: TermsCatalogue, calendars: Mapping[str, BusinessCalendar]
) -> Prepared:
    """The settings as the rules read them; a non-positive regie increment is refused."""
    return prepare(settings)


@hookimpl
def supportcore_assess(ctx: Ctx) -> Facts:
    """The agreement, the installed software and version, the holiday period, the amounts."""
    return assess(ctx)


@hookimpl
def supportcore_check_case(ctx: Ctx) -> list[Problem]:
    """Input the rules cannot judge, naming the field."""
    return checks.check_case(ctx)


@hookimpl
def supportcore_service_hours(ctx: Ctx) -> Service:
    """The core's answer from the tables, with the holiday periods and no response time."""
    return service.service_hours(ctx)


@hookimpl
def supportcore_eligibility(ctx: Ctx, service: Service) -> Eligibility:
    """The agreement in force, the channel rules, the version rules."""
    return eligibility.eligibility(ctx, service)


@hookimpl
def supportcore_exclusions(ctx: Ctx, eligibility: Eligibility) -> Coverage:
    """The agreement's coverage table and its exceptions; everything without it."""
    return coverage.coverage(ctx, eligibility)


@hookimpl
def supportcore_pricing(ctx: Ctx, eligibility: Eligibility, coverage: Coverage) -> Quote:
    """Regie time, the upgrade price, the invoiced quarter on cancellation; BTW."""
    return pricing.pricing(ctx, eligibility, coverage)


@hookimpl
def supportcore_closure(ctx: Ctx, eligibility: Eligibility, coverage: Coverage) -> Closure:
    """Undetermined: the terms do not say when a ticket closes; the actions still owed."""
    return closure.closure(ctx, eligibility, coverage)
