"""The clause catalogue is the document: verbatim texts, every sentence, rules that exist, and
every normative clause exercised by a test."""

from __future__ import annotations

import importlib
import pkgutil
import re
from importlib import metadata
from pathlib import Path

import pytest
import supportcore_binarema
from supportcore_binarema import prepared as P

from supportcore import ClauseKind, Edition
from supportcore.testing.clauses import normalise, unexercised, unknown_marked, verbatim_problems

SEED = Path(__file__).resolve().parent / "data" / "terms-source.txt"
TESTS = Path(__file__).resolve().parent
TERMS = supportcore_binarema.TERMS
VERSION = TERMS.latest
CLAUSES = {c.id: c for c in VERSION.clauses}

#: Headings and list bullets of the document: not sentences, so not clauses.
HEADINGS = (
    "Precios",
    "¿Qué cubre SMART?",
    "¿Qué no cubre SMART?",
    "¿Qué debo hacer para contratarlo?",
    "¿Cómo hacer uso de la asistencia técnica?",
    "Recomendaciones:",
    "¿Cómo darse de baja?",
    "Asistencia técnica de FactuCont TPV 5",
    "•",
)


def seed_text() -> str:
    return normalise(SEED.read_text(encoding="utf-8"))


@pytest.mark.parametrize("clause_id", sorted(CLAUSES))
def test_clause_text_is_verbatim_from_the_document(clause_id):
    assert verbatim_problems([CLAUSES[clause_id]], seed_text()) == []


def test_every_sentence_of_the_document_is_a_clause():
    rest = seed_text()
    for c in sorted(VERSION.clauses, key=lambda c: -len(c.text)):
        rest = rest.replace(c.text, " ")
    for heading in HEADINGS:
        rest = rest.replace(heading, " ")
    assert normalise(rest) == ""


def test_clause_counts():
    kinds = [c.kind for c in VERSION.clauses]
    assert kinds.count(ClauseKind.NORMATIVE) == 36
    assert kinds.count(ClauseKind.GUIDANCE) == 4
    assert kinds.count(ClauseKind.INFORMATIVE) == 2


def test_every_clause_has_a_gloss_and_every_normative_clause_names_its_rules():
    for c in VERSION.clauses:
        assert c.gloss, c.id
        if c.kind is ClauseKind.NORMATIVE:
            assert c.rules, f"{c.id} names no rule"


def test_rules_named_by_clauses_exist_in_the_plugin():
    names: set[str] = set()
    for info in pkgutil.iter_modules(supportcore_binarema.__path__):
        module = importlib.import_module(f"supportcore_binarema.{info.name}")
        names |= {n for n in vars(module) if callable(getattr(module, n))}
    for c in VERSION.clauses:
        for rule in c.rules:
            assert rule in names, f"{c.id}: rule {rule!r} does not exist"


def test_interpretations_and_settings_refer_to_what_exists():
    keys = {s.key for s in TERMS.settings}
    for i in VERSION.interpretations:
        assert i.reading and i.question
        assert i.setting is None or i.setting in keys, i.id
    for s in TERMS.settings:
        if s.default is not None:
            assert s.default_source, f"{s.key} has a default without a source"


@pytest.mark.parametrize(
    ("clause_id", "words"),
    [
        ("BIN-PRICE-1", "92,99"),
        ("BIN-PRICE-2", "149,99"),
        ("BIN-FREE-1", f"{P.FREE_MONTHS_PURCHASE} meses"),
        ("BIN-FREE-1", f"{P.FREE_MONTHS_UPDATE} meses"),
        ("BIN-CONTRACT-3", f"última versión {P.LATEST_VERSION}"),
        ("BIN-EXCL-4-WARRANTY", f"{P.WARRANTY_DAYS} días"),
        ("BIN-HOWTO-PHONE", P.PHONE),
        ("BIN-HOWTO-EMAIL", P.EMAIL),
        ("BIN-HOURS-1", "9:00 a 14:00 y de 16:30 a 19:30, de lunes a viernes"),
        ("BIN-HOURS-2", "julio y agosto el horario es de 8:00 a 15:00"),
        ("BIN-CANCEL-2", "una semana"),
        ("BIN-CANCEL-1", "cada año"),
    ],
)
def test_terms_constants_are_the_clauses_numbers(clause_id, words):
    assert words in CLAUSES[clause_id].text


def test_fee_table_matches_its_clauses():
    fees = {key: row for (fee_id, key), row in TERMS.tables.fees.items()}
    for key, row in fees.items():
        [clause_id] = row.clauses
        assert str(row.amount).replace(".", ",") in CLAUSES[clause_id].text, key
    assert set(fees) == {e.value for e in Edition}


def test_hours_table_matches_the_clauses():
    def hm(text: str) -> str:
        return re.sub(r"^0", "", text)

    schedules = TERMS.tables.calendar_tables["assistance"].schedules
    assert len(schedules) == 2
    for row in schedules:
        [clause_id] = row.clauses
        assert "lunes a viernes" in CLAUSES["BIN-HOURS-1"].text and row.spec.days == ("mon-fri",)
        for window in row.spec.windows:
            start, end = window.split("-")
            assert f"{hm(start)} a {hm(end)}" in CLAUSES[clause_id].text
    assert schedules[1].spec.months == (7, 8)  # "julio y agosto"


def test_tax_models_match_the_clause():
    text = CLAUSES["BIN-COVER-6"].text
    factucont = "Modelos " + ", ".join(P.TAX_MODELS[P.FACTUCONT][:-1])
    factucont += f" y {P.TAX_MODELS[P.FACTUCONT][-1]} en el caso de FactuCont"
    assert factucont in text
    assert f"modelo {P.TAX_MODELS[P.EUROCONTA][0]} en el caso de EuroConta" in text


def test_every_normative_clause_is_exercised_by_a_test():
    missing = unexercised(VERSION, TESTS)
    assert not missing, f"normative clauses no test names: {missing}"


def test_marked_clause_ids_exist():
    unknown = unknown_marked(VERSION, TESTS)
    assert not unknown, f"tests name clauses that do not exist: {unknown}"


def test_vendor_identity():
    info = TERMS.info
    assert info is not None
    assert info.name == "binarema" == TERMS.vendor
    assert (info.currency, info.timezone, info.country) == ("EUR", "Europe/Madrid", "ES")
    assert info.products == ("FactuCont", "FactuCont TPV", "EuroConta")
    assert supportcore_binarema.SUPPORTCORE_HOOK_API == 2


def _installed() -> bool:
    return any(ep.name == "binarema" for ep in metadata.entry_points(group="supportcore"))


@pytest.mark.skipif(not _installed(), reason="supportcore-binarema is not installed")
def test_cli_terms_shows_every_clause():
    from click.testing import CliRunner

    from supportcore.cli import main

    result = CliRunner().invoke(main, ["terms", "binarema", "--plugins", "binarema"])
    assert result.exit_code == 0, result.output
    for clause_id in CLAUSES:
        assert clause_id in result.output
    assert "BIN-I-USAGE-TRAINING" in result.output
