"""Citations and reasons: how every answer says *why*, in the vendor's own words."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import attrs

__all__ = ["Citation", "MissingFact", "MissingSetting", "Reason"]


@attrs.frozen
class Citation:
    """A pointer to one clause of a vendor's terms, with the clause's verbatim text."""

    vendor: str  #: the vendor whose terms the clause is from
    clause: str  #: the clause's stable id
    text: str  #: the clause's sentence, verbatim, in the language of the vendor's terms
    terms_version: str = ""  #: the version of the terms the clause is cited from


def _params(value: Mapping[str, Any] | None) -> Mapping[str, Any]:
    return {} if value is None else value


@attrs.frozen
class Reason:
    """One reason in a decision: a stable machine code, a readable message, the clauses applied.

    ``code`` is stable across releases (e.g. ``"free-period"``, ``"excluded-category"``) so that
    integrators can branch on it; ``message`` is for people and may change wording. ``params``
    are the values the message was written from, in their JSON form (``{"until":
    "2026-07-14"}``), so a program need not parse the sentence. ``interpretations`` (ids of the
    vendor's interpretations) and ``settings`` (keys of settings) are what the reason rests on
    besides the clauses it cites; they are data, never written into the sentence.
    """

    code: str  #: stable machine code (integrators branch on it)
    message: str  #: the sentence, in the decision's language
    citations: tuple[Citation, ...] = ()  #: the clauses applied
    params: Mapping[str, Any] = attrs.field(factory=dict, converter=_params, hash=False)
    interpretations: tuple[str, ...] = ()
    settings: tuple[str, ...] = ()


@attrs.frozen
class MissingSetting:
    """A setting (usually a tariff) the terms do not give and the integrator did not supply."""

    vendor: str
    key: str
    needed_for: str
    description: str = ""

    def __str__(self) -> str:
        return f"{self.vendor}.{self.key} (needed for {self.needed_for})"


@attrs.frozen
class MissingFact:
    """A fact of the case a rule needs and the case does not give (a NIF, a contract number,
    whether the customer is registered): the answer that needed it says so instead of guessing.

    ``field`` is the case field's path (``request.contact.tax_id``), as in input errors.
    """

    field: str
    needed_for: str
    description: str = ""

    def __str__(self) -> str:
        return f"{self.field} (needed for {self.needed_for})"
