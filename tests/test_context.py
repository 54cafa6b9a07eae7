"""The context a hook receives: its lazily computed local facts, and citations of the terms."""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest

from supportcore import Context, TermsVersion, VendorInfo, case_from_dict
from supportcore.settings import VendorSettings
from supportcore.terms import Clause

TERMS = TermsVersion(
    vendor="probe",
    version="1",
    effective_from=date(2000, 1, 1),
    clauses=(
        Clause("P1", "Las dudas de uso están cubiertas.", "Usage questions are covered."),
        Clause("P2", "La hora se factura a la tarifa vigente.", "Hours are billed at the rate."),
    ),
)
INFO = VendorInfo(
    name="probe", title="Probe", country="ES", currency="EUR", timezone="Europe/Madrid"
)
CASE = {
    "vendor": "probe",
    "at": "2026-03-28T23:30:00+00:00",
    "request": {
        "product": "X",
        "category": "usage_question",
        "channel": "phone",
        "received_at": "2026-03-28T09:00:00+01:00",
    },
}


def test_the_contexts_local_facts_are_computed_once_and_right():
    case = case_from_dict(CASE)
    settings = VendorSettings.build("probe", (), {}, "EUR")
    ctx: Context[None, None] = Context(case, case.at, INFO, TERMS, settings, {})
    assert ctx.local_at == datetime(2026, 3, 29, 0, 30, tzinfo=ZoneInfo("Europe/Madrid"))
    assert ctx.today == date(2026, 3, 29)  # the vendor's date, not UTC's
    assert ctx.received_on == date(2026, 3, 28)
    assert ctx.request is case.request
    assert ctx.local_at is ctx.local_at
    assert "local_at" in vars(ctx)  # kept after the first access
    assert Context.local_at.__doc__  # the descriptor keeps its documentation


def test_citations_of_several_clauses_are_in_the_order_asked():
    assert [c.clause for c in TERMS.cite("P1", "P2")] == ["P1", "P2"]
    assert [c.clause for c in TERMS.cite("P2", "P1")] == ["P2", "P1"]
    assert TERMS.cite("P1", "P2")[1].text == "La hora se factura a la tarifa vigente."


def test_a_citation_of_an_unknown_clause_is_refused_naming_it():
    with pytest.raises(KeyError, match="no clause 'P9'"):
        TERMS.cite("P1", "P9")
    with pytest.raises(KeyError, match="no clause 'P9'"):
        TERMS.cite("P9")
