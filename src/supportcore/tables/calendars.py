"""The calendars of a vendor's ``[calendars.<name>]`` tables, built with the settings once per
engine: the published hours (the schedules whose ``when`` holds), the holidays the settings
choose, the closures they give; or the integrator's calendar setting."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import attrs

from ..calendar import BusinessCalendar, CalendarError, CalendarSpec, ClosurePeriod, HolidaySpec

if TYPE_CHECKING:
    from ..settings import VendorSettings
    from ..vendor import VendorInfo
    from . import VendorTables
    from ._rows import CalendarTable, HolidayRule

__all__ = ["build_calendars", "holds"]


def holds(settings: VendorSettings, conditions: tuple[tuple[str, Any], ...]) -> bool:
    """Whether every ``(setting, value)`` condition holds (a boolean setting not supplied
    counts as false)."""
    for key, wanted in conditions:
        value = settings.get(key)
        if isinstance(wanted, bool):
            value = bool(value)
        if value != wanted:
            return False
    return True


def build_calendars(
    tables: VendorTables, settings: VendorSettings, vendor: VendorInfo
) -> dict[str, BusinessCalendar]:
    """Every calendar of the tables by name; one the integrator must give and did not is left
    out. A calendar the settings make impossible raises :class:`CalendarError` naming it."""
    built: dict[str, BusinessCalendar] = {}
    for name, table in tables.calendar_tables.items():
        calendar = _build(table, settings, vendor.timezone)
        if calendar is not None:
            built[name] = calendar
    return built


def _build(
    table: CalendarTable, settings: VendorSettings, timezone: str
) -> BusinessCalendar | None:
    closures: tuple[ClosurePeriod, ...] = ()
    if table.closures_setting is not None and (
        table.closures_when is None or settings.get(table.closures_when) is True
    ):
        closures = tuple(settings.get(table.closures_setting) or ())
    if table.setting is not None:
        given = settings.get(table.setting)
        if not isinstance(given, CalendarSpec):
            return None
        spec = attrs.evolve(given, closures=(*given.closures, *closures))
    else:
        schedules = tuple(row.spec for row in table.schedules if holds(settings, row.when))
        if not schedules:
            raise CalendarError(
                f"calendar {table.name!r}: no schedule of the terms applies with these settings"
            )
        spec = CalendarSpec(
            table.timezone or timezone,
            schedules,
            _holidays(table, table.holidays, settings),
            closures,
        )
    try:
        return spec.build(table.name)
    except CalendarError as exc:
        raise CalendarError(f"calendar {table.name!r}: {exc}") from None


def _holidays(
    table: CalendarTable, rule: HolidayRule | None, settings: VendorSettings
) -> HolidaySpec | None:
    if rule is None:
        return None
    if rule.setting is not None:
        where = rule.choices.get(str(settings.get(rule.setting)))
        return HolidaySpec(*where) if where is not None else None
    if rule.when is not None and not settings.get(rule.when):
        return None
    assert rule.country is not None  # (a holiday rule without a choice names its country)
    if rule.subdiv_setting is None:
        return HolidaySpec(rule.country, rule.subdiv)
    try:
        return HolidaySpec(rule.country, settings.get(rule.subdiv_setting) or None)
    except CalendarError as exc:
        raise CalendarError(f"calendar {table.name!r}: {rule.subdiv_setting}: {exc}") from None
