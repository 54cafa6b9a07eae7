"""Fixtures for the juweliers plugin tests: a base case, test settings and an engine helper.

Tests mark the clauses they exercise with ``@pytest.mark.clause("JUW-…")``; the test
``test_every_normative_clause_is_exercised_by_a_test`` compares the marked ids with the catalogue.
The settings below are test values, not the vendor's prices (the terms publish none).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

import pytest
import supportcore_juweliers

from supportcore import Decision, Reason
from supportcore.testing.clauses import add_clause_marker
from supportcore.testing.harness import VendorHarness, cited_clauses

#: The plugin directory (plugins/juweliers) and the repository root.
PLUGIN_DIR = Path(__file__).resolve().parents[1]
REPO = PLUGIN_DIR.parents[1]

TEST_SETTINGS: dict[str, Any] = {
    "monthly_fee": {
        "juwelierspakket": "40.00",
        "herstellingen": "10.00",
        "communicatiepakket": "5.00",
    },
    "regie_hourly_rate": "60.00",
    "regie_increment_minutes": 15,
    "licence_prices": {
        "juwelierspakket": "3000.00",
        "herstellingen": "600.00",
        "communicatiepakket": "300.00",
    },
    "communication_pack_price": "300.00",
    "latest_version": "2026.2",
    "holiday_periods": [{"start": "2026-07-20", "end": "2026-08-09", "label": "zomerverlof"}],
    "office_hours": {
        "timezone": "Europe/Brussels",
        "holidays": {"country": "BE"},
        "schedules": [
            {"name": "kantooruren", "days": ["mon-fri"], "windows": ["09:00-12:00", "13:00-17:00"]}
        ],
    },
}

#: A jeweller with an agreement in force since the purchase, phoning with a question.
BASE_CASE: dict[str, Any] = {
    "vendor": "juweliers",
    "id": "T-1",
    "at": "2026-11-17T10:00:00[Europe/Brussels]",
    "customer": {"id": "K-1", "name": "Juwelier Test"},
    "licences": [
        {
            "product": "juwelierspakket",
            "acquired_on": "2023-03-15",
            "version": "2026.2",
            "modules": ["herstellingen"],
        }
    ],
    "contracts": [{"id": "BO-1", "start": "2023-03-15"}],
    "request": {
        "product": "juwelierspakket",
        "category": "usage_question",
        "channel": "phone",
        "received_at": "2026-11-17T09:55:00[Europe/Brussels]",
    },
}


def pytest_configure(config: pytest.Config) -> None:
    add_clause_marker(config, "juweliers")


class Juweliers(VendorHarness):
    """Builds cases from :data:`BASE_CASE` and evaluates them through the public engine, with
    only this plugin registered; engines are cached per settings (a ``None`` setting removes
    the test value)."""

    def __init__(self) -> None:
        super().__init__("juweliers", supportcore_juweliers, BASE_CASE, TEST_SETTINGS, strict=False)

    def decide(
        self,
        changes: Mapping[str, Any] | None = None,
        *,
        settings: Mapping[str, Any] | None = None,
        lang: str | None = "en",
        **top: Any,
    ) -> Decision:
        """Evaluate the base case with dotted-path ``changes`` (None deletes a key), explained
        in ``lang``: English by default, so that a test reading words reads the templates."""
        return self.engine(settings).evaluate(self.case(changes, **top), lang=lang)

    ids = staticmethod(cited_clauses)

    @staticmethod
    def reason(reasons: Iterable[Reason], code: str) -> Reason:
        """The reason with ``code``; fails the test listing the codes present if absent."""
        reasons = tuple(reasons)
        for r in reasons:
            if r.code == code:
                return r
        raise AssertionError(f"no reason {code!r} among {[r.code for r in reasons]}")

    @staticmethod
    def codes(reasons: Iterable[Reason]) -> list[str]:
        return [r.code for r in reasons]


@pytest.fixture(scope="session")
def jw() -> Juweliers:
    return Juweliers()
