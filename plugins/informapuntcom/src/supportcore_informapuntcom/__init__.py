"""supportcore plugin: Visual System Data Software's ("informapuntcom") support terms.

Support plans for eSAT, eServicios and eFacturación (Spain, EUR, Europe/Madrid): a plan in force
contracted and paid before the request, hours for the whole plan period, channels per plan with
phone and remote attention by invitation, required request data, 24 business-hour answers,
closure after 48 hours without answer, remote appointments (4 hours' notice, a 15-minute wait,
+30 minutes), no automatic renewal. Identity, channels, hours, tax, coverage, service levels and
the words of every reason are tables of ``terms.toml``; each hook is one module's rule.
"""

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
