"""Worker processes: chunks in, serialised rows out, in input order, memory bounded.

The standard library's :class:`~concurrent.futures.ProcessPoolExecutor` runs the workers; each
builds its engine once, in the pool's initializer. The parent keeps a bounded window of chunks
in flight (``jobs × 4``) and yields their results in input order.

Each worker notes, in memory shared with the parent, its process id and the row it is
evaluating and since when. That lets the parent

* give a row that runs longer than ``row_timeout`` an error row: it kills the workers (a hook
  stuck in a loop cannot be interrupted any other way), starts new ones and sends them again
  every chunk not finished, that row excepted;
* find the row whose plugin killed its worker (``os._exit``, a crash in C code): each row that
  was being evaluated when the worker died is evaluated again alone; the one that kills its
  worker again gets an error row, and the run goes on (it stops after ``MAX_DEATHS``);
* kill every worker when the run stops early (Ctrl-C, SIGTERM, a full disk).

Workers also die with their parent, should it be killed outright (SIGKILL): on Linux by
``prctl(PR_SET_PDEATHSIG)``, elsewhere by a thread that watches the parent's process id.
"""

from __future__ import annotations

import contextlib
import ctypes
import importlib
import multiprocessing
import os
import signal
import sys
import threading
import time
from collections import deque
from collections.abc import Iterable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures import TimeoutError as FuturesTimeout
from concurrent.futures.process import BrokenProcessPool
from typing import Any

import attrs

from ..engine import Engine
from ..limits import Limits, set_limits
from ..settings import Settings
from ._columns import CsvColumns
from ._common import EXIT_PLUGIN, PLUGIN, BatchError, Refused, describe
from ._reading import Chunk
from ._rows import ChunkResult, RowOptions, case_id_of, run_chunk

#: Chunks in flight per worker (dispatched, not yet written): bounds memory.
INFLIGHT_PER_JOB = 4
#: Worker deaths after which the run stops instead of finding the row that caused each.
MAX_DEATHS = 20
_SLOT = 3  # per worker: process id, line being evaluated, time.monotonic() it started (0: idle)


@attrs.frozen
class EngineConfig:
    """Everything a worker needs to build the same engine as the parent (picklable)."""

    settings: Settings
    allow: tuple[str, ...] | None
    block: tuple[str, ...] | None
    strict: bool | None
    extra: tuple[tuple[str, object], ...]  #: plugin objects, or module names to import
    entry_points: bool
    limits: Limits = attrs.field(factory=Limits)
    lang: str | None = None  #: the language of the explanations (None: each vendor's)

    def build(self) -> Engine:
        extra = [
            (name, importlib.import_module(obj) if isinstance(obj, str) else obj)
            for name, obj in self.extra
        ]
        return Engine(
            self.settings,
            strict=self.strict,
            allow=self.allow,
            block=self.block,
            extra=extra,
            entry_points=self.entry_points,
            lang=self.lang,
        )


# --------------------------------------------------------------------------- in a worker


class WorkerFailed(Exception):
    """A worker could not build its engine (sent back to the parent with the first chunk)."""


class _State:
    engine: Engine | None = None
    error: str = ""
    slots: Any = None
    base = -1


def _watch_parent(parent: int) -> None:
    while True:
        time.sleep(1.0)
        if os.getppid() != parent:
            os._exit(1)


def _die_with_parent(parent: int | None) -> None:
    """Make this worker die with the process that started it, even if that one is killed."""
    if sys.platform.startswith("linux"):
        try:
            libc = ctypes.CDLL(None, use_errno=True)
            if libc.prctl(1, signal.SIGKILL, 0, 0, 0) == 0:  # PR_SET_PDEATHSIG
                if parent is not None and os.getppid() != parent:
                    os._exit(1)  # the parent died before the line above
                return
        except (OSError, AttributeError):  # pragma: no cover - no libc to ask
            pass
    threading.Thread(target=_watch_parent, args=(os.getppid(),), daemon=True).start()


def _init_worker(config: EngineConfig, slots: Any, counter: Any, parent: int | None) -> None:
    """Pool initializer: die with the parent, leave Ctrl-C to it, build the engine once."""
    _die_with_parent(parent)
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    for signum in (signal.SIGTERM, getattr(signal, "SIGHUP", None)):
        if signum is not None:  # the parent's handlers are inherited by a forked worker
            signal.signal(signum, signal.SIG_DFL)
    with counter.get_lock():
        index = counter.value
        counter.value += 1
    if (index + 1) * _SLOT <= len(slots):
        _State.slots, _State.base = slots, index * _SLOT
        slots[_State.base] = os.getpid()
    set_limits(config.limits)
    try:
        _State.engine = config.build()
    except KeyboardInterrupt:
        raise
    except BaseException as exc:  # reported to the parent with the first chunk, no traceback
        _State.error = describe(exc)


def _mark(line: int) -> None:
    slots, base = _State.slots, _State.base
    slots[base + 1] = line
    slots[base + 2] = time.monotonic() if line else 0.0


def _work(columns: CsvColumns | None, options: RowOptions, chunk: Chunk) -> ChunkResult:
    if _State.engine is None:
        raise WorkerFailed(_State.error or "the worker has no engine")
    mark = _mark if _State.base >= 0 else None
    return run_chunk(_State.engine, columns, options, chunk, mark)


# --------------------------------------------------------------------------- in the parent


@attrs.define
class _Task:
    chunk: Chunk
    position: int  #: the input's byte position after this chunk (for progress)
    future: Future[ChunkResult]

    def finished(self) -> bool:
        f = self.future
        return f.done() and not f.cancelled() and f.exception() is None


def _rows(window: Iterable[_Task]) -> dict[int, Any]:
    """The rows of the chunks in flight, by line."""
    return {line: item for task in window for line, item in task.chunk}


def _lines(lines: Sequence[int]) -> str:
    return ", ".join(f"{n:,}" for n in lines)


class Pool:
    """``jobs`` worker processes evaluating chunks; results in input order (:meth:`map`)."""

    def __init__(
        self,
        config: EngineConfig,
        jobs: int,
        columns: CsvColumns | None,
        options: RowOptions,
        row_timeout: float | None,
    ) -> None:
        self.jobs = jobs
        self.row_timeout = row_timeout
        self._args = (columns, options)
        self._ctx = multiprocessing.get_context()
        self._config = config
        forked = self._ctx.get_start_method() in ("fork", "spawn")
        self._parent = os.getpid() if forked else None
        self._poll = None if row_timeout is None else min(0.25, row_timeout / 4)
        self._replaced: dict[int, Refused] = {}  #: rows not to evaluate again, by line
        self.deaths = 0
        self._start()

    def _start(self) -> None:
        self._slots: Any = self._ctx.RawArray("d", self.jobs * _SLOT)
        counter = self._ctx.Value("i", 0)
        self._executor = ProcessPoolExecutor(
            max_workers=self.jobs,
            mp_context=self._ctx,
            initializer=_init_worker,
            initargs=(self._config, self._slots, counter, self._parent),
        )

    def _submit(self, chunk: Chunk) -> Future[ChunkResult]:
        return self._executor.submit(_work, *self._args, chunk)

    def _busy(self) -> list[tuple[int, float]]:
        """``(line, seconds so far)`` of each row a worker is evaluating now."""
        now, slots, busy = time.monotonic(), self._slots, []
        for base in range(0, len(slots), _SLOT):
            if slots[base + 2]:
                busy.append((int(slots[base + 1]), now - slots[base + 2]))
        return busy

    def map(self, chunks: Iterable[tuple[Chunk, int]]) -> Iterator[tuple[ChunkResult, int]]:
        """Each chunk's result with its input position, in input order."""
        window: deque[_Task] = deque()
        limit = self.jobs * INFLIGHT_PER_JOB
        for chunk, position in chunks:
            window.append(_Task(chunk, position, self._submit(chunk)))
            if len(window) >= limit:
                yield self._next(window)
        while window:
            yield self._next(window)

    def _next(self, window: deque[_Task]) -> tuple[ChunkResult, int]:
        task = window[0]
        while True:
            try:
                result = task.future.result(timeout=self._poll)
            except FuturesTimeout:
                hung = self._hung()
                if hung:
                    self._time_out(_rows(window), hung)
                    self._restart(window)
                continue
            except BrokenProcessPool:
                self._find_killer(window)
                continue
            except WorkerFailed as exc:
                raise BatchError(
                    f"a worker process could not build its engine ({exc})",
                    EXIT_PLUGIN,
                ) from None
            except KeyboardInterrupt:
                raise
            except BaseException as exc:
                raise BatchError(
                    f"a worker process failed ({describe(exc)})", EXIT_PLUGIN
                ) from None
            window.popleft()
            return result, task.position

    def _wait(self, future: Future[ChunkResult]) -> bool:
        """Whether ``future`` finished within one poll (its exception raised, if any)."""
        try:
            future.result(timeout=self._poll)
        except FuturesTimeout:
            return False
        return True

    def _hung(self) -> list[int]:
        """The rows evaluated for longer than ``row_timeout``."""
        limit = self.row_timeout
        if limit is None:
            return []
        return sorted(line for line, took in self._busy() if took > limit)

    def _refuse(self, rows: dict[int, Any], line: int, field: str, message: str) -> None:
        case_id = case_id_of(rows[line], self._args[0]) if line in rows else None
        self._replaced[line] = Refused(PLUGIN, field, message, case_id)

    def _time_out(self, rows: dict[int, Any], lines: Iterable[int]) -> None:
        message = (
            f"no decision within {self.row_timeout:g} s (--row-timeout); "
            f"the worker evaluating it was stopped and replaced"
        )
        for line in lines:
            self._refuse(rows, line, "(timeout)", message)

    def _restart(self, window: deque[_Task]) -> None:
        """New workers; every chunk not finished sent again, replaced rows replaced."""
        self.close(kill=True)
        self._start()
        for task in window:
            if not task.finished():
                task.chunk = self._replace(task.chunk)
                task.future = self._submit(task.chunk)

    def _replace(self, chunk: Chunk) -> Chunk:
        replaced = self._replaced
        return [(line, replaced.get(line, item)) for line, item in chunk]

    def _find_killer(self, window: deque[_Task]) -> None:
        """A worker died: evaluate again, each alone, the rows being evaluated then; the one
        that kills its worker again gets an error row."""
        suspects = [line for line, _ in self._busy()]
        self.deaths += 1
        if not suspects or self.deaths > MAX_DEATHS:
            why = f"while evaluating line {_lines(suspects)}" if suspects else "unexpectedly"
            if self.deaths > MAX_DEATHS:
                why += f" ({MAX_DEATHS} worker processes died in this run)"
            raise BatchError(f"a worker process died {why}", EXIT_PLUGIN)
        rows = _rows(window)
        self.close(kill=True)
        self._start()
        for line in suspects:
            if line not in rows or line in self._replaced:
                continue
            alone = self._submit([(line, rows[line])])
            try:
                while not self._wait(alone):
                    if self._hung():
                        self._time_out(rows, [line])
                        self.close(kill=True)
                        self._start()
                        break
            except BrokenProcessPool:
                self.deaths += 1
                message = (
                    "the worker process evaluating this row died (a plugin ended the process "
                    "or crashed); the other rows went on"
                )
                self._refuse(rows, line, "(worker)", message)
                self.close(kill=True)
                self._start()
            except KeyboardInterrupt:
                raise
            except BaseException:  # reported when its chunk's result is read again
                pass
        self._restart(window)

    def close(self, kill: bool = False) -> None:
        """Stop the workers: wait for them, or (``kill``) kill them first."""
        if kill:
            for base in range(0, len(self._slots), _SLOT):
                pid = int(self._slots[base])
                if pid:
                    with contextlib.suppress(OSError):
                        os.kill(pid, signal.SIGKILL)
        self._executor.shutdown(wait=True, cancel_futures=True)
