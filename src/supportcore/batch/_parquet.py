"""Parquet output (``--out decisions.parquet``, the ``parquet`` extra: pyarrow).

The columns of the CSV output, typed for analytics: ``line`` an integer, ``ok`` and
``open_now`` booleans, ``price_total`` a decimal, ``closes_at``/``closed_at`` timestamps in UTC,
the statuses, ids and currency text, ``decision`` the decision's JSON. Workers build each
chunk's table; the parent writes them in order, one row group per chunk or more.
"""

from __future__ import annotations

import contextlib
from datetime import UTC, datetime
from decimal import Decimal, InvalidOperation
from typing import Any

from ._common import EXIT_INPUT, BatchError
from ._output import Output

#: ``price_total``'s type: 38 digits, 9 after the point (every currency's minor unit fits).
TOTAL_PRECISION, TOTAL_SCALE = 38, 9
_QUANTUM = Decimal(1).scaleb(-TOTAL_SCALE)


def _pyarrow() -> Any:
    try:
        import pyarrow as pa
        import pyarrow.parquet as pq
    except ImportError:
        raise BatchError(
            "Parquet output needs pyarrow: pip install 'supportcore[parquet]'", EXIT_INPUT
        ) from None
    return pa, pq


def schema() -> Any:
    """The output's :class:`pyarrow.Schema` (the columns of ``CSV_OUTPUT_COLUMNS``)."""
    pa, _ = _pyarrow()
    text, when = pa.string(), pa.timestamp("us", tz="UTC")
    return pa.schema(
        [
            ("line", pa.int64()),
            ("ok", pa.bool_()),
            ("error", text),
            ("case_id", text),
            ("vendor", text),
            ("terms_version", text),
            ("eligibility", text),
            ("coverage", text),
            ("price_status", text),
            ("price_total", pa.decimal128(TOTAL_PRECISION, TOTAL_SCALE)),
            ("currency", text),
            ("closure", text),
            ("closes_at", when),
            ("closed_at", when),
            ("open_now", pa.bool_()),
            ("errors", text),
            ("decision", text),
        ]
    )


def _total(value: Decimal | None) -> Decimal | None:
    if value is None:
        return None
    try:
        exact = value.quantize(_QUANTUM)
    except InvalidOperation:
        return None  # too large for the column: the decision's JSON still holds it
    if exact != value or len(exact.as_tuple().digits) > TOTAL_PRECISION:
        return None
    return exact


def _utc(value: datetime | None) -> datetime | None:
    return None if value is None else value.astimezone(UTC)


def table(rows: list[tuple[Any, ...]]) -> Any:
    """The :class:`pyarrow.Table` of rows of ``summary`` values."""
    pa, _ = _pyarrow()
    fields = schema()
    if not rows:
        return fields.empty_table()
    columns: list[list[Any]] = [list(c) for c in zip(*rows, strict=True)]
    columns[9] = [_total(v) for v in columns[9]]
    columns[12] = [_utc(v) for v in columns[12]]
    columns[13] = [_utc(v) for v in columns[13]]
    arrays = [pa.array(c, type=f.type) for c, f in zip(columns, fields, strict=True)]
    return pa.Table.from_arrays(arrays, schema=fields)


class ParquetSink:
    """Tables into a Parquet file on ``output``; ``commit`` writes its footer, then commits."""

    def __init__(self, output: Output) -> None:
        _, pq = _pyarrow()
        self.output = output
        self._writer = pq.ParquetWriter(output.file, schema(), compression="zstd")

    def write(self, data: Any) -> None:
        if data.num_rows:
            try:
                self._writer.write_table(data)
            except OSError as exc:
                raise self.output.failed(exc) from None

    def commit(self) -> None:
        try:
            self._writer.close()
        except OSError as exc:
            raise self.output.failed(exc) from None
        self.output.commit()

    def abort(self) -> None:
        with contextlib.suppress(Exception):  # the run is already failing
            self._writer.close()
        self.output.abort()

    def not_written(self) -> str:
        return self.output.not_written()
