"""What a hook receives: the vendor's identity and the evaluation context of one case."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, datetime
from decimal import Decimal
from functools import cached_property
from typing import TYPE_CHECKING, Any
from zoneinfo import ZoneInfo

import attrs

from .model import Case, Channel, Request
from .money import MINOR_UNITS, Money
from .reasons import Citation, MissingSetting, Reason
from .terms import TermsVersion

if TYPE_CHECKING:
    from .calendar import BusinessCalendar
    from .settings import VendorSettings

__all__ = ["Context", "VendorInfo"]


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

    @cached_property
    def request(self) -> Request:
        return self.case.request

    @cached_property
    def local_at(self) -> datetime:
        """The evaluation instant in the vendor's home time zone."""
        return self.at.astimezone(self.vendor.tz)

    @cached_property
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

    def money(self, amount: Decimal | int | str) -> Money:
        """An amount in the vendor's currency."""
        return Money(amount, self.vendor.currency)

    def missing(self, key: str) -> MissingSetting:
        """The :class:`MissingSetting` for a declared setting the integrator did not supply."""
        return self.settings.missing(key)
