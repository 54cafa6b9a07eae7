"""A decision read aloud: the customer's section in their language, the agent's with the codes."""

from __future__ import annotations

import re
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from supportcore import Engine
from supportcore.convert import load_case_file
from supportcore.decision import (
    Action,
    Closure,
    Coverage,
    Decision,
    Eligibility,
    MissingFact,
    PluginFailure,
    Problem,
    Remedy,
    Service,
)
from supportcore.money import Money, QuoteBuilder
from supportcore.reasons import Citation, MissingSetting, Reason
from supportcore.render import render_text

MADRID = ZoneInfo("Europe/Madrid")
EXAMPLES = Path(__file__).resolve().parent.parent / "examples"
FREE = Citation("acme", "ACME-FREE-1", "El soporte es gratuito durante seis meses.", "2025")
HOURS = Citation("acme", "ACME-HOURS", "Horario: de lunes a viernes de 9:00 a 14:00.", "2025")
PRICE = Citation("acme", "ACME-PRICE", "La hora de asistencia cuesta 45 euros más IVA.", "2025")


def _decision(lang: str = "es", locale: str = "es_ES", **changes: object) -> Decision:
    eur = Money("45.00", "EUR")
    quote = (
        QuoteBuilder("EUR")
        .line("Asistencia", eur, Decimal("0.9167"), unit="hour", citations=(PRICE,))
        .tax("IVA", Decimal("0.21"), (PRICE,))
        .build()
    )
    fields: dict[str, object] = {
        "vendor": "acme",
        "case_id": "C-7",
        "evaluated_at": datetime(2026, 7, 14, 16, 0, tzinfo=MADRID),
        "terms_version": "2025",
        "eligibility": Eligibility(
            "entitled",
            basis=(Reason("free-period", "Soporte gratuito hasta el 10 de julio", (FREE,)),),
            valid_until=date(2026, 7, 10),
            missing_facts=(
                MissingFact("request.contact.registration_number", "eligibility", "el número"),
            ),
            remedies=(
                Remedy(
                    "buy-hours",
                    "Comprar un bono de horas",
                    None,
                    "+ IVA 21 %",
                    (MissingSetting("acme", "bono_price", "pricing"),),
                    (PRICE,),
                ),
            ),
        ),
        "coverage": Coverage(
            "covered",
            "usage_question",
            (Reason("covered", "Una duda de uso está cubierta", (FREE,), settings=("plan",)),),
        ),
        "price": quote,
        "closure": Closure(
            "open",
            closes_at=datetime(2026, 7, 21, 16, 0, tzinfo=MADRID),
            actions=(
                Action(
                    "customer",
                    "Enviar el número de registro",
                    datetime(2026, 7, 16, 14, 0, tzinfo=MADRID),
                ),
            ),
        ),
        "service": Service(
            "phone",
            open_now=False,
            schedule="normal",
            next_opening=datetime(2026, 7, 15, 9, 0, tzinfo=MADRID),
            reasons=(Reason("closed-now", "La atención por teléfono está cerrada", (HOURS,)),),
            missing=(MissingSetting("acme", "closures", "service hours"),),
        ),
        "problems": (Problem("customer.tax_id", "not a valid NIF"),),
        "lang": lang,
        "locale": locale,
    }
    fields.update(changes)
    return Decision(**fields)  # type: ignore[arg-type]


def _sections(text: str, agent_heading: str) -> tuple[str, str]:
    customer, _, agent = text.partition(agent_heading)
    assert agent, f"no agent section headed {agent_heading!r}"
    return customer, agent


AGENT = {"es": "PARA EL AGENTE", "nl": "VOOR DE MEDEWERKER", "en": "FOR THE AGENT"}
INTERNAL = (
    "ACME-FREE-1",
    "ACME-HOURS",
    "ACME-PRICE",
    "free-period",
    "closed-now",
    "buy-hours",
    "bono_price",
    "acme.closures",
    "request.contact.registration_number",
    "usage_question",
    "customer.tax_id",
    "settings",
)


@pytest.mark.parametrize("lang", ["es", "nl", "en"])
def test_the_customers_section_holds_no_codes_clause_ids_settings_or_field_paths(lang):
    customer, agent = _sections(render_text(_decision(), lang=lang), AGENT[lang])
    for internal in INTERNAL[:-1]:
        assert internal not in customer, internal
        assert internal in agent, internal


def test_clauses_are_marked_by_number_and_quoted_verbatim_in_every_language():
    quotes = set()
    for lang in ("es", "nl", "en"):
        customer, agent = _sections(render_text(_decision(), lang=lang), AGENT[lang])
        assert "[1] “Horario: de lunes a viernes de 9:00 a 14:00.”" in customer
        assert "[1] acme:ACME-HOURS (2025)" in agent
        quotes.add(tuple(line for line in customer.splitlines() if "“" in line))
    assert len(quotes) == 1


@pytest.mark.parametrize(
    ("lang", "headings"),
    [
        ("es", ["PARA EL CLIENTE", "ATENCIÓN (teléfono): cerrada ahora", "DERECHO A SOPORTE: sí"]),
        (
            "nl",
            ["VOOR DE KLANT", "BEREIKBAARHEID (telefoon): nu gesloten", "RECHT OP BIJSTAND: ja"],
        ),
        ("en", ["FOR THE CUSTOMER", "SERVICE (phone): closed now", "ELIGIBILITY: entitled"]),
    ],
)
def test_headings_are_in_the_language_asked_for(lang, headings):
    text = render_text(_decision(), lang=lang)
    for heading in headings:
        assert heading in text


def test_by_default_the_headings_are_in_the_decisions_own_language():
    assert "VOOR DE KLANT" in render_text(_decision(lang="nl", locale="nl_BE"))
    assert "FOR THE CUSTOMER" in render_text(_decision(lang="", locale=""))


def test_hours_are_priced_as_a_duration_at_an_hourly_rate():
    text = render_text(_decision())
    assert "    Asistencia: 55 minutos a 45,00\xa0€ la hora = 41,25\xa0€ [3]\n" in text
    assert "    IVA 21 % sobre 41,25\xa0€: 8,66\xa0€ [3]\n" in text
    assert "    TOTAL: 49,91\xa0€\n" in text


def test_an_included_tax_reads_included_in_the_gross_price_in_dutch():
    q = QuoteBuilder("EUR").line("Opleiding", Money("121.00", "EUR"))
    q.tax("BTW", Decimal("0.21"), included=True)
    text = render_text(_decision(lang="nl", locale="nl_BE", price=q.build()))
    assert "    BTW 21% inbegrepen in €\xa0121,00 (netto €\xa0100,00): €\xa021,00\n" in text


def test_dates_and_instants_are_written_as_people_say_them():
    text = render_text(_decision())
    assert "DERECHO A SOPORTE: sí, hasta el 10 de julio de 2026" in text
    assert "Próxima apertura: miércoles, 15 de julio de 2026, 9:00" in text
    assert "se cerrará el martes, 21 de julio de 2026, 16:00 si no hay novedades" in text
    assert "como muy tarde el jueves, 16 de julio de 2026, 14:00" in text


def test_what_is_missing_is_said_to_the_customer_and_named_to_the_agent():
    customer, agent = _sections(render_text(_decision()), AGENT["es"])
    assert "Falta este dato: el número" in customer
    assert "precio pendiente de confirmar: falta una tarifa" in customer
    assert "request.contact.registration_number — eligibility" in agent
    assert "acme.bono_price — pricing" in agent
    assert "acme.closures — service hours" in agent


def _remedy_lacking(vendor: str, key: str, price: Money | None) -> Decision:
    lacking = Remedy(
        "buy", "Comprar una atención", price, "", (MissingSetting(vendor, key, "pricing"),)
    )
    return _decision(vendor=vendor, eligibility=Eligibility("not_entitled", remedies=(lacking,)))


@pytest.mark.parametrize(
    ("key", "price", "said"),
    [
        ("price_normal_hours", None, "precio pendiente de confirmar: falta una tarifa"),
        (
            "prices_include_iva",
            Money("25000", "CLP"),
            "precio pendiente de confirmar: falta un dato del que depende",
        ),
        ("tax_rate", Money("25000", "CLP"), "falta un porcentaje del que depende"),
    ],
)
def test_a_price_to_be_confirmed_is_worded_by_the_kind_of_setting_it_lacks(key, price, said):
    customer, agent = _sections(render_text(_remedy_lacking("itplusnet", key, price)), AGENT["es"])
    assert said in customer
    if key != "price_normal_hours":  # a boolean or a rate is not a tariff
        assert "falta una tarifa" not in customer
    assert f"itplusnet.{key} — pricing" in agent


def test_a_plugin_failure_is_a_notice_for_the_customer_and_details_for_the_agent():
    failed = _decision(failures=(PluginFailure("acme", "supportcore_closure", "KeyError: x"),))
    customer, agent = _sections(render_text(failed), AGENT["es"])
    assert "no se ha podido determinar: se está revisando" in customer
    assert "KeyError" not in customer
    assert "!! acme.supportcore_closure: KeyError: x" in agent


def test_the_agent_sees_each_reasons_code_with_its_marks_and_settings():
    _, agent = _sections(render_text(_decision()), AGENT["es"])
    assert "    atención: closed-now [1]\n" in agent
    assert "    cobertura: covered [2] ajustes: plan\n" in agent
    assert "    opción: buy-hours\n" in agent
    assert "Caso C-7 — proveedor acme, condiciones 2025" in agent


_MARK = re.compile(r"\[[A-Z][A-Z0-9]*(?:-[A-Z0-9]+)+\]")


@pytest.mark.parametrize("lang", ["es", "nl", "en"])
def test_no_example_decisions_customer_section_marks_a_clause_by_its_id(lang):
    for vendor in ("binarema", "informapuntcom", "softmas", "itplusnet", "juweliers"):
        engine = Engine(EXAMPLES / vendor / "settings.toml", lang=lang)
        for path in sorted((EXAMPLES / vendor).glob("[0-9]*.toml")):
            decision = engine.evaluate(load_case_file(path))
            customer, agent = _sections(render_text(decision), AGENT[lang])
            assert not _MARK.search(customer), (path.name, _MARK.search(customer))
            for c in decision.citations():
                assert f"{c.vendor}:{c.clause}" in agent
                assert f"“{c.text}”" in customer
