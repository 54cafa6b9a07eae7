"""supportcore plugin: Visual System Data Software's ("informapuntcom") support terms.

Support plans for eSAT, eServicios and eFacturación (Spain, EUR, Europe/Madrid): a plan in force
contracted before the request, hours for the whole plan period (urgent service +30 minutes),
channels per plan with phone and remote control only by invitation, a list of exclusions,
required request data, 24 business-hour answers, ticket closure after 48 hours without answer,
remote appointments (4 hours' notice, 15-minute wait, +30 minutes), and non-automatic renewal.

Each hook below applies the clauses it cites; the rules live in the private modules
``_plan`` (plans and hours), ``_request`` (channels, data, categories), ``_ticket``
(appointments), ``_service`` (business hours, response deadlines) and ``_closure``.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import timedelta

from supportcore import (
    Channel,
    Closure,
    ClosureStatus,
    Context,
    Coverage,
    CoverageStatus,
    Eligibility,
    EligibilityStatus,
    EventKind,
    Party,
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
from supportcore.calendar import BusinessCalendar, CalendarSpec
from supportcore.ledger import format_minutes
from supportcore.model import Contract, UsageKind

from ._closure import closure_of
from ._overage import missed_session_not_billed, over_reasons
from ._plan import (
    hours_basis,
    plan_hours,
    plan_remedies,
    select_plan,
    special_contract,
    terms_basis,
    ticket_lines,
)
from ._request import (
    ATTENDED_BY_INVITATION,
    COVERED,
    EXCLUDED,
    NOT_COVERED_REMOTE,
    OFFERED,
    OTHER_USER,
    REMOTE_BILLABLE,
    channel_basis,
    channel_not_offered,
    channel_refusal,
    data_reasons,
    remote_billing,
    request_data,
    urgent_remote_remedy,
)
from ._service import CALENDAR, response_due
from ._setup import parse_response_hours, setup
from ._text import day_text, instant_text, minute_text
from ._ticket import (
    APPOINTMENT_KINDS,
    appointment_kind,
    appointment_outcome,
    appointment_outcomes,
)

__all__ = ["SUPPORTCORE_HOOK_API", "TERMS"]

SUPPORTCORE_HOOK_API = 1

#: The vendor's terms, loaded once at import.
TERMS: TermsCatalogue = load_terms(__name__)

#: Categories the shared taxonomy lacks and the terms name.
_CATEGORIES = {
    "third_party_cause": (
        "an incident caused by a third cause: bad installation, power cuts, incompatible "
        "set-ups, user tampering, outdated hardware, misuse (causas terceras)"
    ),
    "equipment_optimisation": "optimising the customer's computers (optimización de equipos)",
}


def _special_reason(ctx: Context, c: Contract) -> Reason:
    return ctx.reason(
        "special-contract",
        f"Undetermined — governed by special contract {c.id} ({c.special_terms}): users with "
        "special support conditions get support under their own contract, which these general "
        "terms do not contain.",
        "IPC-INTRO-2",
    )


# --------------------------------------------------------------------------- identity


@hookimpl
def supportcore_vendor_info() -> VendorInfo:
    """informapuntcom: Spain, EUR, Europe/Madrid; e-mail, phone and remote control."""
    return VendorInfo(
        name="informapuntcom",
        title="Visual System Data Software (informapuntcom)",
        country="ES",
        currency="EUR",
        timezone="Europe/Madrid",
        products=("eSAT", "eServicios", "eFacturación"),
        channels=OFFERED,
        categories=_CATEGORIES,
        language="es",
        document="TÉRMINOS Y CONDICIONES GENERALES DEL SOPORTE PARA EL SOFTWARE ESTÁNDAR",
    )


@hookimpl
def supportcore_terms() -> TermsCatalogue:
    """The clause catalogue shipped in ``terms.toml``."""
    return TERMS


@hookimpl
def supportcore_calendars(
    settings: VendorSettings, terms: TermsCatalogue
) -> Mapping[str, BusinessCalendar]:
    """informapuntcom's business hours (IPC-INC-3), only when the integrator supplies them."""
    spec = settings.get("business_hours")
    if not isinstance(spec, CalendarSpec):
        return {}
    return {CALENDAR: spec.build(CALENDAR)}


# --------------------------------------------------------------------------- input


@hookimpl
def supportcore_check_settings(settings: VendorSettings, terms: TermsCatalogue) -> Iterable[str]:
    """Settings the rules cannot read, checked once when the engine is built: entries of
    ``plan_response_hours`` that are not "PLAN=HOURS" with a positive number of hours, or that
    name a plan twice (IPC-RT-1)."""
    _, bad = parse_response_hours(settings.get("plan_response_hours"))
    return [f"informapuntcom.plan_response_hours[{j}]: {msg}" for j, msg in bad]


@hookimpl
def supportcore_check_case(ctx: Context) -> Iterable[Problem]:
    """Input this plugin cannot decide on: a plan without its hour limit (IPC-HRS-1), channels
    informapuntcom does not offer, usage outside the plan period (IPC-HRS-7), an appointment
    that is neither a remote session nor a call (IPC-TEL-4), a resolution without who declared
    it. (Settings are checked once, by :func:`supportcore_check_settings`.)
    """
    problems: list[Problem] = []
    tz = ctx.vendor.tz
    for i, c in enumerate(ctx.case.contracts):
        if c.special_terms:
            continue
        if c.included_minutes is None:
            problems.append(
                Problem(
                    f"contracts[{i}].included_minutes",
                    "every informapuntcom plan states its maximum hours (IPC-HRS-1); give the "
                    "plan's allowance in minutes",
                    "error",
                )
            )
        for j, ch in enumerate(c.channels):
            if ch not in OFFERED:
                problems.append(
                    Problem(
                        f"contracts[{i}].channels[{j}]",
                        f"informapuntcom plans offer e-mail, phone and remote control, not {ch!r}",
                        "error",
                    )
                )
        for j, u in enumerate(c.usage):
            day = u.at.astimezone(tz).date()
            if day < c.start or (c.end is not None and day >= c.end):
                problems.append(
                    Problem(
                        f"contracts[{i}].usage[{j}].at",
                        f"{day.isoformat()} is outside the plan period of contract {c.id}; "
                        "hours do not carry over between plans (IPC-HRS-7)",
                        "error",
                    )
                )
    for i, e in enumerate(ctx.case.ticket.events):
        if e.kind is EventKind.APPOINTMENT_BOOKED and e.ref not in (None, *APPOINTMENT_KINDS):
            problems.append(
                Problem(
                    f"ticket.events[{i}].ref",
                    f"an appointment is a remote-control session ('remote') or a call ('phone'), "
                    f"not {e.ref!r} (IPC-TEL-4)",
                    "error",
                )
            )
        if e.kind in (EventKind.RESOLVED, EventKind.CLOSED) and e.by not in (
            Party.CUSTOMER,
            Party.VENDOR,
        ):
            problems.append(
                Problem(
                    f"ticket.events[{i}].by",
                    "say who declared the ticket solved: customer (IPC-CLO-1) or vendor "
                    "(IPC-CLO-2)",
                    "error",
                )
            )
    return problems


# --------------------------------------------------------------------------- service


@hookimpl
def supportcore_service_hours(ctx: Context) -> Service:
    """Business hours (IPC-INC-3), the agreed call or session (IPC-TEL-4) and the response
    deadline (IPC-OPS-3, IPC-RT-1, IPC-RT-2, IPC-HRS-4)."""
    req = ctx.request
    channel = str(req.channel)
    cal = ctx.calendars.get(CALENDAR)
    reasons: list[Reason] = []
    open_now: bool | None = None
    schedule: str | None = None
    next_opening = None
    if cal is None:
        reasons.append(
            ctx.fixed_reason(
                "business-hours-missing",
                "Support is always given within informapuntcom's customer-service business hours, "
                "which the terms do not publish: the setting informapuntcom.business_hours is "
                "missing, so whether the desk is open is unknown.",
                "IPC-INC-3",
            )
        )
    else:
        status = cal.status(ctx.at)
        open_now, schedule = status.open, status.schedule
        if open_now:
            reasons.append(
                ctx.fixed_reason(
                    "business-hours-open",
                    "informapuntcom's business hours are running now; support is always given "
                    "within them.",
                    "IPC-INC-3",
                )
            )
        else:
            next_opening = status.next_open
            closed = cal.explain_closed(ctx.today)
            why = f" ({closed})" if closed else ""
            reasons.append(
                ctx.reason(
                    "business-hours-closed",
                    f"Outside informapuntcom's business hours now{why}; support is always given "
                    f"within them: next opening {instant_text(next_opening)}.",
                    "IPC-INC-3",
                )
            )
    missing = setup(ctx).missing
    sp = special_contract(ctx)
    if sp is not None:
        reasons.append(_special_reason(ctx, sp))
        lacking = () if cal is not None else (missing["business_hours"],)
        return Service(channel, open_now, schedule, next_opening, None, tuple(reasons), lacking)
    booking = ctx.case.ticket.last(EventKind.APPOINTMENT_BOOKED)
    if req.channel in ATTENDED_BY_INVITATION and booking is not None:
        when = booking.scheduled_for
        assert when is not None  # the model requires it
        local = ctx.local(when)
        what = (
            "call informapuntcom"
            if appointment_kind(ctx, booking) is Channel.PHONE
            else "connect for the remote-control session"
        )
        note = ""
        if cal is not None and not cal.is_open(when):
            note = " That time is outside informapuntcom's business hours."
        reasons.append(
            ctx.reason(
                "agreed-appointment",
                f"informapuntcom invited the customer to {what} on {instant_text(local)}.{note}",
                "IPC-TEL-4",
                "IPC-INC-3",
            )
        )
    due, due_reasons = response_due(ctx, ctx.calendars)
    # (no other reason of this answer has either code: the first comes from above, the second
    # is the deadline's last reason when it is there)
    lacking = ()
    if cal is None:
        lacking = (missing["business_hours"],)
    if due_reasons[-1].code == "plan-response-time-unknown":
        lacking = (*lacking, missing["plan_response_hours"])
    return Service(
        channel, open_now, schedule, next_opening, due, (*reasons, *due_reasons), lacking
    )


# --------------------------------------------------------------------------- eligibility


@hookimpl
def supportcore_eligibility(ctx: Context, service: Service) -> Eligibility:
    """A plan in force contracted before the request (IPC-SUP-1) with hours left (IPC-HRS-5),
    through a channel of the plan, phone and remote only by invitation (IPC-INC-2,
    IPC-TEL-1..4), with the data that make the request processable (IPC-OPS-4)."""
    sp = special_contract(ctx)
    if sp is not None:
        return Eligibility(EligibilityStatus.UNDETERMINED, reasons=(_special_reason(ctx, sp),))
    refusal = channel_not_offered(ctx)
    if refusal is not None:
        return Eligibility(refusal.status, reasons=refusal.reasons, remedies=refusal.remedies)
    req = ctx.request
    choice = select_plan(ctx)
    plan = choice.plan
    data = request_data(ctx, plan)
    wants_paid_remote = req.channel is Channel.REMOTE or req.category == "remote_assistance"
    if plan is None:
        remedies = plan_remedies(ctx, choice.last_plan)
        if wants_paid_remote:
            remedies.append(urgent_remote_remedy(ctx))
        return Eligibility(
            EligibilityStatus.NOT_ENTITLED,
            reasons=choice.reasons,
            remedies=tuple(remedies),
        )
    hours = plan_hours(ctx, plan)
    last_day = plan.end - timedelta(days=1) if plan.end is not None else None
    if hours.prior.exhausted:
        used = hours.prior
        when = used.exhausted_at
        since = f" on {day_text(ctx.local(when))}" if when is not None else ""
        reasons = [
            ctx.reason(
                "plan-hours-exhausted",
                f"Plan {plan.plan or plan.id} (contract {plan.id}) used up all its hours{since}, "
                f"before this request ({used.describe()}); a plan ends when its hours run out or "
                "at its end date, whichever comes first.",
                "IPC-HRS-5",
                "IPC-HRS-6",
            )
        ]
        remedies = plan_remedies(ctx, plan, exhausted=True)
        if wants_paid_remote and Channel.REMOTE in plan.channels:
            remedies.append(urgent_remote_remedy(ctx, "IPC-TEL-6"))
        elif wants_paid_remote:
            remedies.append(urgent_remote_remedy(ctx))
        return Eligibility(
            EligibilityStatus.NOT_ENTITLED,
            reasons=tuple(reasons),
            remedies=tuple(remedies),
            remaining_minutes=0,
        )
    refusal = channel_refusal(ctx, plan, choice.index)
    blocked = data_reasons(ctx, data, plan)
    if refusal is not None:
        return Eligibility(
            refusal.status,
            reasons=(*refusal.reasons, *blocked),
            remedies=refusal.remedies,
            remaining_minutes=hours.ledger.remaining_minutes,
            missing_facts=(*refusal.missing_facts, *data.facts),
        )
    if blocked:
        return Eligibility(
            EligibilityStatus.NOT_ENTITLED,
            reasons=tuple(blocked),
            missing_facts=data.facts,
            remedies=(
                Remedy(
                    "complete-request",
                    "Send the request again (or complete it) with the number of the contract in "
                    f"force ({plan.id}), the contact person and phone, and the licence holder's "
                    "company name and NIF",
                    citations=ctx.cite("IPC-OPS-2", "IPC-OPS-4"),
                ),
            ),
            remaining_minutes=hours.ledger.remaining_minutes,
        )
    contracted = (
        f"Plan {plan.plan or plan.id} (contract {plan.id}) is in force"
        + (f" until {last_day.isoformat()}" if last_day else "")
        + f", contracted on {plan.signed.isoformat()}, before the request of "
        f"{day_text(ctx.local(req.received_at))}"
        + (", and paid" if plan.paid_on is None else f", and paid on {plan.paid_on.isoformat()}")
        + "."
    )
    basis: list[Reason] = [
        ctx.reason("plan-in-force", contracted, "IPC-SUP-1", "IPC-REN-3"),
        terms_basis(ctx, plan),
        channel_basis(ctx, plan),
        *hours_basis(ctx, hours),
    ]
    run_out: tuple[Remedy, ...] = ()
    if hours.ledger.exhausted and not hours.outside_plan:
        when = hours.exhausted_at
        basis.append(
            ctx.reason(
                "plan-hours-run-out",
                "The plan's hours ran out during this case"
                + (f" (on {minute_text(ctx.local(when))})" if when is not None else "")
                + ": assistance on it beyond the hours, while it is unsolved, is charged at "
                "current tariffs; further requests need a renewed or new plan.",
                "IPC-HRS-8",
                "IPC-HRS-5",
                "IPC-HRS-6",
            )
        )
        run_out = tuple(plan_remedies(ctx, plan, exhausted=True))
    return Eligibility(
        EligibilityStatus.ENTITLED,
        basis=tuple(basis),
        remedies=run_out,
        valid_until=last_day,
        remaining_minutes=hours.ledger.remaining_minutes,
        missing_facts=data.facts,
    )


# --------------------------------------------------------------------------- coverage


@hookimpl
def supportcore_exclusions(ctx: Context, eligibility: Eligibility) -> Coverage:
    """What the support includes (IPC-INC-1, IPC-QRY-1) and excludes (IPC-EXC-1..7); excluded
    technical assistance by remote control is billable at the remote tariff (IPC-TEL-6/7)."""
    cat = ctx.request.category
    sp = special_contract(ctx)
    if sp is not None:
        return Coverage(CoverageStatus.UNDETERMINED, cat, (_special_reason(ctx, sp),))
    plan = select_plan(ctx).plan
    mode = remote_billing(ctx, plan)
    if ctx.request.needs_adaptation and cat != "custom_development":
        return Coverage(
            CoverageStatus.EXCLUDED,
            cat,
            (
                ctx.fixed_reason(
                    "needs-program-change",
                    "Solving this needs a modification of the program, which the support does "
                    "not include.",
                    "IPC-EXC-5",
                ),
            ),
        )
    if mode is not None:
        clause = "IPC-TEL-6" if mode == NOT_COVERED_REMOTE else "IPC-TEL-7"
        base = EXCLUDED.get(cat, COVERED.get(cat, ("IPC-TEL-1",)))
        who = (
            "the plan includes remote assistance but this assistance is not covered by it"
            if mode == NOT_COVERED_REMOTE
            else "urgent remote assistance for a user whose plan does not include it"
        )
        return Coverage(
            CoverageStatus.BILLABLE,
            cat,
            (
                ctx.fixed_reason(
                    "remote-assistance-at-tariff",
                    "Remote assistance is given, charged at informapuntcom's current "
                    f"remote-assistance tariff in minutes: {who}.",
                    clause,
                    "IPC-TEL-5",
                    *base,
                ),
            ),
        )
    if cat in EXCLUDED:
        ids = EXCLUDED[cat]
        remedies: tuple[Remedy, ...] = ()
        if cat in REMOTE_BILLABLE:
            if plan is not None and Channel.REMOTE in plan.channels:
                remedies = (urgent_remote_remedy(ctx, "IPC-TEL-6"),)
            else:
                remedies = (urgent_remote_remedy(ctx, "IPC-TEL-7"),)
        text = {
            "training": "Training is not part of the support: queries must be one-off and do "
            "not replace the manual or training by phone, e-mail or in person.",
        }.get(cat, f"The support does not include this ({cat.replace('_', ' ')}).")
        return Coverage(
            CoverageStatus.EXCLUDED,
            cat,
            (ctx.fixed_reason("not-included", text, *ids),),
            remedies,
        )
    if cat in COVERED:
        text = (
            "A one-off doubt or query about using the program is included (it does not "
            "replace the manual or training)."
            if cat == "usage_question"
            else "An incident in the use of the program is included."
        )
        return Coverage(
            CoverageStatus.COVERED, cat, (ctx.fixed_reason("included", text, *COVERED[cat]),)
        )
    if cat == "remote_assistance":
        if plan is not None and Channel.REMOTE in plan.channels:
            return Coverage(
                CoverageStatus.COVERED,
                cat,
                (
                    ctx.fixed_reason(
                        "remote-in-plan",
                        "The plan includes remote-control assistance (given by invitation, counted "
                        "in minutes).",
                        "IPC-INC-2",
                        "IPC-TEL-1",
                        "IPC-TEL-5",
                    ),
                ),
            )
        return Coverage(
            CoverageStatus.EXCLUDED,
            cat,
            (
                ctx.fixed_reason(
                    "remote-not-in-plan",
                    "Remote-control assistance is available only with plans that include it; "
                    "urgent remote assistance is offered at the current remote-assistance tariff.",
                    "IPC-TEL-1",
                    "IPC-TEL-7",
                ),
            ),
            (urgent_remote_remedy(ctx),),
        )
    return Coverage(
        CoverageStatus.UNDETERMINED,
        cat,
        (
            ctx.fixed_reason(
                "not-ruled",
                f"informapuntcom's terms neither include nor exclude {cat.replace('_', ' ')!r}: "
                "the support covers doubts, queries and incidents in the use of the program, and "
                "lists what it does not include; this matter is in neither list.",
                "IPC-INC-1",
            ),
        ),
    )


# --------------------------------------------------------------------------- pricing


def _no_refund(ctx: Context) -> Reason:
    return ctx.fixed_reason(
        "no-refund",
        "Neither the price of the service nor the minutes consumed are refunded after a "
        "connection that failed on the customer's side.",
        "IPC-APT-12",
    )


def _unpriced(
    ctx: Context, status: str, no_refund: bool, code: str, message: str, *clause_ids: str
) -> Quote:
    """A quote with nothing priced and one fixed reason (after the no-refund note when the
    remote connection failed): the same object for every case that gets it."""
    currency = ctx.vendor.currency

    def build() -> Quote:
        reason = ctx.reason(code, message, *clause_ids)
        reasons = (_no_refund(ctx), reason) if no_refund else (reason,)
        return Quote.unpriced(currency, status, reasons)

    key = ("informapuntcom:unpriced", currency, status, no_refund, code, message, clause_ids)
    return ctx.terms.fixed(key, build)


@hookimpl
def supportcore_pricing(ctx: Context, eligibility: Eligibility, coverage: Coverage) -> Quote:
    """Free within the plan's hours; beyond them on an unsolved case, minutes at the current
    tariff (IPC-HRS-8) or remote tariff (IPC-TEL-6); remote assistance outside the plan at the
    remote tariff (IPC-TEL-6, IPC-TEL-7); never a refund (IPC-APT-12)."""
    currency = ctx.vendor.currency
    sp = special_contract(ctx)
    if sp is not None:
        return Quote.unpriced(currency, QuoteStatus.UNDETERMINED, (_special_reason(ctx, sp),))
    config = setup(ctx)
    vat = config.vat_rate
    plan = select_plan(ctx).plan
    outcome = appointment_outcome(ctx)
    no_refund = outcome is not None and outcome.kind == "connection_failed"
    mode = remote_billing(ctx, plan)
    # Paid remote assistance: for a user whose plan includes remote control, once the request
    # is otherwise admissible (invitation, data); for any other user, on the urgent request.
    if coverage.status == CoverageStatus.BILLABLE and (
        eligibility.status == EligibilityStatus.ENTITLED or mode == OTHER_USER
    ):
        q = QuoteBuilder(currency)
        if no_refund:
            q.reason(_no_refund(ctx))
        clause = "IPC-TEL-6" if mode == NOT_COVERED_REMOTE else "IPC-TEL-7"
        # Work given is charged; the extra minutes of the terms are not assistance given.
        minutes = sum(ln.minutes for ln in ticket_lines(ctx) if ln.kind is UsageKind.WORK)
        if any(o.surcharge is not None for o in appointment_outcomes(ctx)):
            q.reason(missed_session_not_billed(ctx, clause))
            if minutes == 0:
                return q.build(QuoteStatus.COMPLETE)
        rate = config.remote_hourly_rate
        if rate is None:
            q.missing(config.missing["remote_hourly_rate"])
            q.reason(
                ctx.reason(
                    "remote-tariff-missing",
                    f"{format_minutes(minutes)} of remote assistance so far, charged at the "
                    "current remote-assistance tariff, which is not configured.",
                    clause,
                    "IPC-TEL-5",
                )
            )
            return q.build()
        q.time_line(
            f"Remote assistance, {format_minutes(minutes)} at {rate} per hour, counted in minutes",
            rate,
            minutes,
            citations=ctx.cite(clause, "IPC-TEL-5"),
        )
        if minutes == 0:
            q.reason(
                ctx.reason(
                    "charged-per-minute",
                    f"No minutes logged yet; each minute of the session is charged at {rate} per "
                    "hour.",
                    clause,
                    "IPC-TEL-5",
                )
            )
        if vat is not None:
            q.tax("IVA", vat)
        return q.build(QuoteStatus.COMPLETE)
    if coverage.status == CoverageStatus.EXCLUDED:
        return _unpriced(
            ctx,
            QuoteStatus.NOT_APPLICABLE,
            no_refund,
            "nothing-to-price",
            "The matter is not included in the support, so nothing is priced.",
            *(
                [c.clause for c in coverage.reasons[0].citations]
                if coverage.reasons
                else ["IPC-INC-1"]
            ),
        )
    if eligibility.status == EligibilityStatus.NOT_ENTITLED:
        return _unpriced(
            ctx,
            QuoteStatus.NOT_APPLICABLE,
            no_refund,
            "not-entitled",
            "No support is given under a plan for this request; the remedies say what the "
            "terms offer instead and at what price.",
            "IPC-SUP-1",
        )
    if (
        eligibility.status == EligibilityStatus.UNDETERMINED
        or coverage.status == CoverageStatus.UNDETERMINED
        or plan is None
    ):
        return _unpriced(
            ctx,
            QuoteStatus.UNDETERMINED,
            no_refund,
            "price-undetermined",
            "The price depends on whether this request is entitled and covered, which is "
            "undetermined.",
            "IPC-INC-1",
        )
    hours = plan_hours(ctx, plan)
    over = hours.billable_overage_minutes
    ledger = ctx.reason(
        "plan-ledger",
        f"Work on this request is logged against the plan: {hours.ledger_text}.",
        "IPC-HRS-1",
        "IPC-HRS-3",
    )
    notes = over_reasons(ctx, hours)
    if over == 0:
        head = (_no_refund(ctx), ledger) if no_refund else (ledger,)
        return Quote.unpriced(currency, None, (*head, *notes))
    q = QuoteBuilder(currency)
    if no_refund:
        q.reason(_no_refund(ctx))
    q.reason(ledger)
    for note in notes:
        q.reason(note)
    remote = ctx.request.channel is Channel.REMOTE
    key, ids = (
        ("remote_hourly_rate", ("IPC-TEL-6", "IPC-TEL-5", "IPC-HRS-8"))
        if remote
        else ("hourly_rate", ("IPC-HRS-8",))
    )
    rate = config.remote_hourly_rate if remote else config.hourly_rate
    if rate is None:
        q.missing(config.missing[key])
        q.reason(
            ctx.reason(
                "tariff-missing",
                f"{format_minutes(over)} beyond the plan's hours are charged at the current "
                f"tariff, which is not configured (setting informapuntcom.{key}).",
                *ids,
            )
        )
        return q.build()
    what = "Remote assistance" if remote else "Assistance"
    q.time_line(
        f"{what} beyond the plan's hours on this unsolved case, {format_minutes(over)} at "
        f"{rate} per hour, counted in minutes",
        rate,
        over,
        citations=ctx.cite(*ids),
    )
    if vat is not None:
        q.tax("IVA", vat)
    return q.build()


# --------------------------------------------------------------------------- closure


@hookimpl
def supportcore_closure(ctx: Context, eligibility: Eligibility, coverage: Coverage) -> Closure:
    """Solved by either side (IPC-CLO-1, IPC-CLO-2), 48 hours unanswered (IPC-CLO-3), or a
    cancelled, missed or failed remote appointment (IPC-APT-3, IPC-APT-6, IPC-APT-11)."""
    sp = special_contract(ctx)
    if sp is not None:
        return Closure(ClosureStatus.UNDETERMINED, reasons=(_special_reason(ctx, sp),))
    return closure_of(ctx, eligibility, ctx.calendars)
