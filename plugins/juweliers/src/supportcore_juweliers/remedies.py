"""What the terms offer instead, priced from the settings."""

from __future__ import annotations

from supportcore import MissingSetting, Money, Remedy
from supportcore.tables.pricing import remedy as listed_remedy
from supportcore.wording import words

from .facts import QUARTER_MONTHS, Ctx, State

AFTER_CANCEL = ("JUW-AFTER-CANCEL", "JUW-AFTER-CANCEL-ALL-CHANNELS")


def note(*parts: str) -> str:
    """A price note in parts ("per hour", "+ BTW 21 %")."""
    return ", ".join(p for p in parts if p)


def tariff(ctx: Ctx, key: str) -> tuple[Money | None, tuple[MissingSetting, ...]]:
    """A money setting, or the missing setting."""
    price = ctx.price(key)
    return (price, ()) if isinstance(price, Money) else (None, (price,))


def phone(ctx: Ctx) -> Remedy:
    return ctx.remedy("use-phone-help", "Call the telephone help about the package", "JUW-PHONE")


def link(ctx: Ctx) -> Remedy:
    return ctx.remedy("use-internet-link", "Ask for help over the internet link", "JUW-LINK")


def pack(ctx: Ctx) -> Remedy:
    price, missing = tariff(ctx, "communication_pack_price")
    return ctx.remedy(
        "buy-communication-pack",
        "Buy the communication pack ({module}) for the internet link",
        "JUW-LINK",
        price=price,
        price_note=ctx.tax.note,
        missing=missing,
        module=ctx.prepared.communication_module,
    )


def regie(ctx: Ctx) -> Remedy:
    """Every service without the agreement (JUW-AFTER-CANCEL)."""
    price, missing = tariff(ctx, "regie_hourly_rate")
    return ctx.remedy(
        "regie-help",
        "Help at the regie rate, phone and internet help included",
        *AFTER_CANCEL,
        price=price,
        price_note=note(ctx.say("per hour, minimum 1 hour per intervention"), ctx.tax.note),
        missing=missing,
    )


def excluded_work(ctx: Ctx) -> Remedy:
    """Work the agreement does not cover (JUW-EXCLUDED-REGIE): the ``[[remedies]]`` row."""
    return listed_remedy(ctx.tables, ctx, ctx.tables.remedies["regie-rate"])


def agreement(ctx: Ctx) -> Remedy:
    """Taking out the agreement: a quarter of the monthly amount (JUW-FEE-SOFTWARE), charged
    from the purchase for a customer who never had one (JUW-BILLED-FROM-PURCHASE)."""
    f = ctx.facts
    assert f.fee is not None  # (assessed whenever no agreement is in force)
    ids = ["JUW-FEE", "JUW-FEE-SOFTWARE"]
    per = ctx.say("per quarter (3 × the monthly amount: {how})", how=f.fee.how)
    if f.agreement.state in (State.NONE, State.NOT_STARTED) and f.charged is not None:
        ids.append("JUW-BILLED-FROM-PURCHASE")
        per = note(per, ctx.say("charged from {charged}", charged=f.charged.words))
    return ctx.remedy(
        "take-agreement",
        "Take out the assistance agreement: free upgrades, further training, phone help and "
        "internet help for a fixed monthly amount",
        *ids,
        price=None if f.fee.amount is None else f.fee.amount * QUARTER_MONTHS,
        price_note=note(per, ctx.tax.note),
        missing=f.fee.missing,
    )


def upgrade(ctx: Ctx) -> Remedy:
    """Buying the upgrade to the latest version (JUW-ADAPTATION-UPGRADE, JUW-UPGRADE-PRICE)."""
    up = ctx.facts.upgrade
    assert up is not None  # (assessed whenever an upgrade must be bought)
    return ctx.remedy(
        "buy-upgrade",
        "Buy an upgrade to the latest version (only the latest version is supported)",
        "JUW-ADAPTATION-UPGRADE",
        "JUW-LATEST-ONLY",
        "JUW-UPGRADE-PRICE",
        price=up.amount,
        price_note=note(words(up.how, ctx.language), ctx.tax.note),
        missing=up.missing,
    )
