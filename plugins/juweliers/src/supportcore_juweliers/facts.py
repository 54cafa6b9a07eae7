"""Reading a case the way the juwelierspakket agreement needs it.

Pure functions of the case, the settings and the evaluation instant: which agreement is in force,
the notice of cancellation, the day the agreement is charged from, the installed software, the
versions. The decision rules in :mod:`supportcore_juweliers.rules` build on these.
"""

from __future__ import annotations

import enum
import functools
import re
from datetime import date

import attrs

from supportcore import Context, Contract, Licence
from supportcore.calendar import ClosurePeriod
from supportcore.model import Channel
from supportcore.periods import Period, billing_period

__all__ = [
    "CANCELLATION",
    "CAUSES",
    "EXTERNAL_CAUSES",
    "FACTS",
    "HELP_CHANNELS",
    "NOTICE_CHANNELS",
    "PRODUCT",
    "QUARTER_MONTHS",
    "Agreement",
    "Notice",
    "State",
    "agreement_state",
    "billing_anchor",
    "current_quarter",
    "fact_date",
    "has_communication_pack",
    "holiday_at",
    "installed_modules",
    "installed_version",
    "modules_of",
    "notice_of",
    "package_licences",
    "parse_version",
]

#: The one product the agreement is about.
PRODUCT = "juwelierspakket"
#: The category this plugin adds: cancelling the agreement and settling what is still due.
CANCELLATION = "agreement_cancellation"
#: "afrekening per 3 maand" (JUW-FEE).
QUARTER_MONTHS = 3
#: "via een schrijven, email of fax" (JUW-CANCEL).
NOTICE_CHANNELS = frozenset({Channel.LETTER, Channel.EMAIL, Channel.FAX})
#: Telephone help (JUW-PHONE) and help over the internet link (JUW-LINK).
HELP_CHANNELS = (Channel.PHONE, Channel.REMOTE)
#: request.facts.cause values; all but "package" are the external causes of JUW-EXCLUDED.
CAUSES = ("package", "pc", "virus", "spyware", "internet", "external")
EXTERNAL_CAUSES = frozenset(CAUSES) - {"package"}
#: The request.facts keys this plugin reads, with their allowed values (None: a date).
FACTS: dict[str, tuple[str, ...] | None] = {
    "agreed_billing_start": None,
    "cause": CAUSES,
    "first_training_pack": ("done", "not_done"),
}

_VERSION = re.compile(r"^[vV]?(\d+(?:\.\d+)*)$")


@functools.lru_cache(maxsize=1024)  # the same few version strings recur across cases
def parse_version(text: str) -> tuple[int, ...] | None:
    """``"2026.1"`` → ``(2026, 1)``; ``None`` if the string is not dotted numbers."""
    m = _VERSION.match(text.strip())
    if m is None:
        return None
    parts = [int(p) for p in m[1].split(".")]
    while len(parts) > 1 and parts[-1] == 0:
        parts.pop()  # "7.0" == "7"
    return tuple(parts)


def fact_date(ctx: Context, key: str) -> date | None:
    """A date-valued ``request.facts`` entry (validated by the plugin's input check)."""
    value = ctx.request.facts.get(key)
    return None if value is None else date.fromisoformat(value.strip())


def package_licences(ctx: Context) -> tuple[Licence, ...]:
    """The customer's licences of the juwelierspakket."""
    return ctx.case.licences_for(PRODUCT)


def installed_modules(ctx: Context) -> tuple[str, ...]:
    """The modules installed at the customer's (every licence's modules, each once, sorted)."""
    return modules_of(package_licences(ctx))


def modules_of(licences: tuple[Licence, ...]) -> tuple[str, ...]:
    """The modules of ``licences`` (each once, sorted), the package itself left out."""
    return tuple(sorted({m for lic in licences for m in lic.modules} - {PRODUCT}))


def has_communication_pack(ctx: Context) -> bool:
    """Whether a licence of the package includes the communication pack (JUW-LINK)."""
    return str(ctx.settings.get("communication_module")) in installed_modules(ctx)


def installed_version(ctx: Context) -> tuple[str, str] | None:
    """The installed version and the field it comes from, if the case gives one."""
    if ctx.request.version:
        return ctx.request.version, "request.version"
    for i, lic in enumerate(ctx.case.licences):
        if lic.product == PRODUCT and lic.version:
            return lic.version, f"licences[{i}].version"
    return None


def holiday_at(ctx: Context, day: date | None = None) -> ClosurePeriod | None:
    """The vendor's holiday period ("verlofperiode") containing ``day`` (default: today)."""
    day = ctx.today if day is None else day
    for period in ctx.settings.get("holiday_periods") or ():
        if isinstance(period, ClosurePeriod) and period.contains(day):
            return period
    return None


@attrs.frozen
class Notice:
    """A notice of cancellation: the day it was received and how it was sent."""

    day: date
    channel: Channel
    source: str  #: "contract" (recorded on the contract) or "request" (this request is the notice)

    @property
    def valid(self) -> bool:
        """Only a letter, an e-mail or a fax cancels the agreement (JUW-CANCEL)."""
        return self.channel in NOTICE_CHANNELS


def notice_of(ctx: Context, contract: Contract) -> Notice | None:
    """The notice of cancellation of ``contract`` that counts, if any.

    A case can hold two notices: the one recorded on the contract and, for a request of the
    category ``agreement_cancellation``, the request itself (received the day it arrived). The
    earliest valid one (letter, e-mail or fax) counts, so a written notice cancels even after
    an invalid one (a phone call); when neither is valid, the contract's record, else the
    request, is the notice judged.
    """
    notices = []
    if contract.cancellation_notice_on is not None and contract.cancellation_channel is not None:
        notices.append(
            Notice(contract.cancellation_notice_on, contract.cancellation_channel, "contract")
        )
    req = ctx.request
    if req.category == CANCELLATION:
        notices.append(Notice(ctx.local(req.received_at).date(), req.channel, "request"))
    valid = [n for n in notices if n.valid]
    if valid:
        return min(valid, key=lambda n: n.day)
    return notices[0] if notices else None


class State(enum.StrEnum):
    """Where the customer stands with the agreement on the evaluation day."""

    IN_FORCE = "in_force"
    CANCELLED = "cancelled"  #: a valid notice was received on or before today
    ENDED = "ended"  #: the contract's end has passed
    NOT_STARTED = "not_started"  #: the only contract starts later
    NONE = "none"  #: no agreement in the case


@attrs.frozen
class Agreement:
    """The agreement the case is judged by."""

    state: State
    contract: Contract | None = None
    notice: Notice | None = None
    #: The first day without an agreement (notice day or contract end) when cancelled or ended.
    without_since: date | None = None
    #: The first day it covers: the contract's start, or the earlier day it is charged from.
    covers_from: date | None = None

    @property
    def in_force(self) -> bool:
        return self.state is State.IN_FORCE


def _stop(contract: Contract, notice: Notice | None) -> date | None:
    """The first day the contract no longer runs: its end, or an earlier valid notice."""
    stop = contract.end
    if notice is not None and notice.valid and (stop is None or notice.day < stop):
        stop = notice.day
    return stop


def _charged_from(ctx: Context) -> date | None:
    """The day the first agreement is charged from, when the case gives it: the agreed day, else
    the first purchase of the package (JUW-BILLED-FROM-PURCHASE)."""
    agreed = fact_date(ctx, "agreed_billing_start")
    if agreed is not None:
        return agreed
    licences = package_licences(ctx)
    return min(lic.acquired_on for lic in licences) if licences else None


def agreement_state(ctx: Context) -> Agreement:
    """The agreement in force today, or why there is none (JUW-FEE, JUW-CANCEL).

    "Vanaf het moment van opzeg" (JUW-AFTER-CANCEL): a valid notice ends the agreement on the
    day it is received (interpretation JUW-I-CANCEL-EFFECT). The first agreement is charged
    from the purchase of the package unless agreed otherwise (JUW-BILLED-FROM-PURCHASE), and
    covers from the day it is charged from when that is before the contract's start
    (interpretation JUW-I-BILLING-START).
    """
    today = ctx.today
    contracts = sorted(ctx.case.contracts_for(PRODUCT), key=lambda c: c.start)
    charged = _charged_from(ctx) if contracts else None
    starts = [c.start for c in contracts]
    if charged is not None and charged < starts[0]:
        starts[0] = charged  # what is charged is covered
    for c, start in zip(contracts, starts, strict=True):
        notice = notice_of(ctx, c)
        stop = _stop(c, notice)
        if start <= today and (stop is None or today < stop):
            return Agreement(State.IN_FORCE, c, notice, covers_from=start)
    started = [(c, start) for c, start in zip(contracts, starts, strict=True) if start <= today]
    if started:
        c, start = started[-1]
        notice = notice_of(ctx, c)
        stop = _stop(c, notice)
        assert stop is not None  # not in force although started: it stopped
        if notice is not None and notice.valid and stop == notice.day:
            return Agreement(State.CANCELLED, c, notice, without_since=stop, covers_from=start)
        return Agreement(State.ENDED, c, notice, without_since=stop, covers_from=start)
    if contracts:
        return Agreement(State.NOT_STARTED, contracts[0], covers_from=starts[0])
    return Agreement(State.NONE)


def billing_anchor(ctx: Context, agreement: Agreement) -> tuple[date, str] | None:
    """The day the agreement is charged from, and on what basis (JUW-BILLED-FROM-PURCHASE).

    ``"agreed"``: request.facts.agreed_billing_start ("tenzij anders overeengekomen");
    ``"purchase"``: the first purchase of the package; ``"contract"``: the contract's start, when
    the case holds no licence of the package.
    """
    agreed = fact_date(ctx, "agreed_billing_start")
    if agreed is not None:
        return agreed, "agreed"
    licences = package_licences(ctx)
    if licences:
        return min(lic.acquired_on for lic in licences), "purchase"
    if agreement.contract is not None:
        return agreement.contract.start, "contract"
    return None


def current_quarter(anchor: date, day: date) -> Period | None:
    """The invoicing quarter (3 months from ``anchor``, JUW-FEE) that contains ``day``."""
    if day < anchor:
        return None
    return billing_period(anchor, day, months=QUARTER_MONTHS)
