"""Fixtures of the service's tests: applications around the ACME test vendor or the installed
vendors (in process, through Starlette's TestClient), and real uvicorn servers on 127.0.0.1."""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("starlette")
pytest.importorskip("uvicorn")
pytest.importorskip("httpx")

import acme_support
import httpx
from acme_support import ACME_BASE, ACME_SETTINGS
from starlette.testclient import TestClient

from supportcore import Engine, hookimpl
from supportcore.serve import ServeConfig, Service, create_app

REPO = Path(__file__).resolve().parents[2]
SETTINGS = tuple(str(p) for p in sorted(REPO.glob("examples/*/settings.toml")))
EXAMPLES = str(REPO / "examples")
WAIT_S = 30.0


class Trouble:
    """An overlay that misbehaves when a case's facts ask it to: ``sleep`` seconds in the
    eligibility hook, or ``explode`` in the pricing hook."""

    SUPPORTCORE_HOOK_API = 2

    @hookimpl
    def supportcore_eligibility(self, ctx: Any, service: Any) -> None:
        seconds = ctx.case.request.facts.get("sleep")
        if seconds:
            time.sleep(float(seconds))

    @hookimpl
    def supportcore_pricing(self, ctx: Any, eligibility: Any, coverage: Any) -> None:
        if ctx.case.request.facts.get("explode"):
            raise ZeroDivisionError("the tariff table divided by zero")


def acme_case(**request: Any) -> dict[str, Any]:
    """ACME's sample case as a client sends it, with ``request`` fields changed."""
    data = json.loads(json.dumps(ACME_BASE))
    data["request"].update(request)
    return data


def acme_engine(*, strict: bool = False) -> Engine:
    return Engine(
        ACME_SETTINGS,
        entry_points=False,
        extra=[("acme", acme_support), ("trouble", Trouble())],
        strict=strict,
    )


@pytest.fixture
def make_client() -> Iterator[Callable[..., TestClient]]:
    """``make_client(engine=None, **options)``: a TestClient of an app around ``engine`` (ACME
    and the troublesome overlay by default) with ``ServeConfig(**options)``."""
    clients: list[TestClient] = []

    def make(engine: Engine | None = None, tokens: tuple[bytes, ...] = (), **options: Any):
        service = Service(ServeConfig(**options), engine or acme_engine(), tokens)
        client = TestClient(create_app(service))
        client.__enter__()
        clients.append(client)
        return client

    yield make
    for client in clients:
        client.__exit__(None, None, None)


@pytest.fixture
def client(make_client: Callable[..., TestClient]) -> TestClient:
    return make_client()


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def wait_ready(url: str, proc: subprocess.Popen[bytes] | None = None) -> None:
    deadline = time.monotonic() + WAIT_S
    while time.monotonic() < deadline:
        if proc is not None and proc.poll() is not None:
            raise RuntimeError(f"the server exited with {proc.returncode}")
        try:
            if httpx.get(f"{url}/readyz", timeout=1).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.1)
    raise RuntimeError(f"{url} was not ready within {WAIT_S} s")


class Server:
    """``supportcore serve`` in a subprocess on a free loopback port."""

    def __init__(self, *args: str, tmp: Path) -> None:
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.log = tmp / f"serve-{self.port}.log"
        cmd = [sys.executable, "-m", "supportcore", "serve", "--port", str(self.port), *args]
        self.out = self.log.open("wb")
        self.proc = subprocess.Popen(cmd, stdout=self.out, stderr=subprocess.STDOUT, cwd=REPO)

    def start(self) -> Server:
        try:
            wait_ready(self.url, self.proc)
        except RuntimeError:
            self.stop()
            raise RuntimeError(self.log.read_text(errors="replace")) from None
        return self

    def stop(self, timeout: float = 15.0) -> int:
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(timeout)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(5)
        self.out.close()
        return self.proc.returncode


@pytest.fixture(scope="session")
def live(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    """The installed vendors with their example settings and examples, served by uvicorn."""
    tmp = tmp_path_factory.mktemp("live")
    args = [a for s in SETTINGS for a in ("--settings", s)]
    log = tmp / "decisions.jsonl"
    server = Server(*args, "--examples", EXAMPLES, "--decision-log", str(log), tmp=tmp).start()
    server.decision_log = log  # type: ignore[attr-defined]
    yield server
    server.stop()


@pytest.fixture(scope="session")
def acme_live() -> Iterator[str]:
    """ACME served by uvicorn in a thread of this process (what schemathesis exercises)."""
    import uvicorn

    port = free_port()
    service = Service(ServeConfig(port=port, timeout=5.0), acme_engine())
    config = uvicorn.Config(create_app(service), host="127.0.0.1", port=port, log_level="error")
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    url = f"http://127.0.0.1:{port}"
    wait_ready(url)
    yield url
    server.should_exit = True
    thread.join(WAIT_S)


def environment_without_proxies() -> dict[str, str]:
    return {k: v for k, v in os.environ.items() if "proxy" not in k.lower()}
