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
#: "48 horas hábiles" to program an accounting import (SM-RESP-4), or two business days
IMPORT_HOURS, IMPORT_DAYS = 48, 2


@attrs.frozen
class Prepared:
    """The settings as the rules read them, and the office's timer."""

    office: BusinessCalendar  #: Monday–Friday 09:00–14:00 and 15:00–18:00 (SM-HOURS-1)
    waiting: WaitingOnCustomer  #: 10 business days, then two contact attempts (SM-CLOSE-2)
    latest: Version | None  #: the latest version published (``latest_version``)
    products: frozenset[str]  #: the Softmás systems (``products``; empty: any)
    stacked_updates: bool  #: ``update_period_start`` = "stacked"
    usage_is_advisory: bool  #: ``usage_questions`` = "advisory"
    accounting_excluded: bool  #: ``accounting_doubts`` = "excluded"
    started_hours: bool  #: ``advisory_rounding`` = "started_hour"
    import_in_days: bool  #: ``import_hours_reading`` = "business_days"


def prepare(
    settings: VendorSettings, terms: TermsCatalogue, calendars: Mapping[str, BusinessCalendar]
) -> Prepared:
    office = calendars.get("office")
    if office is None:  # (its hours are published: only impossible closures prevent it)
        raise SettingsError(["softmas.closures: the office calendar cannot be built"])
    return Prepared(
        office=office,
        waiting=WaitingOnCustomer(business_days=WAIT_DAYS, attempts=ATTEMPTS, calendar=office),
        latest=settings.get("latest_version"),
        products=frozenset(settings.get("products") or ()),
        stacked_updates=settings.get("update_period_start") == "stacked",
        usage_is_advisory=settings.get("usage_questions") == "advisory",
        accounting_excluded=settings.get("accounting_doubts") == "excluded",
        started_hours=settings.get("advisory_rounding") == "started_hour",
        import_in_days=settings.get("import_hours_reading") == "business_days",
    )
