"""The tables of a vendor's terms, and the core applying them.

Where the terms are a table (coverage by category, channels, published hours, fees, the tax,
service levels), the vendor's ``terms.toml`` holds it as data and the core applies it: a
plugin writes Python only for the rules that are logic. :func:`parse_tables` reads and checks
the tables once, when the terms are loaded; :class:`VendorTables` applies them to a case
(the context calls it: ``ctx.listed_coverage``, ``ctx.default_service()``,
``ctx.default_quote(...)``, ``ctx.service_targets(plan)``, ``ctx.tax``, ``ctx.fee(...)``).
The reference of every table and key is ``docs/terms-tables.md``.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from typing import TYPE_CHECKING, Any, Literal

import attrs

from ._rows import (
    CalendarTable,
    ChannelsTable,
    CoverageRow,
    FeeRow,
    RemedyRow,
    SentenceRow,
    ServiceLevelRow,
    TaxTable,
)
from .calendars import build_calendars
from .coverage import listed_coverage
from .pricing import Fee, TaxRule, default_quote, fee, tax_rule
from .service import ServiceTargets, check_case_problems, default_service, severity, targets

if TYPE_CHECKING:
    from ..calendar import BusinessCalendar
    from ..context import Context
    from ..decision import Coverage, Eligibility, Problem, Service
    from ..money import Quote
    from ..settings import VendorSettings
    from ..terms import SettingSpec
    from ..vendor import VendorInfo

__all__ = ["EMPTY_TABLES", "Fee", "ServiceTargets", "TaxRule", "VendorTables", "parse_tables"]


@attrs.frozen(eq=False)
class VendorTables:
    """A vendor's tables, parsed and checked once (:func:`parse_tables`); each method applies
    them to one case with look-ups only. A vendor without tables has :data:`EMPTY_TABLES`:
    every channel it declares is offered, none has published hours, no category is listed,
    no fee, no tax, no service level."""

    channels: ChannelsTable | None = None
    calendar_tables: Mapping[str, CalendarTable] = attrs.field(factory=dict)
    tax: TaxTable | None = None
    fees: Mapping[tuple[str, str], FeeRow] = attrs.field(factory=dict)
    #: category → its ``[[coverage]]`` row
    coverage_rows: Mapping[str, CoverageRow] = attrs.field(factory=dict)
    coverage_default: CoverageRow | None = None
    remedies: Mapping[str, RemedyRow] = attrs.field(factory=dict)
    service_levels: tuple[ServiceLevelRow, ...] = ()
    #: ``[reasons.<id>]``: the words of the reasons the vendor's rules give, by id
    reasons: Mapping[str, SentenceRow] = attrs.field(factory=dict)
    #: ``[actions.<id>]``: the words of the actions its rules owe, by id
    actions: Mapping[str, SentenceRow] = attrs.field(factory=dict)

    def calendars(
        self, settings: VendorSettings, vendor: VendorInfo
    ) -> dict[str, BusinessCalendar]:
        """The ``[calendars.<name>]`` calendars built with the settings, once per engine. A
        calendar given by a setting the integrator did not supply is left out (the service
        answer names the setting). :raises CalendarError: a calendar the settings make
        impossible (the engine reports it as a settings error)."""
        return build_calendars(self, settings, vendor)

    def fee(self, ctx: Context[Any, Any], fee_id: str, key: str = "") -> Fee | None:
        """The ``[[fees]]`` row ``fee_id`` / ``key`` in the vendor's currency, with its
        citations; ``None`` when the terms give none."""
        return fee(self, ctx, fee_id, key)

    def tax_rule(self, ctx: Context[Any, Any]) -> TaxRule:
        """The vendor's tax (``[tax]`` and the ``tax_rate`` setting), ready to apply."""
        return tax_rule(self, ctx)

    def coverage(self, ctx: Context[Any, Any]) -> Coverage | None:
        """The ``[[coverage]]`` row listing the request's category (else
        ``[coverage_default]``, else ``None``) as a :class:`~supportcore.Coverage`."""
        return listed_coverage(self, ctx)

    def service(
        self,
        ctx: Context[Any, Any],
        plan: str | None = None,
        start: datetime | Literal[False] | None = None,
        with_targets: bool = True,
    ) -> Service:
        """The core's service answer (see :func:`supportcore.tables.service.default_service`)."""
        return default_service(self, ctx, plan, start, with_targets)

    def quote(self, ctx: Context[Any, Any], eligibility: Eligibility, coverage: Coverage) -> Quote:
        """The core's default quote (see :func:`supportcore.tables.pricing.default_quote`)."""
        return default_quote(self, ctx, eligibility, coverage)

    def targets(
        self,
        ctx: Context[Any, Any],
        plan: str | None,
        start: datetime | Literal[False] | None = None,
    ) -> ServiceTargets:
        """The service levels that apply to the request under ``plan`` (``None``: only the
        rows for every plan); ``start`` replaces the rows' clocks (see
        :func:`supportcore.tables.service.targets`)."""
        return targets(self, ctx, plan, start)

    def severity(self, ctx: Context[Any, Any]) -> str:
        """The request's severity (see :func:`supportcore.tables.service.severity`)."""
        return severity(ctx)

    def check_case_problems(self, ctx: Context[Any, Any]) -> list[Problem]:
        """Input problems of a case the tables see: a severity the vendor does not declare."""
        return check_case_problems(ctx)


EMPTY_TABLES = VendorTables()


def parse_tables(
    vendor: str,
    data: Mapping[str, Any],
    clauses: frozenset[str] | set[str],
    settings: Mapping[str, SettingSpec],
) -> VendorTables:
    """The tables of a parsed ``terms.toml``: ``[channels]`` (and ``[channels.hours]``),
    ``[calendars.<name>]``, ``[tax]``, ``[[fees]]``, ``[[coverage]]``, ``[coverage_default]``,
    ``[[remedies]]``, ``[[service_levels]]``; :data:`EMPTY_TABLES` when it has none.

    :param vendor: the vendor's name, which starts every problem's line.
    :param data: the whole parsed ``terms.toml``; its ``[identity]`` (when given) and
        interpretations are what categories, products, plans, severities and interpretation
        ids are checked against.
    :param clauses: every clause id of every version of the terms.
    :param settings: the vendor's setting specs by key.
    :raises TermsError: one line per problem, each naming the table, the row and the key.
    """
    from .parse import read_tables

    return read_tables(vendor, data, clauses, settings)
