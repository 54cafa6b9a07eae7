"""Documentation generated from the code, so the docs cannot drift from it.

Two generated parts, each between markers in a page of ``docs/``:

- the **hook reference** of ``docs/plugin-authors.md`` (``<!-- hooks:begin -->`` …
  ``<!-- hooks:end -->``): every hook specification of :mod:`supportcore.hookspecs`, its
  signature, call style and docstring;
- the **reference** of ``docs/reference.md`` (``<!-- reference:begin -->`` …
  ``<!-- reference:end -->``): every answer type a hook returns, the context a hook receives, the
  settings API and the ticket timeline, from their docstrings and the ``#:`` comments of their
  fields.

``python -m supportcore.docs hooks`` and ``python -m supportcore.docs reference`` print them;
``--write FILE`` replaces the part between the markers of ``FILE``. A test fails when a committed
page differs from what the code generates.
"""

from __future__ import annotations

import argparse
import ast
import enum
import importlib
import inspect
import re
import sys
import textwrap
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from . import hookspecs

__all__ = [
    "REFERENCE",
    "hook_names",
    "hook_reference",
    "markdown",
    "reference",
    "replace_between",
]


def hook_names() -> list[str]:
    """Every hook specification, in the order of ``hookspecs.py``."""
    funcs = [
        (obj.__code__.co_firstlineno, name)
        for name, obj in vars(hookspecs).items()
        if name.startswith("supportcore_") and inspect.isfunction(obj)
    ]
    return [name for _, name in sorted(funcs)]


def hook_reference() -> str:
    """Markdown: one section per hook with its signature, call style and docstring."""
    out = []
    for name in hook_names():
        func = getattr(hookspecs, name)
        opts = getattr(func, "supportcore_spec", {}) or {}
        style = (
            "first non-`None` result wins" if opts.get("firstresult") else "all results collected"
        )
        out.append(f"### `{name}{_signature(func)}`\n\n*{style}*\n\n{markdown(_doc(func))}\n")
    return "\n".join(out)


# --------------------------------------------------------------------------- docstrings


_FIELD = re.compile(r"^(\s*):(param|raises|return|returns)\s*([^:]*):", re.M)


def markdown(doc: str) -> str:
    """A reST docstring as Markdown: ````x```` and roles (``:class:`X```) as code,
    ``:param x:``, ``:return:`` and ``:raises E:`` as list items."""

    def field(match: re.Match[str]) -> str:
        indent, kind, name = match[1], match[2], match[3].strip()
        if kind == "param":
            return f"{indent}- `{name}`:"
        if kind == "raises":
            return f"{indent}- raises `{name}`:"
        return f"{indent}- returns:"

    text = doc.replace("``", "`")
    text = re.sub(r":(?:class|func|meth|attr|data|mod|exc|obj):`(~?)([^`]+)`", _target, text)
    return _FIELD.sub(field, text)


def _target(match: re.Match[str]) -> str:
    name = match[2]
    return f"`{name.rsplit('.', 1)[-1]}`" if match[1] else f"`{name}`"


def _doc(obj: object) -> str:
    return textwrap.dedent(inspect.getdoc(obj) or "").strip()


class _Annotation(str):
    """A string annotation shown as written (``Money | None``), not quoted."""

    def __repr__(self) -> str:
        return str(self)


def _signature(func: Callable[..., Any], *, drop_self: bool = False) -> str:
    sig = inspect.signature(func)
    params = list(sig.parameters.values())
    if drop_self and params and params[0].name in ("self", "cls"):
        params = params[1:]
    params = [_shown(p) for p in params]
    ret = sig.return_annotation
    ret = _Annotation(ret) if isinstance(ret, str) else ret
    return str(sig.replace(parameters=params, return_annotation=ret))


def _shown(param: inspect.Parameter) -> inspect.Parameter:
    """A parameter as written in the source: its annotation unquoted, an enum default by name."""
    if isinstance(param.annotation, str):
        param = param.replace(annotation=_Annotation(param.annotation))
    if isinstance(param.default, enum.Enum):
        default = param.default
        param = param.replace(default=_Annotation(f"{type(default).__name__}.{default.name}"))
    return param


def _cell(text: str) -> str:
    return text.replace("|", "\\|")


# --------------------------------------------------------------------------- classes


def _comments(lines: list[str], lineno: int) -> str:
    """The ``#:`` comment of the member on ``lines[lineno - 1]``: the ``#:`` lines right above
    it, then the one after it on the same line."""
    above: list[str] = []
    i = lineno - 2
    while i >= 0 and lines[i].strip().startswith("#:"):
        above.insert(0, lines[i].strip()[2:].strip())
        i -= 1
    same = lines[lineno - 1].partition("#:")[2].strip() if "#:" in lines[lineno - 1] else ""
    return " ".join([*above, same]).strip()


def _decorators(node: ast.FunctionDef) -> set[str]:
    names = set()
    for d in node.decorator_list:
        target = d.func if isinstance(d, ast.Call) else d
        names.add(target.attr if isinstance(target, ast.Attribute) else getattr(target, "id", ""))
    return names


def _members(cls: type) -> Iterator[tuple[str, ast.stmt, str]]:
    """``(name, node, #: comment)`` of the public members of ``cls``, in source order."""
    source = textwrap.dedent(inspect.getsource(cls))
    lines = source.splitlines()
    (node,) = ast.parse(source).body
    assert isinstance(node, ast.ClassDef)
    for item in node.body:
        name = ""
        if isinstance(item, ast.AnnAssign) and isinstance(item.target, ast.Name):
            name = item.target.id
        elif isinstance(item, ast.Assign) and isinstance(item.targets[0], ast.Name):
            name = item.targets[0].id
        elif isinstance(item, ast.FunctionDef):
            name = item.name
        if name and not name.startswith("_"):
            yield name, item, _comments(lines, item.lineno)


def _constants(cls: type) -> str:
    """A table of the values of an enumeration (or a class of string constants)."""
    rows = ["| value | meaning |", "|---|---|"]
    for name, node, comment in _members(cls):
        if isinstance(node, ast.Assign):
            value = getattr(cls, name)
            shown = value.value if isinstance(value, enum.Enum) else value
            rows.append(f"| `{_cell(str(shown))}` | {_cell(markdown(comment))} |")
    return "\n".join(rows)


def _fields(cls: type) -> str:
    """A table of the annotated fields of a class, with their types and ``#:`` comments."""
    rows = ["| field | type | meaning |", "|---|---|---|"]
    for name, node, comment in _members(cls):
        if isinstance(node, ast.AnnAssign):
            kind = ast.unparse(node.annotation)
            rows.append(f"| `{name}` | `{_cell(kind)}` | {_cell(markdown(comment))} |")
    return "\n".join(rows) if len(rows) > 2 else ""


def _methods(cls: type, owner: str) -> str:
    """A section per public method and property of ``cls``, with its signature and docstring."""
    out = []
    for name, node, _comment in _members(cls):
        if not isinstance(node, ast.FunctionDef):
            continue
        member = inspect.getattr_static(cls, name)
        decorators = _decorators(node)
        doc = markdown(_doc(member))
        if decorators & {"property", "_once", "cached_property"}:
            ret = ast.unparse(node.returns) if node.returns else ""
            title = f"#### `{owner}.{name}` → `{ret}`" if ret else f"#### `{owner}.{name}`"
        else:
            func = member.__func__ if isinstance(member, classmethod | staticmethod) else member
            prefix = cls.__name__ if "classmethod" in decorators else owner
            title = f"#### `{prefix}.{name}{_signature(func, drop_self=True)}`"
        out.append(f"{title}\n\n{doc}" if doc else title)
    return "\n\n".join(out)


def _entry(path: str) -> str:
    """The reference of one class or function, given as ``module:Name``."""
    module_name, _, name = path.partition(":")
    obj = getattr(importlib.import_module(module_name), name)
    public = importlib.import_module("supportcore")
    where = "supportcore" if name in getattr(public, "__all__", ()) else module_name
    parts = [f"### `{name}`", f"`from {where} import {name}`"]
    if inspect.isfunction(obj):
        parts[0] = f"### `{name}{_signature(obj)}`"
        doc = markdown(_doc(obj))
        return "\n\n".join([*parts, doc] if doc else parts)
    doc = vars(obj).get("__doc__") or ""  # (its own, never one inherited from enum or str)
    if doc and not doc.startswith("Create a collection of name/value pairs"):
        parts.append(markdown(inspect.cleandoc(doc)))
    if isinstance(obj, enum.EnumMeta) or (not _fields(obj) and _is_constants(obj)):
        parts.append(_constants(obj))
    else:
        table = _fields(obj)
        if table:
            parts.append(table)
        methods = _methods(obj, _owner(name))
        if methods:
            parts.append(methods)
    return "\n\n".join(parts)


def _is_constants(cls: type) -> bool:
    members = list(_members(cls))
    return bool(members) and all(isinstance(node, ast.Assign) for _, node, _ in members)


def _owner(name: str) -> str:
    """How a method's owner is written in its heading: ``ctx`` for the context."""
    return {"Context": "ctx"}.get(name, name)


#: The reference's sections: (title, words before the entries, entries as ``module:Name``).
REFERENCE: tuple[tuple[str, str, tuple[str, ...]], ...] = (
    (
        "Answers",
        "What the decision hooks return. Every answer is checked by the engine: a hook that "
        "returns another type is a plugin failure.",
        (
            "supportcore.decision:Eligibility",
            "supportcore.decision:EligibilityStatus",
            "supportcore.decision:Coverage",
            "supportcore.decision:CoverageStatus",
            "supportcore.money:Quote",
            "supportcore.money:QuoteStatus",
            "supportcore.money:QuoteBuilder",
            "supportcore.money:LineItem",
            "supportcore.money:TaxLine",
            "supportcore.money:Money",
            "supportcore.decision:Closure",
            "supportcore.decision:ClosureStatus",
            "supportcore.decision:Action",
            "supportcore.decision:Service",
            "supportcore.decision:Remedy",
            "supportcore.reasons:Reason",
            "supportcore.reasons:Citation",
            "supportcore.reasons:MissingSetting",
            "supportcore.reasons:MissingFact",
            "supportcore.decision:Problem",
        ),
    ),
    (
        "The context",
        "What every per-case hook receives as `ctx`, and what its helpers return.",
        (
            "supportcore.context:Context",
            "supportcore.tables:Fee",
            "supportcore.tables:TaxRule",
            "supportcore.tables:ServiceTargets",
            "supportcore.vendor:VendorInfo",
        ),
    ),
    (
        "Settings",
        "What the integrator supplies: declared in `[[settings]]` of `terms.toml`, validated "
        "by the core, read by `supportcore_prepare` (and by the rules through `ctx.settings`).",
        (
            "supportcore.settings:VendorSettings",
            "supportcore.terms:SettingKind",
            "supportcore.terms:SettingSpec",
            "supportcore.settings:SettingsError",
        ),
    ),
    (
        "The ticket timeline",
        "`ctx.timeline`: the ticket's events read once, in one pass.",
        (
            "supportcore.timeline:Timeline",
            "supportcore.timeline:Segment",
            "supportcore.timeline:WaitingPeriod",
            "supportcore.timeline:Payment",
            "supportcore.appointments:Appointment",
            "supportcore.appointments:AppointmentOutcome",
            "supportcore.appointments:AppointmentStatus",
            "supportcore.timeline:customer_contact",
            "supportcore.timeline:work_started",
        ),
    ),
    (
        "Values in rules",
        "Versions, periods and words that are themselves translated.",
        (
            "supportcore.versions:Version",
            "supportcore.versions:latest",
            "supportcore.periods:Period",
            "supportcore.wording:phrase",
            "supportcore.wording:plural",
        ),
    ),
)


def reference() -> str:
    """Markdown: the contents, then one section per group of :data:`REFERENCE`."""
    toc, body = [], []
    for title, intro, entries in REFERENCE:
        anchor = title.lower().replace(" ", "-")
        names = ", ".join(f"`{e.partition(':')[2]}`" for e in entries)
        toc.append(f"- [{title}](#{anchor}): {names}")
        body.append(f"## {title}\n\n{intro}\n\n" + "\n\n".join(_entry(e) for e in entries))
    return "\n".join(toc) + "\n\n" + "\n\n".join(body) + "\n"


# --------------------------------------------------------------------------- pages


def replace_between(text: str, marker: str, content: str) -> str:
    """``text`` with what lies between ``<!-- {marker}:begin -->`` and ``<!-- {marker}:end
    -->`` replaced by ``content``. :raises ValueError: the markers are missing."""
    begin, end = f"<!-- {marker}:begin -->\n", f"<!-- {marker}:end -->"
    head, found, rest = text.partition(begin)
    _, found_end, tail = rest.partition(end)
    if not found or not found_end:
        raise ValueError(f"the markers {begin.strip()} and {end} are missing")
    return f"{head}{begin}{content.strip()}\n{end}{tail}"


_PARTS = {"hooks": hook_reference, "reference": reference}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m supportcore.docs", description=__doc__.split("\n\n")[0]
    )
    parser.add_argument("part", nargs="?", choices=sorted(_PARTS), default="hooks")
    parser.add_argument("--write", type=Path, metavar="FILE", help="replace it in FILE")
    args = parser.parse_args(argv)
    content = _PARTS[args.part]()
    if args.write is None:
        print(content)
        return 0
    try:
        page = args.write.read_text(encoding="utf-8")
        args.write.write_text(replace_between(page, args.part, content), encoding="utf-8")
    except (OSError, ValueError) as exc:
        print(f"{args.write}: {exc}", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
