"""A whole run: input to output through the workers, with its summary, stopped cleanly."""

from __future__ import annotations

import itertools
import os
import signal
import threading
import time
from collections.abc import Callable, Iterable, Iterator, Mapping
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path
from types import FrameType, ModuleType
from typing import Any

import attrs

from ..engine import Engine, PluginError
from ..limits import current as current_limits
from ..plugins import PluginLoadError
from ..settings import Settings, SettingsError, load_settings
from ._common import (
    DEFAULT_CHUNK_SIZE,
    EXIT_INPUT,
    EXIT_IO,
    EXIT_OK,
    EXIT_PLUGIN,
    FORMATS,
    BatchError,
    BatchInterrupted,
    Format,
    describe,
    parse_at,
)
from ._output import open_output
from ._progress import Progress, stderr_is_terminal
from ._reading import Source
from ._rows import ChunkResult, csv_header, run_chunk
from ._workers import EngineConfig, Pool


@attrs.frozen
class BatchSummary:
    """What a batch run did. ``exit_code`` is what ``supportcore batch`` exits with."""

    output: Path
    rows: int
    ok: int
    input_errors: int
    plugin_errors: int
    jobs: int  #: worker processes used (1: evaluated in this process, unless row_timeout)
    seconds: float
    warnings: tuple[str, ...] = ()

    @property
    def exit_code(self) -> int:
        """0 every row ok, 2 some row had bad input, 3 some row's plugin failed."""
        if self.plugin_errors:
            return EXIT_PLUGIN
        if self.input_errors:
            return EXIT_INPUT
        return EXIT_OK

    @property
    def rows_per_second(self) -> float:
        return self.rows / self.seconds if self.seconds > 0 else 0.0


def default_jobs() -> int:
    """Every core this process may run on (CPU affinity respected where the OS tells)."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except (AttributeError, OSError):  # pragma: no cover - not Linux
        return max(1, os.cpu_count() or 1)


def _format(path: Path, given: str | None, what: str) -> Format:
    if given is not None:
        if given == "csv":
            return "csv"
        if given == "jsonl":
            return "jsonl"
        raise BatchError(f"--{what}-format: {given!r} is not one of {', '.join(FORMATS)}")
    return "csv" if path.suffix.lower() == ".csv" else "jsonl"


def _settings(settings: Settings | Mapping[str, Any] | str | Path | None) -> Settings:
    try:
        if settings is None:
            return Settings()
        if isinstance(settings, Settings):
            return settings
        if isinstance(settings, str | Path):
            return load_settings(settings)
        return Settings.from_mapping(settings)
    except SettingsError as exc:
        raise BatchError("\n".join(exc.problems)) from None


def _extra_spec(extra: Iterable[tuple[str, object]]) -> tuple[tuple[str, object], ...]:
    # Modules cannot be pickled to a worker: workers import them by name instead.
    return tuple(
        (name, obj.__name__ if isinstance(obj, ModuleType) else obj) for name, obj in extra
    )


def _build(config: EngineConfig) -> Engine:
    """The parent's engine: settings and plugins checked before any row is read."""
    try:
        return config.build()
    except SettingsError as exc:
        raise BatchError("\n".join(exc.problems)) from None
    except (PluginLoadError, PluginError) as exc:
        raise BatchError(str(exc), EXIT_PLUGIN) from None
    except KeyboardInterrupt:
        raise
    except BaseException as exc:  # a plugin's hook exiting while the engine is built
        raise BatchError(f"cannot build the engine: {describe(exc)}", EXIT_PLUGIN) from None


@contextmanager
def _stopping_signals() -> Iterator[None]:
    """While the run lasts, SIGINT, SIGTERM and SIGHUP stop it cleanly: the first raises
    :class:`KeyboardInterrupt` (a :class:`BatchInterrupted` for the last two) in this thread,
    later ones are ignored while it cleans up. Only in the main thread, and only for signals
    whose handling is still Python's default (an application's own handler is left alone)."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    owner = os.getpid()
    caught: list[int] = []

    def handler(signum: int, frame: FrameType | None) -> None:
        if os.getpid() != owner:  # a forked worker before its initializer ran: die as asked
            signal.signal(signum, signal.SIG_DFL)
            os.kill(os.getpid(), signum)
            return
        if caught:
            return
        caught.append(signum)
        if signum == signal.SIGINT:
            raise KeyboardInterrupt
        raise BatchInterrupted(signum)

    defaults = {signal.SIGINT: signal.default_int_handler, signal.SIGTERM: signal.SIG_DFL}
    if hasattr(signal, "SIGHUP"):
        defaults[signal.SIGHUP] = signal.SIG_DFL
    previous = {}
    for signum, default in defaults.items():
        if signal.getsignal(signum) is default:
            previous[signum] = signal.signal(signum, handler)
    try:
        yield
    finally:
        for signum, old in previous.items():
            signal.signal(signum, old)


def run_batch(
    input_path: str | Path,
    output_path: str | Path,
    *,
    settings: Settings | Mapping[str, Any] | str | Path | None = None,
    jobs: int | None = None,
    at: datetime | str | None = None,
    allow: Iterable[str] | None = None,
    block: Iterable[str] | None = None,
    strict: bool | None = None,
    extra: Iterable[tuple[str, object]] = (),
    entry_points: bool = True,
    input_format: str | None = None,
    output_format: str | None = None,
    chunk_size: int = DEFAULT_CHUNK_SIZE,
    progress: bool | None = False,
    on_warning: Callable[[str], None] | None = None,
    row_timeout: float | None = None,
    escape_formulas: bool = True,
) -> BatchSummary:
    """Evaluate every case of ``input_path`` into ``output_path``, one row per case, in order.

    :param output_path: a file (replaced atomically when the run completes), ``-`` for
        standard output, or a device, pipe or descriptor (written straight); not the input.
    :param settings: a settings file path, a :class:`Settings` or a mapping of tables.
    :param jobs: worker processes (default: every core; 1 evaluates in this process). An input
        that fits in one chunk is evaluated in this process whatever ``jobs`` says.
    :param at: evaluate every case at this instant instead of its own ``at``.
    :param allow: / :param block: / :param strict: / :param extra: / :param entry_points: as
        for :class:`Engine`; ``extra`` plugins given as modules are imported by name in workers.
    :param input_format: / :param output_format: ``"jsonl"`` or ``"csv"`` (default: by suffix,
        ``.csv`` is CSV and anything else JSON Lines). ``input_path`` ``-`` reads stdin.
    :param progress: show a progress bar on stderr (``None``: only if stderr is a terminal).
    :param on_warning: called with each engine warning.
    :param row_timeout: seconds a row may take; a row still undecided then gets an error row
        and its worker is replaced (rows are then always evaluated in worker processes).
    :param escape_formulas: in CSV output, a ``'`` before a cell a spreadsheet would run as a
        formula (``=…``, ``+…``, ``-…``, ``@…``); turn off for programs that read the file.
    :raises BatchError: the run could not start or finish; a file output is then untouched.
    :raises KeyboardInterrupt: Ctrl-C, or (:class:`BatchInterrupted`) SIGTERM or SIGHUP.
    """
    started = time.perf_counter()
    src_path, out_path = Path(input_path), Path(output_path)
    in_fmt = _format(src_path, input_format, "input")
    out_fmt = _format(out_path, output_format, "output")
    if chunk_size < 1:
        raise BatchError(f"chunk size must be at least 1, got {chunk_size}")
    if jobs is not None and jobs < 1:
        raise BatchError(f"jobs must be at least 1, got {jobs}")
    if row_timeout is not None and not row_timeout > 0:
        raise BatchError(f"--row-timeout: must be more than 0 seconds, got {row_timeout}")
    instant = parse_at(at)
    config = EngineConfig(
        settings=_settings(settings),
        allow=None if allow is None else tuple(allow),
        block=None if block is None else tuple(block),
        strict=strict,
        extra=_extra_spec(extra),
        entry_points=entry_points,
        limits=current_limits(),
    )
    engine = _build(config)
    for w in engine.warnings:
        if on_warning is not None:
            on_warning(w)
    n_jobs = default_jobs() if jobs is None else jobs

    with _stopping_signals():
        source = Source(src_path, in_fmt, chunk_size)
        try:
            output = open_output(out_path, source.stat)
        except BaseException:
            source.close()
            raise
        show = stderr_is_terminal() if progress is None else progress
        bar = Progress(show, source.total, f"{src_path.name} → {Path(output.name).name}")
        counts = [0, 0, 0]
        pool: Pool | None = None
        try:
            chunks = source.chunks()
            first = list(itertools.islice(chunks, 2))
            todo = itertools.chain(first, chunks)
            if len(first) < 2:  # one chunk: starting workers would cost more than it saves
                n_jobs = 1
            results: Iterable[tuple[ChunkResult, int]]
            if n_jobs == 1 and row_timeout is None:
                results = (
                    (run_chunk(engine, instant, source.columns, out_fmt, escape_formulas, c), p)
                    for c, p in todo
                )
            else:
                args = (instant, source.columns, out_fmt, escape_formulas, row_timeout)
                pool = Pool(config, n_jobs, *args)
                results = pool.map(todo)
            if out_fmt == "csv":
                output.write(csv_header())
            for (data, ok, bad, failed), decided in results:
                output.write(data)
                counts[0] += ok
                counts[1] += bad
                counts[2] += failed
                bar.update(decided, sum(counts), counts[1] + counts[2])
            bar.update(source.position, sum(counts), counts[1] + counts[2], final=True)
            if pool is not None:
                pool.close()
                pool = None
            output.commit()
        except KeyboardInterrupt as exc:
            output.abort()
            signum = exc.signum if isinstance(exc, BatchInterrupted) else signal.SIGINT
            raise BatchInterrupted(signum, output.not_written()) from None
        except BatchError as exc:
            output.abort()
            if exc.exit_code == EXIT_IO:  # the output's own error says what became of it
                raise
            raise BatchError(f"{exc}; {output.not_written()}", exc.exit_code) from None
        except BaseException:
            output.abort()
            raise
        finally:
            if pool is not None:
                pool.close(kill=True)
            bar.stop()
            source.close()
    return BatchSummary(
        output=out_path,
        rows=sum(counts),
        ok=counts[0],
        input_errors=counts[1],
        plugin_errors=counts[2],
        jobs=n_jobs,
        seconds=time.perf_counter() - started,
        warnings=tuple(engine.warnings),
    )
