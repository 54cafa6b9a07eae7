"""Hypothesis strategies that generate plausible cases for a vendor, from what it declares.

Generated cases mix valid and borderline facts (expired licences, exhausted plans, 64-bit systems,
late cancellations, timelines of every event kind) so that the invariants of
:func:`supportcore.testing.checks.check_decision` are exercised far beyond the examples.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from hypothesis import strategies as st

from ..categories import CATEGORIES
from ..model import AcquisitionKind, Channel, EventKind, PaymentState
from ..plugins import VendorPlugin

__all__ = ["cases_for"]

_EPOCH = datetime(2026, 11, 20, 12, 0)
_VERSIONS = ["1", "3", "4", "4.2", "5", "5.1", "6", "2024", "2025.1"]


def _iso(dt: datetime) -> str:
    return dt.isoformat()


@st.composite
def _licence(draw: st.DrawFn, products: list[str], today: date) -> dict[str, Any]:
    acquired = today - timedelta(days=draw(st.integers(0, 6 * 365)))
    kind = draw(st.sampled_from(list(AcquisitionKind)))
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
        "version": draw(st.sampled_from(_VERSIONS)),
        "edition": draw(st.sampled_from(["single_seat", "network"])),
        "acquisition": acquisition,
        "modules": draw(
            st.lists(
                st.sampled_from(["comunicatie", "communicatiepakket", "tpv", "kassa", "modelos"]),
                max_size=2,
                unique=True,
            )
        ),
        "lost": draw(st.booleans()),
    }
    return lic


@st.composite
def _contract(draw: st.DrawFn, products: list[str], today: date, n: int) -> dict[str, Any]:
    start = today - timedelta(days=draw(st.integers(-30, 3 * 365)))
    c: dict[str, Any] = {
        "id": f"K-{n}",
        "product": draw(st.sampled_from([*products, None])),
        "plan": draw(st.sampled_from(["basic", "pro", "annual", ""])),
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
def _events(draw: st.DrawFn, start: datetime, end: datetime, currency: str) -> list[dict[str, Any]]:
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
        if kind in (EventKind.RESOLVED, EventKind.CLOSED):
            ev["by"] = draw(st.sampled_from(["customer", "vendor"]))
        if kind is EventKind.DUPLICATE_OF:
            ev["ref"] = "T-0"
        events.append(ev)
    return events


@st.composite
def cases_for(draw: st.DrawFn, vp: VendorPlugin) -> dict[str, Any]:
    """A case dict for vendor ``vp``: its products, channels, categories and currency."""
    info = vp.info
    tz = info.tz
    products = list(info.products) or ["Product"]
    categories = sorted(set(CATEGORIES) | set(info.categories))
    at = (_EPOCH + timedelta(minutes=draw(st.integers(-2 * 365 * 24 * 60, 365 * 24 * 60)))).replace(
        tzinfo=tz
    )
    received = at - timedelta(minutes=draw(st.integers(0, 20 * 24 * 60)))
    today = at.date()
    channels = [str(c) for c in (info.channels or tuple(Channel))]
    request: dict[str, Any] = {
        "product": draw(st.sampled_from(products)),
        "category": draw(st.sampled_from(categories)),
        "channel": draw(st.sampled_from([*channels, "chat", "phone", "email"])),
        "received_at": _iso(received),
        "urgent": draw(st.booleans()),
        "needs_adaptation": draw(st.booleans()),
        "environment": {
            "os_bits": draw(st.sampled_from([32, 64])),
            "location": draw(st.sampled_from(["Santiago", "Valparaíso", "Granada", "Gent"])),
        },
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
        "licences": draw(st.lists(_licence(products, today), max_size=2)),
        "contracts": [draw(_contract(products, today, i)) for i in range(draw(st.integers(0, 2)))],
        "ticket": {"id": "T-1", "events": draw(_events(received, at, info.currency))},
    }
    return data
