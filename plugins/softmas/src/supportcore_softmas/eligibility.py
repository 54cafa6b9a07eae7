"""Who gets free technical support: a licence in force when asking, a current version on every
machine, an offered channel; and the remedies the terms offer instead."""

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
#: What puts a licence of each kind in force, besides SM-COST-1.
IN_FORCE = {AcquisitionKind.RENTAL: "SM-COST-2", AcquisitionKind.PURCHASE: "SM-COST-3"}


def priced(ctx: Ctx, remedy_id: str, key: str, product: str) -> Remedy:
    """``buy-update`` or ``rent-again``, priced from a per-product ``money_table`` setting."""
    price = ctx.price(key, product)
    if isinstance(price, Money):
        return ctx.listed_remedy(remedy_id, price=price, price_note=ctx.tax.note, product=product)
    return ctx.listed_remedy(remedy_id, missing=(price,), product=product)


def update_remedy(ctx: Ctx, product: str) -> Remedy:
    return priced(ctx, "buy-update", "update_price", product)


def rent_again(ctx: Ctx, product: str) -> Remedy:
    return priced(ctx, "rent-again", "rental_price", product)


def entitlement(ctx: Ctx) -> Eligibility:
    """The website is open to anyone, but free support asked through it, as through any
    channel, needs a licence in force (SM-COST-1)."""
    found = Answer(ctx)
    if ctx.request.channel not in ctx.vendor.channels:
        found.reason("channel-not-offered", channel=ctx.request.channel)
        found.offer(ctx.listed_remedy("use-offered-channel"))
    basis = _licence(found)
    unknown = _version(found) if ctx.facts.topic not in VERSION_EXEMPT else None
    remedies = tuple(found.remedies)
    if found.reasons:
        reasons = (*found.reasons, unknown) if unknown is not None else tuple(found.reasons)
        return Eligibility(EligibilityStatus.NOT_ENTITLED, basis, reasons, remedies=remedies)
    if unknown is not None:
        return Eligibility(EligibilityStatus.UNDETERMINED, basis, (unknown,), remedies=remedies)
    if ctx.facts.topic == "licence_replacement":
        basis = (*basis, ctx.listed_reason("replacement-right"))
    current = ctx.facts.current
    until = current.period.last_day if current is not None else None
    return Eligibility(EligibilityStatus.ENTITLED, basis=basis, valid_until=until)


def _licence(found: Answer) -> tuple[Reason, ...]:
    """The licence on the day of the request: the basis, or the refusal and the remedies."""
    ctx: Ctx = found.ctx
    st, product = ctx.facts, ctx.request.product
    said: dict[str, Any] = {"product": product, "day": ctx.received_on}
    if st.current is not None:
        by_kind = IN_FORCE.get(st.current.kind, "SM-COST-4")
        return (ctx.listed_reason("licence-in-force", by_kind, period=st.current.period, **said),)
    if ctx.facts.topic == "licence_replacement":  # no remedy (interpretation SM-I-LOST-LICENCE)
        found.reason("lost-licence-not-replaced", **said)
        return ()
    if st.lapsed is None:
        found.reason("no-licence", **said)
    elif st.lapsed_rental:
        found.reason("rental-ended", period=st.lapsed.period, **said)
        found.offer(rent_again(ctx, product))
    else:
        found.reason("support-period-ended", period=st.lapsed.period, **said)
        found.offer(update_remedy(ctx, product))
    found.offer(ctx.listed_remedy("website-help"))
    return ()


def _version(found: Answer) -> Reason | None:
    """Refusals go into ``found``; why the rule cannot be applied is returned (SM-I-OUTDATED)."""
    ctx: Ctx = found.ctx
    f, latest = ctx.facts, str(ctx.prepared.latest or "")
    if not latest:
        return ctx.listed_reason("latest-version-unknown")
    if f.installed is None:
        found.offer(ctx.listed_remedy("tell-version"))
        return ctx.listed_reason("version-unknown", latest=latest)
    if f.outdated:
        by_staff = ctx.request.channel in OLD_VERSION_CHANNELS  # (SM-OLD-1)
        rule = "outdated-version-by-staff" if by_staff else "outdated-version"
        found.reason(rule, version=f.installed, latest=latest)
    if f.outdated_machines:
        found.reason("network-machine-outdated", versions=f.outdated_machines, latest=latest)
    if not (f.outdated or f.outdated_machines):
        return None
    if f.in_force:
        found.offer(ctx.listed_remedy("install-latest-version"))
    elif f.lapsed is not None and not f.lapsed_rental:
        found.offer(update_remedy(ctx, ctx.request.product))
    # (an ended rental gets the latest version with a new rental period: its own remedy)
    found.offer(ctx.listed_remedy("website-help-for-old-versions"))
    return None
