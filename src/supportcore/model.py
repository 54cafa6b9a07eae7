"""The facts of one support case at one instant.

Everything here is immutable data with validators for values that can be wrong (a naive
datetime, an end before a start, negative minutes). Behaviour lives in the engine, the core
mechanics and the vendor plugins, never here.
"""

from __future__ import annotations

import enum
from collections.abc import Mapping
from datetime import date, datetime
from typing import Any

import attrs

from .money import Money

__all__ = [
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
    "Licence",
    "Party",
    "PaymentState",
    "Request",
    "TaxId",
    "Ticket",
    "UsageEntry",
    "UsageKind",
]


def aware(_inst: object, attribute: attrs.Attribute[Any], value: datetime | None) -> None:
    """attrs validator: a datetime must carry a time zone."""
    if value is not None and (value.tzinfo is None or value.utcoffset() is None):
        raise ValueError(
            f"{attribute.name}: needs a time zone (write an offset such as +01:00 or "
            "[Europe/Madrid])"
        )


def non_negative(_inst: object, attribute: attrs.Attribute[Any], value: int | None) -> None:
    if value is not None and value < 0:
        raise ValueError(f"{attribute.name}: must not be negative, got {value}")


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
    rental_end: date | None = None  #: last day + 1 of a rental period (exclusive)

    def __attrs_post_init__(self) -> None:
        if self.kind is AcquisitionKind.RENTAL and self.rental_end is None:
            raise ValueError("rental_end: a rental needs the end of its rented period")


@attrs.frozen
class Licence:
    """A licence the customer holds for one product."""

    product: str
    acquired_on: date
    version: str | None = None
    edition: Edition | None = None
    acquisition: Acquisition = Acquisition()
    cost: Money | None = None  #: the licence's (current) cost, where a rule needs it
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
    minutes: int = attrs.field(validator=non_negative)
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
    start: date
    product: str | None = None  #: ``None``: covers every product of the vendor
    plan: str = ""
    end: date | None = None
    signed_on: date | None = None  #: defaults to ``start``; selects the terms version
    included_minutes: int | None = attrs.field(default=None, validator=non_negative)
    channels: tuple[Channel, ...] = ()
    auto_renew: bool = False
    payment: PaymentState = PaymentState.PAID
    paid_on: date | None = None
    price: Money | None = None  #: the agreed price per period (fee), if the rule needs it
    billing_months: int | None = attrs.field(default=None, validator=non_negative)
    cancellation_notice_on: date | None = None  #: the day the vendor received notice
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
    extra: Mapping[str, str] = attrs.field(factory=dict)

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
    version: str | None = None  #: installed version, if it differs from the licence's
    contact: Contact = Contact()
    environment: Environment = Environment()
    summary: str = ""
    needs_adaptation: bool = False  #: solving it requires changing the vendor's software
    facts: Mapping[str, str] = attrs.field(factory=dict)  #: other vendor-specific facts


@attrs.frozen
class Event:
    """One thing that happened on the ticket."""

    at: datetime = attrs.field(validator=aware)
    kind: EventKind
    by: Party | None = None
    minutes: int | None = attrs.field(default=None, validator=non_negative)
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
        for i, e in enumerate(self.ticket.events):
            if e.at.timestamp() > at:
                raise ValueError(
                    f"ticket.events[{i}].at: {e.at.isoformat()} is after the evaluation instant"
                )

    def licences_for(self, product: str) -> tuple[Licence, ...]:
        return tuple(lic for lic in self.licences if lic.product == product)

    def contracts_for(self, product: str | None) -> tuple[Contract, ...]:
        return tuple(c for c in self.contracts if c.product in (None, product))
