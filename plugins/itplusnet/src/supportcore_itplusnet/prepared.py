"""What Itplusnet's settings and terms give, read once per engine."""

from __future__ import annotations

import unicodedata
from collections.abc import Mapping
from typing import TYPE_CHECKING

import attrs

from supportcore import Channel, Context, SettingsError, TermsCatalogue, VendorSettings
from supportcore.calendar import BusinessCalendar

if TYPE_CHECKING:
    from .facts import Facts

    #: What the rules receive: the context with this plugin's prepared data and facts.
    Ctx = Context["Prepared", Facts]

#: "SOFTWARE DE PUNTO DE VENTA Y GESTION ITPLUSNET"; its derivatives are named in the settings.
MAIN_PRODUCT = "ITPLUSNET POS"
#: The channels the document names: the technician's call and the mobile numbers (phone), the
#: secure remote connection (remote); the integrator adds those of the payment page.
NAMED_CHANNELS = (Channel.PHONE, Channel.REMOTE)
#: The calendar of the help desk (``[calendars.support]``).
CALENDAR = "support"
#: The price setting of each schedule (interpretation ITP-I-TARIFF).
PRICE_KEYS = {"normal": "price_normal_hours", "special": "price_special_hours"}


@attrs.frozen
class Schedule:
    """One schedule of the help desk, as the tariff of an attention reads it."""

    price_key: str  #: the setting with its price
    clauses: tuple[str, ...]  #: the clauses that publish it (ITP-HOURS-1 or ITP-HOURS-2)
    label: str  #: its words ("normal hours")


@attrs.frozen
class Prepared:
    """The settings Itplusnet's rules read, and the parts of its terms they look up."""

    #: "ITPLUSNET POS" and its derivatives (``derivative_products``), and them ignoring case
    products: tuple[str, ...]
    known: frozenset[str]
    #: phone and remote, plus the channels of the payment page (``contact_channels``)
    offered: tuple[Channel, ...]
    #: the two mobile numbers called in special hours (empty: not supplied)
    mobile_numbers: tuple[str, ...]
    #: the places on-site assistance is offered in ("Sólo Stgo."), as :func:`place` writes them
    area: frozenset[str]
    #: the 90 minutes start at the payment (or the next opening), not at the first work session
    starts_at_payment: bool
    #: every request from a system that is not 32-bit is the excluded incompatibility
    exclude_all_on_64bit: bool
    #: whether the prices include IVA (``None``: the integrator did not say)
    iva_included: bool | None
    #: the help desk's calendar and its schedules by name
    calendar: BusinessCalendar
    schedules: Mapping[str, Schedule]
    #: category → the service sold separately it asks for (the billable rows' remedies)
    sold_apart: Mapping[str, str]

    def serves(self, location: str) -> bool:
        """Whether on-site assistance is offered at ``location`` (interpretation
        ITP-I-SANTIAGO): any comma-separated part names a place of the area, ignoring case,
        accents and dots ("Santiago, Región Metropolitana", "Stgo.")."""
        return any(place(part) in self.area for part in location.split(","))


def place(text: str) -> str:
    """A place name as the area compares it: no accents, no dots, lower case."""
    plain = "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))
    return " ".join(plain.casefold().replace(".", " ").split())


def prepare(
    settings: VendorSettings, terms: TermsCatalogue, calendars: Mapping[str, BusinessCalendar]
) -> Prepared:
    """Itplusnet's settings, checked: a channel of ``contact_channels`` that is not a channel
    is refused (:class:`SettingsError`, one message per name)."""
    valid = sorted(c.value for c in Channel)
    listed = settings.get("contact_channels") or ()
    wrong = [
        f"{settings.owner}.contact_channels[{j}]: {name!r} is not a channel "
        f"(one of {', '.join(valid)})"
        for j, name in enumerate(listed)
        if name not in valid
    ]
    if wrong:
        raise SettingsError(wrong)
    products = (MAIN_PRODUCT, *(settings.get("derivative_products") or ()))
    hours = terms.tables.calendar_tables[CALENDAR]
    included = settings.get("prices_include_iva")
    return Prepared(
        products=products,
        known=frozenset(p.casefold() for p in products),
        offered=tuple(dict.fromkeys((*NAMED_CHANNELS, *(Channel(c) for c in listed)))),
        mobile_numbers=tuple(settings.get("special_hours_mobile_numbers") or ()),
        area=frozenset(place(p) for p in settings.get("on_site_area") or ()),
        starts_at_payment=settings.get("attention_starts_at") == "payment",
        exclude_all_on_64bit=bool(settings.get("exclude_all_on_64bit")),
        iva_included=None if included is None else bool(included),
        calendar=calendars[CALENDAR],
        schedules={
            name: Schedule(key, hours.schedule_clauses[name], hours.schedule_labels[name])
            for name, key in PRICE_KEYS.items()
        },
        sold_apart={
            category: row.remedies[0]
            for category, row in terms.tables.coverage_rows.items()
            if row.status == "billable"
        },
    )
