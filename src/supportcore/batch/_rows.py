"""One row: evaluated into an outcome that never raises, then written as JSON or CSV.

A bad row (not JSON, a field the converter refuses, an unknown vendor) is an *input* error row;
a row whose plugin failed (raised, answered the wrong type, exited, was not loaded) is a
*plugin* error row; nothing a row holds or a plugin does stops the run (``KeyboardInterrupt``
and the signals the run turns into one excepted).
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from datetime import datetime
from typing import Any, NamedTuple

import attrs

from ..convert import InputError, decision_to_dict, decision_to_json
from ..decision import Decision, Problem
from ..engine import Engine, PluginError, VendorUnavailable
from ..i18n import check_language
from ._citations import (
    CITATIONS,
    Citations,
    ClauseKey,
    decision_ids_dict,
    decision_ids_json,
    take_cited,
)
from ._columns import CsvColumns
from ._common import (
    INPUT,
    KIND_NAMES,
    OK,
    PLUGIN,
    BatchError,
    OutputFormat,
    Refused,
    describe,
    parse_at,
    parse_json,
)

_ENCODER = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"), default=str)
_encode = _ENCODER.encode
_NOT_AN_OBJECT = Problem("(case)", "a case must be a JSON object", "error")


@attrs.frozen
class RowOptions:
    """How every row of a run is evaluated and written: the same in the calling process and in
    every worker (local or Dask), so it is picklable. Options that change how a decision is
    explained or written (its language, say) belong here, and so reach every worker."""

    #: evaluate every case at this instant instead of its own ``at``
    at: datetime | None = None
    #: ``jsonl``, ``csv`` or ``parquet``
    output: OutputFormat = "jsonl"
    #: in CSV output, a ``'`` before cells a spreadsheet would run as formulas
    escape_formulas: bool = True
    #: ``full``: each citation with its clause's text; ``ids``: vendor, clause, terms version
    citations: Citations = attrs.field(default="full", validator=attrs.validators.in_(CITATIONS))


class Outcome(NamedTuple):
    """What became of one input row, before it is written in the output format."""

    kind: int  #: OK, INPUT or PLUGIN
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


def _plugin_row(line: int, field: str, message: str, data: object) -> Outcome:
    return Outcome(PLUGIN, line, [{"field": field, "message": message}], None, _case_id(data))


def evaluate(
    engine: Engine, line: int, data: object, at: datetime | None, lang: str | None = None
) -> Outcome:
    """Evaluate one parsed case (explained in ``lang``, default the engine's); never raises
    for a problem of the row or of its plugin."""
    try:
        if not isinstance(data, Mapping):
            raise InputError([_NOT_AN_OBJECT])
        decision = engine.evaluate(data, at=at, lang=lang)
    except InputError as exc:
        return Outcome(INPUT, line, _problems(exc.problems), None, _case_id(data))
    except VendorUnavailable as exc:  # installed, but failed to load (or was left out)
        return _plugin_row(line, "vendor", str(exc), data)
    except PluginError as exc:  # strict mode: the hook's exception, no decision
        where, _, message = str(exc).partition(": ")
        return _plugin_row(line, where, message, data)
    except KeyboardInterrupt:
        raise
    except BaseException as exc:  # a bug under the engine, SystemExit…: the row's failure
        return _plugin_row(line, "(engine)", describe(exc), data)
    if decision.failures:
        errors = [{"field": f"{f.plugin}.{f.hook}", "message": f.error} for f in decision.failures]
        return Outcome(PLUGIN, line, errors, decision, _case_id(data))
    return Outcome(OK, line, None, decision)


def _jsonl_outcome(
    engine: Engine, line: int, text: str | bytes, at: datetime | None, lang: str | None = None
) -> Outcome:
    try:
        data = parse_json(text)
    except InputError as exc:
        return Outcome(INPUT, line, _problems(exc.problems))
    return evaluate(engine, line, data, at, lang)


def _csv_outcome(
    engine: Engine,
    columns: CsvColumns,
    line: int,
    cells: Sequence[str],
    at: datetime | None,
    lang: str | None = None,
) -> Outcome:
    try:
        data = columns.case_dict(cells)
    except InputError as exc:
        return Outcome(INPUT, line, _problems(exc.problems))
    return evaluate(engine, line, data, at, lang)


def _refused(line: int, row: Refused) -> Outcome:
    return Outcome(
        row.kind, line, [{"field": row.field, "message": row.message}], None, row.case_id
    )


def case_id_of(item: Any, columns: CsvColumns | None) -> str | None:
    """The ``id`` of an input row (raw JSON text or CSV cells), when it can be read."""
    try:
        data = parse_json(item) if columns is None else columns.case_dict(item)
    except Exception:
        return None
    return _case_id(data)


# --------------------------------------------------------------------------- JSON rows


def _error_head(out: Outcome) -> dict[str, Any]:
    row: dict[str, Any] = {"line": out.line, "ok": False, "error": KIND_NAMES[out.kind]}
    if out.case_id is not None:
        row["case_id"] = out.case_id
    row["errors"] = out.errors
    return row


def row_dict(out: Outcome, citations: Citations = "full") -> dict[str, Any]:
    """The JSON-ready result row (docs/batch.md); ``citations="ids"``: without clause texts."""
    to_dict = decision_to_dict if citations == "full" else decision_ids_dict
    if out.kind == OK:
        assert out.decision is not None
        return {"line": out.line, "ok": True, "decision": to_dict(out.decision)}
    row = _error_head(out)
    if out.decision is not None:
        row["decision"] = to_dict(out.decision)
    return row


def row_json(out: Outcome, citations: Citations = "full") -> str:
    """``row_dict(out)`` as compact JSON, the decision written without building its dict."""
    to_json = decision_to_json if citations == "full" else decision_ids_json
    if out.kind == OK:
        assert out.decision is not None
        return f'{{"line":{out.line},"ok":true,"decision":{to_json(out.decision)}}}'
    head = _encode(_error_head(out))
    if out.decision is None:
        return head
    return f'{head[:-1]},"decision":{to_json(out.decision)}}}'


# --------------------------------------------------------------------------- CSV rows

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

#: A cell a spreadsheet would read as a formula (OWASP's list), unless it is a plain number.
_FORMULA = re.compile(r"[=+\-@\t\r]")
_NUMBER = re.compile(r"[+-]?\d+(\.\d+)?")


def escape_formula(cell: str) -> str:
    """``'`` before a cell a spreadsheet would run as a formula (``=HYPERLINK(…)``, ``@SUM``,
    ``-2+3``); plain numbers (``-12.50``) stay numbers."""
    if _FORMULA.match(cell) and not _NUMBER.fullmatch(cell):
        return "'" + cell
    return cell


def summary(out: Outcome, citations: Citations = "full") -> tuple[Any, ...]:
    """The values of :data:`CSV_OUTPUT_COLUMNS` for one row, typed: ``line`` an int, ``ok``
    and ``open_now`` booleans (``None`` when unknown), ``price_total`` a ``Decimal``, the
    instants aware datetimes, the rest text or ``None``; ``decision`` its compact JSON."""
    errors = "; ".join(f"{e['field']}: {e['message']}" for e in out.errors or ()) or None
    error = KIND_NAMES.get(out.kind)
    ok = out.kind == OK
    dec = out.decision
    if dec is None:
        return (out.line, ok, error, out.case_id, *[None] * 11, errors, None)
    total = dec.price.total
    to_json = decision_to_json if citations == "full" else decision_ids_json
    return (
        out.line,
        ok,
        error,
        dec.case_id,
        dec.vendor,
        dec.terms_version,
        dec.eligibility.status,
        dec.coverage.status,
        dec.price.status,
        None if total is None else total.amount,
        dec.price.currency,
        dec.closure.status,
        dec.closure.closes_at,
        dec.closure.closed_at,
        dec.service.open_now,
        errors,
        to_json(dec),
    )


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if value is True:
        return "true"
    if value is False:
        return "false"
    if isinstance(value, datetime):
        return value.isoformat()
    return str(value)


def row_csv(out: Outcome, escape_formulas: bool = True, citations: Citations = "full") -> list[str]:
    """The cells of one CSV output row (:data:`CSV_OUTPUT_COLUMNS`)."""
    cells = [_cell(v) for v in summary(out, citations)]
    return [escape_formula(c) for c in cells] if escape_formulas else cells


def csv_header() -> bytes:
    buf = io.StringIO()
    csv.writer(buf).writerow(CSV_OUTPUT_COLUMNS)
    return buf.getvalue().encode("utf-8")


# --------------------------------------------------------------------------- chunks


class ChunkResult(NamedTuple):
    """One chunk, evaluated and written: what the workers send back."""

    data: Any  #: the rows: bytes (JSON Lines, CSV) or a pyarrow table (Parquet)
    ok: int
    bad: int  #: rows with bad input
    failed: int  #: rows whose plugin failed
    clauses: tuple[tuple[ClauseKey, str], ...] = ()  #: with ``citations="ids"``: cited


def outcome_of(
    engine: Engine, columns: CsvColumns | None, line: int, item: Any, at: datetime | None
) -> Outcome:
    """What becomes of one input row: JSON text (``str`` or ``bytes``), CSV cells (with
    ``columns``), a parsed case (a mapping), or a :class:`Refused` row. Never raises for a
    problem of the row or of its plugin."""
    try:
        if isinstance(item, Refused):
            return _refused(line, item)
        if columns is not None:
            return _csv_outcome(engine, columns, line, item, at)
        if isinstance(item, str | bytes):
            return _jsonl_outcome(engine, line, item, at)
        return evaluate(engine, line, item, at)
    except KeyboardInterrupt:
        raise
    except BaseException as exc:  # reading the row failed unexpectedly: still this row's
        where = "(line)" if columns is None else "(row)"
        message = f"cannot be read: {describe(exc)}"
        return Outcome(INPUT, line, [{"field": where, "message": message}])


def _unwritable(line: int, exc: Exception) -> Outcome:
    message = f"the decision cannot be written: {describe(exc)}"
    return Outcome(PLUGIN, line, [{"field": "(output)", "message": message}])


def write_row(out: Outcome, write: Callable[[Outcome], Any]) -> tuple[Outcome, Any]:
    """``write(out)``; a decision that cannot be written is its row's ``(output)`` error."""
    try:
        return out, write(out)
    except Exception as exc:  # a decision holding what cannot be written
        out = _unwritable(out.line, exc)
        return out, write(out)


def _write(out: Outcome, options: RowOptions) -> Any:
    if options.output == "jsonl":
        return row_json(out, options.citations)
    if options.output == "csv":
        return row_csv(out, options.escape_formulas, options.citations)
    return summary(out, options.citations)


def run_chunk(
    engine: Engine,
    columns: CsvColumns | None,
    options: RowOptions,
    chunk: Sequence[tuple[int, Any]],
    mark: Callable[[int], None] | None = None,
) -> ChunkResult:
    """Evaluate and write one chunk of ``(line, row)`` (the row: JSON text, CSV cells, a case
    dict or a :class:`Refused` row). ``mark(line)`` is called as each row starts (the pool's
    watch on rows that take too long), ``mark(0)`` when the chunk is done."""
    counts = [0, 0, 0]
    written: list[Any] = []
    at = options.at

    def write(out: Outcome) -> Any:
        return _write(out, options)

    take_cited()
    for line, item in chunk:
        if mark is not None:
            mark(line)
        out, row = write_row(outcome_of(engine, columns, line, item, at), write)
        written.append(row)
        counts[out.kind] += 1
    if mark is not None:
        mark(0)
    clauses = tuple(take_cited().items())
    data: Any
    if options.output == "jsonl":
        text = ("\n".join(written) + "\n") if written else ""
        data = text.encode("utf-8", "backslashreplace")
    elif options.output == "csv":
        buf = io.StringIO()
        csv.writer(buf).writerows(written)
        data = buf.getvalue().encode("utf-8", "backslashreplace")
    else:
        from ._parquet import table

        data = table(written)
    return ChunkResult(data, counts[0], counts[1], counts[2], clauses)


# --------------------------------------------------------------------------- in this process


def evaluate_lines(
    lines: Iterable[str | bytes],
    engine: Engine,
    *,
    at: datetime | str | None = None,
    first_line: int = 1,
    citations: Citations = "full",
    lang: str | None = None,
) -> Iterator[dict[str, Any]]:
    """Evaluate JSON Lines in this process, yielding one JSON-ready result row per case.

    Rows are ``{"line": n, "ok": true, "decision": {...}}`` or error rows
    ``{"line": n, "ok": false, "error": "input"|"plugin", "errors": [{"field", "message"}]}``
    (see ``docs/batch.md``). Blank lines are skipped but counted, so ``line`` is always the
    line number in the input (the first line being ``first_line``). ``citations="ids"``
    writes each citation without its clause's text. ``lang`` is the language of the
    explanations (``"es"``, ``"nl"``, ``"en"``; default: the engine's, else each vendor's).

    :raises ValueError: ``lang`` is not a language explanations are written in.
    """
    instant = parse_at(at)
    lang = None if lang is None else check_language(lang)
    for line, text in enumerate(lines, first_line):
        if not text.strip():
            continue
        yield row_dict(_jsonl_outcome(engine, line, text, instant, lang), citations)


def evaluate_records(
    records: Iterable[Sequence[str]],
    engine: Engine,
    *,
    at: datetime | str | None = None,
    citations: Citations = "full",
    lang: str | None = None,
) -> Iterator[dict[str, Any]]:
    """Evaluate CSV records (the header first, then rows of cells) in this process.

    The column mapping is :class:`CsvColumns`'s; ``line`` in each row is the record's number
    counting the header as 1 (for files whose cells hold no line breaks, the line number).
    ``lang`` as for :func:`evaluate_lines`.

    :raises BatchError: the header names no field of a case.
    :raises ValueError: ``lang`` is not a language explanations are written in.
    """
    it = iter(records)
    header = next(it, None)
    if header is None:
        return
    try:
        columns = CsvColumns(header)
    except ValueError as exc:
        raise BatchError(str(exc)) from None
    instant = parse_at(at)
    lang = None if lang is None else check_language(lang)
    for line, cells in enumerate(it, 2):
        if not any(c.strip() for c in cells):
            continue
        yield row_dict(_csv_outcome(engine, columns, line, cells, instant, lang), citations)
