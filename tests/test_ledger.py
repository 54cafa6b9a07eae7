"""Hour ledgers: informapuntcom-style plans, hours over the whole plan period, no carry-over."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given
from hypothesis import strategies as st

from supportcore.ledger import HourLedger, LedgerLine, format_minutes, ledger_from, work_lines
from supportcore.model import Contract, Event, EventKind, Ticket, UsageEntry, UsageKind
from supportcore.periods import Period
from supportcore.reasons import Citation

MADRID = ZoneInfo("Europe/Madrid")
PLAN = Period(date(2026, 1, 1), date(2027, 1, 1))
TEN_HOURS = 600


def at(day: int, hour: int = 10, minute: int = 0, month: int = 3) -> datetime:
    return datetime(2026, month, day, hour, minute, tzinfo=MADRID)


def work(when: datetime, minutes: int, ticket: str | None = None) -> LedgerLine:
    return LedgerLine(when, minutes, UsageKind.WORK, ticket)


def ledger(*lines: LedgerLine, allowance: int | None = TEN_HOURS) -> HourLedger:
    return HourLedger(allowance, PLAN, lines)


# --- format_minutes ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("minutes", "text"),
    [
        (200, "3 h 20 min"),
        (60, "1 h"),
        (5, "5 min"),
        (0, "0 min"),
        (600, "10 h"),
        (61, "1 h 1 min"),
    ],
)
def test_format_minutes(minutes: int, text: str) -> None:
    assert format_minutes(minutes) == text


def test_format_minutes_refuses_negative_minutes() -> None:
    with pytest.raises(ValueError, match="minutes: must not be negative"):
        format_minutes(-1)


# --- counting -----------------------------------------------------------------------------


def test_three_hours_twenty_left_of_ten_hours() -> None:
    led = ledger(work(at(2), 240), work(at(9), 160))
    assert led.used_minutes == 400
    assert led.remaining_minutes == 200
    assert led.overage_minutes == 0
    assert not led.exhausted
    assert led.exhausted_at is None
    assert led.describe() == "3 h 20 min left of 10 h (6 h 40 min used)"


def test_urgent_service_counts_thirty_extra_minutes() -> None:
    # informapuntcom: "El requerimiento de un servicio urgente ... conllevará un cómputo extra de
    # 30 minutos." The plugin adds the line; the ledger counts it like any other.
    rule = Citation("informapuntcom", "horas.urgente", "conllevará un cómputo extra de 30 minutos")
    surcharge = LedgerLine(at(2), 30, UsageKind.URGENT_SURCHARGE, "T-1", citations=(rule,))
    led = ledger(work(at(2), 20, "T-1"), surcharge)
    assert led.used_minutes == 50
    assert led.minutes_by_kind() == {UsageKind.WORK: 20, UsageKind.URGENT_SURCHARGE: 30}


def test_no_show_and_late_cancellation_surcharges_are_counted() -> None:
    led = ledger(
        LedgerLine(at(2), 30, UsageKind.NO_SHOW, "T-1"),
        LedgerLine(at(3), 30, UsageKind.LATE_CANCELLATION, "T-2"),
    )
    assert led.used_minutes == 60
    assert led.describe() == "9 h left of 10 h (1 h used)"


def test_lines_are_kept_in_time_order() -> None:
    led = ledger(work(at(9), 1), work(at(2), 2), work(at(5), 3))
    assert [line.minutes for line in led.lines] == [2, 3, 1]


# --- exhaustion and overage ---------------------------------------------------------------


def test_exhausted_at_the_line_that_reaches_the_allowance() -> None:
    led = ledger(work(at(2), 300), work(at(9), 300), work(at(16), 30))
    assert led.exhausted
    assert led.exhausted_at == at(9)
    assert led.remaining_minutes == 0
    assert led.overage_minutes == 30
    assert led.describe() == "no time left of 10 h (10 h 30 min used, 30 min over)"


def test_exactly_using_the_allowance_exhausts_it_without_overage() -> None:
    led = ledger(work(at(2), 590), LedgerLine(at(4), 10, UsageKind.URGENT_SURCHARGE))
    assert led.exhausted
    assert led.exhausted_at == at(4)
    assert led.overage_minutes == 0
    assert led.describe() == "no time left of 10 h (10 h used)"


def test_a_line_that_crosses_the_allowance_is_the_exhausting_line() -> None:
    led = ledger(work(at(2), 500), work(at(3), 120))
    assert led.exhausted_at == at(3)
    assert led.overage_minutes == 20


def test_a_plan_with_no_hour_limit_is_never_exhausted() -> None:
    led = ledger(work(at(2), 10_000), allowance=None)
    assert not led.exhausted
    assert led.exhausted_at is None
    assert led.remaining_minutes is None
    assert led.overage_minutes == 0
    assert led.describe() == "166 h 40 min used (no hour limit)"


def test_a_zero_allowance_is_exhausted_from_the_start() -> None:
    led = ledger(allowance=0)
    assert led.exhausted
    assert led.exhausted_at is None
    assert led.remaining_minutes == 0


# --- the ledger at an instant -------------------------------------------------------------


def test_ledger_at_an_instant_keeps_only_earlier_lines() -> None:
    led = ledger(work(at(2), 300), work(at(9), 300), work(at(16), 30))
    before = led.at(at(9) - timedelta(minutes=1))
    assert before.used_minutes == 300
    assert not before.exhausted
    assert led.at(at(9)).exhausted_at == at(9)


def test_ledger_at_a_naive_instant_is_an_error() -> None:
    with pytest.raises(ValueError, match="instant: needs a time zone"):
        ledger().at(datetime(2026, 3, 1, 10, 0))


def test_with_lines_adds_this_tickets_work() -> None:
    led = ledger(work(at(2), 100)).with_lines(work(at(1), 20), work(at(3), 30))
    assert led.used_minutes == 150
    assert [line.at for line in led.lines] == [at(1), at(2), at(3)]


# --- the plan period: no carry-over -------------------------------------------------------


def test_a_line_before_the_plan_is_rejected_and_named() -> None:
    old = work(datetime(2025, 12, 31, 18, 0, tzinfo=MADRID), 45, "T-9")
    with pytest.raises(ValueError) as err:
        ledger(old)
    message = str(err.value)
    assert "2025-12-31 18:00 +0100 work 45 min (ticket T-9)" in message
    assert "outside the plan period from 2026-01-01 to 2026-12-31 inclusive" in message
    assert "do not carry over" in message


def test_a_line_on_the_end_day_belongs_to_the_next_plan() -> None:
    with pytest.raises(ValueError, match="outside the plan period"):
        ledger(work(datetime(2027, 1, 1, 9, 0, tzinfo=MADRID), 10))


def test_the_last_day_of_the_plan_is_inside_it() -> None:
    assert ledger(work(datetime(2026, 12, 31, 23, 59, tzinfo=MADRID), 10)).used_minutes == 10


def test_with_lines_also_rejects_lines_outside_the_period() -> None:
    with pytest.raises(ValueError, match="outside the plan period"):
        ledger().with_lines(work(datetime(2027, 1, 2, 9, 0, tzinfo=MADRID), 10))


def test_the_period_is_judged_by_the_date_in_the_ledgers_time_zone() -> None:
    # 23:30 UTC on 31 Dec 2025 is already 00:30 on 1 Jan 2026 in Madrid.
    line = work(datetime(2025, 12, 31, 23, 30, tzinfo=ZoneInfo("UTC")), 10)
    with pytest.raises(ValueError, match="outside"):
        HourLedger(TEN_HOURS, PLAN, (line,))
    assert HourLedger(TEN_HOURS, PLAN, (line,), tz=MADRID).used_minutes == 10


# --- lines --------------------------------------------------------------------------------


def test_a_line_needs_an_aware_instant() -> None:
    with pytest.raises(ValueError, match="at: needs a time zone"):
        LedgerLine(datetime(2026, 3, 1, 10, 0), 10)


def test_a_line_cannot_have_negative_minutes() -> None:
    with pytest.raises(ValueError, match="minutes: must not be negative, got -5"):
        LedgerLine(at(1), -5)


def test_a_negative_allowance_is_an_error() -> None:
    with pytest.raises(ValueError, match="allowance_minutes: must not be negative"):
        HourLedger(-1, PLAN)


# --- from a contract ----------------------------------------------------------------------


def contract(**kw: object) -> Contract:
    base: dict[str, object] = {
        "id": "SOP-42",
        "start": date(2026, 1, 1),
        "end": date(2027, 1, 1),
        "included_minutes": TEN_HOURS,
        "usage": (
            UsageEntry(at(2), 240, ticket="T-1"),
            UsageEntry(at(2), 30, UsageKind.URGENT_SURCHARGE, ticket="T-1"),
        ),
    }
    base.update(kw)
    return Contract(**base)  # type: ignore[arg-type]


def test_ledger_from_a_contract_and_this_tickets_work_sessions() -> None:
    ticket = Ticket(
        "T-2",
        (
            Event(at(10), EventKind.OPENED),
            Event(at(11), EventKind.WORK_SESSION, minutes=45),
            Event(at(12), EventKind.VENDOR_REPLY),
            Event(at(13), EventKind.WORK_SESSION, minutes=25, note="segunda sesión"),
        ),
    )
    led = ledger_from(contract(), work_lines(ticket), tz=MADRID)
    assert led.period == PLAN
    assert led.allowance_minutes == TEN_HOURS
    assert led.used_minutes == 340
    assert [(ln.ticket, ln.minutes) for ln in led.lines[-2:]] == [("T-2", 45), ("T-2", 25)]
    assert led.lines[-1].note == "segunda sesión"
    assert led.describe() == "4 h 20 min left of 10 h (5 h 40 min used)"


def test_ledger_from_an_open_ended_contract_has_no_period() -> None:
    led = ledger_from(contract(end=None, included_minutes=None))
    assert led.period is None
    assert led.allowance_minutes is None
    assert led.used_minutes == 270


def test_ledger_from_a_contract_rejects_usage_from_the_previous_plan() -> None:
    old = UsageEntry(datetime(2025, 11, 3, 9, 0, tzinfo=MADRID), 60, ticket="T-0")
    with pytest.raises(ValueError, match="2025-11-03 09:00 \\+0100 work 1 h \\(ticket T-0\\)"):
        ledger_from(contract(usage=(old,)))


# --- properties ---------------------------------------------------------------------------

line_strategy = st.builds(
    LedgerLine,
    at=st.datetimes(
        min_value=datetime(2026, 1, 1),
        max_value=datetime(2026, 12, 31, 23, 59),
        timezones=st.just(MADRID),
    ),
    minutes=st.integers(min_value=0, max_value=500),
    kind=st.sampled_from(UsageKind),
)


@given(st.lists(line_strategy, max_size=20), st.one_of(st.none(), st.integers(0, 3000)))
def test_used_is_the_sum_of_the_lines(lines: list[LedgerLine], allowance: int | None) -> None:
    led = HourLedger(allowance, PLAN, lines, tz=MADRID)
    assert led.used_minutes == sum(line.minutes for line in lines)
    assert sum(led.minutes_by_kind().values()) == led.used_minutes
    if allowance is not None:
        assert led.remaining_minutes is not None
        assert led.used_minutes + led.remaining_minutes - led.overage_minutes == allowance
        assert led.exhausted == (led.remaining_minutes == 0)
        if led.exhausted_at is not None:
            assert led.at(led.exhausted_at).exhausted
            # one microsecond earlier as an instant (UTC), not as a wall-clock time, which
            # hypothesis may place in a DST gap
            just_before = led.exhausted_at.astimezone(UTC) - timedelta(microseconds=1)
            assert not led.at(just_before).exhausted
