"""Problems in a case that only Binarema's rules can see: versions its terms cannot compare,
rentals, updates that go backwards, contracts without their program, a tax form that is not a
modelo number."""

from __future__ import annotations

from supportcore import AcquisitionKind, Problem

from . import prepared as P
from .facts import Ctx, major

__all__ = ["check_case", "check_contracts"]


def _version(found: list[Problem], field: str, value: str | None) -> int | None:
    """The major version of ``value``: an error when not one, a warning when newer than 5."""
    number = major(value)
    if value is not None and number is None:
        message = f"{value!r} is not a version Binarema's terms can compare (write a version number"
        found.append(Problem(field, f'{message} such as "5", "4" or "5.2")', "error"))
    elif number is not None and number > P.LATEST_VERSION:
        message = f"version {value!r} is newer than version {P.LATEST_VERSION}, the latest these"
        found.append(Problem(field, f"{message} terms know; it is treated as a current version"))
    return number


def check_contracts(ctx: Ctx) -> list[Problem]:
    """Every SMART contract is for one program (BIN-PROG-1; interpretation BIN-I-PROGRAM)."""
    found, programs = [], ", ".join(ctx.vendor.products)
    for i, c in enumerate(ctx.case.contracts):
        field = f"contracts[{i}].product"
        if c.product is None:
            message = f"SMART is contracted per program: name the program it is for ({programs})"
            found.append(Problem(field, message, "error"))
        elif c.product not in ctx.vendor.products:
            message = f"{c.product!r} is not a Binarema program ({programs})"
            found.append(Problem(field, message, "error"))
        elif c.product == P.TPV:
            message = "FactuCont TPV 5's support follows FactuCont 5's SMART; a separate TPV"
            found.append(Problem(field, f"{message} contract only counts for other TPV versions"))
    return found


def check_case(ctx: Ctx) -> list[Problem]:
    """Versions must be comparable, acquisitions Binarema's (purchases and updates), contracts
    must name their program, a tax form must be a modelo number."""
    case, found = ctx.case, list[Problem]()
    _version(found, "request.version", case.request.version)
    for i, lic in enumerate(case.licences):
        acq = lic.acquisition
        new = _version(found, f"licences[{i}].version", lic.version)
        old = _version(found, f"licences[{i}].acquisition.upgraded_from", acq.upgraded_from)
        if acq.kind is AcquisitionKind.RENTAL:
            message = "Binarema sells its programs and their updates; its terms have no rentals"
            found.append(Problem(f"licences[{i}].acquisition.kind", message, "error"))
        upgrade = acq.kind is AcquisitionKind.UPGRADE
        if upgrade and old is not None and new is not None and old >= new:
            message = f"an update goes to a newer version: {acq.upgraded_from!r} is not older"
            message += f" than the licence's version {lic.version!r}"
            found.append(Problem(f"licences[{i}].acquisition.upgraded_from", message, "error"))
    found += check_contracts(ctx)
    model = ctx.facts.tax_model
    if model is not None and not (model.isdigit() and len(model) == 3):
        message = f'{model!r} is not a tax form number (a modelo de Hacienda such as "303")'
        found.append(Problem("request.facts.tax_model", message, "error"))
    return found
