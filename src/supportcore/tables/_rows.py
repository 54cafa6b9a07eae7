"""The rows of a vendor's tables as :mod:`supportcore.tables.parse` reads them from
``terms.toml``: plain, validated data, made once when the terms are loaded."""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal
from types import MappingProxyType
from typing import Any

import attrs

from ..calendar import ScheduleSpec

__all__ = [
    "CalendarTable",
    "ChannelsTable",
    "CoverageRow",
    "FeeRow",
    "HolidayRule",
    "RemedyRow",
    "ScheduleRow",
    "ServiceLevelRow",
    "Target",
    "TaxTable",
    "Variant",
]

_EMPTY: Mapping[Any, Any] = MappingProxyType({})


@attrs.frozen
class ChannelsTable:
    """``[channels]``: the channels offered and, per channel, the calendar of its hours."""

    #: the channels offered (``None``: the vendor's ``[identity] channels``)
    offered: tuple[str, ...] | None = None
    clauses: tuple[str, ...] = ()  #: cited when a channel not offered is refused
    hours: Mapping[str, str] = _EMPTY  #: channel → calendar name (``[channels.hours]``)


@attrs.frozen
class ScheduleRow:
    """One ``[[calendars.<name>.schedules]]`` entry: the calendar's schedule, the clauses that
    publish it, the words for it, and the settings it applies under."""

    spec: ScheduleSpec
    clauses: tuple[str, ...] = ()
    label: str = ""
    #: (setting, value) pairs that must all hold for the schedule to apply
    when: tuple[tuple[str, Any], ...] = ()


@attrs.frozen
class HolidayRule:
    """``holidays`` of a calendar: which public holidays close it, perhaps by a setting."""

    country: str | None = None
    subdiv: str | None = None
    subdiv_setting: str | None = None  #: a string or choice setting naming the subdivision
    when: str | None = None  #: a boolean setting: holidays close the desk only when true
    setting: str | None = None  #: a choice setting whose value picks one of ``choices``
    #: choice → (country, subdivision), or ``None`` for "no holidays"
    choices: Mapping[str, tuple[str, str | None] | None] = _EMPTY


@attrs.frozen
class CalendarTable:
    """``[calendars.<name>]``: published hours (``schedules``) or the integrator's calendar
    (``setting``), with holidays and closures."""

    name: str
    timezone: str | None = None  #: ``None``: the vendor's time zone
    schedules: tuple[ScheduleRow, ...] = ()
    setting: str | None = None  #: a calendar setting (hours the terms do not publish)
    holidays: HolidayRule | None = None
    closures_setting: str | None = None
    closures_when: str | None = None  #: a boolean setting: closures apply only when true
    clauses: tuple[str, ...] = ()  #: cited with every schedule's own clauses
    #: schedule name → the clauses of its rows, and its words ("normal hours")
    schedule_clauses: Mapping[str, tuple[str, ...]] = _EMPTY
    schedule_labels: Mapping[str, str] = _EMPTY


@attrs.frozen
class TaxTable:
    """``[tax]``: the tax's name and clauses; the rate is the setting ``tax_rate``."""

    name: str
    clauses: tuple[str, ...] = ()
    included_setting: str | None = None  #: a boolean setting: prices include the tax


@attrs.frozen
class FeeRow:
    """One ``[[fees]]`` row: a price the terms themselves state."""

    id: str
    amount: Decimal
    clauses: tuple[str, ...]
    key: str = ""
    description: str = ""


@attrs.frozen
class RemedyRow:
    """One ``[[remedies]]`` row, priced by a fee (``fee``) or a money setting (``setting``)."""

    id: str
    code: str
    description: str
    clauses: tuple[str, ...]
    price_note: str = ""
    fee: tuple[str, str] | None = None  #: (fee id, key)
    setting: str | None = None


@attrs.frozen
class SentenceRow:
    """One ``[reasons.<id>]`` or ``[actions.<id>]`` row: the words of a reason (or an action)
    the vendor's rules give, with the clauses and whatever else it rests on."""

    id: str
    code: str  #: the stable code (the id unless the row says otherwise)
    text: str  #: the English template, with named placeholders
    clauses: tuple[str, ...] = ()
    interpretations: tuple[str, ...] = ()
    settings: tuple[str, ...] = ()
    party: str = ""  #: an action's party ("customer" or "vendor"); "" for a reason
    placeholders: tuple[str, ...] = ()


@attrs.frozen
class Variant:
    """A coverage row's variant: when the request is for ``product`` or comes by ``channel``
    (both, when both are given), extra clauses (``add_clauses``) or other clauses instead of
    the row's (``clauses``)."""

    add_clauses: tuple[str, ...]
    product: str | None = None
    channel: str | None = None
    clauses: tuple[str, ...] | None = None  #: replace the row's clauses


@attrs.frozen
class CoverageRow:
    """One ``[[coverage]]`` row (or ``[coverage_default]``, with no categories)."""

    status: str
    code: str
    message: str
    clauses: tuple[str, ...] = ()
    categories: tuple[str, ...] = ()
    interpretations: tuple[str, ...] = ()
    remedies: tuple[str, ...] = ()
    fee: tuple[str, str] | None = None  #: prices a billable row
    setting: str | None = None  #: a money setting that prices a billable row
    variants: tuple[Variant, ...] = ()
    #: the placeholders the message uses (``{category}``, ``{product}``, ``{channel}``)
    placeholders: tuple[str, ...] = ()


@attrs.frozen
class Target:
    """A service-level duration: ``4 business hours``, ``2 business days``, ``48 hours`` or
    ``at opening``."""

    kind: str  #: "business_hours" | "business_days" | "hours" | "at_opening"
    amount: int | Decimal = 0
    text: str = ""  #: as people say it: "4 business hours"

    @property
    def needs_calendar(self) -> bool:
        return self.kind != "hours"


@attrs.frozen
class ServiceLevelRow:
    """One ``[[service_levels]]`` row: targets for the plans × severities × channels ×
    categories it lists (``"*"``: any)."""

    index: int
    clauses: tuple[str, ...]
    plans: tuple[str, ...] = ("*",)
    severities: tuple[str, ...] = ("*",)
    channels: tuple[str, ...] = ("*",)
    categories: tuple[str, ...] = ("*",)
    calendar: str | None = None
    response: Target | None = None
    resolution: Target | None = None
    clock: str = "received"  #: "received" | "information_complete"
    response_setting: str | None = None  #: an hours_table setting: plan → business hours
    resolution_setting: str | None = None

    def matches(self, plan: str | None, severity: str, channel: str, category: str) -> bool:
        """Whether the row applies to a request (a row naming plans needs a plan)."""
        return (
            ("*" in self.plans or plan in self.plans)
            and ("*" in self.severities or severity in self.severities)
            and ("*" in self.channels or channel in self.channels)
            and ("*" in self.categories or category in self.categories)
        )
