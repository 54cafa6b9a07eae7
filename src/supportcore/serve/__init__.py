"""``supportcore serve``: the decision service over HTTP (the ``supportcore[serve]`` extra).

Starlette and uvicorn: the case and decision model stays the attrs/cattrs one (the same
converter reads a request's case as a case file, the same writers write its decision), with
no second model layer to keep in step. The modules, by concern: ``config`` (options, the
engine, tokens, examples), ``guard`` (tokens, body size, concurrency), ``routes`` (the
endpoints), ``problems`` (RFC 9457 errors), ``decisionlog``, ``openapi``, ``app`` (the ASGI
application) and ``command`` (the CLI). ``docs/serve.md`` documents the service.
"""

from __future__ import annotations

__all__ = ["ServeConfig", "Service", "StartupError", "create_app"]

from .config import ServeConfig, Service, StartupError


def __getattr__(name: str) -> object:
    if name == "create_app":  # Starlette is imported only when an application is built
        from .app import create_app

        return create_app
    raise AttributeError(name)
