"""A bounded loopback load run of ``supportcore serve``: decisions per second and latency.

For 1 and 2 uvicorn workers, and 1, 8 and 32 concurrent clients, POST /v1/decisions with the
benchmark corpus (every installed vendor's example cases, shifted; see ``bench.py``) for a
fixed time, and report decisions per second, p50 and p99 latency; beside it, the in-process
rate of the same cases measured in the same run (``Engine.evaluate`` of the case dict and
``decision_to_json``: what the service does per request, without HTTP).

The server runs as ``supportcore serve`` on 127.0.0.1 on a free port; nothing else is
contacted. Each client is one keep-alive HTTP/1.1 connection sending a request, waiting for
the answer, sending the next, on asyncio streams with prepared request bytes: a client of a
few microseconds per request, so that on a small machine the figures are the server's and not
the client's (a general HTTP client library costs several times what a decision does).

    python benchmarks/serve_load.py            # 4 s per level
    python benchmarks/serve_load.py --quick    # 1.5 s per level

Targets (issue: one worker serves at least half the in-process rate; p99 at 32 clients under
25 ms; two workers at least 1.3 times one). Results: ``benchmarks/results/serve-load.json`` and
a table on the terminal.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import platform
import random
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

import bench

RESULTS = Path(__file__).resolve().parent / "results"
TARGETS = {
    "worker_vs_in_process": 0.5,
    "p99_ms_at_32": 25.0,  # one worker
    "p99_ms_at_32_two_workers": 25.0,
    "two_vs_one_worker": 1.3,
}
CLIENTS = (1, 8, 32)
WORKERS = (1, 2)


def in_process_rate(tables: dict[str, Any], cases: list[dict[str, Any]], seconds: float) -> float:
    from supportcore import Engine
    from supportcore.convert import decision_to_json

    engine = Engine(tables)
    done, start = 0, time.perf_counter()
    while time.perf_counter() - start < seconds:
        for case in cases:
            decision_to_json(engine.evaluate(case))
        done += len(cases)
    return done / (time.perf_counter() - start)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def start_server(
    settings: Path, workers: int, extra: list[str] | None = None
) -> tuple[subprocess.Popen[bytes], int]:
    port = free_port()
    cmd = [sys.executable, "-m", "supportcore", "serve", "--port", str(port)]
    cmd += ["--settings", str(settings), "--workers", str(workers), "--concurrency", "1024"]
    cmd += extra or []
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(proc.stderr.read().decode() if proc.stderr else "server exited")
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/readyz", timeout=1):
                return proc, port
        except OSError:
            time.sleep(0.1)
    proc.kill()
    raise RuntimeError("the server was not ready within 60 s")


def stop_server(proc: subprocess.Popen[bytes]) -> None:
    proc.terminate()
    try:
        proc.wait(30)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait(10)


def requests_of(cases: list[dict[str, Any]], port: int) -> list[bytes]:
    out = []
    for case in cases:
        body = json.dumps(case, ensure_ascii=False).encode()
        head = (
            f"POST /v1/decisions HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n"
            f"Content-Type: application/json\r\nContent-Length: {len(body)}\r\n\r\n"
        )
        out.append(head.encode() + body)
    return out


async def client(
    port: int, requests: list[bytes], until: float, warm_until: float, latencies: list[float]
) -> int:
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    errors, i = 0, random.randrange(len(requests))
    try:
        while True:
            started = time.perf_counter()
            if started >= until:
                break
            writer.write(requests[i % len(requests)])
            i += 1
            head = await reader.readuntil(b"\r\n\r\n")
            length = 0
            for line in head.split(b"\r\n"):
                if line[:15].lower() == b"content-length:":
                    length = int(line[15:])
            await reader.readexactly(length)
            if not head.startswith(b"HTTP/1.1 200"):
                errors += 1
            if started >= warm_until:
                latencies.append(time.perf_counter() - started)
    finally:
        writer.close()
    return errors


async def load(port: int, requests: list[bytes], clients: int, seconds: float) -> dict[str, Any]:
    latencies: list[float] = []
    start = time.perf_counter()
    warm_until = start + min(0.5, seconds / 4)
    until = warm_until + seconds
    errors = await asyncio.gather(
        *(client(port, requests, until, warm_until, latencies) for _ in range(clients))
    )
    latencies.sort()
    n = len(latencies)
    return {
        "clients": clients,
        "decisions": n,
        "decisions_per_second": round(n / seconds, 1),
        "p50_ms": round(latencies[n // 2] * 1000, 2) if n else None,
        "p99_ms": round(latencies[min(n - 1, int(n * 0.99))] * 1000, 2) if n else None,
        "non_200": sum(errors),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="1.5 s per level instead of 4 s")
    parser.add_argument("--seconds", type=float, default=None)
    parser.add_argument(
        "--server-args",
        default="",
        help="more options for 'supportcore serve', e.g. '--threads 1' (split on spaces)",
    )
    args = parser.parse_args()
    seconds = args.seconds or (1.5 if args.quick else 4.0)
    tables, settings_text, cases, skipped = bench.load_corpus(3, lambda _m: None)
    from supportcore import Engine

    valid, _ = bench.valid_cases(Engine(tables), cases)
    random.Random(18).shuffle(valid)
    with tempfile.TemporaryDirectory() as tmp:
        settings = Path(tmp) / "settings.toml"
        settings.write_text(settings_text, encoding="utf-8")
        rate = in_process_rate(tables, valid, seconds)
        print(f"in process: {rate:,.0f} decisions/s ({len(valid)} cases)")
        runs: list[dict[str, Any]] = []
        for workers in WORKERS:
            proc, port = start_server(settings, workers, args.server_args.split())
            try:
                requests = requests_of(valid, port)
                for clients in CLIENTS:
                    result = asyncio.run(load(port, requests, clients, seconds))
                    result["workers"] = workers
                    runs.append(result)
                    print(
                        f"workers {workers}, clients {clients:>2}: "
                        f"{result['decisions_per_second']:>8,.0f} decisions/s, "
                        f"p50 {result['p50_ms']} ms, p99 {result['p99_ms']} ms"
                        + (f", {result['non_200']} not 200" if result["non_200"] else "")
                    )
            finally:
                stop_server(proc)
    best = {w: max(r["decisions_per_second"] for r in runs if r["workers"] == w) for w in WORKERS}
    p99_32 = {
        w: next(r["p99_ms"] for r in runs if r["workers"] == w and r["clients"] == 32)
        for w in WORKERS
    }
    checks = {
        "worker_vs_in_process": round(best[1] / rate, 3),
        "p99_ms_at_32": p99_32[1],
        "p99_ms_at_32_two_workers": p99_32[2],
        "two_vs_one_worker": round(best[2] / best[1], 3),
    }
    met = {
        "worker_vs_in_process": checks["worker_vs_in_process"] >= TARGETS["worker_vs_in_process"],
        "p99_ms_at_32": p99_32[1] is not None and p99_32[1] <= TARGETS["p99_ms_at_32"],
        "p99_ms_at_32_two_workers": p99_32[2] is not None
        and p99_32[2] <= TARGETS["p99_ms_at_32_two_workers"],
        "two_vs_one_worker": checks["two_vs_one_worker"] >= TARGETS["two_vs_one_worker"],
    }
    for key, value in checks.items():
        print(f"{key}: {value} (target {TARGETS[key]}): {'met' if met[key] else 'NOT met'}")
    RESULTS.mkdir(exist_ok=True)
    out = {
        "when": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
        "machine": {"cpus": os.cpu_count(), "python": platform.python_version()},
        "load_average": os.getloadavg(),
        "seconds_per_level": seconds,
        "skipped_vendors": skipped,
        "in_process_decisions_per_second": round(rate, 1),
        "runs": runs,
        "checks": checks,
        "targets": TARGETS,
        "met": met,
    }
    path = RESULTS / "serve-load.json"
    path.write_text(json.dumps(out, indent=2) + "\n", encoding="utf-8")
    print(f"results: {path}")


if __name__ == "__main__":
    main()
