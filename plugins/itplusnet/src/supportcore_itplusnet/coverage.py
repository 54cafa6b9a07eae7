"""What the online support does, does not do, and sells separately: the ``[[coverage]]`` table
of the terms (interpretation ITP-I-OPEN-LIST), and its exceptions here: the 32-bit requirement
(ITP-LIM-INCOMPAT) and on-site assistance, offered only in Santiago (ITP-SEP-1)."""

from __future__ import annotations

from typing import TYPE_CHECKING

import attrs

from supportcore import Coverage, CoverageStatus, MissingFact, Reason, Remedy

from .pricing import buy, pay_attention, priced

if TYPE_CHECKING:
    from .prepared import Ctx

COVERED, EXCLUDED = CoverageStatus.COVERED, CoverageStatus.EXCLUDED


def _bits(ctx: Ctx, bits: int, listed: Coverage) -> Coverage:
    """A system that is not 32-bit: the excluded incompatibility for a compatibility problem
    (every problem not excluded with ``exclude_all_on_64bit``), else a note on a covered one."""
    exclude = ctx.prepared.exclude_all_on_64bit and listed.status != CoverageStatus.BILLABLE
    if ctx.request.category == "os_compatibility" or (exclude and listed.status != EXCLUDED):
        why = ctx.listed_reason("incompatible-os", bits=bits)
        return Coverage(
            EXCLUDED, ctx.request.category, (why,), (ctx.listed_remedy("use-32-bit-os"),)
        )
    if listed.status != COVERED:
        return listed
    note = ctx.listed_reason("os-not-32-bit", bits=bits)
    return attrs.evolve(listed, reasons=(*listed.reasons, note))


def problem_coverage(ctx: Ctx) -> Coverage:
    """What the terms say about the problem, whatever the channel: the table's row for its
    category, and the system's bits (interpretations ITP-I-COMPAT, ITP-I-64BIT, ITP-I-OS)."""
    listed = ctx.listed_coverage
    assert listed is not None  # (the terms give a [coverage_default])
    if listed.remedies and ctx.prepared.iva_included is None:
        listed = attrs.evolve(listed, remedies=tuple(priced(ctx, r) for r in listed.remedies))
    bits = ctx.request.environment.os_bits
    if bits is not None and bits != 32:
        return _bits(ctx, bits, listed)
    if bits is None and ctx.request.category == "os_compatibility":
        note = ctx.listed_reason("runs-on-32-bit")
        return attrs.evolve(listed, reasons=(*listed.reasons, note))
    return listed


def offer(ctx: Ctx, *, new: bool) -> tuple[tuple[Reason, ...], tuple[Remedy, ...]]:
    """What the customer can buy: one (new) attention, unless the terms exclude the problem:
    an attention would not solve it, so none is sold; the reason says why, citing the problem's
    clauses, and the remedies are the coverage's alternatives (interpretation ITP-I-NOT-SOLD)."""
    problem = ctx.facts.problem
    if problem.status != EXCLUDED:
        return (), (pay_attention(ctx, new=new),)
    ids = dict.fromkeys(c.clause for r in problem.reasons for c in r.citations)
    why = ctx.listed_reason("attention-not-sold", *ids, why=problem.reasons[0].message)
    return (why,), problem.remedies


def location_unknown(ctx: Ctx) -> tuple[Reason, MissingFact]:
    """On-site assistance without the site's location: why it is undetermined, and the
    fact the case lacks (interpretation ITP-I-SANTIAGO)."""
    missing = ctx.missing_fact(
        "request.environment.location",
        "on-site technical assistance, only in Santiago",
        "the address where the on-site technical assistance is wanted",
    )
    return ctx.listed_reason("on-site-location-unknown"), missing


def not_offered_here(ctx: Ctx) -> Reason:
    """On-site assistance asked for a site outside Santiago (interpretation ITP-I-SANTIAGO)."""
    return ctx.listed_reason("on-site-not-offered", location=ctx.request.environment.location)


def exclusions(ctx: Ctx) -> Coverage:
    """On-site assistance by its location (interpretation ITP-I-SANTIAGO); any other request
    by its problem."""
    facts, category = ctx.facts, ctx.request.category
    if facts.service != "on_site":
        return facts.problem
    if facts.site_served is None:
        why, missing = location_unknown(ctx)
        return Coverage(CoverageStatus.UNDETERMINED, category, (why,), missing_facts=(missing,))
    location = ctx.request.environment.location
    if not facts.site_served:
        return Coverage(EXCLUDED, category, (not_offered_here(ctx),), offer(ctx, new=False)[1])
    why = ctx.listed_reason("on-site-bought-separately", location=location)
    return Coverage(CoverageStatus.BILLABLE, category, (why,), (buy(ctx, "on_site"),))
