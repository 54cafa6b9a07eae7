"""FactuCont TPV 5 has no SMART of its own: its support follows FactuCont 5's, on the same
terms and dates, whatever TPV's purchase date (BIN-TPV-1, BIN-TPV-2; interpretation
BIN-I-TPV)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from supportcore import Context, Licence, Reason

from . import _data as D
from ._versions import major

if TYPE_CHECKING:
    from ._entitlement import Smart

__all__ = ["tpv_link", "tpv_linked"]


def tpv_linked(ctx: Context, lic: Licence | None) -> bool:
    """Whether the request is for FactuCont TPV 5 (or a TPV whose version is not given),
    whose support follows FactuCont 5's (BIN-TPV-1; interpretation BIN-I-TPV). ``lic`` is the
    requested program's :func:`latest_licence`."""
    if ctx.request.product != D.TPV:
        return False
    version = major(lic.version if lic is not None and lic.version else ctx.request.version)
    return version is None or version == D.LATEST_VERSION


def tpv_link(ctx: Context, fc: Smart) -> tuple[bool, list[Reason]]:
    """FactuCont TPV 5's support is FactuCont 5's support, whatever TPV's purchase date
    (BIN-TPV-1, BIN-TPV-2). Returns whether FactuCont qualifies, and the reasons."""
    fc_version = major(fc.licence.version) if fc.licence is not None else None
    if fc_version is not None and fc_version != D.LATEST_VERSION:
        return False, [
            ctx.reason(
                "tpv-needs-factucont-5",
                f"Support for FactuCont TPV 5 is linked to FactuCont 5, and the customer's "
                f"FactuCont is version {fc.licence.version if fc.licence else '?'}",
                "BIN-TPV-1",
                "BIN-TPV-2",
            )
        ]
    if fc.entitled:
        return True, [
            ctx.fixed_reason(
                "tpv-follows-factucont",
                "Support for FactuCont TPV 5 follows FactuCont 5's, on the same terms and dates, "
                "whatever TPV's purchase date",
                "BIN-TPV-1",
            )
        ]
    return True, [
        ctx.fixed_reason(
            "tpv-follows-factucont",
            "Support for FactuCont TPV 5 is available only with support for FactuCont 5 "
            "(whatever TPV's purchase date), and FactuCont 5 has none in force",
            "BIN-TPV-1",
            "BIN-TPV-2",
        )
    ]
