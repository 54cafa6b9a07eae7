"""Binarema's SMART support terms (FactuCont, FactuCont TPV, EuroConta; Granada, Spain) as a
supportcore vendor plugin: the tables and the words of every answer are in ``terms.toml``; each
hook below is one module's rule."""

from __future__ import annotations

from supportcore import TermsCatalogue, hookimpl, load_terms

from . import checks, coverage, eligibility, facts, prepared, pricing, service

__all__ = ["SUPPORTCORE_HOOK_API", "TERMS"]

SUPPORTCORE_HOOK_API = 2
TERMS = load_terms(__name__)


@hookimpl
def supportcore_terms() -> TermsCatalogue:
    return TERMS


supportcore_prepare = hookimpl(prepared.prepare)
supportcore_assess = hookimpl(facts.assess)
supportcore_check_case = hookimpl(checks.check_case)
supportcore_service_hours = hookimpl(service.service)
supportcore_eligibility = hookimpl(eligibility.eligibility)
supportcore_exclusions = hookimpl(coverage.coverage)
supportcore_pricing = hookimpl(pricing.pricing)
supportcore_closure = hookimpl(service.closure)
