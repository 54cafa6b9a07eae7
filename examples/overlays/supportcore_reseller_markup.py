"""Example overlay plugin: a reseller adds its markup to every vendor's priced quote.

An overlay is not a vendor: it implements no identity hooks and wraps a decision hook of every
vendor with ``@hookimpl(wrapper=True)``. This one reads its own settings table::

    [reseller_markup]
    rate = "0.10"                 # 10 % on the vendor's subtotal (an example value)
    vendors = ["itplusnet"]       # optional: only these vendors

Install it like any plugin, with an entry point in the ``supportcore`` group::

    [project.entry-points.supportcore]
    reseller_markup = "supportcore_reseller_markup"

or register it directly: ``Engine(extra=[("reseller_markup", supportcore_reseller_markup)])``.
"""

from __future__ import annotations

from collections.abc import Generator

from supportcore import (
    Context,
    Coverage,
    Eligibility,
    Money,
    Quote,
    QuoteBuilder,
    QuoteStatus,
    Reason,
    SettingKind,
    SettingSpec,
    SettingsSection,
    hookimpl,
)

SUPPORTCORE_HOOK_API = 2
SECTION = "reseller_markup"


@hookimpl
def supportcore_setting_specs() -> SettingsSection:
    return SettingsSection(
        SECTION,
        (
            SettingSpec(
                "rate",
                SettingKind.DECIMAL,
                "markup on the vendor's subtotal, e.g. 0.10",
                needed_for="reseller markup",
            ),
            SettingSpec(
                "vendors", SettingKind.STRING_LIST, "vendors the markup applies to (default: all)"
            ),
        ),
    )


@hookimpl(wrapper=True)
def supportcore_pricing(
    ctx: Context, eligibility: Eligibility, coverage: Coverage
) -> Generator[None, Quote | None, Quote | None]:
    quote = yield
    settings = ctx.overlay_settings.get(SECTION)
    if quote is None or settings is None or not quote.lines:
        return quote
    vendors = settings.get("vendors")
    if vendors is not None and ctx.vendor.name not in vendors:
        return quote
    rate = settings.decimal("rate")
    if rate is None:
        return QuoteBuilder.from_quote(quote).missing(settings.missing("rate")).build()
    assert quote.subtotal is not None
    builder = QuoteBuilder.from_quote(quote)
    pct = f"{(rate * 100).normalize():f}"
    builder.line(
        f"Reseller markup ({pct} %)",
        Money(quote.subtotal.amount * rate, quote.currency),
        1,
        unit="markup",
    )
    builder.reason(
        Reason("reseller-markup", f"the reseller adds {pct} % to {ctx.vendor.title}'s price")
    )
    status = QuoteStatus.INCOMPLETE if quote.missing else None
    return builder.build(status)
