"""The explanations in Dutch (the vendor's language, Flemish usage), Spanish and English: every
message translated, every example and a sweep of cases rendered in each language."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
import supportcore_juweliers

from supportcore import Decision, Engine, load_case_file
from supportcore.i18n import check_catalogs
from supportcore.render import render_text

EXAMPLES = Path(__file__).resolve().parents[3] / "examples" / "juweliers"
CASES = sorted(EXAMPLES.glob("[0-9]*.toml"))
LANGS = ("es", "nl", "en")
PLACEHOLDER = re.compile(r"\{[A-Za-z_]\w*\}")
#: where the customer's section ends: the heading of the clause quotes (the core's words)
QUOTES = {"es": "SEGÚN EL TEXTO DE LAS CONDICIONES:", "nl": "LETTERLIJK UIT DE VOORWAARDEN:"}
#: English words that are neither Dutch nor Spanish: the core's list (tests/test_i18n.py) and
#: the words of this plugin's templates ("is", "of", "start", "open", "upgrade", "regie" and
#: "minimum" are Dutch words too, and are left out)
_WORDS = (
    r"the|by|from|at|due|support|response|resolution|hours?|business|receipt|not|and|gives|"
    r"opens|days?|agreement|help|phone|quarter|invoiced|paid|charged|licence|months?|with|"
    r"without|cancell?ed|notice|link|pack|latest|older|intervention|rate|covered|training|"
    r"holiday|period|call|again|install|settle|deliver|buy|take|free|hour|package|version|"
    r"only|supported|logged|amount|known|still|when|which|must|yet|terms|cost|current|"
    r"purchase|price|refunded|closes"
)
ENGLISH = {
    "nl": re.compile(rf"\b({_WORDS})\b", re.IGNORECASE),
    "es": re.compile(rf"\b({_WORDS}|is|of|open|upgrades?|module)\b", re.IGNORECASE),
}


def test_the_catalogs_translate_every_message_into_es_nl_and_en():
    assert check_catalogs(Path(supportcore_juweliers.__file__).parent) == []


def test_decisions_are_explained_in_dutch_by_default(jw):
    d = jw.decide(lang=None)
    assert d.lang == "nl" and d.locale == "nl_BE"
    basis = jw.reason(d.eligibility.basis, "agreement-in-force")
    assert basis.message.startswith("Bijstandsovereenkomst BO-1 is van kracht sinds 15 maart 2023")
    assert basis.params["since"] == "2023-03-15"  # the same in every language


def _customer_words(decision: Decision, lang: str) -> str:
    """The customer's section: the text before the clause quotes."""
    text = render_text(decision)
    assert QUOTES[lang] in text
    return text.split(QUOTES[lang])[0]


def _check(decision: Decision, lang: str) -> None:
    assert not decision.failures
    text = render_text(decision)
    assert not PLACEHOLDER.search(text), PLACEHOLDER.search(text)
    if lang in ENGLISH:
        found = ENGLISH[lang].findall(_customer_words(decision, lang))
        assert not found, f"English words in {lang}: {found}\n{render_text(decision)}"


@pytest.fixture(scope="module")
def engine() -> Engine:
    return Engine(
        EXAMPLES / "settings.toml",
        entry_points=False,
        extra=[("juweliers", supportcore_juweliers)],
    )


@pytest.mark.skipif(not CASES, reason="examples/juweliers is absent")
@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("path", CASES, ids=lambda p: p.stem)
def test_every_example_reads_in_each_language(engine, path, lang):
    _check(engine.evaluate(load_case_file(path), lang=lang), lang)


ON_HOLIDAY = "2026-07-28T11:00:00[Europe/Brussels]"
CANCEL = {"request.category": "agreement_cancellation", "request.channel": "email"}
WITHOUT = {"contracts[0].end": "2026-01-01"}
#: cases reaching the plugin's other sentences (ids: what they show)
SWEEP: dict[str, tuple[dict[str, Any], dict[str, Any]]] = {
    "other-channel": ({"request.channel": "chat"}, {}),
    "other-channel-with-pack": (
        {"request.channel": "chat", "licences[0].modules": ["communicatiepakket"]},
        {},
    ),
    "link-without-pack": ({"request.channel": "remote"}, {}),
    "holiday-phone": ({"at": ON_HOLIDAY, "request.received_at": ON_HOLIDAY}, {}),
    "holiday-without-agreement": (
        {"at": ON_HOLIDAY, "request.received_at": ON_HOLIDAY, **WITHOUT},
        {},
    ),
    "holiday-link": (
        {
            "at": ON_HOLIDAY,
            "request.received_at": ON_HOLIDAY,
            "request.channel": "remote",
            "licences[0].modules": ["communicatiepakket"],
        },
        {"holiday_periods_close_internet_help": True, "office_hours": None},
    ),
    "holidays-unknown": ({}, {"holiday_periods": None, "office_hours": None}),
    "cause-pc": ({"request.facts": {"cause": "pc"}}, {}),
    "cause-virus": ({"request.facts": {"cause": "virus"}}, {}),
    "cause-spyware": ({"request.facts": {"cause": "spyware"}}, {}),
    "cause-internet": ({"request.facts": {"cause": "internet"}}, {}),
    "cause-external": ({"request.facts": {"cause": "external"}}, {}),
    "first-training": (
        {"request.category": "training", "request.facts": {"first_training_pack": "not_done"}},
        {},
    ),
    "package-problem": (
        {"request.category": "data_repair", "request.facts": {"cause": "package"}},
        {},
    ),
    "not-ruled": ({"request.category": "custom_development"}, {}),
    "default-not-ruled": ({"request.category": "data_import"}, {}),
    "reinstallation-work": (
        {
            "request.category": "reinstallation",
            "ticket.events": [
                {
                    "at": "2026-11-17T09:58:00[Europe/Brussels]",
                    "kind": "work_session",
                    "minutes": 70,
                }
            ],
        },
        {"minimum_hour_for_excluded_work": True},
    ),
    "reinstallation-no-time": ({"request.category": "reinstallation"}, {}),
    "older-version": ({"request.version": "2025.1", "request.needs_adaptation": True}, {}),
    "older-without-agreement": ({"request.version": "2025.1", **WITHOUT}, {}),
    "latest-unknown": ({}, {"latest_version": None}),
    "agreement-ended": (WITHOUT, {}),
    "agreement-not-started": ({"contracts[0].start": "2027-01-01", "licences": []}, {}),
    "agreed-billing-start": ({"request.facts": {"agreed_billing_start": "2027-01-01"}}, {}),
    "charged-before-contract": ({"contracts[0].start": "2024-01-01"}, {}),
    "no-agreement-upgrade": ({"contracts": [], "request.category": "new_version"}, {}),
    "upgrade-price-unknown": (
        {"contracts": [], "request.category": "new_version"},
        {"licence_prices": None},
    ),
    "fee-unknown": ({"contracts": []}, {"monthly_fee": None}),
    "module-fee-unknown": ({"contracts": [], "licences[0].modules": ["kassa"]}, {}),
    "started-months": (
        {"contracts": [], "request.category": "new_version"},
        {"month_count": "started"},
    ),
    "cancel-by-phone": ({**CANCEL, "request.channel": "phone"}, {}),
    "nothing-to-cancel": ({**CANCEL, "contracts": []}, {}),
    "cancel-pending": ({**CANCEL, "contracts[0].payment": "pending"}, {}),
    "cancel-paid": ({**CANCEL, "contracts[0].payment": "paid"}, {}),
    "cancel-not-invoiced": ({**CANCEL, "contracts[0].payment": "not_invoiced"}, {}),
    "cancel-in-arrears": (CANCEL, {"quarter_invoicing": "in_arrears"}),
    "cancel-fee-unknown": ({**CANCEL, "contracts[0].payment": "pending"}, {"monthly_fee": None}),
    "cancel-partly-paid-unknown": ({**CANCEL, "contracts[0].payment": "partial"}, {}),
    "cancel-paid-in-full": (
        {
            **CANCEL,
            "contracts[0].payment": "partial",
            "ticket.events": [
                {
                    "at": "2026-10-02T12:00:00[Europe/Brussels]",
                    "kind": "payment",
                    "by": "customer",
                    "amount": {"amount": "500.00", "currency": "EUR"},
                }
            ],
        },
        {},
    ),
    "cancel-before-charged": (
        {**CANCEL, "request.facts": {"agreed_billing_start": "2027-01-01"}},
        {},
    ),
}


@pytest.mark.parametrize("lang", ("es", "nl"))
@pytest.mark.parametrize("name", sorted(SWEEP))
def test_the_plugins_other_sentences_read_in_spanish_and_dutch(jw, name, lang):
    changes, settings = SWEEP[name]
    _check(jw.decide(changes, settings=settings, lang=lang), lang)
