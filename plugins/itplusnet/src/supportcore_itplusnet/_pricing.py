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

from collections.abc import Iterable, Sequence
from decimal import Decimal

import attrs

from supportcore import MissingSetting, Money, Quote, QuoteBuilder, Reason, VendorSettings
from supportcore.terms import TermsVersion

__all__ = [
    "IVA_CLAUSES",
    "Item",
    "Price",
    "build_quote",
    "iva_percent",
    "setting_price",
    "with_reasons",
]

#: The clause the IVA reading (interpretation ITP-I-IVA) is about: the online payment of an
#: attention, whose price the terms do not publish.
IVA_CLAUSES = ("ITP-PAY-1",)
_IVA_SOURCE = "interpretation ITP-I-IVA: the terms publish no prices, so they do not say"


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


def iva_percent(settings: VendorSettings) -> str:
    """``"19"`` for a rate of 0.19."""
    rate = settings.decimal("iva_rate") or Decimal(0)
    return format((rate * 100).normalize(), "f")


def setting_price(settings: VendorSettings, key: str) -> Price:
    """The price in setting ``key`` with its IVA note, or the missing settings that prevent it."""
    price = settings.money(key)
    if price is None:
        return Price(None, "", (settings.missing(key),))
    includes = settings.get("prices_include_iva")
    if includes is True:
        return Price(price.rounded(), f"IVA {iva_percent(settings)} % included", ())
    if includes is False:
        return Price(price.rounded(), f"+ IVA {iva_percent(settings)} %", ())
    return Price(
        price.rounded(),
        "whether IVA is included is not configured",
        (settings.missing("prices_include_iva"),),
    )


def build_quote(
    settings: VendorSettings,
    terms: TermsVersion,
    currency: str,
    items: Iterable[Item],
    reasons: Iterable[Reason] = (),
) -> Quote:
    """A quote for ``items`` with an explicit IVA line (see the module docstring)."""
    q = QuoteBuilder(currency)
    for reason in reasons:
        q.reason(reason)
    includes = settings.get("prices_include_iva")
    rate = settings.decimal("iva_rate") or Decimal(0)
    pct = iva_percent(settings)
    for item in items:
        price = settings.money(item.price_key)
        if price is None:
            q.missing(settings.missing(item.price_key))
            continue
        label = f"{item.description} (IVA included)" if includes is True else item.description
        q.line(label, price.rounded(), citations=terms.cite(*item.clauses))
    # The IVA reasons rest on the setting prices_include_iva and interpretation ITP-I-IVA, an
    # interpretation of the payment clause (the terms publish no prices): they cite that clause.
    cites = terms.cite(*IVA_CLAUSES)
    if includes is None:
        if q.has_lines:
            q.missing(settings.missing("prices_include_iva"))
            q.reason(
                Reason(
                    "iva-unknown",
                    f"Whether these prices include IVA ({pct} %) is not configured (setting "
                    f"itplusnet.prices_include_iva; {_IVA_SOURCE}): the total shows the prices as "
                    "given, without IVA added.",
                    cites,
                )
            )
        return q.build()
    q.tax("IVA", rate, included=includes is True)
    if includes is False:
        q.reason(
            Reason(
                "iva-added",
                f"IVA {pct} % (Chile, DL 825) is added to the prices, which exclude it according "
                f"to the setting itplusnet.prices_include_iva ({_IVA_SOURCE}).",
                cites,
            )
        )
        return q.build()
    q.reason(
        Reason(
            "iva-included",
            f"The prices include IVA {pct} % (Chile, DL 825) according to the setting "
            f"itplusnet.prices_include_iva ({_IVA_SOURCE}): net = price / {1 + rate} rounded to "
            "the peso, IVA = price − net.",
            cites,
        )
    )
    return q.build()


def with_reasons(quote: Quote, reasons: Sequence[Reason]) -> Quote:
    """``quote`` (built without case reasons) with ``reasons`` first: what :func:`build_quote`
    gives when passed them, since they change neither its lines, taxes, totals nor status."""
    return Quote(
        currency=quote.currency,
        status=quote.status,
        lines=quote.lines,
        taxes=quote.taxes,
        subtotal=quote.subtotal,
        total=quote.total,
        missing=quote.missing,
        reasons=(*reasons, *quote.reasons),
    )
