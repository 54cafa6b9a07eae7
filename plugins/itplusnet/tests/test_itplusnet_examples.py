"""Every example in examples/itplusnet runs through the engine with its example settings and gives
the outcome its comment describes."""

from __future__ import annotations

import importlib.metadata
import json
from datetime import datetime
from decimal import Decimal
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
import supportcore_itplusnet

from supportcore import Decision, Engine, load_case_file

REPO = Path(__file__).resolve().parents[3]
EXAMPLES = REPO / "examples" / "itplusnet"
SETTINGS = EXAMPLES / "settings.toml"
SANTIAGO = ZoneInfo("America/Santiago")

pytestmark = pytest.mark.skipif(not SETTINGS.exists(), reason="examples/itplusnet is absent")


def _t(text: str) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=SANTIAGO)


@pytest.fixture(scope="module")
def engine() -> Engine:
    return Engine(SETTINGS, entry_points=False, extra=[("itplusnet", supportcore_itplusnet)])


def _run(engine: Engine, name: str) -> Decision:
    decision = engine.evaluate(load_case_file(EXAMPLES / name))
    assert decision.failures == ()
    return decision


def test_the_example_settings_say_they_are_examples() -> None:
    first = SETTINGS.read_text(encoding="utf-8").splitlines()[0]
    assert first.startswith("# EXAMPLE settings") and "NOT Itplusnet's published prices" in first


def test_there_are_at_least_six_examples_each_with_a_comment() -> None:
    cases = sorted(EXAMPLES.glob("0*.toml"))
    assert len(cases) >= 6
    for case in cases:
        assert case.read_text(encoding="utf-8").startswith("# Shows:"), case.name


@pytest.mark.clause("ITP-PAY-1", "ITP-DESK-1", "ITP-CAP-1")
def test_01_a_paid_attention_for_an_isbutton_problem_is_served(engine: Engine) -> None:
    d = _run(engine, "01-paid-attention-isbutton.toml")
    assert (d.eligibility.status, d.coverage.status, d.closure.status) == (
        "entitled",
        "covered",
        "open",
    )
    assert d.price.total.amount == Decimal("25000")
    assert d.closure.closes_at == _t("2026-11-23T11:40")


@pytest.mark.clause("ITP-PAY-1", "ITP-HOURS-2", "ITP-HOURS-3")
def test_02_unpaid_on_saturday_evening_pays_the_special_price(engine: Engine) -> None:
    d = _run(engine, "02-saturday-evening-not-paid-yet.toml")
    assert d.eligibility.status == "not_entitled"
    assert d.service.schedule == "special"
    (remedy,) = d.eligibility.remedies
    assert remedy.code == "pay-attention" and remedy.price.amount == Decimal("35000")
    assert "one of the two mobile numbers" in remedy.params["then"]
    assert [m.key for m in d.service.missing] == ["special_hours_mobile_numbers"]


@pytest.mark.clause("ITP-CAP-1")
def test_03_the_attention_ends_after_90_minutes(engine: Engine) -> None:
    d = _run(engine, "03-attention-limit-reached.toml")
    assert d.eligibility.status == "not_entitled"
    assert d.closure.status == "closed"
    assert d.closure.closed_at == _t("2026-11-24T16:35")
    assert d.eligibility.remedies[0].code == "pay-new-attention"


@pytest.mark.clause("ITP-LIM-INCOMPAT")
def test_04_a_64_bit_windows_is_an_excluded_incompatibility(engine: Engine) -> None:
    d = _run(engine, "04-64-bit-windows.toml")
    assert d.coverage.status == "excluded"
    assert d.coverage.reasons[0].code == "incompatible-os"
    assert d.price.status == "not_applicable"


@pytest.mark.clause("ITP-LIM-REINSTALL", "ITP-SEP-1")
def test_05_a_reinstallation_is_billable_at_its_own_price(engine: Engine) -> None:
    d = _run(engine, "05-reinstallation-bought-separately.toml")
    assert d.coverage.status == "billable"
    assert d.price.total.amount == Decimal("40000")


@pytest.mark.clause("ITP-SEP-1")
def test_06_no_on_site_visit_in_concepcion(engine: Engine) -> None:
    d = _run(engine, "06-on-site-outside-santiago.toml")
    assert d.coverage.status == "excluded"
    assert d.coverage.reasons[0].code == "on-site-not-offered"
    assert [r.code for r in d.eligibility.remedies] == ["pay-attention"]


@pytest.mark.clause("ITP-HOURS-4", "ITP-PAY-1")
def test_07_an_attention_paid_on_a_holiday_waits_for_the_next_opening(engine: Engine) -> None:
    d = _run(engine, "07-paid-on-a-public-holiday.toml")
    assert d.service.open_now is False
    assert d.service.response_due == _t("2026-12-09T09:00")
    assert d.eligibility.status == "entitled"


@pytest.mark.clause("ITP-LIM-DELETED-DB")
def test_08_recovering_a_deleted_database_is_excluded(engine: Engine) -> None:
    d = _run(engine, "08-deleted-database.toml")
    assert d.coverage.status == "excluded"
    assert d.coverage.reasons[0].code == "deleted-database"


@pytest.mark.clause("ITP-DESK-1")
def test_09_a_first_installation_is_undetermined(engine: Engine) -> None:
    d = _run(engine, "09-first-installation-undetermined.toml")
    assert d.coverage.status == "undetermined"
    assert d.price.status == "undetermined"
    assert d.eligibility.status == "entitled"  # email is listed in the example contact_channels


def _installed() -> bool:
    return any(
        ep.name == "itplusnet" for ep in importlib.metadata.entry_points(group="supportcore")
    )


@pytest.mark.skipif(not _installed(), reason="the plugin is not installed (no entry point)")
def test_the_cli_evaluates_every_example_with_exit_code_0() -> None:
    from click.testing import CliRunner

    from supportcore.cli import main

    cases = [str(p) for p in sorted(EXAMPLES.glob("0*.toml"))]
    result = CliRunner().invoke(
        main, ["evaluate", *cases, "--settings", str(SETTINGS), "--plugins", "itplusnet"]
    )
    assert result.exit_code == 0, result.output
    as_json = CliRunner().invoke(
        main,
        ["evaluate", *cases, "--settings", str(SETTINGS), "--plugins", "itplusnet", "--json"],
    )
    coverage = {
        (d["coverage"]["category"], d["coverage"]["status"]) for d in json.loads(as_json.output)
    }
    assert {("isbutton", "covered"), ("deleted_database_recovery", "excluded")} <= coverage
