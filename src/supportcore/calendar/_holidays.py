"""The days a desk is closed besides its weekly hours: :class:`ClosurePeriod` (given as
data) and :class:`HolidaySpec` (public holidays from the ``holidays`` package), and a public
holiday's name in a reader's language (:class:`HolidayName`)."""

from __future__ import annotations

import threading
from datetime import date, datetime
from typing import TYPE_CHECKING

import attrs

from ._common import CalendarError

if TYPE_CHECKING:
    import holidays as _holidays


def _check_date(_inst: object, attribute: attrs.Attribute[date], value: object) -> None:
    if isinstance(value, datetime) or not isinstance(value, date):
        raise CalendarError(f"closure {attribute.name}: expected a date, got {value!r}")


@attrs.frozen
class ClosurePeriod:
    """A closure given as data, e.g. a vendor's holiday period ("verlofperiode").

    Both ends are inclusive local dates; the label explains the closed days
    ("closure: zomerverlof").
    """

    start: date = attrs.field(validator=_check_date)
    end: date = attrs.field(validator=_check_date)
    label: str

    def __attrs_post_init__(self) -> None:
        if not isinstance(self.label, str) or not self.label.strip():
            raise CalendarError(f"closure label: expected a non-empty text, got {self.label!r}")
        if self.end < self.start:
            raise CalendarError(
                f"closure {self.label!r}: end {self.end.isoformat()} is before start "
                f"{self.start.isoformat()}"
            )

    def contains(self, d: date) -> bool:
        """Whether the closure covers the local date ``d``."""
        return self.start <= d <= self.end


@attrs.frozen
class HolidaySpec:
    """Which public holidays close the desk, from the ``holidays`` package.

    ``country`` is an ISO 3166-1 alpha-2 code ("ES", "MX", "CL", "BE"); ``subdiv`` a subdivision
    code ("AN" for Andalusia). ``language`` chooses the holiday names used in explanations; by
    default English ("en_US") where the package has it, so explanations do not depend on the
    machine's locale. Unknown codes are a :class:`CalendarError` naming them.
    """

    country: str
    subdiv: str | None = None
    language: str | None = None

    def __attrs_post_init__(self) -> None:
        self.load()

    def load(self) -> _holidays.HolidayBase:
        """A fresh, lazily expanding holiday table (years are computed when first asked)."""
        import holidays as _holidays  # imported by the first calendar that needs it (start-up)

        if not isinstance(self.country, str):
            raise CalendarError(f"country: expected a country code, got {self.country!r}")
        try:
            table = _holidays.country_holidays(self.country, subdiv=self.subdiv, years=[])
        except NotImplementedError as exc:
            if self.subdiv is not None and "subdivision" in str(exc):
                raise CalendarError(
                    f"subdiv: {self.subdiv!r} is not a subdivision of "
                    f"{self.country!r} known to the holidays package"
                ) from exc
            raise CalendarError(
                f"country: {self.country!r} is not a country known to the holidays "
                "package (expected an ISO 3166-1 alpha-2 code such as 'ES')"
            ) from exc
        supported = tuple(table.supported_languages)
        language = self.language
        if language is None:
            language = "en_US" if "en_US" in supported else table.default_language
        elif language not in supported:
            raise CalendarError(
                f"language: {language!r} is not available for {self.country!r} "
                f"(available: {', '.join(supported) or 'none'})"
            )
        return _holidays.country_holidays(
            self.country, subdiv=self.subdiv, years=[], language=language
        )

    def name_in(self, day: date, lang: str) -> str | None:
        """The name of the public holiday on ``day`` in the language ``lang`` (``"es"``,
        ``"nl"``, ``"en"``), when the ``holidays`` package has that language for the country;
        ``None`` otherwise (or when ``day`` is no holiday). Each language's table is loaded the
        first time a name is asked in it, never at start-up."""
        table = _table_in(self.country, self.subdiv, lang)
        name = table.get(day) if table is not None else None
        return str(name) if name else None


#: The holiday tables by (country, subdivision, language), loaded when first asked for:
#: ``None`` when the package does not have the language for the country.
_TABLES: dict[tuple[str, str | None, str], _holidays.HolidayBase | None] = {}
_LOADING = threading.Lock()


def _table_in(country: str, subdiv: str | None, lang: str) -> _holidays.HolidayBase | None:
    key = (country, subdiv, lang)
    try:
        return _TABLES[key]
    except KeyError:
        pass
    import holidays as _holidays

    with _LOADING:
        if key not in _TABLES:
            table = _holidays.country_holidays(country, subdiv=subdiv, years=[])
            supported = table.supported_languages
            # English is the package's en_US where it has it (what a calendar loads by default)
            wanted = ("en_US", "en_GB") if lang == "en" else (lang,)
            found = next((x for x in wanted if x in supported), None)
            if found is None:  # a country's own variant of the language ("es_CL", "nl_BE")
                found = next((x for x in sorted(supported) if x.startswith(f"{lang}_")), None)
            _TABLES[key] = (
                None
                if found is None
                else _holidays.country_holidays(country, subdiv=subdiv, years=[], language=found)
            )
        return _TABLES[key]


@attrs.frozen
class HolidayName:
    """A public holiday named in a reason: ``str()`` is the name the calendar gives (English by
    default: the reason's parameter in the JSON, the same in every language); an explanation
    writes :meth:`in_language`, the ``holidays`` package's name in the reader's language when
    it has that language for the country (``Viernes Santo``, ``Paasmaandag``), else this one."""

    spec: HolidaySpec
    day: date
    name: str

    def __str__(self) -> str:
        return self.name

    def in_language(self, lang: str) -> str:
        """The name in ``lang`` (``"es"``, ``"nl"``, ``"en"``), else :attr:`name`."""
        return self.spec.name_in(self.day, lang) or self.name
