"""The explanations in Spanish (with Chile's own words), Dutch and English: every template is
translated with the same placeholders, and every example reads without a placeholder left or, in
Spanish and Dutch, an English word in the part read to the customer."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import supportcore_itplusnet
from babel.messages.mofile import read_mo
from babel.messages.pofile import read_po

from supportcore import Engine, load_case_file
from supportcore.i18n import check_catalogs, translate
from supportcore.i18n._tools import placeholders
from supportcore.render import render_text

PACKAGE = Path(supportcore_itplusnet.__file__).parent
DOMAIN = "supportcore_itplusnet"
CHILE = PACKAGE / "locale" / "es_CL" / "LC_MESSAGES"
EXAMPLES = Path(__file__).resolve().parents[3] / "examples" / "itplusnet"
CASES = sorted(EXAMPLES.glob("0*.toml"))

#: English words that would betray an untranslated sentence: those of the core's own check and
#: those of this plugin's templates; the Spanish check also has the English words that are
#: Dutch words too ("is", "open", "contract", "computer" …); not "in" ("una visita in situ").
COMMON = (
    r"the|by|from|at|due|support|response|resolution|hours?|business|receipt|not|and|gives|"
    r"days?|attention|paid|pay|price|priced|help|desk|technician|phones?|call|mobile|numbers?|"
    r"special|bought|buy|purchase|button|limit|logged|work|minutes|started|ended|ends|terms|"
    r"included|closed|request|needed|charged|program|your|you|with|for|after|before|outside|"
    r"only|queries|training|problems?|network|reinstallation|assistance|on-site|recorded|once|"
    r"yet|note"
)
ENGLISH = {
    "es": re.compile(
        rf"\b({COMMON}|is|of|opens?|service|contract|computers?|ticket)\b", re.IGNORECASE
    ),
    "nl": re.compile(rf"\b({COMMON})\b", re.IGNORECASE),
}


@pytest.fixture(scope="module")
def engine() -> Engine:
    settings = EXAMPLES / "settings.toml"
    return Engine(settings, entry_points=False, extra=[("itplusnet", supportcore_itplusnet)])


def test_the_catalogs_translate_every_message_into_es_nl_and_en() -> None:
    assert check_catalogs(PACKAGE) == []


def test_the_chilean_catalog_rewords_only_templates_with_their_placeholders() -> None:
    with (PACKAGE / "locale" / f"{DOMAIN}.pot").open("rb") as fp:
        templates = {m.id for m in read_po(fp) if m.id}
    with (CHILE / f"{DOMAIN}.po").open("rb") as fp:
        chile = {m.id: m.string for m in read_po(fp) if m.id}
    with (CHILE / f"{DOMAIN}.mo").open("rb") as fp:
        compiled = {m.id: m.string for m in read_mo(fp) if m.id}
    assert chile and set(chile) <= templates
    assert compiled == chile, "es_CL: run compile --languages es_CL"
    for msgid, words in chile.items():
        assert placeholders(words) == placeholders(msgid), msgid
        assert words != translate(DOMAIN, "es", msgid), f"es_CL repeats es: {msgid}"


def test_chile_says_celular_where_the_spanish_catalog_says_movil(engine: Engine) -> None:
    case = load_case_file(EXAMPLES / "02-saturday-evening-not-paid-yet.toml")
    (pay,) = engine.evaluate(case, lang="es").eligibility.remedies
    assert "números de celular" in pay.description
    msgid = "call support on one of the two mobile numbers you are given"
    assert "móvil" in translate(DOMAIN, "es", msgid)


@pytest.mark.parametrize("lang", ["es", "nl", "en"])
@pytest.mark.parametrize("path", CASES, ids=lambda p: p.stem)
def test_every_example_reads_in_each_language(engine: Engine, path: Path, lang: str) -> None:
    decision = engine.evaluate(load_case_file(path), lang=lang)
    text = render_text(decision)
    assert not re.search(r"\{\w+\}", text), text
    if lang == "en":
        return
    quotes = translate("supportcore", lang, "IN THE VENDOR'S OWN WORDS:")
    customer = text.split(quotes)[0]
    found = ENGLISH[lang].findall(customer)
    assert not found, f"{found} in:\n{customer}"
