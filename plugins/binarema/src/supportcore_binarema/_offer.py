"""The SMART offer: what contracting or renewing SMART for a program costs now, before IVA
(BIN-FREE-2, BIN-PRICE-*), as quote lines and as the remedy "contract SMART".

Which yearly fee it is decides the price (BIN-PRICE-4..6): a renewal, or a customer who already
paid a SMART year, pays a second or later fee, the plain fee; the first year contracted before
the free period expires too; the first year contracted after it expired adds the activation
extra by the customer's version."""

from __future__ import annotations

from typing import TYPE_CHECKING, Final, Literal

import attrs

from supportcore import Context, MissingSetting, Money, PaymentState, Reason, Remedy

from . import _data as D
from ._contracts import fee_text
from ._versions import major

if TYPE_CHECKING:
    from ._entitlement import Smart

__all__ = [
    "FEE_BASIS",
    "FeeBasis",
    "Offer",
    "OfferLine",
    "activation_extra",
    "fee_basis",
    "offer_remedy",
    "smart_offer",
]

#: Which yearly fee contracting SMART now is (see the module docstring).
FeeBasis = Literal["renewal", "returning", "before_expiry", "first_year"]

#: FeeBasis → (the clause deciding the price, what the remedy's price note says).
FEE_BASIS: Final[dict[FeeBasis, tuple[str, str]]] = {
    "renewal": ("BIN-PRICE-4", "no activation extra: a second or later yearly fee"),
    "returning": (
        "BIN-PRICE-4",
        "no activation extra: the customer already paid a SMART year (a later yearly fee)",
    ),
    "before_expiry": (
        "BIN-PRICE-5",
        "no activation extra: contracted before the free period expires",
    ),
    "first_year": ("BIN-PRICE-6", "first year contracted after the free period expired"),
}


@attrs.frozen
class OfferLine:
    description: str
    price: Money
    clauses: tuple[str, ...]


@attrs.frozen
class Offer:
    """What contracting SMART for ``product`` costs now, before IVA (BIN-FREE-2, BIN-PRICE-*)."""

    product: str
    lines: tuple[OfferLine, ...]
    missing: tuple[MissingSetting, ...]
    notes: tuple[Reason, ...]  #: why the price is incomplete (facts the case lacks)
    basis: FeeBasis
    extra_due: bool
    fee_known: bool  #: the edition is known, so the yearly fee is priced

    @property
    def clause(self) -> str:
        """The clause that decides which price applies (BIN-PRICE-4, -5 or -6)."""
        return "BIN-PRICE-6" if self.extra_due else FEE_BASIS[self.basis][0]

    @property
    def complete(self) -> bool:
        return not self.missing and not self.notes

    def subtotal(self, currency: str) -> Money | None:
        if not self.lines:
            return None
        total = Money.zero(currency)
        for line in self.lines:
            total = total + line.price
        return total


def fee_basis(smart: Smart) -> FeeBasis:
    """Which yearly fee contracting SMART for ``smart.product`` today would be: a renewal of a
    contract in force, a customer coming back after an earlier contract ended (a paid one:
    interpretation BIN-I-RETURNING), the first year before the free period expires, or the
    first year after it."""
    if smart.active_contracts:
        return "renewal"
    if smart.free_running:
        return "before_expiry"
    if any(
        s.status == "ended" and s.contract.payment is PaymentState.PAID for s in smart.contracts
    ):
        return "returning"
    return "first_year"


def smart_offer(ctx: Context, smart: Smart) -> Offer:
    """The price of contracting (or renewing) SMART today: the yearly fee of the edition
    (BIN-PRICE-1/2), plus, for the first year contracted after the free period expired, the
    activation extra by the customer's version (BIN-PRICE-6; interpretation BIN-I-EXTRA); a
    renewal or a returning customer pays the plain fee (BIN-PRICE-4; setting
    ``returning_customer_fee``), and so does the first year contracted before the free period
    expires (BIN-PRICE-5). Worked out once per case: the remedy and the quote both show it."""
    key = f"binarema:offer:{smart.product}"  # one Smart per program and case (assess)
    offer: Offer | None = ctx.memo.get(key)
    if offer is None:
        offer = ctx.memo[key] = _smart_offer(ctx, smart)
    return offer


def _smart_offer(ctx: Context, smart: Smart) -> Offer:
    lines: list[OfferLine] = []
    notes: list[Reason] = []
    missing: list[MissingSetting] = []
    edition = smart.edition
    if edition is None:
        fee, fee_clauses = fee_text(None)
        notes.append(
            ctx.fixed_reason(
                "edition-unknown",
                f"The {smart.product} licence's edition is not recorded (licences[].edition): "
                f"the yearly fee is {fee}",
                *fee_clauses,
            )
        )
    else:
        amount, clause = D.YEARLY_FEE[edition]
        lines.append(
            OfferLine(
                f"SMART yearly fee, {smart.product} {D.EDITION_NAMES[edition]}",
                ctx.money(amount),
                ("BIN-FREE-2", clause),
            )
        )
    basis = fee_basis(smart)
    extra_due = basis == "first_year" or (
        basis == "returning" and ctx.settings.get("returning_customer_fee") == "activation_extra"
    )
    if extra_due:
        line, miss, note = activation_extra(ctx, smart)
        if line is not None:
            lines.append(line)
        if miss is not None:
            missing.append(miss)
        if note is not None:
            notes.append(note)
    return Offer(
        smart.product,
        tuple(lines),
        tuple(missing),
        tuple(notes),
        basis,
        extra_due,
        edition is not None,
    )


def customer_version(ctx: Context, smart: Smart) -> str | None:
    """The version the customer has of ``smart.product``: the licence's, or the installed one
    the request gives for that program."""
    if smart.licence is not None and smart.licence.version:
        return smart.licence.version
    if ctx.request.product == smart.product:
        return ctx.request.version
    return None


def activation_extra(
    ctx: Context, smart: Smart
) -> tuple[OfferLine | None, MissingSetting | None, Reason | None]:
    """The first-year activation extra for SMART contracted after the free period expired: an
    amount by the customer's version that the terms do not give (setting
    ``activation_extra_by_version``; BIN-PRICE-6)."""
    key = "activation_extra_by_version"
    table = ctx.settings.get(key)
    version = major(customer_version(ctx, smart))
    note: Reason | None = None
    if version is None:
        note = ctx.fixed_reason(
            "version-unknown",
            f"The first-year activation extra depends on the age of the customer's "
            f"{smart.product} version, which is not recorded (licences[].version)",
            "BIN-PRICE-6",
        )
        return None, (ctx.missing(key) if table is None else None), note
    if table is None or str(version) not in table:
        if table is not None:
            note = ctx.reason(
                "activation-extra-unknown",
                f"No first-year activation extra is configured for version {version} "
                f'(setting binarema.{key}["{version}"])',
                "BIN-PRICE-6",
            )
        return None, ctx.missing(key), note
    price: Money = table[str(version)]
    line = OfferLine(
        f"First-year activation extra (version {version}; SMART contracted after the free "
        "period expired)",
        price,
        ("BIN-PRICE-6",),
    )
    return line, None, None


def offer_remedy(ctx: Context, offer: Offer) -> Remedy:
    """The remedy "contract SMART" with its price before IVA (or what prices it)."""
    subtotal = offer.subtotal(ctx.vendor.currency)
    notes = ["+IVA"]
    if offer.extra_due:
        if any(line.clauses == ("BIN-PRICE-6",) for line in offer.lines):
            notes.append("includes the first-year activation extra")
        else:
            notes.append("plus the first-year activation extra, not priced")
    else:
        notes.append(FEE_BASIS[offer.basis][1])
    notes += [n.message for n in offer.notes]
    clauses = ["BIN-FREE-2", "BIN-PRICE-3"]
    for line in offer.lines:
        clauses += [c for c in line.clauses if c not in clauses]
    if offer.clause not in clauses:
        clauses.append(offer.clause)
    return Remedy(
        code="contract-smart",
        description=f"Contract SMART for {offer.product} (yearly, renews automatically); "
        f"call {D.PHONE} or write to {D.EMAIL}",
        price=subtotal if offer.fee_known else None,
        price_note="; ".join(notes),
        missing=offer.missing,
        citations=ctx.cite(*clauses),
    )
