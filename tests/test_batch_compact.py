"""Compact citations (``--citations ids``): each citation as vendor, clause and terms version,
each cited clause's text once in a side file; the rows otherwise those of a full run.

Also the corpus the Dask and Parquet tests share: every vendor's example cases, as JSON Lines,
with bad rows among them, and the example settings of every vendor."""

from __future__ import annotations

import json
import tomllib
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from supportcore import Engine, load_plugins
from supportcore.batch import clauses_path, evaluate_lines, run_batch
from supportcore.cli import main
from supportcore.convert import read_document

ROOT = Path(__file__).resolve().parent.parent
VENDORS = ("binarema", "informapuntcom", "itplusnet", "juweliers", "softmas")

#: Rows that are not cases, among the good ones: every kind of error row.
BAD_ROWS = [
    "{this is not json",
    '{"id": "X-1", "vendor": "nobody", "at": "2026-03-10T10:00:00+01:00"}',
    "[1, 2, 3]",
    "",
    '{"id": "X-2", "at": ' + "1" * 5000 + "}",
]


def _plain(value: Any) -> Any:
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    raise TypeError(type(value).__name__)


def corpus_settings() -> dict[str, Any]:
    tables: dict[str, Any] = {}
    for vendor in VENDORS:
        text = (ROOT / "examples" / vendor / "settings.toml").read_text(encoding="utf-8")
        tables.update(tomllib.loads(text, parse_float=Decimal))
    return tables


def corpus_lines() -> list[str]:
    """Every example case of every installed vendor as a JSON line, the bad rows among them."""
    installed = set(load_plugins().vendors)
    lines = []
    for vendor in VENDORS:
        if vendor not in installed:
            continue
        for path in sorted((ROOT / "examples" / vendor).glob("[0-9]*.toml")):
            data = read_document(path)
            lines.append(json.dumps(data, default=_plain, ensure_ascii=False))
    if not lines:
        pytest.skip("no vendor plugin installed")
    for i, bad in enumerate(BAD_ROWS):  # spread through the input
        lines.insert(min(len(lines), 7 + i * 11), bad)
    return lines


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, Any]]:
    folder = tmp_path_factory.mktemp("corpus")
    src = folder / "cases.jsonl"
    src.write_text("\n".join(corpus_lines()) + "\n", encoding="utf-8")
    return src, corpus_settings()


def strip_texts(value: Any) -> Any:
    """A full row with each citation's text left out: what the compact row must be."""
    if isinstance(value, dict):
        if {"vendor", "clause", "text"} <= value.keys():
            return {k: v for k, v in value.items() if k != "text"}
        return {k: strip_texts(v) for k, v in value.items()}
    if isinstance(value, list):
        return [strip_texts(v) for v in value]
    return value


def citations_of(value: Any) -> list[dict[str, str]]:
    if isinstance(value, dict):
        if {"vendor", "clause", "text"} <= value.keys():
            return [value]
        return [c for v in value.values() for c in citations_of(v)]
    if isinstance(value, list):
        return [c for v in value for c in citations_of(v)]
    return []


def test_compact_rows_are_the_full_rows_without_the_clause_texts(corpus, tmp_path):
    src, settings = corpus
    full, ids = tmp_path / "full.jsonl", tmp_path / "ids.jsonl"
    run_batch(src, full, settings=settings, jobs=1)
    summary = run_batch(src, ids, settings=settings, jobs=1, citations="ids")
    full_rows = [json.loads(line) for line in full.read_text(encoding="utf-8").splitlines()]
    ids_rows = [json.loads(line) for line in ids.read_text(encoding="utf-8").splitlines()]
    assert summary.clauses == clauses_path(ids)
    assert ids_rows == [strip_texts(row) for row in full_rows]
    cited = ids_rows[0]["decision"]["eligibility"]["basis"][0]["citations"]
    assert cited
    assert all(list(c) == ["vendor", "clause", "terms_version"] for c in cited)


def test_the_side_file_holds_each_cited_clause_once_with_its_verbatim_text(corpus, tmp_path):
    src, settings = corpus
    full, ids = tmp_path / "full.jsonl", tmp_path / "ids.jsonl"
    run_batch(src, full, settings=settings, jobs=1)
    run_batch(src, ids, settings=settings, jobs=1, citations="ids")
    cited = {
        (c["vendor"], c["terms_version"], c["clause"]): c["text"]
        for line in full.read_text(encoding="utf-8").splitlines()
        for c in citations_of(json.loads(line))
    }
    side = [json.loads(line) for line in clauses_path(ids).read_text("utf-8").splitlines()]
    keys = [(c["vendor"], c["terms_version"], c["clause"]) for c in side]
    assert keys == sorted(cited)  # once each, sorted
    assert {k: c["text"] for k, c in zip(keys, side, strict=True)} == cited


def test_two_workers_write_the_same_rows_and_side_file_as_one_process(corpus, tmp_path):
    src, settings = corpus
    one, two = tmp_path / "one.jsonl", tmp_path / "two.jsonl"
    run_batch(src, one, settings=settings, jobs=1, citations="ids")
    run_batch(src, two, settings=settings, jobs=2, chunk_size=7, citations="ids")
    assert two.read_bytes() == one.read_bytes()
    assert clauses_path(two).read_bytes() == clauses_path(one).read_bytes()


def test_csv_output_with_compact_citations_has_the_compact_decision(corpus, tmp_path):
    src, settings = corpus
    out = tmp_path / "ids.csv"
    run_batch(src, out, settings=settings, jobs=1, citations="ids")
    assert '"text"' not in out.read_text(encoding="utf-8")
    assert clauses_path(out).exists()


def test_the_clauses_option_names_the_side_file_and_standard_output_needs_it(corpus, tmp_path):
    src, _ = corpus
    settings_file = tmp_path / "settings.toml"
    settings_file.write_text((ROOT / "examples" / "binarema" / "settings.toml").read_text())
    side = tmp_path / "texts.jsonl"
    base = ["batch", str(src), "--settings", str(settings_file), "--citations", "ids", "-q"]
    refused = CliRunner().invoke(main, [*base, "--out", "-"])
    assert refused.exit_code == 2
    assert "--clauses" in refused.output
    done = CliRunner().invoke(main, [*base, "--out", "-", "--clauses", str(side)])
    assert done.exit_code in (0, 2, 3)
    assert side.read_text(encoding="utf-8").count("\n") >= 1


def test_clauses_without_compact_citations_is_refused(corpus, tmp_path):
    src, settings = corpus
    with pytest.raises(Exception, match="only with --citations ids"):
        run_batch(src, tmp_path / "o.jsonl", settings=settings, clauses=tmp_path / "c.jsonl")


def test_a_run_that_fails_leaves_neither_output_nor_side_file(corpus, tmp_path, monkeypatch):
    src, settings = corpus
    out = tmp_path / "ids.jsonl"

    def full_disk(self: Any) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr("supportcore.batch._output.AtomicOutput.commit", full_disk)
    with pytest.raises(KeyboardInterrupt):
        run_batch(src, out, settings=settings, jobs=1, citations="ids")
    assert sorted(p.name for p in tmp_path.iterdir()) == []


def test_evaluate_lines_can_leave_the_clause_texts_out():
    case = corpus_lines()[0]
    engine = Engine(corpus_settings())
    [full] = evaluate_lines([case], engine)
    [ids] = evaluate_lines([case], engine, citations="ids")
    assert citations_of(full)
    assert ids == strip_texts(full)
