"""What ``supportcore serve`` is started with, and what it builds from it once: the engine,
the tokens, the example cases.

A :class:`ServeConfig` is plain data (it crosses into each worker process as JSON); a
:class:`Service` is what one process serves with. Every problem found while building it (a
settings file, a plugin in strict mode, a token file, an example folder) is a
:class:`StartupError` carrying the CLI's exit code and messages, raised before anything listens.
"""

from __future__ import annotations

import ipaddress
import json
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import attrs

from ..convert import InputError, read_document
from ..engine import Engine
from ..plugins import PluginLoadError, load_plugins
from ..settings import Settings, SettingsError, load_settings

__all__ = ["ServeConfig", "Service", "StartupError", "is_loopback", "load_tokens"]

#: The environment variable that carries a :class:`ServeConfig` to each worker process.
CONFIG_ENV = "SUPPORTCORE_SERVE_CONFIG"

MIB = 1024 * 1024


class StartupError(Exception):
    """The service cannot start: ``messages`` say why, ``exit_code`` is the CLI's (2 bad
    options or settings, 3 a plugin)."""

    def __init__(self, messages: list[str], exit_code: int = 2) -> None:
        self.messages = messages
        self.exit_code = exit_code
        super().__init__("\n".join(messages))


@attrs.frozen
class ServeConfig:
    """The options of ``supportcore serve`` (``docs/serve.md`` describes each)."""

    host: str = "127.0.0.1"
    port: int = 8080
    settings: tuple[str, ...] = ()
    workers: int = 1
    token_file: str | None = None
    max_body: int = MIB  #: bytes of one request body (one case; one line of a batch)
    max_batch_body: int = 64 * MIB  #: bytes of one batch request
    timeout: float = 10.0  #: seconds one decision (one batch row) may take
    concurrency: int = 64  #: requests handled at once by one worker; more get 503
    threads: int = 4  #: threads evaluating decisions in one worker
    cors_origins: tuple[str, ...] = ()
    decision_log: str | None = None
    log_input: bool = False
    examples: tuple[str, ...] = ()
    allow: tuple[str, ...] | None = None
    block: tuple[str, ...] | None = None
    strict: bool | None = None
    graceful_timeout: float = 30.0  #: seconds in-flight requests get to finish at shutdown

    def to_json(self) -> str:
        return json.dumps(attrs.asdict(self))

    @classmethod
    def from_json(cls, text: str) -> ServeConfig:
        data = json.loads(text)
        for key in ("settings", "cors_origins", "examples", "allow", "block"):
            if data.get(key) is not None:
                data[key] = tuple(data[key])
        return cls(**data)


def is_loopback(host: str) -> bool:
    """Whether ``host`` only listens on this machine (127.0.0.0/8, ::1, localhost)."""
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def load_tokens(path: str) -> tuple[bytes, ...]:
    """The bearer tokens of a token file: one per line; blank lines and ``#`` comments skipped."""
    try:
        text = Path(path).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise StartupError([f"--token-file: cannot read {path}: {exc}"]) from None
    tokens = tuple(
        t.encode("utf-8")
        for t in (line.strip() for line in text.splitlines())
        if t and not t.startswith("#")
    )
    short = [t for t in tokens if len(t) < 16]
    if not tokens:
        raise StartupError([f"--token-file: {path} holds no token (one per line)"])
    if short:
        raise StartupError([f"--token-file: {path}: a token shorter than 16 characters"])
    return tokens


def _settings(paths: tuple[str, ...]) -> Settings:
    """One settings file, or several merged (each table in one file only)."""
    if not paths:
        return Settings()
    loaded = [load_settings(p) for p in paths]
    if len(loaded) == 1:
        return loaded[0]
    tables: dict[str, Mapping[str, Any]] = {}
    problems: list[str] = []
    for s in loaded:
        for name, table in s.tables.items():
            if name in tables:
                problems.append(f"{s.source}: [{name}] is given in another settings file too")
            tables[name] = table
    if problems:
        raise SettingsError(problems)
    return Settings(tables, ", ".join(s.source for s in loaded))


def _as_json(value: Any) -> Any:
    """A parsed case file as the JSON a client would send (dates and times as text)."""
    from ..provenance import canonical_json

    return json.loads(canonical_json(value))


def load_examples(folders: tuple[str, ...], vendors: Mapping[str, Any]) -> dict[str, Any]:
    """Example cases per vendor, by name: each folder holds case files (``[0-9]*.toml`` or
    ``.json``) or folders of them (``examples/``). A case names its vendor."""
    found: dict[str, dict[str, Any]] = {}
    problems: list[str] = []
    for folder in map(Path, folders):
        if not folder.is_dir():
            problems.append(f"--examples: {folder} is not a folder")
            continue
        dirs = [folder, *sorted(p for p in folder.iterdir() if p.is_dir())]
        for d in dirs:
            for path in sorted([*d.glob("[0-9]*.toml"), *d.glob("[0-9]*.json")]):
                try:
                    data = read_document(path)
                except InputError as exc:
                    problems.extend(exc.messages())
                    continue
                vendor = data.get("vendor")
                if isinstance(vendor, str) and vendor in vendors:
                    found.setdefault(vendor, {})[path.stem] = _as_json(data)
    if problems:
        raise StartupError(problems)
    return found


@attrs.define
class Service:
    """What one process serves with: built once, shared by every request."""

    config: ServeConfig
    engine: Engine
    tokens: tuple[bytes, ...] = ()
    examples: dict[str, dict[str, Any]] = attrs.field(factory=dict)

    @classmethod
    def build(cls, config: ServeConfig) -> Service:
        """Load the plugins, the settings, the tokens and the examples, or :class:`StartupError`."""
        if not is_loopback(config.host) and not config.token_file:
            raise StartupError(
                [
                    f"--host {config.host}: listening beyond this machine needs --token-file "
                    "(bearer tokens clients must send)"
                ]
            )
        tokens = load_tokens(config.token_file) if config.token_file else ()
        try:
            plugins = load_plugins(allow=config.allow, block=config.block, strict=config.strict)
        except PluginLoadError as exc:
            raise StartupError([str(exc)], 3) from None
        try:
            engine = Engine(_settings(config.settings), plugins=plugins, strict=config.strict)
        except SettingsError as exc:
            raise StartupError(list(exc.problems)) from None
        examples = load_examples(config.examples, engine.plugins.vendors)
        return cls(config, engine, tokens, examples)
