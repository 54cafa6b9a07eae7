"""Values written the way a locale writes them: dates, instants, money, numbers, durations, lists.

Every pattern, name and symbol comes from Babel's CLDR data; this module only prepares them once
per locale. Why not call Babel's ``format_datetime``, ``format_currency`` and ``format_unit``
for each value: they look the locale's data up and parse the pattern again on every call —
measured side by side (``benchmarks/i18n_cost.py``), 9.8 µs for an instant, 11.2 µs for an
amount and 18.8 µs for a duration, where a whole decision costs about 185 µs and writes 10 to
30 values (200 to 400 µs: more than the decision itself). The prepared formats write the same
text in 1.5 to 1.9 µs, 0.2 to 1.3 µs more than the plain English wording (``tests/
test_i18n_formats.py`` checks them against Babel's own functions; ``docs/localization.md`` has
the figures).

What each value looks like (``es_ES`` / ``nl_BE`` / ``en_GB``):

- a date: ``14 de julio de 2026`` / ``14 juli 2026`` / ``14 July 2026`` (CLDR's long date)
- an instant, in its own time zone: ``martes, 14 de julio de 2026, 16:00`` (the full date and
  the short time, joined by the locale's pattern)
- money: ``112,52 €`` / ``€ 112,52`` / ``€112.52``; ``$25.000`` in ``es_CL`` (CLDR's symbol and
  pattern; digits by the currency's minor unit, rounded by :func:`supportcore.money.quantize`).
  A symbol made of letters is kept apart from the digits (``CLP 25,000``: CLDR's currency
  spacing, which Babel itself leaves out)
- a duration: ``1 hora 5 minutos`` / ``1 uur 5 minuten`` / ``1 hour 5 minutes``
- a number: ``0,9167`` (every digit kept, the locale's symbols)
- a list: ``teléfono, correo electrónico y chat``
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Sequence
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from babel import Locale
from babel.dates import format_datetime, parse_pattern
from babel.numbers import format_decimal
from babel.units import format_unit

from ..money import MINOR_UNITS, Money, quantize

__all__ = ["Formats"]

_NBSP = "\xa0"
_TWO = tuple(f"{n:02d}" for n in range(61))
_FIELD = re.compile(r"%\((\w+)\)s")
#: how many small counts have their plural category prepared (beyond: asked of the rule)
_PREPARED_COUNTS = 200


def _date_fields(f: Formats) -> dict[str, Callable[[Any], str]]:
    """Pattern fields this module writes itself; a pattern with any other field is written by
    Babel (correct, only slower)."""
    days, months, am, pm = f.days, f.months, f.am, f.pm
    return {
        "EEEE": lambda v: days[v.weekday()],
        "d": lambda v: str(v.day),
        "dd": lambda v: _TWO[v.day],
        "MMMM": lambda v: months[v.month],
        "M": lambda v: str(v.month),
        "MM": lambda v: _TWO[v.month],
        "y": lambda v: str(v.year),
        "yyyy": lambda v: f"{v.year:04d}",
        "H": lambda v: str(v.hour),
        "HH": lambda v: _TWO[v.hour],
        "h": lambda v: str(v.hour % 12 or 12),
        "hh": lambda v: _TWO[v.hour % 12 or 12],
        "mm": lambda v: _TWO[v.minute],
        "a": lambda v: pm if v.hour >= 12 else am,
    }


class _Pattern:
    """One CLDR date pattern, parsed once: ``"EEEE, d 'de' MMMM 'de' y"``."""

    def __init__(self, pattern: str, formats: Formats) -> None:
        self.pattern = pattern
        self.locale = formats.locale
        #: "%(EEEE)s, %(d)s de %(MMMM)s de %(y)s"
        self.text: str = str(parse_pattern(pattern).format)
        known = _date_fields(formats)
        keys = _FIELD.findall(self.text)
        #: "%s, %s de %s de %s" and the writers of its fields in order
        self.positional = _FIELD.sub("%s", self.text)
        self.fields: tuple[Callable[[Any], str], ...] | None = (
            tuple(known[k] for k in keys) if all(k in known for k in keys) else None
        )

    def __call__(self, value: date) -> str:
        if self.fields is None:
            return str(format_datetime(value, self.pattern, locale=self.locale))
        return self.positional % tuple([write(value) for write in self.fields])


def _sample_counts(locale: Locale) -> dict[str, int]:
    """A count of each plural category of the locale (``one`` → 1, ``other`` → 2 …)."""
    found: dict[str, int] = {}
    for n in (*range(0, 30), 100, 1000, 10**6, 10**7):
        found.setdefault(locale.plural_form(n), n)
    return found


class _Unit:
    """A unit's long patterns by plural category (``{0} hora`` / ``{0} horas``), read once from
    Babel's :func:`~babel.units.format_unit`."""

    def __init__(self, unit: str, locale: Locale) -> None:
        self.rule = locale.plural_form
        self.patterns: dict[str, str] = {}
        for category, n in _sample_counts(locale).items():
            written = format_unit(n, unit, length="long", locale=locale)
            number = format_decimal(n, locale=locale)
            self.patterns[category] = written.replace(number, "{0}", 1)
        self.small = tuple(self.patterns[self.rule(n)] for n in range(_PREPARED_COUNTS))

    def __call__(self, count: int, written: str) -> str:
        pattern = (
            self.small[count] if 0 <= count < _PREPARED_COUNTS else self.patterns[self.rule(count)]
        )
        return pattern.replace("{0}", written)


def _letter(char: str) -> bool:
    """CLDR's currency spacing: a symbol whose edge is neither a symbol nor a space (``CLP``,
    not ``$`` or ``€``) is kept apart from the digits."""
    return unicodedata.category(char)[0] not in "SZ"


class Formats:
    """The formats of one locale (``es_ES``, ``nl_BE``, ``en_GB`` …), prepared from Babel's data.
    Build it with :func:`supportcore.i18n.formats`, which keeps one per locale."""

    def __init__(self, locale: str) -> None:
        data = Locale.parse(locale)
        self.locale = locale
        self.days = tuple(data.days["format"]["wide"][i] for i in range(7))
        self.months = ("", *(data.months["format"]["wide"][m] for m in range(1, 13)))
        periods = data.day_periods["format"]["abbreviated"]
        self.am, self.pm = periods["am"], periods["pm"]
        symbols = data.number_symbols["latn"]
        self.decimal_symbol, self.group_symbol = symbols["decimal"], symbols["group"]
        self.minus = symbols["minusSign"]
        self._symbols = str.maketrans({",": self.group_symbol, ".": self.decimal_symbol})
        self._currency = data.currency_formats["standard"]
        self._currency_symbols = data.currency_symbols
        date_long = str(data.date_formats["long"])
        date_full = str(data.date_formats["full"])
        time_short = str(data.time_formats["short"])
        glue = str(data.datetime_formats["full"])
        self.date_pattern = _Pattern(date_long, self)
        self.time_pattern = _Pattern(time_short, self)
        self.instant_pattern = _Pattern(
            glue.replace("{1}", date_full).replace("{0}", time_short), self
        )
        self._hour = _Unit("duration-hour", data)
        self._minute = _Unit("duration-minute", data)
        self._minutes = tuple(self._minute(n, str(n)) for n in range(60))
        lists = data.list_patterns["standard"]
        self._list: dict[str, str] = {k: str(lists[k]) for k in ("start", "middle", "end", "2")}

    # ------------------------------------------------------------------ dates and times

    def date(self, value: date) -> str:
        """``14 de julio de 2026``."""
        return self.date_pattern(value)

    def time(self, value: datetime) -> str:
        """``16:00`` (``4:00 p.m.`` where the locale writes a 12-hour clock)."""
        return self.time_pattern(value)

    def instant(self, value: datetime) -> str:
        """``martes, 14 de julio de 2026, 16:00``, in the value's own time zone."""
        return self.instant_pattern(value)

    # ------------------------------------------------------------------ numbers

    def number(self, value: Decimal | int) -> str:
        """Every digit of ``value`` (no rounding, no trailing zeros), with the locale's decimal
        and group symbols: ``1.234,5``."""
        if isinstance(value, Decimal):
            value = value.normalize()
            text = format(value, ",f")
        else:
            text = format(value, ",")
        if text.startswith("-"):
            return f"{self.minus}{text[1:].translate(self._symbols)}"
        return text.translate(self._symbols)

    def money(self, value: Money) -> str:
        """``112,52 €`` / ``€ 112,52`` / ``$25.000``: the currency's symbol in this locale, its
        minor unit's digits, the locale's pattern."""
        currency = value.currency
        places = MINOR_UNITS[currency]
        amount = quantize(value.amount, currency)
        digits = format(abs(amount), f",.{places}f").translate(self._symbols)
        pattern = self._currency
        negative = amount < 0
        prefix = pattern.prefix[1 if negative else 0]
        suffix = pattern.suffix[1 if negative else 0]
        symbol = self._currency_symbols.get(currency, currency)
        if "¤" in prefix:
            before, _, after = prefix.partition("¤")
            if not after and _letter(symbol[-1]):
                after = _NBSP
            prefix = before + symbol + after
        if "¤" in suffix:
            before, _, after = suffix.partition("¤")
            if not before and _letter(symbol[0]):
                before = _NBSP
            suffix = before + symbol + after
        prefix = prefix.replace("-", self.minus)
        return f"{prefix}{digits}{suffix}"

    # ------------------------------------------------------------------ durations and lists

    def duration(self, minutes: int) -> str:
        """A number of minutes in hours and minutes: ``1 hora 5 minutos``; ``0 minutos``."""
        if minutes < 0:
            raise ValueError(f"a duration must not be negative, got {minutes} minutes")
        hours, rest = divmod(minutes, 60)
        if not hours:
            return self._minutes[rest]
        written = self._hour(hours, self.number(hours))
        return f"{written} {self._minutes[rest]}" if rest else written

    def list(self, items: Sequence[str]) -> str:
        """``a, b y c`` (CLDR's standard list pattern)."""
        n = len(items)
        if n == 0:
            return ""
        if n == 1:
            return items[0]
        patterns: dict[str, str] = self._list
        if n == 2:
            return patterns["2"].format(items[0], items[1])
        text = patterns["end"].format(items[-2], items[-1])
        for item in reversed(items[1:-2]):
            text = patterns["middle"].format(item, text)
        return patterns["start"].format(items[0], text)
