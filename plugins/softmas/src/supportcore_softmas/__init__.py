"""Softmás's support terms ("Soporte técnico Softmás") as a supportcore vendor plugin.

Softmás sells accounting systems running on Microsoft SQL Server (Mexico; MXN;
America/Mexico_City). Free technical support goes only to users whose licence is in force when
they ask (a rental for its rented period, a purchase for 12 months, extended by buying an
update); it covers errors running the system, installation errors (the system and SQL Server)
and programming new imports, not accounting doubts, Windows, networks or training; advisory
work is charged per hour; outdated versions get no support; cases close by mutual agreement,
after 10 business days without news and two contact attempts, or as duplicates.

Every rule cites the clause it applies (``terms.toml``); ``supportcore terms softmas`` prints
them all. Numbers the terms do not give (update, rental and advisory prices, the latest
version) are settings; ambiguities are recorded as interpretations.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import datetime

import attrs

from supportcore import (
    CATEGORIES,
    Closure,
    Context,
    Coverage,
    CoverageStatus,
    Eligibility,
    EligibilityStatus,
    MissingFact,
    Money,
    Problem,
    Quote,
    QuoteBuilder,
    QuoteStatus,
    Reason,
    Remedy,
    Service,
    TermsCatalogue,
    VendorInfo,
    VendorSettings,
    hookimpl,
    load_terms,
)
from supportcore.calendar import BusinessCalendar, HolidaySpec, Schedule, parse_window
from supportcore.model import AcquisitionKind, Channel, EventKind

from ._closure import closure as _closure
from ._closure import history as _history
from ._standing import (
    REMOTE_SESSION,
    LicenceStanding,
    VersionStanding,
    licence_standing,
    machine_versions,
    parse_version,
    topic,
    version_standing,
)
from ._when import day_time, weekday_time

__all__ = ["SUPPORTCORE_HOOK_API", "office_calendar"]

SUPPORTCORE_HOOK_API = 1

_TERMS = load_terms(__name__)

TIMEZONE = "America/Mexico_City"  #: "Hora de la Ciudad de México" (SM-HOURS-1)
#: "de lunes a viernes de 09:00 a 14:00 y de 15:00 a 18;00" (SM-HOURS-1)
OFFICE_WINDOWS = ("09:00-14:00", "15:00-18:00")
OFFICE_DAYS = (0, 1, 2, 3, 4)

#: Channels the terms offer: SM-CHAN-1, tickets (SM-HOURS-2) and the website (SM-HOURS-3).
CHANNELS = (
    Channel.PHONE,
    Channel.CHAT,
    Channel.EMAIL,
    Channel.REMOTE,
    Channel.TICKET,
    Channel.WEB,
)
#: Channels answered immediately when received in office hours (SM-HOURS-2).
WRITTEN_CHANNELS = (Channel.EMAIL, Channel.TICKET)
#: Channels SM-OLD-1 names for previous versions.
OLD_VERSION_CHANNELS = (Channel.PHONE, Channel.EMAIL, Channel.REMOTE)

#: Categories whose request is itself the cure of an outdated version or a right of any
#: licence in force, so the version rule does not apply (interpretation SM-I-UPDATES-INCLUDED).
VERSION_EXEMPT = frozenset({"new_version", "update_download", "licence_replacement"})
UPDATE_CATEGORIES = frozenset({"new_version", "update_download"})

#: Covered categories: the clauses that make them technical support, and what they are.
COVERED: Mapping[str, tuple[tuple[str, ...], str]] = {
    "installation": (
        ("SM-SCOPE-1", "SM-SCOPE-2"),
        "Errors while installing the system are technical support.",
    ),
    "reinstallation": (
        ("SM-SCOPE-2", "SM-INST-1"),
        "Reinstalling a Softmás system is installing it, which staff may do; errors while "
        "installing are technical support.",
    ),
    "sql_server_installation": (
        ("SM-SCOPE-3", "SM-INST-1"),
        "Errors installing Microsoft SQL Server are technical support, and staff may install it.",
    ),
    "malfunction": (
        ("SM-SCOPE-1", "SM-SCOPE-4", "SM-SCOPE-5"),
        "Errors running the system, or stopping it totally or partly, are technical support.",
    ),
    "data_import": (
        ("SM-SCOPE-6",),
        "Programming a new import from another accounting system is technical support.",
    ),
}
#: Covered categories listed under "Características de un soporte técnico" get a priority.
PRIORITISED = frozenset(
    {"installation", "reinstallation", "sql_server_installation", "malfunction", "data_import"}
)

#: Excluded categories: the clauses that exclude them, and why.
EXCLUDED: Mapping[str, tuple[tuple[str, ...], str]] = {
    "operating_system": (
        ("SM-EXCL-0", "SM-EXCL-2"),
        "Problems of the Windows operating system of the computers are not technical support.",
    ),
    "network": (
        ("SM-EXCL-0", "SM-EXCL-3"),
        "A wrongly configured network is not technical support; Softmás staff are not obliged "
        "to configure the network.",
    ),
    "training": (
        ("SM-TRAIN-1", "SM-TRAIN-2"),
        "Technical support is not training, and no courses are given by phone.",
    ),
    "third_party_software": (
        ("SM-INST-1", "SM-SCOPE-5"),
        "Staff are not authorised to install applications other than Microsoft SQL Server and "
        "Softmás's systems, and support covers only problems of the system itself.",
    ),
    "database_password": (
        ("SM-PASS-1",),
        "The password of the systems' SQL Server database is not given out under any "
        "circumstances.",
    ),
    "on_site_visit": (
        ("SM-CHAN-1",),
        "Support is given by phone, chat, e-mail and remote access; visits are not among them.",
    ),
}

#: Keys of ``request.facts`` this plugin reads.
FACTS = {
    "machine_versions": "versions installed on each machine of a network, comma-separated",
    "reopened_for": "why a closed case was reopened: same_problem or other_problem",
    "problem": "for a remote_assistance request, the category of the problem it is about",
    "advisory_requested": "yes when the customer asked for paid advisory work (asesoría), or no",
}
YES_NO = ("yes", "no")
#: The plugin's own categories (``VendorInfo.categories``).
VENDOR_CATEGORIES = {
    "sql_server_installation": "an error installing Microsoft SQL Server for a Softmás system "
    "(Softmás: 'Error en la instalación del SQL Server')",
}
REOPEN_VALUES = ("same_problem", "other_problem")


# --------------------------------------------------------------------------- identity


@hookimpl
def supportcore_vendor_info() -> VendorInfo:
    """Softmás: Mexico, MXN, Mexico City time; the channels its terms offer."""
    return VendorInfo(
        name="softmas",
        title="Softmás",
        country="MX",
        currency="MXN",
        timezone=TIMEZONE,
        products=(),  # the terms name none; see the setting softmas.products
        channels=CHANNELS,
        categories=VENDOR_CATEGORIES,
        language="es",
        document="Soporte técnico Softmás (softmas.com.mx)",
    )


@hookimpl
def supportcore_terms() -> TermsCatalogue:
    """The clauses, interpretations and settings of ``terms.toml``."""
    return _TERMS


# --------------------------------------------------------------------------- calendars


def office_calendar(settings: VendorSettings) -> BusinessCalendar:
    """The office: Monday–Friday 09:00–14:00 and 15:00–18:00 Mexico City time (SM-HOURS-1),
    closed on Mexican public holidays unless ``observe_public_holidays`` is false, and on the
    integrator's ``closures``."""
    windows = tuple(parse_window(w) for w in OFFICE_WINDOWS)
    holidays = HolidaySpec("MX") if settings.get("observe_public_holidays") else None
    return BusinessCalendar(
        "office",
        TIMEZONE,
        [Schedule("office", weekly=dict.fromkeys(OFFICE_DAYS, windows))],
        holidays=holidays,
        closures=settings.get("closures") or (),
    )


@hookimpl
def supportcore_calendars(
    settings: VendorSettings, terms: TermsCatalogue
) -> Mapping[str, BusinessCalendar]:
    """One calendar, ``office``, used for every staffed channel and every business-time count."""
    return {"office": office_calendar(settings)}


def _office(ctx: Context) -> BusinessCalendar:
    cal = ctx.calendars.get("office")
    if cal is None:  # only if building it failed; the engine has recorded why
        raise RuntimeError("the softmas office calendar could not be built (see warnings)")
    return cal


# --------------------------------------------------------------------------- input checks


@hookimpl
def supportcore_check_settings(settings: VendorSettings, terms: TermsCatalogue) -> Iterable[str]:
    """Settings the rules cannot use, checked once when the engine is built: a
    ``latest_version`` that cannot be compared with the installed versions."""
    latest = settings.get("latest_version")
    if latest is not None and parse_version(latest) is None:
        yield (
            f"softmas.latest_version: {latest!r} is not a version that can be compared "
            "(expected numbers separated by dots, such as 2025.2)"
        )


def _version_problem(field: str, text: str) -> Problem:
    return Problem(
        field,
        f"{text!r} is not a version Softmás's rules can compare (expected numbers separated "
        "by dots, such as 2025.2 or 8.1.3)",
        "error",
    )


@hookimpl
def supportcore_check_case(ctx: Context) -> Iterable[Problem]:
    """Versions that cannot be compared, products that are not Softmás systems, unknown facts.
    (Settings are checked once, by :func:`supportcore_check_settings`.)"""
    case, req = ctx.case, ctx.request
    problems: list[Problem] = []
    products = ctx.settings.get("products")
    if products:
        if req.product not in products:
            problems.append(
                Problem(
                    "request.product",
                    f"{req.product!r} is not a Softmás system (softmas.products: "
                    f"{', '.join(products)})",
                    "error",
                )
            )
        for i, lic in enumerate(case.licences):
            if lic.product not in products:
                problems.append(
                    Problem(
                        f"licences[{i}].product",
                        f"{lic.product!r} is not a Softmás system",
                        "error",
                    )
                )
    if req.version is not None and parse_version(req.version) is None:
        problems.append(_version_problem("request.version", req.version))
    for i, lic in enumerate(case.licences):
        if lic.version is not None and parse_version(lic.version) is None:
            problems.append(_version_problem(f"licences[{i}].version", lic.version))
    for k, v in enumerate(machine_versions(case)):
        if parse_version(v) is None:
            problems.append(_version_problem(f"request.facts.machine_versions[{k}]", v))
    if "machine_versions" in req.facts and req.environment.networked is False:
        problems.append(
            Problem(
                "request.facts.machine_versions",
                "machine versions are given but request.environment.networked is false; every "
                "listed machine is checked anyway",
            )
        )
    reopen = req.facts.get("reopened_for")
    if reopen is not None and reopen not in REOPEN_VALUES:
        problems.append(
            Problem(
                "request.facts.reopened_for",
                f"{reopen!r} is not one of {', '.join(REOPEN_VALUES)}",
                "error",
            )
        )
    if reopen is not None and not case.ticket.of(EventKind.REOPENED):
        problems.append(
            Problem("request.facts.reopened_for", "given, but the ticket has no reopened event")
        )
    problems += _problem_fact_problems(ctx)
    asked = req.facts.get("advisory_requested")
    if asked is not None and asked not in YES_NO:
        problems.append(
            Problem("request.facts.advisory_requested", f"{asked!r} is not yes or no", "error")
        )
    for key in req.facts:
        if key not in FACTS:
            problems.append(
                Problem(
                    f"request.facts.{key}",
                    f"not used by the softmas rules (known facts: {', '.join(FACTS)})",
                )
            )
    return problems


def _problem_fact_problems(ctx: Context) -> list[Problem]:
    """``request.facts.problem``: a category other than a remote session, read only for one."""
    req = ctx.request
    problem = req.facts.get("problem")
    if problem is None:
        return []
    if req.category != REMOTE_SESSION:
        return [
            Problem("request.facts.problem", f"read only when request.category is {REMOTE_SESSION}")
        ]
    if problem == REMOTE_SESSION or (
        problem not in CATEGORIES and problem not in VENDOR_CATEGORIES
    ):
        known = sorted((set(CATEGORIES) | set(VENDOR_CATEGORIES)) - {REMOTE_SESSION})
        return [
            Problem(
                "request.facts.problem",
                f"{problem!r} is not the category of a problem (one of {', '.join(known)})",
                "error",
            )
        ]
    return []


# --------------------------------------------------------------------------- service hours


def _response_due(ctx: Context, cal: BusinessCalendar) -> tuple[datetime | None, Reason | None]:
    """When an e-mail or ticket must be answered (SM-HOURS-2; SM-I-RESPONSE-OUTSIDE-HOURS):
    from its receipt, or from the last reopening of a closed case; never on a closed case.

    Asked by the service hours and the closure: computed once per case."""
    if ctx.request.channel not in WRITTEN_CHANNELS:
        return None, None
    memo = ctx.memo
    found = memo.get("softmas:response_due")
    if found is None:
        found = memo["softmas:response_due"] = _compute_response_due(ctx, cal)
    return found


def _compute_response_due(
    ctx: Context, cal: BusinessCalendar
) -> tuple[datetime | None, Reason | None]:
    h = _history(ctx)
    if h.closed is not None:
        return None, None  # nothing to answer on a closed case
    if h.reopened_at is None:
        what, received = "Received", ctx.local(ctx.request.received_at)
    else:
        what, received = "Reopened", ctx.local(h.reopened_at)
    status = cal.status(received)
    if status.open:
        return received, ctx.reason(
            "answer-immediately",
            f"{what} in office hours ({day_time(received)}): it is answered immediately.",
            "SM-HOURS-2",
        )
    due = status.next_open
    why = cal.explain_closed(received.date())
    closed = f", {why}" if why else ""
    return due, ctx.reason(
        "answer-at-next-opening",
        f"{what} outside office hours ({day_time(received)}{closed}); the immediate "
        f"answer is promised for office hours only, so it is due when the office opens: "
        f"{day_time(due)}.",
        "SM-HOURS-2",
        "SM-HOURS-1",
    )


@hookimpl
def supportcore_service_hours(ctx: Context) -> Service:
    """Office hours for staffed channels, 24 hours for the website, nothing for others."""
    channel = ctx.request.channel
    if channel is Channel.WEB:
        return Service(
            channel=str(channel),
            open_now=True,
            schedule="24h",
            reasons=(
                ctx.fixed_reason(
                    "website-24h",
                    "The website (help, videos) and the YouTube channel are available 24 hours.",
                    "SM-HOURS-3",
                    "SM-CHAN-2",
                ),
            ),
        )
    if channel not in CHANNELS:
        return Service(
            channel=str(channel),
            open_now=False,
            reasons=(
                ctx.fixed_reason(  # one per channel
                    "channel-not-offered",
                    f"Softmás does not offer support by {channel}; it is given by phone, online "
                    "chat, e-mail (or ticket) and remote access.",
                    "SM-CHAN-1",
                ),
            ),
        )
    cal = _office(ctx)
    now = ctx.local_at
    status = cal.status(now)
    open_now = status.open
    if open_now:
        hours = ctx.reason(
            "office-open",
            f"The office is open now ({weekday_time(now)} Mexico City time): Monday to Friday "
            "09:00–14:00 and 15:00–18:00.",
            "SM-HOURS-1",
        )
    else:
        why = cal.explain_closed(now.date())
        closed = f" ({why})" if why else ""
        hours = ctx.reason(
            "office-closed",
            f"The office is closed now ({day_time(now)}{closed}); it opens Monday to "
            "Friday 09:00–14:00 and 15:00–18:00 Mexico City time.",
            "SM-HOURS-1",
        )
    due, due_reason = _response_due(ctx, cal)
    return Service(
        channel=str(channel),
        open_now=open_now,
        schedule=status.schedule,
        next_opening=None if open_now else status.next_open,
        response_due=due,
        reasons=(hours,) + ((due_reason,) if due_reason else ()),
    )


# --------------------------------------------------------------------------- eligibility


def _standing(ctx: Context) -> LicenceStanding:
    """The licences' standing on the day of the request, judged once per case (eligibility,
    coverage and pricing all ask)."""
    st = ctx.memo.get("softmas:standing")
    if st is None:
        on = ctx.local(ctx.request.received_at).date()
        stacked = ctx.settings.get("update_period_start") == "stacked"
        st = ctx.memo["softmas:standing"] = licence_standing(ctx.case, on, stacked_updates=stacked)
    return st


def _table_price(ctx: Context, key: str, product: str) -> Money | None:
    table = ctx.settings.get(key) or {}
    price = table.get(product)
    return price if isinstance(price, Money) else None


def _iva_note(ctx: Context) -> str:
    rate = ctx.settings.decimal("iva_rate")
    return "plus IVA" if rate is None else f"plus IVA {(rate * 100).normalize():f} %"


def _update_remedy(ctx: Context, product: str, why: str) -> Remedy:
    price = _table_price(ctx, "update_price", product)
    return Remedy(
        "buy-update",
        f"Buy the update (actualización) of {product}, which includes 12 more months of "
        f"support{why}.",
        price=price,
        price_note=_iva_note(ctx) if price is not None else "",
        missing=() if price is not None else (ctx.missing("update_price"),),
        citations=ctx.cite("SM-COST-4", "SM-LAPSE-1"),
    )


def _rental_remedy(ctx: Context, product: str) -> Remedy:
    price = _table_price(ctx, "rental_price", product)
    return Remedy(
        "rent-again",
        f"Rent {product} for a new period: support is given for the rented period.",
        price=price,
        price_note=_iva_note(ctx) if price is not None else "",
        missing=() if price is not None else (ctx.missing("rental_price"),),
        citations=ctx.cite("SM-COST-2"),
    )


def _website_remedy(ctx: Context, *clauses: str) -> Remedy:
    return ctx.fixed_remedy(
        "website-help",
        "Consult the system's help and the help and operation videos on softmas.com.mx "
        "(available 24 hours).",
        *clauses,
    )


#: What makes a licence of each kind in force: free support (SM-COST-1) for its period.
IN_FORCE_CLAUSES = {
    AcquisitionKind.RENTAL: ("SM-COST-1", "SM-COST-2"),
    AcquisitionKind.PURCHASE: ("SM-COST-1", "SM-COST-3"),
    AcquisitionKind.UPGRADE: ("SM-COST-1", "SM-COST-4"),
}


def _licence_reasons(
    ctx: Context, st: LicenceStanding
) -> tuple[list[Reason], list[Reason], list[Remedy]]:
    """(basis, refusals, remedies) from the licence's standing on the day of the request."""
    product, day = st.product, st.on.isoformat()
    replacing = topic(ctx.case) == "licence_replacement"
    if st.current is not None:
        clause = IN_FORCE_CLAUSES[st.current.kind]
        return (
            [
                ctx.reason(
                    "licence-in-force",
                    f"Licence of {product} in force on the day of the request ({day}): "
                    f"{st.current.describe()}.",
                    *clause,
                )
            ],
            [],
            [],
        )
    website = _website_remedy(ctx, "SM-CHAN-2", "SM-HOURS-3", "SM-GUIDE-1")
    if replacing:
        return (
            [],
            [
                ctx.reason(
                    "lost-licence-not-replaced",
                    f"No licence of {product} was in force on the day of the request ({day}); "
                    "a lost licence is not replaced under any circumstances once there is no "
                    "support. Replacing it is a right only while the licence is in force.",
                    "SM-LOST-1",
                    "SM-LOST-2",
                )
            ],
            [],
        )
    if st.lapsed is None:
        return (
            [],
            [
                ctx.reason(
                    "no-licence",
                    f"The customer had no licence of {product} on the day of the request ({day}); "
                    "free support is only for users whose licence is in force when they ask.",
                    "SM-COST-1",
                )
            ],
            [website],
        )
    if st.lapsed.kind is AcquisitionKind.RENTAL:
        return (
            [],
            [
                ctx.reason(
                    "rental-ended",
                    f"The rental of {product} ended before the request ({day}): support was given "
                    f"for the {st.lapsed.describe()}.",
                    "SM-COST-1",
                    "SM-COST-2",
                )
            ],
            [_rental_remedy(ctx, product), website],
        )
    return (
        [],
        [
            ctx.reason(
                "support-period-ended",
                f"The support of {product} ended before the request ({day}): "
                f"{st.lapsed.describe()}. After the 12 months there is no right to technical "
                "support nor to updates until an update is paid for.",
                "SM-COST-1",
                "SM-COST-3",
                "SM-LAPSE-1",
            )
        ],
        [_update_remedy(ctx, product, ""), website],
    )


def _version_reasons(
    ctx: Context, st: LicenceStanding, vs: VersionStanding
) -> tuple[list[Reason], list[Reason], list[Remedy]]:
    """(refusals, undetermined, remedies) of the version rule (SM-UPD-3/4, SM-OLD-1/2)."""
    channel = ctx.request.channel
    old = ("SM-OLD-1",) if channel in OLD_VERSION_CHANNELS else ()
    if vs.latest is None:
        return (
            [],
            [
                ctx.fixed_reason(
                    "latest-version-unknown",
                    "Outdated versions get no technical support, but the latest version is not "
                    "configured (setting softmas.latest_version), so the version cannot be "
                    "checked.",
                    "SM-UPD-4",
                )
            ],
            [],
        )
    if vs.version is None:
        return (
            [],
            [
                ctx.reason(
                    "version-unknown",
                    "Outdated versions get no technical support, and the installed version is not "
                    f"known (request.version or the licence's version); the latest is {vs.latest}.",
                    "SM-UPD-4",
                )
            ],
            [
                ctx.fixed_remedy(
                    "tell-version",
                    "Tell Softmás which version is installed (on every machine, on a network).",
                    "SM-UPD-4",
                    "SM-UPD-3",
                )
            ],
        )
    refusals: list[Reason] = []
    if vs.outdated:
        refusals.append(
            ctx.reason(
                "outdated-version",
                f"Version {vs.version} is outdated (the latest is {vs.latest}): no technical "
                "support is given to outdated versions. Updates are announced by e-mail and the "
                "system itself offers to download them; not having the latest improvements is "
                "not Softmás's responsibility.",
                "SM-UPD-4",
                *old,
                "SM-UPD-1",
                "SM-UPD-2",
                "SM-UPD-5",
            )
        )
    if vs.outdated_machines:
        refusals.append(
            ctx.reason(
                "network-machine-outdated",
                f"On a network every computer where the system is installed must be updated; "
                f"machines run {', '.join(vs.outdated_machines)} (the latest is {vs.latest}).",
                "SM-UPD-3",
                "SM-UPD-4",
            )
        )
    if not refusals:
        return [], [], []
    remedies = [_website_remedy(ctx, "SM-OLD-2")]
    if st.in_force:
        remedies.insert(
            0,
            ctx.fixed_remedy(  # one per latest version
                "install-latest-version",
                f"Download and install version {vs.latest} on every computer where the system is "
                "installed (included while the licence is in force).",
                "SM-UPD-2",
                "SM-UPD-3",
                "SM-LAPSE-1",
            ),
        )
    elif st.lapsed is not None and st.lapsed.kind is not AcquisitionKind.RENTAL:
        remedies.insert(0, _update_remedy(ctx, st.product, f", and version {vs.latest}"))
    # an ended rental gets the latest version with a new rental period (its own remedy)
    return refusals, [], remedies


@hookimpl
def supportcore_eligibility(ctx: Context, service: Service) -> Eligibility:
    """Free support needs an offered channel, a licence in force when asked, a current version,
    whatever the channel: the website is open to anyone (the service answer says so), but free
    technical support asked through it still needs a licence in force (SM-COST-1)."""
    req = ctx.request
    refusals: list[Reason] = []
    remedies: list[Remedy] = []
    if req.channel not in CHANNELS:
        refusals.append(
            ctx.fixed_reason(  # one per channel
                "channel-not-offered",
                f"Support is not given by {req.channel}: only by phone, online chat, e-mail (or "
                "ticket) and remote access to the computer.",
                "SM-CHAN-1",
            )
        )
        remedies.append(
            ctx.fixed_remedy(
                "use-offered-channel",
                "Ask again by phone, chat, e-mail, ticket or remote access.",
                "SM-CHAN-1",
            )
        )
    st = _standing(ctx)
    basis, lic_refusals, lic_remedies = _licence_reasons(ctx, st)
    refusals += lic_refusals
    remedies += lic_remedies
    undetermined: list[Reason] = []
    about = topic(ctx.case)
    if about not in VERSION_EXEMPT:
        licence = st.current.licence if st.current else (st.lapsed.licence if st.lapsed else None)
        vs = version_standing(ctx.case, licence, ctx.settings.get("latest_version"))
        v_refusals, undetermined, v_remedies = _version_reasons(ctx, st, vs)
        refusals += v_refusals
        remedies += [r for r in v_remedies if r.code not in {m.code for m in remedies}]
    valid_until = st.current.period.last_day if st.current else None
    if refusals:
        return Eligibility(
            EligibilityStatus.NOT_ENTITLED,
            basis=tuple(basis),
            reasons=tuple(refusals + undetermined),
            remedies=tuple(remedies),
        )
    if undetermined:
        return Eligibility(
            EligibilityStatus.UNDETERMINED,
            basis=tuple(basis),
            reasons=tuple(undetermined),
            remedies=tuple(remedies),
        )
    if about == "licence_replacement":
        basis.append(
            ctx.fixed_reason(
                "replacement-right",
                "Replacing a lost licence is a right of a user whose licence is in force.",
                "SM-LOST-2",
            )
        )
    return Eligibility(EligibilityStatus.ENTITLED, basis=tuple(basis), valid_until=valid_until)


# --------------------------------------------------------------------------- coverage


def _advisory_remedy(ctx: Context) -> Remedy:
    rate = ctx.settings.money("advisory_hourly_rate")
    return Remedy(
        "advisory-per-hour",
        "Ask for advisory work (asesoría): doubts that are not technical support are answered "
        "per hour, working on your own data if you wish.",
        price=rate,
        price_note=f"per hour, {_iva_note(ctx)}" if rate is not None else "",
        missing=() if rate is not None else (ctx.missing("advisory_hourly_rate"),),
        citations=ctx.cite("SM-ADV-1", "SM-ADV-2"),
    )


def _update_coverage(ctx: Context, cat: str) -> Coverage:
    """Updates: included while a licence is in force; otherwise paid (SM-I-UPDATES-INCLUDED)."""
    st = _standing(ctx)
    if st.in_force:
        return Coverage(
            CoverageStatus.COVERED,
            cat,
            (
                ctx.fixed_reason(
                    "update-included",
                    "The licence is in force, so the latest version is included; the system itself "
                    "offers to download and install it.",
                    "SM-LAPSE-1",
                    "SM-UPD-2",
                ),
            ),
        )
    if st.lapsed is None:
        return Coverage(
            CoverageStatus.EXCLUDED,
            cat,
            (
                ctx.reason(
                    "no-licence-to-update",
                    f"There is no licence of {st.product} to update.",
                    "SM-COST-1",
                ),
            ),
        )
    if st.lapsed.kind is AcquisitionKind.RENTAL:
        return Coverage(
            CoverageStatus.BILLABLE,
            cat,
            (
                ctx.fixed_reason(
                    "update-needs-rental",
                    "The rented period has ended: the latest version comes with a new rental "
                    "period.",
                    "SM-COST-2",
                ),
            ),
            (_rental_remedy(ctx, st.product),),
        )
    return Coverage(
        CoverageStatus.BILLABLE,
        cat,
        (
            ctx.fixed_reason(
                "update-must-be-bought",
                "The 12 months of the purchase have passed: there is no right to updates until an "
                "update is paid for.",
                "SM-LAPSE-1",
                "SM-COST-4",
            ),
        ),
        (_update_remedy(ctx, st.product, ""),),
    )


@hookimpl
def supportcore_exclusions(ctx: Context, eligibility: Eligibility) -> Coverage:
    """Covered, excluded, billable (advisory work, updates) or undetermined, by category; a
    remote session by the problem it is about (the channel does not make it support)."""
    cat = ctx.request.category
    if cat != REMOTE_SESSION:
        return _coverage(ctx, cat)
    problem = topic(ctx.case)
    if problem is None:
        return Coverage(
            CoverageStatus.UNDETERMINED,
            cat,
            (
                ctx.fixed_reason(
                    "remote-session-problem-unknown",
                    "Remote access is one of the ways support is given, but whether a remote "
                    "session is technical support depends on the problem it is about, which the "
                    "case does not say.",
                    "SM-CHAN-1",
                    "SM-SCOPE-1",
                ),
            ),
            missing_facts=(
                MissingFact(
                    "request.facts.problem",
                    "the coverage of a remote session",
                    "the category of the problem the remote session is about",
                ),
            ),
        )
    about = _coverage(ctx, problem)
    channel = ctx.reason(
        "remote-session",
        "Remote access is one of the ways support is given, not a kind of problem: the session "
        f"is judged by what it is about ({problem}: "
        f"{VENDOR_CATEGORIES.get(problem) or CATEGORIES[problem]}).",
        "SM-CHAN-1",
    )
    return attrs.evolve(about, category=cat, reasons=(*about.reasons, channel))


def _coverage(ctx: Context, cat: str) -> Coverage:
    """The coverage of a request about ``cat`` (a category)."""
    if cat in COVERED:
        clauses, message = COVERED[cat]
        reasons = [ctx.fixed_reason("covered", message, *clauses)]
        if cat in PRIORITISED:
            reasons.append(
                ctx.fixed_reason(
                    "priority-assigned",
                    "It is one of the problems listed as technical support, to which priorities "
                    "are assigned.",
                    "SM-RESP-5",
                )
            )
        return Coverage(CoverageStatus.COVERED, cat, tuple(reasons))
    if cat in EXCLUDED:
        clauses, message = EXCLUDED[cat]
        remedies: tuple[Remedy, ...] = ()
        if cat == "training":
            remedies = (
                ctx.fixed_remedy(
                    "operation-videos",
                    "Learn the systems with the operation videos on softmas.com.mx (free, "
                    "24 hours).",
                    "SM-CHAN-2",
                    "SM-HOURS-3",
                ),
            )
        elif cat == "on_site_visit":
            remedies = (
                ctx.fixed_remedy(
                    "remote-access",
                    "Ask for support by remote access to the computer instead.",
                    "SM-CHAN-1",
                ),
            )
        return Coverage(
            CoverageStatus.EXCLUDED,
            cat,
            (ctx.fixed_reason("excluded", message, *clauses),),
            remedies,
        )
    if cat in UPDATE_CATEGORIES:
        return _update_coverage(ctx, cat)
    if cat == "licence_replacement":
        if _standing(ctx).in_force:
            return Coverage(
                CoverageStatus.COVERED,
                cat,
                (
                    ctx.fixed_reason(
                        "replacement-right",
                        "Replacing a lost licence is a right of a user whose licence is in force.",
                        "SM-LOST-2",
                    ),
                ),
            )
        return Coverage(
            CoverageStatus.EXCLUDED,
            cat,
            (
                ctx.fixed_reason(
                    "lost-licence-not-replaced",
                    "The licence is not in force: a lost licence is not replaced under any "
                    "circumstances once there is no support.",
                    "SM-LOST-1",
                ),
            ),
        )
    if cat == "accounting_tax_advice":
        if ctx.settings.get("accounting_doubts") == "excluded":
            return Coverage(
                CoverageStatus.EXCLUDED,
                cat,
                (
                    ctx.fixed_reason(
                        "excluded",
                        "Accounting, tax or audit doubts are not technical support: whoever "
                        "operates the system must be trained in that field.",
                        "SM-EXCL-0",
                        "SM-EXCL-1",
                    ),
                ),
            )
        return Coverage(
            CoverageStatus.BILLABLE,
            cat,
            (
                ctx.fixed_reason(
                    "advisory-work",
                    "Accounting, tax or audit doubts are not technical support (whoever operates "
                    "the system must be trained in that field); they can be answered as advisory "
                    "work, charged per hour.",
                    "SM-EXCL-0",
                    "SM-EXCL-1",
                    "SM-ADV-1",
                    "SM-ADV-2",
                ),
            ),
            (_advisory_remedy(ctx),),
        )
    if cat == "usage_question":
        if ctx.settings.get("usage_questions") == "support":
            return Coverage(
                CoverageStatus.COVERED,
                cat,
                (
                    ctx.fixed_reason(
                        "covered",
                        "A problem with how the system works is technical support.",
                        "SM-SCOPE-5",
                        "SM-TRAIN-1",
                    ),
                    ctx.fixed_reason(
                        "priority-assigned",
                        "It is one of the problems listed as technical support, to which "
                        "priorities are assigned.",
                        "SM-RESP-5",
                    ),
                ),
            )
        return Coverage(
            CoverageStatus.BILLABLE,
            cat,
            (
                ctx.fixed_reason(
                    "advisory-work",
                    "A doubt about how the system works is not an error running it: support is not "
                    "training. The website answers such doubts 24 hours; answered by staff it is "
                    "advisory work, charged per hour.",
                    "SM-TRAIN-1",
                    "SM-ADV-1",
                    "SM-ADV-2",
                    "SM-HOURS-3",
                ),
            ),
            (
                _website_remedy(ctx, "SM-HOURS-3", "SM-GUIDE-1"),
                _advisory_remedy(ctx),
            ),
        )
    return Coverage(
        CoverageStatus.UNDETERMINED,
        cat,
        (
            ctx.reason(
                "no-rule",
                f"Softmás's terms do not say whether {cat!r} is technical support: they define "
                "it as errors running the system and list the common cases and the exclusions; "
                "ask Softmás.",
                "SM-SCOPE-1",
            ),
        ),
    )


# --------------------------------------------------------------------------- pricing


def _tax(ctx: Context, q: QuoteBuilder) -> None:
    rate = ctx.settings.decimal("iva_rate")
    if rate is None:
        q.missing(ctx.missing("iva_rate"))
    else:
        q.tax("IVA", rate)


def _advisory_quote(ctx: Context, q: QuoteBuilder) -> Quote:
    """Advisory work is charged per hour "en caso de solicitar asesoría" (SM-ADV-1): priced from
    the minutes worked; requested but not worked yet, no amount; neither, nothing is charged
    (interpretation SM-I-ADVISORY-REQUESTED)."""
    minutes = sum(e.minutes or 0 for e in ctx.case.ticket.of(EventKind.WORK_SESSION))
    requested = ctx.request.facts.get("advisory_requested") == "yes"
    if minutes == 0 and not requested:
        return ctx.fixed_quote(
            QuoteStatus.NOT_APPLICABLE,
            "advisory-not-requested",
            "Advisory work is charged per hour when it is asked for; none has been requested or "
            "worked on this request, so nothing is charged (the remedies give the hourly rate).",
            "SM-ADV-1",
        )
    rate = ctx.settings.money("advisory_hourly_rate")
    cites = ctx.cite("SM-ADV-1")
    if rate is None:
        q.missing(ctx.missing("advisory_hourly_rate"))
        q.reason(
            ctx.fixed_reason(
                "advisory-rate-missing",
                "Advisory work is charged per hour; the hourly rate is not configured "
                "(setting softmas.advisory_hourly_rate).",
                "SM-ADV-1",
            )
        )
        return q.build()
    if minutes == 0:
        q.reason(
            ctx.reason(
                "advisory-time-unknown",
                f"Advisory work was requested: it is charged per hour ({rate}, {_iva_note(ctx)}); "
                "no time is logged yet, so the amount follows the hours worked.",
                "SM-ADV-1",
            )
        )
        return q.build(QuoteStatus.INCOMPLETE)
    billed = minutes
    if ctx.settings.get("advisory_rounding") == "started_hour":
        billed = (minutes + 59) // 60 * 60  # up to whole hours
        how = "every started hour billed whole"
    else:
        how = "pro rata to the minute"
    q.time_line(
        f"Advisory work (asesoría), {minutes} min worked ({how})",
        rate,
        billed,
        citations=cites,
    )
    q.reason(
        ctx.reason(
            "advisory-hours",
            f"Advisory work is charged per hour ({rate}): {minutes} minutes worked, {how}.",
            "SM-ADV-1",
        )
    )
    _tax(ctx, q)
    return q.build()


def _update_quote(ctx: Context, q: QuoteBuilder) -> Quote:
    st = _standing(ctx)
    rental = st.lapsed is not None and st.lapsed.kind is AcquisitionKind.RENTAL
    key, what, clauses = (
        ("rental_price", "New rental period", ("SM-COST-2",))
        if rental
        else (
            "update_price",
            "Update (actualización) with 12 more months of support",
            ("SM-COST-4", "SM-LAPSE-1"),
        )
    )
    price = _table_price(ctx, key, st.product)
    if price is None:
        q.missing(ctx.missing(key))
    else:
        q.line(f"{what}: {st.product}", price, 1, citations=ctx.cite(*clauses))
        _tax(ctx, q)
    q.reason(
        ctx.reason("update-price", f"{what} of {st.product}, priced from softmas.{key}.", *clauses)
    )
    return q.build()


@hookimpl
def supportcore_pricing(ctx: Context, eligibility: Eligibility, coverage: Coverage) -> Quote:
    """Free when entitled and covered; advisory work per hour; updates at their price."""
    status = coverage.status
    if status == CoverageStatus.UNDETERMINED and coverage.missing_facts:
        return ctx.fixed_quote(
            QuoteStatus.UNDETERMINED,
            "price-undetermined",
            "Whether this is technical support depends on a fact the case does not give (see "
            "coverage), so its price does too.",
            "SM-SCOPE-1",
        )
    if status == CoverageStatus.UNDETERMINED:
        return ctx.fixed_quote(
            QuoteStatus.UNDETERMINED,
            "price-undetermined",
            "Whether this is technical support is not decided by the terms, so its price is "
            "not either.",
            "SM-SCOPE-1",
        )
    if status == CoverageStatus.EXCLUDED:
        return ctx.fixed_quote(
            QuoteStatus.NOT_APPLICABLE,
            "not-provided",
            "This is not provided, so nothing is priced.",
            _first_cite(coverage),
        )
    if status == CoverageStatus.BILLABLE:
        q = QuoteBuilder(ctx.vendor.currency)
        if topic(ctx.case) in UPDATE_CATEGORIES:
            return _update_quote(ctx, q)
        return _advisory_quote(ctx, q)
    if eligibility.status == EligibilityStatus.ENTITLED:
        return ctx.fixed_quote(
            QuoteStatus.FREE,
            "free-support",
            "Technical support is free for a user whose licence is in force.",
            "SM-COST-1",
        )
    if eligibility.status == EligibilityStatus.UNDETERMINED:
        return ctx.fixed_quote(
            QuoteStatus.UNDETERMINED,
            "free-if-entitled",
            "Technical support is free if the customer is entitled, which is undetermined.",
            "SM-COST-1",
        )
    return ctx.fixed_quote(
        QuoteStatus.NOT_APPLICABLE,
        "no-free-support",
        "No free technical support is given on this request; see the remedies for what the "
        "terms offer instead.",
        "SM-COST-1",
    )


def _first_cite(coverage: Coverage) -> str:
    """The first clause the coverage answer cites (SM-SCOPE-1 if none)."""
    return next((c.clause for r in coverage.reasons for c in r.citations), "SM-SCOPE-1")


# --------------------------------------------------------------------------- closure


@hookimpl
def supportcore_closure(ctx: Context, eligibility: Eligibility, coverage: Coverage) -> Closure:
    """Open or closed, and what is still owed (see ``_closure``)."""
    cal = _office(ctx)
    due, _reason = _response_due(ctx, cal)
    return _closure(
        ctx,
        cal,
        eligibility,
        coverage,
        due,
        import_in_business_days=ctx.settings.get("import_hours_reading") == "business_days",
    )
