"""Problems only Binarema's rules can see: in a case (versions, contracts, acquisitions, facts)
and, once per engine, in the settings (price tables keyed by something the rules never look up)."""

from __future__ import annotations

from collections.abc import Iterator

from supportcore import AcquisitionKind, Context, Edition, Problem, VendorSettings

from . import _data as D
from ._coverage import TAX_MODEL_FACT, tax_model
from ._versions import VERSION_HELP, major

__all__ = ["check_case", "check_contracts", "check_settings"]

_TAX_MODEL_DIGITS = 3


def _version(field: str, value: str | None) -> Problem | None:
    """A version the terms cannot compare, or one newer than the latest they know."""
    if value is None:
        return None
    number = major(value)
    if number is None:
        return Problem(
            field,
            f"{value!r} is not a version Binarema's terms can compare (expected {VERSION_HELP})",
            "error",
        )
    if number > D.LATEST_VERSION:
        return Problem(
            field,
            f"version {value!r} is newer than version {D.LATEST_VERSION}, the latest these "
            "terms know; it is treated as a current version",
        )
    return None


def check_contracts(ctx: Context) -> Iterator[Problem]:
    """Every SMART contract is for one program (BIN-PROG-1; interpretation BIN-I-PROGRAM)."""
    for i, c in enumerate(ctx.case.contracts):
        if c.product is None:
            yield Problem(
                f"contracts[{i}].product",
                "SMART is contracted per program: name the program this contract is for "
                f"({', '.join(D.PRODUCTS)})",
                "error",
            )
        elif c.product not in D.PRODUCTS:
            yield Problem(
                f"contracts[{i}].product",
                f"{c.product!r} is not a Binarema program ({', '.join(D.PRODUCTS)})",
                "error",
            )
        elif c.product == D.TPV:
            yield Problem(
                f"contracts[{i}].product",
                "FactuCont TPV 5's support follows FactuCont 5's SMART; a separate TPV "
                "contract only counts for other TPV versions",
            )


def check_settings(settings: VendorSettings) -> Iterator[str]:
    """Price tables keyed by something the rules never look up: the new-version prices are keyed
    by edition, the activation extras by major version number (BIN-PRICE-6)."""
    editions = {e.value for e in Edition}
    for key in ("new_version_price", "new_version_price_registered"):
        for k in settings.get(key) or {}:
            if k not in editions:
                yield (
                    f"{D.VENDOR}.{key}.{k}: not an edition ({', '.join(sorted(editions))}); "
                    "this price would never be used"
                )
    for k in settings.get("activation_extra_by_version") or {}:
        if major(k) is None or str(major(k)) != k:
            yield (
                f"{D.VENDOR}.activation_extra_by_version.{k}: keys are major version numbers "
                'such as "5" or "4"; this amount would never be used'
            )


def check_case(ctx: Context) -> list[Problem]:
    """Versions must be comparable, acquisitions must be Binarema's (purchases and updates),
    contracts must name their program, a tax form must be a modelo number."""
    case = ctx.case
    found = [_version("request.version", case.request.version)]  # None: no problem
    for i, lic in enumerate(case.licences):
        found.append(_version(f"licences[{i}].version", lic.version))
        acq = lic.acquisition
        found.append(_version(f"licences[{i}].acquisition.upgraded_from", acq.upgraded_from))
        if acq.kind is AcquisitionKind.RENTAL:
            found.append(
                Problem(
                    f"licences[{i}].acquisition.kind",
                    "Binarema sells its programs and their updates; its terms have no rentals",
                    "error",
                )
            )
        old, new = major(acq.upgraded_from), major(lic.version)
        upgrade = acq.kind is AcquisitionKind.UPGRADE
        if upgrade and old is not None and new is not None and old >= new:
            found.append(
                Problem(
                    f"licences[{i}].acquisition.upgraded_from",
                    f"an update goes to a newer version: {acq.upgraded_from!r} is not older "
                    f"than the licence's version {lic.version!r}",
                    "error",
                )
            )
    if case.contracts:
        found += check_contracts(ctx)
    model = tax_model(ctx)
    if model is not None and not (model.isdigit() and len(model) == _TAX_MODEL_DIGITS):
        found.append(
            Problem(
                f"request.facts.{TAX_MODEL_FACT}",
                f'{model!r} is not a tax form number (a modelo de Hacienda such as "303")',
                "error",
            )
        )
    return [p for p in found if p is not None]
