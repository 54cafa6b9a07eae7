"""Batch evaluation: many cases in (JSON Lines or CSV), one result row per case out.

* **Streaming.** The input is read a chunk at a time and only a few chunks per worker are in
  flight, so memory stays flat however long the input is.
* **Parallel, in order.** ``jobs`` worker processes (default: every core this process may use)
  each build their :class:`~supportcore.engine.Engine` once, in the pool initializer. Chunks are
  dispatched as an ordered, bounded window, so output row *n* always answers input row *n*.
  Workers parse, evaluate and serialise; the parent only reads, dispatches and writes.
* **One row per input row.** A bad row (invalid JSON, a field the converter refuses, an unknown
  vendor, a CSV record with an unclosed quote) becomes an *error row* naming the line and the
  field; a row whose plugin fails (raises, answers the wrong type, exits, hangs past
  ``row_timeout``, kills its worker) becomes an error row too; every other row goes on.
* **Atomic output.** Rows go to a temporary file next to the target, renamed over it only when
  the run completes: an interrupted run never leaves a truncated file that looks complete.
  Standard output, devices and pipes are written straight.
* **Compact, or columnar.** ``citations="ids"`` writes each citation as its vendor, clause
  and terms version, every cited clause's text once in a side file; ``.parquet`` output
  (pyarrow) has typed columns for analytics.
* **Or on a Dask cluster** (``dask=``, ``--dask``): the same rows, evaluated by the cluster's
  workers; :func:`evaluate_bag` and :func:`evaluate_dataframe` for Dask collections.
* **Stopped cleanly.** Ctrl-C, SIGTERM and SIGHUP stop the run, kill the workers and remove the
  temporary file; workers die with the parent even when it is killed outright.

The modules, by concern: ``_reading`` (the input, in chunks) and ``_columns`` (CSV columns),
``_rows`` (one row evaluated and written), ``_citations`` (compact citations), ``_parquet``,
``_workers`` (the pool), ``_dask`` (the pool on a Dask cluster), ``_bags`` (Dask
collections), ``_output`` (where rows go), ``_progress``, ``_run`` (:func:`run_batch`) and
``_command`` (``supportcore batch``).
The formats (JSON Lines and CSV, in and out) and the exit codes are documented in
``docs/batch.md``.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from ._common import (
    DEFAULT_CHUNK_SIZE,
    EXIT_INPUT,
    EXIT_INTERRUPTED,
    EXIT_IO,
    EXIT_OK,
    EXIT_PLUGIN,
    BatchError,
    BatchInterrupted,
)

if TYPE_CHECKING:
    from ._bags import clause_table, evaluate_bag, evaluate_dataframe
    from ._columns import CsvColumns
    from ._command import batch_command
    from ._rows import (
        CSV_OUTPUT_COLUMNS,
        RowOptions,
        escape_formula,
        evaluate_lines,
        evaluate_records,
    )
    from ._run import BatchSummary, clauses_path, default_jobs, run_batch

#: Where each public name lives: imported on first use, so that a command that does not run a
#: batch does not import the worker pool (multiprocessing, concurrent.futures) at start-up.
_LAZY = {
    "CSV_OUTPUT_COLUMNS": "_rows",
    "BatchSummary": "_run",
    "CsvColumns": "_columns",
    "RowOptions": "_rows",
    "batch_command": "_command",
    "clause_table": "_bags",
    "clauses_path": "_run",
    "default_jobs": "_run",
    "escape_formula": "_rows",
    "evaluate_bag": "_bags",
    "evaluate_dataframe": "_bags",
    "evaluate_lines": "_rows",
    "evaluate_records": "_rows",
    "run_batch": "_run",
}


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(f".{module}", __name__), name)
    globals()[name] = value
    return value


__all__ = [
    "CSV_OUTPUT_COLUMNS",
    "DEFAULT_CHUNK_SIZE",
    "EXIT_INPUT",
    "EXIT_INTERRUPTED",
    "EXIT_IO",
    "EXIT_OK",
    "EXIT_PLUGIN",
    "BatchError",
    "BatchInterrupted",
    "BatchSummary",
    "CsvColumns",
    "RowOptions",
    "batch_command",
    "clause_table",
    "clauses_path",
    "default_jobs",
    "escape_formula",
    "evaluate_bag",
    "evaluate_dataframe",
    "evaluate_lines",
    "evaluate_records",
    "run_batch",
]
