"""Errors as RFC 9457 problem details (``application/problem+json``).

Every error the service answers is one JSON object: ``type`` (a URI naming the kind of
problem, relative to the service: ``/problems/invalid-case``), ``title``, ``status``,
``detail``, and ``errors``: one ``{"field", "message"}`` per problem, the field being the path
in the case as in the CLI's messages and the batch's error rows. No traceback ever reaches a
client: an unexpected error is ``/problems/internal`` naming only its type.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from starlette.responses import JSONResponse

__all__ = ["PROBLEMS", "Problem", "problem_response"]

MEDIA_TYPE = "application/problem+json"

#: Every problem type: (status, title). docs/serve.md explains each.
PROBLEMS: dict[str, tuple[int, str]] = {
    "invalid-json": (400, "The request body is not a JSON document"),
    "invalid-request": (400, "The request's options are invalid"),
    "unauthorized": (401, "A valid bearer token is needed"),
    "not-found": (404, "No such resource"),
    "method-not-allowed": (405, "Method not allowed"),
    "too-large": (413, "The request body is too large"),
    "invalid-case": (422, "The case is invalid"),
    "plugin-failure": (500, "A plugin failed"),
    "internal": (500, "An internal error of supportcore"),
    "busy": (503, "Too many requests at once"),
    "time-limit": (503, "No decision within the time limit"),
    "vendor-unavailable": (503, "The vendor's plugin is installed but not usable"),
}


class Problem(Exception):
    """A problem to answer with: raise it from a route."""

    def __init__(
        self,
        kind: str,
        detail: str,
        errors: Iterable[Mapping[str, str]] = (),
        **extra: Any,
    ) -> None:
        self.kind = kind
        self.detail = detail
        self.errors = [dict(e) for e in errors]
        self.extra = extra
        self.headers: dict[str, str] = {}
        super().__init__(detail)

    def response(self) -> JSONResponse:
        return problem_response(self.kind, self.detail, self.errors, self.headers, **self.extra)


class _ProblemJSON(JSONResponse):
    media_type = MEDIA_TYPE

    def render(self, content: Any) -> bytes:
        import json

        return json.dumps(content, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def problem_response(
    kind: str,
    detail: str,
    errors: Iterable[Mapping[str, str]] = (),
    headers: Mapping[str, str] | None = None,
    **extra: Any,
) -> JSONResponse:
    """The ``application/problem+json`` response of problem ``kind``."""
    status, title = PROBLEMS[kind]
    body: dict[str, Any] = {
        "type": f"/problems/{kind}",
        "title": title,
        "status": status,
        "detail": detail,
        "errors": [dict(e) for e in errors],
        **extra,
    }
    return _ProblemJSON(body, status_code=status, headers=dict(headers or {}))


def problem_schema() -> dict[str, Any]:
    """The JSON Schema of a problem (for the OpenAPI document)."""
    error = {
        "type": "object",
        "properties": {"field": {"type": "string"}, "message": {"type": "string"}},
        "required": ["field", "message"],
    }
    return {
        "type": "object",
        "description": "RFC 9457 problem details, with one entry per problem in errors",
        "properties": {
            "type": {"type": "string", "enum": [f"/problems/{k}" for k in PROBLEMS]},
            "title": {"type": "string"},
            "status": {"type": "integer"},
            "detail": {"type": "string"},
            "errors": {"type": "array", "items": error},
            "decision": {"$ref": "#/components/schemas/Decision"},
        },
        "required": ["type", "title", "status", "detail", "errors"],
    }
