"""What the online support does, does not do, and sells separately — by problem category.

The help desk's list (ITP-DESK-1) gives the covered categories; "LIMITES DE ATENCION" (ITP-LIM-*)
the excluded ones; ITP-SEP-1 the services bought separately with their purchase button. The list
ends with "entre otros", so a category it does not name is *undetermined* (interpretation
ITP-I-OPEN-LIST), never silently covered.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Mapping

import attrs

from supportcore import Channel, Context

__all__ = [
    "CATEGORIES",
    "RULES",
    "SERVICES",
    "Rule",
    "Service",
    "area_places",
    "location_in_area",
    "location_in_places",
    "rule_for",
    "separate_service",
]

#: Categories Itplusnet needs beyond the shared taxonomy (``VendorInfo.categories``).
CATEGORIES: Mapping[str, str] = {
    "report_corporate_image": "adapting the corporate image (logo, letterhead) to a document or "
    "report of the program",
    "report_simple_fields": "adding simple fields of one same table to a report",
    "database_analysis": "analysing the program's database (BD)",
    "virtual_disk": "checking the virtual disk the program uses",
    "isbutton": "problems with the isButton",
    "antivirus_conflict": "problems between the customer's antivirus and the program",
    "corrupt_os": "a corrupt operating system",
    "windows_files_damage": "handling or using Windows files that damage the program and its "
    "program library",
    "deleted_database_recovery": "recovering a database the user deleted",
    "recovery_after_format": "recovering the whole program after formatting the computer "
    "without having backed up reports and database",
    "formatting": "formatting the computer",
    "os_reinstallation": "reinstalling the Windows operating system",
    "computer_technical_service": "a technical service for the customer's computers",
}

COVERED = "covered"
EXCLUDED = "excluded"
BILLABLE = "billable"


@attrs.frozen
class Service:
    """A service sold separately with its purchase button (ITP-SEP-1)."""

    ref: str  #: the ``ref`` of its PAYMENT event
    title: str
    price_key: str
    clauses: tuple[str, ...]


SERVICES: Mapping[str, Service] = {
    "reinstallation": Service(
        "reinstallation",
        "reinstallation of the ITPLUSNET software",
        "price_reinstallation",
        ("ITP-LIM-REINSTALL", "ITP-SEP-1"),
    ),
    "technical_service": Service(
        "technical_service",
        "technical service for your computers or network",
        "price_technical_service",
        ("ITP-SEP-1",),
    ),
    "on_site": Service(
        "on_site",
        "on-site technical assistance (Santiago only)",
        "price_on_site",
        ("ITP-SEP-1",),
    ),
}


@attrs.frozen
class Rule:
    """How the terms rule on one category."""

    status: str
    code: str
    message: str
    clauses: tuple[str, ...]
    service: str | None = None  #: billable: the service; excluded: the service offered instead


_DESK = ("ITP-DESK-1",)


def _covered(what: str, *clauses: str) -> Rule:
    return Rule(
        COVERED,
        "help-desk-task",
        f"{what} is part of what the help desk does for a paid online attention.",
        clauses or _DESK,
    )


def _excluded(code: str, what: str, clause: str, *more: str, service: str | None = None) -> Rule:
    return Rule(
        EXCLUDED,
        code,
        f"{what} is outside the online support: the help desk is not responsible for helping "
        "with it or solving it.",
        ("ITP-LIM-0", clause, *more),
        service,
    )


_TECH = "technical_service"

#: Every category a clause rules on. Anything else is undetermined (ITP-I-OPEN-LIST).
RULES: Mapping[str, Rule] = {
    # ----- ITP-DESK-1: the help desk's work
    "usage_question": _covered("Answering your queries ('consultas')"),
    "training": _covered("Training ('capacitación')"),
    "report_corporate_image": _covered("Adapting your corporate image to a document or report"),
    "report_simple_fields": _covered("Adapting simple fields of one same table to a report"),
    "malfunction": _covered(
        "Debugging errors of the ITPLUSNET program, or showing how to get past an error,",
        "ITP-DESK-1",
        "ITP-DESK-2",
    ),
    "database_analysis": _covered("Analysing the database ('analizar BD')"),
    "startup": _covered("Starting the program up initially ('levantar el programa inicialmente')"),
    "virtual_disk": _covered("Checking the virtual disk ('ver disco virtual')"),
    "isbutton": _covered("Solving problems with the isButton"),
    "antivirus_conflict": _covered("Solving problems between your antivirus and our software"),
    "extra_module": _covered(
        "Answering queries about the ITPLUSNET software and its derivatives",
        "ITP-DESK-1",
        "ITP-DESK-2",
    ),
    "remote_assistance": _covered(
        "Working on your computer over a secure remote connection", "ITP-RESP-2"
    ),
    # os_compatibility is ruled in classify(): covered unless the OS is not 32-bit.
    # ----- ITP-LIM-*: limits of the online support
    "virus_malware": _excluded(
        "virus",
        "Solving problems such as viruses on your computer",
        "ITP-LIM-VIRUS",
        service=_TECH,
    ),
    "corrupt_os": _excluded(
        "corrupt-os", "A corrupt operating system", "ITP-LIM-CORRUPT-OS", service=_TECH
    ),
    "operating_system": _excluded(
        "operating-system-itself",
        "A problem of the operating system itself (problems between your operating system and "
        "our software are covered as os_compatibility)",
        "ITP-LIM-CORRUPT-OS",
        "ITP-LIM-WINDOWS-REINSTALL",
        service=_TECH,
    ),
    "windows_files_damage": _excluded(
        "windows-files",
        "Handling or using Windows files that damage our software and its program library",
        "ITP-LIM-WINFILES",
    ),
    "third_party_software": _excluded(
        "other-programs",
        "A problem of another program or application",
        "ITP-LIM-OTHER-PROGRAMS",
        "ITP-LIM-OTHER-APPS",
    ),
    "deleted_database_recovery": _excluded(
        "deleted-database",
        "Recovering a database after you deleted it",
        "ITP-LIM-DELETED-DB",
    ),
    "recovery_after_format": _excluded(
        "recovery-after-format",
        "Recovering the whole software after formatting the computer without backing up reports "
        "and database",
        "ITP-LIM-FORMAT-RECOVERY",
        service="reinstallation",
    ),
    "formatting": _excluded(
        "formatting", "Formatting the computer", "ITP-LIM-FORMAT", service=_TECH
    ),
    "os_reinstallation": _excluded(
        "windows-reinstallation",
        "Reinstalling the Windows operating system",
        "ITP-LIM-WINDOWS-REINSTALL",
        service=_TECH,
    ),
    "hardware": _excluded("hardware", "A hardware problem", "ITP-LIM-HARDWARE", service=_TECH),
    # ----- ITP-SEP-1: bought separately with the purchase button
    "reinstallation": Rule(
        BILLABLE,
        "bought-separately",
        "Reinstalling the ITPLUSNET software is not part of the online support: it is bought "
        "separately with its purchase button.",
        ("ITP-LIM-0", "ITP-LIM-REINSTALL", "ITP-SEP-1"),
        "reinstallation",
    ),
    "network": Rule(
        BILLABLE,
        "bought-separately",
        "Technical services for your network are not part of the online support: they are "
        "bought separately with their purchase button.",
        ("ITP-SEP-1",),
        _TECH,
    ),
    "computer_technical_service": Rule(
        BILLABLE,
        "bought-separately",
        "Technical services for your computers are not part of the online support: they are "
        "bought separately with their purchase button.",
        ("ITP-SEP-1",),
        _TECH,
    ),
}

#: Hints for categories the terms do not decide as such, pointing at the ones they do.
UNDETERMINED_HINTS: Mapping[str, str] = {
    "report_design": "The help desk's list names only two kinds of report work: adapting the "
    "corporate image to a document or report (report_corporate_image) and adapting simple "
    "fields of one same table to a report (report_simple_fields).",
    "data_repair": "The terms cover analysing the database (database_analysis) but exclude "
    "recovering a database the user deleted (deleted_database_recovery); say which it is.",
    "installation": "The terms cover starting the program up initially (startup) and sell "
    "reinstallation separately (reinstallation); they do not rule on a first installation.",
}


def separate_service(ctx: Context) -> str | None:
    """The separately sold service a request asks for (ITP-SEP-1), if any.

    An on-site request (channel ``on_site`` or category ``on_site_visit``) is on-site technical
    assistance whatever the problem; otherwise the category's billable rule decides.
    """
    req = ctx.request
    if req.channel is Channel.ON_SITE or req.category == "on_site_visit":
        return "on_site"
    rule = RULES.get(req.category)
    if rule is not None and rule.status == BILLABLE:
        return rule.service
    return None


def _norm(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(plain.casefold().replace(".", " ").split())


def location_in_area(location: str, area: tuple[str, ...]) -> bool:
    """Whether ``location`` names a place of ``area`` ("Sólo Stgo.", interpretation
    ITP-I-SANTIAGO): case, accents and dots are ignored; any comma-separated part may match
    ("Santiago, Región Metropolitana")."""
    return location_in_places(location, area_places(area))


def area_places(area: tuple[str, ...]) -> frozenset[str]:
    """The places of ``area`` as :func:`location_in_area` compares them."""
    return frozenset(_norm(a) for a in area)


def location_in_places(location: str, places: frozenset[str]) -> bool:
    """:func:`location_in_area` with the area's places already normalised."""
    return any(_norm(part) in places for part in location.split(","))


def rule_for(category: str) -> Rule | None:
    """The terms' rule for ``category`` (``None``: no clause decides it)."""
    return RULES.get(category)
