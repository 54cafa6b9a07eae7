"""What every request passes before a route sees it: the bearer token, the body size, the
number of requests in flight.

* **Tokens.** With ``--token-file``, every ``/v1/`` request needs ``Authorization: Bearer
  TOKEN``; the token is compared with each configured one in constant time
  (:func:`hmac.compare_digest`, every token compared whatever matched). ``/healthz``,
  ``/readyz``, the page, the docs and ``/openapi.json`` hold no data and stay open.
* **Body size.** A body larger than ``--max-body`` (a declared ``Content-Length`` or the bytes
  actually sent) is 413, read no further. The batch endpoint has its own limits (per line, and
  ``--max-batch-body`` for the whole request).
* **Concurrency.** At most ``--concurrency`` requests are handled at once by one worker; one
  more is 503 ``busy`` with ``Retry-After: 1``, at once, instead of queueing without bound.
"""

from __future__ import annotations

import hmac
from typing import Any

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from .problems import problem_response

__all__ = ["Guard", "TooLarge"]

BATCH_PATH = "/v1/decisions/batch"


class TooLarge(Exception):
    """The body grew past the limit while a route read it (answered 413 by the guard)."""


def token_ok(header: str, tokens: tuple[bytes, ...]) -> bool:
    """Whether an ``Authorization`` header holds one of ``tokens`` (constant time)."""
    scheme, _, given = header.partition(" ")
    if scheme.lower() != "bearer":
        return False
    candidate = given.strip().encode("utf-8", "surrogateescape")
    found = False
    for token in tokens:
        found |= hmac.compare_digest(candidate, token)
    return found


class Guard:
    """ASGI middleware: tokens, body size, concurrency (see the module's docstring)."""

    def __init__(
        self, app: ASGIApp, *, tokens: tuple[bytes, ...], max_body: int, concurrency: int
    ) -> None:
        self.app = app
        self.tokens = tokens
        self.max_body = max_body
        self.concurrency = concurrency
        self.in_flight = 0

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        path: str = scope["path"]
        headers = {k.decode("latin-1").lower(): v.decode("latin-1") for k, v in scope["headers"]}
        if (
            self.tokens
            and path.startswith("/v1/")
            and not token_ok(headers.get("authorization", ""), self.tokens)
        ):
            response = problem_response(
                "unauthorized",
                "send the header 'Authorization: Bearer TOKEN' with a token of the service",
                headers={"WWW-Authenticate": 'Bearer realm="supportcore"'},
            )
            await response(scope, receive, send)
            return
        if self.in_flight >= self.concurrency:
            response = problem_response(
                "busy",
                f"{self.concurrency} requests are being handled; try again in a moment",
                headers={"Retry-After": "1"},
            )
            await response(scope, receive, send)
            return
        self.in_flight += 1
        try:
            if path == BATCH_PATH:
                await self.app(scope, receive, send)
            else:
                await self._limited(scope, receive, send, headers)
        finally:
            self.in_flight -= 1

    async def _limited(
        self, scope: Scope, receive: Receive, send: Send, headers: dict[str, Any]
    ) -> None:
        limit = self.max_body
        declared = headers.get("content-length", "")
        if declared.isdigit() and int(declared) > limit:
            await self._too_large(scope, receive, send)
            return
        seen = 0
        started = False

        async def counting_receive() -> Message:
            nonlocal seen
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > limit:
                    raise TooLarge
            return message

        async def watching_send(message: Message) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
            await send(message)

        try:
            await self.app(scope, counting_receive, watching_send)
        except TooLarge:
            if not started:
                await self._too_large(scope, receive, send)

    async def _too_large(self, scope: Scope, receive: Receive, send: Send) -> None:
        response = problem_response(
            "too-large", f"the body is larger than {self.max_body:,} bytes (--max-body)"
        )
        await response(scope, receive, send)
