"""What a hook receives: the vendor's identity and the evaluation context of one case."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import date, datetime
from decimal import Decimal
from functools import cached_property
from typing import TYPE_CHECKING, Any, Generic, TypeVar, overload
from zoneinfo import ZoneInfo

import attrs

from .decision import Action, Remedy
from .model import Case, Channel, Request
from .money import MINOR_UNITS, Money, Quote
from .reasons import Citation, MissingSetting, Reason
from .terms import TermsVersion

if TYPE_CHECKING:
    from .calendar import BusinessCalendar
    from .settings import VendorSettings

__all__ = ["Context", "VendorInfo"]

T = TypeVar("T")
_ABSENT = object()


def _check_zone(_i: object, _a: object, value: str) -> None:
    try:
        ZoneInfo(value)
    except Exception:
        raise ValueError(f"timezone: unknown IANA time zone {value!r}") from None


def _check_currency(_i: object, _a: object, value: str) -> None:
    if value not in MINOR_UNITS:
        raise ValueError(f"currency: unknown currency {value!r}")


@attrs.frozen
class VendorInfo:
    """Who the vendor is. ``name`` equals the entry-point name and the cases' ``vendor``."""

    name: str
    title: str
    country: str
    currency: str = attrs.field(validator=_check_currency)
    timezone: str = attrs.field(validator=_check_zone)
    products: tuple[str, ...] = ()  #: products the terms apply to; empty = any
    channels: tuple[Channel, ...] = ()  #: channels the vendor offers
    categories: Mapping[str, str] = attrs.field(factory=dict)  #: vendor-specific categories
    language: str = ""
    document: str = ""  #: where the terms come from (title, URL or file)

    @cached_property
    def tz(self) -> ZoneInfo:
        return ZoneInfo(self.timezone)


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


@attrs.define(slots=False)
class Context:
    """The evaluation context of one case: facts, instant, terms in force, settings, calendars.

    Built by the engine for each case; hooks treat it as read-only.
    """

    case: Case
    at: datetime
    vendor: VendorInfo
    terms: TermsVersion
    settings: VendorSettings
    calendars: Mapping[str, BusinessCalendar]
    #: validated settings of overlay plugins, by section name (see ``supportcore_setting_specs``)
    overlay_settings: Mapping[str, VendorSettings] = attrs.field(factory=dict)
    #: scratch space for one case: a plugin may store an assessment computed in one hook (say
    #: eligibility) and reuse it in a later one (pricing). Keys should be prefixed with the
    #: plugin's name. Never carries over between cases.
    memo: dict[str, Any] = attrs.field(factory=dict)
    #: what :meth:`prepared` keeps: the engine passes one store per vendor, kept as long as
    #: the engine (its settings and calendars) lives; a context built by hand gets its own.
    prepared_store: dict[tuple[str, str], Any] = attrs.field(factory=dict, repr=False)

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

    def local(self, instant: datetime) -> datetime:
        return instant.astimezone(self.vendor.tz)

    def reason(self, code: str, message: str, *clause_ids: str) -> Reason:
        """A reason citing clauses of the terms version in force."""
        return self.terms.reason(code, message, *clause_ids)

    def cite(self, *clause_ids: str) -> tuple[Citation, ...]:
        return self.terms.cite(*clause_ids)

    def fixed_reason(self, code: str, message: str, *clause_ids: str) -> Reason:
        """:meth:`reason` for a sentence that never depends on the case (``"A doubt about how
        the program works is covered"``): made once per terms version, then shared."""
        found = self.terms._fixed.get((Reason, code, message, clause_ids))
        if found is None:  # (the lookup above, inline, is the hot path: one call, not two)
            found = self.terms.fixed_reason(code, message, *clause_ids)
        return found

    def fixed_remedy(self, code: str, description: str, *clause_ids: str) -> Remedy:
        """A :class:`Remedy` without a price, whose words never depend on the case: made once
        per terms version, then shared."""
        key = (Remedy, code, description, clause_ids)
        return self.terms.fixed(
            key, lambda: Remedy(code, description, citations=self.cite(*clause_ids))
        )

    def fixed_action(self, party: str, description: str, *clause_ids: str) -> Action:
        """An :class:`Action` without a due date, whose words never depend on the case: made
        once per terms version, then shared."""
        key = (Action, party, description, clause_ids)
        return self.terms.fixed(
            key, lambda: Action(party, description, citations=self.cite(*clause_ids))
        )

    def fixed_quote(self, status: str, code: str, message: str, *clause_ids: str) -> Quote:
        """A quote with nothing priced (:meth:`Quote.unpriced`, in the vendor's currency) whose
        one reason never depends on the case: made once per terms version, then shared."""
        currency = self.vendor.currency
        key = (Quote, currency, status, code, message, clause_ids)
        return self.terms.fixed(
            key,
            lambda: Quote.unpriced(
                currency, status, (self.fixed_reason(code, message, *clause_ids),)
            ),
        )

    def prepared(self, key: str, build: Callable[[Context], T]) -> T:
        """What ``build(ctx)`` makes from the settings, the terms version in force, the vendor
        and its calendars — never from the case —, made once per engine and terms version and
        reused for every case after that (parsed tariffs, a settings-derived table, reasons
        whose wording comes from the settings). ``key`` names it (prefix it with the plugin's
        name); ``build`` must not read ``ctx.case`` or the instant."""
        store = self.prepared_store
        full = (key, self.terms.version)
        found = store.get(full, _ABSENT)
        if found is _ABSENT:
            found = store[full] = build(self)
        return found  # type: ignore[no-any-return]

    def money(self, amount: Decimal | int | str) -> Money:
        """An amount in the vendor's currency."""
        return Money(amount, self.vendor.currency)

    def missing(self, key: str) -> MissingSetting:
        """The :class:`MissingSetting` for a declared setting the integrator did not supply."""
        return self.settings.missing(key)
