"""Citations and reasons: how every answer says *why*, in the vendor's own words."""

from __future__ import annotations

import attrs

__all__ = ["Citation", "MissingFact", "MissingSetting", "Reason"]


@attrs.frozen
class Citation:
    """A pointer to one clause of a vendor's terms, with the clause's verbatim text."""

    vendor: str
    clause: str
    text: str
    terms_version: str = ""


@attrs.frozen
class Reason:
    """One reason in a decision: a stable machine code, a readable message, the clauses applied.

    ``code`` is stable across releases (e.g. ``"free-period"``, ``"excluded-category"``) so that
    integrators can branch on it; ``message`` is for people and may change wording.
    """

    code: str
    message: str
    citations: tuple[Citation, ...] = ()


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
