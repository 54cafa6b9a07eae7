"""Input the rules cannot judge, each problem naming its field."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from datetime import date

from supportcore import Problem
from supportcore.model import EventKind
from supportcore.versions import Version, VersionError

from .facts import FACTS, PRODUCT, QUARTER_MONTHS, Ctx


def check_case(ctx: Ctx) -> list[Problem]:
    """Versions that cannot be compared, a notice without its channel or day, amounts in
    another currency, unknown or malformed request facts (errors); a version newer than the
    latest, a billing period other than 3 months, unknown facts, no licence (warnings)."""
    problems = [*_versions(ctx), *_amounts(ctx), *_facts(ctx.request.facts)]
    if not ctx.facts.licences:
        problems.append(
            Problem(
                "licences",
                f"no licence of the {PRODUCT}: the agreement is charged from its purchase and "
                "upgrades are priced on its cost",
            )
        )
    return problems


def _versions(ctx: Ctx) -> Iterator[Problem]:
    given = [("request.version", ctx.request.version)]
    given += [(f"licences[{i}].version", lic.version) for i, lic in enumerate(ctx.case.licences)]
    for field, text in given:
        if text is not None:
            try:
                Version.parse(text, field)
            except VersionError as exc:
                yield Problem(field, str(exc).removeprefix(f"{field}: "), "error")
    installed, latest = ctx.facts.installed, ctx.prepared.latest
    if installed is not None and latest is not None and installed > latest:
        yield Problem(
            ctx.facts.installed_from,
            f"version {installed} is newer than the latest version {latest} in the settings "
            "(juweliers.latest_version may be out of date)",
        )


def _amounts(ctx: Ctx) -> Iterator[Problem]:
    currency = ctx.vendor.currency
    for i, c in enumerate(ctx.case.contracts):
        path = f"contracts[{i}]"
        if c.product is not None and c.product != PRODUCT:
            yield Problem(f"{path}.product", f"{c.product!r} is not {PRODUCT!r}", "error")
        if c.cancellation_notice_on is not None and c.cancellation_channel is None:
            yield Problem(
                f"{path}.cancellation_channel",
                "a notice of cancellation needs its channel (letter, email or fax) to be judged",
                "error",
            )
        if c.cancellation_channel is not None and c.cancellation_notice_on is None:
            yield Problem(
                f"{path}.cancellation_notice_on",
                "a cancellation channel needs the day the notice was received",
                "error",
            )
        if c.price is not None and c.price.currency != currency:
            yield Problem(f"{path}.price", f"must be in {currency}", "error")
        if c.billing_months is not None and c.billing_months != QUARTER_MONTHS:
            yield Problem(
                f"{path}.billing_months",
                f"the terms invoice per {QUARTER_MONTHS} months; {c.billing_months} is ignored",
            )
    for i, lic in enumerate(ctx.case.licences):
        if lic.cost is not None and lic.cost.currency != currency:
            yield Problem(f"licences[{i}].cost", f"must be in {currency}", "error")
    timeline = ctx.timeline
    for i in timeline.indices(EventKind.PAYMENT):
        amount = timeline.events[i].amount
        if amount is not None and amount.currency != currency:
            yield Problem(f"ticket.events[{i}].amount", f"must be in {currency}", "error")


def _facts(facts: Mapping[str, str]) -> Iterator[Problem]:
    for key, value in facts.items():
        path = f"request.facts.{key}"
        allowed = FACTS.get(key, ())
        if key not in FACTS:
            yield Problem(path, f"not a fact the juweliers terms use ({', '.join(FACTS)}); ignored")
        elif allowed is None:
            try:
                date.fromisoformat(value.strip())
            except ValueError:
                yield Problem(path, f"{value!r} is not a date (YYYY-MM-DD)", "error")
        elif value not in allowed:
            yield Problem(path, f"{value!r} is not one of {', '.join(allowed)}", "error")
