"""Opening hours and public holidays in the reader's language: the hours sentence of the core's
``open-now`` / ``closed-now`` reasons (days, windows, seasons, the zone, the holidays and
closures) and a closed day's holiday, named as the ``holidays`` package names it there."""

from __future__ import annotations

from datetime import date

import pytest
from tables_vendor import context

from supportcore.calendar import (
    BusinessCalendar,
    ClosurePeriod,
    HolidayName,
    HolidaySpec,
    Schedule,
    parse_window,
)
from supportcore.i18n import language, vendor_language
from supportcore.wording import json_value, words

from .test_calendar_describe import binarema, itplusnet

MON_FRI = range(5)
ES, NL, EN = language("es", "ES"), language("nl", "BE"), language("en", "ES")


def weekly(days, *windows: str, name: str = "desk", **season) -> Schedule:
    return Schedule(name, {d: tuple(parse_window(w) for w in windows) for d in days}, **season)


ITPLUSNET_LABELS = {"normal": "normal hours", "special": "special hours"}


# --------------------------------------------------------------------------- the sentence


def test_binarema_hours_in_spanish():
    assert binarema().describe().said(ES) == (
        "de lunes a viernes de 09:00 a 14:00 y de 16:30 a 19:30; en julio y agosto, de lunes a "
        "viernes de 08:00 a 15:00; hora de Madrid; cerrado los días festivos de Andalucía"
    )


def test_binarema_hours_in_dutch():
    assert binarema().describe().said(NL) == (
        "maandag tot vrijdag van 09:00 tot 14:00 en van 16:30 tot 19:30; in juli en augustus, "
        "maandag tot vrijdag van 08:00 tot 15:00; tijd in Madrid; gesloten op feestdagen van "
        "Andalucía"
    )


def test_in_english_the_hours_are_said_as_a_person_says_them_and_the_json_keeps_the_plain_one():
    hours = binarema((ClosurePeriod(date(2026, 12, 24), date(2027, 1, 3), "kerstverlof"),))
    said = hours.describe()
    assert said.said(EN) == (
        "Monday to Friday 09:00–14:00 and 16:30–19:30; in July and August, Monday to Friday "
        "08:00–15:00; Madrid time; closed on public holidays of Andalucía and during kerstverlof "
        "(24 December 2026 to 3 January 2027)"
    )
    assert (
        said.text
        == str(said)
        == (
            "Monday to Friday 09:00–14:00 and 16:30–19:30; in July and August, Monday to Friday "
            "08:00–15:00; Europe/Madrid time; closed on public holidays of Andalucía (ES-AN) and "
            "during kerstverlof (2026-12-24 to 2027-01-03)"
        )
    )


def test_itplusnet_names_its_normal_and_special_hours_in_its_own_words():
    hours = itplusnet().describe(ITPLUSNET_LABELS)
    assert hours.said(vendor_language("itplusnet", "es", "CL")) == (
        "de lunes a viernes de 09:00 a 18:30 (horario normal); de lunes a viernes de 18:31 a "
        "22:00, sábado de 10:00 a 21:00 y domingo de 10:00 a 14:00 (horario especial); hora de "
        "Santiago; cerrado los días festivos de Chile"
    )
    assert hours.said(vendor_language("itplusnet", "nl", "CL")) == (
        "maandag tot vrijdag van 09:00 tot 18:30 (normale uren); maandag tot vrijdag van 18:31 "
        "tot 22:00, zaterdag van 10:00 tot 21:00 en zondag van 10:00 tot 14:00 (speciale uren); "
        "tijd in Santiago; gesloten op feestdagen van Chili"
    )


def test_closures_are_said_with_their_dates_in_the_locale():
    year_end = ClosurePeriod(date(2026, 12, 24), date(2026, 12, 31), "cierre de fin de año")
    inventory = ClosurePeriod(date(2026, 6, 30), date(2026, 6, 30), "inventaris")
    hours = binarema((inventory, year_end)).describe()
    assert hours.said(ES).endswith(
        "cerrado los días festivos de Andalucía y durante inventaris (el 30 de junio de 2026) y "
        "cierre de fin de año (del 24 de diciembre de 2026 al 31 de diciembre de 2026)"
    )
    brussels = BusinessCalendar(
        "desk", "Europe/Brussels", [weekly(MON_FRI, "09:00-17:00")], closures=[inventory]
    )
    assert brussels.describe().said(NL) == (
        "maandag tot vrijdag van 09:00 tot 17:00; tijd in Brussel; gesloten tijdens inventaris "
        "(op 30 juni 2026)"
    )


@pytest.mark.parametrize(
    ("season", "es", "nl"),
    [
        ({"months": (6, 7, 8, 9)}, "de junio a septiembre", "van juni tot september"),
        ({"months": (1, 3, 5)}, "en enero, marzo y mayo", "in januari, maart en mei"),
        (
            {"from_md": (12, 15), "until_md": (1, 15)},
            "del 15 de diciembre al 15 de enero",
            "van 15 december tot 15 januari",
        ),
    ],
)
def test_seasons_are_said_by_the_locales_month_names(season, es, nl):
    (line,) = weekly((0,), "10:00-12:00", **season).describe()
    desk = BusinessCalendar("desk", "Europe/Madrid", [weekly(MON_FRI, "09:00-17:00")])
    hours = desk.describe()
    hours = type(hours)(hours.timezone, (*hours.schedules, line))
    assert f"; {es}, lunes de 10:00 a 12:00;" in hours.said(ES)
    assert f"; {nl}, maandag van 10:00 tot 12:00;" in hours.said(NL)


def test_every_day_and_two_days_are_said_by_name():
    web = BusinessCalendar("web", "Europe/Madrid", [weekly(range(7), "00:00-24:00")])
    assert web.describe().said(NL).startswith("elke dag van 00:00 tot 24:00; ")
    weekend = BusinessCalendar("desk", "Europe/Madrid", [weekly((5, 6), "10:00-12:00")])
    assert weekend.describe().said(ES).startswith("sábado y domingo de 10:00 a 12:00; ")


def test_the_hours_are_written_once_per_calendar_and_language():
    hours = binarema().describe()
    assert hours.said(ES) is hours.said(ES)
    assert hours.said(NL) is not hours.said(ES)


def test_in_a_reason_the_hours_are_words_in_its_language_and_english_in_the_json():
    hours = binarema().describe()
    assert words(hours, ES) == hours.said(ES)
    assert json_value(hours) == hours.text


# --------------------------------------------------------------------------- holidays


@pytest.mark.parametrize(
    ("spec", "day", "lang", "name"),
    [
        (HolidaySpec("ES", subdiv="AN"), date(2026, 4, 3), "es", "Viernes Santo"),
        (HolidaySpec("MX"), date(2026, 3, 16), "es", "Natalicio de Benito Juárez"),
        (HolidaySpec("CL"), date(2026, 12, 8), "es", "La Inmaculada Concepción"),
        (HolidaySpec("BE"), date(2026, 4, 6), "nl", "Paasmaandag"),
        (HolidaySpec("BE"), date(2026, 4, 6), "en", "Easter Monday"),
    ],
)
def test_a_holiday_is_named_where_the_package_has_the_readers_language(spec, day, lang, name):
    assert spec.name_in(day, lang) == name


def test_without_the_readers_language_a_holiday_keeps_its_english_name():
    spec = HolidaySpec("ES")
    assert spec.name_in(date(2026, 4, 3), "nl") is None  # no Dutch names for Spain
    holiday = HolidayName(spec, date(2026, 4, 3), "Good Friday")
    assert holiday.in_language("nl") == "Good Friday"
    assert holiday.in_language("es") == "Viernes Santo"
    assert str(holiday) == json_value(holiday) == "Good Friday"


def test_a_day_that_is_no_holiday_has_no_name():
    assert HolidaySpec("ES").name_in(date(2026, 4, 7), "es") is None


@pytest.mark.parametrize(
    ("lang", "said"),
    [
        ("es", "cerrada ahora (día festivo: Inmaculada Concepción)"),
        ("nl", "nu gesloten (feestdag: Immaculate Conception)"),
        ("en", "closed now (public holiday: Immaculate Conception)"),
    ],
)
def test_closed_on_a_holiday_names_it_in_the_readers_language_and_in_english_in_the_json(
    lang, said
):
    ctx = context(at="2026-12-08T10:00:00+01:00")
    ctx.language = language(lang, "ES")
    (closed,) = [r for r in ctx.default_service().reasons if r.code == "closed-now"]
    assert said in closed.message
    assert closed.params["why"] == "public holiday: Immaculate Conception"
