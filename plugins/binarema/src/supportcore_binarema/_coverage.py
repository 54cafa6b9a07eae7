"""What SMART covers ("¿Qué cubre SMART?") and what it does not ("¿Qué no cubre SMART?").

Categories are the shared taxonomy of :mod:`supportcore.categories`. A category the terms do not
mention is *undetermined*, never silently covered.
"""

from __future__ import annotations

from supportcore import Context, Coverage, CoverageStatus, MissingFact, Remedy

from . import _data as D
from ._entitlement import REGISTERED_FACT
from ._periods import latest_licence, term_count, warranty_period
from ._pricing import material_price, new_version_price

__all__ = [
    "COVERED",
    "EXCLUDED",
    "TAX_MODEL_FACT",
    "TAX_MODULE_CATEGORIES",
    "decide_coverage",
    "smart_covers",
    "tax_model",
]

#: request.facts key naming the tax form (modelo de Hacienda) a request is about, e.g. "303"
#: (read whatever the category).
TAX_MODEL_FACT = "tax_model"

#: Covered categories → (message, clauses).
COVERED: dict[str, tuple[str, tuple[str, ...]]] = {
    "usage_question": (
        "A doubt about how the program works is covered by SMART",
        ("BIN-COVER-1",),
    ),
    "malfunction": (
        "An error or failure of the program is a doubt about how it works, covered by SMART "
        "(interpretation BIN-I-MALFUNCTION; note the error messages before calling)",
        ("BIN-COVER-1", "BIN-ADVICE-1"),
    ),
    "update_download": (
        "Downloading the latest revision of the program from Binarema's website is covered "
        "by SMART",
        ("BIN-COVER-2",),
    ),
    "regulatory_filing": (
        "Electronic registration of invoices (VERI*FACTU) and the tax-form modules are "
        "covered by SMART",
        ("BIN-COVER-3", "BIN-COVER-5"),
    ),
    "remote_assistance": ("Remote assistance is covered by SMART", ("BIN-COVER-4",)),
    "extra_module": (
        "A doubt about how an extra module attached to the program works is covered by SMART",
        ("BIN-COVER-7",),
    ),
    "installation": (
        "Installation questions are answered for registered users, with or without SMART",
        ("BIN-REG-1",),
    ),
    "startup": (
        "Start-up questions are answered for registered users, with or without SMART",
        ("BIN-REG-1",),
    ),
    "reinstallation": (
        "Reinstalling the program is an installation question, answered for registered users "
        "with or without SMART (interpretation BIN-I-REINSTALL)",
        ("BIN-REG-1",),
    ),
}

#: Categories SMART does not cover and Binarema does not do → (message, clauses).
EXCLUDED: dict[str, tuple[str, tuple[str, ...]]] = {
    "training": (
        "Explaining how the program works is not covered by SMART (a specific doubt is; "
        "interpretation BIN-I-USAGE-TRAINING)",
        ("BIN-EXCL-1",),
    ),
    "data_repair": (
        "Repairing damaged files is not covered by SMART: users who lose data or whose data "
        "is damaged must turn to their backups",
        ("BIN-EXCL-3", "BIN-EXCL-3-BACKUP"),
    ),
    "accounting_tax_advice": (
        "Binarema does not answer accounting or tax questions",
        ("BIN-EXCL-5",),
    ),
}


def tax_model(ctx: Context) -> str | None:
    """The tax form the request is about (``request.facts.tax_model``), if given."""
    value = ctx.request.facts.get(TAX_MODEL_FACT)
    return value.strip() if isinstance(value, str) else None


#: Categories whose answer, for a listed module, is that module's inclusion (BIN-COVER-5).
TAX_MODULE_CATEGORIES = frozenset({"regulatory_filing", "update_download"})


def tax_model_coverage(ctx: Context, model: str) -> Coverage | None:
    """The tax-form modules included per program (BIN-COVER-5, BIN-COVER-6): a module the list
    does not give for the program is not included, whatever the category (interpretation
    BIN-I-TAXMODELS). ``None`` when the category's own rule decides (a listed module asked
    about in another category)."""
    product = ctx.request.product
    cat = ctx.request.category
    listed = D.TAX_MODELS.get(product, ())
    if model not in listed:
        given = f"modelo {', '.join(listed)}" if listed else "none"
        return Coverage(
            CoverageStatus.EXCLUDED,
            cat,
            (
                ctx.reason(
                    "tax-model-not-included",
                    f"The tax-form modules included in maintenance for {product} are: {given}; "
                    f"the modelo {model} module is not among them",
                    "BIN-COVER-5",
                    "BIN-COVER-6",
                ),
            ),
        )
    if cat not in TAX_MODULE_CATEGORIES:
        return None
    return Coverage(
        CoverageStatus.COVERED,
        cat,
        (
            ctx.reason(
                "tax-model-included",
                f"The module for modelo {model} is among the maintenance downloads "
                f"included for {product}",
                "BIN-COVER-5",
                "BIN-COVER-6",
            ),
        ),
    )


#: Categories SMART does not make free though Binarema does them at a price (BIN-EXCL-2,
#: BIN-EXCL-4).
BILLABLE = frozenset({"new_version", "shipping_material"})


def smart_covers(ctx: Context) -> bool:
    """Whether SMART could make this request free: not for a request it excludes (EXCLUDED, a
    tax-form module not listed for the program) or does not make free (BILLABLE). Contracting
    SMART, or registering for its free period, helps with the request only then."""
    cat = ctx.request.category
    if cat in EXCLUDED or cat in BILLABLE:
        return False
    model = tax_model(ctx)
    return model is None or model in D.TAX_MODELS.get(ctx.request.product, ())


def decide_coverage(ctx: Context) -> Coverage:
    """Covered, excluded, billable or undetermined, citing the list item that decides."""
    cat = ctx.request.category
    if cat in EXCLUDED:
        return excluded_coverage(ctx, cat)
    model = tax_model(ctx)
    if model is not None and (answer := tax_model_coverage(ctx, model)) is not None:
        return answer
    if cat in COVERED:
        message, clauses = COVERED[cat]
        if ctx.request.product == D.TPV and clauses == ("BIN-REG-1",):
            clauses = ("BIN-REG-1", "BIN-TPV-2")
        return Coverage(
            CoverageStatus.COVERED, cat, (ctx.fixed_reason("covered", message, *clauses),)
        )
    if cat == "new_version":
        return new_version_coverage(ctx)
    if cat == "shipping_material":
        return material_coverage(ctx)
    if cat == D.SMART_CONTRACT:
        return Coverage(
            CoverageStatus.BILLABLE,
            cat,
            (
                ctx.fixed_reason(
                    "smart-fee",
                    "SMART is contracted, and renewed every year, for a yearly fee by edition "
                    "(+IVA), charged by a yearly bank receipt until cancelled",
                    "BIN-FREE-2",
                    "BIN-CONTRACT-2",
                    "BIN-PRICE-1",
                    "BIN-PRICE-2",
                    "BIN-PRICE-3",
                ),
            ),
        )
    return Coverage(
        CoverageStatus.UNDETERMINED,
        cat,
        (
            ctx.fixed_reason(
                "not-ruled",
                f"Binarema's SMART terms list what SMART covers and what it does not, and "
                f"{cat!r} is on neither list",
                "BIN-COVER-1",
                "BIN-EXCL-1",
            ),
        ),
    )


def excluded_coverage(ctx: Context, cat: str) -> Coverage:
    """What SMART does not cover and Binarema does not do, with the terms' pointer (F1 help,
    backups) where they give one."""
    message, clauses = EXCLUDED[cat]
    remedies: tuple[Remedy, ...] = ()
    if cat == "training":
        remedies = (
            Remedy(
                "use-f1-help",
                "Use the program's help: press F1 in any window",
                price_note="free",
                citations=ctx.cite("BIN-EXCL-1-HELP"),
            ),
        )
    elif cat == "data_repair":
        remedies = (
            Remedy(
                "restore-backup",
                "Restore the data from the customer's own backups",
                price_note="the customer's own backups",
                citations=ctx.cite("BIN-EXCL-3-BACKUP"),
            ),
        )
    return Coverage(
        CoverageStatus.EXCLUDED,
        cat,
        (ctx.fixed_reason("not-covered", message, *clauses),),
        remedies,
    )


def new_version_coverage(ctx: Context) -> Coverage:
    """New versions are not free (BIN-EXCL-2); registered users get discounts on them, with or
    without SMART (BIN-EXCL-2-DISCOUNT). Billable at the new-version settings."""
    price = new_version_price(ctx)
    registered = ctx.case.customer.registered
    missing: tuple[MissingFact, ...] = ()
    if registered is None:
        missing = (
            MissingFact(
                "customer.registered",
                "the price of a new version (registered-user discount or list price)",
                REGISTERED_FACT,
            ),
        )
    clauses = ("BIN-EXCL-2", "BIN-EXCL-2-DISCOUNT")
    message = "New versions of the program are not free with SMART; " + (
        "as a registered user the customer gets the registered-user discount, with or without SMART"
        if registered
        else "registered users get a discount, with or without SMART"
    )
    remedies = [
        Remedy(
            "buy-new-version",
            f"Buy version {D.LATEST_VERSION} of {ctx.request.product}"
            + (" at the registered-user price" if registered else ""),
            price=price.subtotal,
            price_note="+IVA" + (f"; {price.note}" if price.note else ""),
            missing=price.missing,
            citations=ctx.cite(*clauses),
        )
    ]
    if not registered:
        remedies.append(
            Remedy(
                "send-registration-card",
                "Register (send the signed registration card) to get the registered-user "
                "discount on new versions",
                price_note="free",
                citations=ctx.cite("BIN-EXCL-2-DISCOUNT", "BIN-CONTRACT-1"),
            )
        )
    return Coverage(
        CoverageStatus.BILLABLE,
        "new_version",
        (ctx.fixed_reason("new-version-not-free", message, *clauses),),
        tuple(remedies),
        missing,
    )


def material_coverage(ctx: Context) -> Coverage:
    """Re-sending material: covered by the warranty for 30 days from the purchase
    (BIN-EXCL-4-WARRANTY), otherwise not free (BIN-EXCL-4; interpretation BIN-I-MATERIAL)."""
    lic = latest_licence(ctx.case, ctx.request.product)
    if lic is None:
        return Coverage(
            CoverageStatus.UNDETERMINED,
            "shipping_material",
            (
                ctx.reason(
                    "purchase-date-unknown",
                    f"No {ctx.request.product} licence is on record, so the 30-day warranty "
                    "on material cannot be checked",
                    "BIN-EXCL-4-WARRANTY",
                ),
            ),
        )
    period = warranty_period(lic, term_count(ctx))
    if period.contains(ctx.today):
        return Coverage(
            CoverageStatus.COVERED,
            "shipping_material",
            (
                ctx.reason(
                    "material-warranty",
                    f"Re-sending material is covered by the warranty during the first "
                    f"{D.WARRANTY_DAYS} days from the purchase ({period.describe()})",
                    "BIN-EXCL-4-WARRANTY",
                ),
            ),
        )
    price = material_price(ctx)
    return Coverage(
        CoverageStatus.BILLABLE,
        "shipping_material",
        (
            ctx.reason(
                "material-not-free",
                f"Re-sending material is not free: the warranty covered it only until "
                f"{period.last_day.isoformat()} ({D.WARRANTY_DAYS} days from the purchase on "
                f"{lic.acquired_on.isoformat()})",
                "BIN-EXCL-4",
                "BIN-EXCL-4-WARRANTY",
            ),
        ),
        (
            Remedy(
                "resend-material",
                "Binarema re-sends the material at a charge",
                price=price.subtotal,
                price_note="+IVA",
                missing=price.missing,
                citations=ctx.cite("BIN-EXCL-4"),
            ),
        ),
    )
