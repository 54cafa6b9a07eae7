"""The explanations in Spanish (the vendor's language), Dutch and English: every message
translated, every example and a sweep of cases rendered in each language."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
import supportcore_informapuntcom

from supportcore import Decision, Engine, load_case_file
from supportcore.i18n import check_catalogs
from supportcore.render import render_text

EXAMPLES = Path(__file__).resolve().parents[3] / "examples" / "informapuntcom"
CASES = sorted(EXAMPLES.glob("[0-9]*.toml"))
LANGS = ("es", "nl", "en")
PLACEHOLDER = re.compile(r"\{[A-Za-z_]\w*\}")
#: where the customer's section ends: the heading of the clause quotes (the core's words)
QUOTES = {"es": "SEGÚN EL TEXTO DE LAS CONDICIONES:", "nl": "LETTERLIJK UIT DE VOORWAARDEN:"}
#: English words that are neither Spanish nor Dutch: the core's list (tests/test_i18n.py) and
#: the words of this plugin's templates ("plan", "extra", "ticket", "in" are Spanish or Dutch
#: too; "open", "is", "of", "contract" are Dutch; "data" is in the vendor's name)
_WORDS = (
    r"the|by|from|at|due|support|response|resolution|hours?|business|receipt|not|and|gives|"
    r"days?|request|customer|remote|session|phone|call|appointment|minutes?|charged|tariff|"
    r"paid|cancell?ed|notice|solved|answer|reply|agreed|wait|invited|included|excluded|"
    r"covered|price|left|used|within|before|after|until|only|this|that|with|without|for|to|"
    r"which|licence|holder|number|period|renew|unused|carry|assistance|urgent|work|logged|"
    r"still|confirmed|terms|offered|instead|known|yet|configured|contracted|take|out"
)
ENGLISH = {
    "es": re.compile(rf"\b({_WORDS}|opens?|is|of|contract)\b", re.IGNORECASE),
    "nl": re.compile(rf"\b({_WORDS})\b", re.IGNORECASE),
}


def test_the_catalogs_translate_every_message_into_es_nl_and_en():
    assert check_catalogs(Path(supportcore_informapuntcom.__file__).parent) == []


def test_decisions_are_explained_in_spanish_by_default(evaluate):
    d = evaluate(lang=None)
    assert d.lang == "es" and d.locale == "es_ES"
    basis = next(r for r in d.eligibility.basis if r.code == "plan-in-force")
    assert basis.message.startswith("El plan Básico (contrato SOP-2026-001) está en vigor hasta")
    assert basis.params["signed"] == "2025-12-20"  # the same in every language


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
        assert not found, f"English words in {lang}: {found}\n{text}"


@pytest.fixture(scope="module")
def engine() -> Engine:
    return Engine(
        EXAMPLES / "settings.toml",
        entry_points=False,
        extra=[("informapuntcom", supportcore_informapuntcom)],
    )


@pytest.mark.skipif(not CASES, reason="examples/informapuntcom is absent")
@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("path", CASES, ids=lambda p: p.stem)
def test_every_example_reads_in_each_language(engine, path, lang):
    _check(engine.evaluate(load_case_file(path), lang=lang), lang)


def _at(hour: str, day: str = "2026-03-10") -> str:
    return f"{day}T{hour}:00+01:00"


EARLIER = {
    "id": "SOP-2025-001",
    "plan": "Básico",
    "start": "2025-01-01",
    "end": "2026-01-01",
    "included_minutes": 600,
    "channels": ["email"],
    "payment": "paid",
}
REPLY = {"at": _at("10:20"), "kind": "vendor_reply"}
BOOKED = {
    "at": _at("10:30"),
    "kind": "appointment_booked",
    "scheduled_for": _at("10:00", "2026-03-11"),
}
CANCELLED = {"kind": "appointment_cancelled", "by": "customer"}
REMOTE = {"request.channel": "remote", "at": _at("12:00", "2026-03-11")}
#: cases reaching the plugin's other sentences (ids: what they show), with settings changed
SWEEP: dict[str, tuple[dict[str, Any], dict[str, Any]]] = {
    "on-site": ({"request.channel": "on_site"}, {}),
    "chat": ({"request.channel": "chat"}, {}),
    "no-plan": ({"contracts": []}, {}),
    "no-plan-no-prices": (
        {"contracts": [], "request.category": "remote_assistance"},
        {"plan_prices": None},
    ),
    "not-started": (
        {"contracts[0].start": "2026-03-11", "contracts[0].signed_on": "2026-03-05"},
        {},
    ),
    "ended-auto-renew": ({"contracts[0].end": "2026-03-01", "contracts[0].auto_renew": True}, {}),
    "signed-after": ({"contracts[0].signed_on": "2026-03-11"}, {}),
    "not-paid": ({"contracts[0].payment": "pending", "contracts[0].paid_on": None}, {}),
    "paid-after": ({"contracts[0].paid_on": "2026-03-11"}, {}),
    "hours-used-up": (
        {"contracts[0].usage": [{"at": _at("10:00", "2026-02-10"), "minutes": 600}]},
        {},
    ),
    "hours-run-out": (
        {
            "contracts[0].usage": [{"at": _at("10:00", "2026-02-10"), "minutes": 590}],
            "request.urgent": True,
            "ticket.events": [{"at": _at("11:30"), "kind": "work_session", "minutes": 40}],
        },
        {},
    ),
    "tariff-unknown": (
        {
            "contracts[0].usage": [{"at": _at("10:00", "2026-02-10"), "minutes": 590}],
            "ticket.events": [{"at": _at("11:30"), "kind": "work_session", "minutes": 40}],
        },
        {"hourly_rate": None},
    ),
    "earlier-plan": ({"contracts[1]": EARLIER}, {}),
    "channels-unknown": ({"contracts[0].channels": []}, {}),
    "not-in-plan": ({"contracts[0].channels": ["email"], "request.channel": "phone"}, {}),
    "not-in-plan-remote": ({"contracts[0].channels": ["email"], "request.channel": "remote"}, {}),
    "remote-uninvited": ({"request.channel": "remote"}, {}),
    "data-missing": (
        {
            "request.contact.contract_number": None,
            "request.contact.tax_id": None,
            "request.contact.company_name": None,
        },
        {},
    ),
    "wrong-number": (
        {"request.contact.contract_number": "SOP-2019-007", "request.contact.phone": None},
        {},
    ),
    "undescribed": ({"request.summary": "", "request.contact.contact_person": None}, {}),
    "special": ({"contracts[0].special_terms": "Acuerdo marco 2026"}, {}),
    "needs-change": ({"request.needs_adaptation": True}, {}),
    "third-party": ({"request.category": "third_party_cause"}, {}),
    "optimisation": ({"request.category": "equipment_optimisation"}, {}),
    "not-ruled": ({"request.category": "installation"}, {}),
    "training": ({"request.category": "training"}, {}),
    "remote-in-plan": (
        {**REMOTE, "request.category": "remote_assistance", "ticket.events": [REPLY, BOOKED]},
        {},
    ),
    "remote-not-in-plan": (
        {"request.category": "remote_assistance", "contracts[0].channels": ["email"]},
        {},
    ),
    "network-by-remote": (
        {
            **REMOTE,
            "at": _at("12:00"),
            "request.category": "network",
            "ticket.events": [REPLY, BOOKED],
        },
        {},
    ),
    "network-by-remote-no-tariff": (
        {
            **REMOTE,
            "at": _at("12:00"),
            "request.category": "network",
            "ticket.events": [REPLY, BOOKED],
        },
        {"remote_hourly_rate": None},
    ),
    "pending-session": ({**REMOTE, "at": _at("12:00"), "ticket.events": [REPLY, BOOKED]}, {}),
    "session-outside-hours": (
        {
            **REMOTE,
            "at": _at("12:00"),
            "ticket.events": [REPLY, {**BOOKED, "scheduled_for": _at("22:00")}],
        },
        {},
    ),
    "attended": (
        {
            **REMOTE,
            "ticket.events": [
                REPLY,
                BOOKED,
                {"at": _at("10:40", "2026-03-11"), "kind": "work_session", "minutes": 30},
            ],
        },
        {},
    ),
    "cancelled-in-time": (
        {
            **REMOTE,
            "ticket.events": [REPLY, BOOKED, {**CANCELLED, "at": _at("05:00", "2026-03-11")}],
        },
        {},
    ),
    "cancelled-late": (
        {
            **REMOTE,
            "ticket.events": [REPLY, BOOKED, {**CANCELLED, "at": _at("08:00", "2026-03-11")}],
        },
        {},
    ),
    "cancelled-late-uncharged": (
        {
            **REMOTE,
            "ticket.events": [REPLY, BOOKED, {**CANCELLED, "at": _at("08:00", "2026-03-11")}],
        },
        {"late_notice_surcharge": False},
    ),
    "cancelled-by-vendor": (
        {
            **REMOTE,
            "ticket.events": [
                REPLY,
                BOOKED,
                {**CANCELLED, "by": "vendor", "at": _at("08:00", "2026-03-11")},
            ],
        },
        {},
    ),
    "missed": (
        {
            **REMOTE,
            "ticket.events": [
                REPLY,
                BOOKED,
                {"at": _at("10:16", "2026-03-11"), "kind": "appointment_missed"},
            ],
        },
        {},
    ),
    "connection-failed": (
        {
            **REMOTE,
            "ticket.events": [
                REPLY,
                BOOKED,
                {"at": _at("10:10", "2026-03-11"), "kind": "connection_failed", "by": "customer"},
            ],
        },
        {},
    ),
    "call-pending": (
        {"request.channel": "phone", "ticket.events": [REPLY, {**BOOKED, "ref": "phone"}]},
        {},
    ),
    "call-missed": (
        {
            "request.channel": "phone",
            "at": _at("12:00", "2026-03-11"),
            "ticket.events": [
                REPLY,
                {**BOOKED, "ref": "phone"},
                {"at": _at("10:20", "2026-03-11"), "kind": "appointment_missed"},
            ],
        },
        {},
    ),
    "call-cancelled": (
        {
            "request.channel": "phone",
            "ticket.events": [REPLY, {**BOOKED, "ref": "phone"}, {**CANCELLED, "at": _at("11:00")}],
        },
        {},
    ),
    "call-past": (
        {
            "request.channel": "phone",
            "at": _at("12:00", "2026-03-11"),
            "ticket.events": [REPLY, {**BOOKED, "ref": "phone"}],
        },
        {},
    ),
    "solved-by-customer": (
        {"ticket.events": [REPLY, {"at": _at("11:00"), "kind": "resolved", "by": "customer"}]},
        {},
    ),
    "solved-by-vendor": (
        {"ticket.events": [{"at": _at("11:30"), "kind": "resolved", "by": "vendor"}]},
        {},
    ),
    "work-after-solved": (
        {
            "contracts[0].usage": [{"at": _at("10:00", "2026-02-10"), "minutes": 590}],
            "ticket.events": [
                {"at": _at("10:30"), "kind": "resolved", "by": "vendor"},
                {"at": _at("11:30"), "kind": "work_session", "minutes": 30},
            ],
        },
        {},
    ),
    "work-after-plan-end": (
        {
            "contracts[0].end": "2026-03-11",
            "at": _at("12:00", "2026-03-11"),
            "ticket.events": [
                {"at": _at("11:00", "2026-03-11"), "kind": "work_session", "minutes": 30}
            ],
        },
        {},
    ),
    "network-session-missed": (
        {**REMOTE, "request.category": "network", "ticket.events": [REPLY, BOOKED]},
        {},
    ),
    "no-hours": ({"contracts[0].included_minutes": 0}, {}),
    "urgent-remote-missed": (
        {
            **REMOTE,
            "contracts[0].channels": ["email"],
            "request.urgent": True,
            "ticket.events": [
                REPLY,
                BOOKED,
                {"at": _at("10:16", "2026-03-11"), "kind": "appointment_missed"},
            ],
        },
        {},
    ),
    "no-answer-closed": ({"at": _at("12:00", "2026-03-13"), "ticket.events": [REPLY]}, {}),
    "no-answer-business-hours": ({"ticket.events": [REPLY]}, {"no_answer_hours": "business"}),
    "no-answer-hours-unknown": (
        {"ticket.events": [REPLY]},
        {"no_answer_hours": "business", "business_hours": None},
    ),
    "urgent-not-processable": ({"request.urgent": True, "request.contact.tax_id": None}, {}),
}


@pytest.mark.parametrize("lang", ("es", "nl"))
@pytest.mark.parametrize("name", sorted(SWEEP))
def test_the_plugins_other_sentences_read_in_spanish_and_dutch(
    evaluate, settings_without, name, lang
):
    changes, settings = SWEEP[name]
    _check(evaluate(changes, settings=settings_without(**settings), lang=lang), lang)
