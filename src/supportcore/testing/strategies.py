"""Hypothesis strategies that generate plausible cases for a vendor, from what it declares.

Generated cases mix valid and borderline facts (expired licences, exhausted plans, 64-bit systems,
late cancellations, timelines of every event kind) so that the invariants of
:func:`supportcore.testing.checks.check_decision` are exercised far beyond the examples. They
use the vendor's own words: the products, plans, channels, severities and categories it declares
(``[identity]`` of its terms), and the values its example cases use (:class:`Samples`: products
named in settings, plan names, payment references, request facts), so that they reach the
vendor's rules instead of being refused as bad input.
"""

from __future__ import annotations

import copy
from collections.abc import Iterable, Mapping
from datetime import date, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import attrs
from hypothesis import strategies as st

from ..categories import CATEGORIES
from ..convert import parse_datetime
from ..model import AcquisitionKind, Channel, EventKind, PaymentState
from ..plugins import VendorPlugin

__all__ = ["Samples", "cases_for", "samples_from"]

_EPOCH = datetime(2026, 11, 20, 12, 0)
_VERSIONS = ["1", "3", "4", "4.2", "5", "5.1", "6", "2024", "2025.1"]


def _iso(dt: datetime) -> str:
    return dt.isoformat()


@attrs.frozen
class Samples:
    """Values a vendor's example cases use, for generated cases to use too."""

    products: tuple[str, ...] = ()
    plans: tuple[str, ...] = ()
    categories: tuple[str, ...] = ()
    refs: tuple[str, ...] = ()  #: event references (payments, appointments)
    facts: Mapping[str, tuple[str, ...]] = attrs.field(factory=dict)  #: request.facts values
    modules: tuple[str, ...] = ()
    versions: tuple[str, ...] = ()
    acquisitions: tuple[str, ...] = ()  #: acquisition kinds of the examples' licences
    cases: tuple[Mapping[str, Any], ...] = ()  #: the example cases themselves, to vary


def samples_from(cases: Iterable[Mapping[str, Any]]) -> Samples:
    """The products, plans, categories, event references, facts, modules and versions that
    example case dicts use."""
    products: dict[str, None] = {}
    plans: dict[str, None] = {}
    categories: dict[str, None] = {}
    refs: dict[str, None] = {}
    modules: dict[str, None] = {}
    versions: dict[str, None] = {}
    facts: dict[str, dict[str, None]] = {}
    acquisitions: dict[str, None] = {}
    kept: list[Mapping[str, Any]] = []

    def add(into: dict[str, None], value: object) -> None:
        if isinstance(value, str) and value:
            into[value] = None

    for case in cases:
        kept.append(case)
        req = case.get("request") or {}
        add(products, req.get("product"))
        add(categories, req.get("category"))
        add(versions, req.get("version"))
        for key, value in (req.get("facts") or {}).items():
            add(facts.setdefault(key, {}), value)
        for lic in case.get("licences") or ():
            add(products, lic.get("product"))
            add(versions, lic.get("version"))
            for m in lic.get("modules") or ():
                add(modules, m)
            add(acquisitions, (lic.get("acquisition") or {}).get("kind", "purchase"))
        for c in case.get("contracts") or ():
            add(plans, c.get("plan"))
        for e in (case.get("ticket") or {}).get("events") or ():
            add(refs, e.get("ref"))
    return Samples(
        tuple(products),
        tuple(plans),
        tuple(categories),
        tuple(refs),
        {k: tuple(v) for k, v in facts.items()},
        tuple(modules),
        tuple(versions),
        tuple(acquisitions),
        tuple(kept),
    )


@st.composite
def _licence(draw: st.DrawFn, products: list[str], today: date, samples: Samples) -> dict[str, Any]:
    acquired = today - timedelta(days=draw(st.integers(0, 6 * 365)))
    kinds = [AcquisitionKind(k) for k in samples.acquisitions if k in set(AcquisitionKind)]
    kind = draw(
        st.sampled_from(kinds) | st.sampled_from(list(AcquisitionKind))
        if kinds
        else st.sampled_from(list(AcquisitionKind))
    )
    acquisition: dict[str, Any] = {"kind": str(kind)}
    if kind is AcquisitionKind.UPGRADE:
        acquisition["upgraded_from"] = draw(st.sampled_from(_VERSIONS))
    if kind is AcquisitionKind.RENTAL:
        acquisition["rental_end"] = (
            acquired + timedelta(days=draw(st.integers(1, 800)))
        ).isoformat()
    lic: dict[str, Any] = {
        "product": draw(st.sampled_from(products)),
        "acquired_on": acquired.isoformat(),
        "version": draw(st.sampled_from([*samples.versions, *_VERSIONS])),
        "edition": draw(st.sampled_from(["single_seat", "network"])),
        "acquisition": acquisition,
        "modules": draw(
            st.lists(
                st.sampled_from(
                    list(samples.modules)
                    or ["comunicatie", "communicatiepakket", "tpv", "kassa", "modelos"]
                ),
                max_size=2,
                unique=True,
            )
        ),
        "lost": draw(st.booleans()),
    }
    return lic


@st.composite
def _contract(
    draw: st.DrawFn, products: list[str], plans: list[str], today: date, n: int
) -> dict[str, Any]:
    start = today - timedelta(days=draw(st.integers(-30, 3 * 365)))
    c: dict[str, Any] = {
        "id": f"K-{n}",
        "product": draw(st.sampled_from([*products, None])),
        "plan": draw(st.sampled_from(plans)),
        "start": start.isoformat(),
        "channels": draw(st.lists(st.sampled_from(["email", "phone", "remote"]), unique=True)),
        "payment": str(draw(st.sampled_from(list(PaymentState)))),
        "auto_renew": draw(st.booleans()),
    }
    if draw(st.booleans()):
        c["end"] = (start + timedelta(days=draw(st.integers(1, 800)))).isoformat()
    if draw(st.booleans()):
        c["included_minutes"] = draw(st.integers(0, 3000))
        c["usage"] = [
            {
                "at": _iso(
                    datetime.combine(start, datetime.min.time()).replace(tzinfo=ZoneInfo("UTC"))
                    + timedelta(hours=h)
                ),
                "minutes": m,
            }
            for h, m in sorted(
                draw(st.lists(st.tuples(st.integers(1, 2000), st.integers(0, 300)), max_size=3))
            )
        ]
    if draw(st.booleans()):
        c["cancellation_notice_on"] = (
            start + timedelta(days=draw(st.integers(0, 700)))
        ).isoformat()
        c["cancellation_channel"] = draw(st.sampled_from(["email", "fax", "letter", "phone"]))
    return c


_EVENT_KINDS = [k for k in EventKind if k is not EventKind.PAYMENT]


@st.composite
def _events(
    draw: st.DrawFn, start: datetime, end: datetime, currency: str, refs: list[str]
) -> list[dict[str, Any]]:
    span = int((end - start).total_seconds() // 60)
    offsets = sorted(draw(st.lists(st.integers(0, max(span, 0)), max_size=6)))
    events = []
    for off in offsets:
        at = start + timedelta(minutes=off)
        kind = draw(st.sampled_from([*_EVENT_KINDS, EventKind.PAYMENT]))
        ev: dict[str, Any] = {"at": _iso(at), "kind": str(kind)}
        if kind is EventKind.WORK_SESSION or (kind is EventKind.NOTE and draw(st.booleans())):
            ev["minutes"] = draw(st.integers(0, 240))
        if kind is EventKind.APPOINTMENT_BOOKED:
            ev["scheduled_for"] = _iso(at + timedelta(minutes=draw(st.integers(10, 5000))))
        if kind is EventKind.PAYMENT:
            ev["amount"] = {"amount": str(draw(st.integers(0, 100_000))), "currency": currency}
        if kind in (EventKind.PAYMENT, EventKind.APPOINTMENT_BOOKED) and refs:
            ref = draw(st.sampled_from([*refs, None]))
            if ref is not None:
                ev["ref"] = ref
        if kind in (EventKind.RESOLVED, EventKind.CLOSED):
            ev["by"] = draw(st.sampled_from(["customer", "vendor"]))
        if kind is EventKind.DUPLICATE_OF:
            ev["ref"] = "T-0"
        events.append(ev)
    return events


@st.composite
def _varied(draw: st.DrawFn, vp: VendorPlugin, samples: Samples) -> dict[str, Any]:
    """One of the vendor's example cases, varied: evaluated later (so periods run out), about
    another of its categories, by another channel, urgent or not."""
    case = copy.deepcopy(dict(draw(st.sampled_from(samples.cases))))
    at = parse_datetime(case["at"])
    later = at + timedelta(minutes=draw(st.integers(0, 400 * 24 * 60)))
    case["at"] = later.isoformat()
    request = case.setdefault("request", {})
    categories = sorted(set(samples.categories) | set(vp.info.categories))
    if bool(categories) and draw(st.booleans()):
        request["category"] = draw(st.sampled_from(categories))
    channels = [str(c) for c in vp.info.channels]
    if channels and draw(st.integers(0, 3)) == 0:
        request["channel"] = draw(st.sampled_from(channels))
    if draw(st.integers(0, 3)) == 0:
        request["urgent"] = not request.get("urgent", False)
    case["id"] = "GEN"
    return case


@st.composite
def cases_for(draw: st.DrawFn, vp: VendorPlugin, samples: Samples | None = None) -> dict[str, Any]:
    """A case dict for vendor ``vp``: its products, plans, channels, severities, categories and
    currency, and the values its example cases use (``samples``); half of them are the
    vendor's example cases, varied, when there are examples."""
    samples = samples or Samples()
    if bool(samples.cases) and draw(st.booleans()):
        return draw(_varied(vp, samples))
    info = vp.info
    tz = info.tz
    products = list(dict.fromkeys([*info.products, *samples.products])) or ["Product"]
    plans = list(dict.fromkeys([*info.plans, *samples.plans])) or ["basic", "pro", ""]
    # the vendor's own categories and those of its examples weigh more than the shared rest
    own = sorted(set(info.categories) | set(samples.categories))
    categories = sorted(set(CATEGORIES) | set(info.categories))
    at = (_EPOCH + timedelta(minutes=draw(st.integers(-2 * 365 * 24 * 60, 365 * 24 * 60)))).replace(
        tzinfo=tz
    )
    received = at - timedelta(minutes=draw(st.integers(0, 20 * 24 * 60)))
    today = at.date()
    channels = [str(c) for c in (info.channels or tuple(Channel))]
    request: dict[str, Any] = {
        "product": draw(st.sampled_from(products)),
        "category": draw(st.sampled_from(own) | st.sampled_from(categories))
        if own
        else draw(st.sampled_from(categories)),
        "channel": draw(st.sampled_from([*channels, "chat", "phone", "email"])),
        "received_at": _iso(received),
        "urgent": draw(st.booleans()),
        "needs_adaptation": draw(st.booleans()),
        "environment": {
            "os_bits": draw(st.sampled_from([32, 64])),
            "location": draw(st.sampled_from(["Santiago", "Valparaíso", "Granada", "Gent"])),
        },
    }
    if bool(info.severities) and draw(st.booleans()):
        request["severity"] = draw(st.sampled_from(info.severities))
    if bool(samples.facts) and draw(st.booleans()):
        request["facts"] = {
            key: draw(st.sampled_from(values)) for key, values in samples.facts.items() if values
        }
    if draw(st.booleans()):
        request["contact"] = {
            "contract_number": "K-0",
            "contact_person": "Ana Pérez",
            "phone": "+34 600 000 000",
            "company_name": "Ejemplo SL",
            "tax_id": "B12345674",
            "registration_number": "R-1",
            "user_data": "Ana Pérez, Ejemplo SL",
            "description": "error al abrir la ventana de facturas",
        }
    data: dict[str, Any] = {
        "vendor": vp.name,
        "id": "GEN",
        "at": _iso(at),
        "request": request,
        "licences": draw(st.lists(_licence(products, today, samples), max_size=2)),
        "contracts": [
            draw(_contract(products, plans, today, i)) for i in range(draw(st.integers(0, 2)))
        ],
        "ticket": {
            "id": "T-1",
            "events": draw(_events(received, at, info.currency, list(samples.refs))),
        },
    }
    return data
