"""The ASGI application: routes, the guard, problem responses, the page, the lifespan.

:func:`create_app` builds it from a :class:`~supportcore.serve.config.Service` (tests build
one around any engine); :func:`from_environment` is the factory each uvicorn worker process
calls (``--workers N``), rebuilding the service from the configuration the parent checked.
"""

from __future__ import annotations

import contextlib
import functools
import gc
import os
from collections.abc import AsyncIterator, Awaitable, Callable
from concurrent.futures import ThreadPoolExecutor
from importlib import resources
from typing import Any

from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.middleware import Middleware
from starlette.middleware.cors import CORSMiddleware
from starlette.requests import Request
from starlette.responses import FileResponse, JSONResponse, Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles

from . import routes
from .config import CONFIG_ENV, ServeConfig, Service
from .decisionlog import DecisionLog
from .guard import Guard, TooLarge
from .openapi import openapi_document
from .problems import Problem, problem_response

__all__ = ["create_app", "from_environment"]

STATIC = resources.files("supportcore.serve") / "static"

Handler = Callable[[Request], Awaitable[Response]]


def _answering(handler: Handler) -> Handler:
    """``handler`` whose problems become problem responses and whose surprises become one
    ``internal`` problem naming only the exception's type (never a traceback)."""

    @functools.wraps(handler)
    async def answer(request: Request) -> Response:
        try:
            return await handler(request)
        except Problem as problem:
            return problem.response()
        except TooLarge:  # the guard answers it
            raise
        except Exception as exc:  # a bug: the client learns only that it happened
            return problem_response(
                "internal",
                f"{type(exc).__name__} (an internal error of supportcore: please report it)",
            )

    return answer


def _page(name: str, media_type: str = "text/html") -> Handler:
    async def page(_request: Request) -> Response:
        return FileResponse(str(STATIC / name), media_type=f"{media_type}; charset=utf-8")

    return page


async def _http_problem(_request: Request, exc: Exception) -> Response:
    assert isinstance(exc, HTTPException)
    kind = {404: "not-found", 405: "method-not-allowed"}.get(exc.status_code, "invalid-request")
    return problem_response(kind, str(exc.detail), headers=exc.headers)


def create_app(service: Service) -> Starlette:
    """The application serving ``service``."""
    config = service.config
    document = openapi_document(bool(service.tokens))

    async def openapi(_request: Request) -> Response:
        return JSONResponse(document)

    @contextlib.asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        app.state.executor = ThreadPoolExecutor(config.threads, thread_name_prefix="decide")
        if config.decision_log:
            app.state.log = DecisionLog(config.decision_log, log_input=config.log_input)
        # what is loaded now (plugins, terms, catalogs, calendars) lives as long as the worker:
        # leave it out of the collector's full passes, which would otherwise walk it while every
        # request in flight waits (p99 at 32 clients 53 -> 31 ms with one worker, 42 -> 21-24 ms
        # with two, side by side: docs/serve.md, Performance)
        gc.freeze()
        try:
            yield
        finally:
            app.state.executor.shutdown(wait=False, cancel_futures=True)
            if app.state.log is not None:
                app.state.log.close()

    v1 = [
        Route("/v1/decisions", _answering(routes.decisions), methods=["POST"]),
        Route("/v1/decisions/batch", _answering(routes.batch), methods=["POST"]),
        Route("/v1/vendors", _answering(routes.vendors), methods=["GET"]),
        Route("/v1/vendors/{name}/terms", _answering(routes.terms), methods=["GET"]),
        Route("/v1/vendors/{name}/examples", _answering(routes.examples), methods=["GET"]),
        Route("/v1/vendors/{name}/examples/{example}", _answering(routes.example), methods=["GET"]),
    ]
    pages = [
        Route("/", _page("index.html"), methods=["GET"]),
        Route("/docs", _page("docs.html"), methods=["GET"]),
        Route("/openapi.json", openapi, methods=["GET"]),
        Route("/healthz", routes.healthz, methods=["GET"]),
        Route("/readyz", routes.readyz, methods=["GET"]),
        Mount("/static", StaticFiles(directory=str(STATIC)), name="static"),
    ]
    middleware = [
        Middleware(
            Guard,
            tokens=service.tokens,
            max_body=config.max_body,
            concurrency=config.concurrency,
        )
    ]
    if config.cors_origins:
        middleware.insert(
            0,
            Middleware(
                CORSMiddleware,
                allow_origins=list(config.cors_origins),
                allow_methods=["GET", "POST"],
                allow_headers=["Authorization", "Content-Type", "Accept-Language"],
                expose_headers=["Supportcore-Decision-Id"],
            ),
        )
    app = Starlette(
        routes=[*v1, *pages],
        middleware=middleware,
        exception_handlers={HTTPException: _http_problem},
        lifespan=lifespan,
    )
    app.state.service = service
    app.state.log = None
    return app


def from_environment() -> Any:
    """One worker process's application, configured by ``SUPPORTCORE_SERVE_CONFIG``."""
    config = ServeConfig.from_json(os.environ[CONFIG_ENV])
    return create_app(Service.build(config))
