"""Decisions as readable text: what a help-desk agent can read aloud to the customer."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

from .decision import Decision, Remedy
from .money import Money
from .reasons import Citation, Reason

__all__ = ["render_text"]


def _when(dt: datetime | None) -> str:
    if dt is None:
        return "-"
    return dt.strftime("%a %Y-%m-%d %H:%M %Z").strip()


def _cites(cs: Iterable[Citation], seen: dict[str, int]) -> str:
    marks = []
    for c in cs:
        key = f"{c.vendor}:{c.clause}"
        if key not in seen:
            seen[key] = len(seen) + 1
        marks.append(f"[{c.clause}]")
    return (" " + " ".join(marks)) if marks else ""


def _reasons(rs: Iterable[Reason], seen: dict[str, int], indent: str = "    ") -> list[str]:
    return [f"{indent}- {r.message}{_cites(r.citations, seen)}" for r in rs]


def _remedies(rs: Iterable[Remedy], seen: dict[str, int]) -> list[str]:
    out = []
    for r in rs:
        price = f" — {r.price}" if isinstance(r.price, Money) else ""
        note = f" ({r.price_note})" if r.price_note else ""
        out.append(f"    * {r.description}{price}{note}{_cites(r.citations, seen)}")
        for m in r.missing:
            out.append(f"      price unknown: setting {m.vendor}.{m.key} is not supplied")
    return out


def render_text(decision: Decision) -> str:
    """A plain-text explanation of ``decision``, citing clauses with their verbatim text."""
    d = decision
    seen: dict[str, int] = {}
    lines = [
        f"Case {d.case_id or '(no id)'} — vendor {d.vendor}, terms {d.terms_version}",
        f"Evaluated at {_when(d.evaluated_at)}",
        "",
    ]
    s = d.service
    open_txt = {True: "open", False: "closed", None: "unknown"}[s.open_now]
    lines.append(
        f"SERVICE ({s.channel}): {open_txt}" + (f", schedule {s.schedule}" if s.schedule else "")
    )
    if s.next_opening:
        lines.append(f"    next opening: {_when(s.next_opening)}")
    if s.response_due:
        lines.append(f"    response due: {_when(s.response_due)}")
    lines += _reasons(s.reasons, seen)
    lines += [f"    missing setting: {m.vendor}.{m.key} — {m.needed_for}" for m in s.missing]

    e = d.eligibility
    head = f"ELIGIBILITY: {e.status.replace('_', ' ')}"
    if e.valid_until:
        head += f" (until {e.valid_until.isoformat()})"
    lines += ["", head]
    lines += _reasons(e.basis, seen)
    lines += _reasons(e.reasons, seen)
    lines += [f"    missing setting: {m.vendor}.{m.key} — {m.needed_for}" for m in e.missing]
    lines += [f"    missing from the case: {m.field} — {m.needed_for}" for m in e.missing_facts]
    if e.remedies:
        lines.append("  what the customer can do:")
        lines += _remedies(e.remedies, seen)

    c = d.coverage
    lines += ["", f"COVERAGE of {c.category!r}: {c.status}"]
    lines += _reasons(c.reasons, seen)
    lines += [f"    missing from the case: {m.field} — {m.needed_for}" for m in c.missing_facts]
    if c.remedies:
        lines.append("  instead:")
        lines += _remedies(c.remedies, seen)

    q = d.price
    lines += ["", f"PRICE: {q.status.replace('_', ' ')}"]
    for li in q.lines:
        qty = f"{li.quantity.normalize():f} {li.unit} × {li.unit_price}"
        lines.append(f"    {li.description}: {qty} = {li.amount}{_cites(li.citations, seen)}")
    for t in q.taxes:
        how = f"included in {t.base + t.amount} (net {t.base})" if t.included else f"on {t.base}"
        lines.append(
            f"    {t.name} {t.rate * 100:.2f}% {how}: {t.amount}{_cites(t.citations, seen)}"
        )
    if q.total is not None and q.lines:
        bound = " (lower bound: a tariff is missing)" if q.missing else ""
        lines.append(f"    TOTAL: {q.total}{bound}")
    for m in q.missing:
        lines.append(f"    missing tariff: {m.vendor}.{m.key} — {m.needed_for}")
    lines += _reasons(q.reasons, seen)

    cl = d.closure
    head = f"CLOSURE: {cl.status}"
    if cl.closed_at:
        head += f" (closed at {_when(cl.closed_at)})"
    elif cl.closes_at:
        head += f" (closes at {_when(cl.closes_at)} unless something happens)"
    lines += ["", head]
    lines += _reasons(cl.reasons, seen)
    for a in cl.actions:
        due = f" by {_when(a.due)}" if a.due else ""
        lines.append(f"    > owed by {a.party}: {a.description}{due}{_cites(a.citations, seen)}")

    if d.problems:
        lines += ["", "INPUT PROBLEMS:"] + [f"    ! {p}" for p in d.problems]
    if d.failures:
        lines += ["", "PLUGIN FAILURES:"] + [
            f"    !! {f.plugin}.{f.hook}: {f.error}" for f in d.failures
        ]
    cites = d.citations()
    if cites:
        lines += ["", "CLAUSES CITED:"]
        for ct in cites:
            lines.append(f'    [{ct.clause}] "{ct.text}"')
    return "\n".join(lines) + "\n"
