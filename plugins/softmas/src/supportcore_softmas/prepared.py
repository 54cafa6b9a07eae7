"""What Softmás's settings and terms give, once per engine."""

from __future__ import annotations

from collections.abc import Mapping

import attrs

from supportcore import SettingsError, TermsCatalogue, VendorSettings
from supportcore.calendar import BusinessCalendar
from supportcore.timers import WaitingOnCustomer
from supportcore.versions import Version

#: "después de un periodo de 10 días hábiles, el consultor realizará dos intentos de contacto"
WAIT_DAYS, ATTEMPTS = 10, 2
#: "48 horas hábiles" to program an import (SM-RESP-4), or two business days by the setting
IMPORT_HOURS, IMPORT_DAYS = 48, 2


@attrs.frozen
class Prepared:
    office: BusinessCalendar  #: Monday–Friday 09:00–14:00 and 15:00–18:00 (SM-HOURS-1)
    waiting: WaitingOnCustomer  #: SM-CLOSE-2 on the office calendar
    latest: Version | None  #: ``latest_version``
    products: frozenset[str]  #: ``products`` (empty: any)
    stacked_updates: bool  #: ``update_period_start`` = "stacked"
    usage_is_advisory: bool  #: ``usage_questions`` = "advisory"
    accounting_excluded: bool  #: ``accounting_doubts`` = "excluded"
    started_hours: bool  #: ``advisory_rounding`` = "started_hour"
    import_in_days: bool  #: ``import_hours_reading`` = "business_days"


def prepare(
    settings: VendorSettings, terms: TermsCatalogue, calendars: Mapping[str, BusinessCalendar]
) -> Prepared:
    office, get = calendars.get("office"), settings.get
    if office is None:  # (its hours are published: only impossible closures prevent it)
        raise SettingsError(["softmas.closures: the office calendar cannot be built"])
    return Prepared(
        office,
        WaitingOnCustomer(business_days=WAIT_DAYS, attempts=ATTEMPTS, calendar=office),
        get("latest_version"),
        frozenset(get("products") or ()),
        get("update_period_start") == "stacked",
        get("usage_questions") == "advisory",
        get("accounting_doubts") == "excluded",
        get("advisory_rounding") == "started_hour",
        get("import_hours_reading") == "business_days",
    )
