"""What is technical support: the ``[[coverage]]`` table, and the rules that depend on the
licence (updates, a lost licence), on the settings or on what a remote session is about."""

from __future__ import annotations

import attrs

from supportcore import CATEGORIES, Context, Coverage, CoverageStatus
from supportcore.wording import Named, phrase

from .eligibility import rent_again, update_remedy
from .facts import REMOTE_SESSION, Facts
from .prepared import Prepared

Ctx = Context[Prepared, Facts]
COVERED, EXCLUDED = CoverageStatus.COVERED, CoverageStatus.EXCLUDED
BILLABLE = CoverageStatus.BILLABLE
UPDATES = frozenset({"new_version", "update_download"})


def coverage_of(ctx: Ctx) -> Coverage:
    """A remote session is covered as what it is about (interpretation SM-I-REMOTE-SESSION)."""
    category, problem = ctx.request.category, ctx.facts.topic
    if category != REMOTE_SESSION:
        return _about(ctx, category)
    if problem is None:
        unknown = ctx.listed_reason("remote-session-problem-unknown")
        missing = ctx.missing_fact(
            "request.facts.problem",
            "the coverage of a remote session",
            "the category of the problem the remote session is about",
        )
        return Coverage(CoverageStatus.UNDETERMINED, category, (unknown,), missing_facts=(missing,))
    about = _about(ctx, problem)
    words = phrase(ctx.vendor.categories.get(problem) or CATEGORIES[problem])
    session = ctx.listed_reason("remote-session", problem=Named(problem, words))
    return attrs.evolve(about, category=category, reasons=(*about.reasons, session))


def _about(ctx: Ctx, category: str) -> Coverage:
    st, product, listed = ctx.facts, ctx.request.product, ctx.listed_reason
    if category in UPDATES and st.in_force:  # interpretation SM-I-UPDATES-INCLUDED
        return Coverage(COVERED, category, (listed("update-included"),))
    if category in UPDATES and st.lapsed is None:
        return Coverage(EXCLUDED, category, (listed("no-licence-to-update", product=product),))
    if category in UPDATES and st.lapsed_rental:
        why, offer = listed("update-needs-rental"), rent_again(ctx, product)
        return Coverage(BILLABLE, category, (why,), (offer,))
    if category in UPDATES:
        why, offer = listed("update-must-be-bought"), update_remedy(ctx, product)
        return Coverage(BILLABLE, category, (why,), (offer,))
    if category == "licence_replacement" and st.in_force:
        return Coverage(COVERED, category, (listed("replacement-right"),))
    if category == "licence_replacement":
        return Coverage(EXCLUDED, category, (listed("lost-licence-not-replaced-coverage"),))
    if category == "accounting_tax_advice" and ctx.prepared.accounting_excluded:
        return Coverage(EXCLUDED, category, (listed("accounting-excluded"),))
    if category == "usage_question" and ctx.prepared.usage_is_advisory:
        offered = ("website-help-for-doubts", "advisory-per-hour")
        remedies = tuple(ctx.listed_remedy(r) for r in offered)
        return Coverage(BILLABLE, category, (listed("advisory-work"),), remedies)
    row = ctx.listed_coverage_of(category)  # (a remote session: the row for its problem)
    assert row is not None  # ([coverage_default] answers any category no row lists)
    if row.status != COVERED:
        return row
    priority = listed("priority-assigned")  # every covered row is a problem listed (SM-RESP-5)
    return attrs.evolve(row, reasons=(*row.reasons, priority))
