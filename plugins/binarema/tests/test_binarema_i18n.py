"""Binarema's explanations in Spanish, Dutch and English: the shipped catalogs are complete, and
every example decision reads in each language with no placeholder left and, in Spanish and
Dutch, no English word in what the agent reads to the customer."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import supportcore_binarema
from babel.messages.pofile import read_po

from supportcore import Engine, load_case_file, load_settings
from supportcore.i18n import check_catalogs, translate
from supportcore.render import render_text

PACKAGE = Path(supportcore_binarema.__file__).parent
EXAMPLES = Path(__file__).resolve().parents[3] / "examples" / "binarema"
CASES = sorted(EXAMPLES.glob("[0-9]*.toml"))
PLACEHOLDER = re.compile(r"(?<!\{)\{\w*\}(?!\})")
#: English words that Binarema's templates use and that are neither Spanish nor Dutch ("is",
#: "open", "contract", "module", "update", "extra" and "material" are Dutch or Spanish words).
ENGLISH = re.compile(
    r"\b(the|by|from|at|due|support|response|resolution|hours?|business|receipt|not|and|gives|"
    r"opens|days?|free|fee|yearly|registered|licence|version|period|renews?|program|customer|"
    r"card|price|call|send|buy|with|without|for|or|this|your|you|until|ended|starts|covered|"
    r"question|doubt|warranty|edition|single|seat|network|notice|deadline|year)\b",
    re.IGNORECASE,
)
ENGLISH_IN = {"es": ENGLISH, "nl": ENGLISH}

pytestmark = pytest.mark.skipif(not EXAMPLES.exists(), reason="examples/binarema not present")


def test_the_catalogs_translate_every_message_into_es_nl_and_en():
    assert check_catalogs(PACKAGE) == []


@pytest.mark.parametrize("lang", ["es", "nl"])
def test_no_spanish_or_dutch_translation_holds_an_english_word(lang):
    po = PACKAGE / "locale" / lang / "LC_MESSAGES" / "supportcore_binarema.po"
    with po.open("rb") as fp:
        catalog = read_po(fp, locale=lang)
    translations = [m.string for m in catalog if m.id and isinstance(m.string, str)]
    assert len(translations) > 100
    for text in translations:
        found = ENGLISH_IN[lang].search(PLACEHOLDER.sub("", text))
        assert found is None, (text, found)


@pytest.fixture(scope="module")
def engine() -> Engine:
    settings = load_settings(EXAMPLES / "settings.toml")
    return Engine(settings, entry_points=False, extra=[("binarema", supportcore_binarema)])


@pytest.mark.parametrize("lang", ["es", "nl", "en"])
@pytest.mark.parametrize("path", CASES, ids=[p.stem[:2] for p in CASES])
def test_every_example_reads_in_each_language_with_no_placeholder_left(engine, path, lang):
    decision = engine.evaluate(load_case_file(path), lang=lang)
    text = render_text(decision)
    assert decision.lang == lang
    assert not PLACEHOLDER.search(text), PLACEHOLDER.search(text)


@pytest.mark.parametrize("lang", ["es", "nl"])
@pytest.mark.parametrize("path", CASES, ids=[p.stem[:2] for p in CASES])
def test_what_the_customer_hears_in_spanish_or_dutch_holds_no_english_word(engine, path, lang):
    decision = engine.evaluate(load_case_file(path), lang=lang)
    quotes = translate("supportcore", lang, "IN THE VENDOR'S OWN WORDS:")
    customer = render_text(decision).partition(quotes)[0]
    assert decision.lang == lang
    found = ENGLISH_IN[lang].search(customer)
    assert found is None, (customer[max(0, found.start() - 80) : found.end() + 80], found)
