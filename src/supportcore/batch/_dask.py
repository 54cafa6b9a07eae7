"""Batch on a Dask cluster (``--dask ADDRESS``, ``--dask local``; the ``dask`` extra).

The parent reads the input and writes the output exactly as a local run does; only the chunks
are evaluated on the cluster's workers, in a bounded, ordered window of futures, so the output
is byte for byte a local run's. Each worker thread builds its engine once per run, from the
engine's configuration (sent to every worker once), and keeps it for the run's later chunks.

A row whose plugin ends its worker process is found as a local run finds it: when the cluster
gives up on a chunk (``KilledWorker``), its rows are evaluated again one by one; the row that
kills its worker again gets an error row (``(worker)``). A row that hangs cannot be stopped on
a Dask worker, so ``--row-timeout`` is refused with ``--dask``.
"""

from __future__ import annotations

import contextlib
import logging
import threading
import uuid
from collections import OrderedDict, deque
from collections.abc import Iterable, Iterator
from typing import Any

from ..engine import Engine
from ..limits import set_limits
from ._columns import CsvColumns
from ._common import EXIT_INPUT, EXIT_PLUGIN, PLUGIN, BatchError, Refused, describe
from ._reading import Chunk
from ._rows import ChunkResult, RowOptions, case_id_of, run_chunk
from ._workers import INFLIGHT_PER_JOB, MAX_DEATHS, EngineConfig, WorkerFailed

#: Engines kept per worker process: one per (run, thread), the oldest dropped first.
_KEPT = 8
_engines: OrderedDict[tuple[str, int], Engine] = OrderedDict()
_lock = threading.Lock()


def worker_engine(token: str, config: EngineConfig) -> Engine:
    """(On a worker.) The engine of run ``token`` for this thread, built on first use."""
    key = (token, threading.get_ident())
    with _lock:
        engine = _engines.get(key)
    if engine is not None:
        return engine
    set_limits(config.limits)
    try:
        engine = config.build()
    except KeyboardInterrupt:
        raise
    except BaseException as exc:
        raise WorkerFailed(describe(exc)) from None
    with _lock:
        _engines[key] = engine
        while len(_engines) > _KEPT:
            _engines.popitem(last=False)
    return engine


def dask_chunk(
    token: str,
    config: EngineConfig,
    columns: CsvColumns | None,
    options: RowOptions,
    chunk: Chunk,
) -> ChunkResult:
    """(On a worker.) One chunk evaluated and written, as a local worker does it."""
    return run_chunk(worker_engine(token, config), columns, options, chunk)


def _same(value: Any) -> Any:
    return value


def _dask() -> Any:
    try:
        import distributed
    except ImportError:
        raise BatchError(
            "--dask needs Dask's distributed scheduler: pip install 'supportcore[dask]'",
            EXIT_INPUT,
        ) from None
    return distributed


def connect(where: Any, jobs: int) -> tuple[Any, Any]:
    """``(client, cluster)``: ``where`` is a ``distributed.Client``, an address, or ``"local"``
    (a cluster of ``jobs`` single-threaded worker processes on 127.0.0.1, closed with the
    run; ``cluster`` is then that cluster, else ``None``)."""
    distributed = _dask()
    if isinstance(where, distributed.Client):
        return where, None
    if where == "local":
        cluster = distributed.LocalCluster(
            n_workers=jobs,
            threads_per_worker=1,
            processes=True,
            host="127.0.0.1",
            dashboard_address=None,
            silence_logs=logging.ERROR,
        )
        try:
            return distributed.Client(cluster), cluster
        except BaseException:
            cluster.close()
            raise
    try:
        return distributed.Client(str(where), timeout="30s"), None
    except OSError as exc:
        raise BatchError(f"--dask {where}: cannot reach the scheduler ({exc})") from None


class DaskPool:
    """Chunks evaluated on a Dask cluster; results in input order (:meth:`map`)."""

    def __init__(
        self,
        config: EngineConfig,
        where: Any,
        jobs: int,
        columns: CsvColumns | None,
        options: RowOptions,
    ) -> None:
        self._window: deque[tuple[Chunk, int, Any]] = deque()
        self._client, self._cluster = connect(where, jobs)
        self._owned = not isinstance(where, _dask().Client)
        self._token = uuid.uuid4().hex
        self._columns, self._options = columns, options
        self.deaths = 0
        try:
            threads = sum(self._client.nthreads().values())
            self.jobs = max(1, len(self._client.nthreads()))
            self._limit = max(2, threads * INFLIGHT_PER_JOB)
            # sent to each worker once, not with every chunk; a task, not scattered data, so
            # that the cluster can make it again when the worker holding it dies
            self._config = self._client.submit(_same, config, pure=False)
        except BaseException:
            self.close(kill=True)
            raise

    def _submit(self, chunk: Chunk) -> Any:
        return self._client.submit(
            dask_chunk,
            self._token,
            self._config,
            self._columns,
            self._options,
            chunk,
            pure=False,
        )

    def map(self, chunks: Iterable[tuple[Chunk, int]]) -> Iterator[tuple[ChunkResult, int]]:
        """Each chunk's result with its input position, in input order."""
        window = self._window
        for chunk, position in chunks:
            window.append((chunk, position, self._submit(chunk)))
            if len(window) >= self._limit:
                yield self._next()
        while window:
            yield self._next()

    def _next(self) -> tuple[ChunkResult, int]:
        chunk, position, future = self._window[0]
        killed = _dask().KilledWorker
        while True:
            try:
                result = future.result()
                break
            except killed:
                chunk = self._find_killers(chunk)
                future = self._submit(chunk)
            except WorkerFailed as exc:
                raise BatchError(
                    f"a Dask worker could not build its engine ({exc})", EXIT_PLUGIN
                ) from None
            except (KeyboardInterrupt, BatchError):
                raise
            except BaseException as exc:
                raise BatchError(f"a Dask task failed ({describe(exc)})", EXIT_PLUGIN) from None
        self._window.popleft()
        return result, position

    def _find_killers(self, chunk: Chunk) -> Chunk:
        """The cluster gave up on ``chunk`` (its workers kept dying): each row evaluated
        alone, one after the other; the rows that kill their worker again become error rows."""
        self.deaths += 1
        if self.deaths > MAX_DEATHS:
            raise BatchError(
                f"Dask workers kept dying ({MAX_DEATHS} chunks given up in this run)", EXIT_PLUGIN
            )
        replaced: Chunk = []
        killed = _dask().KilledWorker
        for line, item in chunk:  # one at a time: a worker that dies takes no other row along
            try:
                self._submit([(line, item)]).result()
            except killed:
                message = (
                    "the worker process evaluating this row died (a plugin ended the process "
                    "or crashed); the other rows went on"
                )
                item = Refused(PLUGIN, "(worker)", message, case_id_of(item, self._columns))
            except KeyboardInterrupt:
                raise
            except BaseException:  # reported when the chunk is evaluated again
                pass
            replaced.append((line, item))
        return replaced

    def close(self, kill: bool = False) -> None:
        """Release the run's futures; close the client and a cluster started for the run."""
        with contextlib.suppress(Exception):
            if kill:
                self._client.cancel([f for _, _, f in self._window], force=True)
            self._window.clear()
        if self._owned:
            with contextlib.suppress(Exception):
                self._client.close()
            if self._cluster is not None:
                with contextlib.suppress(Exception):
                    self._cluster.close()
