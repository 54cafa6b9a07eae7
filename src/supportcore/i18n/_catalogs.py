"""Compiled message catalogs (gettext ``.mo`` files) found in packages, chained by preference.

A package ships its catalogs as package data: ``<package>/locale/<lang>/LC_MESSAGES/<domain>.mo``,
where ``<lang>`` is a language (``es``) or a language and a country (``es_MX``: only the messages
that differ there). The chain for one vendor and language looks up, in order: the vendor's
catalog for the country, the vendor's for the language, the core's for the country, the core's
for the language; the first that has the message wins, and a message none has stays the
English template it was written as.
"""

from __future__ import annotations

import gettext
from importlib import resources

__all__ = ["catalog_path", "chain"]


def catalog_path(package: str, lang: str, domain: str) -> resources.abc.Traversable | None:
    """The ``.mo`` file of ``domain`` for ``lang`` shipped in ``package``, or ``None``."""
    try:  # a plugin that is not a package (a class in __main__, a test object) has none
        root = resources.files(package)
        path = root / "locale" / lang / "LC_MESSAGES" / f"{domain}.mo"
        return path if path.is_file() else None
    except (ModuleNotFoundError, TypeError, ValueError, AttributeError, OSError):
        return None


def _load(package: str, lang: str, domain: str) -> gettext.GNUTranslations | None:
    path = catalog_path(package, lang, domain)
    if path is None:
        return None
    try:
        with path.open("rb") as fp:
            return gettext.GNUTranslations(fp)
    except (OSError, ValueError, KeyError, IndexError, UnicodeError):
        # a damaged catalog is no catalog: the English templates are used instead
        # (``python -m supportcore.i18n check`` reports it)
        return None


def chain(
    sources: tuple[tuple[str, str], ...], lang: str, country: str
) -> gettext.NullTranslations:
    """One translations object looking up ``sources`` (``(package, domain)`` pairs, the most
    specific first), each for ``<lang>_<country>`` then ``<lang>``. Each call loads its own
    objects: a chain links them, so two chains never share one."""
    found: list[gettext.NullTranslations] = []
    tags = (f"{lang}_{country.upper()}", lang) if country else (lang,)
    for package, domain in sources:
        for tag in tags:
            loaded = _load(package, tag, domain)
            if loaded is not None:
                found.append(loaded)
    if not found:
        return gettext.NullTranslations()
    head = found[0]
    for other in found[1:]:
        head.add_fallback(other)
    return head
