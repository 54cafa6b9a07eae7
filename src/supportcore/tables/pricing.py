"""Prices from the tables: fees the terms state, the vendor's tax, remedies priced by a fee or
a setting, and the core's default quote."""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal
from typing import TYPE_CHECKING, Any

import attrs

from ..categories import describe as describe_category
from ..decision import CoverageStatus, EligibilityStatus, Remedy
from ..money import Money, Quote, QuoteBuilder, QuoteStatus
from ..reasons import Citation, MissingSetting, Reason

if TYPE_CHECKING:
    from ..context import Context
    from ..decision import Coverage, Eligibility
    from ..terms import TermsVersion
    from . import VendorTables
    from ._rows import CoverageRow, RemedyRow

__all__ = ["TAX_RATE", "Fee", "TaxRule", "default_quote", "fee", "in_force", "remedy", "tax_rule"]

#: The one setting that holds a vendor's tax rate (kind ``rate``), whatever the tax's name.
TAX_RATE = "tax_rate"


@attrs.frozen
class Fee:
    """A price the terms themselves state (a ``[[fees]]`` row), with the clauses that state it."""

    amount: Money
    citations: tuple[Citation, ...] = ()
    description: str = ""  #: what it is the price of, for a quote line


@attrs.frozen
class TaxRule:
    """The vendor's tax, ready to apply to a quote: ``[tax]`` and the ``tax_rate`` setting.

    ``rate`` is ``None`` when the vendor has no ``[tax]`` table (then ``name`` is empty and
    :meth:`apply` does nothing) or when the rate is not supplied (then ``missing`` names it).
    ``note`` is the words for a remedy's price: ``"+ IVA 21 %"``, ``"IVA 21 % included"``, or
    without a rate ``"+ IVA"``.
    """

    name: str
    rate: Decimal | None = None
    included: bool = False  #: prices include the tax (the ``[tax] included_setting``)
    citations: tuple[Citation, ...] = ()
    missing: tuple[MissingSetting, ...] = ()
    note: str = ""

    def apply(self, builder: QuoteBuilder) -> QuoteBuilder:
        """Add the cited tax line, or record the missing rate."""
        if self.rate is None:
            for m in self.missing:
                builder.missing(m)
            return builder
        return builder.tax(self.name, self.rate, self.citations, included=self.included)


NO_TAX = TaxRule("")


def in_force(terms: TermsVersion, ids: Iterable[str]) -> tuple[str, ...]:
    """The clause ids of ``ids`` that the terms version in force has (a table row may cite a
    clause that only later versions of the terms contain), without repeats."""
    return tuple(cid for cid in dict.fromkeys(ids) if cid in terms)


def tax_rule(tables: VendorTables, ctx: Context[Any, Any]) -> TaxRule:
    """The vendor's tax for this case (see :class:`TaxRule`)."""
    table = tables.tax
    if table is None:
        return NO_TAX
    settings = ctx.settings
    included = bool(settings.get(table.included_setting)) if table.included_setting else False
    cites = ctx.cite(*in_force(ctx.terms, table.clauses))
    rate = settings.get(TAX_RATE)
    if rate is None:
        tax = table.name
        note = ctx.say("{tax} included", tax=tax) if included else ctx.say("+ {tax}", tax=tax)
        return TaxRule(table.name, None, included, cites, (ctx.missing(TAX_RATE),), note)
    values = {"tax": table.name, "percent": (rate * 100).normalize()}
    if included:
        note = ctx.say("{tax} {percent} % included", **values)
    else:
        note = ctx.say("+ {tax} {percent} %", **values)
    return TaxRule(table.name, rate, included, cites, (), note)


def fee(tables: VendorTables, ctx: Context[Any, Any], fee_id: str, key: str = "") -> Fee | None:
    """The ``[[fees]]`` row ``fee_id`` (and ``key``) in the vendor's currency, or ``None``."""
    row = tables.fees.get((fee_id, key))
    if row is None:
        return None
    return Fee(ctx.money(row.amount), ctx.cite(*in_force(ctx.terms, row.clauses)), row.description)


def _note(*parts: str) -> str:
    return ", ".join(p for p in parts if p)


def remedy(
    tables: VendorTables,
    ctx: Context[Any, Any],
    row: RemedyRow,
    extra: tuple[str, ...] = (),
    **params: Any,
) -> Remedy:
    """A ``[[remedies]]`` row as a :class:`Remedy`: priced by its fee (citing the fee's clauses
    too) or its money setting (or naming the setting when it is missing), with the tax note;
    ``extra`` clauses cited too, ``params`` written into its description."""
    ids = [*row.clauses, *extra]
    price: Money | None = None
    missing: tuple[MissingSetting, ...] = ()
    note = ctx.say(row.price_note) if row.price_note else ""
    if row.fee is not None:
        found = fee(tables, ctx, *row.fee)
        if found is not None:
            price = found.amount
            ids.extend(c.clause for c in found.citations)
        note = _note(note, ctx.tax.note)
    elif row.setting is not None:
        tariff = ctx.price(row.setting)
        if isinstance(tariff, Money):
            price = tariff
        else:
            missing = (tariff,)
        note = _note(note, ctx.tax.note)
    return ctx.remedy(
        row.code,
        row.description,
        *in_force(ctx.terms, ids),
        price=price,
        price_note=note,
        missing=missing,
        **params,
    )


def _cited(*groups: Iterable[Reason]) -> tuple[Citation, ...]:
    seen: dict[tuple[str, str], Citation] = {}
    for reasons in groups:
        for reason in reasons:
            for c in reason.citations:
                seen.setdefault((c.vendor, c.clause), c)
    return tuple(seen.values())


def default_quote(
    tables: VendorTables,
    ctx: Context[Any, Any],
    eligibility: Eligibility,
    coverage: Coverage,
) -> Quote:
    """The core's quote when the vendor prices nothing itself. In this order:

    - coverage **excluded**: ``not_applicable``, citing the coverage's clauses;
    - coverage **undetermined**: ``undetermined``, citing them;
    - **not entitled**: ``not_applicable`` with the refusal's reasons;
    - **billable**: a quote priced by the coverage row's ``fee`` or money ``setting`` with the
      vendor's tax (``complete``, or ``incomplete`` naming the missing tariff or tax rate);
      ``undetermined`` when the row names no price;
    - **covered** and entitled: ``free``, citing the coverage's clauses;
    - covered with eligibility **undetermined**: ``undetermined`` with its reasons.
    """
    currency = ctx.vendor.currency
    status = coverage.status
    cites = _cited(coverage.reasons)
    if status == CoverageStatus.EXCLUDED:
        why = Reason(
            "excluded", ctx.say("Nothing is priced: the terms exclude this request"), cites
        )
        return Quote.unpriced(currency, QuoteStatus.NOT_APPLICABLE, (why,))
    if status not in (CoverageStatus.COVERED, CoverageStatus.BILLABLE):
        why = Reason(
            "coverage-undetermined",
            ctx.say("Not priced: whether the terms cover this request is undetermined"),
            cites,
        )
        return Quote.unpriced(currency, QuoteStatus.UNDETERMINED, (why,))
    if eligibility.status == EligibilityStatus.NOT_ENTITLED:
        return Quote.unpriced(currency, QuoteStatus.NOT_APPLICABLE, eligibility.reasons)
    if status == CoverageStatus.BILLABLE:
        row = tables.coverage_rows.get(coverage.category) or tables.coverage_default
        if row is None or row.status != status or (row.fee is None and row.setting is None):
            why = Reason(
                "billable-unpriced",
                ctx.say("Billed separately; the terms give no price for it"),
                cites,
            )
            return Quote.unpriced(currency, QuoteStatus.UNDETERMINED, (why,))
        return _billable(tables, ctx, row, coverage.category, cites)
    if eligibility.status == EligibilityStatus.ENTITLED:
        why = Reason("covered", ctx.say("Nothing to pay: the request is covered"), cites)
        return Quote.unpriced(currency, QuoteStatus.FREE, (why,))
    return Quote.unpriced(currency, QuoteStatus.UNDETERMINED, eligibility.reasons)


def _billable(
    tables: VendorTables,
    ctx: Context[Any, Any],
    row: CoverageRow,
    category: str,
    cites: tuple[Citation, ...],
) -> Quote:
    builder = QuoteBuilder(ctx.vendor.currency)
    what = ctx.vendor.categories.get(category) or describe_category(category)
    if row.fee is not None:
        found = fee(tables, ctx, *row.fee)
        if found is not None:
            words = ctx.say(found.description or what)  # (the catalogs hold the tables' words)
            builder.line(words, found.amount, citations=found.citations)
    elif row.setting is not None:
        tariff = ctx.price(row.setting)
        if isinstance(tariff, Money):
            spec = ctx.settings.specs.get(row.setting)
            described = spec.description if spec is not None and spec.description else what
            builder.line(ctx.say(described), tariff, citations=cites)
        else:
            builder.missing(tariff)
    ctx.tax.apply(builder)
    why = Reason(
        "billable", ctx.say("Billed separately from what the customer is entitled to"), cites
    )
    builder.reason(why)
    return builder.build()
