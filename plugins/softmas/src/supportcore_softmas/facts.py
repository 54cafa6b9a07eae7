"""What a case says, assessed once: the licence in force on the day of the request ("vigente
al momento de solicitarlo"), the versions installed, the ticket's history; and the input the
rules cannot use, refused naming the field (or a warning), never guessed."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

import attrs

from supportcore import CATEGORIES, Context, Problem
from supportcore.model import AcquisitionKind, Case, Licence
from supportcore.periods import Period
from supportcore.versions import Version, VersionError

from .history import History, read_history
from .prepared import Prepared

#: Months of support a purchase gives, and an update adds (SM-COST-3, SM-COST-4).
SUPPORT_MONTHS = 12
#: The category of a remote session, which names a channel, not a problem (SM-CHAN-1).
REMOTE_SESSION = "remote_assistance"
Parsed = dict[str, Version | None]  # versions as written, parsed


@attrs.frozen
class LicencePeriod:
    licence: Licence
    period: Period

    @property
    def kind(self) -> AcquisitionKind:
        return self.licence.acquisition.kind


@attrs.frozen
class Facts:
    #: the request's category, or for a remote session the problem it is about
    #: (``request.facts.problem``; ``None`` when not said)
    topic: str | None
    current: LicencePeriod | None  #: the licence in force that day lasting longest
    lapsed: LicencePeriod | None  #: else the one that ended last (neither: no licence)
    installed: str | None  #: the installed version: the request's, else the licence's
    outdated: bool | None  #: older than the latest (``None``: either is not known)
    outdated_machines: tuple[str, ...]  #: machines of a network older than the latest
    history: History
    unreadable: tuple[tuple[str, str], ...]  #: versions that cannot be compared, by field

    @property
    def in_force(self) -> bool:
        return self.current is not None

    @property
    def lapsed_rental(self) -> bool:
        return self.lapsed is not None and self.lapsed.kind is AcquisitionKind.RENTAL


def assess(ctx: Context[Prepared, Facts]) -> Facts:
    req, prepared = ctx.request, ctx.prepared
    current, lapsed = licence_standing(ctx.case, ctx.received_on, prepared.stacked_updates)
    listed = req.facts.get("machine_versions", "").split(",")
    machines = tuple(v.strip() for v in listed if v.strip())
    given = [("request.version", req.version)]
    given += [(f"licences[{i}].version", lic.version) for i, lic in enumerate(ctx.case.licences)]
    given += [(f"request.facts.machine_versions[{k}]", v) for k, v in enumerate(machines)]
    parsed = {text: _version(text) for _, text in given if text is not None}
    period = current or lapsed
    installed = req.version or (period.licence.version if period is not None else None)
    history = read_history(
        ctx.timeline, prepared.waiting, ctx.at, req.facts.get("reopened_for") == "other_problem"
    )
    return Facts(
        req.category if req.category != REMOTE_SESSION else req.facts.get("problem"),
        current,
        lapsed,
        installed,
        *version_standing(installed, prepared.latest, machines, parsed),
        history,
        tuple((f, t) for f, t in given if t is not None and parsed[t] is None),
    )


def _version(text: str) -> Version | None:
    try:
        return Version.parse(text)
    except VersionError:
        return None


def version_standing(
    installed: str | None, latest: Version | None, machines: tuple[str, ...], parsed: Parsed
) -> tuple[bool | None, tuple[str, ...]]:
    """Older than the latest (``None``: either is unknown)? And which machines are?"""
    mine = parsed.get(installed) if installed is not None else None
    if latest is None or mine is None:
        return None, ()
    return mine < latest, tuple(m for m in machines if (v := parsed[m]) is None or v < latest)


def licence_standing(
    case: Case, on: date, stacked: bool
) -> tuple[LicencePeriod | None, LicencePeriod | None]:
    """A rental for its rented period, a purchase for 12 months, an update for 12 more months
    (after the support still running when ``stacked``): SM-COST-1…4."""
    current: LicencePeriod | None = None
    lapsed: LicencePeriod | None = None
    support_end: date | None = None  # the end of the purchases' and updates' support so far
    for lic in sorted(case.licences, key=lambda lic: lic.acquired_on):
        kind, start = lic.acquisition.kind, lic.acquired_on
        if lic.product != case.request.product:
            continue
        if lic.acquisition.rental_end is not None and kind is AcquisitionKind.RENTAL:
            p = LicencePeriod(lic, Period(start, lic.acquisition.rental_end))
        else:
            early = support_end is not None and support_end > start
            follows = early and stacked and kind is AcquisitionKind.UPGRADE
            start = support_end if follows and support_end is not None else start
            p = LicencePeriod(lic, Period.months_from(start, SUPPORT_MONTHS))
            support_end = max(support_end or p.period.end, p.period.end)
        if p.period.start <= on < p.period.end:
            if current is None or p.period.end > current.period.end:
                current = p
        elif p.period.end <= on and (lapsed is None or p.period.end > lapsed.period.end):
            lapsed = p
    return current, lapsed


#: The ``request.facts`` the rules read, with the values they take (none listed: any text).
FACTS: dict[str, tuple[str, ...]] = {
    "machine_versions": (),  # the versions of a network's machines, comma-separated
    "reopened_for": ("same_problem", "other_problem"),  # why a closed case was reopened
    "problem": (),  # what a remote session is about: a category
    "advisory_requested": ("yes", "no"),  # paid advisory work (asesoría) was asked for
}


def problems(ctx: Context[Prepared, Facts]) -> Iterator[Problem]:
    req, products, given = ctx.request, ctx.prepared.products, ctx.request.facts
    for field, product in [("request.product", req.product)] + [
        (f"licences[{i}].product", lic.product) for i, lic in enumerate(ctx.case.licences)
    ]:
        if products and product not in products:
            message = f"{product!r} is not a Softmás system ({', '.join(sorted(products))})"
            yield Problem(field, message, "error")
    for field, text in ctx.facts.unreadable:
        message = f"{text!r} is not a version Softmás's rules can compare (such as 2025.2)"
        yield Problem(field, message, "error")
    if "machine_versions" in given and req.environment.networked is False:
        message = "given for a request not networked; every listed machine is checked anyway"
        yield Problem("request.facts.machine_versions", message)
    if "reopened_for" in given and not ctx.timeline.reopenings:
        yield Problem("request.facts.reopened_for", "given, but the ticket has no reopened event")
    problem, categories = given.get("problem"), sorted({*CATEGORIES, *ctx.vendor.categories})
    if problem is not None and req.category != REMOTE_SESSION:
        yield Problem("request.facts.problem", f"read only for a {REMOTE_SESSION} request")
    elif problem is not None and (problem == REMOTE_SESSION or problem not in categories):
        message = f"{problem!r} is not the category of a problem ({', '.join(categories)})"
        yield Problem("request.facts.problem", message, "error")
    for key, value in given.items():
        allowed = FACTS.get(key)
        if allowed is None:
            message = f"not used by the softmas rules (known facts: {', '.join(FACTS)})"
            yield Problem(f"request.facts.{key}", message)
        elif allowed and value not in allowed:
            message = f"{value!r} is not one of {', '.join(allowed)}"
            yield Problem(f"request.facts.{key}", message, "error")
