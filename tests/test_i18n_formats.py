"""Values written the way each vendor's customers write them (es_ES, es_MX, es_CL, nl_BE, en)."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
from babel.dates import format_datetime
from babel.numbers import format_currency
from babel.units import format_unit
from hypothesis import given
from hypothesis import strategies as st

from supportcore.i18n import formats, locale_for
from supportcore.money import Money, quantize
from supportcore.wording import words

MADRID = ZoneInfo("Europe/Madrid")
TUESDAY_4PM = datetime(2026, 7, 14, 16, 0, tzinfo=MADRID)
NNBSP = "\u202f"  # CLDR's narrow no-break space before "p.m."


@pytest.mark.parametrize(
    ("locale", "money", "expected"),
    [
        ("es_ES", Money("112.52", "EUR"), "112,52\xa0€"),
        ("nl_BE", Money("112.52", "EUR"), "€\xa0112,52"),
        ("en_GB", Money("112.52", "EUR"), "€112.52"),
        ("es_CL", Money("25000", "CLP"), "$25.000"),
        ("es_MX", Money("1234.5", "MXN"), "$1,234.50"),
        ("es_ES", Money("1234.5", "EUR"), "1.234,50\xa0€"),
    ],
)
def test_money_is_written_with_the_locales_symbol_digits_and_pattern(locale, money, expected):
    assert words(money, locale) == expected


def test_chilean_pesos_have_no_decimals_and_are_rounded_half_up():
    assert words(Money("24999.5", "CLP"), "es_CL") == "$25.000"


def test_a_currency_symbol_made_of_letters_is_kept_apart_from_the_digits():
    assert words(Money("25000", "CLP"), "en_GB") == "CLP\xa025,000"
    assert words(Money("112.52", "EUR"), "es_MX") == "EUR\xa0112.52"


@given(
    amount=st.decimals(min_value=-(10**9), max_value=10**9, places=2),
    locale=st.sampled_from(["es_ES", "es_MX", "es_CL", "nl_BE", "en_GB"]),
    currency=st.sampled_from(["EUR", "MXN", "CLP", "USD"]),
)
def test_prepared_money_is_what_babel_writes(amount, locale, currency):
    money = Money(amount, currency)
    rounded = quantize(amount, currency)  # the product's rounding (half up); -0 is 0
    expected = format_currency(rounded if rounded else abs(rounded), currency, locale=locale)
    written = formats(locale).money(money)
    if written != expected:  # only CLDR's currency spacing, which Babel leaves out
        assert written.replace("\xa0", "") == expected.replace("\xa0", "")


@pytest.mark.parametrize(
    ("locale", "expected"),
    [
        ("es_ES", "14 de julio de 2026"),
        ("es_MX", "14 de julio de 2026"),
        ("es_CL", "14 de julio de 2026"),
        ("nl_BE", "14 juli 2026"),
        ("en_GB", "14 July 2026"),
    ],
)
def test_a_date_is_written_as_people_say_it(locale, expected):
    assert words(date(2026, 7, 14), locale) == expected


@pytest.mark.parametrize(
    ("locale", "expected"),
    [
        ("es_ES", "martes, 14 de julio de 2026, 16:00"),
        ("es_MX", f"martes, 14 de julio de 2026, 4:00{NNBSP}p.m."),
        ("es_CL", "martes, 14 de julio de 2026, 16:00"),
        ("nl_BE", "dinsdag 14 juli 2026, 16:00"),
        ("en_GB", "Tuesday, 14 July 2026, 16:00"),
    ],
)
def test_an_instant_is_written_as_people_say_it(locale, expected):
    assert words(TUESDAY_4PM, locale) == expected


def test_an_instant_is_written_in_its_own_time_zone():
    utc = TUESDAY_4PM.astimezone(UTC)
    assert words(utc, "es_ES") == "martes, 14 de julio de 2026, 14:00"


def test_spanish_in_spain_writes_hours_without_a_leading_zero_and_chile_with_one():
    nine = datetime(2026, 7, 14, 9, 5, tzinfo=MADRID)
    assert words(nine, "es_ES").endswith(", 9:05")
    assert words(nine, "es_CL").endswith(", 09:05")


@given(
    at=st.datetimes(
        min_value=datetime(1990, 1, 1), max_value=datetime(2100, 1, 1), timezones=st.just(UTC)
    ),
    locale=st.sampled_from(["es_ES", "es_MX", "es_CL", "nl_BE", "en_GB"]),
)
def test_prepared_instants_and_dates_are_what_babel_writes(at, locale):
    f = formats(locale)
    assert f.instant(at) == format_datetime(at, f.instant_pattern.pattern, locale=locale)
    assert f.date(at.date()) == format_datetime(at, f.date_pattern.pattern, locale=locale)


@pytest.mark.parametrize(
    ("locale", "minutes", "expected"),
    [
        ("es_ES", 65, "1 hora 5 minutos"),
        ("es_MX", 120, "2 horas"),
        ("es_CL", 1, "1 minuto"),
        ("es_ES", 0, "0 minutos"),
        ("nl_BE", 65, "1 uur 5 minuten"),
        ("nl_BE", 61, "1 uur 1 minuut"),
        ("en_GB", 65, "1 hour 5 minutes"),
        ("en_GB", 60 * 1500, "1,500 hours"),
    ],
)
def test_a_duration_is_written_in_hours_and_minutes(locale, minutes, expected):
    assert words(timedelta(minutes=minutes), locale) == expected


@given(
    minutes=st.integers(min_value=0, max_value=10**6),
    locale=st.sampled_from(["es_ES", "nl_BE", "en_GB"]),
)
def test_prepared_durations_are_babels_units(minutes, locale):
    hours, rest = divmod(minutes, 60)
    parts = [format_unit(hours, "duration-hour", length="long", locale=locale)] if hours else []
    if rest or not hours:
        parts.append(format_unit(rest, "duration-minute", length="long", locale=locale))
    assert formats(locale).duration(minutes) == " ".join(parts)


def test_a_number_keeps_every_digit_with_the_locales_symbols():
    assert words(Decimal("0.9167"), "es_ES") == "0,9167"
    assert words(Decimal("1234.50"), "nl_BE") == "1.234,5"
    assert words(Decimal("1234.5"), "es_MX") == "1,234.5"


def test_an_integer_is_written_as_given_never_grouped():
    assert words(20261234, "es_ES") == "20261234"


def test_a_list_is_written_with_the_locales_conjunction():
    assert words(("a", "b", "c"), "es_ES") == "a, b y c"
    assert words(("a", "b"), "nl_BE") == "a en b"
    assert words(("a", "b", "c", "d"), "en_GB") == "a, b, c and d"


@pytest.mark.parametrize(
    ("lang", "country", "locale"),
    [
        ("es", "ES", "es_ES"),
        ("es", "MX", "es_MX"),
        ("es", "CL", "es_CL"),
        ("nl", "BE", "nl_BE"),
        ("nl", "ES", "nl"),
        ("en", "BE", "en_GB"),
        ("en", "MX", "en_GB"),
    ],
)
def test_the_locale_is_the_language_and_the_vendors_country(lang, country, locale):
    assert locale_for(lang, country) == locale
