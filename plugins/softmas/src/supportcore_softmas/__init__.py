"""Softmás's support terms ("Soporte técnico Softmás", softmas.com.mx) as a supportcore vendor:
``terms.toml`` holds the clauses, interpretations, settings and the tables the core applies;
each hook below is one module's rule."""

from __future__ import annotations

from supportcore import TermsCatalogue, hookimpl, load_terms

from . import closure, coverage, eligibility, facts, prepared, pricing
from .facts import Facts
from .prepared import Prepared

__all__ = ["SUPPORTCORE_HOOK_API", "Facts", "Prepared"]

SUPPORTCORE_HOOK_API = 2

TERMS = load_terms(__name__)


@hookimpl
def supportcore_terms() -> TermsCatalogue:
    """The identity, clauses, interpretations, settings and tables of ``terms.toml``."""
    return TERMS


supportcore_prepare = hookimpl(prepared.prepare)
supportcore_assess = hookimpl(facts.assess)
supportcore_check_case = hookimpl(facts.problems)
supportcore_service_hours = hookimpl(closure.service_answer)
supportcore_eligibility = hookimpl(eligibility.entitlement)
supportcore_exclusions = hookimpl(coverage.coverage_of)
supportcore_pricing = hookimpl(pricing.quote)
supportcore_closure = hookimpl(closure.closure_of)
