"""What a plugin may share between cases: fixed-wording answers per terms version
(``ctx.fixed_reason``, ``fixed_remedy``, ``fixed_action``) and what it prepares from its
settings once per engine (``ctx.prepared``); and the context's lazily computed facts."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from supportcore import (
    Closure,
    Context,
    Coverage,
    Eligibility,
    Engine,
    Quote,
    Service,
    TermsCatalogue,
    TermsVersion,
    VendorInfo,
    hookimpl,
)
from supportcore._legacy import LegacyContext
from supportcore.settings import SettingKind, SettingSpec, VendorSettings
from supportcore.terms import FIXED_LIMIT, Clause

TERMS = TermsVersion(
    vendor="probe",
    version="1",
    effective_from=date(2000, 1, 1),
    clauses=(
        Clause("P1", "Las dudas de uso están cubiertas.", "Usage questions are covered."),
        Clause("P2", "La hora se factura a la tarifa vigente.", "Hours are billed at the rate."),
    ),
)
SPECS = (SettingSpec("rate", SettingKind.MONEY, description="hourly rate"),)
CATALOGUE = TermsCatalogue(vendor="probe", versions=(TERMS,), settings=SPECS)
INFO = VendorInfo(
    name="probe", title="Probe", country="ES", currency="EUR", timezone="Europe/Madrid"
)


class Probe:
    """A vendor answering with fixed and prepared pieces, counting how often it prepares."""

    SUPPORTCORE_HOOK_API = 1

    def __init__(self) -> None:
        self.prepared = 0

    @hookimpl
    def supportcore_vendor_info(self) -> VendorInfo:
        return INFO

    @hookimpl
    def supportcore_terms(self) -> TermsCatalogue:
        return CATALOGUE

    @hookimpl
    def supportcore_service_hours(self, ctx: Context) -> Service:
        return Service(channel="phone")

    @hookimpl
    def supportcore_eligibility(self, ctx: Context, service: Service) -> Eligibility:
        return Eligibility("entitled", basis=(ctx.fixed_reason("covered", "Covered", "P1"),))

    @hookimpl
    def supportcore_exclusions(self, ctx: Context, eligibility: Eligibility) -> Coverage:
        return Coverage(
            "covered",
            ctx.request.category,
            (ctx.fixed_reason("covered", "Usage questions are covered", "P1"),),
            remedies=(ctx.fixed_remedy("ask", "Ask again", "P1", "P2"),),
        )

    @hookimpl
    def supportcore_pricing(self, ctx: Context, eligibility: Any, coverage: Any) -> Quote:
        def rate_text(c: Context) -> str:
            self.prepared += 1
            rate = c.settings.money("rate")
            return f"at {rate}" if rate else "no rate"

        text = ctx.prepared("probe:rate-text", rate_text)
        return Quote(currency="EUR", status="free", reasons=(ctx.reason("rate", text, "P2"),))

    @hookimpl
    def supportcore_closure(self, ctx: Context, eligibility: Any, coverage: Any) -> Closure:
        return Closure("open", actions=(ctx.fixed_action("vendor", "Answer", "P1"),))


CASE = {
    "vendor": "probe",
    "at": "2026-03-03T10:00:00+01:00",
    "request": {
        "product": "X",
        "category": "usage_question",
        "channel": "phone",
        "received_at": "2026-03-03T09:00:00+01:00",
    },
}


def _engine(probe: Probe, rate: str = "40.00") -> Engine:
    settings = {"probe": {"rate": Decimal(rate)}}
    return Engine(settings, entry_points=False, extra=[("probe", probe)])


def test_fixed_answers_are_the_same_objects_in_every_decision():
    engine = _engine(Probe())
    one, two = engine.evaluate(CASE), engine.evaluate({**CASE, "id": "other"})
    assert one.coverage.reasons[0] is two.coverage.reasons[0]
    assert one.coverage.remedies[0] is two.coverage.remedies[0]
    assert one.closure.actions[0] is two.closure.actions[0]
    # and they are what building them anew gives, citing the clauses verbatim
    assert one.coverage.reasons[0] == TERMS.reason("covered", "Usage questions are covered", "P1")
    assert [c.clause for c in one.coverage.remedies[0].citations] == ["P1", "P2"]
    assert one.closure.actions[0].citations[0].text == "Las dudas de uso están cubiertas."


def test_fixed_reasons_with_other_words_are_other_objects():
    a = TERMS.fixed_reason("covered", "Covered", "P1")
    assert a is TERMS.fixed_reason("covered", "Covered", "P1")
    assert a is not TERMS.fixed_reason("covered", "Covered", "P2")
    assert a is not TERMS.fixed_reason("covered", "Covered!", "P1")
    assert a is not TERMS.fixed_reason("other", "Covered", "P1")


def test_a_fixed_reason_citing_an_unknown_clause_is_refused():
    with pytest.raises(KeyError, match="no clause 'P9'"):
        TERMS.fixed_reason("x", "y", "P9")


def test_the_fixed_store_is_bounded():
    terms = TermsVersion(vendor="b", version="1", effective_from=date(2000, 1, 1), clauses=())
    for i in range(FIXED_LIMIT + 10):
        terms.fixed(("k", i), lambda i=i: i)
    assert len(terms._fixed) <= FIXED_LIMIT
    assert terms.fixed(("k", 3), lambda: "again") == "again"  # forgotten, so made anew


def test_prepared_is_built_once_per_engine_and_not_shared_between_engines():
    probe = Probe()
    engine = _engine(probe)
    texts = {engine.evaluate({**CASE, "id": str(i)}).price.reasons[0].message for i in range(5)}
    assert texts == {"at 40.00 EUR"}
    assert probe.prepared == 1
    other = _engine(probe, rate="55.00")  # other settings: prepared again, from its own
    assert other.evaluate(CASE).price.reasons[0].message == "at 55.00 EUR"
    assert engine.evaluate(CASE).price.reasons[0].message == "at 40.00 EUR"
    assert probe.prepared == 2


def test_a_context_built_by_hand_prepares_for_itself():
    settings = VendorSettings.build("probe", SPECS, {}, "EUR")
    case = Engine(entry_points=False, extra=[("probe", Probe())]).evaluate(CASE)
    assert case.price.reasons[0].message == "no rate"

    def ctx() -> Context:
        from supportcore import case_from_dict

        c = case_from_dict(CASE)
        return LegacyContext(c, c.at, INFO, TERMS, settings, {})

    calls: list[int] = []
    first, second = ctx(), ctx()
    for c in (first, first, second):
        c.prepared("k", lambda _c: calls.append(1))
    assert len(calls) == 2


def test_the_contexts_local_facts_are_computed_once_and_right():
    from supportcore import case_from_dict

    case = case_from_dict({**CASE, "at": "2026-03-28T23:30:00+00:00"})
    settings = VendorSettings.build("probe", SPECS, {}, "EUR")
    ctx = LegacyContext(case, case.at, INFO, TERMS, settings, {})
    assert ctx.local_at == datetime(2026, 3, 29, 0, 30, tzinfo=ZoneInfo("Europe/Madrid"))
    assert ctx.today == date(2026, 3, 29)  # the vendor's date, not UTC's
    assert ctx.request is case.request
    assert ctx.local_at is ctx.local_at
    assert "local_at" in vars(ctx)  # kept after the first access
    assert Context.local_at.__doc__  # the descriptor keeps its documentation


def test_a_fixed_quote_is_made_once_per_terms_version_and_prices_nothing():
    from supportcore import case_from_dict

    case = case_from_dict(CASE)
    settings = VendorSettings.build("probe", SPECS, {}, "EUR")
    ctx = LegacyContext(case, case.at, INFO, TERMS, settings, {})
    quote = ctx.fixed_quote("free", "free", "Usage questions are free", "P1")
    again = LegacyContext(case, case.at, INFO, TERMS, settings, {}).fixed_quote(
        "free", "free", "Usage questions are free", "P1"
    )
    assert quote is again
    assert quote == Quote.unpriced(
        "EUR", "free", (TERMS.reason("free", "Usage questions are free", "P1"),)
    )
    assert quote.reasons[0] is ctx.fixed_reason("free", "Usage questions are free", "P1")


def test_citations_of_several_clauses_are_one_shared_tuple():
    both = TERMS.cite("P1", "P2")
    assert both is TERMS.cite("P1", "P2")
    assert [c.clause for c in both] == ["P1", "P2"]
    assert [c.clause for c in TERMS.cite("P2", "P1")] == ["P2", "P1"]
    with pytest.raises(KeyError, match="no clause 'P9'"):
        TERMS.cite("P1", "P9")
