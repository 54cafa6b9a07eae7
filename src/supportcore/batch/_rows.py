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

from ..convert import InputError, decision_to_dict, decision_to_json
from ..decision import Decision, Problem
from ..engine import Engine, PluginError, VendorUnavailable
from ._columns import CsvColumns
from ._common import (
    INPUT,
    KIND_NAMES,
    OK,
    PLUGIN,
    BatchError,
    Format,
    Refused,
    describe,
    parse_at,
    parse_json,
)

_ENCODER = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"), default=str)
_encode = _ENCODER.encode
_NOT_AN_OBJECT = Problem("(case)", "a case must be a JSON object", "error")


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


def evaluate(engine: Engine, line: int, data: object, at: datetime | None) -> Outcome:
    """Evaluate one parsed case; never raises for a problem of the row or of its plugin."""
    try:
        if not isinstance(data, Mapping):
            raise InputError([_NOT_AN_OBJECT])
        decision = engine.evaluate(data, at=at)
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


def _jsonl_outcome(engine: Engine, line: int, text: str | bytes, at: datetime | None) -> Outcome:
    try:
        data = parse_json(text)
    except InputError as exc:
        return Outcome(INPUT, line, _problems(exc.problems))
    return evaluate(engine, line, data, at)


def _csv_outcome(
    engine: Engine, columns: CsvColumns, line: int, cells: Sequence[str], at: datetime | None
) -> Outcome:
    try:
        data = columns.case_dict(cells)
    except InputError as exc:
        return Outcome(INPUT, line, _problems(exc.problems))
    return evaluate(engine, line, data, at)


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


def row_dict(out: Outcome) -> dict[str, Any]:
    """The JSON-ready result row (docs/batch.md)."""
    if out.kind == OK:
        assert out.decision is not None
        return {"line": out.line, "ok": True, "decision": decision_to_dict(out.decision)}
    row = _error_head(out)
    if out.decision is not None:
        row["decision"] = decision_to_dict(out.decision)
    return row


def row_json(out: Outcome) -> str:
    """``row_dict(out)`` as compact JSON, the decision written without building its dict."""
    if out.kind == OK:
        assert out.decision is not None
        return f'{{"line":{out.line},"ok":true,"decision":{decision_to_json(out.decision)}}}'
    head = _encode(_error_head(out))
    if out.decision is None:
        return head
    return f'{head[:-1]},"decision":{decision_to_json(out.decision)}}}'


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


def row_csv(out: Outcome, escape_formulas: bool = True) -> list[str]:
    errors = "; ".join(f"{e['field']}: {e['message']}" for e in out.errors or ())
    error = KIND_NAMES.get(out.kind, "")
    ok = "true" if out.kind == OK else "false"
    if out.decision is None:
        cells = [str(out.line), ok, error, out.case_id or "", *[""] * 11, errors, ""]
    else:
        dec = out.decision
        total = dec.price.total
        open_now = dec.service.open_now
        closes_at = dec.closure.closes_at
        closed_at = dec.closure.closed_at
        cells = [
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
    return [escape_formula(str(c)) for c in cells] if escape_formulas else cells


def csv_header() -> bytes:
    buf = io.StringIO()
    csv.writer(buf).writerow(CSV_OUTPUT_COLUMNS)
    return buf.getvalue().encode("utf-8")


# --------------------------------------------------------------------------- chunks

ChunkResult = tuple[bytes, int, int, int]  #: (serialised rows, ok, bad input, plugin failed)


def run_chunk(
    engine: Engine,
    at: datetime | None,
    columns: CsvColumns | None,
    out_fmt: Format,
    escape_formulas: bool,
    chunk: Sequence[tuple[int, Any]],
    mark: Callable[[int], None] | None = None,
) -> ChunkResult:
    """Evaluate and serialise one chunk. ``mark(line)`` is called as each row starts (the
    pool's watch on rows that take too long), ``mark(0)`` when the chunk is done."""
    counts = [0, 0, 0]
    texts: list[str] = []
    cells: list[list[str]] = []
    for line, item in chunk:
        if mark is not None:
            mark(line)
        try:
            if isinstance(item, Refused):
                out = _refused(line, item)
            elif columns is None:
                out = _jsonl_outcome(engine, line, item, at)
            else:
                out = _csv_outcome(engine, columns, line, item, at)
        except KeyboardInterrupt:
            raise
        except BaseException as exc:  # reading the row failed unexpectedly: still this row's
            where = "(line)" if columns is None else "(row)"
            message = f"cannot be read: {describe(exc)}"
            out = Outcome(INPUT, line, [{"field": where, "message": message}])
        try:
            if out_fmt == "jsonl":
                texts.append(row_json(out))
            else:
                cells.append(row_csv(out, escape_formulas))
        except Exception as exc:  # a decision holding what cannot be written
            message = f"the decision cannot be written: {describe(exc)}"
            out = Outcome(PLUGIN, line, [{"field": "(output)", "message": message}])
            if out_fmt == "jsonl":
                texts.append(row_json(out))
            else:
                cells.append(row_csv(out, escape_formulas))
        counts[out.kind] += 1
    if mark is not None:
        mark(0)
    if out_fmt == "jsonl":
        data = ("\n".join(texts) + "\n") if texts else ""
    else:
        buf = io.StringIO()
        csv.writer(buf).writerows(cells)
        data = buf.getvalue()
    return data.encode("utf-8", "backslashreplace"), counts[0], counts[1], counts[2]


# --------------------------------------------------------------------------- in this process


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
    instant = parse_at(at)
    for line, text in enumerate(lines, first_line):
        if not text.strip():
            continue
        yield row_dict(_jsonl_outcome(engine, line, text, instant))


def evaluate_records(
    records: Iterable[Sequence[str]],
    engine: Engine,
    *,
    at: datetime | str | None = None,
) -> Iterator[dict[str, Any]]:
    """Evaluate CSV records (the header first, then rows of cells) in this process.

    The column mapping is :class:`CsvColumns`'s; ``line`` in each row is the record's number
    counting the header as 1 (for files whose cells hold no line breaks, the line number).

    :raises BatchError: the header names no field of a case.
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
    for line, cells in enumerate(it, 2):
        if not any(c.strip() for c in cells):
            continue
        yield row_dict(_csv_outcome(engine, columns, line, cells, instant))
