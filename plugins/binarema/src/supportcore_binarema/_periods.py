"""Terms counted from the purchase of a program: the free SMART period (6 months from a
purchase, 3 from an update; BIN-FREE-1, BIN-CONTRACT-1, BIN-CONTRACT-3) and the 30-day material
warranty (BIN-EXCL-4-WARRANTY), counted as setting ``period_count`` says (interpretation
BIN-I-PERIOD)."""

from __future__ import annotations

import attrs

from supportcore import AcquisitionKind, Case, Context, Licence
from supportcore.periods import Period, TermCount, term_from

from . import _data as D

__all__ = ["FreePeriod", "free_period", "latest_licence", "term_count", "warranty_period"]


def latest_licence(case: Case, product: str) -> Licence | None:
    """The customer's most recently acquired licence of ``product`` (its purchase or update
    starts the free period)."""
    latest = None
    for lic in case.licences:  # the first of equally recent ones, as max() would pick
        if lic.product == product and (latest is None or lic.acquired_on > latest.acquired_on):
            latest = lic
    return latest


@attrs.frozen
class FreePeriod:
    """The free SMART period of one licence ("período SMART gratuito")."""

    licence: Licence
    period: Period
    months: int
    clauses: tuple[str, ...]

    @property
    def why(self) -> str:
        """``"6 months from the purchase on 2026-01-14"`` (worded only when a reason needs it)."""
        lic = self.licence
        acquired = lic.acquired_on.isoformat()
        if lic.acquisition.kind is AcquisitionKind.UPGRADE:
            source = lic.acquisition.upgraded_from
            frm = f" from version {source}" if source else ""
            return f"{self.months} months from the update{frm} on {acquired}"
        return f"{self.months} months from the purchase on {acquired}"


def term_count(ctx: Context) -> TermCount:
    """How terms counted from the purchase are counted: setting ``period_count``, by default
    as the Código Civil art. 5.1 does (interpretation BIN-I-PERIOD)."""
    return TermCount(ctx.settings.get("period_count") or TermCount.CIVIL_CODE)


def free_period(lic: Licence, count: TermCount) -> FreePeriod:
    """6 months from a purchase, 3 months from an update (BIN-FREE-1, BIN-CONTRACT-1,
    BIN-CONTRACT-3), counted by ``count`` (interpretation BIN-I-PERIOD)."""
    if lic.acquisition.kind is AcquisitionKind.UPGRADE:
        months = D.FREE_MONTHS_UPDATE
        clauses: tuple[str, ...] = ("BIN-FREE-1", "BIN-CONTRACT-3")
    else:
        months = D.FREE_MONTHS_PURCHASE
        clauses = ("BIN-FREE-1", "BIN-CONTRACT-1")
    return FreePeriod(lic, term_from(lic.acquired_on, months=months, count=count), months, clauses)


def warranty_period(lic: Licence, count: TermCount) -> Period:
    """The material warranty: the first 30 days from the purchase date, counted by ``count``
    (BIN-EXCL-4-WARRANTY, interpretation BIN-I-MATERIAL)."""
    return term_from(lic.acquired_on, days=D.WARRANTY_DAYS, count=count)
