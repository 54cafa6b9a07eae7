"""The command line: vendors, terms, evaluate; exit codes 0 / 2 / 3."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import tomli_w
from click.testing import CliRunner

from supportcore.cli import main

from .conftest import ACME_BASE, ACME_SETTINGS


@pytest.fixture
def cli(fake_dists):
    fake_dists("supportcore-acme", {"acme": "acme_support"}, version="0.9")
    runner = CliRunner()

    def run(*args: str):
        return runner.invoke(main, [*args], catch_exceptions=False)

    return run


@pytest.fixture
def files(tmp_path: Path):
    def write(name: str, data: dict) -> str:
        p = tmp_path / name
        if name.endswith(".json"):
            p.write_text(json.dumps(data))
        else:
            p.write_text(tomli_w.dumps(data))
        return str(p)

    return write


def test_vendors_lists_the_installed_vendor_as_json(cli):
    result = cli("vendors", "--json", "--plugins", "acme")
    assert result.exit_code == 0
    rec = json.loads(result.output)[0]
    assert rec["name"] == "acme" and rec["distribution"] == "supportcore-acme"
    assert rec["version"] == "0.9" and rec["terms_version"] == "2025" and rec["hook_api"] == 2


def test_vendors_table_and_failed_plugin_exit_code(cli, fake_dists):
    fake_dists("supportcore-broken", {"broken": "cli_broken"}, {"cli_broken.py": "1/0\n"})
    result = cli("vendors", "--plugins", "acme,broken")
    assert result.exit_code == 3
    assert "acme" in result.output and "broken" in result.output and "failed" in result.output


def test_terms_shows_clauses_settings_and_interpretations(cli):
    result = cli("terms", "acme", "--plugins", "acme")
    assert result.exit_code == 0
    assert "Support is free for six months from purchase." in result.output
    assert "acme.hourly_rate" in result.output and "I1" in result.output


@pytest.mark.parametrize("fmt", ["--json", "--toml"])
def test_terms_machine_readable(cli, fmt):
    result = cli("terms", "acme", fmt, "--plugins", "acme")
    assert result.exit_code == 0 and "A6" in result.output


def test_terms_of_an_unknown_vendor_is_bad_input(cli):
    result = cli("terms", "nobody", "--plugins", "acme")
    assert result.exit_code == 2 and "unknown vendor 'nobody'" in result.output


def test_evaluate_explains_the_decision(cli, files):
    case = files("case.toml", ACME_BASE)
    settings = files("settings.toml", ACME_SETTINGS)
    result = cli("evaluate", case, "--settings", settings, "--plugins", "acme")
    assert result.exit_code == 0, result.output
    assert "ELIGIBILITY: entitled" in result.output
    assert "“Support is free for six months from purchase.”" in result.output  # the words
    assert "acme:A1" in result.output  # and, for the agent, the clause id


def test_evaluate_json_and_at_override(cli, files):
    case = files("case.json", ACME_BASE)
    result = cli(
        "evaluate", case, "--json", "--at", "2026-03-03T10:00:00+01:00", "--plugins", "acme"
    )
    assert result.exit_code == 0
    data = json.loads(result.output)
    assert data["eligibility"]["status"] == "not_entitled"


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"at": "2025-03-03T10:00:00"}, "at: needs a time zone"),
        ({"vendor": "nobody"}, "vendor: unknown vendor 'nobody'"),
        ({"request": {**ACME_BASE["request"], "category": "astrology"}}, "request.category"),
        ({"request": {**ACME_BASE["request"], "colour": "red"}}, "unknown key(s): colour"),
        (
            {
                "ticket": {
                    "events": [
                        {"at": "2025-03-03T09:00:00+01:00", "kind": "work_session", "minutes": -1}
                    ]
                }
            },
            "ticket.events[0].minutes",
        ),
    ],
)
def test_evaluate_bad_input_matrix_exits_2_naming_the_field(cli, files, changes, message):
    case = files("bad.toml", {**ACME_BASE, **changes})
    result = cli("evaluate", case, "--plugins", "acme")
    assert result.exit_code == 2
    assert message in result.output
    assert "Traceback" not in result.output


def test_evaluate_unreadable_and_malformed_files(cli, tmp_path):
    bad = tmp_path / "broken.toml"
    bad.write_text("vendor = \n")
    assert "not valid TOML" in cli("evaluate", str(bad), "--plugins", "acme").output
    missing = cli("evaluate", str(tmp_path / "nope.toml"), "--plugins", "acme")
    assert missing.exit_code == 2 and "cannot read file" in missing.output


def test_a_file_that_cannot_be_read_is_named_once(cli, tmp_path):
    missing = str(tmp_path / "nope.toml")
    out = cli("evaluate", missing, "--plugins", "acme").output.replace("\n", "")
    assert out.count(missing) == 1 and f"{missing}: cannot read file" in out


def test_evaluate_bad_settings_exit_2(cli, files):
    case = files("case.toml", ACME_BASE)
    settings = files("s.toml", {"acme": {"hourly_rate": "lots"}})
    result = cli("evaluate", case, "--settings", settings, "--plugins", "acme")
    assert result.exit_code == 2 and "acme.hourly_rate" in result.output
    assert f"{settings}: acme.hourly_rate" in result.output.replace("\n", "")


def test_settings_that_are_not_tables_name_the_file(cli, files):
    case = files("case.toml", ACME_BASE)
    settings = files("s.toml", {"vendor": "acme"})  # a case file given as settings
    result = cli("evaluate", case, "--settings", settings, "--plugins", "acme")
    out = result.output.replace("\n", "")
    assert result.exit_code == 2
    assert f"{settings}: vendor: expected a table of settings, got str" in out


def test_evaluate_plugin_failure_exits_3(cli, files, fake_dists):
    from .test_discovery import RAISING

    fake_dists("supportcore-boom", {"boom": "cli_boom"}, {"cli_boom.py": RAISING})
    case = files("case.toml", {**ACME_BASE, "vendor": "boom"})
    result = cli("evaluate", case, "--plugins", "acme,boom")
    assert result.exit_code == 3 and "database unreachable" in result.output


def test_evaluate_bad_at_option(cli, files):
    case = files("case.toml", ACME_BASE)
    result = cli("evaluate", case, "--at", "tomorrow", "--plugins", "acme")
    assert result.exit_code == 2 and "at:" in result.output


def test_an_unexpected_error_is_one_line_not_a_traceback(cli, files, monkeypatch):
    import supportcore.cli

    def broken(*_args, **_kwargs):
        raise RuntimeError("disk on fire")

    monkeypatch.setattr(supportcore.cli, "read_document", broken)
    result = CliRunner().invoke(
        main, ["evaluate", files("case.toml", ACME_BASE), "--plugins", "acme"]
    )
    assert result.exit_code == 1
    assert "internal error: RuntimeError: disk on fire" in result.output
    assert "Traceback" not in result.output
    monkeypatch.setenv("SUPPORTCORE_DEBUG", "1")
    with pytest.raises(RuntimeError, match="disk on fire"):
        CliRunner().invoke(
            main,
            ["evaluate", files("case.toml", ACME_BASE), "--plugins", "acme"],
            catch_exceptions=False,
        )
