"""The conformance checks, as plain functions (the pytest kit and the core suite both call them).

Each check raises :class:`ConformanceError` with a message a plugin author can act on: what is
wrong, where (vendor, clause, decision field), and for decisions, the case that showed it.
"""

from __future__ import annotations

import collections
import json
import tomllib
from collections.abc import Iterator, Mapping
from datetime import datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

import attrs

from ..categories import CATEGORIES
from ..convert import (
    InputError,
    case_to_dict,
    decision_from_dict,
    decision_to_dict,
    dumps_toml,
    read_document,
)
from ..decision import (
    ClosureStatus,
    CoverageStatus,
    Decision,
    EligibilityStatus,
)
from ..engine import Engine
from ..hookspecs import SUPPORTED_HOOK_APIS
from ..model import Case
from ..money import MINOR_UNITS, Money, Quote, QuoteStatus
from ..plugins import PluginSet, VendorPlugin, load_plugins
from ..reasons import Reason

__all__ = [
    "ConformanceError",
    "check_decision",
    "check_loads",
    "check_terms",
    "example_cases",
    "load_vendor",
    "quote_problems",
]


class ConformanceError(AssertionError):
    """A plugin does not conform; the message says what, where, and how to see it."""


def _fail(message: str) -> None:
    raise ConformanceError(message)


# --------------------------------------------------------------------------- loading


def check_loads(name: str, extra: tuple[tuple[str, object], ...] = ()) -> PluginSet:
    """The plugin loads alone (only it, from its entry point), as a vendor, with a supported API."""
    plugins = load_plugins(allow=[name], strict=False, extra=extra)
    records = [r for r in plugins.records if r.name == name]
    if not records:
        _fail(
            f"no plugin named {name!r} is installed in the entry-point group 'supportcore' "
            f"(is the distribution installed in this environment?)"
        )
    rec = records[0]
    if rec.status != "loaded":
        _fail(
            f"plugin {name!r} ({rec.distribution or 'no distribution'}) did not load: "
            f"{rec.status}: {rec.error}"
        )
    if rec.kind != "vendor":
        _fail(
            f"plugin {name!r} loaded but is not a vendor: it implements neither "
            f"supportcore_vendor_info nor supportcore_terms"
        )
    if rec.hook_api not in SUPPORTED_HOOK_APIS:
        _fail(
            f"plugin {name!r} declares hook API {rec.hook_api!r}; supported: "
            f"{sorted(SUPPORTED_HOOK_APIS)}"
        )
    plugins.pm.check_pending()
    return plugins


def load_vendor(name: str, extra: tuple[tuple[str, object], ...] = ()) -> VendorPlugin:
    return check_loads(name, extra).vendors[name]


# --------------------------------------------------------------------------- terms


def check_terms(vp: VendorPlugin) -> None:
    """Every clause has an id, text and gloss; interpretations and settings cite real clauses."""
    info, cat = vp.info, vp.terms
    if info.currency not in MINOR_UNITS:
        _fail(f"{vp.name}: currency {info.currency!r} is not supported")
    for category in info.categories:
        if category in CATEGORIES:
            _fail(f"{vp.name}: vendor category {category!r} duplicates the shared taxonomy")
    for version in cat.versions:
        for clause in version.clauses:
            where = f"{vp.name} terms {version.version} clause {clause.id!r}"
            if not clause.id.strip() or clause.id != clause.id.strip():
                _fail(f"{where}: the id must be non-empty without surrounding spaces")
            if not clause.text.strip():
                _fail(f"{where}: no text (the verbatim sentence from the vendor's document)")
            if not clause.gloss.strip():
                _fail(f"{where}: no gloss (an English gloss of the text)")
    for spec in cat.settings:
        if not spec.description.strip():
            _fail(f"{vp.name} setting {spec.key!r}: no description")


# --------------------------------------------------------------------------- decisions


def _reasons(decision: Decision) -> Iterator[tuple[str, Reason]]:
    for field, rs in (
        ("eligibility.basis", decision.eligibility.basis),
        ("eligibility.reasons", decision.eligibility.reasons),
        ("coverage.reasons", decision.coverage.reasons),
        ("price.reasons", decision.price.reasons),
        ("closure.reasons", decision.closure.reasons),
        ("service.reasons", decision.service.reasons),
    ):
        for r in rs:
            yield field, r


def _cited(rs: tuple[Reason, ...]) -> bool:
    return any(r.citations for r in rs)


def _money(decision: Decision) -> Iterator[tuple[str, Money]]:
    q = decision.price
    for i, li in enumerate(q.lines):
        yield f"price.lines[{i}].amount", li.amount
        yield f"price.lines[{i}].unit_price", li.unit_price
    for i, t in enumerate(q.taxes):
        yield f"price.taxes[{i}].amount", t.amount
    if q.subtotal is not None:
        yield "price.subtotal", q.subtotal
    if q.total is not None:
        yield "price.total", q.total
    for part, remedies in (
        ("eligibility", decision.eligibility.remedies),
        ("coverage", decision.coverage.remedies),
    ):
        for i, rem in enumerate(remedies):
            if rem.price is not None:
                yield f"{part}.remedies[{i}].price", rem.price


def quote_problems(q: Quote) -> list[str]:
    """How a quote with lines fails to add up as printed: the subtotal is the lines' sum; the
    total is the subtotal plus the taxes *not* included in the prices; an included tax's base
    (the net) plus its amount is the taxable lines' sum (the gross)."""
    if q.subtotal is None or not q.lines:
        return []
    problems: list[str] = []
    if sum((li.amount.amount for li in q.lines), Decimal(0)) != q.subtotal.amount:
        problems.append("price.subtotal is not the sum of the lines")
    added = sum((t.amount.amount for t in q.taxes if not t.included), Decimal(0))
    if q.total is not None and q.total.amount != q.subtotal.amount + added:
        problems.append("price.total is not subtotal + taxes (those not included in the prices)")
    taxable = sum((li.amount.amount for li in q.lines if li.taxable), Decimal(0))
    for i, t in enumerate(q.taxes):
        if t.included and t.base.amount + t.amount.amount != taxable:
            problems.append(
                f"price.taxes[{i}] is included in the prices, but its base (the net) plus its "
                f"amount is not the taxable lines' sum ({taxable})"
            )
    return problems


def check_decision(engine: Engine, vp: VendorPlugin, case: Case, decision: Decision) -> None:
    """Every invariant a decision must hold; raises :class:`ConformanceError` naming the field."""
    name = vp.name

    def fail(msg: str) -> None:
        _fail(f"{name}: {msg}\n  case: {json.dumps(case_to_dict(case), default=str)}")

    if decision.failures:
        f = decision.failures[0]
        fail(f"hook {f.hook} raised: {f.error}")
    # statuses
    if decision.eligibility.status not in (
        EligibilityStatus.ENTITLED,
        EligibilityStatus.NOT_ENTITLED,
        EligibilityStatus.UNDETERMINED,
    ):
        fail(f"eligibility.status {decision.eligibility.status!r} is not a known status")
    if decision.coverage.status not in (
        CoverageStatus.COVERED,
        CoverageStatus.EXCLUDED,
        CoverageStatus.BILLABLE,
        CoverageStatus.UNDETERMINED,
    ):
        fail(f"coverage.status {decision.coverage.status!r} is not a known status")
    if decision.closure.status not in (
        ClosureStatus.OPEN,
        ClosureStatus.CLOSED,
        ClosureStatus.UNDETERMINED,
    ):
        fail(f"closure.status {decision.closure.status!r} is not a known status")
    known_quote = {
        QuoteStatus.COMPLETE,
        QuoteStatus.INCOMPLETE,
        QuoteStatus.FREE,
        QuoteStatus.NOT_APPLICABLE,
        QuoteStatus.UNDETERMINED,
    }
    if decision.price.status not in known_quote:
        fail(f"price.status {decision.price.status!r} is not a known status")
    # citations resolve to the plugin's own clauses, verbatim
    try:
        terms = vp.terms.version(decision.terms_version)
    except KeyError:
        fail(f"terms_version {decision.terms_version!r} is not one of the plugin's versions")
        return
    for cite in decision.citations():
        if cite.vendor != name:
            fail(
                f"cites vendor {cite.vendor!r} clause {cite.clause!r}; a vendor cites its own terms"
            )
        if cite.clause not in terms:
            fail(
                f"cites clause {cite.clause!r}, which is not in {name}'s terms "
                f"{decision.terms_version}"
            )
        elif cite.text != terms.clause(cite.clause).text:
            fail(f"citation of {cite.clause!r} does not carry the clause's verbatim text")
    # no guesses: a determined answer says why, citing a clause
    e = decision.eligibility
    if e.status == EligibilityStatus.ENTITLED and not _cited(e.basis):
        fail("eligibility is 'entitled' without a basis citing a clause")
    if e.status == EligibilityStatus.NOT_ENTITLED and not _cited(e.reasons):
        fail("eligibility is 'not_entitled' without a reason citing a clause")
    c = decision.coverage
    if c.status != CoverageStatus.UNDETERMINED and not _cited(c.reasons):
        fail(
            f"coverage is {c.status!r} for {c.category!r} without a reason citing a clause "
            f"(a category no rule decides must be 'undetermined')"
        )
    if decision.closure.status == ClosureStatus.CLOSED and not _cited(decision.closure.reasons):
        fail("closure is 'closed' without a reason citing a clause")
    for field, r in _reasons(decision):
        if not r.code or not r.message:
            fail(f"{field}: a reason needs a code and a message ({r!r})")
    # money: the vendor's currency, never negative, adds up
    for field, m in _money(decision):
        if m.currency != vp.info.currency:
            fail(f"{field} is in {m.currency}, the vendor's currency is {vp.info.currency}")
        if m.amount < 0:
            fail(f"{field} is negative ({m})")
    q = decision.price
    if q.currency != vp.info.currency:
        fail(f"price.currency is {q.currency}, the vendor's currency is {vp.info.currency}")
    for problem in quote_problems(q):
        fail(problem)
    if q.missing and q.status not in (QuoteStatus.INCOMPLETE, QuoteStatus.NOT_APPLICABLE):
        fail(f"price lists missing tariffs but its status is {q.status!r}, not 'incomplete'")
    # time: never closed before the facts it depends on, never in the future
    cl = decision.closure
    received = case.request.received_at
    if cl.closed_at is not None:
        if cl.closed_at < received:
            fail(
                f"closure.closed_at {cl.closed_at.isoformat()} is before the request was "
                f"received ({received.isoformat()})"
            )
        if cl.closed_at > case.at:
            fail(f"closure.closed_at {cl.closed_at.isoformat()} is after the evaluation instant")
        events = [ev.at for ev in case.ticket.events]
        if cl.status == ClosureStatus.CLOSED and events and cl.closed_at < min(events):
            fail("closure.closed_at is before the first event of the ticket")
    if cl.closes_at is not None and cl.status == ClosureStatus.OPEN and cl.closes_at < case.at:
        fail(f"closure is open but closes_at {cl.closes_at.isoformat()} is already past")
    for dt_field in ("closed_at", "closes_at"):
        value: datetime | None = getattr(cl, dt_field)
        if value is not None and value.tzinfo is None:
            fail(f"closure.{dt_field} is a naive datetime")
    # service.next_opening: only while closed, and always after the evaluation instant
    sv = decision.service
    if sv.next_opening is not None:
        if sv.open_now:
            fail(
                f"service.next_opening is {sv.next_opening.isoformat()} while the channel is "
                "open: it is null while open (docs/integrators.md)"
            )
        elif sv.next_opening <= case.at:
            fail(
                f"service.next_opening {sv.next_opening.isoformat()} is not after the "
                f"evaluation instant {case.at.isoformat()}"
            )
    # deterministic and lossless through JSON and TOML
    again = engine.evaluate(case)
    if again != decision:
        fail("evaluating the same case twice gave different decisions")
    data = decision_to_dict(decision)
    if decision_from_dict(json.loads(json.dumps(data))) != decision:
        fail("the decision does not survive a JSON round trip")
    if decision_from_dict(tomllib.loads(dumps_toml(decision))) != decision:
        fail("the decision does not survive a TOML round trip")


@attrs.define
class Reach:
    """How far generated cases got into a vendor's rules: a kit whose cases are mostly refused
    as bad input, or never reach an entitled answer, has checked nothing and says why."""

    total: int = 0
    refused: int = 0
    entitled: int = 0
    refusals: collections.Counter[str] = attrs.field(factory=collections.Counter)

    def record(self, decision: Decision | None, error: InputError | None = None) -> None:
        self.total += 1
        if decision is None:
            self.refused += 1
            if error is not None:
                for p in error.problems[:1]:
                    self.refusals[f"{p.field}: {p.message}"[:160]] += 1
        elif decision.eligibility.status == EligibilityStatus.ENTITLED:
            self.entitled += 1

    def check(self, vendor: str) -> None:
        """Fail when most generated cases were refused, or none was entitled."""
        common = "; ".join(f"{n}× {m}" for m, n in self.refusals.most_common(3))
        if self.total and self.refused * 2 > self.total:
            _fail(
                f"{vendor}: {self.refused} of {self.total} generated cases were refused as bad "
                f"input, so the kit reached few of the vendor's rules. Most common: {common}. "
                "Declare the products, plans and categories the vendor uses ([identity] of its "
                "terms) or give example cases whose values the generator can reuse."
            )
        if self.total and not self.entitled:
            _fail(
                f"{vendor}: none of {self.total} generated cases was entitled "
                f"({self.refused} refused as bad input), so the kit never checked an "
                "entitlement. Give example cases (--supportcore-examples) whose licences, "
                "contracts and plans the generator can reuse."
            )


def evaluate_checked(
    engine: Engine, vp: VendorPlugin, data: Mapping[str, Any], reach: Reach | None = None
) -> Decision | None:
    """Evaluate a case dict; a declared input error is allowed (returns ``None``), anything else
    that escapes is a conformance failure. ``reach`` records how far the case got."""
    from ..convert import case_from_dict

    try:
        case = case_from_dict(data)
        decision = engine.evaluate(case)
    except InputError as exc:
        if reach is not None:
            reach.record(None, exc)
        return None
    except Exception as exc:
        _fail(
            f"{vp.name}: evaluating a case raised {type(exc).__name__}: {exc} "
            f"(only supportcore.InputError may escape)\n  case: {json.dumps(data, default=str)}"
        )
        raise  # pragma: no cover
    check_decision(engine, vp, case, decision)
    if reach is not None:
        reach.record(decision)
    return decision


def example_cases(folder: str | Path) -> list[tuple[str, dict[str, Any]]]:
    """``(name, case dict)`` for each case file (``*.toml``/``*.json`` but settings) in a folder."""
    out = []
    for p in sorted(Path(folder).glob("*")):
        if p.suffix in (".toml", ".json") and not p.stem.startswith("settings"):
            out.append((p.name, read_document(p)))
    return out
