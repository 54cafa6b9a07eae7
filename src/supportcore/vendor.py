"""Who a vendor is: the ``[vendor]`` table of its terms (or its ``supportcore_vendor_info``)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any
from zoneinfo import ZoneInfo

import attrs

from .model import Channel
from .money import MINOR_UNITS

__all__ = ["VendorInfo", "vendor_from_table"]


def _check_zone(_i: object, _a: object, value: str) -> None:
    try:
        ZoneInfo(value)
    except Exception:
        raise ValueError(f"timezone: unknown IANA time zone {value!r}") from None


def _check_currency(_i: object, _a: object, value: str) -> None:
    if value not in MINOR_UNITS:
        raise ValueError(f"currency: unknown currency {value!r}")


@attrs.frozen
class VendorInfo:
    """Who the vendor is. ``name`` equals the entry-point name and the cases' ``vendor``."""

    name: str
    title: str
    country: str
    currency: str = attrs.field(validator=_check_currency)
    timezone: str = attrs.field(validator=_check_zone)
    products: tuple[str, ...] = ()  #: products the terms apply to; empty = any
    channels: tuple[Channel, ...] = ()  #: channels the vendor offers
    categories: Mapping[str, str] = attrs.field(factory=dict)  #: vendor-specific categories
    language: str = ""
    document: str = ""  #: where the terms come from (title, URL or file)
    plans: tuple[str, ...] = ()  #: plans the vendor sells, by name (empty: none or not named)
    #: request severities for the service levels, lowest first (empty: the vendor has none)
    severities: tuple[str, ...] = ()

    @property
    def tz(self) -> ZoneInfo:
        """The vendor's home time zone (``zoneinfo`` keeps one object per zone)."""
        return ZoneInfo(self.timezone)


_IDENTITY_KEYS = frozenset(
    {
        "title",
        "country",
        "currency",
        "timezone",
        "products",
        "channels",
        "categories",
        "language",
        "document",
        "plans",
        "severities",
    }
)


def vendor_from_table(name: str, table: Mapping[str, Any]) -> VendorInfo:
    """The ``[identity]`` table of a vendor's ``terms.toml`` as a :class:`VendorInfo` named
    ``name`` (the terms' ``vendor``). Unknown keys, a missing key or a wrong value raise
    ``ValueError`` naming the key."""
    if not isinstance(table, Mapping):
        raise ValueError("expected a table")
    unknown = sorted(set(table) - _IDENTITY_KEYS)
    if unknown:
        raise ValueError(f"unknown key(s) {', '.join(unknown)}")
    for key in ("title", "country", "currency", "timezone"):
        if not isinstance(table.get(key), str) or not table[key]:
            raise ValueError(f"{key}: a non-empty text is needed")
    lists: dict[str, tuple[str, ...]] = {}
    for key in ("products", "channels", "plans", "severities"):
        value = table.get(key, [])
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise ValueError(f"{key}: expected a list of texts")
        lists[key] = tuple(value)
    try:
        channels = tuple(Channel(c) for c in lists["channels"])
    except ValueError as exc:
        raise ValueError(f"channels: {exc}") from None
    categories = table.get("categories", {})
    if not isinstance(categories, Mapping) or not all(
        isinstance(v, str) for v in categories.values()
    ):
        raise ValueError("categories: expected a table of category = description")
    return VendorInfo(
        name=name,
        title=table["title"],
        country=table["country"],
        currency=table["currency"],
        timezone=table["timezone"],
        products=lists["products"],
        channels=channels,
        categories=dict(categories),
        language=str(table.get("language", "")),
        document=str(table.get("document", "")),
        plans=lists["plans"],
        severities=lists["severities"],
    )
