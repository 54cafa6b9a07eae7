"""Fixtures for the informapuntcom plugin tests.

Tests evaluate cases through the public engine with only this plugin registered, so they do not
depend on what else is installed. ``@pytest.mark.clause("IPC-…")`` records which clauses a test
exercises; ``test_informapuntcom_terms.py`` checks that every normative clause is exercised.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

import pytest
import supportcore_informapuntcom

from supportcore import Decision
from supportcore.testing.cases import CaseFactory
from supportcore.testing.clauses import add_clause_marker
from supportcore.testing.harness import VendorHarness, cited_clauses

#: Test settings: illustrative values, not informapuntcom's prices.
SETTINGS: dict[str, Any] = {
    "business_hours": {
        "timezone": "Europe/Madrid",
        "schedules": [
            {"name": "normal", "days": ["mon-fri"], "windows": ["09:00-14:00", "16:00-19:00"]}
        ],
        "holidays": {"country": "ES"},
    },
    "hourly_rate": "40.00",
    "remote_hourly_rate": "60.00",
    "plan_prices": {"Básico": "150.00", "Premium": "300.00"},
    "plan_response_hours": {"Básico": 24, "Premium": 8},
}

#: A processable e-mail request on a paid plan in force with 10 hours and every channel.
BASE: dict[str, Any] = {
    "vendor": "informapuntcom",
    "id": "T-100",
    "at": "2026-03-10T12:00:00[Europe/Madrid]",
    "customer": {
        "name": "Talleres Ejemplo SL",
        "tax_id": {"country": "ES", "number": "B12345609"},
    },
    "contracts": [
        {
            "id": "SOP-2026-001",
            "plan": "Básico",
            "start": "2026-01-01",
            "end": "2027-01-01",
            "signed_on": "2025-12-20",
            "included_minutes": 600,
            "channels": ["email", "phone", "remote"],
            "payment": "paid",
            "paid_on": "2025-12-22",
        }
    ],
    "request": {
        "product": "eSAT",
        "category": "usage_question",
        "channel": "email",
        "received_at": "2026-03-10T10:00:00[Europe/Madrid]",
        "summary": "How do I close a repair order?",
        "contact": {
            "contract_number": "SOP-2026-001",
            "contact_person": "Ana García",
            "phone": "+34 600 000 000",
            "company_name": "Talleres Ejemplo SL",
            "tax_id": "B12345609",
        },
    },
    "ticket": {"id": "T-100", "events": []},
}


def pytest_configure(config: pytest.Config) -> None:
    add_clause_marker(config, "informapuntcom")


#: Engines with only this plugin, cached per settings; strict: a plugin exception fails a test.
INFORMAPUNTCOM = VendorHarness("informapuntcom", supportcore_informapuntcom, BASE, SETTINGS)


Evaluate = Callable[..., Decision]


@pytest.fixture
def factory() -> CaseFactory:
    return INFORMAPUNTCOM.factory


@pytest.fixture
def evaluate() -> Evaluate:
    """``evaluate({"request.urgent": True}, settings=None, **top)`` → Decision; ``settings`` is
    the whole table (see ``settings_without``). Explained in English unless ``lang`` says
    otherwise, so that a test reading words reads the templates."""

    def run(
        changes: Mapping[str, Any] | None = None,
        *,
        settings: Mapping[str, Any] | None = None,
        at: str | None = None,
        lang: str | None = "en",
        **top: Any,
    ) -> Decision:
        engine = INFORMAPUNTCOM.engine(settings, replace=settings is not None)
        return engine.evaluate(INFORMAPUNTCOM.case(changes, **top), at=at, lang=lang)

    return run


@pytest.fixture
def settings_without() -> Callable[..., dict[str, Any]]:
    """The test settings minus the given keys (plus overrides)."""

    def build(*keys: str, **overrides: Any) -> dict[str, Any]:
        return INFORMAPUNTCOM.table({**dict.fromkeys(keys), **overrides})

    return build


@pytest.fixture
def cites() -> Callable[..., set[str]]:
    return cited_clauses
