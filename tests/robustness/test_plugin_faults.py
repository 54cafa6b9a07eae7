"""Plugins that fail, through ``supportcore evaluate`` and ``supportcore batch``: every fault is a
recorded plugin failure (exit 3; a failed preparation also a warning when the engine is built),
never a traceback, never a silent exit, and the other vendors' cases are still decided.

The fault plugins are in ``fixtures/faulty_vendors.py``: ACME with one hook that raises, answers
the wrong type, exits, sleeps, ends its process or mutates the case; plus a plugin that cannot
be imported, one that exits when imported, and a second distribution claiming ACME's name.
"""

from __future__ import annotations

import json
import os
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from subprocess import CompletedProcess
from typing import Any, NamedTuple

import pytest

from .conftest import FAULT_ENTRY_POINTS, assert_no_traceback, case, run

LOAD = "is installed but failed to load"
RAISED = "RuntimeError: the vendor's database is unreachable"


class Fault(NamedTuple):
    vendor: str
    exit_code: int  #: of ``supportcore evaluate``
    says: str  #: in the message on stderr
    field: str  #: the start of the batch error row's field


def _hook_faults() -> list[Any]:
    answers = {
        "service_hours": "Service",
        "eligibility": "Eligibility",
        "exclusions": "Coverage",
        "pricing": "Quote",
        "closure": "Closure",
    }
    rows: list[Any] = []
    for hook in ("assess", "check_case", *answers):
        where = f"supportcore_{hook}"
        rows.append(
            Fault(f"f_raise_{hook}", 3, f"{where}: RuntimeError", f"f_raise_{hook}.{where}")
        )
        if hook == "assess":  # the facts may be of any type
            continue
        wrong = "yielded str" if hook == "check_case" else f"expected {answers[hook]}"
        rows.append(Fault(f"f_wrong_{hook}", 3, wrong, f"f_wrong_{hook}.{where}"))
    for hook in ("assess", "check_case", "eligibility", "pricing"):
        where = f"supportcore_{hook}"
        rows.append(Fault(f"f_exit_{hook}", 3, f"{where}: SystemExit", f"f_exit_{hook}.{where}"))
    return rows


FAULTS: list[Any] = [
    Fault("f_import", 3, f"{LOAD}: import failed: ModuleNotFoundError", "vendor"),
    Fault("f_exit_import", 3, f"{LOAD}: import failed: SystemExit", "vendor"),
    Fault("f_raise_vendor_info", 3, f"{LOAD}: identity hooks failed: RuntimeError", "vendor"),
    Fault("f_raise_terms", 3, f"{LOAD}: identity hooks failed: RuntimeError", "vendor"),
    Fault("f_wrong_vendor_info", 3, f"{LOAD}: identity hooks failed: TypeError", "vendor"),
    Fault("f_wrong_terms", 3, f"{LOAD}: identity hooks failed: TypeError", "vendor"),
    Fault(
        "f_raise_prepare",
        3,
        f"supportcore_prepare failed: {RAISED}",
        "f_raise_prepare.supportcore_prepare",
    ),
    *_hook_faults(),
    Fault("f_late_check_case", 3, "RuntimeError: the generator failed", "f_late_check_case."),
    Fault("f_text_check_case", 3, "yielded str 'this is not a Problem'", "f_text_check_case."),
    Fault("f_mutate_eligibility", 3, "TypeError: the facts of a case are read-only", "f_mutate"),
]
#: Faults while the engine is built: a warning, the vendor's cases then fail; own batch run.
EXITS_AT_START = [
    Fault(
        "f_exit_prepare",
        3,
        "supportcore_prepare failed: SystemExit",
        "f_exit_prepare.supportcore_prepare",
    )
]
#: Faults only a worker process can contain: in batch runs with workers and --row-timeout.
WORKER_ONLY = [
    Fault("f_sleep_eligibility", 3, "no decision within", "(timeout)"),
    Fault("f_kill_pricing", 3, "the worker process evaluating this row died", "(worker)"),
]
assert {f.vendor for f in FAULTS + EXITS_AT_START + WORKER_ONLY} == set(FAULT_ENTRY_POINTS)

EVALUATED = [*FAULTS, *EXITS_AT_START]


def _ids(fault: Fault) -> str:
    return fault.vendor


# --------------------------------------------------------------------------- evaluate


@pytest.fixture(scope="module")
def evaluated(
    fault_env: dict[str, str], settings_file: Path, tmp_path_factory: pytest.TempPathFactory
) -> dict[str, CompletedProcess[str]]:
    """``supportcore evaluate`` of one case per fault vendor (ACME and that vendor allowed),
    run side by side."""
    folder = tmp_path_factory.mktemp("evaluate")

    def one(fault: Fault) -> tuple[str, CompletedProcess[str]]:
        path = folder / f"{fault.vendor}.json"
        path.write_text(json.dumps(case(fault.vendor)), encoding="utf-8")
        env = dict(fault_env, SUPPORTCORE_PLUGINS=f"acme,{fault.vendor}")
        return fault.vendor, run(["evaluate", str(path), "--settings", str(settings_file)], env)

    with ThreadPoolExecutor(max_workers=(os.cpu_count() or 1) + 1) as threads:
        return dict(threads.map(one, FAULTS + EXITS_AT_START))


@pytest.mark.parametrize("fault", EVALUATED, ids=_ids)
def test_evaluate_reports_the_fault_with_its_exit_code_and_no_traceback(fault, evaluated):
    proc = evaluated[fault.vendor]
    assert_no_traceback(proc)
    assert proc.returncode == fault.exit_code, proc.stderr
    assert fault.says in proc.stderr
    assert fault.vendor in proc.stderr


def test_evaluate_of_a_sound_case_beside_the_faulty_plugins_is_decided(
    fault_env, settings_file, tmp_path
):
    path = tmp_path / "acme.json"
    path.write_text(json.dumps(case()), encoding="utf-8")
    allowed = [f.vendor for f in FAULTS]  # every fault plugin loaded at once, ACME unharmed
    env = dict(fault_env, SUPPORTCORE_PLUGINS=",".join(["acme", *allowed]))
    proc = run(["evaluate", str(path), "--settings", str(settings_file), "--json"], env)
    assert_no_traceback(proc)
    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout)["eligibility"]["status"] == "entitled"


# --------------------------------------------------------------------------- batch


def _batch(
    env: dict[str, str], settings: Path, folder: Path, faults: list[Fault], *options: str
) -> tuple[CompletedProcess[str], dict[str, dict[str, Any]]]:
    """One batch run: an ACME row, each fault's row, another ACME row; rows by case id."""
    rows = [case(case_id="acme-first")]
    rows += [case(f.vendor, case_id=f.vendor) for f in faults]
    rows.append(case(case_id="acme-last"))
    src, out = folder / "in.jsonl", folder / "out.jsonl"
    src.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    env = dict(env, SUPPORTCORE_PLUGINS=",".join(["acme", *(f.vendor for f in faults)]))
    proc = run(["batch", str(src), "--out", str(out), "--settings", str(settings), *options], env)
    assert_no_traceback(proc)
    written = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert [r["line"] for r in written] == list(range(1, len(rows) + 1))
    by_id = {r.get("case_id") or r["decision"]["case_id"]: r for r in written}
    return proc, by_id


@pytest.fixture(scope="module")
def in_process(fault_env, settings_file, tmp_path_factory):
    return _batch(fault_env, settings_file, tmp_path_factory.mktemp("batch1"), FAULTS, "-j", "1")


@pytest.fixture(scope="module")
def in_workers(fault_env, settings_file, tmp_path_factory):
    folder = tmp_path_factory.mktemp("batch2")
    options = ("-j", "2", "--chunk-size", "1", "--row-timeout", "2")
    return _batch(fault_env, settings_file, folder, FAULTS + WORKER_ONLY, *options)


def _check_row(row: dict[str, Any], fault: Fault) -> None:
    assert row["ok"] is False and row["error"] == "plugin", row
    assert row["case_id"] == fault.vendor
    assert any(e["field"].startswith(fault.field) for e in row["errors"]), row["errors"]
    assert any(fault.says in f"{e['field']}: {e['message']}" for e in row["errors"]), row


@pytest.mark.parametrize("fault", FAULTS, ids=_ids)
def test_batch_in_process_gives_the_fault_an_error_row(fault, in_process):
    proc, rows = in_process
    assert proc.returncode == 3, proc.stderr
    _check_row(rows[fault.vendor], fault)


@pytest.mark.parametrize("fault", FAULTS + WORKER_ONLY, ids=_ids)
def test_batch_in_workers_gives_the_fault_an_error_row(fault, in_workers):
    proc, rows = in_workers
    assert proc.returncode == 3, proc.stderr
    _check_row(rows[fault.vendor], fault)


@pytest.mark.parametrize("fixture", ["in_process", "in_workers"])
def test_batch_decides_the_other_vendors_rows_around_the_faults(fixture, request):
    proc, rows = request.getfixturevalue(fixture)
    for case_id in ("acme-first", "acme-last"):
        assert rows[case_id]["ok"], rows[case_id]
        assert rows[case_id]["decision"]["eligibility"]["status"] == "entitled"
    assert "rows:" in proc.stderr and "plugin failures" in proc.stderr


@pytest.mark.parametrize("fault", EXITS_AT_START, ids=_ids)
def test_batch_survives_a_plugin_exiting_while_the_engine_is_built(
    fault, fault_env, settings_file, tmp_path
):
    proc, rows = _batch(fault_env, settings_file, tmp_path, [fault], "-j", "1")
    assert proc.returncode == fault.exit_code, proc.stderr
    assert fault.says in proc.stderr
    _check_row(rows[fault.vendor], fault)
    assert rows["acme-first"]["ok"] and rows["acme-last"]["ok"]


# --------------------------------------------------------------------------- duplicate name


def test_a_vendor_name_claimed_by_two_distributions_answers_no_case(
    duplicate_env, settings_file, tmp_path
):
    path = tmp_path / "acme.json"
    path.write_text(json.dumps(case()), encoding="utf-8")
    proc = run(["evaluate", str(path), "--settings", str(settings_file)], duplicate_env)
    assert_no_traceback(proc)
    assert proc.returncode == 3
    assert "claimed by 2 distributions" in proc.stderr
    assert "supportcore-acme 2.3" in proc.stderr and "supportcore-impostor 1.0" in proc.stderr


def test_vendors_lists_both_claimants_of_a_name_as_failed(duplicate_env):
    proc = run(["vendors", "--json"], duplicate_env)
    assert_no_traceback(proc)
    assert proc.returncode == 3
    records = [r for r in json.loads(proc.stdout) if r["name"] == "acme"]
    assert sorted(r["distribution"] for r in records) == [
        "supportcore-acme",
        "supportcore-impostor",
    ]
    assert all(r["status"] == "failed" and "claimed by 2" in r["error"] for r in records)


def test_batch_gives_a_vendor_claimed_twice_error_rows(duplicate_env, settings_file, tmp_path):
    src, out = tmp_path / "in.jsonl", tmp_path / "out.jsonl"
    src.write_text(json.dumps(case()) + "\n", encoding="utf-8")
    proc = run(["batch", str(src), "-o", str(out), "--settings", str(settings_file)], duplicate_env)
    assert_no_traceback(proc)
    assert proc.returncode == 3
    (row,) = [json.loads(line) for line in out.read_text().splitlines()]
    assert row["error"] == "plugin" and row["errors"][0]["field"] == "vendor"
    assert "claimed by 2 distributions" in row["errors"][0]["message"]
