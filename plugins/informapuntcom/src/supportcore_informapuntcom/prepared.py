"""What informapuntcom's settings and terms give the rules, prepared once per engine."""

from __future__ import annotations

from collections.abc import Mapping

import attrs

from supportcore import Money, TermsCatalogue, VendorSettings
from supportcore.calendar import BusinessCalendar
from supportcore.timers import NoAnswerAfterReply

#: Exclusions of technical assistance that remote control can still give, paid (IPC-TEL-6,
#: IPC-TEL-7; interpretation IPC-INT-NOT-COVERED-REMOTE): third causes and systems.
_TECHNICAL = frozenset({"IPC-EXC-1", "IPC-EXC-6"})


@attrs.frozen
class Prepared:
    """The tariffs, plan prices and readings the integrator chose; the categories by rule."""

    hourly_rate: Money | None
    remote_rate: Money | None
    plan_prices: Mapping[str, Money]
    #: "48 horas, contados a partir de la hora de la última respuesta" (IPC-CLO-3): elapsed
    #: or business hours (setting no_answer_hours); ``None``: business hours not supplied
    no_answer: NoAnswerAfterReply | None
    business_hours_clock: bool
    late_notice_surcharge: bool  #: notice under 4 hours costs 30 minutes (IPC-INT-LATE-NOTICE)
    payment_for_all: bool  #: every plan, not only a renewal, needs full payment (IPC-INT-PAYMENT)
    covered: frozenset[str]  #: categories the support includes (IPC-INC-1)
    excluded: frozenset[str]  #: categories it excludes (IPC-EXC-1..7)
    remote_billable: frozenset[str]  #: excluded technical assistance, paid by remote control


def prepare(
    settings: VendorSettings, terms: TermsCatalogue, calendars: Mapping[str, BusinessCalendar]
) -> Prepared:
    rows, business = terms.tables.coverage_rows, settings.get("no_answer_hours") == "business"
    calendar = calendars.get("business") if business else None
    return Prepared(
        hourly_rate=settings.money("hourly_rate"),
        remote_rate=settings.money("remote_hourly_rate"),
        plan_prices=dict(settings.get("plan_prices") or {}),
        no_answer=None if business and calendar is None else NoAnswerAfterReply(48, calendar),
        business_hours_clock=business,
        late_notice_surcharge=bool(settings.get("late_notice_surcharge")),
        payment_for_all=settings.get("payment_required_for") != "renewals",
        covered=frozenset(c for c, r in rows.items() if r.status == "covered"),
        excluded=frozenset(c for c, r in rows.items() if r.status == "excluded"),
        remote_billable=frozenset(
            c for c, r in rows.items() if r.status == "excluded" and set(r.clauses) <= _TECHNICAL
        ),
    )
