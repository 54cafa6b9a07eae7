"""The answer for one case: eligibility, coverage, price, closure and service, each with reasons.

Status values are plain strings (see the ``*Status`` classes) so that the JSON format is stable
and readable; the JSON decision format is documented in ``docs/integrators.md``.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, datetime
from typing import Any

import attrs

from .money import Money, Quote
from .provenance import Provenance
from .reasons import Citation, MissingFact, MissingSetting, Reason, _params

__all__ = [
    "Action",
    "Closure",
    "ClosureStatus",
    "Coverage",
    "CoverageStatus",
    "Decision",
    "Eligibility",
    "EligibilityStatus",
    "PluginFailure",
    "Problem",
    "Remedy",
    "Service",
]


class EligibilityStatus:
    """The values of :attr:`Eligibility.status`."""

    ENTITLED = "entitled"  #: the customer is entitled to support for this request now
    NOT_ENTITLED = "not_entitled"  #: not entitled: see the reasons and the remedies
    UNDETERMINED = "undetermined"  #: the terms, the settings or the case do not decide it


class CoverageStatus:
    """The values of :attr:`Coverage.status`."""

    COVERED = "covered"  #: included in what the customer is entitled to
    EXCLUDED = "excluded"  #: the vendor does not do this at all
    BILLABLE = "billable"  #: the vendor does it, but charges separately
    UNDETERMINED = "undetermined"  #: no rule decides this category


class ClosureStatus:
    """The values of :attr:`Closure.status`."""

    OPEN = "open"  #: the ticket is open; ``closes_at`` says when it closes if nothing happens
    CLOSED = "closed"  #: the ticket is closed since ``closed_at``
    UNDETERMINED = "undetermined"  #: the terms do not say when a ticket closes


@attrs.frozen
class Remedy:
    """What the customer can do about a refusal, with its price when the terms give one."""

    code: str  #: stable machine code (integrators branch on it)
    description: str  #: what to do, in the decision's language
    price: Money | None = None  #: what it costs, when the terms or the settings say
    price_note: str = ""  #: e.g. "+IVA", "per hour", "first-year activation extra not included"
    missing: tuple[MissingSetting, ...] = ()  #: the tariffs that would price it, not supplied
    citations: tuple[Citation, ...] = ()  #: the clauses that offer it
    #: the values the description was written from, in their JSON form (see ``Reason.params``)
    params: Mapping[str, Any] = attrs.field(factory=dict, converter=_params, hash=False)


@attrs.frozen
class Eligibility:
    """Whether the customer is entitled to support for this request at the instant, and why."""

    status: str  #: an :class:`EligibilityStatus` value
    basis: tuple[Reason, ...] = ()  #: why the customer is entitled (e.g. "free period until …")
    reasons: tuple[Reason, ...] = ()  #: why not, or why undetermined
    remedies: tuple[Remedy, ...] = ()  #: what the customer can do (renew, buy, pay)
    valid_until: date | None = None  #: last day of the entitlement, where there is one
    remaining_minutes: int | None = None  #: for hour-based plans
    missing: tuple[MissingSetting, ...] = ()  #: settings the answer needed but did not get
    #: facts of the case the answer needed but the case does not give (field paths)
    missing_facts: tuple[MissingFact, ...] = ()

    @property
    def entitled(self) -> bool:
        return self.status == EligibilityStatus.ENTITLED


@attrs.frozen
class Coverage:
    """Whether the problem asked about is covered, excluded or billable, and why."""

    status: str  #: a :class:`CoverageStatus` value
    category: str = ""  #: the request's category the answer is about
    reasons: tuple[Reason, ...] = ()  #: why, citing the clauses that list it
    remedies: tuple[Remedy, ...] = ()  #: what the customer can do instead
    #: facts of the case the answer needed but the case does not give (field paths)
    missing_facts: tuple[MissingFact, ...] = ()


@attrs.frozen
class Action:
    """Something still owed on the ticket: by whom, what, until when."""

    party: str  #: "vendor" or "customer"
    description: str  #: what is owed, in the decision's language
    due: datetime | None = None  #: by when, where the terms say
    citations: tuple[Citation, ...] = ()  #: the clauses that owe it
    #: the values the description was written from, in their JSON form (see ``Reason.params``)
    params: Mapping[str, Any] = attrs.field(factory=dict, converter=_params, hash=False)


@attrs.frozen
class Closure:
    """Whether the ticket is open or closed at the instant, why, and what is still owed."""

    status: str  #: a :class:`ClosureStatus` value
    closed_at: datetime | None = None  #: since when it is closed
    closes_at: datetime | None = None  #: when it will close if nothing happens
    reasons: tuple[Reason, ...] = ()  #: why, citing the clauses
    actions: tuple[Action, ...] = ()  #: what either party still owes, with due dates


@attrs.frozen
class Service:
    """Facts about the service desk the other answers rest on."""

    channel: str  #: the request's channel the answer is about
    open_now: bool | None = None  #: open at the evaluation instant (``None``: unknown)
    schedule: str | None = None  #: the named schedule in force now (e.g. "summer", "special")
    #: when the channel next opens, if it is closed at the evaluation instant (``None`` while it
    #: is open, and when unknown): always after the evaluation instant
    next_opening: datetime | None = None
    response_due: datetime | None = None  #: when a response is due, by the terms' targets
    reasons: tuple[Reason, ...] = ()  #: why, citing the hours and targets
    missing: tuple[MissingSetting, ...] = ()  #: e.g. office hours the vendor did not publish
    #: when the request should be resolved, by the vendor's service levels (``None``: no target)
    resolution_due: datetime | None = None


@attrs.frozen
class Problem:
    """A problem with the input that does not prevent a decision (e.g. an invalid tax id)."""

    field: str  #: the case field's path (``request.received_at``)
    message: str  #: what is wrong with it
    severity: str = "warning"  #: "warning" (decision made) or "error" (input refused)

    def __str__(self) -> str:
        return f"{self.field}: {self.message}"


@attrs.frozen
class PluginFailure:
    """A plugin that failed while answering one case: the answers it owed are undetermined."""

    plugin: str  #: the plugin's name
    hook: str  #: the hook that failed (``supportcore_eligibility``…)
    error: str  #: what went wrong, as the exception said it


@attrs.frozen
class Decision:
    """The whole answer for one case at one instant."""

    vendor: str  #: the vendor whose terms answered
    case_id: str  #: the case's ``id``
    evaluated_at: datetime  #: the instant the case was evaluated at
    terms_version: str  #: the version of the vendor's terms that governs the case
    eligibility: Eligibility  #: is the customer entitled?
    coverage: Coverage  #: is the problem covered?
    price: Quote  #: what does it cost?
    closure: Closure  #: is the ticket open or closed?
    service: Service  #: is the channel open, when is a response due?
    problems: tuple[Problem, ...] = ()  #: input problems that did not prevent the decision
    failures: tuple[PluginFailure, ...] = ()  #: plugin failures; their answers are undetermined
    #: the versions and digests the decision was made with (``None``: made outside an engine)
    provenance: Provenance | None = None
    #: the language its explanations are written in ("es", "nl", "en"; "" made outside an
    #: engine: English templates); the JSON's codes and params are the same in every language
    lang: str = ""
    #: the locale their values are written in: the language and the vendor's country
    #: ("es_MX", "nl_BE"; English is "en_GB")
    locale: str = ""

    @property
    def failed(self) -> bool:
        return bool(self.failures)

    def missing_facts(self) -> tuple[MissingFact, ...]:
        """Every fact of the case an answer needed and did not get, without repeats."""
        seen: dict[str, MissingFact] = {}
        for m in (
            *self.eligibility.missing_facts,
            *self.coverage.missing_facts,
            *self.price.missing_facts,
        ):
            seen.setdefault(m.field, m)
        return tuple(seen.values())

    def citations(self) -> tuple[Citation, ...]:
        """Every citation in the decision, in order of appearance, without repeats."""
        seen: dict[tuple[str, str], Citation] = {}

        def add(cs: tuple[Citation, ...]) -> None:
            for c in cs:
                seen.setdefault((c.vendor, c.clause), c)

        def reasons(rs: tuple[Reason, ...]) -> None:
            for r in rs:
                add(r.citations)

        el = self.eligibility
        reasons(el.basis)
        reasons(el.reasons)
        for rem in el.remedies + self.coverage.remedies:
            add(rem.citations)
        reasons(self.coverage.reasons)
        for li in self.price.lines:
            add(li.citations)
        for t in self.price.taxes:
            add(t.citations)
        reasons(self.price.reasons)
        reasons(self.closure.reasons)
        for a in self.closure.actions:
            add(a.citations)
        reasons(self.service.reasons)
        return tuple(seen.values())
