"""Numbers and names that Binarema's SMART terms themselves give, each with the clause it is from.

Nothing here is a tariff the integrator supplies (those are settings, declared in terms.toml);
everything here is printed in the terms, and a test checks each value against its clause text.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Final

from supportcore import Channel, Edition

VENDOR: Final = "binarema"

#: The programs the terms name ("FactuCont", "FactuCont TPV 5", "EuroConta").
FACTUCONT: Final = "FactuCont"
TPV: Final = "FactuCont TPV"
EUROCONTA: Final = "EuroConta"
PRODUCTS: Final = (FACTUCONT, TPV, EUROCONTA)

#: "la última versión 5" (BIN-CONTRACT-3); FactuCont 5 / FactuCont TPV 5 (BIN-TPV-1).
LATEST_VERSION: Final = 5

#: "período SMART gratuito de 6 meses desde la compra del programa" (BIN-FREE-1, BIN-CONTRACT-1).
FREE_MONTHS_PURCHASE: Final = 6
#: "(3 meses en el caso de actualizaciones)" (BIN-FREE-1), "el período gratuito será de 3 meses"
#: (BIN-CONTRACT-3).
FREE_MONTHS_UPDATE: Final = 3

#: Yearly SMART fee before IVA, by edition: BIN-PRICE-1 (monopuesto), BIN-PRICE-2 (en red).
YEARLY_FEE: Final[dict[Edition, tuple[Decimal, str]]] = {
    Edition.SINGLE_SEAT: (Decimal("92.99"), "BIN-PRICE-1"),
    Edition.NETWORK: (Decimal("149.99"), "BIN-PRICE-2"),
}
EDITION_NAMES: Final = {
    Edition.SINGLE_SEAT: "single-seat (monopuesto)",
    Edition.NETWORK: "network (en red)",
}

#: "se renueva automáticamente cada año" (BIN-CANCEL-1): renewal periods of 12 months.
RENEWAL_MONTHS: Final = 12
#: "con al menos una semana de anticipación al último día de vigencia" (BIN-CANCEL-2).
NOTICE_WEEKS: Final = 1

#: "durante los primeros 30 días a partir de la fecha de compra" (BIN-EXCL-4-WARRANTY).
WARRANTY_DAYS: Final = 30

#: Tax-form modules included in maintenance, by program (BIN-COVER-6).
TAX_MODELS: Final[dict[str, tuple[str, ...]]] = {
    FACTUCONT: ("111", "115", "130", "180", "190", "303", "347", "390"),
    EUROCONTA: ("303",),
}

#: "Debe llamar al número 958 13 50 63." (BIN-HOWTO-PHONE)
PHONE: Final = "958 13 50 63"
#: "Los correos electrónicos irán dirigidos a binarema@binarema.es" (BIN-HOWTO-EMAIL)
EMAIL: Final = "binarema@binarema.es"

#: Channels offered (interpretation BIN-I-CHANNELS).
CHANNELS: Final = (Channel.PHONE, Channel.EMAIL, Channel.REMOTE)

#: Technical assistance hours, Monday to Friday (BIN-HOURS-1) and in July and August
#: (BIN-HOURS-2); Europe/Madrid wall-clock time.
TIMEZONE: Final = "Europe/Madrid"
WEEKDAYS: Final = (0, 1, 2, 3, 4)
NORMAL_WINDOWS: Final = ("09:00-14:00", "16:30-19:30")
SUMMER_MONTHS: Final = (7, 8)
SUMMER_WINDOWS: Final = ("08:00-15:00",)

#: Binarema's own request category: contracting or renewing SMART (its yearly fee).
SMART_CONTRACT: Final = "smart_contract"
CATEGORIES: Final = {
    SMART_CONTRACT: "contracting or renewing SMART for a program: the yearly fee, +IVA",
}

#: Categories a registered user may ask about without SMART (BIN-REG-1; reinstallation by
#: interpretation BIN-I-REINSTALL).
REGISTERED_ONLY_CATEGORIES: Final = frozenset({"installation", "startup", "reinstallation"})

#: Holiday choices of the ``public_holidays`` setting → (country, subdivision).
HOLIDAY_CHOICES: Final[dict[str, tuple[str, str | None] | None]] = {
    "none": None,
    "national": ("ES", None),
    "national_andalusia": ("ES", "AN"),
}
