"""The OpenAPI 3.1 document of the service, built once at start-up from the generated schemas.

OpenAPI 3.1 uses JSON Schema 2020-12, so the case and decision schemas of
:mod:`supportcore.schema` are its components as they are; the records of ``/v1/vendors`` are
read off :class:`~supportcore.plugins.PluginRecord` the same way.
"""

from __future__ import annotations

from typing import Any

from .. import __version__
from ..plugins import PluginRecord
from ..schema import _Builder, definitions
from .problems import PROBLEMS, problem_schema

__all__ = ["openapi_document"]

REF = "#/components/schemas/"
JSON = "application/json"
PROBLEM = "application/problem+json"


def _ref(name: str) -> dict[str, Any]:
    return {"$ref": f"{REF}{name}"}


def _problems(*kinds: str) -> dict[str, Any]:
    """Responses for the problem kinds a route may answer, by status."""
    out: dict[str, Any] = {}
    for kind in kinds:
        status, title = PROBLEMS[kind]
        entry = out.setdefault(
            str(status), {"description": "", "content": {PROBLEM: {"schema": _ref("Problem")}}}
        )
        entry["description"] = "; ".join(t for t in (entry["description"], title) if t)
    return out


def _ok(description: str, media: str, schema: dict[str, Any]) -> dict[str, Any]:
    return {"200": {"description": description, "content": {media: {"schema": schema}}}}


AT = {
    "name": "at",
    "in": "query",
    "required": False,
    "description": "Evaluate at this instant instead of the case's own (ISO 8601 with an offset "
    "or a zone in brackets, or 'now'); a case may then leave out its 'at'.",
    "schema": {"type": "string"},
}
LANG = {
    "name": "lang",
    "in": "query",
    "required": False,
    "description": "The language of the explanations (es, nl, en; a tag such as es-MX is its "
    "language). Without it, the first of them Accept-Language accepts, else the vendor's own; "
    "in a batch, for every row.",
    "schema": {"type": "string"},
}
NAME = {"name": "name", "in": "path", "required": True, "schema": {"type": "string"}}
COMMON = ("unauthorized", "busy")


def openapi_document(secured: bool) -> dict[str, Any]:
    """The OpenAPI document; ``secured``: the ``/v1/`` operations need a bearer token."""
    schemas = definitions(REF)
    records = _Builder(REF, output=True)
    records.ref(PluginRecord)
    schemas.update(records.defs)
    schemas["Problem"] = problem_schema()
    schemas["DecisionRequest"] = {
        "type": "object",
        "description": "A case with its options (the body may also be the case alone)",
        "properties": {
            "case": _ref("Case"),
            "at": {"type": "string"},
            "lang": {"type": "string"},
        },
        "required": ["case"],
        "additionalProperties": False,
    }
    schemas["BatchRow"] = {
        "type": "object",
        "description": "One row of a batch's output, as supportcore batch writes it",
        "properties": {
            "line": {"type": "integer"},
            "ok": {"type": "boolean"},
            "error": {"type": "string", "enum": ["input", "plugin"]},
            "case_id": {"type": "string"},
            "errors": {"type": "array", "items": {"type": "object"}},
            "decision": _ref("Decision"),
        },
        "required": ["line", "ok"],
    }
    decide: dict[str, Any] = {
        "summary": "Decide one case",
        "description": "The body is a case (the case-file format as JSON) or "
        '{"case": …, "at": …, "lang": …}. The answer is the decision exactly as '
        "`supportcore evaluate --json` writes it; with `Accept: text/plain`, the explanation "
        "as `supportcore evaluate` prints it.",
        "operationId": "decide",
        "parameters": [AT, LANG],
        "requestBody": {
            "required": True,
            "content": {JSON: {"schema": {"anyOf": [_ref("Case"), _ref("DecisionRequest")]}}},
        },
        "responses": {
            **_ok("The decision", JSON, _ref("Decision")),
            **_problems(
                "invalid-json",
                "invalid-request",
                "too-large",
                "invalid-case",
                "plugin-failure",
                "internal",
                "time-limit",
                "vendor-unavailable",
                *COMMON,
            ),
        },
    }
    decide["responses"]["200"]["content"]["text/plain"] = {"schema": {"type": "string"}}
    batch = {
        "summary": "Decide many cases (JSON Lines)",
        "description": "One case per line in; one row per line out, in order, streamed, as "
        "`supportcore batch` writes JSON Lines (error rows name the line and the field).",
        "operationId": "decideBatch",
        "parameters": [AT, LANG],
        "requestBody": {
            "required": True,
            "content": {"application/x-ndjson": {"schema": {"type": "string"}}},
        },
        "responses": {
            **_ok("One row per input line", "application/x-ndjson", {"type": "string"}),
            **_problems("invalid-request", "too-large", "internal", *COMMON),
        },
    }
    found = _problems("not-found", "internal", *COMMON)
    paths: dict[str, Any] = {
        "/v1/decisions": {"post": decide},
        "/v1/decisions/batch": {"post": batch},
        "/v1/vendors": {
            "get": {
                "summary": "The installed plugins (as `supportcore vendors --json`)",
                "operationId": "vendors",
                "responses": {
                    **_ok("Plugins", JSON, {"type": "array", "items": _ref("PluginRecord")}),
                    **_problems("internal", *COMMON),
                },
            }
        },
        "/v1/vendors/{name}/terms": {
            "get": {
                "summary": "A vendor's terms (as `supportcore terms NAME --json`)",
                "operationId": "terms",
                "parameters": [
                    NAME,
                    {"name": "version", "in": "query", "schema": {"type": "string"}},
                ],
                "responses": {**_ok("The terms", JSON, {"type": "object"}), **found},
            }
        },
        "/v1/vendors/{name}/examples": {
            "get": {
                "summary": "The names of a vendor's example cases",
                "operationId": "examples",
                "parameters": [NAME],
                "responses": {
                    **_ok("Names", JSON, {"type": "array", "items": {"type": "string"}}),
                    **found,
                },
            }
        },
        "/v1/vendors/{name}/examples/{example}": {
            "get": {
                "summary": "One example case",
                "operationId": "example",
                "parameters": [
                    NAME,
                    {
                        "name": "example",
                        "in": "path",
                        "required": True,
                        "schema": {"type": "string"},
                    },
                ],
                "responses": {**_ok("The case", JSON, _ref("Case")), **found},
            }
        },
        "/healthz": {
            "get": {
                "summary": "The process answers",
                "operationId": "healthz",
                "security": [],
                "responses": _ok("Alive", JSON, {"type": "object"}),
            }
        },
        "/readyz": {
            "get": {
                "summary": "The engine is built: the vendors served",
                "operationId": "readyz",
                "security": [],
                "responses": _ok("Ready", JSON, {"type": "object"}),
            }
        },
    }
    if not secured:
        for item in paths.values():
            for op in item.values():
                op["responses"].pop("401", None)
    doc: dict[str, Any] = {
        "openapi": "3.1.0",
        "info": {
            "title": "supportcore decision service",
            "version": __version__,
            "description": "Support terms as explainable decisions: send a case, get what the "
            "vendor's terms say about it, each answer citing the vendor's own words.",
        },
        "jsonSchemaDialect": "https://json-schema.org/draft/2020-12/schema",
        "paths": paths,
        "components": {"schemas": dict(sorted(schemas.items()))},
    }
    if secured:
        doc["components"]["securitySchemes"] = {"bearer": {"type": "http", "scheme": "bearer"}}
        doc["security"] = [{"bearer": []}]
    return doc
