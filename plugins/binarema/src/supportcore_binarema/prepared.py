"""What Binarema's terms and the integrator's settings give, prepared once per engine.

The numbers below are printed in the terms (a test checks each against its clause); the prices
the terms state are the ``[[fees]]`` table, the hours the ``[calendars.assistance]`` table.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Final

import attrs

from supportcore import Edition, Money, SettingsError, TermsCatalogue, VendorSettings
from supportcore.periods import TermCount
from supportcore.versions import Version, VersionError

__all__ = ["Prepared", "prepare"]

FACTUCONT, TPV, EUROCONTA = "FactuCont", "FactuCont TPV", "EuroConta"  # BIN-PROG-1, BIN-TPV-1
LATEST_VERSION: Final = 5  # "la última versión 5" (BIN-CONTRACT-3)
FREE_MONTHS_PURCHASE, FREE_MONTHS_UPDATE = 6, 3  # "6 meses … (3 meses …)" (BIN-FREE-1)
RENEWAL_MONTHS: Final = 12  # "se renueva automáticamente cada año" (BIN-CANCEL-1)
NOTICE_WEEKS: Final = 1  # "al menos una semana de anticipación" (BIN-CANCEL-2)
WARRANTY_DAYS: Final = 30  # "los primeros 30 días a partir de la fecha de compra"
PHONE, EMAIL = "958 13 50 63", "binarema@binarema.es"  # BIN-HOWTO-PHONE, BIN-HOWTO-EMAIL
#: The tax-form modules included in maintenance, by program (BIN-COVER-6).
TAX_MODELS: Final[Mapping[str, tuple[str, ...]]] = {
    FACTUCONT: ("111", "115", "130", "180", "190", "303", "347", "390"),
    EUROCONTA: ("303",),
}
#: Asked by a registered user without SMART (BIN-REG-1; reinstallation: BIN-I-REINSTALL).
REGISTERED_ONLY: Final = frozenset({"installation", "startup", "reinstallation"})
#: Done at a price SMART does not make free (BIN-EXCL-2, BIN-EXCL-4).
BILLABLE: Final = frozenset({"new_version", "shipping_material"})


@attrs.frozen
class YearlyFee:
    """The yearly SMART fee of an edition, before IVA, and the clauses stating it."""

    amount: Money
    clauses: tuple[str, ...]


@attrs.frozen
class Prepared:
    """The settings and terms as Binarema's rules read them."""

    count: TermCount  #: how terms from the purchase are counted (BIN-I-PERIOD)
    fees: Mapping[Edition, YearlyFee]  #: ``[[fees]] smart_yearly_fee`` (BIN-PRICE-1, -2)
    extras: Mapping[int, Money] | None  #: activation extra by major version (BIN-PRICE-6)
    returning_pays_extra: bool  #: setting ``returning_customer_fee`` (BIN-I-RETURNING)


def _major_key(key: str) -> int | None:
    try:
        number = Version.parse(key).major
    except VersionError:
        return None
    return number if str(number) == key else None


def prepare(settings: VendorSettings, terms: TermsCatalogue) -> Prepared:
    """Price tables keyed by what the rules never look up (the new-version prices by edition,
    the activation extras by major version) refuse the settings."""
    editions = sorted(e.value for e in Edition)
    problems = [
        f"binarema.{key}.{k}: not an edition ({', '.join(editions)}); this price would never "
        "be used"
        for key in ("new_version_price", "new_version_price_registered")
        for k in settings.get(key) or {}
        if k not in editions
    ]
    table: Mapping[str, Money] | None = settings.get("activation_extra_by_version")
    extras = {n: amount for k, amount in (table or {}).items() if (n := _major_key(k)) is not None}
    problems += [
        f"binarema.activation_extra_by_version.{k}: keys are major version numbers such as "
        '"5" or "4"; this amount would never be used'
        for k in table or {}
        if _major_key(k) is None
    ]
    if problems:
        raise SettingsError(problems)
    currency = terms.info.currency if terms.info is not None else "EUR"
    fees = {
        e: YearlyFee(Money(row.amount, currency), row.clauses)
        for e in Edition
        if (row := terms.tables.fees.get(("smart_yearly_fee", e.value))) is not None
    }
    count = TermCount(settings.get("period_count") or TermCount.CIVIL_CODE)
    extra = settings.get("returning_customer_fee") == "activation_extra"
    return Prepared(count, fees, extras if table is not None else None, extra)
