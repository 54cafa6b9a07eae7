"""Softmás's explanations in Spanish (Mexico), Dutch and English: the plugin's catalog is
complete, Mexico's own words are a small regional catalog, and every example reads in each
language without a placeholder left, and in Spanish and Dutch without an English word or an
internal name in the customer's section."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import supportcore_softmas
from babel.messages.mofile import read_mo
from babel.messages.pofile import read_po

from supportcore import Decision, Engine, load_case_file, load_settings
from supportcore.i18n import check_catalogs, translate
from supportcore.render import render_text

PACKAGE = Path(supportcore_softmas.__file__).parent
LOCALE = PACKAGE / "locale"
EXAMPLES = Path(__file__).resolve().parents[3] / "examples" / "softmas"
CASES = sorted(EXAMPLES.glob("[0-9]*.toml"))
PLACEHOLDER = re.compile(r"\{(\w+)\}")

#: English words of the templates and of the core's sentences. Words Spanish or Dutch use as
#: their own ("ticket", "chat"; Dutch "is", "in", "open", "update", "computer", "website", …)
#: are left out of that language's list.
ENGLISH_WORDS = """
the is by from at due support response resolution hours? business receipt not and gives
opens? days? licen[cs]e version outdated latest updates? rent rental rented free price
priced charged advisory advisor customer closed problem case system network computers?
machines? installed install help website worked work hour minutes? information contact
attempts? request third party agreement solved duplicate reopened training courses phone
remote access session doubts? accounting tax password database staff visits office asked
news owed confirmed still with without for of to on in was has have you your can must
which when this that it its or per specialist development import programmed deliver send
open new ticket chat e-?mail audit
"""
OWN_WORDS = {
    "es": "ticket chat",
    "nl": "is in of was open opens? per ticket chat e-?mail updates? import specialist audit "
    "database website computers? contact training rent help",
}


def english(lang: str) -> re.Pattern[str]:
    own = OWN_WORDS[lang].split()
    words = [w for w in ENGLISH_WORDS.split() if w not in own]
    return re.compile(rf"\b({'|'.join(words)})\b", re.IGNORECASE)


@pytest.fixture(scope="module")
def engine() -> Engine:
    return Engine(
        load_settings(EXAMPLES / "settings.toml"),
        entry_points=False,
        extra=[("softmas", supportcore_softmas)],
    )


def decisions(engine: Engine, lang: str) -> list[Decision]:
    return [engine.evaluate(load_case_file(path), lang=lang) for path in CASES]


def customer_section(decision: Decision, lang: str) -> str:
    """The words read to the customer: the text before the clause quotes."""
    text = render_text(decision)
    return text.split(translate("supportcore", lang, "IN THE VENDOR'S OWN WORDS:"))[0]


def test_the_catalogs_translate_every_message_into_es_nl_and_en():
    assert check_catalogs(PACKAGE) == []


def test_the_mexican_catalog_holds_only_sentences_worded_otherwise_in_mexico():
    template = {m.id for m in read_po((LOCALE / "supportcore_softmas.pot").open("rb")) if m.id}
    spanish = read_po((LOCALE / "es/LC_MESSAGES/supportcore_softmas.po").open("rb"), "es")
    mexican = read_po((LOCALE / "es_MX/LC_MESSAGES/supportcore_softmas.po").open("rb"), "es_MX")
    entries = [m for m in mexican if m.id]
    assert entries  # "renta", "equipo de cómputo", "capacitación", "costo", "brindar", …
    for m in entries:
        assert m.id in template and m.string and not m.fuzzy, m.id
        assert set(PLACEHOLDER.findall(m.string)) == set(PLACEHOLDER.findall(m.id)), m.id
        assert m.string != spanish[m.id].string, f"{m.id!r} is the same in es"
    compiled = read_mo((LOCALE / "es_MX/LC_MESSAGES/supportcore_softmas.mo").open("rb"))
    assert {m.id: m.string for m in compiled if m.id} == {m.id: m.string for m in entries}


@pytest.mark.parametrize("lang", ["es", "nl"])
def test_every_translation_is_written_without_english_words(lang):
    catalog = read_po((LOCALE / f"{lang}/LC_MESSAGES/supportcore_softmas.po").open("rb"), lang)
    found = english(lang)
    for m in (m for m in catalog if m.id):
        for text in m.string if isinstance(m.string, tuple) else (m.string,):
            assert not found.search(PLACEHOLDER.sub("", text or "")), (m.id, text)


@pytest.mark.parametrize("lang", ["es", "nl", "en"])
def test_every_example_reads_in_each_language_with_no_placeholder_left(engine, lang):
    for decision in decisions(engine, lang):
        assert (decision.lang, decision.failures) == (lang, ())
        text = render_text(decision)
        assert not PLACEHOLDER.search(text), (decision.case_id, text)


@pytest.mark.parametrize("lang", ["es", "nl"])
def test_the_customer_hears_no_english_word_and_no_internal_name(engine, lang):
    found = english(lang)
    for decision in decisions(engine, lang):
        said = customer_section(decision, lang)
        assert not found.search(said), (decision.case_id, found.findall(said))
        assert not re.search(r"\bSM-[A-Z]+-\d", said), decision.case_id  # clause ids
        assert not re.search(r"\b[a-z]+_[a-z_]+\b", said), decision.case_id  # settings, categories
        codes = {r.code for part in (decision.eligibility, decision.coverage) for r in part.reasons}
        assert not [code for code in codes if code in said], decision.case_id
