"""Explanations in the customer's language: languages, locales, message catalogs, formats.

Every sentence of an explanation is written as an English template (``"Free SMART period until
{until}"``); that template is the gettext message id. A decision is written in one language,
``es``, ``nl`` or ``en`` (default: the language of the vendor's terms): each template is looked
up in the vendor's own catalog (gettext domain ``supportcore_<vendor>``, shipped in its package),
then in the core's (domain ``supportcore``), and is kept in English when neither translates it.
The values in it are then written in the locale of the language and the vendor's country
(``es_ES``, ``es_MX``, ``es_CL``, ``nl_BE``; English is always ``en_GB``).

- :func:`language` — the :class:`Language` of one vendor in one language: its catalog chain and
  its locale's :class:`Formats`; made once per process and kept (catalogs are data).
- :func:`vendor_language` — the same, found by the vendor's name alone (a decision's
  ``vendor``): its catalogs are those of the package its plugin is installed as.
- :func:`translate` — one message of one domain in one language.
- :func:`check_language`, :func:`negotiate` — a language asked for (an option, an
  ``Accept-Language`` header) read as one of :data:`LANGUAGES`.
- ``python -m supportcore.i18n`` — extract, update, compile and check catalogs (the core's or a
  plugin's); see ``docs/localization.md``.
"""

from __future__ import annotations

import gettext
import re
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING

from babel import localedata

from ._catalogs import catalog_path, chain
from ._formats import Formats

if TYPE_CHECKING:
    from ..vendor import VendorInfo

__all__ = [
    "CORE_DOMAIN",
    "ENGLISH_LOCALE",
    "LANGUAGES",
    "N_",
    "Formats",
    "Language",
    "catalog_path",
    "check_catalogs",
    "check_language",
    "default_language",
    "formats",
    "language",
    "locale_for",
    "negotiate",
    "translate",
    "vendor_domain",
    "vendor_language",
    "vendor_package",
]

#: The languages explanations are written in.
LANGUAGES: tuple[str, ...] = ("es", "nl", "en")
#: The gettext domain of the core's own sentences (headings, table answers, "no rule" reasons).
CORE_DOMAIN = "supportcore"
#: English is written the British way whatever the vendor's country: a 24-hour clock and the
#: day before the month, as every vendor's own terms write them ("09:00-14:00", "14/07/2026"),
#: so that an English explanation never reads "07/14" or "4:00 PM" beside a Spanish clause.
ENGLISH_LOCALE = "en_GB"


def N_(msgid: str) -> str:
    """Marks a literal English template for the catalogs (``N_("…")`` is extracted) where it is
    written; it is translated where it is used (:func:`supportcore.wording.say`)."""
    return msgid


def vendor_domain(vendor: str) -> str:
    """The gettext domain of a vendor's catalog: ``supportcore_<vendor>``."""
    return f"supportcore_{vendor}"


_TAG = re.compile(r"^\s*([A-Za-z]{2,3})(?:[-_]([A-Za-z0-9]{2,8}))*\s*$")


def check_language(value: str) -> str:
    """``value`` as one of :data:`LANGUAGES`: ``"es"``, ``"ES"``, ``"es-MX"`` and ``"es_CL"``
    are all ``"es"`` (the country of the formats is the vendor's, not the tag's).

    :raises ValueError: a language explanations are not written in, naming those they are.
    """
    found = _TAG.match(value) if isinstance(value, str) else None
    lang = found.group(1).lower() if found else ""
    if lang not in LANGUAGES:
        shown = value if len(str(value)) <= 40 else str(value)[:40] + "…"
        raise ValueError(
            f"unsupported language {shown!r}: explanations are written in {', '.join(LANGUAGES)}"
        )
    return lang


def negotiate(accept_language: str | None) -> str | None:
    """The first of :data:`LANGUAGES` an HTTP ``Accept-Language`` header accepts, by its
    weights (``"nl-BE,nl;q=0.9,en;q=0.8"`` → ``"nl"``); ``None`` when it accepts none of them
    (or ``*`` only): then the vendor's language applies."""
    if not accept_language:
        return None
    ranked: list[tuple[float, int, str]] = []
    for i, part in enumerate(accept_language.split(",")[:50]):
        tag, _, params = part.strip().partition(";")
        weight = 1.0
        for param in params.split(";"):
            key, _, val = param.strip().partition("=")
            if key.strip().lower() == "q":
                try:
                    weight = float(val)
                except ValueError:
                    weight = 0.0
        if weight <= 0 or not tag or tag.strip() == "*":
            continue
        try:
            lang = check_language(tag)
        except ValueError:
            continue
        ranked.append((-weight, i, lang))
    return min(ranked)[2] if ranked else None


def default_language(vendor: VendorInfo) -> str:
    """The language of the vendor's terms when explanations are written in it, else English."""
    lang = (vendor.language or "").split("_")[0].split("-")[0].lower()
    return lang if lang in LANGUAGES else "en"


@lru_cache(maxsize=64)
def locale_for(lang: str, country: str = "") -> str:
    """The locale of values written in ``lang`` for a vendor of ``country``: ``es`` + ``CL`` is
    ``es_CL``; a pair CLDR does not know is the language alone (``nl`` + ``ES`` is ``nl``);
    English is always :data:`ENGLISH_LOCALE`."""
    lang = check_language(lang)
    if lang == "en":
        return ENGLISH_LOCALE
    candidate = f"{lang}_{country.upper()}"
    return candidate if country and localedata.exists(candidate) else lang


@lru_cache(maxsize=32)
def formats(locale: str) -> Formats:
    """The prepared :class:`Formats` of ``locale``, made once per process."""
    return Formats(locale)


class Language:
    """One language for one vendor: the catalog chain its sentences are looked up in and the
    formats its values are written with. Made by :func:`language`; shared, never changed."""

    __slots__ = ("country", "domain", "formats", "gettext", "lang", "locale", "ngettext")

    def __init__(
        self, lang: str, country: str, domain: str, translations: gettext.NullTranslations
    ) -> None:
        self.lang = lang  #: "es", "nl" or "en"
        self.country = country  #: the vendor's country ("ES", "MX", "CL", "BE"); may be ""
        self.domain = domain  #: the vendor's domain (or the core's)
        self.locale = locale_for(lang, country)  #: "es_ES", "nl_BE", "en_GB" …
        self.formats = formats(self.locale)
        #: the template of ``msgid`` in this language (``msgid`` itself when untranslated)
        self.gettext = translations.gettext
        #: ``ngettext(singular, plural, n)``, by the language's plural rule
        self.ngettext = translations.ngettext

    def __repr__(self) -> str:
        return f"<Language {self.lang} ({self.locale}) for {self.domain}>"


@lru_cache(maxsize=128)
def language(
    lang: str, country: str = "", domain: str = CORE_DOMAIN, package: str | None = None
) -> Language:
    """The :class:`Language` ``lang`` for a vendor of ``country`` whose catalog is ``domain``
    in ``package`` (default: the package named as the domain; a vendor plugin's module is
    ``supportcore_<vendor>``), chained to the core's catalog. Made once per process.

    :raises ValueError: ``lang`` is not one of :data:`LANGUAGES`.
    """
    lang = check_language(lang)
    sources: list[tuple[str, str]] = []
    if domain != CORE_DOMAIN:
        sources.append((package or domain, domain))
    sources.append(("supportcore", CORE_DOMAIN))
    return Language(lang, country.upper(), domain, chain(tuple(sources), lang, country))


@lru_cache(maxsize=64)
def vendor_package(vendor: str) -> str:
    """The package a vendor's plugin (and so its catalog) is shipped in: the top-level module
    of the installed entry point named ``vendor`` (read from the package metadata, without
    importing any plugin); else ``supportcore_<vendor>``, the name a plugin's package has by
    convention."""
    from importlib import metadata

    from ..plugins import ENTRY_POINT_GROUP

    for ep in metadata.entry_points(group=ENTRY_POINT_GROUP):
        if ep.name == vendor:
            return ep.value.partition(":")[0].strip().split(".")[0]
    return vendor_domain(vendor)


def vendor_language(vendor: str, lang: str, country: str = "") -> Language:
    """The :class:`Language` ``lang`` of the vendor named ``vendor`` (a decision's ``vendor``)
    in ``country``: its own catalog (found by :func:`vendor_package`), then the core's — the
    chain the engine wrote its explanations with.

    :raises ValueError: ``lang`` is not one of :data:`LANGUAGES`.
    """
    return language(lang, country, vendor_domain(vendor), vendor_package(vendor))


def check_catalogs(
    package: str | Path, domain: str | None = None, languages: tuple[str, ...] = LANGUAGES
) -> list[str]:
    """Every problem with the catalogs of ``package`` (a folder, or an importable package's
    name): a template extracted from its code or its ``terms.toml`` with no translation in one
    of ``languages``, a translation whose placeholders differ from its template's, a ``.po``
    or ``.mo`` that is not up to date. Empty when all is well: a plugin's test asserts it.
    ``domain`` defaults to the package folder's name."""
    from ._tools import check

    folder = Path(package) if isinstance(package, Path) or "/" in str(package) else None
    if folder is None:
        folder = Path(str(resources.files(str(package))))
    return check(folder, domain or folder.name, languages)


def translate(domain: str, lang: str, msgid: str) -> str:
    """``msgid`` in ``lang`` from ``domain``'s catalog (a vendor's falls back on the core's);
    ``msgid`` itself when no catalog translates it."""
    return language(lang, "", domain).gettext(msgid)
