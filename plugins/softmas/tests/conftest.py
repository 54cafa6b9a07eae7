"""Fixtures for the Softmás plugin tests: a base case, test settings, an engine, citation helpers.

Cases are built with :class:`supportcore.testing.cases.CaseFactory` (dotted-path changes) and
evaluated through the public :class:`supportcore.Engine` with only this plugin registered, so
the tests do not depend on what else is installed.

Every test that exercises a clause is marked ``@pytest.mark.clause("SM-…")``;
``test_softmas_terms.py`` checks that every normative clause is marked by at least one test.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from datetime import datetime
from typing import Any

import pytest
import supportcore_softmas

from supportcore import Decision, Engine
from supportcore.testing.cases import CaseFactory
from supportcore.testing.clauses import add_clause_marker
from supportcore.testing.harness import VendorHarness, cited_clauses

MX = "[America/Mexico_City]"

#: A Tuesday at noon; a purchase in force until 2026-05-31; the latest version installed.
BASE: dict[str, Any] = {
    "vendor": "softmas",
    "id": "T-1",
    "at": f"2026-03-10T12:00:00{MX}",
    "request": {
        "product": "Contabilidad",
        "category": "malfunction",
        "channel": "phone",
        "received_at": f"2026-03-10T11:00:00{MX}",
        "version": "2025.2",
    },
    "licences": [{"product": "Contabilidad", "acquired_on": "2025-06-01"}],
}

#: Test settings: illustrative values, not Softmás's prices.
SETTINGS: dict[str, Any] = {
    "latest_version": "2025.2",
    "products": ["Contabilidad", "Nómina"],
    "update_price": {"Contabilidad": "2900.00"},
    "rental_price": {"Contabilidad": "1500.00"},
    "advisory_hourly_rate": "900.00",
}


class EnglishHarness(VendorHarness):
    """Decisions explained in English, the language the rules' templates are written in: the
    behaviour tests read some of their words (the catalogs are test_softmas_i18n.py's)."""

    def evaluate(
        self,
        changes: Mapping[str, Any] | None = None,
        /,
        *,
        settings: Mapping[str, Any] | None = None,
        replace: bool = False,
        at: datetime | str | None = None,
        **top: Any,
    ) -> Decision:
        case = self.case(changes, **top)
        return self.engine(settings, replace=replace).evaluate(case, at=at, lang="en")


#: Engines cached per settings; strict, so a plugin exception fails the test.
SOFTMAS = EnglishHarness("softmas", supportcore_softmas, BASE, SETTINGS)


def pytest_configure(config: pytest.Config) -> None:
    add_clause_marker(config, "Softmás")


def make_engine(settings: Mapping[str, Any] | None = None) -> Engine:
    """An engine with only the Softmás plugin and ``SETTINGS`` updated by ``settings``
    (a ``None`` value removes a setting)."""
    return SOFTMAS.engine(settings)


Evaluate = Callable[..., Decision]


@pytest.fixture
def factory() -> CaseFactory:
    return SOFTMAS.factory


@pytest.fixture
def evaluate() -> Evaluate:
    """``evaluate({"request.category": "network"}, settings={"tax_rate": "0.08"})``."""
    return SOFTMAS.evaluate


@pytest.fixture
def engine_for() -> Callable[..., Engine]:
    return make_engine


def codes(reasons: Iterable[Any]) -> list[str]:
    """The codes of reasons or remedies."""
    return [r.code for r in reasons]


@pytest.fixture
def cited() -> Callable[[Any], set[str]]:
    return cited_clauses


@pytest.fixture
def code_list() -> Callable[[Iterable[Any]], list[str]]:
    return codes
