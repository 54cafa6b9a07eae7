"""What is technical support: the ``[[coverage]]`` table, and the rules that depend on the
licence (updates, a lost licence), on the settings or on what a remote session is about."""

from __future__ import annotations

import attrs

from supportcore import CATEGORIES, Context, Coverage, CoverageStatus
from supportcore.wording import Named, phrase

from .eligibility import listed_remedy, rent_again, replacement_right, update_remedy
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
        unknown = ctx.reason(
            "remote-session-problem-unknown",
            "Remote access is one of the ways support is given, but whether a remote session is "
            "technical support depends on the problem it is about, which the case does not say.",
            *("SM-CHAN-1", "SM-SCOPE-1"),
        )
        missing = ctx.missing_fact(
            "request.facts.problem",
            "the coverage of a remote session",
            "the category of the problem the remote session is about",
        )
        return Coverage(CoverageStatus.UNDETERMINED, category, (unknown,), missing_facts=(missing,))
    about = _about(ctx, problem)
    session = ctx.reason(
        "remote-session",
        "Remote access is one of the ways support is given, not a kind of problem: the session "
        "is judged by what it is about ({problem}).",
        "SM-CHAN-1",
        problem=Named(problem, phrase(ctx.vendor.categories.get(problem) or CATEGORIES[problem])),
    )
    return attrs.evolve(about, category=category, reasons=(*about.reasons, session))


def _about(ctx: Ctx, category: str) -> Coverage:
    st, product = ctx.facts, ctx.request.product
    if category in UPDATES and st.in_force:  # interpretation SM-I-UPDATES-INCLUDED
        included = ctx.reason(
            "update-included",
            "The licence is in force, so the latest version is included.",
            *("SM-LAPSE-1", "SM-UPD-2"),
        )
        return Coverage(COVERED, category, (included,))
    if category in UPDATES and st.lapsed is None:
        none = ctx.reason(
            "no-licence-to-update",
            "There is no licence of {product} to update.",
            "SM-COST-1",
            product=product,
        )
        return Coverage(EXCLUDED, category, (none,))
    if category in UPDATES and st.lapsed_rental:
        rent = ctx.reason(
            "update-needs-rental",
            "The rented period has ended: the latest version comes with a new rental period.",
            "SM-COST-2",
        )
        return Coverage(BILLABLE, category, (rent,), (rent_again(ctx, product),))
    if category in UPDATES:
        buy = ctx.reason(
            "update-must-be-bought",
            "The purchase's 12 months are over: no right to updates until one is paid for.",
            *("SM-LAPSE-1", "SM-COST-4"),
        )
        return Coverage(BILLABLE, category, (buy,), (update_remedy(ctx, product),))
    if category == "licence_replacement" and st.in_force:
        return Coverage(COVERED, category, (replacement_right(ctx),))
    if category == "licence_replacement":
        lost = ctx.reason(
            "lost-licence-not-replaced",
            "The licence is not in force: a lost licence is then never replaced.",
            "SM-LOST-1",
        )
        return Coverage(EXCLUDED, category, (lost,))
    if category == "accounting_tax_advice" and ctx.prepared.accounting_excluded:
        excluded = ctx.reason(
            "excluded",
            "Accounting, tax or audit doubts are not technical support: whoever operates the "
            "system must be trained in that field.",
            *("SM-EXCL-0", "SM-EXCL-1"),
        )
        return Coverage(EXCLUDED, category, (excluded,))
    if category == "usage_question" and ctx.prepared.usage_is_advisory:
        why = ctx.reason(
            "advisory-work",
            "A doubt about how the system works is not an error running it: the website answers "
            "it 24 hours; answered by staff it is advisory work, charged per hour.",
            *("SM-TRAIN-1", "SM-ADV-1", "SM-ADV-2", "SM-HOURS-3"),
        )
        offered = ("website-help-for-doubts", "advisory-per-hour")
        return Coverage(BILLABLE, category, (why,), tuple(listed_remedy(ctx, r) for r in offered))
    if category != ctx.request.category:  # a remote session: the table's row for its problem
        request = attrs.evolve(ctx.request, category=category)
        ctx = attrs.evolve(ctx, case=attrs.evolve(ctx.case, request=request))
    listed = ctx.listed_coverage
    assert listed is not None  # ([coverage_default] answers any category no row lists)
    if listed.status != COVERED:
        return listed
    priority = ctx.reason(  # every covered row is a problem listed as support (SM-RESP-5)
        "priority-assigned",
        "It is one of the problems listed as technical support, to which priorities are assigned.",
        "SM-RESP-5",
    )
    return attrs.evolve(listed, reasons=(*listed.reasons, priority))
