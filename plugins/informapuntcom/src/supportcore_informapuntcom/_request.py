"""The request itself: its channel, the data it carries, and what kind of problem it is."""

from __future__ import annotations

import functools
from datetime import datetime

import attrs

from supportcore import Channel, Context, Contract, EventKind, MissingFact, Reason, Remedy

from ._setup import setup

__all__ = [
    "ATTENDED_BY_INVITATION",
    "COVERED",
    "EXCLUDED",
    "NOT_COVERED_REMOTE",
    "OFFERED",
    "OTHER_USER",
    "REMOTE_BILLABLE",
    "DataCheck",
    "Refusal",
    "channel_basis",
    "channel_name",
    "channel_not_offered",
    "channel_refusal",
    "channels_text",
    "data_reasons",
    "invitation",
    "refused",
    "remote_billing",
    "request_data",
    "urgent_remote_remedy",
]

#: Channels of the terms: "Servicio ofrecido vía email, teléfono o control remoto".
OFFERED: tuple[Channel, ...] = (Channel.EMAIL, Channel.PHONE, Channel.REMOTE)
#: Channels attended only by informapuntcom's invitation at an agreed time (IPC-TEL-2..4).
ATTENDED_BY_INVITATION: tuple[Channel, ...] = (Channel.PHONE, Channel.REMOTE)

_NAMES = {Channel.EMAIL: "e-mail", Channel.PHONE: "phone", Channel.REMOTE: "remote control"}

#: Categories the terms include, with the clauses that include them.
COVERED: dict[str, tuple[str, ...]] = {
    "usage_question": ("IPC-INC-1", "IPC-QRY-1"),
    "malfunction": ("IPC-INC-1",),
}
#: Categories the terms exclude, with the clauses that exclude them.
EXCLUDED: dict[str, tuple[str, ...]] = {
    "third_party_cause": ("IPC-EXC-1",),
    "third_party_software": ("IPC-EXC-1", "IPC-EXC-6"),
    "virus_malware": ("IPC-EXC-1",),
    "os_compatibility": ("IPC-EXC-1",),
    "internet": ("IPC-EXC-1",),
    "operating_system": ("IPC-EXC-1", "IPC-EXC-6"),
    "hardware": ("IPC-EXC-1", "IPC-EXC-6"),
    "network": ("IPC-EXC-6",),
    "equipment_optimisation": ("IPC-EXC-6",),
    "on_site_visit": ("IPC-EXC-2",),
    "report_design": ("IPC-EXC-3",),
    "training": ("IPC-EXC-4", "IPC-QRY-1"),
    "custom_development": ("IPC-EXC-5",),
    "shipping_material": ("IPC-EXC-7",),
}
#: Excluded technical assistance that informapuntcom can still give, paid, by remote control
#: (IPC-TEL-6, IPC-TEL-7; interpretation IPC-INT-NOT-COVERED-REMOTE).
REMOTE_BILLABLE: frozenset[str] = frozenset(
    k for k, v in EXCLUDED.items() if set(v) <= {"IPC-EXC-1", "IPC-EXC-6"}
)

NOT_COVERED_REMOTE = "not_covered"  #: IPC-TEL-6: remote plan, assistance not covered
OTHER_USER = "other_user"  #: IPC-TEL-7: urgent remote for a user whose plan lacks it


def channel_name(ch: Channel) -> str:
    return _NAMES.get(ch, str(ch))


@functools.lru_cache(maxsize=64)
def channels_text(channels: tuple[Channel, ...]) -> str:
    """A plan's channels, listed: ``"e-mail, phone"`` (a plan has one of a few combinations)."""
    return ", ".join(channel_name(c) for c in channels)


def remote_billing(ctx: Context, plan: Contract | None) -> str | None:
    """Whether this request is remote assistance billed at the remote tariff outside the plan.

    ``"not_covered"``: the plan includes remote control but the matter is excluded technical
    assistance (IPC-TEL-6). ``"other_user"``: the plan (if any) lacks remote control and the
    customer asks for *urgent* remote assistance (IPC-TEL-7). ``None`` otherwise.
    """
    req = ctx.request
    cat = req.category
    if req.channel is not Channel.REMOTE and cat != "remote_assistance":
        return None
    if req.needs_adaptation or (cat in EXCLUDED and cat not in REMOTE_BILLABLE):
        return None
    if plan is not None and Channel.REMOTE in plan.channels:
        return NOT_COVERED_REMOTE if cat in REMOTE_BILLABLE else None
    if req.urgent and (cat in REMOTE_BILLABLE or cat in COVERED or cat == "remote_assistance"):
        return OTHER_USER
    return None


@attrs.frozen
class Refusal:
    """A reasoned refusal (or an undetermined answer) with what the customer can do instead."""

    status: str
    reasons: tuple[Reason, ...]
    remedies: tuple[Remedy, ...] = ()
    missing_facts: tuple[MissingFact, ...] = ()


def _email_remedy(ctx: Context) -> Remedy:
    return ctx.fixed_remedy(
        "send-by-email",
        "Send the request by e-mail, with the contract number, contact person and phone, "
        "company name and NIF of the licence holder; informapuntcom tries to solve it by "
        "e-mail first and invites you to a call or remote session if it is needed",
        "IPC-OPS-1",
        "IPC-TEL-3",
        "IPC-TEL-4",
    )


def urgent_remote_remedy(ctx: Context, clause: str = "IPC-TEL-7") -> Remedy:
    """Paid remote assistance at the current remote-assistance tariff (IPC-TEL-6/7)."""
    return ctx.prepared("informapuntcom:paid-remote-assistance", _paid_remote_remedies)[clause]


def _paid_remote_remedies(ctx: Context) -> dict[str, Remedy]:
    """The paid remote-assistance remedy citing IPC-TEL-6 and IPC-TEL-7, priced from the
    settings (once per engine and terms version)."""
    config = setup(ctx)
    rate = config.remote_hourly_rate
    out: dict[str, Remedy] = {}
    for clause in ("IPC-TEL-6", "IPC-TEL-7"):
        what = (
            "Urgent remote assistance at informapuntcom's current remote-assistance tariff, "
            "counted in minutes"
            if clause == "IPC-TEL-7"
            else "Remote assistance at informapuntcom's current remote-assistance tariff, "
            "counted in minutes"
        )
        out[clause] = Remedy(
            "paid-remote-assistance",
            what,
            price=rate,
            price_note="per hour, charged per minute, +IVA" if rate is not None else "",
            missing=() if rate is not None else (config.missing["remote_hourly_rate"],),
            citations=ctx.cite(clause, "IPC-TEL-5"),
        )
    return out


def channel_not_offered(ctx: Context) -> Refusal | None:
    """A channel informapuntcom does not offer at all (IPC-INC-2, IPC-OPS-1, IPC-EXC-2)."""
    ch = ctx.request.channel
    if ch in OFFERED:
        return None
    clauses = ["IPC-INC-2", "IPC-OPS-1"]
    extra = ""
    if ch is Channel.ON_SITE:
        clauses.append("IPC-EXC-2")
        extra = " Travel to the customer's premises is not part of the support."
    reason = ctx.reason(
        "channel-not-offered",
        f"informapuntcom gives support by e-mail, phone or remote control (as the plan "
        f"includes) and takes requests by e-mail or phone; '{ch}' is not one of them.{extra}",
        *clauses,
    )
    return Refusal("not_entitled", (reason,), (_email_remedy(ctx),))


def channel_refusal(ctx: Context, plan: Contract, index: int | None) -> Refusal | None:
    """The plan's channels and the invitation rule (IPC-INC-2, IPC-RT-3, IPC-TEL-1..4, 7).
    Eligibility and the urgent surcharge both ask about the plan in force: once per case."""
    memo = ctx.memo.get("informapuntcom:channel-refusal")
    if memo is not None and memo[0] is plan:
        return memo[1]  # type: ignore[no-any-return]
    refusal = _channel_refusal(ctx, plan, index)
    ctx.memo["informapuntcom:channel-refusal"] = (plan, refusal)
    return refusal


def refused(ctx: Context, plan: Contract | None, index: int | None) -> bool:
    """Whether informapuntcom refuses the request: a channel it does not offer or the plan
    lacks, or data missing that stop it (IPC-OPS-4). An urgent request refused is not charged
    its 30 extra minutes (IPC-HRS-4)."""
    if channel_not_offered(ctx) is not None:
        return True
    if plan is None:
        return False
    refusal = channel_refusal(ctx, plan, index)
    return (refusal is not None and refusal.status == "not_entitled") or request_data(
        ctx, plan
    ).blocking


def _channel_refusal(ctx: Context, plan: Contract, index: int | None) -> Refusal | None:
    ch = ctx.request.channel
    if not plan.channels:
        where = f"contracts[{index}].channels" if index is not None else "the contract's channels"
        return Refusal(
            "undetermined",
            (
                ctx.reason(
                    "plan-channels-unknown",
                    "Support is given by e-mail, phone or remote control as the plan includes, "
                    f"and the case does not say which channels plan {plan.plan or plan.id} "
                    f"includes ({where}).",
                    "IPC-INC-2",
                ),
            ),
            missing_facts=(
                MissingFact(
                    where if index is not None else "contracts.channels",
                    "which channels the plan includes (IPC-INC-2)",
                    f"the channels of plan {plan.plan or plan.id} (contract {plan.id})",
                ),
            ),
        )
    if ch not in plan.channels:
        included = channels_text(plan.channels)
        clauses = ["IPC-INC-2", "IPC-RT-3"]
        if ch in ATTENDED_BY_INVITATION:
            clauses.insert(0, "IPC-TEL-1")
        reason = ctx.reason(
            "channel-not-in-plan",
            f"Plan {plan.plan or plan.id} includes {included}, not {channel_name(ch)}; requests "
            "go through a channel of the active plan.",
            *clauses,
        )
        remedies: list[Remedy] = []
        if Channel.EMAIL in plan.channels:
            remedies.append(_email_remedy(ctx))
        if ch is Channel.REMOTE:
            remedies.append(urgent_remote_remedy(ctx))
        if ch in ATTENDED_BY_INVITATION:
            config = setup(ctx)
            remedies.append(
                Remedy(
                    "plan-with-channel",
                    f"Contract a plan that includes {channel_name(ch)} (informapuntcom publishes "
                    "its plans on the web)",
                    missing=() if config.plan_prices else (config.missing["plan_prices"],),
                    citations=ctx.cite("IPC-TEL-1", "IPC-SUP-2"),
                )
            )
        return Refusal("not_entitled", (reason,), tuple(remedies))
    # A request may be sent by phone (IPC-OPS-1); only a remote session needs the invitation.
    if ch is Channel.REMOTE and invitation(ctx) is None:
        reason = ctx.reason(
            "attention-by-invitation-only",
            f"{channel_name(ch).capitalize()} attention is given only when informapuntcom "
            "indicates it: the matter is first tried by e-mail, and if a call or remote "
            "session is the right way informapuntcom sends an invitation for an agreed date "
            "and time. This ticket has no such invitation.",
            "IPC-TEL-2",
            "IPC-TEL-3",
            "IPC-TEL-4",
        )
        remedies = [_email_remedy(ctx)] if Channel.EMAIL in plan.channels else []
        return Refusal("not_entitled", (reason,), tuple(remedies))
    return None


def channel_basis(ctx: Context, plan: Contract) -> Reason:
    """Why the request's channel is fine (after :func:`channel_refusal` found nothing): a
    channel of the plan; a phone request is answered first by e-mail unless informapuntcom
    invited the customer to call (IPC-OPS-1, IPC-TEL-2..4); a remote session is by invitation."""
    ch, channels = ctx.request.channel, plan.channels
    invited = ch in ATTENDED_BY_INVITATION and invitation(ctx) is not None

    def build() -> Reason:
        text = (
            f"The request came by {channel_name(ch)}, a channel of the plan "
            f"({channels_text(channels)})."
        )
        ids: tuple[str, ...] = ("IPC-INC-2", "IPC-RT-3")
        if invited:
            text += " informapuntcom invited the customer to it at an agreed time."
            ids = (*ids, "IPC-TEL-4")
        elif ch is Channel.PHONE:
            text += (
                " A request may be sent by phone; phone attention is given only when "
                "informapuntcom indicates it, so the request is answered first by e-mail, and "
                "informapuntcom invites the customer to call at an agreed time if it judges a "
                "call the right way."
            )
            ids = (*ids, "IPC-OPS-1", "IPC-TEL-2", "IPC-TEL-3", "IPC-TEL-4")
        return ctx.reason("channel-in-plan", text, *ids)

    return ctx.terms.fixed(("informapuntcom:channel-in-plan", ch, channels, invited), build)


def invitation(ctx: Context) -> datetime | None:
    """The agreed date and time of informapuntcom's invitation (last booked appointment)."""
    booking = ctx.case.ticket.last(EventKind.APPOINTMENT_BOOKED)
    return booking.scheduled_for if booking is not None else None


# --------------------------------------------------------------------------- request data

#: Data whose absence stops the request (IPC-OPS-4) and data owed but not blocking (IPC-OPS-2).
_BLOCKING = (
    ("contract_number", "the support contract number"),
    ("company_name", "the licence holder's company name (razón social)"),
    ("tax_id", "the licence holder's NIF"),
)
_OWED = (
    ("contact_person", "a contact person"),
    ("phone", "a contact phone number"),
)


@attrs.frozen
class DataCheck:
    """What the request carries of the data the terms require (IPC-OPS-2, IPC-OPS-4)."""

    missing_blocking: tuple[str, ...]  #: descriptions of missing data that stop the request
    missing_owed: tuple[str, ...]  #: descriptions of missing data owed, not blocking
    wrong_number: str | None  #: the contract number given, if it is not the plan in force
    completed_at: datetime | None  #: INFORMATION_COMPLETE on the ticket, if any
    described: bool  #: the request describes the problem
    #: the missing (or wrong) data by field path, until the ticket says the data are complete
    facts: tuple[MissingFact, ...] = ()

    @property
    def blocking(self) -> bool:
        """The request cannot be processed (yet)."""
        return self.completed_at is None and bool(self.missing_blocking or self.wrong_number)

    def processable_since(self, received: datetime) -> datetime | None:
        """When the request became processable: on receipt, on completion, or not yet."""
        if not (self.missing_blocking or self.wrong_number):
            return received
        return self.completed_at


def request_data(ctx: Context, plan: Contract | None) -> DataCheck:
    """Check the data a request must carry (IPC-OPS-2) and whether it can be processed
    (IPC-OPS-4): the number of the contract in force and the licence holder's data.
    Service hours, eligibility and closure all ask about the plan in force: checked once."""
    memo = ctx.memo.get("informapuntcom:data")
    if memo is not None and memo[0] is plan:
        return memo[1]  # type: ignore[no-any-return]
    data = _request_data(ctx, plan)
    ctx.memo["informapuntcom:data"] = (plan, data)
    return data


#: What each kind of missing data is needed for (``MissingFact.needed_for``).
_STOPS = "processing the request (IPC-OPS-4)"
_OWES = "a complete request (IPC-OPS-2; it does not stop the request)"


def _request_data(ctx: Context, plan: Contract | None) -> DataCheck:
    contact = ctx.request.contact
    lacking = [(key, text) for key, text in _BLOCKING if not (getattr(contact, key) or "").strip()]
    owing = [(key, text) for key, text in _OWED if not (getattr(contact, key) or "").strip()]
    number = (contact.contract_number or "").strip()
    wrong = number if number and plan is not None and number != plan.id else None
    completed = None
    for e in ctx.case.ticket.of(EventKind.INFORMATION_COMPLETE):
        if e.at >= ctx.request.received_at:
            completed = e.at
            break
    described = bool((contact.description or "").strip() or ctx.request.summary.strip())
    facts: list[MissingFact] = []
    if completed is None:
        facts.extend(MissingFact(f"request.contact.{k}", _STOPS, text) for k, text in lacking)
        if wrong is not None and plan is not None:
            facts.append(
                MissingFact(
                    "request.contact.contract_number",
                    _STOPS,
                    f"the number of the contract in force ({plan.id}); the request gives {wrong!r}",
                )
            )
        facts.extend(MissingFact(f"request.contact.{k}", _OWES, text) for k, text in owing)
    return DataCheck(
        tuple(text for _, text in lacking),
        tuple(text for _, text in owing),
        wrong,
        completed,
        described,
        tuple(facts),
    )


def data_reasons(ctx: Context, data: DataCheck, plan: Contract | None) -> list[Reason]:
    """Reasons why the request cannot be processed yet (empty when it can)."""
    if not data.blocking:
        return []
    parts = list(data.missing_blocking)
    if data.wrong_number is not None and plan is not None:
        parts.append(
            f"a contract number in force (it gives {data.wrong_number!r}; the plan in force "
            f"is contract {plan.id})"
        )
    return [
        ctx.reason(
            "request-not-processable",
            "The request cannot be processed without the number of a contract in force and the "
            f"licence holder's data; missing: {'; '.join(parts)}.",
            "IPC-OPS-4",
            "IPC-OPS-2",
        )
    ]
