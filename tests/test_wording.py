"""Values in words and in their JSON form: each class written by its own writer, the classes
the table does not name by the kind they are, and a placeholder without a value named."""

from __future__ import annotations

import enum
from datetime import date, datetime, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest

from supportcore.i18n import language
from supportcore.model import Channel
from supportcore.money import Money
from supportcore.periods import Period
from supportcore.wording import Named, json_value, phrase, render, say, words

SPANISH = language("es", "ES")
MADRID = ZoneInfo("Europe/Madrid")


class Colour(enum.StrEnum):
    RED = "red"


class Size(enum.Enum):
    LARGE = 3


class Day(date):
    """A date of another class: written as a date."""


class Label:
    def __str__(self) -> str:
        return "a label"


def test_each_value_is_written_in_the_locale_by_its_class() -> None:
    at = datetime(2026, 7, 14, 16, 0, tzinfo=MADRID)
    assert words(at, SPANISH) == "martes, 14 de julio de 2026, 16:00"
    assert words(date(2026, 7, 14), SPANISH) == "14 de julio de 2026"
    assert words(timedelta(minutes=65), SPANISH) == "1 hora 5 minutos"
    assert words(Money("112.52", "EUR"), SPANISH) == "112,52\xa0€"
    assert words(Decimal("0.9167"), SPANISH) == "0,9167"
    assert words(Channel.PHONE, SPANISH) == "teléfono"
    assert words(7, SPANISH) == "7"


def test_a_class_the_table_does_not_name_is_written_as_the_kind_it_is() -> None:
    assert words(Day(2026, 7, 14), SPANISH) == "14 de julio de 2026"
    assert words(Colour.RED, SPANISH) == "red"  # a str enum: as str() writes it
    assert words(Size.LARGE, SPANISH) == "3"  # another enum: its value
    assert words(Label(), SPANISH) == "a label"
    assert words(Label(), SPANISH) == "a label"  # the second time, by the class's writer


def test_each_value_has_its_json_form() -> None:
    at = datetime(2026, 7, 14, 16, 0, tzinfo=MADRID)
    period = Period(date(2026, 1, 10), date(2026, 7, 10))
    assert json_value(at) == "2026-07-14T16:00:00+02:00"
    assert json_value(date(2026, 7, 14)) == "2026-07-14"
    assert json_value(timedelta(minutes=65)) == 65
    assert json_value(Money("112.52", "EUR")) == {"amount": "112.52", "currency": "EUR"}
    assert json_value(Decimal("0.9167")) == "0.9167"
    assert json_value(period) == {"start": "2026-01-10", "end": "2026-07-10"}
    assert json_value(Channel.PHONE) == "phone"
    assert json_value(phrase("receipt at {at}", at=at)) == "receipt at Tue 2026-07-14 16:00 CEST"
    assert json_value(Named("usage_question", phrase("a question"))) == "usage_question"
    assert json_value((date(2026, 7, 14), 3)) == ["2026-07-14", 3]
    assert json_value(Day(2026, 7, 14)) == "2026-07-14"
    assert json_value(None) is None


def test_a_placeholder_without_a_value_names_the_template() -> None:
    with pytest.raises(KeyError, match=r"message 'until \{day\}' has no value for \{day\}"):
        say(SPANISH, "until {day}", {"other": 1})
    with pytest.raises(KeyError, match=r"message 'until \{day\}' has no value for \{day\}"):
        render("until {day}", {"other": 1})
