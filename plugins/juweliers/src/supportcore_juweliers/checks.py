"""Input the rules cannot judge, each problem naming its field: errors refuse the case."""

from __future__ import annotations

from supportcore import Problem
from supportcore.versions import Version, VersionError

from .facts import FACTS, PRODUCT, QUARTER_MONTHS, Ctx, fact_date


def check_case(ctx: Ctx) -> list[Problem]:
    """Errors: versions not comparable, a notice without its channel or day, bad facts.
    Warnings: a version newer than the latest, other billing months, no licence."""
    case, found = ctx.case, list[Problem]()
    versions = [("request.version", ctx.request.version)]
    versions += [(f"licences[{i}].version", lic.version) for i, lic in enumerate(case.licences)]
    for field, text in versions:
        try:
            if text is not None:
                Version.parse(text, field)
        except VersionError as exc:
            found.append(Problem(field, str(exc).removeprefix(f"{field}: "), "error"))
    installed, latest = ctx.facts.installed, ctx.prepared.latest
    if installed is not None and latest is not None and installed > latest:
        why = f"version {installed} is newer than the latest version {latest} in the settings"
        why += " (juweliers.latest_version may be out of date)"
        found.append(Problem(ctx.facts.installed_from, why))
    for i, c in enumerate(case.contracts):
        at = f"contracts[{i}]"
        if c.product is not None and c.product != PRODUCT:
            found.append(Problem(f"{at}.product", f"{c.product!r} is not {PRODUCT!r}", "error"))
        if c.cancellation_notice_on is not None and c.cancellation_channel is None:
            why = "a notice of cancellation needs its channel (letter, email or fax) to be judged"
            found.append(Problem(f"{at}.cancellation_channel", why, "error"))
        if c.cancellation_channel is not None and c.cancellation_notice_on is None:
            why = "a cancellation channel needs the day the notice was received"
            found.append(Problem(f"{at}.cancellation_notice_on", why, "error"))
        if c.billing_months is not None and c.billing_months != QUARTER_MONTHS:
            why = f"the terms invoice per {QUARTER_MONTHS} months; {c.billing_months} is ignored"
            found.append(Problem(f"{at}.billing_months", why))
    for key, value in ctx.request.facts.items():
        at, allowed = f"request.facts.{key}", FACTS.get(key, ())
        if key not in FACTS:
            found.append(Problem(at, f"not a fact these terms use ({', '.join(FACTS)}); ignored"))
        elif allowed is not None and value not in allowed:
            found.append(Problem(at, f"{value!r} is not one of {', '.join(allowed)}", "error"))
        elif allowed is None and fact_date(value) is None:
            found.append(Problem(at, f"{value!r} is not a date (YYYY-MM-DD)", "error"))
    if not ctx.facts.licences:
        why = "the agreement is charged from its purchase and upgrades are priced on its cost"
        found.append(Problem("licences", f"no licence of the {PRODUCT}: {why}"))
    return found
