"""Who gets free technical support: a licence in force when asking, a current version on every
machine, an offered channel; and the remedies the terms offer instead."""

from __future__ import annotations

from typing import Any

from supportcore import Context, Eligibility, EligibilityStatus, Money, Reason, Remedy
from supportcore.model import AcquisitionKind, Channel
from supportcore.tables.pricing import remedy

from .answer import Answer
from .facts import Facts
from .prepared import Prepared

Ctx = Context[Prepared, Facts]
#: Requests that are themselves the cure of an outdated version, or a right of any licence in
#: force: the version rule does not apply to them (interpretation SM-I-UPDATES-INCLUDED).
VERSION_EXEMPT = frozenset({"new_version", "update_download", "licence_replacement"})
#: The channels SM-OLD-1 names for previous versions.
OLD_VERSION_CHANNELS = (Channel.PHONE, Channel.EMAIL, Channel.REMOTE)
#: What puts a licence of each kind in force, besides SM-COST-1.
IN_FORCE = {AcquisitionKind.RENTAL: "SM-COST-2", AcquisitionKind.PURCHASE: "SM-COST-3"}


def _priced(ctx: Ctx, key: str, product: str) -> dict[str, Any]:
    """A remedy's price from a per-product ``money_table`` setting, or the missing setting."""
    price = ctx.price(key, product)
    if isinstance(price, Money):
        return {"price": price, "price_note": ctx.tax.note, "product": product}
    return {"missing": (price,), "product": product}


def update_remedy(ctx: Ctx, product: str) -> Remedy:
    return ctx.remedy(
        "buy-update",
        "Buy the update (actualización) of {product}: it includes 12 more months of support and "
        "the latest version.",
        *("SM-COST-4", "SM-LAPSE-1"),
        **_priced(ctx, "update_price", product),
    )


def rent_again(ctx: Ctx, product: str) -> Remedy:
    return ctx.remedy(
        "rent-again",
        "Rent {product} for a new period: support is given for the rented period.",
        "SM-COST-2",
        **_priced(ctx, "rental_price", product),
    )


def listed_remedy(ctx: Ctx, remedy_id: str) -> Remedy:
    """A ``[[remedies]]`` row of the terms, as the core words and prices it."""
    return remedy(ctx.tables, ctx, ctx.tables.remedies[remedy_id])


def replacement_right(ctx: Ctx) -> Reason:
    return ctx.reason(
        "replacement-right",
        "Replacing a lost licence is a right of a user whose licence is in force.",
        "SM-LOST-2",
    )


def entitlement(ctx: Ctx) -> Eligibility:
    """The website is open to anyone, but free support asked through it, as through any
    channel, needs a licence in force (SM-COST-1)."""
    found = Answer(ctx)
    if ctx.request.channel not in ctx.vendor.channels:
        found.reason(
            "channel-not-offered",
            "Support is given by phone, chat, e-mail, ticket and remote access, not by {channel}.",
            "SM-CHAN-1",
            channel=ctx.request.channel,
        )
        found.offer(listed_remedy(ctx, "use-offered-channel"))
    basis = _licence(found)
    unknown = _version(found) if ctx.facts.topic not in VERSION_EXEMPT else None
    remedies = tuple(found.remedies)
    if found.reasons:
        reasons = (*found.reasons, unknown) if unknown is not None else tuple(found.reasons)
        return Eligibility(EligibilityStatus.NOT_ENTITLED, basis, reasons, remedies=remedies)
    if unknown is not None:
        return Eligibility(EligibilityStatus.UNDETERMINED, basis, (unknown,), remedies=remedies)
    if ctx.facts.topic == "licence_replacement":
        basis = (*basis, replacement_right(ctx))
    current = ctx.facts.current
    until = current.period.last_day if current is not None else None
    return Eligibility(EligibilityStatus.ENTITLED, basis=basis, valid_until=until)


def _licence(found: Answer) -> tuple[Reason, ...]:
    """The licence on the day of the request: the basis, or the refusal and the remedies."""
    ctx: Ctx = found.ctx
    st, product = ctx.facts, ctx.request.product
    said: dict[str, Any] = {"product": product, "day": ctx.received_on}
    if st.current is not None:
        basis = ctx.reason(
            "licence-in-force",
            "Licence of {product} in force on the day of the request ({day}), {period}.",
            *("SM-COST-1", IN_FORCE.get(st.current.kind, "SM-COST-4")),
            period=st.current.period,
            **said,
        )
        return (basis,)
    if ctx.facts.topic == "licence_replacement":  # no remedy (interpretation SM-I-LOST-LICENCE)
        found.reason(
            "lost-licence-not-replaced",
            "No licence of {product} was in force on the day of the request ({day}): a lost "
            "licence is replaced only while the licence is in force, never after.",
            *("SM-LOST-1", "SM-LOST-2"),
            **said,
        )
        return ()
    if st.lapsed is None:
        found.reason(
            "no-licence",
            "The customer had no licence of {product} on the day of the request ({day}); free "
            "support is only for users whose licence is in force when they ask.",
            "SM-COST-1",
            **said,
        )
    elif st.lapsed_rental:
        found.reason(
            "rental-ended",
            "The rental of {product}, {period}, ended before the request ({day}).",
            *("SM-COST-1", "SM-COST-2"),
            period=st.lapsed.period,
            **said,
        )
        found.offer(rent_again(ctx, product))
    else:
        found.reason(
            "support-period-ended",
            "The support of {product}, {period}, ended before the request ({day}): no right to "
            "support or updates until an update is paid for.",
            *("SM-COST-1", "SM-COST-3", "SM-LAPSE-1"),
            period=st.lapsed.period,
            **said,
        )
        found.offer(update_remedy(ctx, product))
    found.offer(listed_remedy(ctx, "website-help"))
    return ()


def _version(found: Answer) -> Reason | None:
    """Refusals go into ``found``; why the rule cannot be applied is returned (SM-I-OUTDATED)."""
    ctx: Ctx = found.ctx
    f, latest = ctx.facts, str(ctx.prepared.latest or "")
    if not latest:
        return ctx.reason(
            "latest-version-unknown",
            "The latest version is not configured, so whether this one is outdated is unknown.",
            "SM-UPD-4",
            settings=("latest_version",),
        )
    if f.installed is None:
        found.offer(listed_remedy(ctx, "tell-version"))
        return ctx.reason(
            "version-unknown",
            "Outdated versions get no technical support, and the installed version is not "
            "known; the latest is {latest}.",
            "SM-UPD-4",
            latest=latest,
        )
    if f.outdated:
        old = ("SM-OLD-1",) if ctx.request.channel in OLD_VERSION_CHANNELS else ()
        found.reason(
            "outdated-version",
            "Version {version} is outdated (the latest is {latest}): outdated versions get no "
            "technical support. Updates are announced by e-mail and offered by the system.",
            *("SM-UPD-4", *old, "SM-UPD-1", "SM-UPD-2", "SM-UPD-5"),
            version=f.installed,
            latest=latest,
        )
    if f.outdated_machines:
        found.reason(
            "network-machine-outdated",
            "On a network every computer where the system is installed must be updated; "
            "machines run {versions} (the latest is {latest}).",
            *("SM-UPD-3", "SM-UPD-4"),
            versions=f.outdated_machines,
            latest=latest,
        )
    if not (f.outdated or f.outdated_machines):
        return None
    if f.in_force:
        found.offer(listed_remedy(ctx, "install-latest-version"))
    elif f.lapsed is not None and not f.lapsed_rental:
        found.offer(update_remedy(ctx, ctx.request.product))
    # (an ended rental gets the latest version with a new rental period: its own remedy)
    found.offer(listed_remedy(ctx, "website-help-for-old-versions"))
    return None
