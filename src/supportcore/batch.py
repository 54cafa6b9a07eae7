"""Batch evaluation: many cases in (JSON Lines or CSV), one result row per case out.

* **Streaming.** The input is read a chunk at a time and only a few chunks per worker are in
  flight, so memory stays flat however long the input is.
* **Parallel, in order.** ``jobs`` worker processes (default: every core this process may use)
  each build their :class:`~supportcore.engine.Engine` once, in the pool initializer. Chunks are
  dispatched as an ordered, bounded imap, so output row *n* always answers input row *n*.
  Workers parse, evaluate and serialise; the parent only reads, dispatches and writes.
* **One row per input row.** A bad row (invalid JSON, a field the converter refuses, an unknown
  vendor) becomes an *error row* naming the line and the field; a row whose plugin fails becomes
  an error row too; every other row goes on.
* **Atomic output.** Rows go to a temporary file next to the target, renamed over it only when
  the run completes: an interrupted run never leaves a truncated file that looks complete.

The formats (JSON Lines and CSV, in and out) and the exit codes are documented in
``docs/batch.md``.
"""

from __future__ import annotations

import csv
import importlib
import io
import itertools
import json
import os
import re
import signal
import sys
import tempfile
import time
import typing
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from datetime import datetime
from decimal import Decimal
from functools import cache
from pathlib import Path
from types import ModuleType
from typing import IO, Any, Literal, NamedTuple

import attrs
import click

from .convert import InputError, decision_to_dict, decision_to_json, parse_datetime
from .decision import Decision, Problem
from .engine import Engine, PluginError
from .model import Case
from .plugins import PluginLoadError
from .settings import Settings, SettingsError, load_settings

__all__ = [
    "DEFAULT_CHUNK_SIZE",
    "EXIT_INPUT",
    "EXIT_OK",
    "EXIT_PLUGIN",
    "BatchError",
    "BatchSummary",
    "CsvColumns",
    "batch_command",
    "default_jobs",
    "evaluate_lines",
    "evaluate_records",
    "run_batch",
]

EXIT_OK = 0
EXIT_INPUT = 2
EXIT_PLUGIN = 3

#: Rows per task sent to a worker: big enough to amortise the inter-process cost (a few hundred
#: microseconds per task), small enough to keep every worker busy and memory flat.
DEFAULT_CHUNK_SIZE = 500
#: Chunks in flight per worker (dispatched, not yet written): bounds memory.
_INFLIGHT_PER_JOB = 4

Format = Literal["jsonl", "csv"]
FORMATS: tuple[Format, ...] = ("jsonl", "csv")

# Row kinds; also the indices of the per-chunk counters.
_OK, _INPUT, _PLUGIN = 0, 1, 2
_KIND_NAMES = {_INPUT: "input", _PLUGIN: "plugin"}


class BatchError(Exception):
    """The run cannot start or cannot finish (not a per-row problem): bad options, unreadable
    input, an unwritable output, invalid settings, a worker process that died.

    ``exit_code`` is the CLI's: 2 bad input or options, 3 a plugin (or worker) failure.
    """

    def __init__(self, message: str, exit_code: int = EXIT_INPUT) -> None:
        super().__init__(message)
        self.exit_code = exit_code


@attrs.frozen
class BatchSummary:
    """What a batch run did. ``exit_code`` is what ``supportcore batch`` exits with."""

    output: Path
    rows: int
    ok: int
    input_errors: int
    plugin_errors: int
    jobs: int  #: worker processes used (1: evaluated in this process)
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


# --------------------------------------------------------------------------- one row

_ENCODER = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"), default=str)
_encode = _ENCODER.encode
_NOT_AN_OBJECT = Problem("(case)", "a case must be a JSON object", "error")


class _Outcome(NamedTuple):
    """What became of one input row, before it is written in the output format."""

    kind: int  #: _OK, _INPUT or _PLUGIN
    line: int
    errors: list[dict[str, str]] | None = None
    decision: Decision | None = None
    case_id: str | None = None  #: for error rows, the input's ``id`` if it had one


def _problems(problems: Iterable[Problem]) -> list[dict[str, str]]:
    return [{"field": p.field, "message": p.message} for p in problems]


def _case_id(data: object) -> str | None:
    if isinstance(data, Mapping):
        case_id = data.get("id")
        if isinstance(case_id, str) and case_id:
            return case_id
    return None


def _evaluate(engine: Engine, line: int, data: object, at: datetime | None) -> _Outcome:
    """Evaluate one parsed case; never raises for a problem of the row or of its plugin."""
    try:
        if not isinstance(data, Mapping):
            raise InputError([_NOT_AN_OBJECT])
        decision = engine.evaluate(data, at=at)
    except InputError as exc:
        return _Outcome(_INPUT, line, _problems(exc.problems), None, _case_id(data))
    except PluginError as exc:  # strict mode: the hook's exception, no decision
        where, _, message = str(exc).partition(": ")
        errors = [{"field": where, "message": message}]
        return _Outcome(_PLUGIN, line, errors, None, _case_id(data))
    except Exception as exc:  # a bug under the engine: reported like a plugin failure
        errors = [{"field": "(engine)", "message": f"{type(exc).__name__}: {exc}"}]
        return _Outcome(_PLUGIN, line, errors, None, _case_id(data))
    if decision.failures:
        errors = [{"field": f"{f.plugin}.{f.hook}", "message": f.error} for f in decision.failures]
        return _Outcome(_PLUGIN, line, errors, decision, _case_id(data))
    return _Outcome(_OK, line, None, decision)


def _error_head(out: _Outcome) -> dict[str, Any]:
    row: dict[str, Any] = {"line": out.line, "ok": False, "error": _KIND_NAMES[out.kind]}
    if out.case_id is not None:
        row["case_id"] = out.case_id
    row["errors"] = out.errors
    return row


def _row_dict(out: _Outcome) -> dict[str, Any]:
    """The JSON-ready result row (docs/batch.md)."""
    if out.kind == _OK:
        assert out.decision is not None
        return {"line": out.line, "ok": True, "decision": decision_to_dict(out.decision)}
    row = _error_head(out)
    if out.decision is not None:
        row["decision"] = decision_to_dict(out.decision)
    return row


def _row_json(out: _Outcome) -> str:
    """``_row_dict(out)`` as compact JSON, the decision written without building its dict."""
    if out.kind == _OK:
        assert out.decision is not None
        return f'{{"line":{out.line},"ok":true,"decision":{decision_to_json(out.decision)}}}'
    head = _encode(_error_head(out))
    if out.decision is None:
        return head
    return f'{head[:-1]},"decision":{decision_to_json(out.decision)}}}'


def _parse_json(text: str | bytes) -> object:
    """A JSON value with exact decimals, or :class:`InputError` saying where the JSON breaks."""
    try:
        return json.loads(text, parse_float=Decimal)
    except json.JSONDecodeError as exc:
        msg = f"not valid JSON: {exc.msg} at column {exc.colno}"
    except UnicodeDecodeError as exc:
        msg = f"not valid UTF-8 text: {exc.reason} at byte {exc.start + 1}"
    except RecursionError:
        msg = "not valid JSON: nested too deeply"
    raise InputError([Problem("(line)", msg, "error")])


def _jsonl_outcome(engine: Engine, line: int, text: str | bytes, at: datetime | None) -> _Outcome:
    try:
        data = _parse_json(text)
    except InputError as exc:
        return _Outcome(_INPUT, line, _problems(exc.problems))
    return _evaluate(engine, line, data, at)


def _is_blank(text: str | bytes) -> bool:
    return not text.strip()


def evaluate_lines(
    lines: Iterable[str | bytes],
    engine: Engine,
    *,
    at: datetime | str | None = None,
    first_line: int = 1,
) -> Iterator[dict[str, Any]]:
    """Evaluate JSON Lines in this process, yielding one JSON-ready result row per case.

    Rows are ``{"line": n, "ok": true, "decision": {...}}`` or error rows
    ``{"line": n, "ok": false, "error": "input"|"plugin", "errors": [{"field", "message"}]}``
    (see ``docs/batch.md``). Blank lines are skipped but counted, so ``line`` is always the
    line number in the input (the first line being ``first_line``).
    """
    instant = _parse_at(at)
    for line, text in enumerate(lines, first_line):
        if _is_blank(text):
            continue
        yield _row_dict(_jsonl_outcome(engine, line, text, instant))


def evaluate_records(
    records: Iterable[Sequence[str]],
    engine: Engine,
    *,
    at: datetime | str | None = None,
) -> Iterator[dict[str, Any]]:
    """Evaluate CSV records (the header first, then rows of cells) in this process.

    The column mapping is :class:`CsvColumns`'s; ``line`` in each row is the record's number
    counting the header as 1 (for files whose cells hold no line breaks, the line number).
    """
    it = iter(records)
    header = next(it, None)
    if header is None:
        return
    try:
        columns = CsvColumns(header)
    except ValueError as exc:
        raise BatchError(str(exc)) from None
    instant = _parse_at(at)
    for line, cells in enumerate(it, 2):
        if not any(c.strip() for c in cells):
            continue
        yield _row_dict(_csv_outcome(engine, columns, line, cells, instant))


# --------------------------------------------------------------------------- CSV columns

_PART = re.compile(r"([^.\[\]]+)|\[(\d+)\]")
_TRUE = frozenset({"true", "yes", "1"})
_FALSE = frozenset({"false", "no", "0"})


def _parts(path: str) -> tuple[str | int, ...]:
    if not re.fullmatch(r"[^.\[\]]+(\.[^.\[\]]+|\[\d+\])*", path):
        raise ValueError(f"column {path!r}: not a field path such as request.category")
    return tuple(m[1] if m[1] else int(m[2]) for m in _PART.finditer(path))


@cache
def _hints(cls: type) -> dict[str, Any]:
    hints = typing.get_type_hints(cls)
    return {f.name: hints[f.name] for f in attrs.fields(cls) if f.init}


def _strip_optional(tp: Any) -> Any:
    args = typing.get_args(tp)
    if args and type(None) in args:
        rest = [a for a in args if a is not type(None)]
        if len(rest) == 1:
            return rest[0]
    return tp


def _kind_of(path: str, parts: tuple[str | int, ...]) -> str:
    """How a cell of the column ``path`` is read: ``str``, ``int``, ``bool`` or ``json``."""
    tp: Any = Case
    done = ""
    for part in parts:
        tp = _strip_optional(tp)
        origin = typing.get_origin(tp)
        if isinstance(part, int):
            if origin is not tuple:
                raise ValueError(f"column {path!r}: {done} is not a list")
            tp = typing.get_args(tp)[0]
            done = f"{done}[{part}]"
            continue
        if attrs.has(tp):
            fields = _hints(tp)
            if part not in fields:
                where = done or "a case"
                raise ValueError(
                    f"column {path!r}: {where} has no field {part!r} (fields: {', '.join(fields)})"
                )
            tp = fields[part]
        elif origin in (Mapping, dict):
            tp = typing.get_args(tp)[1]
        else:
            raise ValueError(f"column {path!r}: {done} has no fields")
        done = f"{done}.{part}" if done else part
    tp = _strip_optional(tp)
    if tp is bool:
        return "bool"
    if tp is int:
        return "int"
    if attrs.has(tp) or typing.get_origin(tp) in (tuple, Mapping, dict):
        return "json"
    return "str"


def _cell_value(kind: str, cell: str) -> Any:
    text = cell.strip()
    if kind == "str":
        return cell
    if kind == "int":
        try:
            return int(text)
        except ValueError:
            raise ValueError(f"expected an integer, got {cell!r}") from None
    if kind == "bool":
        low = text.lower()
        if low in _TRUE:
            return True
        if low in _FALSE:
            return False
        raise ValueError(f"expected true or false, got {cell!r}")
    try:
        return json.loads(text, parse_float=Decimal)
    except ValueError as exc:
        raise ValueError(f"not valid JSON ({exc})") from None


def _set(data: dict[str, Any], parts: tuple[str | int, ...], value: Any) -> None:
    node: Any = data
    for part, nxt in itertools.pairwise(parts):
        empty: Any = [] if isinstance(nxt, int) else {}
        if isinstance(part, int):
            if not isinstance(node, list):
                raise ValueError("the case column holds something else here")
            while len(node) <= part:
                node.append({})
            if node[part] is None:
                node[part] = empty
            node = node[part]
        else:
            if not isinstance(node, dict):
                raise ValueError("the case column holds something else here")
            if node.get(part) is None:
                node[part] = empty
            node = node[part]
    last = parts[-1]
    if isinstance(last, int):
        if not isinstance(node, list):
            raise ValueError("the case column holds something else here")
        while len(node) <= last:
            node.append({})
        node[last] = value
    elif isinstance(node, dict):
        node[last] = value
    else:
        raise ValueError("the case column holds something else here")


def _header(cells: Iterable[str]) -> tuple[str, ...]:
    return tuple(cells)


@attrs.frozen
class CsvColumns:
    """The CSV column mapping (``docs/batch.md``), built once from the header.

    * a column named ``case`` holds a whole case as a JSON object;
    * every other column is a field path into the case, as in case files: ``vendor``, ``at``,
      ``request.category``, ``licences[0].product``, ``request.facts.colour``; cells are read by
      the field's type: text as it is (dates, date-times and decimal amounts are text in case
      files too), integers and booleans (``true``/``false``, ``yes``/``no``, ``1``/``0``) from
      their text, lists, tables and objects as JSON (``["phone", "email"]``);
    * an empty cell leaves the field out; column values are set over the ``case`` object.

    :raises ValueError: a column is not a field of a case (a typo in the header).
    """

    header: tuple[str, ...] = attrs.field(converter=_header)
    case_index: int | None = attrs.field(init=False)
    fields: tuple[tuple[int, str, tuple[str | int, ...], str], ...] = attrs.field(init=False)

    def __attrs_post_init__(self) -> None:
        case_index = None
        fields = []
        seen: set[str] = set()
        for i, raw in enumerate(self.header):
            name = raw.strip()
            if i == 0:
                name = name.lstrip("\ufeff")
            if not name:
                raise ValueError(f"column {i + 1} has no name in the header")
            if name in seen:
                raise ValueError(f"column {name!r} appears twice in the header")
            seen.add(name)
            if name == "case":
                case_index = i
                continue
            parts = _parts(name)
            fields.append((i, name, parts, _kind_of(name, parts)))
        object.__setattr__(self, "case_index", case_index)
        object.__setattr__(self, "fields", tuple(fields))

    def case_dict(self, cells: Sequence[str]) -> dict[str, Any]:
        """The case dict of one record; :class:`InputError` names every bad cell's field."""
        problems: list[Problem] = []
        if len(cells) > len(self.header):
            problems.append(
                Problem(
                    "(row)",
                    f"has {len(cells)} cells but the header has {len(self.header)} columns",
                    "error",
                )
            )
        data: dict[str, Any] = {}
        if self.case_index is not None and self.case_index < len(cells):
            cell = cells[self.case_index]
            if cell.strip():
                try:
                    obj = _parse_json(cell)
                except InputError as exc:
                    problems.extend(attrs.evolve(p, field="case") for p in exc.problems)
                    obj = {}
                if isinstance(obj, dict):
                    data = obj
                else:
                    problems.append(Problem("case", "must hold a JSON object", "error"))
        n = len(cells)
        for index, name, parts, kind in self.fields:
            if index >= n:
                continue
            cell = cells[index]
            if not cell.strip():
                continue
            try:
                _set(data, parts, _cell_value(kind, cell))
            except ValueError as exc:
                problems.append(Problem(name, str(exc), "error"))
        if problems:
            raise InputError(problems)
        return data


def _csv_outcome(
    engine: Engine, columns: CsvColumns, line: int, cells: Sequence[str], at: datetime | None
) -> _Outcome:
    try:
        data = columns.case_dict(cells)
    except InputError as exc:
        return _Outcome(_INPUT, line, _problems(exc.problems))
    return _evaluate(engine, line, data, at)


# --------------------------------------------------------------------------- output rows

#: Columns of a CSV output: a summary of the decision, then the whole decision as JSON.
CSV_OUTPUT_COLUMNS = (
    "line",
    "ok",
    "error",
    "case_id",
    "vendor",
    "terms_version",
    "eligibility",
    "coverage",
    "price_status",
    "price_total",
    "currency",
    "closure",
    "closes_at",
    "closed_at",
    "open_now",
    "errors",
    "decision",
)


def _row_csv(out: _Outcome) -> list[str]:
    errors = "; ".join(f"{e['field']}: {e['message']}" for e in out.errors or ())
    error = _KIND_NAMES.get(out.kind, "")
    ok = "true" if out.kind == _OK else "false"
    if out.decision is None:
        return [str(out.line), ok, error, out.case_id or "", *[""] * 11, errors, ""]
    dec = out.decision
    total = dec.price.total
    open_now = dec.service.open_now
    closes_at = dec.closure.closes_at
    closed_at = dec.closure.closed_at
    return [
        str(out.line),
        ok,
        error,
        dec.case_id,
        dec.vendor,
        dec.terms_version,
        dec.eligibility.status,
        dec.coverage.status,
        dec.price.status,
        "" if total is None else str(total.amount),
        dec.price.currency,
        dec.closure.status,
        "" if closes_at is None else closes_at.isoformat(),
        "" if closed_at is None else closed_at.isoformat(),
        "" if open_now is None else ("true" if open_now else "false"),
        errors,
        decision_to_json(dec),
    ]


def _csv_header() -> bytes:
    buf = io.StringIO()
    csv.writer(buf).writerow(CSV_OUTPUT_COLUMNS)
    return buf.getvalue().encode("utf-8")


# --------------------------------------------------------------------------- chunks

Chunk = list[tuple[int, Any]]  #: (line number, raw line bytes or CSV cells)
ChunkResult = tuple[bytes, int, int, int]  #: (serialised rows, ok, bad input, plugin failed)


def _run_chunk(
    engine: Engine,
    at: datetime | None,
    columns: CsvColumns | None,
    out_fmt: Format,
    chunk: Chunk,
) -> ChunkResult:
    """Evaluate and serialise one chunk (each row written as soon as it is evaluated)."""
    counts = [0, 0, 0]
    texts: list[str] = []
    cells: list[list[str]] = []
    for line, item in chunk:
        if columns is None:
            out = _jsonl_outcome(engine, line, item, at)
        else:
            out = _csv_outcome(engine, columns, line, item, at)
        counts[out.kind] += 1
        if out_fmt == "jsonl":
            texts.append(_row_json(out))
        else:
            cells.append(_row_csv(out))
    if out_fmt == "jsonl":
        data = ("\n".join(texts) + "\n") if texts else ""
    else:
        buf = io.StringIO()
        csv.writer(buf).writerows(cells)
        data = buf.getvalue()
    return data.encode("utf-8"), counts[0], counts[1], counts[2]


class _Source:
    """Reads the input as chunks of (line, item), skipping blank lines; knows its position."""

    def __init__(self, path: Path, fmt: Format, chunk_size: int) -> None:
        self.path = path
        self.chunk_size = chunk_size
        self.columns: CsvColumns | None = None
        self.total: int | None = None
        self._read = 0
        stdin = str(path) == "-"
        try:
            if stdin:
                self._bin: IO[bytes] = sys.stdin.buffer
            else:
                self._bin = open(path, "rb")  # noqa: SIM115 - closed in close()
                self.total = os.fstat(self._bin.fileno()).st_size or None
        except OSError as exc:
            raise BatchError(f"{path}: cannot read input ({exc.strerror})") from None
        self._owned = not stdin
        self._text: io.TextIOWrapper | None = None
        self._csv: Any = None
        if fmt == "csv":
            self._text = io.TextIOWrapper(self._bin, encoding="utf-8-sig", newline="")
            self._csv = csv.reader(self._text)
            try:
                header = next(self._csv, None)
            except (csv.Error, UnicodeDecodeError) as exc:
                self.close()
                raise BatchError(f"{path}: cannot read the CSV header ({exc})") from None
            if header is None:
                self.close()
                raise BatchError(f"{path}: the CSV file is empty (it needs a header row)")
            try:
                self.columns = CsvColumns(header)
            except ValueError as exc:
                self.close()
                raise BatchError(f"{path}: {exc}") from None

    @property
    def position(self) -> int:
        if self._text is not None:
            try:
                return self._bin.tell()
            except (OSError, ValueError):
                return 0
        return self._read

    def _jsonl(self) -> Iterator[Chunk]:
        size = self.chunk_size
        chunk: Chunk = []
        line = 0
        for raw in self._bin:
            line += 1
            self._read += len(raw)
            if raw.isspace():
                continue
            chunk.append((line, raw))
            if len(chunk) >= size:
                yield chunk
                chunk = []
        if chunk:
            yield chunk

    def _records(self) -> Iterator[Chunk]:
        size = self.chunk_size
        chunk: Chunk = []
        reader = self._csv
        start = reader.line_num + 1
        while True:
            try:
                cells = next(reader, None)
            except (csv.Error, UnicodeDecodeError) as exc:
                # A broken record (e.g. an unclosed quote) ends the readable part of the file.
                raise BatchError(
                    f"{self.path}: line {start}: cannot read CSV ({exc}); nothing was written"
                ) from None
            if cells is None:
                break
            line, start = start, reader.line_num + 1
            if not any(c.strip() for c in cells):
                continue
            chunk.append((line, cells))
            if len(chunk) >= size:
                yield chunk
                chunk = []
        if chunk:
            yield chunk

    def chunks(self) -> Iterator[Chunk]:
        return self._records() if self.columns is not None else self._jsonl()

    def close(self) -> None:
        if self._text is not None and not self._owned:
            self._text.detach()  # leave stdin open
        if self._owned:
            self._bin.close()


# --------------------------------------------------------------------------- workers


@attrs.frozen
class _EngineConfig:
    """Everything a worker needs to build the same engine as the parent (picklable)."""

    settings: Settings
    allow: tuple[str, ...] | None
    block: tuple[str, ...] | None
    strict: bool | None
    extra: tuple[tuple[str, object], ...]  #: plugin objects, or module names to import
    entry_points: bool

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
        )


_worker: tuple[Engine, datetime | None] | None = None


def _init_worker(config: _EngineConfig, at: datetime | None) -> None:
    """Pool initializer: build this worker's engine once. Ctrl-C is the parent's to handle."""
    global _worker
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    _worker = (config.build(), at)


def _work(columns: CsvColumns | None, out_fmt: Format, chunk: Chunk) -> ChunkResult:
    assert _worker is not None, "worker used without its initializer"
    engine, at = _worker
    return _run_chunk(engine, at, columns, out_fmt, chunk)


def _in_process(
    engine: Engine,
    at: datetime | None,
    columns: CsvColumns | None,
    out_fmt: Format,
    chunks: Iterable[Chunk],
) -> Iterator[ChunkResult]:
    for chunk in chunks:
        yield _run_chunk(engine, at, columns, out_fmt, chunk)


def _in_pool(
    config: _EngineConfig,
    jobs: int,
    at: datetime | None,
    columns: CsvColumns | None,
    out_fmt: Format,
    chunks: Iterable[Chunk],
) -> Iterator[ChunkResult]:
    """An ordered imap over a bounded window of chunks: results come back in input order and
    at most ``jobs × 4`` chunks are in flight, however fast the input is read. (Pool.imap would
    read the whole input ahead, and hangs if a worker dies; this reports a dead worker.)"""
    pool = ProcessPoolExecutor(max_workers=jobs, initializer=_init_worker, initargs=(config, at))
    window: deque[Future[ChunkResult]] = deque()
    limit = jobs * _INFLIGHT_PER_JOB
    try:
        for chunk in chunks:
            window.append(pool.submit(_work, columns, out_fmt, chunk))
            if len(window) >= limit:
                yield window.popleft().result()
        while window:
            yield window.popleft().result()
    except BrokenProcessPool as exc:
        raise BatchError(
            f"a worker process died or could not build its engine ({exc}); nothing was written",
            EXIT_PLUGIN,
        ) from None
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


# --------------------------------------------------------------------------- output file


class _AtomicOutput:
    """A temporary file in the target's directory, renamed over the target on :meth:`commit`."""

    def __init__(self, target: Path) -> None:
        self.target = target
        directory = target.parent
        if not directory.is_dir():
            raise BatchError(f"{target}: cannot write output (no directory {directory})")
        if target.is_dir():
            raise BatchError(f"{target}: cannot write output (it is a directory)")
        try:
            fd, name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".part", dir=directory)
        except OSError as exc:
            raise BatchError(f"{target}: cannot write output ({exc.strerror})") from None
        self.tmp = Path(name)
        if hasattr(os, "fchmod"):  # mkstemp makes it 0600; give it a normal file's mode
            try:
                mode = target.stat().st_mode & 0o777
            except OSError:
                umask = os.umask(0)
                os.umask(umask)
                mode = 0o666 & ~umask
            os.fchmod(fd, mode)
        self.file = os.fdopen(fd, "wb", buffering=1 << 20)

    def write(self, data: bytes) -> None:
        self.file.write(data)

    def commit(self) -> None:
        self.file.flush()
        os.fsync(self.file.fileno())
        self.file.close()
        os.replace(self.tmp, self.target)
        if hasattr(os, "O_DIRECTORY"):
            try:
                dfd = os.open(self.target.parent, os.O_RDONLY | os.O_DIRECTORY)
            except OSError:  # pragma: no cover
                return
            try:
                os.fsync(dfd)
            except OSError:  # pragma: no cover
                pass
            finally:
                os.close(dfd)

    def abort(self) -> None:
        if not self.file.closed:
            self.file.close()
        self.tmp.unlink(missing_ok=True)


# --------------------------------------------------------------------------- progress


class _Progress:
    """A rich progress bar on stderr, refreshed at most ten times a second (no thread)."""

    def __init__(self, enabled: bool, total: int | None, label: str) -> None:
        self.bar: Any = None
        if not enabled:
            return
        from rich.console import Console
        from rich.progress import (
            BarColumn,
            DownloadColumn,
            Progress,
            SpinnerColumn,
            TextColumn,
            TimeElapsedColumn,
            TimeRemainingColumn,
        )

        columns: list[Any] = [SpinnerColumn(), TextColumn("{task.description}")]
        if total:
            columns += [BarColumn(), DownloadColumn(), TimeRemainingColumn()]
        columns += [
            TextColumn("{task.fields[rows]:,} rows, {task.fields[bad]:,} errors"),
            TimeElapsedColumn(),
        ]
        self.bar = Progress(
            *columns, console=Console(stderr=True), auto_refresh=False, transient=False
        )
        self.task = self.bar.add_task(label, total=total, rows=0, bad=0)
        self.bar.start()
        self._last = 0.0

    def update(self, position: int, rows: int, bad: int, final: bool = False) -> None:
        if self.bar is None:
            return
        now = time.monotonic()
        if final or now - self._last >= 0.1:
            self._last = now
            self.bar.update(self.task, completed=position, rows=rows, bad=bad)
            self.bar.refresh()

    def stop(self) -> None:
        if self.bar is not None:
            self.bar.stop()


def _stderr_is_terminal() -> bool:
    from rich.console import Console

    return Console(stderr=True).is_terminal


# --------------------------------------------------------------------------- the run


def _format(path: Path, given: str | None, what: str) -> Format:
    if given is not None:
        if given == "csv":
            return "csv"
        if given == "jsonl":
            return "jsonl"
        raise BatchError(f"--{what}-format: {given!r} is not one of {', '.join(FORMATS)}")
    return "csv" if path.suffix.lower() == ".csv" else "jsonl"


def _parse_at(at: datetime | str | None) -> datetime | None:
    if at is None:
        return None
    try:
        return parse_datetime(at)
    except ValueError as exc:
        raise BatchError(f"--at: {exc}") from None


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
) -> BatchSummary:
    """Evaluate every case of ``input_path`` into ``output_path``, one row per case, in order.

    :param settings: a settings file path, a :class:`Settings` or a mapping of tables.
    :param jobs: worker processes (default: every core; 1 evaluates in this process). An input
        that fits in one chunk is evaluated in this process whatever ``jobs`` says.
    :param at: evaluate every case at this instant instead of its own ``at``.
    :param allow: / :param block: / :param strict: / :param extra: / :param entry_points: as
        for :class:`Engine`; ``extra`` plugins given as modules are imported by name in workers.
    :param input_format: / :param output_format: ``"jsonl"`` or ``"csv"`` (default: by suffix,
        ``.csv`` is CSV and anything else JSON Lines). ``input_path`` ``-`` reads stdin.
    :param progress: show a progress bar on stderr (``None``: only if stderr is a terminal).
    :param on_warning: called with each engine warning (e.g. an unused settings table).
    :raises BatchError: the run could not start or finish; the output file is then untouched.
    """
    started = time.perf_counter()
    src_path, out_path = Path(input_path), Path(output_path)
    in_fmt = _format(src_path, input_format, "input")
    out_fmt = _format(out_path, output_format, "output")
    if chunk_size < 1:
        raise BatchError(f"chunk size must be at least 1, got {chunk_size}")
    if jobs is not None and jobs < 1:
        raise BatchError(f"jobs must be at least 1, got {jobs}")
    instant = _parse_at(at)
    config = _EngineConfig(
        settings=_settings(settings),
        allow=None if allow is None else tuple(allow),
        block=None if block is None else tuple(block),
        strict=strict,
        extra=_extra_spec(extra),
        entry_points=entry_points,
    )
    try:
        engine = config.build()  # fail fast on settings and plugins, before reading any row
    except SettingsError as exc:
        raise BatchError("\n".join(exc.problems)) from None
    except PluginLoadError as exc:
        raise BatchError(str(exc), EXIT_PLUGIN) from None
    for w in engine.warnings:
        if on_warning is not None:
            on_warning(w)
    n_jobs = default_jobs() if jobs is None else jobs

    source = _Source(src_path, in_fmt, chunk_size)
    try:
        output = _AtomicOutput(out_path)
    except BaseException:
        source.close()
        raise
    show = _stderr_is_terminal() if progress is None else progress
    bar = _Progress(show, source.total, f"{src_path.name} → {out_path.name}")
    counts = [0, 0, 0]
    try:
        chunks = source.chunks()
        first = list(itertools.islice(chunks, 2))
        if n_jobs == 1 or len(first) < 2:
            n_jobs = 1
            results = _in_process(
                engine, instant, source.columns, out_fmt, itertools.chain(first, chunks)
            )
        else:
            results = _in_pool(
                config,
                n_jobs,
                instant,
                source.columns,
                out_fmt,
                itertools.chain(first, chunks),
            )
        if out_fmt == "csv":
            output.write(_csv_header())
        for data, ok, bad, failed in results:
            output.write(data)
            counts[0] += ok
            counts[1] += bad
            counts[2] += failed
            bar.update(source.position, sum(counts), counts[1] + counts[2])
        bar.update(source.position, sum(counts), counts[1] + counts[2], final=True)
        output.commit()
    except BaseException:
        output.abort()
        raise
    finally:
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


# --------------------------------------------------------------------------- the command


def _split(v: str | None) -> list[str] | None:
    return None if v is None else [x.strip() for x in v.split(",") if x.strip()]


@click.command("batch")
@click.argument("input_path", metavar="INPUT", type=click.Path(path_type=Path, allow_dash=True))
@click.option(
    "--out",
    "-o",
    "output",
    required=True,
    type=click.Path(path_type=Path, dir_okay=False),
    help="Output file (.jsonl or .csv); written atomically when the run completes.",
)
@click.option(
    "--settings",
    "settings_path",
    type=click.Path(path_type=Path),
    default=None,
    help="TOML settings file with tariffs and hours the terms do not give.",
)
@click.option("--at", default=None, help="Evaluate every case at this instant (ISO 8601).")
@click.option(
    "--jobs",
    "-j",
    type=click.IntRange(min=1),
    default=None,
    help="Worker processes (default: every core; 1 evaluates in this process).",
)
@click.option(
    "--chunk-size",
    type=click.IntRange(min=1),
    default=DEFAULT_CHUNK_SIZE,
    show_default=True,
    help="Rows per task sent to a worker.",
)
@click.option(
    "--input-format", type=click.Choice(FORMATS), default=None, help="Default: by suffix."
)
@click.option(
    "--output-format", type=click.Choice(FORMATS), default=None, help="Default: by suffix."
)
@click.option(
    "--progress/--no-progress",
    default=None,
    help="Progress bar on stderr (default: only when stderr is a terminal).",
)
@click.option("--quiet", "-q", is_flag=True, help="No summary line on stderr.")
@click.option(
    "--plugins",
    "allow",
    default=None,
    help="Comma-separated allow-list of plugin names (env SUPPORTCORE_PLUGINS).",
)
@click.option(
    "--block",
    default=None,
    help="Comma-separated block-list of plugin names (env SUPPORTCORE_BLOCK_PLUGINS).",
)
@click.option(
    "--strict/--no-strict",
    default=None,
    help="Make plugin failures fatal (env SUPPORTCORE_STRICT=1).",
)
def batch_command(
    input_path: Path,
    output: Path,
    settings_path: Path | None,
    at: str | None,
    jobs: int | None,
    chunk_size: int,
    input_format: str | None,
    output_format: str | None,
    progress: bool | None,
    quiet: bool,
    allow: str | None,
    block: str | None,
    strict: bool | None,
) -> None:
    """Evaluate many cases (JSON Lines or CSV) into one result row per case, in input order.

    Exit codes: 0 every row ok, 2 some row had bad input (or bad options), 3 some row's plugin
    failed. Bad rows become error rows naming the line and the field; the others go on.
    """
    from rich.console import Console

    err = Console(stderr=True, highlight=False, soft_wrap=True)
    try:
        summary = run_batch(
            input_path,
            output,
            settings=settings_path,
            jobs=jobs,
            at=at,
            allow=_split(allow),
            block=_split(block),
            strict=strict,
            input_format=input_format,
            output_format=output_format,
            chunk_size=chunk_size,
            progress=progress,
            on_warning=lambda w: err.print(f"[yellow]warning:[/] {w}"),
        )
    except BatchError as exc:
        for line in str(exc).splitlines():
            err.print(f"[bold red]error:[/] {line}")
        sys.exit(exc.exit_code)
    except KeyboardInterrupt:
        err.print(f"[bold red]interrupted:[/] {output} was not written")
        sys.exit(130)
    if not quiet:
        s = summary
        err.print(
            f"{s.rows:,} rows: {s.ok:,} ok, {s.input_errors:,} bad input, "
            f"{s.plugin_errors:,} plugin failures → {s.output} "
            f"({s.seconds:.1f} s, {s.rows_per_second:,.0f} rows/s, "
            f"{s.jobs} worker{'s' if s.jobs != 1 else ''})"
        )
    sys.exit(summary.exit_code)
