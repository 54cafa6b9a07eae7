"""Batch faults, through ``supportcore batch`` in a subprocess: bad rows (huge integers, broken
JSON, an unclosed CSV quote, truncated input) are error rows naming their line and field while
the other rows are decided; outputs that are not regular files are written straight, never
replaced; a full disk, Ctrl-C, SIGTERM and SIGKILL leave no temporary file and no worker.
"""

from __future__ import annotations

import csv
import io
import json
import os
import signal
import socket
import stat
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import Any

import pytest

from supportcore.batch import escape_formula

from .conftest import SUPPORTCORE, assert_no_traceback, case, run

HUGE = "1" + "0" * 4999  # 5,000 digits
LINUX = sys.platform.startswith("linux")


def jsonl(*rows: Any) -> str:
    return "".join((r if isinstance(r, str) else json.dumps(r)) + "\n" for r in rows)


def read_rows(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def parts(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".part"))


@pytest.fixture
def env(fault_env: dict[str, str]) -> dict[str, str]:
    return dict(fault_env, SUPPORTCORE_PLUGINS="acme,f_sleep_eligibility,f_raise_pricing")


def batch(env: dict[str, str], settings: Path, src: Path | str, out: Path | str, *options: str):
    args = ["batch", str(src), "--out", str(out), "--settings", str(settings), *options]
    proc = run(args, env)
    assert_no_traceback(proc)
    return proc


# --------------------------------------------------------------------------- bad rows, JSON Lines

GOOD = case(case_id="good")
JSON_ROWS = [
    # (label, the row's text, the error's field, what its message says)
    (
        "huge-int-field",
        jsonl(case(case_id="x", at=0)).replace('"at": 0', f'"at": {HUGE}').strip(),
        "at",
        "5,000 digits",
    ),
    (
        "huge-int-seats",
        json.dumps(case(case_id="x")).replace('"version": "5"', f'"seats": {HUGE}'),
        "licences[0].seats",
        "5,000 digits",
    ),
    ("not-json", "{this is not json", "(line)", "not valid JSON"),
    ("duplicate-key", '{"vendor": "acme", "vendor": "acme"}', "(line)", "appears twice"),
    ("too-deep", "[" * 100_000 + "]" * 100_000, "(line)", "nested"),
    ("not-an-object", "[1, 2, 3]", "(case)", "JSON object"),
    ("unknown-vendor", json.dumps(case("nobody", case_id="x")), "vendor", "unknown vendor"),
    ("bad-instant", json.dumps(case(case_id="x", at="yesterday")), "at", ""),
]


@pytest.fixture(scope="module")
def json_rows(fault_env, settings_file, tmp_path_factory):
    """One run over every bad JSON row, each between good rows, then a truncated last line and
    a line that is not UTF-8."""
    folder = tmp_path_factory.mktemp("json-rows")
    src, out = folder / "in.jsonl", folder / "out.jsonl"
    text = jsonl(GOOD, *(t for row in JSON_ROWS for t in (row[1], GOOD)))
    data = text.encode() + b'{"vendor": "acme", "id": "\xff\xfe"}\n' + jsonl(GOOD).encode()
    data += json.dumps(case(case_id="cut")).encode()[:80]  # the last line, cut short
    src.write_bytes(data)
    env = dict(fault_env, SUPPORTCORE_PLUGINS="acme")
    proc = batch(env, settings_file, src, out, "-j", "2", "--chunk-size", "3")
    return proc, {r["line"]: r for r in read_rows(out)}


@pytest.mark.parametrize("label, text, field, says", JSON_ROWS, ids=[r[0] for r in JSON_ROWS])
def test_a_bad_json_row_is_an_error_row_naming_its_line_and_field(
    json_rows, label, text, field, says
):
    _proc, rows = json_rows
    line = 2 + 2 * [r[0] for r in JSON_ROWS].index(label)
    row = rows[line]
    assert row["ok"] is False and row["error"] == "input", row
    assert any(e["field"] == field and says in e["message"] for e in row["errors"]), row
    assert rows[line + 1]["ok"] and rows[line - 1]["ok"]  # the rows around it are decided


def test_bad_utf8_and_a_truncated_last_line_are_error_rows_and_the_run_completes(json_rows):
    proc, rows = json_rows
    assert proc.returncode == 2, proc.stderr
    last = max(rows)
    assert rows[last]["errors"][0]["field"] == "(line)"
    assert rows[last]["errors"][0]["message"].startswith("not valid JSON")
    utf8 = rows[last - 2]["errors"][0]
    assert utf8 == {"field": "(line)", "message": utf8["message"]} and "UTF-8" in utf8["message"]
    assert rows[last - 1]["ok"]
    assert len(rows) == last  # one row per input line, none lost


# --------------------------------------------------------------------------- bad rows, CSV

CSV_HEADER = ["vendor", "id", "at", "licences[0].product", "licences[0].acquired_on",
              "licences[0].seats", "request.product", "request.category", "request.channel",
              "request.received_at"]  # fmt: skip


def csv_row(case_id: str, **cells: str) -> list[str]:
    values = {
        "vendor": "acme",
        "id": case_id,
        "at": "2025-03-03T10:00:00[Europe/Madrid]",
        "licences[0].product": "Widget",
        "licences[0].acquired_on": "2025-01-10",
        "licences[0].seats": "2",
        "request.product": "Widget",
        "request.category": "installation",
        "request.channel": "phone",
        "request.received_at": "2025-03-03T09:00:00+01:00",
    }
    values.update(cells)
    return [values[c] for c in CSV_HEADER]


def csv_line(cells: list[str]) -> str:
    buf = io.StringIO()
    csv.writer(buf).writerow(cells)
    return buf.getvalue()


CSV_ROWS = [
    # (label, the record's text, the error's field, what its message says)
    (
        "huge-int-column",
        csv_line(csv_row("x", **{"licences[0].seats": HUGE})),
        "licences[0].seats",
        "5,000 digits",
    ),
    (
        "not-an-integer",
        csv_line(csv_row("x", **{"licences[0].seats": "two"})),
        "licences[0].seats",
        "expected an integer",
    ),
    ("text-after-a-quote", 'acme,"x"y,2025-03-03\n', "(row)", "not valid CSV"),
    ("space-after-a-quote", 'acme,"x" ,2025-03-03\n', "(row)", "',' expected after '\"'"),
    ("too-many-cells", csv_line([*csv_row("x"), "extra"]), "(row)", "header has 10 columns"),
    ("bad-vendor", csv_line(csv_row("x", vendor="nobody")), "vendor", "unknown vendor"),
]


@pytest.fixture(scope="module")
def csv_rows(fault_env, settings_file, tmp_path_factory):
    folder = tmp_path_factory.mktemp("csv-rows")
    src, out = folder / "in.csv", folder / "out.jsonl"
    text = csv_line(CSV_HEADER) + csv_line(csv_row("good"))
    for _, record, _, _ in CSV_ROWS:
        text += record + csv_line(csv_row("good"))
    data = text.encode() + "acme,x\xff,2025\n".encode("latin-1") + csv_line(csv_row("g")).encode()
    # an unclosed quote: the record runs to the end of the file, swallowing two more records
    data += b'acme,"unclosed,2025-03-03\n' + csv_line(csv_row("lost")).encode() * 2
    src.write_bytes(data)
    env = dict(fault_env, SUPPORTCORE_PLUGINS="acme")
    proc = batch(env, settings_file, src, out, "--chunk-size", "2", "-j", "2")
    return proc, {r["line"]: r for r in read_rows(out)}


@pytest.mark.parametrize("label, text, field, says", CSV_ROWS, ids=[r[0] for r in CSV_ROWS])
def test_a_bad_csv_record_is_an_error_row_naming_its_line_and_column(
    csv_rows, label, text, field, says
):
    _proc, rows = csv_rows
    line = 3 + 2 * [r[0] for r in CSV_ROWS].index(label)
    row = rows[line]
    assert row["ok"] is False and row["error"] == "input", row
    assert any(e["field"] == field and says in e["message"] for e in row["errors"]), row
    assert rows[line - 1]["ok"] and rows[line + 1]["ok"]


def test_a_csv_cell_that_is_not_utf8_names_its_column(csv_rows):
    _proc, rows = csv_rows
    line = 3 + 2 * len(CSV_ROWS)
    assert rows[line]["errors"] == [{"field": "id", "message": "not UTF-8 text"}]
    assert rows[line + 1]["ok"]


def test_an_unclosed_csv_quote_is_an_error_row_at_the_line_it_opened_not_silence(csv_rows):
    proc, rows = csv_rows
    assert proc.returncode == 2
    line = 5 + 2 * len(CSV_ROWS)
    (problem,) = rows[line]["errors"]
    assert problem["field"] == "(row)" and "quoted field is never closed" in problem["message"]
    assert f"starting on line {line}" in problem["message"]
    assert f"(line {line + 2})" in problem["message"]  # up to the end of the file
    assert max(rows) == line


def test_a_huge_integer_in_a_csv_case_cell_names_the_field(fault_env, settings_file, tmp_path):
    src, out = tmp_path / "in.csv", tmp_path / "out.jsonl"
    whole = json.dumps(case(case_id="x")).replace('"version": "5"', f'"seats": {HUGE}')
    src.write_text(csv_line(["case"]) + csv_line([whole]) + csv_line([json.dumps(GOOD)]))
    proc = batch(dict(fault_env, SUPPORTCORE_PLUGINS="acme"), settings_file, src, out)
    assert proc.returncode == 2
    first, second = read_rows(out)
    assert first["line"] == 2 and first["errors"][0]["field"] == "licences[0].seats"
    assert second["ok"]


# --------------------------------------------------------------------------- where rows go


@pytest.fixture
def two_rows(tmp_path: Path) -> Path:
    src = tmp_path / "in.jsonl"
    src.write_text(jsonl(case(case_id="a"), case(case_id="b")))
    return src


def test_out_dash_writes_to_standard_output(env, settings_file, two_rows):
    proc = batch(env, settings_file, two_rows, "-")
    assert proc.returncode == 0, proc.stderr
    assert [json.loads(x)["decision"]["case_id"] for x in proc.stdout.splitlines()] == ["a", "b"]
    assert "→ standard output" in proc.stderr


def test_out_dev_stdout_is_written_straight_and_stays_what_it_is(env, settings_file, two_rows):
    before = os.stat("/dev/stdout").st_mode if os.path.exists("/dev/stdout") else None
    if before is None:
        pytest.skip("no /dev/stdout here")
    proc = batch(env, settings_file, two_rows, "/dev/stdout")
    assert proc.returncode == 0, proc.stderr
    assert len(proc.stdout.splitlines()) == 2
    assert not stat.S_ISREG(os.lstat("/dev/stdout").st_mode)
    assert os.path.islink("/dev/stdout") or stat.S_ISCHR(os.stat("/dev/stdout").st_mode)


def test_out_dev_null_is_written_straight_and_stays_a_device(env, settings_file, two_rows):
    proc = batch(env, settings_file, two_rows, os.devnull)
    assert proc.returncode == 0, proc.stderr
    assert stat.S_ISCHR(os.stat(os.devnull).st_mode)


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes here")
def test_out_fifo_is_written_straight_and_stays_a_fifo(env, settings_file, two_rows, tmp_path):
    fifo = tmp_path / "rows.fifo"
    os.mkfifo(fifo)
    got: list[bytes] = []
    reader = threading.Thread(target=lambda: got.append(fifo.read_bytes()), daemon=True)
    reader.start()
    proc = batch(env, settings_file, two_rows, fifo)
    reader.join(10)
    assert proc.returncode == 0, proc.stderr
    assert len(got[0].splitlines()) == 2
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode)


def test_out_symlink_keeps_the_link_and_replaces_its_target(env, settings_file, two_rows, tmp_path):
    target = tmp_path / "results" / "today.jsonl"
    target.parent.mkdir()
    target.write_text("yesterday\n")
    link = tmp_path / "latest.jsonl"
    link.symlink_to(target)
    proc = batch(env, settings_file, two_rows, link)
    assert proc.returncode == 0, proc.stderr
    assert link.is_symlink() and os.readlink(link) == str(target)
    assert len(read_rows(target)) == 2
    assert not parts(tmp_path) and not parts(target.parent)


@pytest.mark.parametrize("through", ["same path", "a symlink"])
def test_out_equal_to_the_input_is_refused_and_the_input_kept(
    env, settings_file, tmp_path, through
):
    src = tmp_path / "in.jsonl"
    src.write_text(jsonl(GOOD))
    out = src
    if through == "a symlink":
        out = tmp_path / "out.jsonl"
        out.symlink_to(src)
    proc = batch(env, settings_file, src, out)
    assert proc.returncode == 2
    assert "is the input file" in proc.stderr
    assert src.read_text() == jsonl(GOOD)


# --------------------------------------------------------------------------- a full disk


@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="no /dev/full here")
def test_a_full_device_is_a_clear_error_with_exit_74(env, settings_file, two_rows):
    proc = batch(env, settings_file, two_rows, "/dev/full")
    assert proc.returncode == 74
    assert "/dev/full: cannot write output (No space left on device)" in proc.stderr


@pytest.mark.skipif(not hasattr(signal, "SIGXFSZ"), reason="no file size limit here")
def test_a_file_too_large_to_write_leaves_the_target_and_no_temporary_file(
    env, settings_file, tmp_path
):
    import resource

    src, out = tmp_path / "in.jsonl", tmp_path / "out.jsonl"
    src.write_text(jsonl(*(case(case_id=f"r{i}") for i in range(40))))
    out.write_text("yesterday\n")

    def limit() -> None:  # in the child: writing past 16 KiB fails (EFBIG), as a full disk would
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, (16 * 1024, 16 * 1024))

    args = [SUPPORTCORE, "batch", str(src), "-o", str(out), "--settings", str(settings_file)]
    proc = subprocess.run(
        args, env=env, capture_output=True, text=True, preexec_fn=limit, timeout=60, check=False
    )
    assert_no_traceback(proc)
    assert proc.returncode == 74
    assert "cannot write output (File too large); it was not written" in proc.stderr
    assert out.read_text() == "yesterday\n" and not parts(tmp_path)


# --------------------------------------------------------------------------- signals


def _children(pid: int) -> set[int]:
    found = set()
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                text = (entry / "stat").read_text()
            except OSError:
                continue
            if int(text.rsplit(")", 1)[1].split()[1]) == pid:
                found.add(int(entry.name))
    return found


def _alive(pid: int) -> bool:
    try:
        text = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return False
    return text.rsplit(")", 1)[1].split()[0] != "Z"  # a zombie has exited


def _started(env, settings, tmp_path: Path, jobs: str) -> tuple[subprocess.Popen[str], set[int]]:
    """A batch run stuck on a row that sleeps, once its temporary file and workers exist."""
    src, out = tmp_path / "in.jsonl", tmp_path / "out.jsonl"
    rows = [case(case_id=f"r{i}") for i in range(6)]
    rows[3] = case("f_sleep_eligibility", case_id="sleeps")
    src.write_text(jsonl(*rows))
    out.write_text("yesterday\n")
    args = [SUPPORTCORE, "batch", str(src), "-o", str(out), "--settings", str(settings)]
    args += ["-j", jobs, "--chunk-size", "1"]
    proc = subprocess.Popen(
        args, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )
    workers: set[int] = set()
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        workers = _children(proc.pid)
        if parts(tmp_path) and len(workers) >= (2 if jobs == "2" else 0):
            time.sleep(0.5)  # the sleeping row reached
            return proc, _children(proc.pid)
        time.sleep(0.05)
    proc.kill()
    pytest.fail(f"the run did not start: {proc.communicate()}")


def _gone(pids: set[int], within: float = 10) -> bool:
    deadline = time.monotonic() + within
    while any(_alive(p) for p in pids) and time.monotonic() < deadline:
        time.sleep(0.05)
    return not any(_alive(p) for p in pids)


SIGNALS = [("SIGINT", 130), ("SIGTERM", 143), ("SIGHUP", 129)]


@pytest.mark.skipif(not LINUX, reason="reads /proc to find the workers")
@pytest.mark.parametrize("jobs", ["1", "2"])
@pytest.mark.parametrize("name, code", SIGNALS, ids=[s[0] for s in SIGNALS])
def test_a_signal_stops_the_run_cleanly(env, settings_file, tmp_path, name, code, jobs):
    proc, workers = _started(env, settings_file, tmp_path, jobs)
    proc.send_signal(getattr(signal, name))
    _stdout, stderr = proc.communicate(timeout=30)
    assert "Traceback" not in stderr, stderr
    assert proc.returncode == code, stderr
    assert f"interrupted: stopped by {name}" in stderr and "was not written" in stderr
    assert (tmp_path / "out.jsonl").read_text() == "yesterday\n"
    assert not parts(tmp_path)
    assert _gone(workers), "workers outlived the run"


@pytest.mark.skipif(not LINUX, reason="reads /proc to find the workers")
def test_sigkill_of_the_parent_takes_the_workers_and_the_next_run_clears_its_file(
    env, settings_file, tmp_path
):
    proc, workers = _started(env, settings_file, tmp_path, "2")
    assert workers
    proc.kill()
    proc.communicate(timeout=30)
    assert _gone(workers), "workers outlived their killed parent"
    (left,) = parts(tmp_path)  # named as what it is: a part, of this host's killed process
    assert left.startswith(f".out.jsonl.{socket.gethostname()[:32]}.{proc.pid}.")
    assert (tmp_path / "out.jsonl").read_text() == "yesterday\n"
    src = tmp_path / "in.jsonl"
    src.write_text(jsonl(GOOD))
    again = batch(env, settings_file, src, tmp_path / "out.jsonl")
    assert again.returncode == 0
    assert not parts(tmp_path)


def test_a_temporary_file_of_a_live_run_or_another_host_is_left_alone(
    env, settings_file, two_rows, tmp_path
):
    host = socket.gethostname()[:32]
    mine = tmp_path / f".out.jsonl.{host}.{os.getpid()}.abcdefgh.part"  # alive: this process
    other = tmp_path / ".out.jsonl.elsewhere.1.abcdefgh.part"
    mine.write_text("")
    other.write_text("")
    assert batch(env, settings_file, two_rows, tmp_path / "out.jsonl").returncode == 0
    assert mine.exists() and other.exists()


# --------------------------------------------------------------------------- hanging rows


def test_a_hanging_row_gets_an_error_row_within_the_row_timeout(env, settings_file, tmp_path):
    src, out = tmp_path / "in.jsonl", tmp_path / "out.jsonl"
    rows = [case(case_id=f"r{i}") for i in range(5)]
    rows[2] = case("f_sleep_eligibility", case_id="sleeps")
    src.write_text(jsonl(*rows))
    started = time.monotonic()
    proc = batch(env, settings_file, src, out, "--row-timeout", "1", "-j", "1")
    assert time.monotonic() - started < 30
    assert proc.returncode == 3, proc.stderr
    written = read_rows(out)
    assert [r["ok"] for r in written] == [True, True, False, True, True]
    assert written[2]["case_id"] == "sleeps"
    assert written[2]["errors"] == [
        {
            "field": "(timeout)",
            "message": "no decision within 1 s (--row-timeout); "
            "the worker evaluating it was stopped and replaced",
        }
    ]


@pytest.mark.parametrize("value", ["0", "-1", "soon"])
def test_a_row_timeout_that_is_not_a_positive_number_is_refused(env, two_rows, tmp_path, value):
    proc = run(
        ["batch", str(two_rows), "-o", str(tmp_path / "o.jsonl"), "--row-timeout", value], env
    )
    assert_no_traceback(proc)
    assert proc.returncode == 2 and "--row-timeout" in proc.stderr


# --------------------------------------------------------------------------- spreadsheet formulas

FORMULAS = [
    ('=HYPERLINK("http://x")', '\'=HYPERLINK("http://x")'),
    ("+1+cmd|' /C calc'!A0", "'+1+cmd|' /C calc'!A0"),
    ("-2+3", "'-2+3"),
    ("@SUM(A1:A2)", "'@SUM(A1:A2)"),
    ("\tTAB", "'\tTAB"),
    ("\rCR", "'\rCR"),
    ("-12.50", "-12.50"),
    ("+34", "+34"),
    ("T-1", "T-1"),
    ("", ""),
]


@pytest.mark.parametrize("cell, written", FORMULAS)
def test_a_cell_a_spreadsheet_would_run_is_escaped_and_a_number_is_not(cell, written):
    assert escape_formula(cell) == written


def test_csv_output_escapes_formulas_unless_told_not_to(env, settings_file, tmp_path):
    src = tmp_path / "in.jsonl"
    src.write_text(jsonl(case(case_id='=HYPERLINK("http://evil")')))
    out = tmp_path / "out.csv"
    assert batch(env, settings_file, src, out).returncode == 0
    (row,) = csv.DictReader(out.read_text().splitlines())
    assert row["case_id"] == '\'=HYPERLINK("http://evil")'
    assert json.loads(row["decision"])["case_id"] == '=HYPERLINK("http://evil")'
    assert batch(env, settings_file, src, out, "--no-escape-formulas").returncode == 0
    (row,) = csv.DictReader(out.read_text().splitlines())
    assert row["case_id"] == '=HYPERLINK("http://evil")'


# --------------------------------------------------------------------------- runs that cannot start

CANNOT_START = [
    # (label, the input file's text or None for no file, options, what the message says)
    ("missing-input", None, [], "cannot read input"),
    ("empty-csv", "", ["--input-format", "csv"], "the CSV file is empty"),
    ("header-typo", "vendor,request.categroy\n", ["--input-format", "csv"], "no field 'categroy'"),
    ("header-index", "vendor,licences[99999].product\n", ["--input-format", "csv"], "index 99,999"),
    ("header-twice", "vendor,vendor\n", ["--input-format", "csv"], "appears twice"),
    ("bad-at", jsonl(GOOD), ["--at", "yesterday"], "--at"),
    ("bad-jobs", jsonl(GOOD), ["--jobs", "0"], "--jobs"),
    ("bad-chunk-size", jsonl(GOOD), ["--chunk-size", "0"], "--chunk-size"),
    ("bad-format", jsonl(GOOD), ["--output-format", "xml"], "--output-format"),
    ("out-is-a-directory", jsonl(GOOD), ["--out", "."], "directory"),
    ("out-in-no-directory", jsonl(GOOD), ["--out", "nowhere/out.jsonl"], "no directory"),
    ("settings-missing", jsonl(GOOD), ["--settings", "missing.toml"], "missing.toml"),
]


@pytest.mark.parametrize(
    "label, text, options, says", CANNOT_START, ids=[r[0] for r in CANNOT_START]
)
def test_a_run_that_cannot_start_says_why_with_exit_2_and_writes_nothing(
    env, tmp_path, label, text, options, says
):
    src = tmp_path / "in.jsonl"
    if text is not None:
        src.write_text(text)
    out = ["--out", "out.jsonl"] if "--out" not in options else []
    proc = run(["batch", str(src), *out, *options], env, cwd=tmp_path)
    assert_no_traceback(proc)
    assert proc.returncode == 2, proc.stderr
    assert says in proc.stderr
    assert not (tmp_path / "out.jsonl").exists() and not parts(tmp_path)
