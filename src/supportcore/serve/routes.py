"""The endpoints: decisions (one, or a batch as JSON Lines), vendors, terms, examples, health.

A decision is made in one of the worker's evaluation threads, so that a plugin that hangs
holds one thread, not the service: after ``--timeout`` seconds the request is answered 503
``time-limit`` (the thread is left to finish). What a route answers is what the CLI prints:
the decision JSON of ``supportcore evaluate --json``, the records of ``vendors --json``, the
terms of ``terms --json``, the rows of ``supportcore batch``.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import time
from collections.abc import AsyncIterator, Callable, Mapping
from datetime import datetime
from typing import Any

import attrs
from starlette.requests import ClientDisconnect, Request
from starlette.responses import JSONResponse, PlainTextResponse, Response, StreamingResponse

from ..batch import evaluate_lines
from ..convert import InputError, converter, decision_to_json, parse_datetime
from ..decision import Decision
from ..documents import DocumentError, loads_json
from ..engine import PluginError, VendorUnavailable
from ..i18n import check_language, negotiate
from .decisionlog import entry_from_decision, entry_from_dict, new_id
from .problems import Problem

__all__ = ["DecisionRequest", "parse_decision_request", "terms_data"]

JSON_LINES = "application/x-ndjson"
_ROW = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"), default=str)


@attrs.frozen
class DecisionRequest:
    """One request for a decision: the case and its options.

    ``lang``: the language of the explanations, from the body, else the ``lang`` query
    parameter, else the first language ``Accept-Language`` accepts that explanations are
    written in; ``None``: the vendor's own.
    """

    case: Mapping[str, Any]
    at: str | None = None
    lang: str | None = None

    def evaluate(self, engine: Any) -> Decision:
        return engine.evaluate(  # type: ignore[no-any-return]
            self.case, at=_instant(self.at), lang=self.lang
        )


def _instant(at: str | None) -> datetime | str | None:
    if at is not None and at.strip().lower() == "now":
        return datetime.now().astimezone()
    return at


def _lang(request: Request, body: Mapping[str, Any] | None = None) -> str | None:
    if body is not None and isinstance(body.get("lang"), str):
        return str(body["lang"])
    if "lang" in request.query_params:
        return request.query_params["lang"]
    return negotiate(request.headers.get("accept-language"))


def _field(name: str, message: str) -> dict[str, str]:
    return {"field": name, "message": message}


def parse_decision_request(body: bytes, request: Request) -> DecisionRequest:
    """The case and options of a ``POST /v1/decisions`` body: the case itself, or an envelope
    ``{"case": {…}, "at": …, "lang": …}``; ``at`` and ``lang`` may also be query parameters."""
    try:
        data = loads_json(body)
    except DocumentError as exc:
        raise Problem(
            "invalid-json",
            "the body must be one JSON object",
            [_field(exc.field or "(body)", exc.message)],
        ) from None
    if not isinstance(data, dict):
        raise Problem(
            "invalid-case",
            "a case must be a JSON object",
            [_field("(case)", "a case must be a JSON object")],
        )
    at = request.query_params.get("at")
    if "case" in data:
        unknown = sorted(set(data) - {"case", "at", "lang"})
        if unknown:
            message = f"unknown key(s) beside the case: {', '.join(unknown)} (case, at, lang)"
            raise Problem("invalid-request", message, [_field("(body)", message)])
        for key in ("at", "lang"):
            if data.get(key) is not None and not isinstance(data[key], str):
                raise Problem(
                    "invalid-request", f"{key} must be a string", [_field(key, "must be a string")]
                )
        at = data.get("at") or at
        case = data["case"]
        if not isinstance(case, dict):
            raise Problem(
                "invalid-case",
                "a case must be a JSON object",
                [_field("case", "a case must be a JSON object")],
            )
        return DecisionRequest(case, at, _lang(request, data))
    return DecisionRequest(data, at, _lang(request))


async def in_thread(request: Request, fn: Callable[..., Any], *args: Any) -> Any:
    """``fn(*args)`` in an evaluation thread, within the time limit."""
    state = request.app.state
    loop = asyncio.get_running_loop()
    future = loop.run_in_executor(state.executor, fn, *args)
    try:
        return await asyncio.wait_for(asyncio.shield(future), state.service.config.timeout)
    except TimeoutError:
        limit = state.service.config.timeout
        raise Problem(
            "time-limit",
            f"no decision within {limit:g} s (--timeout); the vendor's plugin may be stuck",
            [_field("(timeout)", f"no decision within {limit:g} s")],
        ) from None


def _problems(exc: InputError) -> list[dict[str, str]]:
    return [_field(p.field, p.message) for p in exc.problems]


async def decisions(request: Request) -> Response:
    """``POST /v1/decisions``: a case in, its decision out."""
    state = request.app.state
    req = parse_decision_request(await request.body(), request)
    started = time.perf_counter()
    try:
        decision: Decision = await in_thread(request, req.evaluate, state.service.engine)
    except InputError as exc:
        raise Problem(
            "invalid-case", f"{len(exc.problems)} problem(s) with the case", _problems(exc)
        ) from None
    except VendorUnavailable as exc:
        raise Problem("vendor-unavailable", str(exc), [_field("vendor", str(exc))]) from None
    except PluginError as exc:  # strict mode: no decision
        where, _, message = str(exc).partition(": ")
        raise Problem("plugin-failure", str(exc), [_field(where, message)]) from None
    headers: dict[str, str] = {}
    if state.log is not None:
        decision_id = new_id()
        headers["Supportcore-Decision-Id"] = decision_id
        entry = entry_from_decision(decision)
        state.log.write(decision_id, entry, time.perf_counter() - started, req.case)
    if decision.failures:
        errors = [_field(f"{f.plugin}.{f.hook}", f.error) for f in decision.failures]
        problem = Problem(
            "plugin-failure",
            "a plugin failed while answering: the answers it gave no answer for are undetermined",
            errors,
            decision=json.loads(decision_to_json(decision)),
        )
        problem.headers.update(headers)
        raise problem
    if "text/plain" in request.headers.get("accept", "") and "json" not in request.headers.get(
        "accept", ""
    ):
        from ..render import render_text

        return PlainTextResponse(render_text(decision), headers=headers)
    return Response(decision_to_json(decision), media_type="application/json", headers=headers)


class _Duplex(StreamingResponse):
    """Rows streamed while the request's lines are still being read: the response does not
    also listen for the client leaving (that would take the body's messages); reading the
    body notices it instead."""

    async def __call__(self, scope: Any, receive: Any, send: Any) -> None:
        with contextlib.suppress(OSError, ClientDisconnect):
            await self.stream_response(send)


def _timeout_row(line: int, limit: float) -> dict[str, Any]:
    message = f"no decision within {limit:g} s (--timeout)"
    return {"line": line, "ok": False, "error": "plugin", "errors": [_field("(timeout)", message)]}


async def batch(request: Request) -> Response:
    """``POST /v1/decisions/batch``: JSON Lines in, one row per line out, in order, streamed."""
    state = request.app.state
    config = state.service.config
    engine = state.service.engine
    at = _instant(request.query_params.get("at"))
    try:
        instant = None if at is None else parse_datetime(at)
    except ValueError as exc:
        raise Problem("invalid-request", f"at: {exc}", [_field("at", str(exc))]) from None
    try:  # every row in one language: the query's, else Accept-Language's, else each vendor's
        lang = _lang(request)
        lang = None if lang is None else check_language(lang)
    except ValueError as exc:
        raise Problem("invalid-request", f"lang: {exc}", [_field("lang", str(exc))]) from None
    declared = request.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > config.max_batch_body:
        raise Problem(
            "too-large",
            f"the body is larger than {config.max_batch_body:,} bytes (--max-batch-body)",
        )

    def evaluate(line: int, text: bytes) -> dict[str, Any] | None:
        return next(evaluate_lines([text], engine, at=instant, first_line=line, lang=lang), None)

    async def row(line: int, text: bytes) -> str | None:
        if len(text) > config.max_body:
            message = f"longer than {config.max_body:,} bytes (--max-body)"
            out: dict[str, Any] | None = {
                "line": line,
                "ok": False,
                "error": "input",
                "errors": [_field("(line)", message)],
            }
        else:
            started = time.perf_counter()
            try:
                out = await in_thread(request, evaluate, line, text)
            except Problem:
                out = _timeout_row(line, config.timeout)
            if out is not None and state.log is not None and "decision" in out:
                entry = entry_from_dict(out["decision"])
                case = _case_of(text) if config.log_input else None
                state.log.write(new_id(), entry, time.perf_counter() - started, case)
        return None if out is None else _ROW.encode(out) + "\n"

    async def rows() -> AsyncIterator[str]:
        line, total, pending, skipping = 0, 0, b"", False
        async for chunk in request.stream():
            total += len(chunk)
            if total > config.max_batch_body:
                message = (
                    f"the request is larger than {config.max_batch_body:,} bytes "
                    "(--max-batch-body); the rest was not read"
                )
                yield (
                    _ROW.encode(
                        {
                            "line": line + 1,
                            "ok": False,
                            "error": "input",
                            "errors": [_field("(batch)", message)],
                        }
                    )
                    + "\n"
                )
                return
            pending += chunk
            while (end := pending.find(b"\n")) >= 0:
                text, pending = pending[:end], pending[end + 1 :]
                line += 1
                out = await row(line, b"x" * (config.max_body + 1) if skipping else text)
                skipping = False
                if out is not None:
                    yield out
            if len(pending) > config.max_body:  # a line too long: not kept, refused at its end
                pending, skipping = b"", True
        if pending.strip() or skipping:
            out = await row(line + 1, b"x" * (config.max_body + 1) if skipping else pending)
            if out is not None:
                yield out

    return _Duplex(rows(), media_type=JSON_LINES)


def _case_of(text: bytes) -> Any:
    try:
        return loads_json(text)
    except DocumentError:
        return None


async def vendors(request: Request) -> Response:
    """``GET /v1/vendors``: as ``supportcore vendors --json``."""
    records = request.app.state.service.engine.plugins.records
    return JSONResponse([converter.unstructure(r) for r in records])


def _vendor(request: Request) -> Any:
    name = request.path_params["name"]
    vp = request.app.state.service.engine.plugins.vendors.get(name)
    if vp is None:
        raise Problem(
            "not-found", f"no vendor {name!r} is loaded", [_field("name", "unknown vendor")]
        )
    return vp


def terms_data(vp: Any, version: str | None = None) -> dict[str, Any]:
    """A vendor's terms as ``supportcore terms VENDOR --json`` prints them."""
    cat = vp.terms
    versions = cat.versions if version is None else (cat.version(version),)
    return {
        "vendor": cat.vendor,
        "settings": [converter.unstructure(s) for s in cat.settings],
        "versions": [
            {
                "version": v.version,
                "effective_from": v.effective_from.isoformat(),
                "title": v.title,
                "source": v.source,
                "language": v.language,
                "clauses": [converter.unstructure(c) for c in v.clauses],
                "interpretations": [converter.unstructure(i) for i in v.interpretations],
            }
            for v in versions
        ],
    }


async def terms(request: Request) -> Response:
    """``GET /v1/vendors/{name}/terms[?version=V]``: as ``supportcore terms NAME --json``."""
    vp = _vendor(request)
    try:
        data = terms_data(vp, request.query_params.get("version"))
    except KeyError as exc:
        message = str(exc.args[0])
        raise Problem("not-found", message, [_field("version", message)]) from None
    text = json.dumps(data, ensure_ascii=False, default=str)
    return Response(text, media_type="application/json")


async def examples(request: Request) -> Response:
    """``GET /v1/vendors/{name}/examples``: the names of the vendor's example cases."""
    vp = _vendor(request)
    found = request.app.state.service.examples.get(vp.name, {})
    return JSONResponse(sorted(found))


async def example(request: Request) -> Response:
    """``GET /v1/vendors/{name}/examples/{example}``: one example case, as JSON."""
    vp = _vendor(request)
    name = request.path_params["example"]
    case = request.app.state.service.examples.get(vp.name, {}).get(name)
    if case is None:
        raise Problem(
            "not-found",
            f"{vp.name} has no example {name!r}",
            [_field("example", "unknown example")],
        )
    return Response(json.dumps(case, ensure_ascii=False), media_type="application/json")


async def healthz(_request: Request) -> Response:
    """``GET /healthz``: the process answers."""
    return JSONResponse({"status": "ok"})


async def readyz(request: Request) -> Response:
    """``GET /readyz``: the engine is built; the vendors it serves and those that failed."""
    plugins = request.app.state.service.engine.plugins
    failed = [r.name for r in plugins.failed()]
    return JSONResponse({"status": "ready", "vendors": sorted(plugins.vendors), "failed": failed})
