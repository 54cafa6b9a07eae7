"""``supportcore check``: case files validated without evaluating, with evaluate's exit codes."""

from __future__ import annotations

import copy
import json
from pathlib import Path

import pytest
from acme_support import ACME_BASE
from click.testing import CliRunner

from supportcore.cli import main

REPO = Path(__file__).resolve().parent.parent


@pytest.fixture
def cli(fake_dists):
    fake_dists("supportcore-acme", {"acme": "acme_support"}, version="0.9")

    def run(*args: str):
        return CliRunner().invoke(main, [*args, "--plugins", "acme"], catch_exceptions=False)

    return run


@pytest.fixture
def case_file(tmp_path: Path):
    def write(data: dict, name: str = "case.json") -> str:
        path = tmp_path / name
        path.write_text(json.dumps(data), encoding="utf-8")
        return str(path)

    return write


def changed(**request) -> dict:
    data = copy.deepcopy(ACME_BASE)
    data["request"].update(request)
    return data


def test_a_valid_case_is_ok_with_exit_0(cli, case_file):
    path = case_file(ACME_BASE)
    result = cli("check", path)
    assert result.exit_code == 0
    assert f"{path}: ok" in result.output


def test_a_naive_instant_is_named_by_its_field_with_exit_2(cli, case_file):
    result = cli("check", case_file(changed(received_at="2025-03-03T09:00:00")))
    assert result.exit_code == 2
    assert "request.received_at: needs a time zone" in result.output


def test_a_product_the_vendor_does_not_sell_is_refused(case_file):
    from supportcore.convert import read_document

    data = read_document(REPO / "examples/binarema/01-free-period-usage-question.toml")
    data["request"]["product"] = "Gadget"
    path = case_file(json.loads(json.dumps(data, default=str)))
    result = CliRunner().invoke(main, ["check", path])
    assert result.exit_code == 2
    assert "request.product: 'Gadget' is not a product of Binarema" in result.output


def test_an_unknown_category_is_refused_with_the_known_ones(cli, case_file):
    result = cli("check", case_file(changed(category="astrology")))
    assert result.exit_code == 2
    assert "request.category: unknown category 'astrology'" in result.output


def test_an_unknown_vendor_is_bad_input(cli, case_file):
    result = cli("check", case_file({**ACME_BASE, "vendor": "nobody"}))
    assert result.exit_code == 2
    assert "vendor: unknown vendor 'nobody'" in result.output


def test_a_case_that_does_not_structure_still_gets_the_vendor_checks(cli, case_file):
    data = changed(category="astrology", received_at="yesterday")
    result = cli("check", case_file(data))
    assert result.exit_code == 2
    assert "request.received_at" in result.output and "request.category" in result.output


def test_every_file_is_checked_and_the_worst_exit_code_wins(cli, case_file):
    good = case_file(ACME_BASE, "good.json")
    bad = case_file(changed(channel="pigeon"), "bad.json")
    result = cli("check", good, bad)
    assert result.exit_code == 2
    assert f"{good}: ok" in result.output and f"{bad}: request.channel" in result.output


def test_a_case_without_its_instant_is_valid_with_at(cli, case_file):
    data = {k: v for k, v in ACME_BASE.items() if k != "at"}
    assert cli("check", case_file(data)).exit_code == 2
    assert cli("check", case_file(data), "--at", "2025-03-03T10:00+01:00").exit_code == 0


def test_an_invalid_tax_id_is_a_warning_not_a_refusal(cli, case_file):
    data = copy.deepcopy(ACME_BASE)
    data["customer"]["tax_id"] = {"country": "ES", "number": "B12345670"}
    result = cli("check", case_file(data))
    assert result.exit_code == 0
    assert "warning:" in result.output and "customer.tax_id" in result.output


def test_a_file_that_is_not_json_is_named(cli, tmp_path):
    path = tmp_path / "broken.json"
    path.write_text("{not json", encoding="utf-8")
    result = cli("check", str(path))
    assert result.exit_code == 2
    assert str(path) in result.output


def test_a_vendor_that_failed_to_load_is_a_plugin_failure_exit_3(fake_dists, case_file):
    fake_dists("supportcore-acme", {"acme": "acme_support"})
    fake_dists("supportcore-broken", {"broken": "no_such_module_xyz"})
    path = case_file({**ACME_BASE, "vendor": "broken"})
    result = CliRunner().invoke(main, ["check", path, "--plugins", "acme,broken"])
    assert result.exit_code == 3
    assert "plugin error:" in result.output


def test_check_accepts_every_example_case_file():
    paths = [str(p) for p in sorted(REPO.glob("examples/*/[0-9]*.toml"))]
    result = CliRunner().invoke(main, ["check", "-q", *paths])
    assert result.exit_code == 0, result.output
    assert result.output == ""
