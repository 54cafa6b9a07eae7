"""Fixtures for the Itplusnet plugin's tests.

Tests build cases with :class:`supportcore.testing.cases.CaseFactory` (dotted-path changes to a
base case) and evaluate them through the public :class:`supportcore.Engine`, with only this
plugin registered. Every test that exercises a clause is marked ``@pytest.mark.clause("ID")``;
``test_itplusnet_terms.py`` checks that every normative clause is marked by some test.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

import pytest
import supportcore_itplusnet

from supportcore import Decision, Engine
from supportcore.testing.clauses import add_clause_marker
from supportcore.testing.harness import VendorHarness, cited_clauses

TESTS = Path(__file__).resolve().parent
ZONE = "America/Santiago"

#: Illustrative settings for the tests (the terms publish no prices).
SETTINGS: dict[str, Any] = {
    "price_normal_hours": "25000",
    "price_special_hours": "35000",
    "prices_include_iva": True,
    "price_reinstallation": "40000",
    "price_technical_service": "30000",
    "price_on_site": "50000",
}


def pytest_configure(config: pytest.Config) -> None:
    add_clause_marker(config, "Itplusnet")


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Refuse a clause marker naming a clause the Itplusnet terms do not have."""
    known = {c.id for v in supportcore_itplusnet.supportcore_terms().versions for c in v.clauses}
    for item in items:
        if TESTS not in Path(str(item.path)).resolve().parents:
            continue
        for mark in item.iter_markers("clause"):
            unknown = [a for a in mark.args if a not in known]
            if unknown:
                raise pytest.UsageError(f"{item.nodeid}: unknown Itplusnet clause(s) {unknown}")


def local(text: str) -> str:
    """``"2026-11-23T10:30"`` → the same wall time in Santiago, RFC 9557 form."""
    return f"{text}:00[{ZONE}]" if text.count(":") == 1 else f"{text}[{ZONE}]"


def payment(at: str, amount: str | None = "25000", ref: str | None = None) -> dict[str, Any]:
    event: dict[str, Any] = {"at": local(at), "kind": "payment"}
    if amount is not None:
        event["amount"] = {"amount": amount, "currency": "CLP"}
    if ref is not None:
        event["ref"] = ref
    return event


def work(at: str, minutes: int) -> dict[str, Any]:
    return {"at": local(at), "kind": "work_session", "minutes": minutes}


def event(at: str, kind: str) -> dict[str, Any]:
    return {"at": local(at), "kind": kind}


def codes(reasons: Any) -> list[str]:
    return [r.code for r in reasons]


#: Monday 2026-11-23 10:30, normal hours.
BASE: dict[str, Any] = {
    "vendor": "itplusnet",
    "id": "test",
    "at": local("2026-11-23T10:30"),
    "request": {
        "product": "ITPLUSNET POS",
        "category": "usage_question",
        "channel": "phone",
        "received_at": local("2026-11-23T09:55"),
    },
}

#: Engines with only this plugin (registered directly), cached per settings; not strict.
ITPLUSNET = VendorHarness("itplusnet", supportcore_itplusnet, BASE, SETTINGS, strict=False)


class Itp:
    """Readable helpers: build a case from the base with changes, evaluate it."""

    base: Mapping[str, Any] = BASE
    harness = ITPLUSNET
    factory = ITPLUSNET.factory

    local = staticmethod(local)
    payment = staticmethod(payment)
    work = staticmethod(work)
    event = staticmethod(event)
    cited = staticmethod(cited_clauses)
    codes = staticmethod(codes)

    def engine(self, settings: Mapping[str, Any] | None = None, *, replace: bool = False) -> Engine:
        return ITPLUSNET.engine(settings, replace=replace)

    def case(self, changes: Mapping[str, Any] | None = None, **top: Any) -> dict[str, Any]:
        return self.factory.dict(changes, **top)

    def evaluate(
        self,
        changes: Mapping[str, Any] | None = None,
        *,
        at: str | None = None,
        events: list[dict[str, Any]] | None = None,
        settings: Mapping[str, Any] | None = None,
        replace: bool = False,
        lang: str | None = None,
    ) -> Decision:
        """The base case with ``changes``; ``at`` a Santiago wall time (the request is then
        received no later), ``events`` the ticket's (the request received no later than the
        first); ``lang`` the language of the explanations (default: the vendor's, Spanish)."""
        data = self.case(changes)
        if at is not None:
            data["at"] = local(at)
            if data["request"]["received_at"] > data["at"]:
                data["request"]["received_at"] = data["at"]
        if events is not None:
            data["ticket"] = {"id": "T-1", "events": events}
            first = events[0]["at"] if events else data["at"]
            data["request"]["received_at"] = min(first, data["request"]["received_at"])
        return self.engine(settings, replace=replace).evaluate(data, lang=lang)


@pytest.fixture(scope="session")
def itp() -> Itp:
    return Itp()
