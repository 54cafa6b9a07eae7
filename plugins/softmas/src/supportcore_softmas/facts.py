"""What a case says, assessed once: the licence in force on the day of the request ("vigente
al momento de solicitarlo"), the versions installed, what the request is about, what the
ticket's closings make of the case and the answer due to an e-mail or ticket."""

from __future__ import annotations

from datetime import date

import attrs

from supportcore import Context
from supportcore.model import AcquisitionKind, Case, Licence
from supportcore.periods import Period
from supportcore.tables import ServiceTargets
from supportcore.versions import Version, VersionError
from supportcore.wording import Phrase, phrase

from .history import History, read_history
from .prepared import Prepared

#: Months of support a purchase gives, and an update adds (SM-COST-3, SM-COST-4).
SUPPORT_MONTHS = 12
#: The category of a remote session, which names a channel, not a problem (SM-CHAN-1).
REMOTE_SESSION = "remote_assistance"


@attrs.frozen
class LicencePeriod:
    """One licence and the days it is in force."""

    licence: Licence
    period: Period
    stacked: bool = False  #: an update bought early, following the support then running

    @property
    def kind(self) -> AcquisitionKind:
        return self.licence.acquisition.kind

    def words(self) -> Phrase:
        bought, until = self.licence.acquired_on, self.period.last_day
        if self.kind is AcquisitionKind.RENTAL:
            return phrase("the rented period {period}", period=self.period)
        if self.kind is AcquisitionKind.PURCHASE:
            return phrase(
                "12 months from the purchase on {bought}, until {until}", bought=bought, until=until
            )
        if self.stacked:
            return phrase(
                "12 more months of support from the update bought on {bought}, following the "
                "support then running: {period}",
                bought=bought,
                period=self.period,
            )
        return phrase(
            "12 months of support from the update bought on {bought}, until {until}",
            bought=bought,
            until=until,
        )


@attrs.frozen
class LicenceStanding:
    """The requested product's licences on the day of the request: ``current`` is the one in
    force lasting longest, ``lapsed`` the one that ended last; neither: no licence."""

    product: str
    on: date
    current: LicencePeriod | None
    lapsed: LicencePeriod | None

    @property
    def in_force(self) -> bool:
        return self.current is not None

    @property
    def lapsed_rental(self) -> bool:
        return self.lapsed is not None and self.lapsed.kind is AcquisitionKind.RENTAL


@attrs.frozen
class Facts:
    #: the request's category, or for a remote session the problem it is about
    #: (``request.facts.problem``; ``None`` when not said)
    topic: str | None
    standing: LicenceStanding
    installed: str | None  #: the installed version: the request's, else the licence's
    outdated: bool | None  #: older than the latest (``None``: either is not known)
    outdated_machines: tuple[str, ...]  #: machines of a network older than the latest
    history: History
    #: the answer due to an e-mail or ticket (SM-HOURS-2): from the receipt, or from the last
    #: reopening of a closed case; none on a closed case
    response: ServiceTargets
    unreadable: tuple[tuple[str, str], ...]  #: versions that cannot be compared, by field


def assess(ctx: Context[Prepared, Facts]) -> Facts:
    req, prepared = ctx.request, ctx.prepared
    standing = licence_standing(ctx.case, ctx.received_on, prepared.stacked_updates)
    listed = req.facts.get("machine_versions", "").split(",")
    machines = tuple(v.strip() for v in listed if v.strip())
    given = [("request.version", req.version)]
    given += [(f"licences[{i}].version", lic.version) for i, lic in enumerate(ctx.case.licences)]
    given += [(f"request.facts.machine_versions[{k}]", v) for k, v in enumerate(machines)]
    period = standing.current or standing.lapsed
    installed = req.version or (period.licence.version if period is not None else None)
    history = read_history(
        ctx.timeline, prepared.waiting, ctx.at, req.facts.get("reopened_for") == "other_problem"
    )
    if history.is_closed:
        response = ServiceTargets()
    elif history.reopened is not None:
        response = ctx.service_targets(start=ctx.local(history.reopened.event.at))
    else:
        response = ctx.service_targets()
    return Facts(
        req.category if req.category != REMOTE_SESSION else req.facts.get("problem"),
        standing,
        installed,
        *version_standing(installed, prepared.latest, machines),
        history,
        response,
        tuple((f, t) for f, t in given if t is not None and _version(t) is None),
    )


def _version(text: str) -> Version | None:
    try:
        return Version.parse(text)
    except VersionError:
        return None


def version_standing(
    installed: str | None, latest: Version | None, machines: tuple[str, ...]
) -> tuple[bool | None, tuple[str, ...]]:
    """Whether the installed version is older than the latest (``None``: either is not known),
    and the machines of a network that are (SM-UPD-3, SM-UPD-4)."""
    mine = _version(installed) if installed is not None else None
    if latest is None or mine is None:
        return None, ()
    return mine < latest, tuple(m for m in machines if (v := _version(m)) is None or v < latest)


def licence_standing(case: Case, on: date, stacked: bool) -> LicenceStanding:
    """The licences of the requested product on the local date ``on`` (SM-COST-1…4): a rental
    for its rented period, a purchase for 12 months, an update for 12 more months (after the
    support still running when ``stacked``)."""
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
            p = LicencePeriod(lic, Period.months_from(start, SUPPORT_MONTHS), follows)
            support_end = max(support_end or p.period.end, p.period.end)
        if p.period.start <= on < p.period.end:
            if current is None or p.period.end > current.period.end:
                current = p
        elif p.period.end <= on and (lapsed is None or p.period.end > lapsed.period.end):
            lapsed = p
    return LicenceStanding(case.request.product, on, current, lapsed)
