"""Explanations in the customer's language: languages, catalogs (the core's and a vendor's own),
rendering in every language, and the checks a shipped catalog must pass."""

from __future__ import annotations

import json
import re
import sys
import textwrap
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from babel.messages.pofile import read_po, write_po
from click.testing import CliRunner

import supportcore
from supportcore import Engine, InputError
from supportcore.cli import main as cli_main
from supportcore.convert import decision_to_dict, load_case_file
from supportcore.i18n import (
    LANGUAGES,
    check_catalogs,
    check_language,
    default_language,
    language,
    negotiate,
    translate,
)
from supportcore.i18n.__main__ import main as catalogs
from supportcore.i18n._tools import check, placeholders
from supportcore.wording import phrase, plural, render, say, words

REPO = Path(__file__).resolve().parent.parent
EXAMPLES = REPO / "examples"
CORE = Path(supportcore.__file__).resolve().parent
PLACEHOLDER = re.compile(r"(?<!\{)\{\w*\}(?!\})")


# ---------------------------------------------------------------------------- languages


@pytest.mark.parametrize(
    ("asked", "lang"), [("es", "es"), ("ES", "es"), ("es-MX", "es"), ("nl_BE", "nl"), ("en", "en")]
)
def test_a_language_is_read_from_its_tag(asked, lang):
    assert check_language(asked) == lang


def test_an_unsupported_language_is_refused_naming_those_supported():
    with pytest.raises(ValueError, match=r"'fr'.*es, nl, en"):
        check_language("fr")


@pytest.mark.parametrize(
    ("header", "lang"),
    [
        ("nl-BE,nl;q=0.9,en;q=0.8", "nl"),
        ("fr-FR,fr;q=0.9,en;q=0.5,es;q=0.7", "es"),
        ("fr", None),
        ("*", None),
        ("es;q=0", None),
        ("", None),
        ("en;q=junk,nl;q=0.1", "nl"),
    ],
)
def test_accept_language_picks_the_best_supported_language(header, lang):
    assert negotiate(header) == lang


@pytest.mark.parametrize(
    ("vendor", "lang", "locale"),
    [
        ("binarema", "es", "es_ES"),
        ("informapuntcom", "es", "es_ES"),
        ("softmas", "es", "es_MX"),
        ("itplusnet", "es", "es_CL"),
        ("juweliers", "nl", "nl_BE"),
    ],
)
def test_each_vendor_explains_in_its_terms_language_by_default(vendor, lang, locale):
    engine = Engine(EXAMPLES / vendor / "settings.toml")
    info = engine.vendor(vendor).info
    assert default_language(info) == lang
    case = next(iter(sorted((EXAMPLES / vendor).glob("[0-9]*.toml"))))
    decision = engine.evaluate(load_case_file(case))
    assert (decision.lang, decision.locale) == (lang, locale)


def test_the_engines_language_and_the_evaluations_override_it():
    engine = Engine(EXAMPLES / "juweliers" / "settings.toml", lang="en")
    case = load_case_file(next(iter(sorted((EXAMPLES / "juweliers").glob("[0-9]*.toml")))))
    assert engine.evaluate(case).lang == "en"
    assert engine.evaluate(case, lang="es").locale == "es_BE" or (
        engine.evaluate(case, lang="es").locale == "es"
    )


def test_an_engine_in_an_unsupported_language_is_refused():
    with pytest.raises(ValueError, match="unsupported language 'fr'"):
        Engine({}, entry_points=False, lang="fr")


def test_an_evaluation_in_an_unsupported_language_is_bad_input_naming_lang():
    engine = Engine(EXAMPLES / "binarema" / "settings.toml")
    case = load_case_file(next(iter(sorted((EXAMPLES / "binarema").glob("[0-9]*.toml")))))
    with pytest.raises(InputError) as err:
        engine.evaluate(case, lang="klingon")
    assert [p.field for p in err.value.problems] == ["lang"]


# ---------------------------------------------------------------------------- the core's catalog


def test_the_core_translates_its_own_sentences():
    assert translate("supportcore", "es", "open now") == "abierta ahora"
    assert translate("supportcore", "nl", "open now") == "nu open"
    assert translate("supportcore", "en", "open now") == "open now"


def test_a_template_no_catalog_has_stays_in_english():
    assert translate("supportcore", "es", "Nothing any catalog has") == "Nothing any catalog has"


def test_the_shipped_core_catalogs_are_complete_compiled_and_keep_their_placeholders():
    assert check_catalogs("supportcore") == []


def test_a_translation_with_other_placeholders_is_a_problem(tmp_path):
    package = _copy_core_catalogs(tmp_path)
    po = package / "locale" / "es" / "LC_MESSAGES" / "supportcore.po"
    with po.open("rb") as fp:
        catalog = read_po(fp, locale="es")
    catalog["Next opening: {when}"].string = "Próxima apertura: {cuando}"
    with po.open("wb") as fp:
        write_po(fp, catalog)
    problems = check(package, "supportcore", ("es",))
    assert any("'Next opening: {when}'" in p and "['cuando']" in p for p in problems)
    assert any("not the compiled" in p for p in problems)


def _copy_core_catalogs(tmp_path: Path) -> Path:
    """The core's sources and catalogs copied, so that a test may spoil them."""
    import shutil

    package = tmp_path / "supportcore"
    shutil.copytree(CORE, package, ignore=shutil.ignore_patterns("__pycache__"))
    return package


def test_placeholders_are_the_names_in_braces_not_escaped_braces():
    assert placeholders("{a} and {b} but {{c}}") == {"a", "b"}


# ---------------------------------------------------------------------------- words in a language


def test_a_phrase_is_translated_in_the_language_of_its_sentence():
    es = language("es", "ES")
    assert words(phrase("receipt"), es) == "la recepción de la solicitud"
    assert words(phrase("receipt")) == "receipt"


@pytest.mark.parametrize(("n", "expected"), [(1, "1 hora hábil"), (4, "4 horas hábiles")])
def test_a_plural_takes_the_languages_form_for_its_count(n, expected):
    es = language("es", "ES")
    assert words(plural("{n} business hour", "{n} business hours", n=n), es) == expected


def test_a_translation_with_a_wrong_placeholder_falls_back_to_the_english_template():
    class Broken:
        lang, locale = "es", "es_ES"
        formats = language("es", "ES").formats

        @staticmethod
        def gettext(_msgid: str) -> str:
            return "Abre el {cuando}"

    text = say(Broken(), "Opens {when}", {"when": date(2026, 7, 14)})  # type: ignore[arg-type]
    assert text == "Opens 14 de julio de 2026"


def test_render_without_a_language_writes_values_the_plain_way():
    assert render("until {day}", {"day": date(2026, 7, 14)}) == "until 2026-07-14"
    assert render("until {day}", {"day": date(2026, 7, 14)}, "nl_BE") == "until 14 juli 2026"


# ---------------------------------------------------------------------------- a vendor's catalog

VENDOR_MODULE = '''
"""A made-up vendor whose explanations have their own catalog."""
from datetime import date

from supportcore import Eligibility, EligibilityStatus, hookimpl
from supportcore.terms import load_terms

SUPPORTCORE_HOOK_API = 2
TERMS = load_terms(__name__)


@hookimpl
def supportcore_terms():
    return TERMS


@hookimpl
def supportcore_eligibility(ctx, service):
    until = date(2025, 7, 10)
    basis = ctx.reason("free-support", "Free support until {until}", "T1", until=until)
    return Eligibility(EligibilityStatus.ENTITLED, basis=(basis,))
'''

VENDOR_TERMS = """
vendor = "localised"

[identity]
title = "Localised Software"
country = "MX"
currency = "MXN"
timezone = "America/Mexico_City"
language = "es"
products = ["Localised"]
channels = ["phone", "email"]

[[versions]]
version = "1"
effective_from = 2025-01-01
title = "Condiciones"
language = "es"

[[versions.clauses]]
id = "T1"
text = "El soporte es gratuito durante seis meses."
gloss = "Free for six months."

[[coverage]]
categories = ["usage_question"]
status = "covered"
message = "A doubt about how {product} works is covered"
clauses = ["T1"]
"""

CASE = {
    "vendor": "localised",
    "at": "2025-03-03T10:00:00-06:00",
    "request": {
        "product": "Localised",
        "category": "usage_question",
        "channel": "phone",
        "received_at": "2025-03-03T09:00:00-06:00",
    },
}


@pytest.fixture
def localised(tmp_path, monkeypatch) -> Path:
    """The made-up vendor's package, with catalogs made the way a plugin author makes them."""
    package = tmp_path / "supportcore_localised"
    package.mkdir()
    (package / "__init__.py").write_text(textwrap.dedent(VENDOR_MODULE))
    (package / "terms.toml").write_text(VENDOR_TERMS)
    monkeypatch.syspath_prepend(str(tmp_path))
    assert catalogs(["update", "--package", str(package)]) == 0
    translations = {
        "es": {
            "Free support until {until}": "Soporte gratuito hasta el {until}",
            "A doubt about how {product} works is covered": (
                "Una duda sobre {product} está cubierta"
            ),
            "open now": "atendiendo ahora",  # the vendor's own words for a core sentence
        },
        "nl": {
            "Free support until {until}": "Gratis bijstand tot {until}",
            "A doubt about how {product} works is covered": "Een vraag over {product} is gedekt",
        },
    }
    for lang, table in translations.items():
        po = package / "locale" / lang / "LC_MESSAGES" / "supportcore_localised.po"
        with po.open("rb") as fp:
            catalog = read_po(fp, locale=lang)
        for msgid, msgstr in table.items():
            if msgid not in catalog:
                catalog.add(msgid)
            catalog[msgid].string = msgstr
        with po.open("wb") as fp:
            write_po(fp, catalog)
    assert catalogs(["compile", "--package", str(package)]) == 0
    yield package
    for name in [m for m in sys.modules if m.startswith("supportcore_localised")]:
        del sys.modules[name]
    language.cache_clear()


def _localised_engine() -> Engine:
    import supportcore_localised  # type: ignore[import-not-found]

    return Engine({}, entry_points=False, extra=[("localised", supportcore_localised)])


def test_extraction_finds_the_vendors_templates_in_its_code_and_its_terms(localised):
    pot = (localised / "locale" / "supportcore_localised.pot").read_text()
    assert 'msgid "Free support until {until}"' in pot
    assert 'msgid "A doubt about how {product} works is covered"' in pot


def test_a_vendors_sentences_come_from_its_own_catalog(localised):
    decision = _localised_engine().evaluate(CASE)
    (basis,) = decision.eligibility.basis
    assert basis.message == "Soporte gratuito hasta el 10 de julio de 2025"
    assert basis.params == {"until": "2025-07-10"}
    assert decision.coverage.reasons[0].message == "Una duda sobre Localised está cubierta"


def test_a_vendors_catalog_may_reword_a_core_sentence_and_falls_back_on_the_core(localised):
    lang = _localised_engine().language("localised", "es")
    assert lang.gettext("open now") == "atendiendo ahora"
    assert lang.gettext("closed now") == "cerrada ahora"


def test_a_vendor_in_another_language_and_in_english(localised):
    engine = _localised_engine()
    nl = engine.evaluate(CASE, lang="nl")
    assert nl.eligibility.basis[0].message == "Gratis bijstand tot 10 juli 2025"
    en = engine.evaluate(CASE, lang="en")
    assert en.eligibility.basis[0].message == "Free support until 10 July 2025"


def test_the_json_keeps_codes_and_params_whatever_the_language(localised):
    engine = _localised_engine()
    es, nl = (decision_to_dict(engine.evaluate(CASE, lang=x)) for x in ("es", "nl"))
    assert (es["lang"], nl["lang"]) == ("es", "nl")
    for d in (es, nl):
        d.pop("lang"), d.pop("locale")
    strip = re.compile(r'"(message|description|price_note)": "[^"]*"')
    assert strip.sub("", json.dumps(es)) == strip.sub("", json.dumps(nl))


def test_a_damaged_catalog_is_no_catalog(localised):
    mo = localised / "locale" / "es" / "LC_MESSAGES" / "supportcore_localised.mo"
    mo.write_bytes(b"not a catalog")
    language.cache_clear()
    decision = _localised_engine().evaluate(CASE)
    assert decision.eligibility.basis[0].message == "Free support until 10 de julio de 2025"


def test_the_check_command_passes_translated_catalogs_and_names_a_new_template(localised, capsys):
    assert catalogs(["check", "--package", str(localised), "--languages", "es,nl"]) == 0
    (localised / "extra.py").write_text('def f(ctx):\n    return ctx.say("Brand new words")\n')
    assert catalogs(["check", "--package", str(localised), "--languages", "es,nl"]) == 1
    assert "'Brand new words' is not in the catalog" in capsys.readouterr().err


def test_update_keeps_a_vendors_wording_of_a_core_sentence(localised):
    assert catalogs(["update", "--package", str(localised)]) == 0
    po = localised / "locale" / "es" / "LC_MESSAGES" / "supportcore_localised.po"
    with po.open("rb") as fp:
        assert read_po(fp, locale="es")["open now"].string == "atendiendo ahora"


def test_the_texts_headings_are_the_vendors_words_where_its_catalog_has_them(localised):
    from supportcore.render import render_text

    po = localised / "locale" / "es" / "LC_MESSAGES" / "supportcore_localised.po"
    with po.open("rb") as fp:
        catalog = read_po(fp, locale="es")
    catalog.add("opening hours unknown", "sin horario publicado")
    with po.open("wb") as fp:
        write_po(fp, catalog)
    assert catalogs(["compile", "--package", str(localised)]) == 0
    language.cache_clear()
    text = render_text(_localised_engine().evaluate(CASE))
    assert "ATENCIÓN (teléfono): sin horario publicado" in text  # the vendor's words
    assert "PARA EL CLIENTE" in text  # the core's, where the vendor's catalog has none


def test_an_examples_channel_reads_the_same_in_the_heading_and_in_the_sentence_below():
    from supportcore.render import render_text

    engine = Engine(EXAMPLES / "juweliers" / "settings.toml")
    case = load_case_file(next(iter(sorted((EXAMPLES / "juweliers").glob("[0-9]*.toml")))))
    case_remote = {**_case_dict(case), "request": {**_case_dict(case)["request"]}}
    case_remote["request"]["channel"] = "remote"
    decision = engine.evaluate(case_remote, lang="nl")
    heading = render_text(decision).splitlines()[2]
    assert heading.startswith("BEREIKBAARHEID (internet)"), heading


def _case_dict(case: Any) -> dict[str, Any]:
    from supportcore.convert import case_to_dict

    data: dict[str, Any] = case_to_dict(case)
    return data


# ---------------------------------------------------------------------------- a country's catalog


def _regional_po(package: Path, entries: dict[str, str], tag: str = "es_MX") -> Path:
    po = package / "locale" / tag / "LC_MESSAGES" / "supportcore_localised.po"
    po.parent.mkdir(parents=True, exist_ok=True)
    from babel.messages.catalog import Catalog

    catalog = Catalog(locale=tag, domain="supportcore_localised")
    for msgid, msgstr in entries.items():
        catalog.add(msgid, msgstr)
    with po.open("wb") as fp:
        write_po(fp, catalog)
    return po


MEXICO = {"Free support until {until}": "Soporte sin costo hasta el {until}"}


def test_a_countrys_catalog_is_compiled_and_checked_with_its_language(localised, capsys):
    _regional_po(localised, MEXICO)
    assert catalogs(["compile", "--package", str(localised)]) == 0
    assert (localised / "locale" / "es_MX" / "LC_MESSAGES" / "supportcore_localised.mo").exists()
    assert check_catalogs(localised, languages=("es", "nl")) == []
    assert catalogs(["check", "--package", str(localised), "--languages", "es_MX"]) == 0
    assert "es_MX complete" in capsys.readouterr().out


def test_a_countrys_catalog_holds_only_sentences_worded_otherwise_in_its_language(localised):
    _regional_po(
        localised,
        {
            **MEXICO,
            "A doubt about how {product} works is covered": (
                "Una duda sobre {product} está cubierta"
            ),
            "open now": "abierta ahora",  # the core's words: the vendor's "es" does not have it so
            "Brand new words": "Palabras nuevas",
        },
    )
    assert catalogs(["compile", "--package", str(localised)]) == 0
    problems = "\n".join(check_catalogs(localised, languages=("es",)))
    assert "'A doubt about how {product} works is covered' is worded as in es" in problems
    assert "'Brand new words' is not translated in the es catalog" in problems
    assert "'Brand new words' is no longer a template" in problems
    assert "'open now' is worded" not in problems  # worded otherwise: the vendor's es says so


def test_a_countrys_catalog_keeps_the_templates_placeholders(localised):
    _regional_po(localised, {"Free support until {until}": "Soporte sin costo hasta {fecha}"})
    assert catalogs(["compile", "--package", str(localised)]) == 0
    (problem,) = check_catalogs(localised, languages=("es",))
    assert "has the placeholders ['fecha'], the template ['until']" in problem


def test_a_countrys_catalog_not_compiled_again_is_named(localised):
    po = _regional_po(localised, MEXICO)
    assert catalogs(["compile", "--package", str(localised)]) == 0
    _regional_po(localised, {"Free support until {until}": "Soporte gratis hasta el {until}"})
    (problem,) = check_catalogs(localised, languages=("es",))
    assert problem.endswith(f"not the compiled {po.name} (run compile)")


@pytest.mark.parametrize("languages", [[], ["--languages", "es_MX"]])
def test_update_keeps_a_countrys_catalog_sparse(localised, languages):
    _regional_po(localised, {**MEXICO, "A word no longer used": "Una palabra"})
    assert catalogs(["update", "--package", str(localised), *languages]) == 0
    po = localised / "locale" / "es_MX" / "LC_MESSAGES" / "supportcore_localised.po"
    with po.open("rb") as fp:
        kept = {m.id: m.string for m in read_po(fp, locale="es_MX") if m.id}
    assert kept == MEXICO


def test_a_countrys_sentence_is_the_one_its_vendors_customers_read(localised):
    _regional_po(localised, MEXICO)
    assert catalogs(["compile", "--package", str(localised)]) == 0
    language.cache_clear()
    decision = _localised_engine().evaluate(CASE)  # a Mexican vendor: es_MX
    assert decision.eligibility.basis[0].message == "Soporte sin costo hasta el 10 de julio de 2025"
    assert decision.coverage.reasons[0].message == "Una duda sobre Localised está cubierta"


# ---------------------------------------------------------------------------- every decision


def _corpus() -> list[tuple[str, Path]]:
    return [
        (v.name, case)
        for v in sorted(EXAMPLES.iterdir())
        if (v / "settings.toml").exists()
        for case in sorted(v.glob("[0-9]*.toml"))
    ]


def _texts(d: dict[str, Any]) -> list[str]:
    found: list[str] = []

    def walk(value: Any) -> None:
        if isinstance(value, dict):
            for key, inner in value.items():
                if key in ("message", "description", "price_note") and isinstance(inner, str):
                    found.append(inner)
                else:
                    walk(inner)
        elif isinstance(value, list):
            for inner in value:
                walk(inner)

    walk(d)
    return found


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_example_decision_renders_in_every_language_with_no_placeholder_left(lang):
    from supportcore.render import render_text

    engines: dict[str, Engine] = {}
    for vendor, path in _corpus():
        engine = engines.setdefault(vendor, Engine(EXAMPLES / vendor / "settings.toml"))
        decision = engine.evaluate(load_case_file(path), lang=lang)
        assert decision.lang == lang
        for text in [*_texts(decision_to_dict(decision)), render_text(decision)]:
            assert not PLACEHOLDER.search(text), (path.name, text)


# ---------------------------------------------------------------------------- the command line


def test_evaluate_writes_the_explanation_in_the_language_asked_for():
    case = str(next(iter(sorted((EXAMPLES / "binarema").glob("[0-9]*.toml")))))
    settings = str(EXAMPLES / "binarema" / "settings.toml")
    runner = CliRunner()
    nl = runner.invoke(cli_main, ["evaluate", case, "--settings", settings, "--lang", "nl"])
    assert nl.exit_code == 0, nl.output
    assert "VOOR DE KLANT" in nl.output and "VOOR DE MEDEWERKER" in nl.output
    default = runner.invoke(cli_main, ["evaluate", case, "--settings", settings])
    assert "PARA EL CLIENTE" in default.output
    data = runner.invoke(
        cli_main, ["evaluate", case, "--settings", settings, "--lang", "en", "--json"]
    )
    assert json.loads(data.output)["lang"] == "en"


def test_evaluate_refuses_an_unsupported_language_naming_the_option():
    case = str(next(iter(sorted((EXAMPLES / "binarema").glob("[0-9]*.toml")))))
    result = CliRunner().invoke(cli_main, ["evaluate", case, "--lang", "fr"])
    assert result.exit_code == 2
    assert "--lang: unsupported language 'fr'" in result.output


def test_batch_writes_every_row_in_the_language_asked_for(tmp_path):
    cases = sorted((EXAMPLES / "juweliers").glob("[0-9]*.toml"))[:3]
    rows = tmp_path / "cases.jsonl"
    rows.write_text(
        "\n".join(json.dumps(load_case_file_dict(p)) for p in cases) + "\n", encoding="utf-8"
    )
    out = tmp_path / "out.jsonl"
    settings = str(EXAMPLES / "juweliers" / "settings.toml")
    args = ["batch", str(rows), "--out", str(out), "--settings", settings, "-j", "1", "--lang"]
    result = CliRunner().invoke(cli_main, [*args, "es", "-q"])
    assert result.exit_code == 0, result.output
    decided = [json.loads(line) for line in out.read_text().splitlines()]
    assert [d["decision"]["lang"] for d in decided] == ["es"] * len(cases)
    refused = CliRunner().invoke(cli_main, [*args, "de", "-q"])
    assert refused.exit_code == 2 and "--lang" in refused.output


def load_case_file_dict(path: Path) -> dict[str, Any]:
    """A TOML case file as the JSON a batch row holds (dates and instants as ISO 8601)."""
    import tomllib

    data: dict[str, Any] = json.loads(
        json.dumps(tomllib.loads(path.read_text(encoding="utf-8")), default=_iso)
    )
    return data


def _iso(value: Any) -> str:
    return str(value.isoformat())


# ---------------------------------------------------------------------------- no English left

ENGLISH = re.compile(
    r"\b(the|is|by|from|at|due|support|response|resolution|hours?|business|receipt|not|and|"
    r"gives|opens?|days?)\b",
    re.IGNORECASE,
)


@pytest.mark.parametrize("lang", ["es", "nl"])
def test_the_cores_sentences_leave_no_english_word_in_spanish_or_dutch(lang):
    from tables_vendor import context

    friday = "2026-03-13T13:00:00+01:00"
    said = []
    for ctx in (
        context(at=friday, urgent=True),
        context(at=friday, channel="fax"),
        context(at="2026-03-14T10:00:00+01:00", urgent=True),
    ):
        ctx.language = language(lang, "ES")
        said += [r.message for r in ctx.service_targets().reasons]
        said += [r.message for r in ctx.default_service().reasons if "-now" not in r.code]
    assert said
    for text in said:
        assert not ENGLISH.search(text), text
