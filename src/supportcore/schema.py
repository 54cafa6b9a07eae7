"""JSON Schema (2020-12) of case files, decisions and settings files, generated, never written.

The schemas are read off the model: every attrs class of a case (:class:`~supportcore.model.Case`)
or a decision (:class:`~supportcore.decision.Decision`) becomes a definition whose properties
are its fields, typed by their declared types, described by their ``#:`` comments, bounded by
their validators (minutes, counts, billing months) and by :mod:`supportcore.limits` (list
lengths). A settings table's schema is read off the settings each vendor (and overlay) declares
(:class:`~supportcore.terms.SettingSpec`). ``supportcore schema`` prints them; ``supportcore
serve`` puts them in its OpenAPI document.

The schemas describe the documents' JSON form; the converter stays the authority on what a case
means (a schema cannot say that a licence's rental ends after it was acquired, or that a zone
name exists). :func:`check_case` is what ``supportcore check`` runs: the converter's reading of
a case and the checks the core makes against the vendor's declared products and categories,
without evaluating anything.
"""

from __future__ import annotations

import enum
import inspect
import re
from collections.abc import Iterable, Mapping
from datetime import date, datetime
from decimal import Decimal
from typing import Any, get_args, get_origin, get_type_hints

import attrs

from . import model
from .categories import CATEGORIES
from .decision import (
    Closure,
    ClosureStatus,
    Coverage,
    CoverageStatus,
    Decision,
    Eligibility,
    EligibilityStatus,
    Problem,
)
from .limits import CURRENT
from .money import Quote, QuoteStatus
from .terms import SettingKind, SettingSpec

__all__ = [
    "DIALECT",
    "case_schema",
    "check_case",
    "decision_schema",
    "settings_schema",
]

DIALECT = "https://json-schema.org/draft/2020-12/schema"

#: A decimal number written as text, as :func:`supportcore.money.to_decimal` reads it.
DECIMAL_PATTERN = r"^\s*[+-]?(\d+(_\d+)*(\.\d*)?|\.\d+)([eE][+-]?\d+)?\s*$"
#: A date-time with an offset or a zone in brackets (ISO 8601, RFC 9557).
DATETIME_PATTERN = (
    r"^\s*\d{4}-\d{2}-\d{2}[T ]\d{2}(:\d{2}(:\d{2}([.,]\d+)?)?)?"
    r"(([Zz]|[+-]\d{2}(:?\d{2})?)(\[[^\]]+\])?|\[[^\]]+\])\s*$"
)
DATE_PATTERN = r"^\s*\d{4}-\d{2}-\d{2}\s*$"

#: The fixed sets of the decision's status fields (new values come with a new core version).
_STATUSES: dict[type, type] = {
    Eligibility: EligibilityStatus,
    Coverage: CoverageStatus,
    Closure: ClosureStatus,
    Quote: QuoteStatus,
}

#: Validators of the model whose bounds a schema can state.
_BOUNDS = {
    model.minutes: (0, model.MAX_MINUTES),
    model.non_negative: (0, model.MAX_COUNT),
    model.billing_months: (0, model.MAX_BILLING_MONTHS),
}


def _constants(holder: type) -> list[str]:
    return [v for k, v in vars(holder).items() if k.isupper() and isinstance(v, str)]


def _field_docs(cls: type) -> dict[str, str]:
    """Each field's ``#:`` comment (the lines above it, or at the end of its line)."""
    try:
        lines = inspect.getsource(cls).splitlines()
    except (OSError, TypeError):
        return {}
    docs: dict[str, str] = {}
    pending: list[str] = []
    for line in lines[1:]:
        text = line.strip()
        if text.startswith("#:"):
            pending.append(text[2:].strip())
            continue
        m = re.match(r"    (\w+)\s*:", line)
        if m and not line.startswith("     "):
            trailing = line.split("#:", 1)[1].strip() if "#:" in line else ""
            doc = " ".join([*pending, trailing]).strip()
            if doc:
                docs[m[1]] = doc
        pending = []
    return docs


def _summary(cls: type) -> str:
    doc = inspect.getdoc(cls) or ""
    if cls.__doc__ is None or doc.startswith(f"{cls.__name__}("):
        return ""  # attrs' generated signature, not a description
    return " ".join(doc.split("\n\n")[0].split())


class _Builder:
    """Definitions of attrs classes, built once each; ``output``: every field is present."""

    def __init__(self, ref_prefix: str, output: bool) -> None:
        self.prefix = ref_prefix
        self.output = output
        self.defs: dict[str, dict[str, Any]] = {}

    def ref(self, cls: type) -> dict[str, Any]:
        name = cls.__name__
        if name not in self.defs:
            self.defs[name] = {}  # a class met again while it is built refers to itself
            self.defs[name] = self._class(cls)
        return {"$ref": f"{self.prefix}{name}"}

    def _class(self, cls: type) -> dict[str, Any]:
        hints = get_type_hints(cls)
        docs = _field_docs(cls)
        props: dict[str, Any] = {}
        required: list[str] = []
        for f in attrs.fields(cls):
            if not f.init:
                continue
            schema = self.of(hints.get(f.name, Any))
            if f.name == "status" and cls in _STATUSES:
                schema = {"type": "string", "enum": _constants(_STATUSES[cls])}
            bounds = _BOUNDS.get(f.validator)
            if bounds is not None:
                schema = _bounded(schema, *bounds)
            if f.name in docs:
                schema = {**schema, "description": docs[f.name]}
            props[f.name] = schema
            if self.output or f.default is attrs.NOTHING:
                required.append(f.name)
        out: dict[str, Any] = {"type": "object"}
        summary = _summary(cls)
        if summary:
            out["description"] = summary
        out["properties"] = props
        if required:
            out["required"] = required
        out["additionalProperties"] = False
        return out

    def of(self, tp: Any) -> dict[str, Any]:
        """The schema of a value of declared type ``tp``."""
        if tp is Any:
            return {}
        if tp is bool:
            return {"type": "boolean"}
        if tp is int:
            return {"type": "integer"}
        if tp is str:
            return {"type": "string"}
        if tp is Decimal:
            return _decimal("integer")
        if tp is datetime:
            return {
                "type": "string",
                "pattern": DATETIME_PATTERN,
                "description": "ISO 8601 date-time with an offset or a zone in brackets",
            }
        if tp is date:
            return {"type": "string", "pattern": DATE_PATTERN, "description": "YYYY-MM-DD"}
        if isinstance(tp, type) and issubclass(tp, enum.Enum):
            return {"type": "string", "enum": [m.value for m in tp]}
        if isinstance(tp, type) and attrs.has(tp):
            return self.ref(tp)
        origin, args = get_origin(tp), get_args(tp)
        if args and type(None) in args:
            others = [a for a in args if a is not type(None)]
            inner = self.of(others[0]) if len(others) == 1 else {"anyOf": [*map(self.of, others)]}
            return {"anyOf": [inner, {"type": "null"}]}
        if origin is tuple and len(args) == 2 and args[1] is Ellipsis:
            return {
                "type": "array",
                "items": self.of(args[0]),
                "maxItems": CURRENT.limits.max_items,
            }
        if origin is tuple:
            return {
                "type": "array",
                "prefixItems": [self.of(a) for a in args],
                "minItems": len(args),
                "maxItems": len(args),
            }
        if origin in (Mapping, dict) or (isinstance(origin, type) and issubclass(origin, Mapping)):
            value = self.of(args[1]) if len(args) == 2 else {}
            return {
                "type": "object",
                "additionalProperties": value,
                "maxProperties": CURRENT.limits.max_items,
            }
        raise TypeError(f"no JSON Schema for {tp!r}")  # pragma: no cover - a new model type


def _decimal(*number_types: str) -> dict[str, Any]:
    return {
        "type": ["string", *number_types],
        "pattern": DECIMAL_PATTERN,
        "description": 'a decimal number, written as a string ("92.99")',
    }


def _bounded(schema: dict[str, Any], low: int, high: int) -> dict[str, Any]:
    """``schema`` (an integer, maybe optional) with its bounds."""
    if "anyOf" in schema:
        return {"anyOf": [_bounded(s, low, high) for s in schema["anyOf"]]}
    if schema.get("type") != "integer":
        return schema
    return {**schema, "minimum": low, "maximum": high}


def _document(
    kind: str, root: dict[str, Any], defs: Mapping[str, Any], title: str
) -> dict[str, Any]:
    return {
        "$schema": DIALECT,
        "$id": f"urn:supportcore:schema:{kind}",
        "title": title,
        **root,
        "$defs": dict(sorted(defs.items())),
    }


def definitions(ref_prefix: str = "#/$defs/") -> dict[str, dict[str, Any]]:
    """Every definition of the case and the decision schemas (for an OpenAPI document, whose
    ``ref_prefix`` is ``#/components/schemas/``)."""
    case = _Builder(ref_prefix, output=False)
    case.ref(model.Case)
    decision = _Builder(ref_prefix, output=True)
    decision.ref(Decision)
    for name, schema in decision.defs.items():
        if name in case.defs and case.defs[name] != schema:
            raise RuntimeError(f"the case and the decision define {name} differently")
    return {**case.defs, **decision.defs}


def case_schema(vendor: Any = None) -> dict[str, Any]:
    """The schema of a case file. With a vendor (a :class:`~supportcore.plugins.VendorPlugin`
    or its :class:`~supportcore.vendor.VendorInfo`), narrowed to its name, products and
    categories."""
    b = _Builder("#/$defs/", output=False)
    root = b.ref(model.Case)
    title = "supportcore case"
    if vendor is not None:
        info = getattr(vendor, "info", vendor)
        title = f"supportcore case for {info.title} ({info.name})"
        defs = b.defs
        defs["Case"]["properties"]["vendor"] = {"const": info.name}
        request = defs["Request"]["properties"]
        categories = sorted(set(CATEGORIES) | set(info.categories))
        request["category"] = {**request["category"], "enum": categories}
        if info.products:
            products = {"enum": list(info.products)}
            request["product"] = {**request["product"], **products}
            licence = defs["Licence"]["properties"]
            licence["product"] = {**licence["product"], **products}
    return _document("case", {"$ref": root["$ref"]}, b.defs, title)


def decision_schema() -> dict[str, Any]:
    """The schema of a decision's JSON form (``supportcore evaluate --json``)."""
    b = _Builder("#/$defs/", output=True)
    root = b.ref(Decision)
    return _document("decision", {"$ref": root["$ref"]}, b.defs, "supportcore decision")


# --------------------------------------------------------------------------- settings


def setting_schema(spec: SettingSpec, b: _Builder) -> dict[str, Any]:
    """The schema of one declared setting, by its kind."""
    kind = spec.kind
    out: dict[str, Any]
    if kind in (SettingKind.MONEY, SettingKind.DECIMAL):
        out = _decimal("number")
    elif kind is SettingKind.RATE:
        out = {**_decimal("number"), "minimum": 0, "maximum": 1}
    elif kind is SettingKind.VERSION:
        out = {"type": ["string", "integer"]}
    elif kind is SettingKind.INTEGER:
        from .settings import MAX_INTEGER

        out = {"type": "integer", "minimum": -MAX_INTEGER, "maximum": MAX_INTEGER}
    elif kind is SettingKind.BOOLEAN:
        out = {"type": "boolean"}
    elif kind is SettingKind.STRING:
        out = {"type": "string"}
    elif kind is SettingKind.DATE:
        out = b.of(date)
    elif kind is SettingKind.CHOICE:
        out = {"type": "string", "enum": list(spec.choices)}
    elif kind is SettingKind.MONEY_TABLE or kind is SettingKind.HOURS_TABLE:
        out = {"type": "object", "additionalProperties": _decimal("number")}
    elif kind is SettingKind.STRING_LIST:
        out = b.of(tuple[str, ...])
    elif kind is SettingKind.CALENDAR:
        from .calendar import CalendarSpec

        out = b.of(CalendarSpec)
    elif kind is SettingKind.CLOSURES:
        from .calendar import ClosurePeriod

        out = b.of(tuple[ClosurePeriod, ...])
    else:  # pragma: no cover - a new kind
        out = {}
    described = dict(out)
    described["description"] = " ".join(
        t for t in (spec.description, f"Needed for {spec.needed_for}." * bool(spec.needed_for)) if t
    )
    if spec.default is not None:
        described["default"] = _plain(spec.default)
    if spec.example is not None:
        described["examples"] = [_plain(spec.example)]
    return described


def _plain(value: Any) -> Any:
    import json

    from .provenance import canonical_json

    return json.loads(canonical_json(value))


def _table(specs: Iterable[SettingSpec], b: _Builder, title: str) -> dict[str, Any]:
    return {
        "type": "object",
        "description": title,
        "properties": {s.key: setting_schema(s, b) for s in specs},
        "additionalProperties": False,
    }


def settings_schema(plugins: Any, vendor: str | None = None) -> dict[str, Any]:
    """The schema of a settings file: one table per loaded vendor and overlay (of ``plugins``,
    a :class:`~supportcore.plugins.PluginSet`); with ``vendor``, that vendor's table alone."""
    b = _Builder("#/$defs/", output=False)
    if vendor is not None:
        vp = plugins.vendors[vendor]
        root = _table(vp.terms.settings, b, f"the [{vendor}] table of a settings file")
        return _document(f"settings:{vendor}", root, b.defs, f"supportcore settings: {vendor}")
    tables = {
        name: _table(vp.terms.settings, b, f"settings of {vp.info.title}")
        for name, vp in sorted(plugins.vendors.items())
    }
    for section in plugins.pm.hook.supportcore_setting_specs():
        if section is not None:
            tables[section.name] = _table(section.specs, b, f"settings of overlay {section.name}")
    from .settings import CORE_SECTION

    tables[CORE_SECTION] = {"type": "object", "description": "options of supportcore itself"}
    root = {"type": "object", "properties": tables, "additionalProperties": False}
    return _document("settings", root, b.defs, "supportcore settings file")


# --------------------------------------------------------------------------- checking


def _vocabulary(data: Mapping[str, Any], info: Any) -> list[Problem]:
    """What the core checks against the vendor's declared words: products and categories."""
    problems: list[Problem] = []
    products = tuple(info.products)
    listed = f" (products: {', '.join(products)})"
    request = data.get("request")
    if isinstance(request, Mapping):
        product, category = request.get("product"), request.get("category")
        if isinstance(product, str) and products and product not in products:
            message = f"{product!r} is not a product of {info.title}{listed}"
            problems.append(Problem("request.product", message, "error"))
        if isinstance(category, str) and category not in CATEGORIES | dict(info.categories):
            known = ", ".join(sorted(set(CATEGORIES) | set(info.categories)))
            message = f"unknown category {category!r} (known: {known})"
            problems.append(Problem("request.category", message, "error"))
    licences = data.get("licences")
    for i, lic in enumerate(licences if isinstance(licences, list) else ()):
        product = lic.get("product") if isinstance(lic, Mapping) else None
        if isinstance(product, str) and products and product not in products:
            message = f"{product!r} is not a product of {info.title}"
            problems.append(Problem(f"licences[{i}].product", message, "error"))
    return problems


def check_case(
    data: Mapping[str, Any], plugins: Any, *, at: datetime | str | None = None
) -> list[Problem]:
    """Every problem of a case without evaluating it: the converter's reading of every field
    (:func:`~supportcore.convert.case_from_dict`), the vendor (installed and loaded), the
    products and category against the vendor's declared ones, and tax ids (warnings).

    :raises supportcore.engine.VendorUnavailable: the vendor's plugin is installed but did not
        load (a plugin failure, not bad input).
    """
    from .convert import InputError, case_from_dict
    from .engine import VendorUnavailable, _unavailable
    from .taxid import validate_tax_id

    problems: list[Problem] = []
    case = None
    try:
        case = case_from_dict(data, at=at)
    except InputError as exc:
        problems.extend(exc.problems)
    name = data.get("vendor")
    vp = plugins.vendors.get(name) if isinstance(name, str) else None
    if vp is None and isinstance(name, str):
        for record in plugins.records:
            if record.name == name:
                raise VendorUnavailable(name, _unavailable(record))
        installed = ", ".join(sorted(plugins.vendors)) or "none"
        message = f"unknown vendor {name!r} (installed: {installed})"
        problems.append(Problem("vendor", message, "error"))
    if vp is not None:
        named = {p.field for p in problems}
        problems.extend(p for p in _vocabulary(data, vp.info) if p.field not in named)
    if case is not None and vp is not None:
        tax = case.customer.tax_id
        if tax is not None:
            _, msg = validate_tax_id(tax.country, tax.number)
            if msg:
                problems.append(Problem("customer.tax_id", msg))
        if case.request.contact.tax_id:
            country = tax.country if tax is not None else vp.info.country
            _, msg = validate_tax_id(country, case.request.contact.tax_id)
            if msg:
                problems.append(Problem("request.contact.tax_id", msg))
    return problems
