"""The tables of a vendor's terms, and the core applying them.

SKELETON: the interface the context and the engine use. The parsing of ``terms.toml`` tables
and their application are being written; until then every vendor has empty tables.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from typing import TYPE_CHECKING, Any

import attrs

from .money import Money

if TYPE_CHECKING:
    from .calendar import BusinessCalendar
    from .context import Context
    from .decision import Coverage, Eligibility, Problem, Service
    from .money import Quote, QuoteBuilder
    from .reasons import Citation, MissingSetting, Reason
    from .settings import VendorSettings
    from .vendor import VendorInfo

__all__ = ["EMPTY_TABLES", "Fee", "ServiceTargets", "TaxRule", "VendorTables", "parse_tables"]


@attrs.frozen
class Fee:
    """A price the terms themselves state, with the clauses that state it."""

    amount: Money
    citations: tuple[Citation, ...] = ()


@attrs.frozen
class TaxRule:
    """The vendor's tax, ready to apply to a quote."""

    name: str
    rate: Any = None  # Decimal | None
    included: bool = False
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


@attrs.frozen
class ServiceTargets:
    """The service levels that apply to one request."""

    response_due: datetime | None = None
    resolution_due: datetime | None = None
    reasons: tuple[Reason, ...] = ()
    missing: tuple[MissingSetting, ...] = ()


@attrs.frozen
class VendorTables:
    """A vendor's tables (empty in this skeleton)."""

    data: Mapping[str, Any] = attrs.field(factory=dict)

    def calendars(
        self, settings: VendorSettings, vendor: VendorInfo
    ) -> dict[str, BusinessCalendar]:
        return {}

    def fee(self, ctx: Context[Any, Any], fee_id: str, key: str) -> Fee | None:
        return None

    def tax_rule(self, ctx: Context[Any, Any]) -> TaxRule:
        return TaxRule("")

    def coverage(self, ctx: Context[Any, Any]) -> Coverage | None:
        return None

    def service(self, ctx: Context[Any, Any]) -> Service:
        from .decision import Service

        return Service(channel=str(ctx.request.channel))

    def quote(self, ctx: Context[Any, Any], eligibility: Eligibility, coverage: Coverage) -> Quote:
        from .money import Quote, QuoteStatus

        return Quote.unpriced(ctx.vendor.currency, QuoteStatus.UNDETERMINED)

    def targets(self, ctx: Context[Any, Any], plan: str | None) -> ServiceTargets:
        return ServiceTargets()

    def check_case_problems(self, ctx: Context[Any, Any]) -> list[Problem]:
        """Input problems the tables see (a severity the vendor does not declare)."""
        return []

    def severity(self, ctx: Context[Any, Any]) -> str:
        req = ctx.request
        if req.severity:
            return req.severity
        return "urgent" if req.urgent else (ctx.vendor.severities or ("normal",))[0]


EMPTY_TABLES = VendorTables()


def parse_tables(
    vendor: str,
    data: Mapping[str, Any],
    clauses: frozenset[str] | set[str],
    settings: Mapping[str, Any],
) -> VendorTables:
    """The tables of a parsed ``terms.toml`` (skeleton: none)."""
    return EMPTY_TABLES
