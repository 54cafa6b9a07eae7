"""Where a customer stands: is a licence in force ("vigente"), is the installed version current?

Pure functions over the case's facts and the plugin's settings; the hooks turn them into
reasons citing the clauses. Kept apart from the hooks because eligibility, coverage and
pricing all need the same answers.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date
from functools import lru_cache

import attrs

from supportcore.model import AcquisitionKind, Case, Licence
from supportcore.periods import Period

__all__ = [
    "LicenceStanding",
    "VersionStanding",
    "licence_standing",
    "machine_versions",
    "parse_version",
    "topic",
    "version_standing",
]

#: Months of support a purchase gives, and an update adds (SM-COST-3, SM-COST-4).
SUPPORT_MONTHS = 12

_VERSION = re.compile(r"^[vV]?(\d+(?:\.\d+)*)$")


@lru_cache(maxsize=1024)  # the same few version strings recur in every case
def parse_version(text: str) -> tuple[int, ...] | None:
    """A version as comparable numbers ("2025.10" > "2025.9"; "5.0" == "5"), or ``None``.

    Accepted: numbers separated by dots, optionally preceded by "v". Anything else cannot be
    compared with the latest version and is refused as bad input by the plugin.
    """
    m = _VERSION.match(text.strip())
    if m is None:
        return None
    parts = [int(p) for p in m.group(1).split(".")]
    while len(parts) > 1 and parts[-1] == 0:
        parts.pop()
    return tuple(parts)


def machine_versions(case: Case) -> tuple[str, ...]:
    """The versions installed on each machine of a network (``request.facts.machine_versions``,
    comma-separated), as given."""
    raw = case.request.facts.get("machine_versions")
    if not raw:  # the usual case: not a network, or not given
        return ()
    return tuple(v.strip() for v in raw.split(",") if v.strip())


#: The category of a remote session, which names a channel, not a problem (SM-CHAN-1).
REMOTE_SESSION = "remote_assistance"


def topic(case: Case) -> str | None:
    """What the request is about, for the rules: its category, or for a remote session
    (category ``remote_assistance``) the problem it is about (``request.facts.problem``, a
    category), ``None`` when the case does not say."""
    req = case.request
    if req.category != REMOTE_SESSION:
        return req.category
    return req.facts.get("problem")


@attrs.frozen
class LicencePeriod:
    """One licence and the days it is in force."""

    licence: Licence
    period: Period
    stacked_from: date | None = None  #: an update bought early starts when the previous ends

    @property
    def kind(self) -> AcquisitionKind:
        return self.licence.acquisition.kind

    def describe(self) -> str:
        lic = self.licence
        last = self.period.last_day.isoformat()
        if self.kind is AcquisitionKind.RENTAL:
            return f"rented period from {lic.acquired_on.isoformat()} to {last} inclusive"
        if self.kind is AcquisitionKind.UPGRADE:
            if self.stacked_from is not None:
                return (
                    f"12 more months of support from the update bought on "
                    f"{lic.acquired_on.isoformat()}, following the support then running: "
                    f"from {self.stacked_from.isoformat()} to {last} inclusive"
                )
            return (
                f"12 months of support from the update bought on "
                f"{lic.acquired_on.isoformat()}, until {last}"
            )
        return f"12 months from the purchase on {lic.acquired_on.isoformat()}, until {last}"


@attrs.frozen
class LicenceStanding:
    """The customer's licences for the requested product, judged on the day of the request.

    ``current`` is the licence in force that day (the one lasting longest), ``lapsed`` the most
    recent one that had ended by then; both ``None`` means no licence at all that day.
    """

    product: str
    on: date
    current: LicencePeriod | None
    lapsed: LicencePeriod | None

    @property
    def in_force(self) -> bool:
        return self.current is not None


@lru_cache(maxsize=4096)  # the same purchase and update dates recur across cases; immutable
def _support_period(start: date) -> Period:
    """The 12 months of support from ``start`` (SM-COST-3, SM-COST-4)."""
    return Period.months_from(start, SUPPORT_MONTHS)


def _periods(licences: Sequence[Licence], stacked: bool) -> list[LicencePeriod]:
    """Each licence's period; updates follow the support still running when ``stacked``."""
    out: list[LicencePeriod] = []
    support_end: date | None = None  # end of purchase/update support so far
    for lic in sorted(licences, key=lambda x: x.acquired_on):
        kind = lic.acquisition.kind
        if kind is AcquisitionKind.RENTAL:
            end = lic.acquisition.rental_end
            assert end is not None  # the model refuses a rental without its end
            out.append(LicencePeriod(lic, Period(lic.acquired_on, end)))
            continue
        start, stacked_from = lic.acquired_on, None
        if (
            kind is AcquisitionKind.UPGRADE
            and stacked
            and support_end is not None
            and support_end > lic.acquired_on
        ):
            start = stacked_from = support_end
        lp = LicencePeriod(lic, _support_period(start), stacked_from)
        out.append(lp)
        support_end = max(support_end or lp.period.end, lp.period.end)
    return out


def licence_standing(case: Case, on: date, *, stacked_updates: bool) -> LicenceStanding:
    """Judge the licences for the requested product on the local date ``on``."""
    product = case.request.product
    periods = _periods([lic for lic in case.licences if lic.product == product], stacked_updates)
    # the period in force lasting longest, and the one that ended last (the first on a tie)
    current: LicencePeriod | None = None
    lapsed: LicencePeriod | None = None
    for p in periods:
        start, end = p.period.start, p.period.end
        if start <= on < end:
            if current is None or end > current.period.end:
                current = p
        elif end <= on and (lapsed is None or end > lapsed.period.end):
            lapsed = p
    return LicenceStanding(product=product, on=on, current=current, lapsed=lapsed)


@attrs.frozen
class VersionStanding:
    """Whether the installed version(s) are the latest; ``None`` fields mean "not known"."""

    version: str | None  #: the installed version used (request's, else the licence's)
    latest: str | None
    outdated: bool | None  #: ``None``: cannot tell (version or latest unknown)
    outdated_machines: tuple[str, ...] = ()  #: network machines below the latest version


def version_standing(case: Case, licence: Licence | None, latest: str | None) -> VersionStanding:
    """Compare the installed version (and every networked machine's) with ``latest``.

    Version strings are validated by the plugin's input check before any rule runs, so an
    unparseable string here is a programming error.
    """
    version = case.request.version or (licence.version if licence is not None else None)
    if latest is None or version is None:
        return VersionStanding(version, latest, None)
    top = parse_version(latest)
    mine = parse_version(version)
    if top is None or mine is None:
        raise ValueError(f"version {version!r} or latest version {latest!r} is not comparable")
    machines = tuple(v for v in machine_versions(case) if (parse_version(v) or ()) < top)
    return VersionStanding(version, latest, mine < top, machines)
