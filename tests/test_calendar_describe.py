"""Opening hours in words (``BusinessCalendar.describe``), with the hours the vendors publish.

Binarema: "de 9:00 a 14:00 y de 16:30 a 19:30, de lunes a viernes. (En los meses de julio y
agosto el horario es de 8:00 a 15:00.)" Softmás: "de lunes a viernes de 09:00 a 14:00 y de 15:00
a 18;00. Hora de la Ciudad de México". Itplusnet: normal "de Lunes a Viernes de 09:00 horas a
18:30 horas"; special "de 18:31 hrs. A 22:00 Hrs.", "Sábados desde las 10:00 hrs. A 21:00
hrs.", "Domingo desde las 10:00 hrs. A 14:00 hrs.".
"""

from __future__ import annotations

from datetime import date, datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from supportcore.calendar import (
    BusinessCalendar,
    CalendarSpec,
    ClosurePeriod,
    HolidaySpec,
    HolidayWords,
    HoursWords,
    Schedule,
    ScheduleSpec,
    ScheduleWords,
    Window,
    parse_window,
)

MON_FRI = range(5)
YEAR_END = ClosurePeriod(date(2026, 12, 24), date(2026, 12, 31), "cierre de fin de año")


def windows(*texts: str) -> tuple[Window, ...]:
    return tuple(parse_window(t) for t in texts)


def binarema(closures: tuple[ClosurePeriod, ...] = ()) -> BusinessCalendar:
    return BusinessCalendar(
        "binarema",
        "Europe/Madrid",
        [
            Schedule("normal", {d: windows("09:00-14:00", "16:30-19:30") for d in MON_FRI}),
            Schedule("july-august", {d: windows("08:00-15:00") for d in MON_FRI}, months=(7, 8)),
        ],
        HolidaySpec("ES", subdiv="AN"),
        closures,
    )


def softmas() -> BusinessCalendar:
    office = Schedule("office", {d: windows("09:00-14:00", "15:00-18:00") for d in MON_FRI})
    return BusinessCalendar("softmas", "America/Mexico_City", [office], HolidaySpec("MX"))


def itplusnet() -> BusinessCalendar:
    """As a settings file writes it: the special hours as three entries of one name."""
    return CalendarSpec(
        "America/Santiago",
        [
            ScheduleSpec("normal", ["mon-fri"], ["09:00-18:30"]),
            ScheduleSpec("special", ["mon-fri"], ["18:31-22:00"]),
            ScheduleSpec("special", ["sat"], ["10:00-21:00"]),
            ScheduleSpec("special", ["sun"], ["10:00-14:00"]),
        ],
        HolidaySpec("CL"),
    ).build("itplusnet")


def weekly(days: range | tuple[int, ...], *texts: str, name: str = "desk") -> Schedule:
    return Schedule(name, {d: windows(*texts) for d in days})


# --------------------------------------------------------------------------- the vendors


def test_binarema_says_its_two_windows_its_summer_hours_and_andalusian_holidays() -> None:
    assert binarema().describe().text == (
        "Monday to Friday 09:00–14:00 and 16:30–19:30; in July and August, Monday to Friday "
        "08:00–15:00; Europe/Madrid time; closed on public holidays of Andalucía (ES-AN)"
    )


def test_binarema_in_words_is_data_days_by_index_and_times_as_hh_mm() -> None:
    words = binarema().describe()
    assert words.schedules == (
        ScheduleWords("normal", ((0, 4),), (("09:00", "14:00"), ("16:30", "19:30"))),
        ScheduleWords("july-august", ((0, 4),), (("08:00", "15:00"),), months=(7, 8)),
    )
    assert words.timezone == "Europe/Madrid"
    assert words.holidays == HolidayWords("ES", "AN", "Andalucía")


def test_softmas_says_monday_to_friday_with_its_lunch_break_and_mexican_holidays() -> None:
    assert str(softmas().describe()) == (
        "Monday to Friday 09:00–14:00 and 15:00–18:00; America/Mexico_City time; closed on "
        "public holidays of Mexico (MX)"
    )


def test_itplusnet_says_its_normal_and_special_hours_by_name() -> None:
    assert itplusnet().describe().text == (
        "Monday to Friday 09:00–18:30 (normal); Monday to Friday 18:31–22:00, Saturday "
        "10:00–21:00 and Sunday 10:00–14:00 (special); America/Santiago time; closed on public "
        "holidays of Chile (CL)"
    )


def test_itplusnet_special_hours_are_one_line_per_group_of_days() -> None:
    special = [line for line in itplusnet().describe().schedules if line.label == "special"]
    assert [(line.days_text, line.windows_text) for line in special] == [
        ("Monday to Friday", "18:31–22:00"),
        ("Saturday", "10:00–21:00"),
        ("Sunday", "10:00–14:00"),
    ]


def test_labels_replace_the_schedule_names() -> None:
    words = itplusnet().describe({"normal": "normal hours", "special": "special hours"})
    assert words.text.startswith(
        "Monday to Friday 09:00–18:30 (normal hours); Monday to Friday 18:31–22:00, Saturday "
        "10:00–21:00 and Sunday 10:00–14:00 (special hours); "
    )


# --------------------------------------------------------------------------- each part


def test_a_schedule_describes_itself() -> None:
    summer = binarema().schedules[1]
    (line,) = summer.describe("summer hours")
    assert (line.label, line.days_text, line.windows_text, line.season_text) == (
        "summer hours",
        "Monday to Friday",
        "08:00–15:00",
        "in July and August",
    )


def test_a_schedule_all_year_has_no_season() -> None:
    (line,) = softmas().schedules[0].describe()
    assert line.season_text is None and line.label == "office"


@pytest.mark.parametrize(
    ("days", "said"),
    [
        (range(7), "every day"),
        ((5,), "Saturday"),
        ((5, 6), "Saturday and Sunday"),
        ((0, 1, 2, 3, 4, 5), "Monday to Saturday"),
        ((0, 2, 4), "Monday, Wednesday and Friday"),
        ((0, 1, 3, 4, 5), "Monday, Tuesday and Thursday to Saturday"),
        ((4, 5, 6, 0), "Friday to Monday"),
    ],
)
def test_days_collapse_into_ranges(days: tuple[int, ...], said: str) -> None:
    (line,) = weekly(days, "09:00-14:00").describe()
    assert line.days_text == said


def test_days_with_different_windows_are_separate_lines_in_week_order() -> None:
    schedule = Schedule(
        "desk", {0: windows("09:00-13:00"), 4: windows("09:00-15:00"), 2: windows("09:00-13:00")}
    )
    assert [(line.days, line.windows_text) for line in schedule.describe()] == [
        (((0, 0), (2, 2)), "09:00–13:00"),
        (((4, 4),), "09:00–15:00"),
    ]


def test_three_windows_are_listed_with_and_at_the_end() -> None:
    (line,) = weekly((0,), "16:00-18:00", "09:00-12:00", "13:00-15:00").describe()
    assert line.windows_text == "09:00–12:00, 13:00–15:00 and 16:00–18:00"


def test_a_window_to_midnight_ends_at_24_00() -> None:
    (line,) = weekly(range(7), "00:00-24:00").describe()
    assert (line.days_text, line.windows) == ("every day", (("00:00", "24:00"),))


@pytest.mark.parametrize(
    ("months", "said"),
    [
        ((7, 8), "in July and August"),
        ((8,), "in August"),
        ((6, 7, 8, 9), "from June to September"),
        ((12, 1, 2), "from December to February"),
        ((1, 3, 5), "in January, March and May"),
    ],
)
def test_seasons_by_month(months: tuple[int, ...], said: str) -> None:
    (line,) = Schedule("season", {0: windows("09:00-14:00")}, months=months).describe()
    assert line.season_text == said


def test_a_season_by_days_of_the_year_says_both_days() -> None:
    schedule = Schedule("winter", {0: windows("10:00-12:00")}, from_md=(12, 15), until_md=(1, 15))
    (line,) = schedule.describe()
    assert line.season_text == "from 15 December to 15 January"


def test_a_calendar_without_holidays_says_nothing_about_them() -> None:
    calendar = BusinessCalendar("desk", "Europe/Brussels", [weekly(MON_FRI, "09:00-17:00")])
    words = calendar.describe()
    assert words.holidays is None and words.holiday_text is None
    assert words.text == "Monday to Friday 09:00–17:00; Europe/Brussels time"


def test_national_holidays_are_named_by_the_country() -> None:
    calendar = BusinessCalendar(
        "desk", "Europe/Madrid", [weekly(MON_FRI, "09:00-17:00")], HolidaySpec("ES")
    )
    assert calendar.describe().holiday_text == "closed on public holidays of Spain (ES)"


def test_closures_are_named_with_their_dates() -> None:
    words = binarema((YEAR_END,)).describe()
    assert words.closures == (YEAR_END,)
    assert words.holiday_text == (
        "closed on public holidays of Andalucía (ES-AN) and during cierre de fin de año "
        "(2026-12-24 to 2026-12-31)"
    )


def test_a_one_day_closure_gives_one_date_and_closures_alone_need_no_holidays() -> None:
    inventory = ClosurePeriod(date(2026, 6, 30), date(2026, 6, 30), "inventaris")
    calendar = BusinessCalendar(
        "desk", "Europe/Brussels", [weekly(MON_FRI, "09:00-17:00")], closures=[inventory]
    )
    assert calendar.describe().holiday_text == "closed during inventaris (2026-06-30)"


def test_closures_that_ended_before_since_are_left_out() -> None:
    summer = ClosurePeriod(date(2026, 8, 3), date(2026, 8, 14), "vacaciones")
    calendar = binarema((summer, YEAR_END))
    assert calendar.describe(since=date(2026, 9, 1)).closures == (YEAR_END,)
    assert calendar.describe(since=date(2026, 8, 14)).closures == (summer, YEAR_END)


def test_since_must_be_a_date_not_an_instant() -> None:
    with pytest.raises(ValueError, match="since: expected a calendar date"):
        binarema().describe(since=datetime(2026, 9, 1))  # type: ignore[arg-type]


def test_the_answer_is_a_value_the_same_each_time() -> None:
    calendar = binarema()
    assert calendar.describe() == binarema().describe()
    assert isinstance(calendar.describe(), HoursWords)


# --------------------------------------------------------------------------- property


@given(
    week=st.dictionaries(
        st.integers(0, 6),
        st.sampled_from(["09:00-14:00", "08:00-15:00", "10:00-12:00 16:00-20:00"]),
        min_size=1,
    )
)
def test_the_lines_give_every_weekday_its_own_windows_once(week: dict[int, str]) -> None:
    schedule = Schedule("desk", {d: windows(*text.split()) for d, text in week.items()})
    said: dict[int, tuple[tuple[str, str], ...]] = {}
    for line in schedule.describe():
        for first, last in line.days:
            for offset in range((last - first) % 7 + 1):
                day = (first + offset) % 7
                assert day not in said
                said[day] = line.windows
    assert said == {
        d: tuple((w.split("-")[0], w.split("-")[1]) for w in text.split())
        for d, text in week.items()
    }
