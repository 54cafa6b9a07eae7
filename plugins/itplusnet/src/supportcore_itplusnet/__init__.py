"""supportcore plugin for Itplusnet Ltda.'s online support ("SOPORTE ONLINE"), Chile.

No contract: the customer pays one attention online and is served for at most 90 minutes, in
normal or special hours. ``terms.toml`` holds the clauses and the tables the core applies
(channels, the desk's hours, IVA, coverage by category, the services sold separately, the words
of every reason and action); ``prepared.py`` what the settings give, ``facts.py`` what a case
says (the paid attention and its 90 minutes, the tariff in force); one module per question holds
the rules that are logic. Each hook below is one module's rule.
"""

from __future__ import annotations

from supportcore import TermsCatalogue, hookimpl, load_terms

from . import closure, coverage, eligibility, facts, prepared, pricing, service

__all__ = ["SUPPORTCORE_HOOK_API", "TERMS"]

#: The supportcore hook API this plugin is written for.
SUPPORTCORE_HOOK_API = 2

#: The terms, read once: identity, clauses, interpretations, settings and tables.
TERMS = load_terms(__name__)


@hookimpl
def supportcore_terms() -> TermsCatalogue:
    return TERMS


supportcore_prepare = hookimpl(prepared.prepare)
supportcore_assess = hookimpl(facts.assess)
supportcore_check_case = hookimpl(facts.check_case)
supportcore_service_hours = hookimpl(service.service_hours)
supportcore_eligibility = hookimpl(eligibility.eligibility)
supportcore_exclusions = hookimpl(coverage.exclusions)
supportcore_pricing = hookimpl(pricing.pricing)
supportcore_closure = hookimpl(closure.closure)
