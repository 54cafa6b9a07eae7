"""Prices from the integrator's settings, with IVA, and never a guessed number.

The document publishes no price at all: every amount comes from a setting (missing → named in
the quote or remedy). IVA is Chile's 19 % (DL 825, art. 14; setting ``iva_rate``). Whether the
settings' prices include it is the setting ``prices_include_iva`` (interpretation ITP-I-IVA):

* ``false`` — IVA is added on top by :class:`supportcore.QuoteBuilder`;
* ``true`` — IVA is included in the prices (``QuoteBuilder.tax(..., included=True)``): the lines
  carry the prices, and IVA is extracted the Chilean way: net = price / (1 + rate) rounded to
  the peso, IVA = price − net, so the total is exactly the published price;
* missing — the lines carry the prices as given and the quote names the missing setting.
"""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal

import attrs

from supportcore import Context, MissingSetting, Money, Quote, QuoteBuilder, Reason

__all__ = ["Item", "Price", "build_quote", "iva_percent", "setting_price"]


@attrs.frozen
class Item:
    """One thing to price: a description, its price setting, the clauses it rests on."""

    description: str
    price_key: str
    clauses: tuple[str, ...]


@attrs.frozen
class Price:
    """A price as a remedy shows it: amount (or ``None``), a note on IVA, what is missing."""

    amount: Money | None
    note: str
    missing: tuple[MissingSetting, ...]


def iva_percent(ctx: Context) -> str:
    """``"19"`` for a rate of 0.19."""
    rate = ctx.settings.decimal("iva_rate") or Decimal(0)
    return format((rate * 100).normalize(), "f")


def setting_price(ctx: Context, key: str) -> Price:
    """The price in setting ``key`` with its IVA note, or the missing settings that prevent it."""
    price = ctx.settings.money(key)
    if price is None:
        return Price(None, "", (ctx.missing(key),))
    includes = ctx.settings.get("prices_include_iva")
    if includes is True:
        return Price(price.rounded(), f"IVA {iva_percent(ctx)} % included", ())
    if includes is False:
        return Price(price.rounded(), f"+ IVA {iva_percent(ctx)} %", ())
    return Price(
        price.rounded(),
        "whether IVA is included is not configured",
        (ctx.missing("prices_include_iva"),),
    )


def build_quote(ctx: Context, items: Iterable[Item], reasons: Iterable[Reason] = ()) -> Quote:
    """A quote for ``items`` with an explicit IVA line (see the module docstring)."""
    q = QuoteBuilder(ctx.vendor.currency)
    for reason in reasons:
        q.reason(reason)
    includes = ctx.settings.get("prices_include_iva")
    rate = ctx.settings.decimal("iva_rate") or Decimal(0)
    pct = iva_percent(ctx)
    for item in items:
        price = ctx.settings.money(item.price_key)
        if price is None:
            q.missing(ctx.missing(item.price_key))
            continue
        label = f"{item.description} (IVA included)" if includes is True else item.description
        q.line(label, price.rounded(), citations=ctx.cite(*item.clauses))
    if includes is None:
        if q.has_lines:
            q.missing(ctx.missing("prices_include_iva"))
            q.reason(
                Reason(
                    "iva-unknown",
                    f"Whether these prices include IVA ({pct} %) is not configured (setting "
                    "itplusnet.prices_include_iva): the total shows the prices as given, without "
                    "IVA added.",
                )
            )
        return q.build()
    q.tax("IVA", rate, included=includes is True)
    if includes is False:
        q.reason(Reason("iva-added", f"IVA {pct} % (Chile, DL 825) is added to the prices."))
        return q.build()
    q.reason(
        Reason(
            "iva-included",
            f"The prices include IVA {pct} % (Chile, DL 825): net = price / {1 + rate} rounded "
            "to the peso, IVA = price − net.",
        )
    )
    return q.build()
