"""What is technical support ("Características de un soporte técnico"): the ``[[coverage]]``
table, and the rules that depend on the licence (updates, a lost licence), on the settings
(usage and accounting doubts) and, for a remote session, on the problem it is about."""

from __future__ import annotations

import attrs

from supportcore import CATEGORIES, Context, Coverage, CoverageStatus, Money
from supportcore.wording import Named, phrase

from .eligibility import rent_again, replacement_right, update_remedy, website_help
from .facts import REMOTE_SESSION, Facts
from .prepared import Prepared

Ctx = Context[Prepared, Facts]
COVERED, EXCLUDED, BILLABLE = (
    CoverageStatus.COVERED,
    CoverageStatus.EXCLUDED,
    CoverageStatus.BILLABLE,
)
UPDATES = frozenset({"new_version", "update_download"})


def coverage_of(ctx: Ctx) -> Coverage:
    """A remote session is covered as the problem it is about: the channel does not make it
    support (interpretation SM-I-REMOTE-SESSION)."""
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
    st = ctx.facts.standing
    if category in UPDATES and st.in_force:  # interpretation SM-I-UPDATES-INCLUDED
        included = ctx.reason(
            "update-included",
            "The licence is in force, so the latest version is included; the system itself "
            "offers to download and install it.",
            *("SM-LAPSE-1", "SM-UPD-2"),
        )
        return Coverage(COVERED, category, (included,))
    if category in UPDATES and st.lapsed is None:
        none = ctx.reason(
            "no-licence-to-update",
            "There is no licence of {product} to update.",
            "SM-COST-1",
            product=st.product,
        )
        return Coverage(EXCLUDED, category, (none,))
    if category in UPDATES and st.lapsed_rental:
        rent = ctx.reason(
            "update-needs-rental",
            "The rented period has ended: the latest version comes with a new rental period.",
            "SM-COST-2",
        )
        return Coverage(BILLABLE, category, (rent,), (rent_again(ctx, st.product),))
    if category in UPDATES:
        buy = ctx.reason(
            "update-must-be-bought",
            "The 12 months of the purchase have passed: there is no right to updates until an "
            "update is paid for.",
            *("SM-LAPSE-1", "SM-COST-4"),
        )
        return Coverage(BILLABLE, category, (buy,), (update_remedy(ctx, st.product),))
    if category == "licence_replacement" and st.in_force:
        return Coverage(COVERED, category, (replacement_right(ctx),))
    if category == "licence_replacement":
        lost = ctx.reason(
            "lost-licence-not-replaced",
            "The licence is not in force: a lost licence is not replaced under any "
            "circumstances once there is no support.",
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
        return _usage_as_advisory(ctx)
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


def _usage_as_advisory(ctx: Ctx) -> Coverage:
    """A doubt about how the system works read as advisory work (``usage_questions``)."""
    why = ctx.reason(
        "advisory-work",
        "A doubt about how the system works is not an error running it: support is not "
        "training. The website answers such doubts 24 hours; answered by staff it is advisory "
        "work, charged per hour.",
        *("SM-TRAIN-1", "SM-ADV-1", "SM-ADV-2", "SM-HOURS-3"),
    )
    rate = ctx.price("advisory_hourly_rate")
    advisory = ctx.remedy(  # (the words of the [[remedies]] row "advisory-per-hour")
        "advisory-per-hour",
        "Ask for advisory work (asesoría): doubts that are not technical support are answered "
        "per hour, working on your own data if you wish.",
        *("SM-ADV-1", "SM-ADV-2"),
        price=rate if isinstance(rate, Money) else None,
        price_note=ctx.say("per hour, {tax}", tax=ctx.tax.note),
        missing=() if isinstance(rate, Money) else (rate,),
    )
    website = website_help(ctx, "SM-HOURS-3", "SM-GUIDE-1")
    return Coverage(BILLABLE, "usage_question", (why,), (website, advisory))
