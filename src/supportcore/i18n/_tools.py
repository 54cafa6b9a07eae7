"""Managing catalogs with Babel: extract the templates, update the ``.po`` files, compile the
``.mo`` files, check them. The same for the core and for a vendor plugin's package.

A package's catalogs live in ``<package>/locale/``: the template ``<domain>.pot`` and, per
language, ``<lang>/LC_MESSAGES/<domain>.po`` (edited by translators) and ``<domain>.mo``
(compiled, shipped, loaded). Templates are extracted from

- the package's Python files, by these markers (Babel keywords): ``reason``, ``remedy`` and
  ``action`` (the template is the second argument), ``say``, ``phrase``, ``_`` and ``N_`` (the
  first), ``plural`` (the first two), ``missing_fact`` (the third);
- its ``terms.toml``: the words of the tables (``[identity.categories]``, ``[[coverage]]`` and
  ``[coverage_default]`` messages, ``[reasons.*]`` and ``[actions.*]`` texts, ``[[remedies]]``
  descriptions and price notes, ``[[fees]]`` descriptions, schedule labels), by
  :func:`extract_terms`.

A catalog for a country (``locale/es_MX/…``) is **sparse**: it holds only the sentences worded
otherwise there, and the language's own catalog (``es``) gives the rest. ``update`` never adds a
template to it (it drops those no longer used), ``compile`` and ``check`` take it with its
language: ``check`` wants each of its entries to be translated in the language's catalog too,
with the same placeholders, worded otherwise than there, and compiled.
"""

from __future__ import annotations

import io
import re
import tomllib
from collections.abc import Iterator, Mapping
from contextlib import redirect_stderr
from functools import lru_cache
from pathlib import Path
from typing import Any

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.mofile import read_mo, write_mo
from babel.messages.pofile import read_po, write_po

__all__ = [
    "KEYWORDS",
    "check",
    "compile_catalogs",
    "extract",
    "extract_terms",
    "placeholders",
    "update",
]

#: The markers of templates in Python sources, as Babel keywords (argument positions, 1-based).
KEYWORDS: dict[str, tuple[int, ...] | None] = {
    "_": None,
    "N_": None,
    "say": None,
    "phrase": None,
    "plural": (1, 2),
    "reason": (2,),
    "remedy": (2,),
    "action": (2,),
    "missing_fact": (3,),
}
_METHODS = [("**.py", "python"), ("**/terms.toml", "supportcore.i18n._tools:extract_terms")]
_PLACEHOLDER = re.compile(r"(?<!\{)\{(\w*)\}(?!\})")


def placeholders(text: str) -> set[str]:
    """The ``{name}`` placeholders of a template (``{{`` and ``}}`` are braces, not ones)."""
    return set(_PLACEHOLDER.findall(text.replace("{{", "").replace("}}", "")))


# ---------------------------------------------------------------------------- extraction


def _line_of(source: str, text: str) -> int:
    first = text.splitlines()[0] if text else ""
    at = source.find(first) if first else -1
    return source.count("\n", 0, at) + 1 if at >= 0 else 1


def _terms_words(data: Mapping[str, Any]) -> Iterator[tuple[str, str]]:
    """(where, words) for every piece of the tables a reader sees."""
    identity = data.get("identity", {})
    for key, text in (identity.get("categories") or {}).items():
        yield f"[identity.categories] {key}", text
    for i, row in enumerate(data.get("coverage") or ()):
        if "message" in row:
            yield f"[[coverage]] {i + 1} message", row["message"]
    default = data.get("coverage_default") or {}
    if "message" in default:
        yield "[coverage_default] message", default["message"]
    for row in data.get("remedies") or ():
        for key in ("description", "price_note"):
            if row.get(key):
                yield f"[[remedies]] {row.get('id', '?')} {key}", row[key]
    for table in ("reasons", "actions"):
        for row_id, row in (data.get(table) or {}).items():
            if isinstance(row, Mapping) and row.get("text"):
                yield f"[{table}.{row_id}] text", row["text"]
    for row in data.get("fees") or ():
        if row.get("description"):
            yield f"[[fees]] {row.get('id', '?')} description", row["description"]
    for name, calendar in (data.get("calendars") or {}).items():
        for row in calendar.get("schedules") or () if isinstance(calendar, Mapping) else ():
            if row.get("label"):
                yield f"[calendars.{name}] {row.get('name', '?')} label", row["label"]


def extract_terms(
    fileobj: Any, keywords: Any, comment_tags: Any, options: Any
) -> Iterator[tuple[int, str | None, str, list[str]]]:
    """A Babel extraction method for a vendor's ``terms.toml``: the words of its tables (see
    the module's docstring), each with a comment naming where it is."""
    source = fileobj.read().decode("utf-8")
    try:
        data = tomllib.loads(source)
    except tomllib.TOMLDecodeError:
        return
    for where, text in _terms_words(data):
        if isinstance(text, str) and text.strip():
            yield _line_of(source, text), None, text, [where]


def _core_extras() -> Iterator[tuple[str, str]]:
    from ..categories import CATEGORIES

    for name, text in CATEGORIES.items():
        yield f"category {name}", text


CORE = "supportcore"


@lru_cache(maxsize=1)
def _core_templates() -> frozenset[Any]:
    """The core's templates: a vendor's catalog may translate them in its own words."""
    return frozenset(_key(m.id) for m in extract(Path(__file__).resolve().parent.parent, CORE))


def extract(package: Path, domain: str) -> Catalog:
    """The template catalog of ``package`` (a directory): every marked template of its Python
    files and its ``terms.toml``; the core's also holds the category descriptions."""
    catalog = Catalog(project=domain, domain=domain, fuzzy=False)
    found = io.StringIO()
    with redirect_stderr(found):  # Babel warns of markers called with a variable: not ours
        messages = list(
            extract_from_dir(
                str(package),
                method_map=_METHODS,
                keywords=KEYWORDS,
                comment_tags=("i18n:",),
                strip_comment_tags=True,
            )
        )
    for filename, lineno, message, comments, context in messages:
        catalog.add(
            message,
            None,
            [(f"{package.name}/{filename}", lineno)],
            auto_comments=comments,
            context=context,
        )
    if domain == CORE:
        for where, text in _core_extras():
            catalog.add(text, None, [("supportcore/categories.py", 0)], auto_comments=[where])
    return catalog


# ---------------------------------------------------------------------------- files


def _paths(package: Path, domain: str, lang: str) -> tuple[Path, Path]:
    folder = package / "locale" / lang / "LC_MESSAGES"
    return folder / f"{domain}.po", folder / f"{domain}.mo"


def _regional(tag: str) -> bool:
    """Whether ``tag`` is a language and a country (``es_MX``), not a language alone."""
    return "_" in tag


def _with_regions(package: Path, domain: str, languages: tuple[str, ...]) -> tuple[str, ...]:
    """``languages`` and, after them, the catalogs for a country the package has for one of
    them (``es_MX`` for ``es``), each once."""
    found = list(languages)
    folder = package / "locale"
    if folder.is_dir():
        for path in sorted(folder.glob(f"*_*/LC_MESSAGES/{domain}.po")):
            tag = path.parent.parent.name
            if tag.split("_")[0] in languages and tag not in found:
                found.append(tag)
    return tuple(found)


def _read_po(path: Path, lang: str) -> Catalog:
    with path.open("rb") as fp:
        return read_po(fp, locale=lang)


def _write_po(path: Path, catalog: Catalog) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("wb") as fp:
        write_po(fp, catalog, width=96, omit_header=False, sort_output=False)


def update(package: Path, domain: str, languages: tuple[str, ...]) -> list[str]:
    """Extract the template and bring each language's ``.po`` up to date with it (new
    templates added untranslated — in English, the template itself —, gone ones dropped).
    A catalog for a country (``es_MX``, named or found beside its language's) stays sparse:
    only its own entries are kept, those whose template is gone dropped. Returns what was
    written."""
    template = extract(package, domain)
    pot = package / "locale" / f"{domain}.pot"
    _write_po(pot, template)
    written = [str(pot)]
    for lang in _with_regions(package, domain, languages):
        po, _ = _paths(package, domain, lang)
        if po.exists():
            catalog = _read_po(po, lang)
            own = {_key(m.id) for m in catalog if m.id}
            catalog.update(template, no_fuzzy_matching=True)
            for message in list(catalog.obsolete.values()):  # a core sentence in the vendor's words
                if domain != CORE and message.string and _key(message.id) in _core_templates():
                    catalog[message.id] = message
            catalog.obsolete.clear()
            if _regional(lang):  # sparse: never a template it did not hold
                for message in [m for m in catalog if m.id and _key(m.id) not in own]:
                    catalog.delete(message.id)
        elif _regional(lang):
            catalog = Catalog(locale=lang, domain=domain, project=domain)
        else:
            catalog = Catalog(locale=lang, domain=domain, project=domain)
            catalog.update(template, no_fuzzy_matching=True)
        if lang == "en":  # the templates are English: their translation is themselves
            for message in catalog:
                if not message.id:
                    continue
                if isinstance(message.id, list | tuple):
                    if not isinstance(message.string, list | tuple) or not all(message.string):
                        message.string = tuple(message.id)
                elif not message.string:
                    message.string = message.id
        _write_po(po, catalog)
        written.append(str(po))
    return written


def compile_catalogs(package: Path, domain: str, languages: tuple[str, ...]) -> list[str]:
    """Compile each language's ``.po`` (and each of its countries', ``es_MX``) into the ``.mo``
    that is shipped and loaded."""
    written = []
    for lang in _with_regions(package, domain, languages):
        po, mo = _paths(package, domain, lang)
        catalog = _read_po(po, lang)
        with mo.open("wb") as fp:
            write_mo(fp, catalog)
        written.append(str(mo))
    return written


def _key(value: Any) -> Any:
    return tuple(value) if isinstance(value, list | tuple) else value


def _strings(catalog: Catalog) -> dict[Any, Any]:
    """msgid → translation(s), of the messages a compiled catalog holds."""
    return {
        _key(m.id): _key(m.string)
        for m in catalog
        if m.id
        and (all(m.string) if isinstance(m.string, list | tuple) else m.string)
        and not m.fuzzy
    }


def check(package: Path, domain: str, languages: tuple[str, ...]) -> list[str]:
    """Every problem with the package's catalogs: a template with no translation (or a fuzzy
    one) in a language, a translation whose placeholders differ from its template's, a
    ``.po`` that is not the template's (run ``update``), a ``.mo`` that is not its ``.po``
    compiled (run ``compile``). A catalog for a country (``es_MX``: named, or found beside one
    of ``languages``) is checked as sparse: each entry a template its language's catalog
    translates too, worded otherwise, with the same placeholders, and compiled. Empty when all
    is well."""
    problems: list[str] = []
    template = extract(package, domain)
    wanted = {m.id for m in template if m.id}
    overrides = _core_templates() if domain != CORE else frozenset()
    for lang in _with_regions(package, domain, languages):
        po, mo = _paths(package, domain, lang)
        if not po.exists():
            problems.append(f"{po}: missing (run update)")
            continue
        catalog = _read_po(po, lang)
        have = {m.id for m in catalog if m.id}
        if _regional(lang):
            problems += _sparse(package, domain, lang, po, catalog)
        else:
            for msgid in sorted(map(str, wanted - have)):
                problems.append(f"{po}: {msgid!r} is not in the catalog (run update)")
        for msgid in sorted(map(str, have - wanted - overrides)):
            problems.append(f"{po}: {msgid!r} is no longer a template (run update)")
        problems += _translated(po, lang, catalog)
        if not mo.exists():
            problems.append(f"{mo}: missing (run compile)")
            continue
        with mo.open("rb") as fp:
            compiled = read_mo(fp)
        if _strings(compiled) != _strings(catalog):
            problems.append(f"{mo}: not the compiled {po.name} (run compile)")
    return problems


def _translated(po: Path, lang: str, catalog: Catalog) -> list[str]:
    """Every entry without a translation, or whose placeholders differ from its template's."""
    problems: list[str] = []
    for m in catalog:
        if not m.id:
            continue
        ids = tuple(m.id) if isinstance(m.id, tuple | list) else (m.id,)
        strings = tuple(m.string) if isinstance(m.string, tuple | list) else (m.string or "",)
        if m.fuzzy or not all(strings):
            problems.append(f"{po}: {ids[0]!r} has no {lang} translation")
            continue
        expected = placeholders(ids[0]) | (placeholders(ids[1]) if len(ids) > 1 else set())
        for s in strings:
            if placeholders(s or "") != expected:
                problems.append(
                    f"{po}: {ids[0]!r}: the {lang} translation {s!r} has the placeholders "
                    f"{sorted(placeholders(s or ''))}, the template {sorted(expected)}"
                )
    return problems


def _sparse(package: Path, domain: str, lang: str, po: Path, catalog: Catalog) -> list[str]:
    """A catalog for a country holds only sentences its language's catalog translates too,
    each worded otherwise there (the rest is the language's)."""
    base_lang = lang.split("_")[0]
    base_po, _ = _paths(package, domain, base_lang)
    if not base_po.exists():
        return [f"{po}: there is no {base_lang} catalog ({base_po}) for it to reword"]
    base = _strings(_read_po(base_po, base_lang))
    problems: list[str] = []
    for m in catalog:
        if not m.id:
            continue
        key = _key(m.id)
        first = key[0] if isinstance(key, tuple) else key
        if key not in base:
            problems.append(
                f"{po}: {first!r} is not translated in the {base_lang} catalog: a catalog for "
                f"a country rewords only sentences of its language's"
            )
        elif _key(m.string) == base[key]:
            problems.append(
                f"{po}: {first!r} is worded as in {base_lang}: leave it to the {base_lang} catalog"
            )
    return problems
