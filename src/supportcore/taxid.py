"""Tax identifiers validated per country with python-stdnum.

An invalid id is a *reported problem* on the decision, never a crash: support terms rarely
refuse service over a checksum, but the help desk should know.
"""

from __future__ import annotations

from functools import lru_cache
from types import ModuleType

from stdnum.be import vat as be_vat
from stdnum.cl import rut as cl_rut
from stdnum.es import nif as es_nif
from stdnum.exceptions import ValidationError
from stdnum.mx import rfc as mx_rfc

__all__ = ["SUPPORTED_COUNTRIES", "validate_tax_id"]

_VALIDATORS: dict[str, tuple[ModuleType, str]] = {
    "ES": (es_nif, "Spanish NIF/CIF/NIE"),
    "MX": (mx_rfc, "Mexican RFC"),
    "CL": (cl_rut, "Chilean RUT"),
    "BE": (be_vat, "Belgian enterprise/VAT number"),
}
SUPPORTED_COUNTRIES = frozenset(_VALIDATORS)


@lru_cache(maxsize=4096)
def validate_tax_id(country: str, number: str) -> tuple[str | None, str | None]:
    """Return ``(normalized, None)`` if valid, ``(None, problem)`` if not.

    A country without a validator returns ``(number, None)`` unchecked.
    """
    entry = _VALIDATORS.get(country.upper())
    if entry is None:
        return number, None
    module, label = entry
    try:
        return str(module.validate(number)), None
    except ValidationError as exc:
        return None, f"{number!r} is not a valid {label}: {exc}"
