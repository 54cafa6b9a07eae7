"""What Binarema's terms and the integrator's settings give, prepared once per engine. The
numbers below are printed in the terms (a test checks each against its clause)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Final

import attrs

from supportcore import Edition, Money, SettingsError, TermsCatalogue, VendorSettings
from supportcore.periods import TermCount

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
class Prepared:
    """The settings and terms as Binarema's rules read them."""

    count: TermCount  #: how terms from the purchase are counted (BIN-I-PERIOD)
    #: the yearly SMART fee by edition before IVA, and its clause (``[[fees]]``, BIN-PRICE-1, -2)
    fees: Mapping[Edition, tuple[Money, tuple[str, ...]]]
    extras: Mapping[int, Money] | None  #: activation extra by major version (BIN-PRICE-6)
    returning_pays_extra: bool  #: setting ``returning_customer_fee`` (BIN-I-RETURNING)


def prepare(settings: VendorSettings, terms: TermsCatalogue) -> Prepared:
    """Price tables keyed by what the rules never look up (the new-version prices by edition,
    the activation extras by major version: "5", "4") refuse the settings."""
    editions = ", ".join(sorted(e.value for e in Edition))
    table: Mapping[str, Money] | None = settings.get("activation_extra_by_version")
    extras = {int(k): v for k, v in (table or {}).items() if k.isdecimal() and str(int(k)) == k}
    problems = [
        f"binarema.{key}.{k}: not an edition ({editions}); this price would never be used"
        for key in ("new_version_price", "new_version_price_registered")
        for k in settings.get(key) or {}
        if k not in editions.split(", ")
    ] + [
        f"binarema.activation_extra_by_version.{k}: keys are major version numbers such as "
        '"5" or "4"; this amount would never be used'
        for k in table or {}
        if not (k.isdecimal() and str(int(k)) == k)
    ]
    if problems:
        raise SettingsError(problems)
    count = TermCount(settings.get("period_count") or TermCount.CIVIL_CODE)
    extra = settings.get("returning_customer_fee") == "activation_extra"
    rows = {e: terms.tables.fees[("smart_yearly_fee", e.value)] for e in Edition}
    fees = {e: (Money(row.amount, "EUR"), row.clauses) for e, row in rows.items()}
    return Prepared(count, fees, extras if table is not None else None, extra)
