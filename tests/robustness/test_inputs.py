"""The input matrix: malformed case files, settings files and options, each through the CLI
(``evaluate``) and the Python API. Every row asserts the exit code (2, bad input) or the
exception (``InputError``, ``SettingsError``), that no traceback is printed, and that the
message names the field (or, for a file that cannot be read at all, the file).

Rows are tables: a case row is ``(id, changes to a valid case, field named)``; the same rows
run through ``supportcore evaluate`` and through ``Engine.evaluate``.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import tomli_w
from click.testing import CliRunner

from supportcore import Engine, InputError, SettingsError, load_case_file
from supportcore.cli import main
from supportcore.limits import CURRENT, Limits

from ._inputs import CASE, DROP, SETTINGS, Digits, as_python, changed, write_case, write_text

ACME = {"acme": "acme_support"}
EVENT = "ticket.events[1]"
LIC = "licences[0]"
CON = "contracts[0]"
REQ = "request"

# --------------------------------------------------------------------------- the case rows

#: (id, changes to CASE, the field the message names)
CASE_ROWS: list[tuple[str, dict[str, Any], str]] = [
    # the evaluation instant
    ("at-missing", {"at": DROP}, "at: required field is missing"),
    ("at-naive", {"at": "2025-03-03T10:00:00"}, "at: needs a time zone"),
    ("at-401-digits", {"at": Digits(401)}, "at:"),
    ("at-5000-digits", {"at": Digits(5000)}, "at:"),
    ("at-year-1", {"at": "0001-01-01T00:00:00+00:00"}, "at: 0001-01-01"),
    ("at-year-9999", {"at": "9999-12-31T23:59:59+00:00"}, "at: 9999-12-31"),
    ("at-a-date", {"at": "9999-12-31"}, "at:"),
    ("at-dst-gap-madrid", {"at": "2026-03-29T02:30[Europe/Madrid]"}, "at: 2026-03-29T02:30"),
    ("at-dst-gap-santiago", {"at": "2026-09-06T00:30[America/Santiago]"}, "at: 2026-09-06"),
    ("at-unknown-zone", {"at": "2025-03-03T10:00[Mars/Base]"}, "at: unknown time zone"),
    ("at-zone-traversal", {"at": "2025-03-03T10:00[../../etc/passwd]"}, "at:"),
    ("at-empty", {"at": ""}, "at:"),
    ("at-list", {"at": []}, "at:"),
    ("at-float", {"at": 1.5}, "at:"),
    ("at-null", {"at": None}, "at:"),
    # who and what
    ("vendor-number", {"vendor": 5}, "vendor:"),
    ("vendor-unknown", {"vendor": "nobody"}, "vendor: unknown vendor"),
    ("vendor-markup", {"vendor": "[/x]"}, "vendor: unknown vendor '[/x]'"),
    ("id-5000-digits", {"id": Digits(5000)}, "id:"),
    ("unknown-top-key", {"colour": "red"}, "unknown key(s): colour"),
    ("5000-unknown-keys", {f"junk{i}": 1 for i in range(5000)}, "and 4,990 more"),
    ("customer-list", {"customer": [1, 2]}, "customer:"),
    ("tax-id-a-string", {"customer.tax_id": "B12345674"}, "customer.tax_id:"),
    ("tax-id-country-number", {"customer.tax_id.country": 5}, "customer.tax_id.country"),
    # the request
    ("request-missing", {REQ: DROP}, "request: required field is missing"),
    ("request-a-string", {REQ: "x"}, "request:"),
    ("category-closing-tag", {f"{REQ}.category": "[/x]"}, "request.category: unknown category"),
    ("category-bold-tag", {f"{REQ}.category": "[bold]usage"}, "'[bold]usage'"),
    ("category-number", {f"{REQ}.category": 7}, "request.category:"),
    ("product-unknown", {f"{REQ}.product": "Gizmo"}, "request.product:"),
    ("channel-unknown", {f"{REQ}.channel": "pigeon"}, "request.channel:"),
    ("received-after-at", {f"{REQ}.received_at": "2025-03-04T09:00:00+01:00"}, "received_at"),
    ("received-naive", {f"{REQ}.received_at": "2025-03-03T09:00:00"}, "request.received_at"),
    ("received-year-1", {f"{REQ}.received_at": "0001-01-01T00:00:00+00:00"}, "received_at"),
    ("urgent-a-string", {f"{REQ}.urgent": "yes"}, "request.urgent:"),
    ("request-unknown-key", {f"{REQ}.colour": "red"}, "unknown key(s): colour"),
    ("facts-a-number", {f"{REQ}.facts.plan_card": 1}, "request.facts.plan_card:"),
    ("facts-a-string", {f"{REQ}.facts": "x"}, "request.facts:"),
    ("facts-nested", {f"{REQ}.facts": {"a": [[[[["deep"]]]]]}}, "request.facts.a:"),
    ("extra-a-list", {f"{REQ}.environment.extra": [1]}, "request.environment.extra:"),
    ("os-bits-48", {f"{REQ}.environment.os_bits": 48}, "os_bits"),
    ("machines-negative", {f"{REQ}.environment.machines": -1}, "machines"),
    ("machines-10e30", {f"{REQ}.environment.machines": 10**30}, "machines"),
    ("contact-a-list", {f"{REQ}.contact": ["Ana"]}, "request.contact:"),
    # licences
    ("licences-10-million-chars", {"licences": "x" * 10_000_000}, "licences: expected a list"),
    ("licences-586kb-of-ones", {"licences": [1] * 290_000}, "licences:"),
    ("licences-50-ones", {"licences": [1] * 50}, "licences[0]:"),
    ("licence-year-9999", {f"{LIC}.acquired_on": "9999-12-31"}, "licences[0].acquired_on"),
    ("licence-month-13", {f"{LIC}.acquired_on": "2025-13-01"}, "licences[0].acquired_on"),
    ("licence-year-1", {f"{LIC}.acquired_on": "0001-01-01"}, "licences[0].acquired_on"),
    ("cost-40-digits", {f"{LIC}.cost.amount": "1" * 40}, "licences[0].cost.amount"),
    ("cost-29-digit-number", {f"{LIC}.cost.amount": 10**28}, "licences[0].cost.amount"),
    ("cost-boolean", {f"{LIC}.cost.amount": True}, "licences[0].cost.amount"),
    ("cost-negative", {f"{LIC}.cost.amount": "-5"}, "licences[0].cost"),
    ("cost-nan", {f"{LIC}.cost.amount": "NaN"}, "licences[0].cost.amount"),
    ("cost-currency-unknown", {f"{LIC}.cost.currency": "XYZ"}, "licences[0].cost"),
    ("seats-10e30", {f"{LIC}.seats": 10**30}, "licences[0].seats"),
    ("seats-true", {f"{LIC}.seats": True}, "licences[0].seats"),
    ("edition-unknown", {f"{LIC}.edition": "cloud"}, "licences[0].edition"),
    # contracts
    ("contracts-an-object", {"contracts": {"id": "C-1"}}, "contracts: expected a list"),
    ("contract-no-start", {f"{CON}.start": DROP}, "contracts[0].start"),
    ("contract-end-before-start", {f"{CON}.end": "2024-01-01"}, "contracts[0].end"),
    ("contract-start-year-1", {f"{CON}.start": "0001-01-01"}, "contracts[0].start"),
    ("included-minutes-10e30", {f"{CON}.included_minutes": 10**30}, "included_minutes"),
    ("billing-months-million", {f"{CON}.billing_months": 10**6}, "billing_months"),
    ("usage-minutes-negative", {f"{CON}.usage[0].minutes": -5}, "contracts[0].usage[0].minutes"),
    ("usage-minutes-10e30", {f"{CON}.usage[0].minutes": 10**30}, "contracts[0].usage[0].minutes"),
    ("price-40-digits", {f"{CON}.price": {"amount": "1" * 40, "currency": "EUR"}}, "price.amount"),
    ("price-1e40", {f"{CON}.price": {"amount": "1e40", "currency": "EUR"}}, "price.amount"),
    ("usage-at-year-9999", {f"{CON}.usage[0].at": "9999-01-01T00:00+00:00"}, "usage[0].at"),
    ("channels-a-string", {f"{CON}.channels": "phone"}, "contracts[0].channels"),
    ("payment-unknown", {f"{CON}.payment": "maybe"}, "contracts[0].payment"),
    # the ticket
    ("events-a-string", {"ticket.events": "x"}, "ticket.events: expected a list"),
    ("events-over-the-limit", {"ticket.events": [{}] * 10_001}, "ticket.events:"),
    ("minutes-10e30", {f"{EVENT}.minutes": 10**30}, "ticket.events[1].minutes"),
    ("minutes-5000-digits", {f"{EVENT}.minutes": Digits(5000)}, "ticket.events[1].minutes"),
    ("minutes-negative", {f"{EVENT}.minutes": -1}, "ticket.events[1].minutes"),
    ("work-session-no-minutes", {f"{EVENT}.minutes": DROP}, "minutes"),
    ("event-kind-unknown", {f"{EVENT}.kind": "explode"}, "ticket.events[1].kind"),
    ("events-out-of-order", {f"{EVENT}.at": "2025-03-03T08:00:00+01:00"}, "events[1].at"),
    ("event-after-at", {f"{EVENT}.at": "2025-03-03T11:00:00+01:00"}, "ticket.events[1].at"),
    ("booked-no-time", {f"{EVENT}.kind": "appointment_booked"}, "scheduled_for"),
    ("payment-40-digits", {f"{EVENT}.amount": {"amount": "9" * 40, "currency": "EUR"}}, "amount"),
    ("event-by-unknown", {f"{EVENT}.by": "martians"}, "ticket.events[1].by"),
    ("ticket-a-list", {"ticket": []}, "ticket:"),
]


@pytest.fixture
def cli(fake_dists: Any) -> Any:
    fake_dists("supportcore-acme", ACME)
    runner = CliRunner()

    def run(*args: str) -> Any:
        return runner.invoke(main, [*args], catch_exceptions=False)

    return run


def _assert_bad_input(result: Any, named: str) -> None:
    assert "Traceback" not in result.output
    assert result.exit_code == 2, result.output
    assert named in result.stderr, result.stderr


def _rows(rows: list[tuple[str, Any, str]]) -> list[Any]:
    return [pytest.param(changes, named, id=row_id) for row_id, changes, named in rows]


def test_the_base_case_is_valid(engine: Engine) -> None:
    decision = engine.evaluate(as_python(CASE))
    assert decision.eligibility.status == "entitled" and not decision.failures


@pytest.mark.parametrize(("changes", "named"), _rows(CASE_ROWS))
def test_a_bad_case_file_exits_2_naming_the_field(
    cli: Any, tmp_path: Path, changes: dict[str, Any], named: str
) -> None:
    path = write_case(tmp_path, changed(CASE, changes))
    _assert_bad_input(cli("evaluate", str(path), "--plugins", "acme"), named)


@pytest.mark.parametrize(("changes", "named"), _rows(CASE_ROWS))
def test_a_bad_case_from_python_is_an_input_error_naming_the_field(
    engine: Engine, changes: dict[str, Any], named: str
) -> None:
    with pytest.raises(InputError) as info:
        engine.evaluate(as_python(changed(CASE, changes)))
    assert any(named in line for line in info.value.messages()), info.value.messages()
    assert len(info.value.problems) <= CURRENT.limits.max_problems


# --------------------------------------------------------------------------- the file rows

_HEAD = '{"vendor": "acme", "request": {"product": "Widget", "category": "installation", '
_HEAD += '"channel": "phone", "received_at": "2025-03-03T09:00:00+01:00"}, '
_TOML = 'vendor = "acme"\n'

#: (id, file name, content, the field or file the message names: "FILE" for the file itself)
FILE_ROWS: list[tuple[str, str, str | bytes, str]] = [
    ("json-not-utf8", "c.json", b"\xff", "FILE: not UTF-8"),
    ("toml-not-utf8", "c.toml", b'vendor = "\xff"\n', "FILE: not UTF-8"),
    ("json-latin1", "c.json", '{"vendor": "acmé"}'.encode("latin-1"), "FILE: not UTF-8"),
    ("json-nested-100000", "c.json", "[" * 100_000 + "]" * 100_000, "FILE: nested"),
    ("json-object-nested-100000", "c.json", '{"a":' * 100_000 + "1" + "}" * 100_000, "nested"),
    ("json-nested-40", "c.json", _HEAD + '"ticket": ' + "[" * 40 + "]" * 40 + "}", "nested"),
    ("toml-nested-100000", "c.toml", "a = " + "[" * 100_000, "FILE: nested"),
    ("toml-inline-nested", "c.toml", "a = " + "{b = " * 100_000, "FILE: nested"),
    ("json-at-5000-digits", "c.json", _HEAD + '"at": 1' + "0" * 4999 + "}", "FILE: at:"),
    ("toml-at-5000-digits", "c.toml", _TOML + "at = 1" + "0" * 4999 + "\n", "FILE: at:"),
    ("toml-minutes-5000-digits", "c.toml", "[ticket]\nminutes = 1" + "0" * 4999, "minutes"),
    ("json-duplicate-key", "c.json", '{"vendor": "acme", "vendor": "acme"}', "'vendor'"),
    ("toml-duplicate-key", "c.toml", _TOML + _TOML, "FILE: not valid TOML"),
    ("toml-duplicate-table", "c.toml", "[request]\n[request]\n", "FILE: not valid TOML"),
    ("json-empty", "c.json", "", "FILE: not valid JSON"),
    ("toml-nul-byte", "c.toml", 'vendor = "a\x00"', "FILE: not valid TOML"),
    ("json-array", "c.json", "[1, 2]", "FILE: expected a JSON object"),
    ("json-a-string", "c.json", '"case"', "FILE: expected a JSON object"),
    ("json-truncated", "c.json", _HEAD, "FILE: not valid JSON"),
    ("json-nan-at", "c.json", _HEAD + '"at": NaN}', "FILE: at:"),
    ("json-1e400-amount", "c.json", _HEAD + '"at": 1e400}', "FILE: at:"),
    ("unknown-suffix", "c.txt", "vendor = 'acme'", "FILE: unknown file type"),
    ("yaml-suffix", "c.yaml", "vendor: acme", "FILE: unknown file type"),
]


def _file_rows() -> list[Any]:
    return [
        pytest.param(name, content, named, id=row_id) for row_id, name, content, named in FILE_ROWS
    ]


@pytest.mark.parametrize(("name", "content", "named"), _file_rows())
def test_an_unreadable_case_file_exits_2_naming_it(
    cli: Any, tmp_path: Path, name: str, content: str | bytes, named: str
) -> None:
    path = write_text(tmp_path, name, content)
    result = cli("evaluate", str(path), "--plugins", "acme")
    _assert_bad_input(result, named.replace("FILE", str(path)))


@pytest.mark.parametrize(("name", "content", "named"), _file_rows())
def test_an_unreadable_case_file_from_python_is_an_input_error_naming_it(
    tmp_path: Path, name: str, content: str | bytes, named: str
) -> None:
    path = write_text(tmp_path, name, content)
    with pytest.raises(InputError) as info:
        load_case_file(path)
    text = "\n".join(info.value.messages())
    assert named.replace("FILE", str(path)) in text, text


def _special_paths(tmp_path: Path) -> dict[str, Path]:
    big = write_text(tmp_path, "big.json", " " * 2000 + "{}")
    return {
        "missing": tmp_path / "nope.json",
        "directory": tmp_path,
        "over-the-size-limit": big,
        "nul-in-the-name": Path(str(tmp_path / "a") + "\x00.json"),
    }


@pytest.mark.parametrize("which", ["missing", "directory", "over-the-size-limit"])
def test_a_file_that_cannot_be_read_exits_2_naming_it(
    cli: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, which: str
) -> None:
    monkeypatch.setattr(CURRENT, "limits", Limits(max_document_bytes=1000))
    path = _special_paths(tmp_path)[which]
    if which == "directory":
        path = tmp_path / "dir.json"
        path.mkdir()
    _assert_bad_input(cli("evaluate", str(path), "--plugins", "acme"), str(path))


@pytest.mark.parametrize(
    "which", ["missing", "directory", "over-the-size-limit", "nul-in-the-name"]
)
def test_a_file_that_cannot_be_read_from_python_is_an_input_error_naming_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, which: str
) -> None:
    monkeypatch.setattr(CURRENT, "limits", Limits(max_document_bytes=1000))
    path = _special_paths(tmp_path)[which]
    if which == "directory":
        path = tmp_path / "dir.json"
        path.mkdir()
    with pytest.raises(InputError) as info:
        load_case_file(path)
    assert info.value.problems[0].field == str(path)


# --------------------------------------------------------------------------- settings rows

PHONE = "acme.phone_hours"

#: (id, changes to SETTINGS, the setting the message names)
SETTINGS_ROWS: list[tuple[str, dict[str, Any], str]] = [
    ("tariff-negative", {"acme.hourly_rate": "-5"}, "acme.hourly_rate: must not be negative"),
    ("tariff-40-digits", {"acme.hourly_rate": "1" * 40}, "acme.hourly_rate: "),
    ("tariff-10e40-integer", {"acme.hourly_rate": 10**40}, "acme.hourly_rate: "),
    ("tariff-a-word", {"acme.hourly_rate": "lots"}, "acme.hourly_rate: 'lots'"),
    ("tariff-a-boolean", {"acme.hourly_rate": True}, "acme.hourly_rate: "),
    ("tariff-nan", {"acme.hourly_rate": "NaN"}, "acme.hourly_rate: "),
    ("tariff-zero-plugin-check", {"acme.hourly_rate": "0"}, "acme.hourly_rate: must be more"),
    ("rate-40-digits", {"acme.tax_rate": "2" * 40}, "acme.tax_rate: '22"),
    ("rate-a-word", {"acme.tax_rate": "high"}, "acme.tax_rate: 'high'"),
    ("unknown-setting", {"acme.colour": "red"}, "acme.colour: unknown setting"),
    ("table-a-number", {"acme": 5}, "acme: expected a table"),
    ("window-backwards", {f"{PHONE}.schedules[0].windows": ["18:00-09:00"]}, PHONE),
    ("window-junk", {f"{PHONE}.schedules[0].windows": ["[/x]"]}, PHONE),
    ("zone-unknown", {f"{PHONE}.timezone": "Mars/Base"}, PHONE),
    ("holidays-unknown-country", {f"{PHONE}.holidays.country": "XX"}, PHONE),
    ("calendar-a-string", {PHONE: "9 to 5"}, PHONE),
    ("schedules-a-string", {f"{PHONE}.schedules": "x" * 100_000}, f"{PHONE}.schedules"),
    (
        "closure-year-9999",
        {f"{PHONE}.closures": [{"start": "9999-01-01", "end": "9999-02-01"}]},
        PHONE,
    ),
]


def _write_settings(directory: Path, data: dict[str, Any]) -> Path:
    return write_text(directory, "settings.toml", tomli_w.dumps(data))


@pytest.mark.parametrize(("changes", "named"), _rows(SETTINGS_ROWS))
def test_bad_settings_exit_2_naming_the_setting(
    cli: Any, tmp_path: Path, changes: dict[str, Any], named: str
) -> None:
    case = write_case(tmp_path, as_python(CASE))
    settings = _write_settings(tmp_path, changed(SETTINGS, changes))
    result = cli("evaluate", str(case), "--settings", str(settings), "--plugins", "acme")
    _assert_bad_input(result, named)
    assert str(settings) in result.stderr


@pytest.mark.parametrize(("changes", "named"), _rows(SETTINGS_ROWS))
def test_bad_settings_from_python_are_a_settings_error_naming_the_setting(
    fake_dists: Any, tmp_path: Path, changes: dict[str, Any], named: str
) -> None:
    fake_dists("supportcore-acme", ACME)
    settings = _write_settings(tmp_path, changed(SETTINGS, changes))
    with pytest.raises(SettingsError) as info:
        Engine(settings, allow=["acme"])
    assert any(named in p for p in info.value.problems), info.value.problems
    assert all(p.startswith(str(settings)) for p in info.value.problems)


#: (id, settings file name, content, what the message names)
SETTINGS_FILE_ROWS: list[tuple[str, str, str | bytes, str]] = [
    ("not-utf8", "s.toml", b"[acme]\nhourly_rate = '\xff'\n", "not UTF-8"),
    ("nested-100000", "s.toml", "a = " + "[" * 100_000, "nested more than"),
    ("tariff-5000-digits", "s.toml", "[acme]\nhourly_rate = 1" + "0" * 4999, "acme.hourly_rate"),
    ("tariff-hex-5000", "s.toml", "[acme]\nhourly_rate = 0x" + "f" * 5000, "acme.hourly_rate"),
    ("duplicate-table", "s.toml", "[acme]\n[acme]\n", "not valid TOML"),
    ("duplicate-key", "s.toml", "[acme]\ntax_rate = 1\ntax_rate = 2\n", "not valid TOML"),
    ("table-misspelt", "s.toml", "[acm]\nhourly_rate = '5'\n", "acm"),
    ("table-in-markup", "s.toml", "['[binarem]']\nx = 1\n", "[binarem]"),
    ("not-toml", "s.toml", "hourly_rate: 5\n", "not valid TOML"),
    ("a-json-file", "s.toml", '{"acme": {}}', "not valid TOML"),
]


def _settings_file_rows() -> list[Any]:
    return [
        pytest.param(name, content, named, id=row_id)
        for row_id, name, content, named in SETTINGS_FILE_ROWS
    ]


@pytest.mark.parametrize(("name", "content", "named"), _settings_file_rows())
def test_an_unreadable_settings_file_exits_2_naming_it(
    cli: Any, tmp_path: Path, name: str, content: str | bytes, named: str
) -> None:
    case = write_case(tmp_path, as_python(CASE))
    settings = write_text(tmp_path, name, content)
    result = cli("evaluate", str(case), "--settings", str(settings), "--plugins", "acme")
    _assert_bad_input(result, named)
    assert str(settings) in result.stderr


@pytest.mark.parametrize(("name", "content", "named"), _settings_file_rows())
def test_an_unreadable_settings_file_from_python_is_a_settings_error(
    fake_dists: Any, tmp_path: Path, name: str, content: str | bytes, named: str
) -> None:
    fake_dists("supportcore-acme", ACME)
    settings = write_text(tmp_path, name, content)
    with pytest.raises(SettingsError) as info:
        Engine(settings, allow=["acme"])
    assert any(named in p for p in info.value.problems), info.value.problems


@pytest.mark.parametrize("which", ["missing", "directory"])
def test_a_settings_file_that_cannot_be_read_is_a_settings_error(
    tmp_path: Path, which: str
) -> None:
    path = tmp_path / "nope.toml" if which == "missing" else tmp_path
    with pytest.raises(SettingsError, match="cannot read settings file"):
        Engine(path, entry_points=False)


# --------------------------------------------------------------------------- option rows

#: (id, --at value, what the message says after "--at: ")
AT_ROWS: list[tuple[str, str, str]] = [
    ("word", "tomorrow", "is not an ISO 8601 date-time"),
    ("empty", "", "is not an ISO 8601 date-time"),
    ("naive", "2025-03-03T10:00:00", "needs a time zone"),
    ("year-1", "0001-01-01T00:00:00+00:00", "out of range"),
    ("year-9999", "9999-12-31T23:59:59+00:00", "out of range"),
    ("dst-gap", "2026-03-29T02:30[Europe/Madrid]", "does not exist in Europe/Madrid"),
    ("zone-unknown", "2025-03-03T10:00[Nowhere/Zone]", "unknown time zone"),
    ("markup", "[/x]", "is not an ISO 8601 date-time"),
]


@pytest.mark.parametrize(("value", "message"), [pytest.param(v, m, id=i) for i, v, m in AT_ROWS])
def test_a_bad_at_option_exits_2_naming_the_option(
    cli: Any, tmp_path: Path, value: str, message: str
) -> None:
    case = write_case(tmp_path, as_python(CASE))
    result = cli("evaluate", str(case), "--at", value, "--plugins", "acme")
    _assert_bad_input(result, "--at: ")
    assert message in result.stderr
    assert str(case) not in result.stderr  # the option is at fault, not the case file


# --------------------------------------------------------------------------- behaviours


def test_a_case_may_leave_out_at_when_the_option_gives_it(cli: Any, tmp_path: Path) -> None:
    case = write_case(tmp_path, changed(CASE, {"at": DROP}), ".toml")
    result = cli("evaluate", str(case), "--at", "2025-03-03T10:00:00+01:00", "--plugins", "acme")
    assert result.exit_code == 0, result.output
    assert "Evaluated at 2025-03-03T10:00:00+01:00" in result.stdout


def test_at_now_is_the_current_instant(cli: Any, tmp_path: Path) -> None:
    case = write_case(tmp_path, as_python(CASE))
    result = cli("evaluate", str(case), "--at", "now", "--json", "--plugins", "acme")
    assert result.exit_code == 0, result.output
    assert '"evaluated_at": "20' in result.stdout


def test_user_text_is_printed_as_written_not_as_markup(cli: Any, tmp_path: Path) -> None:
    case = write_case(tmp_path, changed(CASE, {"request.category": "[bold]usage"}))
    result = cli("evaluate", str(case), "--plugins", "acme")
    assert "unknown category '[bold]usage'" in result.stderr


def test_control_characters_of_a_case_id_are_shown_not_sent(cli: Any, tmp_path: Path) -> None:
    case = write_case(tmp_path, changed(CASE, {"id": "T-1\x1b[31mRED\x07"}))
    result = cli("evaluate", str(case), "--plugins", "acme")
    assert result.exit_code == 0
    assert "\x1b" not in result.stdout and "\x07" not in result.stdout
    assert "Case T-1\\x1b[31mRED\\x07" in result.stdout


def test_a_markup_file_name_is_printed_as_written(cli: Any, tmp_path: Path) -> None:
    (tmp_path / "[").mkdir()
    first = write_case(tmp_path, as_python(CASE), name="[bold]one")
    second = write_case(tmp_path / "[", as_python(CASE), name="x]two")
    result = cli("evaluate", str(first), str(second), "--plugins", "acme")
    assert result.exit_code == 0, result.output
    assert "[/x]two.json" in result.stdout and "[bold]one.json" in result.stdout


def test_an_empty_plugins_option_is_no_allow_list_like_an_empty_variable(
    cli: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    case = str(write_case(tmp_path, as_python(CASE)))
    by_option = cli("evaluate", case, "--plugins", "", "--json")
    monkeypatch.setenv("SUPPORTCORE_PLUGINS", "")
    by_variable = cli("evaluate", case, "--json")
    assert by_option.exit_code == by_variable.exit_code == 0
    assert by_option.stdout == by_variable.stdout


def test_problems_are_bounded_per_list_and_per_case(engine: Engine) -> None:
    junk = changed(CASE, {"licences": [1] * 9_000, "contracts": [{}] * 9_000})
    with pytest.raises(InputError) as info:
        engine.evaluate(junk)
    problems = info.value.problems
    assert len(problems) <= CURRENT.limits.max_problems
    assert sum("licences[" in p.field for p in problems) == CURRENT.limits.max_item_problems
    assert any("reading stopped after" in p.message for p in problems)


def test_a_larger_list_is_read_when_the_limit_is_raised(engine: Engine) -> None:
    from supportcore.limits import using

    events = [{"at": "2025-03-03T09:00:00+01:00", "kind": "note"}] * 10_001
    with pytest.raises(InputError, match=r"ticket\.events"):
        engine.evaluate(changed(CASE, {"ticket.events": events}))
    with using(Limits(max_items=20_000)):
        assert engine.evaluate(changed(CASE, {"ticket.events": events})).case_id == "T-1"


def test_hooks_cannot_change_the_callers_facts(engine: Engine) -> None:
    from supportcore.convert import case_from_dict

    case = case_from_dict(as_python(CASE))
    with pytest.raises(TypeError):
        case.request.facts["plan_card"] = "no"  # type: ignore[index]
    with pytest.raises(TypeError):
        case.request.environment.extra.update(site="Sevilla")  # type: ignore[attr-defined]
    assert case.request.facts == {"plan_card": "yes"}


# --------------------------------------------------------------------------- real processes

#: (id, case changes or raw file content, argument list after the case, exit code)
PROCESS_ROWS: list[tuple[str, Any, list[str], int]] = [
    ("closing-tag-category", {"request.category": "[/x]"}, [], 2),
    ("5000-digit-at", b'{"at": 1' + b"0" * 4999 + b"}", [], 2),
    ("not-utf8", b"\xff", [], 2),
    ("nested-100000", b"[" * 100_000, [], 2),
    ("bad-at-option", {}, ["--at", "[/x]"], 2),
    ("a-good-case", {}, [], 0),
]


@pytest.mark.parametrize(
    ("content", "args", "code"), [pytest.param(c, a, e, id=i) for i, c, a, e in PROCESS_ROWS]
)
def test_the_command_never_prints_a_traceback(
    fake_dists: Any, tmp_path: Path, content: Any, args: list[str], code: int
) -> None:
    site = fake_dists("supportcore-acme", ACME)
    if isinstance(content, bytes):
        case = write_text(tmp_path, "case.json", content)
    else:
        case = write_case(tmp_path, changed(CASE, content))
    fixtures = Path(__file__).resolve().parent.parent / "fixtures"
    paths = [str(site), str(fixtures), os.environ.get("PYTHONPATH", "")]
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(p for p in paths if p)}
    done = subprocess.run(
        [sys.executable, "-m", "supportcore", "evaluate", str(case), "--plugins", "acme", *args],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )
    assert "Traceback" not in done.stderr, done.stderr
    assert done.returncode == code, done.stderr
