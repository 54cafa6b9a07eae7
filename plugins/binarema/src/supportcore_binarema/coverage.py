"""What SMART covers beyond the ``[[coverage]]`` table: the tax-form modules included per
program (BIN-COVER-5, BIN-COVER-6), new versions (BIN-EXCL-2), re-sent material (BIN-EXCL-4)."""

from __future__ import annotations

import attrs

from supportcore import Coverage, CoverageStatus
from supportcore.wording import phrase

from . import prepared as P
from .facts import REGISTERED_FACT, Ctx
from .pricing import material_quote, new_version_quote, remedy_price

__all__ = ["coverage"]

#: Categories whose answer, for a listed module, is that module's inclusion (BIN-COVER-5).
TAX_MODULE_CATEGORIES = frozenset({"regulatory_filing", "update_download"})


def tax_model_coverage(ctx: Ctx, model: str) -> Coverage | None:
    """A module the list does not give for the program is not included, whatever the category;
    a listed one asked about in a download or filing category is (interpretation
    BIN-I-TAXMODELS). ``None``: the category's own rule decides."""
    product, category = ctx.request.product, ctx.request.category
    listed = P.TAX_MODELS.get(product, ())
    if model in listed and category not in TAX_MODULE_CATEGORIES:
        return None
    if model in listed:
        why = ctx.listed_reason("tax-model-included", model=model, product=product)
        return Coverage(CoverageStatus.COVERED, category, (why,))
    shown = listed or phrase("none")
    why = ctx.listed_reason("tax-model-not-included", product=product, listed=shown, model=model)
    return Coverage(CoverageStatus.EXCLUDED, category, (why,))


def new_version_coverage(ctx: Ctx) -> Coverage:
    """New versions are not free (BIN-EXCL-2, the table's row); registered users get discounts
    on them, with or without SMART (BIN-EXCL-2-DISCOUNT): at the new-version settings."""
    listed, registered, product = (
        ctx.listed_coverage,
        ctx.case.customer.registered,
        ctx.request.product,
    )
    assert listed is not None
    priced = remedy_price(ctx, new_version_quote(ctx, product, ctx.facts.licence))
    priced.update(version=P.LATEST_VERSION, product=product)
    if registered:
        buy = ctx.listed_remedy("buy-new-version-registered", **priced)
        return attrs.evolve(listed, remedies=(buy,))
    buy = ctx.listed_remedy("buy-new-version", **priced)
    needed = "the price of a new version (registered-user discount or list price)"
    unknown = registered is None
    missing = (ctx.missing_fact("customer.registered", needed, REGISTERED_FACT),) if unknown else ()
    remedies = (buy, ctx.listed_remedy("register-for-discount"))
    return attrs.evolve(listed, remedies=remedies, missing_facts=missing)


def material_coverage(ctx: Ctx) -> Coverage:
    """Re-sending material: covered by the warranty for 30 days from the purchase
    (BIN-EXCL-4-WARRANTY), otherwise not free (BIN-EXCL-4; interpretation BIN-I-MATERIAL)."""
    lic, period = ctx.facts.licence, ctx.facts.warranty
    category, days = "shipping_material", P.WARRANTY_DAYS
    if lic is None or period is None:
        why = ctx.listed_reason("purchase-date-unknown", product=ctx.request.product, days=days)
        return Coverage(CoverageStatus.UNDETERMINED, category, (why,))
    if period.contains(ctx.today):
        why = ctx.listed_reason("material-warranty", days=days, period=period)  # BIN-I-MATERIAL
        return Coverage(CoverageStatus.COVERED, category, (why,))
    end, bought = period.last_day, lic.acquired_on
    why = ctx.listed_reason("material-not-free", last_day=end, days=days, bought=bought)
    resend = ctx.listed_remedy("resend-material", **remedy_price(ctx, material_quote(ctx)))
    return Coverage(CoverageStatus.BILLABLE, category, (why,), (resend,))


def coverage(ctx: Ctx) -> Coverage | None:
    """What SMART excludes is the table's answer; then a tax-form module not listed for the
    program; then material; else the table's answer (new versions with their price)."""
    category = ctx.request.category
    row = ctx.tables.coverage_rows.get(category)
    if row is not None and row.status == CoverageStatus.EXCLUDED:
        return ctx.listed_coverage
    model = ctx.facts.tax_model
    if model is not None and (answer := tax_model_coverage(ctx, model)) is not None:
        return answer
    if category == "new_version":
        return new_version_coverage(ctx)
    if category == "shipping_material":
        return material_coverage(ctx)
    return ctx.listed_coverage
