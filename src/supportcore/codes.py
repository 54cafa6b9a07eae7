"""The stable codes of a vendor's answers, read from its package: what integrators branch on.

Every reason, remedy and action a vendor gives carries a stable ``code`` (``"free-period"``,
``"channel-not-offered"``). This module lists them for an installed vendor plugin without
evaluating anything: the codes of its ``terms.toml`` tables (coverage rows, remedies) and the
literal codes its Python passes to ``ctx.reason(...)`` and ``ctx.remedy(...)``, each with the
English template it is written with. ``python -m supportcore.codes`` prints the Markdown table
kept in ``docs/codes.md``; a test checks that the file matches the installed plugins.
"""

from __future__ import annotations

import ast
import sys
from collections.abc import Iterator
from importlib import resources
from typing import Any

import attrs

__all__ = ["Code", "codes_of", "markdown"]

#: call name → (what it makes, the argument index of its code, of its template)
_CALLS = {"reason": ("reason", 0, 1), "remedy": ("remedy", 0, 1), "Reason": ("reason", 0, 1)}


@attrs.frozen(order=True)
class Code:
    """One code a vendor's answers can carry."""

    code: str
    kind: str  #: "reason", "remedy" or "action"
    template: str  #: the English words it is said with (one of them, when several)
    where: str  #: the module, or "terms.toml"


def _literal(node: ast.expr | None) -> str | None:
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    if isinstance(node, ast.JoinedStr):  # a template split over lines is one literal
        return None
    return None


def _from_source(source: str, where: str) -> Iterator[Code]:
    for node in ast.walk(ast.parse(source)):
        if not isinstance(node, ast.Call):
            continue
        func = node.func
        name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
        if name not in _CALLS:
            continue
        kind, ci, ti = _CALLS[name]
        args = node.args
        code = _literal(args[ci]) if len(args) > ci else None
        if code is None:
            continue
        template = _literal(args[ti]) if len(args) > ti else None
        yield Code(code, kind, " ".join((template or "").split()), where)


def _from_tables(terms: Any) -> Iterator[Code]:
    tables = getattr(terms, "tables", None)
    for row in (getattr(tables, "coverage_rows", None) or {}).values():
        yield Code(row.code, "reason", row.message, "terms.toml")
    default = getattr(tables, "coverage_default", None)
    if default is not None and default.code:
        yield Code(default.code, "reason", default.message or "", "terms.toml")
    for remedy in (getattr(tables, "remedies", None) or {}).values():
        yield Code(remedy.code or remedy.id, "remedy", remedy.description, "terms.toml")
    for row in (getattr(tables, "reasons", None) or {}).values():
        yield Code(row.code, "reason", row.text, "terms.toml")
    for row in (getattr(tables, "actions", None) or {}).values():
        yield Code(row.code, "action", row.text, "terms.toml")


def codes_of(package: str, terms: Any = None) -> list[Code]:
    """The codes of the vendor plugin in ``package`` (one entry per code and kind)."""
    found: dict[tuple[str, str], Code] = {}
    root = resources.files(package)
    for entry in sorted(root.iterdir(), key=lambda e: e.name):
        if entry.name.endswith(".py"):
            where = f"{package}.{entry.name[:-3]}".removesuffix(".__init__")
            for c in _from_source(entry.read_text(encoding="utf-8"), where):
                found.setdefault((c.code, c.kind), c)
    for c in _from_tables(terms):
        found.setdefault((c.code, c.kind), c)
    return sorted(found.values())


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


#: The codes the core itself gives (its answers from a vendor's tables, and "no rule").
CORE_CODES: tuple[tuple[str, str, str], ...] = (
    ("no-rule", "reason", "the vendor has no rule that answers this part of the case"),
    ("channel-not-offered", "reason", "the channel is not one the vendor offers"),
    ("no-published-hours", "reason", "the terms publish no hours for the channel"),
    ("hours-unknown", "reason", "the hours are the integrator's and are not supplied"),
    ("open-now", "reason", "the channel is open at the instant, with its hours"),
    ("closed-now", "reason", "the channel is closed (a weekday, holiday, closure, outside hours)"),
    ("response-due", "reason", "when a response is due, by the earliest service level"),
    ("response-target", "reason", "another service level's response target"),
    ("resolution-due", "reason", "when a resolution is due"),
    ("resolution-target", "reason", "another service level's resolution target"),
    ("response-clock-not-started", "reason", "the response clock has not started"),
    ("resolution-clock-not-started", "reason", "the resolution clock has not started"),
    ("response-due-unknown", "reason", "a target needs hours or a setting not supplied"),
    ("resolution-due-unknown", "reason", "a target needs hours or a setting not supplied"),
    ("plan-target-unknown", "reason", "the plan's own target is not in the setting"),
    ("no-opening", "reason", "the calendar has no opening within a year"),
    ("excluded", "reason", "the core's default quote: nothing priced, the request is excluded"),
    ("coverage-undetermined", "reason", "the core's default quote: coverage is undetermined"),
    ("billable-unpriced", "reason", "the core's default quote: billable, no price given"),
    ("billable", "reason", "the core's default quote: billed separately"),
    ("covered", "reason", "the core's default quote: nothing to pay, covered"),
)


def markdown() -> str:
    """The codes of every installed vendor plugin, as the Markdown of ``docs/codes.md``."""
    from .plugins import load_plugins

    out: list[str] = ["## The core", "", "| code | kind | meaning |", "|---|---|---|"]
    out += [f"| `{code}` | {kind} | {meaning} |" for code, kind, meaning in CORE_CODES]
    out.append("")
    plugins = load_plugins()
    for name, vp in sorted(plugins.vendors.items()):
        package = getattr(vp.plugin, "__name__", type(vp.plugin).__module__)
        out += [f"## {name}", "", "| code | kind | said as (English template) |", "|---|---|---|"]
        for c in codes_of(package, vp.terms):
            out.append(f"| `{c.code}` | {c.kind} | {_cell(c.template) or '—'} |")
        out.append("")
    return "\n".join(out)


if __name__ == "__main__":  # pragma: no cover
    sys.stdout.write(markdown())
