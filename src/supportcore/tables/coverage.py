"""Coverage by category: the ``[[coverage]]`` row that lists the request's category (or
``[coverage_default]``), with its reason, clauses, variants and remedies."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ..categories import describe
from ..decision import Coverage
from ..wording import Named, phrase
from .pricing import in_force, remedy

if TYPE_CHECKING:
    from ..context import Context
    from . import VendorTables

__all__ = ["listed_coverage"]


def listed_coverage(tables: VendorTables, ctx: Context[Any, Any]) -> Coverage | None:
    """The coverage the tables give the request's category, or ``None`` when no row lists it
    and there is no ``[coverage_default]``.

    The reason has the row's ``code`` and ``message`` (its ``{category}``, ``{product}`` and
    ``{channel}`` written from the request), cites the row's clauses plus those its matching
    ``variants`` add, and names its interpretations; the remedies are the row's
    ``[[remedies]]``, priced from a fee or a setting with the tax note.
    """
    request = ctx.request
    category = request.category
    row = tables.coverage_rows.get(category) or tables.coverage_default
    if row is None:
        return None
    ids = list(row.clauses)
    for variant in row.variants:
        if (variant.product is None or variant.product == request.product) and (
            variant.channel is None or variant.channel == request.channel
        ):
            if variant.clauses is not None:
                ids = list(variant.clauses)
            ids.extend(variant.add_clauses)
    # the category in words is its description (the catalogs translate it); its name in the JSON
    described = ctx.vendor.categories.get(category) or describe(category)
    values: dict[str, Any] = {
        "category": Named(category, phrase(described)),
        "product": request.product,
        "channel": request.channel,
    }
    reason = ctx.reason(
        row.code,
        row.message,
        *in_force(ctx.terms, ids),
        interpretations=row.interpretations,
        **{name: values[name] for name in row.placeholders},
    )
    remedies = tuple(remedy(tables, ctx, tables.remedies[r]) for r in row.remedies)
    return Coverage(row.status, category, (reason,), remedies)
