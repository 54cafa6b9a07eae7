"""supportcore plugin: the "Bijstandsovereenkomst Juwelierssoftware" as executable policy.

A Belgian jewellers' software house sells its "juwelierspakket" with an assistance agreement
(a fixed monthly amount, invoiced per quarter): free upgrades, further training, hosting, help
over an internet link and by phone (not in the holiday periods). Without it, every service is
charged at the regie rate, and an adaptation needs an upgrade priced at 1/60 of the licence cost
per month without the agreement. ``terms.toml`` holds the clauses, the vendor's identity and the
tables the core applies (channels, office hours and holiday periods, BTW, coverage, remedies);
each hook below is one module's rule.
"""

from __future__ import annotations

from supportcore import TermsCatalogue, hookimpl, load_terms

from . import checks, closure, coverage, eligibility, facts, prepared, pricing, service

__all__ = ["SUPPORTCORE_HOOK_API", "TERMS"]

SUPPORTCORE_HOOK_API = 2
TERMS = load_terms(__name__)


@hookimpl
def supportcore_terms() -> TermsCatalogue:
    return TERMS


supportcore_prepare = hookimpl(prepared.prepare)
supportcore_assess = hookimpl(facts.assess)
supportcore_check_case = hookimpl(checks.check_case)
supportcore_service_hours = hookimpl(service.service_hours)
supportcore_eligibility = hookimpl(eligibility.eligibility)
supportcore_exclusions = hookimpl(coverage.coverage)
supportcore_pricing = hookimpl(pricing.pricing)
supportcore_closure = hookimpl(closure.closure)
