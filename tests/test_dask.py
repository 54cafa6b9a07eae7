"""Batch on a Dask cluster: a ``LocalCluster`` of two worker processes on 127.0.0.1 writes,
byte for byte, what a local run writes; Dask bags and dataframes of cases give the same rows."""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from supportcore.batch import (
    BatchError,
    clause_table,
    clauses_path,
    evaluate_bag,
    evaluate_dataframe,
    run_batch,
)
from supportcore.cli import main

from .conftest import ACME_BASE, ACME_SETTINGS, FIXTURES
from .test_batch_compact import BAD_ROWS, corpus, corpus_lines, corpus_settings  # noqa: F401

distributed = pytest.importorskip("distributed")
dask = pytest.importorskip("dask")
db = pytest.importorskip("dask.bag")

#: A vendor built from the test vendor whose pricing ends the process for the case id "die".
KILLER = """
import os
import tomllib
import importlib.resources as resources

from supportcore import hookimpl
from supportcore.terms import parse_terms

SUPPORTCORE_HOOK_API = 2


@hookimpl
def supportcore_terms():
    data = tomllib.loads(resources.files("acme_support").joinpath("terms.toml").read_text())
    data["vendor"] = "killer"
    return parse_terms(data)


@hookimpl
def supportcore_pricing(ctx, eligibility, coverage):
    if ctx.case.id == "die":
        os._exit(7)
    return None
"""


@pytest.fixture(scope="module")
def cluster(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    """Two single-threaded worker processes on 127.0.0.1, the killer vendor importable there;
    a task whose worker dies is given up at once (no retries on other workers)."""
    folder = tmp_path_factory.mktemp("killer")
    (folder / "killer_vendor.py").write_text(KILLER, encoding="utf-8")
    old = os.environ.get("PYTHONPATH")
    os.environ["PYTHONPATH"] = os.pathsep.join([str(folder), str(FIXTURES), old or ""])
    sys.path.insert(0, str(folder))
    try:
        with (
            dask.config.set({"distributed.scheduler.allowed-failures": 0}),
            distributed.LocalCluster(
                n_workers=2,
                threads_per_worker=1,
                processes=True,
                host="127.0.0.1",
                dashboard_address=None,
                timeout=60,
            ) as local,
        ):
            yield local
    finally:
        sys.path.remove(str(folder))
        if old is None:
            os.environ.pop("PYTHONPATH", None)
        else:
            os.environ["PYTHONPATH"] = old


@pytest.fixture(scope="module")
def client(cluster: Any) -> Iterator[Any]:
    with distributed.Client(cluster, timeout=60) as c:
        yield c


def test_a_dask_run_writes_byte_for_byte_what_a_local_run_writes(corpus, client, tmp_path):  # noqa: F811
    src, settings = corpus
    local, remote = tmp_path / "local.jsonl", tmp_path / "dask.jsonl"
    expected = run_batch(src, local, settings=settings, jobs=1)
    summary = run_batch(src, remote, settings=settings, chunk_size=4, dask=client)
    assert remote.read_bytes() == local.read_bytes()
    assert (summary.rows, summary.ok, summary.input_errors) == (
        expected.rows,
        expected.ok,
        expected.input_errors,
    )
    assert summary.input_errors == 4  # the bad rows are error rows there too
    assert summary.jobs == 2


def test_csv_and_compact_citations_on_dask_are_those_of_a_local_run(corpus, client, tmp_path):  # noqa: F811
    src, settings = corpus
    local, remote = tmp_path / "local.csv", tmp_path / "dask.csv"
    run_batch(src, local, settings=settings, jobs=1, citations="ids")
    run_batch(src, remote, settings=settings, chunk_size=3, dask=client, citations="ids")
    assert remote.read_bytes() == local.read_bytes()
    assert clauses_path(remote).read_bytes() == clauses_path(local).read_bytes()


def test_the_command_takes_the_schedulers_address(corpus, cluster, tmp_path):  # noqa: F811
    src, _ = corpus
    settings = tmp_path / "settings.toml"
    settings.write_text(
        (Path(__file__).parent.parent / "examples/softmas/settings.toml").read_text()
    )
    local, remote = tmp_path / "local.jsonl", tmp_path / "dask.jsonl"
    args = ["batch", str(src), "--settings", str(settings), "-q", "--chunk-size", "9"]
    first = CliRunner().invoke(main, [*args, "--out", str(local), "-j", "1"])
    second = CliRunner().invoke(
        main, [*args, "--out", str(remote), "--dask", cluster.scheduler_address]
    )
    assert second.exit_code == first.exit_code
    assert remote.read_bytes() == local.read_bytes()


def test_a_row_that_kills_its_dask_worker_is_an_error_row_and_the_run_goes_on(client, tmp_path):
    cases = []
    for case_id in ["T-1", "T-2", "die", "T-4", "T-5"]:
        case = json.loads(json.dumps(ACME_BASE, default=str))
        case.update(id=case_id, vendor="killer")
        cases.append(json.dumps(case))
    src = tmp_path / "cases.jsonl"
    src.write_text("\n".join(cases) + "\n", encoding="utf-8")
    out = tmp_path / "out.jsonl"
    summary = run_batch(
        src,
        out,
        settings={"killer": ACME_SETTINGS.get("acme", {})},
        extra=[("killer", "killer_vendor")],
        entry_points=False,
        chunk_size=5,
        dask=client,
    )
    rows = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert [r["line"] for r in rows] == [1, 2, 3, 4, 5]
    assert [r["ok"] for r in rows] == [True, True, False, True, True]
    assert rows[2]["errors"][0]["field"] == "(worker)"
    assert rows[2]["case_id"] == "die"
    assert summary.plugin_errors == 1


def test_row_timeout_is_refused_with_dask(corpus, tmp_path):  # noqa: F811
    src, settings = corpus
    with pytest.raises(BatchError, match="--row-timeout"):
        run_batch(src, tmp_path / "o.jsonl", settings=settings, row_timeout=5, dask="local")


def test_a_bag_of_cases_gives_the_rows_of_a_local_run_in_order(corpus, client, tmp_path):  # noqa: F811
    src, settings = corpus
    local = tmp_path / "local.jsonl"
    run_batch(src, local, settings=settings, jobs=1)
    lines = src.read_text(encoding="utf-8").splitlines()
    bag = db.from_sequence(lines, npartitions=4)
    rows = client.compute(evaluate_bag(bag, settings=settings, as_json=True)).result(timeout=120)
    assert "\n".join(rows) + "\n" == local.read_text(encoding="utf-8")


def test_a_bag_of_dicts_or_numbered_pairs_gives_rows_as_dicts(client):
    settings = corpus_settings()
    good = [json.loads(line) for line in corpus_lines() if line not in BAD_ROWS][:6]
    pairs = [(10 + i, case) for i, case in enumerate(good)]
    numbered = evaluate_bag(
        db.from_sequence(pairs, npartitions=2), settings=settings, numbered=True
    )
    plain = evaluate_bag(db.from_sequence(good, npartitions=3), settings=settings, first_line=10)
    first = client.compute(numbered).result(timeout=120)
    second = client.compute(plain).result(timeout=120)
    assert [r["line"] for r in first] == list(range(10, 16))
    assert first == second
    assert all(isinstance(r["decision"], dict) for r in first if r["ok"])


def test_a_dataframe_of_cases_gives_a_frame_of_results(corpus, client, tmp_path):  # noqa: F811
    pd = pytest.importorskip("pandas")
    dd = pytest.importorskip("dask.dataframe")
    src, settings = corpus
    local = tmp_path / "local.jsonl"
    run_batch(src, local, settings=settings, jobs=1)
    expected = [json.loads(line) for line in local.read_text(encoding="utf-8").splitlines()]
    lines = src.read_text(encoding="utf-8").splitlines()
    frame = dd.from_pandas(pd.DataFrame({"case": lines}), npartitions=3)
    result = client.compute(evaluate_dataframe(frame, settings=settings)).result(timeout=120)
    assert list(result["line"]) == [r["line"] for r in expected]
    assert list(result["ok"]) == [r["ok"] for r in expected]
    ids = [r["decision"]["case_id"] if r["ok"] else r.get("case_id") for r in expected]
    assert [None if pd.isna(v) else v for v in result["case_id"]] == ids


def test_clause_table_lists_every_clause_rows_with_ids_point_at(corpus, client, tmp_path):  # noqa: F811
    src, settings = corpus
    out = tmp_path / "ids.jsonl"
    run_batch(src, out, settings=settings, chunk_size=5, dask=client, citations="ids")
    table = {(c["vendor"], c["terms_version"], c["clause"]): c["text"] for c in clause_table()}
    for line in clauses_path(out).read_text(encoding="utf-8").splitlines():
        cited = json.loads(line)
        key = (cited["vendor"], cited["terms_version"], cited["clause"])
        assert table[key] == cited["text"]


def test_a_bag_is_explained_in_the_language_asked_as_a_local_run_is(corpus, client, tmp_path):  # noqa: F811
    src, settings = corpus
    local = tmp_path / "local.jsonl"
    run_batch(src, local, settings=settings, jobs=1, lang="en")
    lines = src.read_text(encoding="utf-8").splitlines()
    bag = evaluate_bag(
        db.from_sequence(lines, npartitions=2), settings=settings, lang="en", as_json=True
    )
    rows = client.compute(bag).result(timeout=120)
    assert "\n".join(rows) + "\n" == local.read_text(encoding="utf-8")


def test_an_unknown_language_is_refused_before_anything_is_evaluated():
    with pytest.raises(BatchError, match="--lang"):
        evaluate_bag(db.from_sequence(["{}"]), settings=corpus_settings(), lang="xx")


def test_dask_local_starts_a_cluster_and_writes_what_a_local_run_writes(corpus, tmp_path):  # noqa: F811
    src, settings = corpus
    local, remote = tmp_path / "local.jsonl", tmp_path / "dask.jsonl"
    run_batch(src, local, settings=settings, jobs=1)
    summary = run_batch(src, remote, settings=settings, jobs=2, chunk_size=10, dask="local")
    assert remote.read_bytes() == local.read_bytes()
    assert summary.jobs == 2
