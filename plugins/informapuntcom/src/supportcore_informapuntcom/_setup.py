"""What the rules read from the settings, read once per engine (``ctx.prepared``: settings never
change once the engine has validated them)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from decimal import Decimal, InvalidOperation

import attrs

from supportcore import Context, Money
from supportcore.reasons import MissingSetting

__all__ = ["Setup", "parse_response_hours", "setup"]

#: The settings whose absence a decision reports (``ctx.missing``).
_REPORTED: tuple[str, ...] = (
    "business_hours",
    "hourly_rate",
    "plan_prices",
    "plan_response_hours",
    "remote_hourly_rate",
)


def parse_response_hours(
    values: Iterable[str] | None,
) -> tuple[dict[str, Decimal], list[tuple[int, str]]]:
    """Read the ``plan_response_hours`` setting ("PLAN=HOURS" entries).

    Returns the table and a list of ``(index, problem)`` for entries that cannot be read.
    """
    table: dict[str, Decimal] = {}
    problems: list[tuple[int, str]] = []
    for i, item in enumerate(values or ()):
        name, sep, number = item.partition("=")
        name = name.strip()
        if not sep or not name:
            problems.append((i, f"{item!r} is not 'PLAN=HOURS' (e.g. 'Básico=24')"))
            continue
        try:
            hours = Decimal(number.strip())
        except InvalidOperation:
            problems.append((i, f"{number.strip()!r} is not a number of hours"))
            continue
        if not hours.is_finite() or hours <= 0 or (hours * 60) % 1 != 0:
            problems.append((i, f"{number.strip()!r} is not a positive whole number of minutes"))
            continue
        if name in table:
            problems.append((i, f"plan {name!r} is given twice"))
            continue
        table[name] = hours
    return table, problems


def _hours_text(h: Decimal) -> str:
    return format(h.normalize(), "f")


@attrs.frozen
class Setup:
    """The settings as the rules use them."""

    hourly_rate: Money | None
    remote_hourly_rate: Money | None
    vat_rate: Decimal | None
    plan_prices: Mapping[str, Money]  #: empty when the setting is missing
    #: the prices as a hashable key, for objects built from them
    price_key: tuple[tuple[str, Money], ...]
    #: plan_response_hours (IPC-RT-1): per plan, the hours to add (an int when whole: the
    #: calendar reads it faster, with the same result and wording) and how they are written
    response_hours: Mapping[str, tuple[int | Decimal, str]]
    no_answer_hours: str | None
    late_notice_surcharge: bool
    payment_required_for: str | None
    missing: Mapping[str, MissingSetting]  #: ``settings.missing(key)`` for the reported keys


def _setup(ctx: Context) -> Setup:
    # Reads ctx.settings only: nothing here may depend on the case.
    settings = ctx.settings
    prices = dict(settings.get("plan_prices") or {})
    return Setup(
        hourly_rate=settings.money("hourly_rate"),
        remote_hourly_rate=settings.money("remote_hourly_rate"),
        vat_rate=settings.decimal("vat_rate"),
        plan_prices=prices,
        price_key=tuple(sorted(prices.items())),
        response_hours={
            name: (int(hours) if hours == hours.to_integral_value() else hours, _hours_text(hours))
            for name, hours in parse_response_hours(settings.get("plan_response_hours"))[0].items()
        },
        no_answer_hours=settings.get("no_answer_hours"),
        late_notice_surcharge=bool(settings.get("late_notice_surcharge")),
        payment_required_for=settings.get("payment_required_for"),
        missing={key: settings.missing(key) for key in _REPORTED},
    )


def setup(ctx: Context) -> Setup:
    """The settings of ``ctx``, as the rules use them: read once per engine and terms version
    (``ctx.prepared``)."""
    return ctx.prepared("informapuntcom:setup", _setup)
