"""Batch evaluation: JSON Lines and CSV in and out, order, error rows, exit codes, atomic output,
the Python API; and the hot-path shortcuts batch relies on (they must not change any answer)."""

from __future__ import annotations

import copy
import csv
import io
import json
import os
import stat
from pathlib import Path
from typing import Any

import acme_support
import attrs
import pytest
import tomli_w
from click.testing import CliRunner

from supportcore import Engine, hookimpl, load_plugins
from supportcore.batch import (
    BatchError,
    BatchSummary,
    CsvColumns,
    evaluate_lines,
    evaluate_records,
    run_batch,
)
from supportcore.cli import main
from supportcore.convert import converter, decision_to_dict, decision_to_json, to_json
from supportcore.decision import Decision, Service
from supportcore.model import Channel

from .conftest import ACME_BASE, ACME_SETTINGS, FIXTURES

# A second test vendor, built from ACME's terms, whose pricing fails on request: cases with id
# "boom…" make the hook raise; id "die" kills the process evaluating it (a crashing plugin).
BOOM = """
import os
import tomllib
import importlib.resources as resources

from supportcore import hookimpl
from supportcore.terms import parse_terms

SUPPORTCORE_HOOK_API = 2


@hookimpl
def supportcore_terms():
    data = tomllib.loads(resources.files("acme_support").joinpath("terms.toml").read_text())
    data["vendor"] = "boom"
    return parse_terms(data)


@hookimpl
def supportcore_pricing(ctx, eligibility, coverage):
    if ctx.case.id == "die":
        os._exit(7)
    if ctx.case.id.startswith("boom"):
        raise ZeroDivisionError("tariff table is empty")
    return None
"""


def acme_case(i: int, **changes: Any) -> dict[str, Any]:
    data = copy.deepcopy(ACME_BASE)
    data["id"] = f"T-{i}"
    for key, value in changes.items():
        node = data
        *path, last = key.split(".")
        for part in path:
            node = node[part]
        node[last] = value
    return data


@pytest.fixture
def installed(fake_dists, monkeypatch, tmp_path):
    """ACME and BOOM installed as entry points, visible to worker processes too."""
    root = fake_dists("supportcore-acme", {"acme": "acme_support"})
    fake_dists("supportcore-boom", {"boom": "boom_vendor"}, {"boom_vendor.py": BOOM})
    path = os.pathsep.join([str(root), str(FIXTURES), os.environ.get("PYTHONPATH", "")])
    monkeypatch.setenv("PYTHONPATH", path)
    monkeypatch.setenv("SUPPORTCORE_PLUGINS", "acme,boom")
    monkeypatch.delenv("SUPPORTCORE_STRICT", raising=False)
    settings = tmp_path / "settings.toml"
    settings.write_text(tomli_w.dumps(ACME_SETTINGS))
    return settings


def write_jsonl(path: Path, rows: list[Any]) -> Path:
    with path.open("w", encoding="utf-8") as f:
        for row in rows:
            f.write(row if isinstance(row, str) else json.dumps(row))
            f.write("\n")
    return path


def read_jsonl(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def cli(*args: str):
    return CliRunner().invoke(main, ["batch", *args], catch_exceptions=False)


MIXED = [
    acme_case(1),
    "{this is not json",
    acme_case(3, **{"request.received_at": "2025-03-03T09:00:00"}),
    acme_case(4, vendor="nobody"),
    acme_case(5, **{"request.category": "training"}),
    "[1, 2, 3]",
    acme_case(7, colour="blue"),
    acme_case(8),
]


# --------------------------------------------------------------------------- JSON Lines


def test_every_row_ok_gives_one_decision_per_case_in_order_and_exit_0(installed, tmp_path):
    src = write_jsonl(tmp_path / "in.jsonl", [acme_case(i) for i in range(5)])
    out = tmp_path / "out.jsonl"
    result = cli(str(src), "--out", str(out), "--settings", str(installed))
    assert result.exit_code == 0, result.output
    rows = read_jsonl(out)
    assert [r["line"] for r in rows] == [1, 2, 3, 4, 5]
    assert all(r["ok"] for r in rows)
    assert [r["decision"]["case_id"] for r in rows] == [f"T-{i}" for i in range(5)]
    assert rows[0]["decision"]["eligibility"]["status"] == "entitled"


def test_bad_rows_become_error_rows_naming_line_and_field_and_the_others_go_on(installed, tmp_path):
    src = write_jsonl(tmp_path / "in.jsonl", MIXED)
    out = tmp_path / "out.jsonl"
    result = cli(str(src), "--out", str(out), "--settings", str(installed), "-j", "1")
    assert result.exit_code == 2
    rows = {r["line"]: r for r in read_jsonl(out)}
    assert sorted(rows) == [1, 2, 3, 4, 5, 6, 7, 8]
    assert rows[1]["ok"] and rows[5]["ok"] and rows[8]["ok"]
    assert rows[5]["decision"]["coverage"]["status"] == "billable"
    assert rows[2] == {
        "line": 2,
        "ok": False,
        "error": "input",
        "errors": [
            {
                "field": "(line)",
                "message": "not valid JSON: Expecting property name enclosed in double quotes "
                "at column 2",
            }
        ],
    }
    assert rows[3]["errors"][0]["field"] == "request.received_at"
    assert rows[3]["errors"][0]["message"].startswith("needs a time zone")
    assert rows[3]["case_id"] == "T-3"
    assert rows[4]["errors"] == [
        {"field": "vendor", "message": "unknown vendor 'nobody' (installed: acme, boom)"}
    ]
    assert rows[6]["errors"] == [{"field": "(case)", "message": "a case must be a JSON object"}]
    assert rows[7]["errors"] == [{"field": "(case)", "message": "unknown key(s): colour"}]


def test_blank_lines_are_skipped_but_line_numbers_stay_those_of_the_file(installed, tmp_path):
    src = write_jsonl(tmp_path / "in.jsonl", [acme_case(1), "", "   ", acme_case(4)])
    out = tmp_path / "out.jsonl"
    assert cli(str(src), "--out", str(out), "--settings", str(installed)).exit_code == 0
    assert [r["line"] for r in read_jsonl(out)] == [1, 4]


def test_a_failing_plugin_makes_an_error_row_with_its_undetermined_decision_and_exit_3(
    installed, tmp_path
):
    rows_in = [acme_case(1), acme_case(2, vendor="boom", id="boom-2"), acme_case(3, id="x")]
    rows_in.append(acme_case(4, **{"request.received_at": "nonsense"}))
    src = write_jsonl(tmp_path / "in.jsonl", rows_in)
    out = tmp_path / "out.jsonl"
    result = cli(str(src), "--out", str(out), "--settings", str(installed))
    assert result.exit_code == 3  # a plugin failure outranks bad input
    rows = read_jsonl(out)
    assert [r["ok"] for r in rows] == [True, False, True, False]
    failed = rows[1]
    assert failed["error"] == "plugin" and failed["case_id"] == "boom-2"
    assert failed["errors"] == [
        {"field": "boom.supportcore_pricing", "message": "ZeroDivisionError: tariff table is empty"}
    ]
    assert failed["decision"]["price"]["status"] == "undetermined"
    assert failed["decision"]["failures"][0]["hook"] == "supportcore_pricing"
    assert rows[3]["error"] == "input"


def test_in_strict_mode_a_failing_plugin_row_has_no_decision(installed, tmp_path):
    src = write_jsonl(tmp_path / "in.jsonl", [acme_case(1, vendor="boom", id="boom-1")])
    out = tmp_path / "out.jsonl"
    result = cli(str(src), "--out", str(out), "--settings", str(installed), "--strict")
    assert result.exit_code == 3
    (row,) = read_jsonl(out)
    assert row == {
        "line": 1,
        "ok": False,
        "error": "plugin",
        "case_id": "boom-1",
        "errors": [
            {
                "field": "boom.supportcore_pricing",
                "message": "ZeroDivisionError: tariff table is empty",
            }
        ],
    }


def test_at_evaluates_every_row_at_that_instant(installed, tmp_path):
    src = write_jsonl(tmp_path / "in.jsonl", [acme_case(1), acme_case(2)])
    out = tmp_path / "out.jsonl"
    at = "2025-03-04T12:00:00+01:00"
    assert cli(str(src), "-o", str(out), "--settings", str(installed), "--at", at).exit_code == 0
    assert {r["decision"]["evaluated_at"] for r in read_jsonl(out)} == {at}


def test_input_from_stdin(installed, tmp_path):
    out = tmp_path / "out.jsonl"
    text = json.dumps(acme_case(1)) + "\n" + json.dumps(acme_case(2)) + "\n"
    result = CliRunner().invoke(
        main, ["batch", "-", "--out", str(out), "--settings", str(installed)], input=text
    )
    assert result.exit_code == 0, result.output
    assert [r["decision"]["case_id"] for r in read_jsonl(out)] == ["T-1", "T-2"]


# --------------------------------------------------------------------------- parallel workers


def test_two_workers_write_exactly_what_one_process_writes_in_input_order(installed, tmp_path):
    rows_in: list[Any] = []
    for i in range(60):
        rows_in.append(MIXED[i % len(MIXED)] if i % 5 else acme_case(1000 + i))
    rows_in.append(acme_case(99, vendor="boom", id="boom-99"))
    src = write_jsonl(tmp_path / "in.jsonl", rows_in)
    one, two = tmp_path / "one.jsonl", tmp_path / "two.jsonl"
    r1 = cli(str(src), "-o", str(one), "--settings", str(installed), "-j", "1")
    r2 = cli(str(src), "-o", str(two), "--settings", str(installed), "-j", "2", "--chunk-size", "4")
    assert r1.exit_code == r2.exit_code == 3
    assert "2 workers" in r2.output
    assert one.read_bytes() == two.read_bytes()
    assert [r["line"] for r in read_jsonl(two)] == list(range(1, 62))


def test_a_row_whose_plugin_kills_its_worker_is_an_error_row_and_the_run_goes_on(
    installed, tmp_path
):
    rows_in = [acme_case(i) for i in range(12)]
    rows_in[7] = acme_case(7, vendor="boom", id="die")
    src = write_jsonl(tmp_path / "in.jsonl", rows_in)
    out = tmp_path / "out.jsonl"
    result = cli(
        str(src), "-o", str(out), "--settings", str(installed), "-j", "2", "--chunk-size", "2"
    )
    assert result.exit_code == 3
    rows = read_jsonl(out)
    assert [r["ok"] for r in rows] == [True] * 7 + [False] + [True] * 4
    assert rows[7]["case_id"] == "die" and rows[7]["errors"][0]["field"] == "(worker)"
    assert "worker process evaluating this row died" in rows[7]["errors"][0]["message"]
    assert not [p.name for p in tmp_path.iterdir() if p.name.endswith(".part")]


def test_workers_that_keep_dying_stop_the_run_and_write_nothing(installed, tmp_path, monkeypatch):
    monkeypatch.setattr("supportcore.batch._workers.MAX_DEATHS", 1)
    rows_in = [acme_case(i, vendor="boom", id="die") for i in range(6)]
    src = write_jsonl(tmp_path / "in.jsonl", rows_in)
    out = tmp_path / "out.jsonl"
    out.write_text("previous results\n")
    with pytest.raises(BatchError, match="worker process died") as failed:
        run_batch(src, out, settings=installed, jobs=2, chunk_size=1)
    assert failed.value.exit_code == 3
    assert out.read_text() == "previous results\n"
    assert not [p.name for p in tmp_path.iterdir() if p.name.endswith(".part")]


# --------------------------------------------------------------------------- CSV

CSV_HEADER = [
    "vendor",
    "id",
    "at",
    "customer.tax_id.country",
    "customer.tax_id.number",
    "licences[0].product",
    "licences[0].acquired_on",
    "licences[0].seats",
    "request.product",
    "request.category",
    "request.channel",
    "request.received_at",
    "request.urgent",
]


def csv_text(rows: list[list[str]], header: list[str] = CSV_HEADER) -> str:
    buf = io.StringIO()
    writer = csv.writer(buf)
    writer.writerow(header)
    writer.writerows(rows)
    return buf.getvalue()


def csv_row(case_id: str, **changes: str) -> list[str]:
    values = {
        "vendor": "acme",
        "id": case_id,
        "at": "2025-03-03T10:00:00[Europe/Madrid]",
        "customer.tax_id.country": "ES",
        "customer.tax_id.number": "B12345674",
        "licences[0].product": "Widget",
        "licences[0].acquired_on": "2025-01-10",
        "licences[0].seats": "2",
        "request.product": "Widget",
        "request.category": "installation",
        "request.channel": "phone",
        "request.received_at": "2025-03-03T09:00:00+01:00",
        "request.urgent": "false",
    }
    values.update(changes)
    return [values[c] for c in CSV_HEADER]


def test_csv_in_csv_out_with_dotted_columns_typed_by_the_model(installed, tmp_path):
    src = tmp_path / "cases.csv"
    src.write_text(
        csv_text(
            [
                csv_row("C-1"),
                csv_row("C-2", **{"request.urgent": "maybe"}),
                csv_row("C-3", **{"request.category": "training", "licences[0].seats": ""}),
                csv_row("C-4", **{"licences[0].seats": "two"}),
            ]
        )
    )
    out = tmp_path / "out.csv"
    result = cli(str(src), "--out", str(out), "--settings", str(installed))
    assert result.exit_code == 2, result.output
    rows = list(csv.DictReader(out.read_text().splitlines()))
    assert [r["line"] for r in rows] == ["2", "3", "4", "5"]  # the header is line 1
    first = rows[0]
    assert (first["ok"], first["case_id"], first["vendor"], first["eligibility"]) == (
        "true",
        "C-1",
        "acme",
        "entitled",
    )
    assert first["coverage"] == "covered" and first["currency"] == "EUR"
    assert json.loads(first["decision"])["case_id"] == "C-1"
    assert rows[1]["ok"] == "false" and rows[1]["error"] == "input"
    assert rows[1]["errors"] == "request.urgent: expected true or false, got 'maybe'"
    assert rows[1]["decision"] == ""
    assert rows[2]["price_status"] == "complete" and rows[2]["price_total"] == "60.50"
    assert rows[3]["errors"] == "licences[0].seats: expected an integer, got 'two'"


def test_csv_case_column_holds_a_whole_case_and_columns_override_it(installed, tmp_path):
    src = tmp_path / "cases.csv"
    whole = json.dumps(acme_case(1))
    src.write_text(
        csv_text(
            [[whole, ""], [whole, "hardware"], ["{not json", ""]], ["case", "request.category"]
        )
    )
    out = tmp_path / "out.jsonl"
    assert cli(str(src), "--out", str(out), "--settings", str(installed)).exit_code == 2
    rows = read_jsonl(out)
    assert rows[0]["decision"]["coverage"]["status"] == "covered"
    assert rows[1]["decision"]["coverage"]["status"] == "excluded"
    assert rows[2]["errors"][0]["field"] == "case"
    assert rows[2]["errors"][0]["message"].startswith("not valid JSON")


def test_csv_header_naming_no_field_of_a_case_is_refused_before_anything_is_written(
    installed, tmp_path
):
    src = tmp_path / "cases.csv"
    src.write_text(csv_text([], ["vendor", "request.categroy"]))
    out = tmp_path / "out.csv"
    result = cli(str(src), "--out", str(out), "--settings", str(installed))
    assert result.exit_code == 2
    assert "request.categroy" in result.output and "no field 'categroy'" in result.output
    assert not out.exists()


def test_csv_columns_read_lists_and_tables_as_json():
    columns = CsvColumns(["vendor", "contracts[0].channels", "request.facts", "request.facts.x"])
    data = columns.case_dict(["acme", '["phone", "email"]', '{"a": "b"}', "y"])
    assert data == {
        "vendor": "acme",
        "contracts": [{"channels": ["phone", "email"]}],
        "request": {"facts": {"a": "b", "x": "y"}},
    }


def test_evaluate_records_is_the_csv_iterator_api(engine):
    records = [CSV_HEADER, csv_row("C-1"), [""] * len(CSV_HEADER), csv_row("C-3")]
    rows = list(evaluate_records(records, engine))
    assert [(r["line"], r["ok"]) for r in rows] == [(2, True), (4, True)]


# --------------------------------------------------------------------------- atomic output


def test_an_interrupted_run_leaves_the_target_untouched_and_no_temporary_file(
    installed, tmp_path, monkeypatch
):
    src = write_jsonl(tmp_path / "in.jsonl", [acme_case(i) for i in range(20)])
    out = tmp_path / "out.jsonl"
    real = Engine.evaluate

    def interrupted(self, case, **kw):
        if case.get("id") == "T-13":
            raise KeyboardInterrupt
        return real(self, case, **kw)

    monkeypatch.setattr(Engine, "evaluate", interrupted)
    with pytest.raises(KeyboardInterrupt):
        run_batch(src, out, settings=installed, jobs=1, chunk_size=5)
    assert not out.exists()
    out.write_text("yesterday's results\n")
    with pytest.raises(KeyboardInterrupt):
        run_batch(src, out, settings=installed, jobs=1, chunk_size=5)
    assert out.read_text() == "yesterday's results\n"
    assert not [p.name for p in tmp_path.iterdir() if p.name.endswith(".part")]


def test_the_command_reports_an_interruption(installed, tmp_path, monkeypatch):
    src = write_jsonl(tmp_path / "in.jsonl", [acme_case(1)])
    out = tmp_path / "out.jsonl"

    def interrupted(self, case, **kw):
        raise KeyboardInterrupt

    monkeypatch.setattr(Engine, "evaluate", interrupted)
    result = cli(str(src), "--out", str(out), "--settings", str(installed))
    assert result.exit_code == 130 and "was not written" in result.output
    assert not out.exists()


def test_output_gets_an_ordinary_file_mode_not_the_temporary_files(installed, tmp_path):
    src = write_jsonl(tmp_path / "in.jsonl", [acme_case(1)])
    out = tmp_path / "out.jsonl"
    run_batch(src, out, settings=installed)
    mode = stat.S_IMODE(out.stat().st_mode)
    umask = os.umask(0)
    os.umask(umask)
    assert mode == 0o666 & ~umask


def test_run_that_cannot_start_writes_nothing_and_says_why(installed, tmp_path):
    out = tmp_path / "out.jsonl"
    result = cli(str(tmp_path / "missing.jsonl"), "--out", str(out))
    assert result.exit_code == 2 and "cannot read input" in result.output
    bad = tmp_path / "bad.toml"
    bad.write_text('[acme]\nhourly_rate = "lots"\n')
    src = write_jsonl(tmp_path / "in.jsonl", [acme_case(1)])
    result = cli(str(src), "--out", str(out), "--settings", str(bad))
    assert result.exit_code == 2 and "acme.hourly_rate" in result.output
    result = cli(str(src), "--out", str(tmp_path / "nowhere" / "out.jsonl"))
    assert result.exit_code == 2 and "cannot write output" in result.output
    result = cli(str(src), "--out", str(out), "--at", "yesterday")
    assert result.exit_code == 2 and "--at" in result.output
    assert not out.exists()


# ---------------------------------------------------------------- Python API and progress


def test_run_batch_returns_a_summary(installed, tmp_path):
    src = write_jsonl(tmp_path / "in.jsonl", MIXED)
    summary = run_batch(src, tmp_path / "out.jsonl", settings=ACME_SETTINGS, jobs=1)
    assert isinstance(summary, BatchSummary)
    assert (summary.rows, summary.ok, summary.input_errors, summary.plugin_errors) == (8, 3, 5, 0)
    assert summary.exit_code == 2 and summary.jobs == 1
    assert summary.output == tmp_path / "out.jsonl" and summary.rows_per_second > 0


def test_run_batch_with_an_extra_plugin_module_and_no_entry_points(tmp_path, monkeypatch):
    monkeypatch.setenv("PYTHONPATH", str(FIXTURES))
    src = write_jsonl(tmp_path / "in.jsonl", [acme_case(i) for i in range(9)])
    summary = run_batch(
        src,
        tmp_path / "out.jsonl",
        settings=ACME_SETTINGS,
        extra=[("acme", acme_support)],
        entry_points=False,
        jobs=2,
        chunk_size=2,
    )
    assert (summary.ok, summary.jobs) == (9, 2)


def test_small_input_is_evaluated_in_process_whatever_jobs_says(installed, tmp_path):
    src = write_jsonl(tmp_path / "in.jsonl", [acme_case(1), acme_case(2)])
    summary = run_batch(src, tmp_path / "out.jsonl", settings=installed, jobs=4)
    assert summary.jobs == 1 and summary.ok == 2


def test_run_batch_refuses_bad_options(installed, tmp_path):
    src = write_jsonl(tmp_path / "in.jsonl", [acme_case(1)])
    with pytest.raises(BatchError, match="jobs must be at least 1"):
        run_batch(src, tmp_path / "o.jsonl", jobs=0)
    with pytest.raises(BatchError, match="--output-format"):
        run_batch(src, tmp_path / "o.jsonl", output_format="xml")


def test_evaluate_lines_yields_result_rows_in_process(engine):
    lines = [json.dumps(acme_case(1)), "", "nope", json.dumps(acme_case(4)).encode()]
    rows = list(evaluate_lines(lines, engine))
    assert [(r["line"], r["ok"]) for r in rows] == [(1, True), (3, False), (4, True)]
    assert rows[0]["decision"] == decision_to_dict(engine.evaluate(acme_case(1)))


def test_evaluate_lines_and_records_explain_every_row_in_the_language_asked_for(engine):
    lines = [json.dumps(acme_case(1)), json.dumps(acme_case(2))]
    for lang in ("es", "nl", "en"):
        rows = list(evaluate_lines(lines, engine, lang=lang))
        assert [r["decision"]["lang"] for r in rows] == [lang, lang]
        assert rows[0]["decision"] == decision_to_dict(engine.evaluate(acme_case(1), lang=lang))
    records = [["vendor", "case"], ["acme", json.dumps(acme_case(1))]]
    [row] = evaluate_records(records, engine, lang="nl")
    assert row["decision"]["lang"] == "nl"
    with pytest.raises(ValueError, match="tlh"):
        list(evaluate_lines(lines, engine, lang="tlh"))


def test_progress_is_quiet_when_stderr_is_not_a_terminal(installed, tmp_path, capfd):
    src = write_jsonl(tmp_path / "in.jsonl", [acme_case(1)])
    run_batch(src, tmp_path / "out.jsonl", settings=installed, progress=None)
    assert capfd.readouterr().err == ""
    run_batch(src, tmp_path / "out.jsonl", settings=installed, progress=True)
    assert "rows" in capfd.readouterr().err


def test_progress_counts_rows_decided_with_their_rate(installed, tmp_path, capfd, monkeypatch):
    monkeypatch.setenv("COLUMNS", "200")
    src = write_jsonl(tmp_path / "in.jsonl", [acme_case(i) for i in range(30)])
    run_batch(src, tmp_path / "out.jsonl", settings=installed, progress=True, chunk_size=4, jobs=2)
    err = capfd.readouterr().err
    assert "30 rows decided" in err and "/s" in err and "100%" in err


def test_the_command_prints_a_summary_unless_quiet(installed, tmp_path):
    src = write_jsonl(tmp_path / "in.jsonl", [acme_case(1)])
    out = tmp_path / "out.jsonl"
    result = cli(str(src), "--out", str(out), "--settings", str(installed))
    assert "1 rows: 1 ok, 0 bad input, 0 plugin failures" in result.output
    assert "━" not in result.output  # no progress bar off a terminal
    result = cli(str(src), "--out", str(out), "--settings", str(installed), "-q")
    assert result.output == ""


# --------------------------------------------------------------------------- hot-path shortcuts


def _decisions(engine: Engine) -> list[Decision]:
    changes = [
        {},
        {"request.category": "training"},
        {"request.category": "hardware"},
        {"request.category": "widget_jam"},
        {"licences": []},
        {"at": "2026-03-03T10:00:00+01:00"},
        {"customer.tax_id.number": "B00000000"},
        {"ticket": {"events": [{"at": "2025-03-01T09:00:00+01:00", "kind": "vendor_reply"}]}},
    ]
    out = []
    for change in changes:
        case = acme_case(1)
        for key, value in change.items():
            node = case
            *path, last = key.split(".")
            for part in path:
                node = node[part]
            node[last] = value
        out.append(engine.evaluate(case))
    return out


def test_generated_writers_give_exactly_the_converters_result(engine):
    compact = dict(ensure_ascii=False, separators=(",", ":"), default=str)
    decisions = _decisions(engine)
    failing = Engine(ACME_SETTINGS, entry_points=False, extra=[("acme", _raising_acme())])
    decisions.append(failing.evaluate(acme_case(1)))
    assert decisions[-1].failures
    for d in decisions:
        assert decision_to_dict(d) == converter.unstructure(d)
        assert decision_to_json(d) == json.dumps(converter.unstructure(d), **compact)


def test_decision_dicts_share_nothing_even_where_citations_are_remembered(engine):
    first = decision_to_dict(engine.evaluate(acme_case(1)))
    citation = first["eligibility"]["basis"][0]["citations"][0]
    citation["text"] = "scribbled over"
    again = decision_to_dict(engine.evaluate(acme_case(1)))
    assert again["eligibility"]["basis"][0]["citations"][0]["text"] != "scribbled over"


def test_generated_writers_defer_to_the_converter_for_values_off_their_type(engine):
    d = engine.evaluate(acme_case(1))
    odd = attrs.evolve(
        d,
        service=Service(channel=Channel.PHONE, open_now=1),  # type: ignore[arg-type]
        case_id=17,  # type: ignore[arg-type]
    )
    assert decision_to_dict(odd) == converter.unstructure(odd)
    assert json.loads(to_json(odd)) == json.loads(json.dumps(converter.unstructure(odd)))


def _raising_acme() -> object:
    class Raising:
        SUPPORTCORE_HOOK_API = 2
        supportcore_terms = staticmethod(acme_support.supportcore_terms)

        @hookimpl
        def supportcore_exclusions(self, ctx):  # takes fewer arguments than the spec offers
            raise LookupError("no such category table")

    return Raising()


def test_directly_called_hooks_behave_as_through_pluggy():
    plugins = load_plugins(entry_points=False, extra=[("acme", _raising_acme())])
    direct = Engine(ACME_SETTINGS, plugins=plugins)
    monitored_plugins = load_plugins(entry_points=False, extra=[("acme", _raising_acme())])
    calls: list[str] = []
    monitored_plugins.pm.add_hookcall_monitoring(
        lambda name, impls, kw: calls.append(name), lambda *a: None
    )
    monitored = Engine(ACME_SETTINGS, plugins=monitored_plugins)  # goes through pluggy
    a, b = direct.evaluate(acme_case(1)), monitored.evaluate(acme_case(1))
    assert "supportcore_exclusions" in calls
    assert a == b
    assert a.failures[0].error == "LookupError: no such category table"
    assert a.coverage.status == "undetermined"


def test_an_overlay_registered_after_the_engine_was_built_is_still_called(engine, acme):
    class Overlay:
        SUPPORTCORE_HOOK_API = 2

        @hookimpl(wrapper=True)
        def supportcore_exclusions(self, ctx, eligibility):
            coverage = yield
            return attrs.evolve(coverage, status="excluded")

    before = engine.evaluate(acme.case())
    assert before.coverage.status == "covered"
    engine.plugins.pm.register(Overlay(), name="late-overlay")
    assert engine.evaluate(acme.case()).coverage.status == "excluded"


def test_a_row_that_breaks_the_reader_is_still_only_that_rows_error(
    installed, tmp_path, monkeypatch
):
    real = CsvColumns.case_dict

    def brittle(self, cells):
        if cells[1] == "C-2":
            raise TypeError("unexpected")
        return real(self, cells)

    monkeypatch.setattr(CsvColumns, "case_dict", brittle)
    src = tmp_path / "cases.csv"
    src.write_text(csv_text([csv_row("C-1"), csv_row("C-2"), csv_row("C-3")]))
    summary = run_batch(src, tmp_path / "out.jsonl", settings=installed, jobs=1)
    assert (summary.ok, summary.input_errors) == (2, 1)
    row = read_jsonl(tmp_path / "out.jsonl")[1]
    assert row["errors"] == [{"field": "(row)", "message": "cannot be read: TypeError: unexpected"}]
