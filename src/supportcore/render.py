"""Decisions as readable text, for two audiences.

:func:`render_text` writes a decision in one language (``es``, ``nl``, ``en``) in two sections:

- **for the customer** — what a help-desk agent reads aloud: each answer with its reasons,
  what the customer can do, the price, what is still owed, and the vendor's own words for
  every clause the reasons rest on, quoted verbatim in the language of the terms and marked
  ``[1]``, ``[2]`` … It holds no internal codes, setting names, field paths or clause ids.
- **for the agent** — what the agent needs and the customer does not: the case, vendor, terms
  version and instant; each mark's clause id; each reason's code, settings and interpretations;
  the settings and case fields that were missing; input problems and plugin failures.

Headings and labels are looked up as the reasons' sentences were: in the vendor's own catalog,
then in the core's (:func:`supportcore.i18n.vendor_language`), so that a word the vendor says its
own way — a channel, "open now" — reads the same in a heading as in the sentence below it. The
reasons' sentences were written in the decision's language when it was evaluated
(``Engine.evaluate(…, lang=…)``).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from datetime import datetime, timedelta
from functools import lru_cache
from typing import Any

from .decision import Action, Decision, Remedy
from .i18n import Language, vendor_language, vendor_package
from .model import Channel
from .money import LineItem, Money, Quote, TaxLine
from .reasons import Citation, MissingFact, MissingSetting, Reason
from .wording import say

__all__ = ["render_text"]


class _Say:
    """``_("template", **params)``: the core's words in the chosen language (``_`` is the
    catalogs' marker); ``_.money(amount)`` writes an amount alone."""

    def __init__(self, lang: Language) -> None:
        self.lang = lang

    def __call__(self, template: str, /, **params: Any) -> str:
        return say(self.lang, template, params)

    def money(self, amount: Money) -> str:
        return self.lang.formats.money(amount)


Say = _Say


class _Marks:
    """The clauses cited so far, numbered in order of first appearance: ``[1]``, ``[2]`` …"""

    def __init__(self) -> None:
        self.numbers: dict[tuple[str, str], int] = {}
        self.citations: list[Citation] = []

    def __call__(self, citations: Iterable[Citation]) -> str:
        marks = []
        for c in citations:
            key = (c.vendor, c.clause)
            if key not in self.numbers:
                self.numbers[key] = len(self.numbers) + 1
                self.citations.append(c)
            marks.append(f"[{self.numbers[key]}]")
        return (" " + " ".join(dict.fromkeys(marks))) if marks else ""

    def of(self, citations: Iterable[Citation]) -> str:
        """The marks of clauses already numbered (for the agent's section)."""
        found = [f"[{self.numbers[(c.vendor, c.clause)]}]" for c in citations]
        return (" " + " ".join(dict.fromkeys(found))) if found else ""


# ---------------------------------------------------------------------------- the customer's


def _reasons(rs: Iterable[Reason], marks: _Marks) -> list[str]:
    return [f"    - {r.message}{marks(r.citations)}" for r in rs]


@lru_cache(maxsize=64)
def _setting_kinds(vendor: str) -> Mapping[str, str]:
    """The kind of each setting a vendor declares (``"money"``, ``"boolean"`` …), from the
    ``terms.toml`` of its package; empty when it has none that can be read."""
    from .terms import load_terms

    try:
        terms = load_terms(vendor_package(vendor))
    except (OSError, ImportError, ValueError, TypeError, KeyError, AttributeError):
        return {}
    return {s.key: str(s.kind) for s in terms.settings}


def _unpriced(remedy: Remedy, _: Say) -> str:
    """Why a remedy's price is still to be confirmed, by the kind of the settings it lacks: a
    tariff (a ``money`` or ``money_table`` setting), a rate, or another detail of the price
    (whether the prices include tax). A setting whose kind cannot be read is a tariff when the
    remedy has no price, else a detail."""
    guess = "money" if remedy.price is None else ""
    kinds = {_setting_kinds(m.vendor).get(m.key, guess) for m in remedy.missing}
    if kinds & {"money", "money_table"}:
        return _("price to be confirmed: a tariff has not been supplied")
    if "rate" in kinds:
        return _("price to be confirmed: a rate it depends on has not been supplied")
    return _("price to be confirmed: a detail it depends on has not been supplied")


def _remedies(rs: Iterable[Remedy], marks: _Marks, _: Say) -> list[str]:
    out = []
    for r in rs:
        price = f" — {_.money(r.price)}" if isinstance(r.price, Money) else ""
        note = f" ({r.price_note})" if r.price_note else ""
        out.append(f"    * {r.description}{price}{note}{marks(r.citations)}")
        if r.missing:
            out.append("      " + _unpriced(r, _))
    return out


def _pending(missing: Sequence[MissingSetting], facts: Sequence[MissingFact], _: Say) -> list[str]:
    """What the customer hears of settings and facts an answer lacked: never their names."""
    out = []
    if missing:
        out.append("    ? " + _("Part of this answer is still to be confirmed by the vendor."))
    for m in facts:
        if m.description:
            out.append("    ? " + _("Information still needed: {what}", what=m.description))
        else:
            out.append("    ? " + _("Part of this answer needs information the request lacks."))
    return out


def _service(d: Decision, marks: _Marks, _: Say) -> list[str]:
    s = d.service
    state = {
        True: _("open now"),
        False: _("closed now"),
        None: _("opening hours unknown"),
    }[s.open_now]
    lines = [_("SERVICE ({channel}): {state}", channel=_channel(s.channel), state=state)]
    if s.next_opening:
        lines.append("    " + _("Next opening: {when}", when=s.next_opening))
    if s.response_due:
        lines.append("    " + _("Response due by: {when}", when=s.response_due))
    if s.resolution_due:
        lines.append("    " + _("Resolution due by: {when}", when=s.resolution_due))
    lines += _reasons(s.reasons, marks)
    lines += _pending(s.missing, (), _)
    return lines


def _channel(name: str) -> Channel | str:
    try:
        return Channel(name)
    except ValueError:
        return name


def _eligibility(d: Decision, marks: _Marks, _: Say) -> list[str]:
    e = d.eligibility
    status = {
        "entitled": _("entitled to support"),
        "not_entitled": _("not entitled to support"),
        "undetermined": _("undetermined"),
    }.get(e.status, e.status)
    if e.valid_until:
        status = _("{status}, until {day}", status=status, day=e.valid_until)
    lines = [_("ELIGIBILITY: {status}", status=status)]
    if e.remaining_minutes is not None:
        left = timedelta(minutes=max(e.remaining_minutes, 0))
        lines.append("    " + _("Support time left: {time}", time=left))
    lines += _reasons(e.basis, marks)
    lines += _reasons(e.reasons, marks)
    lines += _pending(e.missing, e.missing_facts, _)
    if e.remedies:
        lines.append("  " + _("What the customer can do:"))
        lines += _remedies(e.remedies, marks, _)
    return lines


def _coverage(d: Decision, marks: _Marks, _: Say) -> list[str]:
    c = d.coverage
    status = {
        "covered": _("covered"),
        "excluded": _("excluded"),
        "billable": _("billed separately"),
        "undetermined": _("undetermined"),
    }.get(c.status, c.status)
    lines = [_("COVERAGE: {status}", status=status)]
    lines += _reasons(c.reasons, marks)
    lines += _pending((), c.missing_facts, _)
    if c.remedies:
        lines.append("  " + _("Instead:"))
        lines += _remedies(c.remedies, marks, _)
    return lines


def _line(li: LineItem, marks: _Marks, _: Say) -> str:
    q = li.quantity
    if li.unit == "hour":
        time = timedelta(minutes=int((q * 60).to_integral_value()))
        how = _("{time} at {price} an hour", time=time, price=li.unit_price)
    elif li.unit == "month":
        how = _("{months} × {price} a month", months=q, price=li.unit_price)
    elif q == 1:
        how = ""
    else:
        how = _("{quantity} × {price}", quantity=q, price=li.unit_price)
    amount = _.money(li.amount)
    priced = f"{how} = {amount}" if how else amount
    return f"    {li.description}: {priced}{marks(li.citations)}"


def _tax(t: TaxLine, marks: _Marks, _: Say) -> str:
    rate = (t.rate * 100).normalize()
    if t.included:
        how = _(
            "{tax} {rate} % included in {gross} (net {net}): {amount}",
            tax=t.name,
            rate=rate,
            gross=t.base + t.amount,
            net=t.base,
            amount=t.amount,
        )
    else:
        how = _(
            "{tax} {rate} % on {base}: {amount}",
            tax=t.name,
            rate=rate,
            base=t.base,
            amount=t.amount,
        )
    return f"    {how}{marks(t.citations)}"


def _price(q: Quote, marks: _Marks, _: Say) -> list[str]:
    status = {
        "complete": _("priced"),
        "incomplete": _("partly priced"),
        "free": _("nothing to pay"),
        "not_applicable": _("not applicable"),
        "undetermined": _("undetermined"),
    }.get(q.status, q.status)
    lines = [_("PRICE: {status}", status=status)]
    lines += [_line(li, marks, _) for li in q.lines]
    lines += [_tax(t, marks, _) for t in q.taxes]
    if q.total is not None and q.lines:
        if q.missing:
            lines.append("    " + _("TOTAL: at least {total}", total=q.total))
        else:
            lines.append("    " + _("TOTAL: {total}", total=q.total))
    lines += _pending(q.missing, q.missing_facts, _)
    lines += _reasons(q.reasons, marks)
    return lines


def _actions(actions: Iterable[Action], marks: _Marks, _: Say) -> list[str]:
    out = []
    for a in actions:
        who = {"customer": _("Owed by you"), "vendor": _("Owed by the vendor")}.get(
            a.party, _("Owed by {party}", party=a.party)
        )
        text = f"{who}: {a.description}"
        if a.due:
            text = _("{text}, by {when}", text=text, when=a.due)
        out.append(f"    > {text}{marks(a.citations)}")
    return out


def _closure(d: Decision, marks: _Marks, _: Say) -> list[str]:
    cl = d.closure
    if cl.closed_at:
        head = _("REQUEST: closed on {when}", when=cl.closed_at)
    elif cl.closes_at:
        head = _("REQUEST: open; it closes on {when} unless something happens", when=cl.closes_at)
    else:
        head = {
            "open": _("REQUEST: open"),
            "closed": _("REQUEST: closed"),
        }.get(cl.status, _("REQUEST: undetermined"))
    return [head, *_reasons(cl.reasons, marks), *_actions(cl.actions, marks, _)]


def _customer(d: Decision, marks: _Marks, _: Say) -> list[str]:
    lines = [_("FOR THE CUSTOMER"), ""]
    for part in (_service, _eligibility, _coverage):
        lines += [*part(d, marks, _), ""]
    lines += [*_price(d.price, marks, _), ""]
    lines += [*_closure(d, marks, _), ""]
    if d.failures:
        lines += [_("Part of this answer could not be worked out: it is being checked."), ""]
    if marks.citations:
        lines.append(_("IN THE VENDOR'S OWN WORDS:"))
        for i, c in enumerate(marks.citations, 1):
            lines.append(f"    [{i}] “{c.text}”")
        lines.append("")
    return lines


# ---------------------------------------------------------------------------- the agent's


def _codes(label: str, rs: Iterable[Reason], marks: _Marks, _: Say) -> list[str]:
    out = []
    for r in rs:
        extra = ""
        if r.settings:
            extra += " " + _("settings: {keys}", keys=", ".join(r.settings))
        if r.interpretations:
            extra += " " + _("interpretations: {ids}", ids=", ".join(r.interpretations))
        out.append(f"    {label}: {r.code}{marks.of(r.citations)}{extra}")
    return out


def _agent(d: Decision, marks: _Marks, lang: Language, _: Say) -> list[str]:
    when = d.evaluated_at.isoformat() if isinstance(d.evaluated_at, datetime) else "-"
    statuses = "/".join((d.eligibility.status, d.coverage.status, d.price.status, d.closure.status))
    lines = [
        _("FOR THE AGENT (internal: not to be read to the customer)"),
        "",
        "    "
        + _(
            "Case {case} — vendor {vendor}, terms {terms}",
            case=d.case_id or "-",
            vendor=d.vendor,
            terms=d.terms_version,
        ),
        "    "
        + _(
            "Evaluated at {at} · language {lang} ({locale})",
            at=when,
            lang=lang.lang,
            locale=lang.locale,
        ),
        "    "
        + _(
            "channel {channel} · schedule {schedule} · category {category} · statuses {statuses}",
            channel=d.service.channel,
            schedule=d.service.schedule or "-",
            category=d.coverage.category or "-",
            statuses=statuses,
        ),
    ]
    if marks.citations:
        lines += ["", _("Clauses cited:")]
        for i, c in enumerate(marks.citations, 1):
            version = f" ({c.terms_version})" if c.terms_version else ""
            lines.append(f"    [{i}] {c.vendor}:{c.clause}{version}")
    codes = [
        *_codes(_("service"), d.service.reasons, marks, _),
        *_codes(_("eligibility"), (*d.eligibility.basis, *d.eligibility.reasons), marks, _),
        *_codes(_("coverage"), d.coverage.reasons, marks, _),
        *_codes(_("price"), d.price.reasons, marks, _),
        *_codes(_("closure"), d.closure.reasons, marks, _),
    ]
    remedies = (*d.eligibility.remedies, *d.coverage.remedies)
    label = _("remedy")
    codes += [f"    {label}: {code}" for code in dict.fromkeys(r.code for r in remedies)]
    if codes:
        lines += ["", _("Reason codes:"), *codes]
    settings = [
        *d.service.missing,
        *d.eligibility.missing,
        *d.price.missing,
        *(m for r in remedies for m in r.missing),
    ]
    if settings:
        lines += ["", _("Settings not supplied:")]
        lines += [
            f"    {m.vendor}.{m.key} — {m.needed_for}"
            for m in {(m.vendor, m.key): m for m in settings}.values()
        ]
    facts = d.missing_facts()
    if facts:
        lines += ["", _("Missing from the case:")]
        lines += [f"    {m.field} — {m.needed_for}" for m in facts]
    if d.problems:
        lines += ["", _("Input problems:")] + [f"    ! {p}" for p in d.problems]
    if d.failures:
        lines += ["", _("Plugin failures:")]
        lines += [f"    !! {f.plugin}.{f.hook}: {f.error}" for f in d.failures]
    return lines


def render_text(decision: Decision, lang: str | None = None) -> str:
    """A plain-text explanation of ``decision``: the customer's section, then the agent's.

    :param lang: the language of the headings and labels (``"es"``, ``"nl"``, ``"en"``);
        default: the decision's own (:attr:`Decision.lang`), in which its reasons were written.
        They are looked up in the decision's vendor's catalog, then in the core's.
    :raises ValueError: ``lang`` is not a language explanations are written in.
    """
    country = decision.locale.partition("_")[2] if decision.locale else ""
    speech = vendor_language(decision.vendor, lang or decision.lang or "en", country)

    _ = _Say(speech)
    marks = _Marks()
    lines = _customer(decision, marks, _)
    lines += _agent(decision, marks, speech, _)
    return "\n".join(lines) + "\n"
