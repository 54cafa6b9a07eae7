"""Helpers for the Binarema plugin's tests.

* ``@pytest.mark.clause("BIN-FREE-1", ...)`` names the clauses a test exercises;
  test_binarema_terms.py checks that every normative clause is named by at least one test.
* ``bina`` builds cases from a readable base (a registered FactuCont 5 single-seat user who
  bought on 2026-01-14 and calls on Tuesday 2026-03-10 at 10:00, Madrid) with dotted-path
  changes, and evaluates them through the public ``Engine`` with only this plugin registered
  (:class:`supportcore.testing.harness.VendorHarness`: engines cached per settings).

The settings below are TEST values, not Binarema's prices: the terms give none of them.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

import pytest
import supportcore_binarema

from supportcore import Decision, Engine, Reason
from supportcore.testing.clauses import add_clause_marker
from supportcore.testing.harness import VendorHarness, cited_clauses

REPO = Path(__file__).resolve().parents[3]
SEED = Path(__file__).resolve().parent / "data" / "terms-source.txt"
EXAMPLES = REPO / "examples" / "binarema"

#: TEST settings: invented amounts so that rules needing a tariff can be exercised.
TEST_SETTINGS: dict[str, Any] = {
    "binarema": {
        "activation_extra_by_version": {"5": "20.00", "4": "45.00"},
        "new_version_price": {"single_seat": "180.00", "network": "290.00"},
        "new_version_price_registered": {"single_seat": "120.00", "network": "195.00"},
        "material_resend_price": "15.00",
    }
}

BASE_CASE: dict[str, Any] = {
    "vendor": "binarema",
    "id": "test",
    "at": "2026-03-10T10:00:00[Europe/Madrid]",
    "customer": {
        "id": "C-1",
        "name": "Ferretería López",
        "registered": True,
        "registration_number": "FC-123456",
    },
    "licences": [
        {
            "product": "FactuCont",
            "acquired_on": "2026-01-14",
            "version": "5",
            "edition": "single_seat",
        }
    ],
    "request": {
        "product": "FactuCont",
        "category": "usage_question",
        "channel": "phone",
        "received_at": "2026-03-10T10:00:00[Europe/Madrid]",
    },
}


def pytest_configure(config: pytest.Config) -> None:
    add_clause_marker(config, "Binarema")


def codes(reasons: Iterable[Reason]) -> list[str]:
    return [r.code for r in reasons]


def reason(reasons: Iterable[Reason], code: str) -> Reason:
    """The reason with ``code``; fails the test if there is none."""
    for r in reasons:
        if r.code == code:
            return r
    raise AssertionError(f"no reason {code!r} in {[r.code for r in reasons]}")


#: Engines with only this plugin (registered directly, no entry points), cached per settings.
BINAREMA = VendorHarness(
    "binarema", supportcore_binarema, BASE_CASE, TEST_SETTINGS["binarema"], strict=False
)


class Binarema:
    """Case building and evaluation for the tests."""

    harness = BINAREMA
    factory = BINAREMA.factory

    @property
    def engine(self) -> Engine:
        return BINAREMA.engine()

    @property
    def bare(self) -> Engine:
        """Without any settings: only the documented defaults."""
        return BINAREMA.engine({}, replace=True)

    def case_dict(
        self, changes: Mapping[str, Any] | None = None, *, at: str | None = None
    ) -> dict[str, Any]:
        data = self.factory.dict(changes)
        if at is not None:
            data["at"] = at
            data["request"]["received_at"] = at
        return data

    def decide(
        self,
        changes: Mapping[str, Any] | None = None,
        *,
        at: str | None = None,
        engine: Engine | None = None,
        lang: str = "en",
    ) -> Decision:
        """Evaluate the base case with ``changes`` (dotted paths), optionally at ``at``,
        explained in ``lang``: English by default, so that a test reading words reads the
        templates of ``terms.toml``."""
        return (engine or self.engine).evaluate(self.case_dict(changes, at=at), lang=lang)

    @staticmethod
    def engine_with(**changes: Any) -> Engine:
        """An engine with the test settings changed (``None`` removes a setting)."""
        return BINAREMA.engine(changes)

    cites = staticmethod(cited_clauses)
    codes = staticmethod(codes)
    reason = staticmethod(reason)


@pytest.fixture(scope="session")
def engine() -> Engine:
    return BINAREMA.engine()


@pytest.fixture(scope="session")
def bina() -> Binarema:
    return Binarema()
