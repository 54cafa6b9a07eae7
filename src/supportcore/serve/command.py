"""``supportcore serve``: check everything, then listen (uvicorn)."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import click

from ..terminal import labelled, printable

__all__ = ["serve_command"]


def _say(label: str, style: str, message: object) -> None:
    from rich.console import Console

    Console(stderr=True, highlight=False, soft_wrap=True).print(labelled(label, style, message))


def _names(value: str | None) -> tuple[str, ...] | None:
    names = tuple(x.strip() for x in (value or "").split(",") if x.strip())
    return names or None


@click.command("serve")
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", default=8080, show_default=True, type=click.IntRange(0, 65535))
@click.option(
    "--settings",
    "settings",
    multiple=True,
    type=click.Path(path_type=Path),
    help="Settings file (repeatable: the tables of several files, each table in one file).",
)
@click.option("--workers", default=1, show_default=True, type=click.IntRange(1, 64))
@click.option(
    "--token-file",
    type=click.Path(path_type=Path),
    default=None,
    help="Bearer tokens clients must send, one per line (needed to listen beyond loopback).",
)
@click.option("--max-body", default=1024 * 1024, show_default=True, type=click.IntRange(1))
@click.option(
    "--max-batch-body", default=64 * 1024 * 1024, show_default=True, type=click.IntRange(1)
)
@click.option(
    "--timeout",
    default=10.0,
    show_default=True,
    type=click.FloatRange(0.001),
    help="Seconds one decision (one batch row) may take.",
)
@click.option(
    "--concurrency",
    default=64,
    show_default=True,
    type=click.IntRange(1),
    help="Requests one worker handles at once; more are answered 503.",
)
@click.option("--threads", default=4, show_default=True, type=click.IntRange(1, 256))
@click.option(
    "--cors-origin", "cors", multiple=True, help="An origin allowed by CORS (repeatable)."
)
@click.option(
    "--decision-log",
    default=None,
    help="Append one JSON line per decision to this file ('-': standard output).",
)
@click.option("--log-input", is_flag=True, help="Write each case into the decision log too.")
@click.option(
    "--examples",
    multiple=True,
    type=click.Path(path_type=Path),
    help="A folder of example cases, or of vendor folders of them (repeatable), for the page.",
)
@click.option("--plugins", "allow", default=None, help="Allow-list of plugin names.")
@click.option("--block", default=None, help="Block-list of plugin names.")
@click.option("--strict/--no-strict", default=None, help="Make plugin failures fatal.")
def serve_command(
    host: str,
    port: int,
    settings: tuple[Path, ...],
    workers: int,
    token_file: Path | None,
    max_body: int,
    max_batch_body: int,
    timeout: float,
    concurrency: int,
    threads: int,
    cors: tuple[str, ...],
    decision_log: str | None,
    log_input: bool,
    examples: tuple[Path, ...],
    allow: str | None,
    block: str | None,
    strict: bool | None,
) -> None:
    """Serve decisions over HTTP: POST /v1/decisions, a page to try a case at /, OpenAPI at
    /openapi.json and /docs (docs/serve.md)."""
    try:
        import starlette  # noqa: F401
        import uvicorn
    except ImportError:
        _say(
            "error:",
            "bold red",
            "supportcore serve needs its extra: pip install 'supportcore[serve]'",
        )
        sys.exit(2)
    from .config import CONFIG_ENV, ServeConfig, Service, StartupError

    config = ServeConfig(
        host=host,
        port=port,
        settings=tuple(map(str, settings)),
        workers=workers,
        token_file=None if token_file is None else str(token_file),
        max_body=max_body,
        max_batch_body=max_batch_body,
        timeout=timeout,
        concurrency=concurrency,
        threads=threads,
        cors_origins=cors,
        decision_log=decision_log,
        log_input=log_input,
        examples=tuple(map(str, examples)),
        allow=_names(allow) if allow is not None else None,
        block=_names(block),
        strict=strict,
    )
    try:
        service = Service.build(config)
    except StartupError as exc:
        for message in exc.messages:
            _say("error:", "bold red", message)
        sys.exit(exc.exit_code)
    for warning in service.engine.warnings:
        _say("warning:", "yellow", warning)
    for record in service.engine.plugins.failed():
        _say("warning:", "yellow", f"plugin {record.name} not loaded: {record.error}")
    shown = f"[{host}]" if ":" in host else host
    vendors = ", ".join(sorted(service.engine.plugins.vendors)) or "none"
    click.echo(
        printable(f"supportcore serve: http://{shown}:{port}/ (vendors: {vendors})"), err=True
    )
    options = {
        "host": host,
        "port": port,
        "timeout_graceful_shutdown": int(config.graceful_timeout),
        "log_level": "warning",
        "server_header": False,
    }
    if workers == 1:
        from .app import create_app

        uvicorn.run(create_app(service), **options)  # type: ignore[arg-type]
    else:
        os.environ[CONFIG_ENV] = config.to_json()
        uvicorn.run(
            "supportcore.serve.app:from_environment",
            factory=True,
            workers=workers,
            **options,  # type: ignore[arg-type]
        )
