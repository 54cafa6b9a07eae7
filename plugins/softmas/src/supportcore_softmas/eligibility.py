"""Who gets free technical support: a licence in force when asking (SM-COST-1…4, SM-LAPSE-1,
SM-LOST-1/2), a current version on every machine (SM-UPD-3/4, SM-OLD-1/2), an offered channel
(SM-CHAN-1); and the remedies the terms offer instead."""

from __future__ import annotations

from typing import Any

from supportcore import Context, Eligibility, EligibilityStatus, Money, Reason, Remedy
from supportcore.model import AcquisitionKind, Channel

from .answer import Answer
from .facts import Facts
from .prepared import Prepared

Ctx = Context[Prepared, Facts]
#: Requests that are themselves the cure of an outdated version, or a right of any licence in
#: force: the version rule does not apply to them (interpretation SM-I-UPDATES-INCLUDED).
VERSION_EXEMPT = frozenset({"new_version", "update_download", "licence_replacement"})
#: The channels SM-OLD-1 names for previous versions.
OLD_VERSION_CHANNELS = (Channel.PHONE, Channel.EMAIL, Channel.REMOTE)
IN_FORCE = {  # what makes a licence of each kind in force
    AcquisitionKind.RENTAL: ("SM-COST-1", "SM-COST-2"),
    AcquisitionKind.PURCHASE: ("SM-COST-1", "SM-COST-3"),
    AcquisitionKind.UPGRADE: ("SM-COST-1", "SM-COST-4"),
}


def _priced(ctx: Ctx, key: str, product: str) -> dict[str, Any]:
    """A remedy's price from a per-product ``money_table`` setting, or the missing setting."""
    price = ctx.price(key, product)
    if isinstance(price, Money):
        return {"price": price, "price_note": ctx.tax.note, "product": product}
    return {"missing": (price,), "product": product}


def update_remedy(ctx: Ctx, product: str) -> Remedy:
    """Buy an update: 12 more months of support and the latest version (SM-COST-4, SM-LAPSE-1)."""
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


def website_help(ctx: Ctx, *clauses: str) -> Remedy:
    return ctx.remedy(
        "website-help",
        "Consult the system's help and the help and operation videos on softmas.com.mx "
        "(available 24 hours).",
        *clauses,
    )


def replacement_right(ctx: Ctx) -> Reason:
    return ctx.reason(
        "replacement-right",
        "Replacing a lost licence is a right of a user whose licence is in force.",
        "SM-LOST-2",
    )


def entitlement(ctx: Ctx) -> Eligibility:
    """Free support needs an offered channel, a licence in force when asked and a current
    version, whatever the channel: the website is open to anyone, but free technical support
    asked through it still needs a licence in force (SM-COST-1)."""
    found = Answer(ctx)
    if ctx.request.channel not in ctx.vendor.channels:
        found.reason(
            "channel-not-offered",
            "Support is not given by {channel}: only by phone, online chat, e-mail (or ticket) "
            "and remote access to the computer.",
            "SM-CHAN-1",
            channel=ctx.request.channel,
        )
        found.remedy(
            "use-offered-channel",
            "Ask again by phone, chat, e-mail, ticket or remote access.",
            "SM-CHAN-1",
        )
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
    current = ctx.facts.standing.current
    until = current.period.last_day if current is not None else None
    return Eligibility(EligibilityStatus.ENTITLED, basis=basis, valid_until=until)


def _licence(found: Answer) -> tuple[Reason, ...]:
    """The licence on the day of the request: the basis, or the refusal and the remedies."""
    ctx: Ctx = found.ctx
    st = ctx.facts.standing
    said: dict[str, Any] = {"product": st.product, "day": st.on}
    if st.current is not None:
        basis = ctx.reason(
            "licence-in-force",
            "Licence of {product} in force on the day of the request ({day}): {period}.",
            *IN_FORCE[st.current.kind],
            period=st.current.words(),
            **said,
        )
        return (basis,)
    if ctx.facts.topic == "licence_replacement":  # no remedy (interpretation SM-I-LOST-LICENCE)
        found.reason(
            "lost-licence-not-replaced",
            "No licence of {product} was in force on the day of the request ({day}); a lost "
            "licence is not replaced under any circumstances once there is no support. "
            "Replacing it is a right only while the licence is in force.",
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
            "The rental of {product} ended before the request ({day}): support was given for "
            "{period}.",
            *("SM-COST-1", "SM-COST-2"),
            period=st.lapsed.words(),
            **said,
        )
        found.offer(rent_again(ctx, st.product))
    else:
        found.reason(
            "support-period-ended",
            "The support of {product} ended before the request ({day}): {period}. After the 12 "
            "months there is no right to technical support nor to updates until an update is "
            "paid for.",
            *("SM-COST-1", "SM-COST-3", "SM-LAPSE-1"),
            period=st.lapsed.words(),
            **said,
        )
        found.offer(update_remedy(ctx, st.product))
    found.offer(website_help(ctx, "SM-CHAN-2", "SM-HOURS-3", "SM-GUIDE-1"))
    return ()


def _version(found: Answer) -> Reason | None:
    """The version rule (interpretation SM-I-OUTDATED): refusals go into ``found``; the reason
    it cannot be applied is returned."""
    ctx: Ctx = found.ctx
    f, latest = ctx.facts, str(ctx.prepared.latest or "")
    if not latest:
        return ctx.reason(
            "latest-version-unknown",
            "Outdated versions get no technical support, but the latest version is not "
            "configured, so the version cannot be checked.",
            "SM-UPD-4",
            settings=("latest_version",),
        )
    if f.installed is None:
        found.remedy(
            "tell-version",
            "Tell Softmás which version is installed (on every machine, on a network).",
            *("SM-UPD-4", "SM-UPD-3"),
        )
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
            "Version {version} is outdated (the latest is {latest}): no technical support is "
            "given to outdated versions. Updates are announced by e-mail and the system itself "
            "offers to download them; not having the latest improvements is not Softmás's "
            "responsibility.",
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
    if f.standing.in_force:
        found.remedy(
            "install-latest-version",
            "Download and install version {latest} on every computer where the system is "
            "installed (included while the licence is in force).",
            *("SM-UPD-2", "SM-UPD-3", "SM-LAPSE-1"),
            latest=latest,
        )
    elif f.standing.lapsed is not None and not f.standing.lapsed_rental:
        found.offer(update_remedy(ctx, f.standing.product))
    # (an ended rental gets the latest version with a new rental period: its own remedy)
    found.offer(website_help(ctx, "SM-OLD-2"))
    return None
