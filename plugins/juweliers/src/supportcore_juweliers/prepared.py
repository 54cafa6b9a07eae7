"""What the integrator's settings give the rules, read once per engine (``terms.toml``
describes each setting; tariffs are read per answer with ``ctx.price``, which names them when
they are missing)."""

from __future__ import annotations

from collections.abc import Mapping

import attrs

from supportcore import Money, VendorSettings
from supportcore.calendar import ClosurePeriod
from supportcore.periods import MonthCount
from supportcore.versions import Version


@attrs.frozen
class Prepared:
    increment: int | None  #: regie time beyond the minimum, in whole steps of this
    minimum_for_excluded_work: bool  #: JUW-I-MINIMUM-EXCLUDED
    help_on_older_versions: bool  #: JUW-I-LATEST-ONLY
    holidays: tuple[ClosurePeriod, ...] | None  #: the "verlofperiodes" (None: not supplied)
    holidays_close_internet: bool  #: JUW-I-HOLIDAY-INTERNET
    communication_module: str  #: the "communicatiepakket" (JUW-LINK)
    latest: Version | None  #: the latest version, the only one supported (JUW-LATEST-ONLY)
    monthly_fee: Mapping[str, Money] | None  #: per installed item (JUW-FEE-SOFTWARE)
    licence_prices: Mapping[str, Money] | None  #: the "actuele kostprijs" per item
    month_count: MonthCount  #: JUW-I-MONTH-COUNT
    invoiced_in_advance: bool  #: JUW-I-QUARTER-INVOICING


def prepare(settings: VendorSettings) -> Prepared:
    holidays = settings.get("holiday_periods")
    return Prepared(
        increment=settings.get("regie_increment_minutes"),
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
