"""Values in words: how every explanation writes instants, dates, durations and money.

A rule never formats a date or an amount itself: it writes a message template with named
placeholders and passes typed values (``ctx.reason("free-period", "Free SMART period until
{until}", "BIN-FREE-1", until=end)``). This module writes each value in the language and locale
of the explanation (:class:`supportcore.i18n.Language`; the context passes its own), and turns
it into its JSON form for the reason's ``params``. In ``es_ES`` / ``nl_BE`` / ``en_GB``:

- an aware ``datetime``, in its own time zone: ``martes, 14 de julio de 2026, 16:00`` /
  ``dinsdag 14 juli 2026, 16:00`` / ``Tuesday, 14 July 2026, 16:00``;
  JSON ``"2026-07-14T16:00:00+02:00"``
- a ``date``: ``14 de julio de 2026`` / ``14 juli 2026`` / ``14 July 2026``; JSON ``"2026-07-14"``
- a ``timedelta`` (a duration): ``1 hora 5 minutos`` / ``1 uur 5 minuten`` / ``1 hour 5
  minutes``; JSON its minutes, ``65``
- ``Money``: ``112,52 €`` / ``€ 112,52`` / ``€112.52`` (``$25.000`` in ``es_CL``); JSON
  ``{"amount": "112.52", "currency": "EUR"}``
- a ``Decimal``: ``0,9167`` (every digit); JSON ``"0.9167"``
- a ``Period``: ``del 10 de enero de 2026 al 9 de julio de 2026, ambos inclusive``; JSON
  ``{"start", "end"}`` (the end not included, as :class:`~supportcore.periods.Period` holds it)
- a :class:`~supportcore.model.Channel`: ``teléfono`` / ``telefoon`` / ``phone``; JSON its value
- a :class:`Phrase` (:func:`phrase`, :func:`plural`): words that are themselves translated, such
  as ``"receipt"`` inside ``"from {clock} at {start}"``; JSON its English words
- a :class:`Named` value: a stable name (its JSON form: ``"usage_question"``) written as its
  translated description
- opening hours (:class:`~supportcore.calendar.HoursWords`): ``de lunes a viernes de 09:00 a
  14:00 y de 16:30 a 19:30; en julio y agosto, de lunes a viernes de 08:00 a 15:00; hora de
  Madrid; cerrado los días festivos de Andalucía`` (:meth:`HoursWords.said
  <supportcore.calendar.HoursWords.said>`, once per calendar and language); JSON the plain
  English sentence
- a public holiday's name (:class:`~supportcore.calendar.HolidayName`): the
  ``holidays`` package's name in the reader's language where it has one (``Viernes Santo``),
  else English; JSON the English name
- a tuple or list: the locale's list (``teléfono, correo electrónico y chat``); JSON a list
- ``int`` and ``str``: as written (an ``int`` may be an id: never grouped)

Without a language (``locale=None``) values are written the plain way, in English: ``Tue
2026-03-10 11:05 CET``, ``2026-03-10``, ``1 h 5 min``, ``112.52 EUR`` (what :func:`instant`,
:func:`day`, :func:`duration` and ``str(money)`` write). Strings are written as given: they are
never interpreted as markup or as a template.
"""

from __future__ import annotations

import enum
from collections.abc import Callable, Mapping
from datetime import date, datetime, timedelta
from decimal import Decimal
from typing import Any

import attrs

from .calendar import HolidayName, HoursWords
from .i18n import Language, language
from .model import Channel
from .money import Money
from .periods import Period
from .text import format_time

__all__ = [
    "Named",
    "Phrase",
    "day",
    "duration",
    "instant",
    "json_value",
    "minutes",
    "phrase",
    "plural",
    "render",
    "words",
]


@attrs.frozen
class Phrase:
    """Words translated in the language of the sentence they go into (a message inside a
    message): ``phrase("receipt")``, ``phrase("{target} for plan {plan}", target=…, plan=…)``,
    ``plural("{n} business hour", "{n} business hours", n=4)``. Make one with :func:`phrase`
    or :func:`plural`, whose first arguments a message catalog extracts."""

    template: str
    params: Mapping[str, Any] = attrs.field(factory=dict)
    #: the plural template, when the words depend on ``params[count]``
    plural: str = ""
    count: str = "n"

    def english(self) -> str:
        """The words in English, values written the plain way: the phrase's JSON form."""
        return render(self._template(None), self.params)

    def _template(self, lang: Language | None) -> str:
        if not self.plural:
            return self.template if lang is None else lang.gettext(self.template)
        n = self.params[self.count]
        n = int(n) if n == int(n) else 2  # a fraction takes the plural
        if lang is None:
            return self.template if n == 1 else self.plural
        return lang.ngettext(self.template, self.plural, n)


def phrase(template: str, /, **params: Any) -> Phrase:
    """A :class:`Phrase`: ``template`` (a literal, extracted for the catalogs) with ``params``."""
    return Phrase(template, params)


def plural(singular: str, plural: str, /, n: int | Decimal, **params: Any) -> Phrase:
    """A :class:`Phrase` whose words depend on the count ``n`` (``{n}`` in the templates):
    ``plural("{n} business hour", "{n} business hours", n=4)``. Each language chooses its form
    by its own plural rule."""
    return Phrase(singular, {"n": n, **params}, plural)


@attrs.frozen
class Named:
    """A value with a stable name, written in words as its description: a category is
    ``"usage_question"`` in the JSON and ``una duda sobre el funcionamiento del programa`` in a
    Spanish sentence."""

    name: str
    description: Phrase

    def __str__(self) -> str:
        return self.name


# ---------------------------------------------------------------------------- plain words


def instant(value: datetime) -> str:
    """An instant in its own time zone: ``Tue 2026-03-10 11:05 CET``. A zone without an
    abbreviation is written as its offset (``UTC-03:00``)."""
    text = format_time(value, "%a %Y-%m-%d %H:%M")
    zone = value.tzname() or ""
    if not zone or zone[0] in "+-":  # zoneinfo names some zones by their offset only
        offset = value.utcoffset() or timedelta(0)
        sign = "-" if offset < timedelta(0) else "+"
        total = abs(int(offset.total_seconds())) // 60
        zone = f"UTC{sign}{total // 60:02d}:{total % 60:02d}"
    return f"{text} {zone}"


def day(value: date) -> str:
    """A calendar date: ``2026-03-10``."""
    return value.isoformat()


def minutes(count: int) -> str:
    """A number of minutes as people say it: ``65`` → ``1 h 5 min``, ``60`` → ``1 h``."""
    if count < 0:
        raise ValueError(f"minutes: must not be negative, got {count}")
    hours, rest = divmod(count, 60)
    if hours and rest:
        return f"{hours} h {rest} min"
    if hours:
        return f"{hours} h"
    return f"{rest} min"


def duration(value: timedelta) -> str:
    """A duration in hours and minutes (seconds dropped): ``timedelta(minutes=65)`` →
    ``1 h 5 min``."""
    return minutes(int(value.total_seconds()) // 60)


def _plain(value: Any) -> str:
    write = _PLAIN.get(value.__class__)
    if write is not None:
        return write(value)
    if isinstance(value, str):
        return value
    if isinstance(value, datetime):
        return instant(value)
    if isinstance(value, date):
        return day(value)
    if isinstance(value, Money):
        return str(value)
    if isinstance(value, timedelta):
        return duration(value)
    if isinstance(value, Decimal):
        return f"{value.normalize():f}"
    if isinstance(value, Period):
        return value.describe()
    if isinstance(value, Phrase):
        return value.english()
    if isinstance(value, enum.Enum):
        return str(value.value)
    if isinstance(value, tuple | list | frozenset):
        return ", ".join(_plain(v) for v in value)
    return str(value)


#: :func:`_plain` of the common classes, looked up once per value.
_PLAIN: dict[type, Callable[[Any], str]] = {
    str: str.__str__,
    int: int.__str__,
    datetime: instant,
    date: day,
    Phrase: Phrase.english,
}


# ---------------------------------------------------------------------------- in a language

#: The channels in words (the core's catalog translates them).
_CHANNELS: dict[Channel, Phrase] = {
    Channel.PHONE: phrase("phone"),
    Channel.EMAIL: phrase("email"),
    Channel.CHAT: phrase("chat"),
    Channel.REMOTE: phrase("remote assistance"),
    Channel.TICKET: phrase("the web ticket form"),
    Channel.WEB: phrase("the website"),
    Channel.ON_SITE: phrase("a visit on site"),
    Channel.FAX: phrase("fax"),
    Channel.LETTER: phrase("letter"),
}


def _phrase(value: Phrase, lang: Language) -> str:
    return render(value._template(lang), value.params, lang)


def _period(value: Period, lang: Language) -> str:
    words = phrase("from {start} to {end} inclusive", start=value.start, end=value.last_day)
    return _phrase(words, lang)


def _enum(value: enum.Enum, lang: Language) -> str:
    if isinstance(value, Channel):
        return _phrase(_CHANNELS[value], lang)
    return str(value.value)


def _sequence(value: tuple[Any, ...] | list[Any] | frozenset[Any], lang: Language) -> str:
    return lang.formats.list([words(v, lang) for v in value])


_WRITERS: dict[type, Callable[[Any, Language], str]] = {
    str: lambda v, _lang: v,
    int: lambda v, _lang: str(v),
    bool: lambda v, _lang: str(v),
    datetime: lambda v, lang: lang.formats.instant(v),
    date: lambda v, lang: lang.formats.date(v),
    Money: lambda v, lang: lang.formats.money(v),
    timedelta: lambda v, lang: lang.formats.duration(int(v.total_seconds()) // 60),
    Decimal: lambda v, lang: lang.formats.number(v),
    Period: _period,
    Phrase: _phrase,
    Named: lambda v, lang: _phrase(v.description, lang),
    HoursWords: lambda v, lang: v.said(lang),
    HolidayName: lambda v, lang: v.in_language(lang.lang),
    Channel: _enum,
    tuple: _sequence,
    list: _sequence,
    frozenset: _sequence,
}


#: The writers of the classes above, and of every other class met, resolved once per class.
_BY_CLASS: dict[type, Callable[[Any, Language], str]] = dict(_WRITERS)


def _other(value: Any, _lang: Language) -> str:
    return str(value)


def _writer(cls: type) -> Callable[[Any, Language], str]:
    """The writer of a class not in :data:`_WRITERS`: that of the first kind it is a subclass
    of (a ``str`` subclass is written as ``str()`` of it), an enum's, else ``str()``."""
    for kind, writer in _WRITERS.items():
        if issubclass(cls, kind):
            return writer if kind is not str else _other
    if issubclass(cls, enum.Enum):
        return _enum
    return _other


def _written(value: Any, lang: Language) -> str:
    cls = value.__class__
    write = _BY_CLASS.get(cls)
    if write is None:
        write = _BY_CLASS[cls] = _writer(cls)
    return write(value, lang)


def _language(locale: str) -> Language:
    lang, _, country = locale.replace("-", "_").partition("_")
    return language(lang, country)


def words(value: Any, locale: str | Language | None = None) -> str:
    """One value in words (see the module's table): in ``locale`` (a locale name such as
    ``"es_MX"``, or a :class:`~supportcore.i18n.Language`), or the plain English way."""
    if locale is None:
        return _plain(value)
    return _written(value, _language(locale) if isinstance(locale, str) else locale)


def json_value(value: Any) -> Any:
    """One value in its JSON form (see the module's table)."""
    form = _JSON_FORMS.get(value.__class__)
    if form is not None:
        return form(value)
    if isinstance(value, str | bool | int) or value is None:
        return value
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, Money):
        return {"amount": str(value.amount), "currency": value.currency}
    if isinstance(value, timedelta):
        return int(value.total_seconds()) // 60
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, Period):
        return {"start": value.start.isoformat(), "end": value.end.isoformat()}
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, tuple | list | frozenset):
        return [json_value(v) for v in value]
    if isinstance(value, Phrase):
        return value.english()
    if isinstance(value, Named):
        return value.name
    return str(value)


def _same(value: Any) -> Any:
    return value


#: :func:`json_value` of the common classes, looked up once per value.
_JSON_FORMS: dict[type, Callable[[Any], Any]] = {
    str: _same,
    int: _same,
    bool: _same,
    type(None): _same,
    Channel: _same,  # a str
    datetime: datetime.isoformat,
    date: date.isoformat,
    Decimal: str,
    Phrase: Phrase.english,
}


def _in_words(params: Mapping[str, Any], lang: Language | None) -> dict[str, str]:
    """The params in words (for ``str.format_map``)."""
    if lang is None:
        return {k: _plain(v) for k, v in params.items()}
    return {k: _written(v, lang) for k, v in params.items()}


def _fill(template: str, values: dict[str, str]) -> str:
    """``template`` with its placeholders filled; a placeholder without a value is a bug of the
    rule, reported with the template."""
    try:
        return template.format_map(values)
    except KeyError as exc:
        raise KeyError(f"message {template!r} has no value for {{{exc.args[0]}}}") from None


def render(template: str, params: Mapping[str, Any], locale: str | Language | None = None) -> str:
    """The message: ``template`` with each ``{name}`` replaced by ``params[name]`` in words
    (in ``locale``, see :func:`words`). The template is used as given: translating it is the
    caller's (:meth:`supportcore.Context.reason` looks it up first).

    Only plain ``{name}`` placeholders are allowed (no attribute access, no format specs);
    ``{{`` and ``}}`` write braces. Without params the template is returned as it is."""
    if not params:
        return template
    lang = _language(locale) if isinstance(locale, str) else locale
    return _fill(template, _in_words(params, lang))


def say(lang: Language, template: str, params: Mapping[str, Any]) -> str:
    """``template`` translated into ``lang`` (the English template when no catalog has it,
    or when its translation cannot be written with ``params``) and rendered in its locale."""
    translated = lang.gettext(template)
    if not params:
        return translated
    values = _in_words(params, lang)
    if translated is not template:
        try:
            return translated.format_map(values)
        except (KeyError, IndexError, ValueError, AttributeError):
            pass  # a translation with a wrong placeholder: the English words are still right
    return _fill(template, values)
