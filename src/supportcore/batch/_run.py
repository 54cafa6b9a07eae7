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
from ..i18n import check_language
from ..limits import current as current_limits
from ..plugins import PluginLoadError
from ..settings import Settings, SettingsError, load_settings
from ._citations import CITATIONS, ClauseKey, clauses_jsonl, merge
from ._common import (
    DEFAULT_CHUNK_SIZE,
    EXIT_INPUT,
    EXIT_IO,
    EXIT_OK,
    EXIT_PLUGIN,
    FORMATS,
    OUTPUT_FORMATS,
    BatchError,
    BatchInterrupted,
    Format,
    OutputFormat,
    describe,
    parse_at,
)
from ._output import open_output
from ._progress import Progress, stderr_is_terminal
from ._reading import Source
from ._rows import ChunkResult, RowOptions, csv_header, run_chunk
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
    #: with ``citations="ids"``, the side file holding each cited clause's text
    clauses: Path | None = None

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


def _format(path: Path, given: str | None) -> Format:
    if given is not None:
        if given == "csv":
            return "csv"
        if given == "jsonl":
            return "jsonl"
        raise BatchError(f"--input-format: {given!r} is not one of {', '.join(FORMATS)}")
    return "csv" if path.suffix.lower() == ".csv" else "jsonl"


def _output_format(path: Path, given: str | None) -> OutputFormat:
    fmt = given if given is not None else path.suffix.lower().lstrip(".")
    for known in OUTPUT_FORMATS:
        if fmt == known:
            return known
    if given is not None:
        raise BatchError(f"--output-format: {given!r} is not one of {', '.join(OUTPUT_FORMATS)}")
    return "jsonl"


def clauses_path(output: str | Path) -> Path:
    """Where ``--citations ids`` writes the cited clauses for ``output`` by default:
    ``decisions.jsonl`` → ``decisions.jsonl.clauses.jsonl``."""
    out = Path(output)
    return out.with_name(out.name + ".clauses.jsonl")


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


def _language(lang: str | None) -> str | None:
    """The ``--lang`` option checked (``None``: each vendor's terms language)."""
    if lang is None:
        return None
    try:
        return check_language(lang)
    except ValueError as exc:
        raise BatchError(f"--lang: {exc}") from None


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
    citations: str = "full",
    clauses: str | Path | None = None,
    dask: Any = None,
    lang: str | None = None,
) -> BatchSummary:
    """Evaluate every case of ``input_path`` into ``output_path``, one row per case, in order.

    :param output_path: a file (replaced atomically when the run completes), ``-`` for
        standard output, or a device, pipe or descriptor (written straight); not the input.
    :param settings: a settings file path, a :class:`Settings` or a mapping of tables.
    :param jobs: worker processes (default: every core; 1 evaluates in this process). An input
        that fits in one chunk is evaluated in this process whatever ``jobs`` says. With
        ``dask="local"``, the local cluster's workers.
    :param at: evaluate every case at this instant instead of its own ``at``.
    :param allow: / :param block: / :param strict: / :param extra: / :param entry_points: as
        for :class:`Engine`; ``extra`` plugins given as modules are imported by name in workers.
    :param input_format: ``"jsonl"`` or ``"csv"``; :param output_format: ``"jsonl"``,
        ``"csv"`` or ``"parquet"`` (default: by suffix, ``.csv`` is CSV, ``.parquet`` Parquet,
        anything else JSON Lines). ``input_path`` ``-`` reads stdin.
    :param progress: show a progress bar on stderr (``None``: only if stderr is a terminal).
    :param on_warning: called with each engine warning.
    :param row_timeout: seconds a row may take; a row still undecided then gets an error row
        and its worker is replaced (rows are then always evaluated in worker processes).
    :param escape_formulas: in CSV output, a ``'`` before a cell a spreadsheet would run as a
        formula (``=…``, ``+…``, ``-…``, ``@…``); turn off for programs that read the file.
    :param citations: ``"full"`` (each citation with its clause's text) or ``"ids"`` (vendor,
        clause and terms version; each cited clause's text written once to ``clauses``).
    :param clauses: with ``citations="ids"``, the side file of clause texts (default:
        :func:`clauses_path` of the output; required when the output is not a file).
    :param dask: evaluate on a Dask cluster: a scheduler address (``tcp://host:8786``),
        ``"local"`` (a cluster of ``jobs`` worker processes on this machine), or a
        ``distributed.Client``. The rows are the same as a local run's.
    :param lang: the language of the explanations, ``"es"``, ``"nl"`` or ``"en"`` (default:
        each vendor's terms language).
    :raises BatchError: the run could not start or finish; a file output is then untouched.
    :raises KeyboardInterrupt: Ctrl-C, or (:class:`BatchInterrupted`) SIGTERM or SIGHUP.
    """
    started = time.perf_counter()
    src_path, out_path = Path(input_path), Path(output_path)
    in_fmt = _format(src_path, input_format)
    out_fmt = _output_format(out_path, output_format)
    if chunk_size < 1:
        raise BatchError(f"chunk size must be at least 1, got {chunk_size}")
    if jobs is not None and jobs < 1:
        raise BatchError(f"jobs must be at least 1, got {jobs}")
    if row_timeout is not None and not row_timeout > 0:
        raise BatchError(f"--row-timeout: must be more than 0 seconds, got {row_timeout}")
    if citations not in CITATIONS:
        raise BatchError(f"--citations: {citations!r} is not one of {', '.join(CITATIONS)}")
    if dask is not None and row_timeout is not None:
        raise BatchError(
            "--row-timeout cannot be used with --dask: a Dask worker cannot stop a row "
            "that hangs (the cluster's own timeouts apply)"
        )
    lang = _language(lang)
    side = _clauses_target(citations, clauses, out_path)
    options = RowOptions(
        at=parse_at(at),
        output=out_fmt,
        escape_formulas=escape_formulas,
        citations="ids" if citations == "ids" else "full",
    )
    if out_fmt == "parquet":
        from ._parquet import schema

        schema()  # pyarrow is installed, or the run stops here
    config = EngineConfig(
        settings=_settings(settings),
        allow=None if allow is None else tuple(allow),
        block=None if block is None else tuple(block),
        strict=strict,
        extra=_extra_spec(extra),
        entry_points=entry_points,
        limits=current_limits(),
        lang=lang,
    )
    engine = _build(config)
    for w in engine.warnings:
        if on_warning is not None:
            on_warning(w)
    n_jobs = default_jobs() if jobs is None else jobs

    with _stopping_signals():
        source = Source(src_path, in_fmt, chunk_size)
        outputs: list[Any] = []
        try:
            output = open_output(out_path, source.stat)
            outputs.append(output)
            if side is not None:
                outputs.append(open_output(side, source.stat))
            sink: Any = output
            if out_fmt == "parquet":
                from ._parquet import ParquetSink

                sink = outputs[0] = ParquetSink(output)
        except BaseException:
            for o in outputs:
                o.abort()
            source.close()
            raise
        show = stderr_is_terminal() if progress is None else progress
        bar = Progress(show, source.total, f"{src_path.name} → {Path(output.name).name}")
        counts = [0, 0, 0]
        cited: dict[ClauseKey, str] = {}
        pool: Any = None
        try:
            chunks = source.chunks()
            first = list(itertools.islice(chunks, 2))
            todo = itertools.chain(first, chunks)
            if len(first) < 2 and dask is None:  # one chunk: workers would cost more than it saves
                n_jobs = 1
            results: Iterable[tuple[ChunkResult, int]]
            if dask is not None:
                from ._dask import DaskPool

                pool = DaskPool(config, dask, n_jobs, source.columns, options)
                n_jobs = pool.jobs
                results = pool.map(todo)
            elif n_jobs == 1 and row_timeout is None:
                results = ((run_chunk(engine, source.columns, options, c), p) for c, p in todo)
            else:
                pool = Pool(config, n_jobs, source.columns, options, row_timeout)
                results = pool.map(todo)
            if out_fmt == "csv":
                output.write(csv_header())
            for result, decided in results:
                sink.write(result.data)
                counts[0] += result.ok
                counts[1] += result.bad
                counts[2] += result.failed
                if result.clauses:
                    merge(cited, result.clauses)
                bar.update(decided, sum(counts), counts[1] + counts[2])
            bar.update(source.position, sum(counts), counts[1] + counts[2], final=True)
            if pool is not None:
                pool.close()
                pool = None
            if side is not None:  # the clauses first: a complete output has its clauses
                outputs[1].write(clauses_jsonl(cited))
                outputs[1].commit()
            sink.commit()
        except KeyboardInterrupt as exc:
            for o in outputs:
                o.abort()
            signum = exc.signum if isinstance(exc, BatchInterrupted) else signal.SIGINT
            raise BatchInterrupted(signum, sink.not_written()) from None
        except BatchError as exc:
            for o in outputs:
                o.abort()
            if exc.exit_code == EXIT_IO:  # the output's own error says what became of it
                raise
            raise BatchError(f"{exc}; {sink.not_written()}", exc.exit_code) from None
        except BaseException:
            for o in outputs:
                o.abort()
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
        clauses=side,
    )


def _clauses_target(citations: str, clauses: str | Path | None, output: Path) -> Path | None:
    if citations != "ids":
        if clauses is not None:
            raise BatchError("--clauses: only with --citations ids")
        return None
    if clauses is not None:
        side = Path(clauses)
    elif str(output) == "-" or _resolve_file(output) is None:
        raise BatchError(
            "--citations ids: the output is not a file, so name the file for the clauses' "
            "texts with --clauses FILE"
        )
    else:
        side = clauses_path(output)
    if str(side) == str(output) or (
        str(side) != "-" and side.exists() and output.exists() and side.samefile(output)
    ):
        raise BatchError("--clauses: it must not be the output file")
    return side


def _resolve_file(path: Path) -> Path | None:
    """``path`` when it names a file that a run replaces (not a device, pipe or descriptor)."""
    import stat as _stat

    from ._output import _resolve

    target = _resolve(path)
    if target is None:
        return None
    try:
        mode = os.stat(path).st_mode
    except OSError:
        return target
    return target if _stat.S_ISREG(mode) else None
