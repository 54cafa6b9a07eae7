"""What the integrator's settings give the agreement's rules, read once per engine."""

from __future__ import annotations

from collections.abc import Mapping

import attrs

from supportcore import Money, SettingsError, VendorSettings
from supportcore.calendar import ClosurePeriod
from supportcore.periods import MonthCount
from supportcore.versions import Version

__all__ = ["Prepared", "prepare"]


@attrs.frozen
class Prepared:
    """The settings the rules read (each is described in ``terms.toml``); tariffs that may be
    missing are read per answer with ``ctx.price``, which names them when they are."""

    #: regie time beyond the minimum is rounded up to whole multiples of this ("zie tarieven")
    increment: int | None
    #: the minimum hour also applies to excluded work under the agreement (JUW-I-MINIMUM-EXCLUDED)
    minimum_for_excluded_work: bool
    #: help without adaptation is still given on an older version (JUW-I-LATEST-ONLY)
    help_on_older_versions: bool
    #: the vendor's holiday periods ("verlofperiodes"); ``None`` when not supplied
    holidays: tuple[ClosurePeriod, ...] | None
    #: the holiday periods also close the internet link (JUW-I-HOLIDAY-INTERNET)
    holidays_close_internet: bool
    #: the module name of the communication pack ("communicatiepakket", JUW-LINK)
    communication_module: str
    #: the latest version of the package, the only one supported (JUW-LATEST-ONLY)
    latest: Version | None
    #: the fixed monthly amount per installed item (JUW-FEE-SOFTWARE)
    monthly_fee: Mapping[str, Money] | None
    #: the current list price per item ("actuele kostprijs", JUW-UPGRADE-PRICE)
    licence_prices: Mapping[str, Money] | None
    #: how "het aantal maanden" is counted (JUW-I-MONTH-COUNT)
    month_count: MonthCount
    #: each quarter is invoiced at its start (JUW-I-QUARTER-INVOICING)
    invoiced_in_advance: bool


def prepare(settings: VendorSettings) -> Prepared:
    """The settings as :class:`Prepared`; a non-positive regie increment is refused."""
    increment = settings.get("regie_increment_minutes")
    if increment is not None and increment <= 0:
        raise SettingsError(
            [
                "juweliers.regie_increment_minutes: must be a positive number of minutes, "
                f"got {increment}"
            ]
        )
    holidays = settings.get("holiday_periods")
    return Prepared(
        increment=increment,
        minimum_for_excluded_work=bool(settings.get("minimum_hour_for_excluded_work")),
        help_on_older_versions=bool(settings.get("help_on_older_versions")),
        holidays=None if holidays is None else tuple(holidays),
        holidays_close_internet=bool(settings.get("holiday_periods_close_internet_help")),
        communication_module=str(settings.get("communication_module")),
        latest=settings.get("latest_version"),
        monthly_fee=settings.get("monthly_fee"),
        licence_prices=settings.get("licence_prices"),
        month_count=MonthCount(str(settings.get("month_count"))),
        invoiced_in_advance=settings.get("quarter_invoicing") == "in_advance",
    )
