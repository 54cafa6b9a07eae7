"""Parquet output: the CSV output's columns, typed for analytics, read back with pyarrow."""

from __future__ import annotations

import csv
from datetime import UTC, datetime
from decimal import Decimal

import pytest

from supportcore.batch import CSV_OUTPUT_COLUMNS, clauses_path, run_batch

from .test_batch_compact import corpus  # noqa: F401 - the shared fixture

pq = pytest.importorskip("pyarrow.parquet")
pa = pytest.importorskip("pyarrow")


def _csv_rows(path):
    with path.open(newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))


def test_parquet_has_a_typed_column_for_each_csv_column(corpus, tmp_path):  # noqa: F811
    src, settings = corpus
    out = tmp_path / "decisions.parquet"
    summary = run_batch(src, out, settings=settings, jobs=1)
    table = pq.read_table(out)
    assert table.column_names == list(CSV_OUTPUT_COLUMNS)
    assert table.num_rows == summary.rows
    types = dict(zip(table.column_names, table.schema.types, strict=True))
    assert types["line"] == pa.int64()
    assert types["ok"] == pa.bool_()
    assert pa.types.is_decimal(types["price_total"])
    assert types["closes_at"] == pa.timestamp("us", tz="UTC")
    assert types["open_now"] == pa.bool_()


def test_parquet_rows_hold_the_values_of_the_csv_rows(corpus, tmp_path):  # noqa: F811
    src, settings = corpus
    out, text = tmp_path / "decisions.parquet", tmp_path / "decisions.csv"
    run_batch(src, out, settings=settings, jobs=1)
    run_batch(src, text, settings=settings, jobs=1, escape_formulas=False)
    rows = pq.read_table(out).to_pylist()
    expected = _csv_rows(text)
    assert len(rows) == len(expected)
    for row, cells in zip(rows, expected, strict=True):
        assert row["line"] == int(cells["line"])
        assert row["ok"] is (cells["ok"] == "true")
        for name in ("error", "case_id", "vendor", "eligibility", "coverage", "price_status"):
            assert (row[name] or "") == cells[name], name
        for name in ("currency", "closure", "errors", "decision", "terms_version"):
            assert (row[name] or "") == cells[name], name
        total = cells["price_total"]
        assert row["price_total"] == (Decimal(total) if total else None)
        for name in ("closes_at", "closed_at"):
            when = cells[name]
            expected_at = datetime.fromisoformat(when).astimezone(UTC) if when else None
            assert row[name] == expected_at, name
        assert row["open_now"] == {"true": True, "false": False}.get(cells["open_now"])


def test_error_rows_are_rows_with_their_error_and_no_decision(corpus, tmp_path):  # noqa: F811
    src, settings = corpus
    out = tmp_path / "decisions.parquet"
    run_batch(src, out, settings=settings, jobs=1)
    bad = [r for r in pq.read_table(out).to_pylist() if not r["ok"]]
    assert bad
    assert all(r["error"] == "input" and r["errors"] and r["decision"] is None for r in bad)
    assert any(r["case_id"] == "X-1" and "unknown vendor" in r["errors"] for r in bad)


def test_two_workers_write_the_rows_one_process_writes(corpus, tmp_path):  # noqa: F811
    src, settings = corpus
    one, two = tmp_path / "one.parquet", tmp_path / "two.parquet"
    run_batch(src, one, settings=settings, jobs=1)
    run_batch(src, two, settings=settings, jobs=2, chunk_size=5)
    assert pq.read_table(two).equals(pq.read_table(one))


def test_parquet_with_compact_citations_writes_the_side_file(corpus, tmp_path):  # noqa: F811
    src, settings = corpus
    out = tmp_path / "decisions.parquet"
    run_batch(src, out, settings=settings, jobs=1, citations="ids")
    decisions = [d for d in pq.read_table(out).column("decision").to_pylist() if d]
    assert decisions
    assert all('"text"' not in d for d in decisions)
    assert clauses_path(out).stat().st_size > 0


def test_an_empty_input_gives_a_parquet_file_with_the_columns_and_no_rows(tmp_path):
    src = tmp_path / "empty.jsonl"
    src.write_text("\n", encoding="utf-8")
    out = tmp_path / "decisions.parquet"
    run_batch(src, out, jobs=1)
    table = pq.read_table(out)
    assert table.num_rows == 0
    assert table.column_names == list(CSV_OUTPUT_COLUMNS)
