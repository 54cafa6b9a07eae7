"""Every decision of the benchmark corpus (each vendor's example cases, in shifted variants) read
in Spanish, Dutch and English: rendering raises nothing and leaves no placeholder, and what the
customer hears in Spanish or Dutch holds no English word outside the vendor's quoted clauses.

The names in a sentence are not words to translate: closure labels from the settings
("kerstverlof"), and a public holiday's name where the ``holidays`` package has no name in the
reader's language for the country (then it gives the English one, as documented).
"""

from __future__ import annotations

import re
import sys
import tomllib
from collections.abc import Iterator
from functools import cache
from pathlib import Path
from typing import Any

import holidays
import pytest

from supportcore import Decision, Engine, InputError
from supportcore.i18n import LANGUAGES, vendor_language
from supportcore.render import render_text

REPO = Path(__file__).resolve().parent.parent
VARIANTS = 4
PLACEHOLDER = re.compile(r"(?<!\{)\{\w*\}(?!\})")
QUOTES = "IN THE VENDOR'S OWN WORDS:"

#: English words of the core's and the vendors' sentences (templates, headings, opening hours).
ENGLISH_WORDS = """
the is by from at to on in of for with without and or not no yes this that which when it its
you your can must was has have been be will would per new still yet only also
support response resolution due hours? business receipt gives opens? open closed days? every
during time public holidays? monday tuesday wednesday thursday friday saturday sunday january
february march april may june july august september october november december week month year
price priced tariff rate detail supplied confirmed information needed request customer vendor
answer part checked owed free fee yearly licen[cs]e version period renews? program card call
send buy covered question doubt warranty edition single seat network notice deadline minutes?
phone email remote assistance visit site letter website form special office advisory training
agreement contract service attention paid payment charged invoice until ended starts after
before since between next opening
"""
#: Words of that list that are the reader's own words too.
OWN_WORDS = {
    # "in situ" is Spanish ("una visita in situ"), and so is "email" in Spain
    "es": "no in email ticket chat web online",
    "nl": "is in of was open opens? per week website email e-mail service contract deadline "
    "training ticket chat online fax update april september november december opening",
}


def english(lang: str) -> re.Pattern[str]:
    own = OWN_WORDS[lang].split()
    words = [w for w in ENGLISH_WORDS.split() if w not in own]
    return re.compile(rf"\b({'|'.join(words)})\b", re.IGNORECASE)


@cache
def corpus() -> tuple[Engine, tuple[dict[str, Any], ...]]:
    sys.path.insert(0, str(REPO / "benchmarks"))
    try:
        import bench
    finally:
        sys.path.remove(str(REPO / "benchmarks"))
    tables, _, cases, _ = bench.load_corpus(VARIANTS, lambda _msg: None)
    return Engine(tables), tuple(cases)


def decisions(lang: str) -> Iterator[Decision]:
    engine, cases = corpus()
    for case in cases:
        try:
            yield engine.evaluate(case, lang=lang)
        except InputError:  # a shifted variant the case's own rules refuse: no decision
            continue


@cache
def closure_labels() -> tuple[str, ...]:
    """The closure labels of the examples' settings: names, written as the settings give them."""
    found: list[str] = []

    def walk(value: Any) -> None:
        if isinstance(value, dict):
            if isinstance(value.get("label"), str) and "start" in value:
                found.append(value["label"])
            for inner in value.values():
                walk(inner)
        elif isinstance(value, list):
            for inner in value:
                walk(inner)

    for path in sorted((REPO / "examples").glob("*/settings.toml")):
        walk(tomllib.loads(path.read_text(encoding="utf-8")))
    return tuple(sorted(found, key=len, reverse=True))


@cache
def has_holiday_names(country: str, lang: str) -> bool:
    supported = holidays.country_holidays(country, years=[]).supported_languages
    return any(x == lang or x.startswith(f"{lang}_") for x in supported)


def customer_section(decision: Decision, lang: str) -> str:
    """The text read to the customer, before the vendor's quoted clauses, without the names it
    holds (see the module's docstring)."""
    engine, _ = corpus()
    country = engine.language(decision.vendor).country  # the locale may be the language alone
    words = vendor_language(decision.vendor, lang, decision.locale.partition("_")[2])
    text = render_text(decision)
    text = text.partition(words.gettext("FOR THE AGENT (internal: not to be read to the customer)"))
    customer = text[0].partition(words.gettext("IN THE VENDOR'S OWN WORDS:"))[0]
    for label in closure_labels():
        customer = customer.replace(label, "")
    for reason in decision.service.reasons:
        why = str(reason.params.get("why", ""))
        if why.startswith("public holiday: ") and not has_holiday_names(country, lang):
            customer = customer.replace(why.removeprefix("public holiday: "), "")
    return customer


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_corpus_decision_renders_in_each_language_with_no_placeholder_left(lang):
    seen = 0
    for decision in decisions(lang):
        assert decision.lang == lang
        text = render_text(decision)
        assert not PLACEHOLDER.search(text), (decision.case_id, PLACEHOLDER.findall(text))
        seen += 1
    assert seen >= 150


@pytest.mark.parametrize("lang", ["es", "nl"])
def test_what_the_customer_hears_in_spanish_or_dutch_holds_no_english_word(lang):
    found = english(lang)
    problems: dict[str, str] = {}
    for decision in decisions(lang):
        said = customer_section(decision, lang)
        for hit in found.finditer(said):
            context = said[max(0, hit.start() - 60) : hit.end() + 60].replace("\n", " ")
            problems.setdefault(hit.group(0).lower(), f"{decision.case_id}: …{context}…")
    assert not problems, problems


@pytest.mark.parametrize("lang", ["es", "nl"])
def test_the_opening_hours_are_said_in_the_readers_language(lang):
    days = {"es": "de lunes a viernes", "nl": "maandag tot vrijdag"}[lang]
    said = [
        r.message
        for decision in decisions(lang)
        for r in decision.service.reasons
        if r.code in ("open-now", "closed-now")
    ]
    assert said
    assert all(days in message for message in said), [m for m in said if days not in m][:3]


#: What reads badly aloud, whatever the language: parentheses inside parentheses, empty ones,
#: two spaces between words, a space before a punctuation mark.
CLUMSY = {
    "parentheses inside parentheses": re.compile(r"\([^()\n]*\([^()\n]*\)[^()\n]*\)"),
    "empty parentheses": re.compile(r"\(\s*\)"),
    "two spaces between words": re.compile(r"\S {2,}\S"),
    "a space before punctuation": re.compile(r" [,.;:)]"),
}


@pytest.mark.parametrize("lang", LANGUAGES)
def test_what_the_customer_hears_reads_cleanly(lang):
    problems: dict[str, str] = {}
    for decision in decisions(lang):
        said = render_text(decision)
        said = said.partition(vendor_language(decision.vendor, lang).gettext(QUOTES))[0]
        for name, pattern in CLUMSY.items():
            for hit in pattern.finditer(said):
                context = said[max(0, hit.start() - 60) : hit.end() + 60].replace("\n", " ")
                problems.setdefault(name, f"{decision.case_id}: …{context}…")
    assert not problems, problems
