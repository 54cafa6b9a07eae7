"""supportcore plugin: the support terms of Visual System Data Software ("informapuntcom") for
eSAT, eServicios and eFacturación (Spain, EUR). Identity, channels, hours, tax, coverage,
service levels and the words of every reason are tables of ``terms.toml``; each hook below is
one module's rule."""

from __future__ import annotations

from supportcore import TermsCatalogue, hookimpl, load_terms

from . import closure, coverage, eligibility, facts, prepared, pricing, service

__all__ = ["SUPPORTCORE_HOOK_API", "TERMS"]

SUPPORTCORE_HOOK_API = 2
TERMS = load_terms(__name__)


@hookimpl
def supportcore_terms() -> TermsCatalogue:
    return TERMS


supportcore_prepare = hookimpl(prepared.prepare)
supportcore_assess = hookimpl(facts.assess)
supportcore_check_case = hookimpl(facts.check_case)
supportcore_service_hours = hookimpl(service.service)
supportcore_eligibility = hookimpl(eligibility.eligibility)
supportcore_exclusions = hookimpl(coverage.coverage)
supportcore_pricing = hookimpl(pricing.price)
supportcore_closure = hookimpl(closure.closure)
