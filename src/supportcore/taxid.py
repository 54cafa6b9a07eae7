"""Tax identifiers validated per country with python-stdnum.

Every country python-stdnum knows a VAT or tax number for is checked (``stdnum.util.
get_cc_module(country, "vat")``: Spain's NIF/CIF/NIE, Mexico's RFC, Chile's RUT, Belgium's
enterprise number, France's TVA, …). An invalid id is a *reported problem* on the decision,
never a crash: support terms rarely refuse service over a checksum, but the help desk should
know. A country python-stdnum has no validator for is reported too (the id is not checked), so
that an unchecked id is never mistaken for a checked one.
"""

from __future__ import annotations

import re
from typing import Any

from stdnum.exceptions import ValidationError
from stdnum.util import get_cc_module

__all__ = ["tax_id_validator", "validate_tax_id"]

#: The names of the shipped vendors' countries' ids, as their messages have always read.
_LABELS = {
    "ES": "Spanish NIF/CIF/NIE",
    "MX": "Mexican RFC",
    "CL": "Chilean RUT",
    "BE": "Belgian enterprise/VAT number",
}
_COUNTRY = re.compile(r"[A-Z]{2}")


def tax_id_validator(country: str) -> tuple[Any, str] | None:
    """python-stdnum's validator of ``country``'s (ISO 3166 alpha-2) VAT or tax number and
    its name, or ``None`` if python-stdnum has none."""
    code = country.upper()
    if not _COUNTRY.fullmatch(code):
        return None
    module = get_cc_module(code.lower(), "vat")
    if module is None:
        return None
    label = _LABELS.get(code) or (module.__doc__ or code).split("\n", 1)[0].rstrip(".")
    return module, label


def validate_tax_id(country: str, number: str) -> tuple[str | None, str | None]:
    """Return ``(normalized, None)`` if valid, ``(None, problem)`` if not, and
    ``(number, problem)`` when ``country`` has no validator (the id is not checked)."""
    found = tax_id_validator(country)
    if found is None:
        shown = country if len(country) <= 8 else country[:8] + "…"
        return number, f"no validator for tax ids of country {shown!r}: the id is not checked"
    module, label = found
    shown = number if len(number) <= 40 else number[:40] + "…"
    try:
        return str(module.validate(number)), None
    except ValidationError as exc:
        return None, f"{shown!r} is not a valid {label}: {exc}"
    except Exception as exc:  # a validator's own failure on junk: reported, never raised
        return None, f"{shown!r} could not be checked as a {label}: {type(exc).__name__}"
