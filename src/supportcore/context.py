"""What a hook receives: the vendor's identity and the evaluation context of one case."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import date, datetime
from decimal import Decimal
from typing import TYPE_CHECKING, Any, Generic, Literal, TypeVar, overload

import attrs

from .decision import Action, Coverage, Eligibility, Remedy, Service
from .i18n import Language, default_language, language
from .model import Case, Request
from .money import Money, Quote
from .reasons import Citation, MissingFact, MissingSetting, Reason
from .tables import EMPTY_TABLES, Fee, ServiceTargets, TaxRule, VendorTables
from .terms import TermsVersion
from .vendor import VendorInfo
from .wording import json_value
from .wording import say as _say

if TYPE_CHECKING:
    from .calendar import BusinessCalendar
    from .settings import VendorSettings
    from .timeline import Timeline

__all__ = ["Context", "VendorInfo"]

T = TypeVar("T")
_ABSENT = object()


class _once(Generic[T]):
    """``functools.cached_property`` without its lock (Python 3.11 takes one on every first
    access, and a context is made per case): the value is computed on first access and kept
    in the instance's ``__dict__``, which shadows this descriptor from then on."""

    def __init__(self, fn: Callable[[Any], T]) -> None:
        self.fn = fn
        self.name = fn.__name__
        self.__doc__ = fn.__doc__

    def __set_name__(self, _owner: type, name: str) -> None:
        self.name = name

    @overload
    def __get__(self, obj: None, _cls: type) -> _once[T]: ...
    @overload
    def __get__(self, obj: object, _cls: type) -> T: ...
    def __get__(self, obj: object | None, _cls: type) -> T | _once[T]:
        if obj is None:
            return self
        value = obj.__dict__[self.name] = self.fn(obj)
        return value


P = TypeVar("P")
F = TypeVar("F")


@attrs.define(slots=False)
class Context(Generic[P, F]):
    """The evaluation context of one case: facts, instant, terms in force, settings, calendars,
    and the vendor's own prepared data and facts.

    Built by the engine for each case; hooks treat it as read-only. A plugin types it with its
    own classes: ``def supportcore_eligibility(ctx: Context[Prepared, Facts], service)`` makes
    ``ctx.prepared`` a ``Prepared`` and ``ctx.facts`` a ``Facts`` for the type checker.
    """

    case: Case
    at: datetime
    vendor: VendorInfo
    terms: TermsVersion
    settings: VendorSettings
    calendars: Mapping[str, BusinessCalendar]
    #: what the vendor's ``supportcore_prepare`` made from its settings and terms, once per engine
    prepared: P = attrs.field(default=None)
    #: what the vendor's ``supportcore_assess`` found in this case (set before the other hooks)
    facts: F = attrs.field(default=None)
    #: validated settings of overlay plugins, by section name (see ``supportcore_setting_specs``)
    overlay_settings: Mapping[str, VendorSettings] = attrs.field(factory=dict)
    #: the vendor's tables (coverage, channels, tax, fees, service levels); empty by default
    tables: VendorTables = attrs.field(factory=lambda: EMPTY_TABLES)
    #: the language explanations are written in, with its catalogs and formats (the engine
    #: passes the one asked for; default: the vendor's terms language, the core's catalog)
    language: Language = attrs.field(
        default=attrs.Factory(
            lambda self: language(default_language(self.vendor), self.vendor.country),
            takes_self=True,
        )
    )
    #: the service answer of this case, once the engine has it (the decision hooks after
    #: ``supportcore_service_hours`` read it here too: the closure owes "answer by …")
    service: Service | None = None
    #: the case's quote, once the engine has it (the closure reads what is still due here)
    quote: Quote | None = None

    @property
    def lang(self) -> str:
        """The language explanations are written in: ``"es"``, ``"nl"`` or ``"en"``."""
        return self.language.lang

    @property
    def locale(self) -> str:
        """The locale values are written in: the language and the vendor's country
        (``"es_MX"``, ``"nl_BE"``; English is ``"en_GB"``)."""
        return self.language.locale

    @_once
    def request(self) -> Request:
        return self.case.request

    @_once
    def local_at(self) -> datetime:
        """The evaluation instant in the vendor's home time zone."""
        return self.at.astimezone(self.vendor.tz)

    @_once
    def today(self) -> date:
        """The vendor's local calendar date at the evaluation instant."""
        return self.local_at.date()

    @_once
    def received_on(self) -> date:
        """The vendor's local calendar date when the request was received."""
        return self.case.request.received_at.astimezone(self.vendor.tz).date()

    @_once
    def timeline(self) -> Timeline:
        """The ticket's timeline (segments, waits, appointments, work, payments), built in one
        pass the first time a rule asks for it."""
        from .timeline import Timeline

        return Timeline.of(self.case)

    def local(self, instant: datetime) -> datetime:
        return instant.astimezone(self.vendor.tz)

    # ------------------------------------------------------------------ answers' parts

    def reason(
        self,
        code: str,
        message: str,
        *clause_ids: str,
        interpretations: tuple[str, ...] = (),
        settings: tuple[str, ...] = (),
        **params: Any,
    ) -> Reason:
        """A reason citing clauses of the terms version in force.

        ``message`` is a template with named placeholders, written as a literal string:
        ``ctx.reason("free-period", "Free SMART period until {until}", "BIN-FREE-1",
        until=end)``. The template is the message id of the catalogs: it is looked up in the
        vendor's catalog, then the core's, for :attr:`lang` (English when none translates it);
        the values are written in words in :attr:`locale` by :mod:`supportcore.wording` and
        kept, in their JSON form, in ``Reason.params``. ``interpretations`` and ``settings``
        name what the reason rests on besides its clauses; they are data, not words of the
        sentence.
        """
        return Reason(
            code,
            _say(self.language, message, params),
            self.terms.cite(*clause_ids),
            {k: json_value(v) for k, v in params.items()} if params else {},
            interpretations,
            settings,
        )

    def remedy(
        self,
        code: str,
        description: str,
        *clause_ids: str,
        price: Money | None = None,
        price_note: str = "",
        missing: tuple[MissingSetting, ...] = (),
        **params: Any,
    ) -> Remedy:
        """What the customer can do, citing clauses; ``description`` is a template as in
        :meth:`reason`. ``price`` (or ``missing``, naming the tariff not supplied) prices it."""
        return Remedy(
            code,
            _say(self.language, description, params),
            price,
            price_note,
            missing,
            self.terms.cite(*clause_ids),
            {k: json_value(v) for k, v in params.items()} if params else {},
        )

    def action(
        self,
        party: str,
        description: str,
        *clause_ids: str,
        due: datetime | None = None,
        **params: Any,
    ) -> Action:
        """Something still owed on the ticket by ``party`` ("vendor" or "customer"), citing
        clauses; ``description`` is a template as in :meth:`reason`."""
        return Action(
            party,
            _say(self.language, description, params),
            due,
            self.terms.cite(*clause_ids),
            {k: json_value(v) for k, v in params.items()} if params else {},
        )

    def say(self, template: str, /, **params: Any) -> str:
        """Words that are not a reason, remedy or action (a price note, a quote line's
        description) in :attr:`lang`: ``template`` translated as in :meth:`reason`, its
        values written in :attr:`locale`."""
        return _say(self.language, template, params)

    def cite(self, *clause_ids: str) -> tuple[Citation, ...]:
        return self.terms.cite(*clause_ids)

    def money(self, amount: Decimal | int | str) -> Money:
        """An amount in the vendor's currency."""
        return Money(amount, self.vendor.currency)

    def missing(self, key: str) -> MissingSetting:
        """The :class:`MissingSetting` for a declared setting the integrator did not supply."""
        return self.settings.missing(key)

    def missing_fact(self, field: str, needed_for: str, description: str = "") -> MissingFact:
        """A fact of the case a rule needs and the case does not give, by its field path;
        ``description`` (what it is, for the customer) is a template as in :meth:`reason`."""
        words = _say(self.language, description, {}) if description else ""
        return MissingFact(field, needed_for, words)

    def price(self, key: str, entry: str | None = None) -> Money | MissingSetting:
        """A tariff from the settings: a ``money`` setting, or one ``entry`` of a
        ``money_table`` setting; the :class:`MissingSetting` when it is not supplied."""
        value = self.settings.get(key)
        if entry is not None and isinstance(value, Mapping):
            value = value.get(entry)
        if isinstance(value, Money):
            return value
        return self.settings.missing(key)

    # ------------------------------------------------------------------ the tables, applied

    def fee(self, fee_id: str, key: str = "") -> Fee | None:
        """A price the terms themselves state (a ``[[fees]]`` row), with its citations; ``None``
        when the terms give none for ``key``."""
        return self.tables.fee(self, fee_id, key)

    @_once
    def tax(self) -> TaxRule:
        """The vendor's tax (``[tax]`` and the ``tax_rate`` setting), ready to apply."""
        return self.tables.tax_rule(self)

    def listed_reason(
        self,
        reason_id: str,
        *clause_ids: str,
        interpretations: tuple[str, ...] = (),
        settings: tuple[str, ...] = (),
        **params: Any,
    ) -> Reason:
        """The reason of the ``[reasons.<id>]`` row of the vendor's terms: its code, its words
        (with ``params``, as in :meth:`reason`), its clauses that the terms version in force
        has (and ``clause_ids``), the interpretations and settings it rests on (and these).

        :raises KeyError: the terms have no such row (a bug of the plugin: a plugin failure).
        """
        row = self.tables.reasons.get(reason_id)
        if row is None:
            raise KeyError(f"{self.vendor.name}'s terms have no [reasons.{reason_id}]")
        terms = self.terms
        return self.reason(
            row.code,
            row.text,
            *[c for c in row.clauses if c in terms],  # a row may cite a later version's clause
            *clause_ids,
            interpretations=row.interpretations + interpretations,
            settings=row.settings + settings,
            **params,
        )

    def listed_action(
        self, action_id: str, *clause_ids: str, due: datetime | None = None, **params: Any
    ) -> Action:
        """The action of the ``[actions.<id>]`` row of the vendor's terms: who owes it, its
        words (with ``params``), its clauses (and ``clause_ids``), due by ``due``.

        :raises KeyError: the terms have no such row."""
        row = self.tables.actions.get(action_id)
        if row is None:
            raise KeyError(f"{self.vendor.name}'s terms have no [actions.{action_id}]")
        ids = [c for c in row.clauses if c in self.terms]  # a row may cite a later version's
        return self.action(row.party, row.text, *ids, *clause_ids, due=due, **params)

    def listed_remedy(
        self,
        remedy_id: str,
        *clause_ids: str,
        price: Money | None = None,
        price_note: str | None = None,
        missing: tuple[MissingSetting, ...] | None = None,
        **params: Any,
    ) -> Remedy:
        """The remedy of the ``[[remedies]]`` row ``remedy_id``, priced as the row says (a fee
        or a money setting, with the tax note, or the missing setting) unless ``price``,
        ``price_note`` or ``missing`` are given; ``params`` are written into its description.

        :raises KeyError: the terms have no such row."""
        from .tables.pricing import remedy as from_row

        row = self.tables.remedies.get(remedy_id)
        if row is None:
            raise KeyError(f"{self.vendor.name}'s terms have no [[remedies]] row {remedy_id!r}")
        found = from_row(self.tables, self, row, clause_ids, **params)
        if price is None and price_note is None and missing is None:
            return found
        return attrs.evolve(
            found,
            price=found.price if price is None else price,
            price_note=found.price_note if price_note is None else price_note,
            missing=found.missing if missing is None else missing,
        )

    def listed_coverage_of(self, category: str) -> Coverage | None:
        """The ``[[coverage]]`` table's answer for ``category`` (another category than the
        request's: what a remote session is about, say)."""
        if category == self.request.category:
            return self.listed_coverage
        other = attrs.evolve(
            self,
            case=attrs.evolve(self.case, request=attrs.evolve(self.request, category=category)),
        )
        return self.tables.coverage(other)

    @_once
    def listed_coverage(self) -> Coverage | None:
        """The ``[[coverage]]`` table's answer for the request's category (``None`` when the
        table does not list it and gives no default)."""
        return self.tables.coverage(self)

    def default_service(
        self,
        plan: str | None = None,
        start: datetime | Literal[False] | None = None,
        *,
        with_targets: bool = True,
    ) -> Service:
        """The core's service answer from the tables: the channel offered or not, its calendar,
        open now, next opening, the service levels' deadlines — for the customer's ``plan``
        (the rows naming it as well as those for every plan) and from ``start`` (see
        :meth:`service_targets`); ``with_targets=False``: the opening hours only."""
        return self.tables.service(self, plan, start, with_targets)

    def default_quote(self, eligibility: Eligibility, coverage: Coverage) -> Quote:
        """The core's quote when the vendor prices nothing itself (see the pricing hook)."""
        return self.tables.quote(self, eligibility, coverage)

    def service_targets(
        self, plan: str | None = None, start: datetime | Literal[False] | None = None
    ) -> ServiceTargets:
        """The service levels that apply to this request (its plan, severity and channel).

        ``start``: when the vendor's own rule starts the clock (the request became
        processable), instead of each service level's clock; ``False`` when its rule says the
        clock has not started."""
        return self.tables.targets(self, plan, start)

    @_once
    def severity(self) -> str:
        """The request's severity in the vendor's words (``[identity] severities``)."""
        return self.tables.severity(self)
