"""The facts of one support case at one instant.

Everything here is immutable data with validators for values that can be wrong (a naive
datetime, an end before a start, negative minutes). Behaviour lives in the engine, the core
mechanics and the vendor plugins, never here.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable, Mapping
from datetime import date, datetime
from typing import Any, NoReturn

import attrs

from .money import Money

__all__ = [
    "FIRST_YEAR",
    "LAST_YEAR",
    "MAX_BILLING_MONTHS",
    "MAX_COUNT",
    "MAX_MINUTES",
    "Acquisition",
    "AcquisitionKind",
    "Case",
    "Channel",
    "Contact",
    "Contract",
    "Customer",
    "Edition",
    "Environment",
    "Event",
    "EventKind",
    "FrozenMap",
    "Licence",
    "Party",
    "PaymentState",
    "Request",
    "TaxId",
    "Ticket",
    "UsageEntry",
    "UsageKind",
]

#: The years a date or an instant of a case may fall in (support terms of the living).
FIRST_YEAR = 1900
LAST_YEAR = 2200
#: The most minutes one work session, usage entry or plan may hold (about 694 days).
MAX_MINUTES = 1_000_000
#: The most seats or machines a case may give.
MAX_COUNT = 1_000_000
#: The longest billing period of a contract, in months (a century).
MAX_BILLING_MONTHS = 1200


def _show(value: object) -> str:
    from .documents import describe

    return describe(value)


def aware(_inst: object, attribute: attrs.Attribute[Any], value: datetime | None) -> None:
    """attrs validator: a datetime must carry a time zone and fall in the accepted years."""
    if value is None:
        return
    if value.tzinfo is None or value.utcoffset() is None:
        raise ValueError(
            f"{attribute.name}: needs a time zone (write an offset such as +01:00 or "
            "[Europe/Madrid])"
        )
    if not FIRST_YEAR <= value.year <= LAST_YEAR:
        raise ValueError(
            f"{attribute.name}: {value.isoformat()} is out of range (years {FIRST_YEAR} to "
            f"{LAST_YEAR})"
        )


def in_years(_inst: object, attribute: attrs.Attribute[Any], value: date | None) -> None:
    """attrs validator: a date falls in the accepted years."""
    if value is not None and not FIRST_YEAR <= value.year <= LAST_YEAR:
        raise ValueError(
            f"{attribute.name}: {value.isoformat()} is out of range (years {FIRST_YEAR} to "
            f"{LAST_YEAR})"
        )


def _out_of_range(attribute: attrs.Attribute[Any], value: object, most: int) -> NoReturn:
    raise ValueError(f"{attribute.name}: {_show(value)} is out of range (0 to {most:,})")


def non_negative(_inst: object, attribute: attrs.Attribute[Any], value: int | None) -> None:
    """attrs validator: a count from 0 to :data:`MAX_COUNT`."""
    if value is not None and not 0 <= value <= MAX_COUNT:
        if value < 0:
            raise ValueError(f"{attribute.name}: must not be negative, got {_show(value)}")
        _out_of_range(attribute, value, MAX_COUNT)


def minutes(_inst: object, attribute: attrs.Attribute[Any], value: int | None) -> None:
    """attrs validator: minutes from 0 to :data:`MAX_MINUTES`."""
    if value is not None and not 0 <= value <= MAX_MINUTES:
        if value < 0:
            raise ValueError(f"{attribute.name}: must not be negative, got {_show(value)}")
        _out_of_range(attribute, value, MAX_MINUTES)


def billing_months(_inst: object, attribute: attrs.Attribute[Any], value: int | None) -> None:
    """attrs validator: a billing period from 0 to :data:`MAX_BILLING_MONTHS` months."""
    if value is not None and not 0 <= value <= MAX_BILLING_MONTHS:
        if value < 0:
            raise ValueError(f"{attribute.name}: must not be negative, got {_show(value)}")
        _out_of_range(attribute, value, MAX_BILLING_MONTHS)


def no_negative_money(_inst: object, attribute: attrs.Attribute[Any], value: Money | None) -> None:
    if value is not None and value.amount < 0:
        raise ValueError(f"{attribute.name}.amount: must not be negative, got {value.amount}")


class FrozenMap(dict[str, str]):
    """A read-only ``dict``: the free-form facts of a case (``request.facts``,
    ``request.environment.extra``), which no hook may change under the caller.

    It is a ``dict`` (JSON, TOML, equality and pickling work as for one); every method that
    would change it raises ``TypeError``.
    """

    __slots__ = ()

    def _read_only(self, *_args: object, **_kwargs: object) -> NoReturn:
        raise TypeError("the facts of a case are read-only")

    __setitem__ = __delitem__ = __ior__ = _read_only
    clear = pop = popitem = setdefault = update = _read_only

    def __reduce__(self) -> tuple[type[FrozenMap], tuple[dict[str, str]]]:
        return (FrozenMap, (dict(self),))

    def __copy__(self) -> FrozenMap:
        return self

    def __deepcopy__(self, _memo: object) -> FrozenMap:
        return self

    def __repr__(self) -> str:
        return f"FrozenMap({dict.__repr__(self)})"


def frozen_map(value: Mapping[str, str] | Iterable[tuple[str, str]]) -> FrozenMap:
    """attrs converter: the read-only copy of a mapping (a :class:`FrozenMap` as it is)."""
    return value if isinstance(value, FrozenMap) else FrozenMap(value)


_EMPTY = FrozenMap()


def _upper(value: str) -> str:
    return value.upper()


class Channel(enum.StrEnum):
    """How a request reaches the vendor."""

    PHONE = "phone"
    EMAIL = "email"
    CHAT = "chat"
    REMOTE = "remote"  #: remote control / remote assistance session
    TICKET = "ticket"  #: web ticket or help-desk form
    WEB = "web"  #: self-service website, help, videos
    ON_SITE = "on_site"
    FAX = "fax"
    LETTER = "letter"


class Edition(enum.StrEnum):
    SINGLE_SEAT = "single_seat"  #: "monopuesto"
    NETWORK = "network"  #: "en red"


class AcquisitionKind(enum.StrEnum):
    PURCHASE = "purchase"  #: a new purchase ("compra")
    UPGRADE = "upgrade"  #: a paid update from an earlier version ("actualización")
    RENTAL = "rental"  #: a rental for a period ("renta")


class PaymentState(enum.StrEnum):
    PAID = "paid"
    PENDING = "pending"
    PARTIAL = "partial"
    NOT_INVOICED = "not_invoiced"


class Party(enum.StrEnum):
    CUSTOMER = "customer"
    VENDOR = "vendor"
    THIRD_PARTY = "third_party"


class EventKind(enum.StrEnum):
    """What can happen on a ticket's timeline."""

    OPENED = "opened"
    VENDOR_REPLY = "vendor_reply"
    CUSTOMER_REPLY = "customer_reply"
    CONTACT_ATTEMPT = "contact_attempt"  #: vendor tried to reach the customer (no answer)
    WAITING_ON_CUSTOMER = "waiting_on_customer"  #: vendor asked for information
    INFORMATION_COMPLETE = "information_complete"  #: all information needed is in hand
    WAITING_ON_THIRD_PARTY = "waiting_on_third_party"
    THIRD_PARTY_DONE = "third_party_done"
    ESCALATED = "escalated"  #: assigned to a specialist
    REPRODUCED = "reproduced"  #: problem reproduced 100 % by the vendor
    APPOINTMENT_BOOKED = "appointment_booked"  #: ``scheduled_for`` says when
    APPOINTMENT_CANCELLED = "appointment_cancelled"  #: by the customer, at ``at``
    APPOINTMENT_MISSED = "appointment_missed"  #: customer absent / not connected
    CONNECTION_FAILED = "connection_failed"  #: remote connection failed (customer set-up)
    WORK_SESSION = "work_session"  #: ``minutes`` of work done
    PAYMENT = "payment"  #: ``amount`` paid
    RESOLVED = "resolved"  #: ``by`` says who declared it solved
    CLOSED = "closed"  #: closed by someone, with ``note``
    REOPENED = "reopened"
    DUPLICATE_OF = "duplicate_of"  #: ``ref`` names the other ticket
    NOTE = "note"


@attrs.frozen
class TaxId:
    """A tax identifier as the customer gave it; validity is checked, never assumed.

    ``country`` is ISO 3166 alpha-2: ES (NIF/CIF/NIE), MX (RFC), CL (RUT), BE (enterprise/VAT).
    """

    country: str = attrs.field(converter=_upper)
    number: str


@attrs.frozen
class Customer:
    id: str = ""
    name: str = ""
    tax_id: TaxId | None = None
    #: registered user of the vendor (e.g. registration card sent); ``None``: the case does
    #: not say, and a rule that depends on it answers undetermined naming the missing fact
    registered: bool | None = None
    registration_number: str | None = None
    email: str | None = None
    phone: str | None = None


@attrs.frozen
class Acquisition:
    """How a licence was obtained."""

    kind: AcquisitionKind = AcquisitionKind.PURCHASE
    upgraded_from: str | None = None  #: previous version for an upgrade ("actualización")
    #: last day + 1 of a rental period (exclusive)
    rental_end: date | None = attrs.field(default=None, validator=in_years)

    def __attrs_post_init__(self) -> None:
        if self.kind is AcquisitionKind.RENTAL and self.rental_end is None:
            raise ValueError("rental_end: a rental needs the end of its rented period")


@attrs.frozen
class Licence:
    """A licence the customer holds for one product."""

    product: str
    acquired_on: date = attrs.field(validator=in_years)
    version: str | None = None
    edition: Edition | None = None
    acquisition: Acquisition = Acquisition()
    #: the licence's (current) cost, where a rule needs it
    cost: Money | None = attrs.field(default=None, validator=no_negative_money)
    modules: tuple[str, ...] = ()
    seats: int = attrs.field(default=1, validator=non_negative)
    lost: bool = False  #: the customer lost the licence (key, file) and asks to replace it

    def __attrs_post_init__(self) -> None:
        end = self.acquisition.rental_end
        if end is not None and end <= self.acquired_on:
            raise ValueError(
                f"acquisition.rental_end: {end} is not after acquired_on {self.acquired_on}"
            )


class UsageKind(enum.StrEnum):
    WORK = "work"
    URGENT_SURCHARGE = "urgent_surcharge"
    LATE_CANCELLATION = "late_cancellation"
    NO_SHOW = "no_show"
    ADJUSTMENT = "adjustment"


@attrs.frozen
class UsageEntry:
    """Minutes already logged against a plan (other tickets), as the vendor's ledger shows."""

    at: datetime = attrs.field(validator=aware)
    minutes: int = attrs.field(validator=minutes)
    kind: UsageKind = UsageKind.WORK
    ticket: str | None = None
    note: str = ""


@attrs.frozen
class Contract:
    """A support contract, plan or agreement.

    ``start`` is the first day in force; ``end`` the first day *no longer* in force (half-open,
    see :mod:`supportcore.periods`); ``None`` means open-ended (until cancelled).
    """

    id: str
    start: date = attrs.field(validator=in_years)
    product: str | None = None  #: ``None``: covers every product of the vendor
    plan: str = ""
    end: date | None = attrs.field(default=None, validator=in_years)
    #: defaults to ``start``; selects the terms version
    signed_on: date | None = attrs.field(default=None, validator=in_years)
    included_minutes: int | None = attrs.field(default=None, validator=minutes)
    channels: tuple[Channel, ...] = ()
    auto_renew: bool = False
    payment: PaymentState = PaymentState.PAID
    paid_on: date | None = attrs.field(default=None, validator=in_years)
    #: the agreed price per period (fee), if the rule needs it
    price: Money | None = attrs.field(default=None, validator=no_negative_money)
    billing_months: int | None = attrs.field(default=None, validator=billing_months)
    #: the day the vendor received notice
    cancellation_notice_on: date | None = attrs.field(default=None, validator=in_years)
    cancellation_channel: Channel | None = None
    modules: tuple[str, ...] = ()
    usage: tuple[UsageEntry, ...] = ()  #: minutes already consumed on other tickets
    terms_version: str | None = None  #: force a terms version (special contracts)
    special_terms: str | None = None  #: name of per-contract terms (an overlay applies them)

    def __attrs_post_init__(self) -> None:
        if self.end is not None and self.end <= self.start:
            raise ValueError(f"end: {self.end} is not after start {self.start}")

    @property
    def signed(self) -> date:
        return self.signed_on or self.start


@attrs.frozen
class Contact:
    """Contact and identification data the customer supplied with the request."""

    contract_number: str | None = None
    contact_person: str | None = None
    phone: str | None = None
    email: str | None = None
    company_name: str | None = None
    tax_id: str | None = None
    registration_number: str | None = None
    user_data: str | None = None
    description: str | None = None  #: the customer's explanation of the problem


@attrs.frozen
class Environment:
    """Facts about the customer's site a rule may need."""

    os: str | None = None
    os_bits: int | None = None
    location: str | None = None  #: city or region of the site (e.g. "Santiago")
    networked: bool | None = None
    machines: int | None = attrs.field(default=None, validator=non_negative)
    extra: Mapping[str, str] = attrs.field(default=_EMPTY, converter=frozen_map)

    def __attrs_post_init__(self) -> None:
        if self.os_bits is not None and self.os_bits not in (16, 32, 64):
            raise ValueError(f"os_bits: must be 32 or 64, got {self.os_bits}")


@attrs.frozen
class Request:
    """What the customer asks for."""

    product: str
    category: str
    channel: Channel
    received_at: datetime = attrs.field(validator=aware)
    urgent: bool = False
    #: how severe the request is, in the vendor's words for its service levels (``[identity]
    #: severities`` of its terms); ``None``: ``"urgent"`` when ``urgent``, else the lowest
    severity: str | None = None
    version: str | None = None  #: installed version, if it differs from the licence's
    contact: Contact = Contact()
    environment: Environment = Environment()
    summary: str = ""
    needs_adaptation: bool = False  #: solving it requires changing the vendor's software
    #: other vendor-specific facts
    facts: Mapping[str, str] = attrs.field(default=_EMPTY, converter=frozen_map)


@attrs.frozen
class Event:
    """One thing that happened on the ticket."""

    at: datetime = attrs.field(validator=aware)
    kind: EventKind
    by: Party | None = None
    minutes: int | None = attrs.field(default=None, validator=minutes)
    scheduled_for: datetime | None = attrs.field(default=None, validator=aware)
    amount: Money | None = None
    ref: str | None = None
    note: str = ""

    def __attrs_post_init__(self) -> None:
        if self.kind is EventKind.WORK_SESSION and self.minutes is None:
            raise ValueError("minutes: a work session needs its minutes")
        if self.kind is EventKind.APPOINTMENT_BOOKED and self.scheduled_for is None:
            raise ValueError("scheduled_for: a booked appointment needs its date and time")
        if self.amount is not None and self.amount.is_negative:
            raise ValueError("amount: must not be negative")


@attrs.frozen
class Ticket:
    id: str = ""
    events: tuple[Event, ...] = ()

    def __attrs_post_init__(self) -> None:
        # Compare instants, not wall clocks: two datetimes sharing a ZoneInfo compare by wall
        # time in Python, which misorders the repeated hour when clocks go back.
        stamps = [e.at.timestamp() for e in self.events]
        for i in range(1, len(stamps)):
            if stamps[i] < stamps[i - 1]:
                raise ValueError(
                    f"events[{i}].at: {self.events[i].at.isoformat()} is before the previous "
                    f"event ({self.events[i - 1].at.isoformat()}); list events in order"
                )

    def of(self, *kinds: EventKind) -> tuple[Event, ...]:
        return tuple(e for e in self.events if e.kind in kinds)

    def last(self, *kinds: EventKind) -> Event | None:
        for e in reversed(self.events):
            if e.kind in kinds:
                return e
        return None


@attrs.frozen
class Case:
    """The facts of one support case, evaluated at the instant ``at``."""

    vendor: str
    at: datetime = attrs.field(validator=aware)
    request: Request
    id: str = ""
    customer: Customer = Customer()
    licences: tuple[Licence, ...] = ()
    contracts: tuple[Contract, ...] = ()
    ticket: Ticket = Ticket()

    def __attrs_post_init__(self) -> None:
        at = self.at.timestamp()
        if self.request.received_at.timestamp() > at:
            raise ValueError(
                f"request.received_at: {self.request.received_at.isoformat()} is after the "
                f"evaluation instant at={self.at.isoformat()}"
            )
        events = self.ticket.events
        # the ticket keeps its events in order: only its last can be after the instant
        if events and events[-1].at.timestamp() > at:
            for i, e in enumerate(events):
                if e.at.timestamp() > at:
                    raise ValueError(
                        f"ticket.events[{i}].at: {e.at.isoformat()} is after the evaluation instant"
                    )

    def licences_for(self, product: str) -> tuple[Licence, ...]:
        return tuple(lic for lic in self.licences if lic.product == product)

    def contracts_for(self, product: str | None) -> tuple[Contract, ...]:
        return tuple(c for c in self.contracts if c.product in (None, product))
